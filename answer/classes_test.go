package answer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

// Each class of question below is shown on two chronologies: the seed (a French article, asked in
// English and French) and the New Zealand history (English Wikipedia prose, eval/testdata).

func newZealand(t *testing.T) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func mozilla(t *testing.T) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.LoadFile("../../shared/eval/mozilla/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

type classCase struct {
	q        string
	answered bool
	dates    []string // cited dates, in order; nil: not checked
	words    string   // the answer text contains it
	quote    string   // a cited quote contains it
	first    string   // the first cited quote contains it ("": not checked)
	maxQuote int      // at most this many quotes (0: not checked)
}

func runClass(t *testing.T, tl *knowledge.Timeline, cases []classCase) {
	t.Helper()
	for _, c := range cases {
		a := ask(tl, c.q)
		checkGrounded(t, tl, c.q, a)
		var dates []string
		for _, ci := range a.Citations {
			if len(dates) == 0 || dates[len(dates)-1] != ci.Date {
				dates = append(dates, ci.Date)
			}
		}
		quoted := false
		for _, ci := range a.Citations {
			quoted = quoted || strings.Contains(ci.Quote, c.quote)
		}
		switch {
		case a.Answered != c.answered:
			t.Errorf("%q: answered=%v, want %v:\n%s", c.q, a.Answered, c.answered, a.Text)
		case c.dates != nil && !slices.Equal(dates, c.dates):
			t.Errorf("%q: cites %v, want %v:\n%s", c.q, dates, c.dates, a.Text)
		case !strings.Contains(a.Text, c.words):
			t.Errorf("%q: answer lacks %q:\n%s", c.q, c.words, a.Text)
		case c.quote != "" && !quoted:
			t.Errorf("%q: no quote contains %q: %+v", c.q, c.quote, a.Citations)
		case c.first != "" && (len(a.Citations) == 0 || !strings.Contains(a.Citations[0].Quote, c.first)):
			t.Errorf("%q: the first quote lacks %q: %+v", c.q, c.first, a.Citations)
		case c.maxQuote > 0 && len(a.Citations) > c.maxQuote:
			t.Errorf("%q: %d quotes, want at most %d", c.q, len(a.Citations), c.maxQuote)
		}
	}
}

func TestCountsAreComputedFromTheChronology(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "how many days before election day did WL DM Don Jr? list em", answered: true,
			dates: []string{"2016-09-20", "2016-10-03", "2016-10-12", "2016-10-21"}, words: "4, on 4 different dates"},
		{q: "Sur combien de jours différents Trump Jr. a-t-il répondu à WikiLeaks d'après l'article ?", answered: true, words: "à 3 dates différentes"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "how many events in the 1850s?", answered: true, dates: []string{"1852", "1854", "1856"}, words: "3 events, on 3 different dates"},
	})
}

func TestNavigationRelativeToAnEventNamedByItsContent(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what came right after the tax-returns message?", answered: true, dates: []string{"2016-11-08"}, words: "The event after"},
		{q: "Quel message vient juste avant celui où WL propose Assange comme ambassadeur ?", answered: true, dates: []string{"2016-11-09"}},
		{q: "c koi le premier msg de WL après le meeting du 10 octobre 2016 ?", answered: true, dates: []string{"2016-10-12"}},
		{q: "Qu'est-ce qui s'est passé trois jours avant le message de WL du 11 juillet 2017 ?", answered: true, dates: []string{"2017-07-08"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what happened right after the treaty of waitangi was signed?", answered: true, dates: []string{"1840-05-21"}},
		{q: "What happened just before the Treaty of Waitangi?", answered: true, dates: []string{"1835"}},
		{q: "what happened two years after the first parliament met?", answered: true, dates: []string{"1856"}, words: "2 years after"},
	})
}

func TestSingleEventAnswersQuoteThePassageThatAnswers(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "who did Kushner fwd the WL email to?", answered: true, quote: "Kushner a transféré le mail à Hope Hicks", maxQuote: 2},
		{q: "did Don Jr ever reply to the 'Wow' msg?", answered: true, quote: "Trump Jr. n'a pas répondu.", words: "No, according to the source", maxQuote: 2},
		{q: "in the dec message what was 'vraiment facile et utile' supposed to refer to?", answered: true, quote: "vraiment facile et utile", maxQuote: 2},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "Combien de Moriori ont survécu en 1862 ?", answered: true, dates: []string{"1862"}, maxQuote: 2},
	})
}

func TestRefusalsNameWhatTheSourceDoesNotSay(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "How many followers does Trump Jr. have on Twitter?", answered: false, words: "does not mention “followers”"},
		{q: "Combien de voix Trump a eu en 2016 ?", answered: false, words: "ne mentionne pas « voix »"},
		{q: "Qu'a répondu Kellyanne Conway au mail de Don Jr ?", answered: false, words: "La source ne dit pas que Kellyanne Conway a fait cela"},
		{q: "when did Trump actually ask Australia to make Assange ambassador?", answered: false, words: "does not say that Donald Trump did that"},
		// The event's own agent, when the source says it did not.
		{q: "what did WikiLeaks answer to don jr's wednesday leak question?", answered: false, words: "does not say that WikiLeaks did that"},
		// A question with a date is checked too.
		{q: "Qu'a répondu Don Jr à WL le 16 décembre 2016 ?", answered: false, words: "La source ne dit pas que Donald Trump Jr. a fait cela"},
		// A yes/no question is answered even when the answer is no.
		{q: "did Don Jr ever reply to the 'Wow' msg?", answered: true},
		// A plural acronym is a common noun in short, not a name the source lacks.
		{q: "who revealed the WL-Don Jr DMs, according to the article?", answered: true, dates: []string{"2017-11-13"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "When did New Zealand adopt the euro?", answered: false, words: "does not mention"},
		{q: "Combien de médailles olympiques la NZ a-t-elle gagnées ?", answered: false, words: "ne mentionne pas « medailles »"},
		{q: "what did the Māori write to Hobson on 6 February 1840?", answered: false, words: "does not say that Māori did that"},
	})
}

func TestYesNoQuotesWhereTheSourceSaysWhetherTheSubjectDidIt(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "did wikileaks reply when don jr asked about the wednesday leak?", answered: true, dates: []string{"2016-10-03"},
			words: "No, according to the source.", quote: "WikiLeaks n'a pas répondu au message"},
		// Even when the event was found as "the first" and names alone would choose its passages.
		{q: "did don jr answer WL's first message at all?", answered: true, dates: []string{"2016-09-20"}, quote: "Trump Jr. aurait répondu"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "did Zawinski register mozilla.org?", answered: true, dates: []string{"1998-01-24"}, quote: "Zawinski from Netscape registered mozilla.org"},
	})
}

func TestBesidesXWhatElseAnswersWithWhatIsNotX(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "apart from the tax returns, what else did wikileaks want Don Jr to send?", answered: true, dates: []string{"2016-10-21"},
			quote: "envoyer toute autre information", maxQuote: 2},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "besides the Treaty of Waitangi, what else happened in 1840?", answered: true, dates: []string{"1840-05-21"}},
		{q: "à part le traité de Waitangi, que s'est-il passé en 1840 ?", answered: true, dates: []string{"1840-05-21"}},
	})
}

// "After X" where the event matching X is one the timeline itself places after X ("After Trump's
// victory, WikiLeaks writes…"): that event is in the period, not its start.
func TestAnEventPlacedAfterXBelongsToThePeriodAfterX(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what was WL's first message after Trump's victory?", answered: true, dates: []string{"2016-11-09"}},
		{q: "combien de messages WL a envoyé après la victoire de Trump ?", answered: true, dates: []string{"2016-11-09", "2016-12-16", "2017-07-11"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what was the first event after the festival editions on learning and media?", answered: true, dates: []string{"2012-07-16"}},
	})
}

// A question for the first of something no event is about, in words the source lacks, is
// refused; it is not answered with the timeline's first event. The first of the timeline's own
// units ("WL's first msg") is its first entry, whatever else the question asks about it.
func TestTheFirstOfSomethingAbsentIsRefused(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "Quand la NZ a-t-elle gagné sa première Coupe du monde de rugby ?", answered: false},
		{q: "what was the first event of the 1860s?", answered: true, dates: []string{"1862"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "in WL's first msg, what did PAC stand for? spell it out in french", answered: true, dates: []string{"2016-09-20"}},
	})
}

// "X himself", "X lui-même": the first or last of the events where X is the one acting.
func TestXHimselfIsTheOneActing(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what was the first thing Don Jr did himself?", answered: true, dates: []string{"2016-10-14"}},
		{q: "la dernière fois que Don Jr a lui-même écrit à WL ?", answered: true, dates: []string{"2016-10-03"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what was the last thing Eich did himself?", answered: true, dates: []string{"2014-04-03"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what was the last thing Hobson did himself?", answered: true, dates: []string{"1840-05-21"}},
	})
}

// "Everything concerning a period" lists the period: "concerning", "regarding" say nothing of
// what to narrow it to.
func TestAListOverAPeriodIsNotNarrowedByFunctionWords(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "tout ce qui concerne novembre 2016", answered: true, dates: []string{"2016-11-08", "2016-11-09"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "everything regarding the 1850s", answered: true, dates: []string{"1852", "1854", "1856"}},
	})
}

// A short misspelt name ("trmp", "eihc") is a name of the timeline's, not a word it lacks.
func TestAMisspeltShortNameIsNotAbsent(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "wen did trmp say he loved wikileaks", answered: true, words: "On 10 October 2016"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "when did eihc step down?", answered: true, dates: []string{"2014-04-03"}},
	})
}

// A period that holds only context, asked about something: the entry the context is related to
// answers when its passages say it ("what did he say they talked about at the June 2016 meeting?"
// is answered where he said it, in 2017).
func TestContextAloneInAPeriodDefersToItsRelatedEntry(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "Selon Don Jr, de quoi avaient-ils parlé à la rencontre de juin 2016 ?", answered: true, dates: []string{"2017-07-11"}},
		// Only for words the context does not match: what both say of a release is the context's
		// own day's answer.
		{q: "anything drop on fri oct 7th '16?", answered: true, dates: []string{"2016-10-07"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "in 1801 what did the ships trade with the Māori for timber?", answered: true, dates: []string{"1769"}},
		// The context itself answers what it says.
		{q: "Combien de Moriori ont survécu en 1862 ?", answered: true, dates: []string{"1862"}},
	})
}

// Names a question gives count for its being on the source's topic once two words of its own are
// known to the source; before that they say nothing of what is asked about them.
func TestNamesCountWhenTheQuestionHasWordsOfItsOwn(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "why would it be wiser for WL to publish the Goldstone emails than the mainstream press?", answered: true, dates: []string{"2017-07-11"}},
		{q: "qui a fondé True Pundit et quand ?", answered: false},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what was Baker's verdict on Thunderbird innovation and its priority, candidly?", answered: true, dates: []string{"2012-07-16"}},
		{q: "What is Brendan Eich's date of birth?", answered: false},
	})
}

// "The first time X did not reply": the first event where the source says X did not.
func TestTheFirstTimeSomeoneDidNotIsWhereTheSourceSaysSo(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "when was the first time don jr didn't reply to WL?", answered: true, dates: []string{"2016-10-12"}},
		{q: "the last time WL did not answer don jr?", answered: true, dates: []string{"2016-10-03"}},
	})
	const text = "On 1 May 1890 Ada wrote to Ben. Ben replied the same day. On 9 May 1890 Ada wrote to Ben again. Ben did not reply. On 20 May 1890 Ada wrote to Ben a third time. Ben replied at once."
	letters, err := knowledge.Parse("letters.yaml", []byte(`format: 1
title: Letters
source:
  title: Letters
  language: en
  attribution: Test
  text: '`+text+`'
events:
  - id: first
    date: 1890-05-01
    title: Ada writes to Ben, who replies
    actors: [Ada, Ben]
    summary: Ada writes to Ben; Ben replies the same day.
    passages: ["On 1 May 1890 Ada wrote to Ben.", "Ben replied the same day."]
  - id: second
    date: 1890-05-09
    title: Ada writes to Ben again
    actors: [Ada, Ben]
    summary: Ada writes to Ben again; Ben does not reply.
    passages: ["On 9 May 1890 Ada wrote to Ben again.", "Ben did not reply."]
  - id: third
    date: 1890-05-20
    title: Ada writes a third time
    actors: [Ada, Ben]
    summary: Ada writes to Ben a third time; Ben replies at once.
    passages: ["On 20 May 1890 Ada wrote to Ben a third time.", "Ben replied at once."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, letters, []classCase{
		{q: "when did Ben first not reply to Ada?", answered: true, dates: []string{"1890-05-09"}},
		{q: "when did Ben last reply to Ada?", answered: true, dates: []string{"1890-05-20"}},
	})
}

// A quoted word, even one of function words ("« Merci »"), names the passage that has it.
func TestAQuotedWordNamesThePassageThatHasIt(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "à quel message Don Jr a-t-il dit « merci » ?", answered: true, dates: []string{"2016-09-20"}, quote: "Merci."},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "when did the 'canister' shot happen?", answered: true, dates: []string{"1642"}, quote: "canister shot"},
	})
}

// "How many days between A and B" is computed from the dates of the events A and B name, whether
// or not the source states it.
func TestTheTimeBetweenTwoEventsIsComputedFromTheirDates(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "combien de jours entre la première vague d'emails de Podesta et le message de WL du 12 octobre ?", answered: true,
			dates: []string{"2016-10-07", "2016-10-12"}, words: "5 jours, du 7 octobre 2016 au 12 octobre 2016"},
		// The sides first, the time asked last; a colon and an arrow; the measured event leading.
		{q: "du tt 1er dm de WL à l'article du nyt sur la trump tower, ça fait cb de jours", answered: true,
			dates: []string{"2016-09-20", "2017-07-08"}, words: "291 jours"},
		{q: "count the days: trump's rally where he said he loved WL → WL's sorry-abt-the-lawyer msg", answered: true,
			dates: []string{"2016-10-10", "2017-07-11"}, words: "274 days"},
		{q: "the nyt's trump tower scoop came how many days after don jr posted WL's link", answered: true,
			dates: []string{"2016-10-14", "2017-07-08"}, words: "267 days"},
	})
	runClass(t, apollo13(t), []classCase{
		{q: "from launch to splashdown, how many days?", answered: true, words: "6 days, from 11 April 1970"},
		{q: "splashdown came how many days after the launch?", answered: true, words: "6 days, from 11 April 1970"},
		{q: "count the days: launch → splashdown", answered: true, words: "6 days, from 11 April 1970"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "how many years between the Treaty of Waitangi and the first Parliament meeting?", answered: true,
			dates: []string{"1840-02-06", "1854"}, words: "14 years"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "how many days between Eich becoming CEO and his resignation?", answered: true,
			dates: []string{"2014-03-24", "2014-04-03"}, words: "10 days, from 24 March 2014 to 3 April 2014"},
	})
}

// A question typed in chat spellings ("pk", "kesk", "luvs", "ppl") is answered as the same question
// written out: its question word is read, and its words are looked up as the source writes them.
func TestChatSpellingsAreReadAsTheWordsTheyStandFor(t *testing.T) {
	for _, c := range []struct {
		tl         *knowledge.Timeline
		chat, full string
	}{
		{seed(t), "kesk WL a demandé à don jr le 11 juillet 2017 ?", "qu'est-ce que WL a demandé à don jr le 11 juillet 2017 ?"},
		{seed(t), "did trump say he luvs wikileaks?", "did trump say he loves wikileaks?"},
		{mozilla(t), "pk Eich a démissionné ?", "pourquoi Eich a démissionné ?"},
		{mozilla(t), "how many ppl gathered at the last Mozilla Summit?", "how many people gathered at the last Mozilla Summit?"},
	} {
		chat, full := ask(c.tl, c.chat), ask(c.tl, c.full)
		checkGrounded(t, c.tl, c.chat, chat)
		if !full.Answered {
			t.Fatalf("%q is not answered; the case tests nothing:\n%s", c.full, full.Text)
		}
		if chat.Text != full.Text {
			t.Errorf("%q is answered otherwise than %q:\n%s\n--- want\n%s", c.chat, c.full, chat.Text, full.Text)
		}
	}
}

// "When did X become Y", "why did X leak Z", "quand X a-t-il publié Z": when no passage says X did
// it, the source does not say so, and the refusal shows what it does say; when one does, the
// question is answered. A name after a question word ("quel journal") is what is asked for, not
// who the question says acted.
func TestADeedTheSourceNeverGivesTheSubjectIsNotTakenForGranted(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "Quand Hope Hicks a-t-elle publié le mail de WikiLeaks ?", answered: false, words: "ne dit pas que Hope Hicks"},
		{q: "when did Roger Stone become ambassador?", answered: false, words: "does not say that Roger Stone"},
		{q: "why did WL publish the Podesta emails?", answered: true},
		{q: "which journal published a story about Don Jr on 8 July 2017?", answered: true, dates: []string{"2017-07-11"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "when did James Cook become governor of New South Wales?", answered: false, words: "does not say that James Cook"},
		{q: "when did Arthur Phillip become governor of New South Wales?", answered: true, dates: []string{"1788"}},
		// A name followed by a word starting with s is no possessive ("James Cook sign…").
		{q: "when did James Cook sign the Treaty of Waitangi?", answered: false, words: "does not say that James Cook"},
		{q: "when did Hobson sign the treaty?", answered: true, dates: []string{"1840-02-06"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "when did Don Jr visit WikiLeaks?", answered: false, words: "does not say that Donald Trump Jr."},
	})
}

// "Which came first, A or B" (or "A or B, which was later?") is answered from the dates of the
// events A and B name: the lead says which, and both are cited in the chronology's order.
func TestWhichOfTwoEventsCameFirstIsComputedFromTheirDates(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "Qu'est-ce qui est arrivé en premier : le message sur les déclarations d'impôts ou le message « Wow » ?", answered: true,
			dates: []string{"2016-10-21", "2016-11-09"}, words: "Le premier des deux est le 21 octobre 2016"},
		{q: "the wow message or the tax returns one, which came last?", answered: true,
			dates: []string{"2016-10-21", "2016-11-09"}, words: "The later of the two is on 9 November 2016"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "which came first: the Treaty of Waitangi or Abel Tasman's visit?", answered: true,
			dates: []string{"1642", "1840-02-06"}, words: "The earlier of the two is in 1642"},
		{q: "women getting the vote or the first Parliament meeting, which was later?", answered: true,
			dates: []string{"1854", "1893"}, words: "The later of the two is in 1893"},
	})
}

// A question with a word of its own that the source knows and that tells events apart is on the
// source's topic: the names it gives count against its unknown words, so the asker's own wording
// ("occupe", "stance") is no reason to refuse. Without such a word, names alone do not make a
// question answerable ("Assange habite où ?").
func TestAKnownWordOfItsOwnMakesTheQuestionsNamesCount(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "Quel poste Hope Hicks occupe-t-elle ?", answered: true, dates: []string{"2016-09-20"}, quote: "directrice de la communication"},
		{q: "Assange habite où ?", answered: false},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what stance did Eich hold on the controversy?", answered: true, dates: []string{"2014-04-03"}},
		{q: "what car does Brendan Eich drive?", answered: false},
	})
}

// "Before X, what had…": the past perfect asks what was so by X, which X's own entry may state
// ("until then part of New South Wales"), so X is in the period searched.
func TestBeforeXInThePastPerfectTakesXIn(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "Before 21 October 2016, WikiLeaks had mostly released information damaging to whom?", answered: true,
			dates: []string{"2016-10-21"}, quote: "dommageables à Clinton"},
		{q: "Que s'est-il passé jusqu'au 3 octobre 2016 ?", answered: true, words: "2 événements jusqu'au 3 octobre 2016"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "Before 1 July 1841, which colony had New Zealand been part of?", answered: true,
			dates: []string{"1841-07-01"}, quote: "still part of the colony of New South Wales"},
		{q: "what happened before 1 July 1841?", answered: true, words: "8 events before 1 July 1841"},
	})
}

// Generic verbs of thought, use and getting ("pensait", "servait", "thought", "used", "got") are the asker's
// framing, not what the question is about: rare in a source, they would otherwise weigh on whether
// the event that answers covers the question, and be named as what the source lacks.
func TestGenericVerbsOfThoughtAndUseWeighLittle(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "Pourquoi WL pensait que demander Assange servait à quelque chose si l'Australie allait refuser ?", answered: true,
			dates: []string{"2016-12-16"}},
		// "get" is English's all-purpose verb, and its passive: "who got the e-mail", "got mad".
		{q: "who got the kushner email?", answered: true, dates: []string{"2016-09-20"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "who got mad when eich quit", answered: true, quote: "angry responses"},
	})
	letters, err := knowledge.Parse("railway.yaml", []byte(`format: 1
title: The railway
source:
  title: The railway
  language: en
  attribution: Test
  text: "In 1850 the mayor thought the town needed a bridge. In 1862 the railway reached the town, and the mill owners shipped their cloth by train to the port. In 1870 the old canal was used for the last time."
events:
  - id: bridge
    date: 1850
    title: The mayor wants a bridge
    actors: [the mayor]
    summary: The mayor thinks the town needs a bridge.
    passages: ["In 1850 the mayor thought the town needed a bridge."]
  - id: railway
    date: 1862
    title: The railway reaches the town
    actors: [mill owners]
    summary: The railway reaches the town; the mill owners ship their cloth by train to the port.
    passages: ["In 1862 the railway reached the town, and the mill owners shipped their cloth by train to the port."]
  - id: canal
    date: 1870
    title: The canal's last use
    actors: []
    summary: The old canal is used for the last time.
    passages: ["In 1870 the old canal was used for the last time."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, letters, []classCase{
		{q: "why did the mill owners think the railway was the one to use to ship cloth to the port?", answered: true, dates: []string{"1862"}},
		// Refused for the words the source lacks, the generic verbs not named among them.
		{q: "pourquoi les propriétaires des filatures pensaient que le train servait ?", answered: false,
			words: "ne mentionne pas « proprietaires » ni « filatures »"},
	})
}

func mandoline(t *testing.T) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.LoadFile("../eval/testdata/mandoline/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// A passage that opens by pointing back ("These conflicts…", "Cet ensemble comprenant…") goes on
// about what the chosen passage says: it is quoted with it, and "besides X" leaves the marker out
// of what the event is found by.
func TestAPassageThatPointsBackIsQuotedWithTheOneBeforeIt(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "what was the Wairau Affray about?", answered: true, dates: []string{"1843"}, quote: "These conflicts, mainly in the North Island", maxQuote: 2},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "besides mandolinists, what other musicians were in the estudiantina at the Paris carnival?", answered: true,
			dates: []string{"1878-03-02"}, quote: "des flûtistes, de guitaristes et des violonistes", maxQuote: 2},
	})
}

