// Package bot translates Discord events into questions and answers into Discord messages. It handles
// slash commands (/ask, /timeline, /event, /source, /reload), their buttons and select menus, direct
// messages and mentions, and keeps Discord's rules: acknowledgement within 3 seconds, message and
// embed limits, allowed_mentions that ping no one, per-user rate limits.
//
// Answers come from an Answerer and the timeline from a Knowledge; the bot knows nothing of how
// either works. Reply builders (render.go) are pure; the discordgo session sits behind adapter.go.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Answerer answers a question.
type Answerer interface {
	Answer(ctx context.Context, q answer.Question) (answer.Answer, error)
}

// StreamAnswerer is an Answerer that can report its answer as it is written (a language model).
type StreamAnswerer interface {
	AnswerStream(ctx context.Context, q answer.Question, onDelta func(textSoFar string)) (answer.Answer, error)
}

// Knowledge gives the timeline currently served.
type Knowledge interface {
	Current() *knowledge.Timeline
}

// Metrics receives what the bot observes. All methods must be safe for concurrent use.
type Metrics interface {
	// Question records a question by entry point (slash, dm, mention, http) and outcome (answered,
	// no_answer, refused, rate_limited, error) with its handling time.
	Question(kind, outcome string, d time.Duration)
	Feedback(helpful bool)
	GatewayConnected(up bool)
	// LLMTokens adds a model answer's token usage; LLMFallback counts a model answer replaced by the
	// extractive one, by a short reason class.
	LLMTokens(prompt, completion int)
	LLMFallback(reason string)
}

type nopMetrics struct{}

func (nopMetrics) LLMTokens(int, int) {}
func (nopMetrics) LLMFallback(string) {}

func (nopMetrics) Question(string, string, time.Duration) {}
func (nopMetrics) Feedback(bool)                          {}
func (nopMetrics) GatewayConnected(bool)                  {}

// Options are the bot's settings.
type Options struct {
	GuildID           string
	RateLimit         RateLimit
	MaxQuestionLength int
	ModeratorRoleIDs  []string
	// AckBudget is how long an answer may take before the interaction is deferred; Discord allows
	// 3 seconds for the first response, so this leaves room for the network.
	AckBudget time.Duration
	// StreamEvery is the minimum time between edits of a streamed answer.
	StreamEvery time.Duration
	// ShutdownTimeout bounds how long in-flight answers may run on shutdown.
	ShutdownTimeout time.Duration
	Logger          *slog.Logger
	Metrics         Metrics
	// Reloader handles /reload; nil when reloading is not available.
	Reloader knowledge.Reloader
	// Drafter handles /draft; nil when drafting is not available.
	Drafter Drafter
	// AttachmentMaxBytes caps a file uploaded to /reload or /draft; 0 means 1 MiB.
	AttachmentMaxBytes int64
	// HTTPClient downloads /reload attachments; nil means a client with a 30-second timeout.
	HTTPClient *http.Client
	// HTTPAckTimeout is how long the HTTP interactions endpoint waits for the first response before
	// it sends a deferral on the handler's behalf; 0 means DefaultHTTPAckTimeout (2.5 s).
	HTTPAckTimeout time.Duration
	// OnAck, when set, is called with the time from receiving an interaction to sending its first
	// response; benchmarks use it to measure the bot's own handling time.
	OnAck func(d time.Duration)
	// Recorder, when set, keeps every question and feedback click (see record.go).
	Recorder Recorder
	// SharedLimiter, when set, counts rate limits across replicas (see record.go).
	SharedLimiter SharedLimiter
	// SharedLimitBudget bounds the wait for SharedLimiter; 0 means DefaultSharedLimitBudget.
	SharedLimitBudget time.Duration
	// Versions, when set, offers the stored knowledge versions to /reload version: (versions.go).
	Versions KnowledgeVersions
}

