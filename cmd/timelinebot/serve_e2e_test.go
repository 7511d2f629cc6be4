package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/knowledge"
)

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// served is the real program running `serve` against a fake Discord.
type served struct {
	fake   *fakediscord.Server
	logs   *syncBuffer
	stop   context.CancelFunc
	done   chan error
	source *knowledge.Source
}

// serve starts `timelinebot serve` in process, with the real discordgo client pointed at a fake
// Discord through DISCORD_API_URL, and waits until its commands are registered.
func serve(t *testing.T, opts fakediscord.Options, env ...string) *served {
	t.Helper()
	fake := fakediscord.New(t, opts)
	base := []string{
		"DISCORD_TOKEN=" + fake.Token(),
		"DISCORD_API_URL=" + fake.APIURL(),
		"DISCORD_GUILD_ID=" + fake.GuildID(),
		"LOG_FORMAT=json",
		"DATABASE_URL=" + testdb.SQLiteURL(t),
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{fake: fake, logs: &syncBuffer{}, stop: cancel, done: make(chan error, 1)}
	go func() { s.done <- run(ctx, []string{"serve"}, append(base, env...), s.logs, s.logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop within 15 s of cancellation")
		}
		if t.Failed() {
			t.Logf("bot logs:\n%s", s.logs.String())
		}
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	if _, err := fake.WaitCommands(wctx, fake.GuildID()); err != nil {
		t.Fatalf("commands never registered: %v\nlogs:\n%s", err, s.logs.String())
	}
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	s.source = &tl.Source
	return s
}

func ctxFor(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// ask dispatches /ask and returns the callback.
func (s *served) ask(t *testing.T, q string, mutate ...func(*fakediscord.InteractionSpec)) fakediscord.Callback {
	t.Helper()
	spec := fakediscord.SlashCommand("ask", fakediscord.Opt("question", q))
	for _, m := range mutate {
		m(&spec)
	}
	id := s.fake.DispatchInteraction(spec)
	cb, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if err != nil {
		t.Fatalf("no callback for %q: %v", q, err)
	}
	return cb
}

func TestServeRegistersLocalizedCommandsInTheGuildOnce(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	cmds := s.fake.Commands(s.fake.GuildID())
	names := map[string]bool{}
	for _, c := range cmds {
		names[c.Name] = true
	}
	for _, want := range []string{"ask", "timeline", "event", "source", "reload", "draft"} {
		if !names[want] {
			t.Errorf("command /%s not registered; got %v", want, names)
		}
	}
	if len(cmds) != 6 {
		t.Errorf("want 6 commands after one bulk overwrite, got %d", len(cmds))
	}
	if info := s.fake.Identify(); info.Intents&(1<<15) != 0 {
		t.Errorf("the bot asked for the privileged MESSAGE_CONTENT intent: %d", info.Intents)
	}
	s.fake.AssertNoViolations(t)
}

func TestAskIsAnsweredWithAVerbatimCitation(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	cb := s.ask(t, "What did WikiLeaks ask for on 21 October 2016?")
	if cb.Type != 4 || cb.Message == nil {
		t.Fatalf("want an immediate answer (type 4), got type %d", cb.Type)
	}
	if cb.Message.Ephemeral() {
		t.Errorf("an answer should be public")
	}
	e := cb.Message.Embeds[0]
	if !strings.Contains(strings.ToLower(e.Description), "tax") {
		t.Errorf("answer does not mention tax returns: %q", e.Description)
	}
	if len(e.Fields) == 0 {
		t.Fatal("no citation fields")
	}
	for _, f := range e.Fields {
		quote := strings.TrimSuffix(strings.TrimPrefix(f.Value, "«"), "»")
		if !s.source.Contains(quote) {
			t.Errorf("cited quote is not verbatim in the source: %q", quote)
		}
		if !strings.Contains(f.Name, "21 October 2016") {
			t.Errorf("citation field does not give its date: %q", f.Name)
		}
	}
	if e.Footer == nil || !strings.Contains(e.Footer.Text, "Business Insider") {
		t.Errorf("footer lacks the attribution: %+v", e.Footer)
	}
	if ids := cb.Message.CustomIDs(); len(ids) != 3 {
		t.Errorf("want the three buttons under the answer, got %v", ids)
	}
	if !strings.Contains(s.logs.String(), `"msg":"question"`) || !strings.Contains(s.logs.String(), `"kind":"slash"`) {
		t.Errorf("no question log line:\n%s", s.logs.String())
	}
	s.fake.AssertNoViolations(t)
}

func TestAskWithNoAnswerSaysSoAndCitesNothing(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	cb := s.ask(t, "What did WikiLeaks send on 1 February 2017?")
	e := cb.Message.Embeds[0]
	if !strings.Contains(e.Description, "says nothing") || !strings.Contains(e.Description, "16 December 2016") {
		t.Errorf("refusal does not say so or name the nearest events: %q", e.Description)
	}
	if len(e.Fields) != 0 {
		t.Errorf("a refusal cited %d passages", len(e.Fields))
	}
	s.fake.AssertNoViolations(t)
}

func TestAskInFrenchLocaleAnswersInFrenchWhenTheQuestionDoesNotTell(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	cb := s.ask(t, "2016-10-21", func(sp *fakediscord.InteractionSpec) { sp.Locale = "fr" })
	if d := cb.Message.Embeds[0].Description; !strings.HasPrefix(d, "Le 21 octobre 2016") {
		t.Errorf("want a French answer, got %q", d)
	}
	s.fake.AssertNoViolations(t)
}

func TestAskMentioningEveryonePingsNoOne(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	cb := s.ask(t, "@everyone <@&1234567890123456> <@1234567890123457> what happened on 9 November 2016?")
	am := cb.Message.AllowedMentions
	if am == nil || len(am.Parse) != 0 || len(am.Users) != 0 || len(am.Roles) != 0 || (am.RepliedUser != nil && *am.RepliedUser) {
		t.Fatalf("allowed_mentions could ping: %+v", am)
	}
	s.fake.AssertNoViolations(t)
}

func TestTooLongQuestionsAndFastAskersGetAnEphemeralNotice(t *testing.T) {
	s := serve(t, fakediscord.Options{}, "RATE_LIMIT_BURST=2", "RATE_LIMIT_PER_MINUTE=1", "MAX_QUESTION_LENGTH=50")
	long := s.ask(t, strings.Repeat("why ", 20))
	if !long.Message.Ephemeral() || !strings.Contains(long.Message.Content, "limit is 50") {
		t.Errorf("long question: want an ephemeral notice naming the limit, got %+v", long.Message.Content)
	}
	user := fakediscord.User{ID: "3000000000000000001", Username: "fast"}
	as := func(sp *fakediscord.InteractionSpec) { sp.User = user }
	for i := range 2 {
		if cb := s.ask(t, "what happened on 9 November 2016?", as); cb.Message.Ephemeral() {
			t.Fatalf("question %d within the burst was refused: %q", i+1, cb.Message.Content)
		}
	}
	cb := s.ask(t, "what happened on 9 November 2016?", as)
	if !cb.Message.Ephemeral() || !strings.Contains(cb.Message.Content, "wait") {
		t.Errorf("third question: want a friendly ephemeral rate-limit notice, got %q", cb.Message.Content)
	}
	s.fake.AssertNoViolations(t)
}

func TestTimelinePagesWithButtons(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	id := s.fake.DispatchInteraction(fakediscord.SlashCommand("timeline"))
	cb, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if err != nil {
		t.Fatal(err)
	}
	first := cb.Message.Embeds[0]
	if len(first.Fields) != 5 || !strings.Contains(first.Footer.Text, "Page 1 of 3") {
		t.Fatalf("want page 1 of 3 with 5 events, got %d fields, footer %q", len(first.Fields), first.Footer.Text)
	}
	var next string
	for _, cid := range cb.Message.CustomIDs() {
		if strings.HasSuffix(cid, ":1") {
			next = cid
		}
	}
	if next == "" {
		t.Fatalf("no Next button in %v", cb.Message.CustomIDs())
	}
	bid := s.fake.DispatchInteraction(fakediscord.Button(next))
	cb2, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), bid)
	if err != nil {
		t.Fatal(err)
	}
	if cb2.Type != 7 {
		t.Fatalf("Next should update the message (type 7), got %d", cb2.Type)
	}
	second := cb2.Message.Embeds[0]
	if !strings.Contains(second.Footer.Text, "Page 2 of 3") || second.Fields[0].Name == first.Fields[0].Name {
		t.Errorf("page 2 not shown: %q", second.Footer.Text)
	}
	s.fake.AssertNoViolations(t)
}

func TestTimelineWithARangeAndAnUnreadableDate(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	id := s.fake.DispatchInteraction(fakediscord.SlashCommand("timeline", fakediscord.Opt("from", "November 2016"), fakediscord.Opt("to", "2016-12-31")))
	cb, _ := s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if n := len(cb.Message.Embeds[0].Fields); n != 3 {
		t.Errorf("November–December 2016 has 3 events, got %d", n)
	}
	id = s.fake.DispatchInteraction(fakediscord.SlashCommand("timeline", fakediscord.Opt("from", "someday")))
	cb, _ = s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if !cb.Message.Ephemeral() || !strings.Contains(cb.Message.Content, "someday") {
		t.Errorf("an unreadable date should get an ephemeral message naming it, got %q", cb.Message.Content)
	}
	s.fake.AssertNoViolations(t)
}

func TestEventAutocompleteThenSelection(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	id := s.fake.DispatchInteraction(fakediscord.Autocomplete("event", fakediscord.Focused("date", "oct")))
	cb, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != 8 || len(cb.Choices) == 0 || len(cb.Choices) > 25 {
		t.Fatalf("want 1..25 autocomplete choices, got type %d with %d", cb.Type, len(cb.Choices))
	}
	for _, c := range cb.Choices {
		if !strings.HasPrefix(c.Name, "2016-10") {
			t.Errorf("choice %q does not match 'oct'", c.Name)
		}
	}
	pick := fmt.Sprint(cb.Choices[0].Value)
	id = s.fake.DispatchInteraction(fakediscord.SlashCommand("event", fakediscord.Opt("date", pick)))
	cb, err = s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if err != nil {
		t.Fatal(err)
	}
	e := cb.Message.Embeds[0]
	passages := 0
	for _, f := range e.Fields {
		if strings.HasPrefix(f.Name, "¶") {
			passages++
			if !s.source.Contains(strings.Trim(f.Value, "«»")) {
				t.Errorf("passage not verbatim: %q", f.Value)
			}
		}
	}
	if passages == 0 {
		t.Errorf("the event is shown without its passages: %+v", e)
	}
	// Everything matches when nothing is typed yet, within Discord's 25.
	id = s.fake.DispatchInteraction(fakediscord.Autocomplete("event", fakediscord.Focused("date", "")))
	cb, _ = s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if len(cb.Choices) == 0 || len(cb.Choices) > 25 {
		t.Errorf("empty input: %d choices", len(cb.Choices))
	}
	s.fake.AssertNoViolations(t)
}

func TestTimelineAroundAnAnswerAndFeedbackButtons(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	cb := s.ask(t, "What did WikiLeaks say on 9 November 2016?")
	var around, wrong string
	for _, cid := range cb.Message.CustomIDs() {
		switch {
		case strings.HasPrefix(cid, "tl:a:"):
			around = cid
		case strings.HasPrefix(cid, "fb:n:"):
			wrong = cid
		}
	}
	bid := s.fake.DispatchInteraction(fakediscord.InteractionSpec{Type: 3, CustomID: around, ComponentType: 2, MessageID: cb.Message.ID})
	view, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), bid)
	if err != nil {
		t.Fatal(err)
	}
	if view.Type != 4 || !view.Message.Ephemeral() {
		t.Fatalf("Timeline around this should open an ephemeral view, got type %d", view.Type)
	}
	found := false
	for _, f := range view.Message.Embeds[0].Fields {
		found = found || strings.Contains(f.Name, "9 November 2016")
	}
	if !found {
		t.Errorf("the view around the cited event does not show it")
	}
	fid := s.fake.DispatchInteraction(fakediscord.InteractionSpec{Type: 3, CustomID: wrong, ComponentType: 2, MessageID: cb.Message.ID})
	fb, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), fid)
	if err != nil {
		t.Fatal(err)
	}
	if !fb.Message.Ephemeral() {
		t.Errorf("feedback acknowledgement should be ephemeral")
	}
	logs := s.logs.String()
	if !strings.Contains(logs, `"msg":"feedback"`) || !strings.Contains(logs, `"helpful":false`) || !strings.Contains(logs, "9 November 2016") {
		t.Errorf("feedback not logged with the question:\n%s", logs)
	}
	s.fake.AssertNoViolations(t)
}

