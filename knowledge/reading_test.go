package knowledge

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// evalQuestions returns the questions of the repository's own eval sets, typed as users type them:
// texts that exercise typos, phrases, French and names.
func evalQuestions(tb testing.TB) []string {
	files, err := filepath.Glob("../eval/testdata/*/questions.json")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no question sets under ../eval/testdata (%v)", err)
	}
	var out []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var set struct {
			Questions []struct {
				Q string `json:"q"`
			} `json:"questions"`
		}
		if err := json.Unmarshal(raw, &set); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		for _, q := range set.Questions {
			out = append(out, q.Q)
		}
	}
	return out
}

// readingOf is the Reading a caller builds from its own reading of text.
func readingOf(t *Timeline, text string) *Reading {
	words := textproc.Words(textproc.Fold(text))
	phrases, covers := t.PhrasesOf(words)
	return &Reading{Words: words, Phrases: phrases, Covers: covers}
}

// FuzzSearchWithReadingAsWithout checks that a search given the text already read finds what one
// reading the text itself finds: the same hits, scores and coverage in the same order, the same
// unknown words; and that the reading's words are left as they were.
func FuzzSearchWithReadingAsWithout(f *testing.F) {
	tl, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, q := range evalQuestions(f) {
		f.Add(q, 0)
	}
	f.Add("who had reached out to don jr and came up with the idea", 100)
	f.Add("wat was teh pasword WL guesed", 3)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		r := readingOf(tl, text)
		words := append([]string(nil), r.Words...)
		for _, q := range []Query{{Text: text, Limit: limit}, {Text: text, EntriesOnly: true, Unsorted: true}} {
			want := tl.Search(q)
			q.Reading = r
			got := tl.Search(q)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Search(%q, limit %d) with its reading = %+v, want %+v", text, q.Limit, got, want)
			}
		}
		if !slices.Equal(words, r.Words) {
			t.Fatalf("Search modified the reading's words: %q, was %q", r.Words, words)
		}
		if p, c := tl.Phrases(text); !reflect.DeepEqual(p, r.Phrases) || !reflect.DeepEqual(c, r.Covers) {
			t.Fatalf("PhrasesOf(words of %q) = %v, %q; Phrases = %v, %q", text, r.Phrases, r.Covers, p, c)
		}
	})
}
