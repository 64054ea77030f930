package extract_test

import (
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/story"
)

func BenchmarkExtract(b *testing.B) {
	b.Run("seed", func(b *testing.B) {
		s := seed(b)
		b.SetBytes(int64(len(s.Text)))
		b.ReportAllocs()
		for b.Loop() {
			extract.Extract(s)
		}
	})
	b.Run("generated-1MB", func(b *testing.B) {
		s := generated(1 << 20)
		b.SetBytes(int64(len(s.Text)))
		b.ReportAllocs()
		for b.Loop() {
			extract.Extract(s)
		}
	})
}

// generated builds a news-like story of about n bytes from made-up names
// and sentence shapes, deterministically.
func generated(n int) *story.Story {
	rng := rand.New(rand.NewSource(1))
	first := []string{"Anna", "Robert", "Mei", "Tomas", "Grace", "Samuel", "Elena", "David", "Kofi", "Priya"}
	last := []string{"Marsh", "Okafor", "Reyes", "Lindqvist", "Haddad", "Brennan", "Castillo", "Novak"}
	orgs := []string{"Northwind Holdings", "Calder Harbour Authority", "Bank of Ostrava", "Vela Airlines", "Quillon Motors Inc."}
	places := []string{"London", "Singapore", "Texas", "New York", "Port Calder", "Frankfurt", "North Korea"}
	shapes := []string{
		"%P said on Tuesday that %O would open an office in %L.",
		"“We are doing very well,” %P told reporters in %L.",
		"Shares of %O fell 3%% after Mr %S announced the results.",
		"The talks between %O and %O ended nearly two hours early, according to the State Department.",
		"But analysts in %L said the deal, worth US$40 billion, would take until June 12 to close.",
		"Secretary of State %P met %P at Joint Base Andrews before flying to %L.",
	}
	var sb strings.Builder
	var paras []story.Paragraph
	start := 0
	for sb.Len() < n {
		for k := 0; k < 4; k++ {
			sh := shapes[rng.Intn(len(shapes))]
			for {
				i := strings.IndexByte(sh, '%')
				if i < 0 || i+1 >= len(sh) {
					sb.WriteString(sh)
					break
				}
				sb.WriteString(sh[:i])
				switch sh[i+1] {
				case 'P':
					sb.WriteString(first[rng.Intn(len(first))] + " " + last[rng.Intn(len(last))])
				case 'S':
					sb.WriteString(last[rng.Intn(len(last))])
				case 'O':
					sb.WriteString(orgs[rng.Intn(len(orgs))])
				case 'L':
					sb.WriteString(places[rng.Intn(len(places))])
				case '%':
					sb.WriteByte('%')
				}
				sh = sh[i+2:]
			}
			sb.WriteByte(' ')
		}
		paras = append(paras, story.Paragraph{Start: start, End: sb.Len() - 1})
		sb.WriteString("\n\n")
		start = sb.Len()
	}
	return &story.Story{Text: sb.String(), Paragraphs: paras, Date: time.Date(2018, 5, 31, 0, 0, 0, 0, time.UTC)}
}
