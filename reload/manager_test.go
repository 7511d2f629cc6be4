package reload

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
)

func ask(t testing.TB, store *knowledge.Store, q string) answer.Answer {
	t.Helper()
	a, err := answer.NewEngine(store).Answer(context.Background(), answer.Question{Text: q, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestReloadValidEdit(t *testing.T) {
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	old := store.Current()
	if a := ask(t, store, taxQuestion); !strings.Contains(a.Text, taxOld) {
		t.Fatalf("before the edit the answer should quote the old summary, got %q", a.Text)
	}

	edited := summaryEdit(t, orig)
	edited = edit(t, edited, "  - id: 2017-11-13-atlantic-revelation", strings.TrimPrefix(addedEvent, "\n")+"\n  - id: 2017-11-13-atlantic-revelation")
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := m.Reload(context.Background(), "discord:1234", nil)
	if err != nil {
		t.Fatal(err)
	}
	now := store.Current()
	if now == old || now.Version == old.Version {
		t.Fatal("the new timeline is not served")
	}
	if rep.OldVersion != old.Version || rep.NewVersion != now.Version || rep.Events != len(now.Events) || rep.Events != len(old.Events)+1 {
		t.Errorf("report %+v; want %s → %s, %d events", rep, old.Version, now.Version, len(now.Events))
	}
	if !slices.Equal(rep.Changed, []string{taxID}) || !slices.Equal(rep.Added, []string{"2016-10-21-second-message"}) || len(rep.Removed) != 0 {
		t.Errorf("diff added %q removed %q changed %q", rep.Added, rep.Removed, rep.Changed)
	}
	// Served at once: the next question sees the edit.
	if a := ask(t, store, taxQuestion); !strings.Contains(a.Text, taxNew) || a.Version != now.Version {
		t.Errorf("after the reload the answer should use the new summary and version %s, got %s %q", now.Version, a.Version, a.Text)
	}
	if now.Origin != path {
		t.Errorf("origin %q, want %q", now.Origin, path)
	}
	rec := checkAudit(t, logs, 1, "discord:1234", ResultOK)
	if rec.Attrs["old_version"] != old.Version || rec.Attrs["new_version"] != now.Version || rec.Attrs["changed"] != int64(1) || rec.Attrs["added"] != int64(1) {
		t.Errorf("audit line %v", rec.Attrs)
	}
	// A reload from disk writes nothing.
	if got := dirEntries(t, filepath.Dir(path)); !slices.Equal(got, []string{"knowledge.yaml", "source.fr.txt"}) {
		t.Errorf("folder holds %q", got)
	}
}

func TestReloadRemovedEvent(t *testing.T) {
	path, orig := seedDir(t)
	m, store, _ := newManager(t, path)
	i := strings.Index(string(orig), "  - id: 2017-11-13-atlantic-revelation")
	if err := os.WriteFile(path, orig[:i], 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := m.Reload(context.Background(), "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Removed, []string{"2017-11-13-atlantic-revelation"}) || len(rep.Added)+len(rep.Changed) != 0 {
		t.Errorf("diff added %q removed %q changed %q", rep.Added, rep.Removed, rep.Changed)
	}
	if store.Current().Event("2017-11-13-atlantic-revelation") != nil {
		t.Error("the removed event is still served")
	}
}

func TestReloadUnchanged(t *testing.T) {
	path, _ := seedDir(t)
	m, store, logs := newManager(t, path)
	old := store.Current()
	rep, err := m.Reload(context.Background(), "sighup", nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OldVersion != rep.NewVersion || rep.NewVersion != old.Version || rep.Events != len(old.Events) {
		t.Errorf("report %+v", rep)
	}
	if store.Current() != old {
		t.Error("an unchanged file should keep the timeline (and its load time) being served")
	}
	checkAudit(t, logs, 1, "sighup", ResultUnchanged)
}

func TestReloadInvalidFile(t *testing.T) {
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	old := store.Current()
	bad := invalidEdit(t, summaryEdit(t, orig))
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := m.Reload(context.Background(), "discord:1234", nil)
	var ve *knowledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T), want a *knowledge.ValidationError", err, err)
	}
	if len(ve.Problems) == 0 || ve.Problems[0].Line != taxDateLine {
		t.Errorf("problems %+v, want one at line %d", ve.Problems, taxDateLine)
	}
	if !strings.Contains(err.Error(), ":123:") {
		t.Errorf("message should locate the problem by line: %v", err)
	}
	if store.Current() != old {
		t.Error("the old timeline should keep serving")
	}
	if a := ask(t, store, taxQuestion); !strings.Contains(a.Text, taxOld) || a.Version != old.Version {
		t.Errorf("old answers should still be served, got %s %q", a.Version, a.Text)
	}
	if got, _ := os.ReadFile(path); string(got) != string(bad) {
		t.Error("a reload from disk must not touch the file")
	}
	rec := checkAudit(t, logs, 1, "discord:1234", ResultRefused)
	if rec.Attrs["problems"] != int64(len(ve.Problems)) || rec.Attrs["new_version"] != old.Version || rec.Level != slog.LevelWarn {
		t.Errorf("audit line %v", rec.Attrs)
	}
}

func TestReloadMissingFile(t *testing.T) {
	path, _ := seedDir(t)
	m, store, logs := newManager(t, path)
	old := store.Current()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	_, err := m.Reload(context.Background(), "sighup", nil)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v, want not exist", err)
	}
	if store.Current() != old {
		t.Error("the old timeline should keep serving")
	}
	checkAudit(t, logs, 1, "sighup", ResultError)
}

func TestNotAvailable(t *testing.T) {
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	store := knowledge.NewStore(tl)
	logs := &logCapture{}
	var results []string
	m := New(store, "", slog.New(logs), func(r string) { results = append(results, r) })
	if m.Available() {
		t.Error("Available with no knowledge file")
	}
	if _, err := m.Reload(context.Background(), "sighup", []byte("format: 1")); !errors.Is(err, ErrNoFile) {
		t.Errorf("error %v, want ErrNoFile", err)
	}
	if store.Current() != tl {
		t.Error("embedded timeline replaced")
	}
	checkAudit(t, logs, 1, "sighup", ResultError)
	if !slices.Equal(results, []string{ResultError}) {
		t.Errorf("metrics %q", results)
	}
	if err := m.Watch(context.Background(), 0); !errors.Is(err, ErrNoFile) {
		t.Errorf("Watch: %v, want ErrNoFile", err)
	}
}

func TestUploadValid(t *testing.T) {
	path, orig := seedDir(t)
	var results []string
	m, store, logs := newManager(t, path)
	m.metrics = func(r string) { results = append(results, r) }
	old := store.Current()
	upload := summaryEdit(t, orig)
	rep, err := m.Reload(context.Background(), "discord:42", upload)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Changed, []string{taxID}) || rep.OldVersion != old.Version || rep.NewVersion == old.Version {
		t.Errorf("report %+v", rep)
	}
	if got, _ := os.ReadFile(path); string(got) != string(upload) {
		t.Error("the knowledge file should hold the upload")
	}
	if got, _ := os.ReadFile(path + BackupSuffix); string(got) != string(orig) {
		t.Error("the previous version should be kept as .bak")
	}
	if got := dirEntries(t, filepath.Dir(path)); !slices.Equal(got, []string{"knowledge.yaml", "knowledge.yaml.bak", "source.fr.txt"}) {
		t.Errorf("folder holds %q (temporary files left behind?)", got)
	}
	now := store.Current()
	if now.Version != rep.NewVersion || now.Origin != path {
		t.Errorf("served %s from %q", now.Version, now.Origin)
	}
	// The version of an upload is the version a reload of the written file gives.
	fromDisk, err := knowledge.LoadFile(path)
	if err != nil || fromDisk.Version != now.Version {
		t.Errorf("reload of the written file: %v version %s, want %s", err, fromDisk.Version, now.Version)
	}
	if a := ask(t, store, taxQuestion); !strings.Contains(a.Text, taxNew) {
		t.Errorf("answer %q should use the upload", a.Text)
	}
	rec := checkAudit(t, logs, 1, "discord:42", ResultOK)
	if rec.Attrs["upload_bytes"] != int64(len(upload)) {
		t.Errorf("audit line %v", rec.Attrs)
	}
	// Uploading the same file again changes nothing, and keeps the backup of the real previous version.
	if rep, err := m.Reload(context.Background(), "discord:42", upload); err != nil || rep.OldVersion != rep.NewVersion {
		t.Errorf("second upload: %+v %v", rep, err)
	}
	if got, _ := os.ReadFile(path + BackupSuffix); string(got) != string(orig) {
		t.Error("re-uploading the served file should not overwrite the backup")
	}
	checkAudit(t, logs, 2, "discord:42", ResultUnchanged)
	if !slices.Equal(results, []string{ResultOK, ResultUnchanged}) {
		t.Errorf("metrics %q", results)
	}
}

func TestUploadKeepsMode(t *testing.T) {
	path, orig := seedDir(t)
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	m, _, _ := newManager(t, path)
	if _, err := m.Reload(context.Background(), "test", summaryEdit(t, orig)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + BackupSuffix} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v %v, want 0600 like the file replaced", p, st.Mode().Perm(), err)
		}
	}
}

