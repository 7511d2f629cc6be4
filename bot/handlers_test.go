package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Handler tests: each command, autocomplete, component and refusal, from an interaction payload in
// testdata/interactions, through the router, the middleware and the deferral policy, into a
// recorder standing for the transport. No Discord, fake or real: the protocol is the end-to-end
// tests' business.

// recorder is a transport that keeps what it is asked to deliver.
type recorder struct {
	mu        sync.Mutex
	calls     []recorded
	responded chan struct{} // closed at the first response, when not nil
}

type recorded struct {
	kind string // respond, edit, followup, delete
	resp *discordgo.InteractionResponse
	edit *discordgo.WebhookEdit
	post *discordgo.WebhookParams
}

func (r *recorder) add(c recorded) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, c)
	return nil
}

func (r *recorder) respond(_ context.Context, _ *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	if r.responded != nil {
		defer close(r.responded)
	}
	return r.add(recorded{kind: "respond", resp: resp})
}
func (r *recorder) edit(_ context.Context, _ *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	return r.add(recorded{kind: "edit", edit: e})
}
func (r *recorder) followup(_ context.Context, _ *discordgo.Interaction, p *discordgo.WebhookParams) error {
	return r.add(recorded{kind: "followup", post: p})
}
func (r *recorder) deleteOriginal(context.Context, *discordgo.Interaction) error {
	return r.add(recorded{kind: "delete"})
}

func fixture(t *testing.T, name string) *discordgo.Interaction {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "interactions", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(data, &i); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &i
}

type failing struct{}

func (failing) Answer(context.Context, answer.Question) (answer.Answer, error) {
	return answer.Answer{}, errors.New("the answerer is down")
}

// handle runs one fixture through a bot and returns the reply its handler gave and what reached
// the transport.
func handle(t *testing.T, b *Bot, name string) (Reply, []recorded) {
	t.Helper()
	i := fixture(t, name)
	rec := &recorder{}
	in := &Interaction{Interaction: i, Path: pathOf(i), Lang: localeLang(i), d: &delivery{t: rec, i: i, start: time.Now()}}
	h, vars := b.router.lookup(i.Type, in.Path)
	if h == nil {
		h = b.unknown
	}
	in.Vars = vars
	r, err := b.guarded(h)(t.Context(), in)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := in.d.deliver(t.Context(), r); err != nil {
		t.Fatalf("%s: deliver: %v", name, err)
	}
	return r, rec.calls
}

