package story

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSlugify checks what every slug must be, whatever the input: only
// [a-z0-9-], no leading, trailing or doubled hyphen, at most MaxSlug bytes
// (or the SlugifyN cap), its own slug, and never a path that could leave a
// folder.
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{
		"", "Mike Pompeo", "../../etc", "..", ".", "/etc/passwd", `..\..\windows`, "%2e%2e%2f", "a/../b",
		"Café Müller", "Ştefan Ţiriac", "東京 Tokyo", "Москва", "Don't stop", "\u00a0nbsp\u200b", "x\x00y",
		strings.Repeat("word ", 30), strings.Repeat("x", 100), "Ǎǐ ẞ ə", "\xff\xfe bad utf8 \xc3",
	} {
		f.Add(s, 80)
	}
	f.Add("senior north korean official will travel", 20)
	f.Fuzz(func(t *testing.T, s string, max int) {
		check := func(got string, limit int) {
			if !utf8.ValidString(got) {
				t.Fatalf("invalid UTF-8 %q", got)
			}
			for i := 0; i < len(got); i++ {
				c := got[i]
				if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
					t.Fatalf("slug of %q is %q: byte %q", s, got, c)
				}
			}
			if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
				t.Fatalf("slug of %q is %q: stray hyphen", s, got)
			}
			if limit > 0 && len(got) > limit {
				t.Fatalf("slug of %q is %d bytes, cap %d", s, len(got), limit)
			}
		}
		got := Slugify(s)
		check(got, MaxSlug)
		if again := Slugify(got); again != got {
			t.Fatalf("Slugify(%q) = %q, but Slugify(%q) = %q", s, got, got, again)
		}
		max %= 200
		n := SlugifyN(s, max)
		check(n, max)
		// A capped slug is the uncapped one cut short.
		full := SlugifyN(s, 0)
		if !strings.HasPrefix(full, n) || !strings.HasPrefix(full, got) {
			t.Fatalf("SlugifyN(%q, %d) = %q, Slugify = %q: not prefixes of the uncapped %q", s, max, n, got, full)
		}
	})
}
