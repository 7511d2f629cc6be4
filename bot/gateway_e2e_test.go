package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
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

// delayedAnswerer answers like the embedded engine, after a delay.
type delayedAnswerer struct {
	inner   bot.Answerer
	delay   time.Duration
	started chan struct{}
}

func (s *delayedAnswerer) Answer(ctx context.Context, q answer.Question) (answer.Answer, error) {
	if s.started != nil {
		s.started <- struct{}{}
	}
	select {
	case <-time.After(s.delay):
	case <-ctx.Done():
		return answer.Answer{}, ctx.Err()
	}
	return s.inner.Answer(ctx, q)
}

type running struct {
	fake *fakediscord.Server
	stop context.CancelFunc
	done chan error
}

// start runs a bot.Bot with a real discordgo session against a fake Discord.
func start(t testing.TB, fopts fakediscord.Options, opts bot.Options, a bot.Answerer) *running {
	t.Helper()
	fake := fakediscord.New(t, fopts)
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	store := knowledge.NewStore(tl)
	if a == nil {
		a = answer.NewEngine(store)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	opts.GuildID = fake.GuildID()
	b := bot.New(opts, a, store)
	sess, err := discordsession.New(discordsession.Options{Token: fake.Token(), APIURL: fake.APIURL(), Intents: bot.Intents, Logger: opts.Logger})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{fake: fake, stop: cancel, done: make(chan error, 1)}
	go func() { r.done <- b.Run(ctx, sess) }()
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	if _, err := fake.WaitCommands(wctx, fake.GuildID()); err != nil {
		t.Fatalf("commands never registered: %v", err)
	}
	return r
}

func waitCtx(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func TestASlowAnswerIsDeferredThenEditedIn(t *testing.T) {
	tl, _ := knowledge.Default()
	slow := &delayedAnswerer{inner: answer.NewEngine(knowledge.NewStore(tl)), delay: 2 * time.Second}
	r := start(t, fakediscord.Options{}, bot.Options{AckBudget: 200 * time.Millisecond}, slow)
	id := r.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on Nov 8?")))
	cb, err := r.fake.WaitCallback(waitCtx(t, 5*time.Second), id)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != 5 {
		t.Fatalf("want a deferred response (type 5) within the budget, got type %d", cb.Type)
	}
	edit, err := r.fake.WaitOriginalEdit(waitCtx(t, 10*time.Second), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(edit.Message.Embeds) == 0 || !strings.Contains(edit.Message.Embeds[0].Description, "8 November 2016") {
		t.Fatalf("the edit does not carry the answer: %+v", edit.Message)
	}
	r.fake.AssertNoViolations(t)
}

func TestShutdownLetsAnswersInFlightFinish(t *testing.T) {
	tl, _ := knowledge.Default()
	slow := &delayedAnswerer{inner: answer.NewEngine(knowledge.NewStore(tl)), delay: 1500 * time.Millisecond, started: make(chan struct{}, 8)}
	r := start(t, fakediscord.Options{}, bot.Options{AckBudget: 100 * time.Millisecond, ShutdownTimeout: 5 * time.Second}, slow)
	ids := []string{
		r.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on Nov 8?"))),
		r.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on Nov 9?"))),
	}
	for range ids {
		<-slow.started
	}
	r.stop() // what SIGTERM does in serve
	select {
	case err := <-r.done:
		r.done <- err // for the cleanup
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return within the shutdown bound")
	}
	for _, id := range ids {
		edit, err := r.fake.WaitOriginalEdit(waitCtx(t, time.Second), id)
		if err != nil {
			t.Fatalf("interaction %s in flight at shutdown was never answered: %v", id, err)
		}
		if len(edit.Message.Embeds) == 0 {
			t.Errorf("interaction %s: edit without the answer", id)
		}
	}
	if u := r.fake.Unacknowledged(); len(u) != 0 {
		t.Errorf("unacknowledged: %v", u)
	}
	r.fake.AssertNoViolations(t)
}

func TestShutdownBoundCancelsAnswersThatRunTooLong(t *testing.T) {
	tl, _ := knowledge.Default()
	slow := &delayedAnswerer{inner: answer.NewEngine(knowledge.NewStore(tl)), delay: time.Minute, started: make(chan struct{}, 1)}
	r := start(t, fakediscord.Options{}, bot.Options{AckBudget: 100 * time.Millisecond, ShutdownTimeout: 300 * time.Millisecond}, slow)
	id := r.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on Nov 8?")))
	<-slow.started
	if _, err := r.fake.WaitCallback(waitCtx(t, 3*time.Second), id); err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	r.stop()
	err := <-r.done
	r.done <- err
	if took := time.Since(begin); took > 3*time.Second {
		t.Fatalf("shutdown took %v despite a 300 ms bound", took)
	}
}

// ackRecorder collects the bot's own handling times.
type ackRecorder struct {
	mu sync.Mutex
	d  []time.Duration
}

func (a *ackRecorder) add(d time.Duration) {
	a.mu.Lock()
	a.d = append(a.d, d)
	a.mu.Unlock()
}

func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

// BenchmarkTwoHundredConcurrentInteractions dispatches 200 /ask interactions at once over the fake
// gateway and reports the bot's own handling time (interaction received to callback request sent,
// measured in process) and the end-to-end time on loopback (dispatch to callback received by the
// fake), p50 and p99, and questions answered per second. The fake's OpenAPI validation is off here:
// it costs milliseconds per request and would measure the fake, not the bot (other tests keep it on).
func BenchmarkTwoHundredConcurrentInteractions(b *testing.B) {
	rec := &ackRecorder{}
	r := start(b, fakediscord.Options{OpenAPISpecPath: "off"}, bot.Options{OnAck: rec.add}, nil)
	questions := []string{"What did WikiLeaks ask for on 21 October 2016?", "What happened in November 2016?", "Que s'est-il passé le 4 juillet 2017 ?", "What did Roger Stone tweet?"}
	var e2e []time.Duration
	var total time.Duration
	n := 0
	b.ResetTimer()
	for b.Loop() {
		begin := time.Now()
		ids := make([]string, 200)
		for i := range ids {
			spec := fakediscord.SlashCommand("ask", fakediscord.Opt("question", questions[i%len(questions)]))
			spec.User = fakediscord.User{ID: fmt.Sprint(4000000000000000000 + n*1000 + i), Username: "u"}
			ids[i] = r.fake.DispatchInteraction(spec)
		}
		for _, id := range ids {
			cb, err := r.fake.WaitCallback(waitCtx(b, 10*time.Second), id)
			if err != nil {
				b.Fatal(err)
			}
			e2e = append(e2e, cb.Latency)
		}
		total += time.Since(begin)
		n++
	}
	b.StopTimer()
	if u := r.fake.Unacknowledged(); len(u) != 0 {
		b.Fatalf("%d interactions unacknowledged", len(u))
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	b.ReportMetric(float64(percentile(rec.d, 0.5).Microseconds()), "bot-p50-µs")
	b.ReportMetric(float64(percentile(rec.d, 0.99).Microseconds()), "bot-p99-µs")
	b.ReportMetric(float64(percentile(e2e, 0.5).Microseconds()), "e2e-p50-µs")
	b.ReportMetric(float64(percentile(e2e, 0.99).Microseconds()), "e2e-p99-µs")
	b.ReportMetric(float64(200*n)/total.Seconds(), "questions/s")
}

func TestAnswerEmbedsSurviveJSONRoundTrip(t *testing.T) {
	// The fake stores what it received; a reply that marshals to null fields would be refused by
	// Discord. This guards the builders' nil-slice handling.
	tl, _ := knowledge.Default()
	a, _ := answer.NewEngine(knowledge.NewStore(tl)).Answer(context.Background(), answer.Question{Text: "What happened in 2018?"})
	body, _ := json.Marshal(bot.AnswerReply("What happened in 2018?", a, tl).ResponseData())
	for _, bad := range []string{`"embeds":null`, `"components":null`} {
		if strings.Contains(string(body), bad) {
			t.Errorf("%s in %s", bad, body)
		}
	}
}

// fixedAnswerer returns the same answer to every question.
type fixedAnswerer struct{ a answer.Answer }

func (f fixedAnswerer) Answer(context.Context, answer.Question) (answer.Answer, error) {
	return f.a, nil
}

// recordingMetrics records the LLM figures the bot reports.
type recordingMetrics struct {
	mu                 sync.Mutex
	prompt, completion int
	fallbacks          []string
}

func (r *recordingMetrics) Question(string, string, time.Duration) {}
func (r *recordingMetrics) Feedback(bool)                          {}
func (r *recordingMetrics) GatewayConnected(bool)                  {}
func (r *recordingMetrics) LLMTokens(p, c int) {
	r.mu.Lock()
	r.prompt, r.completion = r.prompt+p, r.completion+c
	r.mu.Unlock()
}
func (r *recordingMetrics) LLMFallback(reason string) {
	r.mu.Lock()
	r.fallbacks = append(r.fallbacks, reason)
	r.mu.Unlock()
}

func TestModelTokensAndFallbacksAreCountedByReasonClass(t *testing.T) {
	rec := &recordingMetrics{}
	a := answer.Answer{Answered: true, Text: "x", Lang: "en", Mode: "extractive",
		Fallback: `model quoted text that is not in the source: "made up words here"`,
		Usage:    answer.Usage{PromptTokens: 500, CompletionTokens: 40}}
	r := start(t, fakediscord.Options{}, bot.Options{Metrics: rec}, fixedAnswerer{a})
	for range 2 {
		id := r.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "anything")))
		if _, err := r.fake.WaitCallback(waitCtx(t, 5*time.Second), id); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(50 * time.Millisecond)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.prompt != 1000 || rec.completion != 80 {
		t.Errorf("tokens = %d/%d, want 1000/80", rec.prompt, rec.completion)
	}
	if len(rec.fallbacks) != 2 || rec.fallbacks[0] != "model quoted text that is not in the source" {
		t.Errorf("fallback classes = %q", rec.fallbacks)
	}
}

// failingAnswerer fails after a delay, as an answerer whose context ran out would.
type failingAnswerer struct{ delay time.Duration }

func (f failingAnswerer) Answer(context.Context, answer.Question) (answer.Answer, error) {
	time.Sleep(f.delay)
	return answer.Answer{}, fmt.Errorf("answerer unavailable")
}

func TestAnErrorAfterADeferralIsShownOnlyToTheAsker(t *testing.T) {
	r := start(t, fakediscord.Options{}, bot.Options{AckBudget: 100 * time.Millisecond}, failingAnswerer{300 * time.Millisecond})
	id := r.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on Nov 8?")))
	cb, err := r.fake.WaitCallback(waitCtx(t, 5*time.Second), id)
	if err != nil || cb.Type != 5 {
		t.Fatalf("want a deferral, got %+v, %v", cb.Type, err)
	}
	f, err := r.fake.WaitFollowup(waitCtx(t, 5*time.Second), id)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Ephemeral() || !strings.Contains(f.Content, "try again") {
		t.Errorf("the error should be an ephemeral follow-up, got %+v", f)
	}
	rec, _ := r.fake.Interaction(id)
	if orig, ok := r.fake.Message(rec.OriginalID); !ok || !orig.Deleted {
		t.Errorf("the public deferred message was left in the channel")
	}
	r.fake.AssertNoViolations(t)
}

func TestFeedbackClicksAreBoundedPerUser(t *testing.T) {
	r := start(t, fakediscord.Options{}, bot.Options{}, nil)
	id := r.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on Nov 9?")))
	cb, err := r.fake.WaitCallback(waitCtx(t, 5*time.Second), id)
	if err != nil {
		t.Fatal(err)
	}
	var helpful string
	for _, c := range cb.Message.CustomIDs() {
		if strings.HasPrefix(c, "fb:y:") {
			helpful = c
		}
	}
	var notes []string
	for range 7 {
		bid := r.fake.DispatchInteraction(fakediscord.InteractionSpec{Type: 3, CustomID: helpful, ComponentType: 2, MessageID: cb.Message.ID})
		fb, err := r.fake.WaitCallback(waitCtx(t, 5*time.Second), bid)
		if err != nil {
			t.Fatal(err)
		}
		notes = append(notes, fb.Message.Content)
	}
	if !strings.Contains(notes[0], "noted for the moderators") || !strings.Contains(notes[6], "already noted") {
		t.Errorf("want the first clicks counted and the seventh turned away, got %q", notes)
	}
	r.fake.AssertNoViolations(t)
}