func TestSourceSaysWhatTheBotKnows(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	id := s.fake.DispatchInteraction(fakediscord.SlashCommand("source"))
	cb, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(cb.Message.Embeds[0])
	for _, want := range []string{"Business Insider", "fr", "14 (9 entries, 5 context)", "embedded"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/source lacks %q: %s", want, body)
		}
	}
	s.fake.AssertNoViolations(t)
}

func TestDirectMessagesAndMentionsAreAnsweredBotsAreIgnored(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	ctx := ctxFor(t, 10*time.Second)
	dm := s.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Content: "What did WikiLeaks say on 9 November 2016?"})
	reply, err := s.fake.WaitChannelMessage(ctx, func(m fakediscord.Message) bool { return m.Reference != nil && m.Reference.MessageID == dm })
	if err != nil {
		t.Fatalf("no reply to the DM: %v", err)
	}
	if !strings.Contains(reply.Embeds[0].Description, "Wow") {
		t.Errorf("DM answer: %q", reply.Embeds[0].Description)
	}
	if reply.AllowedMentions == nil || (reply.AllowedMentions.RepliedUser != nil && *reply.AllowedMentions.RepliedUser) {
		t.Errorf("the reply may ping its author: %+v", reply.AllowedMentions)
	}
	mention := s.fake.DispatchMessage(fakediscord.MessageSpec{Content: "<@" + s.fake.BotUserID() + "> what happened on 2016-10-14?"})
	if _, err := s.fake.WaitChannelMessage(ctx, func(m fakediscord.Message) bool { return m.Reference != nil && m.Reference.MessageID == mention }); err != nil {
		t.Fatalf("no reply to the mention: %v", err)
	}
	// Not mentioned, another bot, the bot itself: no reply.
	plain := s.fake.DispatchMessage(fakediscord.MessageSpec{Content: "what happened on 2016-10-14?"})
	other := s.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Author: fakediscord.User{ID: "3000000000000000099", Username: "otherbot", Bot: true}, Content: "what happened on 2016-10-14?"})
	self := s.fake.DispatchMessage(fakediscord.MessageSpec{Author: s.fake.BotUser(), Content: "<@" + s.fake.BotUserID() + "> what happened?"})
	// A later DM is answered, so the ignored ones had their chance first.
	probe := s.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Content: "What happened on Nov 8?"})
	if _, err := s.fake.WaitChannelMessage(ctx, func(m fakediscord.Message) bool { return m.Reference != nil && m.Reference.MessageID == probe }); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	for _, m := range s.fake.Messages() {
		if m.Reference != nil && (m.Reference.MessageID == plain || m.Reference.MessageID == other || m.Reference.MessageID == self) {
			t.Errorf("the bot replied to a message it should ignore: %+v", m.Reference)
		}
	}
	s.fake.AssertNoViolations(t)
}