func TestHandlers(t *testing.T) {
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	store := knowledge.NewStore(tl)
	const home = "1300000000000000001"
	engine := answer.NewEngine(store)
	for _, tc := range []struct {
		fixture string
		opts    Options
		a       Answerer
		repeat  int // handle the fixture this many times first (rate limits)

		code      Code                              // "" for a reply that shows what was asked
		respType  discordgo.InteractionResponseType // of the first response
		ephemeral bool
		has       string // in the content, embed title or description
		ids       string // a custom id prefix the reply carries
	}{
		{fixture: "ask", code: CodeAnswered, respType: 4, has: "21 October 2016", ids: "fb:y:"},
		{fixture: "ask-fr", code: CodeAnswered, respType: 4, has: "21 octobre 2016", ids: "tl:a:"},
		{fixture: "ask-dm", code: CodeAnswered, respType: 4, has: "21 October 2016"},
		{fixture: "ask-private", code: CodeAnswered, respType: 4, ephemeral: true, has: "21 October 2016"},
		{fixture: "ask", opts: Options{DefaultPrivate: true}, code: CodeAnswered, respType: 4, ephemeral: true},
		{fixture: "ask-empty", code: CodeEmpty, respType: 4, ephemeral: true, has: "Ask a question"},
		{fixture: "ask-too-long", code: CodeTooLong, respType: 4, ephemeral: true, has: "the limit is 500"},
		{fixture: "ask", opts: Options{RateLimit: RateLimit{Enabled: true, PerMinute: 1, Burst: 1}}, repeat: 1, code: CodeRateLimited, respType: 4, ephemeral: true, has: "faster"},
		{fixture: "ask", opts: Options{AllowedChannelIDs: []string{"1800000000000000001"}}, code: CodeNotHere, respType: 4, ephemeral: true, has: "<#1800000000000000001>"},
		{fixture: "ask-dm", opts: Options{AllowedChannelIDs: []string{"1800000000000000001"}}, code: CodeAnswered, respType: 4},
		{fixture: "ask", a: failing{}, code: CodeAnswerError, respType: 4, ephemeral: true, has: "try again"},
		{fixture: "timeline", respType: 4, has: "Timeline", ids: "tl:r:"},
		{fixture: "timeline-range", respType: 4, has: "October 2016", ids: "tl:r:"},
		{fixture: "timeline-bad-date", code: CodeBadDate, respType: 4, ephemeral: true, has: "next blue moon"},
		{fixture: "timeline-reversed", code: CodeDatesReversed, respType: 4, ephemeral: true},
		{fixture: "timeline", opts: Options{AllowedChannelIDs: []string{"1800000000000000001"}}, code: CodeNotHere, respType: 4, ephemeral: true},
		{fixture: "event-id", respType: 4, has: "21 October 2016", ids: "tl:a:2016-10-21-tax-returns:0"},
		{fixture: "event-month", respType: 4, ephemeral: true, has: "match", ids: "pick"},
		{fixture: "event-no-match", code: CodeNoEventMatch, respType: 4, ephemeral: true, has: "nothing like this"},
		{fixture: "source", respType: 4, has: tl.Title},
		{fixture: "reload-member", opts: Options{GuildID: home}, code: CodeNotModerator, respType: 4, ephemeral: true},
		{fixture: "reload-moderator", opts: Options{GuildID: home}, code: CodeNoReloadFile, respType: 4, ephemeral: true},
		{fixture: "draft-member", opts: Options{GuildID: home}, code: CodeNotModerator, respType: 4, ephemeral: true},
		{fixture: "draft-moderator", opts: Options{GuildID: home}, code: CodeNoDrafter, respType: 4, ephemeral: true},
		{fixture: "unknown-command", code: CodeUnknownCommand, respType: 4, ephemeral: true},
		{fixture: "autocomplete-event", respType: 8},
		{fixture: "autocomplete-unknown", respType: 8},
		{fixture: "autocomplete-reload-version", respType: 8},
		{fixture: "around", respType: 4, ephemeral: true, has: "Around", ids: "tl:a:2016-10-21-tax-returns:1"},
		{fixture: "around-ephemeral", respType: 7, ephemeral: true, has: "Around"},
		{fixture: "around-gone", code: CodeEventGone, respType: 4, ephemeral: true},
		{fixture: "range", respType: 7, has: "Page 2", ids: "tl:r:::2"},
		{fixture: "range-bad", code: CodeStaleButton, respType: 4, ephemeral: true},
		{fixture: "feedback", code: CodeFeedbackNoted, respType: 4, ephemeral: true},
		{fixture: "feedback", repeat: 6, code: CodeFeedbackAgain, respType: 4, ephemeral: true},
		{fixture: "feedback-bad", code: CodeStaleButton, respType: 4, ephemeral: true},
		{fixture: "pick", respType: 4, ephemeral: true, has: "21 October 2016"},
		{fixture: "pick-none", code: CodePickOne, respType: 4, ephemeral: true},
		{fixture: "pick-gone", code: CodeEventGone, respType: 4, ephemeral: true},
		{fixture: "stale-button", code: CodeStaleButton, respType: 4, ephemeral: true},
	} {
		name := tc.fixture
		if tc.code != "" {
			name += "/" + string(tc.code)
		}
		t.Run(name, func(t *testing.T) {
			a := tc.a
			if a == nil {
				a = engine
			}
			b := New(tc.opts, a, store)
			defer b.Shutdown()
			for range tc.repeat {
				handle(t, b, tc.fixture)
			}
			r, calls := handle(t, b, tc.fixture)
			if r.code != tc.code {
				t.Errorf("code %q, want %q", r.code, tc.code)
			}
			if len(calls) != 1 || calls[0].kind != "respond" {
				t.Fatalf("want one first response, got %+v", calls)
			}
			resp := calls[0].resp
			if resp.Type != tc.respType {
				t.Errorf("response type %d, want %d", resp.Type, tc.respType)
			}
			d := resp.Data
			if d == nil {
				t.Fatal("no data")
			}
			if tc.respType == 8 {
				if len(d.Choices) > maxChoices {
					t.Errorf("%d choices", len(d.Choices))
				}
				return
			}
			if got := d.Flags&discordgo.MessageFlagsEphemeral != 0; got != tc.ephemeral {
				t.Errorf("ephemeral %v, want %v", got, tc.ephemeral)
			}
			if d.AllowedMentions == nil || len(d.AllowedMentions.Parse) != 0 {
				t.Errorf("the reply may ping: %+v", d.AllowedMentions)
			}
			text := d.Content
			for _, e := range d.Embeds {
				text += "\n" + e.Title + "\n" + e.Description
				if e.Footer != nil {
					text += "\n" + e.Footer.Text
				}
			}
			if !strings.Contains(text, tc.has) {
				t.Errorf("reply %q lacks %q", text, tc.has)
			}
			if ids := customIDs(d.Components); tc.ids != "" && !strings.Contains(strings.Join(ids, " "), tc.ids) {
				t.Errorf("custom ids %v lack %q", ids, tc.ids)
			}
		})
	}
}

