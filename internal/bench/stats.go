package bench

import (
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Median of xs (the mean of the middle two for an even count); 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Percentile is the nearest-rank p-th percentile (0 < p <= 100): with 20
// samples the 95th is the 19th smallest, an observed value, not an
// interpolation.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	rank = max(1, min(rank, len(s)))
	return s[rank-1]
}

// LoadAvg is the 1, 5 and 15 minute load averages, as uptime prints them.
type LoadAvg [3]float64

// ReadLoadAvg reads /proc/loadavg; ok is false where there is none.
func ReadLoadAvg() (LoadAvg, bool) {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return LoadAvg{}, false
	}
	return parseLoadAvg(string(data))
}

func parseLoadAvg(s string) (LoadAvg, bool) {
	f := strings.Fields(s)
	if len(f) < 3 {
		return LoadAvg{}, false
	}
	var l LoadAvg
	for i := range l {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return LoadAvg{}, false
		}
		l[i] = v
	}
	return l, true
}
