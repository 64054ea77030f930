// Package timex finds expressions in text that name a calendar day, month or
// year and resolves them against the story's own date. It does no I/O.
//
// The scanner works on a token slice (words, digit runs, punctuation) and
// tries a handful of hand-written patterns at each token; no regular
// expressions, so it stays fast on large archives.
package timex

import (
	"math"
	"sync"
	"time"
)

// Ref is one date expression found in text.
type Ref struct {
	Start, End int // byte offsets into the text, end exclusive
	// Value is YYYY-MM-DD, YYYY-MM or YYYY.
	Value string
	// Text is text[Start:End], kept so callers need not slice again.
	Text string
}

// tokPool recycles token buffers: a story of 5,000 words needs ~100 KB of
// tokens, which would otherwise be garbage after every call.
var tokPool = sync.Pool{New: func() any { s := make([]token, 0, 512); return &s }}

// Find returns the date expressions in text in order of position, resolved
// against anchor (the story's date at UTC midnight; zero when unknown, in which
// case only absolute dates are returned).
//
// Incomplete dates ("Friday", "in April", "June 12") take the direction the
// sentence's tense points to: the nearest future marker (will, 'll, scheduled
// ...) or past marker (said, was, -ed verbs ...) decides.
func Find(text string, anchor time.Time) []Ref {
	if len(text) == 0 {
		return nil
	}
	if len(text) > math.MaxInt32 {
		text = text[:math.MaxInt32]
	}
	bp := tokPool.Get().(*[]token)
	s := scanner{text: text, toks: tokenize(text, (*bp)[:0])}
	if !anchor.IsZero() {
		y, m, d := anchor.Date()
		s.anchor = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		s.ay, s.am, s.ad = y, int(m), d
		s.hasAnchor = true
	}
	for i := 0; i < len(s.toks); {
		n := s.match(i)
		if n <= i {
			n = i + 1
		}
		i = n
	}
	if cap(s.toks) <= 1<<16 { // keep huge buffers out of the pool
		*bp = s.toks[:0]
		tokPool.Put(bp)
	}
	return s.refs
}

type scanner struct {
	text       string
	toks       []token
	refs       []Ref
	anchor     time.Time
	ay, am, ad int
	hasAnchor  bool
}

func (s *scanner) emit(start, end int, value string) {
	if n := len(s.refs); n > 0 && s.refs[n-1].End > start {
		return // overlaps the previous reference; the first one wins
	}
	if s.refs == nil {
		s.refs = make([]Ref, 0, 8)
	}
	s.refs = append(s.refs, Ref{Start: start, End: end, Value: value, Text: s.text[start:end]})
}

// intern returns a string equal to b, reusing the value of an earlier
// reference when one matches: stories repeat their dates.
func (s *scanner) intern(b []byte) string {
	for k := len(s.refs) - 1; k >= 0 && k >= len(s.refs)-16; k-- {
		if s.refs[k].Value == string(b) {
			return s.refs[k].Value
		}
	}
	return string(b)
}

// match tries the patterns that can start at token i and returns the index
// of the first token after what it consumed (i when nothing matched).
func (s *scanner) match(i int) int {
	t := &s.toks[i]
	switch t.kind {
	case tNum:
		if n := s.clock(i); n > i {
			return n
		}
		if n := s.iso(i); n > i {
			return n
		}
		if n := s.dayFirst(i); n > i {
			return n
		}
		if n := s.ago(i); n > i {
			return n
		}
		return s.year(i)
	case tWord:
		switch kwInfos[t.kw].class {
		case cMonth, cMonAbbr:
			return s.month(i)
		case cWeekday:
			return s.weekday(i)
		case cDayWord:
			return s.dayWord(i)
		case cRel:
			return s.rel(i)
		case cNumWord:
			return s.ago(i)
		case cThe:
			return s.theOrdinal(i)
		case cFeast:
			return s.feast(i)
		}
	}
	return i
}

// Token helpers; all are safe for out-of-range indexes.

func (s *scanner) kw(i int) kwInfo {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tWord {
		return kwInfo{}
	}
	return kwInfos[s.toks[i].kw]
}

func (s *scanner) cls(i int) kwClass { return s.kw(i).class }

func (s *scanner) isP(i int, r rune) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct && s.toks[i].num == int32(r)
}

