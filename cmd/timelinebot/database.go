package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/config"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/llm"
	"github.com/timelinebot/timelinebot/metrics"
	"github.com/timelinebot/timelinebot/reload"
	"github.com/timelinebot/timelinebot/store"
)

// openDatabase opens DATABASE_URL for serve, export, stats and versions; nil when it is none.
func openDatabase(ctx context.Context, cfg config.Config, a *app, log *slog.Logger, m *metrics.Metrics) (*store.Store, error) {
	if !cfg.DatabaseEnabled() {
		return nil, nil
	}
	target, ok, err := store.ParseURL(cfg.Database.URL, a.dir)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	if !ok {
		return nil, nil
	}
	opts := store.Options{
		Logger:    log.With("component", "store"),
		UserIDs:   cfg.Database.UserIDs,
		HashKey:   cfg.Database.HashKey,
		QueueSize: cfg.Database.QueueSize,
		Retention: cfg.Database.Retention,
	}
	octx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	st, err := store.Open(octx, target, opts)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	if m != nil {
		m.RegisterStore(func() metrics.StoreCounts {
			s := st.WriterStats()
			return metrics.StoreCounts{Written: s.Written, Dropped: s.Dropped, WriteFailures: s.WriteFailures, Queued: s.Queued}
		})
	}
	return st, nil
}

// closeDatabase flushes the queue within SHUTDOWN_TIMEOUT and closes the database.
func closeDatabase(st *store.Store, cfg config.Config, log *slog.Logger) {
	if st == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	before := st.WriterStats()
	if err := st.Close(ctx); err != nil {
		log.Warn("close the database", "err", err)
	}
	after := st.WriterStats()
	log.Info("database closed", "flushed", after.Written-before.Written, "dropped_total", after.Dropped)
}

// storeRecorder hands the bot's records to the store, in the store's words.
type storeRecorder struct{ s *store.Store }

var _ bot.Recorder = storeRecorder{}

// storeOutcome maps the bot's (and the metrics') outcomes to the store's: the metrics' no_answer
// is what moderators call refused, and the metrics' refused (empty or too long) is invalid.
func storeOutcome(o string) string {
	switch o {
	case metrics.OutcomeNoAnswer:
		return store.OutcomeRefused
	case metrics.OutcomeRefused:
		return store.OutcomeInvalid
	}
	return o
}

func (r storeRecorder) RecordQuestion(q bot.QuestionRecord) {
	a := q.Answer
	rec := store.Question{
		Ref: q.Ref, At: q.At, Entry: q.Entry, GuildID: q.GuildID, ChannelID: q.ChannelID, User: q.UserID,
		Text: q.Text, Lang: q.Lang, Outcome: storeOutcome(q.Outcome), EventIDs: a.EventIDs(),
		KnowledgeVersion: a.Version, ModelPhrased: a.Mode == "llm", Fallback: a.Fallback,
		PromptTokens: a.Usage.PromptTokens, CompletionTokens: a.Usage.CompletionTokens, Latency: q.Latency,
	}
	if q.Outcome == metrics.OutcomeAnswered || q.Outcome == metrics.OutcomeNoAnswer {
		rec.Answer = a.Text
	}
	for _, c := range a.Citations {
		rec.Citations = append(rec.Citations, store.Citation{EventID: c.EventID, Date: c.Date, Quote: c.Quote, Paragraph: c.Paragraph})
	}
	if q.Err != nil {
		rec.Error = q.Err.Error()
	}
	r.s.RecordQuestion(rec)
}

func (r storeRecorder) RecordFeedback(f bot.FeedbackRecord) {
	r.s.RecordFeedback(store.Feedback{
		At: f.At, QuestionRef: f.QuestionRef, MessageID: f.MessageID, GuildID: f.GuildID, ChannelID: f.ChannelID,
		User: f.UserID, Helpful: f.Helpful, EventID: f.EventID, Cited: f.Cited, QuestionText: f.Question,
	})
}

// versionOfFile loads a knowledge file like knowledge.LoadFile, and returns with the timeline
// what the database keeps of it: the file's content and its source file's text.
func versionOfFile(path string) (*knowledge.Timeline, store.KnowledgeVersion, error) {
	data, err := readKnowledgeFile(path)
	if err != nil {
		return nil, store.KnowledgeVersion{}, fmt.Errorf("load knowledge: %w", err)
	}
	return versionOfContent(path, data, filepath.Dir(path))
}

