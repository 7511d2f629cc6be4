// Package bot translates Discord events into questions and answers into Discord messages: slash
// commands, their buttons and menus, direct messages, mentions, replies and threads, within
// Discord's rules (acknowledgement within 3 seconds, message limits, allowed_mentions that ping no
// one). Answers come from an Answerer and the timeline from a Knowledge, whose workings it knows
// nothing of; reply builders (render.go) are pure.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/inflight"
	"github.com/timelinebot/timelinebot/internal/ratelimit"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Answerer answers a question.
type Answerer interface {
	Answer(ctx context.Context, q answer.Question) (answer.Answer, error)
}

// StreamAnswerer is an Answerer that can report its answer as it is written (a language model),
// calling onDelta from the goroutine that called AnswerStream.
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

func (nopMetrics) LLMTokens(int, int)                     {}
func (nopMetrics) LLMFallback(string)                     {}
func (nopMetrics) Question(string, string, time.Duration) {}
func (nopMetrics) Feedback(bool)                          {}
func (nopMetrics) GatewayConnected(bool)                  {}

// RateLimit is the per-user token bucket on questions.
type RateLimit = ratelimit.Config

// Options are the bot's settings.
type Options struct {
	GuildID           string
	RateLimit         RateLimit
	MaxQuestionLength int
	ModeratorRoleIDs  []string
	// AckBudget is how long an answer may take before the interaction is deferred (Discord allows
	// 3 seconds, with the network); StreamEvery the least time between edits of a streamed answer;
	// ShutdownTimeout how long answers in flight may run on shutdown.
	AckBudget, StreamEvery, ShutdownTimeout time.Duration
	Logger                                  *slog.Logger
	Metrics                                 Metrics
	// Reloader and Drafter handle /reload and /draft; nil when not available.
	Reloader knowledge.Reloader
	Drafter  Drafter
	// AttachmentMaxBytes caps a file uploaded to them (0: 1 MiB), downloaded with HTTPClient (nil: a
	// client with a 30-second timeout).
	AttachmentMaxBytes int64
	HTTPClient         *http.Client
	// HTTPAckTimeout is how long the HTTP interactions endpoint may go without a first response;
	// 0 means DefaultHTTPAckTimeout (2.5 s).
	HTTPAckTimeout time.Duration
	// OnAck, when set, is called with the time from receiving an interaction to sending its first
	// response; benchmarks use it to measure the bot's own handling time.
	OnAck    func(d time.Duration)
	Recorder Recorder // keeps every question and feedback click, when set
	// SharedLimiter, when set, counts rate limits across replicas, waited for at most
	// SharedLimitBudget (0: ratelimit.DefaultSharedBudget).
	SharedLimiter     ratelimit.Shared
	SharedLimitBudget time.Duration
	Versions          KnowledgeVersions // offers the stored knowledge versions to /reload version:, when set
	// DefaultPrivate makes /ask answer to the asker only unless private:false (DEFAULT_PRIVATE).
	DefaultPrivate bool
	// AllowedChannelIDs, when not empty, are the only server channels (with their threads) the
	// bot answers in (ALLOWED_CHANNEL_IDS); NoDMs turns direct messages away (DMS_ENABLED=false).
	AllowedChannelIDs []string
	NoDMs             bool
}

// Bot is a Discord bot answering questions about a timeline.
type Bot struct {
	opts     Options
	answerer Answerer
	kb       Knowledge
	log      *slog.Logger
	metrics  Metrics
	limiter  *ratelimit.Limiter
	// feedbackLimiter bounds feedback clicks per user, so the feedback log and counters cannot be
	// flooded.
	feedbackLimiter *ratelimit.Limiter
	router          router
	memory          *lru.Cache[string, conversation] // recent answers, for follow-ups (conversation.go)
	channels        *lru.Cache[string, channelInfo]
	rest            atomic.Pointer[discordgo.Session] // to reach Discord's REST API, once the bot has one
	botUserID       atomic.Value                      // string
	httpEntry       atomic.Bool                       // serving the HTTP endpoint: /ask counts as http
	inflight        *inflight.Group                   // handlers, waited for on shutdown
}

// New returns a bot. It does not connect; see Run.
func New(opts Options, a Answerer, kb Knowledge) *Bot {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Metrics == nil {
		opts.Metrics = nopMetrics{}
	}
	orDefault(&opts.AckBudget, 1500*time.Millisecond)
	orDefault(&opts.StreamEvery, time.Second)
	orDefault(&opts.ShutdownTimeout, 10*time.Second)
	orDefault(&opts.MaxQuestionLength, 500)
	orDefault(&opts.HTTPAckTimeout, DefaultHTTPAckTimeout)
	orDefault(&opts.AttachmentMaxBytes, DefaultAttachmentMaxBytes)
	b := &Bot{opts: opts, answerer: a, kb: kb, log: opts.Logger, metrics: opts.Metrics,
		limiter:         ratelimit.New(opts.RateLimit, opts.SharedLimiter, opts.SharedLimitBudget, opts.Logger),
		feedbackLimiter: ratelimit.New(RateLimit{Enabled: true, PerMinute: 10, Burst: 5}, nil, 0, nil)}
	b.router = b.routes()
	b.memory, _ = lru.New[string, conversation](maxRemembered) // errs only on a size under 1
	b.channels, _ = lru.New[string, channelInfo](maxRemembered)
	b.inflight = inflight.New()
	return b
}

