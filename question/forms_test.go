package question_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

func loadTimeline(t testing.TB, path string) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func mozilla(t testing.TB) *knowledge.Timeline {
	return loadTimeline(t, "../../shared/eval/mozilla/knowledge.yaml")
}

func newZealand(t testing.TB) *knowledge.Timeline {
	return loadTimeline(t, "../eval/testdata/newzealand/knowledge.yaml")
}

// everyYear is the spans of one day in each year from a to b, as spans formats them.
func everyYear(a, b int, monthDay string) string {
	var out []string
	for y := a; y <= b; y++ {
		out = append(out, strconv.Itoa(y)+monthDay)
	}
	return strings.Join(out, " ")
}

func mandoline(t testing.TB) *knowledge.Timeline {
	return loadTimeline(t, "../eval/testdata/mandoline/knowledge.yaml")
}

// A month's name between figures joined by dashes, slashes or dots, in any order of day, month and
// year; a two-digit year is read in the century the timeline has it.
func TestParseMonthNamesBetweenFigures(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"month first with dashes", "anything on dec-16-2016", "en", question.ExactDay, "2016-12-16", 0, "anything"},
		{"day first with dashes", "what happened on 16-dec-2016", "en", question.ExactDay, "2016-12-16", 0, "what happened"},
		{"day first with dots, French", "que s'est-il passé le 16.déc.2016 ?", "fr", question.ExactDay, "2016-12-16", 0, "que s'est-il passe ?"},
		{"month first with slashes and a short year", "what did WL send on oct/12/16", "en", question.ExactDay, "2016-10-12", 0, "what did wl send"},
		{"year first", "what happened 2016-oct-21", "en", question.ExactDay, "2016-10-21", 0, "what happened"},
		{"day first without a year", "what happened on 21-oct", "en", question.ExactDay, "2016-10-21 2017-10-21", 0, ""},
		{"an ordinal and a comma with no space", "what happened on december 16th,2016", "en", question.ExactDay, "2016-12-16", 0, "what happened"},
		{"an impossible day", "what happened on feb-30-2016", "en", question.NoDate, "", 0, ""},
		{"a word joined to a figure is no month", "the top-10-list of 2016", "en", question.Year, "2016-01-01..2016-12-31", 0, ""},
	})
	runParseCases(t, mozilla(t), []parseCase{
		{"a short year in the timeline's century", "what happened on 23-jan-98", "en", question.ExactDay, "1998-01-23", 0, ""},
		{"figures with a short year in the timeline's century", "what happened on 01/23/98", "en", question.ExactDay, "1998-01-23", 0, ""},
		{"month first, full year", "what happened on jan-24-1998", "en", question.ExactDay, "1998-01-24", 0, ""},
	})
}

// A day and a month with a dot and no year are a date after a word that introduces a day or when
// closed by a dot; a figure with a decimal point stays a figure. The timeline decides which number
// is the day when both can be.
func TestParseDottedDaysWithoutAYear(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"le jour.mois", "le 21.10 il se passe quoi", "fr", question.ExactDay, "2016-10-21 2017-10-21", 0, "il se passe quoi"},
		{"closed by a dot", "what happened 21.10.?", "en", question.ExactDay, "2016-10-21 2017-10-21", 0, ""},
		{"the timeline decides the order", "le 12.10 WL a dit quoi ?", "fr", question.ExactDay, "2016-10-12 2017-10-12", 0, ""},
		{"the timeline decides the order in English", "on 12.10?", "en", question.ExactDay, "2016-10-12 2017-10-12", 0, ""},
		{"English order when no event decides", "on 10.21?", "en", question.ExactDay, "2016-10-21 2017-10-21", 0, ""},
		{"a version is no date", "what is in Firefox 3.5?", "en", question.NoDate, "", 0, ""},
		{"a decimal is no date", "it grew 3.5 times", "en", question.NoDate, "", 0, ""},
		{"part of a longer dotted figure", "since version 2.1.3", "", question.NoDate, "", 0, ""},
		{"slashes without a year: the timeline decides too", "what happened on 12/10", "en", question.ExactDay, "2016-10-12 2017-10-12", 0, ""},
	})
	runParseCases(t, mozilla(t), []parseCase{
		{"the timeline decides the order on another timeline", "what happened on 03.04.?", "en", question.ExactDay, everyYear(1995, 2016, "-04-03"), 0, ""},
	})
}

