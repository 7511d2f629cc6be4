// Package reload replaces the knowledge being served without a restart: on /reload (with or without
// an uploaded file), on SIGHUP and, when asked, when the knowledge file changes on disk.
//
// A reload builds and validates the new timeline off to the side and swaps it into the
// knowledge.Store with one atomic pointer store, so a question sees either the old timeline or the
// new one, never a mix, and is never blocked by a reload. Reloads are serialized. A reload that fails
// leaves the served timeline and the file on disk as they were; an uploaded file is written over the
// knowledge file atomically (temporary file, fsync, rename) only once it has validated, keeping the
// previous version as FILE.bak. Reading and validating has a time limit, past which the reload is
// abandoned so that it cannot hold up the next. Every reload writes one audit log line, "knowledge
// reload", which says where a refused file's first problem is but carries none of its content.
package reload

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/timelinebot/timelinebot/knowledge"
)

// Results of a reload, as written in the audit line and passed to the metrics hook.
const (
	// ResultOK: a new version is being served.
	ResultOK = "ok"
	// ResultUnchanged: the file (and its source) read the same as the version served.
	ResultUnchanged = "unchanged"
	// ResultRefused: the file failed validation; the previous version keeps serving.
	ResultRefused = "refused"
	// ResultError: the file could not be read or written, or the reload was cancelled; the previous
	// version keeps serving.
	ResultError = "error"
)

// UploadName is the file name validation messages give an uploaded knowledge file.
const UploadName = "uploaded file"

// BackupSuffix is appended to the knowledge file's name for the copy of the previous version an
// upload keeps.
const BackupSuffix = ".bak"

// DefaultTimeout is how long a reload may take to read and validate the new version. A 100,000-event
// file takes about a second; a reload that takes a minute is stuck (a hung network filesystem, a
// file that never ends) and is abandoned, so it cannot hold up the reloads after it.
const DefaultTimeout = time.Minute

// maxStuck bounds the abandoned reloads still running (each may hold a file's worth of memory):
// past it, reloads are refused until they finish.
const maxStuck = 4

// ErrNoFile is returned when there is no knowledge file to reload: the bot serves the embedded
// chronology.
var ErrNoFile = errors.New("no knowledge file to reload: the bot serves its embedded knowledge; set KNOWLEDGE_FILE (see `timelinebot init`) and restart")

// Manager reloads the knowledge file into a store. It implements knowledge.Reloader. All methods are safe
// for concurrent use.
type Manager struct {
	store   *knowledge.Store
	path    string // absolute; empty when serving the embedded knowledge
	log     *slog.Logger
	metrics func(result string)

	// sem holds one token while a reload runs: reloads are serialized, and one waiting for its turn
	// can still be cancelled.
	sem chan struct{}

	fs fileOps

	// timeout bounds reading and validating a new version (DefaultTimeout); stuck counts the
	// reloads abandoned past it whose reading has not returned yet.
	timeout time.Duration
	stuck   atomic.Int32

	// own describes the knowledge file as the last upload left it, so the watcher can tell the
	// bot's own write from an edit. Guarded by sem.
	own os.FileInfo

	// onResult, when set, is told of every reload (see OnResult).
	onResult func(Outcome)
}

// Outcome is what one reload did, for a hook that keeps a record of reloads (the database).
type Outcome struct {
	Trigger, Result string
	// Old is the timeline served before; New the one served after a ResultOK reload, else nil.
	Old, New *knowledge.Timeline
	// Data is the uploaded file; nil when the knowledge file was read from disk.
	Data   []byte
	Report Report
	Err    error
}

// OnResult sets a function told of every reload, after the swap and before Reload returns. Set
// it before serving; it runs with reloads serialized, so it sees them in order.
func (m *Manager) OnResult(f func(Outcome)) { m.onResult = f }

var _ knowledge.Reloader = (*Manager)(nil)

// Report says what a reload changed (knowledge.ReloadReport, what /reload shows).
type Report = knowledge.ReloadReport