// The deferral policy: a reply ready within the budget is the first response; past it the
// interaction is deferred (publicly, or ephemerally for a private answer) and the reply edits the
// deferral in, or replaces it with an ephemeral follow-up when the reply is for the asker only.
func TestTheDeferralPolicy(t *testing.T) {
	// slow returns r once the policy has deferred the interaction.
	slow := func(rec *recorder, r Reply) Handler {
		return func(ctx context.Context, in *Interaction) (Reply, error) {
			select {
			case <-rec.responded:
				return r, nil
			case <-ctx.Done():
				return Reply{}, ctx.Err()
			}
		}
	}
	for _, tc := range []struct {
		name    string
		typ     discordgo.InteractionType
		private bool
		reply   Reply
		want    []string // kinds of the calls
		defType discordgo.InteractionResponseType
	}{
		{"public answer", discordgo.InteractionApplicationCommand, false, Reply{Content: "a"}, []string{"respond", "edit"}, 5},
		{"private answer", discordgo.InteractionApplicationCommand, true, Reply{Content: "a", Ephemeral: true}, []string{"respond", "edit"}, 5},
		{"ephemeral error after a public deferral", discordgo.InteractionApplicationCommand, false, Notice("sorry"), []string{"respond", "delete", "followup"}, 5},
		{"component update", discordgo.InteractionMessageComponent, false, Reply{Content: "p", Update: true}, []string{"respond", "edit"}, 6},
		{"component notice", discordgo.InteractionMessageComponent, false, Notice("n"), []string{"respond", "followup"}, 6},
		{"autocomplete", discordgo.InteractionApplicationCommandAutocomplete, false, Reply{Choices: Choices(nil)}, []string{"respond"}, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{responded: make(chan struct{})}
			i := &discordgo.Interaction{Type: tc.typ}
			in := &Interaction{Interaction: i, d: &delivery{t: rec, i: i}}
			if tc.private {
				in.Private()
			}
			if err := in.d.run(t.Context(), in, slow(rec, tc.reply), time.Millisecond); err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, c := range rec.calls {
				kinds = append(kinds, c.kind)
			}
			if strings.Join(kinds, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("calls %v, want %v", kinds, tc.want)
			}
			first := rec.calls[0].resp
			if first.Type != tc.defType {
				t.Errorf("deferral type %d, want %d", first.Type, tc.defType)
			}
			eph := first.Data != nil && first.Data.Flags&discordgo.MessageFlagsEphemeral != 0
			if tc.typ == discordgo.InteractionApplicationCommand && eph != tc.private {
				t.Errorf("deferral ephemeral %v, want %v", eph, tc.private)
			}
		})
	}
}

