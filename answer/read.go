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

// in reports whether the search's word is one of the words of textproc.Fold(text): a whole
// word, so that "clinton" is not found in "@hillaryclinton" nor "trump" in "trumpet".
func (s *foldedSearch) in(text string) bool {
	s.buf = textproc.AppendFold(s.buf[:0], text)
	for start, end, ok := textproc.NextWord(s.buf, 0); ok; start, end, ok = textproc.NextWord(s.buf, end) {
		if bytes.Equal(s.buf[start:end], s.word) {
			return true
		}
	}
	return false
}
