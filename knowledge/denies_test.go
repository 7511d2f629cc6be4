package knowledge

import (
	"reflect"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// deniesInByWindow is the denial test as it was written, looking the three words before each word
// up: the reference deniesAt, given where the denials stand, is checked against.
func deniesInByWindow(ix *index, pw []string, lang string, words []QueryWord) bool {
	for j, w := range pw {
		negated := false
		for k := max(0, j-3); k < j; k++ {
			negated = negated || denials[pw[k]]
		}
		if !negated {
			continue
		}
		id, ok := ix.termOf(w, lang)
		if !ok {
			continue
		}
		for _, q := range words {
			if !q.matches(id) {
				continue
			}
			for k := max(0, j-3); k < j; k++ {
				if denials[pw[k]] {
					return true
				}
			}
		}
	}
	return false
}

// FuzzDeniesInAsByWindow checks deniesAt against the window lookups on any text, for verbs the
// seed has and denials at every distance.
func FuzzDeniesInAsByWindow(f *testing.F) {
	tl, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"trump jr did not reply", "n a pas repondu", "not a b c replied", "never replied at all",
		"ne lui a jamais envoye", "pas pas pas", "", "replied", "didn t x y z reply"} {
		f.Add(s, "reply replied repondu envoye")
	}
	for _, e := range tl.Events {
		for _, p := range e.Passages {
			f.Add(p.Text, "repondu ecrit tweete")
		}
	}
	f.Fuzz(func(t *testing.T, text, verbs string) {
		pw := textproc.Words(textproc.Fold(text))
		words := tl.QueryWords(verbs)
		if got, want := deniesAt(tl.index, pw, denialsIn(pw), tl.Source.Language, words), deniesInByWindow(tl.index, pw, tl.Source.Language, words); got != want {
			t.Fatalf("deniesAt(%q, %q) = %v, want %v", strings.Join(pw, " "), verbs, got, want)
		}
	})
}

// The summary sentences' words kept from the build are those of their folds, and the denials kept
// for passages and sentences those their words have, on the seed and New Zealand (a larger
// timeline reads them again, as before).
func TestSentenceWordsAreTheWordsOfTheFold(t *testing.T) {
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	nz, err := LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tl := range []*Timeline{seed, nz} {
		if tl.index.glossWords == nil {
			t.Fatal("no summary sentence words kept")
		}
		n := 0
		for _, e := range tl.Events {
			for i, p := range e.Passages {
				if got, want := tl.denialsOf(e, i, -1, nil), denialsIn(textproc.Words(textproc.Fold(p.Text))); !reflect.DeepEqual(got, want) {
					t.Fatalf("denialsOf(%s, passage %d) = %v, want %v", e.ID, i, got, want)
				}
			}
			for k, s := range tl.index.glosses[e.pos].sentences {
				if got, want := tl.sentenceWords(e, k), textproc.Words(textproc.Fold(s.Text)); !reflect.DeepEqual(got, want) {
					t.Fatalf("sentenceWords(%s, %d) = %q, want %q", e.ID, k, got, want)
				}
				if got, want := tl.denialsOf(e, s.Passage, k, nil), denialsIn(textproc.Words(textproc.Fold(s.Text))); !reflect.DeepEqual(got, want) {
					t.Fatalf("denialsOf(%s, sentence %d) = %v, want %v", e.ID, k, got, want)
				}
				n++
			}
		}
		if n == 0 {
			t.Fatal("no summary sentences")
		}
	}
}
