package answer

import "testing"

func TestWeekdayAskedReadsADayAskedAsADate(t *testing.T) {
	cases := []struct {
		folded string
		want   *WeekdayAsked // nil: no day asked
		rest   string
	}{
		{"did wl send it on a wednesday", &WeekdayAsked{Day: 3}, "did wl send it"},
		{"c'etait un samedi le message", &WeekdayAsked{Day: 6}, "le message"},
		{"was it on a weekend", &WeekdayAsked{Weekend: true}, "was it"},
		{"il est sorti en semaine ou le week-end", &WeekdayAsked{Either: true}, "il est sorti"},
		{"did he post it on an actual wednesday night", &WeekdayAsked{Day: 3}, "did he post it night"},
		// A day that names a thing is no date.
		{"why was don jr asking about a wednesday leak", nil, ""},
		{"la semaine suivante", nil, ""},
		{"what did stone tweet", nil, ""},
	}
	for _, c := range cases {
		got, rest, ok := weekdayAsked(c.folded)
		switch {
		case c.want == nil && ok:
			t.Errorf("%q: asks %+v, want no day", c.folded, got)
		case c.want != nil && (!ok || got != *c.want):
			t.Errorf("%q: asks %+v (%v), want %+v", c.folded, got, ok, *c.want)
		case c.want != nil && rest != c.rest:
			t.Errorf("%q: rest %q, want %q", c.folded, rest, c.rest)
		}
	}
}
