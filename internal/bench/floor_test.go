package bench

import (
	"os"
	"path/filepath"
	"testing"
)

func TestMeasureFloor(t *testing.T) {
	src := filepath.Join(t.TempDir(), "public")
	files := map[string]string{
		"index.html":                     "<p>home</p>",
		"people/ann-lee/index.html":      "<p>Ann Lee</p>",
		"people/ann-lee/feed.xml":        "<feed/>",
		"2018/05/31/a-story/index.html":  "<p>story</p>",
		"2018/05/31/b-story/index.html":  "",
		"dates/2018/05/31/index.html":    "<p>day</p>",
		".nojekyll":                      "",
		"search/s/ab.json":               "{}",
		"people/index.html":              "<p>people</p>",
		"2018/05/31/a-story/extra/x.txt": "x",
	}
	var want int64
	for rel, body := range files {
		p := filepath.Join(src, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		want += int64(len(body))
	}
	if err := os.MkdirAll(filepath.Join(src, "empty", "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := MeasureFloor(src)
	if err != nil {
		t.Fatal(err)
	}
	// people, people/ann-lee, 2018, 2018/05, 2018/05/31, a-story, a-story/extra,
	// b-story, dates, dates/2018, dates/2018/05, dates/2018/05/31, search,
	// search/s, empty, empty/folder
	if f.Files != len(files) || f.Bytes != want || f.Dirs != 16 {
		t.Errorf("floor counted %d files, %d bytes, %d folders; want %d, %d, 16", f.Files, f.Bytes, f.Dirs, len(files), want)
	}
	if f.WallS <= 0 || f.Workers < 1 {
		t.Errorf("floor timed %.6fs with %d workers", f.WallS, f.Workers)
	}
	if _, err := os.Stat(src + ".floor"); !os.IsNotExist(err) {
		t.Errorf("the copy was left behind: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(src, "people", "ann-lee", "index.html")); err != nil || string(b) != "<p>Ann Lee</p>" {
		t.Errorf("source changed: %q, %v", b, err)
	}

	if _, err := MeasureFloor(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing tree measured without error")
	}
}

// createFile refuses to replace a file: the floor writes a fresh tree, as a
// build's staging folder is.
func TestCreateFileIsExclusive(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.html")
	if err := createFile(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := createFile(p, []byte("two")); err == nil {
		t.Error("an existing file was overwritten")
	}
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Errorf("file holds %q", b)
	}
}

// With FloorCmd the floor comes from a child's JSON, and a failing child is
// an error naming the tree.
func TestFloorInChild(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	o := &Options{FloorCmd: []string{"/bin/sh", "-c", `printf '{"files":7,"dirs":2,"wall_s":0.5}' && test -d "$1"`, "sh"}}
	dir := t.TempDir()
	f, err := o.floor(dir)
	if err != nil {
		t.Fatal(err)
	}
	if f.Files != 7 || f.Dirs != 2 || f.WallS != 0.5 {
		t.Errorf("floor from child = %+v", *f)
	}
	if _, err := o.floor(filepath.Join(dir, "missing")); err == nil {
		t.Error("a failing child gave no error")
	}
	o.FloorCmd = []string{"/bin/sh", "-c", "echo not json", "sh"}
	if _, err := o.floor(dir); err == nil {
		t.Error("output that is not JSON gave no error")
	}
}
