package knowledge_test

import (
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

// A question's word finds the passage that says it in the source's language or in other words:
// an English word on a French source, a French word on an English one.
func TestRelatedWordsFindThePassageInTheSourcesLanguage(t *testing.T) {
	seed, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	nz, err := knowledge.LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tl    *knowledge.Timeline
		event string
		words string
		want  string // the best passage contains it
	}{
		// "released" is "diffuser" in the French passage.
		{seed, "2016-10-12-wlsearch-link", "they released more", "venaient juste de diffuser"},
		// "survécu" is "survived" in the English passage.
		{nz, "", "Moriori survécu 1862", "only 101 survived"},
	}
	for _, tt := range tests {
		e := tt.tl.Event(tt.event)
		if e == nil {
			res := tt.tl.Search(knowledge.Query{Text: tt.words, Limit: 1})
			if len(res.Hits) == 0 {
				t.Fatalf("%q: no event", tt.words)
			}
			e = res.Hits[0].Event
		}
		ranked := tt.tl.RankPassages(e, tt.tl.QueryWords(tt.words))
		if got := e.Passages[ranked[0].Index].Text; !strings.Contains(got, tt.want) {
			t.Errorf("%q in %s: best passage %q, want one with %q", tt.words, e.ID, got, tt.want)
		}
	}
}
