//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package reload

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on a temporary file being written. The lock goes with the
// process: a crash releases it, which is how removeIfUnlocked tells a leftover from a live write.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// removeIfUnlocked removes the temporary file at path unless a live process holds its lock.
func removeIfUnlocked(path string) (bool, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return false, nil // being written
		}
		return false, err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	return true, nil
}
