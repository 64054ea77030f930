//go:build unix

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// build writes files into dir as one transaction and commits it.
func build(t *testing.T, opts Options, files map[string]string) Stats {
	t.Helper()
	tx, err := Begin(opts)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	defer tx.Abort()
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		if err := tx.WriteFile(rel, []byte(files[rel])); err != nil {
			t.Fatalf("WriteFile(%q): %v", rel, err)
		}
	}
	if got, want := tx.Paths(), slices.Sorted(maps.Keys(files)); !slices.Equal(got, want) {
		t.Errorf("Paths() = %q, want %q", got, want)
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return st
}

// readTree returns every regular file under dir by slash path; anything
// else in the tree fails the test.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return got
}

func assertTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := readTree(t, dir)
	if !maps.Equal(got, want) {
		t.Fatalf("tree %s:\n got %q\nwant %q", dir, got, want)
	}
}

// assertNoLeftovers checks that only the publish folder (and the given
// extra names) remain beside it.
func assertNoLeftovers(t *testing.T, parent string, extra ...string) {
	t.Helper()
	ents, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Name() != "public" && !slices.Contains(extra, e.Name()) {
			t.Errorf("leftover %s beside public/", e.Name())
		}
	}
}

func stat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

func TestBuildAndRebuild(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	opts := Options{Dir: pub, SiteRoot: root, ContentDir: filepath.Join(root, "content")}

	first := map[string]string{
		"index.html":                      "<h1>home</h1>",
		"people/mike-pompeo/index.html":   "pompeo v1",
		"people/kim-yong-chol/index.html": "kim",
		"places/washington/index.html":    "washington",
		"dates/2018/05/index.html":        "may",
		".nojekyll":                       "",
		"robots.txt":                      "User-agent: *\n",
	}
	st := build(t, opts, first)
	if want := (Stats{Written: 7, Bytes: int64(sumLen(first))}); st != want {
		t.Errorf("first build stats = %+v, want %+v", st, want)
	}
	assertTree(t, pub, first)
	assertNoLeftovers(t, root)
	if m := stat(t, filepath.Join(pub, "people/mike-pompeo/index.html")).Mode().Perm(); m&^0o644 != 0 {
		t.Errorf("file mode %v, want at most 0644", m)
	}
	if m := stat(t, filepath.Join(pub, "people")).Mode().Perm(); m&^0o755 != 0 {
		t.Errorf("dir mode %v, want at most 0755", m)
	}

	before := map[string]os.FileInfo{}
	for rel := range first {
		before[rel] = stat(t, filepath.Join(pub, rel))
	}

	second := map[string]string{
		"index.html":                      "<h1>home</h1> now longer", // changed size
		"people/mike-pompeo/index.html":   "pompeo v2",                // same size, new bytes
		"people/kim-yong-chol/index.html": "kim",                      // unchanged
		"dates/2018/05/index.html":        "may",                      // unchanged
		".nojekyll":                       "",                         // unchanged, empty
		"dates/2018/06/index.html":        "june",                     // added
		"tags/northkorea/index.html":      "tag",                      // added in a new folder
		// removed: places/washington/index.html, robots.txt
	}
	st = build(t, opts, second)
	want := Stats{Written: 4, Linked: 3, Removed: 2,
		Bytes: int64(len(second["index.html"]) + len("pompeo v2") + len("june") + len("tag"))}
	if st != want {
		t.Errorf("second build stats = %+v, want %+v", st, want)
	}
	assertTree(t, pub, second)
	assertNoLeftovers(t, root)
	if _, err := os.Stat(filepath.Join(pub, "places")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("folder of removed files still there: %v", err)
	}
	for rel, unchanged := range map[string]bool{
		"people/kim-yong-chol/index.html": true,
		"dates/2018/05/index.html":        true,
		".nojekyll":                       true,
		"index.html":                      false,
		"people/mike-pompeo/index.html":   false,
	} {
		same := os.SameFile(before[rel], stat(t, filepath.Join(pub, rel)))
		if same != unchanged {
			t.Errorf("%s: same inode as previous build = %v, want %v", rel, same, unchanged)
		}
	}
	// The previous tree is gone, so linked files are back to one link.
	if n := stat(t, filepath.Join(pub, ".nojekyll")).Sys().(*syscall.Stat_t).Nlink; n != 1 {
		t.Errorf("linked file has %d links after the old tree was removed, want 1", n)
	}
}

func sumLen(m map[string]string) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}

