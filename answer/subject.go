package answer

import (
	"regexp"
	"slices"

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

// objectWindow is how many words apart a passage may write a deed and the one it was done to
// for it to state that deed of them ("Cecil Chubb bought the site", "WikiLeaks founder").
const objectWindow = 4

// objectUnstated reports whether a question opening on "who" asks who did a deed to someone
// named ("who founded True Pundit", "qui a tué Scobie") that no chosen event writes of them:
// the deed word a few words from their name in a passage or a summary sentence. "WikiLeaks
// founder" in a passage about a True Pundit story names the founder of something else. The
// chronology's own subject, which a source calls by many words ("the site", "the monument"), is
// not checked.
func (r *Retrieval) objectUnstated(qwords []string) bool {
	t := r.Timeline
	// A verb of communication is told in many words ("asked Schabowski" of "a question to
	// Schabowski"), and what follows it is as often what was said ("tweeté que Hillary…"): only a
	// deed done to someone named right after it, or after an article, is checked.
	deedAt := -1
	for i, w := range qwords {
		if textproc.IsDeedWord(w) {
			deedAt = i
			break
		}
	}
	if deedAt < 0 || textproc.IsLightWord(qwords[deedAt]) {
		return false
	}
	name := ""
	for k, w := range qwords[deedAt+1:] {
		if k == 0 && determiners[w] {
			continue
		}
		if _, ok := t.ActorOfWord(w); ok {
			name = w
		}
		break
	}
	if name == "" || r.titleWord(name) {
		return false
	}
	verbs := r.queryWords(qwords[deedAt])
	if len(verbs) == 0 {
		return false
	}
	states := func(folded, lang string) bool {
		words := textproc.Words(folded)
		for i, w := range words {
			if w != name {
				continue
			}
			for k := max(0, i-objectWindow); k < min(len(words), i+objectWindow+1); k++ {
				if k == i {
					continue
				}
				for _, v := range verbs {
					if t.Says(words[k], lang, v) {
						return true
					}
				}
			}
		}
		return false
	}
	return !slices.ContainsFunc(r.Events, func(s Selected) bool { return anyText(t, s.Event, states) })
}
