package par

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryIndexOnce(t *testing.T) {
	for _, c := range []struct{ workers, n int }{{1, 0}, {1, 5}, {2, 100}, {8, 3}, {4, 1000}} {
		seen := make([]atomic.Int32, c.n)
		if err := Each(c.workers, c.n, func(i int) error { seen[i].Add(1); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Errorf("workers %d, n %d: index %d ran %d times", c.workers, c.n, i, got)
			}
		}
	}
}

func TestEachStopsAtAnError(t *testing.T) {
	boom := errors.New("boom")
	var ran atomic.Int32
	err := Each(1, 100, func(i int) error {
		ran.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want boom", err)
	}
	if n := ran.Load(); n != 11 {
		t.Errorf("one worker ran %d indexes, want 11 (none after the error)", n)
	}
}
