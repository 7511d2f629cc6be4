package question_test

import (
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

func seed(t testing.TB) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// spans formats parsed spans as "2016-10-21" for a day and "2016-10-01..2016-10-31" otherwise; an
// open end is written "…".
func spans(p question.Parsed) string {
	var out []string
	for _, s := range p.Spans {
		from, to := s.From.String(), s.To.String()
		if p.OpenFrom {
			from = "…"
		}
		if p.OpenTo {
			to = "…"
		}
		if s.From == s.To {
			out = append(out, from)
		} else {
			out = append(out, from+".."+to)
		}
	}
	return strings.Join(out, " ")
}

var kindNames = map[question.DateKind]string{
	question.NoDate: "none", question.ExactDay: "day", question.Month: "month", question.Year: "year",
	question.Range: "range", question.Anchor: "anchor",
}

type parseCase struct {
	name  string
	q     string
	lang  string
	kind  question.DateKind
	spans string
	order question.Order
	rest  string // "" means not checked
}

func runParseCases(t *testing.T, tl *knowledge.Timeline, cases []parseCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := question.Parse(c.q, tl)
			if p.Lang != c.lang {
				t.Errorf("Lang = %q, want %q", p.Lang, c.lang)
			}
			if p.Kind != c.kind {
				t.Errorf("Kind = %s, want %s", kindNames[p.Kind], kindNames[c.kind])
			}
			if got := spans(p); got != c.spans {
				t.Errorf("spans = %s, want %s", got, c.spans)
			}
			if p.Order != c.order {
				t.Errorf("Order = %v, want %v", p.Order, c.order)
			}
			if c.rest != "" && p.Rest != c.rest {
				t.Errorf("Rest = %q, want %q", p.Rest, c.rest)
			}
			if p.Text != c.q {
				t.Errorf("Text = %q", p.Text)
			}
		})
	}
}

func TestParseDatesInEnglish(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"day month year", "What did WikiLeaks ask for on 21 October 2016?", "en", question.ExactDay, "2016-10-21", 0, "what did wikileaks ask for ?"},
		{"month day, year", "What happened on October 21, 2016?", "en", question.ExactDay, "2016-10-21", 0, "what happened ?"},
		{"month day year without comma", "What happened on October 21 2016", "en", question.ExactDay, "2016-10-21", 0, "what happened"},
		{"ordinal of month", "What happened on the 21st of October 2016?", "en", question.ExactDay, "2016-10-21", 0, ""},
		{"abbreviated month with a dot", "what happened on oct. 21, 2016", "en", question.ExactDay, "2016-10-21", 0, "what happened"},
		{"ISO date", "what happened on 2016-10-14", "en", question.ExactDay, "2016-10-14", 0, "what happened"},
		{"ISO date without leading zeros", "what happened on 2016-9-20", "en", question.ExactDay, "2016-09-20", 0, "what happened"},
		{"year first with slashes", "whats on 2016/11/09", "en", question.ExactDay, "2016-11-09", 0, "whats"},
		{"year first with dots", "what happened 2016.11.09", "en", question.ExactDay, "2016-11-09", 0, "what happened"},
		{"ISO basic form, eight figures", "anything on 20160920?", "en", question.ExactDay, "2016-09-20", 0, "anything ?"},
		{"the day's name before the date is no word to search", "anything drop on fri oct 7th 2016?", "en", question.ExactDay, "2016-10-07", 0, "anything drop ?"},
		{"the day's name with a comma", "what happened on Friday, October 21, 2016", "en", question.ExactDay, "2016-10-21", 0, "what happened"},
		{"day after a named day", "the day after sunday oct 9 2016 what did trump say", "en", question.Anchor, "2016-10-10", 0, ""},
		{"slashes, day first when the day cannot be a month", "What happened on 21/10/2016?", "en", question.ExactDay, "2016-10-21", 0, "what happened ?"},
		{"slashes, month first in English", "What happened on 10/21/2016?", "en", question.ExactDay, "2016-10-21", 0, ""},
		{"ambiguous slashes: the timeline's event decides", "What happened on 03/10/2016?", "en", question.ExactDay, "2016-10-03", 0, ""},
		{"ambiguous slashes read month first in English when no event decides", "What happened on 04/05/2016?", "en", question.ExactDay, "2016-04-05", 0, ""},
		{"day and month without a year", "what happened on 10/21?", "en", question.ExactDay, "2016-10-21 2017-10-21", 0, ""},
		{"christmas", "what happened on christmas 2016", "en", question.ExactDay, "2016-12-25", 0, "what happened"},
		{"new year's eve", "what happened on new year's eve 2016?", "en", question.ExactDay, "2016-12-31", 0, ""},
		{"dots", "What happened on 10.21.2016?", "en", question.ExactDay, "2016-10-21", 0, ""},
		{"two-digit year", "What happened on 10/21/16?", "en", question.ExactDay, "2016-10-21", 0, ""},
		{"leap day", "What happened on 29 February 2016?", "en", question.ExactDay, "2016-02-29", 0, ""},
		{"ordinal without year, in both years of the timeline", "What did WikiLeaks want on Oct 21st?", "en", question.ExactDay, "2016-10-21 2017-10-21", 0, "what did wikileaks want ?"},
		{"abbreviated without year, only one year in the timeline", "wat did wikileaks say on dec 16", "en", question.ExactDay, "2016-12-16", 0, "wat did wikileaks say"},
		{"Nov 8 resolves against the timeline", "What happened on Nov 8?", "en", question.ExactDay, "2016-11-08 2017-11-08", 0, "what happened ?"},
		{"day month without year", "Tell me about 14 Oct", "en", question.ExactDay, "2016-10-14 2017-10-14", 0, "tell me about"},
		{"a year-less month outside the timeline resolves to the nearest year", "What happened on 1 March?", "en", question.ExactDay, "2017-03-01", 0, ""},
	})
}

