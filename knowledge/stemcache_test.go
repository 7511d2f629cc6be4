package knowledge

import (
	"fmt"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// The index's stem cache answers what the stemmer does, for more words than it has slots (every
// slot is overwritten many times) and for one word in two languages.
func TestTheStemCacheAnswersAsTheStemmer(t *testing.T) {
	ix := &index{}
	words := []string{"published", "publier", "repondu", "rencontree", "envoie", "wrote"}
	for i := range 3 * stemSlots {
		words = append(words, fmt.Sprintf("mot%dabc", i))
	}
	for round := range 2 {
		for _, w := range words {
			for _, lang := range []string{"en", "fr"} {
				if got, want := ix.stem(w, lang), textproc.Stem(w, lang); got != want {
					t.Fatalf("round %d: stem(%q, %s) = %q, want %q", round, w, lang, got, want)
				}
			}
		}
	}
}