// A month and a year in figures, either order, with a slash, a dash or a dot; "1914-18" is a span
// of years.
func TestParseMonthsInFigures(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"mm/yyyy", "y a quoi en 06/2016", "fr", question.Month, "2016-06-01..2016-06-30", 0, "y a quoi en"},
		{"m/yyyy", "what happened in 6/2016", "en", question.Month, "2016-06-01..2016-06-30", 0, "what happened in"},
		{"mm-yyyy", "what happened in 06-2016", "en", question.Month, "2016-06-01..2016-06-30", 0, ""},
		{"mm.yyyy", "what happened in 10.2016", "en", question.Month, "2016-10-01..2016-10-31", 0, ""},
		{"yyyy/mm", "what happened in 2016/10", "en", question.Month, "2016-10-01..2016-10-31", 0, ""},
		{"yyyy-m", "what happened in 2016-6", "en", question.Month, "2016-06-01..2016-06-30", 0, ""},
		{"between two", "what happened between 09/2016 and 11/2016?", "en", question.Range, "2016-09-01..2016-11-30", 0, ""},
		{"no such month", "what happened in 13/2016", "en", question.Year, "2016-01-01..2016-12-31", 0, ""},
		{"a decimal is no month", "a ratio of 3.2016", "en", question.Year, "2016-01-01..2016-12-31", 0, ""},
		{"a day still wins", "what happened on 21/10/2016", "en", question.ExactDay, "2016-10-21", 0, ""},
	})
	runParseCases(t, newZealand(t), []parseCase{
		{"a span of years by its last two digits", "what happened in 1914-18?", "en", question.Range, "1914-01-01..1918-12-31", 0, ""},
		{"a month on another timeline", "what happened in 02/1840?", "en", question.Month, "1840-02-01..1840-02-29", 0, ""},
	})
}

// A week, a fortnight or a half of a month or a year is the range of its days; without a year, in
// each year the timeline may mean (as any year-less range is, "mid-oct" too).
func TestParseWeeksAndHalvesOfAMonth(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"the last week of a month", "what happened the last week of sept 2016", "en", question.Range, "2016-09-24..2016-09-30", 0, "what happened"},
		{"the first week, no year", "what happened the first week of october?", "en", question.Range, "2016-10-01..2016-10-07 2017-10-01..2017-10-07", 0, "what happened ?"},
		{"the third week", "the third week of october 2016", "en", question.Range, "2016-10-15..2016-10-21", 0, ""},
		{"la dernière semaine", "que s'est-il passé la dernière semaine de septembre ?", "fr", question.Range, "2016-09-24..2016-09-30 2017-09-24..2017-09-30", 0, "que s'est-il passe ?"},
		{"la première quinzaine", "la première quinzaine d'octobre 2016", "fr", question.Range, "2016-10-01..2016-10-15", 0, ""},
		{"la deuxième quinzaine du mois de", "la deuxième quinzaine du mois d'octobre 2016", "fr", question.Range, "2016-10-16..2016-10-31", 0, ""},
		{"the second half of a month", "the second half of october 2016", "en", question.Range, "2016-10-16..2016-10-31", 0, ""},
		{"the last week of a year", "la dernière semaine de l'année 2016", "fr", question.Range, "2016-12-25..2016-12-31", 0, ""},
		{"the first half of a year", "the first half of 2017", "en", question.Range, "2017-01-01..2017-06-30", 0, ""},
		{"the last week of a leap February", "the last week of feb 2016", "en", question.Range, "2016-02-23..2016-02-29", 0, ""},
		{"no month: the order stays", "what was the last week of the campaign like?", "en", question.NoDate, "", question.Last, ""},
		{"mid-month without a year, in each year", "what happened mid-oct?", "en", question.Range, "2016-10-11..2016-10-20 2017-10-11..2017-10-20", 0, ""},
		{"mi-mois sans année", "mi-octobre il s'est passé quoi", "fr", question.Range, "2016-10-11..2016-10-20 2017-10-11..2017-10-20", 0, ""},
		{"days of a month without a year, in each year", "between 3 and 14 october", "en", question.Range, "2016-10-03..2016-10-14 2017-10-03..2017-10-14", 0, ""},
		{"months across a year's end", "between november and march", "en", question.Range, "2016-11-01..2017-03-31", 0, ""},
	})
	runParseCases(t, newZealand(t), []parseCase{
		{"another timeline", "what happened in the first week of february 1840?", "en", question.Range, "1840-02-01..1840-02-07", 0, ""},
		{"la troisième semaine", "que s'est-il passé la troisième semaine de mai 1840 ?", "fr", question.Range, "1840-05-15..1840-05-21", 0, ""},
	})
}

