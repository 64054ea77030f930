package bench

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestMedianPercentile(t *testing.T) {
	twenty := make([]float64, 20)
	for i := range twenty {
		twenty[i] = float64(20 - i) // 20..1, unsorted on purpose
	}
	for _, tc := range []struct {
		name     string
		xs       []float64
		med, p95 float64
	}{
		{"none", nil, 0, 0},
		{"one", []float64{7}, 7, 7},
		{"odd", []float64{3, 1, 2}, 2, 3},
		{"even", []float64{4, 1, 3, 2}, 2.5, 4},
		{"twenty: p95 is the 19th smallest", twenty, 10.5, 19},
	} {
		if got := Median(tc.xs); got != tc.med {
			t.Errorf("%s: Median = %v, want %v", tc.name, got, tc.med)
		}
		if got := Percentile(tc.xs, 95); got != tc.p95 {
			t.Errorf("%s: Percentile 95 = %v, want %v", tc.name, got, tc.p95)
		}
	}
	xs := []float64{3, 1, 2}
	Median(xs)
	if !reflect.DeepEqual(xs, []float64{3, 1, 2}) {
		t.Errorf("Median sorted its argument: %v", xs)
	}
}

func TestParseLoadAvg(t *testing.T) {
	l, ok := parseLoadAvg("15.56 15.14 10.19 3/412 9921\n")
	if !ok || l != (LoadAvg{15.56, 15.14, 10.19}) {
		t.Errorf("parseLoadAvg = %v, %v", l, ok)
	}
	if _, ok := parseLoadAvg("garbage"); ok {
		t.Error("parseLoadAvg accepted garbage")
	}
}

func TestSummaryPages(t *testing.T) {
	sg := []byte("built /tmp/x/public: 1000 stories, 4805 pages, 2210 entities, 3 warnings in 2.10s\n")
	if got := storygenSummaryPages(sg); got != 4805 {
		t.Errorf("storygen pages = %d", got)
	}
	hugo := []byte("Start building sites … \n\n                  │  EN   \n──────────────────┼───────\n Pages            │ 16282 \n Paginator pages  │     0 \n")
	if got := hugoSummaryPages(hugo); got != 16282 {
		t.Errorf("hugo pages = %d", got)
	}
	if got := hugoSummaryPages([]byte("nothing")); got != 0 {
		t.Errorf("hugo pages of no table = %d", got)
	}
}

