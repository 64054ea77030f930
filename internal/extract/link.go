package extract

import (
	"strings"

	"github.com/storygen/storygen/internal/gazetteer"
)

// paraStart returns the first token index of the candidate's paragraph.
func (x *extractor) paraRange(c *cand) (int, int) {
	p := x.paras[c.para]
	return p[0], p[1]
}

// lowerWord returns token i's text when it is a lower-case word, else "".
func (x *extractor) lowerWord(i int) string {
	t := x.toks[i]
	if t.flags&fWord == 0 || t.flags&(fCap|fUpper) != 0 {
		return ""
	}
	return x.text[t.start:t.end]
}

// context uses the words around a name without strong evidence of its own.
func (x *extractor) context() {
	for i := range x.cands {
		c := &x.cands[i]
		from, to := x.paraRange(c)
		if c.kind == Person && c.str == strRule && !c.titled && c.h-1 >= from && x.lcls(c.h-1)&(wOrgCue|wPersonCue) == wOrgCue {
			c.kind = Organisation // "magazine Der Spiegel"
			continue
		}
		if c.str >= strContext {
			continue
		}
		n := c.b - c.a
		// Before: "airline Ryanair", "analyst Chris Smith", "chief executive of X", "in Toulouse".
		p := c.h - 1
		if p >= from && x.word(p) == "," && p-1 >= from {
			cl := x.lcls(p - 1)
			if cl&wOrgCue != 0 && !(cl&wPersonCue != 0 && x.nameLike(c)) {
				c.kind, c.str = Organisation, strContext
				continue
			}
			if cl&wPersonCue != 0 && x.nameLike(c) {
				c.kind, c.str = Person, strContext // "a spokeswoman, Okonjo, said"
				continue
			}
		}
		if p >= from {
			w := x.lowerWord(p)
			cl := class(w)
			switch {
			case cl&wPersonCue != 0 && n == 1 && cl&wOrgCue == 0 && x.nameLike(c):
				c.kind, c.str = Person, strContext // "spokeswoman Okonjo said"
				continue
			case cl&wPersonCue != 0 && n >= 2 && (cl&wOrgCue == 0 || x.givenFirst(c.a)):
				c.kind, c.str = Person, strContext // "partner Hiroshi Tanaka"
				continue
			case cl&wOrgCue != 0 && x.toks[c.a].flags&fPoss == 0 && !(n >= 2 && x.givenFirst(c.a) && x.looksPersonal(c)):
				c.kind, c.str = Organisation, strContext
				continue
			case cl&wPersonCue != 0 && n >= 2:
				c.kind, c.str = Person, strContext
				continue
			case w == "of" && p-1 >= from && placeOfNoun(strings.ToLower(x.word(p-1))) && c.kind == 0:
				c.kind, c.str = Place, strContext // "residents of Thorp", "the town of Cle Elum"
				continue
			case (w == "of" || w == "for" || w == "at") && p-1 >= from:
				q := x.word(p - 1)
				if class(q)&wCorpTitle != 0 || class(strings.ToLower(q))&wPersonCue != 0 && q != "head" {
					c.kind, c.str = Organisation, strContext
					continue
				}
			case cl&wPlaceCue != 0 && n == 1 && x.toks[c.a].flags&(fUpper|fPoss) == 0 && c.kind == 0:
				c.kind, c.str = Place, strDefault
			case (w == "near" || w == "outside") && n <= 3 && c.kind == 0:
				c.kind, c.str = Place, strDefault // "near Three Forks"
			}
		}
		// A dateline: "ELLENSBURG, Wash. —", "LONDON (Reuters) –"
		if c.para == 0 && c.a == x.paras[0][0] && n == 1 && x.toks[c.a].flags&fUpper != 0 && len(x.word(c.a)) > 3 &&
			c.b < to && (x.word(c.b) == "," || x.word(c.b) == "(" || x.word(c.b) == "—" || x.word(c.b) == "–") &&
			!isKnownOrg(x.word(c.a)) {
			c.kind, c.str = Place, strContext
			continue
		}
		// "from Sriharikota in Andhra Pradesh": an unknown name placed in a region
		if c.kind == 0 && n <= 2 && p >= from && c.b+1 < to && x.word(c.b) == "in" && x.isNameTok(c.b+1) {
			switch x.lowerWord(p) {
			case "from", "in", "at", "near", "to", "outside":
				e := c.b + 2
				for e < to && x.joinable(e, to) {
					e++
				}
				if _, t := gazetteer.Place(x.span(c.b+1, e)); t >= gazetteer.Region {
					c.kind, c.str = Place, strDefault
					continue
				}
			}
		}
		// After: "Cupertino, California", "Apple's chief executive", "Boeing announced".
		q := c.b
		if q+1 < to && x.word(q) == "," && x.isNameTok(q+1) {
			e := q + 2
			for e < to && x.joinable(e, to) {
				e++
			}
			if _, t := gazetteer.Place(x.span(q+1, e)); (t >= gazetteer.Region || stateAbbrev(x.span(q+1, e)) != "" ||
				x.span(q+1, e) == "Washington") && c.kind != Organisation && c.kind != Person {
				c.kind, c.str = Place, strContext
				continue
			}
		}
		if q < to && c.kind == 0 && n == 1 && !(c.sentInit && gazetteer.CommonWord(x.word(c.a))) &&
			!(x.speechNear(c) && surnameShaped(x.word(c.a)) && x.nameLike(c)) {
			w := x.lowerWord(q)
			if x.toks[c.b-1].flags&fPoss != 0 {
				if class(w)&(wBusinessVerb|wPersonCue) != 0 {
					c.kind, c.str = Organisation, strDefault
				}
			} else if class(w)&wBusinessVerb != 0 && class(w)&wSpeech == 0 {
				c.kind, c.str = Organisation, strDefault
			}
		}
	}
}

