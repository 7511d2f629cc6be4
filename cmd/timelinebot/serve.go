package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/spf13/pflag"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/config"
	"github.com/timelinebot/timelinebot/knowledge"
)

func runServe(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	if err := cfg.RequireDiscord(); err != nil {
		return err
	}
	log := newLogger(cfg, a.stderr)
	t, err := loadKnowledge(cfg)
	if err != nil {
		return err
	}
	store := knowledge.NewStore(t)
	answerer, mode := newAnswerer(cfg, store, false, a.stderr)
	log.Info("knowledge loaded", "origin", t.Origin, "version", t.Version, "events", len(t.Events), "answerer", mode)
	sess, err := bot.NewSession(bot.SessionOptions{
		Token: cfg.Discord.Token, APIURL: cfg.Discord.APIURL, Intents: bot.Intents,
		ShardID: cfg.Discord.ShardID, ShardCount: cfg.Discord.ShardCount, Logger: log,
	})
	if err != nil {
		return err
	}
	b := bot.New(bot.Options{
		GuildID: cfg.Discord.GuildID,
		RateLimit: bot.RateLimit{
			Enabled: cfg.RateLimit.Enabled, PerMinute: cfg.RateLimit.PerMinute, Burst: cfg.RateLimit.Burst,
		},
		MaxQuestionLength: cfg.RateLimit.MaxQuestionLength,
		ModeratorRoleIDs:  cfg.Moderation.RoleIDs,
		ShutdownTimeout:   cfg.ShutdownTimeout,
		Logger:            log,
	}, answerer, store)
	return b.Run(ctx, sess)
}

// newLogger builds the structured logger the settings ask for.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.Log.Level}
	if cfg.Log.Format == config.LogJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
