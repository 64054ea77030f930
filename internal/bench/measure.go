package bench

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Run is one measured child process.
type Run struct {
	Command   string  `json:"command"`
	WallS     float64 `json:"wall_s"`
	UserS     float64 `json:"user_s"`
	SysS      float64 `json:"sys_s"`
	MaxRSSKiB int64   `json:"max_rss_kib"`
	// Load is the load average just before the run started.
	Load LoadAvg `json:"load_avg"`
	// Output describes what the run wrote (filled in by the caller).
	Output *Tree `json:"output,omitempty"`
	// Pages is the page count the tool itself reported.
	Pages int `json:"pages"`
	// Floor is the cost of writing Output alone, when measured.
	Floor *Floor `json:"write_floor,omitempty"`
	// HarnessMaxRSSKiB is the harness's own peak when the child started.
	// Linux reports a child's peak as at least that (exec inherits the
	// high-water mark), so MaxRSSKiB means something only above it.
	HarnessMaxRSSKiB int64 `json:"harness_max_rss_kib"`
}

// RSSMasked reports whether the child's peak may be the harness's own: not
// clearly above it (the harness can grow a little between reading its peak
// and starting the child).
func (r Run) RSSMasked() bool { return r.MaxRSSKiB < r.HarnessMaxRSSKiB+16<<10 }

// CPUS is user plus system time.
func (r Run) CPUS() float64 { return r.UserS + r.SysS }

// RSSMiB is the peak resident set in MiB.
func (r Run) RSSMiB() float64 { return float64(r.MaxRSSKiB) / 1024 }

// measure runs argv to completion and records wall, CPU and peak memory of
// the child (from its rusage; the harness keeps its own memory small, see
// Run.HarnessMaxRSSKiB). A non-zero exit is
// an error carrying the tail of stderr. With limitKiB > 0 a child whose
// resident set passes it is killed: on a shared machine a runaway build must
// not take everyone's memory.
func measure(limitKiB int64, argv ...string) (Run, []byte, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	load, _ := ReadLoadAvg()
	r := Run{Command: shellJoin(argv), Load: load, HarnessMaxRSSKiB: selfMaxRSS()}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return r, nil, fmt.Errorf("%s: %w", r.Command, err)
	}
	var killed atomic.Bool
	done := make(chan struct{})
	if limitKiB > 0 {
		go watchRSS(cmd.Process, limitKiB, &killed, done)
	}
	err := cmd.Wait()
	close(done)
	r.WallS = time.Since(start).Seconds()
	if ps := cmd.ProcessState; ps != nil {
		r.UserS = ps.UserTime().Seconds()
		r.SysS = ps.SystemTime().Seconds()
		r.MaxRSSKiB = childMaxRSS(ps)
	}
	if killed.Load() {
		return r, stdout.Bytes(), fmt.Errorf("%s: killed: resident set passed the limit of %d MiB", r.Command, limitKiB/1024)
	}
	if err != nil {
		return r, stdout.Bytes(), fmt.Errorf("%s: %w: %s", r.Command, err, tail(stderr.Bytes(), 2000))
	}
	return r, stdout.Bytes(), nil
}

// watchRSS polls the child's resident set (Linux /proc; elsewhere it has
// nothing to read and gives up) and kills it past limitKiB.
func watchRSS(p *os.Process, limitKiB int64, killed *atomic.Bool, done <-chan struct{}) {
	status := fmt.Sprintf("/proc/%d/status", p.Pid)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		data, err := os.ReadFile(status)
		if err != nil {
			return
		}
		if rss, ok := statusKiB(data, "VmRSS:"); ok && rss > limitKiB {
			killed.Store(true)
			_ = p.Kill()
			return
		}
	}
}

// statusKiB reads a "Key:   123 kB" line of /proc/PID/status.
func statusKiB(status []byte, key string) (int64, bool) {
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, key); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				return 0, false
			}
			n, err := strconv.ParseInt(f[0], 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.TrimSpace(string(b))
}

// Tree is the apparent size of a folder: the sum of its files' sizes, what
// GitHub Pages' limit counts, not the blocks du reports.
type Tree struct {
	Bytes     int64 `json:"bytes"`
	Files     int   `json:"files"`
	HTMLFiles int   `json:"html_files"`
	// ByFolder splits Bytes by top-level folder ("people", "search");
	// date folders of story pages are grouped as "YYYY".
	ByFolder map[string]int64 `json:"by_folder"`
}

// MeasureTree walks dir.
func MeasureTree(dir string) (Tree, error) {
	t := Tree{ByFolder: map[string]int64{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		t.Bytes += info.Size()
		t.Files++
		if strings.HasSuffix(p, ".html") {
			t.HTMLFiles++
		}
		if rel, err := filepath.Rel(dir, p); err == nil {
			t.ByFolder[topFolder(filepath.ToSlash(rel))] += info.Size()
		}
		return nil
	})
	if err != nil {
		return t, fmt.Errorf("measuring %s: %w", dir, err)
	}
	return t, nil
}

var (
	storygenPages = regexp.MustCompile(`(\d+) stories, (\d+) pages`)
	hugoPages     = regexp.MustCompile(`(?m)^\s*Pages\s*[│|]\s*(\d+)`)
)

// storygenSummaryPages reads the page count from "built DIR: N stories, M pages, ...".
func storygenSummaryPages(out []byte) int {
	m := storygenPages.FindSubmatch(out)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[2]))
	return n
}

// hugoSummaryPages reads the "Pages | N" row of Hugo's build table.
func hugoSummaryPages(out []byte) int {
	m := hugoPages.FindSubmatch(out)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func shellJoin(argv []string) string {
	q := make([]string, len(argv))
	for i, a := range argv {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func topFolder(rel string) string {
	top, _, found := strings.Cut(rel, "/")
	if !found {
		return "(root files)"
	}
	if len(top) == 4 && strings.Trim(top, "0123456789") == "" {
		return "YYYY"
	}
	return top
}