// Bot is a Discord bot answering questions about a timeline.
type Bot struct {
	opts     Options
	answerer Answerer
	kb       Knowledge
	log      *slog.Logger
	metrics  Metrics
	limiter  *limiter
	// feedbackLimiter bounds feedback clicks per user, so the feedback log and counters cannot be
	// flooded.
	feedbackLimiter *limiter
	commands        map[string]commandHandler

	botUserID atomic.Value // string
	appID     atomic.Value // string

	// httpEntry is set once the bot serves the HTTP interactions endpoint: its slash-command
	// questions are then counted under the entry point http.
	httpEntry atomic.Bool

	// mu orders inflight.Add before Shutdown's Wait: a handler either registers before the bot starts
	// closing, or is turned away.
	mu       sync.Mutex
	inflight sync.WaitGroup
	closing  bool
	// work is the context handlers run in: it outlives the signal that stops the bot, so answers in
	// flight can finish, and is cancelled when the shutdown bound expires.
	work       context.Context
	cancelWork context.CancelFunc

	feedback struct{ helpful, wrong atomic.Int64 }

	// sharedLimitWarned is when the shared rate limit's failure was last logged (unix nanos).
	sharedLimitWarned atomic.Int64
}

// New returns a bot. It does not connect; see Run.
func New(opts Options, a Answerer, kb Knowledge) *Bot {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Metrics == nil {
		opts.Metrics = nopMetrics{}
	}
	if opts.AckBudget <= 0 {
		opts.AckBudget = 1500 * time.Millisecond
	}
	if opts.StreamEvery <= 0 {
		opts.StreamEvery = time.Second
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = 10 * time.Second
	}
	if opts.MaxQuestionLength <= 0 {
		opts.MaxQuestionLength = 500
	}
	b := &Bot{opts: opts, answerer: a, kb: kb, log: opts.Logger, metrics: opts.Metrics, limiter: newLimiter(opts.RateLimit),
		feedbackLimiter: newLimiter(RateLimit{Enabled: true, PerMinute: 10, Burst: 5})}
	b.commands = b.commandTable()
	b.work, b.cancelWork = context.WithCancel(context.Background())
	b.botUserID.Store("")
	b.appID.Store("")
	return b
}

// HandleInteraction handles one interaction, answering it through r. It is the entry point of both
// the gateway and the HTTP interactions endpoint.
func (b *Bot) HandleInteraction(ctx context.Context, i *discordgo.Interaction, r responder) {
	start := time.Now()
	in := &interaction{Interaction: i, r: &ackTimer{responder: r, start: start, onAck: b.opts.OnAck}, lang: localeLang(i)}
	var err error
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		name := i.ApplicationCommandData().Name
		h, ok := b.commands[name]
		if !ok {
			err = in.notice(ctx, "Unknown command; it may be from an older version of the bot.", "Commande inconnue ; elle vient peut-être d'une ancienne version du bot.")
			break
		}
		err = h(ctx, in)
	case discordgo.InteractionApplicationCommandAutocomplete:
		if i.ApplicationCommandData().Name == "reload" {
			err = b.autocompleteVersion(ctx, in)
			break
		}
		err = b.autocompleteEvent(ctx, in)
	case discordgo.InteractionMessageComponent:
		err = b.component(ctx, in)
	default:
		return
	}
	if err != nil {
		b.log.Error("interaction failed", "type", i.Type.String(), "id", i.ID, "user", in.userID(), "err", err)
	}
}

// localeLang maps a Discord locale to the answer language hint.
func localeLang(i *discordgo.Interaction) string {
	if strings.HasPrefix(string(i.Locale), "fr") {
		return "fr"
	}
	if i.Locale == "" && i.GuildLocale != nil && strings.HasPrefix(string(*i.GuildLocale), "fr") {
		return "fr"
	}
	return "en"
}

