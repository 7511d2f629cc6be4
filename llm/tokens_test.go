package llm

import (
	"context"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/fakeopenai"
)

// tokenFigures asks every dev question through the fake and returns the prompt tokens the fake
// reported per question asked, and what stuffing the whole source would have cost, counted the
// same way (fakeopenai.EstimateTokens over every message).
func tokenFigures(t testing.TB) (asked int, ours, stuffed float64) {
	f := newFixture(t, nil)
	qs := devQuestions(t)
	for _, it := range qs.Questions {
		q := answer.Question{Text: it.Question, Lang: it.Lang}
		before := len(f.srv.Requests())
		if _, err := f.a.Answer(context.Background(), q); err != nil {
			t.Fatal(err)
		}
		reqs := f.srv.Requests()
		if len(reqs) == before {
			continue // retrieval found nothing: no model call
		}
		asked++
		for _, m := range reqs[len(reqs)-1].Body.Messages {
			ours += float64(fakeopenai.EstimateTokens(m.Content))
		}
		r := answer.Retrieve(f.tl, q)
		for _, m := range stuffedPrompt(f.tl, it.Question, r.Lang).messages {
			stuffed += float64(fakeopenai.EstimateTokens(m.Content))
		}
	}
	return asked, ours / float64(asked), stuffed / float64(asked)
}

func TestPromptTokensAgainstStuffing(t *testing.T) {
	asked, ours, stuffed := tokenFigures(t)
	t.Logf("%d questions sent to the model: %.0f prompt tokens per question, %.0f with the whole source (%.1f%%)", asked, ours, stuffed, 100*ours/stuffed)
	// The outline (every event's date and title, about 250 tokens at most) is a fixed cost that
	// lets the model count and list over the whole chronology; on the seed's short source it is a
	// tenth of stuffing, on a longer one much less.
	if ours > 0.3*stuffed {
		t.Errorf("prompt tokens per question %.0f exceed 30%% of whole-source stuffing (%.0f)", ours, stuffed)
	}
}
