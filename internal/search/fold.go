package search

import (
	"unicode"
	"unicode/utf8"
)

//go:generate python3 fold_gen.py

// Terms shorter than minTermRunes are not indexed (the shard key needs two
// characters); longer than maxTermBytes are noise (URLs, hashes).
const (
	minTermRunes = 2
	maxTermBytes = 40
	maxDigits    = 4 // longer numbers (phone numbers, ids) are not indexed
)

// tokenize calls fn with each word of s in its search form: lower-case,
// accents folded as search.js folds them, split at anything that is not a
// letter or a digit. The slice passed to fn is reused; fn must copy it.
func tokenize(s string, buf []byte, fn func(tok []byte, runes int)) []byte {
	tok := buf[:0]
	runes := 0
	flush := func() {
		if runes > 0 {
			fn(tok, runes)
		}
		tok = tok[:0]
		runes = 0
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				tok = append(tok, c)
				runes++
			case 'A' <= c && c <= 'Z':
				tok = append(tok, c+'a'-'A')
				runes++
			default:
				flush()
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case 0x300 <= r && r <= 0x36F:
			// A combining accent: search.js strips it, so it neither
			// belongs to the word nor ends it.
		case r == utf8.RuneError && n == 1:
			flush()
		default:
			if f, ok := foldTable[r]; ok {
				tok = append(tok, f...)
				runes += utf8.RuneCountInString(f)
			} else if unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) {
				tok = utf8.AppendRune(tok, unicode.ToLower(r))
				runes++
			} else {
				flush()
			}
		}
	}
	flush()
	return tok
}

// Normalize returns the search forms of the words of s, as search.js
// computes them for a query.
func Normalize(s string) []string {
	var out []string
	tokenize(s, nil, func(tok []byte, _ int) { out = append(out, string(tok)) })
	return out
}

// indexable reports whether a word goes into the text index.
func indexable(tok []byte, runes int) bool {
	if runes < minTermRunes || len(tok) > maxTermBytes {
		return false
	}
	digits := 0
	for _, c := range tok {
		if '0' <= c && c <= '9' {
			digits++
		}
	}
	return digits != len(tok) || digits <= maxDigits
}

// shardKey is the first n runes of a term.
func shardKey(term string, n int) string {
	i := 0
	for k := 0; k < n && i < len(term); k++ {
		_, size := utf8.DecodeRuneInString(term[i:])
		i += size
	}
	return term[:i]
}

// fileName turns a shard key into a safe file name: a–z and 0–9 stay, any
// other rune becomes "_<hex>-". search.js computes the same name.
func fileName(key string) string {
	b := make([]byte, 0, len(key))
	for _, r := range key {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b = append(b, byte(r))
			continue
		}
		b = append(b, '_')
		b = appendHex(b, uint32(r))
		b = append(b, '-')
	}
	return string(b)
}

func appendHex(b []byte, v uint32) []byte {
	const digits = "0123456789abcdef"
	if v >= 16 {
		b = appendHex(b, v>>4)
	}
	return append(b, digits[v&15])
}
