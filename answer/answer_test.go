package answer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

func seed(t testing.TB) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func ask(tl *knowledge.Timeline, q string) answer.Answer {
	return answer.Compose(answer.Retrieve(tl, answer.Question{Text: q}))
}

// checkGrounded fails unless every citation is verbatim in the source, belongs to an event of the
// timeline with that date and paragraph, and an answer cites exactly when it answers.
func checkGrounded(t testing.TB, tl *knowledge.Timeline, q string, a answer.Answer) {
	t.Helper()
	if a.Text == "" {
		t.Errorf("%q: empty answer text", q)
	}
	if a.Citations == nil {
		t.Errorf("%q: nil citations (JSON would print null)", q)
	}
	if a.Answered != (len(a.Citations) > 0) {
		t.Errorf("%q: answered=%v with %d citations", q, a.Answered, len(a.Citations))
	}
	for _, c := range a.Citations {
		if !tl.Source.Contains(c.Quote) {
			t.Errorf("%q: quote not verbatim in the source: %q", q, c.Quote)
		}
		e := tl.Event(c.EventID)
		if e == nil {
			t.Errorf("%q: citation of unknown event %q", q, c.EventID)
			continue
		}
		if c.Date != e.Date.String() {
			t.Errorf("%q: citation date %s, event %s is dated %s", q, c.Date, e.ID, e.Date)
		}
		found := false
		for _, p := range e.Passages {
			found = found || p.Text == c.Quote && p.Paragraph == c.Paragraph
		}
		if !found {
			t.Errorf("%q: quote %q (¶%d) is not a passage of %s", q, c.Quote, c.Paragraph, e.ID)
		}
	}
}

func citedIDs(a answer.Answer) []string { return a.EventIDs() }

func TestEveryDatedEntryIsAnsweredWithItsDate(t *testing.T) {
	tl := seed(t)
	for _, e := range tl.Entries() {
		day := e.Span().From
		for _, q := range []string{
			"What happened on " + answer.FormatDay(day, "en") + "?",
			"Que s'est-il passé le " + answer.FormatDay(day, "fr") + " ?",
			"what happened on " + day.String(),
		} {
			a := ask(tl, q)
			checkGrounded(t, tl, q, a)
			if !a.Answered || !slices.Contains(citedIDs(a), e.ID) {
				t.Errorf("%q: answered=%v citing %v, want %s\n%s", q, a.Answered, citedIDs(a), e.ID, a.Text)
				continue
			}
			if len(citedIDs(a)) != 1 {
				t.Errorf("%q: cites %v, want only %s", q, citedIDs(a), e.ID)
			}
			// The answer says the date, in the question's language.
			if want := answer.FormatDay(day, a.Lang); !strings.Contains(a.Text, want) {
				t.Errorf("%q: answer does not give the date %q:\n%s", q, want, a.Text)
			}
		}
	}
}

func TestDatesMentionedInsideEntriesAreAnswerable(t *testing.T) {
	tl := seed(t)
	cases := []struct{ q, id, words string }{
		{"What happened on 10 October 2016?", "2016-10-10-rally-loves-wikileaks", "rally"},
		{"What did Trump say at the rally on October 10?", "2016-10-10-rally-loves-wikileaks", "loves WikiLeaks"},
		{"What happened on 7 October 2016?", "2016-10-07-podesta-emails", "Podesta"},
		{"What happened in June 2016?", "2016-06-trump-tower-meeting", "Trump Tower"},
		{"Que s'est-il passé en juin 2016 ?", "2016-06-trump-tower-meeting", "Trump Tower"},
		{"What happened on 8 July 2017?", "2017-07-08-nyt-trump-tower-article", "New York Times"},
		{"What did The New York Times publish on 8 July 2017?", "2017-07-08-nyt-trump-tower-article", "New York Times"},
		{"What happened on 13 November 2017?", "2017-11-13-atlantic-revelation", "The Atlantic"},
		{"Qu'a révélé The Atlantic le 13 novembre 2017 ?", "2017-11-13-atlantic-revelation", "Atlantic"},
	}
	for _, c := range cases {
		a := ask(tl, c.q)
		checkGrounded(t, tl, c.q, a)
		if !a.Answered || !slices.Contains(citedIDs(a), c.id) || !strings.Contains(a.Text, c.words) {
			t.Errorf("%q: answered=%v citing %v, want %s mentioning %q:\n%s", c.q, a.Answered, citedIDs(a), c.id, c.words, a.Text)
		}
	}
}