// versionOfContent parses a knowledge file's content, its source read relative to dir.
func versionOfContent(name string, data []byte, dir string) (*knowledge.Timeline, store.KnowledgeVersion, error) {
	var srcPath, srcText string
	t, err := knowledge.Parse(name, data, func(rel string) ([]byte, error) {
		p := rel
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, rel)
		}
		b, err := readKnowledgeFile(p)
		if err == nil {
			srcPath, srcText = rel, string(b)
		}
		return b, err
	})
	if err != nil {
		return nil, store.KnowledgeVersion{}, err
	}
	t.Origin = name
	return t, store.KnowledgeVersion{Version: t.Version, Title: t.Title, Events: len(t.Events), Origin: name,
		Content: string(data), SourcePath: srcPath, SourceText: srcText}, nil
}

// readKnowledgeFile reads a knowledge or source file the way the knowledge package does: regular
// files only, never blocking on a FIFO, capped in size.
func readKnowledgeFile(p string) ([]byte, error) { return knowledge.ReadFile(p) }

// versionOfEmbedded returns the embedded knowledge and its content, read back from a copy
// written to a temporary folder (the knowledge package keeps its files to itself).
func versionOfEmbedded() (*knowledge.Timeline, store.KnowledgeVersion, error) {
	dir, err := os.MkdirTemp("", "timelinebot-embedded-")
	if err != nil {
		return nil, store.KnowledgeVersion{}, err
	}
	defer os.RemoveAll(dir)
	if _, err := knowledge.WriteDefault(dir); err != nil {
		return nil, store.KnowledgeVersion{}, err
	}
	t, v, err := versionOfFile(filepath.Join(dir, knowledge.DefaultFile))
	if err != nil {
		return nil, v, err
	}
	t.Origin, v.Origin = "embedded", "embedded"
	return t, v, nil
}

// startupKnowledge decides what serve starts serving, with a database:
//   - nothing stored yet: KNOWLEDGE_FILE (or the embedded knowledge), stored as the first version;
//   - KNOWLEDGE_FILE reads as the latest stored version: it;
//   - KNOWLEDGE_FILE reads as an older stored version: the latest stored version, since a
//     moderator installed that one after the file was written (a replica's copy of the file is
//     stale); the log says how to go back;
//   - KNOWLEDGE_FILE is a version never stored: the operator's latest word. It is served, stored
//     as a new version and announced to the other replicas.
//
// A file that does not validate stops the start, as without a database. When the database cannot
// be read, the file is served.
func startupKnowledge(ctx context.Context, cfg config.Config, st *store.Store, log *slog.Logger) (*knowledge.Timeline, error) {
	var t *knowledge.Timeline
	var v store.KnowledgeVersion
	var err error
	if cfg.Knowledge.File == "" {
		t, v, err = versionOfEmbedded()
	} else {
		t, v, err = versionOfFile(cfg.Knowledge.File)
	}
	if err != nil {
		return nil, err
	}
	if st == nil {
		return t, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	latest, ok, err := st.LatestInstall(ctx)
	if err != nil {
		log.Warn("cannot read the latest knowledge version from the database; serving the file", "err", err)
		return t, nil
	}
	if ok && latest.Version == t.Version {
		return t, nil
	}
	if ok {
		known, err := st.HasVersion(ctx, t.Version)
		if err == nil && known {
			stored, err := st.KnowledgeVersion(ctx, latest.Version)
			var lt *knowledge.Timeline
			if err == nil {
				lt, err = stored.Timeline()
			}
			if err == nil {
				log.Warn("the knowledge file holds an older stored version; serving the latest stored version instead",
					"file", cfg.Knowledge.File, "file_version", t.Version, "serving", lt.Version,
					"hint", "/reload version:"+t.Version+" serves the file's version again")
				return lt, nil
			}
			log.Error("cannot load the latest stored knowledge version; serving the file", "version", latest.Version, "err", err)
			return t, nil
		}
	}
	in := store.Install{Trigger: "startup"}
	if ok {
		in.Previous = latest.Version
		if prev, err := st.KnowledgeVersion(ctx, latest.Version); err == nil {
			if pt, err := prev.Timeline(); err == nil {
				in.Added, in.Removed, in.Changed = knowledge.Diff(pt, t)
			}
		}
	}
	if _, err := st.SaveInstall(ctx, v, in); err != nil {
		log.Warn("cannot store the knowledge version; serving it anyway", "version", t.Version, "err", err)
	}
	return t, nil
}

// recordReloads stores every version a reload installs (with its content, so other replicas and
// /reload version: can serve it) and every failed reload.
func recordReloads(st *store.Store, m *reload.Manager, log *slog.Logger) {
	m.OnResult(func(o reload.Outcome) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		switch o.Result {
		case reload.ResultOK:
			var v store.KnowledgeVersion
			var t *knowledge.Timeline
			var err error
			if o.Data != nil {
				t, v, err = versionOfContent(m.Path(), o.Data, filepath.Dir(m.Path()))
			} else {
				t, v, err = versionOfFile(m.Path())
			}
			if err == nil && t.Version != o.New.Version {
				err = fmt.Errorf("the knowledge file changed again while reloading (now version %s)", t.Version)
			}
			if err != nil {
				log.Warn("knowledge version served but not stored in the database", "version", o.New.Version, "err", err)
				return
			}
			trigger := o.Trigger
			if o.Data != nil && !strings.Contains(trigger, " version:") {
				trigger += " upload" // /reload file:, told apart from a reload of the file on disk
			}
			in := store.Install{Trigger: trigger, Added: o.Report.Added, Removed: o.Report.Removed, Changed: o.Report.Changed}
			if o.Old != nil {
				in.Previous = o.Old.Version
			}
			if _, err := st.SaveInstall(ctx, v, in); err != nil {
				log.Warn("knowledge version served but not stored in the database; other replicas keep theirs", "version", v.Version, "err", err)
			}
		case reload.ResultRefused, reload.ResultError:
			f := store.ReloadFailure{Trigger: o.Trigger, Result: o.Result}
			var ve *knowledge.ValidationError
			if errors.As(o.Err, &ve) {
				f.Problems = len(ve.Problems)
				if lines := ve.Lines(); len(lines) > 0 {
					f.FirstProblem = lines[0]
				}
			} else if o.Err != nil {
				f.Problems, f.FirstProblem = 1, o.Err.Error()
			}
			if err := st.RecordReloadFailure(ctx, f); err != nil {
				log.Warn("failed reload not stored in the database", "err", err)
			}
		}
	})
}

