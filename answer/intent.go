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

// DetectIntent reads what a question asks for, from its words in English and French. Where French
// folding loses a distinction ("où" and "ou"), the unfolded text decides. Word and phrase lookups,
// not regular expressions: this runs on every question.
func DetectIntent(text string) Intent {
	return intentOf(text, func(s string) (string, []string) {
		f := textproc.Fold(s)
		return f, textproc.Words(f)
	})
}

// intentOf is DetectIntent with the folding and splitting of the trimmed text left to read, so
// that Retrieve, which has already read the question, does not read it again.
func intentOf(text string, read func(string) (string, []string)) Intent {
	f, w := read(strings.TrimSpace(text))
	// "can you tell me what Foch thought", "tu peux me dire qui a signé": the request wraps the
	// question it asks, which says what is asked for.
	if n := politeWrapper(w); n > 0 {
		w = w[n:]
		if w[0] == "if" || w[0] == "whether" || w[0] == "si" {
			return AskYesNo
		}
	}
	// "qu'est-ce qui s'est passé", "tout ce qui": "qui" there asks for no person.
	ceQui := hasPhrase(w, "qu", "est", "ce", "qui") || hasPhrase(w, "ce", "qui")
	first := ""
	if len(w) > 0 {
		first = w[0]
	}
	has := func(words ...string) bool {
		for _, x := range w {
			for _, y := range words {
				if x == y {
					return true
				}
			}
		}
		return false
	}
	switch {
	case unitFirst(w) || has("combien") || hasPhrase(w, "how", "many") || hasPhrase(w, "how", "much") || hasPhrase(w, "how", "often") || hasPhrase(w, "how", "long") ||
		hasPhrase(w, "number", "of") || hasPhrase(w, "nombre", "de") || countFirst(w):
		return AskHowMany
	case yesNoStarts[first] || hasPhrase(w, "est", "ce", "que") && len(w) > 3 && w[0] == "est" ||
		endsWith(w, "or", "not") || endsWith(w, "ou", "pas") || endsWith(w, "ou", "non") ||
		first == "y" && len(w) > 2 && w[1] == "a" && w[2] == "t" || first == "a" && len(w) > 1 && w[1] == "t":
		return AskYesNo
	case has("why", "pourquoi") || hasPhrase(w, "what", "for") || hasPhrase(w, "for", "what", "reason") ||
		hasPhrase(w, "dans", "quel", "but") || hasPhrase(w, "pour", "quelle", "raison"):
		return AskWhy
	case whenStarts[first] || strings.HasPrefix(f, "when's") || opensOnDate(w) || hasPhrase(w, "depuis", "quand") || hasPhrase(w, "a", "quelle", "date") ||
		followedBy(w, []string{"what", "which"}, []string{"day", "date", "month", "year"}) ||
		followedBy(w, []string{"quel", "quelle"}, []string{"jour", "date", "mois", "annee"}):
		return AskWhen
	case whereAsked(w) || followedBy(w, []string{"which", "what"}, []string{"site", "place"}) ||
		followedBy(w, []string{"quel"}, []string{"lieu", "endroit", "site"}) || first == "ou" || hasOu(text) && reWhereFr.MatchString(text) ||
		// "Napoléon a fini sa vie ou ?": no "or" ends a question; an unaccented "où" does.
		len(w) > 2 && w[len(w)-1] == "ou":
		return AskWhere
	case !ceQui && has("who", "whom", "whose", "qui", "ki"):
		return AskWho
	case has("list", "lists", "listing", "enumerate", "everything", "liste", "lister", "enumere") ||
		hasPhrase(w, "all", "the") || hasPhrase(w, "all", "events") || hasPhrase(w, "tout", "ce") ||
		hasPhrase(w, "toute", "la") || hasPhrase(w, "tous", "les") || hasPhrase(w, "toutes", "les"):
		return AskList
	case strings.HasSuffix(f, "?") && !ceQui && !hasQuestionWord(w):
		// French yes/no questions are often statements with a question mark ("WL pensait
		// vraiment que… ?"): no question word at all.
		return AskYesNo
	}
	return AskWhat
}

// politeWrappers open a question with a request to answer it; politeWrapper returns how many
// words of w one takes when a question word (or "if", "si") follows it, else 0.
var politeWrappers = [][]string{
	{"can", "you", "tell", "me"}, {"could", "you", "tell", "me"}, {"would", "you", "tell", "me"},
	{"can", "you", "please", "tell", "me"}, {"could", "you", "please", "tell", "me"},
	{"do", "you", "know"}, {"does", "anyone", "know"}, {"anyone", "know"}, {"tell", "me"}, {"please", "tell", "me"},
	{"tu", "peux", "me", "dire"}, {"peux", "tu", "me", "dire"}, {"pouvez", "vous", "me", "dire"},
	{"vous", "pouvez", "me", "dire"}, {"tu", "sais"}, {"vous", "savez"}, {"est", "ce", "que", "tu", "sais"},
	{"dis", "moi"}, {"dites", "moi"},
}

