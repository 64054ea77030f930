package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/site"
	"github.com/storygen/storygen/themes"
)

// The invented world the test archives are written about.
var (
	menFirst   = []string{"Anselm", "Bertil", "Casimir", "Dario", "Emrys", "Florin", "Gunnar", "Halvard", "Ivo", "Joakim", "Kasper", "Lorcan", "Matthias", "Niall", "Osric", "Pavel", "Ruaridh", "Stellan", "Tancred", "Ulrik"}
	womenFirst = []string{"Aveline", "Brynja", "Clemence", "Dagny", "Elowen", "Fenella", "Gudrun", "Hesper", "Isolde", "Jorunn", "Kerensa", "Liesel", "Maelle", "Nerys", "Ottilie", "Perpetua", "Rosalind", "Sigrun", "Theodora", "Wenna"}
	surnames   = []string{"Abernethy", "Brackwater", "Culloden", "Dunstaffe", "Eskvale", "Farrowby", "Greymantle", "Holloway", "Inchbrook", "Jessamy", "Kettlewell", "Larkspur", "Marlowe", "Northcote", "Oakenshaw", "Pendragon", "Quillfeather", "Ravensworth", "Saltonstall", "Thistlewood", "Underhay", "Vanstone", "Whitlock", "Yarrowby"}
	places     = []string{"Kestrel Bay", "Marrowfield", "Lowbridge", "Ashcombe", "Tarnwick", "Glenmoray", "Saltmarsh Quay"}
	orgs       = []string{"Kestrel Bay Ferry Company", "Marrowfield Town Council", "Lowbridge Rowing Club", "Tarnwick Water Board", "Ashcombe Chamber of Commerce"}
	verbs      = []string{"announced", "warned", "insisted", "confirmed", "admitted", "promised"}
	topics     = []string{"a new ferry pier", "the flood barrier", "the harbour dredging", "a library extension", "the bus timetable", "the winter market", "a second bridge"}
	weekdays   = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
)

type person struct {
	first, last string
	woman       bool
}

func (p person) full() string { return p.first + " " + p.last }
func (p person) short() string {
	if p.woman {
		return "Ms " + p.last
	}
	return "Mr " + p.last
}
func (p person) id() string { return strings.ToLower(p.first + "-" + p.last) }

// corpus writes and rewrites a test archive; every choice comes from a
// seeded generator, so a failing sequence can be replayed.
type corpus struct {
	t       testing.TB
	root    string
	rng     *rand.Rand
	people  []person
	stories []string // content-relative paths of live stories
	n       int      // stories ever written, for unique names
	used    map[string]bool
}

func newCorpus(t testing.TB, root string, seed uint64) *corpus {
	c := &corpus{t: t, root: root, rng: rand.New(rand.NewPCG(seed, 7)), used: map[string]bool{}}
	for i := 0; i < 12; i++ {
		c.newPerson("")
	}
	return c
}

// newPerson invents someone not yet in the archive; surname "" picks one.
func (c *corpus) newPerson(surname string) person {
	for {
		p := person{woman: c.rng.IntN(2) == 0}
		if p.woman {
			p.first = womenFirst[c.rng.IntN(len(womenFirst))]
		} else {
			p.first = menFirst[c.rng.IntN(len(menFirst))]
		}
		p.last = surname
		if p.last == "" {
			p.last = surnames[c.rng.IntN(len(surnames))]
		}
		if !c.used[p.full()] {
			c.used[p.full()] = true
			c.people = append(c.people, p)
			return p
		}
	}
}

func (c *corpus) pick() person { return c.people[c.rng.IntN(len(c.people))] }

func (c *corpus) date() string {
	return fmt.Sprintf("2019-%02d-%02d", 1+c.rng.IntN(12), 1+c.rng.IntN(28))
}

func (c *corpus) paragraph(p person) string {
	return fmt.Sprintf("%s %s on %s that %s would go ahead in %s. “We have waited long enough,” %s said.",
		p.full(), verbs[c.rng.IntN(len(verbs))], weekdays[c.rng.IntN(len(weekdays))],
		topics[c.rng.IntN(len(topics))], places[c.rng.IntN(len(places))], p.short())
}

