package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exampleSite copies the repository's example site (site.toml, content/,
// and templates/ or static/ when present) into a new folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	repo := filepath.Join("..", "..")
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS(filepath.Join(repo, "content"))); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(repo, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "site.toml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"templates", "static"} {
		if st, err := os.Stat(filepath.Join(repo, dir)); err == nil && st.IsDir() {
			if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
				t.Fatal(err)
			}
		}
	}
	return root
}

// TestDeterministicPublish builds the example site with the real command
// into public/ at GOMAXPROCS 1 and 4, twice, and from a second copy at
// another path (other mtimes, other absolute paths): every tree must be
// byte-identical.
func TestDeterministicPublish(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	a := exampleSite(t)
	b := exampleSite(t)
	// A generated part too, so parallel extraction has work to interleave.
	for _, root := range []string{a, b} {
		gen := t.TempDir()
		genArchive(t, gen, 40, 3)
		if err := os.CopyFS(filepath.Join(root, "content", "generated"), os.DirFS(filepath.Join(gen, "content"))); err != nil {
			t.Fatal(err)
		}
		os.Remove(filepath.Join(root, "content", "generated", "entities.toml"))
	}
	var trees []tree
	var names []string
	var firstOut string
	for _, run := range []struct {
		root, procs string
	}{{a, "1"}, {a, "4"}, {a, "4"}, {b, "2"}, {b, "1"}} {
		out := filepath.Join(t.TempDir(), "public")
		runStorygen(t, []string{"GOMAXPROCS=" + run.procs}, "build", "--quiet", "--source", run.root, "--destination", out)
		trees = append(trees, snapshot(t, out))
		if firstOut == "" {
			firstOut = out
		}
		names = append(names, "GOMAXPROCS="+run.procs+" "+filepath.Base(run.root))
	}
	// And once into the site's own public/, replacing a previous build.
	runStorygen(t, []string{"GOMAXPROCS=3"}, "build", "--quiet", "--source", a)
	runStorygen(t, []string{"GOMAXPROCS=1"}, "build", "--quiet", "--source", a)
	trees = append(trees, snapshot(t, filepath.Join(a, "public")))
	names = append(names, "public/ rebuilt")

	if len(trees[0]) < 100 {
		t.Fatalf("only %d files built", len(trees[0]))
	}
	for i := 1; i < len(trees); i++ {
		if d := trees[0].diff(trees[i]); d != "" {
			t.Errorf("%s and %s differ:\n%s", names[0], names[i], d)
		}
	}
	// Nothing of the build machine leaks in: no absolute path of the site.
	filepath.WalkDir(firstOut, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), a) || strings.Contains(string(data), os.TempDir()+"/") {
			t.Errorf("%s holds a path of the build machine", p)
		}
		return nil
	})
	t.Logf("%d files, identical in %d builds", len(trees[0]), len(trees))
}
