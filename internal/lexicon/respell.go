package lexicon

import (
	"sync"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// minRespell is the shortest typed word Respell corrects: one edit from a word of three letters or
// less is some other word more often than a slip ("bot" and "boat", "mer" and "mere").
const minRespell = 4

// Respell returns the word of the lexicon a folded word of a question was meant to be, when the
// word is no entry of the lexicon but one typing slip (a letter left out, two swapped) from exactly
// one single-word entry of either language: "calld" is
// "called", "publsh" "publish", "lawer" "lawyer". The source's own vocabulary catches slips on
// its words; this catches slips on the asker's words for what the source says otherwise, which
// the lexicon then relates to the source's ("called" to "known as").
func Respell(folded string) (string, bool) {
	if len(folded) < minRespell || textproc.IsStopWord(folded) {
		return "", false
	}
	if load().listed(folded) {
		return "", false
	}
	// Only the slips that seldom make another word of the language: a letter left out ("calld"),
	// two letters swapped ("pubilsh"). A letter struck for another or one too many turns real
	// words the lexicon lacks into ones it has ("werent" would be "gerent", "besides" "resides").
	// A letter left out is by far the commonest slip in typed chat, so it is tried first; within
	// a kind, the word must be the only one, or nothing is returned ("sory" is "sorry" or
	// "story").
	ix := respellIndex()
	for _, omission := range [...]bool{true, false} {
		var best string
		n := 0
		try := func(w string) {
			if w == best || !textproc.OneEdit(w, folded) || omission != (len(w) == len(folded)+1) || !omission && !swapped(w, folded) {
				return
			}
			best = w
			n++
		}
		if omission {
			for _, w := range ix[folded] {
				try(w)
			}
		} else {
			for _, d := range textproc.Deletions(folded)[1:] {
				for _, w := range ix[d] {
					try(w)
				}
			}
		}
		if n == 1 {
			return best, true
		}
		if n > 1 {
			return "", false
		}
	}
	return "", false
}

// swapped reports whether a and b, of one length, differ by two adjacent letters swapped.
func swapped(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	i := 0
	for a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// listed reports whether a folded single word is an entry of either language.
func (l *lexicon) listed(w string) bool {
	for li := range langs {
		if _, ok := l.exact[li][w]; ok {
			return true
		}
	}
	return false
}

// respellIndex maps each single-word entry of minRespell+1 letters or more, with one letter
// deleted, to the entries it comes from: a symmetric deletion index, built once at first use.
var respellIndex = sync.OnceValue(func() map[string][]string {
	l := load()
	ix := map[string][]string{}
	for li := range langs {
		for w := range l.exact[li] {
			if len(w) <= minRespell || textproc.IsStopWord(w) || !isWord(w) {
				continue
			}
			for _, d := range textproc.Deletions(w)[1:] {
				if !contains(ix[d], w) {
					ix[d] = append(ix[d], w)
				}
			}
		}
	}
	return ix
})

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

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}
