package knowledge

import (
	"strings"

	"github.com/timelinebot/timelinebot/internal/lexicon"
	"github.com/timelinebot/timelinebot/internal/textproc"
)

// Related words. A question's word may say what the source says in another language ("reply" for
// "répondu") or in other words ("dropped" for "diffuser"). The lexicon (internal/lexicon) knows
// which words of English and French mean the same; at build time each word of the timeline is
// looked up there once, and every word the lexicon relates to it points back at its term. A
// question's word then finds the timeline's terms for it by its own stem, in a map: no lexicon
// lookup, nor allocation, on the question's path.

// Weights of a related match against 1 for the word itself: a translation says nearly the same, a
// synonym a little less.
const (
	translationWeight = 0.8
	synonymWeight     = 0.5
)

// relKey is a lexicon word as a question would write it: its language and its stem.
type relKey struct {
	lang string
	stem string
}

// relTerm is a term of the timeline a question's word is related to, with the weight of a match.
type relTerm struct {
	id int32
	w  float32
}

// buildRelated maps each lexicon word related to a word of the timeline to that word's term.
// memo[lang][word] is the term of each word of the timeline stemmed in lang.
func (ix *index) buildRelated(memo map[string]map[string]int32) {
	ix.related = map[relKey][]relTerm{}
	for _, lang := range stemLangs {
		for word, id := range memo[lang] {
			for _, e := range lexicon.Related(word, lang) {
				if strings.IndexByte(e.Word, ' ') >= 0 {
					continue // phrases: a question's words are looked up one by one
				}
				w := float32(synonymWeight)
				if e.Translation {
					w = translationWeight
				}
				k := relKey{e.Lang, e.Stem}
				ix.related[k] = addRelated(ix.related[k], relTerm{id, w})
			}
		}
	}
}

// relateSurface records, for every word of the timeline, the terms related to it, so that a
// question's word the timeline has (most of them) is looked up without stemming.
func (ix *index) relateSurface() {
	ix.surfaceRelated = map[string][]relTerm{}
	for word := range ix.surface {
		if rel := ix.relatedByStem(word); len(rel) > 0 {
			ix.surfaceRelated[word] = rel
		}
	}
}

// addRelated adds t to list, keeping the higher weight of a term listed twice.
func addRelated(list []relTerm, t relTerm) []relTerm {
	for i := range list {
		if list[i].id == t.id {
			list[i].w = max(list[i].w, t.w)
			return list
		}
	}
	return append(list, t)
}

// relatedTerms returns the timeline's terms related to a folded question word, other than ids
// (the word's own terms): by its English and its French stem.
func (ix *index) relatedTerms(word string, ids []int32) []relTerm {
	return ix.relatedTermsStems(word, ids, nil)
}

// relatedTermsStems is relatedTerms with the word's stems when the caller has them.
func (ix *index) relatedTermsStems(word string, ids []int32, stems *[3]string) []relTerm {
	if len(ix.related) == 0 || len(word) < 2 || textproc.IsStopWord(word) {
		return nil
	}
	all, known := ix.surfaceRelated[word]
	if !known {
		if _, inTimeline := ix.surface[word]; inTimeline {
			return nil // a word of the timeline with no relative
		}
		if stems != nil {
			all = ix.relatedOfStems(stems[0], stems[1])
		} else {
			all = ix.relatedByStem(word)
		}
	}
	if len(ids) == 0 {
		return all
	}
	var out []relTerm
	for _, t := range all {
		if !containsID(ids, t.id) {
			out = append(out, t)
		}
	}
	return out
}

// relatedByStem looks a word up by its English and French stems.
func (ix *index) relatedByStem(word string) []relTerm {
	return ix.relatedOfStems(ix.stem(word, stemLangs[0]), ix.stem(word, stemLangs[1]))
}

func (ix *index) relatedOfStems(en, fr string) []relTerm {
	var out []relTerm
	for _, t := range ix.related[relKey{stemLangs[0], en}] {
		out = addRelated(out, t)
	}
	for _, t := range ix.related[relKey{stemLangs[1], fr}] {
		out = addRelated(out, t)
	}
	return out
}

// matches reports whether term id is the word's own or one related to it.
func (q QueryWord) matches(id int32) bool {
	if containsID(q.terms, id) {
		return true
	}
	for _, r := range q.related {
		if r.id == id {
			return true
		}
	}
	return false
}

// Says reports whether the folded word w, read in lang, is the question word q or one the lexicon
// relates to it.
func (t *Timeline) Says(w, lang string, q QueryWord) bool {
	id, ok := t.index.termOf(w, lang)
	return ok && q.matches(id)
}