// placeOfNoun reports a noun whose "of" object is a place ("residents of X").
func placeOfNoun(w string) bool {
	switch w {
	case "residents", "resident", "town", "city", "village", "mayor", "outskirts", "suburbs", "suburb", "streets",
		"coast", "shore", "shores", "waters", "banks", "edge", "border", "area",
		"centre", "center", "people", "province", "county", "region", "district", "capital", "port", "state",
		"municipality", "island", "north", "south", "east", "west", "northeast", "northwest", "southeast",
		"southwest", "heart", "parts", "citizens", "inhabitants", "hamlet", "borough", "neighbourhood",
		"neighborhood":
		return true
	}
	return false
}

// stateAbbrev returns the US state an AP-style abbreviation names ("Wash." →
// "Washington"), as news writes it after a town: "Ellensburg, Wash.".
func stateAbbrev(w string) string {
	switch w {
	case "Ala.":
		return "Alabama"
	case "Ariz.":
		return "Arizona"
	case "Ark.":
		return "Arkansas"
	case "Calif.":
		return "California"
	case "Colo.":
		return "Colorado"
	case "Conn.":
		return "Connecticut"
	case "Del.":
		return "Delaware"
	case "Fla.":
		return "Florida"
	case "Ga.":
		return "Georgia"
	case "Ill.":
		return "Illinois"
	case "Ind.":
		return "Indiana"
	case "Kan.", "Kans.":
		return "Kansas"
	case "Ky.":
		return "Kentucky"
	case "La.":
		return "Louisiana"
	case "Md.":
		return "Maryland"
	case "Mass.":
		return "Massachusetts"
	case "Mich.":
		return "Michigan"
	case "Minn.":
		return "Minnesota"
	case "Miss.":
		return "Mississippi"
	case "Mo.":
		return "Missouri"
	case "Mont.":
		return "Montana"
	case "Neb.", "Nebr.":
		return "Nebraska"
	case "Nev.":
		return "Nevada"
	case "N.H.":
		return "New Hampshire"
	case "N.J.":
		return "New Jersey"
	case "N.M.":
		return "New Mexico"
	case "N.Y.":
		return "New York"
	case "N.C.":
		return "North Carolina"
	case "N.D.":
		return "North Dakota"
	case "Okla.":
		return "Oklahoma"
	case "Ore.", "Oreg.":
		return "Oregon"
	case "Pa.":
		return "Pennsylvania"
	case "R.I.":
		return "Rhode Island"
	case "S.C.":
		return "South Carolina"
	case "S.D.":
		return "South Dakota"
	case "Tenn.":
		return "Tennessee"
	case "Tex.":
		return "Texas"
	case "Vt.":
		return "Vermont"
	case "Va.":
		return "Virginia"
	case "Wash.":
		return "Washington"
	case "W.Va.":
		return "West Virginia"
	case "Wis.", "Wisc.":
		return "Wisconsin"
	case "Wyo.":
		return "Wyoming"
	}
	return ""
}

// wordPrefix reports whether s starts with the words of p ("Apple Computer", "Apple").
func wordPrefix(s, p string) bool {
	return len(s) > len(p) && s[len(p)] == ' ' && s[:len(p)] == p
}

