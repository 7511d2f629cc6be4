// Package reload replaces the knowledge being served without a restart: on /reload (with or without
// an uploaded file), on SIGHUP and, when asked, when the knowledge file changes on disk.
//
// A reload builds and validates the new timeline off to the side and swaps it into the
// knowledge.Store with one atomic pointer store, so a question sees either the old timeline or the
// new one, never a mix, and is never blocked by a reload. Reloads are serialized. A reload that fails
// leaves the served timeline and the file on disk as they were; an uploaded file is written over the
// knowledge file atomically (temporary file, fsync, rename) only once it has validated, keeping the
// previous version as FILE.bak. Every reload writes one audit log line, "knowledge reload".
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
	"syscall"
	"time"

	"github.com/timelinebot/timelinebot/bot"
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

// ErrNoFile is returned when there is no knowledge file to reload: the bot serves the embedded
// chronology.
var ErrNoFile = errors.New("no knowledge file to reload: the bot serves its embedded knowledge; set KNOWLEDGE_FILE (see `timelinebot init`) and restart")

// Manager reloads the knowledge file into a store. It implements bot.Reloader. All methods are safe
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

	// own describes the knowledge file as the last upload left it, so the watcher can tell the
	// bot's own write from an edit. Guarded by sem.
	own os.FileInfo
}

var _ bot.Reloader = (*Manager)(nil)

// fileOps are the file operations an upload uses, replaceable in tests to simulate failures.
type fileOps struct {
	createTemp func(dir, pattern string) (*os.File, error)
	write      func(f *os.File, data []byte) (int, error)
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
	return &Manager{
		store: store, path: path, log: logger, metrics: metrics,
		sem: make(chan struct{}, 1),
		fs: fileOps{
			createTemp: os.CreateTemp,
			write:      func(f *os.File, data []byte) (int, error) { return f.Write(data) },
			rename:     os.Rename,
		},
	}
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
func (m *Manager) Reload(ctx context.Context, trigger string, data []byte) (bot.ReloadReport, error) {
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

func (m *Manager) reloadLocked(ctx context.Context, trigger string, data []byte, start time.Time) (bot.ReloadReport, error) {
	old := m.store.Current()
	var next *knowledge.Timeline
	var err error
	if data == nil {
		next, err = knowledge.LoadFile(m.path)
	} else {
		next, err = m.install(ctx, data)
	}
	if err == nil && (old == nil || next.Version != old.Version) {
		m.store.Swap(next)
	}
	return m.finish(trigger, data, old, next, start, err)
}

// finish writes the audit line, records the metric and builds the report of a reload that went from
// old to next (nil when it failed with err).
func (m *Manager) finish(trigger string, data []byte, old, next *knowledge.Timeline, start time.Time, err error) (bot.ReloadReport, error) {
	var rep bot.ReloadReport
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
		if lines := ve.Lines(); len(lines) > 0 {
			attrs = append(attrs, "first_problem", lines[0])
		}
		m.log.Warn("knowledge reload", attrs...)
	default:
		attrs = append(attrs, "err", err)
		m.log.Error("knowledge reload", attrs...)
	}
	m.metrics(result)
	return rep, err
}

// install validates an uploaded knowledge file and, when it is valid, writes it over the knowledge
// file. It returns the new timeline, not yet served.
func (m *Manager) install(ctx context.Context, data []byte) (*knowledge.Timeline, error) {
	if len(data) > knowledge.MaxFileSize {
		return nil, fmt.Errorf("the uploaded file is %d bytes, more than the %d-byte limit of a knowledge file", len(data), knowledge.MaxFileSize)
	}
	t, err := knowledge.Parse(UploadName, data, m.readSource)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("reload cancelled before writing %s: %w", m.path, err)
	}
	if err := m.replaceFile(data); err != nil {
		return nil, err
	}
	t.Origin = m.path
	return t, nil
}

// readSource reads the source.path of an uploaded knowledge file, relative to the knowledge file's
// folder. Unlike a file the operator put on disk, an upload comes from a Discord moderator, so its
// source must be a file in that folder: an absolute path or one climbing out with ".." could name any
// file the bot can read (its .env, /proc/self/environ), and the validation messages, which quote
// what the source has where a passage stops matching, would read it out.
func (m *Manager) readSource(rel string) ([]byte, error) {
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return nil, errSourceOutside
	}
	p := filepath.Join(filepath.Dir(m.path), rel)
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a file", p)
	}
	if st.Size() > knowledge.MaxFileSize {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d-byte limit", p, st.Size(), knowledge.MaxFileSize)
	}
	return os.ReadFile(p)
}

// errSourceOutside refuses an uploaded file's source.path that leaves the knowledge file's folder.
var errSourceOutside = errors.New("an uploaded knowledge file may only name a source file in the knowledge file's folder " +
	"(a relative path without \"..\"); put the source text there on the server, or inline it with `text: |`")

// replaceFile writes data over the knowledge file so that, whatever happens (a full disk, a crash,
// a power cut), the file holds either its previous content or data, never a mix: data goes to a
// temporary file in the same folder, is flushed to disk, then renamed over the knowledge file. The
// previous content is first saved, the same way, as FILE.bak. When the knowledge file is a symbolic
// link, the file it points to is replaced and the link kept.
func (m *Manager) replaceFile(data []byte) error {
	err := m.replaceFileIn(data)
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return fmt.Errorf("%w; to accept uploads the bot needs write access to the knowledge file's folder, %s (otherwise edit the file on the server and run /reload without a file)", err, filepath.Dir(m.path))
	}
	return err
}

func (m *Manager) replaceFileIn(data []byte) error {
	target := m.path
	if resolved, err := filepath.EvalSymlinks(m.path); err == nil {
		target = resolved
	}
	mode := fs.FileMode(0o644)
	prev, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		prev = nil
	case err != nil:
		return fmt.Errorf("read the current knowledge file %s: %w", target, err)
	default:
		if bytes.Equal(prev, data) {
			return nil // already on disk
		}
		if st, err := os.Stat(target); err == nil {
			mode = st.Mode().Perm()
		}
		if err := m.writeAtomic(target+BackupSuffix, prev, mode); err != nil {
			return fmt.Errorf("keep the previous version as %s%s (nothing was changed): %w", target, BackupSuffix, err)
		}
	}
	if err := m.writeAtomic(target, data, mode); err != nil {
		return fmt.Errorf("write %s (nothing was changed): %w", target, err)
	}
	if st, err := os.Stat(target); err == nil {
		m.own = st
	}
	return nil
}

// writeAtomic replaces dst with data: temporary file, fsync, rename, fsync of the folder. On error
// dst is as it was and the temporary file is removed.
func (m *Manager) writeAtomic(dst string, data []byte, mode fs.FileMode) (err error) {
	dir := filepath.Dir(dst)
	f, err := m.fs.createTemp(dir, "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if n, err := m.fs.write(f, data); err != nil {
		return err
	} else if n != len(data) {
		return fmt.Errorf("short write to %s: %d of %d bytes", tmp, n, len(data))
	}
	if err := f.Chmod(mode); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := m.fs.rename(tmp, dst); err != nil {
		return err
	}
	// The rename is done: from here on dst holds data, so a failure to flush the folder is only
	// logged (the file would be replaced anyway; only a power cut in the next seconds could undo it).
	if err := syncDir(dir); err != nil {
		m.log.Warn("flush folder after writing the knowledge file", "dir", dir, "err", err)
	}
	return nil
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