// answerInteraction answers q, acknowledging within the budget: immediately with the answer when it
// is ready in time, else with a deferred response that is then edited. A streaming answerer is
// deferred at once and its text edited in as it comes, at most once per StreamEvery.
func (b *Bot) answerInteraction(ctx context.Context, in *interaction, kind, q string) error {
	start := time.Now()
	question := answer.Question{Text: q, Lang: in.lang}
	// The answer may outlive the 3-second window but not the interaction token's 15 minutes.
	actx, cancel := context.WithTimeout(ctx, 14*time.Minute)
	defer cancel()

	if sa, ok := b.answerer.(StreamAnswerer); ok {
		if err := in.r.respond(ctx, in.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
			return fmt.Errorf("defer: %w", err)
		}
		// A streamed edit Discord rate limits is not retried: the next one supersedes it.
		ectx := withoutRateLimitRetry(actx)
		s := &streamer{every: b.opts.StreamEvery, edit: func(text string) {
			_ = in.r.editOriginal(ectx, in.Interaction, StreamReply(text, b.kb.Current()).WebhookEdit())
		}}
		a, err := sa.AnswerStream(actx, question, s.delta)
		s.stop()
		return b.finishDeferred(ctx, in, kind, q, a, err, start)
	}

	type result struct {
		a   answer.Answer
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := b.answerer.Answer(actx, question)
		done <- result{a, err}
	}()
	timer := time.NewTimer(b.opts.AckBudget)
	defer timer.Stop()
	select {
	case res := <-done:
		if res.err != nil {
			b.logQuestion(originOf(in, kind), q, res.a, res.err, start)
			return in.notice(ctx, "Sorry, I could not answer that just now. Please try again.", "Désolé, je n'ai pas pu répondre. Réessayez, s'il vous plaît.")
		}
		b.logQuestion(originOf(in, kind), q, res.a, nil, start)
		return in.reply(ctx, AnswerReply(q, res.a, b.kb.Current()))
	case <-timer.C:
		if err := in.r.respond(ctx, in.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
			return fmt.Errorf("defer: %w", err)
		}
		res := <-done
		return b.finishDeferred(ctx, in, kind, q, res.a, res.err, start)
	}
}

func (b *Bot) finishDeferred(ctx context.Context, in *interaction, kind, q string, a answer.Answer, err error, start time.Time) error {
	b.logQuestion(originOf(in, kind), q, a, err, start)
	if err != nil {
		// Errors are for the asker only: the public "thinking…" message gives way to an ephemeral one.
		return in.r.retractWith(ctx, in.Interaction, &discordgo.WebhookParams{
			Content:         tr(in.lang, "Sorry, I could not answer that just now. Please try again.", "Désolé, je n'ai pas pu répondre. Réessayez, s'il vous plaît."),
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		})
	}
	// Content is cleared of any streamed text: the final answer is the embed.
	return in.r.editOriginal(ctx, in.Interaction, AnswerReply(q, a, b.kb.Current()).WebhookEdit())
}

// logQuestion writes the one log line per question, records its metrics, and hands it to the
// recorder.
func (b *Bot) logQuestion(o origin, q string, a answer.Answer, err error, start time.Time) {
	kind, userID := o.kind, o.userID
	d := time.Since(start)
	outcome := "answered"
	switch {
	case err != nil:
		outcome = "error"
	case !a.Answered:
		outcome = "no_answer"
	}
	b.metrics.Question(b.entry(kind), outcome, d)
	b.record(o, q, outcome, a, err, d)
	attrs := []any{"kind", kind, "user", userID, "latency", d, "answered", a.Answered, "cited", a.EventIDs(),
		"mode", a.Mode, "knowledge", a.Version, "question_chars", len([]rune(q))}
	if a.Fallback != "" {
		attrs = append(attrs, "fallback", a.Fallback)
		b.metrics.LLMFallback(fallbackClass(a.Fallback))
	}
	if a.Usage.PromptTokens > 0 || a.Usage.CompletionTokens > 0 {
		attrs = append(attrs, "prompt_tokens", a.Usage.PromptTokens, "completion_tokens", a.Usage.CompletionTokens)
		b.metrics.LLMTokens(a.Usage.PromptTokens, a.Usage.CompletionTokens)
	}
	if err != nil {
		attrs = append(attrs, "err", err)
		b.log.Error("question", attrs...)
		return
	}
	b.log.Info("question", attrs...)
}

