package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/timelinebot/timelinebot/config"
	"github.com/timelinebot/timelinebot/store"
)

// openExisting opens the database for the read commands (export, stats, versions). A missing
// SQLite file is an error rather than a new empty database: the path is probably wrong.
func openExisting(ctx context.Context, cfg config.Config, a *app) (*store.Store, error) {
	if !cfg.DatabaseEnabled() {
		return nil, errors.New("DATABASE_URL is none: the bot keeps nothing; set it to the sqlite:// or postgres:// database serve uses")
	}
	target, _, err := store.ParseURL(cfg.Database.URL, a.dir)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	if target.Dialect == store.SQLite {
		if _, err := os.Stat(target.Path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s: serve creates it on its first start; set DATABASE_URL to the one serve uses (run this command from serve's working directory, or give an absolute sqlite:///path)", target.Path)
		}
	}
	log := slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return openDatabase(ctx, cfg, a, log, nil)
}

func closeRead(st *store.Store) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = st.Close(ctx)
}

// parseSince reads --since: a duration back from now, in days (30d) or Go's units (12h); "" is
// no bound.
func parseSince(raw string, now time.Time) (time.Time, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return time.Time{}, nil
	}
	if n, ok := strings.CutSuffix(raw, "d"); ok {
		days, err := strconv.ParseFloat(n, 64)
		if err == nil && days >= 0 {
			return now.Add(-time.Duration(days * 24 * float64(time.Hour))), nil
		}
	} else if d, err := time.ParseDuration(raw); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("--since %q: give a duration back from now, such as 7d, 36h or 90m", raw)
}

func exportFlags(fs *pflag.FlagSet) {
	fs.String("since", "", "only questions asked within this duration back from now (7d, 12h)")
	fs.Bool("refused", false, "only the questions the knowledge could not answer")
}

// runExport prints one JSON object per question, oldest first, each with its feedback clicks.
func runExport(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	if fs.NArg() > 0 {
		fs.Usage()
		return exitCode(2)
	}
	sinceRaw, _ := fs.GetString("since")
	since, err := parseSince(sinceRaw, time.Now())
	if err != nil {
		return err
	}
	st, err := openExisting(ctx, cfg, a)
	if err != nil {
		return err
	}
	defer closeRead(st)
	f := store.QuestionFilter{Since: since, WithFeedback: true}
	if refused, _ := fs.GetBool("refused"); refused {
		f.Outcomes = []string{store.OutcomeRefused}
	}
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	return st.EachQuestion(ctx, f, func(q store.Question) error { return enc.Encode(q) })
}

func statsFlags(fs *pflag.FlagSet) {
	fs.String("since", "", "only what happened within this duration back from now (7d, 12h)")
	fs.Int("limit", 10, "rows per list")
}

// runStats prints the counts, the most asked and most refused questions (grouped by normalized
// text), and the events most often marked Wrong event.
func runStats(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	if fs.NArg() > 0 {
		fs.Usage()
		return exitCode(2)
	}
	sinceRaw, _ := fs.GetString("since")
	since, err := parseSince(sinceRaw, time.Now())
	if err != nil {
		return err
	}
	limit, _ := fs.GetInt("limit")
	st, err := openExisting(ctx, cfg, a)
	if err != nil {
		return err
	}
	defer closeRead(st)
	tot, err := st.Totals(ctx, since)
	if err != nil {
		return err
	}
	asked, err := st.TopQuestions(ctx, since, nil, limit)
	if err != nil {
		return err
	}
	refused, err := st.TopQuestions(ctx, since, []string{store.OutcomeRefused}, limit)
	if err != nil {
		return err
	}
	wrong, err := st.WrongEvents(ctx, since, limit)
	if err != nil {
		return err
	}
	w := a.stdout
	span := "since the first record"
	if !since.IsZero() {
		span = "since " + since.UTC().Format("2006-01-02 15:04 MST")
	}
	fmt.Fprintf(w, "%d questions %s: %d answered, %d refused, %d rate-limited, %d invalid, %d errors; feedback: %d helpful, %d wrong event\n",
		tot.Questions, span, tot.ByOutcome[store.OutcomeAnswered], tot.ByOutcome[store.OutcomeRefused], tot.ByOutcome[store.OutcomeRateLimited],
		tot.ByOutcome[store.OutcomeInvalid], tot.ByOutcome[store.OutcomeError], tot.Helpful, tot.WrongEvent)
	groups := func(title string, gs []store.Group) {
		fmt.Fprintf(w, "\n%s\n", title)
		if len(gs) == 0 {
			fmt.Fprintln(w, "  (none)")
			return
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, g := range gs {
			fmt.Fprintf(tw, "  %d\t%s\t%q\n", g.Count, g.Last.Format("2006-01-02"), g.Example)
		}
		tw.Flush()
	}
	groups("Most asked (count, last asked, latest wording):", asked)
	groups("Most refused — what the knowledge could not answer (count, last asked, latest wording):", refused)
	fmt.Fprintf(w, "\nEvents most often marked Wrong event (count, last):\n")
	if len(wrong) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, e := range wrong {
		fmt.Fprintf(tw, "  %d\t%s\t%s\n", e.Count, e.Last.Format("2006-01-02"), e.EventID)
	}
	return tw.Flush()
}

func versionsFlags(fs *pflag.FlagSet) {
	fs.Int("limit", 20, "installs to list, newest first (0: all)")
	fs.Bool("json", false, "print one JSON object per install")
}

// runVersions lists the knowledge versions served, newest first, and the latest failed reloads.
func runVersions(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	if fs.NArg() > 0 {
		fs.Usage()
		return exitCode(2)
	}
	limit, _ := fs.GetInt("limit")
	st, err := openExisting(ctx, cfg, a)
	if err != nil {
		return err
	}
	defer closeRead(st)
	installs, err := st.Installs(ctx, limit)
	if err != nil {
		return err
	}
	if asJSON, _ := fs.GetBool("json"); asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		for _, in := range installs {
			if err := enc.Encode(in); err != nil {
				return err
			}
		}
		return nil
	}
	w := a.stdout
	if len(installs) == 0 {
		fmt.Fprintln(w, "No knowledge version stored yet: serve stores the one it starts with.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SERVED FROM (UTC)\tVERSION\tEVENTS\tBY\tCHANGES")
	for i, in := range installs {
		mark := ""
		if i == 0 {
			mark = " (latest)"
		}
		changes := fmt.Sprintf("+%d −%d ~%d", len(in.Added), len(in.Removed), len(in.Changed))
		if in.Previous == "" {
			changes = "first version"
		}
		fmt.Fprintf(tw, "%s\t%s%s\t%d\t%s\t%s\n", in.At.Format("2006-01-02 15:04:05"), in.Version, mark, in.Events, in.Trigger, changes)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nA moderator serves a stored version again with /reload version:VERSION.")
	failures, err := st.ReloadFailures(ctx, 5)
	if err != nil || len(failures) == 0 {
		return err
	}
	fmt.Fprintln(w, "\nLatest failed reloads (the version served stayed):")
	for _, f := range failures {
		fmt.Fprintf(w, "  %s  %s  %s: %s\n", f.At.Format("2006-01-02 15:04:05"), f.Trigger, f.Result, f.FirstProblem)
	}
	return nil
}
