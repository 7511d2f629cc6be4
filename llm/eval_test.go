package llm

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/eval"
)

// TestDevEvalWithFakeModel scores the dev questions with the fake model answering from the passages
// it is sent, and requires at least the extractive answerer's pass rate, all quotes verbatim, and
// every model answer used (no fallback).
func TestDevEvalWithFakeModel(t *testing.T) {
	qs := devQuestions(t)
	f := newFixture(t, nil)
	ctx := context.Background()
	base, err := eval.Run(ctx, qs, answer.NewEngine(f.kb), f.tl.Source.Contains, "extractive")
	if err != nil {
		t.Fatal(err)
	}
	got, err := eval.Run(ctx, qs, f.a, f.tl.Source.Contains, "llm (fake-model)")
	if err != nil {
		t.Fatal(err)
	}
	var w io.Writer = io.Discard
	if testing.Verbose() {
		w = os.Stdout
	}
	got.Write(w, false)
	if got.PassRate() < base.PassRate() {
		t.Errorf("pass rate with the fake model %.1f%% is below the extractive %.1f%%", 100*got.PassRate(), 100*base.PassRate())
	}
	if got.Precision() != 1 {
		t.Errorf("citation precision %.3f, want 1", got.Precision())
	}
	llmAnswers := 0
	for _, o := range got.Outcomes {
		if o.Answer.Fallback != "" {
			t.Errorf("%s fell back: %s", o.Item.ID, o.Answer.Fallback)
		}
		if o.Answer.Mode == Mode {
			llmAnswers++
		}
	}
	if s := f.a.Stats(); s.ModelAnswers != int64(llmAnswers) || llmAnswers == 0 {
		t.Errorf("stats %+v, %d llm answers", s, llmAnswers)
	}
	t.Logf("extractive %.1f%%, fake model %.1f%% (%d answers phrased by the model); extractive %s, with the fake model %s",
		100*base.PassRate(), 100*got.PassRate(), llmAnswers, base.TotalTime, got.TotalTime)
}
