// Package temporal finds the dates a text gives, in English and French: full dates in the common
// written and numeric forms, dates without a year (completed from the text around them), months and
// years, vague expressions ("at the end of 2013", "au printemps") and relative ones ("one day later",
// "le lendemain", "three days after"), each resolved to a calendar date with the precision the text
// allows and flags saying how it was obtained.
package temporal

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/knowledge"
)

// Mention is a temporal expression found in a text.
type Mention struct {
	// Start and End are byte offsets of the expression in the text.
	Start, End int
	Text       string
	// Date is the resolved date; Resolved is false when it could not be worked out (a relative date
	// with nothing to count from).
	Date     knowledge.Date
	Resolved bool
	// Time is HH:MM when the expression gives a time of day.
	Time string
	// Relative is set for a date counted from another one (Base); Inferred when a part of the date
	// (the year) was taken from the dates before it; Vague for an approximate date ("late 2015",
	// "au printemps 2014"), whose Date is the month or year that contains it.
	Relative, Inferred, Vague bool
	// Earlier is set for a relative mention that names an earlier event than the sentence's own
	// ("… arrived three days after the Times published …"): Date is that earlier event's date.
	Earlier bool
	Base    knowledge.Date
}

// Options are what a text's dates are resolved against.
type Options struct {
	// Published is the text's publication date, used for relative and year-less dates before any
	// other date; zero when unknown.
	Published knowledge.Date
}

var (
	monthNames = map[string]time.Month{}
	numbers    = map[string]int{
		"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
		"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
		"neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
	}
)

func init() {
	for m, names := range map[time.Month]string{
		1:  "january jan janvier janv",
		2:  "february feb février fevrier févr fevr",
		3:  "march mar mars",
		4:  "april apr avril avr",
		5:  "may mai",
		6:  "june jun juin",
		7:  "july jul juillet juil",
		8:  "august aug août aout",
		9:  "september sept sep septembre",
		10: "october oct octobre",
		11: "november nov novembre",
		12: "december dec décembre decembre déc",
	} {
		for _, n := range strings.Fields(names) {
			monthNames[n] = m
		}
	}
}

const (
	month = `(january|february|march|april|may|june|july|august|september|october|november|december|` +
		`janvier|février|Février|fevrier|mars|avril|mai|juin|juillet|août|Août|aout|septembre|octobre|novembre|décembre|Décembre|decembre|` +
		`jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?|oct\.?|nov\.?|dec\.?|janv\.?|févr\.?|fevr\.?|avr\.?|juil\.?|déc\.?)`
	day     = `(\d{1,2})(?:st|nd|rd|th|er|e)?`
	year    = `(\d{4})`
	weekday = `(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\s+)?`
	count   = `(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente)`
	unit    = `(days?|weeks?|months?|years?|jours?|semaines?|mois|ans?|années?)`
)

type kind int

const (
	kISO kind = iota
	kNumeric
	kMDY
	kDMY
	kMY
	kMD
	kDM
	kVague
	kSeason
	kYear
	kCountRel
	kFixedRel
	kTime
	kTimeAMPM
)

type pattern struct {
	k  kind
	re *regexp.Regexp
}