func TestParseDatesInFrench(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"jour mois année", "Que s'est-il passé le 21 octobre 2016 ?", "fr", question.ExactDay, "2016-10-21", 0, "que s'est-il passe ?"},
		{"premier du mois", "Que s'est-il passé le 1er janvier 2015 ?", "fr", question.ExactDay, "2015-01-01", 0, "que s'est-il passe ?"},
		{"accents optional", "Qu'a ecrit WikiLeaks le 16 decembre 2016 ?", "fr", question.ExactDay, "2016-12-16", 0, "qu'a ecrit wikileaks ?"},
		{"barres obliques, jour d'abord", "Que s'est-il passé le 03/10/2016 ?", "fr", question.ExactDay, "2016-10-03", 0, ""},
		{"barres obliques, une année de trois chiffres", "il s'est passé koi le 23/12/679", "fr", question.ExactDay, "0679-12-23", 0, ""},
		{"barres obliques, mois impossible", "Que s'est-il passé le 10/21/2016 ?", "fr", question.ExactDay, "2016-10-21", 0, ""},
		{"ISO en français", "Que s'est-il passé le 2016-10-21 ?", "fr", question.ExactDay, "2016-10-21", 0, ""},
		{"sans année", "Qu'a écrit WikiLeaks le 9 novembre ?", "fr", question.ExactDay, "2016-11-09 2017-11-09", 0, "qu'a ecrit wikileaks ?"},
		{"abréviation", "Que s'est-il passé le 12 oct. 2016 ?", "fr", question.ExactDay, "2016-10-12", 0, ""},
		{"le nom du jour devant la date", "ya eu koi le vendredi 21 octobre 2016", "fr", question.ExactDay, "2016-10-21", 0, "ya eu koi"},
		// The day's name between a connective and the date leaves the connective its date.
		{"lendemain et nom du jour", "le lendemain du dimanche 9 octobre 2016, trump a dit koi", "fr", question.Anchor, "2016-10-10", 0, ""},
		{"lendemain et jour abrégé", "le lendemain du dim. 9 oct. 16, trump a dit koi", "fr", question.Anchor, "2016-10-10", 0, ""},
	})
}

func TestParseMonthsYearsAndRanges(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"in month year", "What happened in October 2016?", "en", question.Month, "2016-10-01..2016-10-31", 0, ""},
		{"en mois année", "Que s'est-il passé en novembre 2016 ?", "fr", question.Month, "2016-11-01..2016-11-30", 0, ""},
		{"abbreviated month", "What happened in Sept 2016?", "en", question.Month, "2016-09-01..2016-09-30", 0, ""},
		{"ISO month", "what happened in 2016-10", "en", question.Month, "2016-10-01..2016-10-31", 0, ""},
		{"month of year", "What happened in December of 2016?", "en", question.Month, "2016-12-01..2016-12-31", 0, ""},
		{"month without year", "What happened in March?", "en", question.Month, "2017-03-01..2017-03-31", 0, ""},
		{"in year", "What happened in 2018?", "en", question.Year, "2018-01-01..2018-12-31", 0, "what happened in ?"},
		{"between months", "What happened between September and October 2016?", "en", question.Range, "2016-09-01..2016-10-31", 0, "what happened ?"},
		{"entre mois", "Que s'est-il passé entre septembre et octobre 2016 ?", "fr", question.Range, "2016-09-01..2016-10-31", 0, "que s'est-il passe ?"},
		{"from day to day", "What happened from 3 October to 14 October 2016?", "en", question.Range, "2016-10-03..2016-10-14", 0, "what happened ?"},
		{"from day to day of one month", "What happened from 3 to 14 October 2016?", "en", question.Range, "2016-10-03..2016-10-14", 0, "what happened ?"},
		{"du jour au jour", "Que s'est-il passé du 3 au 14 octobre 2016 ?", "fr", question.Range, "2016-10-03..2016-10-14", 0, "que s'est-il passe ?"},
		{"a dash between days", "What happened 3-14 October 2016?", "en", question.Range, "2016-10-03..2016-10-14", 0, ""},
		{"between days of one month", "What happened between 3 and 14 October 2016?", "en", question.Range, "2016-10-03..2016-10-14", 0, ""},
		{"between years", "What happened between 2016 and 2017?", "en", question.Range, "2016-01-01..2017-12-31", 0, ""},
		{"reversed range", "What happened between October and September 2016?", "en", question.Range, "2016-09-01..2016-10-31", 0, ""},
		{"before a date", "What happened before 21 October 2016?", "en", question.Range, "…..2016-10-20", 0, "what happened ?"},
		{"after a month", "What happened after October 2016?", "en", question.Range, "2016-11-01..…", 0, ""},
		{"since a year includes it", "What happened since 2017?", "en", question.Range, "2017-01-01..…", 0, ""},
		{"depuis includes the month", "Que s'est-il passé depuis novembre 2016 ?", "fr", question.Range, "2016-11-01..…", 0, ""},
		{"until a date includes it", "What happened until 21 October 2016?", "en", question.Range, "…..2016-10-21", 0, ""},
		{"jusqu'au includes the day", "Que s'est-il passé jusqu'au 21 octobre 2016 ?", "fr", question.Range, "…..2016-10-21", 0, ""},
		{"entre le et le", "tout ce qui s'est passé entre le 1er et le 15 oct. 2016 stp", "fr", question.Range, "2016-10-01..2016-10-15", 0, ""},
		{"between the ordinals", "between the 3rd and the 14th of october 2016", "en", question.Range, "2016-10-03..2016-10-14", 0, ""},
		{"après le", "la chrono après le 1er novembre 2016", "fr", question.Range, "2016-11-02..…", 0, ""},
		{"avant le", "et avant le 3 octobre 2016 ?", "fr", question.Range, "…..2016-10-02", 0, ""},
		{"a month after an anchor", "what happened a month after the election?", "en", question.Range, "2016-11-24..2016-12-22", 0, "what happened ?"},
		{"un peu plus d'un mois après", "WL a envoyé quoi un peu plus d'un mois après l'élection ?", "fr", question.Range, "2016-12-08..2016-12-23", 0, ""},
		{"months before a date", "what happened two months before 8 November 2016?", "en", question.Range, "2016-08-12..2016-10-07", 0, "what happened ?"},
		{"the week of a date", "what happened the week of 12 October 2016?", "en", question.Range, "2016-10-10..2016-10-16", 0, "what happened ?"},
		{"the week of a named monday", "la semaine du lundi 10 octobre 2016", "fr", question.Range, "2016-10-10..2016-10-16", 0, ""},
		{"the week before an anchor", "what did WL send the week before the election?", "en", question.Range, "2016-11-01..2016-11-07", 0, "what did wl send ?"},
		{"la semaine après", "Qu'est-ce qui s'est passé la semaine après l'élection ?", "fr", question.Range, "2016-11-09..2016-11-15", 0, ""},
		{"before a date, in the past perfect, takes the date in", "Before 21 October 2016, whom had WL mostly hurt?", "en", question.Range, "…..2016-10-21", 0, ", whom had wl mostly hurt?"},
		{"avant le, au plus-que-parfait", "Avant le 21 octobre 2016, WL avait surtout nui à qui ?", "fr", question.Range, "…..2016-10-21", 0, ""},
		{"until the end of a year", "what went down between the election and the end of 2016?", "en", question.Range, "2016-11-08..2016-12-31", 0, ""},
		{"fin d'une année", "que s'est-il passé fin 2016 ?", "fr", question.Month, "2016-12-01..2016-12-31", 0, ""},
		{"début d'un mois", "début octobre 2016 il s'est passé quoi", "fr", question.Range, "2016-10-01..2016-10-10", 0, ""},
		{"mi-mois", "mi-décembre 2016 WL a envoyé quoi ?", "fr", question.Range, "2016-12-11..2016-12-20", 0, ""},
		{"late in a month", "what happened late feb 2016?", "en", question.Range, "2016-02-21..2016-02-29", 0, ""},
		{"early in a month", "what happened in early October 2016", "en", question.Range, "2016-10-01..2016-10-10", 0, ""},
	})
}

