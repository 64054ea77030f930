package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/storygen/storygen/internal/output"
)

// crashSize is the archive the crash test builds: small by default, 2,000
// stories with STORYGEN_HEAVY=1.
func crashSize() int {
	if os.Getenv("STORYGEN_HEAVY") != "" {
		return 2000
	}
	return 50
}

// versions are two states of the archive: an edited story, a story only in
// each, so that the old and the new site differ in changed, added and
// removed files.
var versions = [2]map[string]string{
	{
		"content/edit.txt":    " date 2018-05-31 Mayor Kasper Holloway opened the ferry pier on Thursday. Version one.\n",
		"content/only-v1.txt": " date 2018-06-01 Brynja Marlowe closed the fish auction early. Only in version one.\n",
	},
	{
		"content/edit.txt":    " date 2018-05-31 Mayor Kasper Holloway opened the second bridge on Thursday. Version two.\n",
		"content/only-v2.txt": " date 2018-06-02 Lorcan Vanstone opened the winter market. Only in version two.\n",
	},
}

func setVersion(t *testing.T, root string, v int) {
	t.Helper()
	for _, rel := range []string{"content/only-v1.txt", "content/only-v2.txt"} {
		os.Remove(filepath.Join(root, rel))
	}
	for rel, body := range versions[v] {
		if err := os.WriteFile(filepath.Join(root, rel), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// killPoint is where a build is killed.
type killPoint struct {
	name  string
	hook  string // STORYGEN_TEST_HOOK stage; "" for the points found from outside
	files int    // rendering: kill once the staging folder holds this many files
	// published: the kill comes after the swap, so public/ holds the new build.
	published bool
}

// TestCrashSafety builds an archive, then starts builds of a changed archive
// and kills them with SIGKILL at several points: at once, while rendering,
// with every file staged, just before the swap and just after it. Each time
// public/ must be exactly the previous build (or exactly the new one after
// the swap), and the next build must succeed and leave nothing behind.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	root := t.TempDir()
	n := crashSize()
	start := time.Now()
	genArchive(t, root, n, 1)
	setVersion(t, root, 0)
	public := filepath.Join(root, "public")
	build := func() {
		t.Helper()
		runStorygen(t, nil, "build", "--quiet", "--source", root)
	}
	build()
	want := [2]tree{snapshot(t, public)}
	t.Logf("%d stories, %d files in public/, first build %v", n+2, len(want[0]), time.Since(start).Round(time.Millisecond))

	points := []killPoint{
		{name: "early"},
		{name: "rendering", files: 40},
		{name: "staged", hook: output.StageStaged},
		{name: "before-swap", hook: output.StageBeforeSwap},
		{name: "after-swap", hook: output.StageAfterSwap, published: true},
	}
	cur := 0 // version public/ holds
	for _, kp := range points {
		next := 1 - cur
		setVersion(t, root, next)
		prev := snapshot(t, public)
		killBuild(t, root, kp)

		got := snapshot(t, public)
		switch {
		case kp.published && want[next] != nil:
			if d := want[next].diff(got); d != "" {
				t.Errorf("%s: public/ is not the new build:\n%s", kp.name, d)
			}
		case kp.published:
			t.Fatalf("%s: no reference for version %d yet (reorder the points)", kp.name, next)
		default:
			if d := prev.diff(got); d != "" {
				t.Errorf("%s: public/ changed although the build was killed before the swap:\n%s", kp.name, d)
			}
		}

		// The next build succeeds, gives the complete new site, and cleans up.
		build()
		got = snapshot(t, public)
		if want[next] == nil {
			want[next] = got
			if d := want[cur].diff(got); d == "" {
				t.Fatal("the two versions build the same site; the test would prove nothing")
			}
		} else if d := want[next].diff(got); d != "" {
			t.Errorf("%s: the build after the crash differs from a clean build:\n%s", kp.name, d)
		}
		if left := leftovers(t, root); len(left) > 0 {
			t.Errorf("%s: left behind after the next build: %v", kp.name, left)
		}
		cur = next
	}
}

// killBuild starts a build and SIGKILLs it at kp.
func killBuild(t *testing.T, root string, kp killPoint) {
	t.Helper()
	var env []string
	if kp.hook != "" {
		env = append(env, "STORYGEN_TEST_HOOK="+kp.hook)
	}
	cmd := storygen(env, "build", "--quiet", "--source", root)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A parked build never ends by itself: make sure a failing test does not
	// leave it behind (a no-op once it has been waited for).
	t.Cleanup(func() { cmd.Process.Kill() })
	exited := make(chan error, 1)
	stopped := make(chan struct{})
	var log lockedBuffer
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if kp.hook != "" && strings.Contains(sc.Text(), "test hook: stopped at "+kp.hook) {
				close(stopped)
			}
		}
		io.Copy(io.Discard, stderr)
		exited <- cmd.Wait()
	}()
	switch {
	case kp.hook != "":
		select {
		case <-stopped:
		case err := <-exited:
			t.Fatalf("%s: build ended (%v) before reaching the hook:\n%s", kp.name, err, log.String())
		case <-time.After(5 * time.Minute):
			t.Fatalf("%s: build never reached the hook", kp.name)
		}
	case kp.files > 0:
		if !waitStaging(root, kp.files, exited) {
			t.Fatalf("%s: build ended before the staging folder held %d files:\n%s", kp.name, kp.files, log.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("%s: kill: %v", kp.name, err)
	}
	err = <-exited
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("%s: build was not killed (%v): it finished first\n%s", kp.name, err, log.String())
	}
}

// lockedBuffer is a bytes.Buffer safe for one writer and one reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) WriteString(s string) {
	l.mu.Lock()
	l.b.WriteString(s)
	l.mu.Unlock()
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitStaging polls until a staging folder beside public/ holds n files;
// false when the build ends first.
func waitStaging(root string, n int, exited chan error) bool {
	for {
		select {
		case err := <-exited:
			exited <- err
			return false
		default:
		}
		dirs, _ := filepath.Glob(filepath.Join(root, ".public.staging-*"))
		for _, d := range dirs {
			count := 0
			filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					count++
				}
				if count >= n {
					return filepath.SkipAll
				}
				return nil
			})
			if count >= n {
				return true
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// leftovers lists what lies beside public/ that the site did not put there.
func leftovers(t *testing.T, root string) []string {
	t.Helper()
	ents, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		switch e.Name() {
		case "content", "site.toml", "public":
		default:
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// TestCrashHookOff makes sure the hook costs nothing when unset: a build
// with an unknown stage name runs to the end.
func TestCrashHookOff(t *testing.T) {
	root := t.TempDir()
	genArchive(t, root, 3, 2)
	out := runStorygen(t, []string{"STORYGEN_TEST_HOOK=no-such-stage"}, "build", "--source", root)
	if !strings.Contains(out, "built ") {
		t.Errorf("build output: %s", out)
	}
	if _, err := os.Stat(filepath.Join(root, "public", "index.html")); err != nil {
		t.Error(err)
	}
}
