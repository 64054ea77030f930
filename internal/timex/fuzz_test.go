package timex

import (
	"testing"
	"time"
)

// FuzzFind checks the invariants callers rely on: no panic, spans inside
// the text and in order without overlap, Text equal to the span, and a
// well-formed, valid Value.
func FuzzFind(f *testing.F) {
	f.Add("The council met on Wednesday and will meet again on June 12.", int16(6724))
	f.Add("On the (June) 12th, 2018-06-12, 12 June 2018 — last year, mid-2011.", int16(0))
	f.Add("“Thursday’s” talks at 1.30pm (6.30pm BST); $2017, 2,017 and 2017 people.", int16(-3000))
	f.Add("May I? Theresa May said in May 2018 that March 3 was early 2009's 80s.", int16(32000))
	f.Add("2018-13-45 29 February 2015 Sept. 31, 2017 the 31st two days ago", int16(1))
	f.Fuzz(func(t *testing.T, text string, days int16) {
		var anchor time.Time
		if days != 0 {
			anchor = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
		}
		prevEnd := 0
		for _, r := range Find(text, anchor) {
			if r.Start < prevEnd || r.Start >= r.End || r.End > len(text) {
				t.Fatalf("bad span %d:%d after %d in %d bytes", r.Start, r.End, prevEnd, len(text))
			}
			prevEnd = r.End
			if r.Text != text[r.Start:r.End] {
				t.Fatalf("Text %q != span %q", r.Text, text[r.Start:r.End])
			}
			if !wellFormed(r.Value) {
				t.Fatalf("bad value %q for %q", r.Value, r.Text)
			}
		}
	})
}

func wellFormed(v string) bool {
	num := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			n = n*10 + int(s[i]-'0')
		}
		return n, true
	}
	if len(v) != 4 && len(v) != 7 && len(v) != 10 {
		return false
	}
	y, ok := num(v[:4])
	if !ok {
		return false
	}
	if len(v) == 4 {
		return true
	}
	m, ok := num(v[5:7])
	if !ok || v[4] != '-' || m < 1 || m > 12 {
		return false
	}
	if len(v) == 7 {
		return true
	}
	d, ok := num(v[8:10])
	return ok && v[7] == '-' && validDay(y, m, d)
}
