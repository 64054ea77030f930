package site

import (
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/browsertest"
)

// memHandler serves a built site as a static host does: a folder's
// index.html, fixed content types.
func memHandler(mem *Memory) http.Handler {
	types := map[string]string{
		".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
		".xml": "application/xml", ".json": "application/json", ".svg": "image/svg+xml",
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := mem.Files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if ct, ok := types[path.Ext(p)]; ok {
			w.Header().Set("Content-Type", ct)
		}
		w.Write(data)
	})
}

// pageCheck runs in the page after load. The hostile fixture's payloads
// call alert (which would block the load and fail the navigation) or set
// window.__pwned; the DOM must hold no element or attribute they could
// have injected.
const pageCheck = `(() => {
  const all = [...document.querySelectorAll('*')];
  return {
    pwned: typeof window.__pwned === 'undefined' ? 0 : window.__pwned,
    inlineScripts: document.querySelectorAll('script:not([type="application/ld+json"]):not([src])').length,
    foreignScripts: [...document.querySelectorAll('script[src]')].filter(s => !/\/(js\/search|_storygen\/reload)\.js$/.test(new URL(s.src).pathname)).length,
    handlers: all.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
    jsURLs: all.filter(e => [...e.attributes].some(a => /^\s*(javascript|data|vbscript):/i.test(a.value) && /^(href|src|action|formaction|data|srcdoc)$/.test(a.name))).length,
    // The theme writes one <base>, in the head, up to the site root.
    injected: document.querySelectorAll('img, iframe, object, embed, svg, math, frame, video, audio').length +
      [...document.querySelectorAll('base')].filter((b, i) => i > 0 || b.parentElement !== document.head || !/^(\.\.\/)+$/.test(b.getAttribute('href'))).length,
    text: document.body ? document.body.innerText : '',
  };
})()`

type pageState struct {
	Pwned          int    `json:"pwned"`
	InlineScripts  int    `json:"inlineScripts"`
	ForeignScripts int    `json:"foreignScripts"`
	Handlers       int    `json:"handlers"`
	JSURLs         int    `json:"jsURLs"`
	Injected       int    `json:"injected"`
	Text           string `json:"text"`
}

// TestHostileTextInBrowser loads every HTML page of the hostile fixture in
// headless Chromium and checks that no script ran and nothing was injected.
func TestHostileTextInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	mem := buildHostile(t)
	b := browsertest.Start(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", memHandler(mem))
	// A positive control: the checks below must see a page that is injected.
	mux.HandleFunc("/_control/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><title>c</title><p>x<script>window.__pwned=7</script><img src=x onerror="window.__pwned=8">`))
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	base := "http://" + ln.Addr().String() + "/"

	p := b.NewPage(t)
	if err := p.Navigate(base + "_control/"); err != nil {
		t.Fatal(err)
	}
	var ctl pageState
	if err := p.WaitFor("window.__pwned === 8"); err != nil {
		t.Fatalf("control page: %v", err)
	}
	if err := p.Eval(pageCheck, &ctl); err != nil || ctl.InlineScripts != 1 || ctl.Handlers != 1 || ctl.Injected != 1 {
		t.Fatalf("control page not seen as injected: %+v %v", ctl, err)
	}

	pages := 0
	for _, name := range mem.Paths() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		u := base + strings.TrimSuffix(name, "index.html")
		if err := p.Navigate(u); err != nil {
			t.Errorf("%s: %v (an alert() dialog blocks the load event)", name, err)
			continue
		}
		var st pageState
		if err := p.Eval(pageCheck, &st); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		pages++
		if st.Pwned != 0 {
			t.Errorf("%s: injected script ran (window.__pwned = %d)", name, st.Pwned)
		}
		if st.InlineScripts != 0 || st.ForeignScripts != 0 || st.Handlers != 0 || st.JSURLs != 0 || st.Injected != 0 {
			t.Errorf("%s: injected markup: %d inline scripts, %d foreign scripts, %d elements with handlers, %d javascript:/data: URLs, %d img/iframe/svg/… elements",
				name, st.InlineScripts, st.ForeignScripts, st.Handlers, st.JSURLs, st.Injected)
		}
		if strings.HasPrefix(name, "2018/05/31/") {
			for _, want := range []string{"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ .Site }}", "]]>", "[x](javascript:alert(1))"} {
				if !strings.Contains(st.Text, want) {
					t.Errorf("%s: the reader does not see %q", name, want)
				}
			}
		}
	}
	// The search page renders hits from the index: titles and names full of
	// markup must come out as text there too.
	if _, ok := mem.Files["search/index.json"]; ok {
		for _, q := range []string{"script", "alert", "<script>alert(1)</script>", "pwned", "onerror"} {
			u := base + "search/?q=" + url.QueryEscape(q)
			if err := p.Navigate(u); err != nil {
				t.Errorf("search %q: %v", q, err)
				continue
			}
			if err := p.WaitFor(`document.querySelectorAll('#search-results li').length > 0`); err != nil {
				var status string
				p.Eval(`document.getElementById('search-status').textContent`, &status)
				t.Errorf("search %q: no hits (%v); status %q; page errors %q", q, err, status, p.Errors())
				continue
			}
			var st pageState
			if err := p.Eval(pageCheck, &st); err != nil {
				t.Errorf("search %q: %v", q, err)
				continue
			}
			pages++
			if st.Pwned != 0 || st.InlineScripts != 0 || st.ForeignScripts != 0 || st.Handlers != 0 || st.JSURLs != 0 || st.Injected != 0 {
				t.Errorf("search %q: injected: %+v", q, st)
			}
			if q == "script" && !strings.Contains(st.Text, "<script>alert(1)</script>") {
				t.Errorf("search %q: hits do not show the title as typed:\n%s", q, st.Text)
			}
		}
	} else {
		t.Log("no search index in this build; search results not checked")
	}
	for _, e := range p.Errors() {
		if strings.Contains(e, "alert") || strings.Contains(e, "pwned") {
			t.Errorf("page error from injected code: %s", e)
		}
	}
	if pages < 20 {
		t.Errorf("only %d pages checked", pages)
	}
	t.Logf("%d pages checked in Chromium", pages)
}
