//go:build unix

package bench

import (
	"os"
	"runtime"
	"syscall"
)

// childMaxRSS is the child's peak resident set in KiB; Linux reports KiB,
// the BSDs and macOS bytes.
func childMaxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return normaliseRSS(int64(ru.Maxrss))
}

// selfMaxRSS is this process's peak resident set in KiB.
func selfMaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return normaliseRSS(int64(ru.Maxrss))
}

func normaliseRSS(v int64) int64 {
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return v / 1024
	}
	return v
}