func TestParseWrittenOutDays(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"ordinal word of month", "anything happen on the twelfth of October 2016?", "en", question.ExactDay, "2016-10-12", 0, ""},
		{"compound ordinal", "what happened on the twenty-first of october 2016", "en", question.ExactDay, "2016-10-21", 0, ""},
		{"premier", "que s'est-il passé le premier novembre 2016 ?", "fr", question.ExactDay, "2016-11-01", 0, ""},
		{"noël", "que s'est-il passé à noël 2016 ?", "fr", question.ExactDay, "2016-12-25", 0, ""},
		{"jour et mois sans année", "et le 16/12 ?", "fr", question.ExactDay, "2016-12-16", 0, ""},
		{"a fraction is no date", "split it 50/50", "en", question.NoDate, "", 0, ""},
		{"days before a date", "Qu'est-ce qui s'est passé trois jours avant le message de WL du 11 juillet 2017 ?", "fr", question.ExactDay, "2017-07-08", 0, ""},
		{"days after a date", "what happened 2 days after the oct 12 2016 message?", "en", question.ExactDay, "2016-10-14", 0, ""},
		{"a connective a few words before its date", "le premier msg après le meeting du 10 octobre 2016 ?", "fr", question.Range, "2016-10-11..…", question.First, ""},
		{"minutes after stay on the day", "what did trump tweet 15 minutes after WL's oct 12 2016 message?", "en", question.ExactDay, "2016-10-12", 0, ""},
		{"right after stays on the day", "who noticed that Trump tweeted right after WL's msg on oct 12 2016?", "en", question.ExactDay, "2016-10-12", 0, ""},
		{"d'après is no after", "d'après l'article du 10 octobre 2016 ?", "fr", question.ExactDay, "2016-10-10", 0, ""},
		{"the whole article is the source", "how many dms in the whole article 2016", "en", question.Year, "2016-01-01..2016-12-31", 0, "how many dms"},
		{"tout l'article is the source", "combien de dms dans tout l'article en 2016", "fr", question.Year, "2016-01-01..2016-12-31", 0, "combien de dms en"},
		{"a decade", "What happened in the 1850s?", "en", question.Range, "1850-01-01..1859-12-31", 0, ""},
		{"les années", "que s'est-il passé dans les années 1850 ?", "fr", question.Range, "1850-01-01..1859-12-31", 0, ""},
		{"a century", "first thing that happened in the 20th century", "en", question.Range, "1901-01-01..2000-12-31", question.First, ""},
		{"un siècle en chiffres romains", "que s'est-il passé au XIXe siècle ?", "fr", question.Range, "1801-01-01..1900-12-31", 0, ""},
		{"a year is no decade", "what happened in 1850?", "en", question.Year, "1850-01-01..1850-12-31", 0, ""},
		{"a year in words", "wat happened in eighteen fifty-four", "en", question.Year, "1854-01-01..1854-12-31", 0, "wat happened in"},
		{"a year in words with oh", "what happened in nineteen oh seven?", "en", question.Year, "1907-01-01..1907-12-31", 0, "what happened in ?"},
		{"a year in words, twenty", "what happened in twenty sixteen?", "en", question.Year, "2016-01-01..2016-12-31", 0, "what happened in ?"},
		{"a round hundred is a century", "what happened in the 1800s?", "en", question.Range, "1800-01-01..1899-12-31", 0, ""},
		{"the 2000s are a decade", "what happened in the 2000s?", "en", question.Range, "2000-01-01..2009-12-31", 0, ""},
		{"a year by its last two digits", "what happened in '17?", "en", question.Year, "2017-01-01..2017-12-31", 0, "what happened in ?"},
		{"two digits after a day and month are the day's", "sept 20th '16 what was sent", "en", question.ExactDay, "2016-09-20", 0, ""},
		{"before a century", "what happened before the 20th century?", "en", question.Range, "…..1900-12-31", 0, ""},
		{"first alone is an order", "what happened first?", "en", question.NoDate, "", question.First, ""},
		{"1er is first", "c koi le 1er truc de la chrono en 2017", "fr", question.Year, "2017-01-01..2017-12-31", question.First, ""},
		{"1st is first", "the 1st thing in 2017?", "en", question.Year, "2017-01-01..2017-12-31", question.First, ""},
	})
}

