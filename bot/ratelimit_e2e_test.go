package bot_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/internal/discordsession"
	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/knowledge"
)

// logSink is a JSON log the test can wait on.
type logSink struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func newLogSink() *logSink { return &logSink{changed: make(chan struct{})} }

func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	close(l.changed)
	l.changed = make(chan struct{})
	return l.b.Write(p)
}

func (l *logSink) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logSink) logger() *slog.Logger { return slog.New(slog.NewJSONHandler(l, nil)) }

// wait returns once the log has a line containing substr.
func (l *logSink) wait(t testing.TB, ctx context.Context, substr string) {
	t.Helper()
	for {
		l.mu.Lock()
		found, ch := strings.Contains(l.b.String(), substr), l.changed
		l.mu.Unlock()
		if found {
			return
		}
		select {
		case <-ch:
		case <-ctx.Done():
			t.Fatalf("no log line with %q:\n%s", substr, l.String())
		}
	}
}

// count counts the fake's requests with this method whose path contains substr, and the time
// of each.
func count(fake *fakediscord.Server, method, substr string) []time.Time {
	var at []time.Time
	for _, r := range fake.Requests() {
		if r.Method == method && strings.Contains(r.Path, substr) {
			at = append(at, r.Time)
		}
	}
	return at
}

// Discord answering the bulk overwrite of commands with 429 (issue 10, point 5): discordgo alone
// retried recursively after retry_after, thousands of requests a second with retry_after 0 and no
// log line. Now each retry waits retry_after but at least the floor, is logged, and after
// DefaultRateLimitRetries the registration fails with a message saying what happened and what to do.
func TestCommandRegistrationUnder429IsBoundedLoggedAndFailsClearly(t *testing.T) {
	for _, retryAfter := range []time.Duration{0, 700 * time.Millisecond} {
		t.Run(retryAfter.String(), func(t *testing.T) {
			t.Parallel()
			fake := fakediscord.New(t, fakediscord.Options{})
			fake.RateLimitN("PUT", "/applications/", retryAfter, -1)
			logs := newLogSink()
			tl, err := knowledge.Default()
			if err != nil {
				t.Fatal(err)
			}
			store := knowledge.NewStore(tl)
			b := bot.New(bot.Options{GuildID: fake.GuildID(), Logger: logs.logger()}, answer.NewEngine(store), store)
			sess, err := discordsession.New(discordsession.Options{Token: fake.Token(), APIURL: fake.APIURL(), Logger: logs.logger()})
			if err != nil {
				t.Fatal(err)
			}
			err = b.RegisterCommands(waitCtx(t, 20*time.Second), sess, fake.AppID())
			if err == nil {
				t.Fatal("registration succeeded though every request was refused")
			}
			for _, want := range []string{"register commands in guild", "429 Too Many Requests", "did not start", "Wait a few minutes"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the error lacks %q: %v", want, err)
				}
			}
			puts := count(fake, "PUT", "/commands")
			if len(puts) != 1+discordsession.DefaultRateLimitRetries {
				t.Fatalf("%d bulk overwrites sent, want %d (one and %d retries)", len(puts), 1+discordsession.DefaultRateLimitRetries, discordsession.DefaultRateLimitRetries)
			}
			wantGap := max(retryAfter, discordsession.DefaultRateLimitFloor)
			for i := 1; i < len(puts); i++ {
				if gap := puts[i].Sub(puts[i-1]); gap < wantGap {
					t.Errorf("retry %d came %v after the 429, before the %v asked for", i, gap, wantGap)
				}
			}
			out := logs.String()
			if n := strings.Count(out, "discord rate limit: retrying"); n != discordsession.DefaultRateLimitRetries {
				t.Errorf("%d retry log lines, want one per retry (%d):\n%s", n, discordsession.DefaultRateLimitRetries, out)
			}
			if !strings.Contains(out, "discord rate limit: giving up") {
				t.Errorf("no log line for giving up:\n%s", out)
			}
			fake.ClearRateLimits()
			if err := b.RegisterCommands(waitCtx(t, 10*time.Second), sess, fake.AppID()); err != nil {
				t.Errorf("registration once Discord accepts it again: %v", err)
			}
		})
	}
}