// "Why was the river polluted after the mill opened?": when the event the clause names says what is
// asked at least as fully as the event after it, the clause dates the question; "what happened
// after the mill opened?" still moves on.
func TestAClauseNamingTheEventThatAnswersDatesTheQuestion(t *testing.T) {
	town, err := knowledge.Parse("town.yaml", []byte(`format: 1
title: The town
source:
  title: The town
  language: en
  attribution: Test
  text: "In 1850 the mill opened. After the mill opened, the river was polluted by its dyes. In 1860 a school opened by the polluted river."
events:
  - id: mill
    date: 1850
    title: The mill opens
    actors: [the mill]
    summary: The mill opens; after it opens, its dyes pollute the river.
    passages: ["In 1850 the mill opened.", "After the mill opened, the river was polluted by its dyes."]
  - id: school
    date: 1860
    title: A school opens
    actors: []
    summary: A school opens by the polluted river.
    passages: ["In 1860 a school opened by the polluted river."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, town, []classCase{
		{q: "why was the river polluted after the mill opened?", answered: true, dates: []string{"1850"}, quote: "polluted by its dyes"},
		{q: "what happened after the mill opened?", answered: true, dates: []string{"1860"}},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "Pourquoi la pratique de la mandoline a-t-elle décliné après son âge d'or ?", answered: true, dates: []string{"1930"}, quote: "concurrencée par le jazz"},
		{q: "what happened after the golden age of the mandolin?", answered: true, dates: []string{"1950"}},
	})
}

// Counting who did what: "how many times" names no one, though a name may end with the unit ("The
// Times"); a French verb with its subject pronoun after it ("…sont ici », dit-il") is not the deed
// of a name before it; "the @WikiLeaks e-mails" is no sending.
func TestCountsOfWhatSomeoneDidLeaveOthersDeedsOut(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "how many times did WikiLeaks write to Don Jr in October 2016?", answered: true, words: "3, on 3 different dates in October 2016",
			dates: []string{"2016-10-03", "2016-10-12", "2016-10-21"}},
		{q: "WL a envoyé combien de messages à Don Jr en octobre 2016 ?", answered: true, words: "3, à 3 dates différentes",
			dates: []string{"2016-10-03", "2016-10-12", "2016-10-21"}},
	})
	papers, err := knowledge.Parse("papers.yaml", []byte(`format: 1
title: Letters and papers
source:
  title: Letters and papers
  language: en
  attribution: Test
  text: "On 1 May 1890 Ada wrote to Ben. On 9 May 1890 The Times printed Ada's letter. On 20 May 1890 Ada wrote to Ben again."
events:
  - id: first
    date: 1890-05-01
    title: Ada writes to Ben
    actors: [Ada, Ben]
    summary: Ada writes to Ben.
    passages: ["On 1 May 1890 Ada wrote to Ben."]
  - id: printed
    date: 1890-05-09
    title: The Times prints Ada's letter
    actors: [The Times, Ada]
    summary: The Times prints Ada's letter.
    passages: ["On 9 May 1890 The Times printed Ada's letter."]
  - id: again
    date: 1890-05-20
    title: Ada writes to Ben again
    actors: [Ada, Ben]
    summary: Ada writes to Ben again.
    passages: ["On 20 May 1890 Ada wrote to Ben again."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, papers, []classCase{
		{q: "how many times did Ada write to Ben in May 1890?", answered: true, words: "2, on 2 different dates", dates: []string{"1890-05-01", "1890-05-20"}},
	})
}

// A phrase the lexicon lists ("reach out", "pass away") is one word, found by the source's words
// for it ("contacté", "died", "wiped out"): its own words ("reached", "away") are neither looked up
// one by one nor named as missing.
func TestAPhraseIsLookedUpAsOneWord(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "when did WikiLeaks first reach out to Don Jr?", answered: true, dates: []string{"2016-09-20"}},
		{q: "who did Don Jr tell that WL had reached out to him?", answered: true, words: "On 20 September 2016"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "how many Moriori passed away?", answered: true, dates: []string{"1862"}},
	})
	// The passage quoted is the one with the phrase's words ("est sur le point d'être lancé").
	runClass(t, seed(t), []classCase{
		{q: "in WL's very first DM, what did they say was about to go live?", answered: true,
			dates: []string{"2016-09-20"}, quote: "est sur le point d'être lancé"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what went live in 2013?", answered: true, dates: []string{"2013"}, quote: "geolocation service"},
	})
}

// A premise is checked over a period's events too: "why did Kushner personally call Don Jr in
// October 2016?" is not answered by October's list when none of its events says he called. A deed
// after a possessive ("dans son message") is its owner's, the clause's subject.
func TestAPeriodsEventsDoNotAnswerAPremiseNoneOfThemStates(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "why did Kushner personally call Don Jr in October 2016?", answered: false, words: "does not say that Jared Kushner"},
		{q: "what did WL write to Don Jr in October 2016?", answered: true},
		{q: "Comment WL a salué Don Jr dans son message du 16 décembre ?", answered: true, dates: []string{"2016-12-16"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "why did James Cook sign a treaty in the 1840s?", answered: false, words: "does not say that James Cook"},
		{q: "why did Hobson proclaim sovereignty in 1840?", answered: true},
	})
}

// "N days after X" is whatever the source dates that day, a context event too; "the next event"
// stays an entry.
func TestAnOffsetFromAnEventLandsOnContextToo(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what happened two days before WL's message about the wlsearch link?", answered: true, dates: []string{"2016-10-10"}},
	})
	letters, err := knowledge.Parse("fair.yaml", []byte(`format: 1
title: The fair
source:
  title: The fair
  language: en
  attribution: Test
  text: "On 1 June 1900 Ada wrote to Ben about the fair. The fair opened on 4 June 1900. On 20 June 1900 Ben replied."
events:
  - id: letter
    date: 1900-06-01
    title: Ada writes to Ben about the fair
    actors: [Ada, Ben]
    summary: Ada writes to Ben about the fair.
    passages: ["On 1 June 1900 Ada wrote to Ben about the fair."]
  - id: fair
    date: 1900-06-04
    kind: context
    title: The fair opens
    actors: []
    summary: The fair opens.
    passages: ["The fair opened on 4 June 1900."]
  - id: reply
    date: 1900-06-20
    title: Ben replies
    actors: [Ben]
    summary: Ben replies to Ada.
    passages: ["On 20 June 1900 Ben replied."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, letters, []classCase{
		{q: "what happened three days after Ada's letter about the fair?", answered: true, dates: []string{"1900-06-04"}},
		{q: "what came right after Ada's letter about the fair?", answered: true, dates: []string{"1900-06-20"}},
	})
}

// "What happened between A and B", A and B named by what happened (or an anchor such as the
// election), lists the entries from the one to the other, both included.
func TestAPeriodBoundByTwoEventsIsListed(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what happened between the first DM and the tax returns message?", answered: true,
			dates: []string{"2016-09-20", "2016-10-03", "2016-10-12", "2016-10-14", "2016-10-21"}, words: "5 events between 20 September 2016 and 21 October 2016"},
		{q: "Qu'est-ce qui s'est passé entre le message « Wow » et la révélation de The Atlantic ?", answered: true,
			words: "4 événements entre le 9 novembre 2016 et le 13 novembre 2017"},
		// A range of dates stays one.
		{q: "What happened between September and October 2016?", answered: true, words: "between 1 September 2016 and 31 October 2016"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "list everything from Abel Tasman's arrival to James Cook's voyage", answered: true, dates: []string{"1642", "1769"}},
		{q: "what happened between the Treaty of Waitangi and the first Parliament meeting?", answered: true, words: "6 events between 6 February 1840 and 31 December 1854"},
	})
}

// "How many days after A did B" is the time from A's date to B's, when B names one event; when B
// is something done many times ("did WL write"), it asks for a count.
func TestTheTimeFromOneEventToTheNextIsComputedFromTheirDates(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "how many days after the first Podesta dump did Trump say he loved WikiLeaks?", answered: true,
			words: "3 days, from 7 October 2016 to 10 October 2016", dates: []string{"2016-10-07", "2016-10-10"}},
		{q: "how many days before election day did WL write to Don Jr?", answered: true, words: "4, on 4 different dates before 8 November 2016"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "how many years after the Treaty of Waitangi did women get the vote?", answered: true,
			words: "53 years, from 6 February 1840 to 1893", dates: []string{"1840-02-06", "1893"}},
	})
}

// A "why" question quotes, among passages that match it alike, the one that gives a cause or a
// reason ("because", "après que", "following").
func TestWhyQuotesThePassageThatGivesTheCause(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "why did WikiLeaks write to Don Jr in July 2017?", answered: true, quote: "trois jours après que le New York Times"},
	})
	mill, err := knowledge.Parse("mill.yaml", []byte(`format: 1
title: The mill
source:
  title: The mill
  language: en
  attribution: Test
  text: "In 1901 the mill on the river closed. The mill closed because the river dried up that summer."
events:
  - id: closed
    date: 1901
    title: The mill closes
    actors: [the mill]
    summary: The mill on the river closes; the river had dried up.
    passages: ["In 1901 the mill on the river closed.", "The mill closed because the river dried up that summer."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, mill, []classCase{
		{q: "why did the mill close in 1901?", answered: true, quote: "because the river dried up"},
	})
}

// "The week of X", "la semaine avant X": seven days about the date, or before or after it; a
// question with only verbs of its own lists what the period holds.
func TestAWeekAboutADateIsAPeriod(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what happened the week of 12 October 2016?", answered: true, dates: []string{"2016-10-12", "2016-10-14"}},
		{q: "Qu'est-ce qui s'est passé la semaine après l'élection ?", answered: true, words: "Un événement entre le 9 novembre 2016 et le 15 novembre 2016"},
		{q: "what did WikiLeaks write the week before the election?", answered: false, words: "no event between 1 November 2016 and 7 November 2016"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what happened the week of 21 May 1840?", answered: true, dates: []string{"1840-05-21"}},
		{q: "what happened the week after the Treaty of Waitangi was signed?", answered: false, words: "no event between 7 February 1840 and 13 February 1840"},
	})
}

// "A month after X", "un peu plus d'un mois après X": a month is approximate, so the question is
// about the weeks around that many months later.
func TestMonthsAfterADateAreAPeriodAroundThatTime(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what did WikiLeaks send a month after the election?", answered: true, dates: []string{"2016-12-16"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what happened about three months after the Treaty of Waitangi?", answered: true, dates: []string{"1840-05-21"}},
	})
}

// "In '93" is a year by its last two digits, in the century the timeline has it; "the 1800s" is
// a century.
func TestShortYearsAndRoundHundredsAreRead(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "what happened in '93", answered: true, dates: []string{"1893"}},
		{q: "what's the last thing in the 1800s", answered: true, dates: []string{"1894"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "what happened on sept 20th '16?", answered: true, dates: []string{"2016-09-20"}},
	})
}

// A year said in words ("eighteen fifty-four", "twenty sixteen") is the year.
func TestAYearInWordsIsTheYear(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "wat happened in eighteen fifty-four", answered: true, dates: []string{"1854"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "what happened in twenty seventeen?", answered: true, words: "in 2017"},
	})
}

