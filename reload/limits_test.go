package reload

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/knowledge"
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashHelperEnv); dir != "" {
		crashDuringUpload(dir)
	}
	os.Exit(m.Run())
}

// A knowledge file or source on disk that is a device, FIFO or socket is refused at once: /dev/zero
// grew memory without bound, and a FIFO blocked the reload, and every reload after it, forever.
func TestReloadRefusesSpecialFiles(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, path string, orig []byte) // makes the attack
		result string
		want   string
	}{
		{"knowledge file replaced by a FIFO", func(t *testing.T, path string, _ []byte) {
			replaceWith(t, path, func(tmp string) error { return syscall.Mkfifo(tmp, 0o644) })
		}, ResultError, "named pipe"},
		{"knowledge file linked to /dev/zero", func(t *testing.T, path string, _ []byte) {
			replaceWith(t, path, func(tmp string) error { return os.Symlink("/dev/zero", tmp) })
		}, ResultError, "device"},
		{"knowledge file replaced by a socket", func(t *testing.T, path string, _ []byte) {
			replaceWith(t, path, func(tmp string) error {
				l, err := net.Listen("unix", tmp)
				if err == nil {
					t.Cleanup(func() { l.Close() })
				}
				return err
			})
		}, ResultError, "socket"},
		{"source.path: /dev/zero", func(t *testing.T, path string, orig []byte) {
			writeAtomically(t, path, edit(t, orig, "path: source.fr.txt", "path: /dev/zero"))
		}, ResultRefused, "device"},
		{"source.path: a FIFO", func(t *testing.T, path string, orig []byte) {
			fifo := filepath.Join(filepath.Dir(path), "pipe.txt")
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Fatal(err)
			}
			writeAtomically(t, path, edit(t, orig, "path: source.fr.txt", "path: pipe.txt"))
		}, ResultRefused, "named pipe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, orig := seedDir(t)
			m, store, logs := newManager(t, path)
			m.timeout = time.Hour // refused for what the file is, not for taking too long
			old := store.Current()
			tt.setup(t, path, orig)
			_, err := returnsWithin(t, 10*time.Second, func() (any, error) { return m.Reload(context.Background(), "sighup", nil) })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
			checkAudit(t, logs, 1, "sighup", tt.result)
			if store.Current() != old {
				t.Error("the old timeline should keep serving")
			}
			// The next reload is not held up.
			writeAtomically(t, path, summaryEdit(t, orig))
			if _, err := m.Reload(context.Background(), "sighup", nil); err != nil {
				t.Fatalf("the next reload: %v", err)
			}
		})
	}
}

