package textproc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits prose into sentences. A sentence ends at '.', '!', '?' or '…' followed by a space
// and not inside brackets, guillemets or double quotes; abbreviations and initials ("Jr.", "U.S.",
// "M.", "J. Doe") do not end one. The pieces are trimmed substrings of s, so each is verbatim text.
func Sentences(s string) []string {
	var out []string
	depth, inQuote := 0, false
	start := 0
	for i, r := range s {
		switch r {
		case '(', '[', '«', '“':
			depth++
		case ')', ']', '»', '”':
			depth = max(0, depth-1)
		case '"':
			inQuote = !inQuote
		case '.', '!', '?', '…':
			next := i + utf8.RuneLen(r)
			if depth > 0 || inQuote || next >= len(s) {
				continue
			}
			c, _ := utf8.DecodeRuneInString(s[next:])
			if !unicode.IsSpace(c) || (r == '.' && isAbbrev(s[start:i])) {
				continue
			}
			if piece := strings.TrimSpace(s[start:next]); piece != "" {
				out = append(out, piece)
			}
			start = next
		}
	}
	if piece := strings.TrimSpace(s[start:]); piece != "" {
		out = append(out, piece)
	}
	return out
}

// isAbbrev reports whether the word ending before a period is an abbreviation or an initial, which a
// period does not close: a single letter ("J."), a dotted one ("U.S"), or a title.
func isAbbrev(before string) bool {
	j := strings.LastIndexFunc(before, unicode.IsSpace)
	word := strings.TrimLeft(before[j+1:], "(\"'«“")
	switch word {
	case "Jr", "Sr", "Mr", "Mrs", "Ms", "Dr", "St", "vs", "etc", "M", "Mme", "Mlle", "Me", "Inc", "Ltd", "Co", "No", "Gen", "Sen", "Rep", "Gov", "Prof":
		return true
	}
	return utf8.RuneCountInString(word) == 1 || strings.Contains(word, ".")
}
