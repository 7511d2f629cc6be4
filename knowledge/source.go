package knowledge

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// normalized is the source text with every run of whitespace collapsed to one space, which is the
// form passages are matched in ("whitespace runs may differ; nothing else"). Paragraph starts are
// kept in the same coordinates so a match can be numbered.
type normalized struct {
	text       string
	paraStarts []int // offsets in text where paragraphs 1, 2, ... start

	// cursor remembers where the previous passage matched: passages are usually listed in source
	// order, so looking just after it first makes validation of large files linear. Only loading
	// uses it, from one goroutine.
	cursor int

	gramsOnce sync.Once
	grams     *gramIndex
}

// gramIndexMin is the source size from which lookups that miss the cursor window use a gram index
// instead of a linear scan.
const gramIndexMin = 256 << 10

const cursorWindow = 64 << 10

func normalize(src string) *normalized {
	n := &normalized{}
	var b strings.Builder
	b.Grow(len(src))
	newlines, inSpace := 0, false
	for i := 0; i < len(src); {
		c := src[i]
		size, space := 1, asciiSpace[c]
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(src[i:])
			space = unicode.IsSpace(r)
		}
		if space {
			if c == '\n' {
				newlines++
			}
			inSpace = true
			i += size
			continue
		}
		if inSpace && b.Len() > 0 {
			b.WriteByte(' ')
		}
		if b.Len() == 0 || (inSpace && newlines >= 2) {
			n.paraStarts = append(n.paraStarts, b.Len())
		}
		inSpace, newlines = false, 0
		// Copy the run of ASCII non-space bytes that follows at once.
		j := i + size
		for j < len(src) && src[j] < utf8.RuneSelf && !asciiSpace[src[j]] {
			j++
		}
		b.WriteString(src[i:j])
		i = j
	}
	n.text = b.String()
	return n
}