func TestParseAnchorsTheTimelineDefines(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"election day", "What happened on election day?", "en", question.Anchor, "2016-11-08", 0, "what happened ?"},
		{"before the election", "What happened before the election?", "en", question.Range, "…..2016-11-07", 0, "what happened ?"},
		{"after the election", "What happened after the election?", "en", question.Range, "2016-11-09..…", 0, "what happened ?"},
		{"the day after the election", "What did WikiLeaks write the day after the election?", "en", question.Anchor, "2016-11-09", 0, "what did wikileaks write ?"},
		{"the day before the election", "What happened the day before the election?", "en", question.Anchor, "2016-11-07", 0, ""},
		{"le lendemain de l'élection", "Qu'a écrit WikiLeaks le lendemain de l'élection ?", "fr", question.Anchor, "2016-11-09", 0, "qu'a ecrit wikileaks ?"},
		{"la veille de l'élection", "Que s'est-il passé la veille de l'élection ?", "fr", question.Anchor, "2016-11-07", 0, "que s'est-il passe ?"},
		{"le surlendemain de l'élection", "Que s'est-il passé le surlendemain de l'élection ?", "fr", question.Anchor, "2016-11-10", 0, "que s'est-il passe ?"},
		{"l'avant-veille de l'élection", "Que s'est-il passé l'avant-veille de l'élection ?", "fr", question.Anchor, "2016-11-06", 0, "que s'est-il passe ?"},
		{"avant l'élection", "Que s'est-il passé avant l'élection ?", "fr", question.Range, "…..2016-11-07", 0, ""},
		{"après l'élection", "Que s'est-il passé après l'élection ?", "fr", question.Range, "2016-11-09..…", 0, ""},
		{"jour de l'élection", "Que s'est-il passé le jour de l'élection ?", "fr", question.Anchor, "2016-11-08", 0, ""},
		{"the longest name wins", "What happened on election night?", "en", question.Anchor, "2016-11-08", 0, "what happened ?"},
		{"the day after a year-less date picks the year something happened", "What happened the day after Nov 8?", "en", question.Anchor, "2016-11-09", 0, ""},
		{"between an anchor and a date", "What happened between the election and 16 December 2016?", "en", question.Range, "2016-11-08..2016-12-16", 0, ""},
	})
}

func TestParseFirstAndLast(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"first", "What was the first message WikiLeaks sent?", "en", question.NoDate, "", question.First, "what was the message wikileaks sent?"},
		{"earliest", "earliest exchange", "", question.NoDate, "", question.First, "exchange"},
		{"oldest", "the oldest thing in the timeline", "en", question.NoDate, "", question.First, "the thing"},
		{"newest", "newest entry", "", question.NoDate, "", question.Last, "entry"},
		{"last", "What was the last message?", "en", question.NoDate, "", question.Last, "what was the message?"},
		{"most recent", "What is the most recent exchange in the timeline?", "en", question.NoDate, "", question.Last, "what is the exchange ?"},
		{"latest", "latest", "", question.NoDate, "", question.Last, ""},
		{"premier", "Quel a été le premier message ?", "fr", question.NoDate, "", question.First, ""},
		{"dernier", "Quel est le dernier message ?", "fr", question.NoDate, "", question.Last, "quel est le message ?"},
		{"plus récent", "Quel est l'échange le plus récent ?", "fr", question.NoDate, "", question.Last, ""},
		{"first in a month", "What was the first message in October 2016?", "en", question.Month, "2016-10-01..2016-10-31", question.First, ""},
		{"last before an anchor", "What was the last message before the election?", "en", question.Range, "…..2016-11-07", question.Last, ""},
	})
}

func TestParseDoesNotMistakeWordsForDates(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"may as a verb", "May I ask what WikiLeaks wanted?", "en", question.NoDate, "", 0, "may i ask what wikileaks wanted?"},
		{"may as a verb mid-sentence", "What may WikiLeaks have wanted from Trump Jr.?", "en", question.NoDate, "", 0, ""},
		{"may as a month after in", "What happened in May 2016?", "en", question.Month, "2016-05-01..2016-05-31", 0, ""},
		{"may as a month before a day", "What happened on May 3?", "en", question.ExactDay, "2017-05-03", 0, ""},
		{"mars as a planet", "Did they mention Mars in the messages?", "en", question.NoDate, "", 0, ""},
		{"a number that is not a day", "What did the 3 messages say?", "en", question.NoDate, "", 0, "what did the 3 messages say?"},
		{"a count of days", "What happened 3 days after the rally?", "en", question.NoDate, "", 0, ""},
		{"a word starting like a month", "Who is the mayor?", "en", question.NoDate, "", 0, ""},
		{"no date at all", "What did Roger Stone tweet?", "en", question.NoDate, "", 0, "what did roger stone tweet?"},
		{"eight figures that are no date", "the 20161340 reference", "en", question.NoDate, "", 0, ""},
		{"a day's name without a date stays", "what happened that friday?", "en", question.NoDate, "", 0, "what happened that friday?"},
	})
}

