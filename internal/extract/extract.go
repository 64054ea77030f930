package extract

import (
	"strings"
	"sync"
	"time"

	"github.com/storygen/storygen/internal/gazetteer"
	"github.com/storygen/storygen/internal/story"
	"github.com/storygen/storygen/internal/timex"
)

// Evidence strength of a candidate's kind.
const (
	strNone    = 0 // no evidence yet
	strDefault = 1 // the fallback for an unknown name
	strContext = 2 // a cue word around it ("airline X", "in X")
	strRule    = 3 // its own shape (suffix, title, given name)
	strKnown   = 4 // a gazetteer entry
)

// cand is a name candidate: tokens [a,b) are the name, h <= a the first token
// of the mention (an honorific such as "Mr" is kept in the mention).
type cand struct {
	h, a, b   int
	kind      Kind
	str       uint8
	titled    bool // a person's title or honorific came before it
	sentInit  bool // the name is the first word of a sentence
	name      string
	short     bool
	ambiguous bool
	drop      bool
	para      int
	full      string // normalised text of [a,b), see fullText
}

type extractor struct {
	text  string
	toks  []token
	paras [][2]int // token ranges of the non-caption paragraphs
	cands []cand
	tm    []int32 // token → mention index, -1 for none
	mk    []Kind  // mention index → kind
	mn    []string
	idx   []int // candidate → mention index
	ix    nameIndex
	seen  map[indexKey]bool
	best  map[string]int
	// events are acronyms the story defines for events ("WWDC")
	events []string
}

func (x *extractor) isEvent(w string) bool {
	for _, e := range x.events {
		if e == w {
			return true
		}
	}
	return false
}

// scratch recycles extractors: their slices and maps are as large as the
// stories seen, and nothing in them outlives Extract (mentions copy out
// substrings of the story text only).
var scratch = sync.Pool{New: func() any {
	return &extractor{
		ix:   nameIndex{personByWord: map[string][]int{}, orgByFirst: map[string][]int{}, orgByLast: map[string][]int{}, byInitial: map[byte][]int{}},
		seen: map[indexKey]bool{}, best: map[string]int{},
	}
}}

// maxPooledTokens keeps the scratch of huge stories out of the pool.
const maxPooledTokens = 1 << 18

// release clears x (no story text stays reachable) and returns it to the pool.
func (x *extractor) release() {
	if cap(x.toks) > maxPooledTokens {
		return
	}
	x.text = ""
	x.toks = x.toks[:0]
	x.paras = x.paras[:0]
	clear(x.cands)
	x.cands = x.cands[:0]
	x.tm = x.tm[:0]
	x.mk = x.mk[:0]
	clear(x.mn)
	x.mn = x.mn[:0]
	x.idx = x.idx[:0]
	clear(x.events)
	x.events = x.events[:0]
	x.ix.reset()
	clear(x.seen)
	clear(x.best)
	scratch.Put(x)
}

