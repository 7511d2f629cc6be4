package answer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

// onDateByFmt is onDate and FormatDate's time as they were written, by fmt: the reference the
// concatenations are checked against.
func onDateByFmt(e *knowledge.Event, lang string) string {
	s := FormatDate(&knowledge.Event{Date: e.Date, Time: ""}, lang)
	if e.Time != "" {
		s += tr(lang, " at %s", " à %s", e.Time)
	}
	if e.Date.Precision == knowledge.PrecisionDay {
		return tr(lang, "on %s", "le %s", s)
	}
	return tr(lang, "in %s", "en %s", s)
}

// The lead's date and a list's lines, written piece by piece, read as fmt wrote them, for every
// event of two chronologies (days, months, years, times) in both languages.
func TestDatePhrasesAsFmtWroteThem(t *testing.T) {
	seed, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	nz, err := knowledge.LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	events := append(append([]*knowledge.Event{}, seed.Events...), nz.Events...)
	events = append(events, &knowledge.Event{Date: knowledge.Date{Year: 2016, Month: 10, Day: 21, Precision: knowledge.PrecisionDay}, Time: "14:05", Title: "T"})
	for _, e := range events {
		for _, lang := range []string{"en", "fr", ""} {
			want := onDateByFmt(e, lang)
			if got := onDate(e, lang); got != want {
				t.Errorf("onDate(%s, %q) = %q, want %q", e.ID, lang, got, want)
			}
			var b strings.Builder
			writeOnDate(&b, e, lang)
			if got := b.String(); got != capitalize(want) {
				t.Errorf("writeOnDate(%s, %q) = %q, want %q", e.ID, lang, got, capitalize(want))
			}
			b.Reset()
			writeItem(&b, e, lang)
			if got, want := b.String(), fmt.Sprintf("\n• %s — %s", FormatDate(e, lang), ShortTitle(e, lang)); got != want {
				t.Errorf("writeItem(%s, %q) = %q, want %q", e.ID, lang, got, want)
			}
		}
	}
}
