package knowledge

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/timelinebot/timelinebot/internal/lexicon"
	"github.com/timelinebot/timelinebot/internal/textproc"
)

// Field weights: a word in an event's title or among its actors says more about the event than the
// same word somewhere in a long passage.
const (
	weightTitle    = 2.0
	weightAnchor   = 1.0
	weightActors   = 1.5
	weightSummary  = 1.0
	weightPassages = 1.0

	// lightCoverage is how much a light word (textproc.IsLightWord) counts toward a question's
	// coverage, against 1 for any other word.
	lightCoverage = 0.3

	// unknownWeight is how much a word the timeline does not contain counts against a question's
	// coverage: it may name something the source never mentions ("Mueller"), or be the asker's own
	// wording of what the source says in other words ("instead", "besides").
	unknownWeight = 0.5

	bm25K1 = 1.2
	bm25B  = 0.75
)

// index is an inverted index over events' titles, actors, summaries (every language) and passages,
// with Snowball stems per field language, ranked with BM25. It is built once per timeline and never
// mutated, so searches need no locks.
type index struct {
	// foldedPassages[event][passage] is each passage's folded text, kept for timelines of at most
	// foldedPassagesLimit events: answers look for names in passages, and folding them again for
	// every question cost more than keeping them. nil for larger timelines, which fold on demand
	// rather than hold a second copy of their source.
	foldedPassages [][]string
	// foldedTitles[event] and foldedSummaries[event] are the fold of the event's title and English
	// summary, kept with the folded passages: answers look for the question's subject in them.
	foldedTitles, foldedSummaries []string
	// passageWords[event][passage] is textproc.Words of the folded passage, kept with it: the
	// premise, assertion and denial checks read the chosen event's passages word by word for
	// every question.
	passageWords [][][]string
	// glossWords[event][k] is textproc.Words of the fold of the event's k-th summary sentence,
	// kept with the folded passages: the assertion and denial checks read a passage's gloss too.
	glossWords [][][]string
	// denialsAt[event] holds denialsIn of each passage of the event then of each of its summary
	// sentences, kept with their words.
	denialsAt [][][]int32
	// actorReads[event] holds, once read, readActors of each passage of the event then of each
	// of its summary sentences; kept with the folded passages, nil without them.
	actorReads [][]atomic.Pointer[actorReading]
	// passageIDFs[term] is termPassageIDF(term), computed with passageDF.
	passageIDFs []float32
	// idfs[df] is idf(df), for the first document frequencies.
	idfs []float32
	// scanPostings makes Search scan every posting list rather than look a span's few candidates
	// up in it: set only by tests, as the reference the lookups are checked against.
	scanPostings bool
	terms        map[string]int32
	words        []string // term id -> term
	postings     [][]posting
	docLen       []float32
	avgLen       float32
	// deletes maps each term, and each term with one character deleted, to term ids: a symmetric
	// deletion index that finds vocabulary words one edit away from a misspelt query word in O(len).
	deletes map[string][]int32
	// surface maps every folded word of the timeline to the ids of its stems in English, French and
	// the source language (-1 where that stem is not a term), so that a question's words rarely need
	// the stemmer: stemming is most of the cost of a search otherwise.
	surface map[string][3]int32
	// wordShapes are surface's long words by shape, built by shapes at first use.
	wordShapes wordShapes
	shapesOnce sync.Once
	// termSurfaces[term] are the surface words indexed under term, built by nearSurface at first
	// use: only a question's misspelt word needs them.
	termSurfaces [][]string
	surfacesOnce sync.Once
	// wordSounds are surface's words by textproc.SoundKey, built by sounds at first use.
	wordSounds map[string][]string
	soundsOnce sync.Once
	// related maps a lexicon word (language, stem) to the timeline's terms it translates or is a
	// synonym of (related.go).
	related map[relKey][]relTerm
	// surfaceRelated is related for the timeline's own words, looked up once at build time.
	surfaceRelated map[string][]relTerm
	// passageTerms[event][passage] are the terms of each passage, sorted, for RankPassages.
	passageTerms [][][]int32
	// negated[event][passage] is true when the passage, or a summary sentence paraphrasing it,
	// has a denial (nil for an event with none): Denies reads only those.
	negated [][]bool
	// glosses[event] aligns the event's summary sentences to its passages (passages.go).
	glosses []eventGloss
	// passageDF[term] counts the passages containing the term (text or gloss), of passages in all.
	passageDF []int32
	passages  int
	// byPrecision lists the events of each precision (day, month, year) in timeline order, with
	// the first day of each and the widest span of the group minus one day: a lookup of the events
	// overlapping a span searches each group, starting that much earlier, so a year-long event
	// does not make every lookup scan a year of day events.
	byPrecision [3]precisionGroup
	// span is the days from the first event to the last.
	span    Span
	scratch sync.Pool
	// stems caches the stems of questions' words (stem).
	stems [stemSlots]atomic.Pointer[stemEntry]
}

// posting is an event containing a term, with the term's BM25 weight in that event before IDF:
// tf·(k1+1) / (tf + k1·(1 - b + b·len/avgLen)), computed once at build time.
// pairBlocks is an append-only list of (term, tf) pairs kept in fixed-size blocks, so that
// growing it never copies (nor leaves behind) what it already holds.
type pairBlocks struct {
	blocks [][]pair
	n      int
}

