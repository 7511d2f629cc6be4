package answer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// ordinalInWords rewrites an ordinal in figures before a noun ("the 9th symphony", "la 2e vague")
// as the word the source writes for it ("Ninth Symphony", "deuxième vague"), when the source has
// that word and not the figure: "9th" would otherwise be a word the source lacks, or a day of the
// month. An ordinal before a month, after one, or before "of" is a date ("the 9th of October"), and
// "1st" is left to the order the question asks ("the 1st msg").
func ordinalInWords(t *knowledge.Timeline, text string) string {
	if !strings.ContainsAny(text, "0123456789") {
		return text
	}
	ms := reOrdinalFigure.FindAllStringSubmatchIndex(text, -1)
	if ms == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		n, _ := strconv.Atoi(text[m[2]:m[3]])
		suffix := strings.ToLower(text[m[4]:m[5]])
		next := textproc.Fold(text[m[6]:m[7]])
		before := strings.Fields(textproc.Fold(text[:m[0]]))
		if n < 2 || n >= len(englishOrdinals) || next == "of" || next == "de" || next == "du" || monthWord(next) ||
			len(before) > 0 && monthWord(before[len(before)-1]) {
			continue
		}
		words := []string{englishOrdinals[n]}
		if suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th" {
			words = frenchOrdinals[n]
		}
		figure := textproc.Fold(text[m[2]:m[5]])
		for _, w := range words {
			if t.KnownExactly(w) && !t.KnownExactly(figure) {
				b.WriteString(text[last:m[2]])
				b.WriteString(w)
				last = m[5]
				break
			}
		}
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// reOrdinalFigure is an ordinal in figures, English or French, and the word after it.
var reOrdinalFigure = regexp.MustCompile(`\b(\d{1,2})(st|nd|rd|th|e|eme|ème|ieme|ième)\s+(\pL+)`)

// monthWord reports whether a folded word names a month, as the question's parser reads months.
func monthWord(w string) bool { return question.MonthOf(w) != 0 }

var englishOrdinals = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}

// frenchOrdinals are folded, as the timeline's words are looked up.
var frenchOrdinals = [][]string{nil, {"premier", "premiere"}, {"deuxieme", "second", "seconde"}, {"troisieme"}, {"quatrieme"}, {"cinquieme"},
	{"sixieme"}, {"septieme"}, {"huitieme"}, {"neuvieme"}, {"dixieme"}, {"onzieme"}, {"douzieme"}, {"treizieme"}, {"quatorzieme"},
	{"quinzieme"}, {"seizieme"}, {"dix-septieme"}, {"dix-huitieme"}, {"dix-neuvieme"}, {"vingtieme"}}