func TestAppendToFirstParagraph(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{" date 2018-05-31 First.\n \nSecond.\n \nCap Credit: X", " date 2018-05-31 First. Added.\n \nSecond.\n \nCap Credit: X"},
		{" date 2018-05-31 Only line", " date 2018-05-31 Only line Added."},
		{"First.\r\n\r\nSecond.", "First. Added.\r\n\r\nSecond."},
	} {
		if got := string(appendToFirstParagraph([]byte(tc.in), " Added.")); got != tc.want {
			t.Errorf("appendToFirstParagraph(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShellQuote(t *testing.T) {
	got := shellJoin([]string{"/bin/storygen", "build", "--source", "/tmp/a b", "it's"})
	want := `/bin/storygen build --source '/tmp/a b' 'it'\''s'`
	if got != want {
		t.Errorf("shellJoin = %s, want %s", got, want)
	}
}

func TestMeasureTree(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":                    "12345",
		"2018/05/31/a/index.html":       "123",
		"people/elena-marsh/index.html": "12",
		"search/terms-a.json":           "1",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tr, err := MeasureTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := Tree{Bytes: 11, Files: 4, HTMLFiles: 3, ByFolder: map[string]int64{"(root files)": 5, "YYYY": 3, "people": 2, "search": 1}}
	if !reflect.DeepEqual(tr, want) {
		t.Errorf("MeasureTree = %+v, want %+v", tr, want)
	}
}

// fakeGenerator is a shell stand-in for gen_corpus.py: it writes n stories
// to -o and a hugo.toml to --hugo, and counts its calls.
const fakeGenerator = `
n= out= hugo=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) n=$2; shift;; -o) out=$2; shift;; --hugo) hugo=$2; shift;;
  esac
  shift
done
echo x >> "$CALLS"
mkdir -p "$out"
i=0
while [ $i -lt $n ]; do
  printf ' date 2018-05-31 Story %d by Elena Marsh.' $i > "$out/$i.txt"
  i=$((i+1))
done
if [ -n "$hugo" ]; then mkdir -p "$hugo"; echo 'title = "x"' > "$hugo/hugo.toml"; fi
`

func TestEnsureCaches(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "gen.sh")
	calls := filepath.Join(dir, "calls")
	if err := os.WriteFile(script, []byte(fakeGenerator), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CALLS", calls)
	g := &Generator{Script: script, Python: "sh", Seed: 1}
	cache := filepath.Join(dir, "cache")
	count := func() int {
		data, _ := os.ReadFile(calls)
		return strings.Count(string(data), "x")
	}
	c, err := g.Ensure(cache, 3, false)
	if err != nil {
		t.Fatal(err)
	}
	if files, _ := storyFiles(filepath.Join(c.Root, "content")); len(files) != 3 {
		t.Fatalf("content has %d stories, want 3", len(files))
	}
	if _, err := os.Stat(filepath.Join(c.Root, "site.toml")); err != nil {
		t.Fatalf("no site.toml: %v", err)
	}
	if !strings.Contains(c.Command, "--people 1 --orgs 1 --places 1") {
		t.Errorf("command %q lacks the pool sizes", c.Command)
	}
	if _, err := g.Ensure(cache, 3, false); err != nil || count() != 1 {
		t.Fatalf("second Ensure: err %v, generator calls %d, want 1", err, count())
	}
	// Asking for the Hugo twin generates only the twin.
	c, err = g.Ensure(cache, 3, true)
	if err != nil || count() != 2 || c.HugoCommand == "" {
		t.Fatalf("Ensure with Hugo: err %v, calls %d, hugo command %q", err, count(), c.HugoCommand)
	}
	if _, err := os.Stat(filepath.Join(c.HugoDir(), "hugo.toml")); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Ensure(cache, 3, true); err != nil || count() != 2 {
		t.Fatalf("cached Hugo twin: err %v, calls %d", err, count())
	}
	// An interrupted edit benchmark leaves the marker: the stories it
	// holds are put back, nothing generated.
	story := filepath.Join(c.Root, "content", "1.txt")
	orig, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	if err := saveOriginals(c.Root, map[string][]byte{story: orig}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(story, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Ensure(cache, 3, false); err != nil || count() != 2 {
		t.Fatalf("after an interrupted edit: err %v, calls %d, want 2", err, count())
	}
	if got, _ := os.ReadFile(story); string(got) != string(orig) {
		t.Errorf("story after restore = %q, want %q", got, orig)
	}
	// A marker that cannot be read back means generating again.
	if err := os.WriteFile(filepath.Join(c.Root, editMarker), []byte("{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Ensure(cache, 3, false); err != nil || count() != 3 {
		t.Fatalf("after a broken marker: err %v, calls %d, want 3", err, count())
	}
	// Without a generator an uncached size is skipped, a cached one used.
	none := &Generator{}
	if _, err := none.Ensure(cache, 5, false); err != ErrNoGenerator {
		t.Errorf("uncached without generator: err %v", err)
	}
	if _, err := (&Generator{Seed: 1}).Ensure(cache, 3, false); err != nil {
		t.Errorf("cached without generator: %v", err)
	}
}

func TestStatusKiB(t *testing.T) {
	status := []byte("Name:\tstorygen\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n")
	if n, ok := statusKiB(status, "VmRSS:"); !ok || n != 102400 {
		t.Errorf("VmRSS = %d, %v", n, ok)
	}
	if _, ok := statusKiB(status, "VmSwap:"); ok {
		t.Error("found a missing key")
	}
}

func TestMeasureKillsPastLimit(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	// sh holds a 64 MiB string in memory; the limit is 16 MiB.
	_, _, err := measure(16*1024, "sh", "-c", `x=$(head -c 67108864 /dev/zero | tr '\0' a); sleep 5`)
	if err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("measure past the limit: err %v", err)
	}
	r, _, err := measure(0, "sh", "-c", "exit 0")
	if err != nil || r.WallS <= 0 {
		t.Errorf("measure of sh: %+v, %v", r, err)
	}
}