// attached reports whether token i touches the token before it.
func (s *scanner) attached(i int) bool {
	return i > 0 && i < len(s.toks) && s.toks[i].flags&fSpace == 0
}

func (s *scanner) isCap(i int) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tWord && s.toks[i].flags&fCap != 0
}

func (s *scanner) word(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tWord {
		return ""
	}
	return s.text[s.toks[i].start:s.toks[i].end]
}

func (s *scanner) digits(i int) int {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tNum {
		return 0
	}
	return int(s.toks[i].end - s.toks[i].start)
}

// hasOrd reports whether number token i carries an ordinal suffix ("12th").
func (s *scanner) hasOrd(i int) bool {
	return s.cls(i+1) == cOrd && s.attached(i+1)
}

// partOfNumber reports whether number token i continues a number or
// measure to its left ("2,017", "1.30", "$2017", "A380").
func (s *scanner) partOfNumber(i int) bool {
	if !s.attached(i) {
		return false
	}
	p := &s.toks[i-1]
	switch p.kind {
	case tNum, tWord:
		return true
	case tPunct:
		switch p.num {
		case ',', '.', ':', '/':
			return s.digits(i-2) > 0 && s.attached(i-1)
		case '$', '£', '€', '¥', '#', '+', '=', '@', '%', '*', '^', '_', '\\':
			return true
		case '-':
			// "mid-2011" and "2010-2011" are fine; "A-380" and "3-2" are no dates.
			return s.digits(i-2) > 0 && s.digits(i-2) != 4 && s.attached(i-1)
		}
	}
	return false
}

// numberGoesOn reports whether number token i is continued to its right
// by something that makes it a decimal, a thousands group, a time or a unit.
func (s *scanner) numberGoesOn(i int) bool {
	j := i + 1
	if !s.attached(j) {
		return false
	}
	t := &s.toks[j]
	switch t.kind {
	case tNum:
		return true
	case tWord:
		return true // "1980s", "30pm", "12th" — callers that want suffixes check first
	case tPunct:
		switch t.num {
		case ',', '.', ':', '/':
			return s.digits(j+1) > 0 && s.attached(j+1)
		case '%', '$', '£', '€':
			return true
		case '-':
			// "2018-13-45" is a broken ISO date, "2010-11" a range or season.
			return s.digits(j+1) > 0 && s.attached(j+1) && s.isP(j+2, '-') && s.attached(j+2)
		}
	}
	return false
}

// dayNum returns the day of month held by number token i (1..31), or 0.
func (s *scanner) dayNum(i int) int {
	if n := s.digits(i); n < 1 || n > 2 {
		return 0
	}
	d := int(s.toks[i].num)
	if d < 1 || d > 31 || s.partOfNumber(i) {
		return 0
	}
	if s.hasOrd(i) {
		if s.attached(i+2) && (s.toks[i+2].kind == tNum || s.toks[i+2].kind == tWord) {
			return 0
		}
		return d
	}
	if s.numberGoesOn(i) {
		return 0
	}
	return d
}

// yearNum returns the year held by number token i when it can be one after
// a month or day ("June 12, 2018", "May 2018"), or 0.
func (s *scanner) yearNum(i int) int {
	if s.digits(i) != 4 || s.partOfNumber(i) {
		return 0
	}
	y := int(s.toks[i].num)
	if y < 1000 || y > 2199 {
		return 0
	}
	if s.numberGoesOn(i) {
		return 0
	}
	if s.cls(i+1) == cTimeUnit && !s.isCap(i+1) {
		return 0 // "June 12 2000 hrs"
	}
	return y
}

// iso matches 2018-06-12 (and 2018/06/12).
func (s *scanner) iso(i int) int {
	if s.digits(i) != 4 || s.partOfNumber(i) {
		return i
	}
	sep := i + 1
	if !(s.isP(sep, '-') || s.isP(sep, '/')) || !s.attached(sep) || s.digits(i+2) != 2 || !s.attached(i+2) {
		return i
	}
	if !s.isP(i+3, s.toks[sep].num) || !s.attached(i+3) || s.digits(i+4) != 2 || !s.attached(i+4) {
		return i
	}
	if s.attached(i + 5) {
		switch {
		case s.toks[i+5].kind == tNum, s.toks[i+5].kind == tPunct && (s.toks[i+5].num == '-' || s.toks[i+5].num == '/') && s.digits(i+6) > 0:
			return i
		}
	}
	y, m, d := int(s.toks[i].num), int(s.toks[i+2].num), int(s.toks[i+4].num)
	if y < 1000 || y > 2199 || !validDay(y, m, d) {
		return i
	}
	s.emit(int(s.toks[i].start), int(s.toks[i+4].end), s.fmtDay(y, m, d))
	return i + 5
}

