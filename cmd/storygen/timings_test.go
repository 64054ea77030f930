package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestBuildTimings checks that build --timings names every phase, in order,
// each with a duration.
func TestBuildTimings(t *testing.T) {
	root := t.TempDir()
	for rel, body := range map[string]string{
		"site.toml":     "title = \"Timings\"\nbaseURL = \"https://example.org/\"\n",
		"content/a.txt": " date 2018-05-31 Mayor Elena Marsh met Tomas Reyes in Port Calder on Wednesday.\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := runStorygen(t, nil, "build", "--quiet", "--timings", "--source", root)
	want := []string{"scan, annotations, templates", "read, parse, extract", "resolve", "URLs, index", "render", `publish \(swap, old tree removed\)`}
	pos := 0
	for _, name := range want {
		re := regexp.MustCompile(`(?m)^` + name + ` +[0-9]+\.[0-9]{3}s$`)
		loc := re.FindStringIndex(out[pos:])
		if loc == nil {
			t.Fatalf("no %q line after byte %d in:\n%s", name, pos, out)
		}
		pos += loc[1]
	}
}
