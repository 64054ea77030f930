package story

import (
	"strings"
	"unicode/utf8"
)

// MaxSlug is the longest slug Slugify returns, in bytes.
const MaxSlug = 80

// latin transliterates U+00C0–U+017F (Latin-1 Supplement letters and Latin
// Extended-A) to lower-case ASCII; "" drops the character.
var latin = [0x180 - 0xC0]string{
	// U+00C0
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	// U+00E0
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	// U+0100 Āā Ăă Ąą Ćć Ĉĉ Ċċ Čč Ďď
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	// U+0110 Đđ Ēē Ĕĕ Ėė Ęę Ěě Ĝĝ Ğğ
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	// U+0120 Ġġ Ģģ Ĥĥ Ħħ Ĩĩ Īī Ĭĭ Įį
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	// U+0130 İı Ĳĳ Ĵĵ Ķķ ĸ Ĺĺ Ļļ Ľľ Ŀ
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	// U+0140 ŀ Łł Ńń Ņņ Ňň ŉ Ŋŋ Ōō Ŏŏ
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	// U+0150 Őő Œœ Ŕŕ Ŗŗ Řř Śś Ŝŝ Şş
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	// U+0160 Šš Ţţ Ťť Ŧŧ Ũũ Ūū Ŭŭ Ůů
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	// U+0170 Űű Ųų Ŵŵ Ŷŷ Ÿ Źź Żż Žž ſ
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
}

// more covers letters outside that block that turn up in names.
var more = map[rune]string{
	'Ș': "s", 'ș': "s", 'Ț': "t", 'ț': "t", 'Ə': "e", 'ə': "e", 'Ơ': "o", 'ơ': "o", 'Ư': "u", 'ư': "u",
	'ẞ': "ss", 'Ǎ': "a", 'ǎ': "a", 'Ǐ': "i", 'ǐ': "i", 'Ǒ': "o", 'ǒ': "o", 'Ǔ': "u", 'ǔ': "u",
}

// Slugify makes a URL path segment of s: lower-case ASCII letters, digits and
// single hyphens, accents transliterated, at most MaxSlug bytes cut at a word
// boundary. Apostrophes vanish ("Korea’s" → "koreas") rather than split a
// word. Letters of other scripts are dropped, so the result may be "".
func Slugify(s string) string {
	return SlugifyN(s, MaxSlug)
}

// SlugifyN is Slugify with a different length cap.
func SlugifyN(s string, max int) string {
	b := make([]byte, 0, len(s))
	dash := false // a separator is pending
	add := func(t string) {
		if dash && len(b) > 0 {
			b = append(b, '-')
		}
		dash = false
		b = append(b, t...)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				add(s[i-1 : i])
			case 'A' <= c && c <= 'Z':
				add(string(rune(c + 'a' - 'A')))
			case c == '\'':
			default:
				dash = true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r >= 0xC0 && r <= 0x17F:
			if t := latin[r-0xC0]; t != "" {
				add(t)
			} else {
				dash = true
			}
		case r == '’' || r == 'ʼ' || r == '‘':
		default:
			if t, ok := more[r]; ok {
				add(t)
			} else {
				dash = true
			}
		}
	}
	if max > 0 && len(b) > max {
		cut := max
		if b[cut] != '-' {
			if j := strings.LastIndexByte(string(b[:cut]), '-'); j > 0 {
				cut = j
			}
		}
		b = b[:cut]
		for len(b) > 0 && b[len(b)-1] == '-' {
			b = b[:len(b)-1]
		}
	}
	return string(b)
}
