// Package sentence splits a text into sentences, as byte spans of the text itself, so that every
// sentence is verbatim by construction. It knows English and French abbreviations ("Mr.", "Jr.",
// "M.", "etc."), initials ("John F. Kennedy"), decimal numbers and web addresses, keeps a quotation
// whole when it holds several sentences, and keeps closing quotes and brackets with the sentence
// they end. A line that starts with a bullet starts a sentence.
package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a sentence: text[Start:End], without surrounding spacing or a leading bullet.
type Span struct{ Start, End int }

var abbreviations = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`mr mrs ms dr prof sr jr st mt vs etc e.g i.e eg ie u.s u.k u.n
		inc ltd co corp no nos vol ed eds approx ca cf al fig p pp ch art sec dept est gen gov lt col capt
		maj brig gens adm cmdr pvt cpl lieut messrs
		sgt rev hon jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
		m mm mme mmes mlle mlles me mgr pr av bd apr j.-c env janv févr fevr avr juil déc sq min max
		n° op ibid id viz a.m p.m`) {
		abbreviations[a] = true
	}
}

// Split returns the sentences of text in order.
func Split(text string) []Span {
	var out []Span
	start := skipLead(text, 0)
	depth := 0        // open curly or angle quotes and brackets
	straight := false // inside a straight double quotation
	quoteStart := 0
	for i := start; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '“', '«', '(', '[':
			if depth == 0 && !straight {
				quoteStart = i
			}
			depth++
		case '”', '»', ')', ']':
			if depth > 0 {
				depth--
			}
		case '"':
			if !straight && depth == 0 {
				quoteStart = i
			}
			straight = !straight
		case '\n':
			// A paragraph break ends a sentence and any quotation left open (an unbalanced quote
			// must not swallow the paragraphs after it).
			if k := strings.IndexByte(text[i+1:], '\n'); k >= 0 && strings.TrimSpace(text[i+1:i+1+k]) == "" {
				out = appendSpan(out, text, start, i)
				start = skipLead(text, i+1)
				depth, straight = 0, false
				i = start
				continue
			}
			// A bullet at the start of a line begins a new sentence, whatever came before.
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			if b, bs := utf8.DecodeRuneInString(text[j:]); isBullet(b) && j+bs < len(text) && text[j+bs] == ' ' {
				out = appendSpan(out, text, start, i)
				start = skipLead(text, j)
				depth, straight = 0, false
				i = start
				continue
			}
		}
		// A quotation longer than a paragraph's worth of text is more likely an unbalanced quote
		// than one quotation: stop treating it as one.
		if (depth > 0 || straight) && i-quoteStart > 1200 {
			depth, straight = 0, false
		}
		if r == '.' || r == '!' || r == '?' || r == '…' {
			end := i + size
			// Runs of terminal marks ("?!", "...") and closing quotes or brackets belong to this sentence.
			for end < len(text) {
				c, cs := utf8.DecodeRuneInString(text[end:])
				if c == '.' || c == '!' || c == '?' || c == '…' {
					end += cs
					continue
				}
				if c == '”' || c == '»' || c == ')' || c == ']' || c == '’' || c == '\'' {
					if c == '”' || c == '»' || c == ')' || c == ']' {
						if depth > 0 {
							depth--
						}
					}
					end += cs
					continue
				}
				if c == '"' && straight {
					straight = false
					end += cs
					continue
				}
				// French spacing before a closing guillemet: "… fin. »"
				if (c == ' ' || c == '\u00a0' || c == '\u202f') && end+cs < len(text) {
					if n, ns := utf8.DecodeRuneInString(text[end+cs:]); n == '»' {
						if depth > 0 {
							depth--
						}
						end += cs + ns
						continue
					}
				}
				break
			}
			if depth == 0 && !straight && boundary(text, i, r, end) {
				out = appendSpan(out, text, start, end)
				start = skipLead(text, end)
				i = start
				continue
			}
			i = end
			continue
		}
		i += size
	}
	return appendSpan(out, text, start, len(text))
}

func isBullet(r rune) bool {
	return r == '•' || r == '-' || r == '*' || r == '–' || r == '—' || r == '·' || r == '▪' || r == '◦'
}

// skipLead moves past spacing and a bullet.
func skipLead(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if isBullet(r) && i+size < len(text) && (text[i+size] == ' ' || text[i+size] == '\t') {
			i += size
			continue
		}
		break
	}
	return i
}

func appendSpan(out []Span, text string, start, end int) []Span {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	if end > start {
		out = append(out, Span{start, end})
	}
	return out
}

// boundary reports whether the mark r at text[i] (whose sentence runs to end) ends a sentence.
func boundary(text string, i int, r rune, end int) bool {
	if end >= len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[end:])
	if !unicode.IsSpace(next) {
		// "mozilla.org", "3.6", "U.S.A" or "?" glued to the next word.
		return false
	}
	// The next word.
	j := end
	for j < len(text) {
		c, cs := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(c) {
			break
		}
		if c == '\n' && strings.HasPrefix(text[j+cs:], "\n") {
			// A paragraph break always ends a sentence.
			return true
		}
		j += cs
	}
	if j >= len(text) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(text[j:])
	// A sentence starts with a capital, a digit, an opening quote or bracket, or a bullet.
	starts := unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune("\"“«'‘([¿¡•", first)
	if r != '.' {
		// After "?" or "!" a lower-case word continues the sentence ("… partout? » dit-il").
		return starts
	}
	if !starts {
		return false
	}
	// The word before the period: an abbreviation or an initial does not end a sentence, unless
	// the next word plainly begins one (a quotation or a digit after "etc.").
	w := wordBefore(text, i)
	lw := strings.ToLower(w)
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) || dottedInitials(w) {
		// An initial: "John F. Kennedy", "J. R. R. Tolkien", "A.P. Hill", "J.E.B. Stuart".
		return false
	}
	if abbreviations[lw] || strings.Contains(lw, ".") && abbreviations[strings.TrimSuffix(lw, ".")] {
		// "Jr." ends a sentence only when what follows cannot continue the name.
		if lw == "jr" || lw == "sr" || lw == "inc" || lw == "ltd" || lw == "co" || lw == "corp" || lw == "etc" {
			nw := wordAt(text, j)
			return sentenceOpener[strings.ToLower(nw)]
		}
		return false
	}
	return true
}

// sentenceOpener are words that begin sentences but rarely follow "Jr." or "Inc." inside one.
var sentenceOpener = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an he she it they we i this that these those his her their its
		in on at after before when while but and however then there as if so on le la les il elle ils elles
		nous on ce cette ces son sa ses leur leurs un une des mais et puis dans en après avant quand lors
		selon d'après cela ceci à au aux`) {
		sentenceOpener[w] = true
	}
}

func wordBefore(text string, i int) string {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if unicode.IsLetter(r) || r == '.' || r == '-' {
			j -= size
			continue
		}
		break
	}
	return strings.Trim(text[j:i], ".")
}

func wordAt(text string, j int) string {
	k := j
	for k < len(text) {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsLetter(r) && r != '\'' && r != '’' {
			break
		}
		k += size
	}
	return text[j:k]
}

// dottedInitials reports whether w is capital letters joined by periods ("A.P", "J.E.B"), the
// initials of a name written without spaces.
func dottedInitials(w string) bool {
	parts := strings.Split(w, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 || !unicode.IsUpper([]rune(p)[0]) {
			return false
		}
	}
	return true
}
