package bot_test

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/knowledge"
)

// End-to-end tests of what server members ask of the bot (issue 11): private answers, the channels
// it answers in, follow-ups in servers and without a model. The real discordgo client against the
// fake Discord; interactions through both transports, the gateway and the HTTP endpoint.

// transports runs f once per transport with a bot built from opts: it returns a function sending
// an interaction and giving back its first callback.
func transports(t *testing.T, opts bot.Options, f func(t *testing.T, fake *fakediscord.Server, send func(fakediscord.InteractionSpec) (string, fakediscord.Callback))) {
	t.Run("gateway", func(t *testing.T) {
		r := start(t, fakediscord.Options{}, opts, nil)
		f(t, r.fake, func(spec fakediscord.InteractionSpec) (string, fakediscord.Callback) {
			id := r.fake.DispatchInteraction(spec)
			cb, err := r.fake.WaitCallback(waitCtx(t, 5*time.Second), id)
			if err != nil {
				t.Fatal(err)
			}
			return id, cb
		})
		r.fake.AssertNoViolations(t)
	})
	t.Run("http", func(t *testing.T) {
		fake := fakediscord.New(t, fakediscord.Options{})
		pub, priv := newKeys(t)
		gate := newAckGate()
		in := newInstance(t, fake, gate, pub, opts, 0)
		rl := newRelay(t, fake, gate, priv, in.srv.URL+"/interactions")
		f(t, fake, func(spec fakediscord.InteractionSpec) (string, fakediscord.Callback) { return rl.callback(t, spec) })
		fake.AssertNoViolations(t)
	})
}

const askedDay = "What happened on 21 October 2016?"

func TestAPrivateAskIsEphemeral(t *testing.T) {
	for _, tc := range []struct {
		name      string
		opts      bot.Options
		opt       []fakediscord.CommandOption
		ephemeral bool
	}{
		{"private:true", bot.Options{}, []fakediscord.CommandOption{fakediscord.Opt("private", true)}, true},
		{"no option", bot.Options{}, nil, false},
		{"DEFAULT_PRIVATE", bot.Options{DefaultPrivate: true}, nil, true},
		{"DEFAULT_PRIVATE with private:false", bot.Options{DefaultPrivate: true}, []fakediscord.CommandOption{fakediscord.Opt("private", false)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			transports(t, tc.opts, func(t *testing.T, fake *fakediscord.Server, send func(fakediscord.InteractionSpec) (string, fakediscord.Callback)) {
				_, cb := send(fakediscord.SlashCommand("ask", append([]fakediscord.CommandOption{fakediscord.Opt("question", askedDay)}, tc.opt...)...))
				if cb.Type != 4 || cb.Message == nil || len(cb.Message.Embeds) == 0 {
					t.Fatalf("callback %d %+v, want the answer", cb.Type, cb.Message)
				}
				if cb.Message.Ephemeral() != tc.ephemeral {
					t.Errorf("ephemeral = %v, want %v", cb.Message.Ephemeral(), tc.ephemeral)
				}
			})
		})
	}
}

// A private answer too slow for the window is deferred ephemerally, so nothing of it is public.
func TestASlowPrivateAskIsDeferredEphemerally(t *testing.T) {
	tl, _ := knowledge.Default()
	slow := &delayedAnswerer{inner: answer.NewEngine(knowledge.NewStore(tl)), delay: 300 * time.Millisecond}
	r := start(t, fakediscord.Options{}, bot.Options{AckBudget: 50 * time.Millisecond}, slow)
	id := r.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", askedDay), fakediscord.Opt("private", true)))
	cb, err := r.fake.WaitCallback(waitCtx(t, 5*time.Second), id)
	if err != nil || cb.Type != 5 || !strings.Contains(string(cb.Data), `"flags":64`) {
		t.Fatalf("want an ephemeral deferral, got type %d data %s (%v)", cb.Type, cb.Data, err)
	}
	edit, err := r.fake.WaitOriginalEdit(waitCtx(t, 5*time.Second), id)
	if err != nil || !edit.Message.Ephemeral() || len(edit.Message.Embeds) == 0 {
		t.Fatalf("the answer should be edited into the ephemeral message: %+v %v", edit.Message, err)
	}
	r.fake.AssertNoViolations(t)
}

