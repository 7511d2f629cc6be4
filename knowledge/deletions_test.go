package knowledge

import (
	"slices"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// lookupByDeletions is lookupStems as it was written before its typo keys were built on the stack,
// one allocated string per key from textproc.Deletions: the reference it is checked against.
func lookupByDeletions(ix *index, word, srcLang string) (ids []int32, fuzzy bool) {
	if known, ok := ix.surface[word]; ok {
		for _, id := range known {
			if id >= 0 && !containsID(ids, id) {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			return ids, false
		}
	}
	st := ix.stemsOf(word, srcLang)
	for i, s := range st {
		if i > 0 && (s == st[0] || (i == 2 && s == st[1])) {
			continue
		}
		if id, ok := ix.terms[s]; ok && !containsID(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) > 0 || len(word) < 4 {
		return ids, false
	}
	for k, s := range []string{word, st[0], st[1]} {
		for _, d := range textproc.Deletions(s) {
			for _, id := range ix.deletes[d] {
				if k > 0 && s != word && !sharePrefix(s, ix.words[id], 3) && !ix.nearSurface(word, id) {
					continue
				}
				if !containsID(ids, id) && textproc.OneEdit(s, ix.words[id]) {
					ids = append(ids, id)
				}
			}
		}
	}
	return ids, len(ids) > 0
}

// FuzzLookupMatchesDeletions checks the seed's word lookup, typo allowance included, against the
// one that allocated each deletion key: the same terms in the same order.
func FuzzLookupMatchesDeletions(f *testing.F) {
	tl, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, w := range []string{"", "wat", "teh", "wikilieaks", "pasword", "guesed", "veselnitskya", "putintrump", "twitter", "xyzzy",
		"abcdefghijklmnopqrstuvwxyzabcdefghijklmnop", "élection", "repondu", "stonne"} {
		f.Add(w)
	}
	for _, e := range tl.Events[:10] {
		for _, w := range textproc.Words(textproc.Fold(e.Summary)) {
			f.Add(w[1:] + "x")
		}
	}
	f.Fuzz(func(t *testing.T, w string) {
		w = textproc.Fold(w)
		ids, fuzzy := tl.index.lookup(w, tl.Source.Language)
		wantIDs, wantFuzzy := lookupByDeletions(tl.index, w, tl.Source.Language)
		if !slices.Equal(ids, wantIDs) || fuzzy != wantFuzzy {
			t.Fatalf("lookup(%q) = %v, %v; want %v, %v", w, ids, fuzzy, wantIDs, wantFuzzy)
		}
	})
}
