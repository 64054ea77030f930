package timex

import "time"

// tenseWindow bounds how far (in tokens) a tense marker may be from the
// expression it decides.
const tenseWindow = 30

// endsSentence reports whether token i closes a sentence, a quotation or a
// clause strong enough to stop the tense search.
func (s *scanner) endsSentence(i int) bool {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tPunct {
		return false
	}
	switch s.toks[i].num {
	case '!', '?', ';', '"', '“', '”', '«', '»':
		return true
	case '.':
		if s.digits(i-1) > 0 && s.digits(i+1) > 0 && s.attached(i) && s.attached(i+1) {
			return false // 1.30
		}
		if p := s.word(i - 1); p != "" && s.attached(i) {
			if s.cls(i-1) == cTitle || (len(p) == 1 && p[0] >= 'A' && p[0] <= 'Z') {
				return false // Mr. / U.S.
			}
		}
		return true
	}
	return false
}

// tense returns +1 when the sentence around tokens [i, j) speaks of the
// future, -1 of the past, 0 when it does not say. The nearest marker wins;
// on a tie the one before the expression does.
func (s *scanner) tense(i, j int) int {
	if t := s.tenseIn(i, j, true); t != 0 {
		return t
	}
	return s.tenseIn(i, j, false)
}

// tenseIn searches for the nearest marker within the sentence, and with
// clause set, within the clause: in "said on Monday that talks would
// resume", "would" speaks of the talks, not of Monday.
func (s *scanner) tenseIn(i, j int, clause bool) int {
	bt, bd := 0, 0
	for k, d := i-1, 1; k >= 0 && d <= tenseWindow; k, d = k-1, d+1 {
		if s.toks[k+1].flags&fNewline != 0 || s.endsSentence(k) || clause && s.endsClause(k) {
			break
		}
		if t := s.tenseAt(k); t != 0 {
			bt, bd = t, d
			break
		}
	}
	ft, fd := 0, 0
	for k, d := j, 1; k < len(s.toks) && d <= tenseWindow; k, d = k+1, d+1 {
		if s.toks[k].flags&fNewline != 0 || s.endsSentence(k) || clause && s.endsClause(k) {
			break
		}
		if t := s.tenseAt(k); t != 0 {
			ft, fd = t, d
			w := s.word(k)
			if isReport(w) {
				// "… on June 12, she said": the report's tense is not the
				// reported event's.
				fd += reportPenalty
			} else if lowerEq(w, "would") {
				fd += wouldPenalty // mostly the future of a past report
			}
			break
		}
	}
	switch {
	case bt != 0 && (ft == 0 || bd <= fd):
		return bt
	default:
		return ft
	}
}

// endsClause reports whether token k is a word that opens a subordinate or
// coordinate clause.
func (s *scanner) endsClause(k int) bool {
	if s.toks[k].kind != tWord || s.toks[k].flags&fCap != 0 {
		return false
	}
	switch s.word(k) {
	case "that", "which", "who", "whom", "whose", "because", "although", "though", "while", "but", "whereas", "if", "unless":
		return true
	}
	return false
}

// wouldPenalty is added to the distance of a "would" after the expression.
const wouldPenalty = 3

// dayTolerance is how many days before or after the anchor a day-of-month
// may lie against the tense of its sentence.
const dayTolerance = 7

// reportPenalty is added to the distance of a reporting verb after the
// expression.
const reportPenalty = 6

func isReport(w string) bool {
	return lowerEq(w, "said") || lowerEq(w, "told") || lowerEq(w, "added") || lowerEq(w, "stated") || lowerEq(w, "tweeted") ||
		lowerEq(w, "announced") || lowerEq(w, "confirmed") || lowerEq(w, "reported") || lowerEq(w, "wrote") ||
		lowerEq(w, "warned") || lowerEq(w, "noted") || lowerEq(w, "explained") || lowerEq(w, "insisted")
}

// nounMarker reports a future marker that is also a noun ("a plan", "their
// hopes").
func nounMarker(w string) bool {
	return lowerEq(w, "plan") || lowerEq(w, "plans") || lowerEq(w, "hope") || lowerEq(w, "hopes") ||
		lowerEq(w, "aim") || lowerEq(w, "aims") || lowerEq(w, "set")
}

// nounPhrase reports a determiner a few tokens before k with no verb-like
// word between: "a $12-million plan", "their new plans".
func (s *scanner) nounPhrase(k int) bool {
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		if s.toks[j].kind != tWord {
			continue
		}
		w := s.word(j)
		if determiner(w) {
			return true
		}
		if kw := s.toks[j].kw; kw != 0 && kwInfos[kw].tense != 0 || len(w) > 3 && w[len(w)-2:] == "ed" {
			return false
		}
	}
	return false
}

// determiner reports a word that puts a noun after it.
func determiner(w string) bool {
	for _, d := range [...]string{"a", "an", "the", "its", "his", "her", "their", "our", "my", "your", "this", "that",
		"new", "any", "no", "every", "whose"} {
		if lowerEq(w, d) {
			return true
		}
	}
	return false
}

