package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Tests of knowledge reloading through the real program: `timelinebot serve` in process, with a
// knowledge file in a temporary folder, against the fake Discord.

const (
	reloadTaxOld = "WikiLeaks writes to Trump Jr. and asks whether the campaign would let it leak"
	reloadTaxNew = "WikiLeaks messages Trump Jr. privately and asks whether the campaign would let it leak"
	reloadModID  = "111111111111111111"
)

// reloadLog is the program's output, shared by its logger and the test.
type reloadLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *reloadLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *reloadLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// audits returns the "knowledge reload" audit lines logged so far.
func (l *reloadLog) audits() []map[string]any {
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(l.String()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec["msg"] == "knowledge reload" {
			out = append(out, rec)
		}
	}
	return out
}

type reloadServed struct {
	// db is the DATABASE_URL serve keeps its records in.
	db   string
	fake *fakediscord.Server
	logs *reloadLog
	path string
	orig []byte
	asks int
}

// serveWithKnowledgeFile runs `timelinebot serve` on a copy of the seed written to a temporary
// folder and waits for its commands. It skips the test when serve does not wire reloading yet.
func serveWithKnowledgeFile(t *testing.T, env ...string) *reloadServed {
	t.Helper()
	dir := t.TempDir()
	if _, err := knowledge.WriteDefault(dir); err != nil {
		t.Fatal(err)
	}
	s := &reloadServed{logs: &reloadLog{}, path: filepath.Join(dir, knowledge.DefaultFile), db: testdb.SQLiteURL(t)}
	s.orig, _ = os.ReadFile(s.path)
	s.fake = fakediscord.New(t, fakediscord.Options{})
	base := []string{
		"DISCORD_TOKEN=" + s.fake.Token(), "DISCORD_API_URL=" + s.fake.APIURL(), "DISCORD_GUILD_ID=" + s.fake.GuildID(),
		"LOG_FORMAT=json", "KNOWLEDGE_FILE=" + s.path, "DATABASE_URL=" + s.db,
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, append(base, env...), s.logs, s.logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop within 15 s")
		}
		s.fake.AssertNoViolations(t)
		if t.Failed() {
			t.Logf("logs:\n%s", s.logs.String())
		}
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	if _, err := s.fake.WaitCommands(wctx, s.fake.GuildID()); err != nil {
		t.Fatalf("commands never registered: %v\n%s", err, s.logs.String())
	}
	// Registered on the bot's side too, so that stopping it now is a clean shutdown.
	for !strings.Contains(s.logs.String(), `"commands registered"`) {
		if wctx.Err() != nil {
			t.Fatalf("the bot never saw its commands registered:\n%s", s.logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if len(s.logs.audits()) == 0 {
		t.Fatalf("serve wrote no startup audit line: reload.Manager is not wired:\n%s", s.logs.String())
	}
	return s
}

// waitAudit waits for the n-th audit line and returns it.
func (s *reloadServed) waitAudit(t *testing.T, n int) map[string]any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if a := s.logs.audits(); len(a) >= n {
			return a[n-1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("audit line %d never came:\n%s", n, s.logs.String())
	return nil
}

func (s *reloadServed) reload(t *testing.T, perms, url string) string {
	t.Helper()
	var opts []fakediscord.CommandOption
	if url != "" {
		opts = append(opts, fakediscord.AttachmentOpt("file", url))
	}
	id := s.fake.DispatchInteraction(fakediscord.SlashCommand("reload", opts...).
		By(fakediscord.User{ID: reloadModID, Username: "mod"}).WithPermissions(perms))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cb, err := s.fake.WaitCallback(ctx, id)
	if err != nil {
		t.Fatalf("/reload: %v", err)
	}
	if cb.Type == 4 {
		return cb.Message.Content
	}
	ed, err := s.fake.WaitOriginalEdit(ctx, id)
	if err != nil {
		t.Fatalf("/reload: %v", err)
	}
	return ed.Message.Content
}

func (s *reloadServed) askText(t *testing.T, q string) string {
	t.Helper()
	// A new user each time, so the per-user rate limit stays out of the way.
	s.asks++
	user := fakediscord.User{ID: fmt.Sprintf("4444444444444%05d", s.asks), Username: fmt.Sprintf("asker%d", s.asks)}
	id := s.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", q)).By(user))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cb, err := s.fake.WaitCallback(ctx, id)
	if err != nil {
		t.Fatalf("/ask: %v", err)
	}
	msg := cb.Message
	if cb.Type == 5 {
		ed, err := s.fake.WaitOriginalEdit(ctx, id)
		if err != nil {
			t.Fatalf("/ask: %v", err)
		}
		msg = &ed.Message
	}
	var b strings.Builder
	for _, e := range msg.Embeds {
		b.WriteString(e.Description + "\n")
	}
	return b.String()
}

func TestServeReloadCommand(t *testing.T) {
	s := serveWithKnowledgeFile(t)
	if a := s.waitAudit(t, 1); a["trigger"] != "startup" {
		t.Errorf("first audit line %v, want the startup one", a)
	}
	// Non-moderator: refused, nothing changes.
	edited := bytes.Replace(s.orig, []byte(reloadTaxOld), []byte(reloadTaxNew), 1)
	if err := os.WriteFile(s.path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := s.reload(t, "3072", ""); !strings.Contains(got, "Only moderators") {
		t.Errorf("non-moderator /reload said %q", got)
	}
	if a := s.askText(t, "21 October 2016"); !strings.Contains(a, reloadTaxOld) {
		t.Errorf("after a refused /reload /ask answered %q", a)
	}
	// Moderator: the edit is served at once.
	if got := s.reload(t, "32", ""); !strings.Contains(got, "Changed (1): 2016-10-21-tax-returns") {
		t.Errorf("/reload said %q", got)
	}
	if a := s.askText(t, "21 October 2016"); !strings.Contains(a, reloadTaxNew) {
		t.Errorf("after /reload /ask answered %q", a)
	}
	if a := s.waitAudit(t, 2); a["trigger"] != "discord:"+reloadModID || a["result"] != "ok" {
		t.Errorf("audit line %v", a)
	}
	// Invalid file: refused with its line, old answers served, file unchanged.
	bad := bytes.Replace(s.orig, []byte("date: 2016-10-21\n"), []byte("date: 2016-10-32\n"), 1)
	if err := os.WriteFile(s.path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := s.reload(t, "32", ""); !strings.Contains(got, "Reload refused") || !strings.Contains(got, ":123:") {
		t.Errorf("/reload of an invalid file said %q", got)
	}
	if a := s.askText(t, "21 October 2016"); !strings.Contains(a, reloadTaxNew) {
		t.Errorf("after a refused reload /ask answered %q", a)
	}
	if got, _ := os.ReadFile(s.path); !bytes.Equal(got, bad) {
		t.Error("the file changed")
	}
	// Upload: written over the file, previous version kept.
	url := s.fake.AddAttachment("knowledge.yaml", s.orig)
	if got := s.reload(t, "32", url); !strings.Contains(got, "Changed (1): 2016-10-21-tax-returns") {
		t.Errorf("/reload with a file said %q", got)
	}
	if got, _ := os.ReadFile(s.path); !bytes.Equal(got, s.orig) {
		t.Error("the upload was not written")
	}
	if got, _ := os.ReadFile(s.path + ".bak"); !bytes.Equal(got, bad) {
		t.Error("the previous file was not kept as .bak")
	}
	if a := s.askText(t, "21 October 2016"); !strings.Contains(a, reloadTaxOld) {
		t.Errorf("after the upload /ask answered %q", a)
	}
}

func TestServeReloadOnSIGHUP(t *testing.T) {
	s := serveWithKnowledgeFile(t)
	edited := bytes.Replace(s.orig, []byte(reloadTaxOld), []byte(reloadTaxNew), 1)
	if err := os.WriteFile(s.path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	// Subscribed here too, so that a serve not handling SIGHUP fails the test instead of killing it.
	own := make(chan os.Signal, 1)
	signal.Notify(own, syscall.SIGHUP)
	defer signal.Stop(own)
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	if a := s.waitAudit(t, 2); a["trigger"] != "sighup" || a["result"] != "ok" {
		t.Errorf("audit line %v", a)
	}
	if a := s.askText(t, "21 October 2016"); !strings.Contains(a, reloadTaxNew) {
		t.Errorf("after SIGHUP /ask answered %q", a)
	}
}

func TestServeReloadOnWatch(t *testing.T) {
	s := serveWithKnowledgeFile(t, "KNOWLEDGE_WATCH=true")
	// Give the watcher its folder before editing.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(s.logs.String(), "watching the knowledge file") {
		if time.Now().After(deadline) {
			t.Fatalf("the watcher never started:\n%s", s.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// A rename-writing editor.
	tmp := s.path + ".swp"
	if err := os.WriteFile(tmp, bytes.Replace(s.orig, []byte(reloadTaxOld), []byte(reloadTaxNew), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		t.Fatal(err)
	}
	if a := s.waitAudit(t, 2); a["trigger"] != "watch" || a["result"] != "ok" {
		t.Errorf("audit line %v", a)
	}
	if a := s.askText(t, "21 October 2016"); !strings.Contains(a, reloadTaxNew) {
		t.Errorf("after the edit /ask answered %q", a)
	}
}
