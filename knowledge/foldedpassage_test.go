package knowledge

import (
	"slices"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// FoldedPassage is the fold of the passage, passageWords its words, and FoldedTitle and
// FoldedSummary the fold of the event's title and summary, whether the index kept it (a timeline of at most
// foldedPassagesLimit events) or folds it on demand (a larger one).
func TestFoldedPassageIsTheFoldOfThePassage(t *testing.T) {
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	s := GenerateSynth(2*foldedPassagesLimit, 7)
	large, err := Parse("synth.yaml", s.YAML, func(string) ([]byte, error) { return s.Source, nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		tl   *Timeline
		kept bool
	}{{"seed", seed, true}, {"large", large, false}} {
		if tt.kept != (len(tt.tl.Events) <= foldedPassagesLimit) {
			t.Fatalf("%s: %d events, a test case on the wrong side of the limit", tt.name, len(tt.tl.Events))
		}
		if kept := tt.tl.index.foldedPassages != nil; kept != tt.kept {
			t.Errorf("%s: passages kept folded = %v, want %v", tt.name, kept, tt.kept)
		}
		if kept := tt.tl.index.foldedTitles != nil && tt.tl.index.foldedSummaries != nil; kept != tt.kept {
			t.Errorf("%s: titles and summaries kept folded = %v, want %v", tt.name, kept, tt.kept)
		}
		for _, e := range tt.tl.Events {
			if got, want := tt.tl.FoldedTitle(e), textproc.Fold(e.Title); got != want {
				t.Fatalf("%s: FoldedTitle(%s) = %q, want %q", tt.name, e.ID, got, want)
			}
			if got, want := tt.tl.FoldedSummary(e), textproc.Fold(e.Summary); got != want {
				t.Fatalf("%s: FoldedSummary(%s) = %q, want %q", tt.name, e.ID, got, want)
			}
			for i, p := range e.Passages {
				if got, want := tt.tl.FoldedPassage(e, i), textproc.Fold(p.Text); got != want {
					t.Fatalf("%s: FoldedPassage(%s, %d) = %q, want %q", tt.name, e.ID, i, got, want)
				}
				if got, want := tt.tl.passageWords(e, i), textproc.Words(textproc.Fold(p.Text)); !slices.Equal(got, want) {
					t.Fatalf("%s: passageWords(%s, %d) = %q, want %q", tt.name, e.ID, i, got, want)
				}
			}
		}
	}
}
