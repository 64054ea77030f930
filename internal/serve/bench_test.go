package serve

import (
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// BenchmarkRebuild measures what an editor waits for on a big archive: for
// each kind of edit, the time from the end of the debounce to the new site
// being served (Report.Elapsed), and separately the whole time from the
// save to the browsers being told to reload.
//
//	python3 ../shared/bench/gen_corpus.py -n 10000 -o /tmp/c10k/content
//	STORYGEN_BENCH_CONTENT=/tmp/c10k/content go test -run '^$' -bench Rebuild -benchtime 1x -timeout 2h ./internal/serve/
//
// The content folder is copied first: the benchmark edits files.
// STORYGEN_BENCH_EDITS sets the edits per kind (default 20).
func BenchmarkRebuild(b *testing.B) {
	src := os.Getenv("STORYGEN_BENCH_CONTENT")
	if src == "" {
		b.Skip("set STORYGEN_BENCH_CONTENT to a content folder made by gen_corpus.py")
	}
	edits := 20
	if n, err := strconv.Atoi(os.Getenv("STORYGEN_BENCH_EDITS")); err == nil && n > 0 {
		edits = n
	}
	root := b.TempDir()
	if err := copyDir(src, filepath.Join(root, "content")); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "site.toml"), []byte("title = \"Bench\"\nbaseURL = \"https://example.org/bench/\"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	var (
		mu      sync.Mutex
		reports []Report
		notify  = make(chan struct{}, 1)
	)
	s := New(Options{Root: root, LoadConfig: loadConfig(root), Log: io.Discard, OnBuild: func(r Report) {
		mu.Lock()
		reports = append(reports, r)
		mu.Unlock()
		select {
		case notify <- struct{}{}:
		default:
		}
	}})
	first := s.Rebuild(0, 0)
	if first.Err != nil {
		b.Fatal(first.Err)
	}
	b.Logf("first build: %v (%s)", first.Elapsed.Round(time.Millisecond), first.Summary)
	if testing.Verbose() {
		s.opts.Log = os.Stderr
	}
	w, err := s.Watch(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()

	stories, err := filepath.Glob(filepath.Join(root, "content", "*.txt"))
	if err != nil || len(stories) == 0 {
		b.Fatalf("no stories in %s", src)
	}
	sort.Strings(stories)
	people := personNames(s, 4*edits)
	if len(people) < edits {
		b.Fatalf("only %d people pages to annotate", len(people))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	annotations := filepath.Join(root, "content", "entities.toml")
	kinds := []struct {
		name string
		edit func(i int) error
	}{
		{"body edit", func(i int) error {
			return editFile(stories[rng.IntN(len(stories))], func(t string) string {
				return t + fmt.Sprintf("\n\nThe council met again on the matter, edit %d.", i)
			})
		}},
		{"new person", func(i int) error {
			return editFile(stories[rng.IntN(len(stories))], func(t string) string {
				return t + fmt.Sprintf("\n\n%s %s, a local historian, said the town had seen worse. %s added nothing.",
					womenFirst[i%len(womenFirst)], inventedSurname(i), "Ms "+inventedSurname(i))
			})
		}},
		{"date change", func(i int) error {
			return editFile(stories[rng.IntN(len(stories))], func(t string) string {
				j := strings.Index(t, "date ")
				if j < 0 || len(t) < j+15 {
					return t
				}
				return t[:j+5] + fmt.Sprintf("2017-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28)) + t[j+15:]
			})
		}},
		{"entities.toml change", func(i int) error {
			f, err := os.OpenFile(annotations, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				return err
			}
			fmt.Fprintf(f, "[[person]]\nname = %q\ndescription = \"Described by benchmark edit %d\"\n\n", people[i], i)
			return f.Close()
		}},
	}
	b.ResetTimer()
	for _, k := range kinds {
		var build, total, debounce, cpu []time.Duration
		for i := 0; i < edits; i++ {
			mu.Lock()
			before := len(reports)
			mu.Unlock()
			start, cpu0 := time.Now(), cpuTime()
			if err := k.edit(i); err != nil {
				b.Fatal(err)
			}
			var rep Report
			end := time.Now().Add(10 * time.Minute)
			for {
				mu.Lock()
				if len(reports) > before {
					rep = reports[len(reports)-1]
				}
				mu.Unlock()
				if rep.Seq != 0 {
					break
				}
				if time.Now().After(end) {
					b.Fatalf("%s %d: no build", k.name, i)
				}
				select {
				case <-notify:
				case <-time.After(100 * time.Millisecond):
				}
			}
			if rep.Err != nil {
				b.Fatalf("%s %d: %v", k.name, i, rep.Err)
			}
			total = append(total, time.Since(start))
			cpu = append(cpu, cpuTime()-cpu0)
			build = append(build, rep.Elapsed)
			debounce = append(debounce, rep.Debounce)
		}
		name := strings.ReplaceAll(k.name, " ", "-")
		b.ReportMetric(ms(quantile(build, 0.5)), name+"-median-ms")
		b.ReportMetric(ms(quantile(build, 0.95)), name+"-p95-ms")
		b.Logf("%-21s build (debounce end → served) median %6.0f ms  p95 %6.0f ms | debounce median %4.0f ms | save → reload median %6.0f ms  p95 %6.0f ms | CPU per edit median %6.0f ms  (%d edits)",
			k.name, ms(quantile(build, 0.5)), ms(quantile(build, 0.95)), ms(quantile(debounce, 0.5)),
			ms(quantile(total, 0.5)), ms(quantile(total, 0.95)), ms(quantile(cpu, 0.5)), len(build))
	}
}

// cpuTime is the CPU time the process has used: on a shared machine it
// says more about the work of a rebuild than the wall clock does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// quantile is the nearest-rank quantile.
func quantile(ds []time.Duration, q float64) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	k := int(q*float64(len(s))+0.999999) - 1
	if k < 0 {
		k = 0
	}
	return s[k]
}

func editFile(path string, f func(string) string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(f(string(b))), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// inventedSurname makes surnames no generator pool holds.
func inventedSurname(i int) string {
	syl := []string{"bran", "dol", "vek", "mir", "tosk", "quil", "zar", "fen"}
	return strings.ToUpper(syl[i%8][:1]) + syl[i%8][1:] + syl[(i/8)%8] + syl[(i/64+3)%8] + "e"
}

var h1 = regexp.MustCompile(`<h1>([^<]+)</h1>`)

// personNames reads names from the served people pages.
func personNames(s *Server, n int) []string {
	mem := s.Current()
	var out []string
	for _, p := range mem.Paths() {
		if len(out) == n {
			break
		}
		if !strings.HasPrefix(p, "people/") || strings.Count(p, "/") != 2 {
			continue
		}
		if m := h1.FindSubmatch(mem.Files[p]); m != nil {
			out = append(out, html.UnescapeString(string(m[1])))
		}
	}
	return out
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
}
