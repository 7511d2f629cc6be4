package question_test

import (
	"testing"

	"github.com/timelinebot/timelinebot/question"
)

// BenchmarkParse parses questions of each kind against the seed timeline. BenchmarkQuestion in
// knowledge/ measures the whole answer.
func BenchmarkParse(b *testing.B) {
	tl := seed(b)
	for _, q := range [][2]string{
		{"exact-date", "What did WikiLeaks ask for on 21 October 2016?"},
		{"french", "Qu'a écrit WikiLeaks le 9 novembre 2016 ?"},
		{"range", "What happened between September and October 2016?"},
		{"anchor", "What did WikiLeaks write the day after the election?"},
		{"no-date", "What did Roger Stone tweet?"},
		// The forms of forms.go, each behind its word test.
		{"named-month-figures", "anything on dec-16-2016?"},
		{"week-of-month", "what happened the last week of sept 2016?"},
		{"joined-months", "y a eu un truc en sept ou oct 2017 ?"},
		{"century-part", "qu'est-ce qui s'est passé à la fin du 19e siècle ?"},
		{"year-offset", "what happened 4 yrs after the election?"},
	} {
		b.Run(q[0], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				question.Parse(q[1], tl)
			}
		})
	}
}
