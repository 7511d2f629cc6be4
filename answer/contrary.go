package answer

import (
	"strings"

	"github.com/timelinebot/timelinebot/internal/lexicon"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// contradicted returns the question's word for a deed that event e says the opposite of, and
// never says itself: "why did Edison turn down Western Union's offer" of "which he gratefully
// accepted", "pourquoi la Marseillaise a été retirée de la constitution" of "conservent La
// Marseillaise". The opposites are the lexicon's (lexicon.Opposites). A yes/no question is not
// refused this way (its answer quotes what the source says); "" when nothing is contradicted.
func (r *Retrieval) contradicted(e *knowledge.Event, rest string) string {
	if r.Intent == AskYesNo {
		return ""
	}
	_, qwords := r.read(rest)
	for _, q := range r.queryWords(rest) {
		opp := lexicon.Opposites(q.Word, r.Parsed.Lang)
		// "Why didn't they keep the name": the question says the opposite itself. "Si
		// l'Australie allait refuser": a deed supposed is no premise.
		if len(opp) == 0 || negatedIn(qwords, q.Word) || supposedIn(qwords, q.Word) {
			continue
		}
		deed := []knowledge.QueryWord{q}
		if r.assertedIn(e, deed) {
			continue // the source says it too: "lost the first round, won the final"
		}
		var words []string
		for _, o := range opp {
			if !o.Translation || o.Lang == r.Timeline.Source.Language {
				words = append(words, o.Word)
			}
		}
		if len(words) > 0 && r.assertedIn(e, r.queryWords(strings.Join(words, " "))) {
			return typedAs(r.Parsed.Text, q.Word)
		}
	}
	return ""
}

// negatedIn reports whether a negation stands among the three words before w's first word in
// words: "didn't keep", "n'a pas accepté", "never won".
func negatedIn(words []string, w string) bool {
	first, _, _ := strings.Cut(w, " ")
	for i, x := range words {
		if x != first {
			continue
		}
		for k := max(0, i-3); k < i; k++ {
			if negationWords[words[k]] || unapostrophed[words[k]] {
				return true
			}
		}
	}
	return false
}

// unapostrophed are negations typed without their apostrophe ("didnt", "dont").
var unapostrophed = set("didnt dont doesnt isnt wasnt werent hasnt havent hadnt cant couldnt wouldnt shouldnt wont")

// typedAs returns the words of text that fold to folded, as the asker typed them ("retirée" for
// "retiree"), or folded when they are not found.
func typedAs(text, folded string) string {
	want := strings.Fields(folded)
	words := strings.Fields(text)
	for i := 0; i+len(want) <= len(words); i++ {
		match := true
		for k, w := range want {
			match = match && textproc.Fold(strings.Trim(words[i+k], ",.;:!?'\"()«»")) == w
		}
		if match {
			return strings.Trim(strings.Join(words[i:i+len(want)], " "), ",.;:!?'\"()«»")
		}
	}
	return folded
}

// supposedIn reports whether w's first word comes after "if", "si" or "whether" in words: a
// condition or a wonder, not something the question says happened.
func supposedIn(words []string, w string) bool {
	first, _, _ := strings.Cut(w, " ")
	supposed := false
	for _, x := range words {
		if x == first && supposed {
			return true
		}
		supposed = supposed || x == "if" || x == "si" || x == "whether" || x == "unless"
	}
	return false
}
