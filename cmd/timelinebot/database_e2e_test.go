package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/store"
)

// stopServed stops serve and waits for it, leaving its result for the cleanup.
func stopServed(t *testing.T, s *served) {
	t.Helper()
	s.stop()
	select {
	case err := <-s.done:
		s.done <- err
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func exportLines(t *testing.T, env []string, args ...string) []store.Question {
	t.Helper()
	out, stderr, err := cliRun(t, env, append([]string{"export"}, args...)...)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	var qs []store.Question
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var q store.Question
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			t.Fatalf("export line %q: %v", line, err)
		}
		qs = append(qs, q)
	}
	return qs
}

// Every question, whatever its entry, and every feedback click is kept; what serve queued is
// flushed when it stops; export, stats and versions read it back.
func TestQuestionsAndFeedbackAreKeptAndExported(t *testing.T) {
	dbURL := testdb.SQLiteURL(t)
	s := serve(t, fakediscord.Options{}, "DATABASE_URL="+dbURL, "RATE_LIMIT_BURST=3")
	cb := s.ask(t, "What did WikiLeaks say on 9 November 2016?")
	var wrong string
	for _, cid := range cb.Message.CustomIDs() {
		if strings.HasPrefix(cid, "fb:n:") {
			wrong = cid
		}
	}
	fid := s.fake.DispatchInteraction(fakediscord.InteractionSpec{Type: 3, CustomID: wrong, ComponentType: 2, MessageID: cb.Message.ID})
	if _, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), fid); err != nil {
		t.Fatal(err)
	}
	s.ask(t, "Who won the 1998 World Cup?")
	s.ask(t, "who won the 1998 world cup")
	s.ask(t, "one more, over the burst") // the fourth in a row from one user
	// Another user: the first one spent their burst.
	dm := s.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Author: fakediscord.User{ID: "3000000000000000042", Username: "reader"}, Content: "What happened on Nov 8?"})
	if _, err := s.fake.WaitChannelMessage(ctxFor(t, 5*time.Second), func(m fakediscord.Message) bool { return m.Reference != nil && m.Reference.MessageID == dm }); err != nil {
		t.Fatal(err)
	}
	stopServed(t, s)
	if !strings.Contains(s.logs.String(), `"msg":"database closed"`) {
		t.Errorf("no database closed line:\n%s", s.logs.String())
	}

	env := []string{"DATABASE_URL=" + dbURL}
	qs := exportLines(t, env)
	if len(qs) != 5 {
		t.Fatalf("exported %d questions, want 5: %+v", len(qs), qs)
	}
	first := qs[0]
	if first.Outcome != store.OutcomeAnswered || first.Entry != store.EntrySlash || len(first.Citations) == 0 || first.KnowledgeVersion == "" ||
		first.GuildID == "" || first.ChannelID == "" || first.Ref == "" || first.Answer == "" {
		t.Errorf("the answered question was kept as %+v", first)
	}
	if len(first.Feedback) != 1 || first.Feedback[0].Helpful || first.Feedback[0].EventID != strings.TrimPrefix(wrong, "fb:n:") {
		t.Errorf("the Wrong event click is not linked to its answer: %+v", first.Feedback)
	}
	if first.User == "" || strings.Contains(first.User, s.fake.DefaultUser().ID) {
		t.Errorf("the asker is kept as %q; want a keyed hash, not the id", first.User)
	}
	wantOutcomes := []string{store.OutcomeAnswered, store.OutcomeRefused, store.OutcomeRefused, store.OutcomeRateLimited, store.OutcomeAnswered}
	for i, q := range qs {
		if q.Outcome != wantOutcomes[i] {
			t.Errorf("question %d (%q): outcome %s, want %s", i, q.Text, q.Outcome, wantOutcomes[i])
		}
	}
	if qs[4].Entry != store.EntryDM || qs[4].GuildID != "" {
		t.Errorf("the DM was kept as %+v", qs[4])
	}
	if refused := exportLines(t, env, "--refused"); len(refused) != 2 {
		t.Errorf("export --refused: %d questions, want 2", len(refused))
	}
	if recent := exportLines(t, env, "--since", "1h"); len(recent) != 5 {
		t.Errorf("export --since 1h: %d questions, want 5", len(recent))
	}

	out, _, err := cliRun(t, env, "stats")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"5 questions", "2 refused", "1 rate-limited", "1 wrong event", "Most refused", `2  `, "who won the 1998 world cup", strings.TrimPrefix(wrong, "fb:n:")} {
		if !strings.Contains(out, want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	out, _, err = cliRun(t, env, "versions")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, first.KnowledgeVersion+" (latest)") || !strings.Contains(out, "startup") {
		t.Errorf("versions:\n%s", out)
	}
}

func TestAskCheckAndEvalNeverTouchTheDatabase(t *testing.T) {
	dir := t.TempDir()
	env := []string{"DATABASE_URL=sqlite://" + filepath.Join(dir, "bot.db")}
	if _, stderr, err := cliRun(t, env, "ask", "What happened on 2016-10-14?"); err != nil {
		t.Fatalf("ask: %v %s", err, stderr)
	}
	if _, stderr, err := cliRun(t, env, "check"); err != nil {
		t.Fatalf("check: %v %s", err, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("ask/check created %v", entries)
	}
	// The read commands do not create a database either: a wrong path is reported.
	_, _, err := cliRun(t, env, "stats")
	if err == nil || !strings.Contains(err.Error(), "no database at") {
		t.Fatalf("stats on a missing database: %v", err)
	}
	if _, _, err := cliRun(t, []string{"DATABASE_URL=none"}, "export"); err == nil || !strings.Contains(err.Error(), "keeps nothing") {
		t.Fatalf("export with DATABASE_URL=none: %v", err)
	}
}
