// Package bench measures storygen builds on generated archives of 1k to
// 100k stories, side by side with Hugo on the same archive. It runs the real
// binary as a child process (wall, CPU and peak memory come from the
// child's rusage) and serve's incremental rebuild in process. Benchmarks,
// not tests: nothing here fails because the machine is slow.
package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// Options configure a harness run.
type Options struct {
	Dir   string // corpus cache: Dir/<n>/
	Sizes []int  // archive sizes for full builds
	Runs  int    // full builds per size (pairs when Hugo is set); 0 for none
	// Warmup builds (each tool) before the measured ones, not counted.
	Warmup int
	// EditSizes are the sizes to run the one-story edit benchmark on.
	EditSizes []int
	Edits     int
	Gen       Generator
	Bin       string // the storygen binary to measure
	// Hugo is the hugo binary; "" skips the side-by-side runs.
	Hugo string
	// ProfileSize, when one of Sizes, gets one more build with CPU and
	// allocation profiles, summarised with GoTool's pprof.
	ProfileSize int
	GoTool      string
	// RSSLimitMiB kills a build whose resident set passes it (0: none).
	RSSLimitMiB int64
	// Floor measures, after each tool's first build of a size, the cost of
	// writing its output tree alone (MeasureFloor).
	Floor bool
	// FloorCmd, when set, runs MeasureFloor in a child process: FloorCmd
	// plus the tree's path, printing the Floor as JSON. The floor holds a
	// whole tree in memory, and Linux reports a child's peak memory as at
	// least its parent's (exec inherits the high-water mark), so in process
	// it would inflate every later build's figure.
	FloorCmd []string
	Log      io.Writer
	// Invocation is the command line that started the harness, for the report.
	Invocation string
	// Skipped are parts the caller already knows it cannot run, for the report.
	Skipped []string
}

// Report is everything one harness run measured.
type Report struct {
	Invocation string     `json:"invocation"`
	Started    string     `json:"started"`
	Host       Host       `json:"host"`
	Storygen   string     `json:"storygen"`
	HugoInfo   string     `json:"hugo,omitempty"`
	Figures    []Figure   `json:"figures"`
	Archives   []*Archive `json:"archives"`
	Profiles   []Profile  `json:"profiles,omitempty"`
	Skipped    []string   `json:"skipped,omitempty"`
}

// Host describes the machine and the source tree measured.
type Host struct {
	CPUs       int    `json:"cpus"`
	GOOS       string `json:"goos"`
	GOARCH     string `json:"goarch"`
	GoVersion  string `json:"go_version"`
	GitVersion string `json:"git_version,omitempty"`
}

// Figure is one reported number with the command behind it.
type Figure struct {
	Stories int       `json:"stories"`
	Name    string    `json:"name"`
	Value   float64   `json:"value"`
	Unit    string    `json:"unit"`
	Samples []float64 `json:"samples,omitempty"`
	// Load is the load average before each sample (uptime's three numbers):
	// the machine is shared, and this says how shared.
	Load    []LoadAvg `json:"load_avg,omitempty"`
	Command string    `json:"command"`
}

// Archive is the raw measurements of one archive size.
type Archive struct {
	Corpus *Corpus     `json:"corpus"`
	Full   []Run       `json:"full_builds"`
	Hugo   []Run       `json:"hugo_builds,omitempty"`
	Ratios []float64   `json:"hugo_wall_ratios,omitempty"`
	Edit   *EditResult `json:"edit,omitempty"`
}

// Profile is the top of the CPU and allocation profiles of one build.
type Profile struct {
	Stories int    `json:"stories"`
	Command string `json:"command"`
	CPUFile string `json:"cpu_file"`
	MemFile string `json:"mem_file"`
	CPUTop  string `json:"cpu_top"`
	MemTop  string `json:"alloc_space_top"`
	Run     Run    `json:"run"`
}

