package reload

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const testDebounce = 50 * time.Millisecond

// startWatch runs m.Watch until the test ends, returning once the folder is watched.
func startWatch(t *testing.T, m *Manager, logs *logCapture) {
	startWatchDebounce(t, m, logs, testDebounce)
}

func startWatchDebounce(t *testing.T, m *Manager, logs *logCapture, debounce time.Duration) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Watch(ctx, debounce) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Watch: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Watch did not return when its context was cancelled")
		}
	})
	logs.wait(t, 5*time.Second, "the watch to start", func(l *logCapture) bool {
		select {
		case err := <-done:
			t.Fatalf("Watch returned at once: %v", err)
		default:
		}
		return len(l.messages("watching the knowledge file")) == 1
	})
}

// settle waits long enough for any pending debounced reload to have happened.
func settle() { time.Sleep(6 * testDebounce) }

// writeAtomically writes data over path the way atomic writers do (temporary file, rename), so that
// the watcher never sees a half-written file however slow the machine.
func writeAtomically(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func waitAudits(t *testing.T, logs *logCapture, n int) {
	t.Helper()
	logs.wait(t, 5*time.Second, fmt.Sprintf("%d audit lines", n), func(l *logCapture) bool { return len(l.audits()) >= n })
}

func TestWatchRenameWriter(t *testing.T) {
	t.Parallel()
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	old := store.Current()
	startWatch(t, m, logs)

	// An atomic writer: a temporary file in the same folder, renamed over the knowledge file.
	tmp := filepath.Join(filepath.Dir(path), ".knowledge.yaml.swp")
	if err := os.WriteFile(tmp, summaryEdit(t, orig), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	waitAudits(t, logs, 1)
	rec := checkAudit(t, logs, 1, "watch", ResultOK)
	if store.Current().Version == old.Version || rec.Attrs["changed"] != int64(1) {
		t.Errorf("not reloaded: %v", rec.Attrs)
	}
	if a := ask(t, store, taxQuestion); !strings.Contains(a.Text, taxNew) {
		t.Errorf("answer %q should use the edit", a.Text)
	}
	// The watch follows the new file: a second rename-write is picked up too.
	if err := os.WriteFile(tmp, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	waitAudits(t, logs, 2)
	checkAudit(t, logs, 2, "watch", ResultOK)
	if store.Current().Version != old.Version {
		t.Error("the second edit (back to the original) is not served")
	}
	settle()
	checkAudit(t, logs, 2, "watch", ResultOK)
}

func TestWatchInPlaceWrite(t *testing.T) {
	t.Parallel()
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	// Truncation and write are two changes: the default debounce keeps a busy machine from reloading
	// in between.
	startWatchDebounce(t, m, logs, DefaultDebounce)
	if err := os.WriteFile(path, summaryEdit(t, orig), 0o644); err != nil {
		t.Fatal(err)
	}
	waitAudits(t, logs, 1)
	checkAudit(t, logs, 1, "watch", ResultOK)
	if a := ask(t, store, taxQuestion); !strings.Contains(a.Text, taxNew) {
		t.Errorf("answer %q should use the edit", a.Text)
	}
	time.Sleep(2 * DefaultDebounce)
	checkAudit(t, logs, 1, "watch", ResultOK)
}

// TestWatchVimStyle saves the way vim does by default with a backup: the file is renamed to file~,
// a new file is written under the original name, and the backup removed.
func TestWatchVimStyle(t *testing.T) {
	t.Parallel()
	path, orig := seedDir(t)
	m, _, logs := newManager(t, path)
	startWatchDebounce(t, m, logs, DefaultDebounce)
	if err := os.Rename(path, path+"~"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, summaryEdit(t, orig), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path + "~"); err != nil {
		t.Fatal(err)
	}
	waitAudits(t, logs, 1)
	time.Sleep(2 * DefaultDebounce)
	checkAudit(t, logs, 1, "watch", ResultOK)
}

func TestWatchBurstIsDebounced(t *testing.T) {
	t.Parallel()
	path, orig := seedDir(t)
	m, _, logs := newManager(t, path)
	// The default debounce, so that a busy machine pausing the writer does not split the burst.
	startWatchDebounce(t, m, logs, DefaultDebounce)
	edited := summaryEdit(t, orig)
	for i := range 5 {
		// A slow writer: the file is half written for a moment, then complete.
		if err := os.WriteFile(path, edited[:len(edited)*(i+1)/5], 0o644); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	waitAudits(t, logs, 1)
	time.Sleep(2 * DefaultDebounce)
	checkAudit(t, logs, 1, "watch", ResultOK)
}

func TestWatchSourceChange(t *testing.T) {
	t.Parallel()
	path, _ := seedDir(t)
	m, store, logs := newManager(t, path)
	old := store.Current()
	startWatch(t, m, logs)
	src := filepath.Join(filepath.Dir(path), "source.fr.txt")
	f, err := os.OpenFile(src, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n\nUn paragraphe ajouté à la fin.\n")
	f.Close()
	waitAudits(t, logs, 1)
	checkAudit(t, logs, 1, "watch", ResultOK)
	if store.Current().Version == old.Version || !strings.Contains(store.Current().Source.Text, "Un paragraphe ajouté") {
		t.Error("the edited source is not served")
	}
}

func TestWatchIgnoresOtherFiles(t *testing.T) {
	t.Parallel()
	path, _ := seedDir(t)
	m, _, logs := newManager(t, path)
	startWatch(t, m, logs)
	dir := filepath.Dir(path)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello"), 0o644)
	os.WriteFile(filepath.Join(dir, "other.yaml"), []byte("format: 1"), 0o644)
	os.Chmod(path, 0o600) // metadata only
	settle()
	if a := logs.audits(); len(a) != 0 {
		t.Errorf("reloaded on changes to other files:\n%s", logs.dump())
	}
}

func TestWatchInvalidThenFixed(t *testing.T) {
	t.Parallel()
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	old := store.Current()
	startWatch(t, m, logs)
	writeAtomically(t, path, invalidEdit(t, orig))
	waitAudits(t, logs, 1)
	checkAudit(t, logs, 1, "watch", ResultRefused)
	if store.Current() != old {
		t.Error("a bad edit replaced the served timeline")
	}
	writeAtomically(t, path, summaryEdit(t, orig))
	waitAudits(t, logs, 2)
	checkAudit(t, logs, 2, "watch", ResultOK)
}

func TestWatchDeletedThenRestored(t *testing.T) {
	t.Parallel()
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	old := store.Current()
	startWatch(t, m, logs)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	logs.wait(t, 5*time.Second, "the missing-file warning", func(l *logCapture) bool {
		return len(l.messages("the knowledge file is missing; the served version stays until it is back")) == 1
	})
	if len(logs.audits()) != 0 || store.Current() != old {
		t.Error("a deleted file should not be a reload")
	}
	writeAtomically(t, path, summaryEdit(t, orig))
	waitAudits(t, logs, 1)
	checkAudit(t, logs, 1, "watch", ResultOK)
}

// TestWatchIgnoresOwnUpload checks that an upload, which writes the knowledge file, is audited once
// (by its own trigger), not a second time by the watcher; and that the watcher still follows edits
// made afterwards.
func TestWatchIgnoresOwnUpload(t *testing.T) {
	t.Parallel()
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	startWatch(t, m, logs)
	if _, err := m.Reload(context.Background(), "discord:42", summaryEdit(t, orig)); err != nil {
		t.Fatal(err)
	}
	settle()
	checkAudit(t, logs, 1, "discord:42", ResultOK)

	writeAtomically(t, path, orig)
	waitAudits(t, logs, 2)
	checkAudit(t, logs, 2, "watch", ResultOK)
	if a := ask(t, store, taxQuestion); !strings.Contains(a.Text, taxOld) {
		t.Errorf("answer %q should follow the edit made after the upload", a.Text)
	}
}