// Outside ALLOWED_CHANNEL_IDS a command gets an ephemeral notice naming where to ask; inside, and
// in a thread of an allowed channel, it is answered.
func TestOutsideTheAllowedChannelsACommandGetsANotice(t *testing.T) {
	const allowed = "700000000000000001"
	transports(t, bot.Options{AllowedChannelIDs: []string{allowed}}, func(t *testing.T, fake *fakediscord.Server, send func(fakediscord.InteractionSpec) (string, fakediscord.Callback)) {
		fake.AddChannelWithID(allowed, "questions")
		thread := fake.AddThread(allowed, "a thread")
		ask := fakediscord.SlashCommand("ask", fakediscord.Opt("question", askedDay))

		_, cb := send(ask) // in the default channel
		if cb.Message == nil || !cb.Message.Ephemeral() || !strings.Contains(cb.Message.Content, "<#"+allowed+">") || len(cb.Message.Embeds) != 0 {
			t.Errorf("outside: want an ephemeral notice naming <#%s>, got %+v", allowed, cb.Message)
		}
		for name, ch := range map[string]string{"allowed channel": allowed, "its thread": thread} {
			spec := ask
			spec.ChannelID = ch
			_, cb := send(spec)
			if cb.Message == nil || len(cb.Message.Embeds) == 0 || cb.Message.Ephemeral() {
				t.Errorf("%s: want the public answer, got %+v", name, cb.Message)
			}
		}
	})
}

// Outside ALLOWED_CHANNEL_IDS a mention gets nothing at all.
func TestOutsideTheAllowedChannelsAMentionIsIgnored(t *testing.T) {
	const allowed = "700000000000000001"
	r := start(t, fakediscord.Options{}, bot.Options{AllowedChannelIDs: []string{allowed}}, nil)
	r.fake.AddChannelWithID(allowed, "questions")
	bot := r.fake.BotUser()
	ignored := r.fake.DispatchMessage(fakediscord.MessageSpec{Content: "<@" + bot.ID + "> " + askedDay})
	control := r.fake.DispatchMessage(fakediscord.MessageSpec{ChannelID: allowed, Content: "<@" + bot.ID + "> " + askedDay})
	if _, err := r.fake.WaitChannelMessage(waitCtx(t, 5*time.Second), repliesTo(control)); err != nil {
		t.Fatalf("the mention in the allowed channel was not answered: %v", err)
	}
	// The bot looked the other channel up (is it a thread of an allowed one?) and decided; once it
	// has stopped, with every handler finished, nothing answers the ignored mention.
	if _, err := r.fake.WaitRequest(waitCtx(t, 5*time.Second), "GET", "/channels/"+r.fake.ChannelID()); err != nil {
		t.Fatal(err)
	}
	r.stop()
	<-r.done
	r.done <- nil // for the cleanup
	for _, m := range r.fake.Messages() {
		if m.Reference != nil && m.Reference.MessageID == ignored {
			t.Errorf("the mention outside the allowed channels was answered: %+v", m)
		}
	}
	r.fake.AssertNoViolations(t)
}

// With DMS_ENABLED=false a direct message gets nothing, and a mention is still answered.
func TestWithDMsDisabledADirectMessageIsIgnored(t *testing.T) {
	logs := newLogSink()
	r := start(t, fakediscord.Options{}, bot.Options{NoDMs: true, Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}, nil)
	dm := r.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Content: askedDay})
	logs.wait(t, waitCtx(t, 5*time.Second), "direct message ignored")
	mention := r.fake.DispatchMessage(fakediscord.MessageSpec{Content: "<@" + r.fake.BotUserID() + "> " + askedDay})
	if _, err := r.fake.WaitChannelMessage(waitCtx(t, 5*time.Second), repliesTo(mention)); err != nil {
		t.Fatalf("the mention was not answered: %v", err)
	}
	for _, m := range r.fake.Messages() {
		if m.Reference != nil && m.Reference.MessageID == dm {
			t.Errorf("the direct message was answered: %+v", m)
		}
	}
	r.fake.AssertNoViolations(t)
}