// Harness runs the benchmarks of o and returns the report; a size that
// cannot be generated, or Hugo when absent, is skipped with a reason in
// Report.Skipped rather than failing the whole run.
func Harness(o Options) (*Report, error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Gen.Log == nil {
		o.Gen.Log = o.Log
	}
	rep := &Report{
		Invocation: o.Invocation,
		Started:    time.Now().UTC().Format(time.RFC3339),
		Host:       hostInfo(),
		Storygen:   o.Bin,
		Skipped:    slices.Clone(o.Skipped),
	}
	if o.Hugo != "" {
		out, err := exec.Command(o.Hugo, "version").Output()
		if err != nil {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("Hugo side by side: %s version: %v", o.Hugo, err))
			o.Hugo = ""
		} else {
			rep.HugoInfo = strings.TrimSpace(string(out))
		}
	}
	for _, n := range o.Sizes {
		c, err := o.Gen.Ensure(o.Dir, n, o.Hugo != "")
		if errors.Is(err, ErrNoGenerator) {
			msg := fmt.Sprintf("%d stories: %v", n, err)
			fmt.Fprintln(o.Log, "skipped: "+msg)
			rep.Skipped = append(rep.Skipped, msg)
			continue
		}
		if err != nil {
			return rep, err
		}
		a := &Archive{Corpus: c}
		rep.Archives = append(rep.Archives, a)
		if err := o.fullBuilds(a); err != nil {
			return rep, err
		}
		rep.Figures = append(rep.Figures, a.figures()...)
		if n == o.ProfileSize {
			p, err := o.profile(c)
			if err != nil {
				return rep, err
			}
			rep.Profiles = append(rep.Profiles, *p)
		}
	}
	// The edits run in this process and grow it to the size of a served
	// site; child builds started after that would report at least that much
	// peak memory (see FloorCmd), so they come after every build.
	for _, a := range rep.Archives {
		n := a.Corpus.Stories
		if !slices.Contains(o.EditSizes, n) {
			continue
		}
		fmt.Fprintf(o.Log, "%d stories: one-story edits (%d) through site.Builder\n", n, o.Edits)
		e, err := MeasureEdits(a.Corpus.Root, o.Edits)
		if err != nil {
			return rep, fmt.Errorf("%d stories: %w", n, err)
		}
		a.Edit = e
		rep.Figures = append(rep.Figures, e.figures(n)...)
	}
	return rep, nil
}

func (o *Options) storygenArgv(root string, extra ...string) []string {
	return append([]string{o.Bin, "build", "--source", root}, extra...)
}

func (o *Options) hugoArgv(c *Corpus) []string {
	return []string{o.Hugo, "--minify=false", "-s", c.HugoDir(), "-d", filepath.Join(c.Root, "hugo-public")}
}

// buildStorygen removes public/ (untimed) and times one full build.
func (o *Options) buildStorygen(c *Corpus, floor bool, extra ...string) (Run, error) {
	pub := filepath.Join(c.Root, "public")
	if err := os.RemoveAll(pub); err != nil {
		return Run{}, fmt.Errorf("clearing %s: %w", pub, err)
	}
	r, out, err := measure(o.RSSLimitMiB*1024, o.storygenArgv(c.Root, extra...)...)
	if err != nil {
		return r, err
	}
	r.Command = "rm -rf " + shellQuote(pub) + " && " + r.Command
	r.Pages = storygenSummaryPages(out)
	t, err := MeasureTree(pub)
	if err != nil {
		return r, err
	}
	r.Output = &t
	if floor {
		if r.Floor, err = o.floor(pub); err != nil {
			return r, err
		}
	}
	return r, nil
}

// floor measures the tree at dir alone, in a child process when
// o.FloorCmd says how.
func (o *Options) floor(dir string) (*Floor, error) {
	if len(o.FloorCmd) == 0 {
		return MeasureFloor(dir)
	}
	argv := append(slices.Clone(o.FloorCmd), dir)
	out, err := exec.Command(argv[0], argv[1:]...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("write floor of %s: %w: %s", dir, err, bytes.TrimSpace(ee.Stderr))
		}
		return nil, fmt.Errorf("write floor of %s: %w", dir, err)
	}
	var f Floor
	if err := json.Unmarshal(out, &f); err != nil {
		return nil, fmt.Errorf("write floor of %s: %w", dir, err)
	}
	return &f, nil
}