func TestUploadThroughSymlink(t *testing.T) {
	realPath, orig := seedDir(t)
	link := filepath.Join(t.TempDir(), "knowledge.yaml")
	if err := os.Symlink(realPath, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	// The source path is relative to the link's folder, as LoadFile reads it: put a copy there.
	src, _ := os.ReadFile(filepath.Join(filepath.Dir(realPath), "source.fr.txt"))
	if err := os.WriteFile(filepath.Join(filepath.Dir(link), "source.fr.txt"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	m, _, _ := newManager(t, link)
	upload := summaryEdit(t, orig)
	if _, err := m.Reload(context.Background(), "test", upload); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link should be kept")
	}
	if got, _ := os.ReadFile(realPath); string(got) != string(upload) {
		t.Error("the file the link points to should hold the upload")
	}
}

func TestUploadInvalid(t *testing.T) {
	tests := []struct {
		name string
		data func(t *testing.T, orig []byte) []byte
		line int
	}{
		{"bad date", func(t *testing.T, orig []byte) []byte { return invalidEdit(t, orig) }, taxDateLine},
		{"not YAML", func(*testing.T, []byte) []byte { return []byte("events: [\n  - {") }, 0},
		{"empty", func(*testing.T, []byte) []byte { return []byte{} }, 1},
		{"passage not in the source", func(t *testing.T, orig []byte) []byte {
			return edit(t, orig, `"21 octobre 2016: WikiLeaks écrit à Trump Jr. et demande`, `"21 octobre 2016: WikiLeaks écrit à Trump Junior et demande`)
		}, 140},
		{"source missing", func(t *testing.T, orig []byte) []byte {
			return edit(t, orig, "path: source.fr.txt", "path: nowhere.txt")
		}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, orig := seedDir(t)
			m, store, logs := newManager(t, path)
			old := store.Current()
			_, err := m.Reload(context.Background(), "discord:42", tt.data(t, orig))
			var ve *knowledge.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v, want a validation error", err)
			}
			if ve.File != UploadName {
				t.Errorf("problems name %q, want %q", ve.File, UploadName)
			}
			if tt.line > 0 && ve.Problems[0].Line != tt.line {
				t.Errorf("first problem %+v, want line %d", ve.Problems[0], tt.line)
			}
			if store.Current() != old {
				t.Error("the old timeline should keep serving")
			}
			if got, _ := os.ReadFile(path); string(got) != string(orig) {
				t.Error("the knowledge file changed")
			}
			if got := dirEntries(t, filepath.Dir(path)); !slices.Equal(got, []string{"knowledge.yaml", "source.fr.txt"}) {
				t.Errorf("folder holds %q", got)
			}
			checkAudit(t, logs, 1, "discord:42", ResultRefused)
		})
	}
}