func TestQuestionsAreAnsweredFromTheRightEvent(t *testing.T) {
	tl := seed(t)
	cases := []struct{ q, id string }{
		{"What did WikiLeaks ask for on 21 October 2016?", "2016-10-21-tax-returns"},
		{"What did Roger Stone tweet?", "2016-10-03-promote-story"},
		{"What did WikiLeaks write the day after the election?", "2016-11-09-wow"},
		{"Qu'a écrit WikiLeaks le lendemain de l'élection ?", "2016-11-09-wow"},
		{"At what time on election day did WikiLeaks message Trump Jr.?", "2016-11-08-refuse-to-concede"},
		{"What was the first message WikiLeaks sent?", "2016-09-20-putintrump-message"},
		{"What is the most recent exchange in the timeline?", "2017-07-11-trump-tower-emails"},
		{"Quel est le dernier message ?", "2017-07-11-trump-tower-emails"},
		{"wat did wikileaks say on dec 16", "2016-12-16-assange-ambassador"},
		{"What did wikileak say about Assange as ambassador?", "2016-12-16-assange-ambassador"},
		{"Quel lien Trump Jr. a-t-il tweeté ?", "2016-10-14-tweets-link"},
		{"Which countries did WikiLeaks say would have to stop getting around the law?", "2016-12-16-assange-ambassador"},
		{"Who is Natalia Veselnitskaya?", "2017-07-11-trump-tower-emails"},
		{"What happened on 2016-10-21?", "2016-10-21-tax-returns"},
		{"What happened on Nov 8?", "2016-11-08-refuse-to-concede"},
	}
	for _, c := range cases {
		a := ask(tl, c.q)
		checkGrounded(t, tl, c.q, a)
		if !a.Answered || citedIDs(a)[0] != c.id && !slices.Contains(citedIDs(a), c.id) {
			t.Errorf("%q: answered=%v citing %v, want %s:\n%s", c.q, a.Answered, citedIDs(a), c.id, a.Text)
		}
	}
}

func TestRangesListTheirEventsInOrder(t *testing.T) {
	tl := seed(t)
	cases := []struct {
		q    string
		want []string // dates, in order
	}{
		{"What happened in November 2016?", []string{"2016-11-08", "2016-11-09"}},
		{"What happened between September and October 2016?", []string{"2016-09-20", "2016-10-03", "2016-10-12", "2016-10-14", "2016-10-21"}},
		{"Que s'est-il passé entre septembre et octobre 2016 ?", []string{"2016-09-20", "2016-10-03", "2016-10-12", "2016-10-14", "2016-10-21"}},
		{"What happened before the election?", []string{"2016-09-20", "2016-10-03", "2016-10-12", "2016-10-14", "2016-10-21"}},
		{"What happened after the election?", []string{"2016-11-09", "2016-12-16", "2017-07-11"}},
		{"What happened from 3 October to 14 October 2016?", []string{"2016-10-03", "2016-10-12", "2016-10-14"}},
	}
	for _, c := range cases {
		a := ask(tl, c.q)
		checkGrounded(t, tl, c.q, a)
		var dates []string
		for _, id := range citedIDs(a) {
			dates = append(dates, tl.Event(id).Date.String())
		}
		if !slices.Equal(dates, c.want) {
			t.Errorf("%q: cites %v, want %v:\n%s", c.q, dates, c.want, a.Text)
		}
	}
}

