package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Which version a starting process serves: KNOWLEDGE_FILE when it is the latest stored version or
// one never stored (the operator's latest word, stored as a new version); the latest stored
// version when the file is an older one (a stale copy must not undo a later reload).
func TestStartupServesTheFileUnlessItIsAnOlderStoredVersion(t *testing.T) {
	dir := t.TempDir()
	if _, err := knowledge.WriteDefault(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, knowledge.DefaultFile)
	orig, _ := os.ReadFile(path)
	edited := bytes.Replace(orig, []byte(reloadTaxOld), []byte(reloadTaxNew), 1)
	dbURL := testdb.SQLiteURL(t)
	fake := fakediscord.New(t, fakediscord.Options{})
	asks := 0
	start := func(content []byte, wantServed string) *syncBuffer {
		t.Helper()
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		logs, stop := serveOn(t, fake, "KNOWLEDGE_FILE="+path, "DATABASE_URL="+dbURL)
		defer stop()
		asks++
		id := fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "21 October 2016")).
			By(fakediscord.User{ID: "12121212121212120" + string(rune('0'+asks)), Username: "u"}))
		cb, err := fake.WaitCallback(ctxFor(t, 10*time.Second), id)
		if err != nil {
			t.Fatal(err)
		}
		if len(cb.Message.Embeds) == 0 || !strings.Contains(cb.Message.Embeds[0].Description, wantServed) {
			t.Fatalf("start %d served %+v, want %q", asks, cb.Message.Embeds, wantServed)
		}
		return logs
	}
	start(orig, reloadTaxOld)   // first start: the file, stored
	start(edited, reloadTaxNew) // an edit never stored: the operator's latest word
	logs := start(orig, reloadTaxNew)
	if !strings.Contains(logs.String(), "older stored version") {
		t.Errorf("the stale file was not reported:\n%s", logs.String())
	}
	out, _, err := cliRun(t, []string{"DATABASE_URL=" + dbURL}, "versions", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d installs stored, want 2 (the stale file is not one):\n%s", n, out)
	}
	if !strings.Contains(strings.Split(out, "\n")[0], `"changed":["2016-10-21-tax-returns"]`) {
		t.Errorf("the second install does not say what changed:\n%s", out)
	}
}
