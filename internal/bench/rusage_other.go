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
