package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/knowledge"
)

// draftCmd runs /draft with an attachment as a member with the given permissions and returns the
// final message.
func (s *reloadServed) draftCmd(t *testing.T, perms, url string) fakediscord.Message {
	t.Helper()
	var opts []fakediscord.CommandOption
	if url != "" {
		opts = append(opts, fakediscord.AttachmentOpt("file", url))
	}
	id := s.fake.DispatchInteraction(fakediscord.SlashCommand("draft", opts...).
		By(fakediscord.User{ID: reloadModID, Username: "mod"}).WithPermissions(perms))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cb, err := s.fake.WaitCallback(ctx, id)
	if err != nil {
		t.Fatalf("/draft: %v", err)
	}
	if cb.Type == 4 {
		return *cb.Message
	}
	ed, err := s.fake.WaitOriginalEdit(ctx, id)
	if err != nil {
		t.Fatalf("/draft: %v", err)
	}
	return ed.Message
}

// TestServeDraftCommand follows a moderator from an article to the bot answering from it, in
// Discord: /draft file: answers privately with knowledge.yaml and source.txt and installs nothing;
// the drafted knowledge.yaml, uploaded with /reload file:, is served.
func TestServeDraftCommand(t *testing.T) {
	s := serveWithKnowledgeFile(t)
	article, err := os.ReadFile("../../draft/testdata/post.md")
	if err != nil {
		t.Fatal(err)
	}
	url := s.fake.AddAttachment("ferry.md", article)

	// Not a moderator: refused, nothing drafted.
	if m := s.draftCmd(t, "3072", url); !strings.Contains(m.Content, "Only moderators") || len(m.Attachments) != 0 {
		t.Errorf("non-moderator /draft: %q, %d attachments", m.Content, len(m.Attachments))
	}
	// Not a document /draft reads.
	bin := s.fake.AddAttachment("photo.png", []byte("\x89PNG\r\n\x1a\n"))
	if m := s.draftCmd(t, "32", bin); !strings.Contains(m.Content, "not a document /draft reads") {
		t.Errorf("/draft of a .png: %q", m.Content)
	}
	// A text without dates: the drafter's message.
	nodates := s.fake.AddAttachment("notes.txt", []byte("Nothing dated here.\n\nNor here.\n"))
	if m := s.draftCmd(t, "32", nodates); !strings.Contains(m.Content, "no dates found") {
		t.Errorf("/draft of a text without dates: %q", m.Content)
	}

	m := s.draftCmd(t, "32", url)
	if !strings.Contains(m.Content, `Draft of "ferry.md", installed nowhere`) || !strings.Contains(m.Content, "Drafted ") {
		t.Errorf("/draft said %q", m.Content)
	}
	files := map[string][]byte{}
	for _, a := range m.Attachments {
		files[a.Filename] = a.Content
	}
	if len(files["knowledge.yaml"]) == 0 || string(files["source.txt"]) == "" {
		t.Fatalf("attachments: %v", m.Attachments)
	}
	tl, err := knowledge.Parse("knowledge.yaml", files["knowledge.yaml"], nil)
	if err != nil {
		t.Fatalf("the drafted file does not load on its own: %v", err)
	}
	if !strings.Contains(string(files["source.txt"]), "On 12 June 2019, the council voted") {
		t.Errorf("source.txt:\n%s", files["source.txt"])
	}
	// Nothing was installed.
	if a := s.askText(t, "What happened on 12 June 2019?"); strings.Contains(a, "council") {
		t.Errorf("/draft installed the draft: %q", a)
	}

	// The moderator uploads it as it is, and the bot answers from it.
	up := s.fake.AddAttachment("knowledge.yaml", files["knowledge.yaml"])
	if got := s.reload(t, "32", up); !strings.Contains(got, "Reloaded") {
		t.Fatalf("/reload of the draft said %q", got)
	}
	if a := s.askText(t, "What happened on 12 June 2019?"); !strings.Contains(a, "council voted to fund a six-month trial") {
		t.Errorf("after uploading the draft /ask answered %q", a)
	}
	t.Logf("served %d events drafted from ferry.md", len(tl.Events))
}
