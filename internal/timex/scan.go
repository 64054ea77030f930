package timex

import (
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord tokKind = iota + 1
	tNum
	tPunct
)

const (
	fSpace   uint8 = 1 << iota // white space before the token
	fNewline                   // a line break before the token
	fCap                       // word starts with an upper-case letter
	fLower                     // word has a lower-case letter (so is not all caps)
)

// token is one word, digit run or punctuation mark. Offsets are int32 to keep
// the slice small; texts over 2 GB are not news stories.
type token struct {
	start, end int32
	num        int32 // value of a digit run (-1 when too long), or the rune of a punctuation mark
	kind       tokKind
	flags      uint8
	kw         uint16 // index into kwInfos, 0 when the word is no keyword
}

// tokenize appends the tokens of text to toks. Digit runs and letter runs are
// separate tokens even when adjacent ("12th", "1980s", "A380"); the missing
// fSpace flag tells that they touch.
func tokenize(text string, toks []token) []token {
	flags := fSpace | fNewline
	i := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			flags |= fSpace
			i++
		case c == '\n':
			flags |= fSpace | fNewline
			i++
		case c >= '0' && c <= '9':
			j := i
			var v int64
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				if v < 1e9 {
					v = v*10 + int64(c2d(text[j]))
				}
				j++
			}
			n := int32(-1)
			if j-i <= 9 {
				n = int32(v)
			}
			toks = append(toks, token{start: int32(i), end: int32(j), num: n, kind: tNum, flags: flags})
			flags = 0
			i = j
		case c < utf8.RuneSelf && !isASCIILetter(c):
			toks = append(toks, token{start: int32(i), end: int32(i + 1), num: int32(c), kind: tPunct, flags: flags})
			flags = 0
			i++
		default:
			// A word: ASCII letters and non-ASCII letters. The keyword hash is
			// computed on the way; a non-ASCII letter makes it no keyword.
			j := i
			h := uint32(hashSeed)
			ascii := true
			for j < len(text) {
				b := text[j]
				if b < utf8.RuneSelf {
					if !isASCIILetter(b) {
						break
					}
					h = (h ^ uint32(b|0x20)) * hashMul
					j++
					continue
				}
				r, size := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) && !unicode.IsMark(r) {
					break
				}
				ascii = false
				j += size
			}
			if j == i { // a non-ASCII rune that is no letter
				r, size := utf8.DecodeRuneInString(text[i:])
				if unicode.IsSpace(r) {
					flags |= fSpace
					if r == '\u2028' || r == '\u2029' || r == '\u0085' {
						flags |= fNewline
					}
				} else {
					toks = append(toks, token{start: int32(i), end: int32(i + size), num: int32(r), kind: tPunct, flags: flags})
					flags = 0
				}
				i += size
				continue
			}
			t := token{start: int32(i), end: int32(j), kind: tWord, flags: flags}
			if c >= 'A' && c <= 'Z' {
				t.flags |= fCap
			}
			for k := i; k < j; k++ {
				if b := text[k]; b >= 'a' && b <= 'z' {
					t.flags |= fLower
					break
				}
			}
			if ascii && j-i <= maxKwLen {
				t.kw = lookupHashed(text[i:j], h)
			}
			toks = append(toks, t)
			flags = 0
			i = j
		}
	}
	return toks
}

func c2d(b byte) int { return int(b - '0') }

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

const (
	hashSeed = 2166136261
	hashMul  = 16777619
	kwSlots  = 1 << 11
)

// kwTable is an open-addressing table of the keywords, keyed by the FNV-1a
// hash of the lower-cased word: cheaper than a map lookup for every word.
var kwTable [kwSlots]struct {
	key string
	idx uint16
}

func buildKwTable() {
	for w, idx := range kwIndex {
		h := uint32(hashSeed)
		for k := 0; k < len(w); k++ {
			h = (h ^ uint32(w[k])) * hashMul
		}
		for p := h & (kwSlots - 1); ; p = (p + 1) & (kwSlots - 1) {
			if kwTable[p].key == "" {
				kwTable[p].key, kwTable[p].idx = w, idx
				break
			}
		}
	}
}

// lookupHashed returns the keyword index of the ASCII word with hash h,
// compared case-insensitively, or 0.
func lookupHashed(word string, h uint32) uint16 {
	for p := h & (kwSlots - 1); ; p = (p + 1) & (kwSlots - 1) {
		e := &kwTable[p]
		if e.key == "" {
			return 0
		}
		if len(e.key) == len(word) && lowerEq(word, e.key) {
			return e.idx
		}
	}
}
