package output

import (
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// BenchmarkWrite10k measures a whole build (Begin, 10,000 pages of 2 KB each
// in their own pretty-URL folders, Commit with removal of the previous tree)
// in steady state: "unchanged" changes 1% of pages per build, "allnew"
// changes every page but keeps its size, the worst case for the comparison.
func BenchmarkWrite10k(b *testing.B) {
	const n = 10000
	rels := make([]string, n)
	for i := range rels {
		rels[i] = fmt.Sprintf("s/%02d/%05d/index.html", i%100, i)
	}
	page := func(i, build int) []byte {
		p := make([]byte, 2048)
		for j := range p {
			p[j] = 'a' + byte((i+j)%26)
		}
		copy(p, fmt.Sprintf("page %05d build %09d", i, build))
		return p
	}
	for _, mode := range []string{"unchanged", "allnew"} {
		b.Run(mode, func(b *testing.B) {
			pub := filepath.Join(b.TempDir(), "public")
			workers := 2 * runtime.GOMAXPROCS(0)
			run := func(build int) Stats {
				tx, err := Begin(Options{Dir: pub})
				if err != nil {
					b.Fatal(err)
				}
				var wg sync.WaitGroup
				for w := range workers {
					wg.Go(func() {
						for i := w; i < n; i += workers {
							v := build
							if mode == "unchanged" && i%100 != build%100 {
								v = 0
							}
							if err := tx.WriteFile(rels[i], page(i, v)); err != nil {
								b.Error(err)
							}
						}
					})
				}
				wg.Wait()
				st, err := tx.Commit()
				if err != nil {
					b.Fatal(err)
				}
				return st
			}
			run(-1)
			b.ResetTimer()
			var st Stats
			for i := 0; i < b.N; i++ {
				st = run(i + 1)
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
			b.ReportMetric(float64(st.Linked), "linked/build")
		})
	}
}