// A phrase quoted from the answer's own summary ('just drone', of a French source) names the
// event whose summary says it, and the passage that sentence paraphrases.
func TestAPhraseQuotedFromASummaryNamesItsEvent(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "'just drone' - who was that about?", answered: true, dates: []string{"2016-10-03"}, first: "juste droner"},
	})
	town, err := knowledge.Parse("mairie.yaml", []byte(`format: 1
title: La mairie
source:
  title: La mairie
  language: fr
  attribution: Test
  text: "Le 9 mai 1950, le maire reçoit le conseil. « Nous verrons bien », dit-il."
events:
  - id: maire
    date: 1950-05-09
    title: The mayor receives the council
    actors: [le maire]
    summary: On 9 May 1950 the mayor receives the council. He says "we shall see".
    summaries:
      fr: Le 9 mai 1950, le maire reçoit le conseil. Il dit « nous verrons bien ».
    passages: ["Le 9 mai 1950, le maire reçoit le conseil.", "« Nous verrons bien », dit-il."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, town, []classCase{
		{q: "'we shall see' - who said it?", answered: true, dates: []string{"1950-05-09"}, first: "Nous verrons bien"},
	})
}

// "Was X the first to…?" is answered from the first event about the rest: yes when X is in it,
// no, naming what the source tells first, when not.
func TestWasXTheFirstIsAnsweredFromTheFirstEvent(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "was James Cook the first European to reach New Zealand?", answered: true, dates: []string{"1642"},
			words: "No, according to the source: the first it tells of is not James Cook"},
		{q: "was Abel Tasman the first European to reach New Zealand?", answered: true, dates: []string{"1642"}, words: "Yes, according to the source"},
	})
	runClass(t, seed(t), []classCase{
		{q: "was Roger Stone the first to contact Don Jr about putintrump.org?", answered: true, dates: []string{"2016-09-20"},
			words: "No, according to the source: the first it tells of is not Roger Stone"},
	})
}

// The first (or last) of a period with no entry in it is its first context event: "the first thing
// between 1800 and 1810" is the Musket Wars, which the source tells as background.
func TestTheFirstOfAPeriodWithOnlyContextIsItsFirstContext(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "what was the first thing that happened between 1800 and 1810?", answered: true, dates: []string{"1801"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "what was the first thing that happened in 1995?", answered: true, dates: []string{"1995"}},
		{q: "what was the last thing that happened in 2008?", answered: true, dates: []string{"2008"}},
	})
}

// A year no event of which answers the question may be a year the source writes ("the last
// full-blooded Moriori died in 1933", told in 1862's entry; "revenue for 2011", reported in 2012):
// the event whose passage writes it answers. "What happened in 1933?" still has no event.
func TestAYearTheSourceWritesFindsThePassageThatWritesIt(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "what happened to the Moriori in 1933?", answered: true, dates: []string{"1862"}, quote: "died in 1933"},
		{q: "what happened in 1933?", answered: false},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "how much revenue did Mozilla have in 2011?", answered: true, dates: []string{"2012-11"}, quote: "total revenue for 2011"},
	})
}

// A quotation inside a relative clause names the event moved from, by the passage that has it:
// "five days before WL's 'Hey Donald' message" moves from 12 October.
func TestAQuotationInARelativeClauseNamesTheEventMovedFrom(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what happened 5 days before WL's 'Hey Donald' message?", answered: true, dates: []string{"2016-10-07"}, words: "5 days before"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what came right before the 'where she goes, we go' speech?", answered: true, dates: []string{"1928"}},
	})
}

// Rules of this pass that must not fire where they do not belong (found in review): names are no
// bounds of a period, an "after" inside a clause asks for no comparison, a clock time is no year,
// "for a month after" is a duration, a two-digit year is the century with events, "the week of"
// a year is the year, and being named in a passage is not being the first.
func TestTheNewRulesKeepToTheirQuestions(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "What was the relationship between Roger Stone and WikiLeaks?", answered: true, dates: []string{"2016-10-03"}},
		{q: "What did WikiLeaks do for a month after the election?", answered: true, words: "between 8 November 2016 and 8 December 2016"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "What did Māori trade with Europeans after 1769, potatoes or muskets?", answered: true, dates: []string{"1769"}},
		{q: "What happened at eleven thirty?", answered: false, words: "does not mention"},
		{q: "What happened in '40?", answered: true, words: "2 events in 1840"},
		{q: "What happened in the week of 1840?", answered: true, words: "2 events in 1840"},
		{q: "Was James Cook the first to propose moving the capital?", answered: true, words: "No, according to the source"},
	})
}

// "At the start of the article", "au début de l'article": among the events about the question, the
// passage that comes first in the source (or last, "at the end").
func TestTheStartOfTheArticleIsItsFirstParagraph(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "how does the article describe WikiLeaks at the start?", answered: true, dates: []string{"2017-11-13"}, first: "le site anti-confidentialité"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what does the article say about Māori at the beginning?", answered: true, first: "At some point a group of Māori migrated"},
	})
}

// The event's agent did what the event reports, not a deed beyond writing and asking that the
// event never mentions ("when did WikiLeaks hack Trump's tax returns?"); a deed wished or
// reported ("why did WL want to publish…") is no premise, and in English the name after the verb
// is its object ("who founded WikiLeaks?").
func TestAnAgentsDeedMustBeOneItsEventMentions(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "when did WikiLeaks hack Trump's tax returns?", answered: false, words: "does not say that WikiLeaks"},
		{q: "why did WL want to publish Trump's tax returns?", answered: true, dates: []string{"2016-10-21"}},
		{q: "who founded WikiLeaks?", answered: true},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "why did Abel Tasman sign a treaty in 1642?", answered: false, words: "does not say that Abel Tasman"},
		{q: "why did Abel Tasman's crew reach New Zealand in 1642?", answered: true, dates: []string{"1642"}},
	})
}

// A person the event names is not the one who does its verbs when the source gives them to
// someone else ("Trump Jr. a répondu" in an event that quotes Clinton; the Tribes send the
// Declaration to William IV), whether one event or several answer; a name inside another word
// ("@HillaryClinton") names no one.
func TestAVerbAnotherActorDoesIsNotTheSubjects(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what did Clinton reply to WikiLeaks?", answered: false, words: "does not say that Hillary Clinton"},
		{q: "Qu'a répondu Clinton à Trump Jr. ?", answered: false, words: "ne dit pas que Hillary Clinton"},
		{q: "Qu'est-ce que Trump Jr. a répondu à WikiLeaks le 3 octobre ?", answered: true, dates: []string{"2016-10-03"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what did Charles de Thierry send to William IV?", answered: false, words: "does not say that Charles de Thierry"},
		{q: "what did King William IV send to the United Tribes?", answered: false, words: "does not say that King William IV"},
		{q: "what did the United Tribes send to William IV?", answered: true, dates: []string{"1835"}},
	})
}

// "How long between A and B", "combien de temps après A…" name no unit: the answer is computed from
// the two events' dates in the unit they are best told in (days, months or years), as fine as both
// dates allow.
func TestHowLongBetweenTwoEventsIsToldInTheirDatesUnit(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "combien de temps entre la rencontre à la trump tower et l'article du nyt", answered: true,
			dates: []string{"2016-06", "2017-07-08"}, words: "13 mois"},
		{q: "how long after the election did WL pitch assange as ambassador", answered: true,
			dates: []string{"2016-11-08", "2016-12-16"}, words: "38 days"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "how long between eich inventing js and him becoming ceo", answered: true,
			dates: []string{"1995", "2014-03-24"}, words: "19 years"},
		{q: "how long after becoming ceo did eich step down", answered: true,
			dates: []string{"2014-03-24", "2014-04-03"}, words: "10 days"},
		{q: "cb de jours entre la promotion d'Eich au poste de CEO et sa démission", answered: true, words: "10 jours"},
	})
}

// "In the whole article", "dans toute la chronologie" point at the source, not at what it is
// about: a count over them counts everything.
func TestTheWholeArticleIsTheSourceNotATopic(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "on how many different days did WL write to don jr in the whole article", answered: true, words: "8, on 8 different dates"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "how many events are there in the whole chronology?", answered: true, words: "23 events, on 23 different dates"},
	})
}

// A passive's subject is who the deed was done to, not who did it ("when was Kushner sent the
// e-mail", "when did the Moriori get killed"); who did it is named after "by", if at all. A deed
// the asker calls by another verb than the source's ("invented") leaves the question on topic.
func TestAPassiveSubjectIsNotWhoActs(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "when was Kushner sent the email", answered: true, dates: []string{"2016-09-20"}},
		{q: "quand Don Jr a-t-il été contacté par WikiLeaks ?", answered: true, quote: "WikiLeaks contacte Trump Jr. via un message direct"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "when did the moriori get killed", answered: true, dates: []string{"1862"}},
		{q: "when were the moriori wiped out?", answered: true, dates: []string{"1862"}},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "qui a inventé la mandoline bluegrass", answered: true, quote: "Orville Gibson"},
		{q: "En quelle année Vivaldi a-t-il inventé la mandoline ?", answered: false},
	})
}

// "Was it X who…?", "c'est X qui… ?" ask whether X is the one who did it: the event of what
// follows, and yes, or no and who the source says did it; when the source gives the deed to no one
// in particular, it says neither.
func TestACleftQuestionIsAnsweredWithWhoDidIt(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "was it Kushner who forwarded the email to Hope Hicks?", answered: true, dates: []string{"2016-09-20"}, words: "Yes, according to the source."},
		{q: "was it Bannon who forwarded the email to Hope Hicks?", answered: true, dates: []string{"2016-09-20"},
			words: "No, according to the source: Jared Kushner, not Steve Bannon."},
		{q: "est-ce que c'est Trump qui a tweeté le lien wlsearch ?", answered: true, dates: []string{"2016-10-14"},
			words: "Non, d'après la source : Donald Trump Jr., pas Donald Trump."},
		{q: "c'est Don Jr qui a tweeté le lien wlsearch ?", answered: true, dates: []string{"2016-10-14"}, words: "Oui, d'après la source."},
		// No name, no claim: asked as any question.
		{q: "c'est qui qui a tweeté le lien wlsearch ?", answered: true, quote: "Trump Jr."},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "was it Hobson who declared British sovereignty?", answered: true, dates: []string{"1840-05-21"}, words: "Yes, according to the source."},
		{q: "was it Busby who declared British sovereignty?", answered: true, dates: []string{"1840-05-21"},
			words: "No, according to the source: William Hobson, not James Busby."},
		{q: "c'est Tasman qui a cartographié presque toute la côte ?", answered: true, dates: []string{"1769"},
			words: "Non, d'après la source : James Cook, pas Abel Tasman."},
	})
	runClass(t, mozilla(t), []classCase{
		// Eich is the event's agent, but the statement is Mitchell Baker's: no "yes" from that.
		{q: "was it Eich who posted the statement on the blog?", answered: true, dates: []string{"2014-04-03"}, words: "According to the source:"},
	})
}

// A phrase quoted from the source that one event has names that event, even when the asker dates
// it wrongly or by what it talks about ("the 'engouement' at the end of the 18th century" is told
// under 1850).
func TestAQuotedPhraseOutweighsTheDateGivenWithIt(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what did WL mean by 'magnifiquement déconcertant' in oct 2016?", answered: true, dates: []string{"2017-07-11"}, first: "magnifiquement déconcertant"},
		{q: "que voulait dire « juste droner » en novembre 2016 ?", answered: true, dates: []string{"2016-10-03"}, first: "juste droner"},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "the article talks about an 'engouement' at the end of the 18th c, what was that", answered: true, dates: []string{"1850"}, first: "engouement"},
	})
}

// "Did X do Y?" where no passage has X doing Y, and none says X did not, is a premise the source
// does not state: refused with what it does say, not answered with an event X is merely in. A
// passage that says X did not is the answer, "no".
func TestAYesNoQuestionsDeedTheSourceNeverGivesIsRefused(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "did Kushner reply to WL?", answered: false, words: "does not say that Jared Kushner"},
		{q: "did Hope Hicks write to WikiLeaks?", answered: false, words: "does not say that Hope Hicks"},
		{q: "did WL reply to don jr about the wednesday leak?", answered: true, dates: []string{"2016-10-03"}, words: "No, according to the source."},
		{q: "did don jr reply to WL on oct 3?", answered: true, dates: []string{"2016-10-03"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "did Abel Tasman map the coastline?", answered: false, words: "does not say that Abel Tasman"},
		{q: "did James Cook sign the treaty of waitangi?", answered: false, words: "does not say that James Cook"},
		{q: "did Hobson declare British sovereignty?", answered: true, dates: []string{"1840-05-21"}},
	})
}

// An offset from an event ("two days after the first DM", "the year after the Liberal Party came
// to power") lands on that day, or on that year for an event dated by its year; a day or year the
// source says nothing of is said so, with the nearest events, not answered with the next event
// weeks later. "The first X" in the clause is the first of the events about X.
func TestAnOffsetFromAnEventLandsOnItsDayOrOnNothing(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "2 jours après le premier DM de WL, y a eu quoi", answered: false, words: "ne dit rien du 22 septembre 2016"},
		{q: "what happened 13 days after the first DM?", answered: true, dates: []string{"2016-10-03"}, words: "13 days after"},
		{q: "what happened the day after WL's last message?", answered: false, words: "says nothing about 12 July 2017"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what happened the year after the Liberal Party came to power", answered: false, words: "no event in 1892"},
		{q: "what happened two years after the Liberal Party came to power", answered: true, dates: []string{"1893"}, words: "2 years after"},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "what happened the year after the festival started", answered: false, words: "no event in 2005"},
	})
}

// A deed the question says someone was supposed or wanted to do ("which country was Trump
// supposed to ask…", "était censé demander") is no premise when the event tells of that deed at
// all for the subject, asked for or wished; one it never gives them still is ("when did King William IV want
// to sign the declaration?"). Adverbs of degree ("even", "complètement") say nothing of the topic.
func TestAnExpectedDeedIsNoPremiseWhenTheEventTellsOfIt(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "which country was trump supposed to ask to make assange an ambassador", answered: true, dates: []string{"2016-12-16"}},
		{q: "quel pays Trump était censé demander pour faire d'Assange un ambassadeur ?", answered: true, dates: []string{"2016-12-16"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "when did King William IV want to sign the declaration of independence?", answered: false, words: "does not say that King William IV"},
	})
}

// "What did X think of…" presupposes the source tells X's opinion: when X is not the one the
// event's passages give it to, the source does not say ("what did William IV think of the
// Declaration?", sent to him, never answered).
func TestWhatSomeoneThoughtMustBeTheirs(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what did Kellyanne Conway think of the WL message?", answered: false, words: "does not say that Kellyanne Conway"},
		{q: "Pourquoi WL pensait que demander Assange servait à quelque chose si l'Australie allait refuser ?", answered: true,
			dates: []string{"2016-12-16"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what did William IV think of the Declaration of Independence?", answered: false, words: "does not say that King William IV"},
	})
}

// "X's thing" where the source ties that thing to someone else ("Hillary's tax returns" of an
// event about Trump's; "Cook's Declaration of Independence", the United Tribes') is a premise it
// does not state; the thing beside its owner, or the event's agent's own, is.
func TestAThingGivenToAnotherOwnerIsAPremiseTheSourceDoesNotState(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "when did WL ask don jr for clinton's tax returns?", answered: false, words: "does not tie “tax returns” to Hillary Clinton"},
		{q: "when did WL ask don jr for trump's tax returns?", answered: true, dates: []string{"2016-10-21"}},
		{q: "did don jr answer WL's oct 12 message?", answered: true, dates: []string{"2016-10-12"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "when was Cook's Declaration of Independence sent?", answered: false, words: "does not tie “declaration” to James Cook"},
		{q: "when was the United Tribes' Declaration of Independence sent?", answered: true, dates: []string{"1835"}},
	})
}

// The first or last of a topic counts the background events about it as much as the entries are
// ("the last opera with a mandolin" is told as context, as the last Mozilla Summit is); "what the
// article cites" points at the source and is no topic. The first thing of a period is whatever
// happened first in it, background included; the first message of it is an entry.
func TestTheLastOfATopicCountsItsBackground(t *testing.T) {
	runClass(t, mandoline(t), []classCase{
		{q: "quel est le dernier opéra avec une mandoline ?", answered: true, dates: []string{"1956"}},
		{q: "c'est quoi le dernier opéra avec mandoline que cite le texte", answered: true, dates: []string{"1956"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "when was the last mozilla summit?", answered: true, dates: []string{"2013"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what was the first event of the 1860s?", answered: true, dates: []string{"1862"}},
		{q: "Quel est le premier événement du 19e siècle ?", answered: true, dates: []string{"1801"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "what's the first thing that happened in 2017?", answered: true, dates: []string{"2017-07-08"}},
		{q: "what was WL's first message in 2017?", answered: true, dates: []string{"2017-07-11"}},
	})
}

// A deed under "if", "whether" or "would", or one asked or wished for ("demande si la campagne le
// laisserait fuiter", "a voulu les faire fuiter"), is not done: "which returns did WL end up
// leaking?" is a premise the source does not state.
func TestADeedSupposedOrAskedForIsNotDone(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "which of Trump's tax returns did WikiLeaks leak in the end?", answered: false, words: "does not say that WikiLeaks"},
		{q: "why did WL want to leak Trump's tax returns?", answered: true, dates: []string{"2016-10-21"}},
	})
	town, err := knowledge.Parse("charter.yaml", []byte(`format: 1
title: The town charter
source:
  title: The town charter
  language: en
  attribution: Test
  text: "In 1901 Mayor Ada Brown asked whether Governor John Smith would sign the town charter. In 1905 John Smith visited the town."
events:
  - id: charter
    date: 1901
    title: Ada Brown asks about the charter
    actors: [Ada Brown, John Smith]
    summary: Mayor Ada Brown asks whether Governor John Smith would sign the town charter.
    passages: ["In 1901 Mayor Ada Brown asked whether Governor John Smith would sign the town charter."]
  - id: visit
    date: 1905
    title: John Smith visits
    actors: [John Smith]
    summary: Governor John Smith visits the town.
    passages: ["In 1905 John Smith visited the town."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, town, []classCase{
		{q: "when did John Smith sign the town charter?", answered: false, words: "does not say that John Smith"},
		{q: "when did John Smith visit the town?", answered: true, dates: []string{"1905"}},
	})
}

// A side of "how long between A and B" may name its event by a quotation ("the 'Wow' message") or
// as the first or last of something ("WL's very first message", "the last one"), and "from A til
// B" is such a question too.
func TestIntervalSidesNamedByQuotationOrOrder(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "how many days between the 'Wow' message and the Assange ambassador message?", answered: true,
			dates: []string{"2016-11-09", "2016-12-16"}, words: "37 days"},
		{q: "how long between WL's very first message and its very last one?", answered: true,
			dates: []string{"2016-09-20", "2017-07-11"}, words: "10 months"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "how many years from the first parliament til women got the vote", answered: true, dates: []string{"1854", "1893"}, words: "39 years"},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "combien d'années entre la toute première méthode et la méthode de Bortolazzi ?", answered: true, words: "ans"},
	})
}

// "The 2nd message", "le 3e msg" is the entry of that rank; "the 20th festival" of a source that
// never counts that far, in figures or words, names something it lacks ("the 20th century" is no
// twentieth festival).
func TestAnOrdinalIsARankOrSomethingTheSourceCounts(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "what did WL say in its 2nd message to don jr?", answered: true, dates: []string{"2016-10-03"}},
		{q: "c'était quoi le 3e msg de WL ?", answered: true, dates: []string{"2016-10-12"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what was the 2nd event in the timeline?", answered: true, dates: []string{"1642"}},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "when was the 3rd festival?", answered: false, words: "does not mention “3rd festival”"},
		{q: "c'était quand le 9e festival de lunel", answered: true, dates: []string{"2012-10-31"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "when was the 5th mozilla summit?", answered: false, words: "does not mention “5th mozilla”"},
	})
}

// "What happened to X" is told after the passage that names X best, which often only introduces
// it: both are quoted ("Abel Tasman and his crew reached…", "four crew members were killed").
func TestWhatHappenedToXQuotesWhatHappened(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "wat happend to abel tasmens crew", answered: true, dates: []string{"1642"}, quote: "four crew members were killed"},
	})
	ship, err := knowledge.Parse("ship.yaml", []byte(`format: 1
title: The Mary
source:
  title: The Mary
  language: en
  attribution: Test
  text: "In 1850 Captain Ann Lee and the crew of the Mary reached the island. In a storm that winter, two of the crew drowned."
events:
  - id: island
    date: 1850
    title: The Mary reaches the island
    actors: [Ann Lee]
    summary: Captain Ann Lee and the crew of the Mary reach the island; in a storm two of the crew drown.
    passages: ["In 1850 Captain Ann Lee and the crew of the Mary reached the island.", "In a storm that winter, two of the crew drowned."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, ship, []classCase{
		{q: "what happened to Ann Lee's crew?", answered: true, quote: "two of the crew drowned"},
	})
}

// A slip on the asker's own word for what the source says otherwise ("calld" for "called", which
// the lexicon relates to "known as") is read as the word meant, not as a topic the source lacks.
func TestASlipOnTheAskersOwnWordIsReadAsTheWordMeant(t *testing.T) {
	runClass(t, newZealand(t), []classCase{
		{q: "wat were the chatham islnds calld b4", answered: true, dates: []string{"1862"}, quote: "now known as the Chatham Islands"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "who foundd mozilla", answered: true, first: "members of Netscape"},
	})
}

func apollo13(t *testing.T) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.LoadFile("../eval/testdata/apollo13/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// An anchor the file names with an article ("the launch", "the treaty") is named without it in a
// chat, where a date would stand: after a preposition of time or the "and" of "between X and Y".
func TestAnAnchorNamedWithoutItsArticleWhereADateWouldStand(t *testing.T) {
	runClass(t, apollo13(t), []classCase{
		{q: "list everything between launch and splashdown", answered: true, words: "between 11 April 1970 and 17 April 1970"},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "what happened in the year after treaty", answered: true, dates: []string{"1841-07-01"}},
		// Elsewhere the noun is the noun: "the ANZUS treaty" is no date.
		{q: "did the ANZUS treaty stay in force with australia?", answered: true, dates: []string{"1951"}},
	})
}

// A period two events bound is asked in many ways: "from X thru Y", "from X til Y", "b/w X and Y",
// "de X jusqu'au Y"; the entries from the one to the other are listed.
func TestAPeriodBoundByTwoEventsInChatForms(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "everything WL sent don jr from its first dm thru the tax returns ask", answered: true,
			dates: []string{"2016-09-20", "2016-10-03", "2016-10-12", "2016-10-14", "2016-10-21"}},
		{q: "anything b/w the 'wow' msg and the nyt trump tower story? list it", answered: true,
			dates: []string{"2016-11-09", "2016-12-16", "2017-07-08"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "de la création de mozilla jusqu'au nom firefox, y a eu koi", answered: true, words: "1998", quote: "Firefox"},
		{q: "everything from firefox getting its name til the thunderbird update", answered: true, words: "9 February 2004"},
	})
}

// "Did A happen before B?" is answered yes or no from the two events' dates, when the first names
// one event; "did WL write before the election?" is about several, and a period's question.
func TestAYesNoQuestionOnTheOrderOfTwoEvents(t *testing.T) {
	runClass(t, mozilla(t), []classCase{
		{q: "did firefox get its name before eich became ceo?", answered: true, dates: []string{"2004-02-09", "2014-03-24"}, words: "Yes: by the chronology's dates"},
	})
	runClass(t, apollo13(t), []classCase{
		{q: "did duke catch rubella after the launch?", answered: true, dates: []string{"1970-04-04", "1970-04-11"}, words: "No: by the chronology's dates"},
	})
	runClass(t, seed(t), []classCase{
		{q: "le 1er dm de WL est arrivé avant la 1ère vague de mails podesta ?", answered: true, dates: []string{"2016-09-20", "2016-10-07"}, words: "Oui : d'après les dates"},
		{q: "did WL write to don jr before the election?", answered: true, words: "• On 12 October 2016: WikiLeaks writes"},
		{q: "last thing WL sent Don Jr before election day?", answered: true, dates: []string{"2016-10-21"}},
	})
}

// A thing named by whose it is ("l'article de The Atlantic", "the Gazette story") is what that
// actor does, not an event that only cites it; a name written with its article ("The Atlantic",
// "The Gazette") is mentioned from its own word on too.
func TestAThingNamedByItsOwnerIsTheOwnersEvent(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "cb de mois entre le tt 1er msg de WL et l'article de the atlantic", answered: true,
			dates: []string{"2016-09-20", "2017-11-13"}, words: "14 mois"},
		{q: "wat's the last thing that happens b4 the atlantic piece", answered: true, dates: []string{"2017-07-11"}},
		{q: "how many days from election day til the atlantic dropped the story", answered: true, dates: []string{"2016-11-08", "2017-11-13"}},
		{q: "did the atlantic story come out b4 the 2016 vote", answered: true, dates: []string{"2016-11-08", "2017-11-13"}, words: "No: by the chronology's dates"},
	})
	town, err := knowledge.Parse("gazette.yaml", []byte(`format: 1
title: The mill fire
source:
  title: The mill fire
  language: en
  attribution: Test
  text: "On 2 March 1901 the mill burned, according to The Gazette. On 9 March 1901 the mayor promised a new mill, The Gazette story said. On 30 April 1901 The Gazette published a story on the fire and its cause."
events:
  - id: fire
    date: 1901-03-02
    title: The mill burns
    actors: [The mill]
    summary: The mill burns down.
    passages: ["On 2 March 1901 the mill burned, according to The Gazette."]
  - id: promise
    date: 1901-03-09
    title: The mayor promises a new mill
    actors: [The mayor, The Gazette]
    summary: The mayor promises a new mill, a Gazette story says.
    passages: ["On 9 March 1901 the mayor promised a new mill, The Gazette story said."]
  - id: story
    date: 1901-04-30
    title: The Gazette publishes its account of the fire
    actors: [The Gazette]
    summary: The Gazette publishes a story on the fire and its cause.
    passages: ["On 30 April 1901 The Gazette published a story on the fire and its cause."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, town, []classCase{
		{q: "how many days between the mill burning and the gazette story", answered: true,
			dates: []string{"1901-03-02", "1901-04-30"}, words: "59 days"},
		{q: "how many days between the mill burning and when the gazette published its story", answered: true,
			dates: []string{"1901-03-02", "1901-04-30"}, words: "59 days"},
		{q: "what's the last thing that happens before the gazette story", answered: true, dates: []string{"1901-03-09"}},
	})
}

func bastille(t *testing.T) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.LoadFile("../eval/testdata/bastille/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// A day and a time of day are answered by the events the chronology times on that day: those in a
// window ("between 2pm and 4pm"), or at a single time the last one at or before it.
func TestATimeOfDayPicksTheDaysTimedEvents(t *testing.T) {
	runClass(t, bastille(t), []classCase{
		{q: "what went on between 2pm and 4pm on july 14", answered: true, words: "3 events", quote: "Fauchet"},
		{q: "a 15h30 le 14 juillet ya eu quoi devant la forteresse", answered: true, dates: []string{"1789-07-14"}, quote: "soixante-et-un hommes des Gardes françaises"},
	})
	runClass(t, apollo13(t), []classCase{
		{q: "what happened on april 14 1970 after 7pm", answered: true, dates: []string{"1970-04-14"}, words: "at 19:21"},
	})
}

// An offset in months from an event dated by its month lands on a calendar month; the offset may
// be hedged ("like", "~", "environ") and its event dated in the clause ("in jul '03").
func TestAMonthOffsetFromAMonthLandsOnAMonth(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "environ 3 mois après sa rencontre a la trump tower, don jr a été contacté par ki", answered: true, dates: []string{"2016-09-20"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "~4 months after baker's thunderbird update in mid 2012, wat did mozilla put out", answered: true, dates: []string{"2012-11"}},
		{q: "like 7 months after aol backed off in jul '03, wat happened", answered: true, dates: []string{"2004-02-09"}},
	})
}

// "How much", "combien a coûté" and "these days" ask for an amount or say now: the answer is no
// count of the entries about the thing.
func TestAnAmountIsNoCountOfEntries(t *testing.T) {
	for _, c := range []struct {
		tl *knowledge.Timeline
		q  string
	}{
		{mandoline(t), "how much does a mandolin cost these days"},
		{apollo13(t), "combien a coûté la mission apollo 13 ?"},
		{seed(t), "how much did the trump tower meeting cost"},
	} {
		a := ask(c.tl, c.q)
		checkGrounded(t, c.tl, c.q, a)
		if strings.Contains(a.Text, "different dates") || strings.Contains(a.Text, "dates différentes") {
			t.Errorf("%q: counted entries:\n%s", c.q, a.Text)
		}
	}
}