// patterns are anchored: they are tried only at the places candidates picks.
var patterns = []pattern{
	{kISO, regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)},
	{kNumeric, regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})`)},
	{kMDY, regexp.MustCompile(`^` + weekday + month + `\s+` + day + `(?:,\s*|\s+)` + year)},
	{kDMY, regexp.MustCompile(`^` + weekday + `(?:the\s+)?` + day + `(?:\s+of)?\s+` + month + `,?\s+` + year)},
	{kVague, regexp.MustCompile(`^(at the (?:very )?end of|at the (?:beginning|start) of|by the end of|towards? the end of|in the (?:late|early|mid)|in (?:late|early|mid)|(?:late|early|mid)-?|[àÀ] la fin (?:de |d')|a la fin (?:de |d')|fin|au début (?:de |d')|au debut (?:de |d')|début|debut|Début|[àÀ] la mi-|mi-)\s*(?:` + month + `\s+)?(?:of\s+)?` + year)},
	{kSeason, regexp.MustCompile(`^(?:in (?:the )?|during (?:the )?|au |en |[àÀ] l'|l')?(spring|summer|autumn|fall|winter|printemps|été|Été|automne|hiver)(?:\s+(?:of\s+|de\s+|d')?` + year + `)?`)},
	{kMY, regexp.MustCompile(`^` + month + `\s+(?:of\s+)?` + year)},
	{kMD, regexp.MustCompile(`^` + weekday + month + `\s+` + day)},
	{kDM, regexp.MustCompile(`^` + weekday + `(?:the\s+)?` + day + `(?:\s+of)?\s+` + month)},
	{kYear, regexp.MustCompile(`^(\d{4})`)},
	{kCountRel, regexp.MustCompile(`^` + count + `\s+` + unit + `\s+(later|after(?:wards?)?|earlier|before|prior|plus tard|après|apres|plus tôt|plus tot|avant|auparavant)`)},
	{kFixedRel, regexp.MustCompile(`^(the (?:next|following|previous|preceding) (?:day|morning|week|month|year)|the day (?:after|before)|(?:on )?that (?:same )?day|the same day|le lendemain|la veille|le surlendemain|l'avant-veille|le jour même|le même jour|ce jour-là|[lL]'avant-veille|[lL]'année (?:suivante|précédente|d'après|d'avant)|le mois (?:suivant|précédent|d'après)|la semaine (?:suivante|précédente|d'après))`)},
	{kTime, regexp.MustCompile(`^([01]?\d|2[0-3])(?::|h| h )([0-5]\d)`)},
	{kTimeAMPM, regexp.MustCompile(`^(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])(?:\.m\.|m)`)},
}

type raw struct {
	start, end int
	k          kind
	sub        []string
}

// Find returns the temporal expressions of text, in order, each resolved against the ones before
// it (and opts.Published before the first).
func Find(text string, opts Options) []Mention {
	// The patterns' \s is ASCII: "10\u00a0December 1815", as Wikipedia writes a date, would lose
	// its day. The text is read with its no-break spaces as as many plain spaces as they have
	// bytes, so every offset stays the original text's.
	scan := plainSpaces(text)
	cands := candidates(scan)
	// Keep the longest expression at each place; among equal ones, the pattern listed first.
	sortRaw(cands)
	var kept []raw
	end := -1
	for _, c := range cands {
		if c.start < end {
			continue
		}
		if !plausible(scan, c) {
			continue
		}
		kept = append(kept, c)
		end = c.end
	}
	r := resolver{published: opts.Published, text: scan}
	if opts.Published.Year != 0 {
		r.lastYear = opts.Published.Year
		r.yearFromPublished = true
	}
	out := make([]Mention, 0, len(kept))
	for _, c := range kept {
		m := Mention{Start: c.start, End: c.end, Text: text[c.start:c.end]}
		if r.resolve(c, &m) {
			out = append(out, m)
		}
	}
	return out
}

// plainSpaces is text with each no-break space (U+00A0, U+202F) replaced by as many ASCII spaces
// as its bytes.
func plainSpaces(text string) string {
	if !strings.Contains(text, "\u00a0") && !strings.Contains(text, "\u202f") {
		return text
	}
	return strings.NewReplacer("\u00a0", "  ", "\u202f", "   ").Replace(text)
}

// triggers are the words near which a date expression can start: month and weekday names and the
// words of relative and vague expressions. Digits trigger too.
var triggers = map[string]bool{}

func init() {
	for m := range monthNames {
		triggers[m] = true
	}
	for _, w := range strings.Fields(`monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi
		vendredi samedi dimanche later after afterwards afterward earlier before prior plus après apres avant auparavant
		lendemain veille surlendemain avant-veille next following previous preceding day morning week month year
		jour même semaine mois année suivante précédente spring summer autumn fall winter printemps été automne hiver
		end beginning start late early mid fin début debut là`) {
		triggers[w] = true
	}
}

// candidates finds the date expressions of text: each pattern is tried, anchored, at the start of
// every word within four words before a trigger word or a number. Running the patterns over the
// whole text instead costs twenty times more: most of a text holds no date.
func candidates(text string) []raw {
	lower := asciiLower(text)
	type tok struct{ start, end int }
	var toks []tok
	var starts []int
	mark := func(i int) {
		for j := max(0, i-4); j <= i; j++ {
			starts = append(starts, toks[j].start)
		}
	}
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		j := i
		for j < len(lower) {
			r, size := utf8.DecodeRuneInString(lower[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
				break
			}
			j += size
		}
		toks = append(toks, tok{i, j})
		w := strings.TrimSuffix(lower[i:j], "-")
		if c := w[0]; c >= '0' && c <= '9' || triggers[w] || strings.HasPrefix(w, "mi-") || strings.HasPrefix(w, "mid-") {
			mark(len(toks) - 1)
		}
		i = j
	}
	sort.Ints(starts)
	var out []raw
	last := -1
	for _, st := range starts {
		if st == last {
			continue
		}
		last = st
		window := lower[st:min(len(lower), st+120)]
		for _, p := range patterns {
			loc := p.re.FindStringSubmatchIndex(window)
			if loc == nil {
				continue
			}
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += st
				}
			}
			if !wordEdges(text, loc[0], loc[1]) || strings.Count(text[loc[0]:loc[1]], "\n") > 0 && blankLine(text[loc[0]:loc[1]]) {
				// A date does not run across paragraphs.
				continue
			}
			sub := make([]string, len(loc)/2)
			for i := range sub {
				if loc[2*i] >= 0 {
					sub[i] = text[loc[2*i]:loc[2*i+1]]
				}
			}
			out = append(out, raw{loc[0], loc[1], p.k, sub})
		}
	}
	return out
}

