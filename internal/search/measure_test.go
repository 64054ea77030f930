package search

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/storygen/storygen/internal/browsertest"
	"github.com/storygen/storygen/internal/story"
)

// loadPublished reads a built site's search/ folder and the entities it lists.
func loadPublished(t *testing.T, pub string) (map[string][]byte, []Entity) {
	t.Helper()
	files := map[string][]byte{}
	seen := map[string]bool{}
	var entities []Entity
	err := filepath.WalkDir(filepath.Join(pub, "search"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(pub, p)
		files[filepath.ToSlash(rel)] = data
		var sh shardJSON
		if strings.Contains(rel, "/t/") && json.Unmarshal(data, &sh) == nil {
			for _, e := range sh.E {
				var x Entity
				json.Unmarshal(e[0], &x.Name)
				json.Unmarshal(e[1], &x.Kind)
				json.Unmarshal(e[2], &x.URL)
				json.Unmarshal(e[3], &x.Count)
				if !seen[x.URL] {
					seen[x.URL] = true
					entities = append(entities, x)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(entities, func(a, b Entity) int { return strings.Compare(a.URL, b.URL) })
	return files, entities
}

// TestMeasureCorpus reports what the 40 queries of the byte budget download on
// a generated archive:
//
//	python3 ../shared/bench/gen_corpus.py -n 10000 -o /tmp/c10k/content --truth /tmp/c10k/truth.jsonl
//	STORYGEN_SEARCH_CORPUS=/tmp/c10k/content go test -run MeasureCorpus -v ./internal/search/
//
// Entities come from the generator's truth file (a perfect extractor), read
// from STORYGEN_SEARCH_TRUTH or truth.jsonl beside the content folder. With
// STORYGEN_SEARCH_PUBLIC set to a built site's publish folder, it measures
// that site's index instead (entities as the build extracted them).
func TestMeasureCorpus(t *testing.T) {
	dir := os.Getenv("STORYGEN_SEARCH_CORPUS")
	if dir == "" {
		t.Skip("set STORYGEN_SEARCH_CORPUS to a generated content folder to measure")
	}
	truth := os.Getenv("STORYGEN_SEARCH_TRUTH")
	if truth == "" {
		truth = filepath.Join(filepath.Dir(dir), "truth.jsonl")
	}
	stories, texts := loadCorpus(t, dir)
	if pub := os.Getenv("STORYGEN_SEARCH_PUBLIC"); pub != "" {
		// The index of a built site: what storygen build published.
		files, entities := loadPublished(t, pub)
		js, err := os.ReadFile(filepath.Join(pub, "js", "search.js"))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("published index of %s: %d entities", pub, len(entities))
		report(t, files, gzipSize(js), budgetQueries(entities, texts))
		return
	}
	entities := loadTruthEntities(t, truth)
	t.Logf("%d stories, %d entities", len(stories), len(entities))

	// STORYGEN_SEARCH_SCALE=10 adds every story ten times (new URLs, the
	// same words) to see time and memory at 100,000 stories.
	if k, _ := strconv.Atoi(os.Getenv("STORYGEN_SEARCH_SCALE")); k > 1 {
		n := len(stories)
		for c := 1; c < k; c++ {
			for _, s := range stories[:n] {
				s.URL = fmt.Sprintf("%d/%s", c, s.URL)
				stories = append(stories, s)
			}
		}
		texts = nil
		for _, s := range stories[:n] {
			texts = append(texts, s.Text)
		}
	}

	fs := newMemFS()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuTime()
	start := time.Now()
	b := NewBuilder(Options{})
	parallelAdd(t, b, stories)
	for _, e := range entities {
		b.AddEntity(e)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if err := b.Write(fs); err != nil {
		t.Fatal(err)
	}
	t.Logf("index of %d stories built in %v wall, %v CPU (add + write, %d cores); heap held after adding: %d MB",
		len(stories), time.Since(start).Round(time.Millisecond), (cpuTime() - cpu0).Round(time.Millisecond),
		runtime.GOMAXPROCS(0), (int64(after.HeapAlloc)-int64(before.HeapAlloc))>>20)
	runtime.KeepAlive(stories)

	js, err := os.ReadFile("../../themes/default/static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	jsGz := gzipSize(js)
	report(t, fs.files, jsGz, budgetQueries(entities, texts))
}

func report(t *testing.T, files map[string][]byte, jsGz int, queries []string) {
	t.Helper()
	gz := map[string]int{}
	total, maxFile, maxName := 0, 0, ""
	for name, data := range files {
		g := gzipSize(data)
		gz[name] = g
		total += len(data)
		if len(data) > maxFile {
			maxFile, maxName = len(data), name
		}
	}
	t.Logf("index: %d files, %d bytes; largest %s %d bytes (%d gzip); search.js %d gzip",
		len(files), total, maxName, maxFile, gz[maxName], jsGz)
	if maxFile > 1<<20 {
		t.Errorf("%s is %d bytes, over 1 MB", maxName, maxFile)
	}
	var per []int
	for _, q := range queries {
		c, err := newClient(files)
		if err != nil {
			t.Fatal(err)
		}
		for i := range q {
			if i > 0 && !isRuneStart(q[i]) {
				continue
			}
			c.query(q[:i])
		}
		c.query(q)
		sum := jsGz
		for f := range c.fetched {
			sum += gz[f]
		}
		per = append(per, sum)
		t.Logf("%-16q %3d files %7d bytes gzip", q, len(c.fetched)+1, sum)
	}
	sorted := slices.Sorted(slices.Values(per))
	med := sorted[len(sorted)/2]
	if len(sorted)%2 == 0 {
		med = (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
	}
	t.Logf("per query (gzip, incl. search.js): median %d bytes, max %d bytes over %d queries", med, sorted[len(sorted)-1], len(sorted))
	if med > 300_000 || sorted[len(sorted)-1] > 1<<20 {
		t.Errorf("over budget: median %d (≤ 300 kB), max %d (≤ 1 MB)", med, sorted[len(sorted)-1])
	}
}

func isRuneStart(c byte) bool { return c&0xC0 != 0x80 }

// budgetQueries are the 40: the first words of the 20 most frequent
// entity names and 20 random words from story text (fixed seed).
func budgetQueries(entities []Entity, texts []string) []string {
	es := slices.Clone(entities)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Count > es[j].Count })
	var qs []string
	for i := 0; i < len(es) && i < 20; i++ {
		qs = append(qs, strings.Fields(es[i].Name)[0])
	}
	r := rand.New(rand.NewPCG(5, 40))
	for len(qs) < 40 && len(texts) > 0 {
		words := strings.FieldsFunc(texts[r.IntN(len(texts))], func(c rune) bool {
			return !unicode.IsLetter(c) && !unicode.IsDigit(c)
		})
		if len(words) > 0 {
			qs = append(qs, words[r.IntN(len(words))])
		}
	}
	return qs
}

func loadCorpus(t *testing.T, dir string) ([]Story, []string) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no stories in %s: %v", dir, err)
	}
	sort.Strings(paths)
	var stories []Story
	var texts []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := story.Parse(filepath.Base(p), data)
		if s == nil {
			continue
		}
		date := ""
		url := story.Slugify(s.Title) + "/"
		if !s.Date.IsZero() {
			date = s.Date.Format("2006-01-02")
			url = s.Date.Format("2006/01/02/") + url
		}
		var body strings.Builder
		for _, para := range s.Paragraphs {
			body.WriteString(s.Text[para.Start:para.End])
			body.WriteByte('\n')
		}
		stories = append(stories, Story{Title: s.Title, URL: url, Date: date, Text: body.String()})
		texts = append(texts, body.String())
	}
	return stories, texts
}

func loadTruthEntities(t *testing.T, path string) []Entity {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("entities: %v", err)
	}
	defer f.Close()
	counts := map[[2]string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var rec struct {
			People        []string `json:"people"`
			Places        []string `json:"places"`
			Organisations []string `json:"organisations"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		for _, n := range rec.People {
			counts[[2]string{"person", n}]++
		}
		for _, n := range rec.Places {
			counts[[2]string{"place", n}]++
		}
		for _, n := range rec.Organisations {
			counts[[2]string{"organisation", n}]++
		}
	}
	dirs := map[string]string{"person": "people/", "place": "places/", "organisation": "organisations/"}
	var out []Entity
	for k, n := range counts {
		out = append(out, Entity{Name: k[1], Kind: k[0], URL: dirs[k[0]] + story.Slugify(k[1]) + "/", Count: n})
	}
	slices.SortFunc(out, func(a, b Entity) int { return strings.Compare(a.URL, b.URL) })
	return out
}

func parallelAdd(t *testing.T, b *Builder, stories []Story) {
	t.Helper()
	workers := runtime.GOMAXPROCS(0)
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func() {
			var err error
			for i := w; i < len(stories); i += workers {
				if e := b.Add(stories[i]); e != nil && err == nil {
					err = e
				}
			}
			errs <- err
		}()
	}
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkBuild indexes the corpus of STORYGEN_SEARCH_CORPUS.
func BenchmarkBuild(b *testing.B) {
	dir := os.Getenv("STORYGEN_SEARCH_CORPUS")
	if dir == "" {
		b.Skip("set STORYGEN_SEARCH_CORPUS to a generated content folder")
	}
	t := &testing.T{}
	stories, _ := loadCorpus(t, dir)
	entities := loadTruthEntities(t, filepath.Join(filepath.Dir(dir), "truth.jsonl"))
	b.ResetTimer()
	for range b.N {
		x := NewBuilder(Options{})
		parallelAdd(t, x, stories)
		for _, e := range entities {
			x.AddEntity(e)
		}
		if err := x.Write(newMemFS()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMeasureCorpusBrowser measures the same 40 queries with the real
// search.js in headless Chromium, counting the files the page requested:
//
//	STORYGEN_SEARCH_CORPUS=/tmp/c10k/content STORYGEN_SEARCH_BROWSER=1 go test -run MeasureCorpusBrowser -v ./internal/search/
func TestMeasureCorpusBrowser(t *testing.T) {
	dir := os.Getenv("STORYGEN_SEARCH_CORPUS")
	if dir == "" || os.Getenv("STORYGEN_SEARCH_BROWSER") == "" {
		t.Skip("set STORYGEN_SEARCH_CORPUS and STORYGEN_SEARCH_BROWSER=1 to measure in Chromium")
	}
	b := browsertest.Start(t)
	stories, texts := loadCorpus(t, dir)
	var entities []Entity
	site := os.Getenv("STORYGEN_SEARCH_PUBLIC")
	if site != "" {
		_, entities = loadPublished(t, site)
	} else {
		entities = loadTruthEntities(t, filepath.Join(filepath.Dir(dir), "truth.jsonl"))
		site = t.TempDir()
		writeSiteOpts(t, site, stories, entities, false)
	}
	base := serveUnder(t, site, "/archive/")

	gz := map[string]int{}
	size := func(rel string) int {
		if n, ok := gz[rel]; ok {
			return n
		}
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatalf("requested %s: %v", rel, err)
		}
		gz[rel] = gzipSize(data)
		return gz[rel]
	}
	var per []int
	for _, q := range budgetQueries(entities, texts) {
		p := b.NewPage(t)
		if err := p.DisableCache(); err != nil {
			t.Fatal(err)
		}
		if err := p.Navigate(base + "search/"); err != nil {
			t.Fatal(err)
		}
		if err := p.Focus("#search-input"); err != nil {
			t.Fatal(err)
		}
		typed := ""
		for _, r := range q {
			typed += string(r)
			if err := p.TypeRune(r); err != nil {
				t.Fatal(err)
			}
			if err := p.WaitFor(fmt.Sprintf(`document.getElementById('search-results').getAttribute('data-query') === %q`, typed)); err != nil {
				t.Fatal(err)
			}
		}
		seen := map[string]bool{}
		sum, files := 0, 0
		for _, u := range p.Requests() {
			rel, ok := strings.CutPrefix(u, base)
			if !ok || seen[rel] || !(strings.HasPrefix(rel, Dir) && strings.HasSuffix(rel, ".json") || rel == "js/search.js") {
				continue
			}
			seen[rel] = true
			sum += size(rel)
			files++
		}
		if errs := p.Errors(); len(errs) > 0 {
			t.Errorf("%q: browser errors %q", q, errs)
		}
		per = append(per, sum)
		t.Logf("%-16q %3d files %7d bytes gzip", q, files, sum)
		p.Close()
	}
	sorted := slices.Sorted(slices.Values(per))
	med := (sorted[(len(sorted)-1)/2] + sorted[len(sorted)/2]) / 2
	t.Logf("in Chromium, per query (gzip, incl. search.js): median %d bytes, max %d bytes over %d queries", med, sorted[len(sorted)-1], len(sorted))
	if med > 300_000 || sorted[len(sorted)-1] > 1<<20 {
		t.Errorf("over budget: median %d, max %d", med, sorted[len(sorted)-1])
	}
}

// cpuTime is the process's user and system time: the build's cost without
// the wait for a busy machine's other processes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
