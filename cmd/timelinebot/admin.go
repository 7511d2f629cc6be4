package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/pflag"

	"github.com/timelinebot/timelinebot/admin"
	"github.com/timelinebot/timelinebot/config"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/reload"
	"github.com/timelinebot/timelinebot/store"
)

// adminBaseURL is the moderators' page's public URL: ADMIN_BASE_URL, else http://HTTP_ADDR
// (with 127.0.0.1 for a listener on every address).
func adminBaseURL(cfg config.Config) string {
	if cfg.Admin.BaseURL != "" {
		return cfg.Admin.BaseURL
	}
	host, port, err := net.SplitHostPort(cfg.HTTP.Addr)
	if err != nil {
		return "http://" + cfg.HTTP.Addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

var errAdminOff = errors.New("the moderators' page is off: it is served on HTTP_ADDR (set it, e.g. HTTP_ADDR=127.0.0.1:8080) and reads the database (DATABASE_URL must not be none)")

// newAdmin builds the moderators' page for serve; nil when it is off.
func newAdmin(cfg config.Config, db *store.Store, ks *knowledge.Store, reloader *reload.Manager, log *slog.Logger) (http.Handler, error) {
	if !cfg.AdminEnabled() || db == nil {
		return nil, nil
	}
	h, err := admin.New(admin.Options{
		Store: db, Knowledge: ks, Reloader: reloader, BaseURL: adminBaseURL(cfg),
		OAuth: admin.OAuth{
			ClientID: cfg.Discord.ApplicationID, ClientSecret: cfg.Admin.ClientSecret,
			APIURL: cfg.Discord.APIURL, BotToken: cfg.Discord.Token,
		},
		GuildID: cfg.Discord.GuildID, ModeratorRoleIDs: cfg.Moderation.RoleIDs,
		Logger: log.With("component", "admin"),
	})
	if err != nil {
		return nil, err
	}
	log.Info("moderators' page", "url", adminBaseURL(cfg)+"/admin/", "discord_login", cfg.Admin.ClientSecret != "")
	return h, nil
}

// withAdmin serves the moderators' page under /admin/ beside h.
func withAdmin(h, adminH http.Handler) http.Handler {
	if adminH == nil {
		return h
	}
	mux := http.NewServeMux()
	mux.Handle("/admin/", adminH)
	mux.Handle("/", h)
	return mux
}

// runAdminLink prints a single-use login link to the moderators' page, valid for 10 minutes.
func runAdminLink(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	if fs.NArg() != 0 {
		fs.Usage()
		return exitCode(2)
	}
	if !cfg.AdminEnabled() {
		return errAdminOff
	}
	log := newLogger(cfg, a.stderr)
	db, err := openDatabase(ctx, cfg, a, log, nil)
	if err != nil {
		return err
	}
	if db == nil {
		return errAdminOff
	}
	defer closeDatabase(db, cfg, log)
	link, err := admin.NewLoginLink(ctx, db, adminBaseURL(cfg), time.Now())
	if err != nil {
		return fmt.Errorf("issue a login link: %w", err)
	}
	fmt.Fprintln(a.stdout, link)
	fmt.Fprintf(a.stderr, "Open it within %v; it works once. Serve must be running with the same DATABASE_URL.\n", admin.LinkLifetime)
	return nil
}
