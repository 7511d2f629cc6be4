package knowledge

import (
	"maps"
	"math"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// Passage-level retrieval. An event's passages are the source's own words, in the source's
// language; its summaries say the same things in other words and other languages. Each summary
// sentence is aligned to the passage it paraphrases, and its words become that passage's gloss: a
// question in English finds the French passage whose English paraphrase it matches, while the quote
// shown stays the source's own. The alignment is computed from the file alone (shared words, names
// and numbers, and the order of sentences), so any chronology gets it without extra authoring.

// glossWeight is how much a word matched only in a passage's gloss counts, against 1 for a word of
// the passage itself: the gloss is a paraphrase, so it may say more or less than the passage.
const glossWeight = 0.6

// SummarySentence is one sentence of an event's summary in some language, with the passage it
// paraphrases.
type SummarySentence struct {
	Lang    string
	Text    string
	Passage int // index in the event's Passages it paraphrases best, -1 when the event has none
}

type eventGloss struct {
	sentences []SummarySentence
	// terms[p] are the sorted term ids of the sentences aligned to passage p.
	terms [][]int32
	// labels[p] are the sorted term ids of the words that introduce a quotation of passage p in
	// a summary ("WikiLeaks salue Trump Jr. (« Salut Don… »)"): nil for most passages.
	labels [][]int32
}

// overlap is the IDF mass of the terms two sorted lists share.
func (ix *index) overlap(a, b []int32) float32 {
	var s float32
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			s += ix.idf(len(ix.postings[a[i]]))
			i++
			j++
		}
	}
	return s
}

// glossBuilder aligns summary sentences to passages for every event of a timeline, reusing its
// buffers: a large timeline has millions of summary words.
type glossBuilder struct {
	ix      *index
	srcLang string
	folded  []byte
	terms   []int32 // the current sentence's terms, in order
	clause  []int   // where each clause of the sentence ends in terms
	sorted  []int32
	acc     [][]int32 // per passage, the gloss terms collected
	label   [][]int32 // per passage, the terms introducing a quotation of it
	negated bool      // the sentence read last has a denial
	scores  []float32
	blocks  int32Blocks
	lists   sliceBlocks
}

func newGlossBuilder(ix *index, srcLang string) *glossBuilder {
	return &glossBuilder{ix: ix, srcLang: srcLang}
}

// sentence reads a sentence's terms in lang and where its clauses end (at commas, semicolons,
// colons, brackets, quotation marks and joining conjunctions). Every word of a summary is in the
// surface table with its stems already computed.
func (b *glossBuilder) sentence(sent, lang string) {
	slot := -1
	switch lang {
	case b.srcLang:
		slot = 2
	case stemLangs[0]:
		slot = 0
	case stemLangs[1]:
		slot = 1
	}
	b.folded = textproc.AppendFold(b.folded[:0], sent)
	b.terms, b.clause, b.negated = b.terms[:0], b.clause[:0], false
	prev := 0
	for start, end, ok := textproc.NextWord(b.folded, 0); ok; start, end, ok = textproc.NextWord(b.folded, end) {
		word := b.folded[start:end]
		if len(b.terms) > 0 && (clauseBreak(b.folded[prev:start]) || conjunctions[string(word)]) {
			b.clause = append(b.clause, len(b.terms))
		}
		prev = end
		if textproc.IsStopWord(string(word)) {
			b.negated = b.negated || denials[string(word)]
			continue
		}
		b.negated = b.negated || refusals[string(word)]
		if ids, ok := b.ix.surface[string(word)]; ok && slot >= 0 {
			if ids[slot] >= 0 {
				b.terms = append(b.terms, ids[slot])
			}
		} else if id, ok := b.ix.terms[textproc.Stem(string(word), lang)]; ok {
			b.terms = append(b.terms, id)
		}
	}
	b.clause = append(b.clause, len(b.terms))
}

// clauseBreak reports whether the text between two words ends a clause.
func clauseBreak(gap []byte) bool {
	for _, c := range gap {
		switch c {
		case ',', ';', ':', '(', ')', '"', 0xab, 0xbb, 0x9c, 0x9d: // also the last bytes of « » “ ”
			return true
		}
	}
	return false
}

var conjunctions = map[string]bool{"and": true, "but": true, "while": true, "whereas": true, "et": true, "mais": true, "tandis": true, "alors": true}

// sortedTerms returns terms sorted and without duplicates, in the builder's scratch.
func (b *glossBuilder) sortedTerms(terms []int32) []int32 {
	b.sorted = append(b.sorted[:0], terms...)
	slices.Sort(b.sorted)
	return slices.Compact(b.sorted)
}

