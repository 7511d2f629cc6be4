// Package draft turns a document into a first knowledge file: the source text it quotes
// (source.txt) and a knowledge.yaml whose events are the document's dated passages, ready for a
// person to review. Every passage is a sentence of the source text, so it is verbatim by
// construction, and the result is loaded with the knowledge package's own validator before it is
// returned: a draft always passes `timelinebot check`.
//
// Offline, titles and summaries are the source's own words, in its language. With a model
// (Options.Model), the model may write titles and summaries in English and in the source's language
// and regroup sentences into events, but it designates passages only by their index among the
// text's sentences; whatever it returns is checked, and anything that does not check is dropped in
// favour of the offline draft.
package draft

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/draft/extract"
	"github.com/timelinebot/timelinebot/draft/sentence"
	"github.com/timelinebot/timelinebot/draft/temporal"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// SourceFile is the name of the drafted source text, next to the knowledge file.
const SourceFile = "source.txt"

// Options tune a draft.
type Options struct {
	// Name is the input's file name (for its kind and for messages); "-" or "" for standard input.
	Name string
	// Lang is the source's language (ISO 639-1); empty to take it from the document or guess it.
	Lang string
	// Published is the publication date (YYYY-MM-DD); empty to take it from the document.
	Published string
	// Model, when set, writes titles and summaries (see Model).
	Model Model
	// InlineSource puts the source text in the knowledge file (`source.text`) instead of naming
	// source.txt, so that the file stands alone: an upload to /reload file: needs nothing else.
	InlineSource bool
}

// Result is a draft: the files to write and what to tell the author.
type Result struct {
	Source    string // content of source.txt
	Knowledge []byte // content of knowledge.yaml
	// Timeline is the draft as the bot will load it.
	Timeline *knowledge.Timeline
	Report   Report
}

// ErrNoDates is returned for a text in which no date was found.
var ErrNoDates = errors.New("no dates found in the text: a timeline needs dated events (\"On 3 March 2014, …\", \"le 20 septembre 2016 …\"); check that this is the article you meant, or write the dates in full")

// Draft drafts a knowledge file from data.
func Draft(ctx context.Context, data []byte, opts Options) (*Result, error) {
	start := time.Now()
	doc, err := extract.Read(opts.Name, data)
	if err != nil {
		return nil, err
	}
	var published knowledge.Date
	pub := firstNonEmpty(opts.Published, doc.Published)
	if pub != "" {
		d, err := knowledge.ParseDate(pub)
		if err != nil || d.Precision != knowledge.PrecisionDay {
			return nil, fmt.Errorf("--published %q: give the publication date as YYYY-MM-DD", pub)
		}
		published = d
	}
	lang := strings.ToLower(opts.Lang)
	langGuessed := false
	if lang == "" {
		lang = doc.Language
	}
	if lang == "" {
		lang, langGuessed = guessLanguage(doc.Text), true
	}
	if !langRe(lang) {
		return nil, fmt.Errorf("--lang %q: give a two-letter ISO 639-1 code such as en or fr", opts.Lang)
	}

	b := newBuilder(doc, lang, published)
	b.inline = opts.InlineSource
	b.build()
	if len(b.events) == 0 {
		return nil, ErrNoDates
	}
	b.actors()
	b.anchors()
	b.finish()

	rep := b.report()
	rep.Kind, rep.LanguageGuessed, rep.Published = doc.Kind, langGuessed, pub
	if opts.Model != nil {
		offline := b.snapshot()
		b.applyModel(ctx, opts.Model, &rep)
		if _, _, err := b.render(); err != nil {
			// Never worse for having had a model: what it proposed did not load, so the offline
			// draft stands.
			b.restore(offline)
			rep.Model = fmt.Sprintf("not used: the draft with %s's changes did not pass check (%v); this draft is the offline one", opts.Model.Name(), err)
		}
	}
	out, tl, err := b.render()
	if err != nil {
		return nil, err
	}
	rep.Elapsed = time.Since(start)
	return &Result{Source: doc.Text, Knowledge: out, Timeline: tl, Report: rep}, nil
}