func TestRefusalsForEmptyDatesNameTheNearestEvents(t *testing.T) {
	tl := seed(t)
	cases := []struct {
		q    string
		lang string
		want []string // in the answer
	}{
		{"What did WikiLeaks send on 1 February 2017?", "en", []string{"nothing about 1 February 2017", "16 December 2016", "8 July 2017"}},
		{"What happened on 15 October 2016?", "en", []string{"14 October 2016", "21 October 2016"}},
		{"Que s'est-il passé le 4 juillet 2017 ?", "fr", []string{"ne dit rien du 4 juillet 2017", "16 décembre 2016", "8 juillet 2017"}},
		{"What happened in 2018?", "en", []string{"no event in 2018", "The last event before it is on 13 November 2017"}},
		{"What happened in 2015?", "en", []string{"no event in 2015", "The first event after it is in June 2016"}},
		{"Que s'est-il passé en mars 2017 ?", "fr", []string{"aucun événement en mars 2017", "16 décembre 2016", "8 juillet 2017"}},
		{"What happened the day before the election?", "en", []string{"7 November 2016", "21 October 2016", "8 November 2016"}},
		{"What was the first message in February 2017?", "en", []string{"February 2017"}},
	}
	for _, c := range cases {
		a := ask(tl, c.q)
		checkGrounded(t, tl, c.q, a)
		if a.Answered || len(a.Citations) != 0 || a.Lang != c.lang {
			t.Errorf("%q: answered=%v lang=%s with %d citations, want a refusal in %s", c.q, a.Answered, a.Lang, len(a.Citations), c.lang)
		}
		for _, w := range c.want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("%q: refusal does not say %q:\n%s", c.q, w, a.Text)
			}
		}
	}
}

func TestOffTopicQuestionsAreRefusedWithoutCitations(t *testing.T) {
	tl := seed(t)
	for _, q := range []string{
		"What is Julian Assange's date of birth?",
		"How many followers does Trump Jr. have on Twitter?",
		"What is the capital of Peru?",
		"Quelle est la capitale du Pérou ?",
		"Who won the 2018 World Cup?",
		"What did Angela Merkel say about WikiLeaks?",
	} {
		a := ask(tl, q)
		checkGrounded(t, tl, q, a)
		if a.Answered || len(a.Citations) != 0 {
			t.Errorf("%q: answered=%v with %v, want a refusal:\n%s", q, a.Answered, citedIDs(a), a.Text)
		}
		data, _ := json.Marshal(a)
		if !strings.Contains(string(data), `"citations":[]`) {
			t.Errorf("%q: JSON %s, want empty citations", q, data)
		}
	}
}

func TestImpossibleAndEmptyQuestions(t *testing.T) {
	tl := seed(t)
	cases := []struct{ q, want string }{
		{"What happened on 31 February 2016?", `There is no such date as "31 february 2016"`},
		{"Que s'est-il passé le 30 février ?", "La date « 30 fevrier » n'existe pas"},
		{"hello", `Ask me about the timeline "WikiLeaks' private messages to Donald Trump Jr."`},
		{"Qu'est-ce que c'est ?", "Posez-moi une question sur la chronologie"},
	}
	for _, c := range cases {
		a := ask(tl, c.q)
		checkGrounded(t, tl, c.q, a)
		if a.Answered || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: answered=%v:\n%s\nwant …%s…", c.q, a.Answered, a.Text, c.want)
		}
	}
}

