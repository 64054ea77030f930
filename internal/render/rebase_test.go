package render

import (
	"strings"
	"testing"
)

func TestRebase(t *testing.T) {
	const root, self = "../../../../", "2018/05/31/slug/"
	head := `<head><base href="../../../../">`
	tests := []struct{ name, in, want string }{
		{"root-relative link loses the prefix", `<a href="../../../../people/kim/">`, `<a href="people/kim/">`},
		{"the root itself", `<a href="../../../../">Home</a>`, `<a href="./">Home</a>`},
		{"root fragment", `<a href="../../../../#top">`, `<a href="./#top">`},
		{"page fragment keeps to the page", `<a class="skip-link" href="#content">`, `<a class="skip-link" href="2018/05/31/slug/#content">`},
		{"page-relative path", `<a href="../../30/other/">`, `<a href="2018/05/30/other/">`},
		{"page-relative with ./", `<form action="./" method="get">`, `<form action="2018/05/31/slug/" method="get">`},
		{"child of the page", `<a href="feed.xml">`, `<a href="2018/05/31/slug/feed.xml">`},
		{"query only", `<a href="?q=x">`, `<a href="2018/05/31/slug/?q=x">`},
		{"empty href is the page", `<a href="">`, `<a href="2018/05/31/slug/">`},
		{"above the root stays above it", `<a href="../../../../../x/">`, `<a href="../x/">`},
		{"src and newline before the name", "<script\nsrc=\"../../../../js/s.js\">", "<script\nsrc=\"js/s.js\">"},
		{"absolute URLs untouched", `<a href="https://example.org/a/"><a href="mailto:a@b.c"><a href="//cdn/x"><a href="/abs/">`,
			`<a href="https://example.org/a/"><a href="mailto:a@b.c"><a href="//cdn/x"><a href="/abs/">`},
		{"other attributes untouched", `<script data-root="../" data-href="../x/" defer>`, `<script data-root="../" data-href="../x/" defer>`},
		{"JSON-LD text untouched", `<script>{"a":"x href=\"../../../../y\""}</script>`, `<script>{"a":"x href=\"../../../../y\""}</script>`},
		{"escaped text untouched", `<p>href=&#34;../../../../y&#34;</p>`, `<p>href=&#34;../../../../y&#34;</p>`},
		{"unterminated value", `<a href="../../../../x`, `<a href="../../../../x`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(rebase([]byte(head+tc.in), root, self))
			if got != head+tc.want {
				t.Errorf("rebase(%q)\n got %q\nwant %q", tc.in, got[len(head):], tc.want)
			}
		})
	}
	// Without the <base> element (a theme that does not write it), nothing changes.
	in := `<head><link href="../../../../css/a.css"><a href="#x">`
	if got := string(rebase([]byte(in), root, self)); got != in {
		t.Errorf("page without <base> rewritten: %q", got)
	}
	// Links before the <base> element are not rewritten either.
	in = `<link href="../../../../a.css">` + head + `<a href="../../../../b/">`
	if got, want := string(rebase([]byte(in), root, self)), `<link href="../../../../a.css">`+head+`<a href="b/">`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBaseOf(t *testing.T) {
	site := &Site{BaseURL: "https://h.example/archive/"}
	tests := []struct {
		name             string
		p                Page
		wantBase, wantMe string
	}{
		{"story", Page{Site: site, Kind: "story", Root: "../../../../", Canonical: site.BaseURL + "2018/05/31/s/"}, "../../../../", "2018/05/31/s/"},
		{"root page: nothing to save", Page{Site: site, Kind: "home", Root: "./", Canonical: site.BaseURL}, "", ""},
		{"redirect: its refresh URL is not rewritten", Page{Site: site, Kind: "redirect", Root: "../../", Canonical: site.BaseURL + "people/b/"}, "", ""},
		{"404: absolute root", Page{Site: site, Kind: "404", Root: site.BaseURL, Canonical: site.BaseURL + "404.html"}, "", ""},
		{"canonical elsewhere", Page{Site: site, Kind: "tag", Root: "../../", Canonical: "https://other.example/tags/x/"}, "", ""},
		{"depth disagrees with root", Page{Site: site, Kind: "tag", Root: "../", Canonical: site.BaseURL + "tags/x/"}, "", ""},
		{"no site", Page{Kind: "tag", Root: "../../", Canonical: "tags/x/"}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, me := baseOf(&tc.p)
			if b != tc.wantBase || me != tc.wantMe {
				t.Errorf("baseOf = %q, %q; want %q, %q", b, me, tc.wantBase, tc.wantMe)
			}
		})
	}
}

func TestNoteGroups(t *testing.T) {
	links := []Link{{Name: "a", Note: "earlier"}, {Name: "b", Note: "ahead"}, {Name: "c", Note: "earlier"}, {Name: "d"}}
	got := noteGroups(links)
	if len(got) != 3 || got[0].Note != "earlier" || len(got[0].Links) != 2 || got[0].Links[1].Name != "c" ||
		got[1].Note != "ahead" || got[2].Note != "" || got[2].Links[0].Name != "d" {
		t.Errorf("noteGroups = %+v", got)
	}
}

func BenchmarkRebase(b *testing.B) {
	page := []byte(`<head><base href="../../../../">` + strings.Repeat(`<p>Officials from <a href="../../../../organisations/wyvern/">Wyvern Holdings</a> and <a href="../../../../people/tunde-bianchi/">Mr Bianchi</a> met on <a href="../../../../dates/2019/05/01/">Wednesday</a>. The talks were held behind closed doors, and reporters were kept away.</p>`+"\n", 50))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		rebase(page, "../../../../", "2019/05/02/slug/")
	}
}