// buildHugo times one Hugo build into an empty folder, measured and removed
// afterwards.
func (o *Options) buildHugo(c *Corpus, floor bool) (Run, error) {
	out := filepath.Join(c.Root, "hugo-public")
	if err := os.RemoveAll(out); err != nil {
		return Run{}, fmt.Errorf("clearing %s: %w", out, err)
	}
	r, stdout, err := measure(o.RSSLimitMiB*1024, o.hugoArgv(c)...)
	if err != nil {
		return r, err
	}
	r.Command = "rm -rf " + shellQuote(out) + " && " + r.Command
	r.Pages = hugoSummaryPages(stdout)
	t, err := MeasureTree(out)
	if err != nil {
		return r, err
	}
	r.Output = &t
	if floor {
		if r.Floor, err = o.floor(out); err != nil {
			return r, err
		}
	}
	return r, os.RemoveAll(out)
}

func (o *Options) fullBuilds(a *Archive) error {
	c := a.Corpus
	for i := range o.Warmup {
		fmt.Fprintf(o.Log, "%d stories: warm-up %d\n", c.Stories, i+1)
		if _, err := o.buildStorygen(c, false); err != nil {
			return err
		}
		if o.Hugo != "" {
			if _, err := o.buildHugo(c, false); err != nil {
				return err
			}
		}
	}
	for i := range o.Runs {
		r, err := o.buildStorygen(c, o.Floor && i == 0)
		if err != nil {
			return err
		}
		a.Full = append(a.Full, r)
		fmt.Fprintf(o.Log, "%d stories: storygen run %d: %.2fs wall, %.2fs CPU (%.2fs system), %.0f MiB%s, load %.2f\n",
			c.Stories, i+1, r.WallS, r.CPUS(), r.SysS, r.RSSMiB(), masked(r), r.Load[0])
		logFloor(o.Log, c.Stories, "storygen", r.Floor)
		if o.Hugo == "" {
			continue
		}
		h, err := o.buildHugo(c, o.Floor && i == 0)
		if err != nil {
			return err
		}
		a.Hugo = append(a.Hugo, h)
		a.Ratios = append(a.Ratios, h.WallS/r.WallS)
		fmt.Fprintf(o.Log, "%d stories: hugo run %d: %.2fs wall, %.2fs CPU (%.2fs system), %.0f MiB%s, load %.2f; ratio %.1fx\n",
			c.Stories, i+1, h.WallS, h.CPUS(), h.SysS, h.RSSMiB(), masked(h), h.Load[0], h.WallS/r.WallS)
		logFloor(o.Log, c.Stories, "hugo", h.Floor)
	}
	return nil
}

// masked flags a peak that is not above the harness's own.
func masked(r Run) string {
	if r.RSSMasked() {
		return fmt.Sprintf(" (not above this harness's own %.0f MiB: the child's own peak is unknown)", float64(r.HarnessMaxRSSKiB)/1024)
	}
	return ""
}

func logFloor(w io.Writer, n int, tool string, f *Floor) {
	if f == nil {
		return
	}
	fmt.Fprintf(w, "%d stories: %s's tree (%d folders, %d files, %.0f MB) written alone: %.2fs wall, %.2fs CPU (%.2fs system)\n",
		n, tool, f.Dirs, f.Files, float64(f.Bytes)/1e6, f.WallS, f.CPUS(), f.SysS)
}

func column(runs []Run, f func(Run) float64) []float64 {
	out := make([]float64, len(runs))
	for i, r := range runs {
		out[i] = f(r)
	}
	return out
}

func loads(runs []Run) []LoadAvg {
	out := make([]LoadAvg, len(runs))
	for i, r := range runs {
		out[i] = r.Load
	}
	return out
}

