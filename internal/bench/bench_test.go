package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/site"
)

// benchCorpus is the 1k archive: $STORYGEN_BENCH_CORPUS (a site folder with
// content/) as is, or generated with gen_corpus.py into
// $STORYGEN_BENCH_DIR (default /tmp/storygen-bench). Skips without either.
func benchCorpus(b *testing.B) string {
	b.Helper()
	if root := os.Getenv("STORYGEN_BENCH_CORPUS"); root != "" {
		return root
	}
	gen := &Generator{Script: FindGenerator(), Seed: 1}
	if gen.Script == "" {
		b.Skip("no corpus: set STORYGEN_BENCH_CORPUS to a site folder, or STORYGEN_BENCH_GEN to gen_corpus.py")
	}
	dir := os.Getenv("STORYGEN_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "storygen-bench")
	}
	c, err := gen.Ensure(dir, 1000, false)
	if err != nil {
		b.Skipf("no corpus: %v", err)
	}
	return c.Root
}

// BenchmarkBuild1k times "storygen build" of the 1k archive as a child
// process, the way a user runs it; ns/op is wall time.
func BenchmarkBuild1k(b *testing.B) {
	root := benchCorpus(b)
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skip("no go tool to build the binary")
	}
	tmp := b.TempDir()
	bin := filepath.Join(tmp, "storygen")
	if out, err := exec.Command(goTool, "build", "-o", bin, "github.com/storygen/storygen/cmd/storygen").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	var cpu, rss, size float64
	i := 0
	for b.Loop() {
		b.StopTimer()
		dest := filepath.Join(tmp, "public")
		if err := os.RemoveAll(dest); err != nil {
			b.Fatal(err)
		}
		i++
		b.StartTimer()
		r, _, err := measure(0, bin, "build", "--quiet", "--source", root, "--destination", dest)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += r.CPUS()
		rss = max(rss, r.RSSMiB())
		t, err := MeasureTree(dest)
		if err != nil {
			b.Fatal(err)
		}
		size = float64(t.Bytes)
		b.StartTimer()
	}
	stories, err := storyFiles(filepath.Join(root, "content"))
	if err != nil || len(stories) == 0 {
		b.Fatalf("no stories in %s: %v", root, err)
	}
	b.ReportMetric(cpu/float64(i), "cpu-s/op")
	b.ReportMetric(rss, "peak-RSS-MiB")
	b.ReportMetric(size/float64(len(stories)), "public-B/story")
}

// BenchmarkEdit1k is serve's rebuild after a one-story body edit, in
// process, on a copy of the 1k archive.
func BenchmarkEdit1k(b *testing.B) {
	src := benchCorpus(b)
	root := b.TempDir()
	if err := os.CopyFS(root, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	_ = os.RemoveAll(filepath.Join(root, "public"))
	cfg := config.Default()
	if _, err := os.Stat(filepath.Join(root, "site.toml")); err == nil {
		if cfg, err = config.Load(filepath.Join(root, "site.toml")); err != nil {
			b.Fatal(err)
		}
	}
	opts := site.Options{Root: root, Config: cfg, LiveReload: true}
	stories, err := storyFiles(filepath.Join(root, cfg.ContentDir))
	if err != nil || len(stories) == 0 {
		b.Fatalf("no stories in %s: %v", root, err)
	}
	builder := site.NewBuilder()
	if _, _, err := builder.Build(opts); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		b.StopTimer()
		p := stories[(i*37)%len(stories)]
		old, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, appendToFirstParagraph(old, editSentence(i)), 0o644); err != nil {
			b.Fatal(err)
		}
		i++
		b.StartTimer()
		if _, _, err := builder.Build(opts); err != nil {
			b.Fatal(err)
		}
	}
}