// storyText is a short story: a dated lead paragraph, a second person, an
// organisation and a later "Mr X" mention of the lead.
func (c *corpus) storyText(date string, lead person) string {
	other := c.pick()
	org := orgs[c.rng.IntN(len(orgs))]
	return fmt.Sprintf(" date %s %s\n\n%s of the %s disagreed. %s said the cost had doubled since the spring.\n\n%s %s the plan again later that week.",
		date, c.paragraph(lead), other.full(), org, other.short(), lead.short(), verbs[c.rng.IntN(len(verbs))])
}

func (c *corpus) path(rel string) string {
	return filepath.Join(c.root, "content", filepath.FromSlash(rel))
}

// addStory writes a new story about lead (a random known person when nil).
func (c *corpus) addStory(dir string, lead *person) string {
	c.n++
	rel := fmt.Sprintf("s%04d.txt", c.n)
	if dir != "" {
		rel = dir + "/" + rel
	}
	p := c.pick()
	if lead != nil {
		p = *lead
	}
	c.write(rel, c.storyText(c.date(), p))
	c.stories = append(c.stories, rel)
	return rel
}

func (c *corpus) write(rel, text string) {
	c.t.Helper()
	p := c.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		c.t.Fatal(err)
	}
}

func (c *corpus) read(rel string) string {
	c.t.Helper()
	b, err := os.ReadFile(c.path(rel))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

func (c *corpus) randomStory() (int, string) {
	i := c.rng.IntN(len(c.stories))
	return i, c.stories[i]
}

// newSite makes a site folder with a site.toml under a sub-path and n stories.
func newSite(t testing.TB, n int, seed uint64) *corpus {
	root := t.TempDir()
	toml := "title = \"Test archive\"\nbaseURL = \"https://example.org/arch/\"\n"
	if err := os.WriteFile(filepath.Join(root, "site.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCorpus(t, root, seed)
	for i := 0; i < n; i++ {
		dir := ""
		if i%4 == 3 {
			dir = "2019"
		}
		c.addStory(dir, nil)
	}
	return c
}

func loadConfig(root string) func() (*config.Config, error) {
	return func() (*config.Config, error) {
		p := filepath.Join(root, "site.toml")
		if _, err := os.Stat(p); err != nil {
			return config.Default(), nil
		}
		return config.Load(p)
	}
}

// fullBuild is the reference: a fresh build of the same files.
func fullBuild(t testing.TB, root string) (*site.Memory, error) {
	t.Helper()
	cfg, err := loadConfig(root)()
	if err != nil {
		return nil, err
	}
	mem := site.NewMemory()
	if _, err := site.Build(site.Options{Root: root, Config: cfg, LiveReload: true}, mem); err != nil {
		return nil, err
	}
	return mem, nil
}

// diffSites describes how got differs from want, "" when they are equal.
func diffSites(got, want *site.Memory) string {
	if got == nil {
		return "no site served"
	}
	var out []string
	for p, w := range want.Files {
		g, ok := got.Files[p]
		switch {
		case !ok:
			out = append(out, "missing "+p)
		case !bytes.Equal(g, w):
			out = append(out, "differs "+p)
		}
	}
	for p := range got.Files {
		if _, ok := want.Files[p]; !ok {
			out = append(out, "extra "+p)
		}
	}
	if len(out) == 0 {
		return ""
	}
	sort.Strings(out)
	n := len(out)
	if n > 8 {
		out = append(out[:8], "…")
	}
	return fmt.Sprintf("%d differences: %s", n, strings.Join(out, ", "))
}

// harness runs a Server with its watcher and an HTTP listener on
// 127.0.0.1:0, as "storygen serve --watch --port 0" does.
type harness struct {
	t    *testing.T
	c    *corpus
	s    *Server
	w    *Watcher
	base string // "http://127.0.0.1:port/arch/"

	mu      sync.Mutex
	reports []Report
	notify  chan struct{}

	// stopServing ends the HTTP server (not the watcher) and waits for it.
	stopServing func()
}

func startHarness(t *testing.T, c *corpus, tune func(*Options)) *harness {
	t.Helper()
	h := &harness{t: t, c: c, notify: make(chan struct{}, 1)}
	opts := Options{Root: c.root, LoadConfig: loadConfig(c.root), OnBuild: h.onBuild}
	if tune != nil {
		tune(&opts)
	}
	h.s = New(opts)
	if rep := h.s.Rebuild(0, 0); rep.Err != nil {
		t.Fatalf("first build: %v", rep.Err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- h.s.Serve(ctx, ln) }()
	w, err := h.s.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h.w = w
	h.base = "http://" + ln.Addr().String() + "/arch/"
	var stopOnce sync.Once
	h.stopServing = func() {
		stopOnce.Do(func() {
			cancel()
			if err := <-served; err != nil {
				t.Errorf("server: %v", err)
			}
		})
	}
	t.Cleanup(func() {
		cancel()
		if err := w.Close(); err != nil {
			t.Errorf("watcher: %v", err)
		}
		h.stopServing()
	})
	return h
}

func (h *harness) onBuild(r Report) {
	h.mu.Lock()
	h.reports = append(h.reports, r)
	h.mu.Unlock()
	select {
	case h.notify <- struct{}{}:
	default:
	}
}

func (h *harness) builds() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.reports)
}

func (h *harness) since(n int) []Report {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Report(nil), h.reports[n:]...)
}

const deadline = 10 * time.Second

// waitFor polls cond after every build (and every 50 ms) until it holds.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	end := time.Now().Add(deadline)
	for !cond() {
		if time.Now().After(end) {
			h.t.Fatalf("gave up waiting for %s after %v", what, deadline)
		}
		select {
		case <-h.notify:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// change runs edit and waits until a build after it serves exactly what a
// fresh full build of the files gives; it returns that reference build.
func (h *harness) change(what string, edit func()) *site.Memory {
	h.t.Helper()
	before := h.builds()
	edit()
	want, err := fullBuild(h.t, h.c.root)
	if err != nil {
		h.t.Fatalf("%s: full build: %v", what, err)
	}
	var diff string
	end := time.Now().Add(deadline)
	for {
		diff = diffSites(h.s.Current(), want)
		if diff == "" && h.builds() > before {
			return want
		}
		if time.Now().After(end) {
			h.t.Fatalf("%s: after %v (%d builds) the served site still differs from a full build: %s (last error: %v)",
				what, deadline, h.builds()-before, diff, h.s.LastError())
		}
		select {
		case <-h.notify:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// checkHTTP fetches every file of want over HTTP and compares the bytes.
func (h *harness) checkHTTP(want *site.Memory) {
	h.t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range want.Paths() {
		u := h.base + p
		if p == "index.html" || strings.HasSuffix(p, "/index.html") {
			u = strings.TrimSuffix(u, "index.html")
		}
		resp, err := client.Get(u)
		if err != nil {
			h.t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			h.t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			h.t.Fatalf("GET %s: %s", u, resp.Status)
		}
		if !bytes.Equal(body, want.Files[p]) {
			h.t.Fatalf("GET %s: served bytes differ from a full build", u)
		}
	}
}

func (h *harness) get(rel string) (int, string) {
	h.t.Helper()
	resp, err := http.Get(h.base + rel)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// sse is a client of the event stream.
type sse struct {
	events chan [2]string // name, data
	close  func()
}

func (h *harness) subscribe() *sse {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, h.base+"_storygen/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		h.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		cancel()
		h.t.Fatalf("events: Content-Type %q", ct)
	}
	s := &sse{events: make(chan [2]string, 64)}
	done := make(chan struct{})
	s.close = func() { cancel(); resp.Body.Close(); <-done }
	go func() {
		defer close(done)
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if name != "" {
					s.events <- [2]string{name, data}
				}
				name, data = "", ""
			case strings.HasPrefix(line, "event: "):
				name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				data = line[len("data: "):]
			}
		}
	}()
	h.t.Cleanup(s.close)
	return s
}

// next waits for the next event called name, skipping others.
func (s *sse) next(t *testing.T, name string) string {
	t.Helper()
	timeout := time.After(deadline)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("event stream ended while waiting for %q", name)
			}
			if ev[0] == name {
				return ev[1]
			}
		case <-timeout:
			t.Fatalf("no %q event within %v", name, deadline)
		}
	}
}

// defaultTemplate is the embedded theme's template name, for overrides.
func defaultTemplate(t testing.TB, name string) string {
	t.Helper()
	b, err := fs.ReadFile(themes.Default(), "templates/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
