package answer

import (
	"slices"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// FuzzSpecificListIsTheWordsOfSpecific checks that the specific words kept as a list are what
// splitting specific's text gives, the list its callers read instead of splitting it again.
func FuzzSpecificListIsTheWordsOfSpecific(f *testing.F) {
	tl, err := knowledge.Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, q := range []string{"What did Roger Stone tweet?", "wat was teh pasword WL guesed for putintrump.org", "", "the a of",
		"Qu'a écrit WikiLeaks le 9 novembre 2016 ?", "how many days before election day did WL DM Don Jr? list em", "Roger-Stone's l'élection"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := Retrieval{Timeline: tl}
		r.useCaches(new(caches))
		spec, list := r.specific(text), r.specificList(text)
		if want := textproc.Words(spec); !slices.Equal(list, want) || (list == nil) != (want == nil) {
			t.Fatalf("specificList(%q) = %q, want the words of %q: %q", text, list, spec, want)
		}
	})
}
