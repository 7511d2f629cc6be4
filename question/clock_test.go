package question_test

import (
	"testing"

	"github.com/timelinebot/timelinebot/question"
)

func TestATimeOfDayIsReadAsPeopleTypeIt(t *testing.T) {
	tl := seed(t)
	for _, c := range []struct {
		q        string
		from, to int // minutes since midnight; -1: no time of day
		rest     string
	}{
		{"a 15h30 le 14 juillet ya eu quoi", 15*60 + 30, 15*60 + 30, "ya eu quoi"},
		{"à 10 h 30, qui est arrivé ?", 10*60 + 30, 10*60 + 30, ", qui est arrive ?"},
		{"what happened at 3:30 pm", 15*60 + 30, 15*60 + 30, "what happened"},
		{"what happened at 3pm", 15 * 60, 15 * 60, "what happened"},
		{"anything at noon", 12 * 60, 12 * 60, "anything"},
		{"what went on between 2pm and 4pm", 14 * 60, 16 * 60, "what went on"},
		{"entre 14h et 16h il s'est passé quoi", 14 * 60, 16 * 60, "il s'est passe quoi"},
		{"what happened after 7pm", 19 * 60, 24*60 - 1, "what happened"},
		{"avant midi", 0, 12*60 - 1, ""},
		{"2 h après le pillage", -1, -1, "2 h apres le pillage"},     // two hours: a duration
		{"what happened at 25:00", -1, -1, "what happened at 25:00"}, // no such time
		{"how many days between 14 july and 4 august", -1, -1, "how many days"},
	} {
		p := question.Parse(c.q, tl)
		from, to := -1, -1
		if p.Clock.Set {
			from, to = p.Clock.From, p.Clock.To
		}
		if from != c.from || to != c.to || p.Rest != c.rest {
			t.Errorf("Parse(%q): clock %d–%d, rest %q; want %d–%d, %q", c.q, from, to, p.Rest, c.from, c.to, c.rest)
		}
	}
}
