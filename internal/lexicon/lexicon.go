// Package lexicon is a general English–French lexicon the retriever uses to expand a question's
// words: users ask in English about a French source and in French about an English one, and they
// paraphrase ("dropped" for "released", "ran a story" for "published an article"), so matching the
// question's own stems against the source misses events that are plainly there. For each word or
// phrase of a question the lexicon gives the other language's words of the same concept
// (translations) and the same language's words (synonyms).
//
// # The data file
//
// The concepts live in en-fr.txt, embedded in the binary. One concept per line:
//
//	english words, comma separated | french words, comma separated
//	publish, release, put out, leak | publier, diffuser, divulguer, sortir
//
// Blank lines and everything after a '#' are ignored. Words are written in their ordinary
// spelling, with accents; they are folded (textproc.Fold) when the file is read, so "é" and "e"
// compare equal. An entry may be several words ("put out", "déclaration d'impôts"): it is matched
// as a phrase, word after word, each word by its stem. Apostrophes and hyphens split words as
// textproc.Words splits them, so "d'impôts" is the two words "d impots".
//
// Rules that keep the expansion precise (TestData enforces the mechanical ones):
//   - A line holds translations and close synonyms of ONE sense. A word with several unrelated
//     senses goes on several lines, one per sense ("left" with "leave" and "left" with "gauche").
//   - Both sides are non-empty, no word repeats on a side, at most 12 entries a side. The same
//     word may stand on both sides ("article | article"): a French question saying "article"
//     then finds the English "story" too.
//   - No single-word entry is a stop word (textproc.IsStopWord): the retriever ignores those
//     words in questions, so such an entry would only add noise. Inside a phrase they are fine.
//   - No proper nouns: the lexicon is general language; names belong to the knowledge file. The
//     exception is countries' exonyms ("britain | royaume-uni"), the other language's word for them.
//   - Irregular forms go on the line of their base word (write, wrote, written; prendre, pris),
//     since stemming does not bring them together. Regular inflections need not be listed:
//     English stems meet (published → publish), French participles too (publié → publier), and
//     for a French word ending in "-er" the forms the stemmer leaves apart ("publient",
//     "publièrent", "publia", "publions") are generated.
//
// To extend it, add or edit a line and run `go test ./internal/lexicon/`; docs/lexicon.md says
// more.
//
// # Matching
//
// A question word finds the concepts that list it exactly (after folding) or whose French "-er"
// verb generates it ("envoyé" finds both "envoyer", to send, and the noun "envoyé", an envoy);
// only when none does, the concepts with a word of the same stem (textproc.Stem in the
// question's language). The author's own listing of a word is the best evidence of its senses,
// and stems alone sometimes collide ("papier" and "pape" share a stem).
package lexicon

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

//go:embed en-fr.txt
var data string

// Entry is one word (or phrase) of a concept a question's word belongs to.
type Entry struct {
	// Word is folded (textproc.Fold): for a phrase, its words as textproc.Words splits them,
	// joined by single spaces ("declaration d impots").
	Word string
	// Lang is "en" or "fr".
	Lang string
	// Translation is true when Lang is not the language asked about: the entry is a translation,
	// not a synonym.
	Translation bool
	// Stem is textproc.Stem(Word, Lang), precomputed so a caller matching by stem does not run
	// the stemmer again (for a phrase, its words' stems joined by single spaces). Entries of one
	// answer have distinct (Lang, Stem): a second word with the same stem would match nothing more.
	Stem string
}

// Match is a word or phrase of a question found in the lexicon.
type Match struct {
	// Start and End are word positions in textproc.Words(foldedQuestion): the match covers
	// words [Start, End).
	Start, End int
	// Related are the entries related to those words, as Related gives them (read-only).
	Related []Entry
}

// langs are the lexicon's languages, in the order of the file's sides.
var langs = [2]string{"en", "fr"}

func langIndex(lang string) int {
	switch lang {
	case "en":
		return 0
	case "fr":
		return 1
	}
	return -1
}

// item is one entry of a concept while the file is read.
type item struct {
	word string
	stem string
	lang int
}

// key is what a word (listed or generated) or a stem finds: the concepts it belongs to, and their
// answer, merged once when the file is read so a lookup returns it without copying.
type key struct {
	concepts []int32
	answer   []Entry
}

// phrase is a multi-word entry, matched word by word on stems.
type phrase struct {
	stems []string
	key
}

type lexicon struct {
	// answers holds, per concept and per language asked, the concept's entries (translations
	// first, one per language and stem).
	answers [][2][]Entry
	// Per language: folded words the author listed and generated forms, then stems.
	exact [2]map[string]*key
	stems [2]map[string]*key
	// Per language, keyed by the stem of the first word; longest phrases first.
	phrases [2]map[string][]*phrase
	// lines is the number of concept lines.
	lines int
	// words are the single-word entries of both languages (Respell's candidates), and omitted
	// has a bit set for each of them with one letter deleted (omittedBit): a word whose bit is
	// clear is no omission from any of them, which is most words Respell is asked about.
	words   map[string]struct{}
	omitted []uint64
}

// load parses the embedded file once, at first use. The file is part of the binary
// and TestData checks it, so a parse error is a programming error: it panics naming the lines.
var load = sync.OnceValue(func() *lexicon {
	l, err := parse(data)
	if err != nil {
		panic(fmt.Sprintf("lexicon: en-fr.txt: %v (fix the line; go test ./internal/lexicon/ checks the file)", err))
	}
	return l
})

