package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/storygen/storygen/internal/story"
)

// inputs is what the content folder holds, by role. Paths are slash-separated
// and relative to the content folder, sorted.
type inputs struct {
	stories     []string // *.txt
	pages       []string // *.md
	assets      []string // everything else, copied as it is
	annotations string   // entities.toml, "" when absent
	warnings    []story.Warning
}

// annotationsFile is the editor's corrections, read from the content folder.
const annotationsFile = "entities.toml"

// scan walks the content folder. Symbolic links are not followed: a link to a
// file inside the folder is read, one pointing outside is skipped with a
// warning, and linked folders are never entered.
func scan(contentDir string) (*inputs, error) {
	in := &inputs{}
	absContent, err := filepath.Abs(contentDir)
	if err != nil {
		return nil, fmt.Errorf("content folder %s: %w", contentDir, err)
	}
	realContent, err := filepath.EvalSymlinks(absContent)
	if err != nil {
		return nil, fmt.Errorf("content folder %s: %w", contentDir, err)
	}
	// The content folder itself may be a link; what is inside it may not leave it.
	err = filepath.WalkDir(realContent, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(realContent, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			if p == realContent {
				return err
			}
			in.warnings = append(in.warnings, story.Warning{Path: rel, Msg: fmt.Sprintf("cannot read: %v", err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == realContent {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if name == ".git" || name == ".hg" || name == ".svn" {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				in.warnings = append(in.warnings, story.Warning{Path: rel, Msg: "broken symbolic link, skipped"})
				return nil
			}
			if !within(realContent, target) {
				in.warnings = append(in.warnings, story.Warning{Path: rel, Msg: "symbolic link points outside the content folder, skipped"})
				return nil
			}
			st, err := os.Stat(target)
			if err != nil || !st.Mode().IsRegular() {
				in.warnings = append(in.warnings, story.Warning{Path: rel, Msg: "symbolic link to something that is not a file, skipped"})
				return nil
			}
			// The target is inside the content folder, so the walk reads it
			// under its own name: reading the link too would publish it twice.
			if t, err := filepath.Rel(realContent, target); err == nil {
				in.warnings = append(in.warnings, story.Warning{Path: rel, Msg: "symbolic link to " + filepath.ToSlash(t) + ", which is read under its own name; skipped"})
				return nil
			}
		} else if !d.Type().IsRegular() {
			in.warnings = append(in.warnings, story.Warning{Path: rel, Msg: "not a regular file, skipped"})
			return nil
		}
		if IgnoredName(name) {
			return nil
		}
		switch {
		case rel == annotationsFile:
			in.annotations = rel
		case strings.EqualFold(filepath.Ext(name), ".txt"):
			in.stories = append(in.stories, rel)
		case strings.EqualFold(filepath.Ext(name), ".md"):
			in.pages = append(in.pages, rel)
		default:
			in.assets = append(in.assets, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading content folder %s: %w", contentDir, err)
	}
	sort.Strings(in.stories)
	sort.Strings(in.pages)
	sort.Strings(in.assets)
	return in, nil
}

// within reports whether path is dir or inside it (both cleaned, absolute).
func within(dir, path string) bool {
	if path == dir {
		return true
	}
	return strings.HasPrefix(path, dir+string(filepath.Separator))
}

// IgnoredName reports the files editors write while saving: swap, backup
// and lock files, and vim's probe for a writable folder ("4913"). They are neither
// content nor worth a warning, and their changes alone never need a build;
// serve's watcher and the content scan share this one list.
func IgnoredName(name string) bool {
	switch {
	case strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasPrefix(name, ".#"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		strings.HasPrefix(name, ".goutputstream-"),
		vimProbe(name):
		return true
	}
	return false
}

// vimProbe matches the names vim creates and deletes to test that it may
// write to a folder: 4913, then 4913+123, 4913+246, …
func vimProbe(name string) bool {
	if len(name) < 4 || len(name) > 6 {
		return false
	}
	n := 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n >= 4913 && (n-4913)%123 == 0
}
