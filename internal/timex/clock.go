package timex

// Times of day ("6.40pm", "14:48 UTC", "0800 GMT", "3 p.m. (8pm BST)") name
// the day they happen on: the date just before them in the sentence ("on
// Monday at 3pm"), else the story's own day.

// clock matches a time of day starting at number token i and returns the
// index after it, or i.
func (s *scanner) clock(i int) int {
	t := &s.toks[i]
	digits := t.end - t.start
	h := int(t.num)
	j := i + 1
	colon := false
	switch {
	case digits <= 2 && h <= 24 && (s.isP(j, ':') || s.isP(j, '.')) && s.attached(j) && s.num2(j+1) >= 0 && s.attached(j+1):
		colon = s.isP(j, ':')
		if s.num2(j+1) > 59 {
			return i
		}
		j += 2
		if colon && s.isP(j, ':') && s.attached(j) && s.num2(j+1) >= 0 && s.attached(j+1) {
			j += 2 // seconds
		}
	case digits == 4 && h <= 2359 && h%100 < 60:
		// "0800 UTC": only with a time zone
		k := j
		if z := s.zone(k); z > k {
			return s.emitClock(i, s.paren(z))
		}
		return i
	case digits <= 2 && h <= 12:
	default:
		return i
	}
	m := s.meridiem(j)
	z := s.zone(m)
	switch {
	case m > j || z > m:
	case colon && s.clockCue(i-1):
		// "at 16:08": a cue word is enough for the colon form
	default:
		return i
	}
	if !colon && m == j && j == i+1 {
		return i // a bare number with only a zone is no time
	}
	return s.emitClock(i, s.paren(z))
}

// num2 returns the value of a two-digit number token at i, or -1.
func (s *scanner) num2(i int) int {
	if i >= len(s.toks) || s.toks[i].kind != tNum || s.toks[i].end-s.toks[i].start != 2 {
		return -1
	}
	return int(s.toks[i].num)
}

// meridiem skips "am", "pm", "a.m.", "p.m." (attached or after a space) at i.
func (s *scanner) meridiem(i int) int {
	w := s.word(i)
	switch {
	case lowerEq(w, "am") || lowerEq(w, "pm"):
		if s.attached(i) || s.clockCue(i-2) || s.clockCue(i-4) || s.zone(i+1) > i+1 {
			return i + 1
		}
		return i
	case (lowerEq(w, "a") || lowerEq(w, "p")) && s.isP(i+1, '.') && lowerEq(s.word(i+2), "m"):
		if s.isP(i+3, '.') {
			return i + 4
		}
		return i + 3
	}
	return i
}

// zone skips a time zone at i ("UTC", "GMT+8", "BST", "local time").
func (s *scanner) zone(i int) int {
	w := s.word(i)
	switch {
	case isZone(w):
		j := i + 1
		if (s.isP(j, '+') || s.isP(j, '-') || s.isP(j, '−')) && j+1 < len(s.toks) && s.toks[j+1].kind == tNum {
			j += 2
		}
		return j
	case lowerEq(w, "local") && lowerEq(s.word(i+1), "time"):
		return i + 2
	}
	return i
}

func isZone(w string) bool {
	if len(w) < 3 || len(w) > 4 {
		return false
	}
	for _, z := range [...]string{"UTC", "GMT", "BST", "CET", "CEST", "EET", "EEST", "WET", "WEST", "EST", "EDT",
		"CST", "CDT", "MST", "MDT", "PST", "PDT", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT", "JST", "KST", "HKT",
		"SGT", "IST", "MSK", "SAST", "WIB", "PHT", "ICT"} {
		if w == z {
			return true
		}
	}
	return false
}

// paren extends a time by a parenthesised second time or zone right after
// it: "1.30pm (6.30pm BST)", "6:40 p.m. (GMT +8)".
func (s *scanner) paren(j int) int {
	if !s.isP(j, '(') {
		return j
	}
	for k := j + 1; k < len(s.toks) && k < j+8; k++ {
		if s.isP(k, ')') {
			if k > j+1 && (s.toks[j+1].kind == tNum || s.zone(j+1) > j+1) {
				return k + 1
			}
			return j
		}
		if s.toks[k].kind == tWord && !isZone(s.word(k)) && s.meridiem(k) == k && !lowerEq(s.word(k), "local") && !lowerEq(s.word(k), "time") {
			return j
		}
	}
	return j
}

// clockCue reports a word after which a bare "16:08" is a time.
func (s *scanner) clockCue(i int) bool {
	w := s.word(i)
	for _, c := range [...]string{"at", "by", "from", "until", "till", "before", "after", "around", "about", "since", "to"} {
		if lowerEq(w, c) {
			return true
		}
	}
	return false
}

// emitClock emits the time [i,end) with the day it belongs to.
func (s *scanner) emitClock(i, end int) int {
	var value string
	if n := len(s.refs); n > 0 && len(s.refs[n-1].Value) == 10 && int(s.toks[i].start)-s.refs[n-1].End <= 12 &&
		!s.sentenceBetween(s.refs[n-1].End, int(s.toks[i].start)) {
		value = s.refs[n-1].Value // "on Monday at 3pm"
	} else if s.hasAnchor {
		value = s.fmtDate(s.anchor)
	} else {
		return end
	}
	s.emit(int(s.toks[i].start), int(s.toks[end-1].end), value)
	return end
}

// sentenceBetween reports a sentence end in text[a:b].
func (s *scanner) sentenceBetween(a, b int) bool {
	for k := a; k < b && k < len(s.text); k++ {
		if c := s.text[k]; c == '.' || c == '!' || c == '?' || c == '\n' {
			return true
		}
	}
	return false
}
