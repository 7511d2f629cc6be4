package answer

import (
	"regexp"
	"strings"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// reRefused finds a refusal a question states ("why did the queen refuse to open the opera house",
// "why did Fleming turn down the Nobel prize", "pourquoi Hughes a refusé de signer") and, in its
// group, what was refused.
var reRefused = regexp.MustCompile(`\b(?:refus(?:e|es|ed|ing|er|ait|aient|erent)|declin(?:e|es|ed|ing)|turn(?:s|ed|ing)? down|reject(?:s|ed|ing)?|rejet(?:e|er|te|ait)|rebuff(?:s|ed)?)\s+(?:to\s+|de\s+|d'\s*|d\s+)?(.+)`)

// refusalMarkers are the words by which a passage tells of something not done, refused or resisted:
// where one stands, a question's refusal may be the source's, and the deed's mention is no proof it
// was done. Stems, of folded words.
var refusalMarkers = []string{"refus", "declin", "reject", "rejet", "turned", "veto", "oppos", "boycot", "disobe", "desobe",
	"resist", "abstain", "absten", "withh", "ignor", "instead", "plutot", "without", "sans", "never", "jamais",
	"not", "didn", "doesn", "don", "isn", "wasn", "weren", "hasn", "hadn", "couldn", "wouldn", "cannot", "none", "nothing",
	"neither", "nor", "pas", "aucun", "aucune", "ni", "rien", "fail", "echou", "echec", "rebuff", "turning",
	"avoid", "evit", "snub", "spurn", "deni", "deny", "nie", "nier"}

// refusedDone is the actor a question says refused something the event reports them doing, with no
// word of refusal or negation in a sentence that names them or what was refused: "why did the
// queen refuse to open the opera house" of "Queen Elizabeth II formally opens the Sydney Opera
// House", whose "Utzon was not invited" is another's. A yes/no question is answered by what the
// source says instead.
func (r *Retrieval) refusedDone(e *knowledge.Event, rest string) (string, bool) {
	if r.Intent == AskYesNo {
		return "", false
	}
	folded := textproc.Fold(rest)
	loc := reRefused.FindStringSubmatchIndex(folded)
	if loc == nil {
		return "", false
	}
	// Who refused: the last actor named before the verb, in full or by one word of their name
	// ("the queen", "Fleming"; of the event's actors, when other actors share the word), not an
	// owner ("Trump's lawyer"). name is the word a passage naming them has.
	subj, name, after := "", "", 0
	for _, m := range r.mentioned(folded) {
		if end := m.At + m.Len; end <= loc[0] && !possessive(folded, end) {
			subj, name, after = m.Actor, nameWord(folded[m.At:end]), end
		}
	}
	for start, end, ok := textproc.NextWordIn(folded, after); ok && end <= loc[0]; start, end, ok = textproc.NextWordIn(folded, end) {
		if w := folded[start:end]; !possessive(folded, end) && !textproc.IsStopWord(w) {
			if a := actorOfWordIn(r.Timeline, e, w); a != "" {
				subj, name = a, w
			}
		}
	}
	// What was refused: the content words right after the verb.
	var thing []string
	for _, w := range textproc.Words(folded[loc[2]:loc[3]]) {
		if len(thing) == 3 {
			break
		}
		if !textproc.IsStopWord(w) {
			thing = append(thing, w)
		}
	}
	words := r.queryWords(strings.Join(thing, " "))
	if len(words) == 0 {
		return "", false
	}
	t := r.Timeline
	type text struct{ folded, lang string }
	texts := []text{{textproc.Fold(e.Title + " " + e.Summary), "en"}}
	for lang, s := range e.Summaries {
		texts = append(texts, text{textproc.Fold(s), lang})
	}
	for i := range e.Passages {
		texts = append(texts, text{t.FoldedPassage(e, i), t.Source.Language})
	}
	// A refusal the source tells of stands in a sentence with who refused or what: "Utzon was not
	// invited" beside the queen's opening is another's.
	named := e.Agent(subj)
	for _, x := range texts {
		named = named || textproc.HasWord(x.folded, name)
		for _, sentence := range textproc.Sentences(x.folded) {
			if hasRefusal(sentence) && (textproc.HasWord(sentence, name) || saysAny(t, sentence, x.lang, words)) {
				return "", false
			}
		}
	}
	if !named {
		return "", false
	}
	for i := range e.Passages {
		if t.Asserts(e, i, words) {
			return subj, true
		}
	}
	return "", false
}

// nameWord is the word of a name as the question wrote it that a passage naming the actor has:
// its last, unless that is a numeral ("elizabeth" of "queen elizabeth ii", whose "ii" a sentence
// about World War II has too).
func nameWord(written string) string {
	words := textproc.Words(written)
	for i := len(words) - 1; i >= 0; i-- {
		if strings.Trim(words[i], "ivxlcdm") != "" && strings.Trim(words[i], "0123456789") != "" {
			return words[i]
		}
	}
	return lastWordOf(written)
}

// hasRefusal reports whether folded text has one of refusalMarkers at the start of a word.
func hasRefusal(folded string) bool {
	for _, w := range textproc.Words(folded) {
		for _, m := range refusalMarkers {
			if strings.HasPrefix(w, m) && (len(m) > 3 || w == m) {
				return true
			}
		}
	}
	return false
}

// requireRefusal turns an answer into an Unsupported refusal when the question says someone
// refused what every event found reports them doing (refusedDone).
func (r *Retrieval) requireRefusal() {
	if r.Intent == AskYesNo {
		return
	}
	// The words reRefused needs, found first: most questions have none, and the regexp is slow.
	if rest := textproc.Fold(r.Parsed.Rest); !containsAny(rest, "refus", "declin", "turn", "reject", "rejet", "rebuff") || !reRefused.MatchString(rest) {
		return // spare the events' reading
	}
	subj := ""
	for _, s := range r.Events {
		who, done := r.refusedDone(s.Event, r.Parsed.Rest)
		if !done {
			return
		}
		subj = who
	}
	r.Reason, r.Premise, r.Refused, r.Nearest = Unsupported, subj, true, r.Events[0].Event
	r.Events, r.Alternatives, r.List, r.Count = nil, nil, false, false
}

// saysAny reports whether a word of folded text, read in lang, is one of words or related to one.
func saysAny(t *knowledge.Timeline, folded, lang string, words []knowledge.QueryWord) bool {
	for _, w := range textproc.Words(folded) {
		for _, q := range words {
			if t.Says(w, lang, q) {
				return true
			}
		}
	}
	return false
}

// actorOfWordIn is the folded actor the word names: the timeline's one actor with it in their
// name, or else the one of e's actors who has it ("fleming" in a chronology with Alexander, Hugh and
// John Fleming); "" when none.
func actorOfWordIn(t *knowledge.Timeline, e *knowledge.Event, w string) string {
	if a, ok := t.ActorOfWord(w); ok {
		return a
	}
	for _, a := range e.Actors {
		if f := textproc.Fold(a); textproc.HasWord(f, w) {
			return f
		}
	}
	return ""
}
