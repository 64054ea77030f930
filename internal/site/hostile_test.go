package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/config"
)

// The hostile fixture (testdata/hostile) puts script tags, event handlers,
// entities, Markdown links and images, raw HTML blocks, template syntax,
// "]]>" and "</script>" into story text, front matter, site.toml and
// entities.toml. Everything must come out as visible text.

func buildHostile(t testing.TB) *Memory {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(filepath.Join("testdata", "hostile"))); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	mem := NewMemory()
	if _, err := Build(Options{Root: root, Config: cfg}, mem); err != nil {
		t.Fatal(err)
	}
	return mem
}

var (
	ldJSONRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	// The script elements the theme itself writes, besides JSON-LD.
	themeScriptRE = regexp.MustCompile(`^(?:\.\./)*(?:js/search\.js|_storygen/reload\.js)$`)
	// The one <base> the theme writes: the site root, relative to the page.
	themeBaseRE = regexp.MustCompile(`^(?:\.\./)+$`)
)

// foreignTags are elements no page of the theme has.
var foreignTags = map[string]bool{
	"iframe": true, "object": true, "embed": true, "img": true, "svg": true,
	"frame": true, "frameset": true, "applet": true, "math": true, "video": true, "audio": true,
}

type attr struct{ name, value string }

type tag struct {
	name  string
	attrs []attr
}

// scanTags reads the start tags of an HTML document as a browser would
// tokenise them: quoted attribute values may hold anything but their quote,
// comments and the bodies of script and style are skipped. It is enough to
// see every element and attribute a page really has.
func scanTags(s string) []tag {
	var tags []tag
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if strings.HasPrefix(s[i:], "<!--") {
			k := strings.Index(s[i+4:], "-->")
			if k < 0 {
				break
			}
			i += 4 + k + 3
			continue
		}
		if i+1 >= len(s) || !isLetter(s[i+1]) {
			i++
			continue
		}
		k := i + 1
		for k < len(s) && (isLetter(s[k]) || s[k] >= '0' && s[k] <= '9' || s[k] == '-') {
			k++
		}
		tg := tag{name: strings.ToLower(s[i+1 : k])}
		for k < len(s) && s[k] != '>' {
			if c := s[k]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' {
				k++
				continue
			}
			n := k
			for k < len(s) && !strings.ContainsRune(" \t\n\r\f/>=", rune(s[k])) {
				k++
			}
			a := attr{name: strings.ToLower(s[n:k])}
			for k < len(s) && strings.ContainsRune(" \t\n\r\f", rune(s[k])) {
				k++
			}
			if k < len(s) && s[k] == '=' {
				k++
				for k < len(s) && strings.ContainsRune(" \t\n\r\f", rune(s[k])) {
					k++
				}
				if k < len(s) && (s[k] == '"' || s[k] == '\'') {
					q := s[k]
					e := strings.IndexByte(s[k+1:], q)
					if e < 0 {
						e = len(s) - k - 1
					}
					a.value = html.UnescapeString(s[k+1 : k+1+e])
					k += e + 2
				} else {
					v := k
					for k < len(s) && !strings.ContainsRune(" \t\n\r\f>", rune(s[k])) {
						k++
					}
					a.value = html.UnescapeString(s[v:k])
				}
			}
			tg.attrs = append(tg.attrs, a)
		}
		tags = append(tags, tg)
		i = k + 1
		if tg.name == "script" || tg.name == "style" {
			if e := strings.Index(strings.ToLower(s[min(i, len(s)):]), "</"+tg.name); e >= 0 {
				i += e
			}
		}
	}
	return tags
}

// blockTags separate words in visibleText.
var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "br": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "td": true, "th": true, "tr": true, "section": true, "article": true,
	"header": true, "footer": true, "nav": true, "main": true, "aside": true, "figure": true, "figcaption": true,
	"blockquote": true, "title": true, "dt": true, "dd": true, "dl": true, "table": true, "hr": true,
}

