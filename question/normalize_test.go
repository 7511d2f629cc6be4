package question

import (
	"slices"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// normalizeDateWords returns its text's words with it, split again only when it rewrote the text:
// the words must always be those of the text returned.
func FuzzNormalizeDateWordsKeepsItsWords(f *testing.F) {
	for _, s := range []string{"", "what was the first message wikileaks sent?", "early october 2016", "mi-decembre",
		"fin oct. 2016", "end of 2016", "the twelfth of october", "le premier octobre", "christmas 2016", "noel",
		"the fourth of july", "new year's eve", "late 2016", "debut 2017", "the first of may"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := textproc.Fold(s)
		got, words := normalizeDateWords(folded, textproc.Words(folded))
		if want := textproc.Words(got); !slices.Equal(words, want) {
			t.Fatalf("normalizeDateWords(%q) = %q with words %q, want %q", folded, got, words, want)
		}
	})
}