func langRe(s string) bool {
	return len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// guessLanguage tells English from French (and says English for anything else) by their commonest
// words.
func guessLanguage(text string) string {
	en, fr := 0, 0
	for i, w := range strings.Fields(strings.ToLower(text)) {
		if i > 5000 {
			break
		}
		switch strings.Trim(w, ".,;:!?\"'()«»") {
		case "the", "and", "of", "to", "was", "is", "in", "that", "with", "for":
			en++
		case "le", "la", "les", "et", "des", "est", "une", "dans", "que", "pour", "du", "à":
			fr++
		}
	}
	if fr > en {
		return "fr"
	}
	return "en"
}

// sent is a sentence of the source.
type sent struct {
	idx        int // among all sentences, from 0
	para       int // paragraph, from 0
	start, end int // bytes in the source text
	text       string
	mentions   []temporal.Mention
	heading    bool
}

// event is an event being drafted.
type event struct {
	id, title, summary string
	summaries          map[string]string
	date               knowledge.Date
	time               string
	context            bool
	related            *event
	sents              []int // sentence indices, in text order
	lead               int   // the sentence that dates it
	mention            temporal.Mention
	actors             []string
	// flags for the report; period is set for the start of a period ("between 1250 and 1300")
	relative, inferred, vague, period bool
}

type builder struct {
	doc        *extract.Document
	text       string
	lang       string
	published  knowledge.Date
	sents      []sent
	events     []*event
	anchorsOut []anchor
	chronicle  bool
	unresolved []string
	names      []string // recurring names, longest first
	inline     bool
}

type anchor struct {
	id    string
	date  knowledge.Date
	names map[string][]string
}

func newBuilder(doc *extract.Document, lang string, published knowledge.Date) *builder {
	b := &builder{doc: doc, text: doc.Text, lang: lang, published: published}
	mentions := temporal.Find(b.text, temporal.Options{Published: published})
	mi := 0
	for pi, ps := range paragraphSpans(b.text) {
		for _, sp := range sentence.Split(b.text[ps.start:ps.end]) {
			s := sent{idx: len(b.sents), para: pi, start: ps.start + sp.Start, end: ps.start + sp.End, heading: doc.Headings[pi]}
			s.text = collapse(b.text[s.start:s.end])
			for mi < len(mentions) && mentions[mi].Start < s.end {
				if m := mentions[mi]; m.Start >= s.start && m.End <= s.end && !b.noEvent(m) {
					s.mentions = append(s.mentions, m)
				}
				mi++
			}
			b.sents = append(b.sents, s)
		}
	}
	return b
}

// figure reports whether m dates a figure rather than an event: "revenue for 2011", "from $123
// million in 2010", "10% in 2015".
func (b *builder) figure(m temporal.Mention) bool {
	before := strings.ToLower(b.text[max(0, m.Start-25):m.Start])
	after := strings.ToLower(b.text[m.End:min(len(b.text), m.End+25)])
	if strings.HasSuffix(strings.TrimSpace(before), " for") || strings.HasSuffix(strings.TrimSpace(before), " pour") {
		return true
	}
	for _, w := range []string{"$", "€", "£", "%", " million", " billion", " milliard"} {
		if strings.Contains(before, w) || strings.Contains(after, w) {
			return true
		}
	}
	return false
}

// noEvent reports whether a mention dates no event: a state "as of late 2015", or an approximate
// count back to something the text already dates ("près de sept mois après leur dernier échange").
func (b *builder) noEvent(m temporal.Mention) bool {
	before := strings.ToLower(b.text[max(0, m.Start-20):m.Start])
	before = strings.TrimRight(before, " \u00a0")
	for _, w := range []string{" as of", " en date du", " à la date du"} {
		if strings.HasSuffix(" "+before, w) {
			return true
		}
	}
	if m.Relative && m.Earlier && m.Date.Precision != knowledge.PrecisionDay {
		for _, w := range []string{"près de", "presque", "environ", "plus de", "nearly", "almost", "about", "some", "over", "around"} {
			if strings.HasSuffix(before, w) {
				return true
			}
		}
	}
	return false
}

type span struct{ start, end int }

// paragraphSpans finds the paragraphs of text as the knowledge loader numbers them: blocks separated
// by lines holding nothing but spacing.
func paragraphSpans(text string) []span {
	var out []span
	start := -1
	pos := 0
	lastEnd := 0
	for line := range strings.Lines(text) {
		blank := strings.TrimSpace(line) == ""
		if blank {
			if start >= 0 {
				out = append(out, span{start, lastEnd})
				start = -1
			}
		} else {
			if start < 0 {
				start = pos
			}
			lastEnd = pos + len(strings.TrimRight(line, "\n"))
		}
		pos += len(line)
	}
	if start >= 0 {
		out = append(out, span{start, lastEnd})
	}
	return out
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// dated returns the mentions of s that date something: resolved dates, not bare times.
func dated(s *sent) []temporal.Mention {
	var out []temporal.Mention
	for _, m := range s.mentions {
		if m.Resolved && m.Time == "" {
			out = append(out, m)
		}
	}
	return out
}

// opens reports whether m stands at the start of sentence s: at most five words before it ("In a
// report released in November 2012, …", "Le 12 octobre 2016, …", "20 septembre 2016: …").
func (b *builder) opens(s *sent, m temporal.Mention) bool {
	lead := b.text[s.start:m.Start]
	return len(strings.Fields(lead)) <= 5 && !strings.ContainsAny(lead, ",;:")
}

const (
	maxEntryPassages   = 8
	maxContextPassages = 3
)

// build groups sentences into events. A sentence (or heading) that opens with a date starts an entry;
// the sentences after it belong to it. In a chronicle — a text most of whose dated paragraphs open
// with their date — an entry runs on to the next one; in prose it ends with its paragraph, and a
// paragraph's first dated sentence starts one wherever its date stands. Other dates mentioned
// inside an entry become context events related to it.
func (b *builder) build() {
	b.chronicle = b.isChronicle()
	var cur *event
	lastPara := -1
	context := map[string]*event{}
	addContext := func(s *sent, m temporal.Mention, rel *event) {
		// "between 1250 and 1300", "entre septembre 2016 et juillet 2017": a period, dated by its
		// start; its end is no event of its own.
		period := b.rangePart(s, m)
		if period == 2 {
			return
		}
		if rel != nil && (sameDate(m.Date, rel.date) || contains(m.Date, rel.date)) {
			return
		}
		key := m.Date.String()
		if !b.chronicle && rel != nil {
			key += "/" + fmt.Sprint(rel.lead)
		}
		if e, ok := context[key]; ok {
			if len(e.sents) < maxContextPassages && !hasInt(e.sents, s.idx) {
				e.sents = append(e.sents, s.idx)
			}
			if e.related == nil {
				e.related = rel
			}
			return
		}
		e := &event{date: m.Date, context: true, related: rel, sents: []int{s.idx}, lead: s.idx, mention: m,
			relative: m.Relative, inferred: m.Inferred, vague: m.Vague, period: period == 1}
		context[key] = e
		b.events = append(b.events, e)
	}
	assigned := map[int]bool{}
	var latest *knowledge.Date // the latest entry date so far
	add := func(e *event, idx int) {
		if len(e.sents) < maxEntryPassages && !hasInt(e.sents, idx) {
			e.sents = append(e.sents, idx)
			assigned[idx] = true
		}
	}
	// lead takes in the sentences before s in its paragraph that are undated and in no event yet:
	// in prose, "Firefox was originally named Phoenix … The current name, Firefox, was chosen on
	// February 9, 2004." is one event.
	lead := func(e *event, s *sent) {
		if b.chronicle {
			return
		}
		var before []int
		for j := s.idx - 1; j >= 0 && b.sents[j].para == s.para && len(dated(&b.sents[j])) == 0 && !assigned[j] && !b.sents[j].heading; j-- {
			before = append([]int{j}, before...)
		}
		if len(before) > maxEntryPassages-2 {
			before = before[len(before)-(maxEntryPassages-2):]
		}
		for _, j := range before {
			assigned[j] = true
		}
		e.sents = append(before, e.sents...)
	}
	for i := range b.sents {
		s := &b.sents[i]
		for _, m := range s.mentions {
			if !m.Resolved {
				b.unresolved = append(b.unresolved, fmt.Sprintf("¶%d: %q — no date before it to count from", s.para+1, m.Text))
			}
		}
		if s.para != lastPara {
			lastPara = s.para
			if !b.chronicle {
				cur = nil
			}
		}
		ms := dated(s)
		if s.heading {
			cur = nil
			if len(ms) > 0 && b.opens(s, ms[0]) {
				cur = b.entry(s, ms[0])
				assigned[s.idx] = true
			}
			continue
		}
		if len(ms) == 0 {
			if cur != nil {
				cur.attachTime(s)
				add(cur, s.idx)
			}
			continue
		}
		first := ms[0]
		opening := b.opens(s, first) && !first.Earlier
		// In prose, a date later than every entry's so far moves the narrative on ("… until 1769,
		// when James Cook …"): it starts an entry wherever it stands in its sentence. An earlier one
		// is a flashback ("Eich previously donated US$1,000 in 2008"): context.
		forward := !b.chronicle && !first.Earlier && b.rangePart(s, first) != 2 && (latest == nil || first.Date.Span().From > latest.Span().From)
		switch {
		case opening && cur != nil && b.chronicle && sameDate(first.Date, cur.date):
			// "Le 12 octobre 2016, …" inside the entry of 12 October 2016 continues it.
			add(cur, s.idx)
		case opening || forward || cur == nil && !b.chronicle && !first.Earlier && first.Date.Precision != knowledge.PrecisionYear:
			// (A period's start dates it: "Sometime between 1250 and 1300, …".)
			// A sentence that opens with its date, or in prose a paragraph's first sentence with a
			// day or a month, starts an entry; its other dates are context ("In 1893 … and in 1894
			// pioneered …"), unless they date a figure ("revenue for 2011 was $163 million").
			cur = b.entry(s, first)
			if latest == nil || cur.date.Span().From > latest.Span().From {
				latest = &cur.date
			}
			assigned[s.idx] = true
			lead(cur, s)
			for _, m := range ms[1:] {
				if !b.figure(m) {
					addContext(s, m, cur)
				}
			}
		case cur == nil:
			// Before a chronicle's first entry (its introduction), or a year a sentence of prose
			// mentions in passing ("the original JavaScript engine developed … in 1995"): context.
			for _, m := range ms {
				addContext(s, m, nil)
			}
			assigned[s.idx] = true
		default:
			cur.attachTime(s)
			add(cur, s.idx)
			for _, m := range ms {
				addContext(s, m, cur)
			}
		}
	}
}

// rangePart says whether m starts (1) or ends (2) a period — "between X and Y", "entre X et Y",
// "from X to Y" — or neither (0).
func (b *builder) rangePart(s *sent, m temporal.Mention) int {
	for i, o := range s.mentions {
		if o.Start != m.Start {
			continue
		}
		if i+1 < len(s.mentions) && b.joins(s, m, s.mentions[i+1]) {
			return 1
		}
		if i > 0 && b.joins(s, s.mentions[i-1], m) {
			return 2
		}
	}
	return 0
}

// joins reports whether "between a and c" (or "entre a et c", "from a to c") holds in s.
func (b *builder) joins(s *sent, a, c temporal.Mention) bool {
	mid := strings.ToLower(strings.TrimSpace(b.text[a.End:c.Start]))
	before := strings.TrimSpace(strings.ToLower(b.text[s.start:a.Start]))
	if mid != "and" && mid != "et" && mid != "to" && mid != "à" && mid != "au" && mid != "-" && mid != "–" {
		return false
	}
	for _, w := range []string{"between", "entre", "from", "de", "du"} {
		if strings.HasSuffix(before, " "+w) || before == w {
			return true
		}
	}
	return false
}

func (b *builder) entry(s *sent, m temporal.Mention) *event {
	e := &event{date: m.Date, sents: []int{s.idx}, lead: s.idx, mention: m,
		relative: m.Relative, inferred: m.Inferred, vague: m.Vague, period: b.rangePart(s, m) == 1}
	e.attachTime(s)
	b.events = append(b.events, e)
	return e
}

// attachTime gives e the time of day s states for e's date ("À 18h35 le jour de l'élection").
func (e *event) attachTime(s *sent) {
	if e.time != "" || e.date.Precision != knowledge.PrecisionDay {
		return
	}
	for _, m := range s.mentions {
		if m.Time != "" && sameDate(m.Date, e.date) {
			e.time = m.Time
			return
		}
	}
}

func (b *builder) isChronicle() bool {
	opening, datedParas := 0, 0
	seen := map[int]bool{}
	for i := range b.sents {
		s := &b.sents[i]
		ms := dated(s)
		if len(ms) == 0 || seen[s.para] {
			continue
		}
		seen[s.para] = true
		datedParas++
		first := i == 0 || b.sents[i-1].para != s.para
		if first && b.opens(s, ms[0]) && ms[0].Date.Precision == knowledge.PrecisionDay {
			opening++
		}
	}
	return opening >= 3 && opening*2 >= datedParas
}

func sameDate(a, b knowledge.Date) bool { return a == b }

// contains reports whether a's span contains all of b's (a year containing a day of it).
func contains(a, b knowledge.Date) bool {
	as, bs := a.Span(), b.Span()
	return as.From <= bs.From && bs.To <= as.To
}

func hasInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// finish sorts the events and gives each its title, summary and id.
func (b *builder) finish() {
	sort.SliceStable(b.events, func(i, j int) bool {
		a, c := b.events[i], b.events[j]
		if a.context != c.context {
			return !a.context
		}
		return a.lead < c.lead
	})
	ids := map[string]int{}
	for _, e := range b.events {
		// The sentence that dates the event comes first (answers quote an event's first passages),
		// then the others in the text's order.
		sort.Slice(e.sents, func(i, j int) bool {
			if (e.sents[i] == e.lead) != (e.sents[j] == e.lead) {
				return e.sents[i] == e.lead
			}
			return e.sents[i] < e.sents[j]
		})
		e.title = b.titleOf(e)
		e.summary = b.summaryOf(e)
		if b.lang != "en" {
			e.summaries = map[string]string{b.lang: e.summary}
		}
		e.id = uniqueID(ids, e.date.String()+"-"+slug(e.title, 5))
	}
}

func uniqueID(ids map[string]int, id string) string {
	id = strings.Trim(id, "-")
	if len(id) > 72 {
		id = strings.TrimRight(id[:72], "-")
	}
	ids[id]++
	if n := ids[id]; n > 1 {
		return fmt.Sprintf("%s-%d", id, n)
	}
	return id
}

// stopwords are left out of ids.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an of to in on at for by with and or but from as is was were are be been
		that this these those it its his her their he she they we you i after before over into than then
		le la les l d de du des un une et ou mais a au aux en dans par pour sur avec que qui qu se sa son ses
		ce cette il elle ils elles leur leurs lui est ont a ete s n ne pas plus tres`) {
		stopwords[w] = true
	}
}

// slug makes up to n significant words of s into an id part.
func slug(s string, n int) string {
	var words []string
	for _, w := range strings.FieldsFunc(textproc.Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if stopwords[w] || len(words) >= n {
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, "-")
}

// titleOf shortens the sentence that dates e: its date expression and the punctuation after it
// dropped, cut at a word under 90 characters. A context event is named by the clause that mentions
// it where the sentence says so ("… trois jours après que le site web publie …").
func (b *builder) titleOf(e *event) string {
	s := b.sents[e.lead]
	m := e.mention
	var t string
	switch {
	case e.context && m.Earlier:
		t = b.text[m.End:s.end]
		t = strings.TrimLeft(t, " \u00a0")
		for _, lead := range []string{"que ", "qu'", "qu’", "the ", "that "} {
			if strings.HasPrefix(strings.ToLower(t), lead) && lead != "the " {
				t = t[len(lead):]
			}
		}
	case b.opens(&s, m) && m.Start >= s.start:
		t = b.text[s.start:m.Start] + b.text[m.End:s.end]
		// "On January 23, 1998, Netscape …" → "Netscape …": drop the words that led to the date
		// when it is an introductory phrase; "In a report released in November 2012, …" and "The
		// 1923 and 1926 Imperial Conferences …" stay whole.
		if after := strings.TrimLeft(b.text[m.End:s.end], " \u00a0"); len(strings.Fields(b.text[s.start:m.Start])) <= 2 && (strings.HasPrefix(after, ",") || strings.HasPrefix(after, ":")) {
			t = b.text[m.End:s.end]
		} else {
			t = b.text[s.start:s.end]
		}
	default:
		t = b.text[s.start:s.end]
	}
	t = collapse(t)
	t = strings.TrimLeft(t, " ,:;—–-\u00a0")
	t = strings.TrimSpace(t)
	if t == "" {
		t = collapse(b.text[s.start:s.end])
	}
	t = capitalize(shorten(strings.TrimRight(t, ".;:, "), 90))
	if strings.TrimSpace(t) == "" {
		// A sentence that is nothing but its date ("1000,."): name the event by the date.
		t = e.date.String()
	}
	return t
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// shorten cuts s at a word boundary to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	cut := n - 1
	for i := cut; i > n/2; i-- {
		if rs[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:—–-") + "…"
}

// summaryOf is the event's leading sentence, and the next one while the summary stays short: the
// source's own words.
func (b *builder) summaryOf(e *event) string {
	var parts []string
	n := 0
	for i, idx := range e.sents {
		t := b.sents[idx].text
		if i > 0 && n+len(t) > 320 {
			break
		}
		parts = append(parts, t)
		n += len(t)
		if n > 160 {
			break
		}
	}
	return strings.Join(parts, " ")
}

type snapshot struct {
	events  []event
	anchors []anchor
}

func (b *builder) snapshot() snapshot {
	var s snapshot
	for _, e := range b.events {
		c := *e
		c.sents = append([]int(nil), e.sents...)
		if e.summaries != nil {
			c.summaries = map[string]string{}
			for k, v := range e.summaries {
				c.summaries[k] = v
			}
		}
		s.events = append(s.events, c)
	}
	for _, a := range b.anchorsOut {
		c := a
		c.names = map[string][]string{}
		for k, v := range a.names {
			c.names[k] = append([]string(nil), v...)
		}
		s.anchors = append(s.anchors, c)
	}
	return s
}

func (b *builder) restore(s snapshot) {
	for i, e := range b.events {
		*e = s.events[i]
	}
	b.anchorsOut = s.anchors
}

// render writes the knowledge file and loads it with the knowledge package's validator.
func (b *builder) render() ([]byte, *knowledge.Timeline, error) {
	var w bytes.Buffer
	b.write(&w)
	tl, err := knowledge.Parse("knowledge.yaml", w.Bytes(), func(path string) ([]byte, error) {
		if path == SourceFile {
			return []byte(b.text), nil
		}
		return nil, fmt.Errorf("%s: only %s is drafted", path, SourceFile)
	})
	if err != nil {
		// A draft that does not load is a bug of the drafter, not of the document: say so plainly.
		return nil, nil, fmt.Errorf("the draft did not pass its own check (please report this with the document): %w", err)
	}
	return w.Bytes(), tl, nil
}
