package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/spf13/pflag"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/config"
	"github.com/timelinebot/timelinebot/internal/discordsession"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/llm"
	"github.com/timelinebot/timelinebot/metrics"
	"github.com/timelinebot/timelinebot/reload"
	storepkg "github.com/timelinebot/timelinebot/store"
)

// serveFlags adds serve's own flags.
func serveFlags(fs *pflag.FlagSet) {
	fs.String("mode", "", "how interactions arrive: gateway or http (overrides DISCORD_MODE)")
}

// runServe runs the bot on Discord until ctx is done: over the gateway (the default), or as an
// HTTP interactions endpoint (--mode http or DISCORD_MODE=http). With HTTP_ADDR set, the gateway
// mode also serves /metrics, /healthz and /readyz there; the HTTP mode always does, beside
// /interactions.
func runServe(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	if mode, _ := fs.GetString("mode"); mode != "" {
		cfg.Discord.Mode = config.Mode(strings.ToLower(strings.TrimSpace(mode)))
		if err := cfg.Validate(); err != nil {
			return fmt.Errorf("--mode %s: %w", mode, err)
		}
	}
	if err := cfg.RequireDiscord(); err != nil {
		return err
	}
	log := newLogger(cfg, a.stderr)
	m := metrics.New()
	db, err := openDatabase(ctx, cfg, a, log, m)
	if err != nil {
		return err
	}
	// Deferred first, so it runs last: the bot has finished its answers, and what they recorded is
	// flushed within SHUTDOWN_TIMEOUT.
	defer closeDatabase(db, cfg, log)
	t, err := startupKnowledge(ctx, cfg, db, log)
	if err != nil {
		return err
	}
	m.KnowledgeLoaded(t.Version, t.Origin, len(t.Events))
	store := knowledge.NewStore(t)
	var shareHistory []func(*llm.Options)
	if db != nil && db.Dialect() == storepkg.Postgres {
		// DM follow-ups work whichever process answers (a new gateway process after a restart or
		// a failover): the conversation is read from the database.
		shareHistory = append(shareHistory, func(o *llm.Options) {
			o.SharedHistory, o.SharedHistoryBudget = storeHistory{db}, cfg.Database.AnswerBudget
		})
	}
	answerer, mode := newAnswerer(cfg, store, false, a.stderr, shareHistory...)
	log.Info("knowledge loaded", "origin", t.Origin, "version", t.Version, "events", len(t.Events), "answerer", mode)

	// Reloads (from /reload, SIGHUP or KNOWLEDGE_WATCH) build the new timeline off to the side and
	// swap it into store; the hook counts them and publishes the version served.
	reloadMetrics := func(result string) {
		m.Reload(result)
		if result == metrics.ReloadOK {
			cur := store.Current()
			m.KnowledgeLoaded(cur.Version, cur.Origin, len(cur.Events))
		}
	}
	reloader := reload.New(store, cfg.Knowledge.File, log, reloadMetrics)
	reloader.LogStartup()
	if db != nil {
		recordReloads(db, reloader, log)
		// Another replica's reload reaches this one through the database (PostgreSQL).
		go followVersions(ctx, db, store, func(t *knowledge.Timeline) { m.KnowledgeLoaded(t.Version, t.Origin, len(t.Events)) }, log)
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go reloader.OnSignal(ctx, hup)
	if cfg.Knowledge.Watch {
		go func() {
			if err := reloader.Watch(ctx, reload.DefaultDebounce); err != nil {
				log.Error("KNOWLEDGE_WATCH: cannot watch the knowledge file; use /reload or SIGHUP", "file", cfg.Knowledge.File, "err", err)
			}
		}()
	}

	intents := bot.Intents
	if cfg.Discord.Mode == config.ModeHTTP {
		intents = 0 // the REST client only: no gateway connection
	}
	sess, err := discordsession.New(discordsession.Options{
		Token: cfg.Discord.Token, APIURL: cfg.Discord.APIURL, Intents: intents,
		ShardID: cfg.Discord.ShardID, ShardCount: cfg.Discord.ShardCount, Logger: log,
	})
	if err != nil {
		return err
	}
	opts := bot.Options{
		GuildID: cfg.Discord.GuildID,
		RateLimit: bot.RateLimit{
			Enabled: cfg.RateLimit.Enabled, PerMinute: cfg.RateLimit.PerMinute, Burst: cfg.RateLimit.Burst,
		},
		MaxQuestionLength:  cfg.RateLimit.MaxQuestionLength,
		ModeratorRoleIDs:   cfg.Moderation.RoleIDs,
		ShutdownTimeout:    cfg.ShutdownTimeout,
		Logger:             log,
		Metrics:            m,
		Reloader:           reloader,
		Drafter:            botDrafter{cfg: cfg},
		AttachmentMaxBytes: cfg.Moderation.AttachmentMaxBytes,
		AllowedChannelIDs:  cfg.Answering.AllowedChannelIDs,
		NoDMs:              !cfg.Answering.DMsEnabled,
		DefaultPrivate:     cfg.Answering.DefaultPrivate,
	}
	if db != nil {
		opts.Recorder = storeRecorder{db}
		opts.Versions = storeVersions{db}
		if db.Dialect() == storepkg.Postgres {
			// Replicas share one budget per user; SQLite serves one process, whose own limiter is as good.
			opts.SharedLimiter, opts.SharedLimitBudget = db, cfg.Database.AnswerBudget
		}
	}
	b := bot.New(opts, answerer, store)
	adminH, err := newAdmin(cfg, db, store, reloader, log) // admin.go
	if err != nil {
		return err
	}

	if cfg.Discord.Mode == config.ModeHTTP {
		return serveInteractions(ctx, cfg, log, m, b, sess, adminH)
	}
	return serveGateway(ctx, cfg, log, m, b, sess, adminH)
}

// serveGateway runs the bot over the gateway, with the metrics and health server on HTTP_ADDR
// when it is set.
func serveGateway(ctx context.Context, cfg config.Config, log *slog.Logger, m *metrics.Metrics, b *bot.Bot, sess *discordgo.Session, adminH http.Handler) error {
	if cfg.Discord.ShardCount > 1 {
		log.Info("gateway shard", "shard_id", cfg.Discord.ShardID, "shard_count", cfg.Discord.ShardCount)
	}
	if cfg.HTTP.Addr == "" {
		return b.Run(ctx, sess)
	}
	srv, errc, err := listenHTTP(cfg.HTTP.Addr, withAdmin(m.Handler(), adminH), log)
	if err != nil {
		return err
	}
	runErr := make(chan error, 1)
	botCtx, stopBot := context.WithCancel(ctx)
	defer stopBot()
	go func() { runErr <- b.Run(botCtx, sess) }()
	select {
	case err = <-runErr:
	case err = <-errc:
		stopBot()
		<-runErr
	}
	shutdownHTTP(srv, cfg.ShutdownTimeout, log)
	return err
}

// serveInteractions runs the bot as an HTTP interactions endpoint on HTTP_ADDR: /interactions
// beside /metrics, /healthz and /readyz. It registers the commands through REST, which needs the
// bot token, and is ready once they are.
func serveInteractions(ctx context.Context, cfg config.Config, log *slog.Logger, m *metrics.Metrics, b *bot.Bot, sess *discordgo.Session, adminH http.Handler) error {
	mux := http.NewServeMux()
	mux.Handle("/interactions", b.InteractionsHandler(cfg.Discord.PublicKey, sess))
	mux.Handle("/", m.Handler())
	if adminH != nil {
		mux.Handle("/admin/", adminH)
	}
	srv, errc, err := listenHTTP(cfg.HTTP.Addr, mux, log)
	if err != nil {
		return err
	}
	regErr := make(chan error, 1)
	go func() { regErr <- b.RegisterCommands(ctx, sess, cfg.Discord.ApplicationID) }()
	var runErr error
	select {
	case runErr = <-regErr:
		if runErr == nil {
			m.HTTPReady(true)
			log.Info("interactions endpoint ready", "path", "/interactions")
			select {
			case <-ctx.Done():
			case runErr = <-errc:
			}
		} else if ctx.Err() != nil {
			runErr = nil // stopped while registering
		}
	case <-ctx.Done():
	case runErr = <-errc:
	}
	m.HTTPReady(false)
	log.Info("shutting down", "in_flight_bound", cfg.ShutdownTimeout)
	shutdownHTTP(srv, cfg.ShutdownTimeout, log)
	b.Shutdown() // deferred answers still being edited in
	return runErr
}

// listenHTTP binds addr at once, so a bad or busy address fails the start, and serves h on it.
// Errors of the server after the start arrive on the channel.
func listenHTTP(addr string, h http.Handler, log *slog.Logger) (*http.Server, <-chan error, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("HTTP_ADDR %s: %w (is another process using the port?)", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("HTTP server on %s: %w", addr, err)
		}
	}()
	log.Info("http listening", "addr", ln.Addr().String())
	return srv, errc, nil
}

// shutdownHTTP stops accepting connections and waits, at most bound, for requests in flight.
func shutdownHTTP(srv *http.Server, bound time.Duration, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		log.Warn("http shutdown bound reached; closing connections", "err", err)
		_ = srv.Close()
	}
}

// newLogger builds the structured logger the settings ask for.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.Log.Level}
	if cfg.Log.Format == config.LogJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
