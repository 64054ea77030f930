//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

const oNoFollow = syscall.O_NOFOLLOW

// lockDir takes an exclusive flock on dir, so two builds never clean up or
// swap each other's staging folders. The kernel drops the lock when the
// process dies, even by SIGKILL, so a crash never leaves a stale lock.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		f.Close()
		return nil, errLocked
	}
	// Any other error means the filesystem has no flock (some NFS setups):
	// build without the lock rather than not at all.
	return func() { f.Close() }, nil
}
