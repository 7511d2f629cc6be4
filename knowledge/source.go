package knowledge

import (
	"fmt"
	"index/suffixarray"
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
	// order, so looking just after it first makes validation of large files linear.
	cursor int

	saOnce sync.Once
	sa     *suffixarray.Index
}

// suffixArrayMin is the source size from which lookups that miss the cursor window use a suffix
// array instead of a linear scan.
const suffixArrayMin = 256 << 10

const cursorWindow = 64 << 10

func normalize(src string) *normalized {
	n := &normalized{}
	var b strings.Builder
	b.Grow(len(src))
	newlines, inSpace := 0, false
	for _, r := range src {
		if unicode.IsSpace(r) {
			if r == '\n' {
				newlines++
			}
			inSpace = true
			continue
		}
		if inSpace && b.Len() > 0 {
			b.WriteByte(' ')
		}
		if b.Len() == 0 || (inSpace && newlines >= 2) {
			n.paraStarts = append(n.paraStarts, b.Len())
		}
		inSpace, newlines = false, 0
		b.WriteRune(r)
	}
	n.text = b.String()
	return n
}

// collapse trims s and collapses its whitespace runs to single spaces.
func collapse(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// find locates a collapsed passage and returns the paragraph it starts in.
func (n *normalized) find(passage string) (int, bool) {
	if passage == "" {
		return 0, false
	}
	pos := -1
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
		return 0, false
	}
	n.cursor = pos
	return n.paragraphAt(pos), true
}

func (n *normalized) index(passage string) int {
	if len(n.text) < suffixArrayMin {
		return strings.Index(n.text, passage)
	}
	n.saOnce.Do(func() { n.sa = suffixarray.New([]byte(n.text)) })
	hits := n.sa.Lookup([]byte(passage), -1)
	if len(hits) == 0 {
		return -1
	}
	first := hits[0]
	for _, h := range hits[1:] {
		first = min(first, h)
	}
	return first
}

func (n *normalized) paragraphAt(pos int) int {
	return sort.Search(len(n.paraStarts), func(i int) bool { return n.paraStarts[i] > pos })
}

// hint explains where a passage that is not verbatim stops matching: the longest prefix found in
// the source, its paragraph and the text that follows in the source versus in the passage.
func (n *normalized) hint(passage string) string {
	// Binary search over rune boundaries for the longest prefix that occurs: if a prefix occurs, all
	// shorter ones do.
	bounds := make([]int, 0, len(passage)+1)
	for i := range passage {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(passage))
	k := sort.Search(len(bounds), func(i int) bool { return !strings.Contains(n.text, passage[:bounds[i]]) })
	lo := bounds[max(k-1, 0)]
	if lo < 8 {
		return " (not even its beginning matches: is it from this source?)"
	}
	at := strings.Index(n.text, passage[:lo])
	srcNext := excerpt(n.text[at+lo:])
	psgNext := excerpt(passage[lo:])
	return fmt.Sprintf(" (it matches paragraph %d up to %q, then the source has %q where the passage has %q)",
		n.paragraphAt(at), tail(passage[:lo]), srcNext, psgNext)
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
	return strings.Contains(s.norm.text, collapse(text))
}