func TestParseRejectsImpossibleDates(t *testing.T) {
	cases := []struct {
		q, invalid string
	}{
		{"What happened on 31 February 2016?", "31 february 2016"},
		{"What happened on 30 February?", "30 february"},
		{"What happened on February 29, 2015?", "february 29, 2015"},
		{"Que s'est-il passé le 31 juin 2016 ?", "31 juin 2016"},
		{"What happened on 2016-02-30?", "2016-02-30"},
		{"What happened on 2016-13-01?", "2016-13-01"},
		{"What happened in 2016-13?", "2016-13"},
		{"What happened on 13/13/2016?", "13/13/2016"},
		{"What happened on 0/10/2016?", "0/10/2016"},
		{"What happened on 32 October 2016?", ""}, // not a day at all: 32 is read as nothing
		{"What happened from 30 to 31 November 2016?", "30 to 31 november 2016"},
	}
	tl := seed(t)
	for _, c := range cases {
		p := question.Parse(c.q, tl)
		if c.invalid != "" && p.Invalid != c.invalid {
			t.Errorf("%q: Invalid = %q, want %q", c.q, p.Invalid, c.invalid)
		}
		// An impossible date is not read as a date, nor as the month or year it names.
		if p.Kind != question.NoDate || len(p.Spans) != 0 {
			t.Errorf("%q: read as %s %s", c.q, kindNames[p.Kind], spans(p))
		}
	}
	if p := question.Parse("What happened on 21 October 2016?", tl); p.Invalid != "" {
		t.Errorf("a real date marked invalid: %q", p.Invalid)
	}
}

// A timeline of another subject, in English, with its own anchors: nothing in the parser knows
// about elections or about 2016.
const bridgeTimeline = `format: 1
title: The harbour bridge
source:
  title: Annals of the harbour
  language: en
  attribution: Test data
  text: |
    On 2 March 1999 the bridge opened. On 4 March 1999 it closed for repairs.

    In 2003 the bridge was painted red.
anchors:
  - id: opening
    date: 1999-03-02
    names:
      en: [opening day, the opening]
      fr: [l'inauguration]
events:
  - id: opens
    date: 1999-03-02
    title: The bridge opens
    summary: The bridge opened.
    passages: ["On 2 March 1999 the bridge opened."]
  - id: closes
    date: 1999-03-04
    title: The bridge closes for repairs
    summary: The bridge closed for repairs.
    passages: ["On 4 March 1999 it closed for repairs."]
  - id: painted
    date: "2003"
    title: The bridge is painted red
    summary: The bridge was painted red.
    passages: ["In 2003 the bridge was painted red."]
`

func bridge(t testing.TB) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.Parse("bridge.yaml", []byte(bridgeTimeline), nil)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func TestParseUsesTheTimelinesOwnAnchorsAndYears(t *testing.T) {
	runParseCases(t, bridge(t), []parseCase{
		{"its anchor", "What happened on opening day?", "en", question.Anchor, "1999-03-02", 0, "what happened ?"},
		{"the day after its anchor", "What happened the day after the opening?", "en", question.Anchor, "1999-03-03", 0, ""},
		{"its anchor in French", "Que s'est-il passé après l'inauguration ?", "fr", question.Range, "1999-03-03..…", 0, ""},
		{"a year-less date resolves to its years", "What happened on March 4?", "en", question.ExactDay, "1999-03-04 2000-03-04 2001-03-04 2002-03-04 2003-03-04", 0, ""},
		{"the election means nothing here", "What happened before the election?", "en", question.NoDate, "", 0, "what happened before the election?"},
	})
}

func TestParseEmptyAndOddInput(t *testing.T) {
	tl := seed(t)
	for _, q := range []string{"", " ", "?", "2016", "-", "1/2/3", "le", "between and", "31", "\x00\xff", strings.Repeat("21 October 2016 ", 50)} {
		p := question.Parse(q, tl)
		for _, s := range p.Spans {
			if s.From > s.To {
				t.Errorf("%q: span %v..%v is reversed", q, s.From, s.To)
			}
		}
	}
}

func TestTheNounOfWhatDayIsWhatIsAskedNotAWordToSearch(t *testing.T) {
	for _, c := range []struct {
		q, rest string
		day     bool
	}{
		{"what day did he die", "did he die", true},
		{"wat time did wikileaks send the wow mesage", "did wikileaks send the wow mesage", true},
		{"En quelle année Vivaldi a-t-il inventé la mandoline ?", "en vivaldi a-t-il invente la mandoline ?", false},
		{"à quelle heure la foule arrive", "a la foule arrive", true},
		{"which message came that day", "which message came that day", false},
		{"what happened that year", "what happened that year", false},
		{"exact date apple went public??", "apple went public??", true},
		{"which day did tesla die, exact date pls", "did tesla die", true},
		{"quand est mort pasteur, date exacte stp", "quand est mort pasteur", true},
	} {
		p := question.Parse(c.q, seed(t))
		if p.Rest != c.rest || p.AsksDay != c.day {
			t.Errorf("%q: Rest %q AsksDay %v, want %q %v", c.q, p.Rest, p.AsksDay, c.rest, c.day)
		}
	}
}

