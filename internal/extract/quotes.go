package extract

import "strings"

func (x *extractor) isOpenQ(i int) bool {
	t := x.toks[i]
	if t.flags&fOpenQ == 0 {
		return false
	}
	w := x.text[t.start:t.end]
	return w == "“" || w == "\"" || w == "«"
}

func (x *extractor) isCloseQ(i int) bool {
	t := x.toks[i]
	if t.flags&fCloseQ == 0 {
		return false
	}
	w := x.text[t.start:t.end]
	return w == "”" || w == "\"" || w == "»"
}

type rawQuote struct {
	open, close int // token indices; close == paragraph end when unclosed
	para        int
	speaker     int // mention index or -1
	// how: 0 unattributed, 1 by its own sentence, 2 by a neighbouring quote
	how int
}

// quotes finds quoted speech and its speaker. idx maps candidate → mention.
func (x *extractor) quotes(idx []int) []Quote {
	// token → mention index
	tm := x.tm[:0]
	if cap(tm) < len(x.toks) {
		tm = make([]int32, len(x.toks))
	}
	tm = tm[:len(x.toks)]
	for i := range tm {
		tm[i] = -1
	}
	for ci := range x.cands {
		if idx[ci] < 0 {
			continue
		}
		c := &x.cands[ci]
		for t := c.h; t < c.b; t++ {
			tm[t] = int32(idx[ci])
		}
	}
	x.tm = tm
	x.mk = x.mk[:0]
	x.mn = x.mn[:0]
	for ci := range x.cands {
		if idx[ci] >= 0 {
			x.mk = append(x.mk, x.cands[ci].kind)
			x.mn = append(x.mn, x.cands[ci].name)
		}
	}
	var qs []rawQuote
	for pi, pr := range x.paras {
		for i := pr[0]; i < pr[1]; i++ {
			if !x.isOpenQ(i) {
				continue
			}
			j := i + 1
			for j < pr[1] && !x.isCloseQ(j) {
				j++
			}
			if j == i+1 && j < pr[1] {
				i = j
				continue
			}
			qs = append(qs, rawQuote{open: i, close: j, para: pi, speaker: -1})
			i = j
		}
	}
	for qi := range qs {
		q := &qs[qi]
		pr := x.paras[q.para]
		if sp := x.after(q.close, pr[1], q.open); sp >= 0 {
			q.speaker, q.how = sp, 1
		} else if sp := x.before(q.open, pr[0]); sp >= 0 {
			q.speaker, q.how = sp, 1
		}
	}
	// Neighbours: a quote right before an attributed one, or after one in the
	// same run of talk with no other name between, has the same speaker.
	for pass := 0; pass < 2; pass++ {
		for qi := range qs {
			q := &qs[qi]
			if q.speaker >= 0 {
				continue
			}
			if qi+1 < len(qs) {
				n := &qs[qi+1]
				if n.speaker >= 0 && n.para == q.para && q.close < len(x.toks) && n.open == q.close+1 {
					q.speaker, q.how = n.speaker, 2
					continue
				}
			}
			if qi > 0 {
				p := &qs[qi-1]
				if p.speaker >= 0 && !x.otherPersonBetween(p.close, q.open, p.speaker) &&
					(p.para == q.para || (p.para == q.para-1 && q.open == x.paras[q.para][0])) {
					q.speaker, q.how = p.speaker, 2
				}
			}
		}
	}
	out := make([]Quote, 0, len(qs))
	for _, q := range qs {
		start := int(x.toks[q.open].start)
		var end, inEnd int
		if q.close < x.paras[q.para][1] {
			end, inEnd = int(x.toks[q.close].end), int(x.toks[q.close].start)
		} else {
			end = int(x.toks[q.close-1].end)
			inEnd = end
		}
		in := strings.TrimSpace(x.text[x.toks[q.open].end:inEnd])
		out = append(out, Quote{Start: start, End: end, Text: in, Speaker: q.speaker})
	}
	return out
}

