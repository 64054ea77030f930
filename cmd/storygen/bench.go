package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/storygen/storygen/internal/bench"
)

func init() {
	register("bench", "benchmark full builds and one-story edits on generated archives (and Hugo)", runBench)
}

func runBench(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", filepath.Join(os.TempDir(), "storygen-bench"), "corpus cache: archives live in DIR/<stories>/")
	sizes := fs.String("sizes", "1000,10000", "archive sizes (stories) for full builds, comma-separated")
	runs := fs.Int("runs", 3, "full builds per size (with -hugo: storygen/Hugo pairs)")
	warmup := fs.Int("warmup", 0, "unmeasured builds of each tool before the measured ones")
	editSizes := fs.String("edit-sizes", "", "sizes to run the one-story edit benchmark on (default: the largest of -sizes; \"none\" for none)")
	edits := fs.Int("edits", 20, "one-story edits per edit benchmark")
	gen := fs.String("gen", "", "path to gen_corpus.py (default: $STORYGEN_BENCH_GEN, ../shared/bench/, /work/shared/bench/; \"none\": cached archives only)")
	python := fs.String("python", "python3", "Python interpreter for the generator")
	seed := fs.Int("seed", 1, "generator seed")
	bin := fs.String("bin", "", "storygen binary to measure (default: this one)")
	hugo := fs.Bool("hugo", false, "also build each archive's Hugo twin, alternating with storygen, and report the ratio")
	hugoBin := fs.String("hugo-bin", "", "hugo binary (default: $HUGO, hugo on PATH, /tmp/hugo-bin/hugo)")
	profile := fs.Int("profile", 0, "one more build of this size with --cpuprofile/--memprofile, summarised with go tool pprof")
	jsonOut := fs.String("json", "", "results file (default DIR/results.json)")
	rssLimit := fs.Int64("rss-limit", 0, "kill a build whose resident set passes this many MiB (0: no limit)")
	floor := fs.Bool("floor", true, "after each tool's first build of a size, time writing its output tree alone: the part of a build no tool can avoid")
	floorOf := fs.String("floor-of", "", "only time writing the tree at this path alone and print the result as JSON (bench runs itself so for -floor)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *floorOf != "" {
		f, err := bench.MeasureFloor(*floorOf)
		if err != nil {
			fmt.Fprintf(stderr, "bench: %v\n", err)
			return 1
		}
		if err := json.NewEncoder(stdout).Encode(f); err != nil {
			fmt.Fprintf(stderr, "bench: %v\n", err)
			return 1
		}
		return 0
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bench: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	o := bench.Options{
		Dir: *dir, Runs: *runs, Warmup: *warmup, Edits: *edits, ProfileSize: *profile,
		RSSLimitMiB: *rssLimit,
		Floor:       *floor,
		FloorCmd:    floorCmd(),
		Gen:         bench.Generator{Script: *gen, Python: *python, Seed: *seed},
		Log:         stderr,
		Invocation:  "storygen bench " + strings.Join(args, " "),
	}
	var err error
	if o.Sizes, err = parseSizes(*sizes); err != nil || len(o.Sizes) == 0 {
		fmt.Fprintf(stderr, "bench: -sizes: want stories counts like 1000,10000 (%v)\n", err)
		return 2
	}
	switch *editSizes {
	case "":
		o.EditSizes = []int{o.Sizes[len(o.Sizes)-1]}
	case "none":
	default:
		if o.EditSizes, err = parseSizes(*editSizes); err != nil {
			fmt.Fprintf(stderr, "bench: -edit-sizes: %v\n", err)
			return 2
		}
	}
	for _, n := range o.EditSizes {
		if !slices.Contains(o.Sizes, n) {
			o.Sizes = append(o.Sizes, n)
		}
	}
	switch o.Gen.Script {
	case "":
		o.Gen.Script = bench.FindGenerator()
	case "none":
		o.Gen.Script = ""
	default:
		if st, err := os.Stat(o.Gen.Script); err != nil || !st.Mode().IsRegular() {
			fmt.Fprintf(stderr, "bench: -gen %s: no such file\n", o.Gen.Script)
			return 2
		}
	}
	if o.Gen.Script == "" {
		fmt.Fprintln(stderr, "bench: gen_corpus.py not found: only archives already cached under "+*dir+" are measured")
	}
	o.Bin = *bin
	if o.Bin == "" {
		if o.Bin, err = os.Executable(); err != nil {
			fmt.Fprintf(stderr, "bench: locating this binary: %v (use -bin)\n", err)
			return 1
		}
	}
	if o.Bin, err = filepath.Abs(o.Bin); err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	if *hugo {
		o.Hugo = findHugo(*hugoBin)
		if o.Hugo == "" {
			o.Skipped = append(o.Skipped, "Hugo side by side: hugo not found")
			fmt.Fprintln(stderr, "bench: hugo not found (-hugo-bin, $HUGO, PATH, /tmp/hugo-bin/hugo): skipping the side-by-side runs;"+
				" install with: GOBIN=/tmp/hugo-bin go install github.com/gohugoio/hugo@v0.165.0")
		}
	}
	if *profile > 0 {
		o.GoTool = findGo()
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	rep, err := bench.Harness(o)
	if rep != nil {
		if terr := rep.WriteTable(stdout); terr != nil {
			fmt.Fprintf(stderr, "bench: %v\n", terr)
		}
		for _, p := range rep.Profiles {
			fmt.Fprintf(stdout, "\n# profiles of the %d-story build: %s\n%s\n%s", p.Stories, p.Command, p.CPUTop, p.MemTop)
		}
		path := *jsonOut
		if path == "" {
			path = filepath.Join(*dir, "results.json")
		}
		if jerr := rep.WriteJSON(path); jerr != nil {
			fmt.Fprintf(stderr, "bench: %v\n", jerr)
			return 1
		}
		fmt.Fprintf(stderr, "results: %s\n", path)
	}
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	return 0
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if f == "" {
			continue
		}
		mult := 1
		if strings.HasSuffix(f, "k") {
			f, mult = strings.TrimSuffix(f, "k"), 1000
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad size %q", f)
		}
		out = append(out, n*mult)
	}
	return out, nil
}

func findHugo(flagged string) string {
	// A binary named explicitly is the only candidate: measuring another
	// one instead would be a silent surprise.
	for _, c := range []string{flagged, os.Getenv("HUGO")} {
		if c != "" {
			p, err := exec.LookPath(c)
			if err != nil {
				return ""
			}
			return p
		}
	}
	if p, err := exec.LookPath("hugo"); err == nil {
		return p
	}
	if p, err := exec.LookPath("/tmp/hugo-bin/hugo"); err == nil {
		return p
	}
	return ""
}

func findGo() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// floorCmd runs the write floor in a child process of this binary, or in
// process when the binary cannot be found.
func floorCmd() []string {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	return []string{exe, "bench", "-floor-of"}
}
