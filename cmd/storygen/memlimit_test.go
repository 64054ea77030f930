package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		bad  bool
	}{
		{in: "0", want: 0},
		{in: "1400MiB", want: 1400 << 20},
		{in: "1.5GiB", want: 3 << 29},
		{in: "2gb", want: 2e9},
		{in: " 512 KiB ", want: 512 << 10},
		{in: "123", want: 123},
		{in: "10B", want: 10},
		{in: "lots", bad: true},
		{in: "12 parsecs", bad: true},
		{in: "-1GiB", bad: true},
		{in: "MiB", bad: true},
		{in: "1e30TB", bad: true},
	} {
		got, err := parseSize(c.in)
		if c.bad {
			if err == nil {
				t.Errorf("parseSize(%q) = %d, want an error", c.in, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

func TestSetMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	t.Setenv("GOMEMLIMIT", "")

	if n, err := setMemoryLimit(""); err != nil || n != defaultMemoryLimit || debug.SetMemoryLimit(-1) != defaultMemoryLimit {
		t.Errorf("default: %d, %v; runtime has %d", n, err, debug.SetMemoryLimit(-1))
	}
	if n, err := setMemoryLimit("3GiB"); err != nil || n != 3<<30 || debug.SetMemoryLimit(-1) != 3<<30 {
		t.Errorf("3GiB: %d, %v; runtime has %d", n, err, debug.SetMemoryLimit(-1))
	}
	if n, err := setMemoryLimit("0"); err != nil || n != 0 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Errorf("0: %d, %v; runtime has %d", n, err, debug.SetMemoryLimit(-1))
	}
	if _, err := setMemoryLimit("plenty"); err == nil {
		t.Error("a bad size was accepted")
	}

	// GOMEMLIMIT, read by the runtime at start, wins over the flag.
	debug.SetMemoryLimit(700 << 20)
	t.Setenv("GOMEMLIMIT", "700MiB")
	if n, err := setMemoryLimit("3GiB"); err != nil || n != 700<<20 || debug.SetMemoryLimit(-1) != 700<<20 {
		t.Errorf("with GOMEMLIMIT: %d, %v; runtime has %d", n, err, debug.SetMemoryLimit(-1))
	}
}
