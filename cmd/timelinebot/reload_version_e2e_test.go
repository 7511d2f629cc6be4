package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
)

// reloadVersion runs /reload version:v as the moderator and returns what the bot said.
func (s *reloadServed) reloadVersion(t *testing.T, v string) string {
	t.Helper()
	id := s.fake.DispatchInteraction(fakediscord.SlashCommand("reload", fakediscord.Opt("version", v)).
		By(fakediscord.User{ID: reloadModID, Username: "mod"}).WithPermissions("32"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.fake.WaitCallback(ctx, id); err != nil {
		t.Fatalf("/reload version: %v", err)
	}
	ed, err := s.fake.WaitOriginalEdit(ctx, id)
	if err != nil {
		t.Fatalf("/reload version: %v", err)
	}
	return ed.Message.Content
}

// suggestions returns the versions /reload version: suggests to a member with these permissions.
func (s *reloadServed) suggestions(t *testing.T, perms, typed string) []string {
	t.Helper()
	id := s.fake.DispatchInteraction(fakediscord.Autocomplete("reload", fakediscord.CommandOption{Name: "version", Value: typed, Focused: true}).
		By(fakediscord.User{ID: reloadModID, Username: "mod"}).WithPermissions(perms))
	cb, err := s.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
	if err != nil {
		t.Fatalf("autocomplete: %v", err)
	}
	var out []string
	for _, c := range cb.Choices {
		out = append(out, c.Value.(string))
		if len(c.Name) > 100 || !strings.Contains(c.Name, "events") {
			t.Errorf("choice name %q", c.Name)
		}
	}
	return out
}

// A bad edit is undone in one command: /reload version: serves a stored version again, offered
// by autocomplete to moderators only; every install and the failed reload are kept.
func TestReloadVersionServesAStoredVersionAgain(t *testing.T) {
	s := serveWithKnowledgeFile(t)
	first := s.waitAudit(t, 1)["new_version"].(string)
	edited := bytes.Replace(s.orig, []byte(reloadTaxOld), []byte(reloadTaxNew), 1)
	if err := os.WriteFile(s.path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := s.reload(t, "32", ""); !strings.Contains(got, "Changed (1)") {
		t.Fatalf("/reload said %q", got)
	}
	second := s.waitAudit(t, 2)["new_version"].(string)
	if a := s.askText(t, "21 October 2016"); !strings.Contains(a, reloadTaxNew) {
		t.Fatalf("the edit is not served: %q", a)
	}
	// A broken edit is refused, and kept as a failed reload.
	if err := os.WriteFile(s.path, bytes.Replace(s.orig, []byte("date: 2016-10-21\n"), []byte("date: 2016-10-32\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := s.reload(t, "32", ""); !strings.Contains(got, "Reload refused") {
		t.Fatalf("/reload of a broken file said %q", got)
	}

	if got := s.suggestions(t, "32", ""); strings.Join(got, ",") != second+","+first {
		t.Errorf("a moderator is offered %v, want the two versions, latest first (%s, %s)", got, second, first)
	}
	if got := s.suggestions(t, "32", first[:5]); len(got) != 1 || got[0] != first {
		t.Errorf("typing %q offers %v", first[:5], got)
	}
	if got := s.suggestions(t, "3072", ""); len(got) != 0 {
		t.Errorf("a member who is not a moderator is offered %v", got)
	}

	got := s.reloadVersion(t, first)
	if !strings.Contains(got, "`"+second+"` → `"+first+"`") {
		t.Errorf("/reload version: said %q", got)
	}
	if a := s.askText(t, "21 October 2016"); !strings.Contains(a, reloadTaxOld) {
		t.Errorf("after /reload version: /ask answered %q", a)
	}
	if disk, _ := os.ReadFile(s.path); !bytes.Equal(disk, s.orig) {
		t.Error("the knowledge file was not given the stored version back")
	}
	if got := s.reloadVersion(t, "0123456789ab"); !strings.Contains(got, "not in the database") {
		t.Errorf("/reload version: of an unknown version said %q", got)
	}

	out, _, err := cliRun(t, []string{"DATABASE_URL=" + s.db}, "versions")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	if len(lines) < 4 || !strings.Contains(lines[1], first+" (latest)") || !strings.Contains(lines[1], "discord:"+reloadModID+" version:"+first) ||
		!strings.Contains(lines[2], second) || !strings.Contains(lines[2], "+0 −0 ~1") || !strings.Contains(lines[3], "startup") {
		t.Errorf("versions:\n%s", out)
	}
	if !strings.Contains(out, "Latest failed reloads") || !strings.Contains(out, "refused") || !strings.Contains(out, "2016-10-32") {
		t.Errorf("versions lacks the failed reload:\n%s", out)
	}
}
