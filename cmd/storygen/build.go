package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/output"
	"github.com/storygen/storygen/internal/site"
)

func init() {
	register("build", "build the site into the publish folder (public/)", runBuild)
}

// siteFlags are the flags build and serve share.
type siteFlags struct {
	source, destination, baseURL string
	drafts                       bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the site's folder (with site.toml and content/)")
	fs.StringVar(&f.destination, "destination", "", "publish folder (default: publishDir from site.toml, \"public\")")
	fs.StringVar(&f.baseURL, "baseURL", "", "override baseURL from site.toml (e.g. the URL GitHub Pages gives)")
	fs.BoolVar(&f.drafts, "drafts", false, "include stories and pages marked draft")
}

// loadConfig reads site.toml (defaults when it does not exist) and applies the flags.
func (f *siteFlags) loadConfig() (*config.Config, error) {
	path := filepath.Join(f.source, "site.toml")
	var cfg *config.Config
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		cfg = config.Default()
	} else {
		c, err := config.Load(path)
		if err != nil {
			return nil, err
		}
		cfg = c
	}
	if f.baseURL != "" {
		if err := cfg.SetBaseURL(f.baseURL); err != nil {
			return nil, fmt.Errorf("--baseURL: %w", err)
		}
	}
	if f.destination != "" {
		cfg.PublishDir = f.destination
	}
	return cfg, nil
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf siteFlags
	sf.register(fs)
	mdDir := fs.String("markdown", "", "also write each story's Markdown into this folder")
	strict := fs.Bool("strict", false, "treat warnings as errors: exit non-zero and leave the publish folder as it was")
	quiet := fs.Bool("quiet", false, "print only warnings and errors")
	timings := fs.Bool("timings", false, "print how long each phase of the build took")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to this file")
	memProfile := fs.String("memprofile", "", "write an allocation profile to this file")
	memLimit := fs.String("memory-limit", "", "soft heap limit: the collector works harder near it (default 1400MiB; 0 = none; GOMEMLIMIT wins)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if _, err := setMemoryLimit(*memLimit); err != nil {
		fmt.Fprintf(stderr, "build: %v\n", err)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "build: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	cfg, err := sf.loadConfig()
	if err != nil {
		fmt.Fprintf(stderr, "build: %v\n", err)
		return 1
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "build: %v\n", err)
			return 1
		}
		defer stop()
	}
	if *memProfile != "" {
		defer writeMemProfile(*memProfile, stderr)
	}
	publish := cfg.PublishDir
	if !filepath.IsAbs(publish) {
		publish = filepath.Join(sf.source, publish)
	}
	tx, err := output.Begin(output.Options{
		Dir:        publish,
		SiteRoot:   sf.source,
		ContentDir: filepath.Join(sf.source, cfg.ContentDir),
		Hook:       testHook(os.Getenv("STORYGEN_TEST_HOOK")),
	})
	if err != nil {
		fmt.Fprintf(stderr, "build: %v\n", err)
		return 1
	}
	var progress io.Writer
	if isTerminal(os.Stderr) && !*quiet {
		progress = os.Stderr
	}
	sum, err := site.Build(site.Options{
		Root: sf.source, Config: cfg, Drafts: sf.drafts, MarkdownDir: *mdDir, Progress: progress,
	}, tx)
	if sum != nil {
		for _, w := range sum.Warnings {
			fmt.Fprintf(stderr, "warning: %s\n", w)
		}
	}
	if err != nil {
		_ = tx.Abort()
		fmt.Fprintf(stderr, "build: %v\n", err)
		return 1
	}
	if *strict && len(sum.Warnings) > 0 {
		// A strict build publishes nothing: public/ keeps the previous site.
		_ = tx.Abort()
		fmt.Fprintf(stderr, "build: %d warnings (--strict); %s left as it was\n", len(sum.Warnings), publish)
		return 1
	}
	committed := time.Now()
	if _, err := tx.Commit(); err != nil {
		fmt.Fprintf(stderr, "build: %v\n", err)
		return 1
	}
	if *timings {
		for _, p := range sum.Phases {
			fmt.Fprintf(stdout, "%-30s %8.3fs\n", p.Name, p.Elapsed.Seconds())
		}
		fmt.Fprintf(stdout, "%-30s %8.3fs\n", "publish (swap, old tree removed)", time.Since(committed).Seconds())
	}
	if !*quiet {
		fmt.Fprintf(stdout, "built %s: %s\n", publish, sum)
	}
	return 0
}

// testHook stops a build at one stage of the publish so that crash tests can
// SIGKILL it there: STORYGEN_TEST_HOOK=before-swap (see output.Stage*).
func testHook(stage string) func(string) {
	if stage == "" {
		return nil
	}
	return func(s string) {
		if s == stage {
			fmt.Fprintf(os.Stderr, "storygen: test hook: stopped at %s\n", s)
			for {
				time.Sleep(time.Hour)
			}
		}
	}
}

func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeMemProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "memory profile: %v\n", err)
		return
	}
	defer f.Close()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		fmt.Fprintf(stderr, "memory profile: %v\n", err)
	}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