// A "why" or "when" takes its deed as given wherever its verb stands ("why did NASA fire Kranz",
// "pourquoi Trump a reconnu sa défaite"): when no passage of the event found says the actor did
// it, the source does not say so. A verb the passages state, or one with a particle ("end up"),
// still answers.
func TestAWhyOrWhenDeedIsAPremiseWhateverTheVerb(t *testing.T) {
	runClass(t, apollo13(t), []classCase{
		{q: "why did nasa fire gene kranz after the accident", answered: false, words: "does not say that NASA"},
		{q: "why did swigert replace mattingly", answered: true, first: "late replacement"},
		{q: "why did swigert end up flying instead of the original guy", answered: true, dates: []string{"1970-04-08"}},
	})
	runClass(t, newZealand(t), []classCase{
		{q: "why did tasman claim nz for the dutch", answered: false, words: "does not say that Abel Tasman"},
		{q: "when did busby arrive", answered: true, dates: []string{"1832"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "pk trump a reconnu sa défaite le soir de l'élection", answered: false, words: "ne dit pas que Donald Trump"},
		{q: "why did don jr ping WL a second time right after answering them on oct 3", answered: true, dates: []string{"2016-10-03"}},
	})
}

// "The earliest WL msg where Assange comes up": with no topic but names, the first (or last) is
// among the events that have the rare name, not the chronology's usual parties' first.
func TestTheFirstWhereANameComesUpHasTheName(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "earliest WL msg where assange comes up", answered: true, dates: []string{"2016-10-03"}},
	})
	letters, err := knowledge.Parse("letters.yaml", []byte(`format: 1
title: Ada's letters
source:
  title: Ada's letters
  language: en
  attribution: Test
  text: "On 1 May 1890 Ada wrote to Ben about the harvest. On 9 May 1890 Ada wrote to Ben that Carl had come. On 20 May 1890 Ada wrote to Ben that Carl had left. On 28 May 1890 Ada wrote to Ben about the rain. On 30 May 1890 Ada wrote to Ben about the sun."
events:
  - id: harvest
    date: 1890-05-01
    title: Ada writes to Ben about the harvest
    actors: [Ada, Ben]
    summary: Ada writes to Ben about the harvest.
    passages: ["On 1 May 1890 Ada wrote to Ben about the harvest."]
  - id: came
    date: 1890-05-09
    title: Ada writes that Carl has come
    actors: [Ada, Ben, Carl]
    summary: Ada writes to Ben that Carl has come.
    passages: ["On 9 May 1890 Ada wrote to Ben that Carl had come."]
  - id: left
    date: 1890-05-20
    title: Ada writes that Carl has left
    actors: [Ada, Ben, Carl]
    summary: Ada writes to Ben that Carl has left.
    passages: ["On 20 May 1890 Ada wrote to Ben that Carl had left."]
  - id: rain
    date: 1890-05-28
    title: Ada writes about the rain
    actors: [Ada, Ben]
    summary: Ada writes to Ben about the rain.
    passages: ["On 28 May 1890 Ada wrote to Ben about the rain."]
  - id: sun
    date: 1890-05-30
    title: Ada writes about the sun
    actors: [Ada, Ben]
    summary: Ada writes to Ben about the sun.
    passages: ["On 30 May 1890 Ada wrote to Ben about the sun."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, letters, []classCase{
		{q: "earliest ada letter where carl comes up", answered: true, dates: []string{"1890-05-09"}},
		{q: "the last msg from ada where carl is mentioned", answered: true, dates: []string{"1890-05-20"}},
	})
}

// French narrative prose tells in the simple past ("La Fayette envoya", "les maires décidèrent"):
// a question's compound past ("a envoyé", "ont décidé") is the same verb.
func TestTheFrenchSimplePastIsTheVerbAsked(t *testing.T) {
	runClass(t, bastille(t), []classCase{
		{q: "la clé que la fayette a envoyé a washington elle est ou maintenant", answered: true, dates: []string{"1789-07-15"}, quote: "Mount Vernon"},
	})
	town, err := knowledge.Parse("mairie2.yaml", []byte(`format: 1
title: La mairie
source:
  title: La mairie
  language: fr
  attribution: Test
  text: "Le 3 mai 1850, le maire Paul Roux envoya une lettre au préfet. Le 9 juin 1850, les conseillers décidèrent de bâtir une école."
events:
  - id: lettre
    date: 1850-05-03
    title: The mayor sends a letter to the prefect
    actors: [Paul Roux]
    summary: The mayor, Paul Roux, sends a letter to the prefect.
    summaries:
      fr: Le maire Paul Roux envoie une lettre au préfet.
    passages: ["Le 3 mai 1850, le maire Paul Roux envoya une lettre au préfet."]
  - id: ecole
    date: 1850-06-09
    title: The councillors decide to build a school
    actors: [Paul Roux]
    summary: The councillors decide to build a school.
    summaries:
      fr: Les conseillers décident de bâtir une école.
    passages: ["Le 9 juin 1850, les conseillers décidèrent de bâtir une école."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, town, []classCase{
		{q: "pourquoi paul roux a envoyé une lettre au préfet ?", answered: true, dates: []string{"1850-05-03"}},
		{q: "quand les conseillers ont décidé de bâtir l'école ?", answered: true, dates: []string{"1850-06-09"}},
	})
}

// A "who" answered by a passage that opens with a pronoun ("Il demande à ce dernier…", "He then
// flew to Honolulu…") quotes the earlier passage of the event that names the one it stands for.
func TestAWhoQuotesWhomAPronounStandsFor(t *testing.T) {
	marseillaise, err := knowledge.LoadFile("../eval/testdata/marseillaise/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, marseillaise, []classCase{
		{q: "ki a demandé a rouget de lisle d'écrire un chant de guerre", answered: true, quote: "Dietrich"},
	})
	runClass(t, apollo13(t), []classCase{
		{q: "who flew to honolulu to give the crew the medal of freedom", answered: true, quote: "President Nixon"},
	})
}

func chronology(t *testing.T, name string) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.LoadFile("../eval/testdata/" + name + "/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func TestWhatDayAsksForAnEventDatedToTheDay(t *testing.T) {
	// "day" is what is asked, not a word to search: left in, it found "D-Day" and the
	// deaths the source dates by their year.
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "what day did he die", answered: true, quote: "On 11 March 1955, Fleming died"},
	})
	runClass(t, apollo13(t), []classCase{
		{q: "what day did the crew make it back to earth?", answered: true, words: "17 April 1970"},
	})
	runClass(t, chronology(t, "drapeau"), []classCase{
		{q: "le drapeau bleu blanc rouge de la marine il date de kel jour exactement", answered: true, quote: "adopté le 15 février 1794"},
	})
	// The question word goes with its noun: "quel jour Don Jr…" still says Don Jr acted.
	runClass(t, seed(t), []classCase{
		{q: "Quel jour Don Jr a envoyé ses mails avec Goldstone à WL ?", answered: false, words: "ne dit pas que Donald Trump Jr."},
	})
	runClass(t, mandoline(t), []classCase{
		{q: "En quelle année Vivaldi a-t-il inventé la mandoline ?", answered: false, words: "ne dit pas que Vivaldi"},
	})
}

func TestASumTheEventsNeverWriteIsRefused(t *testing.T) {
	// The prize, the mission and the tapestry are in the source; what they cost is not.
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "how much money came with his nobel prize", answered: false, words: "gives no sum"},
	})
	runClass(t, apollo13(t), []classCase{
		{q: "combien a coûté la mission apollo 13 ?", answered: false, words: "ne donne aucune somme"},
		{q: "c combien ke le carnet de lovell s'est vendu aux enchères", answered: true, quote: "$388,375"},
	})
	runClass(t, chronology(t, "sydneyopera"), []classCase{
		{q: "how much did they pay for the le corbusier tapestry at the auction", answered: false, words: "gives no sum"},
		{q: "how much did the whole thing end up costing in the end", answered: true, quote: "102 million"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "how much did eich donate in support of proposition 8?", answered: true, quote: "1,000"},
	})
}

func TestANumberOfSomethingTheEventsNeverCountIsRefused(t *testing.T) {
	runClass(t, chronology(t, "sydneyopera"), []classCase{
		{q: "hw many seats does the joan sutherland theatre have", answered: false, words: "no number of “seats”"},
		{q: "how many architects entered the competition", answered: true, quote: "233 entries"},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "how many downloads did firefox 1.0 get", answered: false, words: "no number of “downloads”"},
	})
	// The figure may be in the summary, in the asker's language, for a passage in the source's.
	runClass(t, chronology(t, "australie"), []classCase{
		{q: "how many workers did the snowy mountains scheme need", answered: true, first: "100 000 ouvriers"},
	})
	// The figure may be in the summary, in the asker's language, for a passage in the source's.
	runClass(t, chronology(t, "australie"), []classCase{
		{q: "how many workers did the snowy mountains scheme need", answered: true, first: "100 000 ouvriers"},
	})
	// A name is counted by its verb ("only 101 survived"), not beside a noun.
	runClass(t, newZealand(t), []classCase{
		{q: "Combien de Moriori ont survécu en 1862 ?", answered: true, quote: "only 101 survived"},
	})
}

func TestAYesNoQuestionInOtherWordsIsAnsweredByTheNearestPassage(t *testing.T) {
	runClass(t, mandoline(t), []classCase{
		{q: "was john paul jones in the rolling stones?", answered: true, words: "does not put it that way", quote: "Led Zeppelin"},
	})
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "did fleming really save churchill's life?", answered: true, words: "does not put it that way", quote: "Churchill"},
	})
	// A name the source never writes leaves nothing near to answer.
	runClass(t, seed(t), []classCase{
		{q: "did WL ever DM ivanka too?", answered: false},
	})
}

func TestTheOldestThingTheSourceTellsIncludesItsBackground(t *testing.T) {
	// The seed's oldest event is the June 2016 meeting, told as background to the messages.
	runClass(t, seed(t), []classCase{
		{q: "wats the oldest thing the article talks about", answered: true, dates: []string{"2016-06"}},
		{q: "what's the first message in the timeline", answered: true, dates: []string{"2016-09-20"}},
		// Its first thing, not its oldest, is its first entry.
		{q: "c quoi le tout premier truc de la chrono", answered: true, dates: []string{"2016-09-20"}},
	})
	// An entry dated only by the year that holds the first dated entry is not known to come
	// before it: "1989" (tugboat escorts, after the spill) is not the first thing.
	runClass(t, chronology(t, "exxonvaldez"), []classCase{
		{q: "c quoi le tout premier truc de la chrono", answered: true, dates: []string{"1989-03-24"}},
	})
	runClass(t, chronology(t, "drapeau"), []classCase{
		{q: "c koi l'événement le plus ancien de la chrono", answered: true, dates: []string{"1765"}},
	})
}

func TestYearsBetweenTwoDaysAreWholeYearsElapsed(t *testing.T) {
	// 24 October 1790 to 15 February 1794 is three years and four months: three years, not the
	// four the calendar years differ by. "Le 1er pavillon tricolore" is the ordinance that says it
	// creates "le premier emblème national tricolore", not the first event about an ensign (1765)
	// nor the proposal of 20 October.
	runClass(t, chronology(t, "drapeau"), []classCase{
		{q: "cb d'années entre le 1er pavillon tricolore et celui de david", answered: true, words: "3 ans", dates: []string{"1790-10-24", "1794-02-15"}},
	})
	runClass(t, mozilla(t), []classCase{
		{q: "how many years between eich becoming ceo and persona shutting down", answered: true, words: "2 years, from 24 March 2014 to 30 November 2016"},
	})
	// Months are rounded: 20 September 2016 to 13 November 2017 is 14 months.
	runClass(t, seed(t), []classCase{
		{q: "cb de mois entre le tt 1er msg de WL et l'article de the atlantic", answered: true, words: "14 mois"},
	})
}

func TestAListedEventIsQuotedWhereItStatesTheDateAsked(t *testing.T) {
	runClass(t, chronology(t, "austrasie"), []classCase{
		{q: "en l'an 687 ya eu quoi", answered: true, dates: []string{"0687"}, quote: "L’heure de la revanche sonne en 687 à Tertry"},
		{q: "kes qui s'est passé entre 656 et 662", answered: true, dates: []string{"0656", "0657", "0662"}},
		{q: "il s'est passé quoi en austrasie en l'an 800", answered: false},
	})
}

func TestAWordKnownOnlyByTheTypoAllowanceDoesNotMoveADayQuestionOffItsDay(t *testing.T) {
	// "deal" is no word of the source; its nearest spelling is on a background event of 1804.
	runClass(t, chronology(t, "lewisclark"), []classCase{
		{q: "whats the deal with sept 25th 1804", answered: true, dates: []string{"1804-09-25"}},
	})
}

func TestAWhyIsAnsweredWithTheReasonThatFollowsTheFact(t *testing.T) {
	runClass(t, chronology(t, "marseillaise"), []classCase{
		{q: "pk sous vichy fallait demander une autorisation pour chanter l'hymne", answered: true, quote: "Cette mesure vise à donner au régime le monopole de l'hymne"},
	})
}

func TestASideNamedByAnAnchorIsTheEventOfTheAnchorsDay(t *testing.T) {
	runClass(t, chronology(t, "exxonvaldez"), []classCase{
		{q: "how many years between the spill and the supreme court ruling", answered: true, dates: []string{"1989-03-24", "2008-06-25"}, words: "19 years, from 24 March 1989"},
	})
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "how many years between his birth and the discovery of penicillin", answered: true, words: "47 years, from 6 August 1881 to 3 September 1928"},
	})
}

func TestAYesNoAboutSomethingFewEventsHaveIsAnsweredWhereTheyTellOfIt(t *testing.T) {
	runClass(t, chronology(t, "australie"), []classCase{
		{q: "was qantas started in sydney?", answered: true, words: "does not put it that way", dates: []string{"1920"}},
	})
	runClass(t, chronology(t, "lewisclark"), []classCase{
		{q: "was sacagawea paid for guiding them?", answered: true, words: "does not put it that way", quote: "Sacagawea"},
	})
}

func TestAQuestionOpeningOnAUnitAsksForTheTimeBetween(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "days b/w trump's i love wikileaks rally and the wow msg? like a month?", answered: true, words: "30 days, from 10 October 2016 to 9 November 2016"},
	})
	runClass(t, chronology(t, "exxonvaldez"), []classCase{
		{q: "years between the spill and the supreme court ruling?", answered: true, words: "19 years"},
	})
}

func TestThePeriodFromAnEventToTheEndOfTheSourceIsListed(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "depuis le 'wow' jusqu'à la fin de la chrono, liste moi tout", answered: true, dates: []string{"2016-11-09", "2016-12-16", "2017-07-11"}},
	})
	runClass(t, apollo13(t), []classCase{
		{q: "what happened from the start of the timeline to the launch", answered: true, words: "6 events between 1 June 1969 and 11 April 1970"},
	})
}

func TestAnOffsetFromAnEventLandsNearestTheDayItNames(t *testing.T) {
	// A year before 13 November 2017 is 13 November 2016: the messages of 8–9 November, not
	// the one of 16 December that the slack of a year also lets in.
	runClass(t, seed(t), []classCase{
		{q: "a year before the atlantic story came out, what was WL telling don jr", answered: true, dates: []string{"2016-11-09"}},
		{q: "à peu près 5 semaines avant le vote, WL voulait ke don jr fasse koi", answered: true, dates: []string{"2016-10-03"}},
	})
}

func TestBeforeOrAfterIsAnsweredWithTheOneThatHolds(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "was the tax returns ask before or after WL said it had dropped another podesta batch", answered: true, words: "After: by the chronology's dates"},
	})
	runClass(t, apollo13(t), []classCase{
		{q: "was the explosion before or after the launch?", answered: true, words: "After: by the chronology's dates, the first one you name is on 13 April 1970"},
	})
}

func TestAGeneralWordWithNoWordOfItsConceptInTheSourceIsAnAbsentTopic(t *testing.T) {
	// "peine de mort", "anobli": the lexicon lists them, and the source has neither them nor a
	// translation or synonym of them, so the question is about something the source lacks.
	runClass(t, newZealand(t), []classCase{
		{q: "Quand la Nouvelle-Zélande a-t-elle aboli la peine de mort ?", answered: false},
	})
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "pourquoi fleming a refusé d'être anobli ?", answered: false},
	})
	// Words the lexicon lists but the source lacks ("building", "thing") weigh no more than a
	// word on no event: the asker's wording of what the source says still finds it.
	runClass(t, mozilla(t), []classCase{
		{q: "since when has mozilla been building its own thing to replace adobe's animation plugin", answered: true,
			dates: []string{"2012"}, quote: "developed by Mozilla since 2012"},
	})
}

func TestAFunctionWordIsNeverReadAsInitials(t *testing.T) {
	// "eu" (had) is not the initials of the anchor "l'Exposition universelle": the decade's
	// events are listed, not the one event of the exhibition.
	runClass(t, chronology(t, "quatorze"), []classCase{
		{q: "ds les années 1870 ya eu quoi", answered: true, dates: []string{"1870", "1873", "1875", "1878-06-30", "1879"}},
	})
}

func TestTheYearAfterAnEventInFrenchWithDApres(t *testing.T) {
	// "l'année d'après X", "l'année d'avant X": the calendar year after (or before) the event X
	// describes, not "according to X".
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "il s'est passé quoi l'année d'après le classement des merveilles du monde ?", answered: true,
			dates: []string{"1995"}, quote: "Popular Mechanics"},
	})
	runClass(t, chronology(t, "lewisclark"), []classCase{
		{q: "l'année d'avant le départ de l'expédition il s'est passé quoi", answered: true, dates: []string{"1803"}},
	})
}

func TestAnEventThatCallsItselfTheFirstOfWhatIsAskedAnswersTheFirst(t *testing.T) {
	// The source tells earlier senators and escapes; the passage that says "le premier sénateur
	// indigène", "the first East German border guard to escape", "final concert" answers.
	runClass(t, chronology(t, "australie"), []classCase{
		{q: "c ki le premier sénateur aborigène", answered: true, dates: []string{"1971"}, quote: "premier sénateur indigène"},
	})
	runClass(t, chronology(t, "berlinwall"), []classCase{
		{q: "c qui le premier garde est-allemand à s'être enfui à l'ouest ?", answered: true, dates: []string{"1961-08-15"}, quote: "Conrad Schumann"},
	})
	runClass(t, chronology(t, "nirvana"), []classCase{
		{q: "when was nirvanas last ever gig", answered: true, dates: []string{"1994-03-01"}, quote: "final concert"},
	})
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "c'était quand le premier train de marchandises dans le tunnel ?", answered: true, dates: []string{"1994-06-01"}, quote: "The first freight train"},
	})
	// Only what the order word orders counts: "the first DM" is not "sa première vague
	// d'emails".
	runClass(t, seed(t), []classCase{
		{q: "was brad parscale on the email don jr sent the campaign after the first dm", answered: true, dates: []string{"2016-09-20"}},
	})
}

func TestChatAndJoinsTheTwoSidesOfAnInterval(t *testing.T) {
	// "between A n B": "n" is "and" in chat.
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "hw many days between the breakthrough n the official opening", answered: true, words: "1252 days"},
	})
	runClass(t, seed(t), []classCase{
		{q: "hw mny days btwn wikileeks askin 4 trumps taxs n the wow", answered: true, words: "19 days"},
	})
}

func TestAWhereQuestionQuotesThePassageThatNamesAPlace(t *testing.T) {
	// Of passages that match the question as well, the one with "in Cannon Falls", "at Farm Cove"
	// answers where; "in the American indie music scene" and "In February 1993" name no place.
	runClass(t, chronology(t, "nirvana"), []classCase{
		{q: "where did they record in utero", answered: true, quote: "Pachyderm Studio in Cannon Falls"},
	})
	runClass(t, chronology(t, "sydneyopera"), []classCase{
		{q: "where did the triathletes do the swim leg at the sydney olympics", answered: true, first: "swimming loop at Farm Cove"},
	})
}

func TestAWhenQuestionQuotesThePassageThatDatesTheEvent(t *testing.T) {
	// "When" is answered by the sentence that writes the year, before or beside the one that
	// only names the event; "c'était quand X ?" asks when though "quand" comes late.
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "wen did he discover lysozime", answered: true, first: "lysozyme in 1923"},
	})
	runClass(t, chronology(t, "berlinwall"), []classCase{
		{q: "c'était quand le discours ich bin ein berliner ?", answered: true, dates: []string{"1963-06-26"}, quote: "On 26 June 1963"},
	})
}

