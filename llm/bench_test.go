package llm

import (
	"context"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
)

// BenchmarkAnswer measures one dev question answered (cycling through them) by the extractive
// engine, and by the LLM answerer against the fake model on loopback — plain and streamed — so the
// difference is what the model path adds besides the model's own thinking time: prompt building,
// the HTTP round trip through go-openai, and verification. It also reports prompt tokens per
// question and the same figure for whole-source stuffing, counted the same way (characters/4).
func BenchmarkAnswer(b *testing.B) {
	qs := devQuestions(b)
	f := newFixture(b, nil)
	ctx := context.Background()
	questions := make([]answer.Question, len(qs.Questions))
	for i, it := range qs.Questions {
		questions[i] = answer.Question{Text: it.Question, Lang: it.Lang}
	}
	engine := answer.NewEngine(f.kb)
	b.Run("extractive", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			engine.Answer(ctx, questions[i%len(questions)])
		}
	})
	b.Run("llm", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			f.a.Answer(ctx, questions[i%len(questions)])
		}
	})
	b.Run("llm-stream", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			f.a.AnswerStream(ctx, questions[i%len(questions)], func(string) {})
		}
	})
	b.Run("tokens", func(b *testing.B) {
		var asked int
		var ours, stuffed float64
		for b.Loop() {
			asked, ours, stuffed = tokenFigures(b)
		}
		b.ReportMetric(ours, "prompt-tokens/q")
		b.ReportMetric(stuffed, "stuffed-tokens/q")
		b.ReportMetric(100*ours/stuffed, "%-of-stuffed")
		b.ReportMetric(float64(asked), "questions")
	})
	if s := f.a.Stats(); s.Fallbacks > 0 {
		b.Errorf("%d fallbacks while benchmarking", s.Fallbacks)
	}
}