type pair struct {
	term int32
	tf   float32
}

const pairBlock = 1 << 16

func (b *pairBlocks) add(term int32, tf float32) {
	if b.n%pairBlock == 0 {
		b.blocks = append(b.blocks, make([]pair, pairBlock))
	}
	b.blocks[b.n/pairBlock][b.n%pairBlock] = pair{term, tf}
	b.n++
}

func (b *pairBlocks) at(i int) pair { return b.blocks[i/pairBlock][i%pairBlock] }

// int32Blocks hands out copies of small []int32 from shared blocks, so the index holds a few large
// arrays rather than one small allocation per passage.
type int32Blocks struct{ free []int32 }

func (b *int32Blocks) clone(s []int32) []int32 {
	if len(s) > len(b.free) {
		b.free = make([]int32, max(4096, len(s)))
	}
	out := b.free[:len(s):len(s)]
	copy(out, s)
	b.free = b.free[len(s):]
	return out
}

// sliceBlocks hands out [][]int32 of a given length from shared blocks.
type sliceBlocks struct{ free [][]int32 }

func (b *sliceBlocks) make(n int) [][]int32 {
	if n > len(b.free) {
		b.free = make([][]int32, max(1024, n))
	}
	out := b.free[:n:n]
	b.free = b.free[n:]
	return out
}

type precisionGroup struct {
	pos   []int32
	from  []Day
	width Day
}

// eachInSpan calls f with the position of every event overlapping s, in timeline order: it merges
// the candidates of the three precision groups.
func (ix *index) eachInSpan(t *Timeline, s Span, f func(pos int32)) {
	ix.eachInSpanUntil(t, s, func(p int32) bool { f(p); return true })
}

// eachInSpanUntil is eachInSpan stopping as soon as f returns false.
func (ix *index) eachInSpanUntil(t *Timeline, s Span, f func(pos int32) bool) {
	var lo, hi [3]int
	for g := range ix.byPrecision {
		grp := &ix.byPrecision[g]
		lo[g], _ = slices.BinarySearch(grp.from, s.From-grp.width)
		hi[g], _ = slices.BinarySearch(grp.from, s.To+1)
	}
	for {
		g := -1
		for k := range lo {
			if lo[k] < hi[k] && (g < 0 || ix.byPrecision[k].pos[lo[k]] < ix.byPrecision[g].pos[lo[g]]) {
				g = k
			}
		}
		if g < 0 {
			return
		}
		p := ix.byPrecision[g].pos[lo[g]]
		lo[g]++
		if t.Events[p].Span().Overlaps(s) && !f(p) {
			return
		}
	}
}

type posting struct {
	doc int32
	w   float32
}

// stemLangs are the languages a question's words are stemmed in, besides the source's: questions
// come in English or French.
var stemLangs = [2]string{"en", "fr"}