// wordSuffix reports whether s ends with the words of p.
func wordSuffix(s, p string) bool {
	return len(s) > len(p) && s[len(s)-len(p)-1] == ' ' && s[len(s)-len(p):] == p
}

type indexKey struct {
	kind Kind
	str  uint8
	name string
}

// nameIndex lists, once per distinct name, the multi-word names of a story
// by word, so that linking short forms is not quadratic in long stories.
type nameIndex struct {
	personByWord map[string][]int
	orgByFirst   map[string][]int
	// orgByLast lists the organisations named by a place and one more word
	// ("Glasgow Rangers") by that word: the club's short name.
	orgByLast map[string][]int
	byInitial map[byte][]int
}

func (x *extractor) index() {
	ix := &x.ix
	ix.reset()
	seen := x.seen
	clear(seen)
	for i := range x.cands {
		c := &x.cands[i]
		if c.drop || c.kind == 0 || c.b-c.a < 2 {
			continue
		}
		key := indexKey{c.kind, c.str, x.span(c.a, c.b)}
		if seen[key] {
			continue
		}
		seen[key] = true
		switch c.kind {
		case Person:
			for t := c.a; t < c.b; t++ {
				w := x.word(t)
				if l := ix.personByWord[w]; len(l) == 0 || l[len(l)-1] != i {
					ix.personByWord[w] = append(l, i)
				}
			}
		case Organisation:
			ix.orgByFirst[x.word(c.a)] = append(ix.orgByFirst[x.word(c.a)], i)
			if last := x.word(c.b - 1); x.cls(c.b-1)&(wGeneric|wOrgSuffix) == 0 && isPlace(x.span(c.a, c.b-1)) {
				ix.orgByLast[last] = append(ix.orgByLast[last], i)
			}
		}
		if c.kind != Person {
			if w := x.word(c.a); w != "" {
				ix.byInitial[w[0]] = append(ix.byInitial[w[0]], i)
			}
		}
	}
}

// reset empties the index; cleared maps keep their room for the next story
// and hold no key of the last one.
func (ix *nameIndex) reset() {
	clear(ix.personByWord)
	clear(ix.orgByFirst)
	clear(ix.orgByLast)
	clear(ix.byInitial)
}

// consistency gives every mention of a name the kind its best-evidenced
// mention has, ties short forms to the full names of the story, and falls
// back to defaults for names with no evidence at all.
func (x *extractor) consistency() {
	x.index()
	// Sentence-initial common words ("Shares", "Officials") are not names
	// unless the story uses them as names elsewhere.
	best := x.best // bare text → index of the best-evidenced candidate
	clear(best)
	for i := range x.cands {
		c := &x.cands[i]
		if c.kind == 0 {
			continue
		}
		s := x.span(c.a, c.b)
		if j, ok := best[s]; !ok || x.cands[j].str < c.str {
			best[s] = i
		}
	}
	for i := range x.cands {
		c := &x.cands[i]
		if c.kind == Place && c.b-c.a == 1 && !c.titled && x.speechNear(c) {
			// "said Angers" where the story named Sandy Angers: the surname, not the town
			if _, t := gazetteer.Place(x.word(c.a)); t == gazetteer.City && x.partOfPerson(x.word(c.a)) >= 0 {
				c.kind, c.str = Person, strRule
			}
		}
		if c.b-c.a >= 2 && c.str <= strRule && !c.titled && c.a > 0 && c.b < len(x.toks) && x.isOpenQ(c.a-1) && x.isCloseQ(c.b) {
			c.drop = true // a quoted title: "Way Forward"
			continue
		}
		if c.str >= strRule {
			continue
		}
		s := x.span(c.a, c.b)
		n := c.b - c.a
		if n == 1 {
			if k := x.partOfPerson(s); k >= 0 {
				c.kind, c.str = Person, strRule
				continue
			}
		}
		if k := x.prefixOfOrg(c.a, c.b); k >= 0 {
			c.kind, c.str = Organisation, strRule
			continue
		}
		if n == 1 && x.toks[c.a].flags&fUpper != 0 {
			if k := x.acronymOf(s); k >= 0 {
				c.kind, c.str = Organisation, strRule
				continue
			}
		}
		if j, ok := best[s]; ok && x.cands[j].str > c.str && x.cands[j].str >= strContext {
			c.kind, c.str = x.cands[j].kind, x.cands[j].str
			continue
		}
		if c.kind != 0 {
			continue
		}
		// No evidence: defaults.
		first := x.word(c.a)
		if n == 1 {
			if gazetteer.CommonWord(first) || class(first)&(wFunction|wTitle|wHonorific) != 0 || gazetteer.GivenName(first) {
				c.drop = true
				continue
			}
			if c.sentInit && !x.subjectVerbAfter(c) && x.toks[c.a].flags&fUpper == 0 {
				c.drop = true // "Substantive talks…": a capitalised sentence start, no evidence of a name
				continue
			}
			if x.speechNear(c) && x.toks[c.b-1].flags&fPoss == 0 && x.nameLike(c) && surnameShaped(first) {
				c.kind, c.str = Person, strDefault // "O'Brien said", "said Okonkwo"
				continue
			}
			c.kind, c.str = Organisation, strDefault
			continue
		}
		if c.sentInit && (gazetteer.CommonWord(first) || class(first)&wFunction != 0) {
			// "Officials Kim Jong Un": drop the first word, judge the rest.
			c.drop = true
			x.reclassify(c.para, c.a+1, c.b)
			continue
		}
		if c.a > 0 && c.b < len(x.toks) && x.isOpenQ(c.a-1) && x.isCloseQ(c.b) {
			c.drop = true // a quoted title: "Way Forward"
			continue
		}
		allCommon := true
		for t := c.a; t < c.b; t++ {
			if !gazetteer.CommonWord(x.word(t)) {
				allCommon = false
			}
		}
		if allCommon {
			c.drop = true
			continue
		}
		c.kind, c.str = x.multiDefault(c)
	}
}