// A century by figures, numeral or ordinal word, with its word, its abbreviation, or after a part
// with none; a part is a third of it.
func TestParseCenturies(t *testing.T) {
	runParseCases(t, mandoline(t), []parseCase{
		{"abbreviated siècle", "au 15e s. y a quoi", "fr", question.Range, "1401-01-01..1500-12-31", 0, "y a quoi"},
		{"a Roman numeral, abbreviated", "XVe s. ?", "", question.Range, "1401-01-01..1500-12-31", 0, "?"},
		{"abbreviated century", "what happened in the 15th c.?", "en", question.Range, "1401-01-01..1500-12-31", 0, "what happened ?"},
		{"an ordinal word", "all of the twentieth century pls", "en", question.Range, "1901-01-01..2000-12-31", 0, ""},
		{"an ordinal word in French", "le dix-neuvième siècle, il s'est passé quoi ?", "fr", question.Range, "1801-01-01..1900-12-31", 0, ""},
		{"the end of a century with no word", "qu'est-ce qui s'est passé à la fin du 19e ?", "fr", question.Range, "1867-01-01..1900-12-31", 0, "qu'est-ce qui s'est passe ?"},
		{"the end of a century in English with no word", "what happened at the end of the 19th?", "en", question.Range, "1867-01-01..1900-12-31", 0, "what happened ?"},
		{"the start of a century", "au début du XXe siècle", "fr", question.Range, "1901-01-01..1933-12-31", 0, ""},
		{"the middle", "au milieu du XVIIIe", "fr", question.Range, "1734-01-01..1766-12-31", 0, ""},
		{"early", "the early 20th century", "en", question.Range, "1901-01-01..1933-12-31", 0, ""},
		{"two centuries", "les XIXe et XXe siècles", "fr", question.Range, "1801-01-01..2000-12-31", 0, ""},
		{"the ordinal of a day is no century", "the end of the 19th of october 2012", "en", question.ExactDay, "2012-10-19", 0, ""},
		{"the twenty-first century", "what happened in the twenty-first century?", "en", question.Range, "2001-01-01..2100-12-31", 0, ""},
		{"an abbreviation without its dot", "what was the craze at the end of the 18th c, what was that", "en", question.Range, "1767-01-01..1800-12-31", 0, ""},
		{"s without its dot", "au XVe s il y avait quoi", "fr", question.Range, "1401-01-01..1500-12-31", 0, "il y avait quoi"},
		{"a temperature is no century", "it was 18 c. outside", "en", question.NoDate, "", 0, ""},
		{"the s of a possessive is no century", "what was in WL's message?", "en", question.NoDate, "", 0, ""},
	})
}