// Extract finds the entities, dates, quotes, hashtags and handles in s. It
// reads only s (captions are skipped) and is safe for concurrent use.
func Extract(s *story.Story) *Result {
	if s == nil {
		return &Result{}
	}
	x := scratch.Get().(*extractor)
	defer x.release()
	x.text = s.Text
	if want := len(s.Text)/5 + 8; cap(x.toks) < want {
		x.toks = make([]token, 0, want)
	}
	for _, p := range s.Paragraphs {
		if p.Caption || p.Start < 0 || p.End > len(s.Text) || p.Start >= p.End {
			continue
		}
		from := len(x.toks)
		x.toks = tokenize(s.Text, p.Start, p.End, x.toks)
		x.paras = append(x.paras, [2]int{from, len(x.toks)})
	}
	for pi, pr := range x.paras {
		x.candidates(pi, pr[0], pr[1])
	}
	x.context()
	x.consistency()
	x.lateSurnames()
	x.coordination()
	x.names()

	res := &Result{}
	n := 0
	for i := range x.cands {
		if c := &x.cands[i]; !c.drop && c.kind != 0 {
			n++
		}
	}
	res.Mentions = make([]Mention, 0, n)
	idx := x.idx[:0]
	if cap(idx) < len(x.cands) {
		idx = make([]int, len(x.cands))
	}
	idx = idx[:len(x.cands)]
	x.idx = idx
	for i := range x.cands {
		c := &x.cands[i]
		idx[i] = -1
		if c.drop || c.kind == 0 {
			continue
		}
		start, end := int(x.toks[c.h].start), int(x.toks[c.b-1].nameEnd)
		idx[i] = len(res.Mentions)
		res.Mentions = append(res.Mentions, Mention{
			Start: int32(start), End: int32(end), Text: Intern(x.text[start:end]), Kind: c.kind,
			Name: Intern(c.name), Bare: Intern(x.fullText(i)), Short: c.short, Ambiguous: c.ambiguous,
			Weak: c.str <= strDefault,
		})
	}
	res.Quotes = x.quotes(idx)
	for _, t := range x.toks {
		if t.flags&(fHash|fHandle) == 0 {
			continue
		}
		tag := Tag{Start: int(t.start), End: int(t.end), Text: x.text[t.start+1 : t.end], Handle: t.flags&fHandle != 0}
		res.Tags = append(res.Tags, tag)
		if tag.Handle {
			res.Handles = appendUnique(res.Handles, tag.Text)
		} else {
			res.Hashtags = appendUnique(res.Hashtags, tag.Text)
		}
	}
	res.Dates = findDates(s)
	return res
}