func TestDiscordRateLimitIsHonoured(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	s.fake.RateLimitNext("POST", "/interactions/", 400*time.Millisecond)
	id := s.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on Nov 8?")))
	cb, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Latency < 400*time.Millisecond {
		t.Errorf("the callback came %v after dispatch, before the 429's retry_after elapsed", cb.Latency)
	}
	var limited, retried int
	for _, r := range s.fake.Requests() {
		if strings.Contains(r.Path, "/interactions/"+id+"/") {
			if r.Status == 429 {
				limited++
			} else {
				retried++
			}
		}
	}
	if limited != 1 || retried != 1 {
		t.Errorf("want one 429 then one retry, got %d and %d", limited, retried)
	}
	s.fake.AssertNoViolations(t)
}

func TestGatewayDroppedMidSessionResumesAndAnswers(t *testing.T) {
	// A heartbeat first and a long interval: discordgo's Close sleeps a second after its close frame,
	// and a heartbeat tick inside it would close the next connection (see internal/fakediscord/doc.go).
	s := serve(t, fakediscord.Options{HeartbeatInterval: 3 * time.Second})
	if err := s.fake.WaitHeartbeats(ctxFor(t, 10*time.Second), 1); err != nil {
		t.Fatal(err)
	}
	s.fake.DropConnection()
	if err := s.fake.WaitResumed(ctxFor(t, 15*time.Second), 1); err != nil {
		t.Fatalf("discordgo did not resume: %v", err)
	}
	cb := s.ask(t, "What happened on Nov 8?")
	if cb.Type != 4 {
		t.Errorf("no answer after resume: type %d", cb.Type)
	}
	s.fake.AssertNoViolations(t)
}