// visibleText is what a reader sees of an HTML fragment: tags dropped,
// script and style bodies dropped, entities decoded.
func visibleText(doc string) string {
	var b strings.Builder
	for len(doc) > 0 {
		i := strings.IndexByte(doc, '<')
		if i < 0 {
			b.WriteString(doc)
			break
		}
		b.WriteString(doc[:i])
		doc = doc[i:]
		lower := strings.ToLower(doc)
		for _, raw := range []string{"script", "style"} {
			if strings.HasPrefix(lower, "<"+raw) {
				if j := strings.Index(lower, "</"+raw+">"); j >= 0 {
					doc = doc[j:]
					lower = lower[j:]
				}
			}
		}
		j := strings.IndexByte(doc, '>')
		if j < 0 {
			break
		}
		name := strings.ToLower(strings.TrimLeft(strings.FieldsFunc(doc[1:j]+" ", func(r rune) bool { return r == ' ' || r == '\n' })[0], "/"))
		if blockTags[name] {
			b.WriteString(" ")
		}
		doc = doc[j+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// checkInertHTML fails on anything in an HTML document that could run
// or load: script elements the theme did not write, event handler
// attributes, javascript: or data: URLs, and elements the theme never uses.
func checkInertHTML(t *testing.T, name string, doc []byte) {
	t.Helper()
	for _, p := range inertProblems(doc) {
		t.Errorf("%s: %s", name, p)
	}
}

func inertProblems(doc []byte) []string {
	var probs []string
	errorf := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	bases := 0
	for i, tg := range scanTags(string(doc)) {
		if foreignTags[tg.name] {
			errorf("injected element <%s %v>", tg.name, tg.attrs)
		}
		if tg.name == "base" {
			bases++
			// The theme's comes fourth: html, head, meta charset, base.
			if bases > 1 || i != 3 || len(tg.attrs) != 1 || tg.attrs[0].name != "href" || !themeBaseRE.MatchString(tg.attrs[0].value) {
				errorf("injected element <%s %v>", tg.name, tg.attrs)
			}
		}
		if tg.name == "script" {
			ok := len(tg.attrs) == 1 && tg.attrs[0] == attr{"type", "application/ld+json"}
			for _, a := range tg.attrs {
				if a.name == "src" && themeScriptRE.MatchString(a.value) {
					ok = true
				}
			}
			if !ok {
				errorf("script element %v", tg.attrs)
			}
		}
		for _, a := range tg.attrs {
			if strings.HasPrefix(a.name, "on") {
				errorf("event handler attribute %s=%q on <%s>", a.name, a.value, tg.name)
			}
			switch a.name {
			case "href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "content":
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, a.value))
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:") {
					errorf("dangerous URL %s=%q on <%s>", a.name, a.value, tg.name)
				}
			}
		}
	}
	// JSON-LD: valid JSON that cannot end its script element early.
	for _, m := range ldJSONRE.FindAllStringSubmatch(string(doc), -1) {
		body := m[1]
		if strings.ContainsAny(body, "<>") {
			errorf("JSON-LD holds a raw < or >: %.200s", body)
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			errorf("JSON-LD does not parse: %v\n%.300s", err, body)
		}
	}
	return probs
}

// checkXML parses a whole XML document and returns the text of every
// element named in html: Atom content, summary and titles of type "html"
// hold escaped HTML, which is checked as HTML too.
func checkXML(t *testing.T, name string, data []byte) (texts []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []xml.StartElement
	var cur strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Errorf("%s: not well-formed XML: %v", name, err)
			return texts
		}
		switch e := tok.(type) {
		case xml.StartElement:
			stack = append(stack, e)
			cur.Reset()
		case xml.CharData:
			cur.Write(e)
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			isHTML := false
			for _, a := range top.Attr {
				if a.Name.Local == "type" && a.Value == "html" {
					isHTML = true
				}
			}
			text := cur.String()
			if isHTML {
				checkInertHTML(t, name+" <"+top.Name.Local+">", []byte(text))
				text = visibleText(text)
			}
			texts = append(texts, text)
			cur.Reset()
		}
	}
	return texts
}

