package timex

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestDevSet scores Find against a gold set in the layout of the evaluation
// sets (gold.jsonl with code-point offsets, timex values), the same way the
// project's score.py scores dates. It runs only when TIMEX_GOLD names the
// gold file; TIMEX_VERBOSE=1 lists every miss.
//
//	TIMEX_GOLD=/path/to/gold.jsonl go test -run TestDevSet -v ./internal/timex/
func TestDevSet(t *testing.T) {
	path := os.Getenv("TIMEX_GOLD")
	if path == "" {
		t.Skip("TIMEX_GOLD not set")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open gold: %v", err)
	}
	defer f.Close()
	verbose := os.Getenv("TIMEX_VERBOSE") != ""
	type timex struct {
		Start, End int
		Type       string
		Value      string
	}
	type doc struct {
		ID           string
		DCT          string
		Text         string
		Timex        []timex
		AnnotatedEnd *int `json:"annotated_end"`
	}
	var tp, fp, fn, valOK, need int
	byGrain := map[int][2]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var lines []string
	for sc.Scan() {
		var d doc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		if d.DCT == "" {
			continue
		}
		anchor, err := time.Parse("2006-01-02", d.DCT)
		if err != nil {
			t.Fatalf("%s: dct %q: %v", d.ID, d.DCT, err)
		}
		// code-point index -> byte offset
		cp := make([]int, 0, len(d.Text)+1)
		for b := range d.Text {
			cp = append(cp, b)
		}
		cp = append(cp, len(d.Text))
		limit := utf8.RuneCountInString(d.Text)
		if d.AnnotatedEnd != nil {
			limit = *d.AnnotatedEnd
		}
		type span struct {
			s, e  int
			value string
		}
		var needs, neutral []span
		for _, x := range d.Timex {
			if x.End > limit {
				continue
			}
			sp := span{cp[x.Start], cp[x.End], dateForm(x.Value)}
			if (x.Type == "DATE" || x.Type == "TIME") && sp.value != "" {
				needs = append(needs, sp)
			} else {
				neutral = append(neutral, sp)
			}
		}
		need += len(needs)
		var got []span
		for _, r := range Find(d.Text, anchor) {
			if r.End > cp[limit] {
				continue
			}
			got = append(got, span{r.Start, r.End, r.Value})
		}
		ov := func(a, b span) int { return min(a.e, b.e) - max(a.s, b.s) }
		type pair struct{ notExact, negOv, g, s int }
		var pairs []pair
		for gi, g := range needs {
			for si, x := range got {
				if o := ov(g, x); o > 0 {
					ne := 1
					if g.s == x.s && g.e == x.e {
						ne = 0
					}
					pairs = append(pairs, pair{ne, -o, gi, si})
				}
			}
		}
		sort.Slice(pairs, func(a, b int) bool {
			pa, pb := pairs[a], pairs[b]
			if pa.notExact != pb.notExact {
				return pa.notExact < pb.notExact
			}
			if pa.negOv != pb.negOv {
				return pa.negOv < pb.negOv
			}
			if pa.g != pb.g {
				return pa.g < pb.g
			}
			return pa.s < pb.s
		})
		gm, sm := map[int]bool{}, map[int]bool{}
		for _, p := range pairs {
			if gm[p.g] || sm[p.s] {
				continue
			}
			gm[p.g], sm[p.s] = true, true
			tp++
			g, x := needs[p.g], got[p.s]
			gr := byGrain[len(g.value)]
			gr[1]++
			if g.value == x.value {
				valOK++
				gr[0]++
			} else if verbose {
				lines = append(lines, fmt.Sprintf("VAL %s %s gold %q=%s got %q=%s | %s", d.ID, d.DCT, d.Text[g.s:g.e], g.value, d.Text[x.s:x.e], x.value, ctx(d.Text, x.s, x.e)))
			}
			byGrain[len(g.value)] = gr
		}
		for si, x := range got {
			if sm[si] {
				continue
			}
			neutralHit := false
			for _, n := range neutral {
				if ov(n, x) > 0 {
					neutralHit = true
				}
			}
			if !neutralHit {
				fp++
				if verbose {
					lines = append(lines, fmt.Sprintf("FP  %s %s %q=%s | %s", d.ID, d.DCT, d.Text[x.s:x.e], x.value, ctx(d.Text, x.s, x.e)))
				}
			}
		}
		for gi, g := range needs {
			if !gm[gi] {
				fn++
				if verbose {
					lines = append(lines, fmt.Sprintf("FN  %s %s %q=%s | %s", d.ID, d.DCT, d.Text[g.s:g.e], g.value, ctx(d.Text, g.s, g.e)))
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read gold: %v", err)
	}
	for _, l := range lines {
		t.Log(l)
	}
	p, r, f1 := prf(tp, fp, fn)
	t.Logf("span  P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)", p, r, f1, tp, fp, fn)
	vp, vr, vf := prf(valOK, fp+(tp-valOK), need-valOK)
	t.Logf("value P %.3f R %.3f F1 %.3f (correct %d of %d found, %d needed) day %v month %v year %v",
		vp, vr, vf, valOK, tp, need, byGrain[10], byGrain[7], byGrain[4])
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// dateForm cuts a gold value to YYYY, YYYY-MM or YYYY-MM-DD (what follows
// must be the end or a time "T..."), or returns "".
func dateForm(v string) string {
	digit := func(i int) bool { return i < len(v) && v[i] >= '0' && v[i] <= '9' }
	ok := func(n int) bool { return len(v) == n || v[n] == 'T' }
	if !(digit(0) && digit(1) && digit(2) && digit(3)) {
		return ""
	}
	if len(v) >= 10 && v[4] == '-' && digit(5) && digit(6) && v[7] == '-' && digit(8) && digit(9) && ok(10) {
		return v[:10]
	}
	if len(v) >= 7 && v[4] == '-' && digit(5) && digit(6) && ok(7) {
		return v[:7]
	}
	if ok(4) {
		return v[:4]
	}
	return ""
}

func ctx(text string, s, e int) string {
	a, b := max(0, s-60), min(len(text), e+60)
	for a > 0 && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	return strings.ReplaceAll(text[a:s]+"[["+text[s:e]+"]]"+text[e:b], "\n", " ")
}
