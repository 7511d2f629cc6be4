// Package question turns a question typed by a person, in English or French, into what the
// knowledge search needs: the question's language, the dates or spans it asks about (absolute dates in
// any common form, months, years, ranges, and anchors the timeline defines such as "the day after the
// election"), whether it asks for the first or last event, and the words left to rank events by.
//
// Parsing is a set of patterns over the accent-folded question, each consuming the text it matched so
// that later patterns cannot read it twice. A year left out resolves against the timeline's own span.
package question

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	// Inclusive is true when an open range takes in the date it is open to or from ("until X",
	// "since X", "before X, what had…").
	Inclusive bool
	Order     Order
	// Rest is the question with its date expressions removed: the words to rank events by.
	Rest string
	// Invalid is a date the question writes that does not exist ("31 february 2016", "13/13/2016"),
	// folded; empty when there is none. Such a date is not read as a date, nor as a month or year.
	Invalid string
	// Clock is the time of day the question names, if any ("à 15h30", "between 2pm and 4pm").
	Clock Clock
	// SourceRef says the question points at the source as a whole ("in the article", "que cite
	// l'article", "the article talks about"): its first or last is of everything the source
	// tells, background included.
	SourceRef bool
	// AsksDay says the question asks for a day or a time of day ("what day", "quel jour", "à quelle
	// heure"): an event the source dates only to its month or year cannot answer it.
	AsksDay bool
}

var (
	monthNames = buildMonthNames()
	// Abbreviations and words that are also ordinary words ("may", "mars", "sept") only count as months
	// next to a number or after "in"/"en".
	// "March" too: "the women's march", "why did they march on versailles".
	weakMonths = map[string]bool{"may": true, "march": true, "mars": true, "sept": true, "mar": true, "jun": true, "jul": true, "aug": true, "dec": true, "oct": true, "nov": true, "jan": true, "feb": true, "apr": true, "sep": true, "avr": true, "fev": true, "janv": true, "juil": true, "dece": true}
)

// MonthOf returns the month a folded word names ("december", "dec", "decembre"), or 0.
func MonthOf(w string) time.Month { return monthNames[w] }

// MonthWords returns the folded words that name month m, in English and French, abbreviations too,
// in no particular order. The slice is shared: callers must not modify it.
func MonthWords(m time.Month) []string {
	if m < 1 || m > 12 {
		return nil
	}
	return monthWords[m]
}

// monthWords is monthNames by month, read once rather than the whole map for every dated question.
var monthWords = func() (out [13][]string) {
	for w, m := range monthNames {
		out[m] = append(out[m], w)
	}
	for m := range out {
		slices.Sort(out[m])
	}
	return out
}()

// IsDateWord reports whether a folded word names a month or a day of the week, in English or
// French ("december", "dec", "mardi"): capitalized in a question, it is no name of a thing.
func IsDateWord(w string) bool {
	if _, ok := monthNames[w]; ok {
		return true
	}
	return weekdays[w]
}

// weekdayBefore finds the name of a day of the week that ends right before at (spaces and a comma
// apart): the offsets in work from its start to at.
func weekdayBefore[T ~string | ~[]byte](work T, at int) (from, to int, ok bool) {
	to = at
	for to > 0 && (work[to-1] == ' ' || work[to-1] == ',') {
		to--
	}
	// "dim. 9 oct.": a French day's abbreviation takes its full stop.
	dot := to > 0 && work[to-1] == '.'
	if dot {
		to--
	}
	from = to
	for from > 0 && work[from-1] >= 'a' && work[from-1] <= 'z' {
		from--
	}
	if w := string(work[from:to]); from == to || !weekdays[w] && !(dot && frDayAbbrevs[w]) {
		return 0, 0, false
	}
	return from, at, true
}

// frDayAbbrevs are French days of the week as abbreviated, with a full stop ("dim.", "ven."):
// without one, "mer" and "sam" are words.
var frDayAbbrevs = set("lun mar mer jeu ven sam dim")

var weekdays = set("monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun " +
	"lundi mardi mercredi jeudi vendredi samedi dimanche")

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

var (
	// Each pattern matches on the folded question; \b is fine since folding leaves ASCII letters.
	// Month names are matched as any word and checked against monthNames afterwards: an alternation
	// of every month name makes each pattern several times slower.
	reISO           = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)                       // 2016-11-09, 2016/11/09, 2016.11.09
	reCompactISO    = regexp.MustCompile(`\b(1[5-9]\d{2}|20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\b`) // 20160920
	reNumericNoYear = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})\b`)
	reNumeric       = regexp.MustCompile(`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{3}|\d{2})\b`) // three figures: a year before 1000 ("23/12/679")
	reDayMonth      = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th|er|re|eme|e)?\s+(?:of\s+|de\s+)?([a-z]+)\.?(?:(?:\s*,\s*|\s+)(\d{4}))?\b`)
	reDayRange      = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th|er|re|eme|e)?\s*(?:-|–|to|and|et|or|ou|au|a|until|till|through|thru)\s*(?:the\s+|le\s+)?(\d{1,2})(?:st|nd|rd|th|er|re|eme|e)?\s+(?:of\s+|de\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?\b`)
	// Anchored at a month's name: scanMonths tries them only where a word is one.
	reMonthDayAt  = regexp.MustCompile(`^([a-z]+)\.?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:(?:\s*,\s*|\s+)(\d{4}))?\b`)
	reMonthYearAt = regexp.MustCompile(`^([a-z]+)\.?(?:\s+(?:of\s+)?(\d{4}))?\b`)
	reYear        = regexp.MustCompile(`\b([012]\d{3})\b`)
	// The phrases that ask for the first or the last; the leftmost in the question is the one
	// consumed.
	firstPhrases = []string{"first", "earliest", "oldest", "very first", "premier", "premiere", "tout premier", "initial", "1st", "1er", "1ere", "1re",
		"plus ancien", "plus ancienne", "plus vieux", "plus vieille", "plus lointain"}
	lastPhrases = []string{"last", "latest", "newest", "most recent", "final", "dernier", "derniere", "plus recent", "plus recente"}
	// Words that make firstPhrases and lastPhrases worth looking for.
	firstWords = map[string]bool{"first": true, "earliest": true, "oldest": true, "premier": true, "premiere": true, "initial": true,
		"1st": true, "1er": true, "1ere": true, "1re": true, "ancien": true, "ancienne": true, "vieux": true, "vieille": true, "lointain": true}
	lastWords = map[string]bool{"last": true, "latest": true, "newest": true, "recent": true, "final": true, "dernier": true, "derniere": true, "recente": true}

	reSourceRef = regexp.MustCompile(`\b(according to|in|from|per|d'apres|selon|dans|throughout|across|of|de)\s+(?:(?:the|this|l'|le|la|cet|cette|ce)\s*(?:whole|entire|full)?\s*|(?:tout|toute)\s+(?:l'|le|la|cet|cette|ce)\s*)(article|source|text|texte|timeline|chronology|chronologie|chrono|story|piece|report)\b(?:\s+(?:entier|entiere))?|\bin this (timeline|chronology|article)\b` +
		// "Dans cette histoire": with the demonstrative, the story told, not history.
		`|\b(?:dans|de|d'apres|selon)\s+cette\s+histoire\b` +
		// "que cite l'article", "the article mentions", "mentioned in the article": the source
		// as the one that tells, not what it tells of.
		`|\b(?:(?:que|qu'|that|which)\s*)?(?:cite|citent|mentionne|mentionnent|evoque|cites|mentions|mentioned|quotes|brings up|talks about)\s+(?:l'|le |la |the )\s*(?:article|texte|text|source|chronologie|timeline)\b` +
		`|\b(?:l'|the )\s*(?:article|texte|text|source|chronologie|timeline)\s+(?:cite|mentionne|evoque|cites|mentions|quotes|brings up|talks about)\b`)
	// "What day", "which year", "en quelle année", "à quelle heure": the noun names what is asked
	// (a date), not what the question is about; left in, "day" finds "D-Day" and "year" every
	// event that counts years.
	reOpeningDate = regexp.MustCompile(`^\s*(?:(?:the|la|le)\s+)?(?:(?:exact|precise|exacte)\s+)?dates?(?:\s+(?:exacte|precise|exact))?\b(?:\s+(?:pls|plz|stp|svp|please))?(?:\s+(?:of|de|du|d'|when|that|ou))?\b`)
	reClosingDate = regexp.MustCompile(`[,;:-]?\s*(?:the\s+|la\s+)?(?:exact|precise|exacte)\s+(?:date|day|jour)(?:\s+(?:exacte|precise))?(?:\s+(?:pls|plz|please|stp|svp))?\s*[?!.]*\s*$|[,;:-]?\s*(?:la\s+)?date\s+(?:exacte|precise)(?:\s+(?:pls|plz|please|stp|svp))?\s*[?!.]*\s*$`)
	reAskedUnit   = regexp.MustCompile(`\b(?:what|which|wat|wich|wht|whut|quel|quelle|quels|quelles|kel|kelle)\s+(day|date|year|yr|month|time|jour|annee|mois|heure)s?\b`)
	reOrderIdiom  = regexp.MustCompile(`\b(in the first place|at first|first of all|first and foremost|at last|at long last|last but not least|en premier lieu|au premier abord|en dernier lieu|en derniere analyse)\b`)
	reBetween     = regexp.MustCompile(`\b(between|entre|from|du|de|des|les annees|des annees|the years)\s*(?:the\s+|le\s+)?$`)
	reAnd         = regexp.MustCompile(`^(?:st|nd|rd|th|er|re|eme|e)?\s*(and|et|to|until|till|through|thru|au|a|jusqu'au|->|=>|→|-|–)\s*(?:the\s+|le\s+)?$`)
	reBefore      = regexp.MustCompile(`\b(before|prior to|until|till|up to|avant|jusqu'a|jusqu'au|jusqu'en)\s*(?:the\s+|le\s+)?$`)
	reAfter       = regexp.MustCompile(`\b(after|since|following|apres|depuis|a partir du|a partir des|a partir de)\s*(?:the\s+|le\s+)?$`)
	reDayAfter    = regexp.MustCompile(`\b(the\s+)?(day|morning)\s+after\s*$|\b(le\s+)?lendemain\s+(de|du|d')?\s*$`)
	reTwoDaysOff  = regexp.MustCompile(`\b(?:le\s+|l'\s*|la\s+)?(surlendemain|avant-veille|avant veille)\s+(?:de|du|d')?\s*$`)
	reDayBefore   = regexp.MustCompile(`\b(the\s+)?(day|eve)\s+before\s*$|\b(la\s+)?veille\s+(de|du|d')?\s*$`)
	reDayOf       = regexp.MustCompile(`\b(on|le|du|au)\s*$`)
	reInMonthCtx  = regexp.MustCompile(`\b(in|en|during|pendant|of|de|d'|between|from|entre|since|until|till|depuis|early|late|mid|last|next|this|before|after|by|through|avant|apres|fin|debut)\s*$`)
)

