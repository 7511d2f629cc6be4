package question

import (
	"regexp"
	"strings"
	"time"

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
	reMonthYearNum = regexp.MustCompile(`\b(\d{1,2})([-/.])([12]\d{3})\b`)
	reYearMonthNum = regexp.MustCompile(`\b([12]\d{3})([-/.])(\d{1,2})\b`)
	// A day and a month with a dot and no year: "21.10", "21.10.".
	reDottedNoYear = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\b`)
)

// dottedLead are the words after which "21.10" is a date rather than a number ("Firefox 3.5", "3.5
// million"): prepositions and articles that introduce a day.
var dottedLead = set("le on the du au since depuis until till before after avant apres jusqu'au entre between et and to from de des " +
	"dated date du au a partir")

// twoDigitYear reads a year written by its last two digits: the century the timeline has it in, or
// else this century.
func twoDigitYear(yy int, cal *knowledge.Timeline) int {
	if y := centuryOf(yy, cal); y > 0 {
		return y
	}
	return 2000 + yy
}

// yearOf reads a year group of two or four digits.
func yearOf(s string, cal *knowledge.Timeline) int {
	if len(s) == 2 {
		return twoDigitYear(atoi(s), cal)
	}
	return atoi(s)
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
func dottedDate(s string, start, end int) bool {
	if start > 0 && (s[start-1] == '.' || s[start-1] == ',') || end+1 < len(s) && (s[end] == '.' || s[end] == ',') && isDigit(s[end+1]) {
		return false
	}
	if end < len(s) && s[end] == '.' {
		return true
	}
	return dottedLead[lastWord(s[:start])]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

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
		return dayExpr(yearOf(s[m[6]:m[7]], cal), month, atoi(s[m[4]:m[5]]))
	})
	scan(reDayNamedMonth, func(m []int, s string) (expr, verdict) {
		month, ok := monthNames[s[m[4]:m[5]]]
		if !ok {
			return expr{}, notDate
		}
		y := 0
		if m[6] >= 0 {
			y = yearOf(s[m[6]:m[7]], cal)
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
			if sep == "-" && m[7]-m[6] == 2 && (mo < 1 || mo > 12) {
				// "1914-18", "2016-17": a span of years, the second by its last two digits; "2016-13"
				// is ISO's form with a month that does not exist.
				if to := y/100*100 + mo; to > y {
					return yearsExpr(y, to), date
				}
				return expr{}, impossible
			}
			return monthYear(mo, y, sep, m[7]-m[6])
		})
	}
	if runs >= 2 && strings.Contains(folded, ".") {
		scan(reDottedNoYear, func(m []int, s string) (expr, verdict) {
			if !dottedDate(s, m[0], m[1]) {
				return expr{}, notDate
			}
			day, month := dayMonthOrder(atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), 0, lang, cal)
			if e, v := dayExpr(0, time.Month(month), day); v == date {
				return e, v
			}
			return expr{}, notDate
		})
	}
}