// orDefault sets *v to def when it is not positive (unset).
func orDefault[T int | int64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// handleInteraction is the entry point of both transports: the router finds the interaction's
// handler, middleware wraps it, and the deferral policy delivers its reply through t. limit is how
// long t may go without a first response: an answer is deferred after AckBudget, an autocomplete
// (which cannot be) gets until the limit.
func (b *Bot) handleInteraction(ctx context.Context, i *discordgo.Interaction, t transport, limit time.Duration) {
	budget := min(limit, b.opts.AckBudget)
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		budget = limit
	}
	in := &Interaction{Interaction: i, Path: pathOf(i), Lang: localeLang(i),
		d: &delivery{t: t, i: i, start: time.Now(), onAck: b.opts.OnAck}}
	h, vars := b.router.lookup(i.Type, in.Path)
	if h == nil {
		h = b.unknown
	}
	in.Vars = vars
	if err := in.d.run(ctx, in, b.guarded(h), budget); err != nil {
		b.log.Error("interaction failed", "type", i.Type.String(), "path", in.Path, "id", i.ID, "user", in.UserID(), "err", err)
	}
}

// localeLang maps a Discord locale to the answer language hint.
func localeLang(i *discordgo.Interaction) string {
	if l := i.Locale; strings.HasPrefix(string(l), "fr") || (l == "" && i.GuildLocale != nil && strings.HasPrefix(string(*i.GuildLocale), "fr")) {
		return "fr"
	}
	return "en"
}

// restarting is the response of an interaction turned away while the bot shuts down.
func restarting(i *discordgo.Interaction) *discordgo.InteractionResponse {
	return notice(localeLang(i), Refusal{Code: CodeRestarting}).response(i.Type)
}

// Intents are the gateway intents the bot needs: messages in servers (it only acts on those that
// mention it, whose content Discord delivers without the privileged message-content intent) and
// direct messages.
const Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// Run connects to the gateway, registers the commands and serves until ctx is done, then shuts down
// gracefully: new events are turned away, answers in flight finish within ShutdownTimeout.
func (b *Bot) Run(ctx context.Context, s *discordgo.Session) error {
	ready := make(chan string, 1) // the application's id, "" when READY does not say
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		if r.User == nil {
			b.log.Error("gateway READY without the bot user; ignoring it")
			return
		}
		b.botUserID.Store(r.User.ID)
		b.metrics.GatewayConnected(true)
		b.log.Info("gateway ready", "user", r.User.Username, "user_id", r.User.ID, "guilds", len(r.Guilds), "session", r.SessionID != "")
		appID := ""
		if r.Application != nil {
			appID = r.Application.ID
		}
		select {
		case ready <- appID:
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
	b.rest.Store(s)
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		t := &restTransport{s: s}
		b.track(func(ctx context.Context) { b.handleInteraction(ctx, ic.Interaction, t, DefaultHTTPAckTimeout) },
			func() { _ = t.respond(context.Background(), ic.Interaction, restarting(ic.Interaction)) })
	})
	s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		b.track(func(ctx context.Context) { b.handleMessage(ctx, s, m.Message) }, nil)
	})

	if err := s.Open(); err != nil {
		return fmt.Errorf("connect to the Discord gateway: %w (check DISCORD_TOKEN and DISCORD_API_URL)", err)
	}
	var appID string
	select {
	case appID = <-ready:
	case <-ctx.Done():
		_ = s.Close()
		return nil
	case <-time.After(30 * time.Second):
		_ = s.Close()
		return errors.New("the Discord gateway did not send READY within 30 s; check the token and network")
	}
	if err := b.RegisterCommands(ctx, s, appID); err != nil {
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
	b.inflight.Shutdown(b.opts.ShutdownTimeout, func() { b.log.Warn("shutdown bound reached; cancelling answers in flight") })
}

// track runs a handler counted as in flight, or refuse when the bot is shutting down.
func (b *Bot) track(handle func(ctx context.Context), refuse func()) {
	ran := b.inflight.Run(func(ctx context.Context) {
		// A bug triggered by one unexpected payload must cost that event, not the bot: discordgo's
		// handler goroutines and the HTTP mode's have no recovery of their own.
		defer func() {
			if v := recover(); v != nil {
				b.log.Error("handler panicked; the event is dropped", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			}
		}()
		handle(ctx)
	})
	if !ran && refuse != nil {
		refuse()
	}
}

// RegisterCommands installs the bot's commands through s with one bulk overwrite, so restarts never
// duplicate them: in the guild DISCORD_GUILD_ID when set (instant), else globally. The gateway mode
// does it on READY, the HTTP mode at start. appID is the application's id, "" to ask Discord.
func (b *Bot) RegisterCommands(ctx context.Context, s *discordgo.Session, appID string) error {
	if appID == "" {
		app, err := s.Application("@me")
		if err != nil {
			return fmt.Errorf("find the application id: %w", err)
		}
		appID = app.ID
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