func TestHowMuchIsAThingAsksItsPrice(t *testing.T) {
	// "how much is a ticket", "how much was the fine": a price, which a source with no sum for it
	// does not give; one that writes the sum still answers.
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "how much is a eurostar ticket from london to paris", answered: false},
	})
	runClass(t, chronology(t, "sydneyopera"), []classCase{
		{q: "how much was a ticket for the opening night", answered: false},
		{q: "how much was the final cost of the opera house", answered: true, quote: "$102 million"},
	})
}

func TestPushedForIsLobbiedFor(t *testing.T) {
	// The lexicon's "push for" finds "lobbied for": who wanted an opera house is Goossens, 1954.
	runClass(t, chronology(t, "sydneyopera"), []classCase{
		{q: "who pushed for sydney to get an opera house in the first place", answered: true, first: "Eugene Goossens"},
	})
}

func TestAnIntervalWhoseSideNamesNoEventIsNoCount(t *testing.T) {
	// "their last show" names no event the interval can take ("show" is no word of the source's
	// "final concert"): the question is answered from the passages, never as a count of entries
	// ("One, 8 April 1994").
	for _, c := range []struct{ tl, q string }{
		{"nirvana", "how many days between their last show and kurt's death"},
		{"channeltunnel", "how many days between the first gig in the tunnel and the fire"},
	} {
		a := ask(chronology(t, c.tl), c.q)
		if a.Answered && (strings.HasPrefix(a.Text, "One,") || strings.HasPrefix(a.Text, "Un,") || strings.Contains(a.Text, "different dates")) {
			t.Errorf("%q: answered as a count:\n%s", c.q, a.Text)
		}
	}
}

func TestAPeriodAskedAboutTheChronologysOwnSubjectIsListed(t *testing.T) {
	// "The anthem" of a history of the anthem, "the tunnel" of one of the tunnel, are on a third
	// of the events or more: what happened to it in a period is the period's list, not the events
	// that happen to repeat the word.
	runClass(t, chronology(t, "marseillaise"), []classCase{
		{q: "what happened to the anthem during ww2", answered: true, dates: []string{"1941", "1941-07-17", "1944-09"}},
	})
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "what happened with the tunnel during 1996", answered: true, dates: []string{"1996-02-19", "1996-11-18"}},
	})
}

func TestWhichCameFirstInChatFrench(t *testing.T) {
	// "koi en 1er: A ou B ?" is "which came first, A or B".
	runClass(t, seed(t), []classCase{
		{q: "koi en 1er: le tweet de trump sur les médias malhonnêtes ou le tweet de don jr avec le lien ?", answered: true,
			dates: []string{"2016-10-12", "2016-10-14"}, words: "Le premier des deux est le 12 octobre 2016"},
	})
	runClass(t, chronology(t, "nirvana"), []classCase{
		{q: "koi en 1er: bleach ou nevermind ?", answered: true, words: "Le premier des deux"},
	})
}

func TestHowManyPeopleIsAnsweredByAFigureOfAnyKindOfPeople(t *testing.T) {
	// A source counts people by what they are: "2,000 passengers", "before 450,000 people" in a
	// summary of "an audience of 450,000", "près de 80 000 personnes".
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "how many ppl got stuck in the tunnel during the 2009 snow breakdown", answered: true, quote: "2,000 passengers"},
	})
	runClass(t, chronology(t, "berlinwall"), []classCase{
		{q: "hw many ppl came to hear kennedy's ich bin ein berliner speech", answered: true, quote: "450,000"},
	})
}

func TestAFigureNearlyAsWellFoundAnswersHowMany(t *testing.T) {
	// The event the question's words find best writes a figure of people, but not of the dead
	// ("a few thousand people" employed by the second French company); the bankruptcy, found
	// nearly as well, writes "22,000 men died".
	runClass(t, chronology(t, "panamacanal"), []classCase{
		{q: "how many people died in the french attempt", answered: true, dates: []string{"1889"}, quote: "22,000 men died"},
		// A rate or a total is not one event's figure.
		{q: "how many ships cross the canal each year", answered: false},
	})
	runClass(t, chronology(t, "bastille"), []classCase{
		{q: "combien de prisonniers à la bastille au moment de sa prise", answered: true, quote: "Les prisonniers étaient au nombre de sept"},
	})
	runClass(t, chronology(t, "berlinwall"), []classCase{
		{q: "combien de gens sont morts au mur au total", answered: false},
	})
}

func TestAnAdverbOrAKindOfTheSourceLacksIsNoMissingTopic(t *testing.T) {
	// "What kind of canal" asks what canal; an adverb ("originally", misspelt) says how, not
	// what: neither is a topic the source lacks.
	runClass(t, chronology(t, "panamacanal"), []classCase{
		{q: "wat kind of canal did de lesseps originaly want", answered: true, quote: "sea-level canal"},
	})
	runClass(t, seed(t), []classCase{
		{q: "what war was the putintrump pac orignaly against", answered: true, quote: "guerre en Iraq"},
	})
	// A topic the source lacks stays one, adverb or not.
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "what kind of fish live in lake mead nowadays", answered: false},
	})
}

func TestHowManyPeopleIsAnsweredByDonorsAndTheDead(t *testing.T) {
	// Those who gave are people ("120,000 donors"); a figure in words past twelve is a figure
	// ("sixteen workers").
	runClass(t, chronology(t, "statueofliberty"), []classCase{
		{q: "hw many people chipped in to the world's fund by august 1885", answered: true, quote: "120,000 donors"},
	})
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "how many ppl died of the heat in summer 1931", answered: true, quote: "Sixteen workers"},
	})
}

func TestAnEventStandingOutOfTheRestAnswersWithLessCoverage(t *testing.T) {
	// The question's words the source has meet in one event, which scores twice the next: the
	// words it lacks are the asker's ("afterwards"), not another topic.
	runClass(t, chronology(t, "exxonvaldez"), []classCase{
		{q: "where was the ship towed to afterwards", answered: true, quote: "San Diego"},
	})
	// The asker's superlative is the source's ("biggest" for "the largest").
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "wen did the power station become the planet's biggest", answered: true, quote: "largest hydroelectric"},
	})
	// Standing out is no licence for a premise no passage states or a topic the source lacks.
	runClass(t, mozilla(t), []classCase{
		{q: "Who became Mozilla's CEO after Eich resigned?", answered: false},
	})
	runClass(t, chronology(t, "bastille"), []classCase{
		{q: "en quelle année la bastille a été reconstruite apres sa démolition", answered: false},
	})
}

func TestSomeoneTheSourceNeverNamesDidNothingItReports(t *testing.T) {
	// The question says someone acted whom the source never names: whatever its other words
	// find, the source cannot say why or when that person did it.
	runClass(t, chronology(t, "fetefederation"), []classCase{
		{q: "why did napoleon pick 14 july for the holiday", answered: false, words: "napoleon"},
		{q: "pk robespierre a juré en premier", answered: false, words: "robespierre"},
	})
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "why did eisenhower want a tunnel", answered: false, words: "eisenhower"},
	})
	// Someone the source names, a slip of their name, or a common noun is no stranger.
	runClass(t, chronology(t, "fetefederation"), []classCase{
		{q: "pourquoi talleyrand a dit la messe", answered: true},
	})
	runClass(t, chronology(t, "panamacanal"), []classCase{
		{q: "why did goethels take over", answered: true},
		{q: "why did engineers want locks", answered: true},
	})
}

func TestAnIntervalSplitsAtItsConjunctionAndFindsTheEventThatCallsItselfFirst(t *testing.T) {
	// "through" in the first side is no end of a span: "between A and B" splits at "and" ("n").
	// "The first ship going through" is the event that says it is the first ship to transit,
	// not the earliest event about ships.
	runClass(t, chronology(t, "panamacanal"), []classCase{
		{q: "how many days between the first ship going through n the formal opening", answered: true, words: "12 days"},
	})
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "how many days between the first concrete poured through the forms and the dedication", answered: true, words: "846 days"},
	})
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "how many days between the first freight train through the tunnel and the official opening", answered: true, dates: []string{"1994-05-06", "1994-06-01"}},
	})
}

func TestTwoSidesOfAnIntervalNamingOneEventAreToldApart(t *testing.T) {
	// The strike's end writes "wages will not be cut again", so both sides find it first; the
	// wage cut is nearly as good a match for the first side, the second has nothing as close.
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "how many days from the wage cut to the strike being called off", answered: true, words: "8 days", dates: []string{"1931-08-07", "1931-08-15"}},
	})
	ferry, err := knowledge.Parse("ferry.yaml", []byte(`format: 1
title: The ferry
source:
  title: The ferry
  language: en
  attribution: Test
  text: "On 2 May 1950 the ferry fares were raised. On 20 May 1950 the boycott ended when the fares raised that month were lowered again."
events:
  - id: raise
    date: 1950-05-02
    title: The ferry fares are raised
    summary: The ferry fares are raised.
    passages: ["On 2 May 1950 the ferry fares were raised."]
  - id: end
    date: 1950-05-20
    title: The boycott ends as the raised fares are lowered
    summary: The boycott ends when the fares raised that month are lowered again.
    passages: ["On 20 May 1950 the boycott ended when the fares raised that month were lowered again."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, ferry, []classCase{
		{q: "how many days between the fares being raised and the boycott ending", answered: true, words: "18 days"},
	})
}

func TestAPeriodHoldingOneEventQuotesItForTheQuestion(t *testing.T) {
	// The month holds one event: its passages are chosen as a single event's would be, by what
	// is asked and the date written, not its opening one.
	runClass(t, chronology(t, "panamacanal"), []classCase{
		{q: "who stepped down as chief engineer in june 1905", answered: true, quote: "Wallace resigned abruptly in June 1905"},
	})
	runClass(t, chronology(t, "mandoline"), []classCase{
		{q: "ki est venu jouer au festival de lunel en 2013", answered: true, first: "John Paul Jones"},
	})
}

func TestTheFirstThingInThisStoryIsTheChronologysFirst(t *testing.T) {
	// "Cette histoire" is the source itself, not a word it lacks.
	runClass(t, chronology(t, "fetefederation"), []classCase{
		{q: "c koi le tout premier truc de cette histoire", answered: true, dates: []string{"1789-07-14"}},
	})
	runClass(t, chronology(t, "drapeau"), []classCase{
		{q: "la 1ere chose qui arrive dans cette histoire c quoi", answered: true, dates: []string{chronology(t, "drapeau").Entries()[0].Date.String()}},
	})
}

func TestAnAnchorsNamesAreWordsOfTheEventsOfItsDay(t *testing.T) {
	// "The dedication", "the return", "la fête de la Fédération": the author's names for a
	// moment are the words its events are found by, as their titles are.
	runClass(t, chronology(t, "statueofliberty"), []classCase{
		{q: "when did they dedicate the statue", answered: true, quote: "The statue was dedicated on October 28, 1886."},
	})
	runClass(t, chronology(t, "quatorze"), []classCase{
		{q: "c ki qui a dit la messe à la fête de la fédé", answered: true, quote: "Talleyrand"},
	})
	// A clause placing the event asked for ("after Eich resigned") holds the answer to its side:
	// Eich's own appointment, a week before, does not say who came after.
	runClass(t, mozilla(t), []classCase{
		{q: "who took over as CEO after Eich resigned", answered: false},
	})
}

func TestANameIsNotAnsweredByPassagesNamingNoOne(t *testing.T) {
	// The passages that would give the name asked for name no one the question does not: the
	// source does not give it.
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "what was the name of the patient whose mucus he tested", answered: false, words: "names no one"},
		{q: "c'est quoi le nom du patient enrhumé dont il a testé le mucus", answered: false, words: "ne nomme personne"},
	})
	// "Who" may be answered by a common noun ("the mayor"); only a name asked for needs one.
	runClass(t, chronology(t, "exxonvaldez"), []classCase{
		{q: "who was at the helm when it ran aground", answered: true},
	})
	// A name after initials ("J. G. Tierney"), or one of two the question offers, is an answer.
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "who was the surveyor who drowned", answered: true, quote: "J. G. Tierney"},
	})
	runClass(t, seed(t), []classCase{
		{q: "was it don jr or his father who tweeted the link on 14 oct", answered: true},
	})
}

func TestIndefinitePronounsAreNoTopic(t *testing.T) {
	// "Anyone", "anybody" are function words: a source that never writes them is not off topic.
	// ("Together" is not: "joined together using 2.5 million rivets".)
	runClass(t, chronology(t, "statueofliberty"), []classCase{
		{q: "did anybody die during the assembly in new york", answered: true, quote: "no one died"},
	})
	runClass(t, chronology(t, "eiffeltower"), []classCase{
		{q: "how many rivets hold the whole thing together", answered: true, quote: "2.5 million rivets"},
	})
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "did anyone notice his paper when it came out", answered: true},
	})
}

func TestASideNamingAMessageIsAnEntry(t *testing.T) {
	// "The message of July 2017" is the chronology's own entry that month, not the newspaper
	// story it mentions a few days before. "From A until B" ends A at "until", though A says
	// "to".
	runClass(t, seed(t), []classCase{
		{q: "cb de jours entre le 'salut don' et le message de juillet 2017", answered: true, dates: []string{"2016-12-16", "2017-07-11"}},
		{q: "how many weeks from WL's first dms to don jr until election day", answered: true, dates: []string{"2016-09-20", "2016-11-08"}},
	})
	council, err := knowledge.Parse("council.yaml", []byte(`format: 1
title: The council
source:
  title: The council
  language: en
  attribution: Test
  text: "On 3 May 1950 the Gazette reported the mayor's plan. On 6 May 1950 the mayor sent a message to the council about the plan. On 20 June 1950 the council sent a message back."
events:
  - id: gazette
    date: 1950-05-03
    kind: context
    title: The Gazette reports the mayor's plan
    summary: The Gazette reports the mayor's plan.
    passages: ["On 3 May 1950 the Gazette reported the mayor's plan."]
  - id: mayor
    date: 1950-05-06
    title: The mayor writes to the council about the plan
    summary: The mayor sends a message to the council about the plan.
    passages: ["On 6 May 1950 the mayor sent a message to the council about the plan."]
  - id: reply
    date: 1950-06-20
    title: The council replies
    summary: The council sends a message back.
    passages: ["On 20 June 1950 the council sent a message back."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	runClass(t, council, []classCase{
		{q: "how many days between the message of may 1950 and the council's reply", answered: true, words: "45 days"},
	})
}

func TestAQuotationInTheSecondSideOfHowManyDaysAfterNamesItsEvent(t *testing.T) {
	// The sides are split in the text, so the quotation keeps its marks and names its event.
	runClass(t, seed(t), []classCase{
		{q: "how many days after the putintrump dm did WL send the 'hey donald' msg", answered: true, words: "22 days"},
	})
	runClass(t, chronology(t, "berlinwall"), []classCase{
		{q: `how many years after the wall went up did reagan say "tear down this wall"`, answered: true, words: "25 years"},
	})
}

func TestTheLastThingInTheStoryIsTheChronologysLast(t *testing.T) {
	// Asking for the last, "ds l'histoire" ending the question is the story told.
	for _, name := range []string{"goldengate", "histoirefrance"} {
		tl := chronology(t, name)
		entries := tl.Entries()
		runClass(t, tl, []classCase{
			{q: "c koi le tout dernier truc ds l'histoire", answered: true, dates: []string{entries[len(entries)-1].Date.String()}},
		})
	}
	// Elsewhere it is history: who the journalist in the story is stays a question about him.
	runClass(t, seed(t), []classCase{
		{q: "c ki le journaliste du wall street journal ds l'histoire", answered: true},
	})
}

func TestAReactionNoPassageGivesIsAFalsePremise(t *testing.T) {
	// "How did Podesta react": a reaction is a deed the passages must tell of their subject.
	runClass(t, seed(t), []classCase{
		{q: "podesta a réagi comment quand WL a sorti ses mails", answered: false, words: "Podesta"},
	})
	runClass(t, chronology(t, "panamacanal"), []classCase{
		{q: "how did colombia react when panama declared independence", answered: false, words: "Colombia"},
	})
}

func TestACountedNounTheSourceNeverWritesInItsOwnLanguageIsNoFigure(t *testing.T) {
	// Asked in the source's language, a noun it never writes, nor any word like it, is nothing it
	// counts; asked in the other, it may be the asker's word for one it does.
	runClass(t, seed(t), []classCase{
		{q: "le site putintrump.org a eu combien de visiteurs après son lancement", answered: false, words: "visiteurs"},
	})
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "how many tourists visited the dam in 1937", answered: false, words: "tourists"},
	})
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "combien de passagers coincés dans le tunnel en décembre 2009", answered: true, quote: "2,000 passengers"},
	})
}

func TestTheLanguageAPhraseIsAskedInIsNoTopic(t *testing.T) {
	// "En français", "in English": the asker's language, not a word of the story.
	runClass(t, seed(t), []classCase{
		{q: "en VO WL écrivait 'hope you're well', dans l'article en français ça donne quoi", answered: true, quote: "Salut Don"},
	})
	runClass(t, chronology(t, "statueofliberty"), []classCase{
		{q: "ça donne quoi en français 'liberty enlightening the world'", answered: true, dates: []string{"1875-09"}},
	})
}

func TestAThingNamedByALexiconPhraseIsOwnedWhole(t *testing.T) {
	// "Don Jr's sit-down" is his meeting (a phrase the lexicon lists), not something "sit" the
	// source ties to someone else.
	runClass(t, seed(t), []classCase{
		{q: "7/11/17 WL says sorry about don jr's sit-down with a lawyer, what's her name", answered: true, quote: "Natalia Veselnitskaya"},
	})
}

func TestLEmporterIsToWin(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "le jour du vote qui voyait clinton l'emporter", answered: true, quote: "Clinton gagnerait"},
	})
}

func TestBeforeOrAfterIsNoTopicTheSourceMustName(t *testing.T) {
	// "What were they called before": the order is the question's; a source that never writes
	// "before" still answers it.
	runClass(t, newZealand(t), []classCase{
		{q: "wat were the chatham islnds calld b4", answered: true, dates: []string{"1862"}},
	})
}

func TestAVerbOfInformingIsACommunicationVerb(t *testing.T) {
	// "Prévenu", "informed", "warned": the asker's verb for what the source tells in its own
	// ("leur a dit"), weighed like "said" when judging whether the question is on the source.
	runClass(t, seed(t), []classCase{
		{q: "kel jour don jr a prévenu bannon et cie ke WL l'avait contacté", answered: true, dates: []string{"2016-09-20"}},
	})
	runClass(t, chronology(t, "bastille"), []classCase{
		{q: "qui a averti le roi que c était une révolution", answered: true, dates: []string{"1789-07-15"}},
	})
}

func TestAnAcronymTheSourceLacksIsNoneOfItsActors(t *testing.T) {
	// "How did the FBI react": a deed unknown to the source is the premise check's to judge only
	// when everyone the question names is in the source. (Short words the source lacks are not
	// weighed as missing in general: "sgt", "cie", "wal" are abbreviations and slips.)
	runClass(t, seed(t), []classCase{
		{q: "how did the fbi react to the WL dms", answered: false},
	})
}

func TestWhySomethingIsOnASignIsWhatItRepresents(t *testing.T) {
	// "Why is there an ermine border", "pourquoi l'étoile a 7 branches": the passage saying what it
	// represents, or one for each of what, is the reason.
	runClass(t, chronology(t, "armoiriesaustralie"), []classCase{
		{q: "why is there an ermine border round the shield", answered: true, quote: "La bordure d'hermine représente"},
		{q: "pourquoi l'étoile au-dessus de l'écu a 7 branches ?", answered: true, quote: "une pour chacun des États"},
	})
	runClass(t, chronology(t, "drapeauaustralie"), []classCase{
		{q: "pourquoi on a rajouté une 7e pointe à l'étoile", answered: true, quote: "pour symboliser le territoire de Papouasie"},
	})
}

func TestTheNextThingAfterAnEventIsTheEventAfterIt(t *testing.T) {
	// "The next thing after X", "what came next after X": "next" restates the direction; it asks
	// nothing of the event found.
	runClass(t, seed(t), []classCase{
		{q: "wat's the next thing in the timeline after don jr's 'officieusement' reply", answered: true, dates: []string{"2016-10-03"}},
	})
	runClass(t, chronology(t, "armoiriesaustralie"), []classCase{
		{q: "what came next after edward VII handed out the arms", answered: true, dates: []string{"1912-09-19"}},
	})
}

func TestTheOneThatFollowsAnEventIsTheEventAfterIt(t *testing.T) {
	// "Le msg qui suit directement X", "the one that precedes X": a relative clause by its verb.
	runClass(t, seed(t), []classCase{
		{q: "le msg ki suit directement le 'salut don', c koi", answered: true, dates: []string{"2017-07-11"}},
		{q: "c quoi le msg qui précède celui sur l'ambassadeur", answered: true, dates: []string{"2016-11-09"}},
	})
	runClass(t, chronology(t, "bastille"), []classCase{
		{q: "c quoi l'événement qui suit directement la prise de la bastille", answered: true, dates: []string{"1789-07-15"}},
	})
}

