package bench

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/storygen/storygen/internal/par"
)

// Floor is what writing a finished tree costs with nothing else to do: the
// same folders and files, bytes already in memory, written by GOMAXPROCS
// workers with the fewest system calls (mkdir; open, write, close). No
// build writing that tree can be faster, so it separates a tool's own work
// from the kernel's, which on some machines is most of a build.
type Floor struct {
	Dirs    int     `json:"dirs"`
	Files   int     `json:"files"`
	Bytes   int64   `json:"bytes"`
	WallS   float64 `json:"wall_s"`
	UserS   float64 `json:"user_s"`
	SysS    float64 `json:"sys_s"`
	Workers int     `json:"workers"`
}

// CPUS is user plus system time.
func (f Floor) CPUS() float64 { return f.UserS + f.SysS }

// MeasureFloor reads the tree under src (untimed), times writing a copy of
// it beside src, and removes the copy (untimed).
func MeasureFloor(src string) (*Floor, error) {
	type file struct {
		rel  string
		data []byte
	}
	var dirs []string
	var files []file
	var total int64
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			if rel != "." {
				dirs = append(dirs, rel)
			}
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files = append(files, file{rel, b})
			total += int64(len(b))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("write floor: reading %s: %w", src, err)
	}
	dst := filepath.Clean(src) + ".floor"
	if err := os.RemoveAll(dst); err != nil {
		return nil, fmt.Errorf("write floor: %w", err)
	}
	// Folders level by level, so every parent exists before its children.
	depth := func(rel string) int { return strings.Count(rel, string(filepath.Separator)) }
	slices.SortStableFunc(dirs, func(a, b string) int { return depth(a) - depth(b) })
	workers := runtime.GOMAXPROCS(0)

	u0, s0 := selfCPUSplit()
	start := time.Now()
	err = os.Mkdir(dst, 0o755)
	for i := 0; i < len(dirs) && err == nil; {
		j := i
		for j < len(dirs) && depth(dirs[j]) == depth(dirs[i]) {
			j++
		}
		level := dirs[i:j]
		err = par.Each(workers, len(level), func(k int) error { return os.Mkdir(filepath.Join(dst, level[k]), 0o755) })
		i = j
	}
	if err == nil {
		err = par.Each(workers, len(files), func(k int) error { return createFile(filepath.Join(dst, files[k].rel), files[k].data) })
	}
	wall := time.Since(start)
	u1, s1 := selfCPUSplit()
	rmErr := os.RemoveAll(dst)
	if err != nil {
		return nil, fmt.Errorf("write floor: %w", err)
	}
	if rmErr != nil {
		return nil, fmt.Errorf("write floor: %w", rmErr)
	}
	return &Floor{Dirs: len(dirs), Files: len(files), Bytes: total, WallS: wall.Seconds(),
		UserS: (u1 - u0).Seconds(), SysS: (s1 - s0).Seconds(), Workers: workers}, nil
}
