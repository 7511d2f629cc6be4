package answer

import (
	"strings"

	"github.com/timelinebot/timelinebot/internal/lexicon"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// respell rewrites the words of a question that are slips on a word of the lexicon ("calld",
// "publsh", "lawer") into that word, when the timeline knows neither the word nor one a slip away:
// the timeline's own typo allowance finds "islnds" among its words, but a slip on the asker's word
// for what the source says otherwise would stay unknown, and an unknown word reads as a topic the
// source lacks. Only lowercase ASCII words outside quotation marks are touched: a capitalized
// word is a name, a quoted one the asker's exact words, one with accents is typed with care. The
// text is returned unchanged, without copying, when nothing is rewritten.
func respell(t *knowledge.Timeline, text string) string {
	var b strings.Builder
	last := 0
	quoted := false
	for i := 0; i < len(text); {
		c := text[i]
		// Quotation marks as Unchat reads them: straight ones toggle, « and “ open, » and ” close.
		switch {
		case c == '"':
			quoted = !quoted
		case strings.HasPrefix(text[i:], "«"), strings.HasPrefix(text[i:], "“"):
			quoted = true
		case strings.HasPrefix(text[i:], "»"), strings.HasPrefix(text[i:], "”"):
			quoted = false
		}
		if c < 'a' || c > 'z' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] >= 'a' && text[j] <= 'z' {
			j++
		}
		// Glued to a capital, a digit, an accent or an apostrophe-less hyphen, the letters are part
		// of a longer token ("iPhone", "mp3", "déjà", "e-mail").
		glued := i > 0 && isTokenByte(text[i-1]) || j < len(text) && isTokenByte(text[j])
		w := text[i:j]
		if !quoted && !glued {
			if fix, ok := respelled(t, w); ok {
				if b.Len() == 0 {
					b.Grow(len(text) + 8)
				}
				b.WriteString(text[last:i])
				b.WriteString(fix)
				last = j
			}
		}
		i = j
	}
	if b.Len() == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// respelled is the lexicon's word a lowercase word w was meant to be, if it is a slip on one. The
// cheap tests come first: most words of a question are the timeline's own, and most others are no
// slip on a word of the lexicon.
func respelled(t *knowledge.Timeline, w string) (string, bool) {
	if len(w) < 4 || textproc.IsStopWord(w) || t.KnownExactly(w) {
		return "", false
	}
	if fix, ok := elided(t, w); ok {
		return fix, true
	}
	fix, ok := lexicon.Respell(w)
	if !ok || textproc.NearStopWord(w) || t.Known(w) || t.NearName(w) {
		return "", false
	}
	// A word the lexicon finds by its stem ("publishes") is the asker's word, spelled right.
	for _, lang := range [...]string{"en", "fr"} {
		if lexicon.Related(w, lang) != nil {
			return "", false
		}
	}
	return fix, true
}

// isTokenByte reports whether b continues a word beyond lowercase ASCII letters.
func isTokenByte(b byte) bool {
	return b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80 || b == '-' || b == '_'
}

// elided restores the apostrophe of a French elision typed without it ("lelection", "larticle",
// "davoir", "quil"): a word the timeline does not know, made of an elided article, pronoun or
// conjunction and a word it knows exactly.
func elided(t *knowledge.Timeline, w string) (string, bool) {
	n := 1
	switch {
	case strings.HasPrefix(w, "qu"):
		n = 2
	case strings.IndexByte("cdjlmnst", w[0]) < 0:
		return "", false
	}
	rest := w[n:]
	if len(rest) < 4 || strings.IndexByte("aeiouyh", rest[0]) < 0 || !t.KnownExactly(rest) {
		return "", false
	}
	return w[:n] + "'" + rest, true
}