func TestAShortQuotationNamesItsEvent(t *testing.T) {
	// "WL's one-word 'wow'", "« Rien »": three letters quoted are enough to name the passage.
	runClass(t, seed(t), []classCase{
		{q: "count the days btwn WL's one-word 'wow' n the nyt's trump tower scoop", answered: true, words: "241 days", dates: []string{"2016-11-09", "2017-07-08"}},
		{q: "why did don jr answer 'wow' when his dad won", answered: false, words: "does not say that Donald Trump Jr."},
	})
	runClass(t, chronology(t, "bastille"), []classCase{
		{q: "le roi a noté 'rien' ds son journal, c'était kan", answered: true, dates: []string{"1789-07-14"}},
	})
}

func TestCountTheDaysAsksHowMany(t *testing.T) {
	runClass(t, chronology(t, "apollo13"), []classCase{
		{q: "count the days between launch and splashdown", answered: true, words: "6 days"},
	})
}

func TestFromAnEventUpToADateListsWhatIsBetween(t *testing.T) {
	// "From the True Pundit DM up to election day": one side an event, the other a date or an
	// anchor the parser reads as "up to" it; both ends bound the list.
	runClass(t, seed(t), []classCase{
		{q: "gimme evrything from the true pundit dm up to election day", answered: true, words: "between 3 October 2016 and 8 November 2016"},
	})
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "everything from the compact signing up to 1935", answered: true, words: "between 24 November 1922 and"},
	})
}

func TestAPeriodOfAGivenLengthAfterAnEventIsListed(t *testing.T) {
	// "In the month after X", "dans la semaine après X": the events of that window, not the one
	// day a month (or a week) after X.
	runClass(t, seed(t), []classCase{
		{q: "wat happened in the month after WL's tax returns ask", answered: true, dates: []string{"2016-11-08", "2016-11-09"}},
	})
	runClass(t, chronology(t, "bastille"), []classCase{
		{q: "que s'est-il passé dans la semaine après la prise de la bastille", answered: true, words: "entre le 15 juillet 1789 et le 21 juillet 1789"},
	})
}

func TestACountOfEventsNamesWhatItCounts(t *testing.T) {
	// "How many events…": "5 events, on 5 different dates"; "how many messages…" keeps the bare
	// figure, since not every event is a message.
	runClass(t, chronology(t, "sputnik"), []classCase{
		{q: "how many events r there in 1955", answered: true, words: "5 events, on 5 different dates in 1955"},
	})
	runClass(t, seed(t), []classCase{
		{q: "combien d'événements en octobre 2016", answered: true, words: "4 événements, à 4 dates différentes"},
		{q: "how many msgs in oct 2016", answered: true, words: "4, on 4 different dates"},
	})
}

func TestWhenTheThingOpenedIsNotWhatItsOrganisationDid(t *testing.T) {
	runClass(t, chronology(t, "empirestate"), []classCase{
		{q: "wen did the empire state building open", answered: true, quote: "officially opened on May 1, 1931"},
	})
}

func TestRightAfterADateIsNotAnEventDatedByThePeriodHoldingIt(t *testing.T) {
	// "Right after the crash" (24 October 1929): the next event dated after it, not one the source
	// dates only by the year 1929 or the month of October 1957.
	runClass(t, chronology(t, "empirestate"), []classCase{
		{q: "what came right after the stock market crash", answered: true, dates: []string{"1929-11-18"}},
	})
	runClass(t, chronology(t, "sputnik"), []classCase{
		{q: "what happened right after the batteries died", answered: true, dates: []string{"1957-11-03"}},
	})
}

func TestADayOffsetFromANamedEventIsNoWordOfWhatIsAsked(t *testing.T) {
	// "8 days after the launch", "8 semaines pile après X": the offset dates the question; left
	// in its words, "days" and "after" matched an event dated by the month around that day.
	runClass(t, chronology(t, "sputnik"), []classCase{
		{q: "wat happened 8 days after the launch", answered: true, dates: []string{"1957-10-12"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "8 semaines pile après la demande des impôts, WL écrit koi", answered: true, dates: []string{"2016-12-16"}},
	})
}

func TestShavingAHeadIsATonsure(t *testing.T) {
	runClass(t, chronology(t, "austrasie"), []classCase{
		{q: "pk grimoald a fait raser la tete de dagobert 2", answered: true, quote: "qualité royale"},
	})
}

func TestASideThatIsAnAnchorsNameIsThatAnchor(t *testing.T) {
	// "How many days between launch and when it burned up": "launch" is the anchor "the launch",
	// not the first event whose words say launch; "la signature du traité" names the signing.
	runClass(t, chronology(t, "sputnik"), []classCase{
		{q: "how many days between launch n when sputnik burned up in the atmosphere", answered: true, words: "92 days"},
	})
	runClass(t, chronology(t, "louisianapurchase"), []classCase{
		{q: "combien de jours entre la signature du traité et l'annonce au public ?", answered: true, dates: []string{"1803-04-30", "1803-07-04"}},
	})
}

func TestAnUnrankedEventIsQuotedWhereItsYearIsWritten(t *testing.T) {
	// Nothing in "the first thing of the timeline" chooses a passage: the opening one may only set
	// the scene ("The tract was originally part of…"), the one that writes the year tells what
	// happened then.
	runClass(t, chronology(t, "empirestate"), []classCase{
		{q: "what is the very first event of this chronology", answered: true, dates: []string{"1799"}, quote: "In 1799, John Thompson"},
	})
	runClass(t, chronology(t, "statueofliberty"), []classCase{
		{q: "first event in the timeline?", answered: true, dates: []string{"1869"}, quote: "Port Said Lighthouse was built instead"},
	})
}

func TestASentenceThatNamesAgainWhatTheOneBeforeNamedContinuesIt(t *testing.T) {
	// "The mission was designated Operation Ghost Rider. The mission was a full rehearsal…": the
	// sentence that names the thing asked about says only its name; the next one, opening on the
	// same noun, tells what it was.
	runClass(t, chronology(t, "libyabombing"), []classCase{
		{q: "what was operation ghost rider", answered: true, dates: []string{"1985-10-18"}, quote: "full rehearsal"},
	})
	runClass(t, chronology(t, "suezcanal"), []classCase{
		{q: "what was the new suez canal project of 2014", answered: true, quote: "The project cost more than $8 billion"},
	})
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "what was the fall-davis report", answered: true, dates: []string{"1922"}, quote: "The Fall-Davis report cited"},
	})
}

func TestADatedQuestionAboutSomeoneTheSourceNeverMentionsIsRefused(t *testing.T) {
	// The day's events do not answer "what did the pope say on the day of the launch": the pope is
	// nowhere in the source. A verb or an adverb the source lacks is only the asker's wording.
	runClass(t, chronology(t, "sputnik"), []classCase{
		{q: "what did the pope say on the day of the launch", answered: false, words: "pope"},
	})
	runClass(t, chronology(t, "apollo11"), []classCase{
		{q: "what did the queen say on the day of the landing", answered: false, words: "queen"},
	})
	// An English modifier before a noun the source has is not the thing asked about: "the euro
	// colonies" are colonies.
	runClass(t, chronology(t, "greatauk"), []classCase{
		{q: "what happened to the euro colonies by the mid 1500s", answered: true, dates: []string{"1553"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "whose hacked emails was WL dumping in oct 2016?", answered: true},
		{q: "was WL's election day msg sent in the morning", answered: true},
	})
}

func TestWhyQuotesAPassageThatGivesACauseBesidesTheBestMatch(t *testing.T) {
	// The passages the question's words match best tell what was done; the one that says why shares
	// fewer of them and is quoted after them, a third quote at most. "Many in China felt betrayed
	// as…" stays quoted beside the cause given for the cabinet's fall.
	runClass(t, chronology(t, "versailles"), []classCase{
		{q: "why was china so angry about versailles", answered: true, dates: []string{"1919-06-12"}, quote: "felt betrayed", maxQuote: 3},
	})
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "why was the plan to collapse the canyon walls with dynamite rejected", answered: true, dates: []string{"1922"}, quote: "citing doubts", maxQuote: 3},
	})
	runClass(t, chronology(t, "channeltunnel"), []classCase{
		{q: "why did five eurostar trains fail inside the tunnel in december 2009", answered: true, dates: []string{"2009-12-18"}, quote: "snow had evaded", maxQuote: 3},
	})
}

func TestADayIsNotAnsweredByAnEventDatedOnlyByItsYear(t *testing.T) {
	// The source dates the Royal Commission's reforms by the year 1855 only: nothing it says
	// happened on 15 January 1855. A month the source gives does answer its days ("at Xmas 91"
	// of December 1991's sales), so only a year is too coarse.
	runClass(t, chronology(t, "eureka"), []classCase{
		{q: "what happened on 20 january 1855?", answered: false, words: "says nothing about 20 January 1855"},
		// A day with events of its own is answered by them, not by the year's.
		{q: "what did the miners do on 4 december 1854", answered: true, dates: []string{"1854-12-04"}},
	})
	runClass(t, chronology(t, "louisianapurchase"), []classCase{
		{q: "il s'est passé quoi le 2 mars 1803", answered: false},
	})
	runClass(t, chronology(t, "nirvana"), []classCase{
		{q: "how many copies a week was nevermind selling at christmas 1991", answered: true, dates: []string{"1991-12"}},
	})
}

func TestWhyIsAnsweredByTheBestEventWhenItStatesACause(t *testing.T) {
	// Of the murder, the protest and the commission that followed, the protest's passage says why
	// the hotel was burnt ("to protest the acquittal"): it answers alone. The best event that
	// states no cause leaves the others beside it (Ulbricht's order, the closing of the border).
	runClass(t, chronology(t, "eureka"), []classCase{
		{q: "why did the miners burn down bentley's hotel", answered: true, dates: []string{"1854-10-17"}, quote: "to protest"},
	})
	runClass(t, chronology(t, "libyabombing"), []classCase{
		{q: "why did france refuse to let the planes fly over", answered: true, dates: []string{"1986-04-15"}, quote: "because"},
	})
	runClass(t, chronology(t, "berlinwall"), []classCase{
		{q: "why did east germany build the wall", answered: true, dates: []string{"1961-08-12", "1961-08-13", "1990-06-13"}},
	})
	// When another event's passage states a cause too ("remembered as great because it was the
	// last"), the best one does not answer alone: "deaths due to the plague" is no reason for a name.
	runClass(t, chronology(t, "greatplague"), []classCase{
		{q: "why was it called the great plague if the black death was way worse", answered: true, quote: "because it was the last"},
	})
}

func TestAFigureTheQuestionStatesMustBeOneTheSourceWrites(t *testing.T) {
	// "Why was she given 20 grams of radium": the gift was one gram. A figure with a unit, a
	// currency or a scale is a premise; the events that would answer must write it, in any form
	// ("$8 billion", "8 milliards de dollars").
	runClass(t, chronology(t, "mariecurie"), []classCase{
		{q: "why was she given 20 grams of radium in 1921", answered: false, words: "20 grams"},
	})
	runClass(t, chronology(t, "eriecanal"), []classCase{
		{q: "why did the legislature give $12 million for the canal in 1817", answered: false, words: "$12 million"},
	})
	runClass(t, chronology(t, "suezcanal"), []classCase{
		{q: "pourquoi le nouveau canal a coûté plus de 8 milliards de dollars", answered: true},
		{q: "why did the new suez canal cost more than $8 billion", answered: true},
	})
}

func TestAPeriodOfTheChronologysOwnSubjectIsListed(t *testing.T) {
	// "What happened with the purchase between 1804 and 1820" of "The Louisiana Purchase": the
	// title's words, in either language, name the whole chronology as a pervasive word does, so
	// the period is listed rather than searched for them.
	runClass(t, chronology(t, "louisianapurchase"), []classCase{
		{q: "what happened with the purchase between 1804 and 1820", answered: true, words: "events between 1 January 1804 and 31 December 1820"},
	})
	runClass(t, chronology(t, "eureka"), []classCase{
		{q: "tout ce qui s'est passé pour la rébellion entre le 1er et le 5 décembre 1854", answered: true, words: "événements entre le 1er décembre 1854 et le 5 décembre 1854"},
	})
}

func TestHedgesAndChatFiguresAreReadAsTheSourceWritesThem(t *testing.T) {
	// "any kind of", "some sort of" hedge a noun and are no words of the topic; "460k" is the
	// source's "460,000".
	runClass(t, chronology(t, "greatauk"), []classCase{
		{q: "when did the auk first get any kind of legal protection", answered: true, dates: []string{"1553"}},
	})
	runClass(t, chronology(t, "statueofliberty"), []classCase{
		{q: "when did the statue get any kind of official protection as a monument", answered: true},
	})
	runClass(t, chronology(t, "greatplague"), []classCase{
		{q: "when did graunt revise his number up to 460k", answered: true, dates: []string{"1665"}, quote: "460,000"},
	})
	runClass(t, chronology(t, "eriecanal"), []classCase{
		{q: "how many passengers travelled in 1825, like 40k?", answered: true, first: "40,000"},
	})
}

func TestAWhoWhoseEventNamesNoOneIsRefused(t *testing.T) {
	// "Who poured the first concrete": the passage says it was poured, by no one named; a "who"
	// asks for a name as "what's the name of" does.
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "who poured the first concrete in june 1933", answered: false, words: "names no one"},
	})
	runClass(t, chronology(t, "greatplague"), []classCase{
		{q: "who dug the plague pits in july 1665", answered: false, words: "names no one"},
	})
	runClass(t, chronology(t, "sputnik"), []classCase{
		{q: "who built the first r-7 launch pad", answered: true, quote: "OKB-1"},
	})
}

func TestARefusalTheSourceReportsAsADeedDoneIsAFalsePremise(t *testing.T) {
	// "Why did the queen refuse to open the opera house": she opened it. A refusal the question
	// states must be one the source tells of, in a sentence with who refused or what; a deed it
	// reports done, with no refusal or negation by it, is no refusal.
	runClass(t, chronology(t, "sydneyopera"), []classCase{
		{q: "why did the queen refuse to open the opera house", answered: false, words: "does not say that Queen Elizabeth II refused"},
	})
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "why did fleming turn down the nobel prize", answered: false, words: "refused"},
	})
	runClass(t, chronology(t, "empirestate"), []classCase{
		{q: "why did raskob refuse to cancel the project", answered: true, quote: "refused to cancel"},
	})
	runClass(t, chronology(t, "eureka"), []classCase{
		{q: "why did john howard refuse to let the flag fly over parliament house", answered: true, quote: "refused to allow the flag"},
	})
	runClass(t, chronology(t, "libyabombing"), []classCase{
		{q: "pourquoi mitterrand a refusé le survol de la france", answered: true},
	})
}

func TestAWordQuotedInSeveralEventsIsQuotedFromEachOfThem(t *testing.T) {
	// "'corruption'" is in a passage of two events, found latest first: each is quoted from its
	// own passage, though the answer lists them in date order (once, a passage of the later event
	// was looked up in the earlier one, and the answer panicked).
	runClass(t, seed(t), []classCase{
		{q: "c kan la 1ère fois ke le mot 'corruption' apparaît ds la chrono", answered: true, dates: []string{"2016-10-14", "2016-11-08"}, first: "corruption"},
	})
}

func TestEventsFoundByTheYearTheirPassagesWriteAreHeldToThePremise(t *testing.T) {
	// "Why did Chubb sell Stonehenge to the National Trust in 1928": the 1928 events found by
	// the year in their passages tell of donations, not of Chubb; he gave the site away in 1918.
	runClass(t, chronology(t, "stonehenge"), []classCase{
		{q: "why did cecil chubb sell stonehenge to the national trust in 1928?", answered: false, words: "does not say that Cecil Chubb did that"},
		{q: "why was the land given to the national trust in 1928", answered: true, dates: []string{"1928"}},
		{q: "why did cecil chubb give stonehenge to the nation in 1918?", answered: true, dates: []string{"1918"}},
	})
}

func TestGivingAMedalOrArmsIsAwardingThem(t *testing.T) {
	// "Carter a donné la médaille à Grissom" of "Carter awarded the Medal of Honor to Grissom",
	// "Édouard VII a donné ses armoiries" of arms granted or awarded: giving a distinction is
	// awarding it, in either language.
	runClass(t, chronology(t, "apollo1"), []classCase{
		{q: "kan es ke carter a donné la medaille a grisom", answered: true, dates: []string{"1978-10-01"}},
	})
	runClass(t, chronology(t, "armoiriesaustralie"), []classCase{
		{q: "kan est-ce que édouard VII a donné ses premières armoiries à l'australie ?", answered: true},
	})
}

func TestAVerbOfPayingFramesAQuestionForASum(t *testing.T) {
	// "How much did Peel spend on American corn" of "Peel purchased £100,000 worth of maize",
	// "Nokia a payé combien pour Alcatel-Lucent" of "agreed to acquire Alcatel-Lucent for €15.6
	// billion": paying is how the question asks for the sum, not a deed the source must state.
	runClass(t, chronology(t, "irishfamine"), []classCase{
		{q: "how much did peel spend on american corn", answered: true, quote: "£100,000"},
	})
	runClass(t, chronology(t, "nokia"), []classCase{
		{q: "nokia a payé combien pour alcatel-lucent ?", answered: true, quote: "15.6 billion"},
	})
	// A cost the source writes as a noun is still found by it.
	runClass(t, chronology(t, "sydneyopera"), []classCase{
		{q: "how much did the opera house cost", answered: true, quote: "£3,500,000"},
	})
}

func TestACountedNounTheSourceCountsInOtherWordsIsNoAbsence(t *testing.T) {
	// "How many cannons" of "the 80 guns of Napoleon's grande batterie": the source counts the
	// thing under a word the lexicon relates to it. A related word it never counts is no such
	// proof ("followers" on Twitter, of a chronology that counts no one's followers).
	runClass(t, chronology(t, "waterloo"), []classCase{
		{q: "how many cannons did napoleon's big battery have", answered: true, quote: "80 guns"},
	})
	runClass(t, seed(t), []classCase{
		{q: "How many followers does Trump Jr. have on Twitter?", answered: false},
	})
}

func TestANameAfterQuiAndItsVerbIsTheObject(t *testing.T) {
	// "C qui qui a acheté Stonehenge": "qui" is who bought; Stonehenge, after the verb, is what
	// was bought, not an inverted subject whose deed the source must state ("qu'a répondu X").
	runClass(t, chronology(t, "stonehenge"), []classCase{
		{q: "c qui qui a acheté stonehenge aux enchères ?", answered: true, quote: "Cecil Chubb"},
	})
}

func TestWhoDidADeedToSomeoneIsAnsweredWhereTheDeedIsWrittenOfThem(t *testing.T) {
	// "Who founded True Pundit": the event about a True Pundit story names "WikiLeaks founder
	// Julian Assange", the founder of something else. A deed done to someone named must stand a
	// few words from their name; "James Scobie is murdered" answers who killed him.
	runClass(t, seed(t), []classCase{
		{q: "who founded True Pundit?", answered: false, words: "names no one"},
	})
	runClass(t, chronology(t, "eureka"), []classCase{
		{q: "who killed james scobie", answered: true, quote: "James Scobie"},
	})
}

func TestAMealOrAnHourPlacesADatedQuestionInTheDay(t *testing.T) {
	// "Ya koi le mardi 8 nov 2016 vers l'heure du dîner": the meal and the hour say when in the
	// day, as "in the evening" does; they are no topic the source lacks.
	runClass(t, seed(t), []classCase{
		{q: "ya koi le mardi 8 nov 2016 vers l'heure du dîner", answered: true, dates: []string{"2016-11-08"}},
	})
	runClass(t, chronology(t, "waterloo"), []classCase{
		{q: "il s'est passé koi à l'heure du déjeuner le 18 juin 1815", answered: true, dates: []string{"1815-06-18"}},
	})
}

func TestAWhyAnswerQuotesTheCauseRightBeforeAResult(t *testing.T) {
	// "As a result, the last part of the corps left at 10:00": a passage opening on a result
	// follows its cause in the source ("a fire broke out in Wavre"), quoted with it.
	runClass(t, chronology(t, "waterloo"), []classCase{
		{q: "why did bulow's corps take so long to get out of wavre", answered: true, quote: "a fire broke out in Wavre"},
	})
	runClass(t, chronology(t, "nirvana"), []classCase{
		{q: "why did fans think the band's vision would be compromised", answered: true, quote: "stories ran in the Chicago Tribune"},
	})
}

