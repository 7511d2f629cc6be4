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
	} {
		b.Run(q[0], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				question.Parse(q[1], tl)
			}
		})
	}
}