// replaceWith puts what makeAt creates at a temporary name in place of path.
func replaceWith(t *testing.T, path string, makeAt func(tmp string) error) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "replacement")
	if err := makeAt(tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// The watcher reloads after each change; a change to a device or a FIFO is refused like any bad
// edit, and the next edit is picked up.
func TestWatchRefusesSpecialFiles(t *testing.T) {
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	m.timeout = time.Hour
	old := store.Current()
	startWatch(t, m, logs)
	writeAtomically(t, path, edit(t, orig, "path: source.fr.txt", "path: /dev/zero"))
	waitAudits(t, logs, 1)
	checkAudit(t, logs, 1, "watch", ResultRefused)
	replaceWith(t, path, func(tmp string) error { return syscall.Mkfifo(tmp, 0o644) })
	waitAudits(t, logs, 2)
	checkAudit(t, logs, 2, "watch", ResultError)
	if store.Current() != old {
		t.Error("the old timeline should keep serving")
	}
	writeAtomically(t, path, summaryEdit(t, orig))
	waitAudits(t, logs, 3)
	checkAudit(t, logs, 3, "watch", ResultOK)
}

// A reload that does not finish within the time limit (a read stuck on a hung filesystem) is
// abandoned: it answers with an error, the next reload runs and is served, and the stuck one's
// result, when its read finally returns, is dropped.
func TestStuckReloadDoesNotBlockTheNext(t *testing.T) {
	path, orig := seedDir(t)
	m, store, logs := newManager(t, path)
	m.timeout = 100 * time.Millisecond
	release := make(chan struct{})
	returned := make(chan struct{})
	var calls atomic.Int32
	m.fs.load = func(p string) (*knowledge.Timeline, error) {
		if calls.Add(1) == 1 {
			<-release // stuck until the test lets it go
			defer close(returned)
		}
		return knowledge.LoadFile(p)
	}
	old := store.Current()
	_, err := m.Reload(context.Background(), "sighup", nil)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "time limit") {
		t.Fatalf("error %v, want the time limit", err)
	}
	checkAudit(t, logs, 1, "sighup", ResultError)
	if store.Current() != old {
		t.Error("the old timeline should keep serving")
	}

	writeAtomically(t, path, summaryEdit(t, orig))
	// The next reload is an ordinary one: give it the time a loaded CI machine under -race needs.
	m.timeout = time.Minute
	rep, err := m.Reload(context.Background(), "sighup", nil)
	if err != nil {
		t.Fatalf("the next reload: %v", err)
	}
	served := store.Current()
	if served.Version != rep.NewVersion || served == old {
		t.Fatal("the next reload's version is not served")
	}

	writeAtomically(t, path, orig) // what the stuck load reads when it is let go
	close(release)
	<-returned
	waitUnstuck(t, m)
	if store.Current() != served {
		t.Error("the abandoned reload's result was served")
	}
	checkAudit(t, logs, 2, "sighup", ResultOK)
}

// Abandoned reloads each hold a file's worth of memory while their reads are stuck; past a few, a
// reload is refused at once with a message saying why.
func TestTooManyStuckReloads(t *testing.T) {
	path, _ := seedDir(t)
	m, store, _ := newManager(t, path)
	m.timeout = 10 * time.Millisecond
	release := make(chan struct{})
	var started atomic.Int32
	m.fs.load = func(p string) (*knowledge.Timeline, error) {
		started.Add(1)
		<-release
		return knowledge.LoadFile(p)
	}
	for range maxStuck {
		if _, err := m.Reload(context.Background(), "sighup", nil); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error %v, want the time limit", err)
		}
	}
	_, err := m.Reload(context.Background(), "sighup", nil)
	if err == nil || !strings.Contains(err.Error(), "still stuck") || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want a refusal saying earlier reloads are still stuck", err)
	}
	if n := started.Load(); n != maxStuck {
		t.Errorf("%d loads started, want %d: the refused reload should not start one", n, maxStuck)
	}
	// Once their reads return, reloads run again.
	close(release)
	waitUnstuck(t, m)
	m.timeout = time.Hour
	if _, err := m.Reload(context.Background(), "sighup", nil); err != nil {
		t.Fatalf("a reload once the stuck ones returned: %v", err)
	}
	if store.Current() == nil {
		t.Fatal("nothing served")
	}
}

// waitUnstuck waits until the abandoned reloads of m have counted themselves out, which they do
// right after their reads return.
func waitUnstuck(t *testing.T, m *Manager) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for m.stuck.Load() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d reloads still counted as stuck", m.stuck.Load())
		}
		runtime.Gosched()
	}
}

// crashHelperEnv makes the test binary act as a bot killed (kill -9) in the middle of writing an
// upload: see crashDuringUpload.
const crashHelperEnv = "TIMELINEBOT_TEST_CRASH_DURING_UPLOAD"