func politeWrapper(w []string) int {
	for _, p := range politeWrappers {
		if len(w) > len(p) && hasPhrase(w[:len(p)], p...) {
			if next := w[len(p)]; questionWords[next] || next == "if" || next == "whether" || next == "si" || next == "ou" {
				return len(p)
			}
		}
	}
	return 0
}

// countFirst reports whether a question opens on an order to count ("count the days between A
// and B", "compte les messages de 2016"): it asks how many.
func countFirst(w []string) bool {
	return len(w) > 2 && (w[0] == "count" || w[0] == "compte" || w[0] == "compter" || w[0] == "tally") &&
		(w[1] == "the" || w[1] == "up" || w[1] == "les" || w[1] == "all" || timeUnits[w[1]])
}

// unitFirst reports whether a question opens on a unit of time and a word of a span ("days b/w
// A and B", "jours entre A et B"): it asks how many.
func unitFirst(w []string) bool {
	if len(w) < 3 || !timeUnits[w[0]] {
		return false
	}
	switch w[1] {
	case "between", "btwn", "entre", "from", "since", "depuis":
		return true
	case "b":
		return w[2] == "w"
	}
	return false
}

var (
	timeUnits   = set("day days week weeks month months year years yrs jour jours semaine semaines mois ans annee annees")
	yesNoStarts = set("did does do is was were has have had can could will would should are")
	whenStarts  = set("when wen quand kan")
	// questionWords ask for something; "que"/"qu'" only at the start ("pensait que…" is no question).
	questionWords = set("what which who whom whose when where why how quoi quel quelle quels quelles qui quand pourquoi comment combien koi ki")
	reWhereFr     = regexp.MustCompile(`(?i)(^|\s)où(\s|$|\?)`)
)

// whenAsked reports whether "when" asks for a time where it is not the first word: last ("il est
// mort quand ?", "he died when"), or after "c'était", "c'est" ("c'était quand le discours", "c kan
// ke…"); elsewhere it is a conjunction ("qu'a dit WL quand Trump a gagné"). The intent stays what
// it was (the premise checks of a "when" question are not run on it); the passage that dates the
// event is preferred.
func whenAsked(w []string) bool {
	for i, x := range w {
		if !whenStarts[x] {
			continue
		}
		if i == len(w)-1 {
			return true
		}
		switch w[max(0, i-1)] {
		case "etait", "est", "ct", "c", "cetait":
			return true
		}
	}
	return false
}

// whereAsked reports whether "where" asks for a place: first or last ("he shared it where?"), or
// after a function word ("and where…"); right after a noun it is a relative ("the msg where
// Assange comes up", "the rally where Trump said…"), which asks for no place.
func whereAsked(w []string) bool {
	for i, x := range w {
		if x != "where" {
			continue
		}
		if i == 0 || i == len(w)-1 || textproc.IsStopWord(w[i-1]) {
			return true
		}
	}
	return false
}

// hasOu is a byte test before reWhereFr: "où" is the one word folding makes ambiguous ("ou").
func hasOu(text string) bool {
	return strings.Contains(text, "où") || strings.Contains(text, "Où") || strings.Contains(text, "OÙ")
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func hasQuestionWord(w []string) bool {
	for _, x := range w {
		if questionWords[x] {
			return true
		}
	}
	// A question word as typed ("wat", "whn", "hw"): one slip from one of them.
	for _, x := range w {
		if len(x) >= 3 && len(x) <= 6 && !textproc.IsStopWord(x) {
			for q := range questionWords {
				if len(q) >= 3 && textproc.OneEdit(x, q) {
					return true
				}
			}
		}
	}
	return len(w) > 0 && (w[0] == "que" || w[0] == "qu")
}

// hasPhrase reports whether the words contain the phrase, word for word.
func hasPhrase(w []string, phrase ...string) bool {
	for i := 0; i+len(phrase) <= len(w); i++ {
		match := true
		for j, p := range phrase {
			if w[i+j] != p {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

func endsWith(w []string, phrase ...string) bool {
	return len(w) >= len(phrase) && hasPhrase(w[len(w)-len(phrase):], phrase...)
}

// followedBy reports whether one of a is directly followed by one of b.
func followedBy(w []string, a, b []string) bool {
	for i := 0; i+1 < len(w); i++ {
		for _, x := range a {
			if w[i] != x {
				continue
			}
			for _, y := range b {
				if w[i+1] == y {
					return true
				}
			}
		}
	}
	return false
}

// opensOnDate reports whether words open on the date asked: "exact date apple went public",
// "la date exacte de l'IPO", "date of the launch?".
func opensOnDate(w []string) bool {
	for i, x := range w {
		switch x {
		case "the", "la", "le", "exact", "exacte", "precise":
			continue
		case "date", "dates":
			return i < 3
		}
		return false
	}
	return false
}
