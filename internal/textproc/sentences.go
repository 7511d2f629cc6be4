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
			if depth == 0 && !inQuote && endsSentence(s, start, i, r) {
				next := i + utf8.RuneLen(r)
				out = append(out, strings.TrimSpace(s[start:next]))
				start = next
			}
		case '"':
			inQuote = !inQuote
			if !inQuote && depth == 0 && endsSentence(s, start, i, r) {
				next := i + 1
				out = append(out, strings.TrimSpace(s[start:next]))
				start = next
			}
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

// endsSentence reports whether the closing quote or bracket at i, in the sentence begun at start,
// ends it: a terminal mark just inside it ("Wow.") and a space then a capital after it.
func endsSentence(s string, start, i int, r rune) bool {
	inner := strings.TrimRight(s[start:i], " \u00a0")
	if inner == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(inner)
	if last != '.' && last != '!' && last != '?' && last != '…' {
		return false
	}
	rest := s[i+utf8.RuneLen(r):]
	if len(rest) < 2 || rest[0] != ' ' {
		return false
	}
	c, _ := utf8.DecodeRuneInString(rest[1:])
	return unicode.IsUpper(c)
}

// isAbbrev reports whether the word ending before a period is an abbreviation or an initial, which a
// period does not close: a single letter ("J."), a dotted one ("U.S"), or a title.
func isAbbrev(before string) bool {
	j := strings.LastIndexFunc(before, unicode.IsSpace)
	word := strings.TrimLeft(before[j+1:], "(\"'«“")
	// A period right after a closing quote or bracket ("… #WikiLeaks.\"). Then") follows no
	// abbreviation: it ends the sentence.
	if strings.TrimRight(word, ")]\"'»”") != word {
		return false
	}
	switch word {
	case "Jr", "Sr", "Mr", "Mrs", "Ms", "Dr", "St", "vs", "etc", "M", "Mme", "Mlle", "Me", "Inc", "Ltd", "Co", "No", "Gen", "Sen", "Rep", "Gov", "Prof":
		return true
	}
	if strings.Contains(word, ".") {
		return true
	}
	// An initial is one letter.
	r, n := utf8.DecodeRuneInString(word)
	return n == len(word) && unicode.IsLetter(r)
}
