package story

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTitle is the longest derived title in runes, "…" included.
const maxTitle = 90

// titleScan bounds the work on a huge one-line paragraph: a sentence that has
// not ended by then is cut anyway.
const titleScan = 1000

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Prof": true, "St": true, "Jr": true, "Sr": true,
	"Gen": true, "Sen": true, "Rep": true, "Gov": true, "Lt": true, "Col": true, "Capt": true, "Sgt": true,
	"Maj": true, "Adm": true, "Cmdr": true, "Rev": true, "Hon": true, "Pres": true, "Supt": true, "Det": true,
	"Insp": true, "Messrs": true, "Mme": true, "Mlle": true, "Fr": true, "Mt": true, "Ft": true, "Ave": true,
	"Rd": true, "Blvd": true, "Dept": true, "Univ": true, "No": true, "Nos": true, "Inc": true, "Corp": true,
	"Co": true, "Ltd": true, "Bros": true, "vs": true, "etc": true, "approx": true, "cf": true, "al": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true, "Sep": true,
	"Sept": true, "Oct": true, "Nov": true, "Dec": true,
}

// deriveTitle makes a title of a paragraph: its first sentence with white
// space collapsed, cut at a word boundary to maxTitle runes.
func deriveTitle(para string) string {
	scan := para
	if len(scan) > titleScan {
		cut := titleScan
		for cut > 0 && !utf8.RuneStart(para[cut]) {
			cut--
		}
		scan = para[:cut]
	}
	end := sentenceEnd(scan)
	s := collapseSpace(scan[:end])
	if end == len(para) || end < len(scan) {
		// A whole sentence: a headline has no final period.
		if strings.HasSuffix(s, ".") && !endsWithAbbrev(s[:len(s)-1]) {
			s = s[:len(s)-1]
		}
	}
	return shorten(s, maxTitle)
}

// sentenceEnd returns the offset just past the first sentence of s
// (terminator and closing quotes included), or len(s).
func sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isClosing(r) {
				break
			}
			j += n
		}
		if j >= len(s) {
			return len(s)
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if !isSpaceRune(r) {
			continue // "1.30pm", "U.S.-led"
		}
		k := j + n
		for k < len(s) {
			r, n = utf8.DecodeRuneInString(s[k:])
			if !isSpaceRune(r) {
				break
			}
			k += n
		}
		if k < len(s) && unicode.IsLower(r) {
			continue // "e.g. something"
		}
		if c == '.' && endsWithAbbrev(s[:i]) {
			continue
		}
		return j
	}
	return len(s)
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '”', '’', '»':
		return true
	}
	return false
}

// endsWithAbbrev reports whether the word before a period is an abbreviation,
// an initial ("John F.") or a dotted acronym ("U.S").
func endsWithAbbrev(s string) bool {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		i -= n
	}
	w := s[i:]
	if w == "" {
		return false
	}
	if strings.IndexByte(w, '.') >= 0 {
		return true
	}
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) {
		return true
	}
	return abbreviations[w]
}

func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpaceRune(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// shorten cuts s to at most max runes at a word boundary, marking the cut with "…".
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	// Byte offset just past max-1 runes.
	cut, n := 0, 0
	for i := range s {
		if n == max-1 {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > 0 && s[cut] != ' ' {
		head = head[:sp]
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return isSpaceRune(r) || strings.ContainsRune(",;:-–—([“‘\"'", r)
	})
	if head == "" {
		head = s[:cut]
	}
	return head + "…"
}
