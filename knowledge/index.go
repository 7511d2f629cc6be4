package knowledge

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
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
	// surface maps every folded word of the timeline to the ids of its stems in English, French and
	// the source language (-1 where that stem is not a term), so that a question's words rarely need
	// the stemmer: stemming is most of the cost of a search otherwise.
	surface map[string][3]int32
	// passageTerms[event][passage] are the terms of each passage, sorted, for BestPassage.
	passageTerms [][][]int32
	// maxWidth is the widest event span minus one day, so span lookups can start early enough.
	maxWidth Day
	// span is the days from the first event to the last.
	span    Span
	scratch sync.Pool
}

type posting struct {
	doc int32
	tf  float32
}

// stemLangs are the languages a question's words are stemmed in, besides the source's: questions
// come in English or French.
var stemLangs = [2]string{"en", "fr"}

func (t *Timeline) build() {
	n := len(t.Events)
	t.byID = make(map[string]*Event, n)
	ix := &index{terms: make(map[string]int32)}
	ix.docLen = make([]float32, n)
	ix.passageTerms = make([][][]int32, n)
	srcLang := t.Source.Language

	// memo[lang][word] is the term of word's stem in lang. A timeline uses the same words over and
	// over, so each distinct word is stemmed once per language.
	memo := map[string]map[string]int32{}
	stemID := func(word, lang string) int32 {
		m := memo[lang]
		if m == nil {
			m = make(map[string]int32)
			memo[lang] = m
		}
		if id, ok := m[word]; ok {
			return id
		}
		id := ix.termID(textproc.Stem(word, lang))
		m[strings.Clone(word)] = id
		return id
	}
	var (
		tf      []float32 // term id -> weighted frequency in the current event
		touched []int32   // terms with tf > 0
		words   []string
		length  float32
		total   float64
	)
	add := func(text, lang string, w float32, collect []int32) []int32 {
		words = textproc.AppendWords(words[:0], textproc.Fold(text))
		for _, word := range words {
			if textproc.IsStopWord(word) {
				continue
			}
			id := stemID(word, lang)
			if int(id) >= len(tf) {
				tf = append(tf, make([]float32, int(id)+1-len(tf))...)
			}
			if tf[id] == 0 {
				touched = append(touched, id)
			}
			tf[id] += w
			length += w
			if collect != nil {
				collect = append(collect, id)
			}
		}
		return collect
	}
	var collect []int32
	for i, e := range t.Events {
		t.byID[e.ID] = e
		e.pos = i
		if s := e.Span(); s.To-s.From > ix.maxWidth {
			ix.maxWidth = s.To - s.From
		}
		length = 0
		add(e.Title, "en", weightTitle, nil)
		for _, a := range e.Actors {
			add(a, "en", weightActors, nil)
		}
		add(e.Summary, "en", weightSummary, nil)
		for _, lang := range slices.Sorted(maps.Keys(e.Summaries)) {
			add(e.Summaries[lang], lang, weightSummary, nil)
		}
		pt := make([][]int32, len(e.Passages))
		for j, p := range e.Passages {
			collect = add(p.Text, srcLang, weightPassages, collect[:0])
			slices.Sort(collect)
			pt[j] = slices.Clone(slices.Compact(collect))
		}
		ix.passageTerms[i] = pt
		// Postings are appended in event order, so each list is sorted by doc.
		for _, id := range touched {
			ix.postings[id] = append(ix.postings[id], posting{doc: int32(i), tf: tf[id]})
			tf[id] = 0
		}
		touched = touched[:0]
		ix.docLen[i] = length
		total += float64(length)
	}
	if n > 0 {
		ix.avgLen = float32(total / float64(n))
		ix.span = Span{t.Events[0].Span().From, t.Events[0].Span().To}
		for _, e := range t.Events {
			ix.span.To = max(ix.span.To, e.Span().To)
		}
	}

	ix.surface = make(map[string][3]int32, len(memo[srcLang])+len(memo["en"]))
	langs := [3]string{stemLangs[0], stemLangs[1], srcLang}
	for _, m := range memo {
		for word := range m {
			if _, done := ix.surface[word]; done {
				continue
			}
			var ids [3]int32
			for k, lang := range langs {
				ids[k] = -1
				if id, ok := memo[lang][word]; ok {
					ids[k] = id
				} else if id, ok := ix.terms[textproc.Stem(word, lang)]; ok {
					ids[k] = id
				}
			}
			ix.surface[word] = ids
		}
	}

	ix.deletes = make(map[string][]int32, len(ix.terms)*4)
	for id, term := range ix.words {
		if len(term) < 4 {
			continue
		}
		for _, d := range deletions(term) {
			ix.deletes[d] = append(ix.deletes[d], int32(id))
		}
	}
	ix.scratch.New = func() any { return newScratch(n) }
	t.index = ix
	t.phrases = nil
	for i := range t.Anchors {
		a := &t.Anchors[i]
		for _, lang := range slices.Sorted(maps.Keys(a.Names)) {
			for _, n := range a.Names[lang] {
				if f := textproc.Fold(strings.TrimSpace(n)); f != "" {
					t.phrases = append(t.phrases, AnchorPhrase{Phrase: f, Anchor: a})
				}
			}
		}
	}
	sort.SliceStable(t.phrases, func(i, j int) bool { return len(t.phrases[i].Phrase) > len(t.phrases[j].Phrase) })
}