// fileOps are the file operations a reload uses, replaceable in tests to simulate failures.
type fileOps struct {
	load       func(path string) (*knowledge.Timeline, error)
	createTemp func(dir, pattern string) (*os.File, error)
	write      func(f *os.File, data []byte) (int, error)
	sync       func(f *os.File) error
	rename     func(oldpath, newpath string) error
}

// New returns a manager reloading the knowledge file at path into store. An empty path means the
// store serves the embedded knowledge, which cannot be reloaded (Available reports false). logger
// receives the audit lines (nil discards them); metrics, when not nil, is called once per reload
// with its result (ResultOK, ResultUnchanged, ResultRefused or ResultError).
func New(store *knowledge.Store, path string, logger *slog.Logger, metrics func(result string)) *Manager {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if metrics == nil {
		metrics = func(string) {}
	}
	if path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
	}
	m := &Manager{
		store: store, path: path, log: logger, metrics: metrics,
		sem:     make(chan struct{}, 1),
		timeout: DefaultTimeout,
		fs: fileOps{
			load:       knowledge.LoadFile,
			createTemp: os.CreateTemp,
			write:      func(f *os.File, data []byte) (int, error) { return f.Write(data) },
			sync:       (*os.File).Sync,
			rename:     os.Rename,
		},
	}
	if path != "" {
		// Temporary files a crash left behind (see removeStaleTemp); reloads remove them too.
		m.removeStaleTemp()
	}
	return m
}

// Available reports whether there is a knowledge file to reload.
func (m *Manager) Available() bool { return m.path != "" }

// Path returns the knowledge file's absolute path, or "" when serving the embedded knowledge.
func (m *Manager) Path() string { return m.path }

// LogStartup writes the audit line for the knowledge loaded at startup (trigger "startup"), so the
// audit log tells every version served from the start.
func (m *Manager) LogStartup() {
	t := m.store.Current()
	if t == nil {
		return
	}
	m.log.Info("knowledge reload", "trigger", "startup", "result", ResultOK, "old_version", "", "new_version", t.Version,
		"events", len(t.Events), "origin", t.Origin)
}

// Reload reloads the knowledge and reports what changed. With data nil it re-reads the knowledge
// file from disk. With data, it validates data as a new knowledge file (its source.path relative to
// the knowledge file's folder) and, only if it is valid, writes it atomically over the knowledge file,
// keeping the previous version as FILE.bak, then serves it. trigger says who or what asked
// ("discord:<user id>", "sighup", "watch") for the audit line.
//
// A file that fails validation returns a *knowledge.ValidationError listing every problem with its
// line. On any error the served timeline and the file on disk are unchanged.
func (m *Manager) Reload(ctx context.Context, trigger string, data []byte) (Report, error) {
	if !m.Available() {
		return m.finish(trigger, data, m.store.Current(), nil, time.Now(), ErrNoFile)
	}
	start := time.Now()
	if err := m.acquire(ctx); err != nil {
		return m.finish(trigger, data, m.store.Current(), nil, start, fmt.Errorf("waiting for another reload: %w", err))
	}
	defer m.release()
	return m.reloadLocked(ctx, trigger, data, start)
}

