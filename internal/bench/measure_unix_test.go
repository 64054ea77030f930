//go:build linux

package bench

import (
	"os/exec"
	"runtime"
	"testing"
)

// A child started while the harness is large reports the harness's peak as
// its own; measure records the harness's peak so the figure is flagged.
func TestMeasureFlagsInheritedPeak(t *testing.T) {
	truePath, err := exec.LookPath("true")
	if err != nil {
		t.Skip("no true(1)")
	}
	big := make([]byte, 200<<20)
	for i := 0; i < len(big); i += 4096 {
		big[i] = 1
	}
	r, _, err := measure(0, truePath)
	runtime.KeepAlive(big)
	if err != nil {
		t.Fatal(err)
	}
	if r.HarnessMaxRSSKiB < 200<<10 {
		t.Fatalf("harness peak %d KiB, want at least 200 MiB", r.HarnessMaxRSSKiB)
	}
	if !r.RSSMasked() {
		t.Errorf("true(1) reported %d KiB against a harness of %d KiB and was not flagged", r.MaxRSSKiB, r.HarnessMaxRSSKiB)
	}
}
