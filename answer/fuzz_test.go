package answer_test

import (
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
)

// FuzzAnswer: whatever is typed, the answerer does not panic, every quote is verbatim in the source
// and belongs to its event, and an answer cites exactly when it answers.
func FuzzAnswer(f *testing.F) {
	tl, err := knowledge.Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"what came right after the tax-returns message?", "c koi le premier msg de WL après la victoire de Trump ?",
		"how many days before election day did WL DM Don Jr? list em", "trois jours avant le message du 11 juillet 2017",
		"what was 'vraiment facile et utile' about?", "Qu'a répondu Kellyanne Conway au mail de Don Jr ?",
		"the twelfth of October", "entre le 1er et le 15 oct. 2016", "the 1850s", "XIXe siècle", "10/12/2016",
		"two years after the first message", "d'après l'article, avant le 3", "''", "« »", "after after after", "le lendemain de",
		"How many followers?", "Firefox 1.0", "did he? ou pas", "\x00\xff", "",
		"which came first, the rally or the dump?", "A or B, which was later?", "between the first DM and the tax returns message",
		"the week of the election", "un peu plus d'un mois après l'élection", "in '93", "eighteen fifty-four", "kesk pk ppl",
		"how many days after the election did WL write?", "was Kushner the first to reply?", "au début de l'article",
		"2 days before WL's 'hey donald' msg", "what happened in 1933?", "between and", "from to", "which first, or",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		a := answer.Compose(answer.Retrieve(tl, answer.Question{Text: q}))
		if a.Answered != (len(a.Citations) > 0) {
			t.Fatalf("%q: answered=%v with %d citations", q, a.Answered, len(a.Citations))
		}
		for _, c := range a.Citations {
			e := tl.Event(c.EventID)
			if e == nil || !tl.Source.Contains(c.Quote) {
				t.Fatalf("%q: citation %+v is not a verbatim passage of a known event", q, c)
			}
		}
	})
}
