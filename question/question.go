// Package question turns a question typed by a person, in English or French, into what the
// knowledge search needs: the question's language, the dates or spans it asks about (absolute dates in
// any common form, months, years, ranges, and anchors the timeline defines such as "the day after the
// election"), whether it asks for the first or last event, and the words left to rank events by.
//
// Parsing is a set of patterns over the accent-folded question, each consuming the text it matched so
// that later patterns cannot read it twice. A year left out resolves against the timeline's own span.
package question

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// DateKind says what sort of date constraint a question carries.
type DateKind int

// Date constraint kinds.
const (
	NoDate DateKind = iota
	ExactDay
	Month
	Year
	Range  // between two dates, or before/after one
	Anchor // a day named by the timeline (election day), possibly shifted (the day after)
)

// Order asks for the first or the last event.
type Order int

// Orders.
const (
	AnyOrder Order = iota
	First
	Last
)

// Parsed is a question understood.
type Parsed struct {
	Text string
	// Lang is "en" or "fr", or "" when the question gives no clue (a bare date).
	Lang string
	Kind DateKind
	// Spans are the alternatives the question's date may mean: usually one; several when a date without
	// a year falls in more than one year of the timeline.
	Spans []knowledge.Span
	// Open reports which ends of a Range are unbounded ("before the election").
	OpenFrom, OpenTo bool
	Order            Order
	// Rest is the question with its date expressions removed: the words to rank events by.
	Rest string
}

var (
	monthNames = buildMonthNames()
	// Abbreviations and words that are also ordinary words ("may", "mars", "sept") only count as months
	// next to a number or after "in"/"en".
	weakMonths = map[string]bool{"may": true, "mars": true, "sept": true, "mar": true, "jun": true, "jul": true, "aug": true, "dec": true, "oct": true, "nov": true, "jan": true, "feb": true, "apr": true, "sep": true, "avr": true, "fev": true, "janv": true, "juil": true, "dece": true}
)

func buildMonthNames() map[string]time.Month {
	m := map[string]time.Month{}
	full := [][]string{
		{"january", "janvier", "jan", "janv"},
		{"february", "fevrier", "feb", "fev", "fevr"},
		{"march", "mars", "mar"},
		{"april", "avril", "apr", "avr"},
		{"may", "mai"},
		{"june", "juin", "jun"},
		{"july", "juillet", "jul", "juil"},
		{"august", "aout", "aug"},
		{"september", "septembre", "sep", "sept"},
		{"october", "octobre", "oct"},
		{"november", "novembre", "nov"},
		{"december", "decembre", "dec"},
	}
	for i, names := range full {
		for _, n := range names {
			m[n] = time.Month(i + 1)
		}
	}
	return m
}

func monthAlternation() string {
	names := make([]string, 0, len(monthNames))
	for n := range monthNames {
		names = append(names, n)
	}
	// Longest first, so "september" wins over "sep".
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return strings.Join(names, "|")
}

var (
	mon = `(` + monthAlternation() + `)\.?`
	// Each pattern matches on the folded question; \b is fine since folding leaves ASCII letters.
	reISO        = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)
	reISOMonth   = regexp.MustCompile(`\b(\d{4})-(\d{2})\b`)
	reNumeric    = regexp.MustCompile(`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b`)
	reDayMonth   = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th|er|re|eme|e)?\s+(?:of\s+|de\s+)?` + mon + `(?:,?\s+(\d{4}))?\b`)
	reMonthDay   = regexp.MustCompile(`\b` + mon + `\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`)
	reMonthYear  = regexp.MustCompile(`\b` + mon + `(?:\s+(?:of\s+)?(\d{4}))?\b`)
	reYear       = regexp.MustCompile(`\b([12]\d{3})\b`)
	reFirst      = regexp.MustCompile(`\b(first|earliest|very first|premier|premiere|tout premier|initial)\b`)
	reLast       = regexp.MustCompile(`\b(last|latest|most recent|final|dernier|derniere|plus recent|plus recente)\b`)
	reBetween    = regexp.MustCompile(`\b(between|entre|from|du|de|des)\s*$`)
	reAnd        = regexp.MustCompile(`^\s*(and|et|to|until|till|through|thru|au|a|jusqu'au|-|–)\s*$`)
	reBefore     = regexp.MustCompile(`\b(before|prior to|until|till|up to|avant|jusqu'a|jusqu'au|jusqu'en)\s*$`)
	reAfter      = regexp.MustCompile(`\b(after|since|following|apres|depuis|a partir du|a partir de)\s*$`)
	reDayAfter   = regexp.MustCompile(`\b(the\s+)?(day|morning)\s+after\s*$|\b(le\s+)?lendemain\s+(de|du|d')?\s*$`)
	reDayBefore  = regexp.MustCompile(`\b(the\s+)?(day|eve)\s+before\s*$|\b(la\s+)?veille\s+(de|du|d')?\s*$`)
	reDayOf      = regexp.MustCompile(`\b(on|le|du|au)\s*$`)
	reInMonthCtx = regexp.MustCompile(`\b(in|en|during|pendant|of|de|d')\s*$`)
)

