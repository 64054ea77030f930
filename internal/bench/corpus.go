package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// Corpus is a generated archive laid out as a storygen site:
//
//	<Root>/site.toml
//	<Root>/content/*.txt      the stories
//	<Root>/hugo/              the same archive as a Hugo site (when asked for)
//	<Root>/corpus.json        how it was generated: the cache key
type Corpus struct {
	Root    string `json:"root"`
	Stories int    `json:"stories"`
	// Command is the generator command line that wrote content/.
	Command string `json:"command"`
	// HugoCommand wrote hugo/; empty when there is no Hugo twin.
	HugoCommand string `json:"hugo_command,omitempty"`
}

// HugoDir is the Hugo twin's site folder.
func (c *Corpus) HugoDir() string { return filepath.Join(c.Root, "hugo") }

// Generator runs gen_corpus.py.
type Generator struct {
	Script string // path to gen_corpus.py; "" means none is available
	Python string // interpreter, "python3" by default
	Seed   int
	Log    io.Writer
}

// spec is what corpus.json records; a cached corpus is reused only when it
// matches exactly.
type spec struct {
	N      int `json:"n"`
	People int `json:"people"`
	Orgs   int `json:"orgs"`
	Places int `json:"places"`
	Seed   int `json:"seed"`
}

// Pools are the entity pool sizes for an archive of n stories: they grow
// with the archive as real ones do.
func Pools(n int) (people, orgs, places int) {
	return max(1, n/2), max(1, n/12), max(1, n/30)
}

func (g *Generator) spec(n int) spec {
	p, o, pl := Pools(n)
	return spec{N: n, People: p, Orgs: o, Places: pl, Seed: g.Seed}
}

func (g *Generator) argv(s spec, out, hugo string) []string {
	py := g.Python
	if py == "" {
		py = "python3"
	}
	a := []string{py, g.Script, "-n", strconv.Itoa(s.N), "-o", out,
		"--people", strconv.Itoa(s.People), "--orgs", strconv.Itoa(s.Orgs), "--places", strconv.Itoa(s.Places),
		"--seed", strconv.Itoa(s.Seed)}
	if hugo != "" {
		a = append(a, "--hugo", hugo)
	}
	return a
}

// ErrNoGenerator means the corpus is not cached and gen_corpus.py was not found.
var ErrNoGenerator = errors.New("gen_corpus.py not found (set -gen or STORYGEN_BENCH_GEN); cannot generate the archive")

// editMarker exists while the edit benchmark has stories modified and holds
// their original bytes; Ensure restores a corpus left with it.
const editMarker = ".bench-editing"

// Ensure returns the archive of n stories under dir/<n>, generating it (and,
// when withHugo, its Hugo twin) unless a matching one is cached.
func (g *Generator) Ensure(dir string, n int, withHugo bool) (*Corpus, error) {
	root := filepath.Join(dir, strconv.Itoa(n))
	want := g.spec(n)
	c := &Corpus{Root: root, Stories: n}
	meta := filepath.Join(root, "corpus.json")

	cached := false
	if data, err := os.ReadFile(meta); err == nil {
		var got struct {
			spec
			Corpus
		}
		if json.Unmarshal(data, &got) == nil && got.spec == want {
			// An interrupted edit benchmark left stories edited: put them back,
			// or generate the archive again when that fails.
			if restoreEdits(root) == nil {
				cached = true
				c.Command, c.HugoCommand = got.Command, got.HugoCommand
				if c.HugoCommand != "" {
					if _, err := os.Stat(filepath.Join(c.HugoDir(), "hugo.toml")); err != nil {
						c.HugoCommand = ""
					}
				}
			}
		}
	}
	if cached && (!withHugo || c.HugoCommand != "") {
		return c, writeSiteTOML(root)
	}
	if g.Script == "" {
		return nil, ErrNoGenerator
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	if !cached {
		// content and the Hugo twin in one pass when both are wanted.
		_ = os.Remove(meta)
		partial := filepath.Join(root, "content.partial")
		hugoPartial := ""
		if withHugo {
			hugoPartial = filepath.Join(root, "hugo.partial")
		}
		for _, p := range []string{partial, hugoPartial} {
			if p != "" {
				if err := os.RemoveAll(p); err != nil {
					return nil, fmt.Errorf("clearing %s: %w", p, err)
				}
			}
		}
		argv := g.argv(want, partial, hugoPartial)
		if err := g.run(argv); err != nil {
			return nil, err
		}
		if err := replace(partial, filepath.Join(root, "content")); err != nil {
			return nil, err
		}
		c.Command = shellJoin(g.argv(want, filepath.Join(root, "content"), ""))
		if withHugo {
			if err := replace(hugoPartial, c.HugoDir()); err != nil {
				return nil, err
			}
			c.HugoCommand = shellJoin(g.argv(want, filepath.Join(root, "content"), c.HugoDir()))
		}
		_ = os.Remove(filepath.Join(root, editMarker))
	} else {
		// content cached, Hugo twin missing: generate the twin alone.
		scratch := filepath.Join(root, "twin-content.partial")
		hugoPartial := filepath.Join(root, "hugo.partial")
		_ = os.RemoveAll(scratch)
		_ = os.RemoveAll(hugoPartial)
		if err := g.run(g.argv(want, scratch, hugoPartial)); err != nil {
			return nil, err
		}
		_ = os.RemoveAll(scratch)
		if err := replace(hugoPartial, c.HugoDir()); err != nil {
			return nil, err
		}
		c.HugoCommand = shellJoin(g.argv(want, filepath.Join(root, "content"), c.HugoDir()))
	}
	data, err := json.MarshalIndent(struct {
		spec
		Corpus
	}{want, *c}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("corpus metadata: %w", err)
	}
	if err := os.WriteFile(meta, append(data, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("corpus metadata: %w", err)
	}
	return c, writeSiteTOML(root)
}

func (g *Generator) run(argv []string) error {
	if g.Log != nil {
		fmt.Fprintf(g.Log, "generating: %s\n", shellJoin(argv))
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", shellJoin(argv), err, tail(out, 2000))
	}
	return nil
}

// replace moves src to dst, removing whatever dst was.
func replace(src, dst string) error {
	if err := os.RemoveAll(dst); err != nil {
		return fmt.Errorf("replacing %s: %w", dst, err)
	}
	if err := os.Rename(src, dst); err != nil {
		return fmt.Errorf("replacing %s: %w", dst, err)
	}
	return nil
}

// siteTOML keeps every default feature on (feeds, search, archive rules):
// the figures are for the site a user gets.
const siteTOML = `# Written by storygen bench: defaults, every feature on.
title = "Bench archive"
baseURL = "https://example.github.io/archive/"
`

func writeSiteTOML(root string) error {
	p := filepath.Join(root, "site.toml")
	if old, err := os.ReadFile(p); err == nil && string(old) == siteTOML {
		return nil
	}
	if err := os.WriteFile(p, []byte(siteTOML), 0o644); err != nil {
		return fmt.Errorf("site.toml: %w", err)
	}
	return nil
}

// FindGenerator locates gen_corpus.py: $STORYGEN_BENCH_GEN, then
// ../shared/bench/ above each parent of the working folder, then
// /work/shared/bench/. "" when none exists.
func FindGenerator() string {
	if p := os.Getenv("STORYGEN_BENCH_GEN"); p != "" {
		if fileExists(p) {
			return p
		}
		return ""
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			p := filepath.Join(filepath.Dir(d), "shared", "bench", "gen_corpus.py")
			if fileExists(p) {
				return p
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if p := "/work/shared/bench/gen_corpus.py"; fileExists(p) {
		return p
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