func (ix *index) termID(term string) int32 {
	if id, ok := ix.terms[term]; ok {
		return id
	}
	term = strings.Clone(term) // a stem may be a slice of a long text
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
	if known, ok := ix.surface[word]; ok {
		for _, id := range known {
			if id >= 0 && !containsID(ids, id) {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			return ids, false
		}
	}
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
	// mark[d] == gen marks event d as a candidate of the current search; bumping gen clears every
	// mark at once.
	mark []uint32
	gen  uint32
}

func newScratch(n int) *scratch {
	return &scratch{score: make([]float32, n), covered: make([]float32, n), word: make([]float32, n), mark: make([]uint32, n)}
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

	sc := ix.scratch.Get().(*scratch)
	defer func() {
		for _, d := range sc.touched {
			sc.score[d], sc.covered[d] = 0, 0
		}
		sc.touched = sc.touched[:0]
		ix.scratch.Put(sc)
	}()

	// Candidates: the events of the spans, marked in the scratch space rather than collected in maps.
	var candidates []int32
	spans := len(q.Spans) > 0
	if spans {
		sc.gen++
		if sc.gen == 0 { // wrapped: stale marks could collide
			clear(sc.mark)
			sc.gen = 1
		}
		for _, s := range q.Spans {
			start, end := t.spanRange(s)
			for _, e := range t.Events[start:end] {
				d := int32(e.pos)
				if sc.mark[d] != sc.gen && e.Span().Overlaps(s) && (!q.EntriesOnly || e.Kind == KindEntry) {
					sc.mark[d] = sc.gen
					candidates = append(candidates, d)
				}
			}
		}
	}
	allowed := func(d int32) bool {
		if spans {
			return sc.mark[d] == sc.gen
		}
		return !q.EntriesOnly || t.Events[d].Kind == KindEntry
	}

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
				if !allowed(p.doc) {
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
	docs := sc.touched
	if spans {
		docs = candidates
	}
	res.Hits = make([]Hit, len(docs))
	for i, d := range docs {
		res.Hits[i] = Hit{Event: t.Events[d], Score: sc.score[d], Coverage: coverage(d)}
	}
	slices.SortFunc(res.Hits, func(a, b Hit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return a.Event.pos - b.Event.pos
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
	if len(words) == 0 || len(e.Passages) < 2 || t.Position(e) < 0 {
		return 0
	}
	ix := t.index
	wordIDs := make([][]int32, 0, len(words))
	for _, w := range words {
		if ids, fuzzy := ix.lookup(w, t.Source.Language); len(ids) > 0 && !fuzzy {
			wordIDs = append(wordIDs, ids)
		}
	}
	best, bestScore := 0, 0
	for i, terms := range ix.passageTerms[e.pos] {
		score := 0
		for _, ids := range wordIDs {
			for _, id := range ids {
				if _, found := slices.BinarySearch(terms, id); found {
					score++
					break
				}
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
