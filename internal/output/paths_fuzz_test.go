package output

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCheckRel checks that every path CheckRel lets through stays inside the
// publish folder once joined to it, and is the one canonical spelling of
// that file.
func FuzzCheckRel(f *testing.F) {
	for _, s := range []string{
		"index.html", "people/mike-pompeo/index.html", "../etc/passwd", "a/../../b", "/etc/passwd", "a//b",
		"./a", "a/.", "a/b/", "..", ".", "", `a\..\b`, "C:/x", "c:x", "a\x00b", "%2e%2e/x", "....//x",
		".hidden/x", "a/..b/c", "a/b..", "\u2024\u2024/x", "a/ /b",
	} {
		f.Add(s)
	}
	root := filepath.FromSlash("/srv/site/public")
	f.Fuzz(func(t *testing.T, rel string) {
		if CheckRel(rel) != nil {
			return
		}
		if path.Clean(rel) != rel || path.IsAbs(rel) || strings.HasPrefix(rel, "../") || rel == ".." || rel == "." {
			t.Fatalf("CheckRel passed the non-canonical %q", rel)
		}
		if strings.ContainsAny(rel, "\\\x00") {
			t.Fatalf("CheckRel passed %q", rel)
		}
		joined := filepath.Join(root, filepath.FromSlash(rel))
		r, err := filepath.Rel(root, joined)
		if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			t.Fatalf("CheckRel passed %q, which lands at %s", rel, joined)
		}
		if filepath.ToSlash(r) != rel {
			t.Fatalf("CheckRel passed %q, which is the file %s", rel, r)
		}
	})
}
