package search

import (
	"fmt"
	"html"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/browsertest"
	"github.com/storygen/storygen/internal/render"
	"github.com/storygen/storygen/themes"
)

// dirWriter writes index files into a folder.
type dirWriter string

func (d dirWriter) WriteFile(rel string, data []byte) error {
	p := filepath.Join(string(d), filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// writeSite writes a small site: the theme's real search page (at /search/
// and, to check relative roots, three folders deeper), the theme's static
// files, the index, and a plain page for every entity and story.
func writeSite(t *testing.T, dir string, stories []Story, entities []Entity) {
	t.Helper()
	writeSiteOpts(t, dir, stories, entities, true)
}

func writeSiteOpts(t *testing.T, dir string, stories []Story, entities []Entity, pages bool) {
	t.Helper()
	tmpl, err := render.Load(render.Sources(t.TempDir(), "", themes.Default()))
	if err != nil {
		t.Fatal(err)
	}
	w := dirWriter(dir)
	for _, at := range []string{"search/", "a/b/c/search/"} {
		root := strings.Repeat("../", strings.Count(at, "/"))
		page := &render.Page{
			Site:  &render.Site{Title: "Test archive", BaseURL: "https://example.github.io/archive/"},
			Kind:  "search",
			Title: "Search",
			Root:  root,
		}
		out, err := tmpl.Bytes(page)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteFile(at+"index.html", out); err != nil {
			t.Fatal(err)
		}
	}
	static, err := fs.Sub(themes.Default(), "static")
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		return w.WriteFile(p, data)
	})
	if err != nil {
		t.Fatal(err)
	}
	page := func(url, title string) {
		doc := fmt.Sprintf("<!doctype html><html lang=en><head><meta charset=utf-8><link rel=icon href=\"data:,\"><title>%s</title></head><body><h1>%s</h1></body></html>",
			html.EscapeString(title), html.EscapeString(title))
		if err := w.WriteFile(url+"index.html", []byte(doc)); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range entities {
		if pages {
			page(e.URL, e.Name)
		}
	}
	for _, s := range stories {
		if pages {
			page(s.URL, s.Title)
		}
	}
	if err := Write(w, stories, entities, Options{}); err != nil {
		t.Fatal(err)
	}
}

// serveUnder serves dir at http://127.0.0.1:port/<prefix>/, as GitHub Pages
// serves a project site.
func serveUnder(t *testing.T, dir, prefix string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir))))
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + prefix
}

func browserFixture() ([]Story, []Entity) {
	stories := []Story{
		{Title: "Pompeo travels to Pyongyang", URL: "2018/05/09/pompeo-travels/", Date: "2018-05-09",
			Text: "Secretary of State Mike Pompeo flew to Pyongyang. Mr Pompeo returned with three prisoners."},
		{Title: "Summit date set", URL: "2018/05/10/summit-date-set/", Date: "2018-05-10",
			Text: "Donald Trump said the summit with Kim Jong Un will be held in Singapore. Mike Pompeo agreed."},
		{Title: `<img src=x onerror="document.title='pwned'"> headline`, URL: "2018/05/11/hostile/", Date: "2018-05-11",
			Text: "A story whose title is markup </script><script>document.title='pwned'</script> ]]> and stays text."},
	}
	for i := range 12 {
		stories = append(stories, Story{
			Title: fmt.Sprintf("Vice president speaks, part %d", i+1),
			URL:   fmt.Sprintf("2018/06/%02d/vice-president-speaks/", i+1), Date: fmt.Sprintf("2018-06-%02d", i+1),
			Text: "Vice President Mike Pence spoke in Indiana. Mr Pence praised Mike Pompeo.",
		})
	}
	entities := []Entity{
		{Name: "Mike Pence", Kind: "person", URL: "people/mike-pence/", Count: 20}, // more stories, but not the name typed
		{Name: "Mike Pompeo", Kind: "person", URL: "people/mike-pompeo/", Count: 14},
		{Name: "Pyongyang", Kind: "place", URL: "places/pyongyang/", Count: 1},
		{Name: "Kim Jong Un", Kind: "person", URL: "people/kim-jong-un/", Count: 1},
		{Name: `<b onmouseover="document.title='pwned'">Evil</b> Corp`, Kind: "organisation", URL: "organisations/evil-corp/", Count: 1},
		{Name: "Scripted Link", Kind: "place", URL: "javascript:document.title='pwned'", Count: 1},
	}
	return stories, entities
}

