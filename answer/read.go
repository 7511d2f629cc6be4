package answer

import (
	"bytes"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// foldedSearch looks for a folded word in the folded form of texts, one after another, folding
// each into the same buffer: a check over an event's passages would otherwise allocate a folded
// copy of every passage.
type foldedSearch struct{ word, buf []byte }

func newFoldedSearch(folded string) foldedSearch {
	return foldedSearch{word: []byte(folded), buf: make([]byte, 0, 512)}
}

// in reports strings.Contains(textproc.Fold(text), folded), folded being the search's word.
func (s *foldedSearch) in(text string) bool {
	s.buf = textproc.AppendFold(s.buf[:0], text)
	return bytes.Contains(s.buf, s.word)
}
