package answer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Date forms the question parser reads (question/forms.go), end to end on two chronologies each:
// the answer is the one for the date the form writes, not for its year or for nothing.

func TestAMonthNameBetweenFiguresIsItsDay(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "anything on dec-16-2016?", answered: true, dates: []string{"2016-12-16"}},
		{q: "que s'est-il passé le 16-déc-2016 ?", answered: true, dates: []string{"2016-12-16"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened on jan-24-1998?", answered: true, dates: []string{"1998-01-24"}, quote: "registered mozilla.org"},
		{q: "what happened on 23-jan-98?", answered: true, dates: []string{"1998-01-23"}},
	})
}

func TestADottedDayWithoutAYearIsTheTimelinesDay(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "le 21.10 il se passe quoi", answered: true, dates: []string{"2016-10-21"}},
		// 12 October has an event, 10 December none: the timeline decides the order.
		{q: "what did WL send on 12.10.?", answered: true, dates: []string{"2016-10-12"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened on 24.01.?", answered: true, dates: []string{"1998-01-24"}},
		{q: "what happened le 03.04 ?", answered: true, dates: []string{"2014-04-03"}},
	})
}

func TestAMonthInFiguresIsThatMonth(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "y a quoi en 06/2016", answered: true, dates: []string{"2016-06"}},
		{q: "what happened in 6-2016?", answered: true, dates: []string{"2016-06"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened in 07/2003?", answered: true, dates: []string{"2003-07"}},
		{q: "what happened in 2012/11?", answered: true, dates: []string{"2012-11"}},
	})
}

// A week or half of a month is its days; a week with no event says so and names the nearest.
func TestAWeekOfAMonthIsItsDays(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what happened the first week of october?", answered: true, dates: []string{"2016-10-03"}},
		{q: "what did WL send in the second half of october 2016?", answered: true, dates: []string{"2016-10-21"}},
		{q: "what happened the last week of sept 2016", answered: false, words: "no event between 24 September 2016 and 30 September 2016"},
		{q: "que s'est-il passé la dernière semaine de septembre ?", answered: false, words: "aucun événement entre le 24 septembre 2016 et le 30 septembre 2016"},
		{q: "what happened mid-oct?", answered: true, dates: []string{"2016-10-12", "2016-10-14"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened in the fourth week of january 1998?", answered: true, dates: []string{"1998-01-23", "1998-01-24"}},
		{q: "que s'est-il passé la dernière semaine de mars 2014 ?", answered: false, words: "le 24 mars 2014"},
		{q: "what happened in the first half of april 2014?", answered: true, dates: []string{"2014-04-03"}},
	})
}

// A century abbreviated, in ordinal words, or a part of one without the word, lists its events.
func TestACenturyInAnyFormListsItsEvents(t *testing.T) {
	runClass(t, mandoline(t), []classCase{
		{q: "au 15e s. y a quoi", answered: true, dates: []string{"1401"}},
		{q: "le dix-huitième siècle, il s'est passé quoi ?", answered: true, words: "8 événements entre le 1er janvier 1701 et le 31 décembre 1800"},
		{q: "what happened in the 17th c.?", answered: true, words: "between 1 January 1601 and 31 December 1700"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what happened at the end of the 19th?", answered: true, dates: []string{"1891", "1893", "1894"}},
		{q: "what happened in the nineteenth century?", answered: true, words: "13 events between 1 January 1801 and 31 December 1900"},
		{q: "XVIIe s. ?", answered: true, dates: []string{"1642"}},
	})
}

// A decade by two figures or in words is the one the timeline has events in; a part of one is its
// years; a span may mix a year and a decade.
func TestADecadeInAnyFormListsItsEvents(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "the 90s, what happened", answered: true, dates: []string{"1891", "1893", "1894"}},
		{q: "les années quarante ?", answered: true, dates: []string{"1947"}},
		{q: "what happened between 1880 and the 1920s?", answered: true, words: "5 events between 1 January 1880 and 31 December 1929"},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "the late 1870s?", answered: true, dates: []string{"1878", "1878-03-02"}},
		{q: "les années soixante ?", answered: true, dates: []string{"1960"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened in the 90s?", answered: true, words: "between 1 January 1990 and 31 December 1999"},
	})
}