// subjectVerbAfter reports a verb or possessive right after the name
// ("Boeing said", "Ryanair has", "Airbus’s"), the mark of a subject.
func (x *extractor) subjectVerbAfter(c *cand) bool {
	if x.toks[c.b-1].flags&fPoss != 0 {
		return true
	}
	_, to := x.paraRange(c)
	if c.b >= to {
		return false
	}
	return x.lcls(c.b)&(wSpeech|wBusinessVerb) != 0
}

// speechNear reports a speech verb right before or after the name.
func (x *extractor) speechNear(c *cand) bool {
	from, to := x.paraRange(c)
	if c.h-1 >= from && x.lcls(c.h-1)&wSpeech != 0 {
		return true
	}
	return c.b < to && x.lcls(c.b)&wSpeech != 0
}

// reclassify appends a candidate for [a,b) decided by its own words only.
func (x *extractor) reclassify(pi, a, b int) {
	if a >= b {
		return
	}
	n := len(x.cands)
	x.classify(pi, a, a, b, false)
	if len(x.cands) == n {
		return
	}
	c := x.cands[len(x.cands)-1]
	x.cands = x.cands[:n]
	if c.kind == 0 {
		if b-a == 1 && (gazetteer.CommonWord(x.word(a)) || gazetteer.GivenName(x.word(a))) {
			return
		}
		if b-a == 1 {
			c.kind, c.str = Organisation, strDefault
		} else {
			c.kind, c.str = x.multiDefault(&c)
		}
	}
	c.sentInit = false
	// keep candidates in text order: the new one sits where the old one was
	for i := n - 1; i >= 0; i-- {
		if x.cands[i].a == a-1 && x.cands[i].drop {
			x.cands[i] = c
			return
		}
	}
}

// multiDefault picks the kind of an unknown name of several words: a
// person when the text treats it as one (speech verb after it), else an
// organisation, the commonest kind of unknown name in news.
func (x *extractor) multiDefault(c *cand) (Kind, uint8) {
	_, to := x.paraRange(c)
	if c.b-c.a <= 3 && c.b < to && x.toks[c.b-1].flags&fPoss == 0 {
		w := x.lowerWord(c.b)
		if class(w)&wSpeech != 0 && !x.hasAcronym(c.a, c.b) {
			return Person, strDefault
		}
		if x.word(c.b) == "," && c.b+1 < to {
			// "Jane Roe, 45," / "Jane Roe, a spokeswoman"
			if x.toks[c.b+1].flags&fDigit != 0 {
				return Person, strDefault
			}
			if c.b+2 < to && (x.word(c.b+1) == "a" || x.word(c.b+1) == "the") {
				for k := c.b + 2; k < to && k < c.b+6; k++ {
					cl := x.lcls(k)
					if cl&wPersonCue != 0 {
						return Person, strDefault
					}
					if cl&wOrgCue != 0 {
						if personal, _ := x.personalWords(c); personal {
							return Person, strDefault // "Thabo Mokoena, a miner"
						}
						return Organisation, strDefault
					}
				}
			}
		}
	}
	if x.looksPersonal(c) {
		return Person, strDefault
	}
	return Organisation, strDefault
}

