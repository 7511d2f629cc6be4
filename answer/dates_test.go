package answer_test

import "testing"

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
