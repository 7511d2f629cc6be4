package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// Questions that retrieval alone cannot answer, answered from the chronology's structure: counts
// and lists over a period, and navigation relative to an event named by its content ("right after
// the tax-returns message", "deux jours après que WL lui a envoyé le lien").

// Relative is an answer found by moving along the timeline from an event the question describes.
type Relative struct {
	From   *knowledge.Event
	Before bool
	Days   int // the offset asked for, 0 when none ("right after")
}

var (
	// "right after X", "two days after X", "a few days after X", "juste avant celui où X", "deux jours
	// après que X", "the day after X", "le lendemain de X"; a hedge before the offset ("environ 4 mois
	// après X") is part of it, not something asked of the event.
	reRelative = regexp.MustCompile(`(?:\b(?:right|just|immediately|directly|shortly|soon|juste|tout de suite|immediatement|peu|the|le|la|about|around|roughly|approximately|approx|some|like|nearly|almost|environ|a peu pres|genre|presque|pres de)\s+|~\s*)?\b(?:(\d+|[a-z]+|a few|a couple of|a couple|quelques)(?:\s+|')(days?|jours?|weeks?|semaines?|months?|mos|mois|years?|yrs?|ans|annees?)\s+(?:or so\s+|ou plus\s+|ish\s+|pile\s+|tout pile\s+|exactly\s+|exactement\s+|precisement\s+)?(?:later\s+|plus tard\s+)?(?:d')?)?(after|before|apres|avant|following|preceding|next to)\s+(?:(?:que|qu'|celui|celle|the one|that one|the message|le message)\s*(?:ou|where|when|in which|dans lequel|qui)?\s+)?(.+)$`)
	reDayNext  = regexp.MustCompile(`\b(?:the\s+)?(day|morning)\s+(after|before)\s+(.+)$|(?:\b(?:le\s+|l'\s*|la\s+)?)(surlendemain|avant-veille|avant veille|lendemain|veille)\s+(?:de\s+|du\s+|d'|des\s+)?(.+)$`)
	numberWord = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
		"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "a": 1}
)

// fewDays is the window "a few days after X" looks in.
const fewDays = 14

// relParse is one parseRelative result, kept for its text.
type relParse struct {
	folded     string
	before, ok bool
	days, at   int
	what       string
}

// parseRelative is parseRelative for this question, once per text.
func (r *Retrieval) parseRelative(folded string) (before bool, days int, what string, at int, ok bool) {
	for _, c := range r.rel {
		if c.folded == folded {
			return c.before, c.days, c.what, c.at, c.ok
		}
	}
	before, days, what, at, ok = parseRelative(folded)
	r.rel = append(r.rel, relParse{folded: folded, before: before, ok: ok, days: days, at: at, what: what})
	return before, days, what, at, ok
}

// parseRelative finds a relative clause in a folded question: the direction, the day offset (-1 for
// "a few"), and the text describing the event it is relative to.
func parseRelative(folded string) (before bool, days int, what string, at int, ok bool) {
	if !hasConnective(folded) {
		return false, 0, "", 0, false
	}
	// "36 days on from the true pundit ask" is 36 days after it. The rewrite comes after the
	// clause's start, so the offsets returned hold for the question as typed.
	folded = question.OnFromAsAfter(folded)
	if m := reDayNext.FindStringSubmatchIndex(folded); m != nil {
		sub := func(i int) string {
			v := substr(folded, m, i)
			if k := strings.IndexAny(v, ",?;"); k >= 0 {
				v = v[:k]
			}
			return v
		}
		if sub(1) != "" {
			return sub(2) == "before", 1, sub(3), m[0], true
		}
		// "le surlendemain", "l'avant-veille": two days after, two days before.
		switch w := sub(4); w {
		case "surlendemain":
			return false, 2, sub(5), m[0], true
		case "avant-veille", "avant veille":
			return true, 2, sub(5), m[0], true
		default:
			return w == "veille", 1, sub(5), m[0], true
		}
	}
	var mi []int
	for _, m := range reRelative.FindAllStringSubmatchIndex(folded, -1) {
		// "d'après l'article" is "according to the article", not "after" it; "l'année d'après
		// X", "le mois d'avant X" are the year after X, the month before it.
		if c := m[6]; substr(folded, m, 3) == "apres" && m[4] < 0 && c >= 2 && (folded[c-2:c] == "d'" || folded[c-2:c] == "d ") {
			continue
		}
		mi = m
		break
	}
	if mi == nil {
		// A later "after" may follow a "d'après": look again past it.
		if i := strings.Index(folded, "apres"); i >= 0 && i+5 < len(folded) {
			if before, days, what, at, ok := parseRelative(folded[i+5:]); ok {
				return before, days, what, at + i + 5, true
			}
		}
		return false, 0, "", 0, false
	}
	// The clause ends at a comma or a question mark: "après la victoire de Trump, WL a écrit…".
	if k := strings.IndexAny(folded[mi[8]:], ",?;"); k >= 0 {
		mi[9] = mi[8] + k
		mi[1] = mi[9]
	}
	at = mi[0]
	m := make([]string, len(mi)/2)
	for i := range m {
		m[i] = substr(folded, mi, i)
	}
	before = m[3] == "before" || m[3] == "avant" || m[3] == "preceding"
	if m[2] != "" {
		switch n, err := strconv.Atoi(m[1]); {
		case err == nil:
			days = n
		case numberWord[m[1]] > 0:
			days = numberWord[m[1]]
		case oneWords[m[1]]:
			days = 1 // "the year after", "a month before", "l'année après"

		default:
			days = -1 // "a few", "quelques"
		}
		if days > 0 {
			switch {
			case strings.HasPrefix(m[2], "week") || strings.HasPrefix(m[2], "semaine"):
				days *= 7
			case strings.HasPrefix(m[2], "month") || m[2] == "mois" || m[2] == "mos":
				days *= 30
			case strings.HasPrefix(m[2], "year") || m[2] == "ans" || strings.HasPrefix(m[2], "annee"):
				days *= 365
			}
		}
	}
	return before, days, m[4], at, true
}

// oneWords count one of the unit after them: "the week after X" is a week after it.
var oneWords = map[string]bool{"the": true, "a": true, "an": true, "one": true, "le": true, "la": true, "l": true, "un": true, "une": true}

// hasConnective is a cheap test for the words a relative clause needs, so most questions never run
// its patterns.
func hasConnective(folded string) bool {
	return containsAny(folded, "after", "before", "apres", "avant", "following", "preceding", "next to", "lendemain", "veille", " on from ") // "surlendemain", "avant-veille" too
}