// year matches a bare year: "in 2017", "the 2008 season", "early 2009".
func (s *scanner) year(i int) int {
	y := s.yearNum(i)
	if y == 0 {
		return i
	}
	if s.cls(i-1) == cQuant && s.toks[i].flags&fNewline == 0 {
		return i + 1 // "another 2000 joined"
	}
	// What comes after must not make the number a count: "2017 people".
	// A plural after a likely year in a year's slot is the sentence going
	// on: "In 2009 sales fell", "2010 brings".
	next := s.kw(i + 1)
	if i+1 < len(s.toks) && !lowerEq(s.word(i-1), "fiscal") {
		nt := &s.toks[i+1]
		if nt.kind == tWord && nt.flags&fCap == 0 {
			w := s.word(i + 1)
			if next.class == cCount || next.class == cTimeUnit || next.class == cUnit || next.class == cOrd {
				return i + 1
			}
			slot := s.sentenceStart(i) || s.kw(i-1).ctx && s.cls(i-1) != cOf && s.cls(i-1) != cNone ||
				s.kw(i-1).ctx && isYearPrep(s.word(i-1))
			if next.class == cNone && next.tense == 0 && len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && w[len(w)-2] != 'u' && w[len(w)-2] != 'i' &&
				!(slot && y >= 1950 && y <= 2050) {
				return i + 1 // a plural noun: "1500 employees"
			}
		}
		if nt.kind == tNum && nt.flags&fNewline == 0 {
			return i + 1 // "2017 300": a list of numbers
		}
	}
	if s.isP(i+1, '\'') || s.isP(i+1, '’') {
		// "the 1980's" is a decade; "2009's budget" is a year.
		if s.word(i+2) == "s" && y%10 == 0 {
			return i + 1
		}
	}
	if s.digits(i-1) > 0 && s.toks[i].flags&fNewline == 0 {
		return i + 1 // "300 2017"
	}
	if s.isCap(i-1) && s.cls(i-1) == cNone && !s.sentenceStart(i-1) && s.isCap(i+1) && s.cls(i+1) == cNone && !s.sentenceStart(i+1) {
		return i + 1 // a name with a number in it: "Russell 2000 Index"
	}
	prev := s.kw(i - 1)
	ctx := prev.ctx || prev.class == cMonth || prev.class == cThe
	if s.isP(i-1, '-') && s.cls(i-2) == cEdge {
		ctx = true // mid-2011
	}
	if y < 1900 || y > 2100 {
		if !ctx {
			return i + 1
		}
	}
	s.emit(s.extendLeft(i), int(s.toks[i].end), s.fmtYear(y))
	return i + 1
}

// extendLeft widens an expression that starts at token i over a modifier
// that keeps its value: "early 2009", "mid-2011", "the end of this year".
func (s *scanner) extendLeft(i int) int {
	k := i
	if s.isP(k-1, '-') && s.attached(k) && s.attached(k-1) && s.cls(k-2) == cEdge {
		k -= 2
	} else if s.cls(k-1) == cEdge {
		k--
	}
	if s.cls(k-1) == cOf && s.cls(k-2) == cPos && s.cls(k-3) == cThe {
		k -= 3
	}
	return int(s.toks[k].start)
}

// monthAt returns the month named by token i and the index after it (past
// an abbreviation's dot), or 0.
func (s *scanner) monthAt(i int) (m, next int, abbr bool) {
	k := s.kw(i)
	if (k.class != cMonth && k.class != cMonAbbr) || !s.isCap(i) {
		return 0, i, false
	}
	next = i + 1
	if k.class == cMonAbbr {
		abbr = true
		if s.isP(next, '.') && s.attached(next) {
			next++
		}
	}
	return int(k.val), next, abbr
}