func TestHostileTextIsInert(t *testing.T) {
	mem := buildHostile(t)
	var feeds, htmlPages, jsonFiles int
	for _, p := range mem.Paths() {
		data := mem.Files[p]
		switch {
		case strings.HasSuffix(p, ".html"):
			htmlPages++
			checkInertHTML(t, p, data)
		case strings.HasSuffix(p, ".xml"):
			feeds++
			checkXML(t, p, data)
		case strings.HasSuffix(p, ".json"):
			jsonFiles++
			if !json.Valid(data) {
				t.Errorf("%s: not valid JSON", p)
			}
		}
		// Template syntax is never evaluated: it either shows as typed or
		// not at all, but never as a Go value.
		if bytes.Contains(data, []byte("map[")) || bytes.Contains(data, []byte("&lt;nil&gt;")) || bytes.Contains(data, []byte("%!")) {
			t.Errorf("%s: a Go value leaked into the page", p)
		}
	}
	if htmlPages < 20 || feeds < 3 {
		t.Fatalf("only %d pages and %d XML files built", htmlPages, feeds)
	}
	t.Logf("checked %d HTML pages, %d XML files, %d JSON files", htmlPages, feeds, jsonFiles)

	// The hostile words are shown to the reader, as typed.
	story := findPage(t, mem, "2018/05/31/")
	seen := visibleText(string(mem.Files[story]))
	for _, want := range []string{
		"wrote <script>alert(1)</script> in a tweet",
		"replied with <img src=x onerror=alert(1)> and a link",
		"the code &lt;script&gt;alert(1)&lt;/script&gt; and &amp; and &#60;b&#62; are only text",
		"posted [x](javascript:alert(1)) and ![i](x) and <a href=\"javascript:alert(1)\">click</a>",
		"<script>alert(1)</script>",
		"{{ .Site }} and {{ template \"base\" . }}",
		"]]> and </script> and <![CDATA[ x ]]>.",
		"<script>window.__pwned=1</script>",
		"<iframe src=javascript:alert(1)></iframe>",
	} {
		if !strings.Contains(seen, want) {
			t.Errorf("story page does not show %q as text; it shows:\n%s", want, seen)
		}
	}
	fm := findPage(t, mem, "2018/06/14/")
	if seen := visibleText(string(mem.Files[fm])); !strings.Contains(seen, "<script>alert(1)</script> Title </script> ]]> {{ .Site }} &lt;b&gt;") {
		t.Errorf("front matter title not shown as typed:\n%s", seen)
	}
	ent := visibleText(string(mem.Files["people/elena-marsh/index.html"]))
	if !strings.Contains(ent, "<script>alert(1)</script> &lt;b&gt; [x](javascript:alert(1)) ![i](x) {{ .Site }} ]]> </script>") {
		t.Errorf("entity description not shown as typed:\n%s", ent)
	}

	org := "organisations/harbour-script-script-window-pwned-5-script-trust/index.html"
	if seen := visibleText(string(mem.Files[org])); !strings.Contains(seen, "Harbour </script><script>window.__pwned=5</script> Trust") {
		t.Errorf("%s does not show the entity's name as typed:\n%.600s", org, seen)
	}

	// Feeds: the titles come back from the XML exactly as typed.
	texts := strings.Join(checkXML(t, "feed.xml", mem.Files["feed.xml"]), "\n")
	for _, want := range []string{
		"Hostile <script>alert(1)</script> archive ]]>",
		"<script>alert(1)</script> Title </script> ]]> {{ .Site }} &lt;b&gt;",
	} {
		if !strings.Contains(texts, want) {
			t.Errorf("feed.xml does not carry %q as text:\n%s", want, texts)
		}
	}
	// JSON-LD carries the words as data.
	m := ldJSONRE.FindSubmatch(mem.Files["people/elena-marsh/index.html"])
	if m == nil {
		t.Fatal("entity page has no JSON-LD")
	}
	var ld map[string]any
	if err := json.Unmarshal(m[1], &ld); err != nil {
		t.Fatal(err)
	}
	if d, _ := ld["description"].(string); !strings.Contains(d, "<script>alert(1)</script>") {
		t.Errorf("JSON-LD description %q lost the text", d)
	}
}

