//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package reload

import (
	"errors"
	"os"
	"time"
)

// Without flock, a temporary file is taken for a crash's leftover once it is old enough that no
// live write can still be on it.
const staleAfter = 15 * time.Minute

func lockFile(*os.File) error { return nil }

func removeIfUnlocked(path string) (bool, error) {
	st, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil || time.Since(st.ModTime()) < staleAfter {
		return false, err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	return true, nil
}