// A part of a month ("early October 2016", "mi-décembre", "fin oct.") becomes the range of its
// days: the first ten, the next ten, the rest, which the range patterns read.
var reMonthPart = regexp.MustCompile(`\b(early|beginning of|start of|mid|middle of|late|end of|debut|mi|milieu|fin)(?:\s*-\s*|\s+de\s+|\s+d'|\s+)(` +
	monthAlternation() + `)\b\.?(?:\s+(\d{4}))?`)

// mayBeOrderIdiom is a substring test before reOrderIdiom: each idiom has one of these.
func mayBeOrderIdiom(folded string) bool {
	for _, k := range []string{"place", "at first", "at last", "at long", "of all", "foremost", "least", "lieu", "abord", "analyse"} {
		if strings.Contains(folded, k) {
			return true
		}
	}
	return false
}

// askedUnits are the words reAskedUnit needs one of, tested word by word first.
// unitAskers are the question words reAskedUnit puts before a unit.
var unitAskers = set("what which wat wich wht whut quel quelle quels quelles kel kelle")

var askedUnits = set("day days date dates year years yr yrs month months time times jour jours annee annees mois heure heures")

// reStoryEnd is "dans l'histoire", "de l'histoire racontée" ending a question.
var reStoryEnd = regexp.MustCompile(`\b(?:dans|de)\s+l'histoire(?:\s+racontee)?\s*\??\s*$`)

// sourceNouns are the words reSourceRef needs one of: a word test before it, whose leading
// alternatives ("in", "from") would otherwise start a match at every other word of every question.
var sourceNouns = set("article source text texte timeline chronology chronologie chrono story piece report histoire")

// hasMonthPart is a word test before reMonthPart, which every question would otherwise pay for.
func hasMonthPart(words []string) bool {
	for _, w := range words {
		switch w {
		case "early", "beginning", "start", "mid", "middle", "late", "end", "debut", "mi", "milieu", "fin":
			return true
		}
	}
	return false
}

func monthAlternation() string {
	names := make([]string, 0, len(monthNames))
	for n := range monthNames {
		names = append(names, n)
	}
	// Longest first, so that "october" is not read as "oct".
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	return strings.Join(names, "|")
}

func monthPart(m string) string {
	from, to, month, year := monthPartDays(m)
	name := month
	if year != "" {
		name += " " + year
	}
	return fmt.Sprintf("between %d %s and %d %s", from, month, to, name)
}

// Written-out dates: ordinal words before a month ("the twelfth of October", "le premier
// novembre") become numbers, and the ends of a year ("the end of 2016", "début 2017") its first or
// last month, so the numeric patterns read them.
var (
	reYearEnd    = regexp.MustCompile(`\b(?:the\s+)?(end|late|fin|beginning|start|early|debut)(?:\s+of|\s+de|\s+d')?\s+(?:l'annee\s+|the\s+year\s+)?([012]\d{3})\b`)
	ordinalWords = func() map[string]int {
		m := map[string]int{}
		en := strings.Fields("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth")
		for i, w := range en {
			m[w] = i + 1
		}
		for i, w := range strings.Fields("first second third fourth fifth sixth seventh eighth ninth") {
			m["twenty-"+w], m["twenty "+w] = 21+i, 21+i
		}
		m["thirtieth"], m["thirty-first"], m["thirty first"] = 30, 31, 31
		m["premier"], m["1er"] = 1, 1
		fr := strings.Fields("deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize")
		for i, w := range fr {
			m[w] = i + 2
		}
		m["vingt"], m["trente"], m["trente et un"] = 20, 30, 31
		return m
	}()
)

// wordMonths are the months' names and abbreviations that are also common words.
var wordMonths = map[string]bool{"may": true, "mars": true, "sept": true, "mar": true}

var reOrdinalDay = func() *regexp.Regexp {
	words := make([]string, 0, len(ordinalWords))
	for w := range ordinalWords {
		words = append(words, regexp.QuoteMeta(w))
	}
	// Longest first, so "twenty-first" wins over "first".
	sort.Slice(words, func(i, j int) bool {
		return len(words[i]) > len(words[j]) || len(words[i]) == len(words[j]) && words[i] < words[j]
	})
	return regexp.MustCompile(`\b(?:the\s+)?(` + strings.Join(words, "|") + `)\s+(?:of\s+|de\s+)?([a-z]+)\b`)
}()

// Fixed-date holidays, in English and French, as the day they fall on.
var holidays = []struct {
	re   *regexp.Regexp
	day  string
	hint string // a substring the question must contain for the pattern to be worth running
}{
	{regexp.MustCompile(`\b(christmas eve|veille de noel|reveillon de noel)\b`), "24 december", "e"},
	{regexp.MustCompile(`\b(christmas day|christmas|xmas|noel|jour de noel)\b`), "25 december", ""},
	{regexp.MustCompile(`\b(new year'?s eve|saint[- ]sylvestre|la saint-sylvestre|reveillon du nouvel an)\b`), "31 december", ""},
	{regexp.MustCompile(`\b(new year'?s day|new year'?s|jour de l'an|nouvel an)\b`), "1 january", ""},
	{regexp.MustCompile(`\b(halloween)\b`), "31 october", "halloween"},
	{regexp.MustCompile(`\b(valentine'?s day|saint[- ]valentin)\b`), "14 february", "valentin"},
	{regexp.MustCompile(`\b(independence day|fourth of july|4th of july)\b`), "4 july", ""},
	{regexp.MustCompile(`\b(bastille day|fete nationale)\b`), "14 july", ""},
	{regexp.MustCompile(`\b(all saints'? day|toussaint)\b`), "1 november", "saint"},
	{regexp.MustCompile(`\b(armistice day|veterans day|jour de l'armistice)\b`), "11 november", ""},
}