// fallbackClass reduces a fallback reason to its class for a metric label, dropping the details
// (status codes, passage numbers, quoted text) that would make label values unbounded:
// "server error (HTTP 503)" → "server error".
func fallbackClass(reason string) string {
	if i := strings.IndexAny(reason, "([:;\"0123456789"); i >= 0 {
		reason = reason[:i]
	}
	reason = strings.TrimSpace(reason)
	if len(reason) > 48 {
		reason = reason[:48]
	}
	if reason == "" {
		return "other"
	}
	return reason
}

// streamer throttles edits of a streamed answer.
type streamer struct {
	mu    sync.Mutex
	every time.Duration
	last  time.Time
	edit  func(string)
	done  bool
}

func (s *streamer) delta(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done || time.Since(s.last) < s.every || strings.TrimSpace(text) == "" {
		return
	}
	s.last = time.Now()
	s.edit(text + " …")
}

func (s *streamer) stop() {
	s.mu.Lock()
	s.done = true
	s.mu.Unlock()
}

// ackTimer reports the time to the first response of an interaction.
type ackTimer struct {
	responder
	start time.Time
	once  sync.Once
	onAck func(time.Duration)
}

func (a *ackTimer) respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	if a.onAck != nil {
		a.once.Do(func() { a.onAck(time.Since(a.start)) })
	}
	return a.responder.respond(ctx, i, resp)
}

// responder delivers interaction responses: through REST calls of a gateway session, or as the body
// of an HTTP interactions request.
type responder interface {
	respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error
	editOriginal(ctx context.Context, i *discordgo.Interaction, edit *discordgo.WebhookEdit) error
	// retractWith deletes the original response and sends a follow-up instead: the way to make an
	// error ephemeral once a public response was deferred.
	retractWith(ctx context.Context, i *discordgo.Interaction, followup *discordgo.WebhookParams) error
}

// retractVia deletes the original response and posts the follow-up through a REST session.
func retractVia(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, followup *discordgo.WebhookParams) error {
	if err := s.InteractionResponseDelete(i, discordgo.WithContext(ctx)); err != nil {
		return scrubToken(fmt.Errorf("delete original response: %w", err), i)
	}
	if _, err := s.FollowupMessageCreate(i, true, followup, discordgo.WithContext(ctx)); err != nil {
		return scrubToken(fmt.Errorf("send follow-up: %w", err), i)
	}
	return nil
}

// scrubToken keeps an interaction's token out of an error bound for the log: the token is a
// credential (it edits and sends messages as the bot for 15 minutes), and discordgo's network errors
// quote the URL it is part of.
func scrubToken(err error, i *discordgo.Interaction) error {
	if err == nil || i == nil || i.Token == "" || !strings.Contains(err.Error(), i.Token) {
		return err
	}
	return &scrubbedError{msg: strings.ReplaceAll(err.Error(), i.Token, "[interaction token]"), err: err}
}

// scrubbedError is an error whose text has a secret removed; errors.Is and errors.As still see the
// original.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// sessionResponder answers through the session's REST client.
type sessionResponder struct{ s *discordgo.Session }

func (r sessionResponder) respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	return scrubToken(r.s.InteractionRespond(i, resp, discordgo.WithContext(ctx)), i)
}

func (r sessionResponder) editOriginal(ctx context.Context, i *discordgo.Interaction, edit *discordgo.WebhookEdit) error {
	_, err := r.s.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx))
	return scrubToken(err, i)
}

func (r sessionResponder) retractWith(ctx context.Context, i *discordgo.Interaction, followup *discordgo.WebhookParams) error {
	return retractVia(ctx, r.s, i, followup)
}