// TestBrowserSearch is the acceptance test: in headless Chromium,
// type a person's name on the search page, see the person's page first, press
// Enter and land on it.
func TestBrowserSearch(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	stories, entities := browserFixture()
	writeSite(t, dir, stories, entities)
	base := serveUnder(t, dir, "/archive/")
	p := b.NewPage(t)

	first := `(document.querySelector('#search-results [role=option] a') || {}).href`
	settled := func(q string) string {
		return fmt.Sprintf(`document.getElementById('search-results').getAttribute('data-query') === %q`, q)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	must(p.Navigate(base + "search/"))
	must(p.Focus("#search-input"))
	must(p.Type("Mike Pompeo"))
	must(p.WaitFor(settled("Mike Pompeo")))
	var href string
	must(p.Eval(first, &href))
	if want := base + "people/mike-pompeo/"; href != want {
		t.Fatalf("first result %s, want %s", href, want)
	}
	var label string
	must(p.Eval(`document.querySelector('#search-results [role=option]').textContent`, &label))
	if !strings.Contains(label, "Person") || !strings.Contains(label, "Mike Pompeo") {
		t.Errorf("first result reads %q, want the kind and the name", label)
	}
	must(p.Press("Enter"))
	must(p.WaitFor(`location.pathname === '/archive/people/mike-pompeo/' && document.readyState === 'complete'`))
	var h1 string
	must(p.Eval(`document.querySelector('h1').textContent`, &h1))
	if h1 != "Mike Pompeo" {
		t.Errorf("landed on a page titled %q", h1)
	}

	// Keyboard: arrows move the selection, Enter opens the selected result,
	// Escape clears. Typed fast, then Enter before results settle, from a
	// page three folders deeper.
	must(p.Navigate(base + "a/b/c/search/"))
	must(p.Focus("#search-input"))
	must(p.Type("pom"))
	must(p.WaitFor(settled("pom")))
	must(p.Press("ArrowDown"))
	must(p.Press("ArrowDown"))
	var sel struct {
		Active, Selected, Href string
		N                      int
	}
	must(p.Eval(`(function(){var i=document.getElementById('search-input'),s=document.querySelector('[aria-selected=true]');
		return {Active:i.getAttribute('aria-activedescendant'),Selected:s&&s.id,Href:s&&s.querySelector('a').href,N:document.querySelectorAll('[role=option]').length}})()`, &sel))
	if sel.Active == "" || sel.Active != sel.Selected || sel.N < 3 {
		t.Fatalf("after two ArrowDown: %+v", sel)
	}
	must(p.Press("ArrowUp"))
	must(p.Press("ArrowDown"))
	must(p.Press("Escape"))
	var after struct {
		Value string
		N     int
	}
	must(p.Eval(`({Value: document.getElementById('search-input').value, N: document.querySelectorAll('#search-results li').length})`, &after))
	if after.Value != "" || after.N != 0 {
		t.Errorf("Escape left %+v", after)
	}
	must(p.Type("pompeo"))
	must(p.WaitFor(settled("pompeo")))
	must(p.Press("ArrowDown"))
	must(p.Press("ArrowDown"))
	var second string
	must(p.Eval(`document.querySelector('[aria-selected=true] a').href`, &second))
	must(p.Press("Enter"))
	must(p.WaitFor(fmt.Sprintf(`location.href === %q && document.readyState === 'complete'`, second)))
	if !strings.HasPrefix(second, base+"2018/") {
		t.Errorf("second result for pompeo is %s, want a story", second)
	}

	// More stories: the rest of the 14 stories that mention Pompeo.
	must(p.Navigate(base + "search/?q=pompeo"))
	must(p.WaitFor(settled("pompeo")))
	var counts [2]int
	must(p.Eval(`document.querySelectorAll('#search-results .search-story').length`, &counts[0]))
	must(p.Eval(`document.querySelector('.search-more').click()`, nil))
	must(p.WaitFor(`document.querySelectorAll('#search-results .search-story').length > 10`))
	must(p.Eval(`document.querySelectorAll('#search-results .search-story').length + (document.querySelector('.search-more').hidden ? 0 : 100)`, &counts[1]))
	if counts != [2]int{10, 14} {
		t.Errorf("stories shown before and after More: %v, want [10 14] and the button hidden", counts)
	}

	// Markup in titles and names is shown as text.
	must(p.Navigate(base + "search/?q=onerror"))
	must(p.WaitFor(settled("onerror")))
	var shown struct {
		Text  string
		Imgs  int
		Title string
	}
	must(p.Eval(`({Text: document.querySelector('#search-results .search-story a').textContent,
		Imgs: document.querySelectorAll('#search-results img, #search-results script').length, Title: document.title})`, &shown))
	if shown.Text != stories[2].Title || shown.Imgs != 0 || shown.Title == "pwned" {
		t.Errorf("hostile title rendered as %+v", shown)
	}
	must(p.Navigate(base + "search/"))
	must(p.Focus("#search-input"))
	must(p.Type("mike"))
	must(p.WaitFor(settled("mike")))
	must(p.Press("Escape"))
	must(p.Type("evil"))
	must(p.WaitFor(settled("evil")))
	var name string
	must(p.Eval(`document.querySelector('#search-results .search-entity a').textContent`, &name))
	if name != entities[4].Name {
		t.Errorf("hostile entity name shown as %q", name)
	}
	must(p.Press("Escape"))
	must(p.Type("scripted"))
	must(p.WaitFor(settled("scripted")))
	must(p.Eval(first, &href))
	if !strings.HasSuffix(href, "#") {
		t.Errorf("a javascript: URL in the index became the link %q", href)
	}
	if errs := p.Errors(); len(errs) > 0 {
		t.Errorf("browser errors: %q", errs)
	}
	if shot := os.Getenv("STORYGEN_SEARCH_SCREENSHOT"); shot != "" {
		must(p.SetViewport(1000, 900))
		must(p.Press("Escape"))
		must(p.Type("mike p"))
		must(p.WaitFor(settled("mike p")))
		must(p.Press("ArrowDown"))
		must(p.Press("ArrowDown"))
		png, err := p.Screenshot()
		must(err)
		must(os.WriteFile(shot, png, 0o644))
	}
}
