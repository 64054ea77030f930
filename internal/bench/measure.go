package bench

import (
	"bytes"
	"fmt"
	"io/fs"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
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
}

// CPUS is user plus system time.
func (r Run) CPUS() float64 { return r.UserS + r.SysS }

// RSSMiB is the peak resident set in MiB.
func (r Run) RSSMiB() float64 { return float64(r.MaxRSSKiB) / 1024 }

// measure runs argv to completion and records wall, CPU and peak memory of
// the child (from its rusage, so only the child counts). A non-zero exit is
// an error carrying the tail of stderr.
func measure(dir string, argv ...string) (Run, []byte, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	load, _ := ReadLoadAvg()
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	r := Run{Command: shellJoin(argv), WallS: wall.Seconds(), Load: load}
	if dir != "" {
		r.Command = "cd " + shellQuote(dir) + " && " + r.Command
	}
	if ps := cmd.ProcessState; ps != nil {
		r.UserS = ps.UserTime().Seconds()
		r.SysS = ps.SystemTime().Seconds()
		r.MaxRSSKiB = childMaxRSS(ps)
	}
	if err != nil {
		return r, stdout.Bytes(), fmt.Errorf("%s: %w: %s", r.Command, err, tail(stderr.Bytes(), 2000))
	}
	return r, stdout.Bytes(), nil
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
