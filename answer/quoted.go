package answer

import "strings"

// mayQuote reports whether reQuoted can match text, by the characters each of its forms needs: a
// single quote at the start or after a space with another after it, two double quotes, or a pair
// of « », “ ” or ‘ ’. A French elision ("Qu'a écrit") is none of them, and reQuoted, which
// backtracks over every position, is not run for it.
func mayQuote(text string) bool {
	if i := strings.IndexByte(text, '\''); i >= 0 {
		for ; i >= 0 && i < len(text); i = nextQuote(text, i) {
			if (i == 0 || isSpaceRE(text[i-1])) && strings.IndexByte(text[i+1:], '\'') >= 0 {
				return true
			}
		}
	}
	if strings.Count(text, `"`) >= 2 {
		return true
	}
	for _, pair := range [...][2]string{{"«", "»"}, {"“", "”"}, {"‘", "’"}} {
		if i := strings.Index(text, pair[0]); i >= 0 && strings.Contains(text[i+len(pair[0]):], pair[1]) {
			return true
		}
	}
	return false
}

// nextQuote returns the index of the single quote after the one at i, or -1.
func nextQuote(text string, i int) int {
	j := strings.IndexByte(text[i+1:], '\'')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// isSpaceRE is the regexp package's \s: [\t\n\f\r ].
func isSpaceRE(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