func TestFrenchQuestionsAreAnsweredInFrench(t *testing.T) {
	tl := seed(t)
	cases := []struct{ q, want string }{
		{"Qu'a écrit WikiLeaks le 9 novembre 2016 ?", "Le 9 novembre 2016\u00a0: Juste après minuit"},
		{"Que voulait WikiLeaks le 16 décembre 2016 ?", "Le 16 décembre 2016\u00a0: WikiLeaks salue Trump Jr."},
		{"Que s'est-il passé en novembre 2016 ?", "2 événements en novembre 2016"},
		{"Quel a été le premier message ?", "Le 20 septembre 2016\u00a0: WikiLeaks envoie"},
		{"Que s'est-il passé le jour de l'élection ?", "Le 8 novembre 2016 à 18:35\u00a0: À 18h35 le jour de l'élection"},
	}
	for _, c := range cases {
		a := ask(tl, c.q)
		checkGrounded(t, tl, c.q, a)
		if !a.Answered || a.Lang != "fr" || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: answered=%v lang=%s:\n%s\nwant …%s…", c.q, a.Answered, a.Lang, a.Text, c.want)
		}
	}
	// A question that gives no clue takes the hint, such as the user's Discord locale.
	r := answer.Retrieve(tl, answer.Question{Text: "21/10/2016", Lang: "fr"})
	if a := answer.Compose(r); a.Lang != "fr" || !strings.HasPrefix(a.Text, "Le 21 octobre 2016") {
		t.Errorf("bare date with a French hint: lang=%s %q", a.Lang, a.Text)
	}
}

