package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// htmlText is how goldmark writes literal text.
func htmlText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}

// renderEscaped escapes s as a paragraph and renders it.
func renderEscaped(t testing.TB, s string) string {
	var md, out bytes.Buffer
	Escape(&md, s, true)
	if err := Render(&out, md.Bytes()); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestEscapeIsLiteral(t *testing.T) {
	cases := []string{
		"plain words",
		"<script>alert(1)</script>",
		`<img src=x onerror="alert(1)">`,
		"[x](javascript:alert(1))",
		"![img](http://example.com/a.png)",
		"&amp; &lt;b&gt; &#x3C;",
		"*bold* _em_ **strong** `code` ~~gone~~",
		"# not a heading",
		"- not a list",
		"+ not a list",
		"1. not a list",
		"2018) not a list",
		"> not a quote",
		"::: caption",
		"=== not a setext",
		"| a | b |",
		"back\\slash at end\\",
		"{{ .Site.Title }} and {% raw %}",
		"www.example.com and https://example.com/x",
		"<https://example.com>",
		"a]]>b",
		"trailing spaces  ",
		"Curly “quotes” and ’apostrophes’ stay",
		"50% of 3 < 4 > 2 & so on",
	}
	for _, s := range cases {
		got := renderEscaped(t, s)
		want := "<p>" + htmlText(strings.TrimRight(s, " ")) + "</p>\n"
		if got != want {
			t.Errorf("Escape(%q) rendered\n%q, want\n%q", s, got, want)
		}
	}
}

func TestEscapeIndentedAndMultiline(t *testing.T) {
	got := renderEscaped(t, "    indented code?\r\n- second line")
	want := "<p>indented code?\n- second line</p>\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCaptionBlock(t *testing.T) {
	var out bytes.Buffer
	src := "Before.\n\n::: caption\nTrump North Korea Credit: Mike Pompeo\n:::\n\nAfter.\n"
	if err := Render(&out, []byte(src)); err != nil {
		t.Fatal(err)
	}
	want := "<p>Before.</p>\n<figure class=\"caption\"><figcaption>Trump North Korea Credit: Mike Pompeo</figcaption></figure>\n<p>After.</p>\n"
	if out.String() != want {
		t.Errorf("got %q\nwant %q", out.String(), want)
	}
}

func TestTagID(t *testing.T) {
	for in, want := range map[string]string{
		"NorthKorea": "northkorea", "DPRK": "dprk", "port_vote": "port-vote", "Été": "t", "": "",
	} {
		if got := TagID(in); got != want {
			t.Errorf("TagID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDateURL(t *testing.T) {
	for in, want := range map[string]string{
		"2018": "dates/2018/", "2018-05": "dates/2018/05/", "2018-05-30": "dates/2018/05/30/",
	} {
		if got := DateURL(in); got != want {
			t.Errorf("DateURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"<b>", "[a](b)", "1. x", "# h", "a\nb", "&amp;", "::: caption", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\x00\r") || !isPlain(s) {
			t.Skip()
		}
		got := renderEscaped(t, s)
		if strings.Contains(got, "<a ") || strings.Contains(got, "<img") || strings.Contains(got, "<!--") ||
			strings.Contains(got, "<code") || strings.Contains(got, "<em") || strings.Contains(got, "<h") ||
			strings.Contains(got, "<li") || strings.Contains(got, "<blockquote") {
			t.Errorf("Escape(%q) produced markup: %q", s, got)
		}
	})
}

// isPlain limits fuzz input to printable single-line-ish text so that
// goldmark's own normalisations (tabs, NUL replacement) don't count.
func isPlain(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7f || r == 0xfffd {
			return false
		}
	}
	return strings.TrimSpace(s) != ""
}