// followVersions makes this replica serve each version another replica installs: on every
// announcement (PostgreSQL NOTIFY), and on every reconnection, it loads the latest stored version
// when it differs from the one served.
func followVersions(ctx context.Context, st *store.Store, ks *knowledge.Store, onLoad func(*knowledge.Timeline), log *slog.Logger) {
	st.Listen(ctx, func(announced string) {
		if cur := ks.Current(); announced != "" && cur != nil && cur.Version == announced {
			return
		}
		lctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		latest, ok, err := st.LatestInstall(lctx)
		if err != nil || !ok {
			if err != nil {
				log.Warn("cannot read the latest knowledge version", "err", err)
			}
			return
		}
		cur := ks.Current()
		if cur != nil && cur.Version == latest.Version {
			return
		}
		v, err := st.KnowledgeVersion(lctx, latest.Version)
		var t *knowledge.Timeline
		if err == nil {
			t, err = v.Timeline()
		}
		if err != nil {
			log.Error("cannot load the knowledge version another replica installed; keeping the one served", "version", latest.Version, "err", err)
			return
		}
		old := ks.Swap(t)
		oldVersion := ""
		if old != nil {
			oldVersion = old.Version
		}
		log.Info("knowledge reload", "trigger", "replica", "result", reload.ResultOK, "old_version", oldVersion,
			"new_version", t.Version, "events", len(t.Events), "installed_by", latest.Trigger)
		if onLoad != nil {
			onLoad(t)
		}
	})
}

// storeVersions offers the stored versions to /reload version:.
type storeVersions struct{ s *store.Store }

var _ bot.KnowledgeVersions = storeVersions{}

func (v storeVersions) ListVersions(ctx context.Context, prefix string, limit int) ([]bot.VersionChoice, error) {
	vs, err := v.s.KnowledgeVersions(ctx, prefix, limit)
	if err != nil {
		return nil, err
	}
	out := make([]bot.VersionChoice, 0, len(vs))
	for _, kv := range vs {
		out = append(out, bot.VersionChoice{Version: kv.Version, Title: kv.Title, Events: kv.Events, LastServed: kv.LastAt})
	}
	return out, nil
}

func (v storeVersions) VersionContent(ctx context.Context, version string) ([]byte, error) {
	kv, err := v.s.KnowledgeVersion(ctx, version)
	if err != nil {
		return nil, err
	}
	return []byte(kv.Content), nil
}

// storeHistory keeps the model's conversation histories in the database.
type storeHistory struct{ s *store.Store }

var _ llm.SharedHistory = storeHistory{}

func (h storeHistory) Turns(ctx context.Context, key string, max int, ttl time.Duration) ([]llm.SharedTurn, error) {
	ts, err := h.s.Turns(ctx, key, max, ttl)
	if err != nil {
		return nil, err
	}
	out := make([]llm.SharedTurn, 0, len(ts))
	for _, t := range ts {
		out = append(out, llm.SharedTurn{Question: t.Question, Retrieval: t.Retrieval, Answer: t.Answer})
	}
	return out, nil
}

func (h storeHistory) AddTurn(ctx context.Context, key string, t llm.SharedTurn, max int) error {
	return h.s.AddTurn(ctx, key, store.Turn{Question: t.Question, Retrieval: t.Retrieval, Answer: t.Answer}, max)
}

func (h storeHistory) ForgetTurns(ctx context.Context, key string) error {
	return h.s.ForgetTurns(ctx, key)
}