// A decade by four figures, by two (in the century the timeline has it), in words, or a part of
// one; a span mixing a year and a decade.
func TestParseDecades(t *testing.T) {
	runParseCases(t, newZealand(t), []parseCase{
		{"two figures, the century with events", "the 90s, what happened", "en", question.Range, "1890-01-01..1899-12-31", 0, ", what happened"},
		{"with an apostrophe", "what happened in the '40s?", "en", question.Range, "1940-01-01..1949-12-31", 0, "what happened ?"},
		{"in words", "what happened in the nineties?", "en", question.Range, "1890-01-01..1899-12-31", 0, ""},
		{"the noughties", "what happened in the noughties?", "en", question.Range, "2000-01-01..2009-12-31", 0, ""},
		{"les années en chiffres", "les années 60 ?", "fr", question.Range, "1860-01-01..1869-12-31", 0, ""},
		{"les années en lettres", "que s'est-il passé dans les années quarante ?", "fr", question.Range, "1940-01-01..1949-12-31", 0, ""},
		{"the late part", "what happened in the late 1830s?", "en", question.Range, "1837-01-01..1839-12-31", 0, "what happened ?"},
		{"le début", "au début des années 1840", "fr", question.Range, "1840-01-01..1843-12-31", 0, ""},
		{"mid", "the mid-1890s", "en", question.Range, "1893-01-01..1896-12-31", 0, ""},
		{"an age is no decade", "she was in her 90s", "en", question.NoDate, "", 0, ""},
		{"from a year to a decade", "what happened between 1880 and the 1920s?", "en", question.Range, "1880-01-01..1929-12-31", 0, ""},
		{"from a decade to a year", "from the 1930s to 1950", "en", question.Range, "1930-01-01..1950-12-31", 0, ""},
		{"the 1800s are a century", "the 1800s", "en", question.Range, "1800-01-01..1899-12-31", 0, ""},
	})
	runParseCases(t, mozilla(t), []parseCase{
		{"two figures on another timeline", "what happened in the 90s?", "en", question.Range, "1990-01-01..1999-12-31", 0, ""},
		{"quatre-vingt-dix", "les années quatre-vingt-dix", "fr", question.Range, "1990-01-01..1999-12-31", 0, ""},
	})
	runParseCases(t, seed(t), []parseCase{
		{"no decade with events: the nearest", "the 90s", "en", question.Range, "1990-01-01..1999-12-31", 0, ""},
	})
}

// Dates joined by "or", "and", "ou", "et" are one period: a year written last is each one's, parts
// that touch are one span, and the others stay apart.
func TestParseJoinedDates(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"two months, one year", "y a eu un truc en sept ou oct 2017 ?", "fr", question.Range, "2017-09-01..2017-10-31", 0, "y a eu un truc en ?"},
		{"two months in English", "what happened in oct and nov 2016?", "en", question.Range, "2016-10-01..2016-11-30", 0, "what happened in ?"},
		{"months apart", "what happened in september or december 2016?", "en", question.Month, "2016-09-01..2016-09-30 2016-12-01..2016-12-31", 0, ""},
		{"two months without a year", "sept or oct", "", question.Range, "2016-09-01..2016-10-31 2017-09-01..2017-10-31", 0, ""},
		{"two days of a month", "what happened on 3 or 12 october 2016?", "en", question.Range, "2016-10-03 2016-10-12", 0, "what happened ?"},
		{"two years", "what happened in 2016 or 2017?", "en", question.Range, "2016-01-01..2017-12-31", 0, ""},
		{"may or may not is no month", "WL may or may not have known", "", question.NoDate, "", 0, ""},
		{"sept ou huit is a number", "sept ou huit messages", "fr", question.NoDate, "", 0, ""},
		{"between still a range", "between sept and oct 2016", "en", question.Range, "2016-09-01..2016-10-31", 0, ""},
	})
	runParseCases(t, mandoline(t), []parseCase{
		{"two decades", "les années 2000 et 2010 à lunel", "fr", question.Range, "2000-01-01..2019-12-31", 0, "a lunel"},
		{"two years apart", "que s'est-il passé en 1878 ou 1880 ?", "fr", question.Range, "1878-01-01..1878-12-31 1880-01-01..1880-12-31", 0, ""},
	})
	runParseCases(t, mozilla(t), []parseCase{
		{"in march or april", "what happened in march or april 2014?", "en", question.Range, "2014-03-01..2014-04-30", 0, ""},
	})
}