// Intents are the gateway intents the bot needs: messages in servers (it only acts on those that
// mention it, whose content Discord delivers without the privileged message-content intent) and
// direct messages.
const Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// Run connects to the gateway, registers the commands and serves until ctx is done, then shuts down
// gracefully: new events are turned away, answers in flight finish within ShutdownTimeout.
func (b *Bot) Run(ctx context.Context, s *discordgo.Session) error {
	ready := make(chan struct{}, 1)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		if r.User == nil {
			b.log.Error("gateway READY without the bot user; ignoring it")
			return
		}
		b.botUserID.Store(r.User.ID)
		if r.Application != nil {
			b.appID.Store(r.Application.ID)
		}
		b.metrics.GatewayConnected(true)
		b.log.Info("gateway ready", "user", r.User.Username, "user_id", r.User.ID, "guilds", len(r.Guilds), "session", r.SessionID != "")
		select {
		case ready <- struct{}{}:
		default:
		}
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
		b.metrics.GatewayConnected(true)
		b.log.Info("gateway resumed")
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
		b.metrics.GatewayConnected(false)
		b.log.Warn("gateway disconnected; discordgo reconnects")
	})
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		b.track(func(ctx context.Context) { b.HandleInteraction(ctx, ic.Interaction, sessionResponder{s}) }, func() {
			_ = sessionResponder{s}.respond(context.Background(), ic.Interaction, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: Notice(tr(localeLang(ic.Interaction), "The bot is restarting; please ask again in a moment.", "Le bot redémarre ; réessayez dans un instant.")).ResponseData(),
			})
		})
	})
	s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		b.track(func(ctx context.Context) { b.handleMessage(ctx, s, m.Message) }, nil)
	})

	if err := s.Open(); err != nil {
		return fmt.Errorf("connect to the Discord gateway: %w (check DISCORD_TOKEN and DISCORD_API_URL)", err)
	}
	select {
	case <-ready:
	case <-ctx.Done():
		_ = s.Close()
		return nil
	case <-time.After(30 * time.Second):
		_ = s.Close()
		return errors.New("the Discord gateway did not send READY within 30 s; check the token and network")
	}
	if err := b.register(ctx, s); err != nil {
		_ = s.Close()
		if ctx.Err() != nil {
			return nil // stopped while registering: not a failure
		}
		return err
	}
	<-ctx.Done()
	b.log.Info("shutting down", "in_flight_bound", b.opts.ShutdownTimeout)
	b.Shutdown()
	if err := s.Close(); err != nil {
		b.log.Warn("close gateway", "err", err)
	}
	b.metrics.GatewayConnected(false)
	return nil
}

// Shutdown turns new events away and waits for handlers in flight, at most ShutdownTimeout, after
// which their context is cancelled.
func (b *Bot) Shutdown() {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.opts.ShutdownTimeout):
		b.log.Warn("shutdown bound reached; cancelling answers in flight")
		b.cancelWork()
		<-done
	}
	b.cancelWork()
}

