package answer

import (
	"regexp"
	"strings"

	"github.com/timelinebot/timelinebot/knowledge"
)

// Comparison answers which of two events the question names came first (or last): "which came
// first, the rally or the first Podesta dump?", "lequel est arrivé en premier : A ou B ?". It is
// computed from the events' dates, which the source need not compare.
type Comparison struct {
	Asked, Other *knowledge.Event // Asked is the one the question asks for (the earlier, or the later)
	Later        bool             // the question asks which came last
	SameDate     bool             // both on one date: neither came first by the chronology
	// Claim is set for a yes/no question that says the order ("did A come out before B?"): Asked
	// is then A, Other B, Later whether the question says A came after B, and Holds the answer.
	Claim, Holds bool
	// Either is set when the question asks which of the two ("was A before or after B?"): the
	// answer is "before" or "after", not yes or no.
	Either bool
}

// Which of two things came first or last, the order word before the two ("which came first, A or
// B", "qu'est-ce qui s'est passé en premier : A ou B", "koi en 1er: A ou B") or after them ("A or
// B, which was first?").
// Folded text, end punctuation removed.
var (
	reCompareAfter  = regexp.MustCompile(`\b(?:which|what|lequel|laquelle|qu'est-ce qui|qu'est ce qui|quoi)\s+(?:(?:one|of the two|of them|des deux)\s+)?(?:(?:came|happened|occurred|was|were|is|went|est venu|est venue|est arrive|est arrivee|s'est passe|a eu lieu|vient|arrive)\s+)?(?:en\s+)?(first|earlier|earliest|sooner|before|last|later|latest|after|premier|premiere|1er|1ere|d'abord|avant|dernier|derniere|apres)\s*[,:;]?\s*(.+?)\s+(?:or|ou)\s+(.+)$`)
	reCompareBefore = regexp.MustCompile(`^(.+?)\s+(?:or|ou)\s+(.+?)\s*[,:;?]\s*(?:which|what|lequel|laquelle|qu'est-ce qui|qu'est ce qui|quoi)\b.*?\b(first|earlier|earliest|sooner|before|last|later|latest|after|premier|premiere|1er|1ere|d'abord|avant|dernier|derniere|apres)\b`)
)

// compareQuery answers "which came first, A or B" from the dates of the events A and B name. It
// reports false when the question is not one, or when either side names no event clearly, so the
// question is answered as any other.
func (r *Retrieval) compareQuery(text string) bool {
	folded := r.foldTrimmed(text)
	if !strings.Contains(folded, " or ") && !strings.Contains(folded, " ou ") {
		return false // spare the expressions
	}
	var order, sideA, sideB string
	if m := reCompareAfter.FindStringSubmatch(folded); m != nil {
		order, sideA, sideB = m[1], m[2], m[3]
	} else if m := reCompareBefore.FindStringSubmatch(folded); m != nil {
		order, sideA, sideB = m[3], m[1], m[2]
	} else {
		return false
	}
	a, b := r.namedEvent(sideA), r.namedEvent(sideB)
	if a == nil || b == nil || a == b {
		return false
	}
	later := laterWords[order]
	t := r.Timeline
	c := &Comparison{Asked: a, Other: b, Later: later, SameDate: a.Date == b.Date && a.Time == b.Time}
	if (t.Position(b) < t.Position(a)) != later {
		c.Asked, c.Other = b, a
	}
	r.Comparison = c
	r.selectEvents([]*knowledge.Event{c.Asked, c.Other}, sideA+" "+sideB, false)
	return true
}

// reOrderClaim finds a yes/no question that puts one event before or after another: "did the
// Atlantic story come out before the vote", "was Busby appointed before the declaration", "le 1er
// DM est arrivé avant la 1ère vague ?" (folded, chat forms written out).
var reOrderClaim = regexp.MustCompile(`^(did|was|were|is|has|had|does|est-ce que|est ce que)?\s*(.+?)\s+(before|after|prior to|earlier than|later than|avant|apres)\s+(?:que\s+|qu'|d'|de\s+)?(.+)$`)

// reFrenchVerb finds a conjugated verb of a French statement asked as a question ("le 1er DM est
// arrivé avant… ?"): without an auxiliary up front, a question with no verb is a noun phrase
// ("the last thing WL sent before election day?").
var reFrenchVerb = regexp.MustCompile(`[\s'](?:est|a|ont|sont|etait|avait|etaient|avaient|fut|furent)\s`)

