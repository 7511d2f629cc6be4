package answer

import (
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

func TestBetweenNeedsDatesAsFineAsTheUnit(t *testing.T) {
	day := func(s string) *knowledge.Event { d, _ := knowledge.ParseDate(s); return &knowledge.Event{Date: d} }
	tests := []struct {
		a, b, unit string
		n          int
		ok         bool
	}{
		{"2016-10-07", "2016-10-12", "day", 5, true},
		{"2016-10-07", "2016-10-21", "week", 2, true},
		{"2016-10", "2017-07-11", "month", 9, true},
		{"2016", "2016-10-12", "day", 0, false}, // a year has no day to count from
		{"2016", "2017-07", "month", 0, false},
		{"1840-02-06", "1854", "year", 14, true},
	}
	for _, tt := range tests {
		n, ok := between(day(tt.a), day(tt.b), tt.unit)
		if n != tt.n || ok != tt.ok {
			t.Errorf("between(%s, %s, %s) = %d, %v; want %d, %v", tt.a, tt.b, tt.unit, n, ok, tt.n, tt.ok)
		}
	}
}

func TestAnAgeQuestionIsRewrittenAsTheYearsFromTheBirth(t *testing.T) {
	for _, c := range []struct{ q, want string }{
		{"how old was he when he died", "how many years between his birth and his death"},
		{"Ada was how old when she married?", "how many years between ada's birth and she married"},
		{"quel âge avait marie quand elle est morte ?", "combien d'annees entre la naissance de marie et sa mort"},
		{"elle avait quel âge lorsque pierre est mort", "combien d'annees entre sa naissance et pierre est mort"},
	} {
		if got, _, ok := ageAsInterval(c.q); !ok || got != c.want {
			t.Errorf("ageAsInterval(%q) = %q, %v; want %q", c.q, got, ok, c.want)
		}
	}
	if _, _, ok := ageAsInterval("how old is the oldest event"); ok {
		t.Error("ageAsInterval reads a question with no event as an age")
	}
}