func TestTheOldestAndTheSourceAsAWholeAreRead(t *testing.T) {
	tl := seed(t)
	for _, c := range []struct {
		q         string
		order     question.Order
		sourceRef bool
	}{
		{"c koi l'événement le plus ancien de la chrono", question.First, true},
		{"wats the oldest thing the article talks about", question.First, true},
		{"first time trump senior himself does smth in the timeline", question.First, true},
		{"quel est le plus vieux message", question.First, false},
		{"un ancien conseiller de Trump", question.AnyOrder, false},
		// With the demonstrative, "histoire" is the story told; without, it is history.
		{"la toute 1ere chose qui se passe dans cette histoire", question.First, true},
		{"le premier moment de l'histoire du drapeau", question.First, false},
		{"c'est quoi le dernier truc qui s'est passé dans l'histoire", question.Last, true},
		{"le tout dernier événement de l'histoire racontée", question.Last, true},
	} {
		p := question.Parse(c.q, tl)
		if p.Order != c.order || p.SourceRef != c.sourceRef {
			t.Errorf("%q: Order %v SourceRef %v, want %v %v", c.q, p.Order, p.SourceRef, c.order, c.sourceRef)
		}
	}
}

func TestThreeDigitYearsAreReadOfATimelineThatStartsBeforeTheYear1000(t *testing.T) {
	early := chronology(t, "austrasie")
	for _, c := range []struct {
		q, spans string
	}{
		{"kes qui s'est passé entre 656 et 662", "0656-01-01..0662-12-31"},
		{"ds les années 670 il s'passe koi", "0670-01-01..0679-12-31"},
		{"en l'an 800", "0800-01-01..0800-12-31"},
		{"what went on between 600 and 630", "0600-01-01..0630-12-31"},
		{"how many sons did chlothar I split the kingdom between in 561", "0561-01-01..0561-12-31"},
		{"en 300 jours", ""},            // a count of days
		{"une armée de 100 hommes", ""}, // a count of men
		{"the 3 sons", ""},
	} {
		if got := spans(question.Parse(c.q, early)); got != c.spans {
			t.Errorf("%q: spans %q, want %q", c.q, got, c.spans)
		}
	}
	// Of a timeline of modern years, a three-digit figure is no year.
	if got := spans(question.Parse("what happened in 656", seed(t))); got != "" {
		t.Errorf("seed: 656 read as %q", got)
	}
}

func TestARulersNumberIsPartOfTheName(t *testing.T) {
	austrasie := chronology(t, "austrasie")
	drapeau := chronology(t, "drapeau")
	for _, c := range []struct {
		tl    *knowledge.Timeline
		q     string
		rest  string
		order question.Order
	}{
		{austrasie, "c quand que dagobert 1er est mort exactement", "c quand que dagobert ier est mort exactement", question.AnyOrder},
		{austrasie, "pk grimoald a fait raser la tete de dagobert 2", "pk grimoald a fait raser la tete de dagobert ii", question.AnyOrder},
		{austrasie, "sigebert 1er et brunehaut", "sigebert ier et brunehaut", question.AnyOrder},
		{austrasie, "le 1er roi d'austrasie", "le roi d'austrasie", question.First}, // no name before it
		{drapeau, "c quand que louis 16 a recu la cocarde", "c quand que louis xvi a recu la cocarde", question.AnyOrder},
		{drapeau, "louis 99 a fait quoi", "louis 99 a fait quoi", question.AnyOrder}, // no such ruler
	} {
		p := question.Parse(c.q, c.tl)
		if p.Rest != c.rest || p.Order != c.order {
			t.Errorf("%q: Rest %q Order %v, want %q %v", c.q, p.Rest, p.Order, c.rest, c.order)
		}
	}
}

func TestTwoDigitsAfterAMonthPastAnyDayAreItsYear(t *testing.T) {
	devise := chronology(t, "devise")
	fleming := chronology(t, "fleming")
	for _, c := range []struct {
		tl       *knowledge.Timeline
		q, spans string
	}{
		{devise, "en juillet 90 la fraternité elle est apparue sur les drapeaux où", "1790-07-01..1790-07-31"},
		{fleming, "les journaux ont raconté quoi sur churchill en décembre 43", "1943-12-01..1943-12-31"},
	} {
		p := question.Parse(c.q, c.tl)
		if got := spans(p); got != c.spans || p.Invalid != "" {
			t.Errorf("%q: spans %q (invalid %q), want %q", c.q, got, p.Invalid, c.spans)
		}
	}
}

func TestMovableHolidaysAreTheirDayInTheYearAsked(t *testing.T) {
	tl := seed(t)
	for _, c := range []struct{ q, spans string }{
		{"from labor day to halloween 2016 wat happened", "2016-09-05..2016-10-31"},
		{"what happened on thanksgiving 2016", "2016-11-24"},
		{"qu'est-ce qui s'est passé à paques 2017", "2017-04-16"},
		{"what happened on memorial day 2017", "2017-05-29"},
		{"what happened on labor day", ""}, // no year: no day
		{"after thanksgiving '16, wats the 1st dm", "2016-11-25..…"},
		{"what happened on columbus day '16", "2016-10-10"},
		{"anything on mlk day 2017", "2017-01-16"},
		{"qu'est-ce qui s'est passé à la pentecôte 2017", "2017-06-04"},
	} {
		if got := spans(question.Parse(c.q, tl)); got != c.spans {
			t.Errorf("%q: spans %q, want %q", c.q, got, c.spans)
		}
	}
	lincoln := chronology(t, "lincoln")
	checkSpans(t, []spanCase{
		{lincoln, "what happened on good friday 1865", "1865-04-14"},
		{lincoln, "c'était quoi le vendredi saint 1865", "1865-04-14"},
		{lincoln, "c'était quoi le vendredi saint de 1865", "1865-04-14"},
		{lincoln, "anything on easter monday '65", "1865-04-17"}, // the timeline's century
		{lincoln, "what happened on ash wednesday 1865", "1865-03-01"},
	})
}

