package serve

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var (
	randomSeed  = flag.Uint64("serve.seed", 20240611, "seed of TestRandomEdits")
	randomSteps = flag.Int("serve.steps", 100, "operations in TestRandomEdits")
	watchedStep = flag.Int("serve.watched", 20, "how many of TestRandomEdits' first steps go through the file watcher")
)

// TestRandomEdits applies a seeded random sequence of editor operations to a
// 200-story archive and checks after every step that the served site is
// byte for byte a fresh full build of the same files. The first steps go
// through fsnotify and the debounce; the rest call Rebuild directly, which
// is what the watcher does, to keep the test fast. Replay a failure with
// -serve.seed.
func TestRandomEdits(t *testing.T) {
	steps := *randomSteps
	if testing.Short() {
		steps = 30
	}
	c := newSite(t, 200, *randomSeed)
	h := startHarness(t, c, nil)
	r := &randomEditor{c: c, t: t}
	counts := map[string]int{}
	for i := 0; i < steps; i++ {
		what := fmt.Sprintf("step %d (seed %d)", i, *randomSeed)
		if i < *watchedStep {
			h.change(what, func() { counts[r.step(i)]++ })
			continue
		}
		op := r.step(i)
		counts[op]++
		what = fmt.Sprintf("step %d (%s, seed %d)", i, op, *randomSeed)
		if i == *watchedStep {
			if err := h.w.Close(); err != nil {
				t.Fatal(err)
			}
		}
		rep := h.s.Rebuild(1, 0)
		want, err := fullBuild(t, c.root)
		if err != nil {
			if rep.Err == nil {
				t.Fatalf("%s: the full build fails (%v), the served one did not", what, err)
			}
			continue
		}
		if rep.Err != nil {
			t.Fatalf("%s: build: %v", what, rep.Err)
		}
		if d := diffSites(h.s.Current(), want); d != "" {
			t.Fatalf("%s: served site differs from a full build: %s", what, d)
		}
	}
	// The last state, over HTTP too.
	want, err := fullBuild(t, c.root)
	if err != nil {
		t.Fatal(err)
	}
	h.checkHTTP(want)
	t.Logf("operations: %v", counts)
	for _, op := range randomOps {
		if counts[op] == 0 && steps >= 100 {
			t.Errorf("operation %q never ran", op)
		}
	}
}

var randomOps = []string{"edit paragraph", "add story", "delete story", "rename file", "new person",
	"surname newcomer", "change date", "merge entities", "change template"}

type randomEditor struct {
	c        *corpus
	t        *testing.T
	merged   map[string]bool // ids already merged away
	into     map[string]bool // ids something was merged into
	template int
}

// step applies one random operation and names it.
func (r *randomEditor) step(i int) string {
	c := r.c
	op := randomOps[c.rng.IntN(len(randomOps))]
	if len(c.stories) < 20 && (op == "delete story" || op == "rename file") {
		op = "add story"
	}
	switch op {
	case "edit paragraph":
		_, rel := c.randomStory()
		paras := strings.Split(c.read(rel), "\n\n")
		k := 1 + c.rng.IntN(len(paras)-1)
		paras[k] = c.paragraph(c.pick())
		c.write(rel, strings.Join(paras, "\n\n"))
	case "add story":
		dir := ""
		if c.rng.IntN(3) == 0 {
			dir = "2019/more"
		}
		c.addStory(dir, nil)
	case "delete story":
		k, rel := c.randomStory()
		if err := os.Remove(c.path(rel)); err != nil {
			r.t.Fatal(err)
		}
		c.stories = append(c.stories[:k], c.stories[k+1:]...)
	case "rename file":
		k, rel := c.randomStory()
		c.n++
		to := fmt.Sprintf("renamed/r%04d.txt", c.n)
		if err := os.MkdirAll(filepath.Dir(c.path(to)), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.Rename(c.path(rel), c.path(to)); err != nil {
			r.t.Fatal(err)
		}
		c.stories[k] = to
	case "new person":
		p := c.newPerson("")
		c.addStory("", &p)
	case "surname newcomer":
		known := c.pick()
		p := c.newPerson(known.last)
		c.addStory("", &p)
	case "change date":
		_, rel := c.randomStory()
		text := c.read(rel)
		// " date 2019-MM-DD …": the date is the 10 bytes after " date ".
		c.write(rel, text[:6]+c.date()+text[16:])
	case "merge entities":
		r.merge()
	case "change template":
		r.changeTemplate(i)
	}
	return op
}

// merge joins two people in entities.toml, never into an id that was
// itself merged away (no cycles).
func (r *randomEditor) merge() {
	c := r.c
	if r.merged == nil {
		r.merged, r.into = map[string]bool{}, map[string]bool{}
	}
	for tries := 0; tries < 50; tries++ {
		from, into := c.pick(), c.pick()
		if from.id() == into.id() || r.merged[from.id()] || r.merged[into.id()] || r.into[from.id()] {
			continue
		}
		r.merged[from.id()], r.into[into.id()] = true, true
		path := c.path("entities.toml")
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			r.t.Fatal(err)
		}
		fmt.Fprintf(f, "[[merge]]\nfrom = %q\ninto = %q\nkind = \"person\"\n\n", from.id(), into.id())
		if err := f.Close(); err != nil {
			r.t.Fatal(err)
		}
		return
	}
}

// changeTemplate overrides one of the theme's templates in the site's
// templates/ folder with a visible change, or removes an override.
func (r *randomEditor) changeTemplate(step int) {
	c := r.c
	names := []string{"base.html", "story.html", "entity.html", "home.html", "period.html"}
	name := names[c.rng.IntN(len(names))]
	path := filepath.Join(c.root, "templates", name)
	if _, err := os.Stat(path); err == nil && c.rng.IntN(3) == 0 {
		if err := os.Remove(path); err != nil {
			r.t.Fatal(err)
		}
		return
	}
	text := defaultTemplate(r.t, name)
	marker := fmt.Sprintf("<p hidden>change %d</p>", step)
	if name == "base.html" {
		text = strings.Replace(text, "</body>", marker+"\n</body>", 1)
	} else {
		text = strings.Replace(text, `{{define "main"}}`, `{{define "main"}}`+marker, 1)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}
