//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockDir holds an advisory lock on dir until the returned function is
// called. It is best effort: where the file system has no locks, builds
// into one folder at the same time are merely not kept apart.
func lockDir(dir string) (unlock func()) {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return func() {}
	}
	// Closing the folder releases the lock, as does the end of the process.
	return func() { f.Close() }
}