func TestTwoHundredInteractionsAtOnceAreAllAcknowledgedInTime(t *testing.T) {
	s := serve(t, fakediscord.Options{})
	questions := []string{"What did WikiLeaks ask for on 21 October 2016?", "What happened in November 2016?", "Que s'est-il passé le 4 juillet 2017 ?", "What did Roger Stone tweet?"}
	n := 200
	if raceEnabled {
		// The race detector slows everything five- to tenfold; the timing requirement is checked by
		// the plain run, this one checks the concurrency for races.
		n = 40
		t.Logf("race detector on: %d interactions instead of 200", n)
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = s.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", questions[i%len(questions)])))
	}
	ctx := ctxFor(t, 10*time.Second)
	var worst time.Duration
	for _, id := range ids {
		cb, err := s.fake.WaitCallback(ctx, id)
		if err != nil {
			t.Fatalf("interaction %s: %v", id, err)
		}
		worst = max(worst, cb.Latency)
	}
	if u := s.fake.Unacknowledged(); len(u) != 0 {
		t.Fatalf("%d interactions unacknowledged", len(u))
	}
	t.Logf("%d concurrent interactions: slowest acknowledgement %v", n, worst)
	s.fake.AssertNoViolations(t)
}

func TestDirectMessagesAreRateLimitedWithAReplyThatPingsNoOne(t *testing.T) {
	s := serve(t, fakediscord.Options{}, "RATE_LIMIT_BURST=1", "RATE_LIMIT_PER_MINUTE=1")
	ctx := ctxFor(t, 10*time.Second)
	replyTo := func(id string) fakediscord.Message {
		m, err := s.fake.WaitChannelMessage(ctx, func(m fakediscord.Message) bool { return m.Reference != nil && m.Reference.MessageID == id })
		if err != nil {
			t.Fatalf("no reply to %s: %v", id, err)
		}
		return m
	}
	first := replyTo(s.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Content: "What happened on Nov 9?"}))
	if len(first.Embeds) == 0 {
		t.Fatalf("the first DM was not answered: %+v", first)
	}
	second := replyTo(s.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Content: "What happened on Nov 8?"}))
	if len(second.Embeds) != 0 || !strings.Contains(second.Content, "wait") {
		t.Errorf("the second DM within the limit should get a short notice, got %+v", second)
	}
	s.fake.AssertNoViolations(t)
}