// nameLike reports a one-word name that can be a surname: no English word,
// place, organisation or acronym; longer names go by personalWords.
func (x *extractor) nameLike(c *cand) bool {
	if c.b-c.a != 1 {
		personal, _ := x.personalWords(c)
		return personal
	}
	w := x.word(c.a)
	return x.toks[c.a].flags&fUpper == 0 && !gazetteer.CommonWord(w) && !englishWord(w) && !isPlace(w) &&
		!isKnownOrg(w) && !isDemonym(w) && x.cls(c.a) == 0
}

// surnameShaped reports a word that is a known surname or built like one
// ("O'Brien", "D'Souza", "McAllister").
func surnameShaped(w string) bool {
	if gazetteer.Surname(w) {
		return true
	}
	if len(w) > 3 && (w[0] == 'O' || w[0] == 'D') && (w[1] == '\'' || strings.HasPrefix(w[1:], "’")) {
		return true
	}
	return len(w) > 3 && w[0] == 'M' && w[1] == 'c' && w[2] >= 'A' && w[2] <= 'Z'
}

// hasAcronym reports an all-capitals word in [a,b) ("Emirates NBD").
func (x *extractor) hasAcronym(a, b int) bool {
	for t := a; t < b; t++ {
		if x.toks[t].flags&(fUpper|fAbbrev) == fUpper && allUpper(x.word(t)) {
			return true
		}
	}
	return false
}

// looksPersonal reports an unknown name of two or three words that reads as a
// person's ("Aroha Ngata", "Liu Wenjun", "Chidi Okoro"): no English word, no
// acronym, nothing a place or organisation is built from, and either a known
// given name or surname in it, or no place preposition before it.
func (x *extractor) looksPersonal(c *cand) bool {
	personal, known := x.personalWords(c)
	if !personal {
		return false
	}
	if known {
		return true
	}
	from, _ := x.paraRange(c)
	if p := c.h - 1; p >= from {
		switch x.lowerWord(p) {
		case "in", "at", "near", "from", "to", "of", "outside", "into", "and":
			return false
		}
	}
	return true
}

// personalWords reports whether the words of c could all be parts of a
// person's name, and whether one of them is a known given name or surname.
func (x *extractor) personalWords(c *cand) (personal, known bool) {
	n := c.b - c.a
	if n < 2 || n > 3 {
		return false, false
	}
	plain := 0 // words that are no English word at all
	for t := c.a; t < c.b; t++ {
		w := x.word(t)
		f := x.toks[t].flags
		if f&fCap == 0 || f&fUpper != 0 || isPlace(w) || isDemonym(w) || isKnownOrg(w) ||
			x.cls(t)&(wOrgSuffix|wOrgHead|wPlaceHead|wPlaceFirst|wGeneric|wFunction|wTitle|wCorpTitle) != 0 ||
			len(w) > 4 && w[len(w)-1] == 's' && class(w[:len(w)-1])&wOrgSuffix != 0 { // "Semiconductors"
			return false, false
		}
		given, sur := gazetteer.GivenName(w), gazetteer.Surname(w)
		if gazetteer.CommonWord(w) || englishWord(w) { // "Biologics"
			if !sur {
				return false, false // "Moon Jae-in", "Deepa Sun": surnames that are also words
			}
		} else {
			plain++
		}
		if given || sur {
			known = true
		}
	}
	return plain > 0, known
}

// lateSurnames makes a lone word a mention of the person whose name ends in
// it, once defaults have made that name a person ("Thabo Mokoena, a miner.
// Mokoena, 45, …").
func (x *extractor) lateSurnames() {
	need := false
	for i := range x.cands {
		if c := &x.cands[i]; c.b-c.a == 1 && (c.drop && c.kind == 0 || c.kind != Person && c.str <= strDefault) {
			need = true
			break
		}
	}
	if !need {
		return
	}
	x.index()
	for i := range x.cands {
		c := &x.cands[i]
		if c.b-c.a != 1 || !(c.drop && c.kind == 0 || c.kind != Person && c.str <= strDefault) {
			continue
		}
		w := x.word(c.a)
		if k := x.clubOf(w); k >= 0 && x.toks[c.a].flags&fUpper == 0 {
			c.kind, c.str, c.drop = Organisation, strContext, false // "Rangers" of "Glasgow Rangers"
			continue
		}
		if gazetteer.CommonWord(w) || gazetteer.GivenName(w) {
			continue
		}
		for _, j := range x.ix.personByWord[w] {
			d := &x.cands[j]
			if d.kind == Person && !d.drop && d.b-d.a >= 2 && x.word(d.b-1) == w {
				c.kind, c.str, c.drop = Person, strContext, false
				break
			}
		}
	}
}

