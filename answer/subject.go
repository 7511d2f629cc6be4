package answer

import (
	"regexp"

	"github.com/timelinebot/timelinebot/internal/lexicon"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/question"
)

// reAskedSubject finds who a question says acted, as one word right after its question word and
// auxiliary: "why did Thatcher insist", "when did gibson make", "pourquoi Beethoven a écrit",
// "pk robespierre a prêté". The word after it must be a verb's place: a French auxiliary, or in
// English any word (the auxiliary came before).
var reAskedSubject = regexp.MustCompile(`^(?:(?:why|when|how|where) (?:did|does|do|had|has|would|could)|(?:pourquoi|quand|comment|ou|est ce que|est-ce que|est ce qu|est-ce qu)) ([a-z]+) (?:(?:a|avait|aurait|ont|avaient|est|etait|s est|s etait) )?[a-z]`)

// unknownSubject reports whether the question says someone acted whom the source never names,
// nor any word like it: "why did Thatcher insist on…" of a source without Thatcher. Whatever the
// rest finds, the source cannot say why that person did anything. The word is recorded in
// Missing.
func (r *Retrieval) unknownSubject(folded string) bool {
	if !containsAny(folded, "why ", "when ", "how ", "where ", "pourquoi ", "quand ", "comment ", "ou ", "est ce", "est-ce") {
		return false
	}
	m := reAskedSubject.FindStringSubmatch(folded)
	if m == nil {
		return false
	}
	w := m[1]
	t := r.Timeline
	// A word of general vocabulary ("scientists", "police", "ils") names no one in particular;
	// a word one slip from one the source has, or a short form of an actor's name, is that word.
	if len(w) < 4 || textproc.IsStopWord(w) || question.IsDateWord(w) || t.Known(w) || t.NearName(w) || t.ExpandNames(w) != w ||
		len(lexicon.Related(w, "en")) > 0 || len(lexicon.Related(w, "fr")) > 0 {
		return false
	}
	if _, fixed := lexicon.Respell(w); fixed {
		return false
	}
	r.Missing = []string{w}
	r.namesAbsent = true
	return true
}