// Offsets in years, months, weeks and days, with units abbreviated and hedged.
func TestParseOffsetsWithAbbreviatedUnitsAndHedges(t *testing.T) {
	runParseCases(t, newZealand(t), []parseCase{
		{"years after a year: that year", "what happened 4 yrs after 1840?", "en", question.Range, "1844-01-01..1844-12-31", 0, "what happened ?"},
		{"ans après", "que s'est-il passé 13 ans après 1840 ?", "fr", question.Range, "1853-01-01..1853-12-31", 0, "que s'est-il passe ?"},
		{"years after an anchor: half a year either side", "what happened 4 years after the treaty of waitangi?", "en", question.Range, "1843-08-08..1844-08-06", 0, "what happened ?"},
		{"a yr before", "what happened a yr before 1840?", "en", question.Range, "1839-01-01..1839-12-31", 0, ""},
		{"about: a year either side", "que s'est-il passé environ 9 ans après 1843 ?", "fr", question.Range, "1851-01-01..1853-12-31", 0, ""},
		{"more than: from then to half as long again", "more than 2 years after 1840", "en", question.Range, "1842-12-31..1843-12-31", 0, ""},
		{"un an avant", "un an avant 1840", "fr", question.Range, "1839-01-01..1839-12-31", 0, ""},
	})
	runParseCases(t, seed(t), []parseCase{
		{"mos", "what happened 3 mos before the election?", "en", question.Range, "2016-06-29..2016-09-21", 0, "what happened ?"},
		{"a yr after", "what did WL send a yr after the election?", "en", question.Range, "2017-05-10..2018-05-09", 0, "what did wl send ?"},
		{"wks", "what happened 2 wks after the election?", "en", question.ExactDay, "2016-11-22", 0, ""},
		{"semaines après", "quoi 3 semaines après l'élection ?", "fr", question.ExactDay, "2016-11-29", 0, ""},
		{"about days: a day either side", "what happened about 3 days after the election?", "en", question.Range, "2016-11-10..2016-11-12", 0, ""},
		{"environ semaines: three days either side", "environ deux semaines après l'élection", "fr", question.Range, "2016-11-19..2016-11-25", 0, ""},
		{"à peu près jours", "à peu près 2 jours après l'élection", "fr", question.Range, "2016-11-09..2016-11-11", 0, ""},
		{"about months", "what happened about a month after the election?", "en", question.Range, "2016-11-24..2016-12-22", 0, ""},
		{"à peu près mois", "à peu près deux mois après l'élection ?", "fr", question.Range, "2016-12-10..2017-02-04", 0, ""},
		{"the year after: the next calendar year", "the year after the election", "en", question.Year, "2017-01-01..2017-12-31", 0, ""},
		{"the month after", "the month after the election", "en", question.Month, "2016-12-01..2016-12-31", 0, ""},
		{"le mois qui a suivi", "le mois qui a suivi l'élection", "fr", question.Month, "2016-12-01..2016-12-31", 0, ""},
		{"combien de mois asks how long", "combien de mois après l'élection WL a écrit ?", "fr", question.Range, "2016-11-09..…", 0, ""},
		{"le mois d'après", "le mois d'après l'élection ya eu quoi", "fr", question.Month, "2016-12-01..2016-12-31", 0, ""},
		{"l'année d'avant", "l'année d'avant l'élection", "fr", question.Year, "2015-01-01..2015-12-31", 0, ""},
		{"d'après l'article stays a source reference", "d'après l'article, que s'est-il passé le lendemain de l'élection ?", "fr", question.Anchor, "2016-11-09", 0, ""},
	})
	runParseCases(t, chronology(t, "berlinwall"), []parseCase{
		{"le mois d'après an anchor", "qu'est-ce qui s'est passé le mois d'après la chute du mur ?", "fr", question.Month, "1989-12-01..1989-12-31", 0, ""},
	})
}

// Two digits after a month are its year where they cannot be a day the way the asker writes days:
// after a day ("march 4th 94"), or in French, which puts the day first ("en mai 29").
func TestParseTwoDigitYearsAfterAMonth(t *testing.T) {
	runParseCases(t, chronology(t, "nirvana"), []parseCase{
		{"month, ordinal day, two-digit year", "what went down on march 4th 94", "en", question.ExactDay, "1994-03-04", 0, "what went down"},
		{"month, day, comma, two-digit year", "what happened on april 8, 94?", "en", question.ExactDay, "1994-04-08", 0, ""},
	})
	runParseCases(t, chronology(t, "armoiries"), []parseCase{
		{"French month and two digits", "ya eu koi en mai 29 ?", "fr", question.Month, "1929-05-01..1929-05-31", 0, ""},
	})
	runParseCases(t, chronology(t, "channeltunnel"), []parseCase{
		{"in, month and two digits", "was anyone killed in the fire in sept 08", "en", question.Month, "2008-09-01..2008-09-30", 0, ""},
		{"on, month and two digits is a day", "what happened on sept 18 1996", "en", question.ExactDay, "1996-09-18", 0, ""},
	})
	runParseCases(t, seed(t), []parseCase{
		{"an hour after the day is no year", "what did WL send on oct 12 10 am?", "en", question.ExactDay, "2016-10-12 2017-10-12", 0, ""},
		{"English month and two digits is a day", "what happened on oct 12?", "en", question.ExactDay, "2016-10-12 2017-10-12", 0, ""},
		{"French month and two digits outside the timeline is a day", "qu'est-ce qui s'est passé le oct 12 ?", "fr", question.ExactDay, "2016-10-12 2017-10-12", 0, ""},
	})
}