// month matches expressions that start with a month name: "June 12",
// "June 12, 2018", "May 2018", "(June) 12th", "in April".
func (s *scanner) month(i int) int {
	m, j, abbr := s.monthAt(i)
	if m == 0 {
		return i
	}
	start := int(s.toks[i].start)
	// "(June) 12th": the month is an aside to an ordinal day.
	if !abbr && s.isP(i-1, '(') && s.isP(j, ')') {
		if d := s.dayNum(j + 1); d > 0 && s.hasOrd(j+1) {
			if !s.hasAnchor {
				return j + 3
			}
			y, ok := s.inferDay(m, d, s.tense(i-1, j+3))
			if ok {
				s.emit(int(s.toks[i-1].start), int(s.toks[j+2].end), s.fmtDay(y, m, d))
			}
			return j + 3
		}
	}
	if d := s.dayNum(j); d > 0 {
		last := j
		if s.hasOrd(j) {
			last = j + 1
		}
		yk := last + 1
		if s.isP(yk, ',') && s.attached(yk) {
			yk++
		}
		if y := s.yearNum(yk); y > 0 {
			if validDay(y, m, d) {
				s.emit(start, int(s.toks[yk].end), s.fmtDay(y, m, d))
			}
			return yk + 1
		}
		if !s.hasAnchor {
			return last + 1
		}
		if y, ok := s.inferDay(m, d, s.tense(i, last+1)); ok {
			s.emit(start, int(s.toks[last].end), s.fmtDay(y, m, d))
		}
		return last + 1
	}
	yk := j
	if s.isP(yk, ',') && s.attached(yk) {
		yk++
	}
	if s.cls(yk) == cOf && !s.isNameMonth(i, m) {
		yk++ // "March of 2008", "June of this year"
	}
	if y := s.yearNum(yk); y > 0 && !s.isNameMonth(i, m) {
		s.emit(s.extendLeft(i), int(s.toks[yk].end), s.fmtMonth(y, m))
		return yk + 1
	}
	if r := s.kw(yk); r.class == cRel && s.hasAnchor && !abbr && s.kw(yk+1).class == cUnit && s.kw(yk+1).val == unitYear && !s.kw(yk+1).plural {
		w := s.word(yk)
		if lowerEq(w, "this") || lowerEq(w, "last") || lowerEq(w, "next") {
			s.emit(s.extendLeft(i), int(s.toks[yk+1].end), s.fmtMonth(s.ay+int(r.val), m))
			return yk + 2
		}
	}
	if abbr || !s.hasAnchor || !s.bareMonthOK(i, m) {
		return i + 1
	}
	y := s.inferMonth(m, s.tense(i, i+1))
	s.emit(s.extendLeft(i), int(s.toks[i].end), s.fmtMonth(y, m))
	return i + 1
}

// isNameMonth reports whether month-named token i is part of a person's
// name ("Theresa May", "April Smith").
func (s *scanner) isNameMonth(i, m int) bool {
	if m != 4 && m != 5 && m != 6 && m != 8 {
		return false
	}
	p := i - 1
	if s.isCap(p) && s.cls(p) == cNone && s.kw(p).tense == 0 && !s.sentenceStart(p) {
		return true
	}
	if s.cls(p) == cTitle {
		return true
	}
	return false
}

// sentenceStart reports whether token i opens a sentence or line.
func (s *scanner) sentenceStart(i int) bool {
	if i <= 0 {
		return true
	}
	if s.toks[i].flags&fNewline != 0 {
		return true
	}
	return s.endsSentence(i - 1)
}

// bareMonthOK decides whether a month name with no day or year after it is
// a date: "in April" yes, "Theresa May", "May I" and "March on" no.
func (s *scanner) bareMonthOK(i, m int) bool {
	if s.isNameMonth(i, m) {
		return false
	}
	ambiguous := m == 3 || m == 4 || m == 5 || m == 6 || m == 8
	if ambiguous && (s.isP(i+1, '\'') || s.isP(i+1, '’')) && s.word(i+2) == "s" && m != 3 {
		return false // "May's government"
	}
	if ambiguous && s.isCap(i+1) && s.cls(i+1) == cNone && !s.sentenceStart(i+1) {
		return false // "April Smith"
	}
	p := s.kw(i - 1)
	switch {
	case p.class == cEdge:
		return true
	case s.isP(i-1, '-') && s.cls(i-2) == cEdge:
		return true
	case p.class == cOf:
		return s.cls(i-2) == cPos || s.cls(i-2) == cUnit || s.cls(i-2) == cEdge
	case p.ctx && p.class != cUnit:
		return true
	case s.cls(i-1) == cMonth && s.isP(i-2, ',') || s.isP(i-1, ',') && s.cls(i-2) == cMonth:
		return true
	}
	if ambiguous {
		return false
	}
	// Unambiguous month names stand alone ("January sales"), unless they are
	// part of a capitalised name ("Black September").
	if s.isCap(i-1) && s.cls(i-1) == cNone && !s.sentenceStart(i-1+1) {
		return false
	}
	return true
}