func TestAnArrowBetweenTwoDatesIsASpan(t *testing.T) {
	checkSpans(t, []spanCase{
		{seed(t), "10 oct 2016 → 31 oct 2016, list everything", "2016-10-10..2016-10-31"},
		{seed(t), "sept 2016 -> nov 2016 wat happened", "2016-09-01..2016-11-30"},
		{chronology(t, "lincoln"), "1860 => 1862 what did he do", "1860-01-01..1862-12-31"},
		{chronology(t, "lincoln"), "what happened from 1860 to 1862", "1860-01-01..1862-12-31"},
	})
}

// spanCase is a question and the spans Parse should read in it, on a timeline.
type spanCase struct {
	tl       *knowledge.Timeline
	q, spans string
}

func checkSpans(t *testing.T, cases []spanCase) {
	t.Helper()
	for _, c := range cases {
		if got := spans(question.Parse(c.q, c.tl)); got != c.spans {
			t.Errorf("%q: spans %q, want %q", c.q, got, c.spans)
		}
	}
}

// chronology loads one of eval/testdata's knowledge files.
func chronology(t testing.TB, name string) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.LoadFile("../eval/testdata/" + name + "/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// A timeline whose names hold months' names: a square, a prime minister, and a street named after
// a date.
const monthNamesTimeline = `format: 1
title: The square
source:
  title: Annals of the square
  language: en
  attribution: Test data
  text: |
    In March 1999 a fair was held on the Champ-de-Mars. On 4 May 2017 Theresa May spoke there. In 2003 the rue du 4-Septembre was closed. In 2005 Jan Smuts's statue was cleaned.
events:
  - id: fair
    date: 1999-03
    title: A fair on the Champ-de-Mars
    summary: A fair was held on the Champ-de-Mars.
    passages: ["In March 1999 a fair was held on the Champ-de-Mars."]
  - id: speech
    date: 2017-05-04
    title: Theresa May speaks
    actors: [Theresa May]
    summary: Theresa May spoke on the square.
    passages: ["On 4 May 2017 Theresa May spoke there."]
  - id: street
    date: "2003"
    title: A street closes
    summary: The rue du 4-Septembre was closed.
    passages: ["In 2003 the rue du 4-Septembre was closed."]
  - id: statue
    date: "2005"
    title: A statue is cleaned
    actors: [Jan Smuts]
    summary: Jan Smuts's statue was cleaned.
    passages: ["In 2005 Jan Smuts's statue was cleaned."]
`

func TestParseMonthsInsideNamesAreNoDates(t *testing.T) {
	tl, err := knowledge.Parse("square.yaml", []byte(monthNamesTimeline), nil)
	if err != nil {
		t.Fatal(err)
	}
	runParseCases(t, tl, []parseCase{
		{"a square named after Mars", "what happened on the champ de mars in 1999", "en", question.Year, "1999-01-01..1999-12-31", 0, "what happened on the champ de mars in"},
		{"a person named May", "when did theresa may speak", "en", question.NoDate, "", 0, "when did theresa may speak"},
		{"a person named with a month's short form", "who took over from jan smuts", "en", question.NoDate, "", 0, "who took over from jan smuts"},
		// Neither a month alone nor a date the source made a street's name is hidden.
		{"the month is still a month", "what happened in march 1999", "en", question.Month, "1999-03-01..1999-03-31", 0, ""},
		{"a date named as a street is a date", "que s'est-il passé le 4 septembre 2003", "fr", question.ExactDay, "2003-09-04", 0, ""},
	})
	runParseCases(t, chronology(t, "fetefederation"), []parseCase{
		{"the Champ-de-Mars in a French chronology", "qui a dit la messe au champ de mars en 1790", "fr", question.Year, "1790-01-01..1790-12-31", 0, "qui a dit la messe au champ de mars en"},
	})
	// English prose writes the French name without hyphens.
	runParseCases(t, chronology(t, "eiffeltower"), []parseCase{
		{"the Champ de Mars in English prose", "what was on the champ de mars before the tower", "en", question.NoDate, "", 0, "what was on the champ de mars before the tower"},
	})
}

func TestParseTwoDigitYearsOfAWholeDateTakeTheCenturyWithAnEventThatDay(t *testing.T) {
	// Both centuries are in the chronology's span and have events; the day decides.
	runParseCases(t, chronology(t, "statueofliberty"), []parseCase{
		{"month first", "wat happened on 7/30/16", "en", question.ExactDay, "1916-07-30", 0, ""},
	})
	runParseCases(t, chronology(t, "panamacanal"), []parseCase{
		{"a named month", "what happened on aug 3 14", "en", question.ExactDay, "1914-08-03", 0, ""},
		{"day first", "que s'est-il passé le 15/08/14", "fr", question.ExactDay, "1914-08-15", 0, ""},
		// A day with an event in no century keeps the century the year alone gives.
		{"no event that day", "what happened on 2/2/14", "en", question.ExactDay, "2014-02-02", 0, ""},
	})
}

func TestParseAMonthThatIsAlsoAWordAfterBetweenIsAMonth(t *testing.T) {
	// "between may and sept 57": "may" is a month after "between", "from", "entre"; "les années
	// 1818 à 1821" is a range of years.
	runParseCases(t, chronology(t, "sputnik"), []parseCase{
		{"may after between", "wat happened between may and sept 57", "en", question.Range, "1957-05-01..1957-09-30", 0, ""},
	})
	runParseCases(t, chronology(t, "louisianapurchase"), []parseCase{
		{"the years from one to another", "résume moi les années 1818 à 1821", "fr", question.Range, "1818-01-01..1821-12-31", 0, ""},
	})
}

func TestParseAnOrdinalDayBeforeAnAbbreviatedMonthIsADate(t *testing.T) {
	// "the fourteenth of oct", "le quatorze oct": after an ordinal day an abbreviation is a month;
	// "may" and "sept", also words, only with "of" or "de" between.
	runParseCases(t, seed(t), []parseCase{
		{"an English ordinal", "anything happen on the fourteenth of oct?", "en", question.ExactDay, "2016-10-14 2017-10-14", 0, ""},
		{"a French number word", "le quatorze oct il s'est passé quoi", "fr", question.ExactDay, "2016-10-14 2017-10-14", 0, ""},
	})
	runParseCases(t, chronology(t, "sputnik"), []parseCase{
		{"another chronology", "what happened on the fourth of oct 57", "en", question.ExactDay, "1957-10-04", 0, ""},
	})
}

// A month's name alone that other words part from a dated expression is a verb or a noun, not a
// date: "the women march on versailles in oct 1789" asks about October 1789.
func TestAMonthsNameApartFromADateIsAWord(t *testing.T) {
	runParseCases(t, chronology(t, "frenchrev"), []parseCase{
		{"march as a verb", "why did the women march on versailles in oct 1789", "en", question.Month, "1789-10-01..1789-10-31", 0, "why did the women march on versailles in"},
		{"between months", "what happened between march and june 1793", "en", question.Range, "1793-03-01..1793-06-30", 0, ""},
		{"or months", "what happened in march or april 1793", "en", question.Range, "1793-03-01..1793-04-30", 0, ""},
	})
	runParseCases(t, chronology(t, "waterloo"), []parseCase{
		{"march on a city", "why did napoleon march on brussels in june 1815", "en", question.Month, "1815-06-01..1815-06-30", 0, ""},
	})
}

// "The 2nd wednesday of oct '16": a day named by its rank among the month's days of that name.
func TestTheNthWeekdayOfAMonthIsItsDay(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"second wednesday", "on the 2nd wednesday of oct '16 wat did WL send", "en", question.ExactDay, "2016-10-12", 0, ""},
		{"deuxième mercredi", "le 2e mercredi d'octobre 2016 il s'est passé quoi", "fr", question.ExactDay, "2016-10-12", 0, ""},
		{"last friday", "what happened on the last friday of july 2017", "en", question.ExactDay, "2017-07-28", 0, ""},
	})
	runParseCases(t, chronology(t, "apollo11"), []parseCase{
		{"third wednesday", "what happened on the third wednesday of july 1969", "en", question.ExactDay, "1969-07-16", 0, ""},
		{"day after a named day", "what happened the day after wednesday 16 july 1969", "en", question.Anchor, "1969-07-17", 0, ""},
		{"abbreviated month with its full stop, two-figure year", "ya eu koi le 16 juil. 69", "fr", question.ExactDay, "1969-07-16", 0, ""},
		// Two figures after the month are its year: a day makes no sense there.
		{"two-figure year", "what happened on the 3rd wednesday of july 69", "en", question.ExactDay, "1969-07-16", 0, ""},
	})
	runParseCases(t, seed(t), []parseCase{
		{"troisième vendredi, année en deux chiffres", "le 3e vendredi d'oct. 16, WL veut obtenir koi", "fr", question.ExactDay, "2016-10-21", 0, ""},
	})
}