func TestAWordOfTheAskersLanguageAlsoFindsEventsByItsTranslations(t *testing.T) {
	// "C'était quand le début de la construction de l'arche ?" of an English source whose French
	// summaries write "début" only of another event: asked in another language than the source's,
	// a word the timeline has still finds the events its translations are in ("began").
	runClass(t, chronology(t, "harbourbridge"), []classCase{
		{q: "c'était quand le début de la construction de l'arche ?", answered: true, quote: "Arch construction itself began"},
	})
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "est-ce que fleming a fait la guerre 14-18 ?", answered: true, quote: "served throughout World War I"},
	})
}

func TestAFrenchTuEsIsNoActorsInitials(t *testing.T) {
	// "Kan es que Lenon a été tué": "es" is the chat spelling of "est-ce", a function word, not
	// the initials of The Ed Sullivan Show (nor Nintendo's ES); a misspelt subject before the verb
	// ("nintedo a acheté Mobiclip") makes the name after it the object.
	runClass(t, chronology(t, "beatles"), []classCase{
		{q: "kan es que lenon a été tué", answered: true, dates: []string{"1980-12"}},
	})
	runClass(t, chronology(t, "nintendo"), []classCase{
		{q: "kan es ke nintedo a acheté mobiclip", answered: true, dates: []string{"2012-02"}},
	})
}

func TestAnAgeIsTheYearsFromABirth(t *testing.T) {
	// "How old was he when he died": the years between the person's birth and the event; with no
	// birth in the source the age is not given, whatever else it tells of them.
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "how old was he when he died", answered: true, words: "73 years"},
	})
	runClass(t, chronology(t, "mariecurie"), []classCase{
		{q: "elle avait quel âge quand elle est morte ?", answered: true, words: "66 ans"},
	})
	runClass(t, seed(t), []classCase{
		{q: "don jr avait quel âge quand WL l'a contacté", answered: false, words: "naissance"},
	})
}

// The chronology's own subject says nothing of which event is first or last: "the earliest event
// you got on Tesla" is Tesla's chronology's first event, but Donald Trump is not the subject of
// "WikiLeaks' private messages to Donald Trump Jr.".
func TestTheFirstEventOnTheChronologysSubjectIsItsFirstEvent(t *testing.T) {
	runClass(t, chronology(t, "tesla"), []classCase{
		{q: "whats the earliest event u got on tesla", answered: true, dates: []string{"1856"}},
	})
	runClass(t, chronology(t, "pasteur"), []classCase{
		{q: "whats the earliest event u got", answered: true, dates: []string{"1822-12-27"}},
	})
	runClass(t, chronology(t, "cubacrisis"), []classCase{
		{q: "what's the very last event u got", answered: true, dates: []string{"1963-04-24"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "first time trump senior himself does smth in the timeline", answered: true, dates: []string{"2016-10-10"}},
	})
}

// A "why" that puts the deed somewhere the events it is about never name is refused: the place
// is a premise ("mort à Lille" of a death near Paris). A place they do name is answered.
func TestAWhyPlacedWhereTheSourceDoesNotPlaceItIsRefused(t *testing.T) {
	runClass(t, chronology(t, "pasteur"), []classCase{
		{q: "pourquoi pasteur est mort a lille en 1895 ?", answered: false, words: "ne situe pas cela à « lille »"},
	})
	runClass(t, chronology(t, "beatles"), []classCase{
		{q: "why was lennon killed in london", answered: false, words: "does not place that in “london”"},
		{q: "why did the beatles go to hamburg", answered: true},
	})
	runClass(t, chronology(t, "apollo11"), []classCase{
		{q: "why did columbia splash down in the atlantic", answered: false, words: "Pacific"},
	})
	runClass(t, chronology(t, "tesla"), []classCase{
		{q: "why did tesla move to colorado springs", answered: true, quote: "Colorado Springs"},
	})
	// Names are no places: "à Don Jr", "à WL".
	runClass(t, seed(t), []classCase{
		{q: "Pourquoi WL a écrit 'Wow' à Don Jr ?", answered: true, dates: []string{"2016-11-09"}},
	})
}

func TestAWhenQuestionQuotesThePassageThatWritesTheEventsDay(t *testing.T) {
	// The date is the answer: the passage that writes it comes first, though another matches the
	// question's words better; the best match is still quoted after it.
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "when did fleming see the mould growing on his culture plate", answered: true, dates: []string{"1928-09-03"}, first: "On 3 September 1928", maxQuote: 3},
	})
	runClass(t, chronology(t, "drapeauaustralie"), []classCase{
		{q: "c quel jour que la reine a signé le flags act", answered: true, dates: []string{"1954-02-14"}, first: "le 14 février 1954", maxQuote: 3},
	})
	// Of several events on the day, each quotes the passage that writes it, when it has one.
	runClass(t, chronology(t, "harbourbridge"), []classCase{
		{q: "wen was the coathanger officially opened", answered: true, dates: []string{"1932-03-19"}, quote: "formally opened on Saturday, 19 March 1932"},
	})
	runClass(t, chronology(t, "netscape"), []classCase{
		{q: "l'achat de netscape par aol a été finalisé quel jour exactement", answered: true, quote: "closed on March 17, 1999"},
	})
	// A passage that already writes the day is not quoted twice.
	runClass(t, chronology(t, "lewisclark"), []classCase{
		{q: "when did the expedition leave camp dubois", answered: true, dates: []string{"1804-05-14"}, first: "on May 14, 1804", maxQuote: 1},
	})
}

func TestAWhoQuestionQuotesThePassageThatNamesSomeoneNotAsked(t *testing.T) {
	runClass(t, chronology(t, "berlinwall"), []classCase{
		{q: "who opened the first gate on the night the wall fell", answered: true, quote: "Harald Jäger"},
	})
	runClass(t, chronology(t, "pasteur"), []classCase{
		{q: "c qui qui a eu l'idée de l'expérience de pouilly le fort", answered: true, quote: "Hippolyte Rossignol"},
	})
	// The chronology's own subject is no answer to "who": the railway does not drive its train.
	runClass(t, chronology(t, "cleethorpes"), []classCase{
		{q: "who was driving the first steam train back in 48", answered: false},
	})
}

func TestACountInAListOfEventsQuotesThePassageWithAFigure(t *testing.T) {
	runClass(t, chronology(t, "exxonvaldez"), []classCase{
		{q: "how many sea otters were killed", answered: true, quote: "2,800 sea otters"},
	})
}

func TestAWindowAfterOrBeforeANamedDayListsItsEvents(t *testing.T) {
	// "In the N units after X" is the period from X for that length, also when X is a day the
	// timeline names (an anchor), and "leading up to", "qui précèdent" say "before".
	runClass(t, seed(t), []classCase{
		{q: "what happened in the 3 months after the election", answered: true, dates: []string{"2016-11-09", "2016-12-16"}},
		{q: "ds les 6 mois après l'élection ya eu koi", answered: true, dates: []string{"2016-11-09", "2016-12-16"}},
		{q: "wat happened in the 2 weeks leading up to WL asking for the tax returns", answered: true, dates: []string{"2016-10-12", "2016-10-14"}},
		{q: "qu'est-ce qui s'est passé dans les 2 semaines qui précèdent l'élection", answered: false, words: "aucun événement entre le 25 octobre 2016 et le 7 novembre 2016"},
	})
	runClass(t, chronology(t, "apollo13"), []classCase{
		{q: "what happened in the 3 days leading up to splashdown", answered: true, words: "between 14 April 1970 and 16 April 1970"},
		{q: "what happened in the 2 days after the explosion", answered: true, words: "between 14 April 1970 and 15 April 1970"},
	})
}

func TestAQuestionOpeningOnTheDateAsksWhen(t *testing.T) {
	// "exact date …", "la date exacte de …": the date is what is asked, as "what date" asks it;
	// "exact" is no topic the source must name.
	runClass(t, chronology(t, "apple"), []classCase{
		{q: "exact date apple went public??", answered: true, dates: []string{"1980-12-12"}},
		{q: "la date exacte de l'ipo d'apple stp", answered: true, dates: []string{"1980-12-12"}},
	})
	runClass(t, chronology(t, "sony"), []classCase{
		{q: "date exacte du lancement de la ps4 stp", answered: true, dates: []string{"2013-11-15"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "exact date of the first DM pls", answered: true, dates: []string{"2016-09-20"}},
	})
}

func TestTwoSidesThenHowManyDaysApartIsAnInterval(t *testing.T) {
	runClass(t, chronology(t, "apollo13"), []classCase{
		{q: "the launch and the splashdown, how many days apart", answered: true, words: "6 days"},
	})
	runClass(t, chronology(t, "sony"), []classCase{
		{q: "the ps4 launch and the vaio sale, how many days apart were they", answered: true, words: "81 days"},
	})
	runClass(t, seed(t), []classCase{
		{q: "le 'wow' et l'article de the atlantic, ya cb de jours d'écart", answered: true, words: "369 jours"},
	})
}

func TestAWhoWhoseBestEventNamesNoOneIsAnsweredByTheNextThatDoes(t *testing.T) {
	// The patent's summary says telegraphy "taught" Edison the basics and names no one; the
	// station agent who "trained Edison as a telegraph operator" is the answer.
	runClass(t, chronology(t, "edison"), []classCase{
		{q: "who taught edison to be a telegraph operator", answered: true, quote: "J. U. MacKenzie"},
	})
	// No event the question finds nearly as well names anyone: still refused.
	runClass(t, chronology(t, "hooverdam"), []classCase{
		{q: "who poured the first concrete in june 1933", answered: false, words: "names no one"},
	})
	runClass(t, chronology(t, "greatplague"), []classCase{
		{q: "who dug the plague pits in july 1665", answered: false, words: "names no one"},
	})
}

func TestTheActorRightAfterTheVerbIsItsObjectNotItsDoer(t *testing.T) {
	// "members of the Royal Society accused Leibniz": Leibniz accused no one.
	runClass(t, chronology(t, "newton"), []classCase{
		{q: "pourquoi leibniz a accusé newton de plagiat", answered: false, words: "Leibniz"},
		{q: "why did the royal society accuse leibniz of plagiarism", answered: true, dates: []string{"1699"}},
	})
	// "the US paid Colombia $25 million": Colombia paid nothing.
	runClass(t, chronology(t, "panamacanal"), []classCase{
		{q: "why did colombia pay panama 25 million in 1921", answered: false, words: "does not say that Colombia did that"},
		{q: "why did the us pay colombia 25 million in 1921", answered: true, dates: []string{"1921"}},
	})
}

func TestAWhyAboutTheSubjectByItsFamilyNameTakesTheDeedAsGiven(t *testing.T) {
	// "edison" is Thomas Edison of his chronology, though Mary Edison shares the name: the deed
	// the "why" gives him must be one the source tells.
	runClass(t, chronology(t, "edison"), []classCase{
		{q: "why did edison divorce mary stilwell", answered: false, words: "does not say that Thomas Edison did that"},
		{q: "why did edison marry mary stilwell", answered: true, dates: []string{"1871-12-25"}},
	})
	runClass(t, chronology(t, "tesla"), []classCase{
		{q: "pourquoi tesla a refusé la nationalité américaine en 1891 ?", answered: false},
		{q: "why did tesla move to colorado springs", answered: true, quote: "Colorado Springs"},
	})
}

func TestAnOrdinalInFiguresFindsTheOrdinalTheSourceWritesInWords(t *testing.T) {
	runClass(t, chronology(t, "beethoven"), []classCase{
		{q: "wat day did the 9th symphony premiere", answered: true, dates: []string{"1824-05-07"}},
	})
	runClass(t, chronology(t, "fetefederation"), []classCase{
		{q: "est-ce que la 2e fédération a été aussi enthousiaste que la 1ere ?", answered: true, dates: []string{"1792-07-14"}},
	})
	// An ordinal by a month is a day: "the 12th of October", "oct 12th".
	runClass(t, seed(t), []classCase{
		{q: "what did WL send on the 12th of october 2016", answered: true, dates: []string{"2016-10-12"}},
		{q: "what did WL send on oct 12th 2016", answered: true, dates: []string{"2016-10-12"}},
	})
}

func TestAWordTheSourceSaysInOtherWordsIsNoAbsentTopic(t *testing.T) {
	// "brûlée" of "the execution by burning", "buter" of "killed", "instauré" of "instituted":
	// the source mentions what the question asks, in its words.
	runClass(t, chronology(t, "joanofarc"), []classCase{
		{q: "elle a été brûlée quel jour exactement ?", answered: true, dates: []string{"1431-05-30"}},
	})
	runClass(t, chronology(t, "austrasie"), []classCase{
		{q: "ki a fait buter otto", answered: true},
	})
	runClass(t, chronology(t, "drapeauaustralie"), []classCase{
		{q: "qui a instauré le jour du drapeau en 96", answered: true},
	})
	// A word the source has nothing like stays absent.
	runClass(t, chronology(t, "tesla"), []classCase{
		{q: "what was tesla's favourite dessert", answered: false, words: "does not mention"},
	})
	runClass(t, seed(t), []classCase{
		{q: "How many followers does Trump Jr. have on Twitter?", answered: false, words: "followers"},
	})
}

func TestAWhyNamingSomeoneTheEventNeverNamesIsAFalsePremise(t *testing.T) {
	runClass(t, chronology(t, "microsoft"), []classCase{
		{q: "why did gates hand the ceo job to paul allen in 2000", answered: false, words: "does not name Paul Allen"},
		{q: "why did gates hand the ceo job to ballmer in 2000", answered: true, dates: []string{"2000-01-13"}},
	})
	runClass(t, chronology(t, "greatauk"), []classCase{
		{q: "pourquoi aaron thomas a tué le dernier grand pingouin de saint-kilda ?", answered: false, words: "ne nomme pas Aaron Thomas"},
	})
	runClass(t, chronology(t, "apollo11"), []classCase{
		{q: "when did obama give the three astronauts the presidential medal of freedom", answered: false, words: "Obama"},
	})
	// A common noun that stands for an actor ("the band") is no name the event must write.
	runClass(t, chronology(t, "beatles"), []classCase{
		{q: "why did lennon leave the band", answered: true},
	})
}

func TestSurlendemainAndAvantVeilleAreTwoDaysAway(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "le surlendemain du meeting où trump dit aimer WL, WL écrit koi", answered: true, dates: []string{"2016-10-12"}},
		{q: "l'avant-veille de l'élection ya eu koi", answered: false, words: "6 novembre 2016"},
	})
	runClass(t, chronology(t, "apollo13"), []classCase{
		{q: "le surlendemain du lancement il s'est passé quoi", answered: true, dates: []string{"1970-04-13"}},
	})
}

func TestWhatTheChronologysSubjectDidInAPeriodListsThePeriod(t *testing.T) {
	runClass(t, chronology(t, "newton"), []classCase{
		{q: "what did newton get up to between 1696 and 1701", answered: true, words: "5 events"},
		// Someone else named narrows the period to what they did.
		{q: "what did halley do between 1680 and 1690", answered: true},
	})
	runClass(t, chronology(t, "mariecurie"), []classCase{
		{q: "what did marie curie get up to in 1903", answered: true, words: "2 events in 1903"},
	})
	// Saying something is no deed: the question asks what was said.
	runClass(t, seed(t), []classCase{
		{q: "De quoi Don Jr a dit qu'ils avaient parlé pendant la rencontre de juin 2016 ?", answered: true, dates: []string{"2017-07-11"}},
	})
}

func TestARelativeClauseMovesFromWhatItsSubjectDid(t *testing.T) {
	// "Newton died": Newton's death, not Leibniz's, whose shorter event writes "died" and "Newton".
	runClass(t, chronology(t, "newton"), []classCase{
		{q: "what got published the year after newton died", answered: true, dates: []string{"1728"}},
	})
	// A family name the subject shares is the subject's: "Tesla" is Nikola, not his father.
	runClass(t, chronology(t, "tesla"), []classCase{
		{q: "what went down 2 days after tesla died", answered: true, dates: []string{"1943-01-09"}},
	})
	// Someone acted upon is no doer: the clause still names the event it describes.
	runClass(t, chronology(t, "waterloo"), []classCase{
		{q: "4 days after napoleon got declared an outlaw what did the big powers do", answered: true},
	})
}

func TestACountedNounTheSourceCountsInWordsIsNotAbsent(t *testing.T) {
	runClass(t, chronology(t, "pasteur"), []classCase{
		{q: "how many kids did pasteur and marie have", answered: true, quote: "five children"},
	})
	runClass(t, seed(t), []classCase{
		{q: "How many followers does Trump Jr. have on Twitter?", answered: false, words: "followers"},
	})
}

func TestTheSubjectsOwnDeedIsWhereTheSourceWritesThemDoingIt(t *testing.T) {
	// "Beethoven died" under his death, not the song "An die Hoffnung", whose German title
	// scores "die" higher.
	runClass(t, chronology(t, "beethoven"), []classCase{
		{q: "when did beethoven die", answered: true, dates: []string{"1827-03-26"}},
	})
	// "Kepler was born", not his children's "born in 1621".
	runClass(t, chronology(t, "kepler"), []classCase{
		{q: "where was kepler born", answered: true, dates: []string{"1571-12-27"}},
	})
	// Nor is the family name of a son, a mother or a wife ('"Willie" Lincoln was born', "Nancy
	// Lincoln dies", "Mary Edison died"); an adverb is not the deed.
	runClass(t, chronology(t, "lincoln"), []classCase{
		{q: "wat day was lincoln born", answered: true, dates: []string{"1809-02-12"}},
		{q: "where did lincoln actually die", answered: true, dates: []string{"1865-04-15"}},
	})
	runClass(t, chronology(t, "edison"), []classCase{
		{q: "which day did edison die exactly", answered: true, dates: []string{"1931-10-18"}},
	})
	// A deed done to something else is no answer ("Apple buys Akonia" for Beats); a noun after a
	// name ("a Supreme Court ruling") is no deed.
	runClass(t, chronology(t, "apple"), []classCase{
		{q: "qd est ce que apple a acheter beats", answered: true, dates: []string{"2014-05"}},
	})
	runClass(t, chronology(t, "exxonvaldez"), []classCase{
		{q: "what date did the supreme court rule on the damages", answered: true, words: "25 June 2008"},
	})
}

func TestAYesNoQuotesFirstThePassageThatSaysItWasNotSo(t *testing.T) {
	runClass(t, chronology(t, "cubacrisis"), []classCase{
		{q: "did zorin ever admit the missiles were there at the un?", answered: true, first: "Zorin refused to answer"},
	})
	runClass(t, chronology(t, "drapeauaustralie"), []classCase{
		{q: "le drapeau du centenaire c une copie exacte de l'original?", answered: true, first: "n'était pas une réplique"},
	})
	runClass(t, chronology(t, "einstein"), []classCase{
		{q: "did einstein accept when israel offered him the presidency", answered: true, first: "Einstein declined", maxQuote: 2},
	})
}

func TestAPassiveQuestionIsAnsweredWhereTheSourceWritesTheDeedDoneToTheSubject(t *testing.T) {
	// "Booth shoots Lincoln" answers "when was lincoln shot", not Booth shot twelve days later.
	runClass(t, chronology(t, "lincoln"), []classCase{
		{q: "when was lincoln shot", answered: true, dates: []string{"1865-04-14"}},
		{q: "what happened the day after lincoln got shot", answered: true, dates: []string{"1865-04-15"}},
	})
	runClass(t, chronology(t, "joanofarc"), []classCase{
		{q: "when was joan captured", answered: true, dates: []string{"1430-05-23"}},
	})
	runClass(t, chronology(t, "waterloo"), []classCase{
		{q: "when was napoleon exiled", answered: true, dates: []string{"1821"}},
	})
}

func TestTheMonthAfterAnEventIsTheCalendarsNextMonth(t *testing.T) {
	// Nothing exactly 30 days after 6 November 1860: the month after is December's secession.
	runClass(t, chronology(t, "lincoln"), []classCase{
		{q: "le mois d'après son élection en 1860 il s'est passé quoi", answered: true, dates: []string{"1860-12-20"}},
	})
	runClass(t, chronology(t, "edison"), []classCase{
		{q: "what happened the year after edison died", answered: false, words: "no event in 1932"},
	})
	// A family name over its particle is someone else's: "Kaspar van Beethoven" did not die in 1827.
	runClass(t, chronology(t, "beethoven"), []classCase{
		{q: "what happened the month after beethoven died", answered: false, words: "April 1827"},
	})
}

func TestARefusalDeniesWhatIsRefused(t *testing.T) {
	// "After refusing to convert to Catholicism": no, he did not convert; a "why" that says he did
	// is a false premise.
	runClass(t, chronology(t, "kepler"), []classCase{
		{q: "did kepler convert to catholicism", answered: true, words: "No, according to the source"},
		{q: "est-ce que kepler s'est converti au catholicisme", answered: true, words: "Non, d'après la source"},
	})
	runClass(t, chronology(t, "cubacrisis"), []classCase{
		{q: "did zorin answer the question at the un", answered: true, words: "No, according to the source"},
	})
}