// dayFirst matches "12 June 2018", "12th June", "12th of June", "12 Jan.".
func (s *scanner) dayFirst(i int) int {
	d := s.dayNum(i)
	if d == 0 {
		return i
	}
	k := i + 1
	ord := s.hasOrd(i)
	if ord {
		k++
		if s.cls(k) == cOf {
			k++
		}
	}
	m, j, _ := s.monthAt(k)
	if m == 0 {
		return i
	}
	start := int(s.toks[i].start)
	if ord && s.cls(i-1) == cThe {
		start = int(s.toks[i-1].start)
	}
	yk := j
	if s.isP(yk, ',') && s.attached(yk) {
		yk++
	}
	if y := s.yearNum(yk); y > 0 {
		if validDay(y, m, d) {
			s.emit(start, int(s.toks[yk].end), s.fmtDay(y, m, d))
		}
		return yk + 1
	}
	if !s.hasAnchor {
		return j
	}
	if y, ok := s.inferDay(m, d, s.tense(i, j)); ok {
		s.emit(start, int(s.toks[j-1].end), s.fmtDay(y, m, d))
	}
	return j
}

// theOrdinal matches "on the 12th" with no month: a day of this month or a
// neighbouring one.
func (s *scanner) theOrdinal(i int) int {
	d := s.dayNum(i + 1)
	if d == 0 || !s.hasOrd(i+1) || !s.hasAnchor {
		return i
	}
	if s.cls(i+3) == cOf || s.cls(i+3) == cMonth || s.cls(i+3) == cMonAbbr {
		return i // "the 12th of June" is dayFirst's
	}
	p := s.word(i - 1)
	switch lower := s.kw(i - 1); {
	case p == "":
		return i
	case lower.ctx && s.cls(i-1) != cOf && s.cls(i-1) != cUnit:
	default:
		return i
	}
	// The ordinal must end the phrase: not "on the 12th floor".
	if n := i + 3; n < len(s.toks) && s.toks[n].kind == tWord && s.toks[n].flags&fCap == 0 {
		switch s.word(n) {
		case "and", "or", "at", "when", "but", "as", "to", "in", "for", "with", "after", "before":
		default:
			return i
		}
	}
	tense := s.tense(i, i+3)
	best, ok := time.Time{}, false
	bestScore := 0
	for dm := -1; dm <= 1; dm++ {
		y, m := addMonths(s.ay, s.am, dm)
		if !validDay(y, m, d) {
			continue
		}
		c := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		sc, fine := s.score(c, tense)
		if fine && (!ok || sc < bestScore) {
			best, bestScore, ok = c, sc, true
		}
	}
	if ok {
		s.emit(int(s.toks[i].start), int(s.toks[i+2].end), s.fmtDay(best.Year(), int(best.Month()), best.Day()))
	}
	return i + 3
}

// weekday matches a bare weekday ("Friday", "Wednesday night", "Thursday’s").
func (s *scanner) weekday(i int) int {
	if !s.isCap(i) || !s.hasAnchor {
		return i + 1
	}
	if s.cls(i-1) == cHoliday && s.isCap(i-1) {
		return i + 1 // "Black Monday", "Good Friday": named days
	}
	if s.isCap(i+1) && !s.sentenceStart(i+1) && isPaper(s.word(i+1)) ||
		lowerEq(s.word(i-1), "on") && s.word(i-2) == "Mail" {
		return i + 1 // "the Sunday Times", "the Mail on Sunday"
	}
	// "Monday, June 12" and "Monday 12 June": the full date says it.
	n := i + 1
	if s.isP(n, ',') {
		n++
	}
	if m, j, _ := s.monthAt(n); m > 0 && s.dayNum(j) > 0 {
		return i + 1
	}
	if s.dayNum(n) > 0 {
		k := n + 1
		if s.hasOrd(n) {
			k++
		}
		if s.cls(k) == cOf {
			k++
		}
		if m, _, _ := s.monthAt(k); m > 0 {
			return i + 1
		}
	}
	last := i
	if s.cls(i+1) == cPart && !s.isCap(i+1) {
		last = i + 1
	}
	w := int(s.kw(i).val)
	d := s.resolveWeekday(w, s.tense(i, last+1))
	s.emit(int(s.toks[i].start), int(s.toks[last].end), s.fmtDate(d))
	return last + 1
}

