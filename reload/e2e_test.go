package reload

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/internal/discordsession"
	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/knowledge"
)

// End-to-end tests of /reload: the real bot and discordgo client against the fake Discord, with a
// Manager over a knowledge file in a temporary folder.

const (
	modRole         = "323456789012345678"
	permManageGuild = "32"   // MANAGE_GUILD
	permMember      = "3072" // VIEW_CHANNEL | SEND_MESSAGES
	e2eCap          = 64 << 10
)

type e2eBot struct {
	fake       *fakediscord.Server
	m          *Manager
	store      *knowledge.Store
	logs       *logCapture
	path       string
	orig       []byte
	moderator  fakediscord.User
	member     fakediscord.User
	roleHolder fakediscord.User
}

// startBot runs the bot against a fake Discord, serving the seed from a knowledge file (or the
// embedded knowledge when embedded is set), and waits until its commands are registered.
func startBot(t *testing.T, embedded bool, mutate ...func(*bot.Options)) *e2eBot {
	t.Helper()
	e := &e2eBot{
		moderator:  fakediscord.User{ID: "111111111111111111", Username: "mod"},
		member:     fakediscord.User{ID: "222222222222222222", Username: "member"},
		roleHolder: fakediscord.User{ID: "333333333333333333", Username: "helper"},
	}
	e.path, e.orig = seedDir(t)
	e.m, e.store, e.logs = newManager(t, e.path)
	if embedded {
		e.m = New(e.store, "", slog.New(e.logs), nil)
	}
	e.fake = fakediscord.New(t, fakediscord.Options{})
	sess, err := discordsession.New(discordsession.Options{Token: e.fake.Token(), APIURL: e.fake.APIURL(), Intents: bot.Intents, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	opts := bot.Options{
		GuildID:            e.fake.GuildID(),
		ModeratorRoleIDs:   []string{modRole},
		Reloader:           e.m,
		AttachmentMaxBytes: e2eCap,
		Logger:             slog.New(e.logs),
	}
	for _, f := range mutate {
		f(&opts)
	}
	b := bot.New(opts, answer.NewEngine(e.store), e.store)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx, sess) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("bot: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("the bot did not stop")
		}
		e.fake.AssertNoViolations(t)
		if t.Failed() {
			t.Logf("logs:\n%s", e.logs.dump())
		}
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	if _, err := e.fake.WaitCommands(wctx, e.fake.GuildID()); err != nil {
		t.Fatalf("commands never registered: %v\n%s", err, e.logs.dump())
	}
	return e
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// reload dispatches /reload by u with the given member permissions and roles, with an attachment
// when url is not empty, and returns the text the moderator finally sees.
func (e *e2eBot) reload(t *testing.T, u fakediscord.User, perms string, roles []string, url string) string {
	t.Helper()
	var opts []fakediscord.CommandOption
	if url != "" {
		opts = append(opts, fakediscord.AttachmentOpt("file", url))
	}
	spec := fakediscord.SlashCommand("reload", opts...).By(u).WithPermissions(perms)
	if roles != nil {
		spec = spec.WithRoles(roles...)
	}
	id := e.fake.DispatchInteraction(spec)
	cb, err := e.fake.WaitCallback(waitCtx(t), id)
	if err != nil {
		t.Fatalf("/reload: no callback: %v", err)
	}
	switch cb.Type {
	case 4: // an immediate reply: a refusal
		if cb.Message == nil || !cb.Message.Ephemeral() {
			t.Fatalf("/reload reply is not ephemeral: %+v", cb.Message)
		}
		return cb.Message.Content
	case 5: // deferred, then edited
		if !bytes.Contains(cb.Data, []byte(`"flags":64`)) {
			t.Errorf("/reload deferral is not ephemeral: %s", cb.Data)
		}
		ed, err := e.fake.WaitOriginalEdit(waitCtx(t), id)
		if err != nil {
			t.Fatalf("/reload: deferred but never edited: %v", err)
		}
		if !ed.Message.Ephemeral() {
			t.Errorf("/reload result is not ephemeral")
		}
		return ed.Message.Content
	}
	t.Fatalf("/reload: callback type %d", cb.Type)
	return ""
}

// ask dispatches /ask and returns the answer's text and footer.
func (e *e2eBot) ask(t *testing.T, q string) string {
	t.Helper()
	id := e.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", q)).By(e.member))
	ctx := waitCtx(t)
	cb, err := e.fake.WaitCallback(ctx, id)
	if err != nil {
		t.Fatalf("/ask: %v", err)
	}
	msg := cb.Message
	if cb.Type == 5 {
		ed, err := e.fake.WaitOriginalEdit(ctx, id)
		if err != nil {
			t.Fatalf("/ask: %v", err)
		}
		msg = &ed.Message
	}
	if msg == nil {
		t.Fatalf("/ask: no message in callback type %d", cb.Type)
	}
	var b strings.Builder
	b.WriteString(msg.Content)
	for _, em := range msg.Embeds {
		b.WriteString("\n" + em.Description)
		if em.Footer != nil {
			b.WriteString("\n" + em.Footer.Text)
		}
	}
	return b.String()
}

func (e *e2eBot) fileUnchanged(t *testing.T) {
	t.Helper()
	if got, _ := os.ReadFile(e.path); !bytes.Equal(got, e.orig) {
		t.Error("the knowledge file on disk changed")
	}
	if _, err := os.Stat(e.path + BackupSuffix); err == nil {
		t.Error("a backup was written though nothing was installed")
	}
}

func TestE2EModeratorReloadsValidEdit(t *testing.T) {
	t.Parallel()
	e := startBot(t, false)
	old := e.store.Current().Version
	if a := e.ask(t, taxQuestion); !strings.Contains(a, taxOld) {
		t.Fatalf("before the edit: %q", a)
	}
	if err := os.WriteFile(e.path, summaryEdit(t, e.orig), 0o644); err != nil {
		t.Fatal(err)
	}
	got := e.reload(t, e.moderator, permManageGuild, nil, "")
	now := e.store.Current().Version
	want := fmt.Sprintf("Reloaded: version `%s` → `%s`, %d events.\nChanged (1): %s", old, now, len(e.store.Current().Events), taxID)
	if now == old || got != want {
		t.Errorf("/reload said:\n%s\nwant:\n%s", got, want)
	}
	// The very next question is answered from the new version.
	if a := e.ask(t, taxQuestion); !strings.Contains(a, taxNew) || !strings.Contains(a, now) {
		t.Errorf("after the reload /ask answered %q; want the new summary and version %s", a, now)
	}
	checkAudit(t, e.logs, 1, "discord:"+e.moderator.ID, ResultOK)

	// A moderator by role (no Manage Server) may reload too; nothing changed this time.
	got = e.reload(t, e.roleHolder, permMember, []string{modRole}, "")
	if !strings.Contains(got, "no change") {
		t.Errorf("second /reload said %q", got)
	}
	checkAudit(t, e.logs, 2, "discord:"+e.roleHolder.ID, ResultUnchanged)
}

func TestE2ENonModeratorRefused(t *testing.T) {
	t.Parallel()
	e := startBot(t, false)
	old := e.store.Current()
	edited := summaryEdit(t, e.orig)
	if err := os.WriteFile(e.path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	url := e.fake.AddAttachment("knowledge.yaml", edited)
	for _, withFile := range []string{"", url} {
		got := e.reload(t, e.member, permMember, []string{"999999999999999999"}, withFile)
		if !strings.Contains(got, "Only moderators") {
			t.Errorf("non-moderator /reload said %q", got)
		}
	}
	if e.store.Current() != old {
		t.Error("a non-moderator's /reload changed the served knowledge")
	}
	if a := e.ask(t, taxQuestion); !strings.Contains(a, taxOld) {
		t.Errorf("/ask answered %q; want the old summary", a)
	}
	if got, _ := os.ReadFile(e.path); !bytes.Equal(got, edited) {
		t.Error("the file changed")
	}
	if len(e.logs.audits()) != 0 {
		t.Errorf("a refused command is not a reload:\n%s", e.logs.dump())
	}
	if len(e.logs.messages("reload refused")) != 2 {
		t.Errorf("the refusals should be logged:\n%s", e.logs.dump())
	}
}

func TestE2EInvalidFile(t *testing.T) {
	t.Parallel()
	e := startBot(t, false)
	old := e.store.Current()
	bad := invalidEdit(t, summaryEdit(t, e.orig))
	if err := os.WriteFile(e.path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	got := e.reload(t, e.moderator, permManageGuild, nil, "")
	if !strings.Contains(got, "Reload refused; the previous knowledge keeps serving.") ||
		!strings.Contains(got, fmt.Sprintf("%s:%d:", e.path, taxDateLine)) || !strings.Contains(got, "events[4].date") {
		t.Errorf("/reload said:\n%s", got)
	}
	if e.store.Current() != old {
		t.Error("an invalid file replaced the served knowledge")
	}
	if a := e.ask(t, taxQuestion); !strings.Contains(a, taxOld) || !strings.Contains(a, old.Version) {
		t.Errorf("/ask answered %q; want the old answer", a)
	}
	if got, _ := os.ReadFile(e.path); !bytes.Equal(got, bad) {
		t.Error("the file on disk changed")
	}
	checkAudit(t, e.logs, 1, "discord:"+e.moderator.ID, ResultRefused)
}

func TestE2EAttachmentUpload(t *testing.T) {
	t.Parallel()
	e := startBot(t, false)
	old := e.store.Current().Version
	upload := summaryEdit(t, e.orig)
	url := e.fake.AddAttachment("timeline-v2.yml", upload)
	got := e.reload(t, e.moderator, permManageGuild, nil, url)
	now := e.store.Current().Version
	if now == old || !strings.Contains(got, "Reloaded: version `"+old+"` → `"+now+"`") || !strings.Contains(got, "Changed (1): "+taxID) {
		t.Errorf("/reload with a file said:\n%s", got)
	}
	if disk, _ := os.ReadFile(e.path); !bytes.Equal(disk, upload) {
		t.Error("the knowledge file should hold the upload")
	}
	if bak, _ := os.ReadFile(e.path + BackupSuffix); !bytes.Equal(bak, e.orig) {
		t.Error("the previous version should be kept as .bak")
	}
	if a := e.ask(t, taxQuestion); !strings.Contains(a, taxNew) {
		t.Errorf("/ask answered %q; want the uploaded summary", a)
	}
	rec := checkAudit(t, e.logs, 1, "discord:"+e.moderator.ID, ResultOK)
	if rec.Attrs["upload_bytes"] != int64(len(upload)) {
		t.Errorf("audit %v", rec.Attrs)
	}
}

// lyingTransport serves every download with body, whatever Discord announced, or fails.
type lyingTransport struct {
	body   []byte
	status int
	err    error
}

func (l lyingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if l.err != nil {
		return nil, l.err
	}
	return &http.Response{StatusCode: l.status, Status: fmt.Sprintf("%d %s", l.status, http.StatusText(l.status)),
		Body: io.NopCloser(bytes.NewReader(l.body)), ContentLength: -1, Request: r, Header: http.Header{}}, nil
}

func TestE2EAttachmentRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		filename  string
		content   func(orig []byte) []byte
		transport http.RoundTripper
		want      []string
		audited   string // the audit result when the upload reached the manager
	}{
		{name: "not YAML by name", filename: "notes.txt", content: func(o []byte) []byte { return o },
			want: []string{`"notes.txt" is not a knowledge file`, ".yaml or .yml"}},
		{name: "announced too large", filename: "big.yaml", content: func([]byte) []byte { return bytes.Repeat([]byte("# padding\n"), e2eCap/10+1) },
			want: []string{`"big.yaml" is 64 KiB; the limit`, "64 KiB (ATTACHMENT_MAX_BYTES)"}},
		{name: "larger than announced", filename: "small.yaml", content: func([]byte) []byte { return []byte("format: 1\n") },
			transport: lyingTransport{status: 200, body: bytes.Repeat([]byte("x"), e2eCap+100)},
			want:      []string{`"small.yaml" is 64 KiB; the limit`}},
		{name: "download fails", filename: "k.yaml", content: func(o []byte) []byte { return o },
			transport: lyingTransport{err: fmt.Errorf("connection reset")},
			want:      []string{`Could not download "k.yaml"`, "nothing was changed"}},
		{name: "download refused", filename: "k.yaml", content: func(o []byte) []byte { return o },
			transport: lyingTransport{status: 403, body: []byte("expired")},
			want:      []string{`Could not download "k.yaml" (HTTP 403 Forbidden)`}},
		{name: "invalid knowledge", filename: "k.yaml", content: func(o []byte) []byte { return edit(t, o, "date: 2016-10-21\n", "date: 2016-10-32\n") },
			want:    []string{"Reload refused; the previous knowledge keeps serving.", fmt.Sprintf("%s:%d:", UploadName, taxDateLine)},
			audited: ResultRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := startBot(t, false, func(o *bot.Options) {
				if tt.transport != nil {
					o.HTTPClient = &http.Client{Transport: tt.transport}
				}
			})
			old := e.store.Current()
			url := e.fake.AddAttachment(tt.filename, tt.content(e.orig))
			got := e.reload(t, e.moderator, permManageGuild, nil, url)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("/reload said %q; want it to contain %q", got, w)
				}
			}
			if e.store.Current() != old {
				t.Error("the served knowledge changed")
			}
			e.fileUnchanged(t)
			if tt.audited == "" {
				if len(e.logs.audits()) != 0 {
					t.Errorf("refused before reaching the manager, yet audited:\n%s", e.logs.dump())
				}
			} else {
				checkAudit(t, e.logs, 1, "discord:"+e.moderator.ID, tt.audited)
			}
		})
	}
}