// Lines returns the number of concept lines in the lexicon. Reading the file takes about 0.3 s
// once; calling Lines at start-up moves that off the first question.
func Lines() int { return load().lines }

// Related returns the entries of every concept a folded word (or phrase, words separated by
// spaces) of a question in lang ("en" or "fr") belongs to: the other language's words
// (Translation true) first, then the same language's (Translation false). The word's own entry
// is among the latter; a caller wanting only the others skips entries whose Stem is the word's.
// Unknown words, stop words and other languages give nil.
//
// The slice is shared by every caller and must not be modified: lookups are on the retriever's
// hot path, so they return the answer merged when the file was read, without allocating. Its
// capacity is its length, so appending to it copies.
func Related(folded, lang string) []Entry {
	li := langIndex(lang)
	if li < 0 || folded == "" {
		return nil
	}
	l := load()
	if strings.IndexByte(folded, ' ') >= 0 {
		words := textproc.Words(folded)
		stems := make([]string, len(words))
		for i, w := range words {
			stems[i] = textproc.Stem(w, lang)
		}
		for _, p := range l.phrases[li][stems[0]] {
			if equal(p.stems, stems) {
				return p.answer
			}
		}
		return nil
	}
	return l.related(folded, "", li)
}

// RelatedStem is Related for a single folded word whose stem (textproc.Stem(folded, lang)) the
// caller already has: a word the lexicon does not list is then looked up without running the
// stemmer again, which is most of the cost of Related.
func RelatedStem(folded, stem, lang string) []Entry {
	li := langIndex(lang)
	if li < 0 || folded == "" {
		return nil
	}
	if stem == "" {
		stem = folded // "" would mean "not computed"; the stem of a short word is the word
	}
	return load().related(folded, stem, li)
}

// related looks a single folded word up: exactly, then by stem. stem is the word's stem
// when the caller has it, else "" (computed only if the exact tiers miss).
func (l *lexicon) related(word, stem string, li int) []Entry {
	if textproc.IsStopWord(word) {
		return nil
	}
	if k, ok := l.exact[li][word]; ok {
		return k.answer
	}
	if stem == "" {
		stem = textproc.Stem(word, langs[li])
	}
	if k, ok := l.stems[li][stem]; ok {
		return k.answer
	}
	return nil
}

// merge is the answer of several concepts asked in language li: translations first, each
// (language, stem) once. A single concept's answer is shared, not copied.
func (l *lexicon) merge(concepts []int32, li int) []Entry {
	if len(concepts) == 1 {
		return l.answers[concepts[0]][li]
	}
	var out []Entry
	for _, translations := range [2]bool{true, false} {
		for _, c := range concepts {
			for _, e := range l.answers[c][li] {
				if e.Translation == translations && !seen(out, e) {
					out = append(out, e)
				}
			}
		}
	}
	return out[:len(out):len(out)]
}

// seen reports whether out already holds an entry with e's language and stem.
func seen(out []Entry, e Entry) bool {
	for i := range out {
		if out[i].Stem == e.Stem && out[i].Lang == e.Lang {
			return true
		}
	}
	return false
}

// Expand finds the words and phrases of a folded question (textproc.Fold) in lang that the
// lexicon knows, in order. At each position the longest phrase wins and its words are not looked
// up again one by one ("put out" is not "put"); stop words are skipped. Positions are those of
// textproc.Words(foldedQuestion).
func Expand(foldedQuestion, lang string) []Match {
	if langIndex(lang) < 0 {
		return nil
	}
	words := textproc.Words(foldedQuestion)
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = textproc.Stem(w, lang)
	}
	return ExpandWords(words, stems, lang)
}

// ExpandWords is Expand for a caller that has already split the question (textproc.Words) and
// stemmed each word (textproc.Stem in lang), as a retriever does: the stemmer is most of Expand's
// cost. words and stems must have the same length; positions are indexes into them. The only
// allocation is the returned slice of matches.
func ExpandWords(words, stems []string, lang string) []Match {
	li := langIndex(lang)
	if li < 0 || len(words) != len(stems) {
		return nil
	}
	l := load()
	var out []Match
	for i := 0; i < len(words); {
		if p := l.longestPhrase(stems[i:], li); p != nil {
			out = append(out, Match{Start: i, End: i + len(p.stems), Related: p.answer})
			i += len(p.stems)
			continue
		}
		if r := l.related(words[i], stems[i], li); r != nil {
			out = append(out, Match{Start: i, End: i + 1, Related: r})
		}
		i++
	}
	return out
}

// Phrases is ExpandWords for phrases only: the multi-word entries of the lexicon found in the
// question, longest first at each position ("reached out", "came up", "ran a story"), without
// looking single words up. It returns nil, allocating nothing, when no word of the question starts
// a phrase.
func Phrases(words, stems []string, lang string) []Match {
	li := langIndex(lang)
	if li < 0 || len(words) != len(stems) || len(words) < 2 {
		return nil
	}
	l := load()
	var out []Match
	for i := 0; i < len(words)-1; {
		if p := l.longestPhrase(stems[i:], li); p != nil {
			out = append(out, Match{Start: i, End: i + len(p.stems), Related: p.answer})
			i += len(p.stems)
			continue
		}
		i++
	}
	return out
}

func (l *lexicon) longestPhrase(stems []string, li int) *phrase {
	if len(stems) < 2 {
		return nil
	}
	for _, p := range l.phrases[li][stems[0]] {
		if len(p.stems) <= len(stems) && equal(p.stems, stems[:len(p.stems)]) {
			return p
		}
	}
	return nil
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
