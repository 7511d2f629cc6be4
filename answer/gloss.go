package answer

import (
	"regexp"
	"strings"

	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// reGlossDate is a date or span in parentheses, as people gloss what they name: "after the last
// debate (oct 19 '16)", "l'investiture de trump (20/01/17)", "the debates (sept 26 → oct 19)".
var reGlossDate = regexp.MustCompile(`\(([^()]*\d[^()]*)\)`)

// glossConnectives open the phrase a parenthesized date glosses; spanOpeners open the one a span
// glosses whole ("between the first and the last debates (sept 26 → oct 19)"). Not French "de",
// which ties a noun to its owner ("l'investiture de Trump") as often as it opens a span.
var (
	glossConnectives = set("between b/w btw from entre and et n & to au until till jusqu'au jusqu'a after before since " +
		"avant apres après depuis during pendant pdt")
	spanOpeners = set("between b/w btw from entre de du during pendant pdt")
	dayCounters = set("lendemain surlendemain veille avant-veille")
)

// glossedDates replaces a phrase glossed by a date in parentheses with the date: the asker's date
// is what the source is searched by, whatever the phrase's words ("the last debate", "the
// investiture") which the source may not write, or may read otherwise ("last" as an order). The
// phrase runs back from the parenthesis to the nearest connective, for a span to the word that
// opens it; at most eight words, else the text is left as it is.
func glossedDates(text string, t *knowledge.Timeline) string {
	if !strings.Contains(text, "(") {
		return text
	}
	m := reGlossDate.FindStringSubmatchIndex(text)
	if m == nil {
		return text
	}
	gloss := strings.TrimSpace(text[m[2]:m[3]])
	p := question.Parse(gloss, t)
	if p.Kind == question.NoDate || len(strings.Fields(p.Rest)) > 1 {
		return text // "(les 2 exclus)", "(donc 2 jours après)": no date of its own
	}
	span := p.Kind == question.Range
	words := strings.Fields(text[:m[0]])
	for k := len(words) - 1; k >= 0 && len(words)-k <= 9; k-- {
		w := strings.ToLower(strings.Trim(words[k], ",;:"))
		// "Le lendemain du 2e débat (9 oct.)": after a day counted from something, "de" opens
		// what it is counted from.
		counted := (w == "du" || w == "de" || w == "d'") && k > 0 && dayCounters[strings.ToLower(words[k-1])]
		if span && spanOpeners[w] || !span && (glossConnectives[w] || counted) {
			if k == len(words)-1 {
				return text // nothing between the connective and the date
			}
			return strings.Join(words[:k+1], " ") + " " + gloss + text[m[1]:]
		}
	}
	return text
}