// build aligns every summary sentence of e to one of its passages.
func (b *glossBuilder) build(e *Event, pos int) eventGloss {
	ix := b.ix
	var g eventGloss
	passages := ix.passageTerms[pos]
	n := len(passages)
	// The source-language summary is aligned by shared words; the others follow it sentence by
	// sentence when they have as many sentences (a translation), else by their own shared words
	// (names and numbers cross languages), else by position.
	type langSum struct{ lang, text string }
	sums := make([]langSum, 0, 1+len(e.Summaries))
	if e.Summary != "" {
		sums = append(sums, langSum{"en", e.Summary})
	}
	for _, lang := range slices.Sorted(maps.Keys(e.Summaries)) {
		if lang != "en" && e.Summaries[lang] != "" {
			sums = append(sums, langSum{lang, e.Summaries[lang]})
		}
	}
	slices.SortStableFunc(sums, func(a, c langSum) int {
		switch {
		case a.lang == b.srcLang && c.lang != b.srcLang:
			return -1
		case c.lang == b.srcLang && a.lang != b.srcLang:
			return 1
		}
		return 0
	})
	for len(b.acc) < n {
		b.acc = append(b.acc, nil)
		b.label = append(b.label, nil)
	}
	for p := range n {
		b.acc[p] = b.acc[p][:0]
		b.label[p] = b.label[p][:0]
	}
	var pivot [][]int      // passages of each sentence of the first (pivot) summary
	var pivotQuote [][]int // the passage each quotation of each pivot sentence quotes, or -1
	for k, s := range sums {
		sents := textproc.Sentences(s.text)
		var align [][]int
		for i, sent := range sents {
			var ps []int
			if n > 0 {
				b.sentence(sent, s.lang)
				whole := b.sortedTerms(b.terms)
				ps = b.align(whole, passages)
				switch {
				case k > 0 && len(pivot) == len(sents):
					ps = pivot[i]
				case len(ps) == 0:
					ps = []int{min(n-1, i*n/max(1, len(sents)))}
				}
				if b.negated {
					// Denies reads the sentence as its first passage's paraphrase.
					if ix.negated[pos] == nil {
						ix.negated[pos] = make([]bool, n)
					}
					ix.negated[pos][ps[0]] = true
				}
				for _, p := range ps {
					b.acc[p] = append(b.acc[p], whole...)
				}
				// A long sentence often condenses several passages; each of its clauses that clearly
				// paraphrases one passage glosses that passage too.
				if len(b.clause) > 1 {
					from := 0
					for _, to := range b.clause {
						if to-from >= 3 {
							ct := b.sortedTerms(b.terms[from:to])
							if cp := b.align(ct, passages); len(cp) == 1 {
								b.acc[cp[0]] = append(b.acc[cp[0]], ct...)
							}
						}
						from = to
					}
				}
			}
			if n > 0 {
				// A translated summary quotes in its own language: its quotation is the pivot
				// sentence's when the summaries match sentence for sentence.
				var fallback []int
				if k > 0 && len(pivotQuote) == len(sents) {
					fallback = pivotQuote[i]
				}
				q := b.glossQuotes(e, sent, s.lang, fallback)
				if k == 0 {
					pivotQuote = append(pivotQuote, q)
				}
			}
			align = append(align, ps)
			first := -1
			if len(ps) > 0 {
				first = ps[0]
			}
			g.sentences = append(g.sentences, SummarySentence{Lang: s.lang, Text: sent, Passage: first})
		}
		if k == 0 {
			pivot = align
		}
	}
	g.terms = b.lists.make(n)
	for p := range n {
		slices.Sort(b.acc[p])
		g.terms[p] = b.blocks.clone(slices.Compact(b.acc[p]))
		if len(b.label[p]) > 0 {
			if g.labels == nil {
				g.labels = make([][]int32, n)
			}
			slices.Sort(b.label[p])
			g.labels[p] = slices.Clone(slices.Compact(b.label[p]))
		}
	}
	return g
}

// glossQuotes finds the quotations of a summary sentence that a passage of e contains (or, for one
// no passage contains, the passage the same quotation of the pivot summary's sentence quotes) ("WikiLeaks
// salue Trump Jr. (« Salut Don. On espère que vous allez bien! »)") and glosses that passage with
// the words just before the quotation: they say what the quoted words are (a greeting, a reply, a
// claim), which the quotation itself, often all function words, cannot.
func (b *glossBuilder) glossQuotes(e *Event, sent, lang string, fallback []int) []int {
	quotes := quotations(sent)
	found := make([]int, len(quotes))
	if len(fallback) != len(quotes) {
		fallback = nil // the translation quotes differently: no pairing
	}
	for n, q := range quotes {
		found[n] = -1
		quote := strings.Join(textproc.Words(textproc.Fold(sent[q[0]:q[1]])), " ")
		if strings.Count(quote, " ") < 1 {
			continue // a single quoted word ("Wow.") is in too many passages to tell
		}
		at := -1
		for i, p := range e.Passages {
			if strings.Contains(strings.Join(textproc.Words(textproc.Fold(p.Text)), " "), quote) {
				if at >= 0 {
					at = -2 // in two passages: no telling which
					break
				}
				at = i
			}
		}
		if at == -1 && fallback != nil {
			at = fallback[n]
		}
		if at < 0 {
			continue
		}
		found[n] = at
		// The clause before the quotation: back to the previous comma, semicolon or colon (a
		// period there ends an abbreviation: this is one sentence).
		before := sent[:q[0]]
		if k := strings.LastIndexAny(strings.TrimRight(before, " («“\"\u00a0"), ",;:"); k >= 0 {
			before = before[k+1:]
		}
		b.sentence(before, lang)
		b.acc[at] = append(b.acc[at], b.terms...)
		b.label[at] = append(b.label[at], b.terms...)
	}
	return found
}

// quotations returns the byte ranges inside « », “ ” and "" in s.
func quotations(s string) [][2]int {
	var out [][2]int
	for _, pair := range [][2]string{{"«", "»"}, {"“", "”"}, {"\"", "\""}} {
		from := 0
		for {
			i := strings.Index(s[from:], pair[0])
			if i < 0 {
				break
			}
			start := from + i + len(pair[0])
			j := strings.Index(s[start:], pair[1])
			if j < 0 {
				break
			}
			out = append(out, [2]int{start, start + j})
			from = start + j + len(pair[1])
		}
	}
	return out
}

// align is alignSentence with the builder's scratch scores.
func (b *glossBuilder) align(sent []int32, passages [][]int32) []int {
	if cap(b.scores) < len(passages) {
		b.scores = make([]float32, len(passages))
	}
	return b.ix.alignInto(sent, passages, b.scores[:len(passages)])
}

// alignRatio: a summary sentence paraphrases every passage sharing at least this share of the best
// passage's overlap with it (one sentence often condenses two passages).
const alignRatio = 0.5

// alignSentence returns the passages a summary sentence paraphrases, best first: those sharing the
// most IDF mass with it, and those within alignRatio of the best.
func (ix *index) alignSentence(sent []int32, passages [][]int32) []int {
	return ix.alignInto(sent, passages, make([]float32, len(passages)))
}

