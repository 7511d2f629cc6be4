package lexicon

import "github.com/timelinebot/timelinebot/internal/textproc"

// minRespell is the shortest typed word Respell corrects: one edit from a word of three letters or
// less is some other word more often than a slip ("bot" and "boat", "mer" and "mere").
const minRespell = 4

// Respell returns the word of the lexicon a folded word of a question was meant to be, when the
// word is no entry of the lexicon but one typing slip (a letter left out, two swapped) from exactly
// one single-word entry of either language: "calld" is "called", "publsh" "publish", "lawer"
// "lawyer". The source's own vocabulary catches slips on its words; this catches slips on the
// asker's words for what the source says otherwise, which the lexicon then relates to the
// source's ("called" to "known as").
func Respell(folded string) (string, bool) {
	if len(folded) < minRespell || textproc.IsStopWord(folded) {
		return "", false
	}
	l := load()
	for li := range langs {
		if _, ok := l.exact[li][folded]; ok {
			return "", false
		}
	}
	// Only the slips that seldom make another word of the language: a letter left out ("calld"),
	// two letters swapped ("pubilsh"). A letter struck for another or one too many turns real
	// words the lexicon lacks into ones it has ("werent" would be "gerent", "besides" "resides").
	// A letter left out is by far the commonest slip in typed chat, so it is tried first; within
	// a kind, the word must be the only one, or nothing is returned ("sory" is "sorry" or
	// "story"). The candidates are generated and looked up, a few hundred map lookups on a
	// buffer: no index to build, nothing allocated but the answer.
	if len(folded) > maxRespell || !isWord(folded) {
		return "", false
	}
	var buf [maxRespell + 1]byte
	bit := omittedBit(folded, -1)
	omission := l.omitted[bit/64]&(1<<(bit%64)) != 0
	var best string
	n := 0
	found := func(c []byte) {
		if n > 1 || !l.listed(c) || string(c) == best {
			return
		}
		if n == 0 {
			best = string(c)
		}
		n++
	}
	// A letter left out: every letter inserted at every place.
	for i := 0; omission && i <= len(folded); i++ {
		c := buf[:len(folded)+1]
		copy(c, folded[:i])
		copy(c[i+1:], folded[i:])
		for ch := byte('a'); ch <= 'z'; ch++ {
			c[i] = ch
			found(c)
		}
	}
	if n == 1 {
		return best, true
	}
	if n > 1 {
		return "", false
	}
	// Two letters swapped.
	for i := 0; i+1 < len(folded); i++ {
		if folded[i] == folded[i+1] {
			continue
		}
		c := buf[:len(folded)]
		copy(c, folded)
		c[i], c[i+1] = c[i+1], c[i]
		found(c)
	}
	if n == 1 {
		return best, true
	}
	return "", false
}

// omittedBits is the size of the bit set of entries with a letter deleted: some 150,000 of them
// set about one bit in seven, so seven words in eight that are no omission are told at once.
const omittedBits = 1 << 20

// omittedBit hashes w without its byte at skip (none when skip is negative) to a bit of the set:
// FNV-1a, computed over the bytes kept, so no shortened copy is made.
func omittedBit(w string, skip int) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		if i != skip {
			h = (h ^ uint32(w[i])) * 16777619
		}
	}
	return h % omittedBits
}

// maxRespell is the longest typed word Respell corrects: longer words are rare, and the buffer
// the candidates are built in is on the stack.
const maxRespell = 24

// listed reports whether a folded word of letters is a single-word entry of either language.
func (l *lexicon) listed(w []byte) bool {
	_, ok := l.words[string(w)]
	return ok
}

// isWord reports whether w is one word of letters: phrases and entries with digits or spaces are
// not respelling targets.
func isWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
