package reload

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/knowledge"
)

const secret = "MTAxNTk5OTk5OTk5OTk5OTk5.Gabcde.SECRETSECRETSECRET"

// uploadNaming returns a knowledge file whose source.path is source and whose one passage is
// passage.
func uploadNaming(source, passage string) []byte {
	return []byte("format: 1\ntitle: t\nsource:\n  path: \"" + source + "\"\n  title: s\n  language: en\n  attribution: a\n" +
		"events:\n  - id: e1\n    date: 2016-01-01\n    title: x\n    summary: y\n    passages:\n      - \"" + passage + "\"\n")
}

// An uploaded knowledge file comes from a Discord moderator, trusted to change the knowledge, not to
// read the server's files. Its source.path may only name a regular, non-hidden file inside the
// knowledge folder, symbolic links followed: otherwise the validation messages (which said what the
// source has where a passage stops matching, 24 bytes at a time) read out the .env file holding
// DISCORD_TOKEN beside the knowledge file, or anything a link points to.
func TestUploadSourceMustBeAPlainFileInTheKnowledgeFolder(t *testing.T) {
	outsideDir := t.TempDir()
	outside := filepath.Join(outsideDir, "secret.txt")
	for _, f := range []string{outside, filepath.Join(outsideDir, ".env")} {
		if err := os.WriteFile(f, []byte("DISCORD_TOKEN="+secret+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path, orig := seedDir(t)
	dir := filepath.Dir(path)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// The folder as the container recipe lays it out (.env beside the knowledge file), plus what an
	// operator might leave there.
	must(os.WriteFile(filepath.Join(dir, ".env"), []byte("DISCORD_TOKEN="+secret+"\nOPENAI_API_KEY=sk-"+secret+"\n"), 0o600))
	must(os.MkdirAll(filepath.Join(dir, ".git"), 0o755))
	must(os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("DISCORD_TOKEN="+secret+"\n"), 0o600))
	must(os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "sub", ".env"), []byte("DISCORD_TOKEN="+secret+"\n"), 0o600))
	must(os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.txt")))
	must(os.Symlink(outside, filepath.Join(dir, "notes.txt")))
	must(os.Symlink(".env", filepath.Join(dir, "env.txt")))
	must(os.Symlink(outsideDir, filepath.Join(dir, "shared")))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")))
	must(syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644))
	l, err := net.Listen("unix", filepath.Join(dir, "sock.txt"))
	must(err)
	t.Cleanup(func() { l.Close() })
	rel, err := filepath.Rel(dir, outside)
	must(err)

	tests := []struct {
		name, source string
		want         string // in the message
	}{
		{"the .env beside the knowledge file", ".env", "folder"},
		{"./.env", "./.env", "folder"},
		{"a hidden file in a subfolder", "sub/.env", "folder"},
		{"a file in a hidden folder", ".git/config", "folder"},
		{"a path through .. back into the folder", "sub/../.env", "folder"},
		{"climbing out with ..", filepath.ToSlash(rel), "folder"},
		{"an absolute path", outside, "folder"},
		{"/etc/passwd", "/etc/passwd", "folder"},
		{"a link to /etc/passwd", "passwd.txt", "folder"},
		{"a link to a file outside", "notes.txt", "folder"},
		{"a link to the hidden .env", "env.txt", "folder"},
		{"a file in a linked folder outside", "shared/secret.txt", "folder"},
		{"a hidden file in a linked folder outside", "shared/.env", "folder"},
		{"/dev/zero", "/dev/zero", "folder"},
		{"a link to /dev/zero", "zero.txt", "folder"},
		{"a FIFO in the folder", "pipe.txt", "named pipe"},
		{"a socket in the folder", "sock.txt", "socket"},
		{"a folder", "sub", "folder, not a file"},
		{"a missing file", "nowhere.txt", "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, store, logs := newManager(t, path)
			m.timeout = time.Hour // a FIFO must be refused, not timed out
			old := store.Current()
			_, err := returnsWithin(t, 10*time.Second, func() (any, error) {
				return m.Reload(context.Background(), "discord:42", uploadNaming(tt.source, "DISCORD_TOKEN=zzz"))
			})
			var ve *knowledge.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v, want a validation error", err)
			}
			if ve.Problems[0].Field != "source.path" || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("the message should refuse source.path saying %q:\n%v", tt.want, err)
			}
			if strings.Contains(err.Error(), secret[:8]) || strings.Contains(err.Error(), "root:") {
				t.Fatalf("the validation message reads out a file:\n%v", err)
			}
			if strings.Contains(err.Error(), dir) || strings.Contains(err.Error(), outsideDir) && !strings.Contains(tt.source, outsideDir) {
				t.Errorf("the message names the server's folders:\n%v", err)
			}
			if store.Current() != old {
				t.Error("the old timeline should keep serving")
			}
			if got, _ := os.ReadFile(path); string(got) != string(orig) {
				t.Error("the knowledge file changed")
			}
			checkNoFileContentInLogs(t, logs, "zzz", secret[:8])
		})
	}

	// What stays allowed: a file in the folder or a subfolder, and links that stay inside it.
	src, err := os.ReadFile(filepath.Join(dir, "source.fr.txt"))
	must(err)
	must(os.WriteFile(filepath.Join(dir, "sub", "source.txt"), src, 0o644))
	must(os.Symlink("source.fr.txt", filepath.Join(dir, "source-link.txt")))
	must(os.Symlink("sub", filepath.Join(dir, "sub-link")))
	passage := "21 octobre 2016: WikiLeaks écrit à Trump Jr. et demande les déclarations d'impôts de Trump."
	for _, source := range []string{"source.fr.txt", "./source.fr.txt", "sub/source.txt", "source-link.txt", "sub-link/source.txt"} {
		t.Run("allowed "+source, func(t *testing.T) {
			m, _, _ := newManager(t, path)
			t.Cleanup(func() { must(os.WriteFile(path, orig, 0o644)) })
			if _, err := m.Reload(context.Background(), "discord:42", uploadNaming(source, passage)); err != nil {
				t.Fatalf("refused: %v", err)
			}
		})
	}
}

