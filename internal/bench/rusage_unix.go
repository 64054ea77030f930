//go:build unix

package bench

import (
	"os"
	"runtime"
	"syscall"
	"time"
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

// selfCPU is this process's user plus system time so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func normaliseRSS(v int64) int64 {
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return v / 1024
	}
	return v
}