func TestCopyFile(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	static := filepath.Join(root, "static")
	if err := os.Mkdir(static, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, s string) string {
		p := filepath.Join(static, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := strings.Repeat("0123456789abcdef", 20000) // larger than one compare buffer
	logo, css, bigp := write("logo.png", "PNG..."), write("style.css", "body{}"), write("big.bin", big)

	copyAll := func() Stats {
		t.Helper()
		tx, err := Begin(Options{Dir: pub, SiteRoot: root})
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Abort()
		for rel, src := range map[string]string{"img/logo.png": logo, "css/style.css": css, "big.bin": bigp} {
			if err := tx.CopyFile(rel, src); err != nil {
				t.Fatal(err)
			}
		}
		st, err := tx.Commit()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st := copyAll(); st.Written != 3 || st.Linked != 0 {
		t.Errorf("first copy stats %+v", st)
	}
	assertTree(t, pub, map[string]string{"img/logo.png": "PNG...", "css/style.css": "body{}", "big.bin": big})
	if os.SameFile(stat(t, logo), stat(t, filepath.Join(pub, "img/logo.png"))) {
		t.Error("published file shares the source's inode")
	}
	bigBefore := stat(t, filepath.Join(pub, "big.bin"))

	write("style.css", "body{color:red}")
	// Same size, last byte differs: must be written, not linked.
	write("big.bin", big[:len(big)-1]+"X")
	if st := copyAll(); st.Written != 2 || st.Linked != 1 {
		t.Errorf("second copy stats %+v, want 2 written and 1 linked", st)
	}
	assertTree(t, pub, map[string]string{"img/logo.png": "PNG...", "css/style.css": "body{color:red}", "big.bin": big[:len(big)-1] + "X"})
	if os.SameFile(bigBefore, stat(t, filepath.Join(pub, "big.bin"))) {
		t.Error("changed big file was linked")
	}
}

func TestCheckRel(t *testing.T) {
	for _, tc := range []struct {
		rel string
		ok  bool
	}{
		{"index.html", true},
		{"people/mike-pompeo/index.html", true},
		{".nojekyll", true},
		{"a..b/c", true},
		{"", false},
		{"../x", false},
		{"..", false},
		{"/etc/x", false},
		{"a/../../x", false},
		{"a/../b", false},
		{"a/..", false},
		{"./a", false},
		{"a/./b", false},
		{"a\\b", false},
		{"..\\x", false},
		{"a//b", false},
		{"a/", false},
		{"a\x00b", false},
	} {
		err := CheckRel(tc.rel)
		if (err == nil) != tc.ok {
			t.Errorf("CheckRel(%q) = %v, want ok=%v", tc.rel, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrRefused) {
			t.Errorf("CheckRel(%q) error %v does not wrap ErrRefused", tc.rel, err)
		}
	}
}

func TestWriteRejectsEscapes(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "site", "public")
	build(t, Options{Dir: pub}, map[string]string{"index.html": "old"})

	for _, rel := range []string{"../x", "/etc/x", "a/../../x", "a\\b", "", "a//b", "../public/index.html"} {
		tx, err := Begin(Options{Dir: pub})
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.WriteFile("index.html", []byte("new")); err != nil {
			t.Fatal(err)
		}
		if err := tx.WriteFile(rel, []byte("evil")); !errors.Is(err, ErrRefused) {
			t.Errorf("WriteFile(%q) = %v, want ErrRefused", rel, err)
		}
		// A build with a refused write is incomplete and must not be published.
		if _, err := tx.Commit(); err == nil {
			t.Errorf("Commit after refused %q succeeded", rel)
		}
	}
	assertTree(t, pub, map[string]string{"index.html": "old"})
	assertTree(t, root, map[string]string{"site/public/index.html": "old"})
}

func TestBeginRefusesDangerousDirs(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	content := filepath.Join(site, "content")
	home := filepath.Join(t.TempDir(), "home", "me")
	elsewhere := t.TempDir()
	for _, d := range []string{content, home, filepath.Join(site, "withgit", ".git"), filepath.Join(root, "elsewhere")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(site, "afile"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(site, "linked")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(site, filepath.Join(root, "sitelink")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	t.Chdir(site)

	for _, tc := range []struct {
		dir, why string
	}{
		{"", "not set"},
		{"/", "filesystem root"},
		{home, "is the home folder"},
		{filepath.Dir(home), "contains the home folder"},
		{".", "is the working directory"},
		{site, "is the working directory"},
		{root, "contains the working directory"},
		{filepath.Join(root, "sitelink"), "is a symbolic link"},
		{filepath.Join(site, "withgit"), "contains .git"},
		{filepath.Join(site, "afile"), "not a directory"},
		{filepath.Join(site, "linked"), "symbolic link"},
		{content, "is the content folder"},
		{filepath.Join(content, "public"), "inside the content folder"},
		{filepath.Join(root, "sitelink", "content", "public"), "inside the content folder"},
	} {
		_, err := Begin(Options{Dir: tc.dir, SiteRoot: site, ContentDir: content})
		if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("Begin(%q) = %v, want ErrRefused saying %q", tc.dir, err, tc.why)
		}
	}

	// Site root checks apply even when the working directory is elsewhere.
	t.Chdir(elsewhere)
	for _, tc := range []struct{ dir, why string }{
		{site, "is the site root"},
		{filepath.Join(root, "sitelink"), "is a symbolic link"},
		{root, "contains the site root"},
	} {
		_, err := Begin(Options{Dir: tc.dir, SiteRoot: site, ContentDir: content})
		if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("Begin(%q) = %v, want ErrRefused saying %q", tc.dir, err, tc.why)
		}
	}

	// The ordinary case works, relative to the working directory too.
	t.Chdir(site)
	tx, err := Begin(Options{Dir: "public", SiteRoot: ".", ContentDir: "content"})
	if err != nil {
		t.Fatalf("Begin(public): %v", err)
	}
	tx.Abort()
}

func TestLeftoversAreCleaned(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	build(t, Options{Dir: pub}, map[string]string{"index.html": "v1"})

	// What crashed builds leave: a half-written staging tree, an exchanged
	// previous tree under the staging name, a fallback's old tree.
	for _, d := range []string{".public.staging-123-deadbeef/a/b", ".public.staging-9-00000000", ".public.old-77-cafebabe/x"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, d, "f.html"), []byte("junk"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Neighbours that only look similar are not ours.
	for _, name := range []string{".publicity", "public2", ".public.stagingX", ".other.staging-1"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte("keep"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build(t, Options{Dir: pub}, map[string]string{"index.html": "v2"})
	assertTree(t, pub, map[string]string{"index.html": "v2"})
	assertNoLeftovers(t, root, ".publicity", "public2", ".public.stagingX", ".other.staging-1")
}

func TestInterruptedFallbackSwapIsRestored(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	build(t, Options{Dir: pub}, map[string]string{"index.html": "v1", "a/b.html": "b"})
	// A fallback swap killed between its renames: public is missing, the
	// previous build sits at .public.old-*, a complete staging beside it.
	if err := os.Rename(pub, filepath.Join(root, ".public.old-5-01234567")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, ".public.staging-5-01234567"), 0o755); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(Options{Dir: pub})
	if err != nil {
		t.Fatal(err)
	}
	assertTree(t, pub, map[string]string{"index.html": "v1", "a/b.html": "b"})
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	assertNoLeftovers(t, root)
	assertTree(t, pub, map[string]string{"index.html": "v1", "a/b.html": "b"})
}

func TestFallbackSwap(t *testing.T) {
	saved := exchange
	exchange = func(a, b string) error { return errNoExchange }
	t.Cleanup(func() { exchange = saved })

	root := t.TempDir()
	pub := filepath.Join(root, "public")
	var stages []string
	opts := Options{Dir: pub, Hook: func(s string) { stages = append(stages, s) }}
	build(t, opts, map[string]string{"index.html": "v1", "same.html": "s"})
	if want := []string{StageStaged, StageBeforeSwap, StageAfterSwap}; !slices.Equal(stages, want) {
		t.Errorf("first build stages %q, want %q", stages, want)
	}
	stages = nil
	before := stat(t, filepath.Join(pub, "same.html"))
	st := build(t, opts, map[string]string{"index.html": "v2", "new.html": "n", "same.html": "s"})
	if want := []string{StageStaged, StageBeforeSwap, StageMidSwap, StageAfterSwap}; !slices.Equal(stages, want) {
		t.Errorf("fallback stages %q, want %q", stages, want)
	}
	if st.Linked != 1 || st.Written != 2 {
		t.Errorf("stats %+v", st)
	}
	assertTree(t, pub, map[string]string{"index.html": "v2", "new.html": "n", "same.html": "s"})
	if !os.SameFile(before, stat(t, filepath.Join(pub, "same.html"))) {
		t.Error("unchanged file not linked")
	}
	assertNoLeftovers(t, root)
}

func TestOneBuildAtATime(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	tx, err := Begin(Options{Dir: pub})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(Options{Dir: pub}); err == nil || !strings.Contains(err.Error(), "another build") {
		t.Errorf("second Begin = %v, want another-build error", err)
	}
	if err := tx.WriteFile("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(pub); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("aborted first build published something: %v", err)
	}
	assertNoLeftovers(t, root)
	build(t, Options{Dir: pub}, map[string]string{"index.html": "y"})
	assertTree(t, pub, map[string]string{"index.html": "y"})
}

func TestAbortKeepsPreviousBuild(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	build(t, Options{Dir: pub}, map[string]string{"index.html": "v1"})
	tx, err := Begin(Options{Dir: pub})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.WriteFile("index.html", []byte("v2")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Abort(); err != nil {
		t.Errorf("second Abort: %v", err)
	}
	if _, err := tx.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if err := tx.WriteFile("late.html", nil); err == nil {
		t.Error("WriteFile after Abort succeeded")
	}
	assertTree(t, pub, map[string]string{"index.html": "v1"})
	assertNoLeftovers(t, root)
}

func TestConflictsFailTheBuild(t *testing.T) {
	for name, writes := range map[string][]string{
		"twice":         {"a.html", "a.html"},
		"file then dir": {"a", "a/index.html"},
		"dir then file": {"a/index.html", "a"},
		"deep file/dir": {"x/y", "x/y/z/w.html"},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			pub := filepath.Join(root, "public")
			build(t, Options{Dir: pub}, map[string]string{"index.html": "v1"})
			tx, err := Begin(Options{Dir: pub})
			if err != nil {
				t.Fatal(err)
			}
			if err := tx.WriteFile(writes[0], []byte("1")); err != nil {
				t.Fatal(err)
			}
			err = tx.WriteFile(writes[1], []byte("2"))
			if err == nil {
				t.Fatalf("conflicting write %q succeeded", writes[1])
			}
			if _, err := tx.Commit(); err == nil {
				t.Fatal("Commit of a build with a conflict succeeded")
			}
			assertTree(t, pub, map[string]string{"index.html": "v1"})
			assertNoLeftovers(t, root)
		})
	}
}

func TestConcurrentWriters(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	files := map[string]string{}
	for i := range 2000 {
		// Many writers share folders, so they race to create them.
		files[fmt.Sprintf("d%d/e%d/p%04d/index.html", i%3, i%7, i)] = fmt.Sprintf("page %d", i)
	}
	for round := range 2 {
		tx, err := Begin(Options{Dir: pub})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		rels := slices.Sorted(maps.Keys(files))
		for w := range 16 {
			wg.Go(func() {
				for i := w; i < len(rels); i += 16 {
					if err := tx.WriteFile(rels[i], []byte(files[rels[i]])); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		st, err := tx.Commit()
		if err != nil {
			t.Fatal(err)
		}
		if round == 1 && st.Linked != len(files) {
			t.Errorf("round 2 linked %d of %d unchanged files", st.Linked, len(files))
		}
		assertTree(t, pub, files)
	}
}

func TestNoLinkThroughPlantedSymlink(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	outside := filepath.Join(root, "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "x.html"), []byte("same"), 0o644); err != nil {
		t.Fatal(err)
	}
	build(t, Options{Dir: pub}, map[string]string{"index.html": "v1"})
	// Someone replaces a folder and a file of the published site with links.
	if err := os.Symlink(outside, filepath.Join(pub, "a")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "x.html"), filepath.Join(pub, "b.html")); err != nil {
		t.Fatal(err)
	}
	st := build(t, Options{Dir: pub}, map[string]string{"index.html": "v1", "a/x.html": "same", "b.html": "same"})
	if st.Linked != 1 || st.Written != 2 {
		t.Errorf("stats %+v, want only index.html linked", st)
	}
	out := stat(t, filepath.Join(outside, "x.html"))
	for _, rel := range []string{"a/x.html", "b.html"} {
		if os.SameFile(out, stat(t, filepath.Join(pub, rel))) {
			t.Errorf("%s was linked to a file outside the publish folder", rel)
		}
	}
	assertTree(t, pub, map[string]string{"index.html": "v1", "a/x.html": "same", "b.html": "same"})
	assertTree(t, outside, map[string]string{"x.html": "same"})
}

func TestSyncOption(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	build(t, Options{Dir: pub, Sync: true}, map[string]string{"index.html": "v1"})
	build(t, Options{Dir: pub, Sync: true}, map[string]string{"index.html": "v2"})
	assertTree(t, pub, map[string]string{"index.html": "v2"})
	assertNoLeftovers(t, root)
}