// A non-hidden file in the folder may be a source, but the refusal of a passage that stops matching
// never quotes it: it says where the passage stops matching, in the passage's own words. The same
// file checked from disk (by the operator, `timelinebot check`) keeps the hint of what the source has.
func TestUploadRefusalNeverQuotesTheSource(t *testing.T) {
	path, _ := seedDir(t)
	dir := filepath.Dir(path)
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("Deployment notes.\n\nDISCORD_TOKEN="+secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		source, passage string
		notQuoted       string // what the source has after the matching part
	}{
		{"notes.txt", "DISCORD_TOKEN=zzz", secret[:8]},
		{"source.fr.txt", "21 octobre 2016: WikiLeaks écrit à Trump Jr. et demande les déclarations fiscales", "d'impôts de Trump"},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			m, _, logs := newManager(t, path)
			upload := uploadNaming(tt.source, tt.passage)
			_, err := m.Reload(context.Background(), "discord:42", upload)
			var ve *knowledge.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("error %v, want one problem", err)
			}
			msg := err.Error()
			if strings.Contains(msg, tt.notQuoted) || strings.Contains(msg, "the source has") || strings.Contains(msg, "next paragraph begins") {
				t.Errorf("the refusal quotes the source:\n%s", msg)
			}
			if !strings.Contains(msg, "then differs where the passage has") {
				t.Errorf("the refusal should still say where the passage stops matching:\n%s", msg)
			}
			checkNoFileContentInLogs(t, logs, "zzz", tt.notQuoted, "fiscales")
			if a := logs.audits(); a[len(a)-1].Attrs["first_problem"] != UploadName+":14:9: events[0].passages[0]" {
				t.Errorf("first_problem = %q, want the place only", a[len(a)-1].Attrs["first_problem"])
			}

			// The operator's own file on disk keeps the full hint.
			onDisk := filepath.Join(dir, "k-"+tt.source+".yaml")
			if err := os.WriteFile(onDisk, upload, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := knowledge.LoadFile(onDisk); err == nil || !strings.Contains(err.Error(), "the source has") {
				t.Errorf("checking the file from disk should say what the source has: %v", err)
			}
		})
	}
}

// checkNoFileContentInLogs fails when a log line carries any of the given texts.
func checkNoFileContentInLogs(t *testing.T, logs *logCapture, texts ...string) {
	t.Helper()
	dump := logs.dump()
	for _, s := range texts {
		if strings.Contains(dump, s) {
			t.Errorf("the log carries file content %q:\n%s", s, dump)
		}
	}
}

// returnsWithin runs f and fails the test if it has not returned after d: a reload that blocks (on
// a FIFO) must fail the test, not hang it.
func returnsWithin[T any](t *testing.T, d time.Duration, f func() (T, error)) (T, error) {
	t.Helper()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(d):
		t.Fatalf("still blocked after %v", d)
		panic("unreachable")
	}
}