// Dates joined by "or"/"and" are one period; a period with no event says so and names the nearest.
func TestJoinedDatesAreOnePeriod(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "y a eu un truc en sept ou oct 2017 ?", answered: false, words: "aucun événement entre le 1er septembre 2017 et le 31 octobre 2017. Les événements les plus proches : le 11 juillet 2017"},
		{q: "what happened in oct and nov 2016?", answered: true, words: "6 events between 1 October 2016 and 30 November 2016"},
		{q: "what happened in september or december 2016?", answered: true, dates: []string{"2016-09-20", "2016-12-16"}, words: "in September 2016 or in December 2016"},
		{q: "what happened on 3 or 12 october 2016?", answered: true, dates: []string{"2016-10-03", "2016-10-12"}},
		{q: "what happened on 4 or 6 october 2016?", answered: false, words: "no event on 4 October 2016 or on 6 October 2016"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened in march or april 2014?", answered: true, dates: []string{"2014-03-24", "2014-04-03"}},
		{q: "que s'est-il passé en 2012 ou 2013 ?", answered: true, words: "entre le 1er janvier 2012 et le 31 décembre 2013"},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "que s'est-il passé en 1878 ou 1880 ?", answered: true, words: "3 événements en 1878 ou en 1880"},
		{q: "les années 2000 et 2010 à lunel", answered: true, dates: []string{"2004", "2012-10-31", "2014"}},
	})
}

// Offsets in years, and units abbreviated, from a date or an anchor: the events that far from it,
// or the nearest when it has none.
func TestOffsetsInYearsAndAbbreviatedUnits(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "what happened 4 yrs after the Treaty of Waitangi?", answered: true, dates: []string{"1843"}},
		{q: "que s'est-il passé environ 9 ans après 1843 ?", answered: true, dates: []string{"1852"}},
		{q: "que s'est-il passé 13 ans après 1840 ?", answered: false, words: "aucun événement en 1853. Les événements les plus proches : en 1852"},
	})
	runClass(t, seed(t), []classCase{
		{q: "what happened 3 mos before the election?", answered: true, dates: []string{"2016-09-20"}},
		{q: "what did WL send a yr after the election?", answered: true, dates: []string{"2017-07-11"}},
		{q: "what happened 2 wks after the election?", answered: false, words: "nothing about 22 November 2016"},
		{q: "à peu près deux mois après l'élection ?", answered: true, dates: []string{"2016-12-16"}},
	})
}

// "2 yrs later?", "deux ans plus tard ?", "and a week before?" after an answer: the period that far
// from its events, as the parser reads the offset from their date.
func TestAnOffsetFollowUpMovesFromThePreviousAnswersDate(t *testing.T) {
	for _, tc := range []struct {
		tl       *knowledge.Timeline
		from, q  string
		answered bool
		dates    []string // cited dates (nil: not checked)
		words    string
	}{
		{newZealand(t), "1843", "2 yrs later?", false, nil, "no event in 1845"},
		{newZealand(t), "1843", "what happened 9 years later?", true, []string{"1852"}, ""},
		{newZealand(t), "1843", "environ neuf ans plus tard ?", true, []string{"1852"}, ""},
		{newZealand(t), "1854", "and two years before?", true, []string{"1852"}, ""},
		{seed(t), "2016-11-08", "a month later?", true, []string{"2016-12-16"}, ""},
		{seed(t), "2016-10-12", "2 days later?", true, []string{"2016-10-14"}, ""},
		{seed(t), "2016-10-12", "deux jours plus tard ?", true, []string{"2016-10-14"}, "14 octobre 2016"},
	} {
		var from *knowledge.Event
		for _, e := range tc.tl.Events {
			if e.Date.String() == tc.from && e.Kind == knowledge.KindEntry {
				from = e
				break
			}
		}
		if from == nil {
			t.Fatalf("no entry dated %s", tc.from)
		}
		if k := answer.FollowUpKind(tc.q); k != answer.FollowOffset {
			t.Errorf("FollowUpKind(%q) = %d, want FollowOffset", tc.q, k)
		}
		prev := answer.Answer{Answered: true, Lang: "en", Citations: []answer.Citation{{EventID: from.ID, Date: from.Date.String()}}}
		a, ok := answer.FollowUp(tc.tl, prev, answer.Question{Text: tc.q})
		if !ok {
			t.Errorf("%q: not read as a follow-up", tc.q)
			continue
		}
		checkGrounded(t, tc.tl, tc.q, a)
		var dates []string
		for _, c := range a.Citations {
			if len(dates) == 0 || dates[len(dates)-1] != c.Date {
				dates = append(dates, c.Date)
			}
		}
		switch {
		case a.Answered != tc.answered:
			t.Errorf("%q after %s: answered=%v, want %v:\n%s", tc.q, tc.from, a.Answered, tc.answered, a.Text)
		case tc.dates != nil && !slices.Equal(dates, tc.dates):
			t.Errorf("%q after %s: cites %v, want %v:\n%s", tc.q, tc.from, dates, tc.dates, a.Text)
		case !strings.Contains(a.Text, tc.words):
			t.Errorf("%q after %s: answer lacks %q:\n%s", tc.q, tc.from, tc.words, a.Text)
		}
	}
	// Not a follow-up: a question of its own that names its date.
	if k := answer.FollowUpKind("what happened 2 years after 1843?"); k != answer.NotFollowUp {
		t.Errorf("a question with its own date read as follow-up %d", k)
	}
}