func (a *Archive) figures() []Figure {
	n := a.Corpus.Stories
	var figs []Figure
	add := func(tool string, runs []Run) {
		if len(runs) == 0 {
			return
		}
		cmd, ld := runs[0].Command, loads(runs)
		fig := func(name, unit string, f func(Run) float64) {
			s := column(runs, f)
			figs = append(figs, Figure{Stories: n, Name: tool + " " + name, Value: Median(s), Unit: unit, Samples: s, Load: ld, Command: cmd})
		}
		fig("full build wall", "s", func(r Run) float64 { return r.WallS })
		fig("full build CPU (user+sys)", "s", Run.CPUS)
		fig("full build peak RSS", "MiB", Run.RSSMiB)
		// Cores busy on average: how much of the machine the build used.
		fig("full build CPU/wall", "cores", func(r Run) float64 { return r.CPUS() / r.WallS })
		fig("wall per story", "ms", func(r Run) float64 { return r.WallS * 1000 / float64(n) })
		fig("output apparent size", "MB", func(r Run) float64 { return float64(r.Output.Bytes) / 1e6 })
		fig("output bytes per story", "B", func(r Run) float64 { return float64(r.Output.Bytes) / float64(n) })
		fig("pages (tool's own count)", "pages", func(r Run) float64 { return float64(r.Pages) })
		fig("files written", "files", func(r Run) float64 { return float64(r.Output.Files) })
		if f := runs[0].Floor; f != nil {
			fc := "write the first run's tree alone (storygen bench -floor)"
			figs = append(figs,
				Figure{Stories: n, Name: tool + " output written alone (floor) wall", Value: f.WallS, Unit: "s", Samples: []float64{f.WallS}, Command: fc},
				Figure{Stories: n, Name: tool + " output written alone (floor) CPU", Value: f.CPUS(), Unit: "s", Samples: []float64{f.CPUS()}, Command: fc},
				Figure{Stories: n, Name: tool + " output written alone (floor) folders", Value: float64(f.Dirs), Unit: "folders", Command: fc})
		}
	}
	add("storygen", a.Full)
	add("hugo", a.Hugo)
	if len(a.Ratios) > 0 {
		figs = append(figs, Figure{
			Stories: n, Name: "hugo/storygen wall ratio (per pair)", Value: Median(a.Ratios), Unit: "x",
			Samples: a.Ratios, Load: loads(a.Full),
			Command: "pairs, alternating: " + a.Full[0].Command + "  ;  " + a.Hugo[0].Command,
		})
		cpu := make([]float64, len(a.Ratios))
		for i := range cpu {
			cpu[i] = a.Hugo[i].CPUS() / a.Full[i].CPUS()
		}
		figs = append(figs, Figure{
			Stories: n, Name: "hugo/storygen CPU ratio (per pair)", Value: Median(cpu), Unit: "x",
			Samples: cpu, Load: loads(a.Full), Command: figs[len(figs)-1].Command,
		})
	}
	return figs
}

func (e *EditResult) figures(n int) []Figure {
	return []Figure{
		{Stories: n, Name: "one-story edit rebuild, median", Value: e.MedianMS, Unit: "ms", Samples: e.EditMS, Load: e.Load, Command: e.Command},
		{Stories: n, Name: "one-story edit rebuild, p95", Value: e.P95MS, Unit: "ms", Load: e.Load, Command: e.Command},
		{Stories: n, Name: "one-story edit rebuild CPU, median", Value: e.MedianCPUMS, Unit: "ms", Samples: e.EditCPUMS, Load: e.Load, Command: e.Command},
		{Stories: n, Name: "one-story edit rebuild CPU, p95", Value: e.P95CPUMS, Unit: "ms", Load: e.Load, Command: e.Command},
		{Stories: n, Name: "serve warm-up full build (in process)", Value: e.WarmS, Unit: "s", Command: e.Command},
		{Stories: n, Name: "serve warm-up full build CPU", Value: e.WarmCPUS, Unit: "s", Command: e.Command},
		{Stories: n, Name: "serve-like process peak RSS", Value: e.ProcessRSSMiB, Unit: "MiB", Command: e.Command},
	}
}

