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
}

// Which of two things came first or last, the order word before the two ("which came first, A or
// B", "qu'est-ce qui s'est passé en premier : A ou B") or after them ("A or B, which was first?").
// Folded text, end punctuation removed.
var (
	reCompareAfter  = regexp.MustCompile(`\b(?:which|what|lequel|laquelle|qu'est-ce qui|qu'est ce qui)\s+(?:(?:one|of the two|of them|des deux)\s+)?(?:(?:came|happened|occurred|was|were|is|went|est venu|est venue|est arrive|est arrivee|s'est passe|a eu lieu|vient|arrive)\s+)?(?:en\s+)?(first|earlier|earliest|sooner|before|last|later|latest|after|premier|premiere|d'abord|avant|dernier|derniere|apres)\s*[,:;]?\s*(.+?)\s+(?:or|ou)\s+(.+)$`)
	reCompareBefore = regexp.MustCompile(`^(.+?)\s+(?:or|ou)\s+(.+?)\s*[,:;?]\s*(?:which|what|lequel|laquelle|qu'est-ce qui|qu'est ce qui)\b.*?\b(first|earlier|earliest|sooner|before|last|later|latest|after|premier|premiere|d'abord|avant|dernier|derniere|apres)\b`)
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

// laterWords are the order words that ask for the later of two.
var laterWords = map[string]bool{"last": true, "later": true, "latest": true, "after": true, "dernier": true, "derniere": true, "apres": true}

// compareLead says which of the two came first (or last), by its date; the list after it names
// both: "The earlier of the two is on 7 October 2016:".
func compareLead(c *Comparison, lang string) string {
	on := onDate(c.Asked, lang)
	switch {
	case c.SameDate:
		return tr(lang, "Both are %s, by the chronology's dates:", "Les deux sont %s, d'après les dates de la chronologie :", on)
	case c.Later:
		return tr(lang, "The later of the two is %s:", "Le dernier des deux est %s :", on)
	}
	return tr(lang, "The earlier of the two is %s:", "Le premier des deux est %s :", on)
}