// clubOf returns the one organisation named by a place and the word w
// ("Kano Pillars" for "Pillars"), or -1.
func (x *extractor) clubOf(w string) int {
	found := -1
	for _, i := range x.ix.orgByLast[w] {
		d := &x.cands[i]
		if d.kind != Organisation || d.drop {
			continue
		}
		if found >= 0 && x.fullText(found) != x.fullText(i) {
			return -1
		}
		found = i
	}
	return found
}

// coordination gives a name with no evidence of its own the kind of the
// place it is listed with: "Billings and Helena", "Thorp and Cle Elum".
func (x *extractor) coordination() {
	for i := range x.cands {
		c := &x.cands[i]
		if c.drop && !(c.kind == 0 && (c.b-c.a == 1 && gazetteer.GivenName(x.word(c.a)) || c.b-c.a > 1 && !c.sentInit)) ||
			c.str > strDefault || c.titled {
			continue // a lone given name or common words dropped for want of evidence may still be a place ("Helena", "Great Lakes")
		}
		from, to := x.paraRange(c)
		var other *cand
		h := c.h
		if h-1 >= from && x.word(h-1) == "the" {
			h-- // "the Midwest and the Great Lakes"
		}
		if h-2 >= from && i > 0 && x.cands[i-1].b == h-1 {
			switch x.word(h - 1) {
			case "and", "or":
				other = &x.cands[i-1]
			case "to": // "from Addis Ababa to Mekelle"
				if p := &x.cands[i-1]; p.h-1 >= from && x.word(p.h-1) == "from" {
					other = p
				}
			}
		} else if c.b+1 < to && (x.word(c.b) == "and" || x.word(c.b) == "or") && i+1 < len(x.cands) && x.cands[i+1].h == c.b+1 {
			other = &x.cands[i+1]
		}
		if other == nil || other.drop || other.kind != Place || other.str < strContext {
			continue
		}
		if c.b-c.a == 1 && x.partOfPerson(x.word(c.a)) >= 0 {
			continue
		}
		c.kind, c.str, c.drop = Place, strContext, false
	}
}

// partOfPerson returns a person candidate whose full name holds the word w.
func (x *extractor) partOfPerson(w string) int {
	for _, i := range x.ix.personByWord[w] {
		c := &x.cands[i]
		if c.kind != Person || c.b-c.a < 2 || c.str < strContext || c.drop {
			continue
		}
		for t := c.a; t < c.b; t++ {
			if x.word(t) == w {
				return i
			}
		}
	}
	return -1
}