// track runs a handler counted as in flight, or refuse when the bot is shutting down.
func (b *Bot) track(handle func(ctx context.Context), refuse func()) {
	b.mu.Lock()
	if b.closing {
		b.mu.Unlock()
		if refuse != nil {
			refuse()
		}
		return
	}
	b.inflight.Add(1)
	b.mu.Unlock()
	defer b.inflight.Done()
	// A bug triggered by one unexpected payload must cost that event, not the bot: discordgo's
	// handler goroutines and the HTTP mode's have no recovery of their own.
	defer func() {
		if v := recover(); v != nil {
			b.log.Error("handler panicked; the event is dropped", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		}
	}()
	handle(b.work)
}

// register installs the commands with one bulk overwrite, so restarts never duplicate them: in the
// guild DISCORD_GUILD_ID when set (instant), else globally.
func (b *Bot) register(ctx context.Context, s *discordgo.Session) error {
	appID, _ := b.appID.Load().(string)
	if appID == "" {
		app, err := s.Application("@me")
		if err != nil {
			return fmt.Errorf("find the application id: %w", err)
		}
		appID = app.ID
		b.appID.Store(appID)
	}
	cmds, err := s.ApplicationCommandBulkOverwrite(appID, b.opts.GuildID, Commands(b.kb.Current()), discordgo.WithContext(ctx))
	if err != nil {
		where := "globally"
		if b.opts.GuildID != "" {
			where = "in guild " + b.opts.GuildID + " (is the bot in that server, invited with the applications.commands scope?)"
		}
		var limited *discordgo.RateLimitError
		if errors.As(err, &limited) {
			return fmt.Errorf("register commands %s: Discord still answered 429 Too Many Requests after the retries logged above "+
				"(retry_after %s); the bot did not start. Wait a few minutes before starting it again, and check that nothing else "+
				"(another replica, a restart loop) is using this bot token: %w", where, limited.RetryAfter, err)
		}
		return fmt.Errorf("register commands %s: %w", where, err)
	}
	b.log.Info("commands registered", "count", len(cmds), "guild", b.opts.GuildID)
	return nil
}

// handleMessage answers direct messages and messages that mention the bot, replying to them.
func (b *Bot) handleMessage(ctx context.Context, s *discordgo.Session, m *discordgo.Message) {
	self, _ := b.botUserID.Load().(string)
	if m.Author == nil || m.Author.Bot || m.Author.ID == self || self == "" {
		return
	}
	kind := "dm"
	if m.GuildID != "" {
		mentioned := false
		for _, u := range m.Mentions {
			mentioned = mentioned || u.ID == self
		}
		if !mentioned {
			return
		}
		kind = "mention"
	}
	q := stripMention(m.Content, self)
	ref := &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
	send := func(r Reply) {
		if _, err := s.ChannelMessageSendComplex(m.ChannelID, r.MessageSend(ref), discordgo.WithContext(ctx)); err != nil {
			b.log.Error("reply to message", "channel", m.ChannelID, "err", err)
		}
	}
	if ok, en, fr := b.admit(ctx, m.Author.ID, q); !ok {
		b.turnedAway(originOfMessage(m, kind), q, outcomeFor(en))
		send(Reply{Content: tr(messageLang(q), en, fr)})
		return
	}
	start := time.Now()
	_ = s.ChannelTyping(m.ChannelID, discordgo.WithContext(ctx))
	a, err := b.answerer.Answer(ctx, answer.Question{Text: q, Conversation: conversationKey(kind, m)})
	b.logQuestion(originOfMessage(m, kind), q, a, err, start)
	if err != nil {
		send(Reply{Content: tr(messageLang(q), "Sorry, I could not answer that just now. Please try again.", "Désolé, je n'ai pas pu répondre. Réessayez, s'il vous plaît.")})
		return
	}
	send(AnswerReply(q, a, b.kb.Current()))
}

// conversationKey scopes conversation history: per DM channel; mentions in servers keep none.
func conversationKey(kind string, m *discordgo.Message) string {
	if kind == "dm" {
		return "dm:" + m.ChannelID
	}
	return ""
}

func messageLang(q string) string {
	if l := detectLang(q); l != "" {
		return l
	}
	return "en"
}

// stripMention removes the bot's own mention (<@id> or <@!id>) from a message.
func stripMention(content, self string) string {
	content = strings.ReplaceAll(content, "<@"+self+">", "")
	content = strings.ReplaceAll(content, "<@!"+self+">", "")
	return strings.TrimSpace(content)
}

func (b *Bot) observe(kind, outcome string, d time.Duration) {
	b.metrics.Question(b.entry(kind), outcome, d)
}

// entry is the metrics entry point of a question of this kind: slash commands that came through
// the HTTP interactions endpoint count as http.
func (b *Bot) entry(kind string) string {
	if kind == "slash" && b.httpEntry.Load() {
		return "http"
	}
	return kind
}
