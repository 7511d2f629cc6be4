package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/store"
)

func open(t *testing.T, url string, opts store.Options) *store.Store {
	t.Helper()
	target, ok, err := store.ParseURL(url, t.TempDir())
	if err != nil || !ok {
		t.Fatalf("ParseURL(%q) = %v, %v", url, ok, err)
	}
	s, err := store.Open(context.Background(), target, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { closeStore(t, s) })
	return s
}

func closeStore(t *testing.T, s *store.Store) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Close(ctx); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// waitFor polls cond until it holds or the deadline passes: the writer works in its own goroutine.
func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, within)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestParseURL(t *testing.T) {
	base := "/srv/bot"
	tests := []struct {
		raw     string
		ok      bool
		dialect store.Dialect
		path    string
		err     string
	}{
		{raw: "", ok: false},
		{raw: "none", ok: false},
		{raw: "NONE", ok: false},
		{raw: "sqlite://timelinebot.db", ok: true, dialect: store.SQLite, path: "/srv/bot/timelinebot.db"},
		{raw: "sqlite:///var/lib/tb/bot.db", ok: true, dialect: store.SQLite, path: "/var/lib/tb/bot.db"},
		{raw: "sqlite://data/bot.db?cache=shared", ok: true, dialect: store.SQLite, path: "/srv/bot/data/bot.db"},
		{raw: "postgres://u:p@db:5432/tb", ok: true, dialect: store.Postgres},
		{raw: "postgresql://u@db/tb?sslmode=disable", ok: true, dialect: store.Postgres},
		{raw: "sqlite://", err: "needs a file path"},
		{raw: "postgres:///tb", err: "names no host"},
		{raw: "mysql://x", err: "give sqlite://PATH"},
		{raw: "timelinebot.db", err: "give sqlite://PATH"},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			got, ok, err := store.ParseURL(tc.raw, base)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil || ok != tc.ok {
				t.Fatalf("= %v, %v; want ok %v", ok, err, tc.ok)
			}
			if ok && (got.Dialect != tc.dialect || got.Path != tc.path) {
				t.Fatalf("= %+v; want %s %q", got, tc.dialect, tc.path)
			}
		})
	}
	if got := store.RedactURL("postgres://bot:hunter2@db/tb"); strings.Contains(got, "hunter2") {
		t.Fatalf("RedactURL kept the password: %s", got)
	}
}

func TestSchemaNewerThanTheBinaryIsRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, url string) {
		s := open(t, url, store.Options{})
		if _, err := s.DB().Exec(fmt.Sprintf(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (%d, TRUE)`, store.SchemaVersion(s.Dialect())+1)); err != nil {
			t.Fatal(err)
		}
		closeStore(t, s)
		target, _, _ := store.ParseURL(url, "")
		_, err := store.Open(context.Background(), target, store.Options{})
		if !errors.Is(err, store.ErrSchemaTooNew) || !strings.Contains(err.Error(), "newer timelinebot") {
			t.Fatalf("Open of a newer database: %v", err)
		}
	})
}

func TestQuestionsAndFeedbackAreKeptAndQueried(t *testing.T) {
	testdb.Each(t, func(t *testing.T, url string) {
		s := open(t, url, store.Options{})
		t0 := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
		qs := []store.Question{
			{Ref: "i1", At: t0, Entry: store.EntrySlash, GuildID: "g", ChannelID: "c", User: "111", Text: "What happened on 21 October 2016?",
				Lang: "en", Outcome: store.OutcomeAnswered, Answer: "WikiLeaks asked…", EventIDs: []string{"2016-10-21"},
				Citations:        []store.Citation{{EventID: "2016-10-21", Date: "2016-10-21", Quote: "« x »", Paragraph: 4}},
				KnowledgeVersion: "abc", ModelPhrased: true, PromptTokens: 100, CompletionTokens: 20, Latency: 1500 * time.Microsecond},
			{Ref: "i2", At: t0.Add(time.Minute), Entry: store.EntryDM, User: "222", Text: "Who is Julian Assange's lawyer?", Outcome: store.OutcomeRefused},
			{Ref: "i3", At: t0.Add(2 * time.Minute), Entry: store.EntryMention, User: "111", Text: "who is julian assanges lawyer", Outcome: store.OutcomeRefused},
			{Ref: "i4", At: t0.Add(3 * time.Minute), Entry: store.EntrySlash, User: "333", Text: "Qui est l'avocat d'Assange ?", Outcome: store.OutcomeRefused},
			{Ref: "i5", At: t0.Add(4 * time.Minute), Entry: store.EntrySlash, User: "111", Text: "spam", Outcome: store.OutcomeRateLimited},
		}
		for _, q := range qs {
			s.RecordQuestion(q)
		}
		s.RecordFeedback(store.Feedback{At: t0.Add(5 * time.Minute), QuestionRef: "i1", User: "222", Helpful: false, EventID: "2016-10-21", Cited: []string{"2016-10-21"}})
		s.RecordFeedback(store.Feedback{At: t0.Add(6 * time.Minute), QuestionRef: "i1", User: "333", Helpful: true, EventID: "2016-10-21"})
		waitFor(t, "records written", 10*time.Second, func() bool { return s.WriterStats().Written == 7 })

		ctx := context.Background()
		all, err := s.Questions(ctx, store.QuestionFilter{WithFeedback: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 5 {
			t.Fatalf("%d questions, want 5", len(all))
		}
		q := all[0]
		if q.Text != qs[0].Text || q.Outcome != store.OutcomeAnswered || !q.At.Equal(t0) || q.Latency != 1500*time.Microsecond ||
			!q.ModelPhrased || q.PromptTokens != 100 || len(q.Citations) != 1 || q.Citations[0].Paragraph != 4 || q.KnowledgeVersion != "abc" {
			t.Fatalf("first question read back as %+v", q)
		}
		if len(q.Feedback) != 2 || q.Feedback[0].Helpful == q.Feedback[1].Helpful {
			t.Fatalf("feedback of the first question: %+v", q.Feedback)
		}
		// The user id is kept hashed by default: stable, and not the id.
		if q.User == "111" || !strings.HasPrefix(q.User, "h:") || all[2].User != q.User || all[1].User == q.User {
			t.Fatalf("user keys: %q %q %q", q.User, all[1].User, all[2].User)
		}
		if q.User != s.UserKey("111") {
			t.Fatalf("UserKey(111) = %q, stored %q", s.UserKey("111"), q.User)
		}

		tests := []struct {
			name string
			f    store.QuestionFilter
			want []string
		}{
			{"refused", store.QuestionFilter{Outcomes: []string{store.OutcomeRefused}}, []string{"i2", "i3", "i4"}},
			{"since", store.QuestionFilter{Since: t0.Add(3 * time.Minute)}, []string{"i4", "i5"}},
			{"until", store.QuestionFilter{Until: t0.Add(time.Minute)}, []string{"i1"}},
			{"entry", store.QuestionFilter{Entry: store.EntryDM}, []string{"i2"}},
			{"contains", store.QuestionFilter{Contains: "ASSANGE'S"}, []string{"i2", "i3"}},
			{"user", store.QuestionFilter{User: s.UserKey("111")}, []string{"i1", "i3", "i5"}},
			{"newest page", store.QuestionFilter{Newest: true, Limit: 2}, []string{"i5", "i4"}},
			{"before id", store.QuestionFilter{Newest: true, Limit: 2, BeforeID: all[3].ID}, []string{"i3", "i2"}},
		}
		for _, tc := range tests {
			got, err := s.Questions(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var refs []string
			for _, q := range got {
				refs = append(refs, q.Ref)
			}
			if strings.Join(refs, ",") != strings.Join(tc.want, ",") {
				t.Errorf("%s: %v, want %v", tc.name, refs, tc.want)
			}
		}

		var exported []string
		if err := s.EachQuestion(ctx, store.QuestionFilter{}, func(q store.Question) error { exported = append(exported, q.Ref); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(exported) != 5 {
			t.Fatalf("EachQuestion: %v", exported)
		}

		groups, err := s.TopQuestions(ctx, time.Time{}, []string{store.OutcomeRefused}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != 2 || groups[0].Count != 2 || groups[0].Example != "who is julian assanges lawyer" {
			t.Fatalf("refused groups: %+v", groups)
		}
		wrong, err := s.WrongEvents(ctx, time.Time{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(wrong) != 1 || wrong[0].EventID != "2016-10-21" || wrong[0].Count != 1 {
			t.Fatalf("wrong events: %+v", wrong)
		}
		tot, err := s.Totals(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if tot.Questions != 5 || tot.ByOutcome[store.OutcomeRefused] != 3 || tot.Helpful != 1 || tot.WrongEvent != 1 {
			t.Fatalf("totals: %+v", tot)
		}

		// Retention deletes questions and feedback older than the cut, nothing else.
		nq, nf, err := s.Prune(ctx, t0.Add(150*time.Second))
		if err != nil || nq != 3 || nf != 0 {
			t.Fatalf("Prune = %d, %d, %v; want 3 questions, 0 feedback", nq, nf, err)
		}
	})
}

func TestUserIDPolicies(t *testing.T) {
	tests := []struct {
		policy string
		want   func(key string) bool
	}{
		{store.UserIDsHash, func(k string) bool { return strings.HasPrefix(k, "h:") && !strings.Contains(k, "42424242") }},
		{store.UserIDsRaw, func(k string) bool { return k == "42424242" }},
		{store.UserIDsNone, func(k string) bool { return k == "" }},
	}
	for _, tc := range tests {
		t.Run(tc.policy, func(t *testing.T) {
			s := open(t, testdb.SQLiteURL(t), store.Options{UserIDs: tc.policy})
			s.RecordQuestion(store.Question{Ref: "r", Entry: store.EntrySlash, User: "42424242", Text: "q", Outcome: store.OutcomeAnswered})
			s.RecordFeedback(store.Feedback{QuestionRef: "r", User: "42424242", EventID: "e"})
			waitFor(t, "written", 10*time.Second, func() bool { return s.WriterStats().Written == 2 })
			qs, err := s.Questions(context.Background(), store.QuestionFilter{WithFeedback: true})
			if err != nil {
				t.Fatal(err)
			}
			if !tc.want(qs[0].User) || !tc.want(qs[0].Feedback[0].User) {
				t.Fatalf("kept %q / %q", qs[0].User, qs[0].Feedback[0].User)
			}
		})
	}
	// The generated hash key is kept in the database: the same user has the same key after a
	// restart, and a different database gives different keys.
	url := testdb.SQLiteURL(t)
	a := open(t, url, store.Options{})
	k1 := a.UserKey("1")
	closeStore(t, a)
	b := open(t, url, store.Options{})
	if b.UserKey("1") != k1 {
		t.Fatal("the user key changed across a restart")
	}
	if open(t, testdb.SQLiteURL(t), store.Options{}).UserKey("1") == k1 {
		t.Fatal("two databases share a hash key")
	}
	if open(t, testdb.SQLiteURL(t), store.Options{HashKey: "k"}).UserKey("1") != open(t, testdb.SQLiteURL(t), store.Options{HashKey: "k"}).UserKey("1") {
		t.Fatal("STORE_HASH_KEY does not give the same keys")
	}
}

// A locked SQLite database stands for a slow one: the writer waits on it while recording goes
// on; what overflows the queue is dropped and counted, the rest is written once the lock goes.
func TestASlowDatabaseNeverBlocksRecordingAndDropsAreCounted(t *testing.T) {
	url := testdb.SQLiteURL(t)
	var dropped atomic.Int64
	// Batches of one: the writer holds exactly the first record while the database is locked,
	// however the goroutines are scheduled.
	s := open(t, url, store.Options{QueueSize: 5, BatchSize: 1, OnDropped: func(n int) { dropped.Add(int64(n)) }})
	target, _, _ := store.ParseURL(url, "")
	lockDB, err := sql.Open("sqlite", "file:"+target.Path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer lockDB.Close()
	conn, err := lockDB.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	s.RecordQuestion(store.Question{Ref: "first", Entry: "slash", Text: "q", Outcome: "answered"})
	waitFor(t, "the writer takes the first record", 5*time.Second, func() bool { return s.WriterStats().Queued == 0 })
	start := time.Now()
	for i := range 8 {
		s.RecordQuestion(store.Question{Ref: fmt.Sprint(i), Entry: "slash", Text: "q", Outcome: "answered"})
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Fatalf("recording 8 questions took %v with the database locked", d)
	}
	if got := s.WriterStats().Dropped; got != 3 || dropped.Load() != 3 {
		t.Fatalf("dropped %d (hook %d), want 3: the queue holds 5 (writer: %+v)", got, dropped.Load(), s.WriterStats())
	}
	if _, err := conn.ExecContext(context.Background(), "COMMIT"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	waitFor(t, "the queue written after the lock", 20*time.Second, func() bool { return s.WriterStats().Written == 6 })
}

func TestCloseFlushesTheQueue(t *testing.T) {
	testdb.Each(t, func(t *testing.T, url string) {
		target, _, _ := store.ParseURL(url, "")
		s, err := store.Open(context.Background(), target, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 1000 {
			s.RecordQuestion(store.Question{Ref: fmt.Sprint(i), Entry: "slash", Text: "q", Outcome: "answered"})
		}
		closeStore(t, s)
		if st := s.WriterStats(); st.Written != 1000 || st.Dropped != 0 {
			t.Fatalf("after Close: %+v", st)
		}
		s.RecordQuestion(store.Question{Ref: "late"}) // after Close: counted, not a panic
		if s.WriterStats().Dropped != 1 {
			t.Fatal("a record after Close was not counted as dropped")
		}
	})
}

func TestKnowledgeVersionsRoundTrip(t *testing.T) {
	testdb.Each(t, func(t *testing.T, url string) {
		s := open(t, url, store.Options{})
		ctx := context.Background()
		if _, ok, err := s.LatestInstall(ctx); ok || err != nil {
			t.Fatalf("LatestInstall on an empty database: %v, %v", ok, err)
		}
		dir := t.TempDir()
		if _, err := knowledge.WriteDefault(dir); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "knowledge.yaml")
		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		orig, err := knowledge.LoadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		srcText, err := os.ReadFile(filepath.Join(dir, orig.Source.Path))
		if err != nil {
			t.Fatal(err)
		}
		v1 := store.KnowledgeVersion{Version: orig.Version, Title: orig.Title, Events: len(orig.Events), Origin: path,
			Content: string(content), SourcePath: orig.Source.Path, SourceText: string(srcText)}
		if _, err := s.SaveInstall(ctx, v1, store.Install{Trigger: "startup"}); err != nil {
			t.Fatal(err)
		}
		// An edit: drop the last event (the file's last "- id:" item).
		edited := string(content)
		edited = edited[:strings.LastIndex(edited, "\n  - id:")+1]
		t2, err := knowledge.Parse("edited", []byte(edited), func(string) ([]byte, error) { return srcText, nil })
		if err != nil {
			t.Fatalf("edited file: %v", err)
		}
		v2 := store.KnowledgeVersion{Version: t2.Version, Title: t2.Title, Events: len(t2.Events), Content: edited, SourcePath: orig.Source.Path, SourceText: string(srcText)}
		_, removed, _ := knowledge.Diff(orig, t2)
		if _, err := s.SaveInstall(ctx, v2, store.Install{Trigger: "discord:1", Previous: v1.Version, Removed: removed}); err != nil {
			t.Fatal(err)
		}
		// A rollback installs v1 again: one more install, still two versions.
		if _, err := s.SaveInstall(ctx, v1, store.Install{Trigger: "discord:1 version:" + v1.Version, Previous: v2.Version}); err != nil {
			t.Fatal(err)
		}
		latest, ok, err := s.LatestInstall(ctx)
		if err != nil || !ok || latest.Version != v1.Version || !strings.Contains(latest.Trigger, "version:") || latest.Events != len(orig.Events) {
			t.Fatalf("LatestInstall = %+v, %v, %v", latest, ok, err)
		}
		installs, err := s.Installs(ctx, 0)
		if err != nil || len(installs) != 3 || len(installs[1].Removed) != 1 {
			t.Fatalf("Installs = %+v, %v", installs, err)
		}
		vs, err := s.KnowledgeVersions(ctx, "", 0)
		if err != nil || len(vs) != 2 || vs[0].Version != v1.Version {
			t.Fatalf("KnowledgeVersions = %+v, %v", vs, err)
		}
		if vs, _ := s.KnowledgeVersions(ctx, strings.ToUpper(v2.Version[:4]), 0); len(vs) != 1 || vs[0].Version != v2.Version {
			t.Fatalf("KnowledgeVersions by prefix = %+v", vs)
		}
		got, err := s.KnowledgeVersion(ctx, v2.Version)
		if err != nil {
			t.Fatal(err)
		}
		tl, err := got.Timeline()
		if err != nil || tl.Version != v2.Version || len(tl.Events) != len(orig.Events)-1 {
			t.Fatalf("stored version parsed to %v, %v", tl, err)
		}
		added, removed2, changed, err := s.DiffVersions(ctx, v1.Version, v2.Version)
		if err != nil || len(added) != 0 || len(changed) != 0 || strings.Join(removed2, ",") != strings.Join(removed, ",") {
			t.Fatalf("DiffVersions = %v %v %v %v", added, removed2, changed, err)
		}
		if _, err := s.KnowledgeVersion(ctx, "nope"); !errors.Is(err, store.ErrNoVersion) {
			t.Fatalf("unknown version: %v", err)
		}
		if err := s.RecordReloadFailure(ctx, store.ReloadFailure{Trigger: "sighup", Result: "refused", Problems: 2, FirstProblem: "line 3: bad date"}); err != nil {
			t.Fatal(err)
		}
		fs, err := s.ReloadFailures(ctx, 10)
		if err != nil || len(fs) != 1 || fs[0].FirstProblem != "line 3: bad date" {
			t.Fatalf("ReloadFailures = %+v, %v", fs, err)
		}
	})
}

// Two stores on one database stand for two replicas: a burst across both is limited as if by one.
func TestRateLimitIsSharedByEveryStoreOnTheDatabase(t *testing.T) {
	testdb.Each(t, func(t *testing.T, url string) {
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		var mu sync.Mutex
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		a := open(t, url, store.Options{Now: clock})
		b := open(t, url, store.Options{Now: clock})
		ctx := context.Background()
		var allowed atomic.Int64
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := a
				if i%2 == 1 {
					s = b
				}
				ok, err := s.Allow(ctx, "user:1", 6, 3)
				if err != nil {
					t.Error(err)
				}
				if ok {
					allowed.Add(1)
				}
			}()
		}
		wg.Wait()
		if allowed.Load() != 3 {
			t.Fatalf("%d of 20 allowed across two stores, want the burst of 3", allowed.Load())
		}
		if ok, _ := a.Allow(ctx, "user:2", 6, 3); !ok {
			t.Fatal("another user shares the bucket")
		}
		mu.Lock()
		now = now.Add(10 * time.Second) // 6 a minute: one token back
		mu.Unlock()
		ok1, _ := b.Allow(ctx, "user:1", 6, 3)
		ok2, _ := a.Allow(ctx, "user:1", 6, 3)
		if !ok1 || ok2 {
			t.Fatalf("after 10 s: %v then %v, want one more question", ok1, ok2)
		}
	})
}

func TestConversationTurns(t *testing.T) {
	testdb.Each(t, func(t *testing.T, url string) {
		s := open(t, url, store.Options{})
		ctx := context.Background()
		for i := range 5 {
			if err := s.AddTurn(ctx, "dm:1", store.Turn{Question: fmt.Sprint("q", i), Retrieval: "r", Answer: "a"}, 3); err != nil {
				t.Fatal(err)
			}
		}
		turns, err := s.Turns(ctx, "dm:1", 3, time.Hour)
		if err != nil || len(turns) != 3 || turns[0].Question != "q2" || turns[2].Question != "q4" {
			t.Fatalf("Turns = %+v, %v", turns, err)
		}
		if turns, _ := s.Turns(ctx, "dm:2", 3, time.Hour); len(turns) != 0 {
			t.Fatal("another conversation's turns")
		}
		if err := s.ForgetTurns(ctx, "dm:1"); err != nil {
			t.Fatal(err)
		}
		if turns, _ := s.Turns(ctx, "dm:1", 3, time.Hour); len(turns) != 0 {
			t.Fatal("ForgetTurns kept turns")
		}
	})
}

// Processes opening one new database at once (two replicas, serve and stats) all start: goose
// locks PostgreSQL; on SQLite the one that finds the schema migrated by the other goes on.
func TestOpeningOneNewDatabaseConcurrently(t *testing.T) {
	testdb.Each(t, func(t *testing.T, url string) {
		target, _, _ := store.ParseURL(url, "")
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := store.Open(context.Background(), target, store.Options{})
				errs[i] = err
				if err == nil {
					closeStore(t, s)
				}
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("open %d: %v", i, err)
			}
		}
	})
}

// DATABASE_RETENTION: a store deletes questions and feedback past the retention when it opens,
// then hourly; knowledge versions stay.
func TestRetentionDeletesOldRecordsAtOpen(t *testing.T) {
	url := testdb.SQLiteURL(t)
	now := time.Now()
	s := open(t, url, store.Options{})
	s.RecordQuestion(store.Question{Ref: "old", At: now.Add(-100 * 24 * time.Hour), Entry: "slash", Text: "q", Outcome: "answered"})
	s.RecordQuestion(store.Question{Ref: "new", At: now.Add(-time.Hour), Entry: "slash", Text: "q", Outcome: "answered"})
	s.RecordFeedback(store.Feedback{At: now.Add(-100 * 24 * time.Hour), QuestionRef: "old", EventID: "e"})
	if _, err := s.SaveInstall(context.Background(), store.KnowledgeVersion{Version: "v1", Content: "x"}, store.Install{At: now.Add(-200 * 24 * time.Hour), Trigger: "startup"}); err != nil {
		t.Fatal(err)
	}
	closeStore(t, s)
	s = open(t, url, store.Options{Retention: 90 * 24 * time.Hour})
	waitFor(t, "retention at open", 10*time.Second, func() bool {
		qs, _ := s.Questions(context.Background(), store.QuestionFilter{})
		fb, _ := s.Feedback(context.Background(), store.FeedbackFilter{})
		return len(qs) == 1 && qs[0].Ref == "new" && len(fb) == 0
	})
	if in, ok, _ := s.LatestInstall(context.Background()); !ok || in.Version != "v1" {
		t.Fatal("retention deleted a knowledge version")
	}
}
