package main

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// defaultMemoryLimit is build's soft heap limit. A build's live heap peaks
// while every story's annotations are held for resolve and the index (about
// 0.9 GB at 100,000 stories); Go's default lets the heap grow to twice that
// before collecting. The limit makes the collector start earlier only when the
// heap nears it, so builds under ~50,000 stories never notice it and a
// 100,000-story build stays within 1.5 GiB for a few per cent more CPU. An
// archive whose live heap passes the limit still builds: the runtime caps
// the collector's share of the CPU.
const defaultMemoryLimit = 1400 << 20

// setMemoryLimit applies flag (a size such as "1400MiB", "2GiB", "0" = none,
// "" = the default) unless GOMEMLIMIT is set, which wins as it does for any
// Go program. It returns the limit in force, or 0 for none.
func setMemoryLimit(flag string) (int64, error) {
	if v := os.Getenv("GOMEMLIMIT"); v != "" {
		return debug.SetMemoryLimit(-1), nil
	}
	n := int64(defaultMemoryLimit)
	if flag != "" {
		var err error
		if n, err = parseSize(flag); err != nil {
			return 0, fmt.Errorf("--memory-limit: %w", err)
		}
	}
	if n == 0 {
		debug.SetMemoryLimit(math.MaxInt64)
		return 0, nil
	}
	debug.SetMemoryLimit(n)
	return n, nil
}

// parseSize reads a byte count with an optional unit: B, KiB, MiB, GiB
// (powers of 1024) or KB, MB, GB (powers of 1000), case-insensitive;
// "1.5GiB" is allowed.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') {
		i--
	}
	num, unit := strings.TrimSpace(t[:i]), strings.ToLower(strings.TrimSpace(t[i:]))
	mult := map[string]float64{
		"": 1, "b": 1,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
		"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	}[unit]
	f, err := strconv.ParseFloat(num, 64)
	if mult == 0 || err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("%q is not a size (like 1400MiB, 2GiB or 0)", s)
	}
	v := f * mult
	if v >= math.MaxInt64 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return int64(v), nil
}