func (o *Options) profile(c *Corpus) (*Profile, error) {
	dir := filepath.Join(c.Root, "profile")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("profile folder: %w", err)
	}
	p := &Profile{Stories: c.Stories, CPUFile: filepath.Join(dir, "cpu.pprof"), MemFile: filepath.Join(dir, "mem.pprof")}
	fmt.Fprintf(o.Log, "%d stories: profiled build\n", c.Stories)
	r, err := o.buildStorygen(c, false, "--cpuprofile", p.CPUFile, "--memprofile", p.MemFile)
	if err != nil {
		return nil, err
	}
	p.Run, p.Command = r, r.Command
	if o.GoTool == "" {
		p.CPUTop = "(no go tool: run go tool pprof -top -nodecount=25 " + o.Bin + " " + p.CPUFile + ")"
		return p, nil
	}
	top := func(args ...string) string {
		argv := append([]string{o.GoTool, "tool", "pprof", "-top", "-nodecount=25"}, args...)
		out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
		s := "$ " + shellJoin(argv) + "\n" + string(out)
		if err != nil {
			s += fmt.Sprintf("(%v)\n", err)
		}
		return s
	}
	p.CPUTop = top(o.Bin, p.CPUFile)
	p.MemTop = top("-sample_index=alloc_space", o.Bin, p.MemFile)
	return p, nil
}

func hostInfo() Host {
	h := Host{CPUs: runtime.NumCPU(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, GoVersion: runtime.Version()}
	// The source revision this harness (and, by default, the measured
	// binary, which is the same one) was built from.
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, dirty string
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && len(s.Value) >= 12:
				rev = s.Value[:12]
			case s.Key == "vcs.modified" && s.Value == "true":
				dirty = "-dirty"
			}
		}
		if rev != "" {
			h.GitVersion = rev + dirty
		}
	}
	// Built with -buildvcs=false: ask git about the working folder instead.
	if h.GitVersion == "" {
		if out, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
			h.GitVersion = strings.TrimSpace(string(out)) + " (working folder)"
		}
	}
	return h
}

// WriteJSON writes the report, indented.
func (r *Report) WriteJSON(path string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// WriteTable prints the figures, one a line, with the load averages they
// were taken under and a reference to the command; then the commands.
func (r *Report) WriteTable(w io.Writer) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# storygen %s (%s), %d CPUs, %s", r.Storygen, r.Host.GitVersion, r.Host.CPUs, r.Started)
	if r.HugoInfo != "" {
		fmt.Fprintf(&buf, "; %s", r.HugoInfo)
	}
	buf.WriteString("\n")
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stories\tmeasure\tmedian\tunit\tsamples\tload 1m (min-max)\tcmd\t")
	var cmds []string
	ref := map[string]int{}
	for _, f := range r.Figures {
		id, ok := ref[f.Command]
		if !ok {
			cmds = append(cmds, f.Command)
			id = len(cmds)
			ref[f.Command] = id
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t[%d]\t\n", f.Stories, f.Name, num(f.Value), f.Unit, samples(f.Samples), loadRange(f.Load), id)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for i, c := range cmds {
		fmt.Fprintf(&buf, "[%d] %s\n", i+1, c)
	}
	for _, a := range r.Archives {
		for _, tr := range []struct {
			tool string
			runs []Run
		}{{"storygen", a.Full}, {"hugo", a.Hugo}} {
			if len(tr.runs) == 0 || tr.runs[len(tr.runs)-1].Output == nil {
				continue
			}
			tool, t := tr.tool, tr.runs[len(tr.runs)-1].Output
			fmt.Fprintf(&buf, "%s output of %d stories by folder (MB):", tool, a.Corpus.Stories)
			for _, k := range slices.Sorted(maps.Keys(t.ByFolder)) {
				fmt.Fprintf(&buf, " %s %.1f", k, float64(t.ByFolder[k])/1e6)
			}
			buf.WriteString("\n")
		}
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&buf, "skipped: %s\n", s)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func num(v float64) string {
	switch {
	case v >= 1000:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

func samples(xs []float64) string {
	if len(xs) == 0 || len(xs) > 5 {
		if len(xs) > 5 {
			return fmt.Sprintf("%d samples", len(xs))
		}
		return "-"
	}
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = num(x)
	}
	return strings.Join(s, " ")
}

func loadRange(ls []LoadAvg) string {
	if len(ls) == 0 {
		return "-"
	}
	lo, hi := ls[0][0], ls[0][0]
	for _, l := range ls {
		lo, hi = min(lo, l[0]), max(hi, l[0])
	}
	return fmt.Sprintf("%.1f-%.1f", lo, hi)
}
