package knowledge

import (
	"math"
	"sort"
	"sync"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// Field weights: a word in an event's title or among its actors says more about the event than the
// same word somewhere in a long passage.
const (
	weightTitle    = 2.0
	weightActors   = 1.5
	weightSummary  = 1.0
	weightPassages = 1.0

	bm25K1 = 1.2
	bm25B  = 0.75
)

// index is an inverted index over events' titles, actors, summaries (every language) and passages,
// with Snowball stems per field language, ranked with BM25. It is built once per timeline and never
// mutated, so searches need no locks.
type index struct {
	terms    map[string]int32
	words    []string // term id -> term
	postings [][]posting
	docLen   []float32
	avgLen   float32
	// deletes maps each term, and each term with one character deleted, to term ids: a symmetric
	// deletion index that finds vocabulary words one edit away from a misspelt query word in O(len).
	deletes map[string][]int32
	// maxWidth is the widest event span minus one day, so span lookups can start early enough.
	maxWidth Day
	scratch  sync.Pool
}

type posting struct {
	doc int32
	tf  float32
}

func (t *Timeline) build() {
	t.byID = make(map[string]*Event, len(t.Events))
	ix := &index{terms: make(map[string]int32)}
	ix.docLen = make([]float32, len(t.Events))
	srcLang := t.Source.Language
	tf := map[int32]float32{}
	var total float64
	for i, e := range t.Events {
		t.byID[e.ID] = e
		e.pos = i
		if s := e.Span(); s.To-s.From > ix.maxWidth {
			ix.maxWidth = s.To - s.From
		}
		clear(tf)
		var length float32
		add := func(text, lang string, w float32) {
			for _, word := range textproc.Words(textproc.Fold(text)) {
				if textproc.IsStopWord(word) {
					continue
				}
				tf[ix.termID(textproc.Stem(word, lang))] += w
				length += w
			}
		}
		add(e.Title, "en", weightTitle)
		for _, a := range e.Actors {
			add(a, "en", weightActors)
		}
		add(e.Summary, "en", weightSummary)
		for lang, s := range e.Summaries {
			add(s, lang, weightSummary)
		}
		for _, p := range e.Passages {
			add(p.Text, srcLang, weightPassages)
		}
		for term, f := range tf {
			ix.postings[term] = append(ix.postings[term], posting{doc: int32(i), tf: f})
		}
		ix.docLen[i] = length
		total += float64(length)
	}
	if len(t.Events) > 0 {
		ix.avgLen = float32(total / float64(len(t.Events)))
	}
	// Postings were appended in event order, so they are sorted by doc already.
	ix.deletes = make(map[string][]int32, len(ix.terms)*4)
	for term, id := range ix.terms {
		if len(term) < 4 {
			continue
		}
		for _, d := range deletions(term) {
			ix.deletes[d] = append(ix.deletes[d], id)
		}
	}
	ix.scratch.New = func() any { return newScratch(len(t.Events)) }
	t.index = ix
}

func (ix *index) termID(term string) int32 {
	if id, ok := ix.terms[term]; ok {
		return id
	}
	id := int32(len(ix.postings))
	ix.terms[term] = id
	ix.words = append(ix.words, term)
	ix.postings = append(ix.postings, nil)
	return id
}

// deletions returns s and every string made by deleting one byte of s. Bytes rather than runes:
// terms are folded, so nearly all are ASCII, and a split rune only yields a key nothing matches.
func deletions(s string) []string {
	out := make([]string, 0, len(s)+1)
	out = append(out, s)
	for i := 0; i < len(s); i++ {
		out = append(out, s[:i]+s[i+1:])
	}
	return out
}

func (ix *index) idf(df int) float32 {
	n := float64(len(ix.docLen))
	return float32(math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5)))
}