// otherPersonBetween reports a person other than the speaker named among
// tokens (a,b).
func (x *extractor) otherPersonBetween(a, b, speaker int) bool {
	for t := a + 1; t < b && t < len(x.toks); t++ {
		m := x.tm[t]
		if m < 0 || int(m) == speaker || x.mentionKind(int(m)) != Person {
			continue
		}
		if n := x.mentionName(int(m)); n == "" || n != x.mentionName(speaker) {
			return true
		}
	}
	return false
}

func (x *extractor) mentionName(m int) string {
	if m < 0 || m >= len(x.mn) {
		return ""
	}
	return x.mn[m]
}

func (x *extractor) mentionKind(m int) Kind {
	if m < 0 || m >= len(x.mk) {
		return 0
	}
	return x.mk[m]
}

// speakerAt returns the mention at token t when it can speak.
func (x *extractor) speakerAt(t int) int {
	if t < 0 || t >= len(x.toks) {
		return -1
	}
	m := x.tm[t]
	if m < 0 {
		return -1
	}
	if k := x.mentionKind(int(m)); k == Person || k == Organisation {
		return int(m)
	}
	return -1
}

// mentionEndingAt returns the mention whose last token is t-1... searching
// back over one adverb ("Mr Trump also said").
func (x *extractor) isSpeech(t, end int) bool {
	return t < end && x.lcls(t)&wSpeech != 0
}

// after attributes by the words after the closing quote: ”, Mr Pompeo
// tweeted / ,” said Mr Trump / ,” he said / ,” according to X.
func (x *extractor) after(cl, end, open int) int {
	t := cl + 1
	if cl >= end {
		return -1
	}
	if t < end && x.word(t) == "," {
		t++
	}
	if t >= end {
		return -1
	}
	// mention, then a speech verb within three words
	if m := x.speakerAt(t); m >= 0 {
		e := t
		for e < end && x.tm[e] == int32(m) {
			e++
		}
		for k := e; k < end && k < e+3; k++ {
			if x.isSpeech(k, end) {
				return m
			}
			if x.toks[k].flags&fWord == 0 {
				break
			}
		}
		return -1
	}
	// speech verb, then the mention
	if x.isSpeech(t, end) {
		k := t + 1
		if x.lowerWord(t) == "according" && k < end && x.word(k) == "to" {
			k++
		}
		if k < end {
			if m := x.speakerAt(k); m >= 0 {
				return m
			}
		}
		return -1
	}
	// pronoun, then a speech verb: the last person named before the quote
	if x.cls(t)&wPronoun != 0 && x.isSpeech(t+1, end) {
		return x.lastPersonBefore(open)
	}
	return -1
}

// before attributes by the words before the opening quote: Mr Trump said:
// “…” / Mr Trump said, adding … “…”.
func (x *extractor) before(op, from int) int {
	t := op - 1
	for t >= from && (x.word(t) == ":" || x.word(t) == ",") {
		t--
	}
	if t >= from && x.isSpeech(t, op) {
		// subject right before the verb, maybe over one adverb
		for k := t - 1; k >= from && k >= t-2; k-- {
			if m := x.speakerAt(k); m >= 0 {
				return m
			}
			if x.cls(k)&wPronoun != 0 && k == t-1 {
				return x.lastPersonBefore(k)
			}
		}
	}
	// the same sentence: "Mr Trump said, adding there may be … but “…”"
	for k := op - 1; k > from; k-- {
		if x.toks[k].flags&fSentEnd != 0 || x.isCloseQ(k) {
			break
		}
		if x.isSpeech(k, op) {
			if m := x.speakerAt(k - 1); m >= 0 {
				return m
			}
		}
	}
	return -1
}

// lastPersonBefore returns the last person mention before token t, within
// this and the previous paragraph.
func (x *extractor) lastPersonBefore(t int) int {
	lo := 0
	for pi, pr := range x.paras {
		if t >= pr[0] && t < pr[1] {
			if pi > 0 {
				lo = x.paras[pi-1][0]
			} else {
				lo = pr[0]
			}
		}
	}
	for k := t - 1; k >= lo; k-- {
		if x.isCloseQ(k) {
			// skip back over a quotation
			for k > lo && !x.isOpenQ(k) {
				k--
			}
			continue
		}
		if m := x.tm[k]; m >= 0 && x.mentionKind(int(m)) == Person {
			return int(m)
		}
	}
	return -1
}