// findPage is the one story page under prefix.
func findPage(t *testing.T, mem *Memory, prefix string) string {
	t.Helper()
	for _, p := range mem.Paths() {
		if strings.HasPrefix(p, prefix) && strings.HasSuffix(p, "/index.html") && strings.Count(p, "/") == 4 {
			return p
		}
	}
	t.Fatalf("no story page under %s", prefix)
	return ""
}

// A javascript: link in entities.toml is refused with the file and line,
// not published.
func TestHostileAnnotationLinkRefused(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(filepath.Join("testdata", "hostile"))); err != nil {
		t.Fatal(err)
	}
	ann := filepath.Join(root, "content", "entities.toml")
	if err := os.WriteFile(ann, []byte("[[person]]\nname = \"Elena Marsh\"\nlinks = [\"javascript:alert(1)\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(Options{Root: root, Config: cfg}, NewMemory())
	if err == nil || !strings.Contains(err.Error(), "entities.toml:3") {
		t.Errorf("javascript: link: err = %v, want an error naming entities.toml:3", err)
	}
}

// TestInertCheckerCatches makes sure the checks above can fail.
func TestInertCheckerCatches(t *testing.T) {
	bad := []string{
		`<p>x<script>alert(1)</script></p>`,
		`<p><img src=x onerror=alert(1)></p>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" jav&#x09;ascript:alert(1)">x</a>`,
		`<div onclick="alert(1)">x</div>`,
		`<svg/onload=alert(1)>`,
		`<iframe src="https://example.org/"></iframe>`,
		`<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>`,
		`<script type="application/ld+json">{"a":1</script>`,
	}
	for _, doc := range bad {
		if len(inertProblems([]byte(doc))) == 0 {
			t.Errorf("no problem found in %s", doc)
		}
	}
	good := []string{
		`<meta name="description" content="&lt;img src=x onerror=alert(1)&gt;">`,
		`<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>`,
		`<a href="../people/x/" title="onerror=1">x</a><!-- <script>alert(1)</script> -->`,
		`<script type="application/ld+json">{"a":"\u003cscript\u003e"}</script><script src="../../js/search.js" defer></script>`,
	}
	for _, doc := range good {
		if p := inertProblems([]byte(doc)); len(p) != 0 {
			t.Errorf("false alarm %v in %s", p, doc)
		}
	}
}

// TestPublishedPathsSafe: in the hostile and the bad-input builds, every
// folder of a story, entity, tag or date page is made of [a-z0-9-] only.
func TestPublishedPathsSafe(t *testing.T) {
	seg := regexp.MustCompile(`^[a-z0-9-]+$`)
	generated := regexp.MustCompile(`^(?:people|places|organisations|tags|dates|undated|\d{4})/`)
	for name, mem := range map[string]*Memory{"hostile": buildHostile(t), "badinput": func() *Memory { m, _ := buildBad(t, badInputSite(t)); return m }()} {
		n := 0
		for _, p := range mem.Paths() {
			if !generated.MatchString(p) {
				continue
			}
			parts := strings.Split(p, "/")
			for _, s := range parts[:len(parts)-1] {
				if !seg.MatchString(s) {
					t.Errorf("%s: %s has the segment %q", name, p, s)
				}
			}
			if last := parts[len(parts)-1]; last != "index.html" && last != "feed.xml" {
				t.Errorf("%s: unexpected file %s", name, p)
			}
			n++
		}
		if n < 20 {
			t.Errorf("%s: only %d generated pages", name, n)
		}
	}
}