// lookup returns the ids of the terms a query word may match: its stems in English, French and the
// source language, or, when none is in the vocabulary, terms one edit away (typo tolerance).
func (ix *index) lookup(word, srcLang string) (ids []int32, fuzzy bool) {
	stems := [3]string{textproc.Stem(word, "en"), textproc.Stem(word, "fr"), textproc.Stem(word, srcLang)}
	for i, s := range stems {
		if i > 0 && (s == stems[0] || (i == 2 && s == stems[1])) {
			continue
		}
		if id, ok := ix.terms[s]; ok && !containsID(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) > 0 || len(word) < 4 {
		return ids, false
	}
	for _, s := range []string{word, stems[0], stems[1]} {
		for _, d := range deletions(s) {
			for _, id := range ix.deletes[d] {
				// Two strings sharing a one-deletion key can be two edits apart ("weather", "whether"):
				// keep only true single edits.
				if !containsID(ids, id) && oneEdit(s, ix.words[id]) {
					ids = append(ids, id)
				}
			}
		}
	}
	return ids, len(ids) > 0
}

func containsID(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

type scratch struct {
	score   []float32
	covered []float32
	word    []float32
	touched []int32
	wordHit []int32
}

func newScratch(n int) *scratch {
	return &scratch{score: make([]float32, n), covered: make([]float32, n), word: make([]float32, n)}
}

// Query is what a search looks for: content words and, optionally, the spans of days the events
// must overlap (any of them).
type Query struct {
	Text  string
	Spans []Span
	// EntriesOnly leaves out context events.
	EntriesOnly bool
}

// Hit is an event found by a search.
type Hit struct {
	Event *Event
	Score float32
	// Coverage is the share of the query's information (sum of its words' IDF) that the event
	// matches, from 0 to 1. A high score with a low coverage means the question is about something
	// else that merely shares a name with the event.
	Coverage float32
}

// Result is the outcome of a search.
type Result struct {
	Hits []Hit
	// Words is the number of content words in the query, after stop words.
	Words int
	// Unknown lists content words that match nothing in the timeline, even with a typo allowance.
	Unknown []string
}

// Search ranks events for q. With spans, only events overlapping one of them are candidates, and all
// of them are returned (score 0 when no word matches). Without spans, only events matching at least
// one word are returned. Hits come best first; ties keep timeline order.
func (t *Timeline) Search(q Query) Result {
	ix := t.index
	var res Result
	words := contentWords(q.Text)
	res.Words = len(words)

	var allowed func(int32) bool
	var candidates []*Event
	if len(q.Spans) > 0 {
		seen := map[*Event]bool{}
		for _, s := range q.Spans {
			for _, e := range t.InSpan(s) {
				if !seen[e] && (!q.EntriesOnly || e.Kind == KindEntry) {
					seen[e] = true
					candidates = append(candidates, e)
				}
			}
		}
		allowedSet := make(map[int32]bool, len(candidates))
		for _, e := range candidates {
			allowedSet[int32(e.pos)] = true
		}
		allowed = func(d int32) bool { return allowedSet[d] }
	} else if q.EntriesOnly {
		allowed = func(d int32) bool { return t.Events[d].Kind == KindEntry }
	}

	sc := ix.scratch.Get().(*scratch)
	defer func() {
		for _, d := range sc.touched {
			sc.score[d], sc.covered[d] = 0, 0
		}
		sc.touched = sc.touched[:0]
		ix.scratch.Put(sc)
	}()

	var totalIDF float32
	for _, w := range words {
		ids, fuzzy := ix.lookup(w, t.Source.Language)
		if len(ids) == 0 {
			res.Unknown = append(res.Unknown, w)
			totalIDF += ix.idf(0)
			continue
		}
		// A word's weight is that of its rarest matching stem; a misspelt word counts a little less.
		var wIDF float32
		for _, id := range ids {
			wIDF = max(wIDF, ix.idf(len(ix.postings[id])))
		}
		if fuzzy {
			wIDF *= 0.8
		}
		totalIDF += wIDF
		sc.wordHit = sc.wordHit[:0]
		for _, id := range ids {
			idf := ix.idf(len(ix.postings[id]))
			if fuzzy {
				idf *= 0.8
			}
			for _, p := range ix.postings[id] {
				if allowed != nil && !allowed(p.doc) {
					continue
				}
				norm := bm25K1 * (1 - bm25B + bm25B*ix.docLen[p.doc]/ix.avgLen)
				s := idf * p.tf * (bm25K1 + 1) / (p.tf + norm)
				if sc.word[p.doc] == 0 {
					sc.wordHit = append(sc.wordHit, p.doc)
				}
				sc.word[p.doc] = max(sc.word[p.doc], s)
			}
		}
		for _, d := range sc.wordHit {
			if sc.score[d] == 0 && sc.covered[d] == 0 {
				sc.touched = append(sc.touched, d)
			}
			sc.score[d] += sc.word[d]
			sc.covered[d] += wIDF
			sc.word[d] = 0
		}
	}

	coverage := func(d int32) float32 {
		if totalIDF == 0 {
			return 0
		}
		return min(1, sc.covered[d]/totalIDF)
	}
	if candidates != nil {
		res.Hits = make([]Hit, 0, len(candidates))
		for _, e := range candidates {
			d := int32(e.pos)
			res.Hits = append(res.Hits, Hit{Event: e, Score: sc.score[d], Coverage: coverage(d)})
		}
	} else {
		res.Hits = make([]Hit, 0, len(sc.touched))
		for _, d := range sc.touched {
			res.Hits = append(res.Hits, Hit{Event: t.Events[d], Score: sc.score[d], Coverage: coverage(d)})
		}
	}
	sort.SliceStable(res.Hits, func(i, j int) bool {
		a, b := res.Hits[i], res.Hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Event.pos < b.Event.pos
	})
	return res
}

// contentWords folds text and keeps the words that are not stop words, each once.
func contentWords(text string) []string {
	var out []string
	for _, w := range textproc.Words(textproc.Fold(text)) {
		if textproc.IsStopWord(w) || contains(out, w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// BestPassage returns the index of e's passage that shares the most words with text (by stem, in
// English, French and the source language), or 0, the event's first passage, when none does.
func (t *Timeline) BestPassage(e *Event, text string) int {
	words := contentWords(text)
	if len(words) == 0 || len(e.Passages) < 2 {
		return 0
	}
	lang := t.Source.Language
	stems := make([][3]string, len(words))
	for i, w := range words {
		stems[i] = [3]string{textproc.Stem(w, "en"), textproc.Stem(w, "fr"), textproc.Stem(w, lang)}
	}
	best, bestScore := 0, 0
	for i, p := range e.Passages {
		have := map[string]bool{}
		for _, w := range textproc.Words(textproc.Fold(p.Text)) {
			have[textproc.Stem(w, lang)] = true
		}
		score := 0
		for _, s := range stems {
			if have[s[0]] || have[s[1]] || have[s[2]] {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// oneEdit reports whether a and b differ by at most one insertion, deletion, substitution or
// transposition of adjacent bytes.
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // transposition
	}
	return a[i:] == b[i+1:] // insertion
}
