package answer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/internal/lexicon"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// rePlacePrep finds a place a folded question states after a preposition of place: "mort à Lille",
// "ambassador to the UK", "born in Vienna". Group 1 is the place's first word.
var rePlacePrep = regexp.MustCompile(`\b(?:in|at|to|near|a|en|au|aux|dans|pres de|vers)\s+(?:the\s+|la\s+|le\s+|les\s+|l')?([a-z][a-z-]{1,})\b`)

// statedPlaces returns the words of text (as typed) that name a place after a preposition of
// place: written with a capital in the question, or always with a capital where the source
// writes them, and not the name of an actor (a person the question sends something to).
func (r *Retrieval) statedPlaces(text string) []string {
	folded := textproc.Fold(text)
	if !strings.Contains(folded, " ") {
		return nil
	}
	var out []string
	for _, m := range rePlacePrep.FindAllStringSubmatchIndex(folded, -1) {
		w := folded[m[2]:m[3]]
		if textproc.IsStopWord(w) || unitWords[w] || question.IsDateWord(w) {
			continue
		}
		if _, ok := r.Timeline.ActorOfWord(w); ok {
			continue
		}
		// "à Don Jr", "to WL": a name the timeline expands, not a place.
		if ms := r.mentioned(textproc.Fold(r.Timeline.ExpandNames(folded[m[2]:]))); len(ms) > 0 && ms[0].At == 0 {
			continue
		}
		if !capitalizedIn(text, w) && !r.properInSource(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// typedWord is the folded word w as text writes it.
func typedWord(text, w string) string {
	for start, end, ok := textproc.NextWordIn(text, 0); ok; start, end, ok = textproc.NextWordIn(text, end) {
		if textproc.Fold(text[start:end]) == w {
			return text[start:end]
		}
	}
	return w
}

// capitalizedIn reports whether text writes the folded word w with a capital letter.
func capitalizedIn(text, w string) bool {
	c, _ := utf8.DecodeRuneInString(typedWord(text, w))
	return unicode.IsUpper(c)
}

// properInSource reports whether the source writes w, and always with a capital letter: a proper
// name ("Lille"), not a word ("ambassador").
func (r *Retrieval) properInSource(w string) bool {
	t := r.Timeline
	seen := false
	for _, e := range t.Events {
		for i := range e.Passages {
			if !t.PassageHasWord(e, i, w) {
				continue
			}
			text := e.Passages[i].Text
			for start, end, ok := textproc.NextWordIn(text, 0); ok; start, end, ok = textproc.NextWordIn(text, end) {
				if textproc.Fold(text[start:end]) != w {
					continue
				}
				if c, _ := utf8.DecodeRuneInString(text[start:end]); !unicode.IsUpper(c) {
					return false
				}
				seen = true
			}
		}
	}
	return seen
}

// mentionsPlace reports whether e's passages or summaries write the place w, or a word the lexicon
// gives for it ("uk": "royaume-uni").
func (r *Retrieval) mentionsPlace(e *knowledge.Event, w string) bool {
	forms := []string{w}
	for _, lang := range []string{"en", "fr"} {
		for _, x := range lexicon.Related(w, lang) {
			forms = append(forms, x.Word)
		}
	}
	texts := make([]string, 0, len(e.Passages)+1+len(e.Summaries))
	for i := range e.Passages {
		texts = append(texts, r.Timeline.FoldedPassage(e, i))
	}
	texts = append(texts, r.Timeline.FoldedSummary(e))
	for _, s := range e.Summaries {
		texts = append(texts, textproc.Fold(s))
	}
	for _, text := range texts {
		for _, f := range forms {
			if textproc.HasWord(text, f) || strings.Contains(f, " ") && strings.Contains(text, f) {
				return true
			}
		}
	}
	return false
}

// requireStatedPlace turns the answer to "why" into an Unsupported refusal when the question
// places what it asks about somewhere the events found never name: "pourquoi Pasteur est mort à
// Lille" of a death near Paris, "why did WL want Assange made ambassador to the UK" of an
// embassy in Washington. The place is the premise; the source tells of the deed elsewhere.
func (r *Retrieval) requireStatedPlace(text string) {
	if r.Intent != AskWhy {
		return
	}
	for _, w := range r.statedPlaces(text) {
		if !slices.ContainsFunc(r.Events, func(s Selected) bool { return r.mentionsPlace(s.Event, w) }) {
			r.Reason, r.Nearest, r.Place = Unsupported, r.Events[0].Event, typedWord(text, w)
			r.Events, r.Alternatives = nil, nil
			return
		}
	}
}