// More variants end to end: counted weeks of a month, uncounted offsets, two decades.
func TestMoreDateVariantsEndToEnd(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what happened the first two weeks of october 2016?", answered: true, dates: []string{"2016-10-03", "2016-10-12", "2016-10-14"}},
		{q: "what did WL send a few days after the election?", answered: true, dates: []string{"2016-11-09"}},
		{q: "les derniers jours d'octobre 2016 ?", answered: false, words: "aucun événement entre le 25 octobre 2016 et le 31 octobre 2016"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what happened a few years after the Treaty of Waitangi?", answered: true, dates: []string{"1843"}},
		{q: "the 1840s and 50s?", answered: true, words: "7 events between 1 January 1840 and 31 December 1859"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened between the 90s and the 2000s?", answered: true, words: "between 1 January 1990 and 31 December 2009"},
	})
}

// A hedge before an offset from an event named by its content is part of the offset, in both
// languages, and "mos" is months.
func TestAHedgedOffsetFromAnEventIsTheOffset(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "ça sort quoi environ 4 mois après l'article du nyt", answered: true, dates: []string{"2017-11-13"}},
		{q: "what came out 4 mos after the nyt article?", answered: true, dates: []string{"2017-11-13"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "que s'est-il passé environ 9 ans après l'affrontement de Wairau ?", answered: true, dates: []string{"1852"}},
		{q: "what happened roughly 9 years after the Wairau Affray?", answered: true, dates: []string{"1852"}},
	})
}

// "The year after X", "le mois qui a suivi X": the calendar year or month next to X's.
func TestTheYearOrMonthAfterIsTheNextCalendarOne(t *testing.T) {
	runClass(t, mandoline(t), []classCase{
		{q: "what happened at lunel the year after the 9th festival", answered: true, dates: []string{"2013"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what happened the year after the Treaty of Waitangi?", answered: true, dates: []string{"1841-07-01"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "what did WL send the month after the election?", answered: true, dates: []string{"2016-12-16"}},
		{q: "qu'a écrit WL l'année après l'élection ?", answered: true, dates: []string{"2017-07-11"}},
	})
}

// Two years joined by a dash list the span between them.
func TestYearsJoinedByADashAreASpan(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "what happened 1840-1850?", answered: true, words: "4 events between 1 January 1840 and 31 December 1850"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened 2004-2005?", answered: true, dates: []string{"2004-02-09", "2005-03-10"}},
	})
}

// A range between parts of months lists what lies between.
func TestARangeBetweenPartsOfMonthsListsItsEvents(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "de mi-sept à mi-oct 2016 ça donne quoi", answered: true, dates: []string{"2016-09-20", "2016-10-03", "2016-10-12", "2016-10-14"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened from late march to early april 2014?", answered: true, dates: []string{"2014-03-24", "2014-04-03"}},
	})
}

// The world wars and the years between them, on two chronologies of the 20th century.
func TestTheWorldWarsArePeriods(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "entre la 1ère et la 2e guerre mondiale il se passe quoi en nz", answered: true, dates: []string{"1928"}},
		{q: "what did nz do in WWII?", answered: true, dates: []string{"1939-09-03"}},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "la mandoline pendant l'entre-deux-guerres ?", answered: true, dates: []string{"1930"}},
		{q: "what happened to the mandolin during the first world war?", answered: false, words: "no event between 28 July 1914 and 11 November 1918"},
	})
}

// Quarters and the middle of a year list their events, or say there are none.
func TestQuartersAndMidYearsAreTheirMonths(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what happened in Q4 2016?", answered: true, words: "7 events between 1 October 2016 and 31 December 2016"},
		{q: "le premier trimestre 2017 il s'est passé quoi ?", answered: false, words: "aucun événement entre le 1er janvier 2017 et le 31 mars 2017"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what happened in the first quarter of 2014?", answered: true, dates: []string{"2014-03-24"}},
		{q: "que s'est-il passé mi-2012 ?", answered: true, dates: []string{"2012-07-16"}},
	})
}
