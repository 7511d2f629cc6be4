package knowledge

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// returnsWithin runs f and fails the test if it has not returned after d: a read that blocks (on a
// FIFO) must fail the test, not hang it.
func returnsWithin[T any](t *testing.T, d time.Duration, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(d):
		t.Fatalf("still blocked after %v", d)
		panic("unreachable")
	}
}

// specialFiles makes, in dir, a file of each kind the loader must refuse to read, and returns their
// paths by name.
func specialFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	paths := map[string]string{
		"device":           "/dev/zero",
		"link to a device": filepath.Join(dir, "zero.txt"),
		"FIFO":             filepath.Join(dir, "pipe.txt"),
		"link to a FIFO":   filepath.Join(dir, "pipe-link.txt"),
		"socket":           filepath.Join(dir, "sock.txt"),
		"folder":           filepath.Join(dir, "folder.txt"),
		"link to a folder": filepath.Join(dir, "folder-link.txt"),
		"link to a socket": filepath.Join(dir, "sock-link.txt"),
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("/dev/zero", paths["link to a device"]))
	must(syscall.Mkfifo(paths["FIFO"], 0o644))
	must(os.Symlink(paths["FIFO"], paths["link to a FIFO"]))
	l, err := net.Listen("unix", paths["socket"])
	must(err)
	t.Cleanup(func() { l.Close() })
	must(os.Symlink(paths["socket"], paths["link to a socket"]))
	must(os.Mkdir(paths["folder"], 0o755))
	must(os.Symlink(paths["folder"], paths["link to a folder"]))
	return paths
}

// A knowledge file or a source that is a device, FIFO, socket or folder is refused at once, without
// reading from it: /dev/zero reports size 0 and grew memory without bound, a FIFO blocked the load
// (start-up, `check`, every reload) until a writer came.
func TestLoadReadsOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	for name, path := range specialFiles(t, dir) {
		t.Run("KNOWLEDGE_FILE is a "+name, func(t *testing.T) {
			err := returnsWithin(t, 10*time.Second, func() error { _, err := LoadFile(path); return err })
			if !errors.Is(err, ErrNotRegular) {
				t.Fatalf("error %v, want ErrNotRegular", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("the message should name the file: %v", err)
			}
		})
		t.Run("source.path is a "+name, func(t *testing.T) {
			k := filepath.Join(t.TempDir(), "knowledge.yaml")
			data := "format: 1\ntitle: t\nsource:\n  path: \"" + path + "\"\n  title: s\n  language: en\n  attribution: a\n" +
				"events:\n  - id: e1\n    date: 2016-01-01\n    title: x\n    summary: y\n    passages:\n      - \"anything at all\"\n"
			if err := os.WriteFile(k, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			err := returnsWithin(t, 10*time.Second, func() error { _, err := LoadFile(k); return err })
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Problems[0].Field != "source.path" || !strings.Contains(ve.Problems[0].Message, "not a regular file") &&
				!strings.Contains(ve.Problems[0].Message, "a folder, not a file") {
				t.Fatalf("error %v, want a problem at source.path saying it is not a regular file", err)
			}
		})
	}
}

// The size limit is enforced on the bytes read, not on the size a file reports: files in /proc are
// regular files that report size 0 whatever they hold.
func TestReadCapsTheBytesRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	if err := os.WriteFile(small, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		path  string
		limit int64
		ok    bool
	}{
		{"a file at the limit", small, 10, true},
		{"a file one byte over", small, 9, false},
		{"a /proc file reporting size 0", "/proc/self/maps", 64, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if st, err := os.Stat(tt.path); err != nil {
				t.Fatal(err)
			} else if strings.HasPrefix(tt.path, "/proc/") && st.Size() != 0 {
				t.Fatalf("%s reports %d bytes; the test needs a file that reports 0", tt.path, st.Size())
			}
			data, err := readRegular(tt.path, tt.limit)
			if tt.ok {
				if err != nil || int64(len(data)) != tt.limit {
					t.Fatalf("read %d bytes, %v; want %d bytes", len(data), err, tt.limit)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("read %d bytes, error %v; want ErrTooLarge", len(data), err)
			}
		})
	}
}

// A file that is not UTF-8 is reported at the line and column of its first bad byte, not with
// yaml.v3's "invalid leading UTF-8 octet" and no place.
func TestNotUTF8IsLocated(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		line, col int
		byte      string
	}{
		{"in a title", "format: 1\ntitle: \"bad \xff\xfe\"\n", 2, 13, "0xff"},
		{"after a multi-byte character", "format: 1\ntitle: é\xe9t\xe9\n", 2, 9, "0xe9"},
		{"in a comment", "# caf\xe9\nformat: 1\n", 1, 6, "0xe9"},
		{"on the first byte", "\xc0format: 1\n", 1, 1, "0xc0"},
		{"a truncated sequence at the end", "format: 1\ntitle: x\xe2\x82", 2, 9, "0xe2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("k.yaml", []byte(tt.data), nil)
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("error %v, want one problem", err)
			}
			want := fmt.Sprintf("k.yaml:%d:%d: not valid UTF-8 (byte %s)", tt.line, tt.col, tt.byte)
			if got := ve.Lines()[0]; !strings.HasPrefix(got, want) {
				t.Errorf("got  %q\nwant %q…", got, want)
			}
		})
	}
	// The split decoder (files of many events) sees the same check first.
	var b strings.Builder
	b.WriteString("format: 1\ntitle: t\nsource:\n  text: x\n  title: s\n  language: en\n  attribution: a\nevents:\n")
	for range splitMinItems {
		b.WriteString("  - id: e\n    date: 2016-01-01\n    title: x\n    summary: y\n    passages: [x]\n")
	}
	b.WriteString("  - id: e\n    date: 2016-01-01\n    title: \"\xff\"\n")
	_, err := Parse("big.yaml", []byte(b.String()), nil)
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Line != 9+5*splitMinItems+2 || ve.Problems[0].Column != 13 {
		t.Errorf("large file: %v, want one problem at line %d, column 13", err, 9+5*splitMinItems+2)
	}
}