// hasEventOn reports whether the timeline has an event dated that day (y 0: in any of its years).
func hasEventOn(cal *knowledge.Timeline, y int, m time.Month, d int) bool {
	if m < 1 || m > 12 || d < 1 || cal == nil {
		return false
	}
	// An event dated only by its month or year is on no day in particular: it decides nothing.
	found := false
	for _, s := range spansOf(expr{kind: ExactDay, year: y, month: m, day: d}, cal) {
		cal.EachInSpan(s, func(e *knowledge.Event) bool {
			found = e.Date.Precision == knowledge.PrecisionDay
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// Holidays whose day moves with the year, read only when the question writes the year: "from
// labor day to halloween 2016" is from 5 September 2016.
var (
	reMovableHoliday = regexp.MustCompile(`\b(labou?r day|thanksgiving(?: day)?|memorial day|columbus day|(?:martin luther king|mlk)(?: jr\.?)? day|president'?s'? day|good friday|vendredi saint|easter monday|lundi de paques|easter(?: sunday)?|paques|le jour de paques|pentecost|whit sunday|pentecote|ash wednesday|mercredi des cendres|mardi gras|shrove tuesday)\b`)
	reYearIn         = regexp.MustCompile(`\b([12]\d{3})\b`)
)

// movableHolidays rewrites the movable holidays of folded text as their day in the one year the
// question writes; with no year or several, it leaves them.
// reHolidayOfYear is a movable holiday's name, "de" and a year.
var reHolidayOfYear = regexp.MustCompile(`\b(paques|pentecote|vendredi saint|lundi de paques|mercredi des cendres|mardi gras)\s+(?:de|d')\s*([12]\d{3})\b`)

// movableHints are words each movable holiday's name has one of: most questions have none.
var movableHints = set("labor labour memorial thanksgiving easter paques columbus king mlk president presidents good saint pentecost whit pentecote ash cendres mardi shrove")

func movableHolidays(folded string, words []string, cal *knowledge.Timeline) string {
	// A word each holiday's name has, looked up first ("day" alone is in most English questions).
	if !slices.ContainsFunc(words, func(w string) bool { return movableHints[w] }) {
		return folded
	}
	if !reMovableHoliday.MatchString(folded) {
		return folded
	}
	// The year is the question's own, written in full or by its last two digits ("thanksgiving
	// '16", read in the timeline's century); two different years leave the holiday unread.
	y := 0
	if years := reYearIn.FindAllString(folded, -1); len(years) > 0 {
		if slices.ContainsFunc(years, func(y string) bool { return y != years[0] }) {
			return folded
		}
		y = atoi(years[0])
	} else if m := reShortYear.FindAllStringSubmatch(folded, -1); len(m) > 0 {
		if slices.ContainsFunc(m, func(x []string) bool { return x[1] != m[0][1] }) {
			return folded
		}
		y = twoDigitYear(atoi(m[0][1]), cal)
	}
	if y == 0 {
		return folded
	}
	// "la pentecôte de 2017": the French "de" before the year goes with the holiday's name.
	folded = reHolidayOfYear.ReplaceAllString(folded, "$1 $2")
	return reMovableHoliday.ReplaceAllStringFunc(folded, func(name string) string {
		var d time.Time
		switch {
		case strings.HasPrefix(name, "lab"): // the first Monday of September
			d = nthWeekday(y, time.September, time.Monday, 1)
		case strings.HasPrefix(name, "thanks"): // the fourth Thursday of November
			d = nthWeekday(y, time.November, time.Thursday, 4)
		case strings.HasPrefix(name, "memorial"): // the last Monday of May
			d = nthWeekday(y, time.June, time.Monday, 1).AddDate(0, 0, -7)
		case strings.HasPrefix(name, "columbus"): // the second Monday of October
			d = nthWeekday(y, time.October, time.Monday, 2)
		case strings.HasPrefix(name, "martin") || strings.HasPrefix(name, "mlk"): // the third Monday of January
			d = nthWeekday(y, time.January, time.Monday, 3)
		case strings.HasPrefix(name, "president"): // the third Monday of February
			d = nthWeekday(y, time.February, time.Monday, 3)
		case name == "good friday" || name == "vendredi saint":
			d = easter(y).AddDate(0, 0, -2)
		case name == "easter monday" || name == "lundi de paques":
			d = easter(y).AddDate(0, 0, 1)
		case name == "pentecost" || name == "whit sunday" || name == "pentecote":
			d = easter(y).AddDate(0, 0, 49)
		case name == "ash wednesday" || name == "mercredi des cendres":
			d = easter(y).AddDate(0, 0, -46)
		case name == "mardi gras" || name == "shrove tuesday":
			d = easter(y).AddDate(0, 0, -47)
		default:
			d = easter(y)
		}
		return fmt.Sprintf("%d %s", d.Day(), strings.ToLower(d.Month().String()))
	})
}

// nthWeekday is the nth given weekday of a month.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) time.Time {
	d := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	d = d.AddDate(0, 0, (int(wd)-int(d.Weekday())+7)%7)
	return d.AddDate(0, 0, 7*(n-1))
}

// easter is Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// holidayHints are words one of which every holiday name has: most questions have none, and
// then no holiday pattern runs.
var holidayHints = set("christmas xmas noel year years sylvestre an halloween valentine valentines valentin independence july bastille nationale saint saints toussaint armistice veterans")

// OnFromAsAfter rewrites "N days on from X" in folded text as "N days after X", the form the
// relative patterns read; the rewrite starts after the count, so offsets before it hold.
func OnFromAsAfter(folded string) string {
	folded = compoundOffsets(folded)
	if !strings.Contains(folded, " on from ") {
		return folded
	}
	return reOnFrom.ReplaceAllString(folded, "$1 after ")
}

// compoundOffsets rewrites "3 weeks and 1 day", "3 semaines et 1 jour" as "22 days", and "1 year
// and 2 months" as "14 months": one count the offset patterns read.
func compoundOffsets(folded string) string {
	if !strings.Contains(folded, " and ") && !strings.Contains(folded, " et ") {
		return folded
	}
	if !strings.Contains(folded, "week") && !strings.Contains(folded, "semaine") && !strings.Contains(folded, "year") &&
		!strings.Contains(folded, "yr") && !strings.Contains(folded, " ans") && !strings.Contains(folded, "annee") {
		return folded
	}
	return reCompound.ReplaceAllStringFunc(folded, func(m string) string {
		g := reCompound.FindStringSubmatch(m)
		a, b := countOf(g[1]), countOf(g[4])
		if a <= 0 || b <= 0 {
			return m
		}
		big, small := g[2], g[5]
		switch {
		case strings.HasPrefix(big, "week") || strings.HasPrefix(big, "semaine"):
			if !strings.HasPrefix(small, "day") && !strings.HasPrefix(small, "jour") {
				return m
			}
			return strconv.Itoa(7*a+b) + " days"
		default: // years and months
			if !strings.HasPrefix(small, "month") && small != "mois" {
				return m
			}
			return strconv.Itoa(12*a+b) + " months"
		}
	})
}

// countOf reads a count in figures or as a small number's word; 0 when it is neither.
func countOf(w string) int {
	if n, err := strconv.Atoi(w); err == nil {
		return n
	}
	if n, ok := offsetWords[w]; ok {
		return n
	}
	if w == "a" || w == "an" {
		return 1
	}
	return 0
}

// reCompound is a count of weeks and days, or of years and months.
var reCompound = regexp.MustCompile(`\b(\d+|[a-z]+)\s+(weeks?|semaines?|years?|yrs?|ans|annees?)\s+(and|et)\s+(\d+|[a-z]+)\s+(days?|jours?|months?|mois)\b`)

// onceOverAsAfter rewrites "once X was over", "une fois X passé" in folded text as "after X",
// "apres X": what came after X.
func onceOverAsAfter(folded string) string {
	if strings.Contains(folded, "once ") {
		folded = reOnceOver.ReplaceAllString(folded, "after $1")
	}
	if strings.Contains(folded, "une fois ") {
		folded = reUneFois.ReplaceAllString(folded, "apres $1")
	}
	return folded
}

var (
	reOnceOver = regexp.MustCompile(`\bonce\s+((?:\S+\s+){0,5}?\S+)\s+(?:was|were|had been|had|is|are)\s+(?:over|done|finished|past|gone)\b`)
	reUneFois  = regexp.MustCompile(`\bune fois\s+(?:que\s+)?((?:\S+\s+){0,5}?\S+)\s+(?:passee?s?|terminee?s?|finie?s?|ecoulee?s?)\b`)
)

// reOnFrom is "N days on from X": N days after X.
var reOnFrom = regexp.MustCompile(`\b(days?|weeks?|months?|years?|yrs?|mos|decades?)\s+on\s+from\s+`)

// normalizeDateWords rewrites holidays, parts of months and ordinal days as the date patterns read
// them. It takes folded text with its words and returns the rewritten text with its words, split
// again only when the text changed: a question is split once when nothing in it needs rewriting.
func normalizeDateWords(folded string, words []string, cal *knowledge.Timeline) (string, []string) {
	original := folded
	hinted := slices.ContainsFunc(words, func(w string) bool { return holidayHints[w] })
	for _, h := range holidays {
		if !hinted {
			break
		}
		if strings.Contains(folded, h.day) || h.hint != "" && !strings.Contains(folded, h.hint) {
			continue
		}
		folded = h.re.ReplaceAllString(folded, h.day)
	}
	folded = movableHolidays(folded, words, cal)
	// "4 days on from the launch" is 4 days after it.
	folded = OnFromAsAfter(folded)
	// "once halloween '16 was over", "une fois la guerre terminée": after it.
	folded = onceOverAsAfter(folded)
	if folded != original {
		words, original = textproc.Words(folded), folded
	}
	// "the last week of sept 2016", "la première quinzaine d'octobre", "the first two weeks of
	// october": forms.go.
	if hasWeekPart(words) {
		folded = replaceWithArticle(reWeekOfMonth, folded, weekOfMonth)
	}
	if hasQuarter(words) {
		folded = quarters(folded) // "Q3 2016": forms.go
	}
	if hasDaysOfMonth(words) {
		for _, re := range []*regexp.Regexp{reDaysOfMonthEn, reDaysOfMonthFr} {
			folded = replaceWithArticle(re, folded, daysOfMonth(re))
		}
	}
	if folded != original {
		words, original = textproc.Words(folded), folded
	}
	part := hasMonthPart(words)
	if part && reMonthPart.MatchString(folded) {
		folded = monthParts(folded)
	}
	if part && strings.ContainsAny(folded, "0123456789") && reYearMid.MatchString(folded) {
		folded = yearMids(folded) // "mid-2016": forms.go
	}
	if part && strings.ContainsAny(folded, "0123456789") && reYearEnd.MatchString(folded) {
		folded = reYearEnd.ReplaceAllStringFunc(folded, func(m string) string {
			sub := reYearEnd.FindStringSubmatch(m)
			switch sub[1] {
			case "end", "late", "fin":
				return "december " + sub[2]
			}
			return "january " + sub[2]
		})
	}
	// "the nineties", "les années quatre-vingt-dix": forms.go.
	if hasDecadeWord(words) {
		folded = decadeWords(folded)
	}
	// "the nineteenth century", "le dix-neuvième siècle": forms.go.
	if strings.Contains(folded, "century") || strings.Contains(folded, "centuries") || strings.Contains(folded, "siecle") {
		folded = centuryWords(folded)
	}
	// "eighteen fifty-four", "nineteen oh five", "twenty sixteen": a year said in words.
	if spokenYearStart(words) {
		folded = replaceSpokenYears(folded)
	}
	// "The 14th day of October", "le 14e jour d'octobre": the formal way of writing a day.
	if strings.Contains(folded, " day of ") || strings.Contains(folded, " jour d") {
		folded = withoutDayOf(folded)
	}
	if folded != original {
		words = textproc.Words(folded)
	}
	// An ordinal day needs a month after it ("the first message" has none: no expression to run).
	ordinal, month := false, false
	for _, w := range words {
		_, ok := ordinalWords[w]
		ordinal = ordinal || ok || strings.HasPrefix(w, "twenty") || strings.HasPrefix(w, "thirty")
		_, m := monthNames[w]
		month = month || m
	}
	if !ordinal || !month {
		return folded, words
	}
	out := reOrdinalDay.ReplaceAllStringFunc(folded, func(m string) string {
		sub := reOrdinalDay.FindStringSubmatch(m)
		n, ok := ordinalWords[sub[1]]
		// After an ordinal day, an abbreviation is a month ("the fourteenth of oct"); a month
		// that is also a word ("may", "mars", "sept") only with "of" or "de" between.
		weak := wordMonths[sub[2]] && !strings.Contains(m, " of ") && !strings.Contains(m, " de ")
		if _, month := monthNames[sub[2]]; !ok || !month || weak {
			return m
		}
		return fmt.Sprintf("%d %s", n, sub[2])
	})
	if out == folded {
		return folded, words
	}
	return out, textproc.Words(out)
}

// withoutDayOf drops "day" from "the 14th day of October" and "jour" from "le 14e jour
// d'octobre" when an ordinal stands before it, in figures or in words, leaving "the 14th of
// October" for the day patterns to read.
func withoutDayOf(folded string) string {
	var b strings.Builder
	rest := folded
	for {
		// English keeps its "of" ("the 14th of October"); French drops its "de" ("le 14e
		// octobre").
		i, n := strings.Index(rest, " day of "), len(" day")
		if j := strings.Index(rest, " jour d"); j >= 0 && (i < 0 || j < i) {
			i, n = j, len(" jour")
			if strings.HasPrefix(rest[j:], " jour de ") {
				n = len(" jour de")
			}
		}
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		before := textproc.LastWord(rest[:i])
		_, word := ordinalWords[before]
		if word || ordinalFigure(before) {
			b.WriteString(rest[:i])
			rest = rest[i+n:]
			if strings.HasPrefix(rest, " d'") {
				b.WriteByte(' ')
				rest = rest[len(" d'"):]
			}
			continue
		}
		b.WriteString(rest[:i+n])
		rest = rest[i+n:]
	}
}

// ordinalFigure reports whether w is a day in figures with an ordinal suffix: "14th", "1st",
// "14e", "1er".
func ordinalFigure(w string) bool {
	k := 0
	for k < len(w) && w[k] >= '0' && w[k] <= '9' {
		k++
	}
	if k == 0 || k > 2 {
		return false
	}
	switch w[k:] {
	case "st", "nd", "rd", "th", "e", "eme", "er":
		return true
	}
	return false
}

// yearsExpr is the span from the first day of year a to the last of year b.
func yearsExpr(a, b int) expr {
	return expr{kind: Range, span: knowledge.Span{From: knowledge.DayOf(a, time.January, 1), To: knowledge.DayOf(b, time.December, 31)}}
}

// roman reads a Roman numeral ("xix"), 0 when it is none.
func roman(s string) int {
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100}
	n := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if v == 0 {
			return 0
		}
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// expr is one date expression found in the question.
type expr struct {
	start, end int
	kind       DateKind
	year       int // 0 when not given
	month      time.Month
	day        int
	span       knowledge.Span // set for anchors
	// decade marks a decade ("the 1990s", "les années 2000"): a round year joined to it is one too
	// ("les années 2000 et 2010").
	decade bool
	// pair marks the first day of "3 to 14 October": with the next expression it is a range whatever
	// words come before it.
	pair bool
	// period marks a named period ("WWII"): between two of them is the time between them.
	period bool
	// spanSet says a pattern's build set start and end itself, wider than its match: words before
	// it it read with a cheaper pattern ("at the end of" before "the 19th century", forms.go).
	spanSet bool
}

// dropVerbMonths drops a month's name alone, with no day nor year, that other words part from a
// date with its year: "why did the women march on versailles in oct 1789" is about October
// 1789, the march a verb; "between march and june 1990" and "march or april 1990" keep it. The
// word goes back to the question's words (work).
func dropVerbMonths(exprs []expr, folded string, work []byte) []expr {
	if len(exprs) < 2 {
		return exprs
	}
	dated := slices.ContainsFunc(exprs, func(e expr) bool { return e.year != 0 })
	if !dated {
		return exprs
	}
	out := exprs[:0]
	for i, e := range exprs {
		bare := e.kind == Month && e.year == 0 && e.day == 0 && !e.pair && !e.period
		if bare && i+1 < len(exprs) && partedBy(folded[e.end:exprs[i+1].start]) && strings.IndexFunc(folded[e.start:e.end], unicode.IsDigit) < 0 {
			copy(work[e.start:e.end], folded[e.start:e.end])
			continue
		}
		out = append(out, e)
	}
	return out
}

// partedBy reports whether the text between two dates holds a word that is no connective of
// dates ("and", "or", "to", "et", "ou", "au", "-"): they are two things, not one period.
func partedBy(between string) bool {
	for _, w := range strings.Fields(between) {
		switch strings.Trim(w, ",-–") {
		case "", "and", "or", "to", "until", "till", "through", "et", "ou", "au", "a", "jusqu", "from", "de", "du", "the", "le", "of":
			continue
		}
		return true
	}
	return false
}

// verdict is what a pattern's match turns out to be once its parts are checked.
type verdict int

const (
	notDate    verdict = iota // the words are not a date ("3 things", "may I")
	date                      // a date
	impossible                // shaped like a date but no such day exists ("31 february")
)

// Parse understands text against a timeline, whose anchors and span resolve names and missing years.
func Parse(text string, cal *knowledge.Timeline) Parsed {
	// The question is folded and split once: its language, its date words and the patterns' word
	// tests all read the same words.
	folded := textproc.Fold(text)
	return ParseRead(text, folded, textproc.Words(folded), cal)
}

// ParseRead is Parse for a caller that has read text already: folded is textproc.Fold(text) and
// words textproc.Words(folded), which it does not modify (the answerer reads the question before
// parsing it, for its other checks).
func ParseRead(text, folded string, words []string, cal *knowledge.Timeline) Parsed {
	p := Parsed{Text: text, Lang: textproc.LanguageOf(text, folded, words)}
	folded, words = normalizeDateWords(folded, words, cal)
	if hasNthWeekday(words) {
		if f := nthWeekdays(folded, cal); f != folded {
			folded, words = f, textproc.Words(f)
		}
	}
	if cal != nil && hasRegnalNumber(words) {
		if f := regnalNumbers(folded, cal); f != folded {
			folded, words = f, textproc.Words(f)
		}
	}
	if cal != nil && cal.Span().From.Time().Year() < 1000 && strings.ContainsAny(folded, "123456789") {
		if f := earlyYears(folded); f != folded {
			folded, words = f, textproc.Words(f)
		}
	}
	work := []byte(folded)
	consume := func(start, end int) {
		for i := start; i < end; i++ {
			work[i] = ' '
		}
	}
	var exprs []expr
	add := func(e expr, v verdict) {
		// A pattern's spaces can bridge text an earlier pattern consumed ("october 1 oct 10":
		// "october … 10" around "1 oct"): an expression overlapping another is no expression.
		for _, x := range exprs {
			if e.start < x.end && x.start < e.end {
				return
			}
		}
		switch v {
		case date:
			exprs = append(exprs, e)
			consume(e.start, e.end)
		case impossible:
			// Not a date, and not to be read again as a month or a year either.
			if p.Invalid == "" {
				p.Invalid = strings.TrimSpace(folded[e.start:e.end])
			}
			consume(e.start, e.end)
		}
	}

	// A time of day first: its figures are no day or year ("à 15h30 le 14").
	if hasClock(folded) {
		p.Clock = readClock(work, consume)
	}

	// Anchors first: their names can contain words the other patterns would take ("election day").
	for _, a := range cal.AnchorPhrases() {
		for from := 0; from < len(work); {
			i := indexWord(work[from:], a.Phrase)
			if i < 0 {
				break
			}
			i += from
			from = i + len(a.Phrase)
			if a.Bare && !afterTimeWord(work[:i]) {
				continue
			}
			add(expr{start: i, end: i + len(a.Phrase), kind: Anchor, span: a.Anchor.Date.Span()}, date)
		}
	}

	// A name with a month's name in it ("champ de mars") is no date: its month is hidden from the
	// patterns (upper case, which none matches) and given back to the words ranked by.
	var hidden [][2]int
	for _, n := range cal.MonthNames() {
		for from := 0; from < len(work); {
			i := indexWord(work[from:], n)
			if i < 0 {
				break
			}
			i += from
			from = i + len(n)
			for k := i; k < from; k++ {
				if c := work[k]; c >= 'a' && c <= 'z' {
					work[k] = c - 'a' + 'A'
				}
			}
			hidden = append(hidden, [2]int{i, from})
		}
	}

	// Which patterns can match at all: most questions have no digits or no month name, and skipping
	// the patterns that need them is most of the cost of parsing.
	runs, longest := digitRuns(folded)
	hasDigit := runs > 0
	hasSep := strings.ContainsAny(folded, "-/.")
	hasMonth, hasFirst, hasLast, hasSource, hasUnit := false, false, false, false, false
	for i, w := range words {
		// "What day", "quelle année": a unit right after a question word (reAskedUnit).
		hasUnit = hasUnit || askedUnits[w] && i > 0 && unitAskers[words[i-1]]
		_, m := monthNames[w]
		hasMonth = hasMonth || m
		hasFirst = hasFirst || firstWords[w]
		hasLast = hasLast || lastWords[w]
		hasSource = hasSource || sourceNouns[w]
	}

	var scan func(re *regexp.Regexp, build func(m []int, s string) (expr, verdict))
	scanIf := func(ok bool, re *regexp.Regexp, build func(m []int, s string) (expr, verdict)) {
		if ok {
			scan(re, build)
		}
	}
	each := func(s string, matches [][]int, build func(m []int, s string) (expr, verdict)) {
		for _, m := range matches {
			if !wordEdges(s, m[0], m[1]) {
				continue
			}
			e, v := build(m, s)
			if !e.spanSet {
				e.start, e.end = m[0], m[1]
			}
			add(e, v)
		}
	}
	scan = func(re *regexp.Regexp, build func(m []int, s string) (expr, verdict)) {
		s := string(work)
		each(s, re.FindAllStringSubmatchIndex(s, -1), build)
	}
	// scanAt is scan for a pattern starting with a number, given its anchored form (anchored.go).
	scanAt := func(at *regexp.Regexp, build func(m []int, s string) (expr, verdict)) {
		s := string(work)
		each(s, findAllAt(at, s), build)
	}
	// scanMonths is scan for a pattern anchored on a month's name (reMonthDayAt, reMonthYearAt):
	// tried only where a word is one, rather than at every word of the question.
	scanMonths := func(re *regexp.Regexp, build func(m []int, s string) (expr, verdict)) {
		s := string(work)
		b := []byte(s)
		end := 0
		for start, stop, ok := textproc.NextWord(b, 0); ok; start, stop, ok = textproc.NextWord(b, stop) {
			if _, month := monthNames[s[start:stop]]; !month || start < end {
				continue
			}
			m := re.FindStringSubmatchIndex(s[start:])
			if m == nil {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += start
				}
			}
			if !wordEdges(s, m[0], m[1]) {
				continue
			}
			e, v := build(m, s)
			e.start, e.end = m[0], m[1]
			add(e, v)
			end = m[1]
		}
	}
	if hasWorldWar(words) {
		// "WWII", "la Première Guerre mondiale": forms.go.
		scanWorldWars(scan)
	}
	if hasSep && hasDigit && hasMonth {
		// "dec-16-2016", "16-dec-2016": forms.go.
		scanNamedMonthFigures(scan, scanMonths, cal)
	}
	if longest >= 8 {
		// "20160920", the ISO basic form a log or a file name writes.
		scan(reCompactISO, func(m []int, s string) (expr, verdict) {
			return dayExpr(atoi(s[m[2]:m[3]]), time.Month(atoi(s[m[4]:m[5]])), atoi(s[m[6]:m[7]]))
		})
	}
	if runs >= 2 && hasSep {
		scan(reISO, func(m []int, s string) (expr, verdict) {
			return dayExpr(atoi(s[m[2]:m[3]]), time.Month(atoi(s[m[4]:m[5]])), atoi(s[m[6]:m[7]]))
		})
		scan(reNumeric, func(m []int, s string) (expr, verdict) {
			a, b, y := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
			if m[7]-m[6] == 2 {
				y = twoDigitYear(y, cal)
			}
			// Day-month order follows the question's language: French writes 21/10, English 10/21; an
			// impossible month settles it either way.
			day, month := a, b
			if p.Lang != "fr" && a <= 12 {
				day, month = b, a
			}
			if month > 12 {
				day, month = month, day
			}
			// Both orders valid (10/12/2016): the one the timeline has an event on wins; the
			// question's language decides when it has both or neither.
			if a <= 12 && b <= 12 && a != b && !hasEventOn(cal, y, time.Month(month), day) && hasEventOn(cal, y, time.Month(day), month) {
				day, month = month, day
			}
			if m[7]-m[6] == 2 {
				y = dayCentury(y, time.Month(month), day, cal)
			}
			return dayExpr(y, time.Month(month), day)
		})
		scanIf(strings.Contains(folded, "/"), reNumericNoYear, func(m []int, s string) (expr, verdict) {
			day, month := dayMonthOrder(atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), 0, p.Lang, cal)
			// Without a year, "50/50" or "3/4" of something are no dates to complain about.
			if e, v := dayExpr(0, time.Month(month), day); v == date {
				return e, v
			}
			return expr{}, notDate
		})
	}
	if hasSep && hasDigit {
		// "06/2016", "2016-06", "le 21.10": forms.go.
		scanFigureForms(scan, folded, runs, longest, p.Lang, cal)
	}
	if hasDigit && longest == 2 {
		// "from 96 to 98", "entre 29 et 33": forms.go.
		scan(reTwoDigitYears, func(m []int, s string) (expr, verdict) { return twoDigitYears(m, s, cal) })
	}
	if runs >= 2 && hasMonth {
		// "3 to 14 October", "du 3 au 14 octobre": two days of one month.
		s := string(work)
		for _, m := range findAllAt(reDayRangeAt, s) { // reDayRange's matches
			month, ok := monthNames[s[m[6]:m[7]]]
			if !ok || !wordEdges(s, m[0], m[1]) {
				continue
			}
			y := optInt(s, m[8], m[9])
			a, va := dayExpr(y, month, atoi(s[m[2]:m[3]]))
			b, vb := dayExpr(y, month, atoi(s[m[4]:m[5]]))
			a.start, a.end = m[2], m[3]
			b.start, b.end = m[4], m[1]
			if va == impossible || vb == impossible {
				add(expr{start: m[0], end: m[1]}, impossible)
				continue
			}
			sep := strings.TrimSpace(s[m[3]:m[4]])
			sep = strings.TrimLeft(sep, "stndrhem") // an ordinal suffix: "3rd to 14th"
			a.pair = !strings.Contains(sep, "and") && !strings.Contains(sep, "et") && sep != "or" && sep != "ou"
			add(a, date)
			add(b, date)
			consume(a.end, b.start)
		}
	}
	if hasDigit && hasMonth {
		scanAt(reDayMonthAt, func(m []int, s string) (expr, verdict) {
			month, ok := monthNames[s[m[4]:m[5]]]
			if !ok {
				return expr{}, notDate
			}
			return dayExpr(optInt(s, m[6], m[7]), month, atoi(s[m[2]:m[3]]))
		})
		scanMonths(reMonthDayAt, func(m []int, s string) (expr, verdict) {
			month, ok := monthNames[s[m[2]:m[3]]]
			if !ok {
				return expr{}, notDate
			}
			// "juillet 90", "oct 16": past any day of a month, two digits after it are its year,
			// in the century the timeline has it (centuryOf). French writes the day before the
			// month, so in a French question "mai 29" is May of a year ending in 29 as well.
			// After "in" or "en", a month with two digits is a month of a year ("in sept 08"): a
			// day would be "on".
			if n := atoi(s[m[4]:m[5]]); (n > 31 || (p.Lang == "fr" || inBefore(s[:m[0]])) && !ordinalSuffix(s, m[5])) && m[6] < 0 && m[5]-m[4] == 2 {
				if y := centuryOf(n, cal); y > 0 {
					return expr{kind: Month, year: y, month: month}, date
				}
			}
			return dayExpr(optInt(s, m[6], m[7]), month, atoi(s[m[4]:m[5]]))
		})
	}
	if hasMonth {
		scanMonths(reMonthYearAt, func(m []int, s string) (expr, verdict) {
			name := s[m[2]:m[3]]
			month, ok := monthNames[name]
			if !ok {
				return expr{}, notDate
			}
			y := optInt(s, m[4], m[5])
			if y == 0 && weakMonths[name] && !reInMonthCtx.MatchString(tail(s[:m[0]])) && !joinedToMonth(s, m[0], m[1]) {
				return expr{}, notDate
			}
			return expr{kind: Month, year: y, month: month}, date
		})
	}
	// Decades and centuries: "the 1850s", "les années 1850", "the 20th century", "XIXe siècle".
	if hasDigit && (strings.Contains(folded, "0s") || strings.Contains(folded, "0's") || strings.Contains(folded, "annees")) {
		// "the 1850s", "the '90s", "les années 90", "the early 90s", "the 80s and 90s": forms.go.
		scan(reTwoDecades, twoDecades(cal))
		scan(reDecadeAny, decadeExpr(cal))
	}
	// "the 15th century", "au 15e s.", "à la fin du 19e": forms.go.
	scanCenturies(scan, folded, words)
	if longest >= 4 {
		scanAt(reYearAt, func(m []int, s string) (expr, verdict) {
			return expr{kind: Year, year: atoi(s[m[2]:m[3]])}, date
		})
	}
	// "sept 20th '16", "march 4th 94": two digits right after a day and month without a year are
	// its year (not an hour: "march 4th 10 am").
	if len(exprs) > 0 && longest >= 2 {
		for i := range exprs {
			e := &exprs[i]
			if e.year != 0 || e.kind != ExactDay && e.kind != Month {
				continue
			}
			m := reShortYear.FindStringSubmatchIndex(folded[e.end:])
			if m == nil && e.kind == ExactDay {
				if m = reBareShortYear.FindStringSubmatchIndex(folded[e.end:]); m != nil && clockAfter(folded[e.end+m[1]:]) {
					m = nil
				}
			}
			if m != nil && m[0] <= 1 {
				if y := centuryOf(atoi(folded[e.end+m[2]:e.end+m[3]]), cal); y > 0 {
					if e.kind == ExactDay {
						y = dayCentury(y, e.month, e.day, cal)
					}
					e.year = y
					consume(e.end+m[0], e.end+m[1])
				}
			}
		}
	}
	// "in '93": a year by its last two digits, in the century the timeline has it, when the
	// question has no other date.
	if len(exprs) == 0 && longest >= 2 && strings.Contains(folded, "'") {
		scan(reShortYear, func(m []int, s string) (expr, verdict) {
			if y := centuryOf(atoi(s[m[2]:m[3]]), cal); y > 0 {
				return expr{kind: Year, year: y}, date
			}
			return expr{}, notDate
		})
	}
	sort.Slice(exprs, func(i, j int) bool { return exprs[i].start < exprs[j].start })
	exprs = dropVerbMonths(exprs, folded, work)

	// "According to the article", "d'après la source" point at the source, not at what it says.
	if hasSource {
		for _, m := range reSourceRef.FindAllIndex(work, -1) {
			p.SourceRef = true
			consume(m[0], m[1])
		}
		// "Le dernier truc qui s'est passé ds l'histoire": asking for the first or last, an
		// "histoire" that ends the question is the story told; history would name whose.
		if hasFirst || hasLast {
			if m := reStoryEnd.FindIndex(work); m != nil {
				p.SourceRef = true
				consume(m[0], m[1])
			}
		}
	}
	// "exact date apple went public??", "date exacte de l'IPO": a question that opens on the date
	// asks for it, as "what date" does.
	// The words the expressions need, found first: most questions have neither.
	if hasDateWord := bytes.Contains(work, []byte("date")); hasDateWord || bytes.Contains(work, []byte("exact")) || bytes.Contains(work, []byte("precis")) {
		if m := reOpeningDate.FindIndex(work); hasDateWord && m != nil {
			p.AsksDay = true
			consume(m[0], m[1])
		}
		// "which day did tesla die, exact date pls": the date asked again at the end.
		if m := reClosingDate.FindIndex(work); m != nil {
			p.AsksDay = true
			consume(m[0], m[1])
		}
	}
	if hasUnit {
		for _, m := range reAskedUnit.FindAllSubmatchIndex(work, -1) {
			switch string(work[m[2]:m[3]]) {
			case "day", "date", "time", "jour", "heure":
				p.AsksDay = true
			}
			// The question word goes with its noun: "quel Don Jr" would read as asking which
			// Don Jr.
			consume(m[0], m[1])
		}
	}
	// "in the first place", "at last", "tout d'abord" are ways of speaking, not an order asked.
	if (hasFirst || hasLast) && mayBeOrderIdiom(folded) {
		for _, m := range reOrderIdiom.FindAllIndex(work, -1) {
			consume(m[0], m[1])
		}
	}
	if hasFirst {
		if from, to := leftmostPhrase(work, firstPhrases); from >= 0 {
			p.Order = First
			consume(from, to)
		}
	}
	if hasLast && p.Order == AnyOrder {
		if from, to := leftmostPhrase(work, lastPhrases); from >= 0 {
			p.Order = Last
			consume(from, to)
		}
	}

	p.resolve(folded, exprs, cal, consume)
	// "le vendredi 21 octobre", "fri oct 7th": the day's name beside a date only repeats it.
	for _, e := range exprs {
		if e.day > 0 {
			if from, to, ok := weekdayBefore(work, e.start); ok {
				consume(from, to)
			}
		}
	}
	for _, h := range hidden {
		for k := h[0]; k < h[1]; k++ {
			if c := work[k]; c >= 'A' && c <= 'Z' {
				work[k] = c + 'a' - 'A'
			}
		}
	}
	p.Rest = joinFields(work)
	return p
}

// joinFields is strings.Join(strings.Fields(string(b)), " ") in one pass and one allocation: every
// question's rest is built so.
func joinFields(b []byte) string {
	var out strings.Builder
	out.Grow(len(b))
	gap := false
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		if unicode.IsSpace(r) {
			gap = out.Len() > 0
		} else {
			if gap {
				out.WriteByte(' ')
				gap = false
			}
			out.Write(b[i : i+size])
		}
		i += size
	}
	return out.String()
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func optInt(s string, a, b int) int {
	if a < 0 {
		return 0
	}
	return atoi(s[a:b])
}

// maxDays is the most days a month has in any year.
var maxDays = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func dayExpr(y int, m time.Month, d int) (expr, verdict) {
	if m < 1 || m > 12 || d < 1 || d > maxDays[m] {
		return expr{}, impossible
	}
	if y != 0 && d > knowledge.DaysIn(y, m) {
		return expr{}, impossible
	}
	return expr{kind: ExactDay, year: y, month: m, day: d}, date
}

// reMonthOffset finds "a month after", "two months before", "un peu plus d'un mois après", "about
// three months after" right before a date.
var reMonthOffset = regexp.MustCompile(`\b(?:(a little more than|a bit more than|just over|more than|over|about|around|roughly|un peu plus d'|un peu plus de|plus d'|plus de|environ|a peu pres)\s*)?(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+(months?|mos|mois)\s+(before|after|later than|earlier than|avant|apres)\s*(?:the\s+|le\s+|la\s+|l')?$`)

// monthOffset reads a month offset at the end of the text before a date: how many months,
// whether after, whether hedged upward, and where the phrase starts in before.
func monthOffset(before string) (n int, after, hedged bool, at int, ok bool) {
	if !strings.Contains(before, "month") && !strings.Contains(before, "mois") && !strings.Contains(before, "mos") {
		return 0, false, false, 0, false
	}
	m := reMonthOffset.FindStringSubmatchIndex(before)
	if m == nil {
		return 0, false, false, 0, false
	}
	n, hedge, dir := offsetParts(before, m)
	hedged = upwardHedge(hedge)
	return n, dir == "after" || dir == "apres" || dir == "later than", hedged, m[0], n > 0
}

// offsetParts reads a month or year offset's match (reMonthOffset, reYearOffset: hedge, count,
// unit, direction): how many units ("a" and "an" are one), the hedge ("" when none) and the
// direction.
func offsetParts(before string, m []int) (n int, hedge, dir string) {
	word := before[m[4]:m[5]]
	n, err := strconv.Atoi(word)
	if err != nil {
		n = offsetWords[word]
		if word == "a" || word == "an" {
			n = 1
		}
	}
	if m[2] >= 0 {
		hedge = before[m[2]:m[3]]
	}
	return n, hedge, before[m[8]:m[9]]
}

// upwardHedge reports whether an offset's hedge counts past it: "more than", "over", "plus de".
func upwardHedge(hedge string) bool {
	return strings.Contains(hedge, "plus") || strings.Contains(hedge, "more") || strings.Contains(hedge, "over")
}

// durationWords before an offset make it how long, not how far: "for a month after".
var durationWords = map[string]bool{"for": true, "during": true, "pendant": true, "durant": true}

// reShortYear finds a year written by its last two digits after an apostrophe ("in '93"), not
// glued to a word before it ("l'93" is no year).
var reShortYear = regexp.MustCompile(`(?:^|[\s(])'(\d{2})\b`)

// reBareShortYear is two digits after a day and month, with no apostrophe: "march 4th 94",
// "oct 16, 16", "9 oct. 16" (the abbreviation's full stop is after the month's match). A clock's
// figures ("10 am", "10h", "10:30") are no year.
var reBareShortYear = regexp.MustCompile(`^\.?,?\s(\d{2})\b`)

// clockAfter reports whether s, the text after two digits, makes them an hour.
func clockAfter(s string) bool {
	if strings.HasPrefix(s, ":") || strings.HasPrefix(s, "h") || strings.HasPrefix(s, ".") {
		return true
	}
	s = strings.TrimLeft(s, " ")
	for _, w := range []string{"am", "pm", "a.m", "p.m", "o'clock", "heure", "h "} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// inBefore reports whether text ends with "in" or "en" and a space: what follows is a month or a
// year, not a day.
func inBefore(text string) bool {
	return strings.HasSuffix(text, " in ") || strings.HasSuffix(text, " en ") || text == "in " || text == "en " ||
		strings.HasSuffix(text, " during ") || strings.HasSuffix(text, " pendant ")
}

// ordinalSuffix reports whether the figure ending at end in s has an ordinal suffix ("29th",
// "1er"): then it is a day.
func ordinalSuffix(s string, end int) bool {
	rest := s[end:]
	for _, suf := range []string{"st", "nd", "rd", "th", "er", "e "} {
		if strings.HasPrefix(rest, suf) {
			return true
		}
	}
	return false
}

// centuryOf returns the year ending in yy that falls inside the timeline's span (the latest such
// when several do), or 0.
// dayCentury is a two-digit year's century (y as twoDigitYear read it) for a whole date: the
// century the timeline has an event on that very day, when y's has none ("7/30/16" on a
// chronology of 1870–2019 with the explosion of 30 July 1916 and events in 2016).
func dayCentury(y int, m time.Month, d int, cal *knowledge.Timeline) int {
	if cal == nil || len(cal.Events) == 0 || hasEventOn(cal, y, m, d) {
		return y
	}
	span := cal.Span()
	from, to := span.From.Time().Year(), span.To.Time().Year()
	for c := to / 100; c >= from/100; c-- {
		if alt := c*100 + y%100; alt != y && alt >= from && alt <= to && hasEventOn(cal, alt, m, d) {
			return alt
		}
	}
	return y
}

func centuryOf(yy int, cal *knowledge.Timeline) int {
	if cal == nil || len(cal.Events) == 0 {
		return 0
	}
	span := cal.Span()
	from, to := span.From.Time().Year(), span.To.Time().Year()
	latest := 0
	for c := to / 100; c >= from/100; c-- {
		y := c*100 + yy
		if y < from || y > to {
			continue
		}
		if latest == 0 {
			latest = y
		}
		// "'40" on a timeline of 1250–1985 is 1840, the year it has events in, not 1940.
		if len(cal.InSpan(knowledge.Span{From: knowledge.DayOf(y, time.January, 1), To: knowledge.DayOf(y, time.December, 31)})) > 0 {
			return y
		}
	}
	return latest
}

// Years said in words: a hundreds part (eleven to nineteen, or twenty) then "hundred", "oh five",
// a teen or tens with units ("eighteen fifty-four", "nineteen oh five", "twenty sixteen").
var (
	hundredsWords = map[string]int{"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
		"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}
	numberUnits = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
	teenWords   = map[string]int{"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
		"seventeen": 17, "eighteen": 18, "nineteen": 19}
	tensWords    = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
	reSpokenYear = regexp.MustCompile(`\b(eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)[\s-]+` +
		`(hundred|oh[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|` +
		`(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)\b`)
)

// spokenYearStart is a word test before reSpokenYear: a hundreds word followed by another number word.
func spokenYearStart(words []string) bool {
	for i := 0; i+1 < len(words); i++ {
		if _, ok := hundredsWords[words[i]]; ok {
			n := words[i+1]
			if n == "hundred" || n == "oh" || teenWords[n] > 0 || tensWords[n] > 0 {
				return true
			}
		}
	}
	return false
}

// yearLead are the words a year said in words follows ("in eighteen fifty-four"): elsewhere
// such words are a time ("at eleven thirty") or a number ("twelve hundred troops").
var yearLead = map[string]bool{"in": true, "of": true, "from": true, "since": true, "until": true, "till": true, "by": true,
	"year": true, "between": true, "and": true, "to": true, "before": true, "after": true, "en": true, "annee": true, "depuis": true}

// replaceSpokenYears writes the years said in words after a yearLead word as digits.
func replaceSpokenYears(folded string) string {
	var edits []edit
	for _, m := range reSpokenYear.FindAllStringIndex(folded, -1) {
		before := textproc.Words(folded[:m[0]])
		if len(before) == 0 || !yearLead[before[len(before)-1]] {
			continue
		}
		if y := spokenYear(folded[m[0]:m[1]]); y != folded[m[0]:m[1]] {
			edits = append(edits, edit{m[0], m[1], y})
		}
	}
	return applyEdits(folded, edits)
}

// edit replaces the bytes start to end of a text with with.
type edit struct {
	start, end int
	with       string
}

// applyEdits returns text with its edits made, in order and not overlapping; text itself, uncopied,
// when there are none.
func applyEdits(text string, edits []edit) string {
	if len(edits) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, e := range edits {
		b.WriteString(text[last:e.start])
		b.WriteString(e.with)
		last = e.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// spokenYear writes a year said in words as digits ("eighteen fifty-four" → "1854").
func spokenYear(m string) string {
	w := strings.FieldsFunc(m, func(r rune) bool { return r == ' ' || r == '-' })
	if len(w) < 2 {
		return m
	}
	y := hundredsWords[w[0]] * 100
	switch rest := w[1:]; {
	case rest[0] == "hundred":
	case rest[0] == "oh" && len(rest) == 2:
		y += numberUnits[rest[1]]
	case teenWords[rest[0]] > 0 && len(rest) == 1:
		y += teenWords[rest[0]]
	case tensWords[rest[0]] > 0:
		y += tensWords[rest[0]]
		if len(rest) == 2 {
			y += numberUnits[rest[1]]
		}
	default:
		return m
	}
	return strconv.Itoa(y)
}

// reWeekOf finds "the week of", "the week before", "la semaine de", "la semaine avant" right before
// a date.
var reWeekOf = regexp.MustCompile(`\b(?:the\s+|la\s+|that\s+|cette\s+)?(?:week|semaine)\s+(of|before|after|preceding|following|de|du|d'|avant|apres|precedant|suivant)\s*(?:the\s+|le\s+|la\s+|l')?` +
	// "la semaine du lundi 10 octobre": the day's name may come with it.
	`(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?$`)

var (
	reDayOffset  = regexp.MustCompile(`\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+(days?|jours?|weeks?|wks?|semaines?)\s+(before|after|avant|apres)\b`)
	reConnective = regexp.MustCompile(`\b(before|after|avant|apres|since|depuis)\s+((?:[a-z']+\s+){1,4})$`)
	offsetWords  = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
		"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10}
)

// dayOffset reads "three days before …" at the end of the text before a date: the number of days
// and whether they count after it.
func dayOffset(before string) (n int, after bool, at int, ok bool) {
	if !mayBeDayOffset(before) {
		return 0, false, 0, false // spare the expression
	}
	m := reDayOffset.FindStringSubmatch(before)
	if m == nil {
		return 0, false, 0, false
	}
	// Only when the offset is close to the date ("three days before the message of 11 July"):
	// at most five words between.
	i := strings.LastIndex(before, m[0])
	if len(strings.Fields(before[i+len(m[0]):])) > 5 {
		return 0, false, 0, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		n = offsetWords[m[1]]
	}
	if strings.HasPrefix(m[2], "week") || strings.HasPrefix(m[2], "wk") || strings.HasPrefix(m[2], "semaine") {
		n *= 7
	}
	return n, m[3] == "after" || m[3] == "apres", i, n > 0
}

// mayBeDayOffset is a scan before reDayOffset, whose backtracking over every position costs a
// question like "the day after the election" more than the rest of its parse: a match needs a unit
// ("day", "jour", "week", "semaine") after white space that follows a digit or a number word.
func mayBeDayOffset(s string) bool {
	for _, unit := range []string{"day", "jour", "week", "wk", "semaine"} {
		for from := 0; ; {
			k := strings.Index(s[from:], unit)
			if k < 0 {
				break
			}
			at := from + k
			from = at + 1
			j := at
			for j > 0 && isSpace(s[j-1]) {
				j--
			}
			if j == at {
				continue // no white space before the unit
			}
			if endsWithNumber(s[:j]) {
				return true
			}
		}
	}
	return false
}

// isSpace is the regexp package's \s.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// endsWithNumber reports whether s ends with a digit or with one of reDayOffset's number words.
func endsWithNumber(s string) bool {
	if s == "" {
		return false
	}
	if c := s[len(s)-1]; '0' <= c && c <= '9' {
		return true
	}
	for w := range offsetWords {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// connectiveWithin finds "after"/"avant"… one to four words before a date ("after the meeting of"),
// where no other connective or verb-like word intervenes; it returns the connective.
func connectiveWithin(before string) (string, bool) {
	if !mayBeConnective(before) {
		return "", false // spare the expression
	}
	m := reConnective.FindStringSubmatch(before)
	if m == nil {
		return "", false
	}
	i := strings.LastIndex(before, m[0])
	// "d'après" is "according to".
	if m[1] == "apres" && i >= 2 && (before[i-2:i] == "d'" || before[i-2:i] == "d ") {
		return "", false
	}
	// "15 minutes after WL's message on 12 October", "right after it": within the day, so the
	// date is where the answer is.
	if sameDay[lastWord(before[:i])] {
		return "", false
	}
	return m[1], true
}

// mayBeConnective is a scan before reConnective, which backtracks from every position: a match needs
// text ending in white space, and a connective followed by white space and a letter.
func mayBeConnective(s string) bool {
	if s == "" || !isSpace(s[len(s)-1]) {
		return false
	}
	for _, c := range []string{"before", "after", "avant", "apres", "since", "depuis"} {
		for from := 0; ; {
			k := strings.Index(s[from:], c)
			if k < 0 {
				break
			}
			j := from + k + len(c)
			from = j
			if j >= len(s) || !isSpace(s[j]) {
				continue
			}
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			if j < len(s) && ('a' <= s[j] && s[j] <= 'z' || s[j] == '\'') {
				return true
			}
		}
	}
	return false
}

var sameDay = set("minute minutes min mins hour hours hr hrs heure heures h second seconds secondes right just juste immediately shortly peu")

// tail returns the end of s, cut at a space, long enough for every phrase the context patterns
// look for before a date ("the day after", "a partir du"). Matching end-anchored patterns on it
// rather than on the whole question keeps their cost constant.
func tail(s string) string {
	const keep = 40
	if len(s) <= keep {
		return s
	}
	cut := len(s) - keep
	if i := strings.IndexByte(s[cut:], ' '); i >= 0 {
		return s[cut+i:]
	}
	return s[cut:]
}

// lastMatch finds re in the tail of folded[:end] and returns its position in folded.
func lastMatch(re *regexp.Regexp, folded string, end int) (int, int, bool) {
	return lastMatchBy(re.FindStringIndex, folded, end)
}

// lastMatchBy is lastMatch for a pattern written out as a function (dayOfAt).
func lastMatchBy(find func(string) []int, folded string, end int) (int, int, bool) {
	t := tail(folded[:end])
	m := find(t)
	if m == nil {
		return 0, 0, false
	}
	off := end - len(t)
	return off + m[0], off + m[1], true
}

// arrowed reports whether the text between two dates is an arrow ("10 oct → 31 oct", "columbus day
// -> halloween"): a span with no "from" or "between" before it, as chat writes one.
func arrowed(between string) bool {
	return strings.Contains(between, "→") || strings.Contains(between, "->") || strings.Contains(between, "=>")
}

// resolve turns the expressions into spans, reading the words around them for ranges ("between A
// and B"), open ranges ("before A") and shifts ("the day after A").
func (p *Parsed) resolve(folded string, exprs []expr, cal *knowledge.Timeline, consume func(int, int)) {
	if len(exprs) == 0 {
		return
	}
	// A range: "between A and B", "from A to B", "entre A et B", "du A au B", "3 to 14 October".
	if len(exprs) >= 2 {
		a, b := exprs[0], exprs[1]
		if a.end <= b.start && reAnd.MatchString(folded[a.end:b.start]) && (a.pair || yearDash(a, b, folded) || arrowed(folded[a.end:b.start]) || reBetween.MatchString(tail(folded[:a.start]))) {
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
				// "between the two world wars": the time between named periods, not theirs.
				if a.period && b.period && from[0].To < to[0].From {
					p.Spans[0] = knowledge.Span{From: from[0].To + 1, To: to[0].From - 1}
				}
				// "between 3 and 14 October", "mid-October" with no year: that range in each year
				// the timeline may mean, not from the first year's start to the last one's end.
				if a.year == 0 && b.year == 0 && (len(from) > 1 || len(to) > 1) && a.kind != Anchor && b.kind != Anchor {
					if paired := pairedSpans(from, to); len(paired) > 0 {
						p.Spans = paired
					}
				}
				if i, j, ok := lastMatch(reBetween, folded, a.start); ok {
					consume(i, j)
				}
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
	// "the day after sunday oct 9", "le lendemain du dim. 9 oct.": the day's name between a
	// connective and its date leaves the connective governing the date.
	start := e.start
	if from, _, ok := weekdayBefore(folded, e.start); ok {
		start = from
	}
	before := tail(folded[:start])
	// "sept ou oct 2017", "in 2015 or 2016": one period of them (forms.go), unless an offset or a
	// connective before it needs the date alone.
	if len(exprs) >= 2 && lastWord(before) != "after" && lastWord(before) != "before" {
		if js, kind, n, ok := joined(exprs, folded, cal); ok {
			p.Kind, p.Spans = kind, js
			consume(exprs[0].end, exprs[n-1].start)
			if dayOfEnds[lastWord(before)] {
				if i, j, ok := lastMatchBy(dayOfAt, folded, start); ok {
					consume(i, j)
				}
			}
			return
		}
	}
	// "three days before the message of 11 July", "3 days after trump's oct 10 rally": a day offset
	// from the date, read before the other connectives.
	if n, after, at, ok := dayOffset(before); ok {
		p.Kind, p.Spans = ExactDay, shift(occupied(spans, cal), knowledge.Day(map[bool]int{true: n, false: -n}[after]))
		// "about three days after", "environ deux semaines après": a day or so either side
		// (forms.go).
		if h := offsetHedge(before[:at], n); h > 0 {
			p.Kind = Range
			for i := range p.Spans {
				p.Spans[i].From, p.Spans[i].To = p.Spans[i].From-h, p.Spans[i].To+h
			}
		}
		// The offset is the date's, not words of what is asked ("8 days after the launch").
		consume(start-len(before)+at, e.start)
		return
	}
	// "a month after the election", "un peu plus d'un mois après l'élection": a month is
	// approximate, so the two weeks either side of that many months later (or, hedged "a little more than",
	// from then to half as long again).
	if n, after, hedged, at, ok := monthOffset(before); ok {
		s := occupied(spans, cal)
		days := knowledge.Day(30 * n)
		// "for a month after the election", "pendant un mois après": from the date on, that long.
		if w := lastWord(strings.TrimRight(before[:at], " ")); durationWords[w] {
			from, to := s[len(s)-1].To, s[len(s)-1].To+days
			if !after {
				from, to = s[0].From-days, s[0].From
			}
			p.Kind, p.Spans = Range, []knowledge.Span{{From: from, To: to}}
			consume(start-len(before)+at, e.start)
			return
		}
		from, to := s[len(s)-1].To+days-knowledge.Day(14*n), s[len(s)-1].To+days+knowledge.Day(14*n)
		if hedged {
			from, to = s[len(s)-1].To+days, s[len(s)-1].To+days+days/2
		}
		if !after {
			from, to = s[0].From-(to-s[len(s)-1].To), s[0].From-(from-s[len(s)-1].To)
		}
		p.Kind, p.Spans = Range, []knowledge.Span{{From: from, To: to}}
		consume(start-len(before)+at, e.start)
		return
	}
	// "the year after the 9th festival", "le mois avant l'élection": forms.go.
	if year, after, at, ok := periodNext(before); ok {
		p.Kind, p.Spans = Month, []knowledge.Span{periodNextSpan(occupied(spans, cal), year, after)}
		if year {
			p.Kind = Year
		}
		consume(start-len(before)+at, e.start)
		return
	}
	// "a few years after the treaty", "quelques jours après le 3 octobre": forms.go.
	if lo, hi, unit, after, at, ok := fewOffset(before); ok {
		p.Kind, p.Spans = Range, []knowledge.Span{fewOffsetSpan(occupied(spans, cal), lo, hi, unit, after)}
		consume(start-len(before)+at, e.start)
		return
	}
	// "four years after the treaty", "trois ans après 1840", "2 yrs before X": forms.go.
	if n, after, more, about, at, ok := yearOffset(before); ok {
		p.Kind, p.Spans = Range, []knowledge.Span{yearOffsetSpan(occupied(spans, cal), n, after, more, about)}
		consume(start-len(before)+at, e.start)
		return
	}
	// "the week of the election", "la semaine avant l'élection": the week that holds the date, or
	// the seven days before or after it.
	if (e.kind == ExactDay || e.kind == Anchor) && (strings.Contains(before, "week") || strings.Contains(before, "semaine")) {
		if m := reWeekOf.FindStringSubmatchIndex(before); m != nil {
			s := occupied(spans, cal)
			from, to := s[0].From, s[len(s)-1].To
			switch before[m[2]:m[3]] {
			case "before", "avant", "precedant", "preceding":
				from, to = from-7, from-1
			case "after", "apres", "suivant", "following":
				from, to = to+1, to+7
			default:
				// "The week of 12 October", "la semaine du lundi 10 octobre": the calendar week,
				// Monday to Sunday, that holds the day.
				monday := from - knowledge.Day((int(from.Time().Weekday())+6)%7)
				from, to = monday, max(to, monday+6)
			}
			p.Kind, p.Spans = Range, []knowledge.Span{{From: from, To: to}}
			at := e.start - len(before)
			consume(at+m[0], at+m[1])
			return
		}
	}
	// "after the meeting of 10 October", "avant le message du 21 octobre": a connective a few
	// words before the date still governs it.
	if w, ok := connectiveWithin(before); ok {
		before = strings.TrimRight(before, " ") + " " + w + " "
	}
	last := lastWord(before)
	if last == "le" || last == "the" {
		// "après le 1er novembre", "before the 3rd": the article is not the connective.
		if w := lastWord(strings.TrimSuffix(strings.TrimRight(before, " "), last)); afterEnds[w] || beforeEnds[w] {
			last = w
		}
	}
	take := func(re *regexp.Regexp) {
		if i, j, ok := lastMatch(re, folded, start); ok {
			consume(i, j)
		}
	}
	switch {
	// "le surlendemain de l'élection", "l'avant-veille du 14 juillet": two days after, before.
	case dayAfterEnds[last] && (strings.Contains(before, "surlendemain") || strings.Contains(before, "veille")) && reTwoDaysOff.MatchString(before):
		dir := knowledge.Day(2)
		if m := reTwoDaysOff.FindStringSubmatch(before); m != nil && m[1] != "surlendemain" {
			dir = -2
		}
		p.Kind, p.Spans = Anchor, shift(occupied(spans, cal), dir)
		take(reTwoDaysOff)
	case dayAfterEnds[last] && reDayAfter.MatchString(before):
		p.Kind, p.Spans = Anchor, shift(occupied(spans, cal), 1)
		take(reDayAfter)
	case dayBeforeEnds[last] && reDayBefore.MatchString(before):
		p.Kind, p.Spans = Anchor, shift(occupied(spans, cal), -1)
		take(reDayBefore)
	case beforeEnds[last] && reBefore.MatchString(before):
		// "before X" leaves X out; "until X", "jusqu'au X" take it in.
		spans = occupied(spans, cal)
		p.Kind, p.OpenFrom = Range, true
		p.Spans = []knowledge.Span{{From: minDay, To: spans[0].From - 1}}
		// "Before 21 October, WL had mostly released…", "avant 1841, la Nouvelle-Zélande avait
		// fait partie…": the past perfect says what was so by X, which X's own entry may state
		// ("until then…"), so X is taken in.
		if inclusiveEnds[last] || pastPerfect(folded) {
			p.Spans[0].To = spans[len(spans)-1].To
			p.Inclusive = true
		}
		take(reBefore)
	case afterEnds[last] && reAfter.MatchString(before):
		// "after X" leaves X out; "since X", "depuis X", "à partir du X" take it in.
		spans = occupied(spans, cal)
		p.Kind, p.OpenTo = Range, true
		p.Spans = []knowledge.Span{{From: spans[len(spans)-1].To + 1, To: maxDay}}
		if inclusiveEnds[last] {
			p.Spans[0].From = spans[0].From
			p.Inclusive = true
		}
		take(reAfter)
	default:
		p.Kind, p.Spans = e.kind, spans
		if dayOfEnds[last] {
			if i, j, ok := lastMatchBy(dayOfAt, folded, start); ok { // take(reDayOf), written out
				consume(i, j)
			}
		}
	}
}

// The last word each context pattern can end with: a pattern is only tried when the words before
// the date end with one of them.
var (
	dayAfterEnds  = set("after lendemain de du d'")
	dayBeforeEnds = set("before veille de du d'")
	beforeEnds    = set("before to until till avant jusqu'a jusqu'au jusqu'en")
	afterEnds     = set("after since following apres depuis du de des")
	dayOfEnds     = set("on le du au")
	inclusiveEnds = set("until till to jusqu'a jusqu'au jusqu'en since depuis du de des")
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// lastWord returns the last space-separated word of s.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \t\n\r")
	return s[strings.LastIndexAny(s, " \t\n\r")+1:]
}

// digitRuns counts the runs of digits in s and the length of the longest.
func digitRuns(s string) (runs, longest int) {
	n := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			n++
			continue
		}
		if n > 0 {
			runs++
			longest = max(longest, n)
		}
		n = 0
	}
	return runs, longest
}

// occupied keeps, among the years a date without a year may mean, those in which the timeline has
// events on that date: "the day after Nov 8" is about the Nov 8 something happened on.
func occupied(spans []knowledge.Span, cal *knowledge.Timeline) []knowledge.Span {
	if len(spans) < 2 {
		return spans
	}
	var out []knowledge.Span
	for _, s := range spans {
		if len(cal.InSpan(s)) > 0 {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return spans
	}
	return out
}

// Open ends of ranges: far enough that no timeline reaches them.
const (
	minDay knowledge.Day = -1 << 30
	maxDay knowledge.Day = 1 << 30
)

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
	if e.kind == Anchor || e.kind == Range {
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

// indexWord finds phrase in s at word boundaries.
// pastPerfect reports whether folded text has the auxiliary of a past perfect ("had", "avait",
// "avaient"): what it says held at a time it names.
func pastPerfect(folded string) bool {
	for _, w := range textproc.Words(folded) {
		switch w {
		case "had", "avait", "avaient":
			return true
		}
	}
	return false
}

// leftmostPhrase returns where the leftmost of phrases is in s as whole words (the first listed
// where two start at one place), or -1, -1: what a regular expression of the alternatives between
// word boundaries finds, without its backtracking, which cost a fifth of parsing a question.
func leftmostPhrase(s []byte, phrases []string) (from, to int) {
	from, to = -1, -1
	for _, p := range phrases {
		if i := indexWord(s, p); i >= 0 && (from < 0 || i < from) {
			from, to = i, i+len(p)
		}
	}
	return from, to
}

// afterTimeWord reports whether the folded text before a position ends with a preposition of time
// or the "and" of "between X and Y": where a bare noun stands for a date.
func afterTimeWord(before []byte) bool {
	end := len(before)
	for end > 0 && !isWordByte(before[end-1]) {
		end--
	}
	start := end
	for start > 0 && isWordByte(before[start-1]) {
		start--
	}
	return timeWords[string(before[start:end])]
}

var timeWords = map[string]bool{
	"between": true, "and": true, "after": true, "before": true, "since": true, "until": true, "till": true, "til": true,
	"from": true, "to": true, "during": true, "b4": true, "entre": true, "et": true, "apres": true, "avant": true,
	"depuis": true, "jusqu": true, "pendant": true,
}

func indexWord(s []byte, phrase string) int {
	from := 0
	for phrase != "" {
		i := bytes.Index(s[from:], []byte(phrase))
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
	return -1
}

// wordEdges reports whether s[start:end] is not glued to a letter or digit outside ASCII: the
// patterns' \b only knows ASCII, so "ө1000" would otherwise yield the year 1000 out of one word.
func wordEdges(s string, start, end int) bool {
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:start]); r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	if end < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[end:]); r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}