// expr is one date expression found in the question.
type expr struct {
	start, end int
	kind       DateKind
	year       int // 0 when not given
	month      time.Month
	day        int
	span       knowledge.Span // set for anchors
}

// Parse understands text against a timeline, whose anchors and span resolve names and missing years.
func Parse(text string, cal *knowledge.Timeline) Parsed {
	p := Parsed{Text: text, Lang: textproc.Language(text)}
	folded := textproc.Fold(text)
	work := []byte(folded)
	consume := func(start, end int) {
		for i := start; i < end; i++ {
			work[i] = ' '
		}
	}
	var exprs []expr

	// Anchors first: their names can contain words the other patterns would take ("election day").
	for _, a := range anchorNames(cal) {
		for {
			i := indexWord(string(work), a.name)
			if i < 0 {
				break
			}
			exprs = append(exprs, expr{start: i, end: i + len(a.name), kind: Anchor, span: a.date.Span()})
			consume(i, i+len(a.name))
		}
	}
	numeric := func(m []int, s string) (int, int, int) {
		a, _ := strconv.Atoi(s[m[2]:m[3]])
		b, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if m[7]-m[6] == 2 {
			y += 2000
		}
		return a, b, y
	}
	scan := func(re *regexp.Regexp, build func(m []int, s string) (expr, bool)) {
		s := string(work)
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if e, ok := build(m, s); ok {
				e.start, e.end = m[0], m[1]
				exprs = append(exprs, e)
				consume(m[0], m[1])
			}
		}
	}
	scan(reISO, func(m []int, s string) (expr, bool) {
		y, mo, d := numeric(m, s)
		return dayExpr(y, time.Month(mo), d)
	})
	scan(reNumeric, func(m []int, s string) (expr, bool) {
		a, b, y := numeric(m, s)
		// Day-month order follows the question's language: French writes 21/10, English 10/21; an
		// impossible month settles it either way.
		day, month := a, b
		if p.Lang != "fr" && a <= 12 {
			day, month = b, a
		}
		if month > 12 {
			day, month = month, day
		}
		return dayExpr(y, time.Month(month), day)
	})
	scan(reISOMonth, func(m []int, s string) (expr, bool) {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		if mo < 1 || mo > 12 {
			return expr{}, false
		}
		return expr{kind: Month, year: y, month: time.Month(mo)}, true
	})
	scan(reDayMonth, func(m []int, s string) (expr, bool) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		y := optInt(s, m[6], m[7])
		return dayExpr(y, monthNames[s[m[4]:m[5]]], d)
	})
	scan(reMonthDay, func(m []int, s string) (expr, bool) {
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y := optInt(s, m[6], m[7])
		return dayExpr(y, monthNames[s[m[2]:m[3]]], d)
	})
	scan(reMonthYear, func(m []int, s string) (expr, bool) {
		name := s[m[2]:m[3]]
		y := optInt(s, m[4], m[5])
		if y == 0 && weakMonths[name] && !reInMonthCtx.MatchString(s[:m[0]]) {
			return expr{}, false
		}
		return expr{kind: Month, year: y, month: monthNames[name]}, true
	})
	scan(reYear, func(m []int, s string) (expr, bool) {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		return expr{kind: Year, year: y}, true
	})
	sort.Slice(exprs, func(i, j int) bool { return exprs[i].start < exprs[j].start })

	if m := reFirst.FindStringIndex(string(work)); m != nil {
		p.Order = First
		consume(m[0], m[1])
	} else if m := reLast.FindStringIndex(string(work)); m != nil {
		p.Order = Last
		consume(m[0], m[1])
	}

	p.resolve(folded, work, exprs, cal, consume)
	p.Rest = strings.Join(strings.Fields(string(work)), " ")
	return p
}

func optInt(s string, a, b int) int {
	if a < 0 {
		return 0
	}
	n, _ := strconv.Atoi(s[a:b])
	return n
}

func dayExpr(y int, m time.Month, d int) (expr, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return expr{}, false
	}
	if y != 0 && d > knowledge.DaysIn(y, m) {
		return expr{}, false
	}
	return expr{kind: ExactDay, year: y, month: m, day: d}, true
}