// TestUploadCrashSafety makes each step of writing an upload fail, as a full disk, a crash or a
// read-only folder would, and checks that the file on disk and the timeline served are as before, and
// that the .bak of the version before is kept until the new file is fully written and flushed.
func TestUploadCrashSafety(t *testing.T) {
	errDisk := errors.New("injected: no space left on device")
	// isBackup tells the backup's temporary file from the new knowledge file's.
	isBackup := func(f *os.File) bool { return strings.Contains(filepath.Base(f.Name()), BackupSuffix+".tmp-") }
	tests := []struct {
		name   string
		inject func(m *Manager, path string)
		// bakIsPrevious: the .bak may have become a copy of the unchanged knowledge file, because the
		// failure came after the new file was written and flushed. Otherwise it must be untouched.
		bakIsPrevious bool
	}{
		{"no temporary file", func(m *Manager, _ string) {
			m.fs.createTemp = func(string, string) (*os.File, error) { return nil, errDisk }
		}, false},
		{"read-only folder", func(m *Manager, _ string) {
			m.fs.createTemp = func(dir, _ string) (*os.File, error) {
				return nil, &fs.PathError{Op: "open", Path: dir, Err: syscall.EROFS}
			}
		}, false},
		{"write of the new file fails halfway", func(m *Manager, _ string) {
			m.fs.write = func(f *os.File, data []byte) (int, error) {
				if isBackup(f) {
					return f.Write(data)
				}
				n, _ := f.Write(data[:len(data)/2])
				return n, errDisk
			}
		}, false},
		{"flush of the new file fails", func(m *Manager, _ string) {
			m.fs.sync = func(f *os.File) error {
				if isBackup(f) {
					return f.Sync()
				}
				return errDisk
			}
		}, false},
		{"short write of the new file", func(m *Manager, _ string) {
			m.fs.write = func(f *os.File, data []byte) (int, error) {
				if isBackup(f) {
					return f.Write(data)
				}
				return f.Write(data[:10])
			}
		}, false},
		{"write of the backup fails halfway", func(m *Manager, _ string) {
			m.fs.write = func(f *os.File, data []byte) (int, error) {
				if !isBackup(f) {
					return f.Write(data)
				}
				n, _ := f.Write(data[:len(data)/2])
				return n, errDisk
			}
		}, false},
		{"rename of the backup fails", func(m *Manager, path string) {
			m.fs.rename = func(oldpath, newpath string) error {
				if newpath == path+BackupSuffix {
					return errDisk
				}
				return os.Rename(oldpath, newpath)
			}
		}, false},
		{"rename over the knowledge file fails", func(m *Manager, path string) {
			m.fs.rename = func(oldpath, newpath string) error {
				if newpath == path {
					return errDisk
				}
				return os.Rename(oldpath, newpath)
			}
		}, true},
	}
	const before = "# the .bak of the version before\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, orig := seedDir(t)
			if err := os.WriteFile(path+BackupSuffix, []byte(before), 0o644); err != nil {
				t.Fatal(err)
			}
			m, store, logs := newManager(t, path)
			tt.inject(m, path)
			old := store.Current()
			_, err := m.Reload(context.Background(), "discord:42", summaryEdit(t, orig))
			if err == nil {
				t.Fatal("reload succeeded despite the failure")
			}
			if !strings.Contains(err.Error(), "nothing was changed") {
				t.Errorf("error should say nothing was changed: %v", err)
			}
			if tt.name == "read-only folder" && !strings.Contains(err.Error(), "needs write access to the knowledge file's folder") {
				t.Errorf("error should say how to allow uploads: %v", err)
			}
			if store.Current() != old {
				t.Error("the old timeline should keep serving")
			}
			if got, _ := os.ReadFile(path); string(got) != string(orig) {
				t.Error("the knowledge file changed")
			}
			bak, _ := os.ReadFile(path + BackupSuffix)
			switch {
			case string(bak) == before:
			case tt.bakIsPrevious && string(bak) == string(orig):
			case string(bak) == string(orig):
				t.Error("the .bak was replaced although the new file was never fully written and flushed")
			default:
				t.Errorf("the .bak holds %d bytes of neither version", len(bak))
			}
			want := []string{"knowledge.yaml", "knowledge.yaml.bak", "source.fr.txt"}
			if got := dirEntries(t, filepath.Dir(path)); !slices.Equal(got, want) {
				t.Errorf("folder holds %q, want %q (temporary files left behind?)", got, want)
			}
			checkAudit(t, logs, 1, "discord:42", ResultError)
		})
	}
}