// A handler that panics costs its interaction, which gets the error notice.
func TestAPanickingHandlerGetsTheErrorNotice(t *testing.T) {
	b := New(Options{}, nil, nil)
	rec := &recorder{}
	i := &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand}
	in := &Interaction{Interaction: i, Lang: "en", d: &delivery{t: rec, i: i}}
	boom := func(context.Context, *Interaction) (Reply, error) { panic("boom") }
	if err := in.d.run(t.Context(), in, b.guarded(boom), time.Second); err != nil {
		t.Fatal(err)
	}
	if len(rec.calls) != 1 || !strings.Contains(rec.calls[0].resp.Data.Content, "went wrong") {
		t.Fatalf("calls %+v", rec.calls)
	}
}

// Every code has its message in both languages, and codes of questions count under the metrics'
// outcomes.
func TestEveryCodeHasItsMessages(t *testing.T) {
	for c, m := range messages {
		if m[0] == "" || m[1] == "" || m[0] == m[1] {
			t.Errorf("%s: messages %q", c, m)
		}
	}
	for c, want := range map[Code]string{CodeAnswered: "answered", CodeNoAnswer: "no_answer", CodeEmpty: "refused", CodeTooLong: "refused",
		CodeNotHere: "refused", CodeRateLimited: "rate_limited", CodeAnswerError: "error"} {
		if c.Label() != want {
			t.Errorf("%s counts as %q, want %q", c, c.Label(), want)
		}
	}
}

func customIDs(comps []discordgo.MessageComponent) []string {
	var out []string
	for _, c := range comps {
		switch c := c.(type) {
		case discordgo.ActionsRow:
			out = append(out, customIDs(c.Components)...)
		case discordgo.Button:
			out = append(out, c.CustomID)
		case discordgo.SelectMenu:
			out = append(out, c.CustomID)
		}
	}
	return out
}

// BenchmarkTwoHundredConcurrentHandlers is the bot's own handling of 200 /ask interactions at once,
// in process, from the router to the first response handed to the transport (a recorder): what
// BenchmarkTwoHundredConcurrentInteractions measures without discordgo and the fake Discord
// sharing the two cores.
func BenchmarkTwoHundredConcurrentHandlers(b *testing.B) {
	tl, err := knowledge.Default()
	if err != nil {
		b.Fatal(err)
	}
	store := knowledge.NewStore(tl)
	var mu sync.Mutex
	var ds []time.Duration
	bot := New(Options{OnAck: func(d time.Duration) { mu.Lock(); ds = append(ds, d); mu.Unlock() }}, answer.NewEngine(store), store)
	defer bot.Shutdown()
	questions := []string{"What happened on 21 October 2016?", "What did WikiLeaks say on 9 November 2016?",
		"Que s'est-il passé le 3 octobre 2016 ?", "what happened on 2016-10-14"}
	var is []*discordgo.Interaction
	for n := range 200 {
		i := fixture(&testing.T{}, "ask")
		i.ID = fmt.Sprint(1100000000000000001 + n)
		i.Member.User.ID = fmt.Sprint(1500000000000000001 + n)
		i.Data = discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: questions[n%len(questions)]}}}
		is = append(is, i)
	}
	b.ResetTimer()
	for b.Loop() {
		var wg sync.WaitGroup
		for _, i := range is {
			wg.Add(1)
			go func() {
				defer wg.Done()
				bot.handleInteraction(context.Background(), i, &recorder{}, DefaultHTTPAckTimeout)
			}()
		}
		wg.Wait()
	}
	b.StopTimer()
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
}