// prefixOfOrg returns an organisation candidate whose name starts with the
// words [a,b) and is longer ("Lockheed" of "Lockheed Martin").
func (x *extractor) prefixOfOrg(a, b int) int {
	n := b - a
	if n == 1 && x.cls(a)&wGeneric != 0 {
		return -1
	}
	for _, i := range x.ix.orgByFirst[x.word(a)] {
		c := &x.cands[i]
		if c.kind != Organisation || c.str < strRule || c.b-c.a <= n || c.drop {
			continue
		}
		ok := true
		for t := 0; t < n; t++ {
			if x.word(c.a+t) != x.word(a+t) {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// acronymOf returns an organisation or place candidate whose initials spell w.
func (x *extractor) acronymOf(w string) int {
	if w == "" {
		return -1
	}
	for _, i := range x.ix.byInitial[w[0]] {
		c := &x.cands[i]
		if c.kind == 0 || c.kind == Person || c.b-c.a < 2 || c.drop {
			continue
		}
		if x.initials(c.a, c.b, w) {
			return i
		}
	}
	return -1
}

// initials reports whether the capitalised words of [a,b) start with the
// letters of acr, in order ("United States Air Force" → "USAF").
func (x *extractor) initials(a, b int, acr string) bool {
	k := 0
	for t := a; t < b; t++ {
		w := x.word(t)
		if x.toks[t].flags&fCap == 0 || class(w)&wLegal != 0 {
			continue
		}
		if k >= len(acr) || w[0] != acr[k] {
			return false
		}
		k++
	}
	return k == len(acr) && k >= 2
}

// names sets each candidate's Name: the fullest form of its entity in the
// story, titles stripped; short forms that fit several entities stay "".
func (x *extractor) names() {
	x.index()
	var buf []int
	for i := range x.cands {
		c := &x.cands[i]
		if c.drop || c.kind == 0 {
			continue
		}
		bare := x.fullText(i)
		n := c.b - c.a
		switch c.kind {
		case Person:
			if n >= 2 && !(n == 2 && x.toks[c.a].flags&fUpper != 0) {
				c.name = x.longerPerson(c, bare)
				continue
			}
			buf = x.personsWith(bare, buf[:0])
			n0 := len(buf)
			buf = x.sameGender(c, buf)
			switch len(buf) {
			case 0:
				c.short = c.titled || n0 > 0
				if !c.short {
					c.name = bare
				}
			case 1:
				c.short = true
				c.name = x.fullText(buf[0])
			default:
				c.short, c.ambiguous = true, true
			}
		case Place:
			if c.name != "" {
				continue
			}
			if canon, t := gazetteer.Place(straightQuotes(bare)); t != gazetteer.NotPlace && canon != "" {
				c.name = canon
			} else {
				c.name = bare
			}
		case Organisation:
			if canon, ok := gazetteer.Organisation(straightQuotes(bare)); ok && canon != "" {
				c.name = canon
				continue
			}
			c.name = bare
			if k := x.clubOf(bare); n == 1 && k >= 0 {
				c.name = x.fullText(k)
				c.short = true
			} else if k := x.fullestOrg(c); k >= 0 {
				c.name = x.fullText(k)
				c.short = true
			} else if x.toks[c.a].flags&fUpper != 0 && n == 1 {
				if k := x.definedAcronym(i); k >= 0 {
					c.name = x.orgName(k)
					c.short = true
				} else if k := x.acronymOf(bare); k >= 0 && x.cands[k].kind == Organisation {
					c.name = x.orgName(k)
					c.short = true
				}
			}
		}
	}
}

func (x *extractor) orgName(k int) string {
	c := &x.cands[k]
	if c.name != "" {
		return c.name
	}
	return normSpace(x.span(c.a, c.b))
}

// definedAcronym finds "United States Air Force (USAF)": the name right
// before the parenthesised acronym at candidate i.
func (x *extractor) definedAcronym(i int) int {
	c := &x.cands[i]
	if c.a < 2 || x.word(c.a-1) != "(" || i == 0 {
		return -1
	}
	p := &x.cands[i-1]
	if p.b == c.a-1 && p.kind == Organisation && !p.drop {
		return i - 1
	}
	return -1
}

// longerPerson returns the fullest person name in the story with the same
// first and last word as bare ("Barack Hussein Obama" for "Barack Obama").
func (x *extractor) longerPerson(c *cand, bare string) string {
	best := bare
	fw, lw := x.word(c.a), x.word(c.b-1)
	for _, i := range x.ix.personByWord[fw] {
		d := &x.cands[i]
		if d.kind != Person || d.drop || d.b-d.a <= c.b-c.a {
			continue
		}
		if x.word(d.a) == fw && x.word(d.b-1) == lw {
			if s := normSpace(x.span(d.a, d.b)); len(s) > len(best) {
				best = s
			}
		}
	}
	return best
}

// personsWith returns one candidate index per distinct full person name in
// the story that holds the word w (a surname, or a family name written first).
func (x *extractor) personsWith(w string, out []int) []int {
	for _, i := range x.ix.personByWord[w] {
		c := &x.cands[i]
		if c.kind != Person || c.drop || c.b-c.a < 2 {
			continue
		}
		hit := false
		for t := c.a; t < c.b; t++ {
			if x.word(t) == w {
				if t == c.a && gazetteer.GivenName(w) && c.b-c.a == 2 && !x.familyFirst(c) {
					continue // "Mr Andrew" is not Andrew Kim
				}
				hit = true
			}
		}
		if !hit {
			continue
		}
		full := x.fullText(i)
		dup := false
		for _, j := range out {
			of := x.fullText(j)
			if of == full || wordPrefix(of, full) || wordSuffix(of, full) {
				dup = true
				break
			}
			if wordPrefix(full, of) || wordSuffix(full, of) {
				// keep the longer name's candidate
				for k := range out {
					if out[k] == j {
						out[k] = i
					}
				}
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, i)
		}
	}
	return out
}

// sameGender keeps the persons whose given name fits the gender of c's
// honorific: "Ms Marsh" is Elena Marsh, not David Marsh; "Mr Trump" is not
// Melania Trump. Without a gendered honorific, or with given names of either
// gender, all stay.
func (x *extractor) sameGender(c *cand, persons []int) []int {
	if c.h == c.a || len(persons) == 0 {
		return persons
	}
	var wantMale bool
	switch x.word(c.h) {
	case "Mr", "Mr.", "Sir", "Lord", "Monsieur", "Herr", "Señor":
		wantMale = true
	case "Ms", "Ms.", "Mrs", "Mrs.", "Miss", "Dame", "Lady", "Madam", "Madame", "Mme", "Mme.", "Mlle", "Frau", "Señora":
	default:
		return persons
	}
	out := persons[:0]
	for _, i := range persons {
		d := &x.cands[i]
		male, female := gazetteer.GivenNameGender(x.word(d.a))
		if wantMale && female || !wantMale && male {
			continue
		}
		out = append(out, i)
	}
	return out
}

// fullText returns candidate i's words with white space normalised, computed
// once per candidate.
func (x *extractor) fullText(i int) string {
	c := &x.cands[i]
	if c.full == "" {
		c.full = normSpace(x.span(c.a, c.b))
	}
	return c.full
}

// familyFirst guesses a family-name-first name ("Kim Jong Un"): three words,
// the first not a given name.
func (x *extractor) familyFirst(c *cand) bool {
	return c.b-c.a == 3 && !gazetteer.GivenName(x.word(c.a))
}

// fullestOrg returns the longest organisation name in the story that starts
// with c's words, when there is exactly one such name (suffixes aside).
func (x *extractor) fullestOrg(c *cand) int {
	n := c.b - c.a
	if n == 1 && x.cls(c.a)&wGeneric != 0 {
		return -1
	}
	best := -1
	var bestCore string
	for _, i := range x.ix.orgByFirst[x.word(c.a)] {
		d := &x.cands[i]
		if d.kind != Organisation || d.drop || d.b-d.a <= n {
			continue
		}
		same := true
		for t := 0; t < n; t++ {
			if x.word(d.a+t) != x.word(c.a+t) {
				same = false
				break
			}
		}
		if !same {
			continue
		}
		core := x.orgCore(d.a, d.b)
		if core == x.orgCore(c.a, c.b) {
			// "Apple Inc." for "Apple": the same name with a legal suffix
			if best < 0 {
				best, bestCore = i, core
			}
			continue
		}
		if best >= 0 && bestCore != core {
			if wordPrefix(core, bestCore) {
				best, bestCore = i, core
				continue
			}
			if wordPrefix(bestCore, core) {
				continue
			}
			if bestCore == x.orgCore(c.a, c.b) {
				best, bestCore = i, core
				continue
			}
			return -1 // "Apple Corps" and "Apple Computer": which one?
		}
		best, bestCore = i, core
	}
	return best
}

// orgCore is the name without legal suffixes ("Apple" for "Apple Inc.").
func (x *extractor) orgCore(a, b int) string {
	for b > a+1 && x.cls(b-1)&wLegal != 0 {
		b--
	}
	return normSpace(x.span(a, b))
}

// descriptor words name what a company does rather than which one it is
// ("Ford Motor Company", "Apple Computer", "Fiat Group").
func descriptor(w string) bool {
	switch w {
	case "Group", "Holdings", "Holding", "Motor", "Motors", "Computer", "Computers", "Corporation", "Company",
		"Incorporated", "Limited", "Co", "Co.", "Corp", "Corp.":
		return true
	}
	return false
}

// CoreName is the part of a canonical name that an id is made from: an
// organisation's legal suffix ("Inc.", "Ltd", "Company") and a leading
// "The" are dropped, so "Apple Inc." and "Apple" share an id.
func CoreName(k Kind, name string) string {
	name = strings.TrimSpace(name)
	if strings.HasPrefix(name, "The ") || strings.HasPrefix(name, "the ") {
		name = name[4:]
	}
	if k != Organisation {
		return name
	}
	for {
		i := strings.LastIndexByte(name, ' ')
		if i <= 0 {
			return name
		}
		last := strings.TrimRight(name[i+1:], ",")
		if class(last)&wLegal == 0 && !descriptor(last) {
			return name
		}
		if rest := strings.TrimRight(name[:i], ", "); strings.IndexByte(rest, ' ') < 0 && class(rest)&wGeneric != 0 {
			return name // "General Motors" stays whole
		}
		name = strings.TrimRight(name[:i], ", ")
	}
}