// dayWord matches today, yesterday, tomorrow, tonight, with "earlier" or
// "later" before and a part of the day after.
func (s *scanner) dayWord(i int) int {
	if !s.hasAnchor {
		return i + 1
	}
	if s.isCap(i) && !s.sentenceStart(i) && (s.cls(i-1) == cThe || s.isCap(i-1) && s.cls(i-1) == cNone) {
		return i + 1 // "USA Today", "the Today programme"
	}
	start := int(s.toks[i].start)
	if s.cls(i-1) == cEdge {
		start = int(s.toks[i-1].start)
	}
	last := i
	if s.cls(i+1) == cPart && s.word(i) != "tonight" {
		last = i + 1
	}
	if s.cls(i-1) == cOf && !lowerEq(s.word(i-2), "as") {
		return i + 1 // "the cars of tomorrow": no particular day
	}
	d := s.anchor.AddDate(0, 0, int(s.kw(i).val))
	s.emit(start, int(s.toks[last].end), s.fmtDate(d))
	return last + 1
}

// rel matches last/next/this/previous + month, year, weekday, month name or
// part of day: "last month", "next Monday", "this morning", "the previous year".
func (s *scanner) rel(i int) int {
	if !s.hasAnchor {
		return i + 1
	}
	word := s.kw(i)
	dir := int(word.val)
	w := s.word(i)
	the := s.cls(i-1) == cThe
	j := i + 1
	if dir == 0 && (s.word(j) == "past" || s.word(j) == "coming") { // "this past Monday"
		dir = int(s.kw(j).val)
		j++
	}
	lw := lowerEq(w, "previous")
	past := lowerEq(w, "past")
	coming := lowerEq(w, "coming")
	t := s.kw(j)
	switch t.class {
	case cUnit:
		if t.plural || (t.val != unitMonth && t.val != unitYear) {
			return i + 1
		}
		if past || coming || (lw && !the) || (the && !lw) {
			return i + 1 // "the past year", "the next month" are spans of time
		}
		if s.sameBefore(i) {
			return j + 1
		}
		start := s.extendLeft(i)
		if lw {
			start = int(s.toks[i-1].start)
		}
		var v string
		if t.val == unitYear {
			v = s.fmtYear(s.ay + dir)
		} else {
			y, m := addMonths(s.ay, s.am, dir)
			v = s.fmtMonth(y, m)
		}
		s.emit(start, int(s.toks[j].end), v)
		return j + 1
	case cWeekday:
		if !s.isCap(j) || lw || the {
			return i + 1
		}
		last := j
		if s.cls(j+1) == cPart && !s.isCap(j+1) {
			last = j + 1
		}
		wd := int(t.val)
		A := int(s.anchor.Weekday())
		var d time.Time
		switch {
		case dir < 0:
			p := (A - wd + 7) % 7
			if p == 0 {
				p = 7
			}
			d = s.anchor.AddDate(0, 0, -p)
		case dir > 0:
			f := (wd - A + 7) % 7
			if f == 0 {
				f = 7
			}
			d = s.anchor.AddDate(0, 0, f)
		default:
			tense := s.tense(i, last+1)
			if tense == 0 {
				tense = 1
			}
			d = s.resolveWeekday(wd, tense)
		}
		s.emit(int(s.toks[i].start), int(s.toks[last].end), s.fmtDate(d))
		return last + 1
	case cMonth:
		m, _, _ := s.monthAt(j)
		if m == 0 || lw || the {
			return i + 1
		}
		y := s.ay
		switch {
		case dir < 0 && m >= s.am:
			y--
		case dir > 0 && m <= s.am:
			y++
		}
		s.emit(s.extendLeft(i), int(s.toks[j].end), s.fmtMonth(y, m))
		return j + 1
	case cPart:
		pw := s.word(j)
		switch {
		case dir == 0 && !lowerEq(pw, "night"):
			s.emit(int(s.toks[i].start), int(s.toks[j].end), s.fmtDate(s.anchor))
		case dir < 0 && !lw && !past && !the && lowerEq(pw, "night"):
			s.emit(int(s.toks[i].start), int(s.toks[j].end), s.fmtDate(s.anchor.AddDate(0, 0, -1)))
		}
		return j + 1
	}
	return i + 1
}