// A comma before the year may have a space before it too.
func TestParseACommaBeforeTheYear(t *testing.T) {
	runParseCases(t, mozilla(t), []parseCase{
		{"month day , year", "what happened on Jan 23rd , 1998?", "en", question.ExactDay, "1998-01-23", 0, "what happened ?"},
		{"day month , year", "what happened on 23 jan , 1998?", "en", question.ExactDay, "1998-01-23", 0, "what happened ?"},
		{"no space after the comma", "what happened on january 23,1998", "en", question.ExactDay, "1998-01-23", 0, "what happened"},
	})
}

// More of the same classes, as people write them: the first or last days or weeks of a month,
// counted or not; a century with a hyphen or a bare numeral; two decades, the second short;
// uncounted offsets.
func TestParseMoreVariants(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"the first two weeks", "the first two weeks of october 2016", "en", question.Range, "2016-10-01..2016-10-14", 0, ""},
		{"les deux premières semaines", "les deux premières semaines d'octobre 2016", "fr", question.Range, "2016-10-01..2016-10-14", 0, ""},
		{"the last few days", "what happened the last few days of october 2016?", "en", question.Range, "2016-10-25..2016-10-31", 0, "what happened ?"},
		{"les derniers jours", "les derniers jours d'octobre 2016", "fr", question.Range, "2016-10-25..2016-10-31", 0, ""},
		{"the first ten days", "the first 10 days of november 2016", "en", question.Range, "2016-11-01..2016-11-10", 0, ""},
		{"les premiers jours, sans année", "les premiers jours de novembre", "fr", question.Range, "2016-11-01..2016-11-07 2017-11-01..2017-11-07", 0, ""},
		{"no month: no days", "the last days of the campaign", "en", question.NoDate, "", question.Last, ""},
	})
	runParseCases(t, newZealand(t), []parseCase{
		{"a hyphenated century", "which 19th-century treaty founded the colony?", "en", question.Range, "1801-01-01..1900-12-31", 0, "which treaty founded the colony?"},
		{"a bare Roman numeral", "le XIX siècle", "fr", question.Range, "1801-01-01..1900-12-31", 0, ""},
		{"a letter is no numeral", "c siècle", "fr", question.NoDate, "", 0, ""},
		{"the second decade short", "the 1840s and 50s", "en", question.Range, "1840-01-01..1859-12-31", 0, ""},
		{"two short decades in one century", "what happened between the 80s and the 90s?", "en", question.Range, "1980-01-01..1999-12-31", 0, "what happened ?"},
		{"les années 80 et 90", "les années 80 et 90", "fr", question.Range, "1980-01-01..1999-12-31", 0, ""},
		{"a decade and a year", "between the 1880s and 1920", "en", question.Range, "1880-01-01..1920-12-31", 0, ""},
		{"a few years", "what happened a few years after the treaty of waitangi?", "en", question.Range, "1842-02-06..1845-02-06", 0, "what happened ?"},
		{"a couple of years after a year", "a couple of years after 1840", "en", question.Range, "1841-01-01..1843-12-31", 0, ""},
		{"quelques années", "quelques années après 1840", "fr", question.Range, "1842-01-01..1845-12-31", 0, ""},
		{"a few days after a year count from its end", "a few days after 1840", "en", question.Range, "1841-01-01..1841-01-07", 0, ""},
		{"plusieurs semaines avant", "plusieurs semaines avant le 6 février 1840", "fr", question.Range, "1840-01-02..1840-01-23", 0, ""},
	})
}

