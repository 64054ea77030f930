package story

import (
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"Mike Pompeo", "mike-pompeo"},
		{"  North Korea’s leaders!  ", "north-koreas-leaders"},
		{"Don't stop", "dont-stop"},
		{"Kim Jong-un", "kim-jong-un"},
		{"Café Müller", "cafe-muller"},
		{"Straße Øresund Æsir Œuvre", "strasse-oresund-aesir-oeuvre"},
		{"Łódź Kraków Dvořák Şişli İstanbul", "lodz-krakow-dvorak-sisli-istanbul"},
		{"Ștefan Țiriac", "stefan-tiriac"},
		{"C++ & Go -- 2018/05/31", "c-go-2018-05-31"},
		{"---", ""},
		{"Москва", ""},
		{"東京 Tokyo", "tokyo"},
		{"a\u00d7b", "a-b"},
		{"@POTUS #NorthKorea", "potus-northkorea"},
		{strings.Repeat("word ", 30), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
		{strings.Repeat("x", 100), strings.Repeat("x", 80)},
		{strings.Repeat("abc", 26) + " de", strings.Repeat("abc", 26)},
	}
	for _, c := range cases {
		if got := Slugify(c.in); got != c.want {
			t.Errorf("Slugify(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := SlugifyN("senior north korean official will travel", 20); got != "senior-north-korean" {
		t.Errorf("SlugifyN = %q", got)
	}
}

// A slug is its own slug, and only uses [a-z0-9-].
func TestSlugifyIdempotent(t *testing.T) {
	for _, in := range []string{"Mike Pompeo", "Ça va? Ölçek", strings.Repeat("Zürich ", 20)} {
		s := Slugify(in)
		if Slugify(s) != s {
			t.Errorf("Slugify(%q) = %q is not stable", in, s)
		}
		for _, c := range s {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				t.Errorf("Slugify(%q) = %q has %q", in, s, c)
			}
		}
	}
	if latin[len(latin)-1] != "s" || latin[0xDF-0xC0] != "ss" {
		t.Error("transliteration table misaligned")
	}
}