// ago matches "two days ago", "a week ago", "3 years ago".
func (s *scanner) ago(i int) int {
	var n int
	t := &s.toks[i]
	if t.kind == tNum {
		if s.digits(i) > 3 || s.partOfNumber(i) || s.numberGoesOn(i) {
			return i
		}
		n = int(t.num)
	} else {
		n = int(s.kw(i).val)
	}
	u := s.kw(i + 1)
	if u.class != cUnit || s.cls(i+2) != cAgo || n < 1 || n > 100 {
		return i
	}
	if !s.hasAnchor || s.sameBefore(i) {
		return i + 3
	}
	var v string
	switch u.val {
	case unitDay:
		v = s.fmtDate(s.anchor.AddDate(0, 0, -n))
	case unitWeek:
		v = s.fmtDate(s.anchor.AddDate(0, 0, -7*n))
	case unitMonth:
		y, m := addMonths(s.ay, s.am, -n)
		v = s.fmtMonth(y, m)
	case unitYear:
		v = s.fmtYear(s.ay - n)
	default:
		return i + 3
	}
	s.emit(int(t.start), int(s.toks[i+2].end), v)
	return i + 3
}

// sameBefore reports whether "same" shortly precedes token i: in "the same
// period last year" the value is a period of that year, not the year.
func (s *scanner) sameBefore(i int) bool {
	for k := i - 1; k >= i-4 && k >= 0; k-- {
		if lowerEq(s.word(k), "same") {
			return true
		}
	}
	return false
}

func lowerEq(w, lower string) bool {
	if len(w) != len(lower) {
		return false
	}
	for k := 0; k < len(w); k++ {
		b := w[k]
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		if b != lower[k] {
			return false
		}
	}
	return true
}

// isPaper reports whether w, after a weekday, names a newspaper.
func isPaper(w string) bool {
	switch w {
	case "Times", "Telegraph", "Herald", "Express", "Mirror", "Post", "Independent", "Tribune", "Mail",
		"Star", "Observer", "Standard", "Sun", "Age", "Business", "Sport", "People", "World":
		return true
	}
	return false
}

// feast matches fixed-date holidays: "Christmas (Day|Eve)", "New Year's
// (Day|Eve)", with an optional year after them.
func (s *scanner) feast(i int) int {
	if !s.isCap(i) {
		return i + 1
	}
	m, d, last := 12, 25, i
	switch {
	case lowerEq(s.word(i), "christmas"):
		switch s.word(i + 1) {
		case "Day":
			last = i + 1
		case "Eve":
			d, last = 24, i+1
		}
	case lowerEq(s.word(i), "new"):
		// New Year's Day / New Year's Eve; "New Year" alone is a season.
		if s.word(i+1) != "Year" || !(s.isP(i+2, '\'') || s.isP(i+2, '’')) || s.word(i+3) != "s" {
			return i + 1
		}
		switch s.word(i + 4) {
		case "Day":
			m, d = 1, 1
		case "Eve":
			m, d = 12, 31
		default:
			return i + 1
		}
		last = i + 4
	default:
		return i + 1
	}
	if y := s.yearNum(last + 1); y > 0 {
		s.emit(int(s.toks[i].start), int(s.toks[last+1].end), s.fmtDay(y, m, d))
		return last + 2
	}
	if !s.hasAnchor {
		return last + 1
	}
	if y, ok := s.inferDay(m, d, s.tense(i, last+1)); ok {
		s.emit(int(s.toks[i].start), int(s.toks[last].end), s.fmtDay(y, m, d))
	}
	return last + 1
}

// isYearPrep reports whether w, before a number, most often introduces a
// year ("in 2009", "since 1998").
func isYearPrep(w string) bool {
	for _, p := range yearPreps {
		if lowerEq(w, p) {
			return true
		}
	}
	return false
}

var yearPreps = [...]string{"in", "since", "until", "till", "by", "during", "from", "through", "throughout", "before", "after"}
