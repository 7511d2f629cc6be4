package reload

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long Watch waits after the last change before reloading, so an editor's
// several writes (truncate, write, rename, chmod) make one reload.
const DefaultDebounce = 300 * time.Millisecond

// Watch reloads the knowledge file (trigger "watch") when it or the source text it references
// changes, until ctx is done. It watches their folders rather than the files, so editors that save
// by writing a new file and renaming it over the old one (vim, sed -i, atomic writers) keep being
// followed, as do in-place writes. Changes are debounced: the reload runs once no change has been
// seen for debounce (DefaultDebounce when zero).
//
// The bot's own write of an uploaded file is recognized and not reloaded a second time, so an upload
// writes one audit line. A knowledge file that disappears (deleted, or between an editor's rename and
// write) is not a reload: the served version stays and the next change is picked up.
//
// Watch returns an error when the folders cannot be watched (for example too many inotify watches),
// and nil when ctx is done.
func (m *Manager) Watch(ctx context.Context, debounce time.Duration) error {
	if !m.Available() {
		return ErrNoFile
	}
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch the knowledge file: %w", err)
	}
	defer w.Close()

	watched := map[string]bool{}
	var files map[string]bool // paths whose changes count, knowledge file and source
	var sources map[string]bool
	update := func() error {
		files, sources = m.watchedFiles()
		for f := range files {
			dir := filepath.Dir(f)
			if watched[dir] {
				continue
			}
			if err := w.Add(dir); err != nil {
				return fmt.Errorf("watch folder %s: %w", dir, err)
			}
			watched[dir] = true
		}
		return nil
	}
	if err := update(); err != nil {
		return err
	}
	m.log.Info("watching the knowledge file", "file", m.path, "folders", len(watched), "debounce", debounce)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	pending, sourceChanged := false, false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			name := filepath.Clean(ev.Name)
			if !files[name] || ev.Op == fsnotify.Chmod {
				continue
			}
			m.log.Debug("knowledge file changed", "file", name, "op", ev.Op.String())
			sourceChanged = sourceChanged || sources[name]
			pending = true
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			m.log.Warn("watching the knowledge file", "err", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Changes may have been lost: reload to be sure.
				pending, sourceChanged = true, true
				timer.Reset(debounce)
			}
		case <-timer.C:
			if !pending {
				continue
			}
			m.watchReload(ctx, sourceChanged)
			pending, sourceChanged = false, false
			// The source path may have changed with the new version.
			if err := update(); err != nil {
				m.log.Warn("watching the knowledge file", "err", err)
			}
		}
	}
}

// watchedFiles returns the absolute paths whose changes mean a reload: the knowledge file, the file
// it links to when it is a symbolic link, and the source file the served version reads (sources).
func (m *Manager) watchedFiles() (files, sources map[string]bool) {
	files, sources = map[string]bool{m.path: true}, map[string]bool{}
	if resolved, err := filepath.EvalSymlinks(m.path); err == nil {
		files[resolved] = true
	}
	if t := m.store.Current(); t != nil && t.Source.Path != "" {
		src := t.Source.Path
		if !filepath.IsAbs(src) {
			src = filepath.Join(filepath.Dir(m.path), src)
		}
		src = filepath.Clean(src)
		files[src], sources[src] = true, true
		if resolved, err := filepath.EvalSymlinks(src); err == nil {
			files[resolved], sources[resolved] = true, true
		}
	}
	return files, sources
}

// watchReload reloads after a change seen by Watch, unless the change is the bot's own write of an
// uploaded file or the file is missing.
func (m *Manager) watchReload(ctx context.Context, sourceChanged bool) {
	start := time.Now()
	if err := m.acquire(ctx); err != nil {
		return // shutting down
	}
	defer m.release()
	st, err := os.Stat(m.path)
	if errors.Is(err, fs.ErrNotExist) {
		m.log.Warn("the knowledge file is missing; the served version stays until it is back", "file", m.path,
			"version", m.store.Current().Version)
		return
	}
	if err == nil && !sourceChanged && m.own != nil && os.SameFile(st, m.own) &&
		st.ModTime().Equal(m.own.ModTime()) && st.Size() == m.own.Size() {
		m.log.Debug("knowledge file change is the bot's own upload; already served", "file", m.path)
		return
	}
	_, _ = m.reloadLocked(ctx, "watch", nil, start)
}