// asciiSpace holds the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// collapse trims s and collapses its whitespace runs to single spaces.
func collapse(s string) string {
	if isCollapsed(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isCollapsed reports whether s has no leading or trailing space, no space other than ' ' and no
// two spaces in a row: what collapse would return unchanged.
func isCollapsed(s string) bool {
	prevSpace := true // a space at the start is leading
	for i := 0; i < len(s); {
		c := s[i]
		size, space := 1, asciiSpace[c]
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		if space && (c != ' ' || prevSpace) {
			return false
		}
		prevSpace = space
		i += size
	}
	return !prevSpace || s == ""
}

// find locates a collapsed passage and returns where it starts in the text and the paragraph it
// starts in.
func (n *normalized) find(passage string) (pos, para int, ok bool) {
	if passage == "" {
		return 0, 0, false
	}
	pos = -1
	if n.cursor < len(n.text) {
		end := min(len(n.text), n.cursor+cursorWindow+len(passage))
		if i := strings.Index(n.text[n.cursor:end], passage); i >= 0 {
			pos = n.cursor + i
		}
	}
	if pos < 0 {
		pos = n.index(passage)
	}
	if pos < 0 {
		return 0, 0, false
	}
	n.cursor = pos
	return pos, n.paragraphAt(pos), true
}

// index returns the first position of s in the text, or -1. It is safe for concurrent use.
func (n *normalized) index(s string) int {
	if len(n.text) < gramIndexMin || len(s) < gramLen+gramStep-1 {
		return strings.Index(n.text, s)
	}
	n.gramsOnce.Do(func() { n.grams = newGramIndex(n.text) })
	return n.grams.index(n.text, s)
}

// gramIndex finds where a string occurs in a large text without scanning the text: it records the
// positions of every gramStep-th byte, bucketed by a hash of the gramLen bytes starting there. Any
// occurrence of a string of at least gramLen+gramStep-1 bytes covers a recorded position within its
// first gramStep bytes, so looking up the string's first gramStep windows finds every occurrence.
// It costs about half a byte per byte of text and builds in one pass; a suffix array costs 4 and
// took seconds to build on a 30 MB source.
type gramIndex struct {
	starts []uint32 // bucket b holds pos[starts[b]:starts[b+1]]
	pos    []uint32 // increasing within each bucket
	shift  uint
}

const (
	gramLen  = 8
	gramStep = 16
)

func gramAt(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

func (g *gramIndex) bucket(gram uint64) uint64 { return (gram * 0x9e3779b97f4a7c15) >> g.shift }

func newGramIndex(text string) *gramIndex {
	n := 0
	if len(text) >= gramLen {
		n = (len(text)-gramLen)/gramStep + 1
	}
	b := max(bits.Len(uint(n/2)), 1) // about two positions per bucket
	g := &gramIndex{shift: uint(64 - b), starts: make([]uint32, 1<<b+1), pos: make([]uint32, n)}
	for p := 0; p+gramLen <= len(text); p += gramStep {
		g.starts[g.bucket(gramAt(text, p))+1]++
	}
	for i := 1; i < len(g.starts); i++ {
		g.starts[i] += g.starts[i-1]
	}
	next := make([]uint32, len(g.starts)-1)
	copy(next, g.starts)
	for p := 0; p+gramLen <= len(text); p += gramStep {
		h := g.bucket(gramAt(text, p))
		g.pos[next[h]] = uint32(p)
		next[h]++
	}
	return g
}

// index returns the first position of s in text, or -1; len(s) >= gramLen+gramStep-1.
func (g *gramIndex) index(text, s string) int {
	best := -1
	for j := 0; j < gramStep; j++ {
		// The occurrences starting j bytes before a recorded position also have recorded positions
		// at j+gramStep, j+2*gramStep, ...: probe the window whose bucket is smallest, so a common
		// opening ("According to the ") costs no more than a rare one.
		off := j
		h := g.bucket(gramAt(s, j))
		lo, hi := g.starts[h], g.starts[h+1]
		for k := j + gramStep; k+gramLen <= len(s) && hi-lo > 1; k += gramStep {
			h := g.bucket(gramAt(s, k))
			if g.starts[h+1]-g.starts[h] < hi-lo {
				off, lo, hi = k, g.starts[h], g.starts[h+1]
			}
		}
		for _, p := range g.pos[lo:hi] {
			start := int(p) - off
			if best >= 0 && start >= best {
				break
			}
			if start >= 0 && strings.HasPrefix(text[start:], s) {
				best = start
			}
		}
	}
	return best
}

func (n *normalized) paragraphAt(pos int) int {
	return sort.Search(len(n.paraStarts), func(i int) bool { return n.paraStarts[i] > pos })
}

// hint explains where a passage that is not verbatim stops matching: the longest prefix found in
// the source, its paragraph and the text that follows in the source versus in the passage. blind
// leaves out what the source has: the file's author may not read the source (see ParseUntrusted),
// and quoting it would hand it out a few bytes per try.
func (n *normalized) hint(passage string, blind bool) string {
	// Binary search over rune boundaries for the longest prefix that occurs: if a prefix occurs, all
	// shorter ones do.
	bounds := make([]int, 0, len(passage)+1)
	for i := range passage {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(passage))
	k := sort.Search(len(bounds), func(i int) bool { return n.index(passage[:bounds[i]]) < 0 })
	lo := bounds[max(k-1, 0)]
	if lo < 8 {
		return " (not even its beginning matches: is it from this source?)"
	}
	at := n.index(passage[:lo])
	psgNext := excerpt(passage[lo:])
	if blind {
		// Only the passage's own text: where it stops matching, not what the source has there.
		return fmt.Sprintf(" (it matches paragraph %d up to %q, then differs where the passage has %q)",
			n.paragraphAt(at), tail(passage[:lo]), psgNext)
	}
	// What the source has next, up to the end of its paragraph.
	next := n.text[at+lo:]
	if p := n.paragraphAt(at + lo); p < len(n.paraStarts) {
		next = strings.TrimSpace(n.text[at+lo : n.paraStarts[p]])
	}
	if next == "" {
		return fmt.Sprintf(" (it matches paragraph %d up to its end %q, then the next paragraph begins %q where the passage has %q)",
			n.paragraphAt(at), tail(passage[:lo]), excerpt(strings.TrimSpace(n.text[at+lo:])), psgNext)
	}
	return fmt.Sprintf(" (it matches paragraph %d up to %q, then the source has %q where the passage has %q)",
		n.paragraphAt(at), tail(passage[:lo]), excerpt(next), psgNext)
}

func excerpt(s string) string {
	const max = 24
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func tail(s string) string {
	const max = 24
	if len(s) <= max {
		return s
	}
	cut := len(s) - max
	for cut < len(s) && !utf8.RuneStart(s[cut]) {
		cut++
	}
	return "…" + s[cut:]
}

// Paragraph returns the text of the source's paragraph number i (1-based), whitespace collapsed.
func (s *Source) Paragraph(i int) string {
	if s.norm == nil || i < 1 || i > len(s.norm.paraStarts) {
		return ""
	}
	end := len(s.norm.text)
	if i < len(s.norm.paraStarts) {
		end = s.norm.paraStarts[i]
	}
	return strings.TrimSpace(s.norm.text[s.norm.paraStarts[i-1]:end])
}

// Contains reports whether text appears verbatim in the source, whitespace runs aside. Answerers use
// it to prove that every quote they show is the source's own words.
func (s *Source) Contains(text string) bool {
	if s.norm == nil {
		return false
	}
	text = collapse(text)
	return text != "" && s.norm.index(text) >= 0
}
