package question

import "regexp"

// Patterns that start with a number after a word boundary (`\b(\d{1,2})…`, `\b([012]\d{3})\b`) have
// no literal prefix, so the regexp engine tries them at every byte of the question, and a question
// with a date runs several. Each is also kept anchored (the same pattern after "^", without its
// leading \b), tried only where a number starts: the same matches, found in a few tries.
var (
	reDayMonthAt = anchored(reDayMonth)
	reDayRangeAt = anchored(reDayRange)
	reYearAt     = anchored(reYear)
)

// anchored returns re's pattern, which must start with `\b`, anchored at the start of the text
// without that `\b`: findAllAt checks the boundary itself.
func anchored(re *regexp.Regexp) *regexp.Regexp {
	p := re.String()
	if len(p) < 2 || p[:2] != `\b` {
		panic("question: anchored needs a pattern starting with \\b: " + p)
	}
	return regexp.MustCompile(`^(?:` + p[2:] + `)`)
}

// numberStart reports whether an ASCII digit starts a word at i: what `\b\d` needs (the regexp
// package's \b is ASCII: a byte of a multi-byte rune before it is no word character).
func numberStart(s string, i int) bool {
	return isDigit(s[i]) && (i == 0 || !isREWord(s[i-1]))
}

// isREWord is the regexp package's \w on a byte: [0-9A-Za-z_] (a byte of a multi-byte rune is
// none).
func isREWord(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// findAllAt is re.FindAllStringSubmatchIndex(s, -1) for a pattern re that can only match where
// numberStart holds, given at, its anchored form: the leftmost match is the first of those places
// where the anchored pattern matches, matched the same way, and the next is looked for from its
// end, as FindAll does.
func findAllAt(at *regexp.Regexp, s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); i++ {
		if !numberStart(s, i) {
			continue
		}
		m := at.FindStringSubmatchIndex(s[i:])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		i = m[1] - 1 // a match holds a digit: never empty
	}
	return out
}

// dayOfAt is reDayOf.FindStringIndex(s) written out: "on", "le", "du" or "au" as a word, then
// only spaces to the end.
func dayOfAt(s string) []int {
	j := len(s)
	for j > 0 && isSpaceRE(s[j-1]) {
		j--
	}
	if j < 2 || j > 2 && isREWord(s[j-3]) {
		return nil
	}
	switch s[j-2 : j] {
	case "on", "le", "du", "au":
		return []int{j - 2, len(s)}
	}
	return nil
}

// isSpaceRE is the regexp package's \s: [\t\n\f\r ].
func isSpaceRE(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
