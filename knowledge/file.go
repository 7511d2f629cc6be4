package knowledge

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Every knowledge file and source text the bot reads (KNOWLEDGE_FILE at start, on /reload, SIGHUP
// and KNOWLEDGE_WATCH; the source.path it names; an upload's source; the copy kept as .bak) is
// opened by openRegular and read by readLimited. Only regular files are read: a device such as
// /dev/zero reports size 0 and never ends, and a FIFO blocks the open until a writer comes, which
// would hang start-up, `check`, and every later reload. The size limit is enforced on the bytes
// read, not on the size the file reports, which for devices and /proc files is 0.

// ErrNotRegular is returned (wrapped, with the path and what the file is) for a path that names a
// folder, device, FIFO, socket or anything else that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned (wrapped, with the path) for a file of more than MaxFileSize bytes.
var ErrTooLarge = errors.New("larger than the size limit")

// ReadFile reads the regular file at path, following symbolic links, refusing anything that is not
// a regular file or is larger than MaxFileSize. It never blocks on a FIFO.
func ReadFile(path string) ([]byte, error) {
	return readRegular(path, MaxFileSize)
}

func readRegular(path string, limit int64) ([]byte, error) {
	f, err := openRegular(nil, path, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, path, limit)
}

// openRegular opens name for reading (within root when root is not nil), refusing anything but a
// regular file. shown is how messages name the file.
func openRegular(root *os.Root, name, shown string) (*os.File, error) {
	stat, open := os.Stat, func(name string, flag int) (*os.File, error) { return os.OpenFile(name, flag, 0) }
	if root != nil {
		stat, open = root.Stat, func(name string, flag int) (*os.File, error) { return root.OpenFile(name, flag, 0) }
	}
	// Look before opening: opening a device can have effects of its own, and opening a FIFO
	// without O_NONBLOCK waits for a writer.
	st, err := stat(name)
	if err != nil {
		return nil, err
	}
	if err := checkRegular(st, shown); err != nil {
		return nil, err
	}
	// O_NONBLOCK, because the file may have been replaced by a FIFO since the look: the open then
	// returns at once, and the check below refuses it. It has no effect on a regular file.
	f, err := open(name, os.O_RDONLY|syscall.O_NONBLOCK)
	if errors.Is(err, syscall.ENXIO) {
		// What opening a Unix socket gives.
		return nil, fmt.Errorf("%s is a socket: %w", shown, ErrNotRegular)
	}
	if err != nil {
		return nil, err
	}
	if st, err = f.Stat(); err == nil {
		err = checkRegular(st, shown)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func checkRegular(st fs.FileInfo, shown string) error {
	m := st.Mode()
	if m.IsRegular() {
		return nil
	}
	what := "not a regular file"
	switch {
	case m.IsDir():
		what = "a folder, not a file"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO), not a regular file"
	case m&fs.ModeSocket != 0:
		what = "a socket, not a regular file"
	case m&fs.ModeDevice != 0:
		what = "a device, not a regular file"
	}
	return fmt.Errorf("%s is %s; knowledge files and source texts must be ordinary files: %w", shown, what, ErrNotRegular)
}

// readLimited reads f to its end, failing once more than limit bytes have been read. The size the
// file reports only sizes the buffer: it is 0 for devices and /proc files, and a file can grow
// while it is read.
func readLimited(f *os.File, shown string, limit int64) ([]byte, error) {
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	if size > limit {
		return nil, tooLarge(shown, limit)
	}
	buf := make([]byte, 0, min(size, limit)+512)
	r := io.LimitReader(f, limit+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(buf)) > limit {
		return nil, tooLarge(shown, limit)
	}
	return buf, nil
}

func tooLarge(shown string, limit int64) error {
	return fmt.Errorf("%s is more than the %d-byte limit of a knowledge file or source text: %w", shown, limit, ErrTooLarge)
}

// ErrSourceOutside refuses, in a knowledge file parsed with ParseUntrusted, a source.path that is
// not a non-hidden file inside the knowledge folder.
var ErrSourceOutside = errors.New("a knowledge file sent to the bot may only name a source file in the knowledge file's folder " +
	"(a relative path without \"..\", to a file whose name does not start with \".\", not through a symbolic link that leads out); " +
	"put the source text there on the server, or inline it with `text: |`")

// readConfined reads the source rel names for a knowledge file from someone trusted to change the
// knowledge but not to read the server's files. rel must be relative, without "..", and name no
// hidden file or folder (.env, .git); its resolved path (symbolic links followed) must stay inside
// dir and be no hidden file either; and it must be a regular file. Messages name rel, never the
// server's paths.
func readConfined(dir, rel string) ([]byte, error) {
	rel = filepath.FromSlash(rel)
	if !filepath.IsLocal(rel) || hiddenPath(rel) {
		return nil, ErrSourceOutside
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("the knowledge folder: %w", err)
	}
	resolved, err := filepath.EvalSymlinks(filepath.Join(realDir, rel))
	if err != nil {
		return nil, renamePathError(err, rel)
	}
	inside, err := filepath.Rel(realDir, resolved)
	if err != nil || !filepath.IsLocal(inside) || hiddenPath(inside) {
		return nil, ErrSourceOutside
	}
	// os.Root refuses a symbolic link leading out of the folder even if one is put in place
	// between the check above and the open.
	root, err := os.OpenRoot(realDir)
	if err != nil {
		return nil, fmt.Errorf("the knowledge folder: %w", err)
	}
	defer root.Close()
	f, err := openRegular(root, inside, rel)
	if err != nil {
		return nil, renamePathError(err, rel)
	}
	defer f.Close()
	return readLimited(f, rel, MaxFileSize)
}

// hiddenPath reports whether a component of the relative path p starts with a dot (".." included;
// "." alone is the folder itself).
func hiddenPath(p string) bool {
	for c := range strings.SplitSeq(p, string(filepath.Separator)) {
		if c != "." && strings.HasPrefix(c, ".") {
			return true
		}
	}
	return false
}

// renamePathError names rel rather than the server path in a *fs.PathError.
func renamePathError(err error, rel string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: rel, Err: pe.Err}
	}
	return err
}