// tenseAt returns the tense marked by word token k (0 for none).
func (s *scanner) tenseAt(k int) int {
	t := &s.toks[k]
	if t.kind != tWord {
		return 0
	}
	w := s.text[t.start:t.end]
	if t.kw != 0 {
		info := kwInfos[t.kw]
		switch {
		case info.class == cMonth && info.val == 5:
			if t.flags&fCap == 0 {
				return 1 // the modal "may"
			}
			return 0
		case lowerEq(w, "won"), lowerEq(w, "wo"):
			if (s.isP(k+1, '\'') || s.isP(k+1, '’')) && lowerEq(s.word(k+2), "t") {
				return 1
			}
			if lowerEq(w, "wo") {
				return 0
			}
		case lowerEq(w, "set"), lowerEq(w, "going"):
			n := s.word(k + 1)
			if lowerEq(n, "to") || lowerEq(n, "for") {
				return 1
			}
			return 0
		case info.class == cRel || info.class == cEdge:
			// "last"/"next" inside another date expression still hint at
			// the tense; "this" and "early" say nothing.
		}
		if info.tense < 0 && info.class == cNone && s.passive(k) {
			return 0
		}
		if info.tense > 0 && info.class == cNone && nounMarker(w) && !lowerEq(s.word(k+1), "to") && s.nounPhrase(k) {
			return 0 // "approved a plan on Tuesday": the noun, not the verb
		}
		if info.tense != 0 {
			return int(info.tense)
		}
		if info.class != cNone {
			return 0
		}
	}
	// A lower-case word in -ed is most likely a past-tense verb, unless it
	// is passive after "be" or part of a compound ("Seoul-based").
	if t.flags&fCap != 0 || len(w) < 5 || w[len(w)-1] != 'd' || w[len(w)-2] != 'e' {
		return 0
	}
	if notPast[w] || (s.isP(k-1, '-') && s.attached(k)) {
		return 0
	}
	if s.passive(k) {
		return 0
	}
	return -1
}

// passive reports whether the participle at k follows be/been/being, so
// that the auxiliary before it ("will have been sold", "was sold") tells
// the tense instead.
func (s *scanner) passive(k int) bool {
	p := s.word(k - 1)
	return lowerEq(p, "be") || lowerEq(p, "been") || lowerEq(p, "being")
}

// resolveWeekday returns the date of weekday w nearest the anchor in the
// direction tense points to. The anchor's own weekday is the anchor day.
func (s *scanner) resolveWeekday(w, tense int) time.Time {
	A := int(s.anchor.Weekday())
	p := (A - w + 7) % 7
	f := (w - A + 7) % 7
	if p == 0 {
		return s.anchor
	}
	switch {
	case tense < 0:
		return s.anchor.AddDate(0, 0, -p)
	case tense > 0:
		return s.anchor.AddDate(0, 0, f)
	case p <= 2*f: // news mostly reports what happened
		return s.anchor.AddDate(0, 0, -p)
	default:
		return s.anchor.AddDate(0, 0, f)
	}
}

// score ranks candidate date c for an expression of the given tense: lower
// is better; fine is false when the tense rules the candidate out.
func (s *scanner) score(c time.Time, tense int) (sc int, fine bool) {
	days := int(c.Sub(s.anchor).Hours() / 24)
	switch {
	case days >= -dayTolerance && days <= dayTolerance:
		// A few days off the anchor the date is what it says, whatever the
		// tense: "could follow a vote on October 18" two days after it.
		return max(days, -days), true
	case tense < 0 && days > 0, tense > 0 && days < 0:
		// Against the tense, but a date a few weeks off beats one a year
		// away: "host them on March 26, she said" twelve days before.
		return 6*max(days, -days) + 60, true
	case tense < 0:
		return -days, true
	case tense > 0:
		return days, true
	case days < 0:
		return -days, true
	default:
		return days, true
	}
}

// inferDay picks the year of month m, day d nearest the anchor in the
// direction of tense.
func (s *scanner) inferDay(m, d, tense int) (int, bool) {
	best, bestScore, ok := 0, 0, false
	for y := s.ay - 1; y <= s.ay+1; y++ {
		if !validDay(y, m, d) {
			continue
		}
		c := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		sc, fine := s.score(c, tense)
		if fine && (!ok || sc < bestScore) {
			best, bestScore, ok = y, sc, true
		}
	}
	return best, ok
}

// inferMonth picks the year of month m: past tense the latest one not after
// the anchor's month, future the first one not before it, otherwise the
// nearest, the same year on a tie.
func (s *scanner) inferMonth(m, tense int) int {
	switch {
	case tense < 0:
		if m > s.am {
			return s.ay - 1
		}
		return s.ay
	case tense > 0:
		if m < s.am {
			return s.ay + 1
		}
		return s.ay
	}
	switch diff := m - s.am; {
	case diff > 6:
		return s.ay - 1
	case diff < -6:
		return s.ay + 1
	}
	return s.ay
}

func addMonths(y, m, n int) (int, int) {
	t := y*12 + (m - 1) + n
	return t / 12, t%12 + 1
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func (s *scanner) fmtDate(t time.Time) string { return s.fmtDay(t.Year(), int(t.Month()), t.Day()) }

func (s *scanner) fmtDay(y, m, d int) string {
	if y < 0 || y > 9999 {
		return s.fmtYear(y)
	}
	var b [10]byte
	put4(b[:], y)
	b[4] = '-'
	put2(b[5:], m)
	b[7] = '-'
	put2(b[8:], d)
	return s.intern(b[:])
}

func (s *scanner) fmtMonth(y, m int) string {
	if y < 0 || y > 9999 {
		return s.fmtYear(y)
	}
	var b [7]byte
	put4(b[:], y)
	b[4] = '-'
	put2(b[5:], m)
	return s.intern(b[:])
}

func (s *scanner) fmtYear(y int) string {
	y = max(0, min(y, 9999))
	var b [4]byte
	put4(b[:], y)
	return s.intern(b[:])
}

func put4(b []byte, v int) {
	b[0] = byte('0' + v/1000%10)
	b[1] = byte('0' + v/100%10)
	b[2] = byte('0' + v/10%10)
	b[3] = byte('0' + v%10)
}

func put2(b []byte, v int) {
	b[0] = byte('0' + v/10%10)
	b[1] = byte('0' + v%10)
}
