//go:build unix

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// Environment of the crashing child process.
const (
	envCrashDir      = "STORYGEN_OUTPUT_CRASH_DIR"
	envCrashStage    = "STORYGEN_OUTPUT_CRASH_STAGE"
	envCrashFallback = "STORYGEN_OUTPUT_CRASH_FALLBACK"
)

// stagePartial kills the child halfway through writing, before Commit.
const stagePartial = "partial"

func crashOldBuild() map[string]string {
	m := map[string]string{"index.html": "old home", "gone/index.html": "removed by the new build"}
	for i := range 50 {
		m[fmt.Sprintf("p/%02d/index.html", i)] = fmt.Sprintf("page %d", i)
	}
	return m
}

func crashNewBuild() map[string]string {
	m := map[string]string{"index.html": "new home", "added/index.html": "new page"}
	for i := range 50 {
		m[fmt.Sprintf("p/%02d/index.html", i)] = fmt.Sprintf("page %d", i+i%2) // half changed
	}
	return m
}

// TestCrashChild is the body of the child process started by TestCrash: it
// runs the new build and SIGKILLs itself at the requested stage.
func TestCrashChild(t *testing.T) {
	dir, stage := os.Getenv(envCrashDir), os.Getenv(envCrashStage)
	if dir == "" {
		t.Skip("only runs as the child of TestCrash")
	}
	if os.Getenv(envCrashFallback) != "" {
		exchange = func(a, b string) error { return errNoExchange }
	}
	die := func() {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}
	tx, err := Begin(Options{Dir: dir, Hook: func(s string) {
		if s == stage {
			die()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	files := crashNewBuild()
	for i, rel := range slices.Sorted(maps.Keys(files)) {
		if stage == stagePartial && i == len(files)/2 {
			die()
		}
		if err := tx.WriteFile(rel, []byte(files[rel])); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("stage %q never reached", stage)
}

func TestCrash(t *testing.T) {
	if os.Getenv(envCrashDir) != "" {
		t.Skip("in the child")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	const (
		old     = "old"     // exactly the previous build
		new     = "new"     // exactly the new build
		nothing = "nothing" // first build: still no public/
		missing = "missing" // fallback window: public/ absent, restored by the next Begin
	)
	for _, tc := range []struct {
		stage      string
		fallback   bool
		firstBuild bool
		want       string // what public/ holds right after the kill
	}{
		{stage: stagePartial, want: old},
		{stage: StageStaged, want: old},
		{stage: StageBeforeSwap, want: old},
		{stage: StageAfterSwap, want: new},
		{stage: stagePartial, firstBuild: true, want: nothing},
		{stage: StageBeforeSwap, firstBuild: true, want: nothing},
		{stage: StageAfterSwap, firstBuild: true, want: new},
		{stage: StageBeforeSwap, fallback: true, want: old},
		{stage: StageMidSwap, fallback: true, want: missing},
		{stage: StageAfterSwap, fallback: true, want: new},
	} {
		name := fmt.Sprintf("%s/fallback=%v/first=%v", tc.stage, tc.fallback, tc.firstBuild)
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			pub := filepath.Join(root, "public")
			if !tc.firstBuild {
				build(t, Options{Dir: pub}, crashOldBuild())
			}

			cmd := exec.Command(exe, "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), envCrashDir+"="+pub, envCrashStage+"="+tc.stage)
			if tc.fallback {
				cmd.Env = append(cmd.Env, envCrashFallback+"=1")
			}
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("child did not die: %v\n%s", err, out)
			}
			if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("child ended with %v, not SIGKILL\n%s", err, out)
			}

			switch tc.want {
			case old:
				assertTree(t, pub, crashOldBuild())
			case new:
				assertTree(t, pub, crashNewBuild())
			case nothing, missing:
				if _, err := os.Lstat(pub); !errors.Is(err, fs.ErrNotExist) {
					t.Fatalf("public/ exists after the kill: %v", err)
				}
			}

			// The next build starts from the intact site and cleans up.
			tx, err := Begin(Options{Dir: pub})
			if err != nil {
				t.Fatalf("Begin after crash: %v", err)
			}
			if tc.want == missing {
				assertTree(t, pub, crashOldBuild())
			}
			next := map[string]string{"index.html": "next home", "p/01/index.html": "page 2"}
			for rel, s := range next {
				if err := tx.WriteFile(rel, []byte(s)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := tx.Commit(); err != nil {
				t.Fatalf("Commit after crash: %v", err)
			}
			assertTree(t, pub, next)
			assertNoLeftovers(t, root)
		})
	}
}
