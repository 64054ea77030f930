package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/storygen/storygen/internal/render"
	"github.com/storygen/storygen/themes"
)

// minimalSet is a template folder with every page kind: story.html and
// tag.html are given, the others print their kind.
func minimalSet(story, tag, partials string) fstest.MapFS {
	fs := fstest.MapFS{
		"base.html":      {Data: []byte(`{{template "main" .}}`)},
		"_partials.html": {Data: []byte(partials)},
	}
	for _, k := range render.Kinds {
		fs[k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + k + `{{end}}`)}
	}
	fs["story.html"] = &fstest.MapFile{Data: []byte(story)}
	fs["tag.html"] = &fstest.MapFile{Data: []byte(tag)}
	return fs
}

func renderString(t *testing.T, tm *render.Templates, p *render.Page) string {
	t.Helper()
	b, err := tm.Bytes(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCachedEqualsTemplate checks that cached and cachedEach print exactly
// what {{template}} and {{range}} print, on first use and when reused, and
// that a changed value is rendered afresh.
func TestCachedEqualsTemplate(t *testing.T) {
	const li = `{{define "li"}}<li><a href="{{.URL}}">{{.Name}}</a>{{if .Count}} <small>{{.Count}}</small>{{end}}</li>{{end}}` +
		`{{define "h"}}<span class="handle">{{.}}</span>{{end}}`
	story := `{{define "main"}}{{with .Story}}` +
		`{{range .People}}{{template "li" .}}{{end}}|{{cachedEach "li" .People}}|` +
		`{{with .People}}{{template "li" (index . 0)}}|{{cached "li" (index . 0)}}{{end}}|` +
		`{{range .Handles}}{{template "h" .}}{{end}}|{{cachedEach "h" .Handles}}` +
		`{{end}}{{end}}`
	tm, err := render.Load([]render.Source{{Name: "test", FS: minimalSet(story, `{{define "main"}}{{end}}`, li)}})
	if err != nil {
		t.Fatal(err)
	}
	people := []render.Link{
		{Name: "Mike Pompeo", URL: "../../people/mike-pompeo/", Count: 3},
		{Name: `<b>"Kim"</b> & co`, URL: "javascript:alert(1)"},
		{Name: "Mike Pompeo", URL: "../../people/mike-pompeo/", Count: 3},
	}
	page := func(people []render.Link, handles []string) *render.Page {
		return &render.Page{Kind: "story", Story: &render.StoryPage{People: people, Handles: handles}}
	}
	check := func(p *render.Page) string {
		t.Helper()
		parts := strings.Split(renderString(t, tm, p), "|")
		if len(parts) != 6 {
			t.Fatalf("want 6 parts, got %q", parts)
		}
		for i := 0; i < 6; i += 2 {
			if parts[i] != parts[i+1] {
				t.Errorf("cached output differs:\n%s\n%s", parts[i], parts[i+1])
			}
		}
		return parts[0]
	}
	first := check(page(people, []string{"@POTUS", "<x>"}))
	if !strings.Contains(first, "&lt;b&gt;&#34;Kim&#34;&lt;/b&gt; &amp; co") || !strings.Contains(first, `href="#ZgotmplZ"`) {
		t.Errorf("escaping lost: %s", first)
	}
	if again := check(page(people, []string{"@POTUS", "<x>"})); again != first {
		t.Error("second rendering differs")
	}
	changed := append([]render.Link(nil), people...)
	changed[0].Count = 4
	if out := check(page(changed, nil)); !strings.Contains(out, "<small>4</small>") || strings.Contains(out, "<small>3</small><li>") {
		t.Errorf("a changed count was not rendered afresh: %s", out)
	}
	if out := renderString(t, tm, page(nil, nil)); out != "||||" {
		t.Errorf("empty lists: %q", out)
	}
}

// TestCachedRespectsRedefinition checks that a page file redefining a
// partial gets its own definition through cachedEach, while other pages
// keep the shared one, for the same data in the same Templates.
func TestCachedRespectsRedefinition(t *testing.T) {
	partials := `{{define "li"}}<li>{{.Name}}</li>{{end}}`
	story := `{{define "li"}}<li class="mine">{{.Name}}</li>{{end}}{{define "main"}}{{cachedEach "li" .Story.People}}{{end}}`
	tag := `{{define "main"}}{{cachedEach "li" .Tags.Tags}}{{end}}`
	tm, err := render.Load([]render.Source{{Name: "test", FS: minimalSet(story, tag, partials)}})
	if err != nil {
		t.Fatal(err)
	}
	links := []render.Link{{Name: "Seoul"}}
	s := renderString(t, tm, &render.Page{Kind: "story", Story: &render.StoryPage{People: links}})
	g := renderString(t, tm, &render.Page{Kind: "tag", Tags: &render.TagsPage{Tags: links}})
	// The shared definition serves Partial too.
	if h, err := tm.Partial("li", links[0]); err != nil || h != `<li>Seoul</li>` {
		t.Errorf("Partial: %q, %v", h, err)
	}
	if s != `<li class="mine">Seoul</li>` || g != `<li>Seoul</li>` {
		t.Errorf("story %q, tag %q", s, g)
	}
}

// TestOverrideWithoutCached checks the default theme with a site partial
// and frame written without cachedEach, and with a page redefining the
// default entity-li: each renders as its author wrote it.
func TestOverrideWithoutCached(t *testing.T) {
	root := t.TempDir()
	write(t, root, "templates/base.html", `<nav>{{range .Nav}}<a href="{{.URL}}">{{.Name}}</a>{{end}}</nav>{{template "main" .}}`)
	write(t, root, "templates/story.html", `{{define "entity-li"}}<li class="site-li">{{.Name}}</li>{{end}}`+
		`{{define "main"}}{{template "entity-groups" .Story}}{{end}}`)
	tm, err := render.Load(render.Sources(root, "", themes.Default()))
	if err != nil {
		t.Fatal(err)
	}
	fx := fixtures("")
	story := renderString(t, tm, fx["story"])
	if !strings.HasPrefix(story, `<nav><a href="../../../../">Home</a><a href="../../../../people/">People</a>`) {
		t.Errorf("site base.html not used: %.200s", story)
	}
	if !strings.Contains(story, `<li class="site-li">Mike Pompeo</li>`) || strings.Contains(story, "<small>") {
		t.Errorf("the story page's entity-li not used by the default entitylist: %s", story)
	}
	entity := renderString(t, tm, fx["entity"])
	if strings.Contains(entity, "site-li") || !strings.Contains(entity, "<small>") {
		t.Errorf("the story page's entity-li leaked into another page: %s", entity)
	}
}

func write(t *testing.T, root, rel, s string) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCachedConcurrent renders pages sharing fragments from several
// goroutines at once (run with -race): every page must come out whole.
func TestCachedConcurrent(t *testing.T) {
	tm := loadDefault(t)
	fx := fixtures("")
	want := map[string]string{}
	for name, p := range fx {
		want[name] = renderString(t, tm, p)
	}
	tm = loadDefault(t) // a cold memo, filled concurrently
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				for name, p := range fx {
					b, err := tm.Bytes(p)
					if err != nil || string(b) != want[name] {
						errs <- name
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for name := range errs {
		t.Errorf("%s rendered differently under concurrency", name)
	}
}

// TestCachedErrors checks that a missing partial or a value that is not a
// list fails the page with a message naming it, rather than printing nothing.
func TestCachedErrors(t *testing.T) {
	for _, tc := range []struct{ story, want string }{
		{`{{define "main"}}{{cachedEach "nope" .Nav}}{{end}}`, "nope"},
		{`{{define "main"}}{{cached "nope" .Title}}{{end}}`, "nope"},
		{`{{define "main"}}{{cachedEach "li" .Title}}{{end}}`, "not a list"},
	} {
		tm, err := render.Load([]render.Source{{Name: "test", FS: minimalSet(tc.story, `{{define "main"}}{{end}}`,
			`{{define "li"}}<li>{{.}}</li>{{end}}`)}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = tm.Bytes(&render.Page{Kind: "story", Title: "t", Nav: []render.NavItem{{Name: "Home"}}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got error %v, want one mentioning %q", tc.story, err, tc.want)
		}
	}
}

// BenchmarkPages renders one page of every kind through the default theme,
// its fragment memo warm as it is after the first pages of a build.
func BenchmarkPages(b *testing.B) {
	tm, err := render.Load(render.Sources(b.TempDir(), "default", themes.Default()))
	if err != nil {
		b.Fatal(err)
	}
	pages := fixtures("")
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := tm.Bytes(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}