// TestUploadReadOnlyFolder makes the folder read-only, as a real deployment might have it. Root
// ignores folder permissions, so the test is skipped there (TestUploadCrashSafety covers it).
func TestUploadReadOnlyFolder(t *testing.T) {
	path, orig := seedDir(t)
	dir := filepath.Dir(path)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if f, err := os.CreateTemp(dir, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("the folder is writable despite its mode (running as root)")
	}
	m, store, _ := newManager(t, path)
	old := store.Current()
	if _, err := m.Reload(context.Background(), "test", summaryEdit(t, orig)); err == nil || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("error %v, want permission denied", err)
	}
	if store.Current() != old {
		t.Error("the old timeline should keep serving")
	}
	if got, _ := os.ReadFile(path); string(got) != string(orig) {
		t.Error("the knowledge file changed")
	}
}

func TestUploadCancelledBeforeWrite(t *testing.T) {
	path, orig := seedDir(t)
	m, store, _ := newManager(t, path)
	old := store.Current()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Reload(ctx, "test", summaryEdit(t, orig)); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want cancelled", err)
	}
	if store.Current() != old {
		t.Error("the old timeline should keep serving")
	}
	if got, _ := os.ReadFile(path); string(got) != string(orig) {
		t.Error("the knowledge file changed")
	}
}