func substr(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// relativeEvent finds the event a relative clause of the question describes.
func (r *Retrieval) relativeEvent(folded string) (from *knowledge.Event, before bool, days int, what string, at int, ok bool) {
	before, days, what, at, ok = r.parseRelative(folded)
	if !ok {
		return nil, false, 0, "", 0, false
	}
	t := r.Timeline
	// A quotation in the clause names its event by the passage that has it ("WL's 'hey donald'
	// msg").
	for _, m := range reQuoted.FindAllStringSubmatch(what, -1) {
		for _, g := range m[1:] {
			if g == "" {
				continue
			}
			if events, _ := t.QuotedPassages(g); len(events) > 0 && allSame(events) {
				return events[0], before, days, what, at, true
			}
		}
	}
	// "after the first DM", "avant son dernier message": the first (or last) of the events the
	// rest of the clause describes, not the one that matches it best.
	if e, ok := r.orderedEvent(what); ok {
		return e, before, days, what, at, true
	}
	// "7 months after AOL backed off in July 2003": a date in the clause dates its event.
	q := knowledge.Query{Text: t.ExpandNames(what), Limit: 10}
	if wp := question.Parse(what, t); wp.Kind != question.NoDate && len(wp.Spans) > 0 {
		q.Text, q.Spans = t.ExpandNames(textproc.Fold(wp.Rest)), wp.Spans
	}
	res := t.Search(q)
	for i, h := range res.Hits {
		if h.Score > 0 && h.Coverage >= minCoverage {
			if e := r.ownersEvent(q.Text, res.Hits, h); e != nil {
				return e, before, days, what, at, true
			}
			if k, ok := r.subjectsOwnDeed(q.Text, res.Hits[i:]); ok && k > 0 {
				return res.Hits[i+k].Event, before, days, what, at, true
			}
			if e := dayPreciseRunnerUp(res.Hits[i:], days); e != nil {
				return e, before, days, what, at, true
			}
			return h.Event, before, days, what, at, true
		}
	}
	return nil, false, 0, "", 0, false
}

// dayPreciseRunnerUp is, for an offset in days ("the day after Lafayette showed up", "2 weeks
// after the session"), the event dated to the day that matches nearly as well as the best
// (hits[0]) when the best is dated only by its month or year: a day is counted from a day, and
// "the day after" an event of "November 1824" would be 2 November. nil otherwise.
func dayPreciseRunnerUp(hits []knowledge.Hit, days int) *knowledge.Event {
	best := hits[0]
	if days <= 0 || days%30 == 0 || days%365 == 0 || best.Event.Precision() == knowledge.PrecisionDay {
		return nil
	}
	for _, h := range hits[1:] {
		if h.Score < dayPreciseRatio*best.Score {
			break
		}
		if h.Event.Precision() == knowledge.PrecisionDay && h.Coverage >= best.Coverage {
			return h.Event
		}
	}
	return nil
}

// dayPreciseRatio is the share of the best score a day-precise event needs to be counted from in
// its place.
const dayPreciseRatio = 0.85

// datedRelative reports whether a dated question's date is in its relative clause, with an offset:
// "like 7 months after AOL backed off in jul '03, what happened" dates the event it moves from, not
// the answer.
func (r *Retrieval) datedRelative(folded string) bool {
	_, days, what, at, ok := r.parseRelative(folded)
	if !ok || days == 0 {
		return false
	}
	t := r.Timeline
	// A date in a clause has a figure or a month ("in jul '03", "in 2003"): without either, it is
	// an anchor or no date, and the clause need not be parsed (most questions' case).
	if !strings.ContainsAny(what, "0123456789") && !slices.ContainsFunc(textproc.Words(what), func(w string) bool { return question.MonthOf(w) != 0 }) {
		return false
	}
	// An anchor in the clause is the parser's to move from ("the week after the treaty").
	// The clause first: most have no date, and then the head need not be parsed.
	kind := question.Parse(what, t).Kind
	return kind != question.NoDate && kind != question.Anchor && question.Parse(folded[:at], t).Kind == question.NoDate
}

// orderedEvent is the event a description with an order word names: "the first DM", "son
// dernier message", "le tout premier msg de WL" are the first (or last) entry the rest of it
// describes, or of the whole timeline when the rest describes nothing ("le tout dernier"). It
// reports false when the description has no order word or describes no entry.
func (r *Retrieval) orderedEvent(what string) (*knowledge.Event, bool) {
	t := r.Timeline
	order := 0
	var kept []string
	for _, w := range textproc.Words(what) {
		if o := orderWords[w]; o != 0 {
			order = o
		} else {
			kept = append(kept, w)
		}
	}
	if order == 0 {
		return nil, false
	}
	rest := t.ExpandNames(strings.Join(kept, " "))
	if r.specific(rest) == "" && len(r.mentioned(rest)) == 0 {
		if e := edgeEntry(t, order > 0); e != nil {
			return e, true
		}
	}
	// The background counts when it is as much about it as the entries ("la 1ère vague d'emails
	// Podesta" is told as context).
	topic := r.specific(rest) != "" // "the first msg" is an entry; "the first Podesta batch" any event
	res := t.Search(knowledge.Query{Text: rest, EntriesOnly: !topic || namesEntries(textproc.Words(rest)), Unsorted: true})
	res.Hits = asMuchAsEntries(res.Hits)
	// "Le 1er pavillon tricolore" is the first event about a tricolour ensign, not the first
	// about an ensign: of the events that cover the description about as well as the best does.
	floor := float32(minCoverage)
	for _, h := range res.Hits {
		if h.Score > 0 {
			floor = max(floor, fullCoverRatio*h.Coverage)
		}
	}
	// An event that calls itself the first (or last) of what is described ("the first ship to
	// transit the canal") is it, whatever came before that merely mentions ships; of several
	// (the first ship through the new locks, a century later), the earliest is the first.
	if head := orderedHead(textproc.Words(what)); len(head) > 0 {
		if words := r.queryWords(strings.Join(head, " ")); len(words) > 0 {
			var self *knowledge.Event
			for _, h := range res.Hits {
				if h.Score <= 0 || h.Coverage < minCoverage || !r.callsItself(h.Event, order, words) {
					continue
				}
				if self == nil || order < 0 && t.Position(h.Event) < t.Position(self) || order > 0 && t.Position(h.Event) > t.Position(self) {
					self = h.Event
				}
			}
			if self != nil {
				return self, true
			}
		}
	}
	var pick *knowledge.Event
	for _, h := range res.Hits {
		if h.Score > 0 && h.Coverage >= floor && (pick == nil || order < 0 && t.Position(h.Event) < t.Position(pick) ||
			order > 0 && t.Position(h.Event) > t.Position(pick)) {
			pick = h.Event
		}
	}
	return pick, pick != nil
}

// fullCoverRatio is the share of the best coverage an event needs to count as about all of what
// an ordered description says.
const fullCoverRatio = 0.8

// asMuchAsEntries drops from hits (in place) the background events that cover the question less
// than the best entry does: background answers "the first (or last) X" only when it is as much
// about X. With no entry among them, every hit stays.
func asMuchAsEntries(hits []knowledge.Hit) []knowledge.Hit {
	var entryCov float32
	for _, h := range hits {
		if h.Event.Kind == knowledge.KindEntry && h.Score > 0 {
			entryCov = max(entryCov, h.Coverage)
		}
	}
	if entryCov == 0 {
		return hits
	}
	return slices.DeleteFunc(hits, func(h knowledge.Hit) bool {
		return h.Event.Kind != knowledge.KindEntry && h.Coverage < entryCov
	})
}

// allSame reports whether every event of a non-empty list is the first.
func allSame(events []*knowledge.Event) bool {
	for _, e := range events[1:] {
		if e != events[0] {
			return false
		}
	}
	return true
}

// relativeSpan turns "after X" in a question that counts, lists or asks for the first or last into
// the period it names: the days after (or before) the event X.
func (r *Retrieval) relativeSpan(folded string) (knowledge.Span, string, bool) {
	var s knowledge.Span
	self := false
	// X may be a day the timeline names ("in the 3 months after the election"): its anchor's day.
	before, _, what, at, ok := r.parseRelative(folded)
	if wp := question.Parse(what, r.Timeline); ok && wp.Kind == question.Anchor && len(wp.Spans) == 1 && !slices.ContainsFunc(textproc.Words(textproc.Fold(wp.Rest)), func(w string) bool { return !textproc.IsStopWord(w) }) {
		s = wp.Spans[0]
	} else {
		var from *knowledge.Event
		from, before, _, what, at, ok = r.relativeEvent(folded)
		if !ok {
			return knowledge.Span{}, "", false
		}
		s = from.Span()
		// The event that matched X may itself be one the timeline places after X ("After Trump's
		// victory, WikiLeaks writes…" for "after Trump's victory"): then it belongs to the period.
		self = r.placedRelative(from, what, before)
	}
	head := folded[:at]
	if i := strings.Index(folded[at:], what); i >= 0 {
		head += " " + folded[at+i+len(what):]
	}
	head = r.Timeline.ExpandNames(head)
	if before {
		to := s.From - 1
		if self {
			to = s.To
		}
		return knowledge.Span{From: r.Timeline.Span().From, To: to}, head, true
	}
	fromDay := s.To + 1
	if self {
		fromDay = s.From
	}
	return knowledge.Span{From: fromDay, To: r.Timeline.Span().To}, head, true
}

// placedRelative reports whether e's title or summary places it after X (before X when before),
// X being the words of a question's relative clause: "after" or "après" followed closely by one
// of X's content words.
func (r *Retrieval) placedRelative(e *knowledge.Event, what string, before bool) bool {
	markers := []string{"after", "apres", "following"}
	if before {
		markers = []string{"before", "avant"}
	}
	// X's own words, not the names in it: "after Trump said…" is not "after Trump's victory".
	t := r.Timeline
	var xs []knowledge.QueryWord
	for _, q := range r.queryWords(r.specific(what)) {
		if q.IDF > 0 {
			xs = append(xs, q)
		}
	}
	if len(xs) == 0 {
		return false
	}
	texts := []string{e.Title, e.Summary}
	langs := []string{"en", "en"}
	for lang, s := range e.Summaries {
		texts = append(texts, s)
		langs = append(langs, lang)
	}
	for k, text := range texts {
		words := textproc.Words(textproc.Fold(text))
		for i, w := range words {
			if !slices.Contains(markers, w) {
				continue
			}
			for _, next := range words[i+1 : min(len(words), i+5)] {
				for _, q := range xs {
					if t.Says(next, langs[k], q) {
						return true
					}
				}
			}
		}
	}
	return false
}

// relativeQuery answers a question about the event before or after one it describes. It reports
// false when the question has no relative clause or the clause describes no event well enough.
func (r *Retrieval) relativeQuery(folded string) bool {
	from, before, days, _, at, ok := r.relativeEvent(folded)
	if !ok {
		return false
	}
	t := r.Timeline
	target := step(t, from, before, days)
	if target == nil && days > 0 && (days == 30 || days == 365) && reCalendarNext.MatchString(folded) {
		// "The month after his election", "l'année d'après sa mort": the calendar month (year)
		// after the event's, when nothing is that exact length away; its events are listed.
		span := calendarNext(from, before, days == 365)
		if len(t.InSpan(span)) == 0 {
			r.Relative = &Relative{From: from, Before: before, Days: days}
			r.Parsed.Kind, r.Parsed.Spans, r.Parsed.OpenFrom, r.Parsed.OpenTo = question.Year, []knowledge.Span{span}, false, false
			r.Reason = NothingInRange
			r.Before, r.After = t.Nearest(span)
			return true
		}
		p := r.Parsed
		head := t.ExpandNames(folded[:at])
		p.Kind, p.Spans, p.Rest, p.OpenFrom, p.OpenTo = question.Range, []knowledge.Span{span}, head, false, false
		r.Parsed = p
		r.rangeQuery(p, withoutDirection(r.specific(head)) != "")
		return true
	}
	if target == nil && days > 0 {
		// "Two days after the first DM": a day the source says nothing of, not the next event.
		r.Relative = &Relative{From: from, Before: before, Days: days}
		span := offsetSpan(from, before, days)
		r.Parsed.Kind, r.Parsed.Spans, r.Parsed.OpenFrom, r.Parsed.OpenTo = question.ExactDay, []knowledge.Span{span}, false, false
		r.Reason = NothingOnDate
		if span.From != span.To {
			r.Parsed.Kind, r.Reason = question.Year, NothingInRange
		}
		r.Before, r.After = t.Nearest(span)
		return true
	}
	if target == nil {
		return false
	}
	head := t.ExpandNames(folded[:at])
	// What the question asks of the event found ("who became CEO after X") must be what that event
	// is about; "what came right after X" asks nothing more, nor does "the next thing after X".
	// The chronology's subject is no part of what is asked ("what did leonardo do the year after
	// he fled to venice": every event is Leonardo's).
	if spec := r.withoutTitleWords(withoutDirection(r.specific(head))); spec != "" {
		res := t.Search(knowledge.Query{Text: spec, Spans: []knowledge.Span{target.Span()}})
		covered := false
		for _, h := range res.Hits {
			covered = covered || h.Event == target && h.Score > 0 && h.Coverage >= minCoverage
		}
		if !covered {
			return false
		}
		// "Why did the mandolin decline after its golden age?": when the event the clause names
		// says what is asked as well, the clause dates it; it does not send the question on.
		// Coverage, not score, compares them: a score favours the shorter event.
		anchor := t.Search(knowledge.Query{Text: spec, Spans: []knowledge.Span{from.Span()}})
		var fromCov, targetCov float32
		for _, h := range anchor.Hits {
			if h.Event == from && h.Score > 0 {
				fromCov = h.Coverage
			}
		}
		for _, h := range res.Hits {
			if h.Event == target {
				targetCov = h.Coverage
			}
		}
		if fromCov >= minCoverage && fromCov >= targetCov {
			return false
		}
	}
	r.Relative = &Relative{From: from, Before: before, Days: days}
	r.selectEvents([]*knowledge.Event{target}, head, true)
	return true
}

// reCalendarNext finds "the month after", "the year before", "le mois d'après", "l'année
// suivante": one unit with the definite article, the calendar's month or year next to the event's.
var reCalendarNext = regexp.MustCompile(`(?:\b(?:the|le|la)\s+|\bl')(?:month|year|mois|annee)\s+(?:after|before|following|apres|avant|d'apres|d'avant|suivant|suivante|precedent|precedente)\b`)

// calendarNext is the calendar month (or year) after the one e ends in, or before the one it
// starts in.
func calendarNext(e *knowledge.Event, before, year bool) knowledge.Span {
	span := e.Span()
	d := span.To.Time()
	k := 1
	if before {
		d, k = span.From.Time(), -1
	}
	if year {
		y := d.Year() + k
		return knowledge.Span{From: knowledge.DayOf(y, time.January, 1), To: knowledge.DayOf(y, time.December, 31)}
	}
	first := time.Date(d.Year(), d.Month()+time.Month(k), 1, 0, 0, 0, 0, time.UTC)
	next := first.AddDate(0, 1, 0)
	return knowledge.Span{From: knowledge.DayOf(first.Year(), first.Month(), 1), To: knowledge.DayOf(next.Year(), next.Month(), 1) - 1}
}

// withoutTitleWords drops from a space-separated list of words those of the chronology's title.
func (r *Retrieval) withoutTitleWords(spec string) string {
	return dropWords(spec, r.titleWord)
}

// directionWords restate a relative clause's direction: "the next thing after X", "le message
// suivant, après X".
var directionWords = set("next following previous prior preceding suivant suivante suivants precedent precedente prochain prochaine")

// withoutDirection drops directionWords from a space-separated list of words.
func withoutDirection(spec string) string {
	return dropWords(spec, func(w string) bool { return directionWords[w] })
}

// dropWords drops from a space-separated list of words those drop reports.
func dropWords(spec string, drop func(string) bool) string {
	if spec == "" {
		return ""
	}
	words := strings.Fields(spec)
	kept := words[:0]
	for _, w := range words {
		if !drop(w) {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

var (
	reVersion = regexp.MustCompile(`\b\d+\.\d+(?:\.\d+)*\b`)
	reCountOf = regexp.MustCompile(`\b(?:how many|how much|combien(?: de| d')?)\s+([a-z]+)`)
)

// absentNames reports whether the question names something the source never mentions: a
// capitalized name inside the question ("When did Google release Chrome?"), what a "how many" asks
// to count ("how many followers", "combien de voix"), or a version it never writes. It records what
// is missing for the refusal.
func (r *Retrieval) absentNames(text string) bool {
	t := r.Timeline
	prev := ""
	for w := range strings.FieldsSeq(text) {
		// A capital that starts a sentence says nothing: the first word, or one after a full stop,
		// a question mark, a colon or a closing tag.
		before := prev
		prev = w
		if before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:>;") {
			continue
		}
		for _, m := range capitalized(w) {
			f := textproc.Fold(m)
			// An unknown acronym ("DJT") may be anyone's initials, a plural one ("DMs") the asker's
			// short form of a common noun: no proof of absence.
			if len(f) < 3 || textproc.IsStopWord(f) || question.IsDateWord(f) || isAcronym(m) || t.KnownExactly(f) || t.ExpandNames(f) != f {
				continue
			}
			r.Missing = append(r.Missing, m)
		}
	}
	// What a "how many" counts, when the source never names it and the question has little else
	// of its own ("how many followers does Trump Jr. have on Twitter?"); a question with its own
	// topic may name the counted thing in other words than the source's.
	// A noun the source counts in other words ("cannons" of its "80 guns") is no proof.
	if m := countOf(r.Intent, text); m != nil && !(r.asksSum && sumNouns[m[1]]) && !textproc.IsStopWord(m[1]) && !unitWords[m[1]] && !personNouns[m[1]] && !t.KnownExactly(m[1]) && !r.countsOtherwise(m[1]) {
		known := 0
		for _, w := range r.specificList(r.Parsed.Rest) {
			if w != m[1] && t.KnownExactly(w) {
				known++
			}
		}
		if known < 2 {
			r.Missing = append(r.Missing, m[1])
		}
	}
	// "The 20th festival" of a source that counts its festivals up to the 10th: an ordinal the
	// source never writes, in figures or in words, in English or French, names something it lacks.
	for _, o := range ordinals(r.Parsed.Rest) { // the rest: "the 20th century" is a date
		if !r.writesOrdinal(o.n, o.noun) {
			r.Missing = append(r.Missing, o.phrase)
		}
	}
	// A version or a decimal figure the source never writes ("Firefox 1.0") is a name it lacks.
	for _, v := range versions(text) {
		// A dotted figure the parser read as a date ("le 21.10") is no version.
		asDate := r.Parsed.Kind != question.NoDate && !strings.Contains(r.Parsed.Rest, v)
		if !t.Source.Contains(v) && !looksLikeDate(v) && !asDate {
			r.Missing = append(r.Missing, v)
		}
	}
	r.namesAbsent = len(r.Missing) > 0
	return r.namesAbsent
}

// countedHits is how many events countsOtherwise reads: those the noun's relatives find best.
const countedHits = 3

// countsOtherwise reports whether a passage of the events the noun finds writes a figure in digits
// just before a word the lexicon relates to it ("80 guns" for "cannons"): not "no guns", "the only
// gun".
func (r *Retrieval) countsOtherwise(noun string) bool {
	t := r.Timeline
	if !t.SaysOtherwise(noun) {
		return false
	}
	q := t.QueryWord(noun)
	for _, h := range t.Search(knowledge.Query{Text: noun, Limit: countedHits}).Hits {
		for i := range h.Event.Passages {
			// A figure, in digits or a number's word ("five children" of "how many kids"), by a
			// word related to the noun: only the word after a figure is looked up, in a passage
			// that has the noun or a relative of it (its terms say so without reading it).
			if len(t.UnmatchedWords(h.Event, i, []knowledge.QueryWord{q})) > 0 {
				continue
			}
			folded := t.FoldedPassage(h.Event, i)
			prev := ""
			for start, end, ok := textproc.NextWordIn(folded, 0); ok; start, end, ok = textproc.NextWordIn(folded, end) {
				w := folded[start:end]
				if prev != "" && (prev[0] >= '0' && prev[0] <= '9' && !isYear(prev) || numberWord[prev] > 1) && t.Says(w, t.Source.Language, q) {
					return true
				}
				prev = w
			}
		}
	}
	return false
}

// How much of a word on no event an unknown word of a question weighs when judging whether the
// question is about something the source lacks: a little less than a word on no event, since it
// may be the asker's own wording; much less when the source has a translation or a synonym of it
// (knowledge.Timeline.SaysOtherwise), which makes that likely.
const (
	unknownWeight        = 0.75
	relatedUnknownWeight = 0.3
	absentConceptWeight  = 1.0
)

// absent reports whether the question names something the source never mentions (absentNames), or
// whether most of what it is about is unknown to the source.
func (r *Retrieval) absent(text string) bool {
	if r.absentNames(text) {
		return true
	}
	t := r.Timeline
	// When most of what the question is about (its words other than names, verbs of communication
	// and function words) is unknown to the source, it asks about something else: "Assange's date
	// of birth", "what did the mayor say about taxes".
	// "Most" is by information: a rare word the source has ("putintrump") outweighs two common
	// ones it lacks ("page", "check"); an unknown word weighs three quarters of what a word on no
	// event would, since it may be the asker's own wording of what the source says otherwise.
	spec := r.specificList(r.Parsed.Rest)
	var unknown []string
	var knownMass, unknownMass float32
	known := 0
	// A phrase the lexicon lists and the timeline says otherwise ("had reached out" for
	// "contacté") is known, as one word.
	phrases, phrased := r.phrases(r.Parsed.Rest)
	for _, q := range phrases {
		if q.IDF > 0 {
			knownMass += q.IDF
			known++
		}
	}
	for _, w := range spec {
		if slices.Contains(phrased, w) || r.asksSum && sumNouns[w] {
			continue
		}
		// A weekday beside the date the question gives ("the 14th of October 2016, the
		// friday") restates it; the date says what the source has on it.
		if r.Parsed.Kind != question.NoDate && question.IsDateWord(w) {
			continue
		}
		// A typo allowance on a short word finds some other word ("born" and "bon"): only long
		// words get it.
		if len(w) >= 4 && !t.KnownExactly(w) && (len(w) < 5 || !t.Known(w)) && !t.NearName(w) {
			// An adverb the source lacks ("originally", "finalement") says how, not what:
			// the question is about the rest.
			if adverbForm(w) || timeRelation[w] || dayPartWords[w] || clockWords[w] {
				continue
			}
			unknown = append(unknown, w)
			weight := float32(unknownWeight)
			// A deed ("invented", "abolished") is the asker's verb for what the source may tell
			// in its own ("mise au point", "supprimée"); whether the source gives it to the one
			// the question says is the premise check's to judge.
			if t.SaysOtherwise(w) || textproc.IsDeedWord(w) {
				weight = relatedUnknownWeight
			} else if t.LacksConcept(w) {
				weight = absentConceptWeight
			}
			unknownMass += weight * t.UnknownIDF()
			continue
		}
		var mass float32
		for _, q := range r.queryWords(w) {
			mass += q.IDF
		}
		knownMass += mass
		if mass > 0 {
			known++
		}
	}
	if len(unknown) == 0 {
		return false
	}
	// Every unknown word one the source says in other words (a translation or a synonym: "brûlée"
	// of "execution by burning") in the event the question finds best: the source does mention
	// it there. Said in other words elsewhere only ("election" of a bridge's history that speaks of
	// a vote), it is still a topic the question finds nothing on.
	if !slices.ContainsFunc(unknown, func(w string) bool { return !t.SaysOtherwise(w) }) && r.saidInBestEvent(unknown) {
		return false
	}
	// Only deeds unknown ("when did Don Jr visit WikiLeaks", "who founded Mozilla") of someone
	// the source names: whether the source gives that deed to them is the premise check's to
	// judge, which says so and shows what the source does say of them.
	if onlyDeeds(unknown) && r.shortUnknown(spec) == "" && len(r.mentioned(textproc.Fold(r.Parsed.Rest))) > 0 {
		return false
	}
	// With a word of its own the source knows and that tells events apart, the question is on the
	// source's topic, and the names it gives say so too ("where did WL want the Goldstone mails to
	// come out instead of the regular press?", "Quel poste occupe Hope Hicks ?"); with none, names
	// tell nothing of what is asked about them ("Julian Assange's date of birth", "qui a fondé True
	// Pundit", "Assange vit où en ce moment ?").
	if known >= 1 {
		folded := textproc.Fold(r.Parsed.Rest)
		for _, m := range r.mentioned(folded) {
			for _, q := range r.queryWords(folded[m.At : m.At+m.Len]) {
				knownMass += q.IDF
			}
		}
	}
	if unknownMass >= knownMass {
		r.Missing = unknown
		return true
	}
	return false
}

// monthIndex counts a day's months from year 0, so two days' difference in calendar months is a
// subtraction.
func monthIndex(d knowledge.Day) int {
	t := d.Time()
	return t.Year()*12 + int(t.Month()) - 1
}

// offsetSpan is the day days away from e in the direction asked; for years from an event dated by
// its year, that year; for months from one dated by its month, that month.
func offsetSpan(e *knowledge.Event, before bool, days int) knowledge.Span {
	span := e.Span()
	if days%30 == 0 && days%365 != 0 && e.Precision() == knowledge.PrecisionMonth {
		m := monthIndex(span.From) + days/30
		if before {
			m = monthIndex(span.From) - days/30
		}
		first := knowledge.DayOf(m/12, time.Month(m%12+1), 1)
		next := knowledge.DayOf((m+1)/12, time.Month((m+1)%12+1), 1)
		return knowledge.Span{From: first, To: next - 1}
	}
	if days%365 == 0 && e.Precision() == knowledge.PrecisionYear {
		y := span.From.Time().Year() + days/365
		if before {
			y = span.To.Time().Year() - days/365
		}
		return knowledge.Span{From: knowledge.DayOf(y, time.January, 1), To: knowledge.DayOf(y, time.December, 31)}
	}
	d := span.From + knowledge.Day(days)
	if before {
		d = span.To - knowledge.Day(days)
	}
	return knowledge.Span{From: d, To: d}
}

// step returns the entry days away from e in the direction asked: the nearest entry on a later (or
// earlier) date when days is 0, the entry on that day (or the nearest one past it) when days is
// given, the next entry within fewDays for "a few days".
func step(t *knowledge.Timeline, e *knowledge.Event, before bool, days int) *knowledge.Event {
	span := e.Span()
	var best *knowledge.Event
	for _, c := range t.Events {
		// "The next message" is an entry; "four days after X" is whatever the source dates that
		// day, a context event too (the rally two days before the message).
		if c == e || c.Kind != knowledge.KindEntry && days <= 0 {
			continue
		}
		cs := c.Span()
		if before && cs.To >= span.From || !before && cs.From <= span.To {
			continue
		}
		dist := int(cs.From - span.To)
		if before {
			dist = int(span.From - cs.To)
		}
		if days < 0 && dist > fewDays {
			continue
		}
		// Years count by the calendar: "the year after the ninth festival" (31 October 2012) is
		// 2013, an event dated by its year.
		if days > 0 && days%365 == 0 && (e.Precision() == knowledge.PrecisionYear || c.Precision() == knowledge.PrecisionYear) {
			offset := cs.From.Time().Year() - span.From.Time().Year()
			if before {
				offset = span.To.Time().Year() - cs.To.Time().Year()
			}
			if offset != days/365 {
				continue
			}
		} else if days > 0 && days%30 == 0 && (e.Precision() == knowledge.PrecisionMonth || c.Precision() == knowledge.PrecisionMonth) {
			// So do months, for an event dated by its month: "three months after the June 2016
			// meeting" is September 2016, whichever day of it.
			offset := monthIndex(cs.From) - monthIndex(span.From)
			if before {
				offset = monthIndex(span.To) - monthIndex(cs.To)
			}
			if offset != days/30 {
				continue
			}
		} else if days > 0 {
			// An offset counts from start to start ("two years after 1854" is 1856, though 1854
			// lasts all year), with a tenth of slack for months of approximate length.
			offset := int(cs.From - span.From)
			if before {
				offset = int(span.To - cs.To)
			}
			// …and "two days after" is not two weeks after: what is that far is nothing.
			if offset < days-days/10 || offset > days+max(1, days/5) {
				continue
			}
		}
		if best == nil {
			best = c
			continue
		}
		bs := best.Span()
		if days > 0 {
			// Of the events the slack lets in, the one nearest the day asked: "a year before
			// 13 November 2017" is 9 November 2016, not 16 December 2016.
			if offsetFrom(e, c, before, days) < offsetFrom(e, best, before, days) {
				best = c
			}
			continue
		}
		if before && cs.To > bs.To || !before && cs.From < bs.From {
			best = c
		}
	}
	return best
}

// offsetFrom is how far c is, in days, from the day days away from e in the direction asked.
func offsetFrom(e, c *knowledge.Event, before bool, days int) int {
	span, cs := e.Span(), c.Span()
	d := int(cs.From - span.From)
	if before {
		d = int(span.To - cs.To)
	}
	if d < days {
		return days - d
	}
	return d - days
}

// reCost finds the verbs of a price or a measure, which "combien" asks about as an amount.
var reCost = regexp.MustCompile(`\b(?:cost|costs|costed|coute|coutait|coutent|couter|vaut|valait|pese|pesait|mesure|mesurait|earn|earned|gagne|paid|paye)\b`)

// unitWords name what a count counts; they are not what the events are about.
// namesEntries reports whether words describe one of the chronology's own entries by what they
// are ("the message of July 2017", "WL's first DMs"): then a context event the entries mention
// (the newspaper story of 8 July) is not it.
func namesEntries(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return entryNouns[w] })
}

var entryNouns = map[string]bool{"message": true, "messages": true, "msg": true, "msgs": true, "dm": true, "dms": true, "entry": true, "entries": true}

// durationUnits are the units a length of time is counted in; copulas the verbs that make "how
// many months was X" ask a length.
var (
	durationUnits = set("days weeks months years jours semaines mois ans annees hours heures minutes")
	copulas       = set("was were is are etait etaient est sont")
)

var unitWords = map[string]bool{
	"date": true, "dates": true, "day": true, "days": true, "jour": true, "jours": true, "time": true, "times": true, "fois": true,
	"occasion": true, "occasions": true, "message": true, "messages": true, "msg": true, "msgs": true, "event": true, "events": true,
	"evenement": true, "evenements": true, "entry": true, "entries": true, "different": true, "differents": true, "differentes": true,
	"distinct": true, "separate": true, "total": true, "list": true, "liste": true,
	"temps": true, "week": true, "weeks": true, "semaine": true, "semaines": true, "month": true, "months": true, "mois": true,
	"year": true, "years": true, "annee": true, "annees": true,
}

// countQuery answers "how many" questions that count the chronology's own entries: those in the
// period asked (or all), by the actor the question names first as the one who acts, narrowed by the
// question's other words when they match some entries. It reports false when the question counts
// something else ("how many followers"), which retrieval then handles or refuses.
func (r *Retrieval) countQuery(rest string) bool {
	t := r.Timeline
	folded := textproc.Fold(rest)
	words := textproc.Words(folded)
	counting := false
	for i, w := range words {
		// "these days", "de nos jours" say now, not what is counted.
		if unitWords[w] && i > 0 && words[i-1] != "these" && words[i-1] != "nos" && words[i-1] != "those" {
			counting = true
		}
		// "How many months was his mother in prison", "how many years were they married": a
		// length the source states, not a count of the timeline's days or months.
		if durationUnits[w] && i+1 < len(words) && copulas[words[i+1]] {
			return false
		}
	}
	// "How much does it cost?", "combien a coûté…": an amount, never a count of entries. Checked
	// only once a unit is counted: most questions have none, and the pattern is a cost on each.
	if !counting || strings.Contains(folded, "how much") && !strings.Contains(folded, "how much time") || reCost.MatchString(folded) {
		return false
	}
	// "How many days between the first Podesta emails and the rally?" asks for a figure the text
	// states, not for a count of entries: a question with that much of its own topic is answered
	// by retrieval, which prefers passages with a number.
	if !counting || len(r.specificList(rest)) >= 2 {
		return false
	}
	var events []*knowledge.Event
	in := func(e *knowledge.Event) bool {
		if len(r.Parsed.Spans) == 0 {
			return true
		}
		for _, s := range r.Parsed.Spans {
			if s.From <= e.Span().From && e.Span().To <= s.To {
				return true
			}
		}
		return false
	}
	for _, e := range t.Events {
		if e.Kind == knowledge.KindEntry && in(e) {
			events = append(events, e)
		}
	}
	// "How many times": the unit counted names no one, though a name may end with it ("The New
	// York Times").
	mentions := slices.DeleteFunc(t.MentionedActors(folded), func(m knowledge.Mention) bool {
		return unitWords[folded[m.At:m.At+m.Len]]
	})
	if len(mentions) > 0 {
		subject := mentions[0].Actor
		// The events where the subject acts: those it is the agent of, and those with a passage
		// saying it does what the question's verb says ("Trump Jr. a répondu"), not denying it
		// ("Trump Jr. n'a pas répondu").
		verbs := r.queryWords(lightWordsOf(words))
		says := func(e *knowledge.Event) bool {
			if len(verbs) == 0 {
				return false
			}
			// The subject followed by the verb as a fact: "le lien envoyé par WikiLeaks" is no
			// message WikiLeaks sent that day.
			for i := range e.Passages {
				if t.StatesAsFact(e, i, lastWordOf(subject), verbs) {
					return true
				}
			}
			return false
		}
		if acting := filterEvents(events, func(e *knowledge.Event) bool { return e.Agent(subject) || says(e) }); len(acting) > 0 {
			events = acting
		} else if any := filterEvents(events, func(e *knowledge.Event) bool { return e.HasActor(subject) }); len(any) > 0 {
			events = any
		}
	}
	// The other words narrow the count when some of them are specific (not verbs of communication,
	// not names already used) and match some of the events.
	var other []string
	for _, w := range words {
		if textproc.IsStopWord(w) || textproc.IsLightWord(w) || unitWords[w] || len(w) < 3 || mentionsWord(mentions, w) {
			continue
		}
		other = append(other, w)
	}
	if len(other) > 0 && len(events) > 0 {
		res := t.Search(knowledge.Query{Text: strings.Join(other, " "), Spans: r.Parsed.Spans, EntriesOnly: true})
		matched := map[*knowledge.Event]bool{}
		for _, h := range res.Hits {
			if h.Score > 0 && h.Coverage >= minCoverage {
				matched[h.Event] = true
			}
		}
		if narrowed := filterEvents(events, func(e *knowledge.Event) bool { return matched[e] }); len(narrowed) > 0 {
			events = narrowed
		}
	}
	if len(events) == 0 {
		return false
	}
	r.Count = true
	r.List = true
	r.Total = len(events)
	r.Distinct = distinctDates(events)
	if len(events) > maxListed {
		events = events[:maxListed]
	}
	r.selectEvents(events, rest, false)
	return true
}

// lightWordsOf returns the verbs of communication among words, not the unit a count counts
// ("how many messages": "messages" is what is counted, not what is done).
func lightWordsOf(words []string) string {
	var out []string
	for _, w := range words {
		if textproc.IsLightWord(w) && !textproc.IsStopWord(w) && !unitWords[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// lastWordOf is the last word of a folded name ("jr" of "donald trump jr."), which a passage
// naming the actor short ("Trump Jr.") still contains.
func lastWordOf(name string) string {
	if w := textproc.LastWord(name); w != "" {
		return w
	}
	return name
}

func mentionsWord(mentions []knowledge.Mention, w string) bool {
	for _, m := range mentions {
		if textproc.HasWord(m.Actor, w) {
			return true
		}
	}
	return false
}

func filterEvents(events []*knowledge.Event, keep func(*knowledge.Event) bool) []*knowledge.Event {
	var out []*knowledge.Event
	for _, e := range events {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

func distinctDates(events []*knowledge.Event) int {
	seen := map[string]bool{}
	for _, e := range events {
		seen[e.Date.String()] = true
	}
	return len(seen)
}

// Single quotes count only at word edges, so French elisions ("d'après l'article") are no quote.
var reQuoted = regexp.MustCompile(`(?:^|\s)'([^']{3,}?)'(?:\s|$|[?!.,;:])|"([^"]{3,})"|«\s*([^»]{3,}?)\s*»|“([^”]{3,})”|‘([^’]{3,})’`)

// quotedQuery answers a question that quotes the source: the events whose passages contain the
// quoted words, each quoted by that passage first. It reports false when nothing quoted is found.
func (r *Retrieval) quotedQuery(text string, dated bool) bool {
	if !mayQuote(text) {
		return false
	}
	for _, m := range reQuoted.FindAllStringSubmatch(text, -1) {
		phrase := ""
		for _, g := range m[1:] {
			if g != "" {
				phrase = g
			}
		}
		// A quoted word or phrase names the passage that has it ("« Merci »", "'vraiment facile et
		// utile'"), when few do.
		if len(textproc.Words(textproc.Fold(phrase))) == 0 {
			continue
		}
		events, passages := r.Timeline.QuotedPassages(phrase)
		if len(events) == 0 {
			// The asker may quote the summary, in the answer's language, not the source.
			events, passages = r.Timeline.QuotedSummaries(phrase)
		}
		// With a date, only a phrase one event has outweighs it: the asker may misplace the
		// event the phrase is in ("the 'engouement' at the end of the 18th century" is told
		// under 1850).
		if len(events) == 0 || len(events) > maxFocused || dated && len(events) > 1 {
			continue
		}
		rest := r.Parsed.Rest
		// "Why did Don Jr answer 'wow'": the quotation names the event, not who said it; the
		// deed the question gives someone is checked as any other.
		if len(events) == 1 && r.Intent != AskYesNo && r.premiseFails(events[0], rest) {
			return true
		}
		// Paired before selectEvents sorts events in place: passages[j] is events[j]'s as found.
		quotedAt := make(map[*knowledge.Event][]int, len(events))
		for j, e := range events {
			quotedAt[e] = append(quotedAt[e], passages[j])
		}
		r.selectEvents(events, rest, len(events) == 1)
		for i := range r.Events {
			for _, k := range quotedAt[r.Events[i].Event] {
				r.Events[i].Passages = withFirst(r.Events[i].Passages, k)
			}
		}
		return true
	}
	return false
}

// withFirst puts p first in ps, keeping at most maxSingleQuotes.
func withFirst(ps []int, p int) []int {
	out := []int{p}
	for _, q := range ps {
		if q != p && len(out) < maxSingleQuotes {
			out = append(out, q)
		}
	}
	return out
}

// looksLikeDate reports whether a dotted figure is a date ("21.10.2016", "3.10.16").
func looksLikeDate(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return false
	}
	d, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	if len(parts[0]) == 4 { // 2016.11.09
		m, _ = strconv.Atoi(parts[1])
		d, _ = strconv.Atoi(parts[2])
		return d >= 1 && d <= 31 && m >= 1 && m <= 12
	}
	return d >= 1 && d <= 31 && m >= 1 && m <= 12 && (len(parts[2]) == 2 || len(parts[2]) == 4)
}

// capitalized returns the runs of letters and digits in w that start with a capital ("Trump" of
// "Trump's", "WL" and "Don" of "WL-Don"): a scan, not a regular expression, since every word of
// every question goes through it.
func capitalized(w string) []string {
	var out []string
	start, runes := -1, 0
	for i, r := range w {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case start < 0 && unicode.IsUpper(r):
			start, runes = i, 1
		case start >= 0 && word:
			runes++
		case start >= 0:
			if runes > 1 {
				out = append(out, w[start:i])
			}
			start = -1
		}
	}
	if start >= 0 && runes > 1 {
		out = append(out, w[start:])
	}
	return out
}

// versions returns the dotted figures of a question ("1.0", "3.6.1"), when it has any.
func versions(text string) []string {
	if !strings.Contains(text, ".") || !strings.ContainsAny(text, "0123456789") {
		return nil
	}
	return reVersion.FindAllString(textproc.Fold(text), -1)
}

// reNth finds "the 2nd message", "le 3e msg", "the third DM" (folded): an entry by its rank, in
// figures or in a word question.Ordinal reads.
var reNth = regexp.MustCompile(`\b(?:(\d{1,2})(?:e|eme|er|ere|th|st|nd|rd)|([a-z]+))\s+(message|messages|msg|dm|event|evenement|entry|time|fois)\b`)

// nthQuery answers "what did WL say in its 2nd message?", "le 3e msg de WL c'était quoi ?": the
// entry of that rank among those the rest of the question is about (the whole timeline's when it
// names no more than who wrote). It reports false for a question with no such rank.
func (r *Retrieval) nthQuery(folded string) bool {
	if !strings.ContainsAny(folded, "0123456789") && !strings.Contains(folded, "eme ") && !strings.Contains(folded, "second") &&
		!strings.Contains(folded, "third") && !strings.Contains(folded, "th ") {
		return false // spare the expression: most questions have no rank
	}
	var m []int
	n := 0
	for _, c := range reNth.FindAllStringSubmatchIndex(folded, -1) {
		if c[2] >= 0 {
			n, _ = strconv.Atoi(folded[c[2]:c[3]])
		} else {
			n, _ = question.Ordinal(folded[c[4]:c[5]])
		}
		if n > 0 {
			m = c
			break
		}
	}
	if n < 2 {
		return false // no rank, or the first: an order, answered as such
	}
	t := r.Timeline
	rest := t.ExpandNames(strings.TrimSpace(folded[:m[0]] + " " + folded[m[1]:]))
	var entries []*knowledge.Event
	if r.specific(rest) == "" {
		entries = t.Entries()
	} else {
		res := t.Search(knowledge.Query{Text: rest, EntriesOnly: true, Unsorted: true})
		for _, h := range res.Hits {
			if h.Score > 0 && h.Coverage >= minCoverage {
				entries = append(entries, h.Event)
			}
		}
		sortByPosition(t, entries)
	}
	if n > len(entries) {
		return false
	}
	r.selectEvents([]*knowledge.Event{entries[n-1]}, rest, true)
	return true
}

// reOrdinal finds an ordinal in figures before a word ("20e festival", "the 5th summit"), folded.
var reOrdinal = regexp.MustCompile(`\b(\d{1,3})(?:e|eme|er|ere|th|st|nd|rd)\s+([a-z]{3,})`)

type ordinal struct {
	n      int
	phrase string // as the question writes it, with the word it counts
	noun   string // the word it counts
}

// ordinals returns the ordinals above 1 in figures a question writes before a word; the first is
// an order, not a count of editions.
func ordinals(text string) []ordinal {
	if !strings.ContainsAny(text, "0123456789") {
		return nil
	}
	folded := textproc.Fold(text)
	var out []ordinal
	for _, m := range reOrdinal.FindAllStringSubmatch(folded, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 1 && len(question.OrdinalWords(n)) > 0 && !question.IsDateWord(m[2]) && !unitWords[m[2]] {
			out = append(out, ordinal{n: n, phrase: strings.TrimSpace(m[0]), noun: m[2]})
		}
	}
	return out
}

// writesOrdinal reports whether the timeline writes the ordinal n of noun, in figures ("9e",
// "9th", "9ème") or in words ("ninth", "neuvième"), a few words before noun or a word for it: "the
// 20th century" is no twentieth festival. A timeline too large to read for it is taken to.
func (r *Retrieval) writesOrdinal(n int, noun string) bool {
	t := r.Timeline
	if len(t.Events) > maxOrdinalScan {
		return true
	}
	d := strconv.Itoa(n)
	forms := append([]string{d + "e", d + "eme", d + "th", d + "st", d + "nd", d + "rd"}, question.OrdinalWords(n)...)
	nouns := r.queryWords(noun)
	has := func(folded, lang string) bool {
		words := textproc.Words(folded)
		for j, w := range words {
			if !slices.Contains(forms, w) {
				continue
			}
			for k := j + 1; k < min(len(words), j+4); k++ {
				for _, q := range nouns {
					if t.Says(words[k], lang, q) {
						return true
					}
				}
			}
		}
		return false
	}
	for _, e := range t.Events {
		if anyText(t, e, has) {
			return true
		}
	}
	return false
}

// anyText reports whether f holds of a passage of e (folded, in the source's language) or of one
// of its summary sentences (folded, in the summary's language).
func anyText(t *knowledge.Timeline, e *knowledge.Event, f func(folded, lang string) bool) bool {
	for i := range e.Passages {
		if f(t.FoldedPassage(e, i), t.Source.Language) {
			return true
		}
	}
	for _, ss := range t.SummarySentences(e) {
		if f(textproc.Fold(ss.Text), ss.Lang) {
			return true
		}
	}
	return false
}

// maxOrdinalScan is the largest timeline whose text writesOrdinal reads.
const maxOrdinalScan = 2000

// countOf returns the match of "how many X" in a "how many" question.
func countOf(intent Intent, text string) []string {
	if intent != AskHowMany {
		return nil
	}
	return reCountOf.FindStringSubmatch(textproc.Fold(text))
}

// isAcronym reports whether s is two to five capitals, or their plural ("DMs", "PACs"): a plural
// is a common noun in short, not a name, so its absence is weighed like any word's (absent).
func isAcronym(s string) bool {
	if len(s) > 2 && s[len(s)-1] == 's' {
		s = s[:len(s)-1]
	}
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 5
}

// reImmediate marks "just before X", "right after X", "juste avant X": the one event next to X,
// not everything on that side of it.
var reImmediate = regexp.MustCompile(`\b(just|right|immediately|directly|juste|tout juste|immediatement|tout de suite)\s+(before|after|avant|apres)\b`)

// immediateQuery answers "just before the election" (a date or an anchor the parser read as an
// open range) with the entry nearest to that date on the side asked.
func (r *Retrieval) immediateQuery(folded string) bool {
	p := r.Parsed
	if p.Kind != question.Range || !(p.OpenFrom || p.OpenTo) || len(p.Spans) != 1 || !reImmediate.MatchString(folded) {
		return false
	}
	t := r.Timeline
	s := p.Spans[0]
	var pick *knowledge.Event
	// An event the source dates only by a longer period that holds the date ("1929" for "right
	// after the crash of 24 October 1929") is no later than it: one within the range is preferred.
	within := func(e *knowledge.Event) bool { es := e.Span(); return es.From >= s.From && es.To <= s.To }
	for _, e := range t.Events {
		if e.Kind != knowledge.KindEntry || !s.Overlaps(e.Span()) {
			continue
		}
		if pick != nil && within(pick) && !within(e) {
			continue
		}
		if pick == nil || within(e) && !within(pick) || p.OpenFrom && e.Span().To > pick.Span().To || p.OpenTo && e.Span().From < pick.Span().From {
			pick = e
		}
	}
	if pick == nil {
		return false
	}
	r.selectEvents([]*knowledge.Event{pick}, p.Rest, true)
	return true
}

// unsupportedPremise reports whether the question says that someone did something no passage of
// the chosen event says they did: "what did Hope Hicks write back to Kushner?" when Hicks only
// received an e-mail, "when did Trump actually ask Australia…?" when the source only suggests he
// might. The subject is the first actor the question names (not a possessive: "Trump's returns"),
// the deed its verbs of communication and interaction; a passage supports it when it names the
// subject and states the verb, not denied, wished or requested. Yes/no questions are exempt: a
// denial is their answer.
func (r *Retrieval) unsupportedPremise(e *knowledge.Event, rest string) (subject string, unsupported bool) {
	t := r.Timeline
	subj, deeds := r.subjectAndDeeds(rest)
	if subj == "" {
		return "", false
	}
	verbs := r.queryWords(strings.Join(deeds, " "))
	if len(verbs) == 0 {
		return "", false
	}
	// "wanted Don Jr to send", "asked him to send": a deed someone was asked to do is no premise;
	// nor one wished, expected or reported ("why did WL want to leak…", "which country was Trump
	// supposed to ask", "WL said leaking…") — when a passage has the subject with that deed.
	name := lastWordOf(subj)
	if folded, words := r.read(rest); (requested(folded, r.mentioned(folded), subj) || wishedDeed(words, deeds)) && r.mentionsDeed(e, name, verbs) {
		return "", false
	}
	// The event's own agent did what the event reports; a premise is in doubt when the question
	// makes someone else act, or when the source says the agent did not ("WikiLeaks n'a pas
	// répondu" for "what did WL answer?").
	// The event's agent did what the event reports; a deed beyond writing and asking (declaring
	// war, signing, leaking) must be one the event mentions.
	denied := r.deniedOf(e, name, verbs)
	if r.Intent == AskYesNo && denied {
		return "", false // "did WL reply?": "WikiLeaks n'a pas répondu" is the answer, no
	}
	// "Tillie's Punctured Romance, directed by Sennett": a deed the event gives to someone else
	// by name is not the agent's, however much the event is about them.
	if e.Agent(subj) && !denied && (communicative(deeds) || r.assertedIn(e, verbs) && !r.doneByOther(e, subj, verbs)) {
		return "", false
	}
	for i := range e.Passages {
		if t.PassageHasWord(e, i, name) && t.AssertsOf(e, i, subj, verbs) {
			return r.deedOfOther(e, subj, verbs)
		}
	}
	// The summary may name the subject where the passage uses a pronoun.
	named := newFoldedSearch(name)
	for _, ss := range t.SummarySentences(e) {
		if ss.Passage >= 0 && named.in(ss.Text) && t.AssertsOf(e, ss.Passage, subj, verbs) {
			return r.deedOfOther(e, subj, verbs)
		}
	}
	return subj, true
}

// ownerMismatch reports whether the question gives something of the event to an owner the event
// never ties it to: "why did WL ask for Hillary's tax returns?" of an event whose passages tell of
// Trump's. The owned thing is the one or two words after a possessive of a known actor ("X's");
// a passage or summary that has them with the owner's name a few words away supports it; when
// passages have them and never beside the owner, the premise fails. The event's agent owns what
// the event tells of. It returns the owner and the thing.
func (r *Retrieval) ownerMismatch(e *knowledge.Event, rest string) (owner, thing string, bad bool) {
	if !strings.Contains(rest, "'s") && !strings.Contains(rest, " s ") {
		return "", "", false // spare the reading
	}
	t := r.Timeline
	folded := textproc.Fold(rest)
	owners := r.mentioned(folded)
	// An owner may be named by one word of their name ("Hillary's").
	for start, end, ok := textproc.NextWordIn(folded, 0); ok; start, end, ok = textproc.NextWordIn(folded, end) {
		if possessive(folded, end) {
			if a, ok := t.ActorOfWord(folded[start:end]); ok && !slices.ContainsFunc(owners, func(m knowledge.Mention) bool { return m.At+m.Len == end }) {
				owners = append(owners, knowledge.Mention{Actor: a, At: start, Len: end - start})
			}
		}
	}
	for _, m := range owners {
		end := m.At + m.Len
		// The event's agent's things are its own ("WL's message", "Mozilla's revenue").
		if !possessive(folded, end) || e.Agent(m.Actor) {
			continue
		}
		var nouns []string
		for _, w := range textproc.Words(folded[min(len(folded), end+2):]) {
			if textproc.IsStopWord(w) || len(nouns) == 2 {
				break
			}
			nouns = append(nouns, w)
		}
		if len(nouns) == 0 {
			continue
		}
		var words []knowledge.QueryWord // each on its own: a lexicon phrase is not asserted word by word
		after := textproc.Words(folded[min(len(folded), end+2):])
		if len(after) >= 2 && r.isLexiconPhrase(after[0]+" "+after[1]) {
			// A noun the lexicon lists as a phrase ("don jr's sit-down", "sit down") is one
			// thing, read as the lexicon reads it (a meeting), not as its parts ("sit").
			nouns = after[:2]
			words = r.queryWords(strings.Join(nouns, " "))
		} else {
			for _, n := range nouns {
				words = append(words, r.queryWords(n)...)
			}
		}
		// The owner's name as the source writes it, or as the question does ("North American's"
		// for North American Aviation).
		name, typed := lastWordOf(m.Actor), textproc.LastWord(folded[m.At:end])
		has, named := false, false
		// The owner stands next to the thing: "Trump's tax returns", "les impôts de Trump",
		// "déclaration d'impôt de Trump" — not anywhere in a passage that also names them.
		near := func(pw []string, lang string) {
			for j, w := range pw {
				if !slices.ContainsFunc(words, func(q knowledge.QueryWord) bool { return t.Says(w, lang, q) }) {
					continue
				}
				has = true
				for k := max(0, j-3); k < min(len(pw), j+5); k++ {
					named = named || pw[k] == name || pw[k] == typed
				}
			}
		}
		for i := range e.Passages {
			near(textproc.Words(t.FoldedPassage(e, i)), t.Source.Language)
		}
		for _, ss := range t.SummarySentences(e) {
			near(textproc.Words(textproc.Fold(ss.Text)), ss.Lang)
		}
		// The title is the author's word on the event as the summaries are ("Isma'il Pasha
		// sells Egypt's 44% share").
		near(textproc.Words(t.FoldedTitle(e)), t.Source.Language)
		if has && !named {
			return m.Actor, strings.Join(nouns, " "), true
		}
	}
	return "", "", false
}

// communicative reports whether one of the deeds is a verb of communication or a generic one
// (textproc.IsLightWord: write, ask, send, reply, share…), which every event of a chronology of
// messages reports in its own words.
func communicative(deeds []string) bool {
	for _, d := range deeds {
		if textproc.IsLightWord(d) {
			return true
		}
	}
	return false
}

// mentionsDeed reports whether a passage of e has name with one of verbs, in any form: done,
// asked for or wished ("si Trump demandait à l'Australie").
func (r *Retrieval) mentionsDeed(e *knowledge.Event, name string, verbs []knowledge.QueryWord) bool {
	t := r.Timeline
	for i := range e.Passages {
		if !textproc.HasWord(t.FoldedPassage(e, i), name) {
			continue
		}
		if t.States(e, i, name, verbs) {
			return true
		}
		for _, w := range textproc.Words(t.FoldedPassage(e, i)) {
			for _, q := range verbs {
				if t.Says(w, t.Source.Language, q) {
					return true
				}
			}
		}
	}
	return false
}

// doneByOther reports whether every passage of e that asserts one of verbs writes it in the
// passive with its agent named, someone other than subj: "directed by Sennett", "commissioned by
// Utzon", "préparés par Babbage". The agent is a name, written with a capital.
func (r *Retrieval) doneByOther(e *knowledge.Event, subj string, verbs []knowledge.QueryWord) bool {
	t := r.Timeline
	name := lastWordOf(subj)
	found := false
	var others []int
	for i := range e.Passages {
		// Only the passages the index says have the deed's words are read.
		if !t.MayState(e, i, verbs) {
			continue
		}
		if byOther(t, e.Passages[i].Text, name, verbs) {
			found = true
		} else {
			others = append(others, i)
		}
	}
	// Most events write no deed in the passive: the costlier reading of the other passages is
	// done only for those that do.
	if !found {
		return false
	}
	for _, i := range others {
		if t.Asserts(e, i, verbs) {
			return false // the deed written otherwise too: it may be the subject's
		}
	}
	return true
}

// byOther reports whether raw text writes one of verbs just before "by" or "par" and a name
// with a capital that is not name. Only the words around each "by" are read.
func byOther(t *knowledge.Timeline, raw, name string, verbs []knowledge.QueryWord) bool {
	for _, sep := range [...]string{" by ", " par "} {
		for at := 0; ; {
			k := strings.Index(raw[at:], sep)
			if k < 0 {
				break
			}
			k += at
			at = k + len(sep)
			verb := lastRawWord(raw[:k])
			agent, rest := firstRawWord(raw[at:])
			c, _ := utf8.DecodeRuneInString(agent)
			if verb == "" || !unicode.IsUpper(c) || textproc.Fold(agent) == name {
				continue
			}
			if next, _ := firstRawWord(rest); next != "" && textproc.Fold(next) == name {
				continue // "by Charlie Chaplin"
			}
			fw := textproc.Fold(verb)
			if slices.ContainsFunc(verbs, func(q knowledge.QueryWord) bool { return t.Says(fw, t.Source.Language, q) }) {
				return true
			}
		}
	}
	return false
}

func isRawWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// lastRawWord is the word that ends text, "" when text ends on something else.
func lastRawWord(text string) string {
	i := len(text)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !isRawWordRune(r) {
			break
		}
		i -= size
	}
	return text[i:]
}

// firstRawWord is the word text opens with, after spaces, and the text after it.
func firstRawWord(text string) (string, string) {
	text = strings.TrimLeft(text, " ")
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isRawWordRune(r) {
			break
		}
		i += size
	}
	return text[:i], text[i:]
}

// deedOfOther is unsupportedPremise's verdict on a deed a passage gives the subject: unsupported
// when the event writes it as someone else's (doneByOther).
func (r *Retrieval) deedOfOther(e *knowledge.Event, subj string, verbs []knowledge.QueryWord) (string, bool) {
	if r.doneByOther(e, subj, verbs) {
		return subj, true
	}
	return "", false
}

// assertedIn reports whether some passage of e asserts one of verbs, whoever does it: the event's
// agent did what the event reports, not a deed it never mentions ("why did NZ declare war on Japan
// in 1928?" of a trade treaty with Japan).
func (r *Retrieval) assertedIn(e *knowledge.Event, verbs []knowledge.QueryWord) bool {
	t := r.Timeline
	for i := range e.Passages {
		if t.Asserts(e, i, verbs) {
			return true
		}
	}
	// The title or a summary may say it in the answer's words ("Arthur Phillip becomes Governor"
	// of "assumed the position of Governor").
	texts := map[string]string{"en": e.Title + " " + e.Summary}
	for lang, sum := range e.Summaries {
		texts[lang] = sum
	}
	for lang, text := range texts {
		words := textproc.Words(textproc.Fold(text))
		for j, w := range words {
			for _, q := range verbs {
				// "Ayant refusé de se convertir": a deed refused or denied is not asserted.
				if t.Says(w, lang, q) && !wishedAt(words, j) && !slices.ContainsFunc(words[max(0, j-3):j], func(w string) bool { return negationWords[w] }) {
					return true
				}
			}
		}
	}
	return false
}

// wishedAt reports whether the word at j is asked for, wished or denied rather than stated: a
// verb of request or wish, or a negation, among the few words before it ("asks whether the
// campaign would let it leak", "ne répond pas").
func wishedAt(words []string, j int) bool {
	for k := max(0, j-6); k < j; k++ {
		if w := words[k]; requestVerbs[w] || wishVerbs[w] || w == "whether" || w == "if" || w == "si" || w == "not" || w == "pas" || w == "never" || w == "jamais" {
			return true
		}
	}
	return false
}

// deniedOf reports whether a passage of e says that name did not do verbs: the name followed
// closely by the verb, with a negation before it.
func (r *Retrieval) deniedOf(e *knowledge.Event, name string, verbs []knowledge.QueryWord) bool {
	t := r.Timeline
	for i := range e.Passages {
		if t.Denies(e, i, verbs) && t.States(e, i, name, verbs) {
			return true
		}
	}
	return false
}

// requestVerbs are the words that make the actor after them the one asked to act, not the one acting.
var requestVerbs = map[string]bool{"want": true, "wants": true, "wanted": true, "ask": true, "asks": true, "asked": true,
	"urge": true, "urged": true, "tell": true, "told": true, "veut": true, "voulait": true, "voulaient": true,
	"demande": true, "demandait": true, "demander": true}

// wishVerbs make a deed a few words after them wished or expected, not done ("want to leak",
// "was supposed to ask", "était censé demander"); reportVerbs one
// right after them reported ("said leaking the returns would…"), not "say when Trump asked".
var (
	wishVerbs = map[string]bool{"want": true, "wants": true, "wanted": true, "would": true, "try": true, "tried": true,
		"supposed": true, "meant": true, "expected": true, "voulait": true, "veut": true, "voulu": true, "voulaient": true,
		"cense": true, "censee": true, "devait": true, "devrait": true}
	reportVerbs = map[string]bool{"say": true, "said": true, "says": true, "dit": true, "disait": true}
)

// wishedDeed reports whether the question's first deed is wished (within three words after a verb
// of wish) or reported (right after a verb of saying).
func wishedDeed(words []string, deeds []string) bool {
	if len(deeds) == 0 {
		return false
	}
	for i, w := range words {
		if w != deeds[0] {
			continue
		}
		for k := max(0, i-3); k < i; k++ {
			if wishVerbs[words[k]] {
				return true
			}
		}
		return i > 0 && reportVerbs[words[i-1]]
	}
	return false
}

// requested reports whether the actor is named right after a verb of request ("wanted Don Jr to"),
// mentions being folded text's.
func requested(folded string, mentions []knowledge.Mention, actor string) bool {
	for _, m := range mentions {
		if m.Actor != actor {
			continue
		}
		before := textproc.Words(folded[:m.At])
		for k := len(before) - 1; k >= 0 && k >= len(before)-2; k-- {
			if requestVerbs[before[k]] {
				return true
			}
		}
	}
	return false
}

// passiveMarkers before a deed make it a passive: "was sent", "got killed", "a été contacté".
var passiveMarkers = map[string]bool{"was": true, "were": true, "is": true, "are": true, "be": true, "been": true, "being": true,
	"get": true, "gets": true, "got": true, "gotten": true, "getting": true, "ete": true}

var beForms = map[string]bool{"was": true, "were": true, "is": true, "are": true}

// subjectAndDeeds returns who the question says acts (folded, as the events' actors are written)
// and its verbs of interaction: the deed is the question's first such verb, who does it the last
// actor named before it ("what did Hope Hicks write back", "did WL reply"), or in French's
// inversion the actor right after it ("Qu'a répondu Kellyanne Conway"). A possessive names an
// owner, not who acts ("Trump's returns").
func (r *Retrieval) subjectAndDeeds(rest string) (string, []string) {
	// The premise checks and the passage choice read the same text: once for this question. The
	// deeds are shared; callers must not modify them.
	if c := &r.sd; c.read && c.rest == rest {
		return c.subj, c.deeds
	}
	subj, deeds := r.readSubjectAndDeeds(rest)
	r.sd = subjectDeeds{read: true, rest: rest, subj: subj, deeds: deeds}
	return subj, deeds
}

// subjectDeeds is one subjectAndDeeds result, kept for its text.
type subjectDeeds struct {
	read       bool
	rest, subj string
	deeds      []string
}

func (r *Retrieval) readSubjectAndDeeds(rest string) (string, []string) {
	folded := textproc.Fold(rest)
	// The deed is the first verb of interaction, with those right after it ("reply back" is one;
	// "replied to the message" is not two, and "when he asked" is another clause).
	deedAt, last := -1, -1
	var deeds []string
	n := 0
	prev := ""
	owned := false   // the deed is a noun with a possessive: "dans son message", "in his reply"
	passive := false // "when was Kushner sent the e-mail", "les Moriori ont été tués"
	beAsked := false // the question opens on "was", "were" ("when was…", "was he…")
	for start, end, ok := textproc.NextWordIn(folded, 0); ok; start, end, ok = textproc.NextWordIn(folded, end) {
		n++
		w := folded[start:end]
		// After an article the word is a noun ("le message", "the reply"), no deed; after a
		// possessive it is the deed of its owner, the clause's subject.
		// English "a" is an article ("a pirate"), French "a" a verb ("a piraté").
		noun, own := determiners[prev] || prev == "a" && r.Parsed.Lang == "en", possessives[prev]
		before := prev
		prev = w
		if n == 1 || n == 2 && questionWords[before] {
			beAsked = beForms[w]
		}
		if textproc.IsDeedWord(w) && !noun && (deedAt < 0 || last == n-1) {
			if deedAt < 0 {
				// "was sent", or with the question's inversion "was Kushner sent".
				deedAt, owned = start, own
				passive = passiveMarkers[before] || beAsked && textproc.IsPastForm(w)
			}
			deeds = append(deeds, w)
			last = n
		}
	}
	if deedAt < 0 {
		return r.slotDeed(folded)
	}
	var subj *knowledge.Mention
	mentions := r.mentioned(folded)
	if passive {
		// A passive's subject is who the deed was done to; who did it is named after "by"
		// ("contacted by WikiLeaks"), or not at all.
		for i := range mentions {
			if m := mentions[i]; m.At > deedAt {
				if w := textproc.Words(folded[deedAt:m.At]); len(w) >= 2 && (w[len(w)-1] == "by" || w[len(w)-1] == "par") {
					return m.Actor, deeds
				}
			}
		}
		return "", nil
	}
	for i := range mentions {
		m := mentions[i]
		end := m.At + m.Len
		if possessive(folded, end) {
			continue
		}
		// "quel journal a publié", "which paper ran": a name after a question word is what is
		// asked for, not someone the question says acted.
		if before := textproc.Words(folded[:m.At]); len(before) > 0 && whDeterminers[before[len(before)-1]] {
			continue
		}
		if m.At < deedAt && (subj == nil || !owned) {
			subj = &mentions[i]
		}
	}
	if subj == nil && r.Parsed.Lang != "en" && !subjectBeforeVerb(folded[:deedAt]) {
		// French inversion names who acts right after the verb ("Qu'a répondu Kellyanne
		// Conway"); a word in between makes the name an object ("a publié un article sur Don Jr",
		// "a écrit à Don Jr"). In English the name after the verb is its object ("who founded
		// WikiLeaks").
		deedEnd := deedAt + len(deeds[0])
		for i := range mentions {
			if m := mentions[i]; m.At > deedAt && m.At-deedAt < 20 && inverted(folded[deedEnd:m.At]) {
				subj = &mentions[i]
				break
			}
		}
	}
	if subj == nil {
		return "", nil
	}
	return subj.Actor, deeds
}

// subjectBeforeVerb reports whether the folded text before a French verb ends on its subject and the
// verb's auxiliary: "qui" ("c qui qui a acheté Stonehenge") or a word of content, a name the
// timeline may not know as written ("quand es que nintedo a acheté Mobiclip"). A name after the
// verb is then its object, no inverted subject.
func subjectBeforeVerb(before string) bool {
	words := textproc.Words(before)
	for len(words) > 0 && frenchAuxiliaries[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	return last == "qui" || !textproc.IsStopWord(last)
}

// frenchAuxiliaries are the auxiliaries a French compound tense puts before its verb, with avoir or
// être; the inverted "a-t-il" splits into "a", "t", "il", of which "t" and "il" are stop words.
var frenchAuxiliaries = set("a ont avait avaient aura est sont etait etaient fut va vont allait")

// slotDeed finds the deed of a question with no verb of the deed list by where the verb stands: right
// after "did" and the actor ("why did NASA fire Kranz", "when did Eich come back"), or after the
// actor and the auxiliary of a French past ("pourquoi la reine a viré Utzon", "Trump a reconnu sa
// défaite"). Any verb there is a deed the question says the actor did.
func (r *Retrieval) slotDeed(folded string) (string, []string) {
	// A "why" or "when" takes the deed as given; what a "what", "who" or "how many" asks about is
	// as often the asker's paraphrase ("what did Bortolazzi put out").
	if r.Intent != AskWhy && r.Intent != AskWhen {
		return "", nil
	}
	mentions := r.mentioned(folded)
	if r.Intent == AskWhy {
		// A "why" about the chronology's subject by its family name ("why did edison divorce
		// mary stilwell") takes the deed as given just as one naming them in full.
		mentions = r.titleActorWords(folded, mentions)
	}
	for _, m := range mentions {
		if possessive(folded, m.At+m.Len) {
			continue
		}
		before := textproc.Words(folded[:m.At])
		after := textproc.Words(folded[m.At+m.Len:])
		if len(after) == 0 || len(before) == 0 {
			continue
		}
		// Adverbs between ("did NZ finally get") are skipped; a verb with a particle after it
		// ("end up", "hit up", "put out") means what the lexicon says, not what its words do.
		k := -1
		switch aux := before[len(before)-1]; {
		case aux == "did" || aux == "does" || aux == "do":
			k = 0
		case r.Parsed.Lang == "fr" && frenchPastAux[after[0]]:
			k = 1
		}
		for k >= 0 && k < len(after) && (strings.HasSuffix(after[k], "ly") || after[k] == "pas" || after[k] == "jamais" || after[k] == "ever" || after[k] == "never") {
			k++
		}
		if k < 0 || k >= len(after) {
			continue
		}
		verb := after[k]
		if textproc.IsStopWord(verb) || textproc.IsLightWord(verb) || len(verb) < 3 || k+1 < len(after) && particles[after[k+1]] {
			continue
		}
		return m.Actor, []string{verb}
	}
	return "", nil
}

// particles make a phrasal verb of the verb before them.
var particles = map[string]bool{"up": true, "out": true, "off": true, "back": true, "down": true, "over": true, "away": true, "in": true, "on": true}

// frenchPastAux are the auxiliaries of a French compound past with avoir ("a viré", "ont refusé").
var frenchPastAux = map[string]bool{"a": true, "ont": true, "avait": true, "avaient": true}

// possessive reports whether the name ending at end in folded text is followed by a possessive
// "'s" (or the lone "s" folding leaves of it: "trump s returns"), not by a word starting with s
// ("James Cook sign…", "WikiLeaks sent…").
func possessive(folded string, end int) bool {
	if end+2 > len(folded) || folded[end:end+2] != "'s" && folded[end:end+2] != " s" {
		return false
	}
	if end+2 == len(folded) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(folded[end+2:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// inverted reports whether what lies between a verb and a name leaves the name the verb's subject
// in a French inversion: nothing, or adverbs only.
func inverted(between string) bool {
	for _, w := range textproc.Words(between) {
		if !inversionAdverbs[w] {
			return false
		}
	}
	return true
}

// determiners make the word after them a noun ("a" is left out: in French it is "has", "Qu'a
// répondu"); possessives make it the deed of the one it belongs to.
var (
	determiners = map[string]bool{"the": true, "an": true, "this": true, "that": true, "le": true, "la": true, "les": true,
		"un": true, "une": true, "ce": true, "cet": true, "cette": true, "du": true, "des": true}
	possessives = map[string]bool{"his": true, "her": true, "its": true, "their": true, "son": true, "sa": true, "ses": true,
		"leur": true, "leurs": true}
)

var whDeterminers = map[string]bool{"which": true, "what": true, "whose": true, "quel": true, "quelle": true, "quels": true, "quelles": true}

var inversionAdverbs = map[string]bool{"donc": true, "alors": true, "ensuite": true, "finalement": true, "enfin": true,
	"exactement": true, "vraiment": true, "au": true, "juste": true, "t": true, "il": true, "elle": true}

// subjectAndNextWord returns the first actor the question names, not as a possessive, and the
// content word right after it.
func (r *Retrieval) subjectAndNextWord(rest string) (string, []string) {
	folded := textproc.Fold(rest)
	for _, m := range r.mentioned(folded) {
		end := m.At + m.Len
		if possessive(folded, end) {
			continue
		}
		for _, w := range textproc.Words(folded[end:]) {
			if !textproc.IsStopWord(w) && !textproc.NearStopWord(w) && len(w) > 2 {
				return m.Actor, []string{w}
			}
		}
		return "", nil
	}
	return "", nil
}

// predicatePassage returns, for a yes/no question, the passage of e that states (or denies) what
// the question asks: its subject followed closely by its verb ("Est-ce que WL a répondu…?" is
// answered by "WikiLeaks n'a pas répondu au message", not by the passage that shares the most
// words with the question). It reports false when no passage does.
func (r *Retrieval) predicatePassage(e *knowledge.Event, rest string) (int, bool) {
	subj, deeds := r.subjectAndDeeds(rest)
	if subj == "" {
		// No verb of interaction: the subject is the first actor named, the verb the word after it
		// ("did Zawinski register mozilla.org?").
		subj, deeds = r.subjectAndNextWord(rest)
	}
	if subj == "" {
		return 0, false
	}
	verbs := r.queryWords(strings.Join(deeds, " "))
	name := lastWordOf(subj)
	t := r.Timeline
	for i := range e.Passages {
		if t.States(e, i, name, verbs) {
			return i, true
		}
	}
	return 0, false
}

// adverbForm reports whether w has the form of an English or French adverb of manner or time
// ("originally", misspelt "orignaly", "eventually", "finalement", "récemment"): a few endings
// nouns rarely share.
func adverbForm(w string) bool {
	if len(w) < 7 {
		return false
	}
	for _, suf := range []string{"ally", "aly", "ily", "ely", "tly", "rly", "dly", "sly", "nly", "lly",
		"amment", "emment", "alement", "ivement", "iquement", "ellement", "ierement", "uement"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// shortUnknown returns a word of three letters, too short for the unknown words' weighing, the
// timeline lacks: an acronym ("the FBI") the source never writes; "" when there is none.
func (r *Retrieval) shortUnknown(words []string) string {
	for _, w := range words {
		if len(w) == 3 && !textproc.IsStopWord(w) && !textproc.NearStopWord(w) && strings.Trim(w, "0123456789") != "" && !r.Timeline.KnownExactly(w) {
			return w
		}
	}
	return ""
}

// onlyDeeds reports whether every word is a deed (textproc.IsDeedWord).
func onlyDeeds(words []string) bool {
	for _, w := range words {
		if !textproc.IsDeedWord(w) {
			return false
		}
	}
	return true
}

// timeRelation are the words placing what is asked before or after something, or saying how
// exactly ("what was it called before", "et après ?", "8 semaines pile après"): the order is the
// question's, not a topic the source must name.
var timeRelation = set("before after earlier later afterwards beforehand avant apres auparavant ensuite tard exactly precisely exactement precisement pile exact exacte precise precis")

// clockWords ask for a time of day ("vers l'heure du dîner", "at what hour"): no topic.
var clockWords = set("hour hours heure heures horaire")

// isLexiconPhrase reports whether text is a phrase the lexicon lists and the timeline has words of.
func (r *Retrieval) isLexiconPhrase(text string) bool {
	_, covers := r.phrases(text)
	return len(covers) > 0
}

// titleActorWords adds to mentions the words of folded text that name the chronology's subject by
// one word of its name ("edison" of "Thomas Edison: a chronology"), where the name is too common
// among the actors ("Mary Edison") to stand for one alone, sorted by position.
func (r *Retrieval) titleActorWords(folded string, mentions []knowledge.Mention) []knowledge.Mention {
	subjects := r.Timeline.TitleActors()
	if len(subjects) != 1 {
		return mentions
	}
	names := textproc.Words(subjects[0])
	var added []knowledge.Mention
	for start, end, ok := textproc.NextWordIn(folded, 0); ok; start, end, ok = textproc.NextWordIn(folded, end) {
		w := folded[start:end]
		if len(w) < 3 || !slices.Contains(names, w) || slices.ContainsFunc(mentions, func(m knowledge.Mention) bool { return m.At <= start && start < m.At+m.Len }) {
			continue
		}
		added = append(added, knowledge.Mention{Actor: subjects[0], At: start, Len: end - start})
	}
	if len(added) == 0 {
		return mentions // the question's own, cached: not written
	}
	out := append(slices.Clone(mentions), added...)
	slices.SortFunc(out, func(a, b knowledge.Mention) int { return a.At - b.At })
	return out
}

// saidInBestEvent reports whether the event the question's words find best is among those each of
// words finds by its translations and synonyms.
func (r *Retrieval) saidInBestEvent(words []string) bool {
	t := r.Timeline
	// The best as topicQuery takes it: the best-scoring event that covers the question.
	var best *knowledge.Event
	for _, h := range t.Search(knowledge.Query{Text: r.Parsed.Rest, Limit: topicHits, Reading: r.reading(r.Parsed.Rest)}).Hits {
		if h.Score > 0 && h.Coverage >= minCoverage {
			best = h.Event
			break
		}
	}
	if best == nil {
		return false
	}
	for _, w := range words {
		found := false
		for _, h := range t.Search(knowledge.Query{Text: w, Limit: topicHits}).Hits {
			if h.Score > 0 && h.Event == best {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
