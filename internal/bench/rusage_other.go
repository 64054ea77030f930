//go:build !unix

package bench

import (
	"os"
	"time"
)

// childMaxRSS is unknown off unix: the figure is reported as 0.
func childMaxRSS(*os.ProcessState) int64 { return 0 }

func selfMaxRSS() int64 { return 0 }

func selfCPU() time.Duration { return 0 }

func selfCPUSplit() (user, sys time.Duration) { return 0, 0 }

func createFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
