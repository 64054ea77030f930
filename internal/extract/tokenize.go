package extract

import (
	"unicode"

	"github.com/storygen/storygen/internal/gazetteer"
	"unicode/utf8"
)

// token flags
const (
	fWord      uint16 = 1 << iota // letters/digits
	fCap                          // starts with an upper-case letter
	fUpper                        // two or more letters, all upper case (an acronym)
	fDigit                        // starts with a digit
	fPoss                         // followed by a possessive ’s or ’ (not part of the token)
	fSentStart                    // first word of a sentence (or of a quotation)
	fHash                         // #tag
	fHandle                       // @handle
	fOpenQ                        // an opening quote mark
	fCloseQ                       // a closing quote mark
	fSentEnd                      // . ! ? ending a sentence
	fAbbrev                       // a word followed by its abbreviation period, included in the token
	fLowerHyph                    // a capitalised word whose last hyphen part is lower case ("City-based")
	fClassed                      // cls holds the word class of the token's text
)

// token is one word or punctuation mark; offsets are into the story text.
type token struct {
	start, end int32
	flags      uint16
	// nameEnd is end, or the end of the capitalised part of a hyphenated
	// word like "City-based".
	nameEnd int32
	cls     uint32 // word class, valid once fClassed is set
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }

// letterAt reports whether a letter or digit starts at i.
func wordRuneAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	if c < utf8.RuneSelf {
		return isASCIILetter(c) || isDigit(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(s string, i int) (size int) {
	if i >= len(s) {
		return 0
	}
	if s[i] == '\'' {
		return 1
	}
	if i+2 < len(s) && s[i] == 0xE2 && s[i+1] == 0x80 && s[i+2] == 0x99 { // ’
		return 3
	}
	return 0
}

// tokenize appends the tokens of s[start:end] to toks.
func tokenize(s string, start, end int, toks []token) []token {
	i := start
	sentPending := true
	for i < end {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		if c < utf8.RuneSelf && !isASCIILetter(c) && !isDigit(c) {
			t := token{start: int32(i), end: int32(i + 1)}
			switch c {
			case '.', '!', '?':
				if c != '.' || !(i+1 < end && isDigit(s[i+1])) {
					t.flags |= fSentEnd
					sentPending = true
				}
			case '"':
				// Straight quotes open after space or start, close otherwise.
				if i == start || !(wordRuneAt(s, i-1) || s[i-1] == '.' || s[i-1] == ',' || s[i-1] == '!' || s[i-1] == '?') {
					t.flags |= fOpenQ
					sentPending = true
				} else {
					t.flags |= fCloseQ
				}
			case '#', '@':
				if wordRuneAt(s, i+1) && (i == start || !wordRuneAt(s, i-1)) {
					j := i + 1
					for j < end && (wordRuneAt(s, j) || s[j] == '_') {
						_, sz := utf8.DecodeRuneInString(s[j:])
						j += sz
					}
					t.end = int32(j)
					t.nameEnd = t.end
					if c == '#' {
						t.flags = fHash
					} else {
						t.flags = fHandle
					}
					toks = append(toks, t)
					i = j
					continue
				}
			case ':', ';':
				// not a sentence end for our purposes
			}
			t.nameEnd = t.end
			toks = append(toks, t)
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, sz := utf8.DecodeRuneInString(s[i:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				t := token{start: int32(i), end: int32(i + sz)}
				switch r {
				case '“', '‘', '«':
					if r == '‘' && i > start && wordRuneAt(s, i-1) {
						t.flags |= fCloseQ
						break
					}
					t.flags |= fOpenQ
					sentPending = true
				case '”', '»':
					t.flags |= fCloseQ
				case '’':
					t.flags |= fCloseQ
				case '…':
					t.flags |= fSentEnd
					sentPending = true
				}
				t.nameEnd = t.end
				toks = append(toks, t)
				i += sz
				continue
			}
		}
		// A word.
		t := token{start: int32(i), flags: fWord}
		r, sz := utf8.DecodeRuneInString(s[i:])
		if unicode.IsUpper(r) {
			t.flags |= fCap
		} else if unicode.IsDigit(r) {
			t.flags |= fDigit
		}
		// Dotted acronyms: U.S., U.K., N.V.
		if sz == 1 && isASCIILetter(s[i]) && i+3 <= end && s[i+1] == '.' && i+2 < end && isASCIILetter(s[i+2]) && (i+3 >= end || s[i+3] == '.') {
			j := i
			for j+1 < end && isASCIILetter(s[j]) && s[j+1] == '.' {
				j += 2
			}
			if j == i {
				j = i + 1 // cannot happen with a letter at i; guarantees progress
			}
			t.end = int32(j)
			t.nameEnd = t.end
			if isASCIILetter(s[i]) && s[i] <= 'Z' {
				t.flags |= fUpper | fCap | fAbbrev
			}
			if sentPending {
				t.flags |= fSentStart
				sentPending = false
			}
			toks = append(toks, t)
			i = j
			continue
		}
		j := i + sz
		upper := unicode.IsUpper(r)
		letters := 0
		if unicode.IsLetter(r) {
			letters = 1
		}
		lastHyph := -1
		for j < end {
			c := s[j]
			if c < utf8.RuneSelf {
				if isASCIILetter(c) || isDigit(c) {
					if c >= 'a' && c <= 'z' {
						upper = false
					}
					if isASCIILetter(c) {
						letters++
					}
					j++
					continue
				}
				if (c == '-' || c == '&' || c == '_') && j+1 < end && wordRuneAt(s, j+1) {
					if c == '-' {
						lastHyph = j
					}
					j++
					continue
				}
				if (c == '.' || c == ',') && isDigit(s[j-1]) && j+1 < end && isDigit(s[j+1]) {
					j++
					continue
				}
				if c == '\'' {
					if n := possessiveLen(s, j, end); n > 0 {
						break
					}
					if j+1 < end && isASCIILetter(s[j+1]) {
						j++
						continue
					}
				}
				break
			}
			if n := isApostrophe(s, j); n > 0 {
				if possessiveLen(s, j, end) > 0 {
					break
				}
				if wordRuneAt(s, j+n) {
					j += n
					continue
				}
				break
			}
			r2, sz2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
				if unicode.IsLower(r2) {
					upper = false
				}
				if unicode.IsLetter(r2) {
					letters++
				}
				j += sz2
				continue
			}
			break
		}
		// "O' Leary": an Irish surname split by a stray space after the apostrophe
		if j == i+1 && (s[i] == 'O' || s[i] == 'D') && j+2 < end && s[j] == '\'' && s[j+1] == ' ' && s[j+2] >= 'A' && s[j+2] <= 'Z' {
			k := j + 2
			for k < end && wordRuneAt(s, k) {
				_, sz := utf8.DecodeRuneInString(s[k:])
				k += sz
			}
			j = k
			letters += 2
		}
		t.end = int32(j)
		t.nameEnd = t.end
		if upper && letters >= 2 {
			t.flags |= fUpper
		}
		// "City-based", "Pre-orders": a lower-case English word after the last
		// hyphen; "Ji-hoon", "Jae-in" are romanised given names, kept whole.
		if lastHyph > 0 && t.flags&fCap != 0 && j > lastHyph+1 && s[lastHyph+1] >= 'a' && s[lastHyph+1] <= 'z' &&
			j-lastHyph > 3 && gazetteer.CommonWord(s[lastHyph+1:j]) {
			t.nameEnd = int32(lastHyph)
			t.flags |= fLowerHyph
		}
		// Abbreviation period: "Mr.", "Inc.", "Jr."
		initial := j-i == 1 && s[i] >= 'A' && s[i] <= 'Z' && j+2 < end && s[j+1] == ' ' && s[j+2] >= 'A' && s[j+2] <= 'Z'
		if j < end && s[j] == '.' && (initial || class(s[i:j])&wAbbrev != 0) {
			t.end = int32(j + 1)
			t.nameEnd = t.end
			t.flags |= fAbbrev
			j++
		}
		if n := possessiveLen(s, j, end); n > 0 {
			t.flags |= fPoss
			j += n
		}
		if sentPending {
			t.flags |= fSentStart
			sentPending = false
		}
		toks = append(toks, t)
		i = j
	}
	return toks
}

// possessiveLen returns the length of a possessive ending ’s / 's / ’ at j, or 0.
func possessiveLen(s string, j, end int) int {
	n := isApostrophe(s, j)
	if n == 0 {
		return 0
	}
	k := j + n
	if k < end && (s[k] == 's' || s[k] == 'S') && !wordRuneAt(s, k+1) {
		return n + 1
	}
	// Plural possessive "Beatles’": apostrophe after s, then no letter.
	if j > 0 && s[j-1] == 's' && !wordRuneAt(s, k) {
		return n
	}
	return 0
}
