package serve

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/browsertest"
)

// TestBrowserLiveReload runs reload.js in headless Chromium: a saved story
// reloads the open page, a broken template shows the overlay (also on a page
// opened while broken) with the message as text, the fix reloads the page
// without it, and a restarted server reloads the page too.
func TestBrowserLiveReload(t *testing.T) {
	b := browsertest.Start(t)
	c := newSite(t, 6, 11)
	h := startHarness(t, c, nil)
	p := b.NewPage(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// A page that reloads loses window.stale.
	mark := func() { must(p.Eval(`window.stale = 1`, nil)) }
	reloaded := `window.stale === undefined && document.readyState === 'complete'`

	must(p.Navigate(h.base))
	mark()
	h.change("edit a story", func() {
		c.write(c.stories[0], strings.Replace(c.read(c.stories[0]), "disagreed", "objected", 1))
	})
	must(p.WaitFor(reloaded))

	mark()
	tmpl := filepath.Join(c.root, "templates", "base.html")
	must(os.MkdirAll(filepath.Dir(tmpl), 0o755))
	must(os.WriteFile(tmpl, []byte(`{{ if .Broken }}<img src=x onerror="document.title='pwned'">`), 0o644))
	overlay := `(document.getElementById('storygen-error') || {}).textContent || ''`
	must(p.WaitFor(overlay + `.includes('base.html')`))
	var shown struct {
		Stale  int
		Imgs   int
		Title  string
		Inside bool
	}
	must(p.Eval(`({Stale: window.stale, Imgs: document.querySelectorAll('#storygen-error img').length, Title: document.title,
		Inside: document.getElementById('storygen-error').parentNode === document.body})`, &shown))
	if shown.Stale != 1 || shown.Imgs != 0 || shown.Title == "pwned" || !shown.Inside {
		t.Errorf("overlay after a failed build: %+v", shown)
	}

	// A page opened while the build is broken shows the overlay too.
	must(p.Navigate(h.base + "people/"))
	must(p.WaitFor(overlay + `.includes('base.html')`))

	mark()
	h.change("fix the template", func() {
		fixed := strings.Replace(defaultTemplate(t, "base.html"), "</body>", "<p hidden id=fixed>fixed-marker</p>\n</body>", 1)
		must(os.WriteFile(tmpl, []byte(fixed), 0o644))
	})
	must(p.WaitFor(reloaded + ` && document.getElementById('fixed') && !document.getElementById('storygen-error')`))
	if errs := p.Errors(); len(errs) > 0 {
		t.Errorf("browser errors: %q", errs)
	}

	// A restarted server (a new process: new build ids) on the same port:
	// the event stream reconnects and the page reloads.
	addr := strings.TrimPrefix(strings.TrimSuffix(h.base, "/arch/"), "http://")
	mark()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s2 := New(Options{Root: c.root, LoadConfig: loadConfig(c.root)})
	if rep := s2.Rebuild(0, 0); rep.Err != nil {
		t.Fatal(rep.Err)
	}
	h.stopServing()
	ln, err := net.Listen("tcp", addr)
	must(err)
	done := make(chan error, 1)
	go func() { done <- s2.Serve(ctx, ln) }()
	must(p.WaitFor(reloaded))
	cancel()
	must(<-done)
}