// A 429 or two are waited out and the commands registered.
func TestCommandRegistrationWaitsOutAFew429s(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New(t, fakediscord.Options{})
	fake.RateLimitN("PUT", "/applications/", 0, 2)
	logs := newLogSink()
	tl, _ := knowledge.Default()
	store := knowledge.NewStore(tl)
	b := bot.New(bot.Options{GuildID: fake.GuildID(), Logger: logs.logger()}, answer.NewEngine(store), store)
	sess, err := discordsession.New(discordsession.Options{Token: fake.Token(), APIURL: fake.APIURL(), Logger: logs.logger()})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.RegisterCommands(waitCtx(t, 10*time.Second), sess, fake.AppID()); err != nil {
		t.Fatal(err)
	}
	if n := len(count(fake, "PUT", "/commands")); n != 3 {
		t.Errorf("%d bulk overwrites, want 3 (two refused, one accepted)", n)
	}
	if len(fake.Commands(fake.GuildID())) != len(bot.Commands(seedTimeline(t))) {
		t.Errorf("commands not registered: %v", fake.Commands(fake.GuildID()))
	}
}

// An edit of a deferred answer that Discord keeps answering with 429 (issue 10, point 7) was retried
// every retry_after until shutdown. Now it is retried a few times, then given up and logged, and the
// handler ends.
func TestAWebhookEditUnder429IsRetriedAFewTimesThenGivenUp(t *testing.T) {
	t.Parallel()
	logs := newLogSink()
	tl, _ := knowledge.Default()
	slow := &delayedAnswerer{inner: answer.NewEngine(knowledge.NewStore(tl)), delay: 300 * time.Millisecond}
	r := start(t, fakediscord.Options{}, bot.Options{AckBudget: 50 * time.Millisecond, Logger: logs.logger()}, slow)
	r.fake.RateLimitN("PATCH", "/webhooks/", 0, -1)
	id := r.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on Nov 8?")))
	if cb, err := r.fake.WaitCallback(waitCtx(t, 5*time.Second), id); err != nil || cb.Type != 5 {
		t.Fatalf("want a deferral first: %+v, %v", cb, err)
	}
	ctx := waitCtx(t, 15*time.Second)
	logs.wait(t, ctx, "discord rate limit: giving up")
	logs.wait(t, ctx, `"msg":"interaction failed"`)
	edits := count(r.fake, "PATCH", "/messages/@original")
	if len(edits) != 1+discordsession.DefaultRateLimitRetries {
		t.Errorf("%d edits sent, want %d", len(edits), 1+discordsession.DefaultRateLimitRetries)
	}
	rec, _ := r.fake.Interaction(id)
	out := logs.String()
	if strings.Contains(out, rec.Token) {
		t.Errorf("the log carries the interaction token:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "rate limit") && !strings.Contains(line, "/webhooks/"+r.fake.AppID()+"/{token}/") {
			t.Errorf("a rate-limit log line without the route, or with the interaction token: %s", line)
		}
	}
}

func seedTimeline(t *testing.T) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// The same bound holds for every REST call, here the reply to a direct message: a few retries, a
// log line, and the handler moves on.
func TestAMessageReplyUnder429IsRetriedAFewTimesThenGivenUp(t *testing.T) {
	t.Parallel()
	logs := newLogSink()
	r := start(t, fakediscord.Options{}, bot.Options{Logger: logs.logger()}, nil)
	r.fake.RateLimitN("POST", "/channels/", 0, -1)
	r.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Content: "What happened on Nov 8?"})
	ctx := waitCtx(t, 15*time.Second)
	logs.wait(t, ctx, `"msg":"reply to message"`)
	var posts int
	for _, req := range r.fake.Requests() {
		if req.Method == "POST" && strings.HasSuffix(req.Path, "/messages") {
			posts++
		}
	}
	if posts != 1+discordsession.DefaultRateLimitRetries {
		t.Errorf("%d replies sent, want %d", posts, 1+discordsession.DefaultRateLimitRetries)
	}
	if !strings.Contains(logs.String(), "discord rate limit: giving up") {
		t.Errorf("no log line for giving up:\n%s", logs.String())
	}
}