// crashDuringUpload uploads an edit of the knowledge file in dir, writes half of the new file,
// prints the temporary file's name and waits to be killed.
func crashDuringUpload(dir string) {
	path := filepath.Join(dir, knowledge.DefaultFile)
	tl, err := knowledge.LoadFile(path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	m := New(knowledge.NewStore(tl), path, slog.New(slog.DiscardHandler), nil)
	m.fs.write = func(f *os.File, data []byte) (int, error) {
		_, err := f.Write(data[:len(data)/2])
		if err == nil {
			err = f.Sync()
		}
		fmt.Println("writing", f.Name(), err)
		select {} // killed here
	}
	orig, _ := os.ReadFile(path)
	_, err = m.Reload(context.Background(), "test", bytes.Replace(orig, []byte(taxOld), []byte(taxNew), 1))
	fmt.Println("error: the upload returned:", err)
	os.Exit(1)
}

// A bot killed during an upload leaves its temporary file; the next start (or reload) removes it,
// and only it: not the temporary file another live bot sharing the folder is writing, not other
// files. The crash is a real one: a second process killed with SIGKILL mid-write.
func TestStaleTemporaryFilesRemoved(t *testing.T) {
	path, orig := seedDir(t)
	dir := filepath.Dir(path)

	// A live writer (another replica) is in the middle of an upload.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashHelperEnv+"="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "writing ") || !strings.HasSuffix(line, " <nil>\n") {
		t.Fatalf("the helper printed %q, %v", line, err)
	}
	tmp := strings.Fields(line)[1]
	if base := filepath.Base(tmp); !strings.HasPrefix(base, "."+knowledge.DefaultFile+".tmp-") || filepath.Dir(tmp) != dir {
		t.Fatalf("temporary file %s, not named as expected", tmp)
	}

	// Files that must be kept whatever happens, and leftovers of earlier crashes.
	keep := []string{".notes.yaml.tmp-1", "knowledge.yaml.tmp-2", ".knowledge.yaml.tmpfoo", "notes.txt"}
	for _, f := range keep {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, ".knowledge.yaml.tmp-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "target")
	if err := os.WriteFile(outside, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, ".knowledge.yaml.tmp-link")); err != nil {
		t.Fatal(err)
	}
	keep = append(keep, ".knowledge.yaml.tmp-dir", ".knowledge.yaml.tmp-link")
	leftover := func(name string) string {
		f, err := os.CreateTemp(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		return filepath.Base(f.Name())
	}
	stale := []string{leftover(".knowledge.yaml.tmp-*"), leftover(".knowledge.yaml.bak.tmp-*")}

	base := []string{"knowledge.yaml", "source.fr.txt"}
	want := func(extra ...string) []string {
		w := slices.Concat(base, keep, extra)
		slices.Sort(w)
		return w
	}
	m, _, logs := newManager(t, path) // a start
	if got := dirEntries(t, dir); !slices.Equal(got, want(filepath.Base(tmp))) {
		t.Fatalf("after a start while another bot writes, the folder holds\n%q, want\n%q", got, want(filepath.Base(tmp)))
	}
	if n := len(logs.messages("removed a temporary file left by an interrupted upload")); n != len(stale) {
		t.Errorf("%d removals logged, want %d:\n%s", n, len(stale), logs.dump())
	}

	// The writer is killed: its file is a leftover now, removed by the next reload.
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("the killed writer's temporary file: %v", err)
	}
	if _, err := m.Reload(context.Background(), "sighup", nil); err != nil {
		t.Fatal(err)
	}
	if got := dirEntries(t, dir); !slices.Equal(got, want()) {
		t.Errorf("after a reload, the folder holds\n%q, want\n%q", got, want())
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, orig) {
		t.Error("the knowledge file changed")
	}
	if got, _ := os.ReadFile(outside); string(got) != "x" {
		t.Error("the file a link points to was touched")
	}

	// And at start: a leftover of a crash before this process is removed by New.
	leftover(".knowledge.yaml.tmp-*")
	newManager(t, path)
	if got := dirEntries(t, dir); !slices.Equal(got, want()) {
		t.Errorf("after a start, the folder holds\n%q, want\n%q", got, want())
	}
}