func findDates(s *story.Story) []DateRef {
	var out []DateRef
	anchor := s.Date
	if anchor.IsZero() {
		anchor = time.Time{}
	}
	for _, p := range s.Paragraphs {
		if p.Caption || p.Start < 0 || p.End > len(s.Text) || p.Start >= p.End {
			continue
		}
		for _, r := range timex.Find(s.Text[p.Start:p.End], anchor) {
			st, en := p.Start+r.Start, p.Start+r.End
			if r.Start < 0 || r.End > p.End-p.Start || st >= en {
				continue
			}
			out = append(out, DateRef{Start: int32(st), End: int32(en), Text: s.Text[st:en], Value: r.Value})
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// normSpace collapses runs of white space (a name broken over a line).
func normSpace(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\n' || c == '\t' || c == '\r' || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// cls returns the word class of token i's text, looked up once per token.
func (x *extractor) cls(i int) uint32 {
	t := &x.toks[i]
	if t.flags&fClassed == 0 {
		t.cls = class(x.text[t.start:t.nameEnd])
		t.flags |= fClassed
	}
	return t.cls
}

// lcls is cls for a lower-case word token, 0 for any other token.
func (x *extractor) lcls(i int) uint32 {
	t := &x.toks[i]
	if t.flags&fWord == 0 || t.flags&(fCap|fUpper) != 0 || t.nameEnd != t.end {
		return 0
	}
	return x.cls(i)
}

// word returns the text of token i (the name part for "City-based").
func (x *extractor) word(i int) string {
	t := x.toks[i]
	return x.text[t.start:t.nameEnd]
}

// span returns the text of tokens [a,b).
func (x *extractor) span(a, b int) string {
	return x.text[x.toks[a].start:x.toks[b-1].nameEnd]
}

func (x *extractor) isNameTok(i int) bool {
	t := x.toks[i]
	if t.flags&fWord == 0 || t.flags&(fCap|fUpper) == 0 || t.flags&fDigit != 0 {
		return false
	}
	w := x.word(i)
	if x.cls(i)&wDate != 0 && !x.afterPlainHonorific(i) && !x.afterGivenName(i) {
		return false // "Sunday", "May"; but "Ms Sun", "Mrs May", "Teresa May" are people
	}
	if len(w) == 1 && t.flags&fAbbrev == 0 {
		return false // a lone letter ("the letter F"); initials carry their period
	}
	if int(t.end) < len(x.text) && x.text[t.end] == '$' {
		return false // US$, AU$: currency
	}
	if t.flags&(fLowerHyph|fSentStart) == fLowerHyph|fSentStart {
		return false // "Pre-orders" starting a sentence
	}
	if w == "May" && (i+1 < len(x.toks) && x.toks[i+1].flags&fDigit != 0 || i > 0 && monthPrep(x.lowerWord(i-1))) {
		return false // "May 3", "in May"
	}
	return true
}

// afterGivenName reports a date word that is also a name ("May", "Sun")
// right after a capitalised given name: "Teresa May", "Deepa Sun".
func (x *extractor) afterGivenName(i int) bool {
	if i == 0 || x.toks[i-1].flags&fCap == 0 || x.toks[i].flags&fSentStart != 0 || x.toks[i-1].end != x.toks[i].start-1 {
		return false
	}
	w, prev := x.word(i), x.word(i-1)
	if !gazetteer.Surname(w) && !gazetteer.GivenName(w) {
		return false
	}
	return gazetteer.GivenName(prev) || gazetteer.Surname(w) && x.cls(i-1) == 0 && !gazetteer.CommonWord(prev)
}

// monthPrep reports a word that puts a month after it ("in May", "since May").
func monthPrep(w string) bool {
	switch w {
	case "in", "since", "until", "till", "by", "from", "during", "of", "before", "after", "last", "next", "early",
		"late", "mid", "through", "throughout", "between", "and", "to", "on", "this", "that", "every":
		return true
	}
	return false
}

// afterPlainHonorific reports an honorific such as "Mr" or "Ms" right before
// token i: what follows it is a surname, whatever else the word can be.
func (x *extractor) afterPlainHonorific(i int) bool {
	if i == 0 || x.toks[i-1].flags&fWord == 0 || x.toks[i-1].end != x.toks[i].start-1 {
		return false
	}
	switch x.word(i - 1) {
	case "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Mx", "Mx.":
		return true
	}
	return false
}

func (x *extractor) sentStart(i int) bool { return x.toks[i].flags&fSentStart != 0 }

// joinable reports whether token j can continue a name that runs over [i,j).
func (x *extractor) joinable(j, end int) bool {
	if j >= end || !x.isNameTok(j) {
		return false
	}
	prev := x.toks[j-1]
	if prev.flags&(fPoss|fLowerHyph) != 0 && !(prev.flags&fPoss != 0 && x.word(j-1) == "People") {
		return false // but "People's Republic of China", "People's Bank"
	}
	if x.cls(j-1)&wLegal != 0 && x.cls(j)&wLegal == 0 {
		return false // "Apple Inc. Steve Jobs": a legal suffix ends the name
	}
	if prev.flags&fAbbrev != 0 && x.cls(j-1)&wNameSuffix != 0 && x.cls(j)&wFunction != 0 {
		return false
	}
	if x.sentStart(j) {
		return false
	}
	return true
}

// candidates finds the capitalised name sequences of one paragraph.
func (x *extractor) candidates(pi, from, to int) {
	for i := from; i < to; {
		if !x.isNameTok(i) {
			i++
			continue
		}
		j := i + 1
		ofOrg := false
		for j < to {
			if x.joinable(j, to) {
				j++
				continue
			}
			if x.toks[j-1].flags&(fPoss|fLowerHyph) != 0 || x.toks[j].flags&fWord == 0 && x.word(j) != "&" {
				break
			}
			w := x.word(j)
			// "Bank of England", "Secretary of State", "President of the United States";
			// "Institute for Fiscal Studies", "Council on Foreign Relations"
			if (w == "of" || w == "for" || w == "on") && j+1 < to {
				k := j + 1
				if x.word(k) == "the" && k+1 < to {
					k++
				}
				if x.isNameTok(k) && !x.sentStart(k) {
					head := x.cls(j - 1)
					if w == "of" && (head&(wOrgHead|wTitle|wPlaceHead) != 0 || x.word(j-1) == "States") ||
						w != "of" && (head&wOrgHead != 0 || forHead(x.word(j-1))) {
						if head&wOrgHead != 0 || forHead(x.word(j-1)) {
							ofOrg = true
						}
						j = k + 1
						continue
					}
				}
			}
			// "Ministry of Agriculture and Rural Development": after an
			// organisation's "of", capitalised common words joined by "and"
			if ofOrg && w == "and" && j+1 < to && x.isNameTok(j+1) && !x.sentStart(j+1) {
				k := j + 1
				for k < to && x.joinable(k, to) && englishWord(x.word(k)) {
					k++
				}
				if k > j+1 && (k >= to || !x.joinable(k, to)) {
					j = k
					continue
				}
			}
			// "Procter and Gamble Company", "AT & T", "Harlow & Finch Ltd"
			if (w == "and" || w == "&") && j+1 < to && x.isNameTok(j+1) && !x.sentStart(j+1) {
				k := j + 1
				for k < to && x.joinable(k, to) {
					k++
				}
				if k > j+1 && x.cls(k-1)&wOrgSuffix != 0 && x.cls(j-1)&wOrgSuffix == 0 && (j-i == 1 || w == "&" && j-i == 2 || j-i == 2 && x.word(i) == "The" || x.allEnglish(i, j)) {
					if w == "&" || !isPlace(x.span(i, j)) && !isKnownOrg(x.span(i, j)) {
						j = k
						continue
					}
				}
				if w == "&" && k == j+2 && j-i == 1 {
					j = k
					continue
				}
			}
			// "Ludwig van Beethoven", "Osama bin Laden", "Ursula von der Leyen"
			if x.cls(j)&wParticle != 0 && x.toks[j].flags&fCap == 0 && j+1 < to {
				k := j + 1
				if x.cls(k)&wParticle != 0 && x.toks[k].flags&fCap == 0 && k+1 < to {
					k++
				}
				if x.isNameTok(k) && !x.sentStart(k) {
					j = k + 1
					continue
				}
			}
			break
		}
		x.sequence(pi, i, j)
		i = j
	}
}

// englishWord reports a capitalised English word rather than a name: a
// common word, or a word with a suffix English forms nouns and adjectives
// with ("Atmospheric", "Development", "Sciences").
func englishWord(w string) bool {
	if gazetteer.CommonWord(w) {
		return true
	}
	if gazetteer.GivenName(w) || gazetteer.Surname(w) || isPlace(w) {
		return false
	}
	for _, suf := range [...]string{"ic", "ics", "al", "ment", "ments", "tion", "tions", "ity", "ence", "ance", "ogy",
		"ies", "ure", "ship", "ness", "ism", "ive"} {
		if len(w) > len(suf)+3 && w[len(w)-len(suf):] == suf {
			return true
		}
	}
	return false
}

// allEnglish reports capitalised English words only in [a,b) ("Independent
// Electoral" in "Independent Electoral and Boundaries Commission").
func (x *extractor) allEnglish(a, b int) bool {
	for i := a; i < b; i++ {
		if w := x.word(i); x.toks[i].flags&fCap == 0 || w != "The" && !englishWord(w) && !isDemonym(w) {
			return false
		}
	}
	return true
}

// eventHead reports a word that ends the name of an event, which is none of
// the kinds extracted ("Olympic Games", "Cannes Film Festival").
func eventHead(w string) bool {
	switch w {
	case "Conference", "Summit", "Games", "Olympics", "Festival", "Championship", "Championships", "Cup", "Expo",
		"Awards", "Marathon", "Open", "Prix", "Week", "Fair", "Biennale", "Tournament", "Series", "Grand Slam":
		return true
	}
	return false
}

// currencyCode reports an ISO 4217 code of a much-traded currency ("USD").
func currencyCode(w string) bool {
	switch w {
	case "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "CHF", "CAD", "AUD", "NZD", "INR", "HKD", "SGD", "KRW", "SEK",
		"NOK", "DKK", "RUB", "BRL", "MXN", "ZAR", "TRY", "PLN", "THB", "IDR", "MYR", "PHP", "AED", "SAR", "NGN",
		"KES", "EGP", "ILS", "TWD", "CZK", "HUF", "ARS", "CLP", "COP", "PKR", "BDT", "VND", "UAH":
		return true
	}
	return false
}

// forHead reports a word that heads an organisation's name before "for" or
// "on" ("Centre for …", "Campaign for …", "Movement for …").
func forHead(w string) bool {
	switch w {
	case "Centre", "Center", "Campaign", "Movement", "Network", "Forum", "Partnership", "Project",
		"Initiative", "Programme", "Program", "Alliance", "Coalition", "Fund", "Trust", "Front", "Institute",
		"Council", "Committee", "Commission", "Foundation", "Society", "Association", "Union", "League",
		"Office", "Agency", "Party", "Centers", "Centres", "Council's":
		return true
	}
	return false
}

// sequence splits a capitalised run [a,b) at titles and classifies its parts.
func (x *extractor) sequence(pi, a, b int) {
	// Leading function words: "The", and sentence-initial "But", "When".
	for a < b {
		w := x.word(a)
		c := class(w)
		if c&wFunction != 0 && c&wHonorific == 0 && (x.sentStart(a) || w == "The" || w == "A" || w == "An") {
			a++
			continue
		}
		if x.sentStart(a) && b-a > 1 && x.toks[a+1].flags&fCap != 0 && class(strings.ToLower(w))&(wOrgCue|wPersonCue) != 0 && c&(wTitle|wHonorific) == 0 && !isPlace(w) && !isKnownOrg(w) {
			a++ // "Automaker GM", "Analyst Jane Roe": a description, then the name
			continue
		}
		if x.sentStart(a) && b-a > 1 && c == 0 && inflected(w) && !gazetteer.GivenName(w) && !isPlace(w) {
			a++ // "Totaling US$…", "Asked about …"
			continue
		}
		if b-a > 2 && gazetteer.GivenName(x.word(a+1)) && !gazetteer.GivenName(w) && c&(wTitle|wHonorific) == 0 {
			if _, ok := gazetteer.Demonym(w); ok {
				a++ // "the American Jessica Tran"
				continue
			}
			if x.sentStart(a) && agentNoun(w) && !gazetteer.Surname(w) && !isPlace(w) && !isKnownOrg(w) {
				a++ // "Rancher Dale Whitcomb"
				continue
			}
		}
		break
	}
	if a >= b {
		return
	}
	// Find a title run followed by a name.
	k := a
	for k < b && !x.isTitleAt(k, b) {
		k++
	}
	if k == b {
		// "Ryanair CEO": a name, then a title with no name after it
		e := b
		for e > a+1 && x.titleWord(e-1) && x.cls(e-1)&wHonorific == 0 {
			e--
		}
		if e < b && e > a && x.cls(e)&wCorpTitle != 0 && !x.knownName(a, b) {
			x.prefix(pi, a, e, true)
			return
		}
		x.classify(pi, a, a, b, false)
		return
	}
	m := k
	honorOnly := true
	for m < b && x.titleWord(m) && !(m == b-1 && m > k && x.afterPlainHonorific(m)) {
		if x.cls(m)&wHonorific == 0 {
			honorOnly = false
		}
		m++
	}
	var objs [][2]int
	for m < b && x.word(m) == "of" {
		honorOnly = false
		m++
		if m < b && x.word(m) == "the" {
			m++
		}
		o := m
		m = x.skipTitleObject(m, b)
		if o < m && (m >= b || x.knownName(o, m)) {
			objs = append(objs, [2]int{o, m}) // "Prime Minister of Singapore", "Vice Chairman of Chrysler"
		}
		for m < b && x.titleWord(m) {
			m++
		}
	}
	corp := false
	for i := k; i < m; i++ {
		if x.cls(i)&wCorpTitle != 0 {
			corp = true
		}
	}
	if k > a {
		x.prefix(pi, a, k, corp)
	}
	for _, o := range objs {
		x.classify(pi, o[0], o[0], o[1], false)
	}
	if m >= b {
		return
	}
	h := m
	if honorOnly {
		h = k
	}
	x.classifyTitled(pi, h, m, b)
}

// titleWord reports whether token i is a title or honorific.
func (x *extractor) titleWord(i int) bool {
	return x.cls(i)&(wTitle|wHonorific) != 0
}

// isTitleAt reports whether a title run starts at k and a name follows it
// within [k,b), and the rest does not read as an organisation ("General Motors").
func (x *extractor) isTitleAt(k, b int) bool {
	if !x.titleWord(k) {
		return false
	}
	m := k
	for m < b && x.titleWord(m) {
		m++
	}
	if m < b && x.word(m) == "of" {
		return m+1 < b
	}
	if m >= b {
		// "Ms Sheikh", "Mr King": after a plain honorific the last title
		// word is the surname
		return m-k >= 2 && x.afterPlainHonorific(k+1)
	}
	// "General Motors", "Justice Department", "Prince Edward Island"
	last := x.cls(b - 1)
	if last&(wOrgSuffix|wPlaceHead) != 0 && !gazetteer.GivenName(x.word(m)) {
		return false
	}
	if isPlace(x.span(k, b)) {
		return false
	}
	if _, ok := gazetteer.Organisation(x.span(k, b)); ok {
		return false
	}
	return true
}

// skipTitleObject skips the object of "Secretary of State", "President of
// the United States" and returns where the person's name starts.
func (x *extractor) skipTitleObject(m, b int) int {
	if m >= b {
		return m
	}
	// A given name marks the start of the person's name.
	for i := m + 1; i < b; i++ {
		if gazetteer.GivenName(x.word(i)) && !x.titleWord(i) {
			if isPlace(x.span(m, i)) || i == m+1 || x.knownName(m, i) {
				return i
			}
		}
	}
	// The longest known place or organisation.
	for e := b - 1; e > m; e-- {
		if x.knownName(m, e) {
			return e
		}
	}
	return m + 1
}

func (x *extractor) knownName(a, b int) bool {
	s := x.span(a, b)
	if isPlace(s) {
		return true
	}
	_, ok := gazetteer.Organisation(s)
	return ok
}

// prefix classifies the words before a title: "US" in "US Secretary of
// State", "Northrop Grumman" in "Northrop Grumman CEO".
func (x *extractor) prefix(pi, a, k int, corp bool) {
	s := x.span(a, k)
	if isPlace(s) {
		x.classify(pi, a, a, k, false)
		return
	}
	if _, ok := gazetteer.Demonym(s); ok {
		return
	}
	if _, ok := gazetteer.Organisation(s); ok {
		x.classify(pi, a, a, k, false)
		return
	}
	if corp {
		n := len(x.cands)
		x.classify(pi, a, a, k, false)
		if len(x.cands) > n {
			c := &x.cands[len(x.cands)-1]
			if c.kind == 0 || (c.kind == Person && c.str < strRule) {
				c.kind, c.str = Organisation, strContext
			}
		}
		return
	}
	// "National Security Adviser": the words belong to the title, unless
	// they are a name in their own right.
	n := len(x.cands)
	x.classify(pi, a, a, k, false)
	if len(x.cands) > n {
		c := &x.cands[len(x.cands)-1]
		if c.str < strRule {
			x.cands = x.cands[:n]
		}
	}
}

// classifyTitled adds the person named after a title.
func (x *extractor) classifyTitled(pi, h, a, b int) {
	// Trailing words that are not part of the name ("Mr Pompeo Tuesday") are cut
	// by the sequence builder; here the name is what follows the title.
	if isPlace(x.span(a, b)) && b-a == 1 && x.toks[a].flags&fUpper != 0 {
		x.classify(pi, a, a, b, false)
		return
	}
	x.cands = append(x.cands, cand{h: h, a: a, b: b, kind: Person, str: strRule, titled: true, para: pi,
		sentInit: x.sentStart(h)})
}

// classify decides the kind of name [a,b) from its own words.
func (x *extractor) classify(pi, h, a, b int, titled bool) {
	c := cand{h: h, a: a, b: b, para: pi, sentInit: x.sentStart(a)}
	s := x.span(a, b)
	n := b - a
	first, last := x.word(a), x.word(b-1)
	lc := class(last)
	switch {
	case n == 1 && a >= 2 && x.word(a-1) == "," && stateAbbrev(first) != "":
		c.kind, c.str, c.name = Place, strRule, stateAbbrev(first) // "Ellensburg, Wash."
	case n == 2 && last == "House" && x.toks[a].flags&fUpper == 0:
		c.kind, c.str = Place, strRule // "White House", "Opera House": a building, named as a place
	case isKnownOrg(s):
		c.kind, c.str = Organisation, strKnown
	case isPlace(s):
		c.kind, c.str = Place, strKnown
	case isDemonym(s):
		return
	case n >= 2 && eventHead(last):
		// "Beijing Olympic Games", "Worldwide Developers Conference (WWDC)":
		// events are none of the kinds, nor is their acronym
		if b+2 < len(x.toks) && x.word(b) == "(" && x.word(b+2) == ")" && allUpper(x.word(b+1)) {
			x.events = append(x.events, x.word(b+1))
		}
		return
	case n == 1 && (currencyCode(first) || x.isEvent(first)):
		return
	case b < len(x.toks) && (x.lowerWord(b) == "dollars" || x.lowerWord(b) == "dollar") && isPlace(s):
		return // "US dollars", "Hong Kong dollar": a currency
	case n >= 2 && last == "Government" && (isPlace(x.span(a, b-1)) || isDemonym(x.span(a, b-1))):
		c.kind, c.str = Place, strRule // "the US Government" names the country as an actor
		c.name = x.govPlace(a, b-1)
	case n == 2 && x.givenFirst(a) && lc&wOrgSuffix != 0 && !strongSuffix(last) && gazetteer.Surname(last):
		c.kind, c.str = Person, strRule // "Jim Press", "Emily Post"
	case n >= 2 && x.givenFirst(a) && x.orgTail(a, b) != 0:
		// "Orion Capital", "Emirates NBD"; "Kelvin Construction" only weakly:
		// "Steve Jobs" is built the same way
		c.kind, c.str = Organisation, x.orgTail(a, b)
	case n >= 2 && lc&wOrgSuffix != 0 && !(lc&wPlaceHead != 0 && lc&wOrgHead == 0):
		c.kind, c.str = Organisation, strRule
	case n == 1 && standalone(first):
		c.kind, c.str = Organisation, strRule
	case n >= 3 && x.hasHeadOf(a, b, wOrgHead):
		c.kind, c.str = Organisation, strRule
	case n >= 3 && x.hasHeadOf(a, b, wPlaceHead):
		c.kind, c.str = Place, strRule
	case n >= 2 && x.placeHeadInside(a, b):
		c.kind, c.str = Place, strRule
	case n >= 2 && lc&wOrgSuffix != 0:
		c.kind, c.str = Organisation, strRule
	case n >= 2 && class(first)&wPlaceFirst != 0:
		c.kind, c.str = Place, strRule
	case n >= 2 && x.givenFirst(a):
		c.kind, c.str = Person, strRule
	case n >= 2 && x.initialsAt(a) && !isPlace(first) && !isKnownOrg(first) && !englishWord(last) && lc&wOrgSuffix == 0:
		c.kind, c.str = Person, strRule // "J.K. Rowling", "J. R. R. Tolkien"
	case n >= 2 && class(last)&wNameSuffix != 0:
		c.kind, c.str = Person, strRule
	case n >= 2 && x.cls(a+1)&wParticle != 0 && x.toks[a+1].flags&fCap == 0:
		c.kind, c.str = Person, strRule
	case n == 1 && x.toks[a].flags&fUpper != 0 && len(first) <= 6:
		c.kind, c.str = Organisation, strContext
	default:
		if personal, known := x.personalWords(&c); personal && known {
			c.kind, c.str = Person, strContext // "Aryna Petrova", "Liu Wenjun"
		}
	}
	x.cands = append(x.cands, c)
}

// initialsAt reports a person's initials at token a: "J.", "J.K.".
func (x *extractor) initialsAt(a int) bool {
	t := x.toks[a]
	if t.flags&fAbbrev == 0 {
		return false
	}
	w := x.word(a)
	for i := 0; i < len(w); i += 2 {
		if i+1 >= len(w) || w[i] < 'A' || w[i] > 'Z' || w[i+1] != '.' {
			return false
		}
	}
	return len(w) <= 6
}

// orgTail reports a name after a given name that is not a person's: its last
// word an English word that is no known surname ("Kelvin Construction"), or
// an acronym after the first word ("Emirates NBD").
func (x *extractor) orgTail(a, b int) uint8 {
	for i := a + 1; i < b; i++ {
		if w := x.word(i); x.toks[i].flags&(fUpper|fAbbrev) == fUpper && allUpper(w) && class(w)&wNameSuffix == 0 {
			return strRule
		}
	}
	last := x.word(b - 1)
	if gazetteer.CommonWord(last) && !gazetteer.Surname(last) && !gazetteer.GivenName(last) {
		if class(last)&wOrgSuffix != 0 {
			return strRule
		}
		return strDefault
	}
	return 0
}

// allUpper reports a word of two or more capital letters or digits ("NBD").
func allUpper(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (x *extractor) govPlace(a, b int) string {
	s := x.span(a, b)
	if p, ok := gazetteer.Demonym(s); ok {
		return p
	}
	if p, _ := gazetteer.Place(s); p != "" {
		return p
	}
	return s
}

// givenFirst reports a name starting with a given name that is not better
// known as a place or organisation ("Mary" is also a region, but weakly).
func (x *extractor) givenFirst(a int) bool {
	w := x.word(a)
	if !gazetteer.GivenName(w) {
		return false
	}
	if p, ok := gazetteer.LookupPlace(w); ok && !p.Ambiguous && p.Type >= gazetteer.Region {
		return false
	}
	return !isKnownOrg(w)
}

// strongSuffix words end organisation names even after a given name.
func strongSuffix(w string) bool {
	c := class(w)
	if c&wLegal != 0 {
		return true
	}
	switch w {
	case "Group", "Holdings", "Airlines", "Airways", "Bank", "Motors", "Industries", "University", "College",
		"Department", "Ministry", "Agency", "Association", "Institute", "Party", "Council", "Commission",
		"Committee", "Foundation", "Corporation", "Company", "Technologies", "Systems", "Pharmaceuticals",
		"Entertainment", "Communications", "Airline", "Hospital", "School", "Academy", "Society", "Federation":
		return true
	}
	return false
}

// hasHeadOf reports "<head> of ..." inside [a,b) ("Bank of England").
func (x *extractor) hasHeadOf(a, b int, head uint32) bool {
	for i := a + 1; i < b-1; i++ {
		switch x.word(i) {
		case "of":
			return x.cls(i-1)&head != 0
		case "for", "on":
			return head == wOrgHead && (x.cls(i-1)&wOrgHead != 0 || forHead(x.word(i-1)))
		}
	}
	return false
}

// placeHeadInside finds "Joint Base Andrews", "Changi Airport": a place word
// after the first.
func (x *extractor) placeHeadInside(a, b int) bool {
	for i := a + 1; i < b; i++ {
		c := x.cls(i)
		if c&wPlaceHead != 0 && c&wOrgSuffix == 0 {
			return true
		}
	}
	return false
}

// agentNoun reports a word shaped like an English noun for a person's
// occupation ("Rancher", "Violinist", "Historian").
func agentNoun(w string) bool {
	for _, suf := range [...]string{"er", "or", "ist", "ian", "ant", "ent"} {
		if len(w) > len(suf)+2 && w[len(w)-len(suf):] == suf {
			return true
		}
	}
	return false
}

// inflected reports a word that looks like an English verb or adverb form
// ("Totaling", "Reportedly"), not a name.
func inflected(w string) bool {
	return len(w) > 5 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ed"))
}

func standalone(w string) bool {
	switch w {
	case "Congress", "Senate", "Parliament", "Cabinet", "Pentagon", "Kremlin", "Bundestag", "Knesset", "Duma":
		return true
	}
	return false
}

func isKnownOrg(s string) bool {
	_, ok := gazetteer.Organisation(straightQuotes(s))
	return ok
}

func isPlace(s string) bool {
	_, t := gazetteer.Place(straightQuotes(s))
	return t != gazetteer.NotPlace
}

// straightQuotes writes a typographic apostrophe as the gazetteer does
// ("People’s Republic" → "People's Republic"); most names have none.
func straightQuotes(s string) string {
	if !strings.Contains(s, "’") {
		return s
	}
	return strings.ReplaceAll(s, "’", "'")
}

func isDemonym(s string) bool {
	_, ok := gazetteer.Demonym(s)
	return ok
}
