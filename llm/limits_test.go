package llm

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/fakeopenai"
)

// A 200 MB reply (issue 10, point 6) was read whole (873 MB of memory) and shown as the answer.
// Now the body is read through a cap derived from MaxTokens and the extractive answer is shown,
// plain or streamed, without the reply ever being held in memory.
func TestAHugeReplyIsCutAtTheCapAndFallsBack(t *testing.T) {
	for _, stream := range []bool{false, true} {
		name := "plain"
		if stream {
			name = "stream"
		}
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, func(o *Options) { o.MaxTokens = 400; o.Timeout = 20 * time.Second })
			f.srv.SetDefault(fakeopenai.Huge)
			f.srv.SetHugeSize(200 << 20)
			q := answer.Question{Text: qOct3}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			var ans answer.Answer
			var err error
			if stream {
				ans, err = f.a.AnswerStream(context.Background(), q, func(string) {})
			} else {
				ans, err = f.a.Answer(context.Background(), q)
			}
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if ans.Mode != "extractive" || ans.Fallback != "reply too large" {
				t.Errorf("mode %q, fallback %q: want the extractive answer because the reply is too large", ans.Mode, ans.Fallback)
			}
			want, _ := answer.NewEngine(f.kb).Answer(context.Background(), q)
			if ans.Text != want.Text {
				t.Errorf("text %q, want the extractive %q", ans.Text, want.Text)
			}
			// Everything the process allocated while answering (the fake included): about 1 MB plain,
			// about 35 MB streamed, where the text so far is verified again at each event up to the
			// text cap. It was 873 MB for this reply before the caps.
			// (Not under the race detector; see raceEnabled.)
			if alloc := after.TotalAlloc - before.TotalAlloc; !raceEnabled && alloc > 64<<20 {
				t.Errorf("answering allocated %d MB for a reply capped at %d KB", alloc>>20, replyCap(400)>>10)
			}
			// About 0.1 s; the race detector makes the streamed verification many times slower.
			if d := time.Since(start); !raceEnabled && d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			if n := len(f.srv.Requests()); n != 1 {
				t.Errorf("%d requests: a reply too large is not retried", n)
			}
		})
	}
}

// A reply just under the cap is read and verified as usual.
func TestAReplyUnderTheCapIsRead(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.MaxTokens = 400 })
	f.srv.SetDefault(fakeopenai.Huge)
	f.srv.SetHugeSize(replyTextCap(400) / 2)
	ans, err := f.a.Answer(context.Background(), answer.Question{Text: qOct3})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Mode != Mode || ans.Fallback != "" {
		t.Errorf("mode %q, fallback %q: a reply within the cap is the model's", ans.Mode, ans.Fallback)
	}
}

func TestReplyCapGrowsWithMaxTokens(t *testing.T) {
	for _, tc := range []struct {
		tokens int
		want   int64
	}{{400, 464 << 10}, {4000, 4064 << 10}} {
		if got := replyCap(tc.tokens); got != tc.want {
			t.Errorf("replyCap(%d) = %d, want %d", tc.tokens, got, tc.want)
		}
	}
}