func (ix *index) alignInto(sent []int32, passages [][]int32, scores []float32) []int {
	best, at := float32(0), -1
	for j, pt := range passages {
		scores[j] = ix.overlap(sent, pt)
		if scores[j] > best {
			best, at = scores[j], j
		}
	}
	if at < 0 {
		return nil
	}
	out := []int{at}
	for j, sc := range scores {
		if j != at && sc >= alignRatio*best {
			out = append(out, j)
		}
	}
	return out
}

// SummarySentences returns the sentences of e's summaries, each with the passage it paraphrases.
func (t *Timeline) SummarySentences(e *Event) []SummarySentence {
	if t.Position(e) < 0 || t.index.glosses == nil {
		return nil
	}
	return t.index.glosses[e.pos].sentences
}

// RankedPassage is a passage of an event with how well it matches a question.
type RankedPassage struct {
	Index int
	Score float32
}

// QueryWord is a content word of a question with the terms it matches.
type QueryWord struct {
	Word  string
	IDF   float32
	Fuzzy bool
	terms []int32
	// related are the terms the lexicon relates to the word, with the weight of a match.
	related []relTerm
}

// QueryWords returns the content words of text with the index terms each may match (its stems in
// English, French and the source language, or terms one edit away); words matching nothing are
// returned with no terms.
func (t *Timeline) QueryWords(text string) []QueryWord {
	var out []QueryWord
	// A phrase the lexicon lists is one word, matched by the timeline's words for it (Search).
	phrases, covers := t.Phrases(text)
	for _, w := range contentWords(text) {
		if !slices.Contains(covers, w) {
			out = append(out, t.QueryWord(w))
		}
	}
	return append(out, phrases...)
}

// ContentWords returns the folded words of text QueryWords reads, in order, each once.
func ContentWords(text string) []string { return contentWords(text) }

// AppendContentWords appends to out ContentWords of a text already split into folded words
// (textproc.Words(textproc.Fold(text))), which it does not modify.
func AppendContentWords(out, words []string) []string { return appendContentWords(out, words) }

// QueryWord is QueryWords for one folded content word.
func (t *Timeline) QueryWord(w string) QueryWord {
	ix := t.index
	ids, stems := ix.lookupExact(w, t.Source.Language)
	rel := ix.relatedTermsStems(w, ids, stems)
	fuzzy := false
	// A word the lexicon knows is no typo ("dropped" is not "droppe"): only a word with neither
	// terms nor relatives is looked up by its slips, the costly part of a lookup.
	if len(ids) == 0 && len(rel) == 0 && len(w) >= 4 {
		ids = ix.lookupSlips(w, stems)
		fuzzy = len(ids) > 0
	}
	return QueryWord{Word: w, IDF: ix.wordIDF(ids, fuzzy, rel), Fuzzy: fuzzy, terms: ids, related: rel}
}

