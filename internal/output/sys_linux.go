//go:build linux

package output

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the directory entries a and b in one atomic step, so no
// reader ever finds b missing or half-written.
func renameExchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		// Kernel older than 3.15, or a filesystem without exchange support.
		return fmt.Errorf("%w: %w", errNoExchange, err)
	}
	return err
}

// syncTree flushes the filesystem holding dir: one syncfs call costs far less
// than an fsync per file of a 100,000-file tree.
func syncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

// syncDir makes the renames in dir durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// writeNew creates path (which must not exist) holding data. Plain system
// calls: an os.File would also try to register the file with the poller and
// set and clear non-blocking mode, five more calls per file on a build that
// writes tens of thousands.
func writeNew(path string, data []byte) (created bool, err error) {
	fd, err := unix.Open(path, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return false, &os.PathError{Op: "open", Path: path, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = unix.Write(fd, data)
		if err == unix.EINTR {
			err = nil
			continue
		}
		if err == nil && n == 0 {
			err = unix.EIO
		}
		data = data[max(n, 0):]
	}
	if cerr := unix.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return true, &os.PathError{Op: "write", Path: path, Err: err}
	}
	return true, nil
}