// orderClaimQuery answers "did A happen before B?" yes or no, from the dates of the two events the
// sides name. Each side must name one event clearly (singleEvent): "did WL write to Don Jr before
// the election?" is about several events, and a period's question.
func (r *Retrieval) orderClaimQuery(text string) bool {
	if r.Intent != AskYesNo {
		return false
	}
	folded := r.foldTrimmed(text)
	m := reOrderClaim.FindStringSubmatch(folded)
	if m == nil {
		return false
	}
	if m[1] == "" && (r.Lang != "fr" || !reFrenchVerb.MatchString(" "+m[2]+" ")) {
		return false
	}
	sideA, sideB := m[2], clauseEnd(m[4])
	// "was A before or after B?" asks which, not whether.
	either := false
	if rest, ok := cutEither(sideB); ok {
		sideB, either = rest, true
	}
	if !r.describesEvent(sideA) || !r.describesEvent(sideB) {
		return false
	}
	// The first side is what the question is about, and must be one event; the second is where
	// it is placed, the event it names best.
	a, b := r.singleEvent(sideA), r.namedEvent(sideB)
	if a == nil || b == nil || a == b {
		return false
	}
	t := r.Timeline
	later := laterWords[m[3]] || m[3] == "later than"
	c := &Comparison{Asked: a, Other: b, Later: later, Claim: true, Either: either, SameDate: a.Date == b.Date && a.Time == b.Time}
	c.Holds = !c.SameDate && (t.Position(a) > t.Position(b)) == later
	r.Comparison = c
	first, second := a, b
	if t.Position(b) < t.Position(a) {
		first, second = b, a
	}
	r.selectEvents([]*knowledge.Event{first, second}, sideA+" "+sideB, false)
	return true
}

// reEither is the rest of "before or after B", "avant ou après B" once the first direction is read.
var reEither = regexp.MustCompile(`^(?:or|ou)\s+(?:after|before|later|earlier|apres|avant)\s+(?:que\s+|qu'|d'|de\s+)?`)

// cutEither returns B of "or after B" and whether the side was one.
func cutEither(side string) (string, bool) {
	m := reEither.FindStringIndex(side)
	if m == nil {
		return side, false
	}
	return side[m[1]:], true
}

// yesNo is the answer word.
func yesNo(yes bool, lang string) string {
	if yes {
		return tr(lang, "Yes", "Oui")
	}
	return tr(lang, "No", "Non")
}

// laterWords are the order words that ask for the later of two.
var laterWords = map[string]bool{"last": true, "later": true, "latest": true, "after": true, "dernier": true, "derniere": true, "apres": true}

// compareLead says which of the two came first (or last), by its date; the list after it names
// both: "The earlier of the two is on 7 October 2016:".
func compareLead(c *Comparison, lang string) string {
	on := onDate(c.Asked, lang)
	if c.Claim && c.Either && !c.SameDate {
		after := c.Holds == c.Later // the asked one comes after the other
		word := tr(lang, "Before", "Avant")
		if after {
			word = tr(lang, "After", "Après")
		}
		return tr(lang, "%s: by the chronology's dates, the first one you name is %s and the second %s:",
			"%s : d'après les dates de la chronologie, le premier que vous nommez est %s et le second %s :", word, on, onDate(c.Other, lang))
	}
	if c.Claim {
		if c.SameDate {
			return tr(lang, "Neither, by the chronology's dates: both are %s:", "Ni l'un ni l'autre, d'après les dates de la chronologie : les deux sont %s :", on)
		}
		return tr(lang, "%s: by the chronology's dates, the first one you name is %s and the second %s:",
			"%s : d'après les dates de la chronologie, le premier que vous nommez est %s et le second %s :", yesNo(c.Holds, lang), on, onDate(c.Other, lang))
	}
	switch {
	case c.SameDate:
		return tr(lang, "Both are %s, by the chronology's dates:", "Les deux sont %s, d'après les dates de la chronologie :", on)
	case c.Later:
		return tr(lang, "The later of the two is %s:", "Le dernier des deux est %s :", on)
	}
	return tr(lang, "The earlier of the two is %s:", "Le premier des deux est %s :", on)
}
