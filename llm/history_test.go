package llm

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/question"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func withClock(f *fixture) *clock {
	c := &clock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	f.a.now = c.now
	return c
}

func lastMessages(f *fixture) []openai.ChatCompletionMessage {
	reqs := f.srv.Requests()
	return reqs[len(reqs)-1].Body.Messages
}

// TestFollowUp: in a DM, "and did he reply?" is retrieved with the previous question, and the
// previous turn is sent as plain text: the question and the answer shown, without markers, passages
// or citations.
func TestFollowUp(t *testing.T) {
	f := newFixture(t, nil)
	withClock(f)
	ctx := context.Background()
	dm := "dm:42"
	first, _ := f.a.Answer(ctx, answer.Question{Text: "What did WikiLeaks write to Trump Jr. on 3 October 2016?", Conversation: dm})
	if first.Mode != Mode {
		t.Fatalf("first answer: mode %q fallback %q", first.Mode, first.Fallback)
	}
	follow, _ := f.a.Answer(ctx, answer.Question{Text: "and did he reply?", Conversation: dm})
	if follow.Mode != Mode || !follow.Answered {
		t.Fatalf("follow-up: mode %q fallback %q", follow.Mode, follow.Fallback)
	}
	for _, c := range follow.Citations {
		if c.Date != "2016-10-03" {
			t.Errorf("follow-up cites %s; it should be about 3 October 2016 like the question before", c.Date)
		}
	}
	msgs := lastMessages(f)
	if len(msgs) != 4 {
		t.Fatalf("%d messages, want system, previous question, previous answer, question", len(msgs))
	}
	if msgs[1].Role != "user" || msgs[1].Content != "<question>What did WikiLeaks write to Trump Jr. on 3 October 2016?</question>" {
		t.Errorf("history question %q", msgs[1].Content)
	}
	if msgs[2].Role != "assistant" || strings.Contains(msgs[2].Content, "[1]") || msgs[2].Content != stripMarkers(first.Text) {
		t.Errorf("history answer %q", msgs[2].Content)
	}
	for _, c := range first.Citations {
		if len(c.Quote) > 60 && (strings.Contains(msgs[1].Content, c.Quote) || strings.Contains(msgs[2].Content, c.Quote)) {
			t.Errorf("history carries a passage: %q", c.Quote)
		}
	}
	if !strings.Contains(msgs[3].Content, "<question>and did he reply?</question>") {
		t.Errorf("the question must be sent as asked:\n%s", msgs[3].Content)
	}

	// Without the conversation, the same words are retrieved alone.
	alone, _ := f.a.Answer(ctx, answer.Question{Text: "and did he reply?"})
	if len(alone.EventIDs()) == 1 && alone.EventIDs()[0] == follow.EventIDs()[0] {
		t.Errorf("without history the follow-up should not know the date: %v", alone.EventIDs())
	}
	if n := len(lastMessages(f)); n != 2 {
		t.Errorf("one-off question sent %d messages, want 2", n)
	}
}

func TestHistoryExpires(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.HistoryTTL = time.Minute })
	c := withClock(f)
	ctx := context.Background()
	f.a.Answer(ctx, answer.Question{Text: qOct3, Conversation: "dm"})
	c.advance(59 * time.Second)
	f.a.Answer(ctx, answer.Question{Text: qOct3, Conversation: "dm"})
	if n := len(lastMessages(f)); n != 4 {
		t.Errorf("within the TTL: %d messages, want 4", n)
	}
	c.advance(61 * time.Second)
	f.a.Answer(ctx, answer.Question{Text: qOct3, Conversation: "dm"})
	if n := len(lastMessages(f)); n != 2 {
		t.Errorf("after the TTL: %d messages, want 2 (history expired)", n)
	}
	c.advance(2 * time.Minute)
	if n := f.a.hist.len(); n != 0 {
		t.Errorf("%d conversations held after expiry", n)
	}
}

func TestHistoryCaps(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.HistoryTurns = 2; o.MaxConversations = 3 })
	c := withClock(f)
	ctx := context.Background()
	for i := range 4 {
		f.a.Answer(ctx, answer.Question{Text: fmt.Sprintf("What did WikiLeaks say on 9 November 2016? (%d)", i), Conversation: "dm"})
	}
	msgs := lastMessages(f)
	if len(msgs) != 2+2*2 {
		t.Fatalf("%d messages, want system + 2 turns + question", len(msgs))
	}
	if !strings.Contains(msgs[1].Content, "(1)") || !strings.Contains(msgs[3].Content, "(2)") {
		t.Errorf("kept turns are not the latest: %q, %q", msgs[1].Content, msgs[3].Content)
	}
	for i := range 5 {
		c.advance(time.Second)
		f.a.Answer(ctx, answer.Question{Text: qOct3, Conversation: fmt.Sprintf("c%d", i)})
	}
	if n := f.a.hist.len(); n != 3 {
		t.Errorf("%d conversations held, want the cap of 3", n)
	}
	if f.a.hist.get("dm") != nil || f.a.hist.get("c0") != nil || f.a.hist.get("c4") == nil {
		t.Error("the least recently active conversations should be the ones evicted")
	}
	f.a.Forget("c4")
	if f.a.hist.get("c4") != nil {
		t.Error("Forget kept the history")
	}
}

func TestHistoryOff(t *testing.T) {
	for _, mod := range []func(*Options){
		func(o *Options) { o.HistoryTTL = 0 },
		func(o *Options) { o.HistoryTurns = 0 },
	} {
		f := newFixture(t, mod)
		for range 2 {
			f.a.Answer(context.Background(), answer.Question{Text: qOct3, Conversation: "dm"})
		}
		if n := len(lastMessages(f)); n != 2 {
			t.Errorf("history off: %d messages", n)
		}
	}
}

func TestIsContinuation(t *testing.T) {
	f := newFixture(t, nil)
	for text, want := range map[string]bool{
		"and did he reply?":                 true,
		"And then?":                         true,
		"What about Assange?":               true,
		"et a-t-il répondu ?":               true,
		"Qu'a-t-il répondu ?":               true,
		"did she answer":                    true,
		"What did Roger Stone tweet?":       false,
		"and on 9 November 2016?":           false, // a date of its own
		"and what was the last message?":    false, // first/last of its own
		"Que s'est-il passé le 4 juillet ?": false,
	} {
		if got := isContinuation(question.Parse(text, f.tl)); got != want {
			t.Errorf("isContinuation(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestCombineBounded(t *testing.T) {
	s := "q1"
	for i := 2; i <= 6; i++ {
		s = combine(s, fmt.Sprintf("q%d", i))
	}
	if s != "q1\nq5\nq6" {
		t.Errorf("combined %q, want the first and the latest questions", s)
	}
}