func (m *Manager) acquire(ctx context.Context) error {
	select {
	case m.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (m *Manager) release() { <-m.sem }

func (m *Manager) reloadLocked(ctx context.Context, trigger string, data []byte, start time.Time) (Report, error) {
	m.removeStaleTemp()
	old := m.store.Current()
	next, err := m.build(ctx, data)
	if err == nil && data != nil {
		err = m.install(ctx, next, data)
	}
	if err == nil && (old == nil || next.Version != old.Version) {
		m.store.Swap(next)
	}
	return m.finish(trigger, data, old, next, start, err)
}

// finish writes the audit line, records the metric and builds the report of a reload that went from
// old to next (nil when it failed with err).
func (m *Manager) finish(trigger string, data []byte, old, next *knowledge.Timeline, start time.Time, err error) (Report, error) {
	var rep Report
	if old != nil {
		rep.OldVersion, rep.NewVersion, rep.Events = old.Version, old.Version, len(old.Events)
	}
	result := ResultOK
	var ve *knowledge.ValidationError
	switch {
	case errors.As(err, &ve):
		result = ResultRefused
	case err != nil:
		result = ResultError
	case old != nil && next.Version == old.Version:
		result = ResultUnchanged
	default:
		rep.NewVersion, rep.Events = next.Version, len(next.Events)
		rep.Added, rep.Removed, rep.Changed = knowledge.Diff(old, next)
	}
	attrs := []any{"trigger", trigger, "result", result, "old_version", rep.OldVersion, "new_version", rep.NewVersion,
		"events", rep.Events, "duration", time.Since(start).Round(time.Microsecond)}
	if data != nil {
		attrs = append(attrs, "upload_bytes", len(data))
	}
	switch result {
	case ResultOK:
		attrs = append(attrs, "added", len(rep.Added), "removed", len(rep.Removed), "changed", len(rep.Changed))
		m.log.Info("knowledge reload", attrs...)
	case ResultUnchanged:
		m.log.Info("knowledge reload", attrs...)
	case ResultRefused:
		attrs = append(attrs, "problems", len(ve.Problems))
		// Where the first problem is, not what it says: messages quote the file and the source
		// (what a passage has, what the source has instead), and file content stays out of logs.
		if len(ve.Problems) > 0 {
			attrs = append(attrs, "first_problem", ve.Place(0))
		}
		m.log.Warn("knowledge reload", attrs...)
	default:
		attrs = append(attrs, "err", err)
		m.log.Error("knowledge reload", attrs...)
	}
	m.metrics(result)
	if m.onResult != nil {
		o := Outcome{Trigger: trigger, Result: result, Old: old, Data: data, Report: rep, Err: err}
		if result == ResultOK {
			o.New = next
		}
		m.onResult(o)
	}
	return rep, err
}

// build reads and validates the new version, from data when it is an upload or from the knowledge
// file, within the time limit. It neither writes a file nor swaps the store, so a build that outlives
// the limit can be abandoned: the reload returns an error, the next one is not held up, and the
// abandoned build's result, whenever its read returns, is dropped.
func (m *Manager) build(ctx context.Context, data []byte) (*knowledge.Timeline, error) {
	if data != nil && len(data) > knowledge.MaxFileSize {
		return nil, fmt.Errorf("the uploaded file is %d bytes, more than the %d-byte limit of a knowledge file", len(data), knowledge.MaxFileSize)
	}
	if n := m.stuck.Load(); n >= maxStuck {
		return nil, fmt.Errorf("%d earlier reloads are still stuck reading the knowledge (a hung disk or network filesystem?); "+
			"the previous knowledge keeps serving; fix the storage of %s, or restart the bot", n, m.path)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("reload cancelled before reading %s: %w", m.path, err)
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, m.timeout)
	defer cancel()
	type result struct {
		t   *knowledge.Timeline
		err error
	}
	// state tells the build and the reload waiting for it which of them gave up on the other:
	// running, then finished (the reload takes the result) or abandoned (the build, when its read
	// returns, drops the result and counts itself out of stuck).
	const (
		running int32 = iota
		finished
		abandoned
	)
	var state atomic.Int32
	done := make(chan result, 1)
	load, path, dir := m.fs.load, m.path, filepath.Dir(m.path)
	go func() {
		var r result
		defer func() {
			// This goroutine is the reload's own: a panic here would end the bot, not the reload.
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("reading and validating the new version of %s failed (%v); the previous knowledge keeps serving", path, p)}
			}
			if !state.CompareAndSwap(running, finished) {
				m.stuck.Add(-1)
				return
			}
			done <- r
		}()
		if data == nil {
			r.t, r.err = load(path)
		} else {
			// An upload comes from a Discord moderator, trusted to change the knowledge but not to
			// read the server's files: its source must be a plain file in the knowledge folder, and
			// problems never quote it (otherwise a passage that stops matching reads out .env).
			r.t, r.err = knowledge.ParseUntrusted(UploadName, data, dir)
		}
	}()
	select {
	case r := <-done:
		return r.t, r.err
	case <-ctx.Done():
		m.stuck.Add(1) // before the build can count itself out
		if !state.CompareAndSwap(running, abandoned) {
			m.stuck.Add(-1)
			r := <-done // finished at the same moment
			return r.t, r.err
		}
		if parent.Err() == nil {
			return nil, fmt.Errorf("reading and validating the new version of %s took longer than %s, the reload time limit; the previous knowledge keeps serving "+
				"(is the file on a slow or hung filesystem?): %w", m.path, m.timeout, ctx.Err())
		}
		return nil, fmt.Errorf("reload cancelled while reading %s: %w", m.path, parent.Err())
	}
}