// A reply to one of the bot's answers, and a message in a thread the bot answered in, are
// follow-ups: "what happened next?" names the event after the one answered, with no model.
func TestRepliesAndThreadsAreFollowUps(t *testing.T) {
	tl, _ := knowledge.Default()
	r := start(t, fakediscord.Options{}, bot.Options{}, nil)
	me := r.fake.BotUser()
	first := answer.Compose(answer.Retrieve(tl, answer.Question{Text: askedDay}))
	asked := tl.Event(first.EventIDs()[0])
	next := tl.Events[tl.Position(asked)+1]

	thread := r.fake.AddThread(r.fake.ChannelID(), "a thread")
	for name, ch := range map[string]string{"reply": r.fake.ChannelID(), "thread": thread} {
		t.Run(name, func(t *testing.T) {
			q := r.fake.DispatchMessage(fakediscord.MessageSpec{ChannelID: ch, Content: "<@" + me.ID + "> " + askedDay})
			ans, err := r.fake.WaitChannelMessage(waitCtx(t, 5*time.Second), repliesTo(q))
			if err != nil {
				t.Fatal(err)
			}
			spec := fakediscord.MessageSpec{ChannelID: ch, Content: "<@" + me.ID + "> what happened next?"}
			if name == "reply" {
				// A reply pings the author replied to (Discord's default), so the bot gets its text.
				spec = fakediscord.MessageSpec{ChannelID: ch, Content: "what happened next?", ReplyTo: ans.ID, Mentions: []fakediscord.User{me}}
			}
			fu := r.fake.DispatchMessage(spec)
			got, err := r.fake.WaitChannelMessage(waitCtx(t, 5*time.Second), repliesTo(fu))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Embeds) == 0 || !strings.Contains(got.Embeds[0].Description, answer.FormatDate(next, "en")) {
				t.Errorf("the follow-up should name the next event (%s), got %+v", answer.FormatDate(next, "en"), got.Embeds)
			}
		})
	}
	// A mention that continues nothing is a question of its own: it has no previous answer.
	other := r.fake.AddChannel("", "elsewhere")
	q := r.fake.DispatchMessage(fakediscord.MessageSpec{ChannelID: other, Content: "<@" + me.ID + "> what happened next?"})
	got, err := r.fake.WaitChannelMessage(waitCtx(t, 5*time.Second), repliesTo(q))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Embeds) > 0 && strings.Contains(got.Embeds[0].Description, answer.FormatDate(next, "en")) {
		t.Errorf("a fresh mention was answered as a follow-up: %+v", got.Embeds)
	}
	r.fake.AssertNoViolations(t)
}

// In a DM, with no model, "what happened next?" after an answer names the next event, and
// "et ensuite ?" answers in French.
func TestOfflineWhatHappenedNextNamesTheNextEvent(t *testing.T) {
	tl, _ := knowledge.Default()
	r := start(t, fakediscord.Options{}, bot.Options{}, nil)
	first := answer.Compose(answer.Retrieve(tl, answer.Question{Text: askedDay}))
	pos := tl.Position(tl.Event(first.EventIDs()[0]))
	for i, tc := range []struct{ q, want string }{
		{askedDay, answer.FormatDate(tl.Events[pos], "en")},
		{"what happened next?", answer.FormatDate(tl.Events[pos+1], "en")},
		{"et ensuite ?", answer.FormatDate(tl.Events[pos+2], "fr")},
	} {
		id := r.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Content: tc.q})
		got, err := r.fake.WaitChannelMessage(waitCtx(t, 5*time.Second), repliesTo(id))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Embeds) == 0 || !strings.Contains(got.Embeds[0].Description, tc.want) {
			t.Errorf("%d %q: want %q in the answer, got %+v", i, tc.q, tc.want, got.Embeds)
		}
	}
	r.fake.AssertNoViolations(t)
}

func repliesTo(id string) func(fakediscord.Message) bool {
	return func(m fakediscord.Message) bool { return m.Reference != nil && m.Reference.MessageID == id }
}
