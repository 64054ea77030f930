package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrRefused marks a publish folder or output path that would let a build
// write or delete outside the site it is building.
var ErrRefused = errors.New("refused")

// CheckRel reports whether rel is a clean, slash-separated path inside the
// publish folder. Only canonical spellings pass, so that two spellings of one
// file can never both be written, and nothing can escape the folder.
func CheckRel(rel string) error {
	bad := func(why string) error {
		return fmt.Errorf("output path %q %s: %w", rel, why, ErrRefused)
	}
	switch {
	case rel == "":
		return bad("is empty")
	case rel[0] == '/':
		return bad("is absolute")
	case strings.IndexByte(rel, 0) >= 0:
		return bad("contains a NUL byte")
	case strings.IndexByte(rel, '\\') >= 0:
		return bad("contains a backslash")
	case filepath.VolumeName(rel) != "":
		return bad("names a volume")
	}
	for seg := range strings.SplitSeq(rel, "/") {
		switch seg {
		case "":
			return bad("has an empty segment")
		case ".":
			return bad(`has a "." segment`)
		case "..":
			return bad(`has a ".." segment`)
		}
	}
	return nil
}

// checkDir resolves the publish folder to an absolute path and refuses the
// folders a whole-folder replacement must never delete: the filesystem root,
// the home folder, the working directory, the site root and the content
// folder, and anything that contains one of them.
func checkDir(opts Options) (string, error) {
	if opts.Dir == "" {
		return "", fmt.Errorf("publish folder is not set: %w", ErrRefused)
	}
	dir, err := realPath(opts.Dir)
	if err != nil {
		return "", fmt.Errorf("publish folder %s: %w", opts.Dir, err)
	}
	refuse := func(why string) error {
		return fmt.Errorf("refusing to publish into %s: %s, and a build replaces the whole folder: %w", dir, why, ErrRefused)
	}
	if filepath.Dir(dir) == dir {
		return "", refuse("it is the filesystem root")
	}
	type guarded struct {
		path, what string
		inside     bool // also refuse a publish folder inside it
	}
	var guards []guarded
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		guards = append(guards, guarded{home, "the home folder", false})
	}
	if wd, err := os.Getwd(); err == nil {
		guards = append(guards, guarded{wd, "the working directory", false})
	}
	if opts.SiteRoot != "" {
		guards = append(guards, guarded{opts.SiteRoot, "the site root", false})
	}
	if opts.ContentDir != "" {
		// Inside the content folder, the next build would read its own output.
		guards = append(guards, guarded{opts.ContentDir, "the content folder", true})
	}
	for _, g := range guards {
		p, err := realPath(g.path)
		if err != nil {
			return "", fmt.Errorf("checking publish folder against %s %s: %w", g.what, g.path, err)
		}
		forms := []string{p}
		// A guarded folder may itself be a link (a symlinked home or site);
		// check its target too.
		if r, err := filepath.EvalSymlinks(p); err == nil && r != p {
			forms = append(forms, r)
		}
		for _, p := range forms {
			switch {
			case p == dir:
				return "", refuse("it is " + g.what)
			case within(p, dir):
				return "", refuse("it contains " + g.what + " " + p)
			case g.inside && within(dir, p):
				return "", refuse("it is inside " + g.what + " " + p)
			}
		}
	}
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return dir, nil
	case err != nil:
		return "", fmt.Errorf("publish folder: %w", err)
	case fi.Mode()&os.ModeSymlink != 0:
		// realPath resolved every parent, so this can only be the last element.
		return "", refuse("it is a symbolic link (the swap would replace the link, not its target)")
	case !fi.IsDir():
		return "", refuse("it is not a directory")
	}
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		return "", refuse("it contains .git")
	}
	return dir, nil
}

// realPath makes p absolute and resolves symbolic links in the part of it that
// exists, keeping its last element unresolved so a symlinked publish folder
// can be recognised and refused.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if parent == abs {
		return abs, nil
	}
	var rest []string
	for {
		r, err := filepath.EvalSymlinks(parent)
		if err == nil {
			parent = r
			break
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		up := filepath.Dir(parent)
		if up == parent {
			break
		}
		rest = append(rest, filepath.Base(parent))
		parent = up
	}
	for i := len(rest) - 1; i >= 0; i-- {
		parent = filepath.Join(parent, rest[i])
	}
	return filepath.Join(parent, base), nil
}

// within reports whether p lies strictly inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == "." || rel == ".." {
		return false
	}
	return !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