// TestConcurrentReloads runs many reloads at once and checks that they run one at a time, that
// questions are answered while a reload is held up, and that every reload is audited.
func TestConcurrentReloads(t *testing.T) {
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	variants := [][]byte{orig, summaryEdit(t, orig)}

	var running, maxRunning atomic.Int32
	gate := make(chan struct{})
	entered := make(chan struct{}, 100)
	m.fs.write = func(f *os.File, data []byte) (int, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			cur := maxRunning.Load()
			if n <= cur || maxRunning.CompareAndSwap(cur, n) {
				break
			}
		}
		entered <- struct{}{}
		<-gate
		return f.Write(data)
	}
	const n = 12
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := m.Reload(context.Background(), "test", variants[(i+1)%2])
			if err != nil {
				t.Error(err)
			}
		})
	}
	// One reload is now writing and held; the others wait their turn. Questions are not blocked.
	<-entered
	deadline := time.Now().Add(200 * time.Millisecond)
	for asked := 0; time.Now().Before(deadline) || asked < 10; asked++ {
		if a := ask(t, store, taxQuestion); !a.Answered {
			t.Fatal("question not answered while a reload is held up")
		}
	}
	if running.Load() != 1 {
		t.Errorf("%d reloads writing at once", running.Load())
	}
	close(gate)
	wg.Wait()
	if maxRunning.Load() != 1 {
		t.Errorf("up to %d reloads ran at once; want them serialized", maxRunning.Load())
	}
	if a := logs.audits(); len(a) != n {
		t.Errorf("%d audit lines for %d reloads", len(a), n)
	}
	// A reload waiting its turn can be cancelled.
	m.sem <- struct{}{}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := m.Reload(ctx, "test", nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting reload: %v, want deadline exceeded", err)
	}
	<-m.sem
}

func TestOnSignal(t *testing.T) {
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	old := store.Current()
	ctx, cancel := context.WithCancel(context.Background())
	sig := make(chan os.Signal, 1)
	done := make(chan struct{})
	go func() { m.OnSignal(ctx, sig); close(done) }()

	if err := os.WriteFile(path, summaryEdit(t, orig), 0o644); err != nil {
		t.Fatal(err)
	}
	sig <- syscall.SIGHUP
	logs.wait(t, 5*time.Second, "the SIGHUP reload", func(l *logCapture) bool { return len(l.audits()) == 1 })
	checkAudit(t, logs, 1, "sighup", ResultOK)
	if store.Current().Version == old.Version {
		t.Error("SIGHUP did not reload")
	}
	// A bad file on SIGHUP is refused and audited; the loop goes on.
	if err := os.WriteFile(path, invalidEdit(t, orig), 0o644); err != nil {
		t.Fatal(err)
	}
	sig <- syscall.SIGHUP
	logs.wait(t, 5*time.Second, "the second SIGHUP reload", func(l *logCapture) bool { return len(l.audits()) == 2 })
	checkAudit(t, logs, 2, "sighup", ResultRefused)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("OnSignal did not return when its context was cancelled")
	}
}

func TestLogStartup(t *testing.T) {
	path, _ := seedDir(t)
	m, store, logs := newManager(t, path)
	m.LogStartup()
	rec := checkAudit(t, logs, 1, "startup", ResultOK)
	if rec.Attrs["new_version"] != store.Current().Version || rec.Attrs["old_version"] != "" {
		t.Errorf("startup audit %v", rec.Attrs)
	}
}