// resolve turns the expressions into spans, reading the words around them for ranges ("between A
// and B"), open ranges ("before A") and shifts ("the day after A").
func (p *Parsed) resolve(folded string, work []byte, exprs []expr, cal *knowledge.Timeline, consume func(int, int)) {
	if len(exprs) == 0 {
		return
	}
	// A range: "between A and B", "from A to B", "entre A et B", "du A au B".
	if len(exprs) >= 2 {
		a, b := exprs[0], exprs[1]
		if reAnd.MatchString(folded[a.end:b.start]) && reBetween.MatchString(folded[:a.start]) {
			if a.year == 0 && b.year != 0 && a.kind != Anchor {
				a.year = b.year
			}
			from, to := spansOf(a, cal), spansOf(b, cal)
			if len(from) > 0 && len(to) > 0 {
				p.Kind = Range
				p.Spans = []knowledge.Span{{From: from[0].From, To: to[len(to)-1].To}}
				if p.Spans[0].From > p.Spans[0].To {
					p.Spans[0] = knowledge.Span{From: to[0].From, To: from[len(from)-1].To}
				}
				consumeWord(folded, reBetween, a.start, consume)
				consume(a.end, b.start)
				return
			}
		}
	}
	e := exprs[0]
	spans := spansOf(e, cal)
	if len(spans) == 0 {
		return
	}
	before := folded[:e.start]
	switch {
	case reDayAfter.MatchString(before):
		p.Kind, p.Spans = Anchor, shift(spans, 1)
		consumeWord(folded, reDayAfter, e.start, consume)
	case reDayBefore.MatchString(before):
		p.Kind, p.Spans = Anchor, shift(spans, -1)
		consumeWord(folded, reDayBefore, e.start, consume)
	case reBefore.MatchString(before):
		p.Kind, p.OpenFrom = Range, true
		p.Spans = []knowledge.Span{{From: minDay, To: spans[0].From - 1}}
		consumeWord(folded, reBefore, e.start, consume)
	case reAfter.MatchString(before):
		p.Kind, p.OpenTo = Range, true
		p.Spans = []knowledge.Span{{From: spans[len(spans)-1].To + 1, To: maxDay}}
		consumeWord(folded, reAfter, e.start, consume)
	default:
		p.Kind, p.Spans = e.kind, spans
		if m := reDayOf.FindStringIndex(before); m != nil {
			consume(m[0], m[1])
		}
	}
}

// Open ends of ranges: far enough that no timeline reaches them.
const (
	minDay knowledge.Day = -1 << 30
	maxDay knowledge.Day = 1 << 30
)

func consumeWord(folded string, re *regexp.Regexp, end int, consume func(int, int)) {
	if m := re.FindStringIndex(folded[:end]); m != nil {
		consume(m[0], m[1])
	}
}

func shift(spans []knowledge.Span, days knowledge.Day) []knowledge.Span {
	out := make([]knowledge.Span, len(spans))
	for i, s := range spans {
		out[i] = knowledge.Span{From: s.From + days, To: s.To + days}
	}
	return out
}

// spansOf gives the spans an expression may mean. A date without a year resolves against the
// timeline: every year in which it falls inside the timeline's span, or else the year that brings it
// closest to the span.
func spansOf(e expr, cal *knowledge.Timeline) []knowledge.Span {
	if e.kind == Anchor {
		return []knowledge.Span{e.span}
	}
	build := func(y int) (knowledge.Span, bool) {
		switch e.kind {
		case ExactDay:
			if e.day > knowledge.DaysIn(y, e.month) {
				return knowledge.Span{}, false
			}
			d := knowledge.DayOf(y, e.month, e.day)
			return knowledge.Span{From: d, To: d}, true
		case Month:
			return (knowledge.Date{Year: y, Month: e.month, Precision: knowledge.PrecisionMonth}).Span(), true
		case Year:
			return (knowledge.Date{Year: y, Precision: knowledge.PrecisionYear}).Span(), true
		}
		return knowledge.Span{}, false
	}
	if e.year != 0 {
		if s, ok := build(e.year); ok {
			return []knowledge.Span{s}
		}
		return nil
	}
	tl := cal.Span()
	first, last := tl.From.Time().Year(), tl.To.Time().Year()
	var inside []knowledge.Span
	best, bestDist := knowledge.Span{}, knowledge.Day(-1)
	for y := first - 1; y <= last+1; y++ {
		s, ok := build(y)
		if !ok {
			continue
		}
		if s.Overlaps(tl) {
			inside = append(inside, s)
			continue
		}
		dist := tl.From - s.To
		if s.From > tl.To {
			dist = s.From - tl.To
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = s, dist
		}
	}
	if len(inside) > 0 {
		return inside
	}
	if bestDist >= 0 {
		return []knowledge.Span{best}
	}
	return nil
}

type anchorName struct {
	name string
	date knowledge.Date
}

// anchorNames lists every anchor name of the calendar, folded, longest first so that "election day"
// is read before "election".
func anchorNames(cal *knowledge.Timeline) []anchorName {
	var out []anchorName
	for _, a := range cal.Anchors {
		for _, names := range a.Names {
			for _, n := range names {
				out = append(out, anchorName{name: textproc.Fold(n), date: a.Date})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].name) > len(out[j].name) })
	return out
}

// indexWord finds phrase in s at word boundaries.
func indexWord(s, phrase string) int {
	from := 0
	for {
		i := strings.Index(s[from:], phrase)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(phrase)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			return i
		}
		from = i + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}