// SaysOtherwise reports whether the timeline has a translation or a synonym of the folded word,
// though not the word itself: the asker's wording of what the source says in its own ("reached
// out" for "contacté", "tenait" for "tenue"). Its absence from the source is then weak evidence
// that the question is about something the source lacks; a word with no relative in the source
// ("taxes" in a chronology of a bridge, "euro" in New Zealand's history) is strong evidence.
func (t *Timeline) SaysOtherwise(w string) bool {
	return len(t.index.relatedTerms(w, nil)) > 0
}

// LacksConcept reports whether the folded word w is general vocabulary the lexicon lists, in
// English or French, while the timeline has neither the word nor any translation or synonym of
// it: "daughter" in a band's history that never says "fille" or "daughter". That is stronger
// evidence of an absent topic than a word nobody lists ("reggae"), which may be the asker's
// jargon, a typo or a name.
func (t *Timeline) LacksConcept(w string) bool {
	if t.knownWord(w) || t.SaysOtherwise(w) {
		return false
	}
	return len(lexicon.Related(w, "en")) > 0 || len(lexicon.Related(w, "fr")) > 0
}

// phraseWord is a phrase of a question that the lexicon lists as one entry ("reached out", "came
// up", "ran a story") and whose concept the timeline has words for: it is looked up as one word,
// by those words, and the content words it is made of are not looked up one by one ("reached" is
// not "arrived", "comes" is not "came to New Zealand").
type phraseWord struct {
	text    string   // its words in the question, joined by single spaces
	covers  []string // its content words
	related []relTerm
}

// questionPhrases returns the phrases of folded text the lexicon lists and the timeline has a
// word of the same concept for, each position taken once (the longest phrase there, English
// tried before French).
func (ix *index) questionPhrases(folded string) []phraseWord {
	if len(ix.related) == 0 {
		return nil
	}
	return ix.questionPhrasesOf(textproc.Words(folded))
}

// questionPhrasesOf is questionPhrases for the words of the folded text, which it does not modify.
func (ix *index) questionPhrasesOf(words []string) []phraseWord {
	if len(ix.related) == 0 {
		return nil
	}
	if len(words) < 2 {
		return nil
	}
	var out []phraseWord
	var taken []bool
	var buf [16]string // a question's words, most often: the stems need no allocation
	stems := buf[:0]
	if len(words) > len(buf) {
		stems = make([]string, 0, len(words))
	}
	stems = stems[:len(words)]
	for _, lang := range stemLangs {
		for i, w := range words {
			stems[i] = ix.stem(w, lang)
		}
	matches:
		for _, m := range lexicon.Phrases(words, stems, lang) {
			for i := m.Start; i < m.End && taken != nil; i++ {
				if taken[i] {
					continue matches
				}
			}
			var rel []relTerm
			for _, e := range m.Related {
				if strings.IndexByte(e.Word, ' ') >= 0 {
					continue // a phrase of the concept: the timeline's words are looked up one by one
				}
				if id, ok := ix.terms[e.Stem]; ok {
					w := float32(synonymWeight)
					if e.Translation {
						w = translationWeight
					}
					rel = addRelated(rel, relTerm{id, w})
				}
			}
			if len(rel) == 0 {
				continue
			}
			var covers []string
			for _, w := range words[m.Start:m.End] {
				if !textproc.IsStopWord(w) {
					covers = append(covers, w)
				}
			}
			if len(covers) == 0 {
				continue
			}
			if taken == nil {
				taken = make([]bool, len(words))
			}
			for i := m.Start; i < m.End; i++ {
				taken[i] = true
			}
			out = append(out, phraseWord{text: strings.Join(words[m.Start:m.End], " "), covers: covers, related: rel})
		}
	}
	return out
}

// coveredByPhrase reports whether w is a content word of one of phrases.
func coveredByPhrase(phrases []phraseWord, w string) bool {
	for _, p := range phrases {
		for _, c := range p.covers {
			if c == w {
				return true
			}
		}
	}
	return false
}

// Phrases returns the phrases of text the lexicon lists and the timeline has words for, each as
// one QueryWord matched by those words ("reached out" by "contacté"), and the content words they
// are made of ("reached"), which are then not looked up one by one: QueryWords does both; a
// caller looking words up itself (with a cache) uses this.
func (t *Timeline) Phrases(text string) (phrases []QueryWord, covers []string) {
	return t.PhrasesOf(textproc.Words(textproc.Fold(text)))
}

// PhrasesOf is Phrases for the words of a folded text (textproc.Words of it), which it does not
// modify: for a caller that has read the text already.
func (t *Timeline) PhrasesOf(words []string) (phrases []QueryWord, covers []string) {
	for _, p := range t.index.questionPhrasesOf(words) {
		phrases = append(phrases, QueryWord{Word: p.text, IDF: t.index.wordIDF(nil, false, p.related), related: p.related})
		covers = append(covers, p.covers...)
	}
	return phrases, covers
}
