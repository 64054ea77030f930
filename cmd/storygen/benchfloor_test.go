package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/storygen/storygen/internal/bench"
)

// bench -floor-of is what the harness runs in a child for the write floor.
func TestBenchFloorOf(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	for _, rel := range []string{"index.html", "people/a-b/index.html", "people/a-b/feed.xml"} {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("<p>x</p>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb bytes.Buffer
	if code := runBench([]string{"-floor-of", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var f bench.Floor
	if err := json.Unmarshal(out.Bytes(), &f); err != nil {
		t.Fatalf("%v: %q", err, out.String())
	}
	if f.Files != 3 || f.Dirs != 2 || f.Bytes != 24 {
		t.Errorf("floor = %+v, want 3 files, 2 folders, 24 bytes", f)
	}
	out.Reset()
	if code := runBench([]string{"-floor-of", filepath.Join(dir, "missing")}, &out, &errb); code == 0 {
		t.Error("a missing tree exited 0")
	}
}