func TestAnswerJSONHasExactlyTheDocumentedFields(t *testing.T) {
	a := ask(seed(t), "What did WikiLeaks ask for on 21 October 2016?")
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(mapKeys(top)); !slices.Equal(got, []string{"answer", "answered", "citations"}) {
		t.Errorf("top-level fields %v", got)
	}
	var cites []map[string]json.RawMessage
	if err := json.Unmarshal(top["citations"], &cites); err != nil || len(cites) == 0 {
		t.Fatalf("citations: %v %s", err, top["citations"])
	}
	for _, c := range cites {
		if got := slices.Sorted(mapKeys(c)); !slices.Equal(got, []string{"date", "event_id", "paragraph", "quote"}) {
			t.Errorf("citation fields %v", got)
		}
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestEngineAnswersFromTheCurrentTimeline(t *testing.T) {
	tl := seed(t)
	store := knowledge.NewStore(tl)
	e := answer.NewEngine(store)
	a, err := e.Answer(context.Background(), answer.Question{Text: "What happened on 9 November 2016?"})
	if err != nil || !a.Answered || a.Mode != "extractive" || a.Version != tl.Version {
		t.Fatalf("Answer = %+v, %v", a, err)
	}
	other, err := knowledge.LoadFile(filepath.Join("testdata", "harbour.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	store.Swap(other)
	a, _ = e.Answer(context.Background(), answer.Question{Text: "What happened on 9 November 2016?"})
	if a.Answered || a.Version != other.Version {
		t.Errorf("after a swap: %+v", a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Answer(ctx, answer.Question{Text: "x"}); err == nil {
		t.Errorf("a cancelled context gave no error")
	}
}

// Nothing in the answerer is about WikiLeaks: a different chronology, with an inline English source,
// its own anchors and month- and year-precision events, is answered the same way.
func TestAnotherChronologyIsAnsweredTheSameWay(t *testing.T) {
	tl, err := knowledge.LoadFile(filepath.Join("testdata", "harbour.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		q        string
		answered bool
		ids      []string
		words    string
	}{
		{"What happened on 2 March 1999?", true, []string{"1999-03-02-opening"}, "On 2 March 1999: The mayor, Ada Quist"},
		{"What happened on opening day?", true, []string{"1999-03-02-opening"}, "Ada Quist"},
		{"Who opened the bridge?", true, []string{"1999-03-02-opening"}, "Ada Quist"},
		{"Who replaced the cable?", true, []string{"1999-03-04-cable"}, "Halvard & Sons"},
		{"Why was the bridge closed?", true, []string{"1999-03-04-cable"}, "repairs"},
		{"What happened in April 1999?", true, []string{"1999-04-toll"}, "toll"},
		{"What colour is the bridge?", true, []string{"2003-paint"}, "In 2003: The bridge is painted red"},
		{"What happened between 1999 and 2003?", true, []string{"1999-03-02-opening", "1999-03-04-cable", "1999-04-toll", "2003-paint"}, "4 events"},
		{"What was the first event?", true, []string{"1999-03-02-opening"}, ""},
		{"What was the most recent event?", true, []string{"2010-05-15-ferry"}, "ferry"},
		{"Que s'est-il passé le jour de l'inauguration ?", true, []string{"1999-03-02-opening"}, "Le 2 mars 1999\u00a0: La maire, Ada Quist"},
		{"What happened the day after the opening?", false, nil, "The nearest events are on 2 March 1999 (Mayor Ada Quist opens the bridge) and on 4 March 1999"},
		{"What happened in 2005?", false, nil, "The nearest events are in 2003 (The bridge is painted red) and on 15 May 2010"},
		{"What did the mayor say about taxes?", false, nil, "does not mention “taxes”"},
		{"What happened on election day?", false, nil, ""},
		{"What did WikiLeaks tell Trump Jr.?", false, nil, ""},
	}
	for _, c := range cases {
		a := ask(tl, c.q)
		checkGrounded(t, tl, c.q, a)
		if a.Answered != c.answered || !slices.Equal(citedIDs(a), c.ids) || !strings.Contains(a.Text, c.words) {
			t.Errorf("%q: answered=%v citing %v:\n%s\nwant answered=%v citing %v, mentioning %q", c.q, a.Answered, citedIDs(a), a.Text, c.answered, c.ids, c.words)
		}
	}
}

// Property: whatever is asked, in either language, every citation is verbatim in the source and
// belongs to the event it names, and an answer cites exactly when it answers.
func TestEveryCitationIsVerbatimWhateverTheQuestion(t *testing.T) {
	timelines := []*knowledge.Timeline{seed(t)}
	if h, err := knowledge.LoadFile(filepath.Join("testdata", "harbour.yaml")); err == nil {
		timelines = append(timelines, h)
	} else {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	templates := []string{
		"What happened on %s?", "Que s'est-il passé le %s ?", "What did %s say?", "Qu'a dit %s ?",
		"What happened in %s?", "What happened before %s?", "What happened after %s?", "Tell me about %s",
		"What was the first %s?", "What was the last %s?", "Why %s?", "%s", "between %s and %s",
		"the day after %s", "la veille de %s", "Qui est %s ?", "%s %s %s",
	}
	n := 0
	for _, tl := range timelines {
		// Words and phrases drawn from the timeline itself, plus dates around its events.
		var vocab []string
		for _, e := range tl.Events {
			vocab = append(vocab, e.Title, e.Date.String(), answer.FormatDate(e, "en"), answer.FormatDate(e, "fr"))
			vocab = append(vocab, e.Actors...)
			vocab = append(vocab, textproc.Words(textproc.Fold(e.Summary))...)
			for _, p := range e.Passages {
				vocab = append(vocab, textproc.Words(p.Text)...)
			}
			d := e.Span().From
			vocab = append(vocab, answer.FormatDay(d-1, "en"), answer.FormatDay(d+1, "fr"), (d + 40).String())
		}
		for _, a := range tl.Anchors {
			for _, names := range a.Names {
				vocab = append(vocab, names...)
			}
		}
		vocab = append(vocab, "wikileak", "electoin", "Peru", "birthday", "2018", "31 February 2016", "first", "last")
		for i := 0; i < 1500; i++ {
			tpl := templates[r.IntN(len(templates))]
			args := make([]any, strings.Count(tpl, "%s"))
			for j := range args {
				args[j] = vocab[r.IntN(len(vocab))]
			}
			q := fmt.Sprintf(tpl, args...)
			a := ask(tl, q)
			checkGrounded(t, tl, q, a)
			if a.Lang != "en" && a.Lang != "fr" {
				t.Errorf("%q: Lang %q", q, a.Lang)
			}
			n++
		}
	}
	t.Logf("%d questions", n)
}

// An event the source dates only to the month or the year is not the answer for a day or a month
// when events within that day or month are there; it is when nothing more precise is.
func TestPreciseDatesWinOverVagueOnes(t *testing.T) {
	const doc = `format: 1
title: Precision
source:
  title: s
  language: en
  attribution: test
  text: |
    In 1999 the works began. In March 1999 the council met. On 4 March 1999 the bridge closed.
events:
  - id: year
    date: "1999"
    title: Works begin
    summary: The works begin.
    passages: ["In 1999 the works began."]
  - id: month
    date: 1999-03
    title: The council meets
    summary: The council meets.
    passages: ["In March 1999 the council met."]
  - id: day
    date: 1999-03-04
    title: The bridge closes
    summary: The bridge closes.
    passages: ["On 4 March 1999 the bridge closed."]
`
	tl, err := knowledge.Parse("precision.yaml", []byte(doc), nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		q   string
		ids []string
	}{
		{"What happened on 4 March 1999?", []string{"day"}},
		{"What happened in March 1999?", []string{"month", "day"}},
		{"What happened on 20 March 1999?", []string{"month"}},
		// A year's event does not say it happened on that day: the day has nothing.
		{"What happened on 20 June 1999?", nil},
		{"What happened in 1999?", []string{"year", "month", "day"}},
		{"When did the council meet?", []string{"month"}},
		// Words matching the vaguer event better than anything within the date win.
		{"When did the works begin in March 1999?", []string{"year"}},
	}
	for _, c := range cases {
		a := ask(tl, c.q)
		checkGrounded(t, tl, c.q, a)
		if !slices.Equal(citedIDs(a), c.ids) {
			t.Errorf("%q: cites %v, want %v:\n%s", c.q, citedIDs(a), c.ids, a.Text)
		}
	}
}

// An event matching every word of a dateless question answers it, even when another event that
// matches only its rarest word scores a little higher.
func TestTheEventCoveringTheQuestionAnswersItNotTheOneMatchingARareWord(t *testing.T) {
	tl := seed(t)
	a := ask(tl, "What did WikiLeaks write about Podesta?")
	if !a.Answered || !slices.Contains(citedIDs(a), "2016-10-12-wlsearch-link") {
		t.Fatalf("want the 12 October message about another batch of Podesta e-mails, got answered=%v %v:\n%s", a.Answered, citedIDs(a), a.Text)
	}
	checkGrounded(t, tl, "What did WikiLeaks write about Podesta?", a)
}

// The question's verb need not be the timeline's: irregular forms meet their base form ("lost",
// "loses") and verbs of communication weigh little in deciding whether a question is covered.
func TestQuestionsPhrasedWithOtherVerbsAreStillAnswered(t *testing.T) {
	tl := seed(t)
	for _, c := range []struct{ q, want string }{
		{"What did WikiLeaks suggest Trump do if he lost?", "2016-11-08-refuse-to-concede"},
		{"Qu'a proposé WikiLeaks au sujet de l'Australie ?", "2016-12-16-assange-ambassador"},
		{"What did Trump Jr. tell Kushner?", "2016-09-20-putintrump-message"},
	} {
		a := ask(tl, c.q)
		if !a.Answered || !slices.Contains(citedIDs(a), c.want) {
			t.Errorf("%q: answered=%v citing %v, want %s:\n%s", c.q, a.Answered, citedIDs(a), c.want, a.Text)
		}
		checkGrounded(t, tl, c.q, a)
	}
	for _, q := range []string{"What did WikiLeaks say about Hillary Clinton's health?", "What is the capital of France?"} {
		if a := ask(tl, q); a.Answered {
			t.Errorf("%q: answered, citing %v; the source does not answer it", q, citedIDs(a))
		}
	}
}