// install writes a validated upload over the knowledge file, t being its timeline, not yet served.
func (m *Manager) install(ctx context.Context, t *knowledge.Timeline, data []byte) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("reload cancelled before writing %s: %w", m.path, err)
	}
	if err := m.replaceFile(data); err != nil {
		return err
	}
	t.Origin = m.path
	return nil
}

// replaceFile writes data over the knowledge file so that, whatever happens (a full disk, a crash,
// a power cut), the file holds either its previous content or data, never a mix: data goes to a
// temporary file in the same folder, is flushed to disk, then renamed over the knowledge file. The
// previous content is saved, the same way, as FILE.bak, but only once the new file is fully written
// and flushed: a write that fails keeps the .bak of the version before. When the knowledge file is a
// symbolic link, the file it points to is replaced and the link kept.
func (m *Manager) replaceFile(data []byte) error {
	err := m.replaceFileIn(data)
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return fmt.Errorf("%w; to accept uploads the bot needs write access to the knowledge file's folder, %s (otherwise edit the file on the server and run /reload without a file)", err, filepath.Dir(m.path))
	}
	return err
}

func (m *Manager) replaceFileIn(data []byte) error {
	target := m.target()
	mode := fs.FileMode(0o644)
	prev, err := knowledge.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		prev = nil
	case err != nil:
		return fmt.Errorf("read the current knowledge file %s (nothing was changed): %w", target, err)
	default:
		if bytes.Equal(prev, data) {
			return nil // already on disk
		}
		if st, err := os.Stat(target); err == nil {
			mode = st.Mode().Perm()
		}
	}
	tmp, err := m.writeTemp(target, data, mode)
	if err != nil {
		return fmt.Errorf("write %s (nothing was changed): %w", target, err)
	}
	if prev != nil {
		if err := m.writeAtomic(target+BackupSuffix, prev, mode); err != nil {
			tmp.abort()
			return fmt.Errorf("keep the previous version as %s%s (nothing was changed): %w", target, BackupSuffix, err)
		}
	}
	if err := m.commit(tmp, target); err != nil {
		return fmt.Errorf("write %s (nothing was changed): %w", target, err)
	}
	if st, err := os.Stat(target); err == nil {
		m.own = st
	}
	return nil
}

// target is the file an upload replaces: the knowledge file, or the file it links to.
func (m *Manager) target() string {
	if resolved, err := filepath.EvalSymlinks(m.path); err == nil {
		return resolved
	}
	return m.path
}

// writeAtomic replaces dst with data: temporary file, fsync, rename, fsync of the folder. On error
// dst is as it was and the temporary file is removed.
func (m *Manager) writeAtomic(dst string, data []byte, mode fs.FileMode) error {
	tmp, err := m.writeTemp(dst, data, mode)
	if err != nil {
		return err
	}
	return m.commit(tmp, dst)
}

// tempPattern is how the temporary files written for dst are named; removeStaleTemp recognizes
// them by it.
func tempPattern(dst string) string { return "." + filepath.Base(dst) + ".tmp-*" }

