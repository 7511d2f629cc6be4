package question

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Date forms written with separators rather than spaces: a month's name between numbers
// ("dec-16-2016", "16-dec-2016", "16/déc./16", "2016-dec-16"), a month and year in figures ("06/2016",
// "6-2016", "2016/06"), and a day and month with dots and no year ("le 21.10", "21.10.").
var (
	// Day first: "16-dec-2016", "16.dec.16", "16-dec" (a day before a month's name is no year).
	reDayNamedMonth = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th|er|e)?[-/.]([a-z]+)\.?(?:[-/.](\d{4}|\d{2}))?\b`)
	// Year first: "2016-dec-16", "2016/dec/16".
	reYearNamedMonth = regexp.MustCompile(`\b(\d{4})[-/.]([a-z]+)\.?[-/.](\d{1,2})\b`)
	// Month first, anchored at the month's name (scanMonths): "dec-16-2016", "dec/16/16". The year is
	// required: "dec-16" alone is as often December 2016 as 16 December.
	reNamedMonthDayAt = regexp.MustCompile(`^([a-z]+)\.?[-/](\d{1,2})(?:st|nd|rd|th)?(?:[-/]|,\s*)(\d{4}|\d{2})\b`)
	// A month and a year in figures: "06/2016", "6-2016", "06.2016"; and year first, ISO's "2016-06",
	// "2016-6", "2016/06"; "1914-18" is a span of years.
	reMonthYearNum = regexp.MustCompile(`\b(\d{1,2})([-/.])([012]\d{3})\b`)
	reYearMonthNum = regexp.MustCompile(`\b([012]\d{3})([-/.])(\d{1,2})\b`)
	// A day and a month with a dot and no year: "21.10", "21.10.".
	reDottedNoYear = regexp.MustCompile(`\b(\d{1,2})([.-])(\d{1,2})\b`)
)

// dottedLead are the words after which "21.10" is a date rather than a number ("Firefox 3.5", "3.5
// million"): prepositions and articles that introduce a day.
var dottedLead = set("le on the du au since depuis until till before after avant apres jusqu'au entre between et and to from de des " +
	"dated date du au a partir")

// dashLead are the fewer words after which "21-10" is a date rather than a score ("a 3-2 win").
var dashLead = set("le on the du au since depuis until till before after avant apres jusqu'au")

// twoDigitYear reads a year written by its last two digits: the century the timeline has it in, or
// else this century.
func twoDigitYear(yy int, cal *knowledge.Timeline) int {
	if y := centuryOf(yy, cal); y > 0 {
		return y
	}
	return 2000 + yy
}

// reTwoDigitYears finds a span of years each written by its last two digits ("from 96 to 98",
// "between '29 and '33", "entre 96 et 98", "de 96 à 98").
// "Du 12 au 14" is days of a month, and "de 96 à 98" as often a count: only the prepositions of a span
// of time are read so.
var reTwoDigitYears = regexp.MustCompile(`\b(?:from|between|entre)\s+'?(\d{2})\s+(?:to|and|till|until|et|a)\s+'?(\d{2})\b`)

// maxTwoDigitSpan is the longest span of years read from two two-digit figures: "between 10 and
// 90" is more likely a count than eighty years.
const maxTwoDigitSpan = 30

// twoDigitYears reads a reTwoDigitYears match as the span of its years, in the centuries the
// timeline has them in; figures the timeline's span does not hold, a span backwards or too long,
// or one followed by what it counts ("between 10 and 20 people") are no years.
func twoDigitYears(m []int, s string, cal *knowledge.Timeline) (expr, verdict) {
	from, to := centuryOf(atoi(s[m[2]:m[3]]), cal), centuryOf(atoi(s[m[4]:m[5]]), cal)
	if from == 0 || to <= from || to-from > maxTwoDigitSpan {
		return expr{}, notDate
	}
	if start, end, ok := textproc.NextWordIn(s, m[1]); ok && (!textproc.IsStopWord(s[start:end]) || countedAfter[s[start:end]]) {
		return expr{}, notDate
	}
	if strings.HasPrefix(strings.TrimSpace(s[m[1]:]), "%") {
		return expr{}, notDate
	}
	return yearsExpr(from, to), date
}

// countedAfter are the function words after two figures that make them a count: "from 20 to 30 of
// them", "entre 10 et 20 des manifestants", "20 to 30 percent".
var countedAfter = map[string]bool{"of": true, "de": true, "des": true, "d": true, "du": true, "percent": true}

// yearOf reads a year group of two or four digits.
func yearOf(s string, cal *knowledge.Timeline) int {
	if len(s) == 2 {
		return twoDigitYear(atoi(s), cal)
	}
	return atoi(s)
}

// dayYearOf is yearOf for the year of a whole date: a two-digit year takes the century the
// timeline has an event on that day in (dayCentury).
func dayYearOf(s string, m time.Month, d int, cal *knowledge.Timeline) int {
	y := yearOf(s, cal)
	if len(s) == 2 {
		y = dayCentury(y, m, d, cal)
	}
	return y
}

// dayMonthOrder decides which of two numbers is the day and which the month: the question's
// language by default (French writes 21/10, English 10/21), an impossible month either way, and
// when both readings are days, the one the timeline has an event on (y 0: in any of its years).
func dayMonthOrder(a, b, y int, lang string, cal *knowledge.Timeline) (day, month int) {
	day, month = a, b
	if lang != "fr" && a <= 12 {
		day, month = b, a
	}
	if month > 12 {
		day, month = month, day
	}
	if a <= 12 && b <= 12 && a != b && !hasEventOn(cal, y, time.Month(month), day) && hasEventOn(cal, y, time.Month(day), month) {
		day, month = month, day
	}
	return day, month
}

// dottedDate reports whether the dotted numbers at s[start:end] are a day and a month: after a word
// that introduces a day, or closed by a dot of their own ("21.10."), and not part of a longer
// dotted number ("1.21.10", "21.10.3").
// A dash takes the introducing word, and no month after it ("le 3-14 octobre" is a range of days).
func dottedDate(s string, start, end int, sep byte) bool {
	if start > 0 && (s[start-1] == '.' || s[start-1] == ',' || s[start-1] == '-') || end+1 < len(s) && (s[end] == '.' || s[end] == ',' || s[end] == '-') && isDigit(s[end+1]) {
		return false
	}
	if sep == '-' {
		if i, j, ok := textproc.NextWordIn(s, end); ok && (monthNames[s[i:j]] != 0 || s[i:j] == "of" || s[i:j] == "de") {
			return false
		}
		return dashLead[lastWord(s[:start])]
	}
	if end < len(s) && s[end] == '.' {
		return true
	}
	return dottedLead[lastWord(s[:start])]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' }

type scanner = func(*regexp.Regexp, func([]int, string) (expr, verdict))

// scanNamedMonthFigures reads a month's name between figures, before the all-figure patterns can
// take two of its numbers ("oct/12/16" is no 12/16).
func scanNamedMonthFigures(scan, scanMonths scanner, cal *knowledge.Timeline) {
	scan(reYearNamedMonth, func(m []int, s string) (expr, verdict) {
		month, ok := monthNames[s[m[4]:m[5]]]
		if !ok {
			return expr{}, notDate
		}
		return dayExpr(atoi(s[m[2]:m[3]]), month, atoi(s[m[6]:m[7]]))
	})
	scanMonths(reNamedMonthDayAt, func(m []int, s string) (expr, verdict) {
		month, ok := monthNames[s[m[2]:m[3]]]
		if !ok {
			return expr{}, notDate
		}
		return dayExpr(dayYearOf(s[m[6]:m[7]], month, atoi(s[m[4]:m[5]]), cal), month, atoi(s[m[4]:m[5]]))
	})
	scan(reDayNamedMonth, func(m []int, s string) (expr, verdict) {
		month, ok := monthNames[s[m[4]:m[5]]]
		if !ok {
			return expr{}, notDate
		}
		y := 0
		if m[6] >= 0 {
			y = dayYearOf(s[m[6]:m[7]], month, atoi(s[m[2]:m[3]]), cal)
		}
		return dayExpr(y, month, atoi(s[m[2]:m[3]]))
	})
}

// scanFigureForms reads a month and year in figures and a dotted day and month without a year,
// after the patterns for whole dates in figures.
func scanFigureForms(scan scanner, folded string, runs, longest int, lang string, cal *knowledge.Timeline) {
	if longest >= 4 {
		monthYear := func(mo, y int, sep string, moDigits int) (expr, verdict) {
			// "3.1415" is a number: a dot takes a month of two digits ("06.2016").
			if mo < 1 || mo > 12 || sep == "." && moDigits != 2 {
				return expr{}, notDate
			}
			return expr{kind: Month, year: y, month: time.Month(mo)}, date
		}
		scan(reMonthYearNum, func(m []int, s string) (expr, verdict) {
			return monthYear(atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), s[m[4]:m[5]], m[3]-m[2])
		})
		scan(reYearMonthNum, func(m []int, s string) (expr, verdict) {
			y, mo, sep := atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), s[m[4]:m[5]]
			if sep != "." && m[7]-m[6] == 2 && (mo < 1 || mo > 12) {
				// "1914-18", "2014/15": a span of years, the second by its last two digits; "2016-13"
				// is ISO's form with a month that does not exist.
				if to := y/100*100 + mo; to > y {
					return yearsExpr(y, to), date
				}
				if sep == "-" {
					return expr{}, impossible
				}
				return expr{}, notDate
			}
			return monthYear(mo, y, sep, m[7]-m[6])
		})
	}
	if runs >= 2 && strings.ContainsAny(folded, ".-") {
		scan(reDottedNoYear, func(m []int, s string) (expr, verdict) {
			if !dottedDate(s, m[0], m[1], s[m[4]]) {
				return expr{}, notDate
			}
			day, month := dayMonthOrder(atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), 0, lang, cal)
			if e, v := dayExpr(0, time.Month(month), day); v == date {
				return e, v
			}
			return expr{}, notDate
		})
	}
}

// A week, a fortnight or a half of a month or a year, counted from its start or its end ("the last
// week of sept 2016", "la première quinzaine d'octobre", "the second half of 2016"), becomes the
// range of its days, which the range patterns read, as monthPart does for parts of months.
var reWeekOfMonth = regexp.MustCompile(`\b(first|1st|second|2nd|third|3rd|fourth|4th|last|final|premiere|premier|1re|1ere|1er|deuxieme|2e|2eme|seconde|troisieme|3e|3eme|quatrieme|4e|4eme|derniere|dernier)\s+` +
	`(week|semaine|fortnight|quinzaine|half|moitie|quarter|trimestre|semester|semestre)\s+(?:(?:of\s+(?:the\s+month\s+of\s+|the\s+year\s+)?|du\s+mois\s+(?:de\s+|d')|de\s+l'annee\s+|de\s+|d'|du\s+)` +
	`(?:([a-z]+)\.?(?:\s+(?:of\s+)?([012]\d{3}))?|([012]\d{3}))|([012]\d{3}))\b`)

// hasWeekPart is a word test before reWeekOfMonth.
func hasWeekPart(words []string) bool {
	for _, w := range words {
		switch w {
		case "week", "semaine", "fortnight", "quinzaine", "half", "moitie", "quarter", "trimestre", "semester", "semestre":
			return true
		}
	}
	return false
}

// weekOfMonth rewrites one match of reWeekOfMonth as "between D1 M and D2 M Y", or leaves it.
func weekOfMonth(m string) string {
	sub := reWeekOfMonth.FindStringSubmatch(m)
	nth, unit, name, year := sub[1], sub[2], sub[3], sub[4]
	// Which part: 1 to 4 from the start, -1 from the end.
	k := 0
	switch nth {
	case "first", "1st", "premiere", "premier", "1re", "1ere", "1er":
		k = 1
	case "second", "2nd", "deuxieme", "2e", "2eme", "seconde":
		k = 2
	case "third", "3rd", "troisieme", "3e", "3eme":
		k = 3
	case "fourth", "4th", "quatrieme", "4e", "4eme":
		k = 4
	default:
		k = -1
	}
	halves := unit == "half" || unit == "moitie" || unit == "fortnight" || unit == "quinzaine" || unit == "semester" || unit == "semestre"
	if halves && k > 2 {
		return m
	}
	if sub[6] != "" {
		sub[5] = sub[6] // "le premier trimestre 2017": a year with no "of"
	}
	if unit == "quarter" || unit == "trimestre" {
		// Of a year only: its three months.
		if sub[5] == "" {
			return m
		}
		if k == -1 {
			k = 4
		}
		return quarterOf(k, sub[5])
	}
	if unit == "semester" || unit == "semestre" {
		if sub[5] == "" {
			return m
		}
	}
	if sub[5] != "" {
		// Of a year: its first or last week, its halves.
		y := sub[5]
		switch {
		case halves && (k == 1):
			return "between january " + y + " and june " + y
		case halves:
			return "between july " + y + " and december " + y
		case k == 1:
			return "between 1 january " + y + " and 7 january " + y
		case k == -1:
			return "between 25 december " + y + " and 31 december " + y
		}
		return m
	}
	month, ok := monthNames[name]
	if !ok {
		return m
	}
	y := 2001 // a year without 29 February, when the question gives none
	if year != "" {
		y = atoi(year)
	}
	last := time.Date(y, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	var from, to int
	switch {
	case halves && k == 1:
		from, to = 1, 15
	case halves:
		from, to = 16, last
	case k == -1:
		from, to = last-6, last
	default:
		from, to = 7*(k-1)+1, 7*k
	}
	out := fmt.Sprintf("between %d %s and %d %s", from, name, to, name)
	if year != "" {
		out += " " + year
	}
	return out
}

// pairedSpans joins each alternative of a range's start to the first alternative of its end that
// does not come before it: "between November and March" runs into the next year. It returns nil
// when no pair is in order.
func pairedSpans(from, to []knowledge.Span) []knowledge.Span {
	var out []knowledge.Span
	j := 0
	for _, f := range from {
		for j < len(to) && to[j].To < f.From {
			j++
		}
		if j == len(to) {
			break
		}
		out = append(out, knowledge.Span{From: f.From, To: to[j].To})
		j++
	}
	return out
}

// Centuries: by number or Roman numeral with the word or its abbreviation ("the 15th century", "au
// 15e s.", "XVe s.", "the 15th c."), by ordinal word ("the nineteenth century", "le dix-neuvième
// siècle", rewritten as figures by centuryWords), and a part of one ("the end of the 19th
// century", "début du XXe siècle", or with no word at all after a part: "à la fin du 19e", "at the
// end of the 19th"). The patterns start at the numeral, which fails fast elsewhere; the words before
// it (a part, an article) are read from the text before the match with end-anchored patterns.
var (
	reCenturyNum = regexp.MustCompile(`\b(?:(\d{1,2})(?:st|nd|rd|th|e|eme|er|ere)?|([ivxlc]+)(?:e|eme|er|ere)?)(?:\s+|-)(?:(?:centuries|century|siecles|siecle)\b|[sc](?:\.|\b))`)
	// After a part, an ordinal alone is a century ("fin du 19e"); its suffix is required.
	reCenturyBare = regexp.MustCompile(`\b(?:(\d{1,2})(?:st|nd|rd|th|e|eme|er|ere)|([ivxlc]+)(?:e|eme|er|ere))\b`)
	// Two centuries and what lies between: "the 19th and 20th centuries", "les XIXe et XXe siècles".
	reCenturies = regexp.MustCompile(`\b(?:(\d{1,2})(?:st|nd|rd|th|e|eme|er|ere)?|([ivxlc]+)(?:e|eme|er|ere))\s*(?:and|et|or|ou|to|through|-|a|au)\s*(?:the\s+|le\s+)?(?:(\d{1,2})(?:st|nd|rd|th|e|eme|er|ere)?|([ivxlc]+)(?:e|eme|er|ere))\s+(?:centuries|siecles)\b`)
	// What may come before a century or a decade: a part of it, and an article.
	rePartBefore    = regexp.MustCompile(`\b(early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of|debut|milieu|fin)(?:\s*-\s*|\s+du\s+|\s+de\s+|\s+des\s+|\s+of\s+the\s+|\s+the\s+|\s+)$`)
	reArticleBefore = regexp.MustCompile(`\b(?:at\s+the|in\s+the|a\s+la|the|le|la|au|aux|les)\s+$`)
)

// before reads what comes before a match at start in s: the part of the period named ("" for
// none) and where the phrase with its article starts.
func partBefore(s string, start int) (part string, at int) {
	t := tail(s[:start])
	off := start - len(t)
	at = start
	if m := rePartBefore.FindStringSubmatchIndex(t); m != nil {
		part, at, t = t[m[2]:m[3]], off+m[0], t[:m[0]]
	}
	if !strings.HasSuffix(t, " ") {
		return part, at
	}
	if m := reArticleBefore.FindStringIndex(t); m != nil {
		return part, off + m[0]
	}
	return part, at
}

// partOf narrows a span of years to the part a part word names: its first years, its middle ones,
// its last ones, as monthPart does for a month's days.
func partOf(from, to int, part string, early, midFrom, midTo, lateFrom int) (int, int) {
	switch {
	case part == "":
	case part == "mid" || part == "milieu" || strings.HasPrefix(part, "middle"):
		from, to = from+midFrom, from+midTo
	case part == "late" || part == "fin" || strings.HasPrefix(part, "end"):
		from = from + lateFrom
	default:
		to = from + early
	}
	return from, to
}

// centuryAt builds the century n with the words before it at start.
func centuryAt(n int, s string, start, end int) (expr, verdict) {
	if n < 1 || n > 30 {
		return expr{}, notDate
	}
	part, at := partBefore(s, start)
	// Thirds: 1801–1833, 1834–1866, 1867–1900.
	from, to := partOf((n-1)*100+1, n*100, part, 32, 33, 65, 66)
	e := yearsExpr(from, to)
	e.start, e.end, e.spanSet = at, end, true
	return e, date
}

// centuryExpr reads a match of reCenturyNum.
func centuryExpr(m []int, s string) (expr, verdict) {
	// "the 18th c", "au 15e s.": an abbreviation only after an ordinal's suffix ("18 c." is a
	// temperature).
	abbrev := strings.HasSuffix(s[m[0]:m[1]], " c") || strings.HasSuffix(s[m[0]:m[1]], " s") ||
		strings.HasSuffix(s[m[0]:m[1]], " c.") || strings.HasSuffix(s[m[0]:m[1]], " s.")
	if abbrev && m[2] >= 0 && (m[3] >= len(s) || !isLetter(s[m[3]])) {
		return expr{}, notDate
	}
	// A Roman numeral needs its suffix or two letters ("XIX siècle"; "c siècle" is none), and an
	// abbreviation the suffix too.
	if m[4] >= 0 && !isLetter(s[m[5]]) && (m[5]-m[4] < 2 || abbrev) {
		return expr{}, notDate
	}
	return centuryAt(centuryNumber(m, s, 2), s, m[0], m[1])
}

// centuryNumber reads the century of groups g/2 (figures) or g/2+1 (a Roman numeral) of a match.
func centuryNumber(m []int, s string, g int) int {
	if m[g] >= 0 {
		return atoi(s[m[g]:m[g+1]])
	}
	if m[g+2] >= 0 {
		return roman(s[m[g+2]:m[g+3]])
	}
	return 0
}

// hasCentury is a test before the century patterns: a word for a century, or a part before a
// figure or numeral with an ordinal's suffix.
func hasCentury(words []string) (word, bare bool) {
	for i, w := range words {
		switch w {
		case "century", "centuries", "siecle", "siecles":
			word = true
		case "c", "s":
			// An abbreviation after a figure or a Roman numeral ("15e s", "XVe s."), not the "s" of
			// "WL's".
			if i > 0 {
				p := words[i-1]
				word = word || isDigit(p[0]) || roman(strings.TrimRight(p, "emr")) > 0
			}
		case "early", "beginning", "start", "mid", "middle", "late", "end", "debut", "mi", "milieu", "fin":
			bare = true
		}
	}
	return word, bare
}

// scanCenturies runs the century patterns.
func scanCenturies(scan scanner, folded string, words []string) {
	word, bare := hasCentury(words)
	if word {
		if strings.Contains(folded, "centuries") || strings.Contains(folded, "siecles") {
			scan(reCenturies, func(m []int, s string) (expr, verdict) {
				a, b := centuryNumber(m, s, 2), centuryNumber(m, s, 6)
				if a < 1 || b < 1 || a > 30 || b > 30 {
					return expr{}, notDate
				}
				return yearsExpr((min(a, b)-1)*100+1, max(a, b)*100), date
			})
		}
		scan(reCenturyNum, centuryExpr)
	}
	if bare {
		scan(reCenturyBare, func(m []int, s string) (expr, verdict) {
			// Only after a part: "fin du 19e", "at the end of the 19th".
			if part, _ := partBefore(s, m[0]); part == "" {
				return expr{}, notDate
			}
			// "the end of the 19th of October", "fin du 19 octobre": a day, not a century.
			next := s[m[1]:]
			if i, j, ok := textproc.NextWordIn(next, 0); ok && strings.TrimSpace(next[:i]) == "" {
				if w := next[i:j]; monthNames[w] != 0 || w == "of" || w == "de" || w == "du" {
					return expr{}, notDate
				}
			}
			return centuryAt(centuryNumber(m, s, 2), s, m[0], m[1])
		})
	}
}

// ordinalNumbers are the ordinal words, in English and French, with their number: centuries
// ("the nineteenth century") and ranks (Ordinal).
var ordinalNumbers = func() map[string]int {
	m := map[string]int{}
	for i, w := range strings.Fields("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth") {
		m[w] = i + 1
	}
	m["twenty-first"], m["twenty first"] = 21, 21
	units := strings.Fields("unieme deuxieme troisieme quatrieme cinquieme sixieme septieme huitieme neuvieme")
	for i, w := range units {
		m[w] = i + 1
		m["dix-"+w], m["dix "+w] = 11+i, 11+i
	}
	delete(m, "unieme")
	delete(m, "dix-unieme")
	delete(m, "dix unieme")
	m["premier"], m["second"], m["dixieme"], m["onzieme"], m["douzieme"], m["treizieme"], m["quatorzieme"], m["quinzieme"], m["seizieme"] = 1, 2, 10, 11, 12, 13, 14, 15, 16
	m["vingtieme"], m["vingt-et-unieme"], m["vingt et unieme"], m["vingt et un"] = 20, 21, 21, 21
	return m
}()

// Ordinal returns the number a folded ordinal word stands for, in English or French ("ninth",
// "neuvieme", "dix-neuvieme"): from first to twenty-first.
func Ordinal(w string) (int, bool) {
	n, ok := ordinalNumbers[strings.ReplaceAll(w, "-", " ")]
	return n, ok
}

// OrdinalWords returns the one-word ordinals for n in English and French ("ninth", "neuvieme"),
// sorted; French's two-word ones ("dix-septieme") are not among them.
func OrdinalWords(n int) []string { return ordinalsOf[n] }

var ordinalsOf = func() map[int][]string {
	m := map[int][]string{}
	for w, n := range ordinalNumbers {
		if !strings.ContainsAny(w, " -") {
			m[n] = append(m[n], w)
		}
	}
	for _, ws := range m {
		slices.Sort(ws)
	}
	return m
}()

// centuryWords writes the ordinal words of centuries as figures ("the nineteenth century" → "the
// 19th century", "le dix-neuvième siècle" → "le 19th siecle"): a scan of the words before each word
// for a century, since an expression of every ordinal costs more than all of a question's parse.
func centuryWords(folded string) string {
	type span struct{ from, to int }
	var words []span
	for i, j, ok := textproc.NextWordIn(folded, 0); ok; i, j, ok = textproc.NextWordIn(folded, j) {
		words = append(words, span{i, j})
	}
	var b strings.Builder
	last := 0
	for k, w := range words {
		switch folded[w.from:w.to] {
		case "century", "centuries", "siecle", "siecles":
		default:
			continue
		}
		// The longest ordinal ending right before it: "vingt et unieme", "dix-neuvieme", "twentieth".
		from, n := -1, 0
		for size := 3; size >= 1 && from < 0; size-- {
			if k < size {
				continue
			}
			first, lastWord := words[k-size], words[k-1]
			if strings.TrimSpace(folded[lastWord.to:w.from]) != "" || first.from < last {
				continue
			}
			if v, ok := ordinalNumbers[strings.ReplaceAll(folded[first.from:lastWord.to], "-", " ")]; ok {
				from, n = first.from, v
			}
		}
		if from < 0 {
			continue
		}
		b.WriteString(folded[last:from])
		b.WriteString(strconv.Itoa(n) + "th")
		last = words[k-1].to
	}
	if last == 0 {
		return folded
	}
	b.WriteString(folded[last:])
	return b.String()
}

// Decades: by four figures ("the 1850s", "les années 1850"), by two ("the 90s", "the '90s", "les
// années 90", in the century the timeline has them), in words ("the nineties", "les années
// quatre-vingt-dix", rewritten as figures by decadeWords), and a part of one ("the early 90s", "fin
// des années 1990": its first four years, the middle four, the last three).
var (
	// The pattern starts at the figures, which fails fast elsewhere; a part and an article before
	// them are read by partBefore.
	reDecadeAny  = regexp.MustCompile(`\b(0[1-9]|1\d|20)(\d0)'?s\b|'?\b([1-9]0)'?s\b|\bannees\s+(0[1-9]|1\d|20)?(\d0)\b`)
	reDecadeWord = regexp.MustCompile(`\b(the|early|mid|late)(\s+|-)(noughties|aughts|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b|` +
		`\bannees\s+(vingt|trente|quarante|cinquante|soixante[\s-]dix|soixante|septante|quatre[\s-]vingts?[\s-]dix|quatre[\s-]vingts?|nonante)\b`)
	decadeWordValue = map[string]string{"noughties": "2000", "aughts": "2000", "twenties": "20", "thirties": "30", "forties": "40", "fifties": "50", "sixties": "60", "seventies": "70",
		"eighties": "80", "nineties": "90", "vingt": "20", "trente": "30", "quarante": "40", "cinquante": "50", "soixante": "60", "septante": "70", "nonante": "90"}
)

// hasDecadeWord is a word test before reDecadeWord.
func hasDecadeWord(words []string) bool {
	for _, w := range words {
		switch w {
		case "annees", "noughties", "aughts", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties":
			return true
		}
	}
	return false
}

// decadeWords writes decades said in words as figures ("the nineties" → "the 90s", "les années
// quatre-vingt-dix" → "les années 90").
func decadeWords(folded string) string {
	return reDecadeWord.ReplaceAllStringFunc(folded, func(m string) string {
		sub := reDecadeWord.FindStringSubmatch(m)
		if sub[3] != "" {
			return sub[1] + sub[2] + decadeWordValue[sub[3]] + "s"
		}
		w := sub[4]
		switch {
		case strings.HasPrefix(w, "soixante") && strings.HasSuffix(w, "dix"):
			w = "70"
		case strings.HasPrefix(w, "quatre") && strings.HasSuffix(w, "dix"):
			w = "90"
		case strings.HasPrefix(w, "quatre"):
			w = "80"
		default:
			w = decadeWordValue[w]
		}
		return "annees " + w
	})
}

// decadeStart returns the first year of the decade written by its tens alone ("90"): the latest
// such decade the timeline has events in, or else the latest that starts by the timeline's end ("the
// 50s" on a timeline of 2016 are the 1950s), or else the one nearest its span.
func decadeStart(tens int, cal *knowledge.Timeline) int {
	if cal == nil || len(cal.Events) == 0 {
		return 1900 + tens
	}
	span := cal.Span()
	from, to := span.From.Time().Year(), span.To.Time().Year()
	best, bestDist, past := 0, -1, 0
	for c := to/100 + 1; c >= from/100-1; c-- {
		y := c*100 + tens
		s := yearsExpr(y, y+9).span
		if len(cal.InSpan(s)) > 0 {
			return y
		}
		if past == 0 && y <= to {
			past = y
		}
		dist := 0
		switch {
		case y+9 < from:
			dist = from - (y + 9)
		case y > to:
			dist = y - to
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = y, dist
		}
	}
	if past != 0 {
		return past
	}
	return best
}

// decadeExpr reads a match of reDecadeAny.
func decadeExpr(cal *knowledge.Timeline) func(m []int, s string) (expr, verdict) {
	return func(m []int, s string) (expr, verdict) {
		part, at := partBefore(s, m[0])
		var y int
		switch {
		case m[2] >= 0: // "the 1850s"
			y = atoi(s[m[2]:m[3]] + s[m[4]:m[5]])
			// "the 1800s", "the 1700s": a round hundred before 2000 is said of its century; "the
			// 2000s" and "les années 1900" of their decade; "the early 1800s" is the early century.
			if y%100 == 0 && y < 2000 {
				e := yearsExpr(partOf(y, y+99, part, 32, 33, 65, 66))
				e.start, e.end, e.spanSet = at, m[1], true
				return e, date
			}
		case m[6] >= 0: // "the 90s", "the '90s": "in her 90s" is an age
			if part == "" && !strings.Contains(s[m[0]:m[1]], "'") && !strings.HasSuffix(strings.TrimRight(s[:m[0]], " "), "the") {
				return expr{}, notDate
			}
			y = decadeStart(atoi(s[m[6]:m[7]]), cal)
		case m[8] >= 0: // "les années 1850"
			y = atoi(s[m[8]:m[9]] + s[m[10]:m[11]])
		default: // "les années 90"
			y = decadeStart(atoi(s[m[10]:m[11]]), cal)
		}
		// Parts: 1990–1993, 1993–1996, 1997–1999.
		from, to := partOf(y, y+9, part, 3, 3, 6, 7)
		e := yearsExpr(from, to)
		e.decade = part == ""
		e.start, e.end, e.spanSet = at, m[1], true
		return e, date
	}
}

// Dates joined by "or", "and", a comma or a slash ("sept ou oct 2017", "in march or april 2014",
// "les années 2000 et 2010", "in 2015 or 2016") are one period made of them: a year written once
// at the end belongs to each, and parts that touch are one span.
var reJoin = regexp.MustCompile(`^\s*(?:,\s*)?(?:or|ou|and|et|&|/|,)\s*(?:the\s+|le\s+|la\s+|les\s+|in\s+|en\s+|on\s+)?$`)

// joinable says which kinds of date may be joined: like with like, and years with decades or
// centuries, which are ranges of years.
func joinable(a, b expr) bool {
	switch a.kind {
	case Month, ExactDay:
		return b.kind == a.kind
	case Year, Range:
		return b.kind == Year || b.kind == Range
	}
	return false
}

// joined reads the dates exprs begins with, joined one to the next, as one period: its spans, the
// kind they have, and the end of the last. It reports false unless at least two are joined.
func joined(exprs []expr, folded string, cal *knowledge.Timeline) (spans []knowledge.Span, kind DateKind, n int, ok bool) {
	n = 1
	for n < len(exprs) && exprs[n-1].end <= exprs[n].start && joinable(exprs[0], exprs[n]) &&
		exprs[n].start-exprs[n-1].end <= 16 && reJoin.MatchString(folded[exprs[n-1].end:exprs[n].start]) {
		n++
	}
	if n < 2 {
		return nil, NoDate, 0, false
	}
	parts := slices.Clone(exprs[:n])
	// "sept ou oct 2017", "3 or 4 october 2016": the year written last is each one's.
	if y := parts[n-1].year; y != 0 {
		for i := range parts {
			if parts[i].year == 0 && (parts[i].kind == Month || parts[i].kind == ExactDay) {
				parts[i].year = y
			}
		}
	}
	for i, e := range parts {
		if i > 0 && parts[0].decade && e.kind == Year && e.year%10 == 0 {
			e = yearsExpr(e.year, e.year+9)
		}
		spans = append(spans, spansOf(e, cal)...)
	}
	slices.SortFunc(spans, func(a, b knowledge.Span) int { return int(a.From - b.From) })
	merged := spans[:1]
	for _, s := range spans[1:] {
		last := &merged[len(merged)-1]
		if s.From <= last.To+1 {
			last.To = max(last.To, s.To)
			continue
		}
		merged = append(merged, s)
	}
	kind = parts[0].kind
	if len(merged) < len(spans) || kind == Year || kind == ExactDay {
		kind = Range
	}
	return merged, kind, n, true
}

// joinedToMonth reports whether the word at s[start:end] is joined to a month's name by "or",
// "and", "ou", "et" or a comma, after or before it ("sept ou oct", "oct and nov"): a word that is
// also a common word ("sept", "may") is then a month too.
func joinedToMonth(s string, start, end int) bool {
	joiner := func(w string) bool {
		switch w {
		case "or", "ou", "and", "et":
			return true
		}
		return false
	}
	// "may or may not": a month joins another month.
	this := monthNames[s[start:end]]
	other := func(w string) bool { m := monthNames[w]; return m != 0 && m != this }
	// After: the joiner, then a month.
	if i, j, ok := textproc.NextWordIn(s, end); ok && joiner(s[i:j]) && strings.Trim(s[end:i], " ,") == "" {
		if k, l, ok := textproc.NextWordIn(s, j); ok && other(s[k:l]) && strings.TrimSpace(s[j:k]) == "" {
			return true
		}
	}
	// Before: a month, then the joiner.
	words := strings.Fields(strings.ReplaceAll(tail(s[:start]), ",", " "))
	n := len(words)
	return n >= 2 && joiner(words[n-1]) && other(strings.TrimSuffix(words[n-2], "."))
}

// reYearOffset finds "four years after", "2 yrs before", "a year after", "about three years after",
// "trois ans après", "un an avant", "plus de deux ans après" right before a date.
var reYearOffset = regexp.MustCompile(`\b(?:(a little more than|a bit more than|just over|more than|over|about|around|roughly|some|approximately|un peu plus d'|un peu plus de|plus d'|plus de|environ|a peu pres|quelque)\s*)?` +
	`(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+` +
	`(years?|yrs?|ans?|annees?)\s+(before|after|later than|earlier than|avant|apres|plus tard que)\s*(?:the\s+|le\s+|la\s+|l')?$`)

// yearOffset reads a year offset at the end of the text before a date: how many years, whether
// after, whether hedged (upward: "more than"; either way: "about"), and where the phrase starts.
func yearOffset(before string) (n int, after, more, about bool, at int, ok bool) {
	if !strings.Contains(before, "year") && !strings.Contains(before, "yr") && !strings.Contains(before, "an") {
		return 0, false, false, false, 0, false
	}
	m := reYearOffset.FindStringSubmatchIndex(before)
	if m == nil {
		return 0, false, false, false, 0, false
	}
	n, hedge, dir := offsetParts(before, m)
	more = upwardHedge(hedge)
	about = hedge != "" && !more
	after = dir == "after" || dir == "apres" || dir == "later than" || dir == "plus tard que"
	return n, after, more, about, m[0], n > 0
}

// addYears moves a day by n years, on the same day of the month where there is one.
func addYears(d knowledge.Day, n int) knowledge.Day {
	t := d.Time()
	return knowledge.DayOf(t.Year()+n, t.Month(), t.Day())
}

// yearOffsetSpan is the period n years after (or before) the spans of a date: that many years on,
// counted from its start; half a year either side for a date shorter than a year ("two years after
// the election"), a year either side when hedged "about"; from then to half as long again when
// hedged "more than".
func yearOffsetSpan(s []knowledge.Span, n int, after, more, about bool) knowledge.Span {
	first, last := s[0], s[len(s)-1]
	k := n
	if !after {
		k = -n
	}
	from, to := addYears(first.From, k), addYears(last.To, k)
	if last.To-first.From < 364 {
		from, to = from-182, to+182
	}
	if about {
		from, to = addYears(from, -1), addYears(to, 1)
	}
	if more {
		if after {
			from, to = addYears(last.To, n), addYears(last.To, n+(n+1)/2)
		} else {
			from, to = addYears(first.From, -n-(n+1)/2), addYears(first.From, -n)
		}
	}
	return knowledge.Span{From: from, To: to}
}

// offsetHedge is how many days either side of a day offset a hedge before it allows ("about three
// days after": one; "around two weeks after": three), 0 when there is none.
func offsetHedge(before string, days int) knowledge.Day {
	b := strings.TrimRight(before, " ")
	hedged := strings.HasSuffix(b, "a peu pres")
	switch lastWord(b) {
	case "about", "around", "roughly", "approximately", "some", "like", "environ", "approx", "~":
		hedged = true
	}
	if !hedged {
		return 0
	}
	if days >= 7 {
		return 3
	}
	return 1
}

// The first or last days or weeks of a month, counted or not ("the first two weeks of october
// 2016", "the last few days of october", "les derniers jours d'octobre", "les deux premières
// semaines d'octobre", "the first 10 days of november"), become the range of those days: a week
// when the days are not counted, two when the weeks are not.
var (
	reDaysOfMonthEn = regexp.MustCompile(`\b(first|last|final)\s+(?:(few|couple\s+of|two|three|four|five|ten|\d{1,2})\s+)?(days|weeks)\s+of\s+(?:the\s+month\s+of\s+)?([a-z]+)\.?(?:\s+(?:of\s+)?([012]\d{3}))?\b`)
	reDaysOfMonthFr = regexp.MustCompile(`\b(?:(deux|trois|quatre|cinq|dix|quelques|\d{1,2})\s+)?(premiers|premieres|derniers|dernieres)\s+(jours|semaines)\s+(?:du\s+mois\s+(?:de\s+|d')|de\s+|d'|du\s+)([a-z]+)\.?(?:\s+([012]\d{3}))?\b`)
)

// hasDaysOfMonth is a word test before those patterns.
func hasDaysOfMonth(words []string) bool {
	unit, end := false, false
	for _, w := range words {
		switch w {
		case "days", "weeks", "jours", "semaines":
			unit = true
		case "first", "last", "final", "premiers", "premieres", "derniers", "dernieres":
			end = true
		}
	}
	return unit && end
}

// daysOfMonth rewrites a match of either pattern as "between D1 M and D2 M Y", or leaves it.
func daysOfMonth(re *regexp.Regexp) func(string) string {
	return func(m string) string {
		sub := re.FindStringSubmatch(m)
		var dir, count, unit, name, year string
		if re == reDaysOfMonthEn {
			dir, count, unit, name, year = sub[1], sub[2], sub[3], sub[4], sub[5]
		} else {
			count, dir, unit, name, year = sub[1], sub[2], sub[3], sub[4], sub[5]
		}
		month, ok := monthNames[name]
		if !ok {
			return m
		}
		n, err := strconv.Atoi(count)
		if err != nil {
			n = offsetWords[count]
			if count == "couple of" {
				n = 2
			}
		}
		days := n
		weeks := unit == "weeks" || unit == "semaines"
		switch {
		case weeks && n == 0:
			days = 14
		case weeks:
			days = 7 * n
		case n == 0:
			days = 7 // "the last days", "the last few days", "les premiers jours"
		}
		y := 2001 // a year without 29 February, when the question gives none
		if year != "" {
			y = atoi(year)
		}
		last := time.Date(y, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if days < 1 || days >= last {
			return m
		}
		from, to := 1, days
		if dir != "first" && !strings.HasPrefix(dir, "premier") {
			from, to = last-days+1, last
		}
		out := fmt.Sprintf("between %d %s and %d %s", from, name, to, name)
		if year != "" {
			out += " " + year
		}
		return out
	}
}

// reFewOffset finds an uncounted offset right before a date: "a few years after", "a couple of
// months before", "several weeks after", "quelques jours après", "plusieurs années avant".
var reFewOffset = regexp.MustCompile(`\b(a few|a couple of|a couple|few|several|quelques|plusieurs)\s+` +
	`(days?|jours?|weeks?|wks?|semaines?|months?|mos|mois|years?|yrs?|ans|annees)\s+(before|after|later than|avant|apres)\s*(?:the\s+|le\s+|la\s+|l')?$`)

// fewOffset reads an uncounted offset at the end of the text before a date: how far it may reach
// (a couple: one to three of its unit; a few, several: two to five; a few days: one to seven),
// whether after, and where the phrase starts.
func fewOffset(before string) (lo, hi int, unit byte, after bool, at int, ok bool) {
	if !strings.Contains(before, "few") && !strings.Contains(before, "couple") && !strings.Contains(before, "several") &&
		!strings.Contains(before, "quelques") && !strings.Contains(before, "plusieurs") {
		return 0, 0, 0, false, 0, false
	}
	m := reFewOffset.FindStringSubmatchIndex(before)
	if m == nil {
		return 0, 0, 0, false, 0, false
	}
	how, u, dir := before[m[2]:m[3]], before[m[4]:m[5]], before[m[6]:m[7]]
	lo, hi = 2, 5
	if strings.Contains(how, "couple") {
		lo, hi = 1, 3
	}
	switch {
	case strings.HasPrefix(u, "d") || strings.HasPrefix(u, "j"):
		unit = 'd'
		if lo == 2 {
			lo, hi = 1, 7
		}
	case strings.HasPrefix(u, "w") || strings.HasPrefix(u, "semaine"):
		unit = 'w'
	case strings.HasPrefix(u, "mo"):
		unit = 'm'
	default:
		unit = 'y'
	}
	return lo, hi, unit, dir == "after" || dir == "apres" || dir == "later than", m[0], true
}

// fewOffsetSpan is the period lo to hi units after the spans' end, or before their start.
func fewOffsetSpan(s []knowledge.Span, lo, hi int, unit byte, after bool) knowledge.Span {
	move := func(d knowledge.Day, k int) knowledge.Day {
		t := d.Time()
		switch unit {
		case 'd':
			t = t.AddDate(0, 0, k)
		case 'w':
			t = t.AddDate(0, 0, 7*k)
		case 'm':
			t = t.AddDate(0, k, 0)
		default:
			t = t.AddDate(k, 0, 0)
		}
		return knowledge.DayOf(t.Year(), t.Month(), t.Day())
	}
	first, last := s[0], s[len(s)-1]
	// A date no longer than the unit counts from start to start ("a few years after 1840" is 1842
	// to 1845); a unit shorter than the date counts from its end, or back from its start ("a few
	// days after 1840").
	width := map[byte]knowledge.Day{'d': 1, 'w': 7, 'm': 31, 'y': 366}[unit]
	if last.To-first.From+1 <= width {
		if after {
			return knowledge.Span{From: move(first.From, lo), To: move(last.To, hi)}
		}
		return knowledge.Span{From: move(first.From, -hi), To: move(last.To, -lo)}
	}
	if after {
		return knowledge.Span{From: move(last.To, lo), To: move(last.To, hi)}
	}
	return knowledge.Span{From: move(first.From, -hi), To: move(first.From, -lo)}
}

// Two decades, the second written as short as the speaker likes: "the 1840s and 50s", "between the
// 80s and the 90s", "les années 80 et 90", "from the 1960s to the 1980s". The second is in the
// first one's century, or the next when it is smaller ("the 1990s and 00s").
var reTwoDecades = regexp.MustCompile(`\b(?:(the\s+)|(annees\s+))'?((?:0[1-9]|1\d|20)?[0-9]0)('?s)?\s*(?:and|or|to|through|till|until|et|ou|a|au|aux|-|–)\s*(?:the\s+|les\s+annees\s+|annees\s+)?'?((?:0[1-9]|1\d|20)?[0-9]0)('?s)?\b`)

// reTwoDecadesBefore is what may come before two decades and belongs to them.
var reTwoDecadesBefore = regexp.MustCompile(`\b(?:between|from|entre|de|des|les)\s+$`)

// twoDecades reads a match of reTwoDecades.
func twoDecades(cal *knowledge.Timeline) func(m []int, s string) (expr, verdict) {
	return func(m []int, s string) (expr, verdict) {
		// English needs both its "s" ("the 1880 and 1890" are years, "the 1880s and 1920" a decade
		// and a year); French its "années".
		if m[2] >= 0 && (m[8] < 0 || m[12] < 0) {
			return expr{}, notDate
		}
		a, b := s[m[6]:m[7]], s[m[10]:m[11]]
		from := atoi(a)
		if len(a) == 2 {
			from = decadeStart(from, cal)
		}
		to := atoi(b)
		if len(b) == 2 {
			to += from / 100 * 100
			if to < from {
				to += 100
			}
		}
		if to < from || to-from > 200 || from%10 != 0 || to%10 != 0 {
			return expr{}, notDate
		}
		e := yearsExpr(from, to+9)
		e.decade = true
		// "between the 80s and the 90s", "les années 80 et 90": the words before are the range's.
		e.start, e.end, e.spanSet = m[0], m[1], true
		if k := reTwoDecadesBefore.FindStringIndex(tail(s[:m[0]])); k != nil {
			e.start = m[0] - len(tail(s[:m[0]])) + k[0]
		}
		return e, date
	}
}

// rePeriodNext finds "the year after", "the month before", "l'année suivant", "le mois d'après",
// "l'année d'avant", "l'année précédant" right before a date: the calendar year or month next to the date's, as "the
// day after" is the next day.
var rePeriodNext = regexp.MustCompile(`(?:\b(?:the|that|le)\s+|\bl')(year|month|annee|mois)\s+(after|before|following|preceding|apres|avant|d'apres|d'avant|suivant|precedant|qui a suivi|qui a precede)\s*(?:the\s+|le\s+|la\s+|l'|de\s+|du\s+|d')?$`)

// periodNext reads rePeriodNext at the end of before: whether a year (else a month), whether
// after, and where the phrase starts. Its article is required: "combien de mois après X" asks how
// long.
func periodNext(before string) (year, after bool, at int, ok bool) {
	if !strings.Contains(before, "year") && !strings.Contains(before, "month") && !strings.Contains(before, "annee") && !strings.Contains(before, "mois") {
		return false, false, 0, false
	}
	m := rePeriodNext.FindStringSubmatchIndex(before)
	if m == nil {
		return false, false, 0, false
	}
	unit, dir := before[m[2]:m[3]], before[m[4]:m[5]]
	after = dir == "after" || dir == "following" || dir == "apres" || dir == "d'apres" || dir == "suivant" || dir == "qui a suivi"
	return unit == "year" || unit == "annee", after, m[0], true
}

// periodNextSpan is the calendar year or month after the spans' end, or before their start.
func periodNextSpan(s []knowledge.Span, year, after bool) knowledge.Span {
	d := s[0].From.Time()
	if after {
		d = s[len(s)-1].To.Time()
	}
	k := -1
	if after {
		k = 1
	}
	if year {
		y := d.Year() + k
		return yearsExpr(y, y).span
	}
	t := time.Date(d.Year(), d.Month()+time.Month(k), 1, 0, 0, 0, 0, time.UTC)
	return (knowledge.Date{Year: t.Year(), Month: t.Month(), Precision: knowledge.PrecisionMonth}).Span()
}

// yearDash reports whether two years are joined by a dash alone ("1840-1850", "1914 – 1918"): a
// span of years with no "between" before it.
func yearDash(a, b expr, folded string) bool {
	if a.kind != Year || b.kind != Year || a.year >= b.year {
		return false
	}
	sep := strings.TrimSpace(folded[a.end:b.start])
	return sep == "-" || sep == "–"
}

// replaceWithArticle is re.ReplaceAllStringFunc(s, repl) where a match takes the article before
// it with it ("the last week of…", "la première quinzaine…"): the patterns start at their own
// words, which is much cheaper than an optional article first.
func replaceWithArticle(re *regexp.Regexp, s string, repl func(string) string) string {
	ms := re.FindAllStringIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		from := m[0]
		for _, a := range []string{"the ", "la ", "le ", "les "} {
			if k := from - len(a); k >= last && strings.HasSuffix(s[:from], a) && (k == 0 || !isWordByte(s[k-1])) {
				from = k
				break
			}
		}
		out := repl(s[m[0]:m[1]])
		if out == s[m[0]:m[1]] {
			from = m[0] // unchanged: the article stays too
		}
		b.WriteString(s[last:from])
		b.WriteString(out)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// reMonthPartJoin is what joins two parts of months into one range: "de mi-sept à mi-oct", "from
// early october to late november".
var reMonthPartJoin = regexp.MustCompile(`^\s*(?:to|a|au|and|et|until|till|through|thru|-|–|jusqu'a|jusqu'au|jusqu'en|jusqu'a la|jusqu'a)\s*$`)

// monthParts rewrites the parts of months in folded as the ranges of their days (monthPart); two
// joined by "to", "à", "and" ("de mi-sept à mi-oct 2016") are one range, from the first's first day
// to the second's last, rather than a range inside a range.
func monthParts(folded string) string {
	ms := reMonthPart.FindAllStringIndex(folded, -1)
	if ms == nil {
		return folded
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if i+1 < len(ms) && reMonthPartJoin.MatchString(folded[m[1]:ms[i+1][0]]) {
			// "from", "de", "between" before the first are the range's own.
			start := m[0]
			for _, w := range []string{"from ", "de ", "du ", "between ", "entre "} {
				if k := start - len(w); k >= last && strings.HasSuffix(folded[:start], w) && (k == 0 || !isWordByte(folded[k-1])) {
					start = k
					break
				}
			}
			b.WriteString(folded[last:start])
			from, _, name, year1 := monthPartDays(folded[m[0]:m[1]])
			_, to, name2, year := monthPartDays(folded[ms[i+1][0]:ms[i+1][1]])
			// Each side keeps its own year ("de mi-déc 2016 à mi-juillet 2017"); one year at the
			// end is both's ("de mi-sept à mi-oct 2016").
			if year1 != "" && year != "" {
				name += " " + year1
			}
			out := fmt.Sprintf("between %d %s and %d %s", from, name, to, name2)
			if year != "" {
				out += " " + year
			}
			b.WriteString(out)
			last = ms[i+1][1]
			i++
			continue
		}
		b.WriteString(folded[last:m[0]])
		b.WriteString(monthPart(folded[m[0]:m[1]]))
		last = m[1]
	}
	b.WriteString(folded[last:])
	return b.String()
}

// monthPartDays reads a match of reMonthPart: its first and last days, the month as written and
// the year ("" for none).
func monthPartDays(m string) (from, to int, name, year string) {
	sub := reMonthPart.FindStringSubmatch(m)
	month, year := monthNames[sub[2]], sub[3]
	from, to = 1, 10
	switch sub[1] {
	case "mid", "middle of", "mi", "milieu":
		from, to = 11, 20
	case "late", "end of", "fin":
		y := 2001 // a year without 29 February, when the question gives none
		if year != "" {
			y = atoi(year)
		}
		from, to = 21, time.Date(y, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	}
	return from, to, sub[2], year
}

// Named periods every chronology of the 20th century may be asked about, fixed like holidays: the
// world wars and the years between them, in English and French ("WWII", "the First World War", "la
// Seconde Guerre mondiale", "l'entre-deux-guerres", "entre la 1ère et la 2e guerre mondiale").
var (
	worldWars = [3]knowledge.Span{
		{From: knowledge.DayOf(1914, time.July, 28), To: knowledge.DayOf(1918, time.November, 11)},
		{From: knowledge.DayOf(1939, time.September, 1), To: knowledge.DayOf(1945, time.September, 2)},
		{From: knowledge.DayOf(1918, time.November, 12), To: knowledge.DayOf(1939, time.August, 31)}, // between them
	}
	reWorldWar = regexp.MustCompile(`\b(?:(first|1st|second|2nd)\s+world\s+war|world\s+war\s+(ii|i|one|two|1|2)|ww\s?(ii|i|1|2)|` +
		`(premiere|1ere|1re|seconde|deuxieme|2e|2eme|2nde)\s+guerre\s+mondiale|(great\s+war|grande\s+guerre)|` +
		`(interwar(?:\s+period|\s+years)?|entre-deux-guerres|entre\s+deux\s+guerres))\b`)
	// Both, the noun said once: "the first and second world wars", "la 1ère et la 2e guerre mondiale".
	reWorldWars     = regexp.MustCompile(`\b(?:first|1st|premiere|1ere|1re)\s+(?:and|et)\s+(?:the\s+|la\s+)?(?:second|2nd|seconde|deuxieme|2e|2eme|2nde)\s+(?:world\s+wars?|guerres?\s+mondiales?)\b`)
	reBetweenBefore = regexp.MustCompile(`\b(?:between|entre)\s+(?:the\s+|la\s+|les\s+)?$`)
)

// hasWorldWar is a word test before the patterns.
func hasWorldWar(words []string) bool {
	for _, w := range words {
		switch w {
		case "war", "wars", "guerre", "guerres", "ww1", "ww2", "wwi", "wwii", "ww", "interwar":
			return true
		}
	}
	return false
}

// scanWorldWars runs the named periods' patterns.
func scanWorldWars(scan scanner) {
	scan(reWorldWars, func(m []int, s string) (expr, verdict) {
		// "between the first and second world wars" is the years between them; otherwise both.
		e := yearsExpr(1914, 1945)
		e.span = knowledge.Span{From: worldWars[0].From, To: worldWars[1].To}
		e.start, e.end, e.spanSet = m[0], m[1], true
		if k := reBetweenBefore.FindStringIndex(tail(s[:m[0]])); k != nil {
			e.span = worldWars[2]
			e.start = m[0] - len(tail(s[:m[0]])) + k[0]
		}
		return e, date
	})
	scan(reWorldWar, func(m []int, s string) (expr, verdict) {
		i := 0 // the first war
		switch {
		case m[2] >= 0:
			if w := s[m[2]:m[3]]; w == "second" || w == "2nd" {
				i = 1
			}
		case m[4] >= 0:
			if w := s[m[4]:m[5]]; w == "ii" || w == "two" || w == "2" {
				i = 1
			}
		case m[6] >= 0:
			if w := s[m[6]:m[7]]; w == "ii" || w == "2" {
				i = 1
			}
		case m[8] >= 0:
			if w := s[m[8]:m[9]]; !strings.HasPrefix(w, "premiere") && !strings.HasPrefix(w, "1") {
				i = 1
			}
		case m[10] >= 0:
		default:
			i = 2
		}
		e := expr{kind: Range, span: worldWars[i], period: true}
		return e, date
	})
}

// quarterOf is "between" the first and last months of quarter k (1–4) of year y.
func quarterOf(k int, y string) string {
	first := time.Month(3*k - 2)
	return "between " + strings.ToLower(first.String()) + " " + y + " and " + strings.ToLower((first + 2).String()) + " " + y
}

// reQuarter finds a quarter written "Q3 2016", "2016 Q3", "Q3 of 2016".
var reQuarter = regexp.MustCompile(`\bq([1-4])\s*(?:of\s+|-\s*)?([012]\d{3})\b|\b([012]\d{3})\s*-?\s*q([1-4])\b`)

// hasQuarter is a word test before reQuarter.
func hasQuarter(words []string) bool {
	for _, w := range words {
		if len(w) == 2 && w[0] == 'q' && '1' <= w[1] && w[1] <= '4' {
			return true
		}
	}
	return false
}

// quarters rewrites the quarters reQuarter finds.
func quarters(folded string) string {
	return reQuarter.ReplaceAllStringFunc(folded, func(m string) string {
		sub := reQuarter.FindStringSubmatch(m)
		if sub[1] != "" {
			return quarterOf(atoi(sub[1]), sub[2])
		}
		return quarterOf(atoi(sub[4]), sub[3])
	})
}

// reYearMid finds the middle of a year: "mid-2016", "the middle of 2016", "mi-2016", "au milieu de
// l'année 2016", the months May to August, as "the end of 2016" is its December.
var reYearMid = regexp.MustCompile(`\b(?:mid|middle\s+of|mi|milieu\s+de|milieu\s+d')\s*-?\s*(?:l'annee\s+|the\s+year\s+)?([012]\d{3})\b`)

// yearMids rewrites the middles of years reYearMid finds.
func yearMids(folded string) string {
	return reYearMid.ReplaceAllStringFunc(folded, func(m string) string {
		y := reYearMid.FindStringSubmatch(m)[1]
		return "between may " + y + " and august " + y
	})
}

// Years of three digits ("entre 656 et 662", "in 561", "les années 670", "l'an 800") are read only
// of a timeline whose events start before the year 1000, where such a figure is likely a year; they
// are written on four digits ("0656") for the patterns, which read years so. A figure counts as a
// year after a word that introduces one ("en", "in", "between", "vers", "l'an"), or after one that
// may ("de", "to", "et") when nothing but a function word or the end follows it; never before a
// unit ("en 300 jours", "de 100 hommes").
var (
	reThreeDigits = regexp.MustCompile(`(^|[\s(])([1-9]\d{2})(s?)\b`)
	// Words as textproc.Words splits them: "l'an" is "l", "an"; "jusqu'en" is "jusqu", "en".
	strongYearCtx = set("en in an year years annee annees between entre vers around circa c since depuis before avant after apres until till by during pendant des")
	weakYearCtx   = set("de du a au to from et and the les or ou")
)

// countUnits are what a figure before them counts: no year.
var countUnits = set("jours jour days day ans an years year annees mois months month semaines weeks heures hours minutes km kilometres miles metres meters hommes men soldats soldiers personnes people ppl morts dead victimes kg livres pounds francs euros dollars pages exemplaires copies fois times")

// earlyYears rewrites the three-digit years of folded text on four digits.
func earlyYears(folded string) string {
	var edits []edit
	for _, m := range reThreeDigits.FindAllStringSubmatchIndex(folded, -1) {
		before, after := textproc.Words(folded[:m[4]]), textproc.Words(folded[m[1]:])
		prev, next := "", ""
		if len(before) > 0 {
			prev = before[len(before)-1]
		}
		if len(after) > 0 {
			next = after[0]
		}
		decade := m[7] > m[6]
		switch {
		case countUnits[next]:
			continue
		case strongYearCtx[prev]:
		case decade && (prev == "the" || prev == "annees"):
		case weakYearCtx[prev] && (next == "" || textproc.IsStopWord(next) || strongYearCtx[next]):
		default:
			continue
		}
		edits = append(edits, edit{m[4], m[5], "0" + folded[m[4]:m[5]]})
	}
	return applyEdits(folded, edits)
}

// A ruler's number after the name ("dagobert 1er", "sigebert 3", "louis 16", "sigebert I") is part
// of the name, as the timeline writes it ("Dagobert Ier", "Sigebert III", "Louis XVI"): never "the
// first", never a day. It is rewritten the timeline's way when the timeline has that actor.
var reRegnal = regexp.MustCompile(`\b([a-z]{3,})\s+(\d{1,2}|1er|1re|ier|ire|[ivx]{1,5})\b`)

var romans = [...]string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"}

// hasRegnalNumber is a word test before reRegnal: a word that may be a ruler's number, after
// another.
func hasRegnalNumber(words []string) bool {
	for i, w := range words {
		// A name of three letters or more stands before it ("le 9 novembre" has none).
		if i == 0 || len(w) > 5 || len(words[i-1]) < 3 || textproc.IsStopWord(words[i-1]) {
			continue
		}
		switch {
		case w == "1er" || w == "1re" || w == "ier" || w == "ire":
			return true
		case len(w) <= 2 && w[0] >= '1' && w[0] <= '9':
			return true
		case strings.Trim(w, "ivx") == "":
			return true
		}
	}
	return false
}

// regnalNumbers rewrites rulers' numbers in folded text the way the timeline's actors write them.
func regnalNumbers(folded string, cal *knowledge.Timeline) string {
	var edits []edit
	for _, m := range reRegnal.FindAllStringSubmatchIndex(folded, -1) {
		name, num := folded[m[2]:m[3]], folded[m[4]:m[5]]
		n := 0
		switch {
		case num == "1er" || num == "1re" || num == "ier" || num == "ire":
			n = 1
		case num[0] >= '0' && num[0] <= '9':
			n = atoi(num)
		default:
			for i, r := range romans {
				if r == num {
					n = i
				}
			}
		}
		if n <= 0 || n >= len(romans) {
			continue
		}
		forms := []string{romans[n]}
		if n == 1 {
			forms = []string{"ier", "i", "ire"}
		}
		for _, f := range forms {
			phrase := name + " " + f
			if f == num {
				break // already the timeline's way, or none of it
			}
			if named := cal.MentionedActors(phrase); len(named) == 1 && named[0].At == 0 && named[0].Len == len(phrase) {
				edits = append(edits, edit{m[4], m[5], f})
				break
			}
		}
	}
	return applyEdits(folded, edits)
}

// reNthWeekday finds "the 2nd wednesday of oct 2016", "the last friday in june '16", "le 2e
// mercredi d'octobre 2016": a day named by its rank among the month's days of that name. The year
// is required (four digits, or two after an apostrophe, read in the timeline's centuries).
var reNthWeekday = regexp.MustCompile(`\b(?:the\s+|le\s+|la\s+)?(1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last|1er|1ere|premier|premiere|2e|2eme|deuxieme|3e|3eme|troisieme|4e|4eme|quatrieme|5e|5eme|cinquieme|dernier|derniere)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?:of|in|de|d'|du mois de|en)\s*([a-z]+)\.?\s+(\d{4}|'?\d{2})\b`)

var nthRanks = map[string]int{"1st": 1, "first": 1, "1er": 1, "1ere": 1, "premier": 1, "premiere": 1,
	"2nd": 2, "second": 2, "2e": 2, "2eme": 2, "deuxieme": 2, "3rd": 3, "third": 3, "3e": 3, "3eme": 3, "troisieme": 3,
	"4th": 4, "fourth": 4, "4e": 4, "4eme": 4, "quatrieme": 4, "5th": 5, "fifth": 5, "5e": 5, "5eme": 5, "cinquieme": 5,
	"last": -1, "dernier": -1, "derniere": -1}

var weekdayOf = map[string]time.Weekday{"monday": time.Monday, "mon": time.Monday, "lundi": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday, "mardi": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "mercredi": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thurs": time.Thursday, "jeudi": time.Thursday,
	"friday": time.Friday, "fri": time.Friday, "vendredi": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday, "samedi": time.Saturday,
	"sunday": time.Sunday, "sun": time.Sunday, "dimanche": time.Sunday}

// hasNthWeekday is a cheap test for the words reNthWeekday needs: a weekday's name and a rank.
func hasNthWeekday(words []string) bool {
	day, rank := false, false
	for _, w := range words {
		_, d := weekdayOf[w]
		_, r := nthRanks[w]
		day, rank = day || d, rank || r
	}
	return day && rank
}

// nthWeekdays rewrites each "nth weekday of month year" as the day it is ("12 october 2016"), for
// the day patterns to read; a fifth that the month lacks is left as it is.
func nthWeekdays(folded string, cal *knowledge.Timeline) string {
	return reNthWeekday.ReplaceAllStringFunc(folded, func(m string) string {
		sub := reNthWeekday.FindStringSubmatch(m)
		month, ok := monthNames[sub[3]]
		if !ok {
			return m
		}
		y := 0
		// "The 3rd friday of oct 16": after a month's weekday by rank, two figures are a year,
		// never a day, with or without the apostrophe.
		if strings.HasPrefix(sub[4], "'") {
			y = centuryOf(atoi(sub[4][1:]), cal)
		} else if len(sub[4]) == 2 {
			y = centuryOf(atoi(sub[4]), cal)
		} else {
			y = atoi(sub[4])
		}
		if y == 0 {
			return m
		}
		var d time.Time
		if n := nthRanks[sub[1]]; n > 0 {
			d = nthWeekday(y, month, weekdayOf[sub[2]], n)
		} else {
			// The last: the first of next month's week back from its first day.
			d = nthWeekday(y, month+1, weekdayOf[sub[2]], 1).AddDate(0, 0, -7)
		}
		if d.Month() != month {
			return m
		}
		return fmt.Sprintf("%d %s %d", d.Day(), sub[3], d.Year())
	})
}