func (t *Timeline) build() {
	n := len(t.Events)
	t.byID = make(map[string]*Event, n)
	ix := &index{terms: make(map[string]int32)}
	ix.docLen = make([]float32, n)
	ix.tableIDF()
	ix.passageTerms = make([][][]int32, n)
	ix.negated = make([][]bool, n)
	if n <= foldedPassagesLimit {
		ix.foldedPassages = make([][]string, n)
		ix.passageWords = make([][][]string, n)
		ix.foldedTitles = make([]string, n)
		ix.foldedSummaries = make([]string, n)
	}
	srcLang := t.Source.Language

	// memo[lang][word] is the term of word's stem in lang. A timeline uses the same words over and
	// over, so each distinct word is stemmed once per language.
	memo := map[string]map[string]int32{}
	stemID := func(word []byte, lang string) int32 {
		m := memo[lang]
		if m == nil {
			m = make(map[string]int32)
			memo[lang] = m
		}
		if id, ok := m[string(word)]; ok {
			return id
		}
		w := string(word)
		id := ix.termID(textproc.Stem(w, lang))
		m[w] = id
		return id
	}
	var (
		negated bool      // add saw a denial ("not", "pas") in the text
		tf      []float32 // term id -> weighted frequency in the current event
		touched []int32   // terms with tf > 0
		folded  []byte
		length  float32
		total   float64
	)
	add := func(text, lang string, w float32, collect []int32) []int32 {
		// Fold into a reused buffer and look words up without making strings of them: a string is
		// only made for a word the memo has not seen.
		folded = textproc.AppendFold(folded[:0], text)
		for start, end, ok := textproc.NextWord(folded, 0); ok; start, end, ok = textproc.NextWord(folded, end) {
			word := folded[start:end]
			if textproc.IsStopWord(string(word)) {
				negated = negated || denials[string(word)]
				continue
			}
			negated = negated || refusals[string(word)] // "refused to convert": a word of its own that denies
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
	var (
		collect = make([]int32, 0, 64) // non-nil: add collects only into a non-nil slice
		// The postings, as (term, weight) pairs in event order, with where each event's end;
		// moved into one exactly sized array once every term's count is known.
		flat   pairBlocks
		docEnd = make([]int32, n)
		df     []int32
		ids    int32Blocks
		lists  sliceBlocks
	)
	// An anchor's names ("the dedication", "l'inauguration") name the events of its day: they are
	// read as those events' own words, as their titles are.
	anchorNames := map[Span][]Anchor{}
	for _, a := range t.Anchors {
		anchorNames[a.Date.Span()] = append(anchorNames[a.Date.Span()], a)
	}
	for i, e := range t.Events {
		t.byID[e.ID] = e
		e.pos = i
		e.span, e.spanSet = e.Date.Span(), true
		g := &ix.byPrecision[e.Precision()]
		g.pos = append(g.pos, int32(i))
		g.from = append(g.from, e.Span().From)
		if s := e.Span(); s.To-s.From > g.width {
			g.width = s.To - s.From
		}
		length = 0
		add(e.Title, "en", weightTitle, nil)
		for _, a := range anchorNames[e.Span()] {
			for _, lang := range slices.Sorted(maps.Keys(a.Names)) {
				for _, name := range a.Names[lang] {
					add(name, lang, weightAnchor, nil)
				}
			}
		}
		for _, a := range e.Actors {
			add(a, "en", weightActors, nil)
		}
		add(e.Summary, "en", weightSummary, nil)
		if len(e.Summaries) == 1 {
			for lang, text := range e.Summaries {
				add(text, lang, weightSummary, nil)
			}
		} else {
			for _, lang := range slices.Sorted(maps.Keys(e.Summaries)) {
				add(e.Summaries[lang], lang, weightSummary, nil)
			}
		}
		pt := lists.make(len(e.Passages))
		var neg []bool
		var fp []string
		var pw [][]string
		if ix.foldedPassages != nil {
			ix.foldedTitles[i], ix.foldedSummaries[i] = textproc.Fold(e.Title), textproc.Fold(e.Summary)
			fp = make([]string, len(e.Passages))
			ix.foldedPassages[i] = fp
			pw = make([][]string, len(e.Passages))
			ix.passageWords[i] = pw
		}
		for j, p := range e.Passages {
			negated = false
			collect = add(p.Text, srcLang, weightPassages, collect[:0])
			if fp != nil {
				fp[j] = string(folded) // add folded the passage into the buffer
				pw[j] = textproc.Words(fp[j])
			}
			if negated {
				if neg == nil {
					neg = make([]bool, len(e.Passages))
				}
				neg[j] = true
			}
			slices.Sort(collect)
			pt[j] = ids.clone(slices.Compact(collect))
		}
		ix.passageTerms[i] = pt
		ix.negated[i] = neg
		for _, id := range touched {
			flat.add(id, tf[id]) // tf until all lengths are known
			for int(id) >= len(df) {
				df = append(df, 0)
			}
			df[id]++
			tf[id] = 0
		}
		docEnd[i] = int32(flat.n)
		touched = touched[:0]
		ix.docLen[i] = length
		total += float64(length)
	}
	if n > 0 {
		ix.avgLen = float32(total / float64(n))
	}
	// Lay the postings out term by term, in event order within each term, in one array.
	arena := make([]posting, flat.n)
	next := make([]int32, len(ix.postings))
	var off int32
	for id := range ix.postings {
		next[id] = off
		if id < len(df) {
			off += df[id]
		}
		ix.postings[id] = arena[next[id]:off:off]
	}
	k := int32(0)
	for d := range n {
		norm := bm25K1 * (1 - bm25B + bm25B*ix.docLen[d]/ix.avgLen)
		for ; k < docEnd[d]; k++ {
			pr := flat.at(int(k))
			arena[next[pr.term]] = posting{doc: int32(d), w: pr.tf * (bm25K1 + 1) / (pr.tf + norm)}
			next[pr.term]++
		}
	}
	flat = pairBlocks{}
	if n > 0 {
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

	ix.buildRelated(memo)
	ix.relateSurface()

	ix.deletes = make(map[string][]int32, len(ix.terms)*4)
	for id, term := range ix.words {
		if len(term) < 4 {
			continue
		}
		for _, d := range textproc.Deletions(term) {
			ix.deletes[d] = append(ix.deletes[d], int32(id))
		}
	}
	ix.glosses = make([]eventGloss, n)
	gb := newGlossBuilder(ix, srcLang)
	for i, e := range t.Events {
		ix.glosses[i] = gb.build(e, i)
	}
	if ix.foldedPassages != nil {
		// One array for every slot, cut per event.
		size := 0
		for i, e := range t.Events {
			size += len(e.Passages) + len(ix.glosses[i].sentences)
		}
		slots := make([]atomic.Pointer[actorReading], size)
		ix.actorReads = make([][]atomic.Pointer[actorReading], n)
		ix.glossWords = make([][][]string, n)
		ix.denialsAt = make([][][]int32, n)
		for i, e := range t.Events {
			m := len(e.Passages) + len(ix.glosses[i].sentences)
			ix.actorReads[i], slots = slots[:m:m], slots[m:]
			ix.glossWords[i] = make([][]string, len(ix.glosses[i].sentences))
			for k, s := range ix.glosses[i].sentences {
				ix.glossWords[i][k] = textproc.Words(textproc.Fold(s.Text))
			}
			// Where the denials stand, in each passage then each summary sentence: nil for most.
			var da [][]int32
			for j := range e.Passages {
				if at := denialsIn(ix.passageWords[i][j]); at != nil {
					if da == nil {
						da = make([][]int32, m)
					}
					da[j] = at
				}
			}
			for k := range ix.glosses[i].sentences {
				if at := denialsIn(ix.glossWords[i][k]); at != nil {
					if da == nil {
						da = make([][]int32, m)
					}
					da[len(e.Passages)+k] = at
				}
			}
			ix.denialsAt[i] = da // nil when the event has none
		}
	}
	ix.countPassageDF()
	ix.scratch.New = func() any { return newScratch(n) }
	t.index = ix
	t.names = buildNameIndex(t.Events)
	t.monthNames = buildMonthNames(t.Events)
	t.titleActors = nil
	for _, m := range t.MentionedActors(textproc.Fold(t.ExpandNames(textproc.Fold(t.Title)))) {
		if !slices.Contains(t.titleActors, m.Actor) {
			t.titleActors = append(t.titleActors, m.Actor)
		}
	}
	t.phrases = nil
	for i := range t.Anchors {
		a := &t.Anchors[i]
		for _, lang := range slices.Sorted(maps.Keys(a.Names)) {
			for _, n := range a.Names[lang] {
				if f := textproc.Fold(strings.TrimSpace(n)); f != "" {
					t.phrases = append(t.phrases, AnchorPhrase{Phrase: f, Anchor: a})
					// People in a chat drop the article ("between launch and splashdown", "after
					// election"): the name without it is the anchor too where a date would stand
					// (AnchorPhrase.Bare), unless some anchor lists it or it is a stop word.
					if bare, ok := withoutArticle(f); ok && !anchorNamed(t.Anchors, bare) {
						t.phrases = append(t.phrases, AnchorPhrase{Phrase: bare, Anchor: a, Bare: true})
					}
				}
			}
		}
	}
	sort.SliceStable(t.phrases, func(i, j int) bool { return len(t.phrases[i].Phrase) > len(t.phrases[j].Phrase) })
}

// withoutArticle returns a folded anchor name without its leading definite article ("the launch",
// "le lancement", "l'explosion"), when what is left is a word of its own.
func withoutArticle(f string) (string, bool) {
	for _, art := range [...]string{"the ", "le ", "la ", "les ", "l'", "l ", "l’"} {
		if rest, ok := strings.CutPrefix(f, art); ok {
			rest = strings.TrimSpace(rest)
			if rest == "" || !strings.Contains(rest, " ") && textproc.IsStopWord(rest) {
				return "", false
			}
			return rest, true
		}
	}
	return "", false
}

// anchorNamed reports whether some anchor lists the folded name as one of its own.
func anchorNamed(anchors []Anchor, name string) bool {
	for i := range anchors {
		for _, ns := range anchors[i].Names {
			for _, n := range ns {
				if textproc.Fold(strings.TrimSpace(n)) == name {
					return true
				}
			}
		}
	}
	return false
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

func (ix *index) idf(df int) float32 {
	if df >= 0 && df < len(ix.idfs) {
		return ix.idfs[df]
	}
	return ix.idfOf(df)
}

// idfOf is idf computed: a logarithm, which every word of every question took several times.
func (ix *index) idfOf(df int) float32 {
	n := float64(len(ix.docLen))
	return float32(math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5)))
}

// idfTable is how many document frequencies idf keeps computed, at most: 256 KB.
const idfTable = 1 << 16

// tableIDF fills ix.idfs, once the number of events is known.
func (ix *index) tableIDF() {
	ix.idfs = make([]float32, min(len(ix.docLen)+1, idfTable))
	for df := range ix.idfs {
		ix.idfs[df] = ix.idfOf(df)
	}
}

// lookup returns the ids of the terms a query word may match: its stems in English, French and the
// source language, or, when none is in the vocabulary, terms one edit away (typo tolerance).
func (ix *index) lookup(word, srcLang string) (ids []int32, fuzzy bool) {
	ids, fuzzy, _ = ix.lookupStems(word, srcLang)
	return ids, fuzzy
}

// knownExactly reports whether lookup finds word other than by a typo allowance: as a word of the
// timeline or by one of its stems. It stops there, where lookup would go on to try every deletion
// of the word, only to report the matches it finds that way as fuzzy.
func (ix *index) knownExactly(word, srcLang string) bool {
	if known, ok := ix.surface[word]; ok {
		for _, id := range known {
			if id >= 0 {
				return true
			}
		}
	}
	for _, s := range ix.stemsOf(word, srcLang) {
		if _, ok := ix.terms[s]; ok {
			return true
		}
	}
	return false
}

// stemsOf returns word's stems in English, French and srcLang, stemming each language once.
func (ix *index) stemsOf(word, srcLang string) [3]string {
	stems := [3]string{ix.stem(word, "en"), ix.stem(word, "fr")}
	switch srcLang {
	case "en":
		stems[2] = stems[0]
	case "fr":
		stems[2] = stems[1]
	default:
		stems[2] = ix.stem(word, srcLang)
	}
	return stems
}

// stem is textproc.Stem through a small cache of the stems questions asked for: questions stem the
// same words over and over ("write", "happened", "day"), and Snowball's French stemmer costs
// microseconds a word. The cache is direct-mapped, each slot an atomic pointer, so concurrent
// questions never lock and it never grows; it belongs to the index, whose words it stems.
func (ix *index) stem(word, lang string) string {
	if len(word) < 3 {
		return textproc.Stem(word, lang)
	}
	slot := &ix.stems[stemSlot(word, lang)]
	if e := slot.Load(); e != nil && e.word == word && e.lang == lang {
		return e.stem
	}
	st := textproc.Stem(word, lang)
	slot.Store(&stemEntry{word: word, lang: lang, stem: st})
	return st
}

type stemEntry struct{ word, lang, stem string }

// stemSlot hashes a word and its language (FNV-1a) to a slot of the stem cache.
func stemSlot(word, lang string) int {
	h := uint32(2166136261)
	for i := 0; i < len(word); i++ {
		h = (h ^ uint32(word[i])) * 16777619
	}
	for i := 0; i < len(lang); i++ {
		h = (h ^ uint32(lang[i])) * 16777619
	}
	return int(h % stemSlots)
}

const stemSlots = 2048

// lookupStems is lookup, also returning the word's stems when it computed them (a word the
// timeline does not have as such), so that the caller need not stem it again.
func (ix *index) lookupStems(word, srcLang string) (ids []int32, fuzzy bool, stems *[3]string) {
	ids, stems = ix.lookupExact(word, srcLang)
	if len(ids) > 0 || len(word) < 4 {
		return ids, false, stems
	}
	ids = ix.lookupSlips(word, stems)
	return ids, len(ids) > 0, stems
}

// lookupExact is lookupStems without its typo allowances: the word as the timeline writes it, or
// one of its stems. stems is nil when the word itself is a word of the timeline.
func (ix *index) lookupExact(word, srcLang string) (ids []int32, stems *[3]string) {
	if known, ok := ix.surface[word]; ok {
		for _, id := range known {
			if id >= 0 && !containsID(ids, id) {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			return ids, nil
		}
	}
	st := ix.stemsOf(word, srcLang)
	stems = &st
	for i, s := range st {
		if i > 0 && (s == st[0] || (i == 2 && s == st[1])) {
			continue
		}
		if id, ok := ix.terms[s]; ok && !containsID(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, stems
}

// lookupSlips is lookupStems's typo allowances for a word of four letters or more that
// lookupExact does not find, stems its stems: one edit away, two for a long word, or its sound.
func (ix *index) lookupSlips(word string, stems *[3]string) (ids []int32) {
	st := *stems
	// The keys of textproc.Deletions, in its order, built in a buffer on the stack rather than
	// allocated one by one: every word a timeline lacks goes through here.
	var buf [32]byte
	for k, s := range [...]string{word, st[0], st[1]} {
		for i := -1; i < len(s); i++ {
			d := append(buf[:0], s...)
			if i >= 0 {
				d = append(d[:i], s[i+1:]...)
			}
			for _, id := range ix.deletes[string(d)] {
				// Two strings sharing a one-deletion key can be two edits apart ("weather", "whether"):
				// keep only true single edits.
				if containsID(ids, id) || !textproc.OneEdit(s, ix.words[id]) {
					continue
				}
				// A month's name is a date the question's parser reads, typos included, not a
				// word a slip reaches: "zune" is no "june".
				if monthWords[ix.words[id]] {
					continue
				}
				// A stem one edit from a term may stand for a word far from every word of that term:
				// "winter" (French stem "wint") is not "want", "called" (stem "call") is not "gall".
				// The slip is in what was typed, so the typed word must be near a word the timeline
				// writes for the term, unless the stems part only after their first letters, where
				// inflections and derivations differ ("éducation" and "éduqué", "voyait" and "voir").
				if k > 0 && s != word && !sharePrefix(s, ix.words[id], 3) && !ix.nearSurface(word, id) {
					continue
				}
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 && len(word) >= minTwoEdits && len(word) <= 40 {
		// A long word may carry two slips ("revolushion", "ambasadour"): it is compared with the
		// timeline's words of its first letter and about its length. A long word two edits from
		// another long word is seldom a different word.
		for _, w := range ix.shapes().near(word) {
			for _, id := range ix.surface[w] {
				if id >= 0 && !containsID(ids, id) {
					ids = append(ids, id)
				}
			}
		}
	}
	if len(ids) == 0 && len(word) >= minSounded {
		ids = ix.soundsLike(word)
	}
	return ids
}

// minSounded is the shortest question word looked up by how it sounds, and minSoundKey the
// shortest key: short words of one sound are many ("rite", "rate", "right"). A word of six letters
// or more may have a key of three ("foques", "phoques").
const (
	minSounded  = 5
	minSoundKey = 4
)

// soundsLike returns the term of the one word of the timeline that sounds like word
// (textproc.SoundKey), a misspelling no edit distance reaches ("centenère", "foques"), or nil
// when none or several terms do.
func (ix *index) soundsLike(word string) []int32 {
	key := textproc.SoundKey(word)
	// A word the lexicon lists is a real word the timeline lacks ("prison", "highest"), no
	// misspelling of one it has ("person", "August").
	if len(key) < minSoundKey && (len(key) < 3 || len(word) < 6) || len(lexicon.Related(word, "en")) > 0 || len(lexicon.Related(word, "fr")) > 0 {
		return nil
	}
	ix.soundsOnce.Do(func() {
		m := map[string][]string{}
		for w := range ix.surface {
			if len(w) >= minSounded-1 {
				if k := textproc.SoundKey(w); len(k) >= 3 {
					m[k] = append(m[k], w)
				}
			}
		}
		ix.wordSounds = m
	})
	// One term, not one word: a word's stems in English, French and the source's language are
	// often several terms ("clemenceau"), and such a word is left to the other allowances. Taking
	// every word that is alone with its sound was tried: it found names the source lacks
	// ("ivanka", "tomahawk") in words it has, and questions about them went unrefused.
	// Words of one sound that differ only in their last letters are one word in two languages
	// ("australia" and "australie") or two forms of it: their terms are the word's.
	var ids []int32
	var words []string
	for _, w := range ix.wordSounds[key] {
		if firstSound(w) != firstSound(word) {
			continue
		}
		words = append(words, w)
		for _, id := range ix.surface[w] {
			if id >= 0 && !containsID(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 || len(ids) > 1 && !oneWord(words) {
		return nil
	}
	return ids
}

// oneWord reports whether words agree with the first but for their last two letters (of the
// shorter): "australia", "australie", "australian".
func oneWord(words []string) bool {
	for _, w := range words[1:] {
		n := min(len(w), len(words[0])) - 2
		if n < 4 || !sharePrefix(w, words[0], n) {
			return false
		}
	}
	return true
}

// firstSound is the sound a folded word starts with: a misspelling keeps it ("foques" and
// "phoques" start with f, "kan" and "quand" with k), where two words of one key seldom do
// ("highest" and "August").
func firstSound(w string) byte {
	switch {
	case strings.HasPrefix(w, "ph"):
		return 'f'
	case strings.HasPrefix(w, "qu"):
		return 'k'
	case strings.HasPrefix(w, "au"), strings.HasPrefix(w, "eau"):
		return 'o' // "ostralie" of "australie", "otomne" of "automne"
	case len(w) > 1 && w[0] == 'c' && strings.ContainsRune("eiy", rune(w[1])):
		return 's'
	case w != "" && w[0] == 'c':
		return 'k'
	case w == "":
		return 0
	}
	return w[0]
}

// sharePrefix reports whether a and b begin with the same n bytes.
func sharePrefix(a, b string, n int) bool {
	return len(a) >= n && len(b) >= n && a[:n] == b[:n]
}

// nearSurface reports whether word is a slip (one edit; two for a long word, as for unknown words)
// from a word of the timeline indexed under term id.
func (ix *index) nearSurface(word string, id int32) bool {
	ix.surfacesOnce.Do(func() {
		ix.termSurfaces = make([][]string, len(ix.words))
		for w, ids := range ix.surface {
			for _, t := range ids {
				if t >= 0 {
					ix.termSurfaces[t] = append(ix.termSurfaces[t], w)
				}
			}
		}
	})
	for _, w := range ix.termSurfaces[id] {
		if textproc.OneEdit(word, w) || (len(word) >= minTwoEdits && textproc.WithinTwoEdits(word, w)) {
			return true
		}
	}
	return false
}

// minTwoEdits is the shortest question word allowed two slips: shorter ones two edits apart are
// often two words ("position", "petition").
const minTwoEdits = 9

// wordShapes groups the timeline's long words by first letter and length, for the two-slip
// allowance: a question's long unknown word is compared with a few dozen words, not all of them.
type wordShapes map[[2]int][]string

// shapes builds the index's word shapes at first use (most timelines never need them).
func (ix *index) shapes() wordShapes {
	ix.shapesOnce.Do(func() {
		m := wordShapes{}
		for w := range ix.surface {
			if len(w) >= minTwoEdits-2 {
				k := [2]int{int(w[0]), len(w)}
				m[k] = append(m[k], w)
			}
		}
		ix.wordShapes = m
	})
	return ix.wordShapes
}

// near returns the words within two edits of w, of its first letter: a slip on the first letter
// is rare, and the first letter narrows the search most.
func (m wordShapes) near(w string) []string {
	var out []string
	for n := len(w) - 2; n <= len(w)+2; n++ {
		for _, c := range m[[2]int{int(w[0]), n}] {
			if textproc.WithinTwoEdits(w, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// wordIDF is a question word's weight: that of its rarest matching term, a little less for a
// misspelt word; a word known only by its translations or synonyms weighs what they do.
func (ix *index) wordIDF(ids []int32, fuzzy bool, rel []relTerm) float32 {
	var idf float32
	for _, id := range ids {
		idf = max(idf, ix.idf(len(ix.postings[id])))
	}
	if fuzzy {
		idf *= 0.8
	}
	if len(ids) == 0 {
		for _, r := range rel {
			idf = max(idf, r.w*ix.idf(len(ix.postings[r.id])))
		}
	}
	return idf
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
	factor  []float32 // the weight of the term that gave word its score
	touched []int32
	wordHit []int32
	// mark[d] == gen marks event d as a candidate of the current search; bumping gen clears every
	// mark at once.
	mark []uint32
	gen  uint32
	heap []int32
	// content is the content words of a query given as a Reading.
	content []string
}

func newScratch(n int) *scratch {
	return &scratch{score: make([]float32, n), covered: make([]float32, n), word: make([]float32, n), factor: make([]float32, n), mark: make([]uint32, n)}
}

// Query is what a search looks for: content words and, optionally, the spans of days the events
// must overlap (any of them).
type Query struct {
	Text  string
	Spans []Span
	// EntriesOnly leaves out context events.
	EntriesOnly bool
	// Limit, when positive, returns only the best Limit hits: ranking tens of thousands of hits to
	// look at the first few is most of the cost of a search on a large timeline.
	Limit int
	// Unsorted returns the hits in no particular order, for callers that do not rank them.
	Unsorted bool
	// Reading, when set, is Text already read (ReadingOf): a question's text is searched, looked
	// up word by word and checked for phrases by several callers, which need not fold and split it
	// again, nor find its phrases again, for each.
	Reading *Reading
	// Lang is the asker's language, when known. Asked in a language that is neither the source's
	// nor English (which every event's Summary is in), the question's words are the translated
	// summaries' only, a translator's choice of words: each also finds events by its translations,
	// as a word the timeline lacks does. "Début" finds "construction of the arch began", where a
	// French summary writes "début" of another event only.
	Lang string
}

// Reading is a text as Search reads it: its folded words and the lexicon phrases among them
// (Timeline.Phrases). Its slices are shared and must not be modified.
type Reading struct {
	Words   []string // textproc.Words(textproc.Fold(text))
	Phrases []QueryWord
	Covers  []string
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
	sc := ix.scratch.Get().(*scratch)
	var words []string
	if q.Reading != nil {
		// The reading's words are shared: filtered into the scratch space rather than in place.
		sc.content = appendContentWords(sc.content[:0], q.Reading.Words)
		words = sc.content
	} else {
		words = contentWords(q.Text)
	}
	res.Words = len(words)

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
			ix.eachInSpan(t, s, func(d int32) {
				if sc.mark[d] != sc.gen && (!q.EntriesOnly || t.Events[d].Kind == KindEntry) {
					sc.mark[d] = sc.gen
					candidates = append(candidates, d)
				}
			})
		}
	}
	allowed := func(d int32) bool {
		if spans {
			return sc.mark[d] == sc.gen
		}
		return !q.EntriesOnly || t.Events[d].Kind == KindEntry
	}
	// few reports whether a span's candidates are better looked up in a word's postings one by
	// one than the postings scanned for them: a day of a large timeline has tens of events, a
	// common word (a French "fait" by its English translations) tens of thousands of postings.
	// Both ways visit the same (event, weight) pairs, each event's in the same order of terms.
	few := func(list []posting) bool {
		return spans && !ix.scanPostings && len(candidates)*fewCandidates < len(list)
	}

	var totalIDF float32
	// scoreWord credits the events a question's word (or phrase) matches, by its own terms and
	// the terms related to it.
	scoreWord := func(w string, ids []int32, fuzzy bool, rel []relTerm) {
		// How much the word counts toward coverage: a generic verb of the question ("asked",
		// "écrit") says little about whether the timeline answers it.
		coverWeight := float32(1)
		if textproc.IsLightWord(w) {
			coverWeight = lightCoverage
		}
		if len(ids) == 0 && len(rel) == 0 {
			res.Unknown = append(res.Unknown, w)
			totalIDF += ix.idf(0) * coverWeight * unknownCoverage(w)
			return
		}
		wIDF := ix.wordIDF(ids, fuzzy, rel)
		totalIDF += wIDF * coverWeight
		covers := wIDF * coverWeight
		// add credits event d with score s for this word.
		add := func(d int32, s float32) {
			if sc.score[d] == 0 && sc.covered[d] == 0 {
				sc.touched = append(sc.touched, d)
			}
			sc.score[d] += s
			sc.covered[d] += covers
		}
		if len(ids) == 1 && len(rel) == 0 {
			// The usual case: one stem, so each event's score for the word is its posting's.
			idf := ix.idf(len(ix.postings[ids[0]]))
			if fuzzy {
				idf *= 0.8
			}
			list := ix.postings[ids[0]]
			switch {
			case few(list):
				for _, d := range candidates {
					if w, ok := postingOf(list, d); ok {
						add(d, idf*w)
					}
				}
			case spans:
				for _, p := range list {
					if sc.mark[p.doc] == sc.gen {
						add(p.doc, idf*p.w)
					}
				}
			case q.EntriesOnly:
				for _, p := range list {
					if t.Events[p.doc].Kind == KindEntry {
						add(p.doc, idf*p.w)
					}
				}
			default:
				for _, p := range list {
					add(p.doc, idf*p.w)
				}
			}
			return
		}
		// Several stems (English, French, the source's), or related words: an event's score for
		// the word is that of its best-matching term, and a related term covers the word only as
		// much as it weighs.
		sc.wordHit = sc.wordHit[:0]
		credit := func(id int32, factor float32) {
			list := ix.postings[id]
			idf := ix.idf(len(list)) * factor
			one := func(d int32, w float32) {
				s := idf * w
				if sc.word[d] == 0 {
					sc.wordHit = append(sc.wordHit, d)
				}
				if s > sc.word[d] {
					sc.word[d], sc.factor[d] = s, factor
				}
			}
			if few(list) {
				for _, d := range candidates {
					if w, ok := postingOf(list, d); ok {
						one(d, w)
					}
				}
				return
			}
			for _, p := range list {
				if allowed(p.doc) {
					one(p.doc, p.w)
				}
			}
		}
		factor := float32(1)
		if fuzzy {
			factor = 0.8
		}
		for _, id := range ids {
			credit(id, factor)
		}
		for _, r := range rel {
			credit(r.id, r.w)
		}
		for _, d := range sc.wordHit {
			if sc.score[d] == 0 && sc.covered[d] == 0 {
				sc.touched = append(sc.touched, d)
			}
			sc.score[d] += sc.word[d]
			sc.covered[d] += covers * min(1, sc.factor[d]/factor)
			sc.word[d] = 0
		}
	}
	// Phrases the lexicon lists ("reached out", "came up") are looked up as one word, by the
	// timeline's words for them; their own words are not looked up one by one.
	var phrases []phraseWord
	var covered func(w string) bool
	if q.Reading != nil {
		covered = func(w string) bool { return slices.Contains(q.Reading.Covers, w) }
	} else {
		phrases = ix.questionPhrases(textproc.Fold(q.Text))
		covered = func(w string) bool { return phrases != nil && coveredByPhrase(phrases, w) }
	}
	for _, w := range words {
		if covered(w) {
			continue
		}
		ids, fuzzy := ix.lookup(w, t.Source.Language)
		// A word the timeline lacks finds events by its translations and synonyms: an English
		// question on a timeline written only in French. A word it has keeps to its own matches,
		// since a synonym's other senses would find events the question is not about.
		var rel []relTerm
		if len(ids) == 0 {
			rel = ix.relatedTerms(w, nil)
		} else if fuzzy {
			// A word the lexicon knows is no typo: "dropped" is not "droppe".
			if rel = ix.relatedTerms(w, nil); len(rel) > 0 {
				ids, fuzzy = nil, false
			}
		} else if q.Lang != "" && q.Lang != t.Source.Language && q.Lang != "en" {
			// Asked in a language only the events' translated summaries are in (Query.Lang).
			rel = ix.relatedTerms(w, ids)
		}
		scoreWord(w, ids, fuzzy, rel)
	}
	for _, p := range phrases {
		scoreWord(p.text, nil, false, p.related)
	}
	if q.Reading != nil {
		for _, p := range q.Reading.Phrases {
			scoreWord(p.Word, nil, false, p.related)
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
	if q.Limit > 0 && len(docs) > q.Limit {
		docs = sc.best(docs, q.Limit)
	}
	res.Hits = make([]Hit, len(docs))
	for i, d := range docs {
		res.Hits[i] = Hit{Event: t.Events[d], Score: sc.score[d], Coverage: coverage(d)}
	}
	if !q.Unsorted {
		slices.SortFunc(res.Hits, func(a, b Hit) int {
			if a.Score != b.Score {
				if a.Score > b.Score {
					return -1
				}
				return 1
			}
			return a.Event.pos - b.Event.pos
		})
	}
	return res
}

// fewCandidates is how many times more postings than candidates a word must have for Search to
// look the candidates up rather than scan the postings: a lookup is a binary search, some 17 steps
// in a list of 100,000.
const fewCandidates = 32

// postingOf returns the weight of event d in list, postings in event order.
func postingOf(list []posting, d int32) (float32, bool) {
	lo, hi := 0, len(list)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if list[m].doc < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(list) && list[lo].doc == d {
		return list[lo].w, true
	}
	return 0, false
}

// better reports whether event a ranks before event b: higher score, then earlier in the timeline.
func (sc *scratch) better(a, b int32) bool {
	if sc.score[a] != sc.score[b] {
		return sc.score[a] > sc.score[b]
	}
	return a < b
}

// best returns the k best of docs, in no particular order, keeping a heap of the k best seen so far
// whose root is the worst of them: O(n log k) instead of sorting all n.
func (sc *scratch) best(docs []int32, k int) []int32 {
	h := sc.heap[:0]
	worse := func(i, j int) bool { return sc.better(h[j], h[i]) } // h[i] ranks after h[j]
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			if r := l + 1; r < len(h) && worse(r, l) {
				l = r
			}
			if !worse(l, i) {
				return
			}
			h[i], h[l] = h[l], h[i]
			i = l
		}
	}
	for _, d := range docs {
		if len(h) < k {
			h = append(h, d)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !worse(i, p) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if sc.better(d, h[0]) {
			h[0] = d
			down(0)
		}
	}
	sc.heap = h
	return h
}

// unknownCoverage is how much an unknown word counts against coverage: nothing for a word too short
// to be told from a typo or an abbreviation ("wat", "ki", "dm"), or one edit away from a stop word
// ("teh", "wen"); unknownWeight otherwise.
func unknownCoverage(w string) float32 {
	if len(w) < 4 || textproc.NearStopWord(w) {
		return 0
	}
	return unknownWeight
}

// contentWords folds text and keeps the words that are not stop words, each once.
func contentWords(text string) []string {
	// Filtered in place: the words are this call's own, and each is kept at or before its index.
	words := textproc.Words(textproc.Fold(text))
	return appendContentWords(words[:0], words)
}

// appendContentWords appends to out the words that are not stop words, each once; out may be
// words[:0], since each word is kept at or before its index.
func appendContentWords(out, words []string) []string {
	start := len(out)
	for _, w := range words {
		if textproc.IsStopWord(w) || contains(out[start:], w) {
			continue
		}
		out = append(out, w)
	}
	return out
}