func TestE2EEmbeddedKnowledge(t *testing.T) {
	t.Parallel()
	e := startBot(t, true)
	got := e.reload(t, e.moderator, permManageGuild, nil, "")
	if !strings.Contains(got, "embedded knowledge") || !strings.Contains(got, "KNOWLEDGE_FILE") {
		t.Errorf("/reload on the embedded knowledge said %q", got)
	}
}

// The attack of issue 10 through Discord: a moderator uploads knowledge files whose source.path
// names the .env beside the knowledge file, or a link to /etc/passwd, or the real source, with
// passages that guess at what they hold, and reads the refusals. Six uploads used to recover the bot
// token, 24 bytes at a time, and the audit log held it too. Now nothing of those files comes back,
// in the replies or in the log.
func TestE2EUploadCannotReadTheServersFiles(t *testing.T) {
	t.Parallel()
	e := startBot(t, false)
	dir := filepath.Dir(e.path)
	token := "MTAxNTk5OTk5OTk5OTk5OTk5.Gabcde.SECRETSECRETSECRETSECRET"
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("DISCORD_TOKEN="+token+"\nOPENAI_API_KEY=sk-"+token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "notes.txt")); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "source.fr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	old := e.store.Current()
	for _, tt := range []struct{ source, guess, hidden string }{
		{".env", "DISCORD_TOKEN=", token[:8]},
		{"notes.txt", "root:x:0:0:", "/root"},
		{"source.fr.txt", "21 octobre 2016: WikiLeaks", "écrit à Trump Jr."},
	} {
		guess := tt.guess
		for round := range 6 {
			url := e.fake.AddAttachment("k.yaml", uploadNaming(tt.source, guess+"?"))
			got := e.reload(t, e.moderator, permManageGuild, nil, url)
			if !strings.Contains(got, "Reload refused") {
				t.Fatalf("%s, upload %d: %q", tt.source, round+1, got)
			}
			if strings.Contains(got, tt.hidden) || strings.Contains(got, "the source has") || strings.Contains(got, "root:x") {
				t.Fatalf("%s, upload %d: the reply reads the file out:\n%s", tt.source, round+1, got)
			}
			// What an attacker would do with a hint: append what the source has, and try again.
			if _, rest, ok := strings.Cut(got, "then the source has \""); ok {
				guess += strings.SplitN(rest, "\"", 2)[0]
			}
		}
	}
	if e.store.Current() != old {
		t.Error("the served knowledge changed")
	}
	e.fileUnchanged(t)
	dump := e.logs.dump()
	for _, s := range []string{token[:8], "root:x", "DISCORD_TOKEN", "écrit à Trump Jr.", string(src[:40])} {
		if strings.Contains(dump, s) {
			t.Errorf("the log carries %q:\n%s", s, dump)
		}
	}
}
