package answer

import (
	"regexp"
	"strings"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// Intent is what a question asks for, so the answer can lead with it: a date, a person, a place, a
// reason, a count, yes or no, or an account of what happened.
type Intent int

// Intents.
const (
	AskWhat Intent = iota
	AskWhen
	AskWho
	AskWhere
	AskWhy
	AskHowMany
	AskYesNo
	AskList
)

var intentNames = [...]string{"what", "when", "who", "where", "why", "how-many", "yes-no", "list"}

func (i Intent) String() string { return intentNames[i] }

// Patterns over the folded question, in English and French. Where French folding loses a
// distinction ("où" and "ou"), the unfolded text decides.
var (
	reHowMany = regexp.MustCompile(`\b(how many|how much|how often|number of|combien|nombre de)\b`)
	reList    = regexp.MustCompile(`\b(list|lists|listing|enumerate|everything|all the|all events|tout ce|toute la|tous les|toutes les|liste|lister|enumere)\b`)
	reWhen    = regexp.MustCompile(`^\W*(when|wen|quand|kan)\b|\b(what|which) (day|date|month|year)\b|\bquel(le)? (jour|date|mois|annee)\b|\bwhen'?s\b|\bdepuis quand\b|\ba quelle date\b`)
	reWho     = regexp.MustCompile(`\b(who|whom|whose|qui|ki)\b`)
	reWhereEn = regexp.MustCompile(`\b(where|which site|which place|what place)\b`)
	reWhereFr = regexp.MustCompile(`(?i)(^|\s)où(\s|$|\?)|^\W*ou\s|\bquel (lieu|endroit|site)\b`)
	reWhy     = regexp.MustCompile(`\b(why|pourquoi|for what reason|what for|dans quel but|pour quelle raison)\b`)
	reYesNo   = regexp.MustCompile(`^\W*(did|does|do|is|was|were|has|have|had|can|could|will|would|should|are|est-ce que|est ce que|y a-t-il|a-t-il|a-t-elle)\b|\b(or not|ou pas|ou non)\W*$`)
	// French yes/no questions are often statements with a question mark ("WL pensait vraiment que… ?"):
	// no question word at all.
	reQuestionWord = regexp.MustCompile(`\b(what|which|who|whom|whose|when|where|why|how|quoi|quel|quelle|quels|quelles|qui|quand|pourquoi|comment|combien|koi|ki)\b|^\W*(que\b|qu')`)
)

var reCeQui = regexp.MustCompile(`\b(qu'est-ce qui|qu'est ce qui|qu est ce qui|ce qui)\b`)

// DetectIntent reads what a question asks for.
func DetectIntent(text string) Intent {
	orig := textproc.Fold(strings.TrimSpace(text))
	// "qu'est-ce qui s'est passé", "tout ce qui": "qui" there asks for no person.
	f := reCeQui.ReplaceAllString(orig, " ")
	switch {
	case reHowMany.MatchString(f):
		return AskHowMany
	case reYesNo.MatchString(f):
		return AskYesNo
	case reWhy.MatchString(f):
		return AskWhy
	case reWhen.MatchString(f):
		return AskWhen
	case reWhereEn.MatchString(f) || reWhereFr.MatchString(text):
		return AskWhere
	case reWho.MatchString(f):
		return AskWho
	case reList.MatchString(f):
		return AskList
	case strings.HasSuffix(f, "?") && !reQuestionWord.MatchString(orig) && !reCeQui.MatchString(orig):
		return AskYesNo
	}
	return AskWhat
}