// Two years joined by a dash alone are a span, as "between" makes them; so are a year and its
// successor's last two digits after a slash.
func TestParseYearsJoinedByADash(t *testing.T) {
	runParseCases(t, newZealand(t), []parseCase{
		{"a dash", "what happened 1840-1850?", "en", question.Range, "1840-01-01..1850-12-31", 0, "what happened ?"},
		{"a dash with spaces", "what happened 1840 - 1850", "en", question.Range, "1840-01-01..1850-12-31", 0, "what happened"},
		{"an en dash", "que s'est-il passé en 1914–1918 ?", "fr", question.Range, "1914-01-01..1918-12-31", 0, ""},
		{"a slash and two digits", "what happened in 1852/53?", "en", question.Range, "1852-01-01..1853-12-31", 0, ""},
		{"reversed years are not a span", "1850-1840", "", question.Year, "1850-01-01..1850-12-31", 0, ""},
	})
}

// Two two-digit figures joined as a span ("from 40 to 45", "entre 40 et 45") are its years, in the
// century the timeline has them; figures followed by what they count, backwards, or too far apart
// are no years.
func TestParseASpanOfTwoDigitYears(t *testing.T) {
	runParseCases(t, chronology(t, "nokia"), []parseCase{
		{"from and to", "what happened from 96 to 98", "en", question.Range, "1996-01-01..1998-12-31", 0, ""},
		{"entre et", "il s'est passé quoi entre 96 et 98 ?", "fr", question.Range, "1996-01-01..1998-12-31", 0, ""},
		{"a count is no span", "between 10 and 20 people died", "en", question.NoDate, "", 0, ""},
		{"backwards is no span", "from 98 to 96", "en", question.NoDate, "", 0, ""},
		{"too long is no span", "from 10 to 90", "en", question.NoDate, "", 0, ""},
		{"a count of something is no span", "from 20 to 30 of them", "en", question.NoDate, "", 0, ""},
		{"a share is no span", "between 20 and 30 % of sales", "en", question.NoDate, "", 0, ""},
	})
	runParseCases(t, chronology(t, "empirestate"), []parseCase{
		{"between and", "anything between '29 and '31?", "en", question.Range, "1929-01-01..1931-12-31", 0, ""},
	})
}

// Two parts of months joined by "to", "à", "and" are one range, from the first's first day to the
// second's last.
func TestParseARangeBetweenPartsOfMonths(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"de mi à mi", "de mi-sept à mi-oct 2016 ça donne quoi", "fr", question.Range, "2016-09-11..2016-10-20", 0, "ca donne quoi"},
		{"de mi à mi, each its year", "de mi-déc 2016 à mi-juillet 2017 il s'est passé koi", "fr", question.Range, "2016-12-11..2017-07-20", 0, "il s'est passe koi"},
		{"from early to late", "what happened from early october to late november 2016?", "en", question.Range, "2016-10-01..2016-11-30", 0, "what happened ?"},
		{"between early and mid", "between early oct and mid-oct 2016", "en", question.Range, "2016-10-01..2016-10-20", 0, ""},
		{"one part alone", "fin oct. 2016", "", question.Range, "2016-10-21..2016-10-31", 0, ""},
	})
	runParseCases(t, mozilla(t), []parseCase{
		{"on another timeline", "from late march to early april 2014", "en", question.Range, "2014-03-21..2014-04-10", 0, ""},
	})
}

// The world wars and the years between them are named periods, in English and French; between two
// of them is the time between.
func TestParseTheWorldWars(t *testing.T) {
	runParseCases(t, newZealand(t), []parseCase{
		{"WWII", "what did nz do in WWII?", "en", question.Range, "1939-09-01..1945-09-02", 0, ""},
		{"la Première Guerre mondiale", "que s'est-il passé pendant la Première Guerre mondiale ?", "fr", question.Range, "1914-07-28..1918-11-11", 0, ""},
		{"world war two", "during world war two", "", question.Range, "1939-09-01..1945-09-02", 0, ""},
		{"the great war", "the great war", "en", question.Range, "1914-07-28..1918-11-11", 0, ""},
		{"l'entre-deux-guerres", "l'entre-deux-guerres", "fr", question.Range, "1918-11-12..1939-08-31", 0, ""},
		{"between two wars is the time between", "between WWI and WWII", "en", question.Range, "1918-11-12..1939-08-31", 0, ""},
		{"the noun said once", "entre la 1ère et la 2e guerre mondiale il se passe quoi en nz", "fr", question.Range, "1918-11-12..1939-08-31", 0, "il se passe quoi en nz"},
		{"both wars", "the first and second world wars", "en", question.Range, "1914-07-28..1945-09-02", 0, ""},
		{"after a war", "first thing that happened after ww2", "en", question.Range, "1945-09-03..…", question.First, ""},
		{"another war is none", "after the war", "en", question.NoDate, "", 0, ""},
	})
}