// "The 14th day of October": the formal way of writing a day, in English and in French.
func TestTheNthDayOfAMonthIsThatDay(t *testing.T) {
	runParseCases(t, seed(t), []parseCase{
		{"figures", "wat happened on the 14th day of oct 2016", "en", question.ExactDay, "2016-10-14", 0, ""},
		{"words", "what happened on the twelfth day of october 2016", "en", question.ExactDay, "2016-10-12", 0, ""},
		{"french", "le 21e jour d'octobre 2016 il s'est passé koi", "fr", question.ExactDay, "2016-10-21", 0, ""},
		{"no ordinal", "what did WL write on the day of the election", "en", question.Anchor, "2016-11-08", 0, ""},
	})
	runParseCases(t, chronology(t, "apollo11"), []parseCase{
		{"words", "what happened on the sixteenth day of july 1969", "en", question.ExactDay, "1969-07-16", 0, ""},
		{"french, de", "le 16e jour de juillet 1969 il s'est passé koi", "fr", question.ExactDay, "1969-07-16", 0, ""},
	})
}

// "March" alone is a word as much as a month: a month only next to a number or after a word that
// places a time ("in", "early", "before").
func TestMarchAloneIsAMonthOnlyWhereATimeIsPlaced(t *testing.T) {
	runParseCases(t, chronology(t, "frenchrev"), []parseCase{
		{"the women's march", "who talked louis into moving to paris during the womens march", "en", question.NoDate, "", 0, ""},
		{"march as a verb", "why did the women march on versailles", "en", question.NoDate, "", 0, ""},
		{"in march year", "what happened in march 1793", "en", question.Month, "1793-03-01..1793-03-31", 0, ""},
		{"march day", "what happened on march 17 1793", "en", question.ExactDay, "1793-03-17", 0, ""},
	})
}

func TestOnceSomethingWasOverIsAfterIt(t *testing.T) {
	checkSpans(t, []spanCase{
		{seed(t), "1st thing WL sent don jr once halloween '16 was over", "2016-11-01..…"},
		{seed(t), "une fois le 8 novembre 2016 passé, WL a écrit quoi ?", "2016-11-09..…"},
		{chronology(t, "lincoln"), "what happened once 1864 was over", "1865-01-01..…"},
		{chronology(t, "lincoln"), "once upon a time in 1864", "1864-01-01..1864-12-31"}, // no "over": not after
	})
}

func TestACompoundOffsetIsOneCount(t *testing.T) {
	checkSpans(t, []spanCase{
		{seed(t), "what did WL write 3 weeks and 1 day after 20 september 2016", "2016-10-12"},
		{seed(t), "WL a écrit quoi deux semaines et deux jours après le 21 octobre 2016 ?", "2016-11-06"},
		{chronology(t, "lincoln"), "what happened two weeks and three days after 14 april 1865", "1865-05-01"},
	})
}
