// Package par runs independent pieces of work on a bounded number of
// goroutines: the build's worker pool, and the benchmark's.
package par

import (
	"sync"
	"sync/atomic"
)

// Each runs f(0..n-1) on up to workers goroutines, each taking the next
// index as it finishes one, and returns the first error. After an error no
// new index is started.
func Each(workers, n int, f func(i int) error) error {
	if workers > n {
		workers = n
	}
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					once.Do(func() { firstErr = err })
					next.Store(int64(n))
					return
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}
