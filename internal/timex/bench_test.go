package timex

import (
	"strings"
	"testing"
	"time"
)

// benchText is a made-up story of ordinary news prose: mostly words that
// are no dates, some that are.
var benchText = strings.Repeat("A regional airline said on Tuesday it would cut 1,200 jobs by the end of this year, "+
	"after profits fell 35% in the three months to June. The carrier, founded in 1987, flew 4.5 million "+
	"passengers last year and plans to open new routes in April. “We will announce details on June 12,” the "+
	"chief executive told reporters at 10.30am, adding that talks with unions began two weeks ago. "+
	"Shares closed 2.4% lower at 317 pence, their lowest level since March 2009.\n\n", 40)

func BenchmarkFind(b *testing.B) {
	anchor := time.Date(2018, 5, 31, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		Find(benchText, anchor)
	}
}
