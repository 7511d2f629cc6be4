package question

import (
	"reflect"
	"regexp"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// FuzzAnchoredPatternsFindWhatTheirPatternsFind checks each pattern tried only where a number
// starts against the pattern run over the whole text, and dayOfAt against reDayOf: the same
// matches and submatches, on any text (folded or not, valid UTF-8 or not).
func FuzzAnchoredPatternsFindWhatTheirPatternsFind(f *testing.F) {
	for _, s := range []string{
		"what did wikileaks ask for on 21 october 2016?", "qu'a ecrit wikileaks le 9 novembre 2016 ?", "from 3 to 14 october 2016",
		"du 3 au 14 octobre", "3rd to 14th of oct", "3-14 oct, 2016", "12 and 13 de mars 1999", "a12 october", "_1 oct", "é1 oct",
		"1999 2000 1000x 3000 21999", "1 2 3 4 5 6", "on", " on", "xon", "le  ", "du\t", "au\n", "bon", "quoi le", "1er janvier 2015",
		"the 21st of october, 2016", "le 9 nov", "9 NOVEMBRE 2016", "", "\xff1 oct", "09 octobre 2016 et 10 octobre 2016",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []struct {
			name   string
			re, at *regexp.Regexp
		}{{"reDayMonth", reDayMonth, reDayMonthAt}, {"reDayRange", reDayRange, reDayRangeAt}, {"reYear", reYear, reYearAt}} {
			for _, text := range []string{s, textproc.Fold(s)} {
				if got, want := findAllAt(c.at, text), c.re.FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s on %q: anchored found %v, the pattern %v", c.name, text, got, want)
				}
			}
		}
		if got, want := dayOfAt(s), reDayOf.FindStringIndex(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("dayOfAt(%q) = %v, reDayOf finds %v", s, got, want)
		}
	})
}