// tempFile is a fully written and flushed temporary file, still open: it stays locked until it is
// renamed into place or removed, so that another replica sharing the folder never takes it for a
// crash's leftover (see removeStaleTemp).
type tempFile struct {
	f    *os.File
	name string
}

func (t tempFile) abort() {
	_ = t.f.Close()
	_ = os.Remove(t.name)
}

// commit renames tmp over dst and flushes the folder. On error tmp is removed.
func (m *Manager) commit(tmp tempFile, dst string) error {
	if err := m.fs.rename(tmp.name, dst); err != nil {
		tmp.abort()
		return err
	}
	_ = tmp.f.Close() // written and flushed already; the close only releases the lock
	m.syncDir(filepath.Dir(dst))
	return nil
}

// writeTemp writes data to a new temporary file beside dst, with mode, and flushes it to disk. On
// error no temporary file is left.
func (m *Manager) writeTemp(dst string, data []byte, mode fs.FileMode) (_ tempFile, err error) {
	f, err := m.fs.createTemp(filepath.Dir(dst), tempPattern(dst))
	if err != nil {
		return tempFile{}, err
	}
	tmp := tempFile{f, f.Name()}
	defer func() {
		if err != nil {
			tmp.abort()
		}
	}()
	// The lock only tells a live write from a crash's leftover; a filesystem without locks (some
	// network ones) makes uploads no less safe, only leaves the cleaning to the operator: the
	// cleaner, failing to lock too, removes nothing there.
	_ = lockFile(f)
	if n, err := m.fs.write(f, data); err != nil {
		return tempFile{}, err
	} else if n != len(data) {
		return tempFile{}, fmt.Errorf("short write to %s: %d of %d bytes", tmp.name, n, len(data))
	}
	if err := f.Chmod(mode); err != nil {
		return tempFile{}, err
	}
	if err := m.fs.sync(f); err != nil {
		return tempFile{}, err
	}
	return tmp, nil
}

// syncDir flushes a folder after a rename in it. The rename is done: the file would be replaced
// anyway, only a power cut in the next seconds could undo it, so a failure is only logged.
func (m *Manager) syncDir(dir string) {
	if err := syncDir(dir); err != nil {
		m.log.Warn("flush folder after writing the knowledge file", "dir", dir, "err", err)
	}
}

// removeStaleTemp removes the temporary files of an upload that a crash (kill -9, a power cut) left
// in the knowledge file's folder: files named as writeTemp names them for the knowledge file or its
// .bak, and not locked, that is, not being written by a live process (another replica sharing the
// folder). Other files are never touched.
func (m *Manager) removeStaleTemp() {
	target := m.target()
	dir := filepath.Dir(target)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // the folder's problem is reported by the reload itself
	}
	patterns := []string{tempPattern(target), tempPattern(target + BackupSuffix)}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, ".") {
			continue
		}
		matched := false
		for _, p := range patterns {
			if ok, _ := filepath.Match(p, name); ok {
				matched = true
			}
		}
		if !matched {
			continue
		}
		p := filepath.Join(dir, name)
		switch removed, err := removeIfUnlocked(p); {
		case err != nil:
			m.log.Warn("remove a temporary file left by an interrupted upload", "file", p, "err", err)
		case removed:
			m.log.Info("removed a temporary file left by an interrupted upload", "file", p)
		}
	}
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// OnSignal reloads the knowledge file from disk (trigger "sighup") each time a signal arrives on
// sig, until ctx is done or sig is closed. The caller subscribes the channel:
//
//	hup := make(chan os.Signal, 1)
//	signal.Notify(hup, syscall.SIGHUP)
//	go m.OnSignal(ctx, hup)
func (m *Manager) OnSignal(ctx context.Context, sig <-chan os.Signal) {
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-sig:
			if !ok {
				return
			}
			// The result, including a refusal, is in the audit line.
			_, _ = m.Reload(ctx, "sighup", nil)
		}
	}
}