func TestWhatWentOnInAPeriodListsThePeriod(t *testing.T) {
	// "What went on" is "what happened", not the lexicon's "go on" (continue, persist).
	runClass(t, chronology(t, "frenchrev"), []classCase{
		{q: "wat went on in sept 1792", answered: true, words: "4 events in September 1792"},
	})
	runClass(t, chronology(t, "newton"), []classCase{
		{q: "what was going on in 1696", answered: true, words: "One event in 1696"},
	})
}

func TestNDaysOnFromXIsNDaysAfterX(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "36 days on from the true pundit ask, wat was WL's msg to don jr", answered: true, dates: []string{"2016-11-08"}},
	})
	runClass(t, chronology(t, "apollo11"), []classCase{
		{q: "4 days on from the launch what happened", answered: true, dates: []string{"1969-07-20"}},
	})
}

func TestAWhyOverAPeriodIsAnsweredByItsOneEventNotAList(t *testing.T) {
	runClass(t, chronology(t, "microsoft"), []classCase{
		{q: "pk l'ue a encore mis une amende a microsoft en 2008", answered: true, dates: []string{"2008-02-27"}},
	})
	runClass(t, chronology(t, "newton"), []classCase{
		{q: "why did newton move to london in 1696", answered: true, dates: []string{"1696"}, words: "In 1696: "},
	})
	runClass(t, chronology(t, "beatles"), []classCase{
		{q: "why did the beatles stop touring in 1966", answered: true, words: "On 29 August 1966: "},
	})
}

func TestALengthEitherSideOfXListsBothSides(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "wat all happened in the 3 weeks either side of election day", answered: true,
			dates: []string{"2016-10-21", "2016-11-08", "2016-11-09"}, words: "between 18 October 2016 and 29 November 2016"},
	})
	runClass(t, chronology(t, "apollo11"), []classCase{
		{q: "what happened in the 3 days either side of the landing", answered: true, words: "between 17 July 1969 and 23 July 1969"},
	})
}

func TestARelativeAskedOfTheSubjectAsksNothingMoreOfTheEvent(t *testing.T) {
	// "What did leonardo do": every event is Leonardo's; the year after his flight is 1500's.
	runClass(t, chronology(t, "davinci"), []classCase{
		{q: "what did leonardo do the year after he fled to venice", answered: true, dates: []string{"1500"}},
	})
	runClass(t, chronology(t, "newton"), []classCase{
		{q: "what did newton do the year after the principia was published", answered: false, words: "no event in 1688"},
	})
}

func TestHowManyMonthsWasXAsksALengthNotACountOfEvents(t *testing.T) {
	runClass(t, chronology(t, "kepler"), []classCase{
		{q: "how many months was kepler's mom in prison", answered: true, quote: "imprisoned for fourteen months"},
	})
	tl := chronology(t, "turing")
	if a := ask(tl, "how many years was turing at bletchley"); strings.Contains(a.Text, "different dates") {
		t.Errorf("a length was answered with a count of events:\n%s", a.Text)
	}
}

func TestAWhereQuotesThePassageThatNamesThePlace(t *testing.T) {
	// "Lincoln died at 7:22 am" matches best; "taken across the street to Petersen House" says where.
	runClass(t, chronology(t, "lincoln"), []classCase{
		{q: "where did lincoln actually die", answered: true, first: "Petersen House", maxQuote: 3},
	})
	// A "where" that is no place keeps the passages that answer it.
	runClass(t, seed(t), []classCase{
		{q: "where did WL want the goldstone mails to come out instead of the regular press?", answered: true, quote: "si les mails étaient publiés via leur site web", maxQuote: 3},
	})
}

func TestANegationByAnotherIsNoAnswerToWhetherTheSubjectDidIt(t *testing.T) {
	// "Trump a plusieurs fois refusé de publier": Trump refused, not WikiLeaks; the passage that
	// says what WikiLeaks asked stays quoted.
	runClass(t, seed(t), []classCase{
		{q: "le 21 oct WL a demandé à don jr de leur filer des infos compromettantes sur clinton ?", answered: true, quote: "paraître négative envers la campagne de Trump"},
	})
	runClass(t, chronology(t, "cubacrisis"), []classCase{
		{q: "did zorin ever admit the missiles were there at the un?", answered: true, first: "Zorin refused to answer"},
	})
}

func TestCameOutStaysThePhraseTheSourceWrites(t *testing.T) {
	// "When it came out" is matched as the summary writes it ("The Misfits comes out"); read as
	// "published" it weighed less than the words it replaced and the question went unanswered.
	runClass(t, chronology(t, "monroe"), []classCase{
		{q: "did the misfits do well at the box office when it came out", answered: true, quote: "failed at the box office"},
	})
	runClass(t, seed(t), []classCase{
		{q: "did the atlantic story come out b4 the 2016 vote", answered: true},
	})
}

func TestTheFirstOfSeveralThingsIsAmongTheEventsAboutThemAll(t *testing.T) {
	// "The first concert in Paris" is the first of the events about a concert in Paris, not the
	// first concert anywhere; an event that calls itself the first of what is asked still
	// answers ("their first US concert"), though others share more of the question's words.
	runClass(t, chronology(t, "chopin"), []classCase{
		{q: "when was chopins 1st ever concert in paris", answered: true, dates: []string{"1832-02-25"}, words: "1832"},
	})
	runClass(t, chronology(t, "louvre"), []classCase{
		{q: "when did the louvre first open as a museum", answered: true, dates: []string{"1793-08-10"}, words: "1793"},
	})
	runClass(t, chronology(t, "kepler"), []classCase{
		{q: "where did kepler n tycho first meet up", answered: true, dates: []string{"1600-02-04"}, quote: "Benátky"},
	})
	runClass(t, chronology(t, "beatles"), []classCase{
		{q: "where did they play their very first concert in the us", answered: true, dates: []string{"1964-02-11"}, quote: "first US concert"},
	})
}

func TestWhyQuotesTheReasonAPassageOfConsequenceFollows(t *testing.T) {
	// "He therefore arranged a discreet marriage in Mexico", "Hence the museum remained
	// incomplete": the passage that matches says it follows from the one before, which holds the
	// reason and is quoted first.
	runClass(t, chronology(t, "chaplin"), []classCase{
		{q: "why did chaplin get married in mexico", answered: true, dates: []string{"1924-11-25"},
			first: "statutory rape", quote: "discreet marriage in Mexico", maxQuote: 3},
	})
	runClass(t, chronology(t, "louvre"), []classCase{
		{q: "why was the louvre still unfinished at the revolution", answered: true, dates: []string{"1776"},
			first: "none was agreed on", quote: "remained incomplete", maxQuote: 3},
	})
	runClass(t, chronology(t, "berlinwall"), []classCase{
		// "Thus" after the passage that matches best already: it stands as it is.
		{q: "why could east germans travel more freely than westerners for a few weeks", answered: true,
			dates: []string{"1989-12-23"}, first: "restrictive conditions", maxQuote: 3},
	})
}

func TestADeedTheSourceGivesToSomeoneElseByNameIsNoPremiseOfTheSubject(t *testing.T) {
	// "Tillie's Punctured Romance, directed by Sennett", "the Belvedere, designed by Donato
	// Bramante": the event is about the subject, the deed is someone else's.
	runClass(t, chronology(t, "chaplin"), []classCase{
		{q: "why did chaplin direct tillies punctured romance", answered: false, words: "does not say that Charlie Chaplin did that"},
		{q: "why did sennett direct tillie's punctured romance", answered: true, dates: []string{"1914-11"}, quote: "directed by Sennett"},
	})
	runClass(t, chronology(t, "chopin"), []classCase{
		{q: "why did chopin organize the concert with liszt in 1833", answered: false, words: "does not say that"},
	})
	runClass(t, chronology(t, "davinci"), []classCase{
		{q: "why did leonardo design the belvedere", answered: false, words: "does not say that Leonardo da Vinci did that"},
	})
	runClass(t, chronology(t, "monroe"), []classCase{
		{q: "why did marilyn direct something's got to give", answered: false, words: "does not say that Marilyn Monroe did that"},
	})
}

func TestAPronounWithNoOneNamedIsTheSubjectOfALifesChronology(t *testing.T) {
	// "Where was he born" of Lincoln's life is Lincoln's birth, not his son Eddie's; "when did he
	// die" of Chopin's is his death, not a complaint that doctors had called him dead.
	runClass(t, chronology(t, "lincoln"), []classCase{
		{q: "where was he born", answered: true, dates: []string{"1809-02-12"}, quote: "log cabin"},
	})
	runClass(t, chronology(t, "chopin"), []classCase{
		{q: "when did he die", answered: true, dates: []string{"1849-10-17"}, words: "17 October 1849"},
	})
	runClass(t, chronology(t, "mariecurie"), []classCase{
		{q: "where did she die", answered: true, dates: []string{"1934-07-04"}, quote: "Sancellemoz"},
	})
}

func TestADayOffsetCountsFromAnEventDatedToTheDay(t *testing.T) {
	// "The day after Lafayette showed up at Monticello": his arrival on 4 November 1824, not his
	// departure that month, which matches as well but cannot be counted from by days.
	runClass(t, chronology(t, "jefferson"), []classCase{
		{q: "what happened the day after lafayette showed up at monticello", answered: true, dates: []string{"1824-11-05"}, words: "5 November 1824"},
	})
	runClass(t, chronology(t, "skylab"), []classCase{
		{q: "what was nasa predicting a week before skylab fell", answered: true, dates: []string{"1979-07-04"}, quote: "NASA forecast"},
	})
}

func TestACompoundOffsetFromAnEventIsOneCount(t *testing.T) {
	runClass(t, seed(t), []classCase{
		{q: "3 semaines et 1 jour après le msg sur putintrump.org, WL écrit koi à don jr", answered: true, dates: []string{"2016-10-12"}},
		{q: "one year and two months after the first dm what happened", answered: true, dates: []string{"2017-11-13"}},
	})
	runClass(t, chronology(t, "lincoln"), []classCase{
		{q: "what happened two weeks and three days after lincoln was shot", answered: false, words: "nothing about 1 May 1865"},
	})
}

func TestAPassageThatSaysForTheFirstTimeIsTheFirst(t *testing.T) {
	// "The song is heard in public for the first time": the first of its kind, though another
	// event shares more of the question's words ("public performance … to sing the anthem").
	runClass(t, chronology(t, "marseillaise"), []classCase{
		{q: "where was it first sung in public?", answered: true, dates: []string{"1792-04-29"}, quote: "pour la première fois"},
	})
	runClass(t, chronology(t, "beethoven"), []classCase{
		{q: "when did beethoven first go to vienna", answered: true, dates: []string{"1786-12"}, quote: "for the first time"},
	})
}

func TestOfTwoEventsThatWriteTheSubjectsDeedTheSubjectsOwnAnswers(t *testing.T) {
	// "John Adams dies the same day…, unaware that Jefferson died several hours earlier" tells
	// Jefferson's death in passing; "Thomas Jefferson dies at Monticello" is his own event.
	runClass(t, chronology(t, "jefferson"), []classCase{
		{q: "when did jefferson die", answered: true, dates: []string{"1826-07-04"}, words: "4 July 1826"},
		{q: "c quand que jefferson est mort exactement", answered: true, dates: []string{"1826-07-04"}, quote: "Jefferson died on July 4"},
	})
	runClass(t, chronology(t, "kepler"), []classCase{
		{q: "when did kepler die", answered: true, dates: []string{"1630-11-15"}, quote: "died on November 15, 1630"},
	})
}

func TestAWordForMoneyInAQuestionForASumIsNoTopic(t *testing.T) {
	// "How much cash": the source writes the sum as a figure ("$1.7 million"), not as "cash";
	// the word says what is asked, so its absence from the source is no reason to refuse.
	runClass(t, chronology(t, "statueofliberty"), []classCase{
		{q: "how much cash did the amex card promo bring in for the restoration", answered: true, dates: []string{"1983"}, quote: "$1.7 million"},
	})
	runClass(t, chronology(t, "louisianapurchase"), []classCase{
		{q: "how much cash did the us pay france", answered: true, quote: "$"},
	})
	runClass(t, chronology(t, "nokia"), []classCase{
		{q: "nokia a payé combien de fric pour alcatel", answered: true, dates: []string{"2015-04-15"}, quote: "€15.6 billion"},
	})
	// A sum the source does not give is still refused.
	runClass(t, chronology(t, "gandhi"), []classCase{
		{q: "how much cash did gandhi earn as a lawyer in bombay", answered: false},
	})
}

func TestAnEventCoveringTheWholeQuestionLeavesOutThoseCoveringLessThanHalf(t *testing.T) {
	// "When did Kaspar die": his death covers the question; his birth, which has his name only,
	// is no second answer however close it scores.
	runClass(t, chronology(t, "beethoven"), []classCase{
		{q: "when did kaspar die", answered: true, dates: []string{"1815-11-15"}, words: "15 November 1815"},
	})
	runClass(t, chronology(t, "kepler"), []classCase{
		{q: "who lent kepler the telescope he used for his optics stuff after galileo's discoveries", answered: true, quote: "Duke Ernest of Cologne"},
	})
}

func TestAnOwnerNamedInTheTitleBesideTheThingSupportsThePossessive(t *testing.T) {
	// "Egypt's share": the passage says "his 44% share" and the title "Isma'il Pasha sells
	// Egypt's 44% share"; the title ties the share to Egypt as a summary would.
	runClass(t, chronology(t, "suezcanal"), []classCase{
		{q: "how much did the uk pay for egypt's share in 1875", answered: true, dates: []string{"1875"}, quote: "£4,000,000"},
	})
	runClass(t, chronology(t, "beatles"), []classCase{
		{q: "when was maharishi's retreat", answered: true, dates: []string{"1967-08-25"}, quote: "Transcendental Meditation retreat"},
	})
	// The owner still has to be the one the source names: the share was never Britain's.
	runClass(t, chronology(t, "suezcanal"), []classCase{
		{q: "when did isma'il pasha buy britain's share", answered: false},
	})
}

func TestAWeekdayBesideTheDateAskedIsNoTopic(t *testing.T) {
	// "16 july 1969, the wednesday": the weekday restates the date; a source that never writes
	// "Wednesday" still has what happened that day.
	runClass(t, chronology(t, "apollo11"), []classCase{
		{q: "on 16 july 1969, the wednesday, what happened", answered: true, dates: []string{"1969-07-16"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "wat happened on the 14th day of oct 2016, the friday", answered: true, dates: []string{"2016-10-14"}},
	})
	// With no date, a weekday alone is still a topic the source may lack.
	runClass(t, chronology(t, "apollo11"), []classCase{
		{q: "what did aldrin do on wednesdays", answered: false},
	})
}

func TestAYesNoQuestionOnTheDayOfTheWeekIsAnsweredByTheDate(t *testing.T) {
	// "Was Lincoln shot on a Friday": the date the source gives says which day it was; the day is
	// no word to look for in the passages.
	runClass(t, chronology(t, "lincoln"), []classCase{
		{q: "was lincoln shot on a friday", answered: true, dates: []string{"1865-04-14"}, words: "Yes: a Friday. On Friday 14 April 1865"},
		{q: "was lincoln born on a monday", answered: true, dates: []string{"1809-02-12"}, words: "No: a Sunday."},
	})
	runClass(t, chronology(t, "waterloo"), []classCase{
		{q: "la bataille de waterloo a eu lieu un dimanche ?", answered: true, dates: []string{"1815-06-18"}, words: "Oui : un dimanche. Le dimanche 18 juin 1815"},
	})
	runClass(t, seed(t), []classCase{
		{q: "did WL ask for trump's tax returns on a friday", answered: true, dates: []string{"2016-10-21"}, words: "Yes: a Friday."},
		{q: "le message de WL sur wlsearch.tk, c'était un samedi ?", answered: true, dates: []string{"2016-10-12"}, words: "Non : un mercredi."},
		// "The Wednesday leak" is a thing, not the day the question asks about.
		{q: "why was don jr asking WL about a 'wednesday leak'?", answered: true, words: "• On 3 October 2016:"},
	})
}

func TestADateInParenthesesStandsForThePhraseItGlosses(t *testing.T) {
	// "After the inauguration (march 1861)": the asker's date is what the source is searched by;
	// "inauguration" left in finds Lincoln's second one, and "last" in "the last debate" would
	// read as an order.
	runClass(t, chronology(t, "lincoln"), []classCase{
		{q: "after the inauguration (march 1861), what was the first thing", answered: true, dates: []string{"1861-04-12"}},
	})
	runClass(t, seed(t), []classCase{
		{q: "after the last debate (oct 19 '16), wats the 1st dm WL sent don jr", answered: true, dates: []string{"2016-10-21"}},
		{q: "everything b/w the 1st n the last debates (sept 26 → oct 19 '16)", answered: true, words: "between 26 September 2016 and 19 October 2016"},
		{q: "entre l'élection et l'investiture de trump (20/01/17), WL a envoyé koi au fiston ? liste", answered: true, words: "entre le 8 novembre 2016 et le 20 janvier 2017"},
	})
}

func TestWhoIsAnsweredByThePassageThatNamesSomeoneElseAmongEquals(t *testing.T) {
	// Three passages match "who proposed to austen" as well; the one that names her suitor
	// answers "who".
	runClass(t, chronology(t, "austen"), []classCase{
		{q: "who proposed to austen", answered: true, quote: "Bigg-Wither proposed and Austen accepted."},
	})
	runClass(t, chronology(t, "fleming"), []classCase{
		{q: "who did fleming show the contaminated plate to", answered: true, quote: "Merlin Price"},
	})
}

func TestADeedTheSourceSaysTheOppositeOfIsRefused(t *testing.T) {
	// "Why did Edison turn down the offer" of "which he gratefully accepted": the source says the
	// opposite (lexicon/opposites.txt), and never the deed itself.
	runClass(t, chronology(t, "edison"), []classCase{
		{q: "why did edison turn down western union's $10,000 offer", answered: false, words: "does not say “turn down”: it says the opposite"},
		{q: "why did edison accept western union's offer", answered: true, quote: "gratefully accepted"},
	})
	runClass(t, chronology(t, "marseillaise"), []classCase{
		{q: "pourquoi la marseillaise a été retirée de la constitution en 1958", answered: false, words: "ne dit pas « retirée » : elle dit le contraire"},
	})
	runClass(t, chronology(t, "austrasie"), []classCase{
		{q: "why did pepin of herstal lose the battle of tertry", answered: false, words: "it says the opposite"},
		{q: "why did pepin of herstal win the battle of tertry", answered: true},
	})
	runClass(t, chronology(t, "gandhi"), []classCase{
		{q: "why did gandhi support the rowlatt act", answered: false, words: "it says the opposite"},
	})
	// The question's own negation is no premise to contradict.
	runClass(t, mozilla(t), []classCase{
		{q: "y didnt they just keep the name firebird", answered: true},
	})
}

func TestAFigureBesideTheQuestionsVerbCountsWhatItSaysOf(t *testing.T) {
	// "How many deputies voted to execute the king" of "361 voted to execute the king": the
	// figure counts those who voted, though the source names no deputies beside it.
	runClass(t, chronology(t, "frenchrev"), []classCase{
		{q: "how many deputies voted to execute the king", answered: true, dates: []string{"1793-01-17"}, quote: "361 voted to execute the king"},
	})
	runClass(t, chronology(t, "einstein"), []classCase{
		{q: "how many papers did he write during his prague stay", answered: true, quote: "he wrote 11 scientific works"},
	})
	runClass(t, chronology(t, "turing"), []classCase{
		{q: "how many ppl signed the 2009 petition", answered: true},
	})
	// The passage must have the rest of the question: no million emigrants to Australia.
	runClass(t, chronology(t, "irishfamine"), []classCase{
		{q: "how many irish ppl emigrated to australia during the famine", answered: false},
	})
	// A noun after the counted one is no verb: "petits enfants".
	runClass(t, chronology(t, "picasso"), []classCase{
		{q: "combien de petits enfants avait picasso", answered: false},
	})
}

func TestAWhyIsAnsweredByACauseNotByWhatCameAfter(t *testing.T) {
	// "Why didn't he go to the inquest after the train crash": the reason is in the crash's own
	// event; "after the crash" is the question's context, not a request for the fifteen events
	// that follow it. "After only 10 weeks" is no step to the next event either.
	runClass(t, chronology(t, "dickens"), []classCase{
		{q: "why didn't he go to the inquest after the train crash", answered: true, dates: []string{"1865-06-09"}, quote: "inquest"},
		{q: "why did dickens quit the daily news after only 10 weeks", answered: true, dates: []string{"1845-12"}},
		// What the source never mentions is refused, not listed after the crash.
		{q: "why did dickens buy a yacht after the train crash", answered: false, words: "does not mention “yacht”"},
	})
	runClass(t, chronology(t, "apollo13"), []classCase{
		{q: "why did they abort the moon landing after the explosion", answered: true, words: "ending the lunar landing"},
	})
}