// Quarters and semesters of a year, the middle of a year, and a day and month joined by a dash
// after a word that introduces a day.
func TestParseQuartersMidYearsAndDashedDays(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"Q4", "what happened in Q4 2016?", "en", question.Range, "2016-10-01..2016-12-31", 0, "what happened in ?"},
		{"year then Q", "2016 Q3", "", question.Range, "2016-07-01..2016-09-30", 0, ""},
		{"the first quarter", "the first quarter of 2017", "en", question.Range, "2017-01-01..2017-03-31", 0, ""},
		{"le premier trimestre", "le premier trimestre 2017 il s'est passé quoi ?", "fr", question.Range, "2017-01-01..2017-03-31", 0, "il s'est passe quoi ?"},
		{"le dernier trimestre", "le dernier trimestre 2016", "fr", question.Range, "2016-10-01..2016-12-31", 0, ""},
		{"le second semestre", "le second semestre 2016", "fr", question.Range, "2016-07-01..2016-12-31", 0, ""},
		{"mid-year", "what happened mid-2016?", "en", question.Range, "2016-05-01..2016-08-31", 0, "what happened ?"},
		{"au milieu de l'année", "au milieu de l'année 2016", "fr", question.Range, "2016-05-01..2016-08-31", 0, ""},
		{"a dashed day", "le 21-10 il se passe quoi", "fr", question.ExactDay, "2016-10-21 2017-10-21", 0, "il se passe quoi"},
		{"a score is no day", "a 3-2 win", "", question.NoDate, "", 0, ""},
		{"a range of days stays one", "le 3-14 octobre 2016", "fr", question.Range, "2016-10-03..2016-10-14", 0, ""},
		{"a quarter of a month is none", "the first quarter of october", "en", question.Month, "2016-10-01..2016-10-31 2017-10-01..2017-10-31", question.First, ""},
	})
}

// "À partir des années 50" is from that decade on; a decade by two figures on a timeline with none
// of them is the latest that starts by its end.
func TestParseFromADecadeOn(t *testing.T) {
	runParseCases(t, mandoline(t), []parseCase{
		{"à partir des années", "à partir des années 50 on retrouve la mandoline dans quels styles", "fr", question.Range, "1950-01-01..…", 0, "on retrouve la mandoline dans quels styles"},
	})
	runParseCases(t, seed(t), []parseCase{
		{"no such decade with events: the past one", "les années 50", "fr", question.Range, "1950-01-01..1959-12-31", 0, ""},
	})
}

// An ordinal word is read in either language, and each rank has its words in both.
func TestOrdinalWordsReadBothWays(t *testing.T) {
	for w, want := range map[string]int{"ninth": 9, "neuvieme": 9, "dix-neuvieme": 19, "twentieth": 20, "second": 2, "deuxieme": 2} {
		if n, ok := question.Ordinal(w); !ok || n != want {
			t.Errorf("Ordinal(%q) = %d, %v; want %d", w, n, ok, want)
		}
	}
	if _, ok := question.Ordinal("message"); ok {
		t.Error(`Ordinal("message") is a rank`)
	}
	for n := 2; n <= 20; n++ {
		for _, w := range question.OrdinalWords(n) {
			if got, ok := question.Ordinal(w); !ok || got != n {
				t.Errorf("OrdinalWords(%d) has %q, which reads as %d", n, w, got)
			}
		}
		// French writes 17th to 19th in two words ("dix-septième"): no one-word form.
		if want := 2; len(question.OrdinalWords(n)) < want && (n < 17 || n > 19) {
			t.Errorf("OrdinalWords(%d) = %q: want its English and French words", n, question.OrdinalWords(n))
		}
	}
}
