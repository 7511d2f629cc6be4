package question

import (
	"slices"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// normalizeDateWords returns its text's words with it, split again only when it rewrote the text:
// the words must always be those of the text returned.
func FuzzNormalizeDateWordsKeepsItsWords(f *testing.F) {
	for _, s := range []string{"", "what was the first message wikileaks sent?", "early october 2016", "mi-decembre",
		"fin oct. 2016", "end of 2016", "the twelfth of october", "le premier octobre", "christmas 2016", "noel",
		"the fourth of july", "new year's eve", "late 2016", "debut 2017", "the first of may",
		"the last week of sept 2016", "la premiere quinzaine d'octobre", "the first half of 2016", "the last week of",
		"the first two weeks of october", "les deux premieres semaines d'octobre 2016", "the last days of",
		"q3 2016", "2016 q4", "le premier trimestre 2017", "mid-2016", "au milieu de l'annee 2016"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := textproc.Fold(s)
		got, words := normalizeDateWords(folded, textproc.Words(folded), nil)
		if want := textproc.Words(got); !slices.Equal(words, want) {
			t.Fatalf("normalizeDateWords(%q) = %q with words %q, want %q", folded, got, words, want)
		}
	})
}

// mayBeDayOffset spares reDayOffset only where it cannot match: wherever the expression matches,
// the scan must say it may.
func FuzzMayBeDayOffsetWhereverTheExpressionMatches(f *testing.F) {
	for _, s := range []string{"", "three days before ", "what did wikileaks write the day after ", "3 days after trump's ",
		"deux jours apres ", "dix semaines avant le ", "two weeks\tafter", "x_12 days after", "é12 days after", "someone days after",
		"1234 days after", "un jour apres", "the days before", "2 wks after", "3 wk before", "ten wks avant"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if reDayOffset.MatchString(s) && !mayBeDayOffset(s) {
			t.Fatalf("reDayOffset matches %q, mayBeDayOffset says it cannot", s)
		}
	})
}

func TestMayBeDayOffset(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"what did wikileaks write the day after ", false},
		{"three days before ", true},
		{"3 days after ", true},
		{"deux jours apres ", true},
		{"the week before ", false},
		{"days", false},
	} {
		if got := mayBeDayOffset(tt.s); got != tt.want {
			t.Errorf("mayBeDayOffset(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// mayBeConnective spares reConnective only where it cannot match.
func FuzzMayBeConnectiveWhereverTheExpressionMatches(f *testing.F) {
	for _, s := range []string{"", "what did wikileaks write the day after ", "after the meeting of ", "avant le message du ",
		"since  it ", "depuis l'", "before\tthe\nfirst of ", "after ", "d'apres l'article du ", "15 minutes after wl's message on "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if reConnective.MatchString(s) && !mayBeConnective(s) {
			t.Fatalf("reConnective matches %q, mayBeConnective says it cannot", s)
		}
	})
}

func TestMayBeConnective(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"what did wikileaks write the day after ", false},
		{"after the meeting of ", true},
		{"avant le message du ", true},
		{"after the meeting", false},
		{"", false},
	} {
		if got := mayBeConnective(tt.s); got != tt.want {
			t.Errorf("mayBeConnective(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// joinFields is the join of the fields, on any bytes, valid UTF-8 or not.
func FuzzJoinFieldsIsJoinOfFields(f *testing.F) {
	for _, s := range []string{"", "   ", "what   was the   message wikileaks sent", " a\u00a0b\u2003c ", "\xff \xfe", "a\u0085b", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := joinFields([]byte(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("joinFields(%q) = %q, want %q", s, got, want)
		}
	})
}