// blankLine reports whether s holds a line with nothing but spacing between two line breaks.
func blankLine(s string) bool {
	parts := strings.Split(s, "\n")
	for _, p := range parts[1 : len(parts)-1] {
		if strings.TrimSpace(p) == "" {
			return true
		}
	}
	return false
}

// asciiLower lower-cases ASCII letters only, keeping every byte offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func sortRaw(c []raw) {
	// Insertion-stable sort by start, then longer first, then pattern order (already the order
	// within equal starts because patterns were appended in order).
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && less(c[j], c[j-1]); j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
}

func less(a, b raw) bool {
	if a.start != b.start {
		return a.start < b.start
	}
	if a.end != b.end {
		return a.end > b.end
	}
	return a.k < b.k
}

// wordEdges reports whether text[start:end] is not glued to a letter or digit on either side.
func wordEdges(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// plausible drops numbers that only look like years or days: amounts ("$1998", "1998 km"),
// versions ("Firefox 3.6"), parts of larger numbers ("50,000"), and English "may" and "mar" used as
// words.
func plausible(text string, c raw) bool {
	before := text[:c.start]
	after := text[c.end:]
	prev, _ := utf8.DecodeLastRuneInString(before)
	next, _ := utf8.DecodeRuneInString(after)
	switch c.k {
	case kYear:
		y, _ := strconv.Atoi(c.sub[1])
		if y < 1000 || y > 2100 {
			return false
		}
		if strings.ContainsRune("$€£¥#.,:/-+", prev) || strings.ContainsRune("%.,:/-", next) && len(after) > 1 && unicode.IsDigit(rune(after[1])) {
			return false
		}
		if next == '%' || strings.HasPrefix(after, " %") {
			return false
		}
		// "1998 people", "2000 km": a year is rarely followed by a plural noun of measure.
		w := strings.ToLower(firstWord(after))
		switch w {
		case "km", "kilometres", "kilometers", "miles", "people", "personnes", "habitants", "metres", "meters", "m", "ft", "feet", "euros", "dollars", "votes", "signatures", "words", "mots":
			return false
		}
		if strings.HasSuffix(strings.ToLower(strings.TrimSpace(before)), "us$") {
			return false
		}
	case kTime:
		// "3.6" or a score such as "2:1" is not a time; require two-digit minutes and an hour mark
		// that is not part of a larger number.
		if strings.ContainsRune(".,", prev) || unicode.IsDigit(next) {
			return false
		}
	case kMD, kMY, kMDY:
		mw := strings.ToLower(strings.TrimSuffix(c.sub[1], "."))
		if (mw == "may" || mw == "mar" || mw == "sept") && c.k == kMD {
			// "may 3" is rarely a date without a year; "sept" is also French for seven.
			return false
		}
	case kDM:
		mw := strings.ToLower(strings.TrimSuffix(c.sub[2], "."))
		if mw == "may" || mw == "mar" || mw == "sept" || mw == "sep" || mw == "jan" || mw == "dec" {
			return false
		}
		// "10 mai" needs a day number that a date can have.
		if strings.HasPrefix(after, "%") {
			return false
		}
	case kSeason:
		// A bare "fall" or "été" (also "been" in French) is a date only with a year or a
		// preposition that makes it a time.
		s := strings.ToLower(text[c.start:c.end])
		if c.sub[2] == "" && !strings.HasPrefix(s, "in ") && !strings.HasPrefix(s, "au ") && !strings.HasPrefix(s, "during ") {
			return false
		}
		if c.sub[1] == "fall" || c.sub[1] == "Fall" {
			if c.sub[2] == "" {
				return false
			}
		}
	}
	return true
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, " \u00a0")
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

type resolver struct {
	text              string
	published         knowledge.Date
	lastYear          int
	yearFromPublished bool
	lastMonth         time.Month
	prevDay           knowledge.Date // last day-precision date, for relative ones
	prev              knowledge.Date // last date of any precision
}

func (r *resolver) note(d knowledge.Date, relative bool) {
	r.prev = d
	r.lastYear = d.Year
	r.yearFromPublished = false
	if d.Precision <= knowledge.PrecisionMonth {
		r.lastMonth = d.Month
	}
	if d.Precision == knowledge.PrecisionDay {
		r.prevDay = d
	}
}

func dayDate(y int, m time.Month, d int) (knowledge.Date, bool) {
	if y < 1 || m < 1 || m > 12 || d < 1 || d > 31 {
		return knowledge.Date{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return knowledge.Date{}, false
	}
	return knowledge.Date{Year: y, Month: m, Day: d, Precision: knowledge.PrecisionDay}, true
}

func monthOf(s string) time.Month {
	return monthNames[strings.ToLower(strings.TrimSuffix(s, "."))]
}

// resolve fills m from c; it reports false for an expression that is not a date after all (a time
// without a date is attached to the date before it and not returned).
func (r *resolver) resolve(c raw, m *Mention) bool {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	switch c.k {
	case kISO:
		d, ok := dayDate(atoi(c.sub[1]), time.Month(atoi(c.sub[2])), atoi(c.sub[3]))
		if !ok {
			return false
		}
		m.Date, m.Resolved = d, true
	case kNumeric:
		a, b, y := atoi(c.sub[1]), atoi(c.sub[2]), atoi(c.sub[3])
		// Day first (the European order) unless that is impossible.
		d, ok := dayDate(y, time.Month(b), a)
		if !ok {
			d, ok = dayDate(y, time.Month(a), b)
		}
		if !ok {
			return false
		}
		m.Date, m.Resolved = d, true
	case kMDY:
		d, ok := dayDate(atoi(c.sub[3]), monthOf(c.sub[1]), atoi(c.sub[2]))
		if !ok {
			return false
		}
		m.Date, m.Resolved = d, true
	case kDMY:
		d, ok := dayDate(atoi(c.sub[3]), monthOf(c.sub[2]), atoi(c.sub[1]))
		if !ok {
			return false
		}
		m.Date, m.Resolved = d, true
	case kMY:
		mo := monthOf(c.sub[1])
		if mo == 0 {
			return false
		}
		m.Date, m.Resolved = knowledge.Date{Year: atoi(c.sub[2]), Month: mo, Precision: knowledge.PrecisionMonth}, true
	case kMD, kDM:
		mo, dn := monthOf(c.sub[1]), atoi(c.sub[2])
		if c.k == kDM {
			mo, dn = monthOf(c.sub[2]), atoi(c.sub[1])
		}
		if r.lastYear == 0 {
			m.Resolved = false
			break
		}
		// The year of the last full date, else of the last year mentioned: "Le 11 juillet" after
		// "11 juillet 2017 … en juin 2016" is in 2017.
		y := r.lastYear
		if r.prevDay.Year != 0 {
			y = r.prevDay.Year
		}
		// A month well before the last one mentioned, in a text that goes forward, is in the next
		// year ("December 30 … January 2").
		if !r.yearFromPublished && r.lastMonth >= 11 && mo <= 2 {
			y++
		}
		d, ok := dayDate(y, mo, dn)
		if !ok {
			return false
		}
		m.Date, m.Resolved, m.Inferred = d, true, true
	case kVague:
		lead := strings.ToLower(c.sub[1])
		y := atoi(c.sub[3])
		mo := monthOf(c.sub[2])
		m.Vague, m.Resolved = true, true
		switch {
		case mo != 0:
			m.Date = knowledge.Date{Year: y, Month: mo, Precision: knowledge.PrecisionMonth}
		case strings.Contains(lead, "end") || strings.Contains(lead, "late") || strings.Contains(lead, "fin"):
			m.Date = knowledge.Date{Year: y, Month: 12, Precision: knowledge.PrecisionMonth}
		case strings.Contains(lead, "beginning") || strings.Contains(lead, "start") || strings.Contains(lead, "early") || strings.Contains(lead, "but"):
			m.Date = knowledge.Date{Year: y, Month: 1, Precision: knowledge.PrecisionMonth}
		default:
			m.Date = knowledge.Date{Year: y, Precision: knowledge.PrecisionYear}
		}
	case kSeason:
		m.Vague = true
		if c.sub[2] != "" {
			m.Date, m.Resolved = knowledge.Date{Year: atoi(c.sub[2]), Precision: knowledge.PrecisionYear}, true
		} else if r.lastYear != 0 {
			m.Date, m.Resolved, m.Inferred = knowledge.Date{Year: r.lastYear, Precision: knowledge.PrecisionYear}, true, true
		}
	case kYear:
		before := strings.ToLower(strings.TrimRight(r.text[:c.start], " \u00a0"))
		// "the election of 2016", "le Magnitsky Act de 2012": a year qualifying a noun names no
		// event of its own.
		if strings.HasSuffix(before, " de") || strings.HasSuffix(before, " of") || strings.HasSuffix(before, " du") {
			return false
		}
		m.Date, m.Resolved = knowledge.Date{Year: atoi(c.sub[1]), Precision: knowledge.PrecisionYear}, true
	case kCountRel:
		return r.countRelative(c, m)
	case kFixedRel:
		return r.fixedRelative(c, m)
	case kTime, kTimeAMPM:
		// A time of day belongs to the day around it; it is reported as a mention with the last
		// day-precision date, or dropped when there is none.
		h, mi := atoi(c.sub[1]), atoi(c.sub[2])
		if c.k == kTimeAMPM {
			if strings.EqualFold(c.sub[3], "p") && h < 12 {
				h += 12
			} else if strings.EqualFold(c.sub[3], "a") && h == 12 {
				h = 0
			}
		}
		if r.prevDay.Year == 0 {
			return false
		}
		m.Date, m.Resolved, m.Relative, m.Base = r.prevDay, true, true, r.prevDay
		m.Time = pad(h) + ":" + pad(mi)
		return true
	}
	if m.Resolved && m.Date.Year < 1 {
		// Year 0 does not exist ("1 septembre 0000" is a typo, not a date).
		return false
	}
	if m.Resolved {
		r.note(m.Date, false)
	}
	return true
}

func pad(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func (r *resolver) base(prec knowledge.Precision) (knowledge.Date, bool) {
	if prec == knowledge.PrecisionDay {
		if r.prevDay.Year != 0 {
			return r.prevDay, true
		}
		if r.published.Year != 0 {
			return r.published, true
		}
		return knowledge.Date{}, false
	}
	if r.prev.Year != 0 {
		return r.prev, true
	}
	if r.published.Year != 0 {
		return r.published, true
	}
	return knowledge.Date{}, false
}

// countRelative resolves "three days later", "deux semaines après", "a year before".
func (r *resolver) countRelative(c raw, m *Mention) bool {
	n, ok := numbers[strings.ToLower(c.sub[1])]
	if !ok {
		n, _ = strconv.Atoi(c.sub[1])
	}
	if n <= 0 || n > 400 {
		return false
	}
	u := strings.ToLower(c.sub[2])
	dir := strings.ToLower(c.sub[3])
	sign := 1
	switch dir {
	case "earlier", "before", "prior", "plus tôt", "plus tot", "avant", "auparavant":
		sign = -1
	}
	// "N days after <clause>" in the middle of a sentence names an event N days before the
	// sentence's own ("the message came three days after the Times published"); "N days before
	// <clause>", one N days after it. At the start of a sentence, or when nothing follows, the
	// expression dates the sentence itself ("Three days later, …").
	rest := strings.TrimLeft(r.text[c.end:], " \u00a0")
	if (dir == "after" || dir == "après" || dir == "apres" || dir == "before" || dir == "avant") && !sentenceStart(r.text, c.start) && rest != "" && !strings.ContainsRune(",.;:!?)", rune(rest[0])) {
		sign = -sign
		m.Earlier = sign < 0
	}
	prec := knowledge.PrecisionDay
	switch {
	case strings.HasPrefix(u, "month") || u == "mois":
		prec = knowledge.PrecisionMonth
	case strings.HasPrefix(u, "year") || strings.HasPrefix(u, "an"):
		prec = knowledge.PrecisionYear
	}
	b, ok := r.base(prec)
	if !ok {
		m.Relative = true
		return true
	}
	t := time.Date(b.Year, max(b.Month, 1), max(b.Day, 1), 0, 0, 0, 0, time.UTC)
	switch {
	case strings.HasPrefix(u, "day") || strings.HasPrefix(u, "jour"):
		t = t.AddDate(0, 0, sign*n)
	case strings.HasPrefix(u, "week") || strings.HasPrefix(u, "semaine"):
		t = t.AddDate(0, 0, sign*7*n)
	case prec == knowledge.PrecisionMonth:
		t = t.AddDate(0, sign*n, 0)
	default:
		t = t.AddDate(sign*n, 0, 0)
	}
	d := knowledge.Date{Year: t.Year(), Month: t.Month(), Day: t.Day(), Precision: prec}
	if prec == knowledge.PrecisionMonth || b.Precision == knowledge.PrecisionMonth {
		d = knowledge.Date{Year: t.Year(), Month: t.Month(), Precision: knowledge.PrecisionMonth}
	}
	if prec == knowledge.PrecisionYear || b.Precision == knowledge.PrecisionYear {
		d = knowledge.Date{Year: t.Year(), Precision: knowledge.PrecisionYear}
	}
	m.Date, m.Resolved, m.Relative, m.Base = d, true, true, b
	if !m.Earlier {
		r.note(d, true)
	}
	return true
}

func (r *resolver) fixedRelative(c raw, m *Mention) bool {
	s := strings.ToLower(c.sub[1])
	days, prec := 0, knowledge.PrecisionDay
	switch {
	case strings.Contains(s, "next") || strings.Contains(s, "following") || strings.Contains(s, "after") ||
		strings.Contains(s, "lendemain") || strings.Contains(s, "suivant") || strings.Contains(s, "d'après"):
		days = 1
	case strings.Contains(s, "previous") || strings.Contains(s, "preceding") || strings.Contains(s, "before") ||
		strings.Contains(s, "veille") || strings.Contains(s, "précédent") || strings.Contains(s, "d'avant"):
		days = -1
	}
	if strings.Contains(s, "surlendemain") {
		days = 2
	}
	if strings.Contains(s, "avant-veille") {
		days = -2
	}
	unit := "day"
	switch {
	case strings.Contains(s, "week") || strings.Contains(s, "semaine"):
		unit = "week"
	case strings.Contains(s, "month") || strings.Contains(s, "mois"):
		unit, prec = "month", knowledge.PrecisionMonth
	case strings.Contains(s, "year") || strings.Contains(s, "année"):
		unit, prec = "year", knowledge.PrecisionYear
	}
	b, ok := r.base(prec)
	if !ok {
		m.Relative = true
		return true
	}
	t := time.Date(b.Year, max(b.Month, 1), max(b.Day, 1), 0, 0, 0, 0, time.UTC)
	switch unit {
	case "day":
		t = t.AddDate(0, 0, days)
	case "week":
		t = t.AddDate(0, 0, 7*days)
	case "month":
		t = t.AddDate(0, days, 0)
	case "year":
		t = t.AddDate(days, 0, 0)
	}
	d := knowledge.Date{Year: t.Year(), Month: t.Month(), Day: t.Day(), Precision: prec}
	switch {
	case prec == knowledge.PrecisionYear || b.Precision == knowledge.PrecisionYear:
		d = knowledge.Date{Year: t.Year(), Precision: knowledge.PrecisionYear}
	case prec == knowledge.PrecisionMonth || b.Precision == knowledge.PrecisionMonth:
		d = knowledge.Date{Year: t.Year(), Month: t.Month(), Precision: knowledge.PrecisionMonth}
	}
	m.Date, m.Resolved, m.Relative, m.Base = d, true, true, b
	// "la veille" in the middle of a sentence names an earlier event without moving the narrative.
	if days < 0 && !sentenceStart(r.text, c.start) {
		m.Earlier = true
		return true
	}
	if days != 0 {
		r.note(d, true)
	}
	return true
}

// sentenceStart reports whether only spacing, quotes or a short connective ("And", "Puis",
// "Then") stand between the start of the sentence and position i.
func sentenceStart(text string, i int) bool {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' {
			break
		}
		j -= size
	}
	lead := strings.TrimSpace(strings.Trim(text[j:i], " \u00a0\n\"'«»“”•-–—*"))
	lead = strings.ToLower(lead)
	switch lead {
	case "", "and", "then", "but", "et", "puis", "mais", "only", "just", "seulement", "soon", "about", "around", "some", "environ":
		return true
	}
	return false
}
