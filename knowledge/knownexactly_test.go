package knowledge

import (
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// KnownExactly stops before the typo allowance; it must answer as the full lookup does (found, and
// not only one edit away), for the seed's own words, their stems, misspellings of them and words
// it lacks, in English and French.
func TestKnownExactlyAnswersAsTheFullLookup(t *testing.T) {
	tl, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"", "a", "wl", "ki", "wat", "teh", "tweet", "tweeted", "tweets", "followers", "roger", "stone", "wikileaks",
		"wikileak", "wikilieaks", "election", "elections", "electoral", "ecrit", "repondu", "pasword", "mayor", "twitter", "xyzzy", "2016", "16"}
	for _, e := range tl.Events {
		for _, text := range []string{e.Title, e.Summary} {
			for _, w := range textproc.Words(textproc.Fold(text)) {
				words = append(words, w, w+"s", w[1:], w[:len(w)-1]+"x")
			}
		}
	}
	for _, w := range words {
		ids, fuzzy := tl.index.lookup(w, tl.Source.Language)
		if got, want := tl.KnownExactly(w), len(ids) > 0 && !fuzzy; got != want {
			t.Errorf("KnownExactly(%q) = %v, want %v (lookup: %d ids, fuzzy %v)", w, got, want, len(ids), fuzzy)
		}
	}
}
