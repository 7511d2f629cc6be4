package knowledge

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

//go:embed seed/knowledge.yaml seed/source.fr.txt
var seed embed.FS

// DefaultFile is the name of the embedded knowledge file; `timelinebot init` writes it under this name.
const DefaultFile = "knowledge.yaml"

// Default returns the embedded timeline, the chronology the binary ships with.
func Default() (*Timeline, error) {
	data, err := seed.ReadFile("seed/" + DefaultFile)
	if err != nil {
		return nil, fmt.Errorf("read embedded knowledge: %w", err)
	}
	t, err := Parse("embedded:"+DefaultFile, data, func(rel string) ([]byte, error) {
		return seed.ReadFile(path.Join("seed", filepath.ToSlash(rel)))
	})
	if err != nil {
		return nil, fmt.Errorf("embedded knowledge is invalid (a build from a broken tree?): %w", err)
	}
	t.Origin = "embedded"
	return t, nil
}

// WriteDefault writes the embedded knowledge file and the source it references into dir, creating
// dir if needed, and returns the paths written. dir must be new or empty: a starting point is not
// written over, nor mixed with, someone's files.
func WriteDefault(dir string) ([]string, error) {
	switch existing, err := os.ReadDir(dir); {
	case err == nil && len(existing) > 0:
		return nil, fmt.Errorf("%s is not empty; choose a new or empty folder", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	entries, err := fs.ReadDir(seed, "seed")
	if err != nil {
		return nil, fmt.Errorf("read embedded knowledge: %w", err)
	}
	var written []string
	for _, e := range entries {
		dst := filepath.Join(dir, e.Name())
		if _, err := os.Stat(dst); err == nil {
			return written, fmt.Errorf("%s already exists; choose an empty folder or remove it first", dst)
		}
	}
	for _, e := range entries {
		data, err := seed.ReadFile("seed/" + e.Name())
		if err != nil {
			return written, fmt.Errorf("read embedded %s: %w", e.Name(), err)
		}
		dst := filepath.Join(dir, e.Name())
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return written, fmt.Errorf("write %s: %w", dst, err)
		}
		written = append(written, dst)
	}
	return written, nil
}