// RankPassages scores each passage of e against the question's words: a word found in the passage
// counts its IDF, one found only in the passage's gloss (the summary sentences that paraphrase it)
// counts glossWeight of it. Passages come best first; ties keep the source's order.
func (t *Timeline) RankPassages(e *Event, words []QueryWord) []RankedPassage {
	out := make([]RankedPassage, len(e.Passages))
	for i := range out {
		out[i].Index = i
	}
	if t.Position(e) < 0 {
		return out
	}
	ix := t.index
	own := ix.passageTerms[e.pos]
	var gloss, labels [][]int32
	if ix.glosses != nil {
		gloss, labels = ix.glosses[e.pos].terms, ix.glosses[e.pos].labels
	}
	// A related word counts what it weighs times its own rarity: a rare word's common synonym
	// ("réunion", "rencontre") must not lend every passage the rare word's weight.
	var relIDF [][]float32 // made for the first word with related terms
	// Each word's own weight once, not once per passage: it is a logarithm per term.
	var small [8]float32
	idfs := small[:0]
	if len(words) > len(small) {
		idfs = make([]float32, 0, len(words))
	}
	for k, w := range words {
		idfs = append(idfs, ix.passageIDF(w))
		if len(w.related) > 0 {
			if relIDF == nil {
				relIDF = make([][]float32, len(words))
			}
			relIDF[k] = make([]float32, len(w.related))
			for j, r := range w.related {
				relIDF[k][j] = r.w * ix.termPassageIDF(r.id)
			}
		}
	}
	for i := range out {
		var s float32
		for k, w := range words {
			idf := idfs[k]
			m := float32(0)
			for _, id := range w.terms {
				if _, ok := slices.BinarySearch(own[i], id); ok {
					m = 1
					break
				}
				if i < len(labels) {
					// The summary's own words for what this passage quotes say what it is.
					if _, ok := slices.BinarySearch(labels[i], id); ok {
						m = 1
						break
					}
				}
				if i < len(gloss) {
					if _, ok := slices.BinarySearch(gloss[i], id); ok {
						m = glossWeight
					}
				}
			}
			score := m * idf
			// A translation or synonym the passage has, when the word itself is not there.
			for j, r := range w.related {
				rs := relIDF[k][j]
				if rs <= score {
					continue
				}
				if _, ok := slices.BinarySearch(own[i], r.id); ok {
					score = rs
				} else if i < len(gloss) && rs*glossWeight > score {
					if _, ok := slices.BinarySearch(gloss[i], r.id); ok {
						score = rs * glossWeight
					}
				}
			}
			s += score
		}
		out[i].Score = s
	}
	slices.SortStableFunc(out, func(a, b RankedPassage) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out
}

// UnmatchedWords returns the words passage i of e does not itself contain (its gloss aside: a
// paraphrase may condense two passages).
func (t *Timeline) UnmatchedWords(e *Event, i int, words []QueryWord) []QueryWord {
	if t.Position(e) < 0 || i >= len(e.Passages) {
		return words
	}
	ix := t.index
	own := ix.passageTerms[e.pos][i]
	var out []QueryWord
	for _, w := range words {
		hit := false
		for _, id := range w.terms {
			_, a := slices.BinarySearch(own, id)
			hit = hit || a
		}
		for _, r := range w.related {
			_, a := slices.BinarySearch(own, r.id)
			hit = hit || a
		}
		if !hit && w.IDF > 0 {
			out = append(out, w)
		}
	}
	return out
}

const quotedCandidates = 20

// quotedScanLimit is the largest timeline whose every passage a quotation of function words is
// looked for in.
const quotedScanLimit = 2000

// QuotedPassages returns the passages whose folded text contains the folded phrase, in timeline
// order: a question that quotes the source ("what was 'vraiment facile et utile' about?") is about
// the passage it quotes.
func (t *Timeline) QuotedPassages(phrase string) (events []*Event, passages []int) {
	f := strings.Join(textproc.Words(textproc.Fold(phrase)), " ")
	if f == "" {
		return nil, nil
	}
	// Only the events the phrase's words find can contain it; a phrase of function words only
	// ("« Merci »") finds none that way, and is looked for in every event of a timeline small
	// enough to read.
	res := t.Search(Query{Text: phrase, Limit: quotedCandidates})
	candidates := make([]*Event, 0, len(res.Hits))
	for _, h := range res.Hits {
		candidates = append(candidates, h.Event)
	}
	if len(candidates) == 0 && len(t.Events) <= quotedScanLimit {
		candidates = t.Events
	}
	for _, e := range candidates {
		for i := range e.Passages {
			if strings.Contains(strings.Join(t.passageWords(e, i), " "), f) {
				events = append(events, e)
				passages = append(passages, i)
			}
		}
	}
	return events, passages
}

// QuotedSummaries is QuotedPassages for a phrase no passage has but a summary sentence does: an
// asker quoting the answer's own words ("who did Clinton supposedly want to 'just drone'?", of a
// French source whose English summary says "just drone"). It returns the events whose summary
// sentences contain the phrase (two words or more), with the passage each such sentence
// paraphrases.
func (t *Timeline) QuotedSummaries(phrase string) (events []*Event, passages []int) {
	words := textproc.Words(textproc.Fold(phrase))
	if len(words) < 2 {
		return nil, nil
	}
	f := strings.Join(words, " ")
	res := t.Search(Query{Text: phrase, Limit: quotedCandidates})
	for _, h := range res.Hits {
		e := h.Event
		for _, ss := range t.SummarySentences(e) {
			if ss.Passage >= 0 && strings.Contains(strings.Join(textproc.Words(textproc.Fold(ss.Text)), " "), f) {
				events = append(events, e)
				passages = append(passages, ss.Passage)
				break
			}
		}
	}
	return events, passages
}

// foldedPassagesLimit is the largest timeline whose passages the index keeps folded.
const foldedPassagesLimit = 2000

// FoldedPassage returns textproc.Fold of passage i of e, kept from the build on a timeline of at
// most foldedPassagesLimit events.
func (t *Timeline) FoldedPassage(e *Event, i int) string {
	if fp := t.index.foldedPassages; fp != nil && t.Position(e) >= 0 && i < len(fp[e.pos]) {
		return fp[e.pos][i]
	}
	return textproc.Fold(e.Passages[i].Text)
}

// FoldedTitle returns textproc.Fold of e's title, kept from the build where the passages' folds are.
func (t *Timeline) FoldedTitle(e *Event) string {
	if ft := t.index.foldedTitles; ft != nil && t.Position(e) >= 0 {
		return ft[e.pos]
	}
	return textproc.Fold(e.Title)
}

// FoldedSummary returns textproc.Fold of e's English summary, kept from the build where the
// passages' folds are.
func (t *Timeline) FoldedSummary(e *Event) string {
	if fs := t.index.foldedSummaries; fs != nil && t.Position(e) >= 0 {
		return fs[e.pos]
	}
	return textproc.Fold(e.Summary)
}

// passageWords returns textproc.Words(t.FoldedPassage(e, i)), kept from the build where the fold
// is. Callers must not modify the words.
func (t *Timeline) passageWords(e *Event, i int) []string {
	if pw := t.index.passageWords; pw != nil && t.Position(e) >= 0 && i < len(pw[e.pos]) {
		return pw[e.pos][i]
	}
	return textproc.Words(t.FoldedPassage(e, i))
}

// sentenceWords returns textproc.Words(textproc.Fold(s.Text)) of the event's k-th summary
// sentence, kept from the build with the folded passages. Callers must not modify the words.
func (t *Timeline) sentenceWords(e *Event, k int) []string {
	if gw := t.index.glossWords; gw != nil {
		return gw[e.pos][k]
	}
	return textproc.Words(textproc.Fold(t.index.glosses[e.pos].sentences[k].Text))
}

// PassageHasWord reports whether w is one of the words of passage i of e, folded: HasWord of
// FoldedPassage, from the words kept with the fold.
func (t *Timeline) PassageHasWord(e *Event, i int, w string) bool {
	if pw := t.index.passageWords; pw != nil && t.Position(e) >= 0 && i < len(pw[e.pos]) {
		return slices.Contains(pw[e.pos][i], w)
	}
	return textproc.HasWord(t.FoldedPassage(e, i), w)
}

// passageIDF weighs a question word by how few passages of the whole timeline contain it (text or
// gloss): inside an event, a name on every passage tells them apart less than a word on one.
func (ix *index) passageIDF(w QueryWord) float32 {
	if ix.passageDF == nil || w.IDF == 0 {
		return w.IDF
	}
	var best float32
	for _, id := range w.terms {
		best = max(best, ix.passageIDFs[id])
	}

	if w.Fuzzy {
		best *= 0.8
	}
	return best
}

// termPassageIDF is the passage-level IDF of one term.
func (ix *index) termPassageIDF(id int32) float32 {
	if ix.passageDF == nil {
		return ix.idf(len(ix.postings[id]))
	}
	return ix.passageIDFs[id]
}

// passageIDFOf is the passage IDF of a term computed, from its count of passages.
func (ix *index) passageIDFOf(id int32) float32 {
	df, n := float64(ix.passageDF[id]), float64(ix.passages)
	return float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
}

// countPassageDF counts, for each term, the passages containing it in their text or gloss.
func (ix *index) countPassageDF() {
	ix.passageDF = make([]int32, len(ix.words))
	var seen []int32
	for ev, pts := range ix.passageTerms {
		for p, pt := range pts {
			seen = append(seen[:0], pt...)
			if ix.glosses != nil && p < len(ix.glosses[ev].terms) {
				seen = append(seen, ix.glosses[ev].terms[p]...)
			}
			slices.Sort(seen)
			for _, id := range slices.Compact(seen) {
				ix.passageDF[id]++
			}
			ix.passages++
		}
	}
	// Each term's weight once, not a logarithm per question word and passage ranking.
	ix.passageIDFs = make([]float32, len(ix.passageDF))
	for id := range ix.passageIDFs {
		ix.passageIDFs[id] = ix.passageIDFOf(int32(id))
	}
}

// negators are the words that deny a verb they come just before, in English and French (folded),
// or make it a wish, a request or a supposition rather than a fact ("si Trump demandait", "asked
// him to send", "would be").
var negators = map[string]bool{"not": true, "never": true, "didn": true, "doesn": true, "don": true, "wasn": true, "isn": true,
	"won": true, "pas": true, "jamais": true, "point": true, "aucun": true, "aucune": true, "refuse": true, "refused": true,
	"refuses": true, "refusing": true, "declined": true, "refusant": true, "refusa": true, "refusait": true,
	"if": true, "would": true, "could": true, "should": true, "si": true, "serait": true, "pourrait": true,
	// French puts "pas" after a simple tense ("ne répond pas"): "ne" before the verb denies it.
	"ne": true, "n": true}

// termOf is the term of a folded word of the timeline stemmed in lang, from the surface table
// (no stemming: these scans read the timeline's own words), or by its stem for any other word.
func (ix *index) termOf(w, lang string) (int32, bool) {
	if ids, ok := ix.surface[w]; ok {
		slot := 2
		switch lang {
		case stemLangs[0]:
			slot = 0
		case stemLangs[1]:
			slot = 1
		}
		if ids[slot] >= 0 {
			return ids[slot], true
		}
	}
	id, ok := ix.terms[ix.stem(w, lang)]
	return id, ok
}

// TermsOf returns the terms of the timeline that folded words are, read in the source's language
// and in English and French (no typo allowance), for HasTerm: a question turns its date into them
// once, then tests passages by lookup rather than by reading their words.
func (t *Timeline) TermsOf(words []string) []int32 {
	var out []int32
	for _, w := range words {
		if ids, ok := t.index.surface[w]; ok {
			for _, id := range ids {
				if id >= 0 && !containsID(out, id) {
					out = append(out, id)
				}
			}
		}
	}
	return out
}

// HasTerm reports whether passage i of e has one of the terms.
func (t *Timeline) HasTerm(e *Event, i int, terms []int32) bool {
	if t.Position(e) < 0 || i >= len(e.Passages) {
		return false
	}
	own := t.index.passageTerms[e.pos][i]
	for _, id := range terms {
		if _, ok := slices.BinarySearch(own, id); ok {
			return true
		}
	}
	return false
}

// mayState reports whether passage i of e, or its gloss, has a term of one of words (their own or
// a related one): a sorted-list lookup that spares the word-by-word scans below (which stem every
// word of the passage) for the passages that cannot match.
// MayState reports whether passage i of e, or its gloss, has a term of one of words or of a word
// related to one: a lookup in sorted lists, without reading the passage, that callers use to skip
// the passages that cannot state what they look for.
func (t *Timeline) MayState(e *Event, i int, words []QueryWord) bool {
	if t.Position(e) < 0 || i >= len(e.Passages) {
		return false
	}
	return t.index.mayState(e, i, words)
}

func (ix *index) mayState(e *Event, i int, words []QueryWord) bool {
	lists := [2][]int32{ix.passageTerms[e.pos][i]}
	if ix.glosses != nil && i < len(ix.glosses[e.pos].terms) {
		lists[1] = ix.glosses[e.pos].terms[i]
	}
	for _, l := range lists {
		for _, q := range words {
			for _, id := range q.terms {
				if _, ok := slices.BinarySearch(l, id); ok {
					return true
				}
			}
			for _, r := range q.related {
				if _, ok := slices.BinarySearch(l, r.id); ok {
					return true
				}
			}
		}
	}
	return false
}

// Asserts reports whether passage i of e contains one of words (by stem) without a negation among
// the three words before it: "Trump Jr. a répondu" asserts "répondu", "Trump Jr. n'a pas répondu"
// does not.
func (t *Timeline) Asserts(e *Event, i int, words []QueryWord) bool {
	if t.Position(e) < 0 || i >= len(e.Passages) {
		return false
	}
	if !t.index.mayState(e, i, words) {
		return false
	}
	ix := t.index
	pw := t.passageWords(e, i)
	if assertsIn(ix, pw, t.Source.Language, words) {
		return true
	}
	// The summary sentences that paraphrase the passage say the same in other languages.
	if ix.glosses != nil {
		for k, s := range ix.glosses[e.pos].sentences {
			if s.Passage == i && assertsIn(ix, t.sentenceWords(e, k), s.Lang, words) {
				return true
			}
		}
	}
	return false
}

// AssertsInText is Asserts on the passage's own words only, without its gloss: where who does what
// matters more than a paraphrase that names several people.
func (t *Timeline) AssertsInText(e *Event, i int, words []QueryWord) bool {
	if t.Position(e) < 0 || i >= len(e.Passages) {
		return false
	}
	if !t.index.mayState(e, i, words) {
		return false
	}
	return assertsIn(t.index, t.passageWords(e, i), t.Source.Language, words)
}

// Requested marks the verbs a passage reports as asked of someone ("asked him to send", "lui a
// demandé d'envoyer"): not facts either.
var requesters = map[string]bool{"asked": true, "asks": true, "ask": true, "urged": true, "urges": true, "wanted": true, "wants": true,
	"suggests": true, "suggested": true, "suggest": true, "proposes": true, "proposed": true,
	"demande": true, "demandait": true, "voulait": true, "veut": true, "voulu": true, "voulaient": true, "vouloir": true,
	"suggere": true, "suggerer": true, "propose": true, "invite": true,
	// A deed under "if", "whether" or "would" is supposed, not done ("si la campagne permettrait
	// à WikiLeaks de fuiter", "whether the campaign would let it leak").
	"si": true, "if": true, "whether": true, "would": true}

func assertsIn(ix *index, pw []string, lang string, words []QueryWord) bool {
	for j, w := range pw {
		if textproc.IsStopWord(w) && !negators[w] {
			continue
		}
		id, ok := ix.termOf(w, lang)
		if !ok {
			continue
		}
		for _, q := range words {
			if !slices.Contains(q.terms, id) {
				continue
			}
			denied := false
			for k := max(0, j-3); k < j; k++ {
				denied = denied || negators[pw[k]]
			}
			for k := max(0, j-5); k < j; k++ {
				denied = denied || requesters[pw[k]]
			}
			if !denied {
				return true
			}
		}
	}
	return false
}

// Denies reports whether passage i of e states one of words with a negation among the three words
// before it ("Trump Jr. n'a pas répondu", "did not reply").
func (t *Timeline) Denies(e *Event, i int, words []QueryWord) bool {
	if t.Position(e) < 0 || i >= len(e.Passages) {
		return false
	}
	if !t.index.mayState(e, i, words) {
		return false
	}
	ix := t.index
	// Most passages deny nothing, and the index knows which.
	if neg := ix.negated[e.pos]; neg == nil || !neg[i] {
		return false
	}
	if pw := t.passageWords(e, i); deniesAt(ix, pw, t.denialsOf(e, i, -1, pw), t.Source.Language, words) {
		return true
	}
	// Its paraphrases in the summaries ("Trump Jr. does not reply.").
	if ix.glosses != nil {
		for k, s := range ix.glosses[e.pos].sentences {
			if s.Passage != i {
				continue
			}
			if sw := t.sentenceWords(e, k); deniesAt(ix, sw, t.denialsOf(e, i, k, sw), s.Lang, words) {
				return true
			}
		}
	}
	return false
}

// denialsIn returns where the denials among words stand.
func denialsIn(pw []string) []int32 {
	var at []int32
	for j, w := range pw {
		if denials[w] {
			at = append(at, int32(j))
		}
	}
	return at
}

// denialsOf is denialsIn of passage i of e (k < 0) or of the event's k-th summary sentence, whose
// words are pw: kept from the build on a timeline that keeps its passages' words.
func (t *Timeline) denialsOf(e *Event, i, k int, pw []string) []int32 {
	if da := t.index.denialsAt; da != nil {
		switch {
		case da[e.pos] == nil: // none in the event
			return nil
		case k < 0:
			return da[e.pos][i]
		}
		return da[e.pos][len(e.Passages)+k]
	}
	return denialsIn(pw)
}

// deniesAt is deniesIn given where the denials of pw stand: only the three words after each can be
// denied.
func deniesAt(ix *index, pw []string, at []int32, lang string, words []QueryWord) bool {
	next := 0 // the first word not looked at yet
	for _, d := range at {
		for j := max(int(d)+1, next); j <= int(d)+3 && j < len(pw); j++ {
			id, ok := ix.termOf(pw[j], lang)
			if !ok {
				continue
			}
			for _, q := range words {
				if q.matches(id) {
					return true
				}
			}
		}
		next = max(next, int(d)+4)
	}
	return false
}

// denials are the negators that deny (not those that make a wish or a supposition).
var denials = map[string]bool{"not": true, "never": true, "didn": true, "doesn": true, "wasn": true, "isn": true,
	"pas": true, "jamais": true, "point": true, "aucun": true, "aucune": true, "ne": true, "n": true,
	// A refusal denies what is refused: "after refusing to convert to Catholicism" is no conversion.
	"refuse": true, "refused": true, "refuses": true, "refusing": true, "declined": true,
	"refusant": true, "refusa": true, "refusait": true}

// refusals are the denials that are words of their own, not stop words.
// "Declining sales" declines nothing: only the verb's past is a refusal.
var refusals = map[string]bool{"refuse": true, "refused": true, "refuses": true, "refusing": true, "declined": true,
	"refusant": true, "refusa": true, "refusait": true}

// invertedSubjects are the pronouns a French verb puts after itself in an inversion ("dit-il",
// "ajoute-t-elle", where "t" is the euphonic letter).
var invertedSubjects = map[string]bool{"il": true, "elle": true, "ils": true, "elles": true, "t": true, "on": true}

// objectBefore reports whether one of the two words before position j is a preposition that makes
// what follows an object or a passive's agent ("à Trump Jr.", "to Trump Jr.", "envoyé par
// WikiLeaks, en écrivant…" where the one writing is the sentence's subject).
func objectBefore(pw []string, j int) bool {
	for k := max(0, j-2); k < j; k++ {
		switch pw[k] {
		case "a", "au", "aux", "to", "with", "avec", "from", "for", "pour", "par", "by":
			return true
		}
	}
	return false
}

// stateWindow is how many words may separate a subject from its verb for a passage to state that
// the subject did it: room for an auxiliary and a negation ("WikiLeaks n'a pas répondu", "Trump Jr.
// did not reply"), not for another clause.
const stateWindow = 5

// States reports whether passage i of e, or a summary sentence paraphrasing it, has the folded
// name followed within stateWindow words by one of verbs (by stem), denied or not: the passage that
// answers whether name did it.
func (t *Timeline) States(e *Event, i int, name string, verbs []QueryWord) bool {
	return t.states(e, i, name, verbs, false)
}

// StatesAsFact is States without a negation, a supposition or a request between the name and the
// verb or just before it: "Trump Jr. a répondu", not "Trump Jr. n'a pas répondu", "si Trump
// demandait" nor "demandé à Trump Jr. d'envoyer".
func (t *Timeline) StatesAsFact(e *Event, i int, name string, verbs []QueryWord) bool {
	return t.states(e, i, name, verbs, true)
}

func (t *Timeline) states(e *Event, i int, name string, verbs []QueryWord, fact bool) bool {
	if t.Position(e) < 0 || i >= len(e.Passages) || name == "" || !t.index.mayState(e, i, verbs) {
		return false
	}
	if statesIn(t.index, t.passageWords(e, i), t.Source.Language, name, verbs, fact) {
		return true
	}
	if t.index.glosses != nil {
		for k, s := range t.index.glosses[e.pos].sentences {
			if s.Passage == i && statesIn(t.index, t.sentenceWords(e, k), s.Lang, name, verbs, fact) {
				return true
			}
		}
	}
	return false
}

// statesIn finds name followed within stateWindow words by one of verbs; with fact, only where
// no negator or requester stands from just before the name to the verb.
func statesIn(ix *index, pw []string, lang, name string, verbs []QueryWord, fact bool) bool {
	last := -1 // where name was last seen
	for j, w := range pw {
		if w == name {
			last = j
			// "écrit à Trump Jr. et demande": after a preposition the name is no subject.
			if fact && objectBefore(pw, j) {
				last = -1
			}
			continue
		}
		if last < 0 || j-last > stateWindow {
			continue
		}
		id, ok := ix.termOf(w, lang)
		if !ok {
			continue
		}
		for _, q := range verbs {
			if !q.matches(id) {
				continue
			}
			if !fact {
				return true
			}
			// "le lien envoyé par WikiLeaks": a passive names its own agent; "« …les mails
			// @WikiLeaks sont ici », dit-il": an inverted pronoun is the verb's own subject.
			if j+1 < len(pw) && (pw[j+1] == "par" || pw[j+1] == "by" || invertedSubjects[pw[j+1]]) {
				continue
			}
			denied := false
			for k := max(0, last-3); k < j; k++ {
				// "the link WikiLeaks had sent him": a pluperfect tells of something done before.
				denied = denied || negators[pw[k]] || requesters[pw[k]] || pw[k] == "had"
			}
			if !denied {
				return true
			}
		}
	}
	return false
}

// AssertsOf is Asserts without the verbs another actor does: passage i of e, or a summary
// sentence paraphrasing it, states one of verbs (not denied nor requested) and not as the deed of
// an actor other than actor (folded, as the events' actors are written). Who does a verb is a
// passive's agent ("envoyé par WikiLeaks") or the actor right before it and its auxiliaries
// ("Trump Jr. a répondu"), not one after a preposition ("à Trump Jr.", "of Mozilla") nor a name
// that modifies a noun ("the Mozilla blog"); a verb with none of these (a pronoun, a name further
// back that may be an object, an incise) may be actor's. Folded text has no punctuation, so an
// incise ("…», a répondu Trump Jr.") or an apposition is not told apart. Whether the passage names
// actor at all is the caller's to check.
func (t *Timeline) AssertsOf(e *Event, i int, actor string, verbs []QueryWord) bool {
	if t.Position(e) < 0 || i >= len(e.Passages) || !t.index.mayState(e, i, verbs) {
		return false
	}
	if t.assertsOfIn(t.actorsOf(e, i, -1, t.FoldedPassage), t.Source.Language, actor, verbs) {
		return true
	}
	if ix := t.index; ix.glosses != nil {
		for k, s := range ix.glosses[e.pos].sentences {
			if s.Passage == i && t.assertsOfIn(t.actorsOf(e, i, k, nil), s.Lang, actor, verbs) {
				return true
			}
		}
	}
	return false
}

// assertsOfIn is AssertsOf on one text read by readActors.
func (t *Timeline) assertsOfIn(rd *actorReading, lang, actor string, verbs []QueryWord) bool {
	found := false
	t.eachDoer(rd, lang, verbs, func(doer string) bool {
		found = doer == actor || doer == "" || strings.HasPrefix(doer, notDoer) && doer[len(notDoer):] != actor
		return !found
	})
	return found
}

// Doers returns who passage i of e, or a summary sentence paraphrasing it, says does one of
// verbs (not denied nor requested), as AssertsOf tells who does a verb; the verbs it gives no one
// (a pronoun) add nothing.
func (t *Timeline) Doers(e *Event, i int, verbs []QueryWord) []string {
	if t.Position(e) < 0 || i >= len(e.Passages) || !t.index.mayState(e, i, verbs) {
		return nil
	}
	var out []string
	add := func(doer string) bool {
		if doer != "" && !strings.HasPrefix(doer, notDoer) && !slices.Contains(out, doer) {
			out = append(out, doer)
		}
		return true
	}
	t.eachDoer(t.actorsOf(e, i, -1, t.FoldedPassage), t.Source.Language, verbs, add)
	if ix := t.index; ix.glosses != nil {
		for k, s := range ix.glosses[e.pos].sentences {
			if s.Passage == i {
				t.eachDoer(t.actorsOf(e, i, k, nil), s.Lang, verbs, add)
			}
		}
	}
	return out
}

// actorReading is a folded text read for who does what in it: its names expanded, the actors it
// mentions, and its words with each name one word.
type actorReading struct {
	text     string
	mentions []Mention
	ws       []span
	pw       []string
}

// readActors reads folded for assertsOfIn.
func (t *Timeline) readActors(folded string) *actorReading {
	text := t.ExpandNames(folded)
	mentions := t.MentionedActors(text)
	// A name is one word, so that the windows below count the passage's own words, not those
	// ExpandNames added ("Trump Jr." written "donald trump jr").
	var ws []span
	next := 0
	for start, end, ok := textproc.NextWordIn(text, 0); ok; start, end, ok = textproc.NextWordIn(text, end) {
		for next < len(mentions) && mentions[next].At+mentions[next].Len <= start {
			next++
		}
		if next < len(mentions) && mentions[next].At < start {
			continue // inside a name
		}
		ws = append(ws, span{start, end})
	}
	pw := make([]string, len(ws))
	for j, w := range ws {
		pw[j] = text[w.start:w.end]
	}
	return &actorReading{text: text, mentions: mentions, ws: ws, pw: pw}
}

// actorsOf is readActors of passage i of e (k < 0, folded by fold) or of the event's k-th summary
// sentence, kept once read on a timeline small enough to keep its passages folded: the premise
// checks read the chosen event's passages so for every question.
func (t *Timeline) actorsOf(e *Event, i, k int, fold func(*Event, int) string) *actorReading {
	var slot *atomic.Pointer[actorReading]
	if ar := t.index.actorReads; ar != nil {
		if k < 0 {
			slot = &ar[e.pos][i]
		} else {
			slot = &ar[e.pos][len(e.Passages)+k]
		}
		if rd := slot.Load(); rd != nil {
			return rd
		}
	}
	var rd *actorReading
	if k < 0 {
		rd = t.readActors(fold(e, i))
	} else {
		rd = t.readActors(textproc.Fold(t.index.glosses[e.pos].sentences[k].Text))
	}
	if slot != nil {
		slot.Store(rd)
	}
	return rd
}

// eachDoer calls yield with who does each of verbs a text read by readActors states, "" where it
// names no one, until yield returns false.
func (t *Timeline) eachDoer(rd *actorReading, lang string, verbs []QueryWord, yield func(doer string) bool) {
	ix := t.index
	mentions, ws, pw := rd.mentions, rd.ws, rd.pw
	// mentionAt returns the mention starting at word j, or nil.
	mentionAt := func(j int) *Mention {
		for k := range mentions {
			if mentions[k].At == ws[j].start {
				return &mentions[k]
			}
		}
		return nil
	}
	for j, w := range pw {
		if textproc.IsStopWord(w) {
			continue
		}
		id, ok := ix.termOf(w, lang)
		if !ok || !slices.ContainsFunc(verbs, func(q QueryWord) bool { return slices.Contains(q.terms, id) }) {
			continue
		}
		denied := false
		for k := max(0, j-3); k < j; k++ {
			denied = denied || negators[pw[k]]
		}
		for k := max(0, j-5); k < j; k++ {
			denied = denied || requesters[pw[k]]
		}
		if denied {
			continue
		}
		doer := ""
		switch {
		// "le lien envoyé par WikiLeaks".
		case j+2 < len(pw) && (pw[j+1] == "par" || pw[j+1] == "by") && mentionAt(j+2) != nil:
			doer = mentionAt(j + 2).Actor
		default:
			// The actor right before the verb and its auxiliaries ("Trump Jr. a répondu"); a name
			// further back may be an object ("a contacté WikiLeaks … après avoir répondu").
			k := auxStart(pw, j)
			if k == 0 {
				break
			}
			// "on the Mozilla blog": a name between an article and a word is a modifier.
			// "the United Tribes send" is a subject: the word after the name is a verb.
			verb := textproc.IsLightWord(w) || textproc.IsDeedWord(w) || textproc.IsPastForm(w)
			modifier := k == j && k >= 2 && articles[pw[k-2]] && !verb
			if m := mentionAt(k - 1); m != nil && !objectBefore(pw, k-1) && !ofBefore(pw, k-1) {
				// An article that is the name's own ("La Fayette envoya", "The Atlantic
				// reported") makes no modifier of it.
				if !modifier || strings.HasPrefix(m.Actor, pw[k-2]+" ") {
					doer = m.Actor
				}
			}
		}
		// Who does it unknown, the actor named right after the verb is its object, not its doer:
		// "members of the Royal Society accused Leibniz of plagiarism" is no accusation by Leibniz.
		if doer == "" {
			k := j + 1
			if k < len(pw) && articles[pw[k]] {
				k++
			}
			if k < len(pw) {
				if m := mentionAt(k); m != nil {
					doer = notDoer + m.Actor
				}
			}
		}
		if !yield(doer) {
			return
		}
	}
}

// notDoer marks, in what eachDoer yields, an actor that does not do the verb when who does is
// unknown: notDoer+actor is anyone but that actor.
const notDoer = "\x00"

var articles = map[string]bool{"the": true, "a": true, "an": true, "le": true, "la": true, "les": true, "un": true, "une": true, "l": true}

// ofBefore reports whether the word before position j makes what follows a complement ("the
// chairwoman of Mozilla", "le fondateur de WikiLeaks"), not a subject.
func ofBefore(pw []string, j int) bool {
	if j == 0 {
		return false
	}
	switch pw[j-1] {
	case "of", "de", "du", "des", "d":
		return true
	}
	return false
}

type span struct{ start, end int }

// auxStart is where the verb at j starts with its auxiliaries ("a répondu", "avait écrit").
func auxStart(pw []string, j int) int {
	k := j
	for k > 0 && j-k < 2 && auxiliaries[pw[k-1]] {
		k--
	}
	return k
}

var auxiliaries = map[string]bool{"a": true, "avait": true, "ont": true, "avaient": true, "ait": true, "aient": true, "est": true, "etait": true,
	"has": true, "had": true, "have": true, "was": true}
