package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/site"
)

// fixedServer serves a hand-made site under base, as after a good build.
func fixedServer(base string) *Server {
	s := New(Options{LoadConfig: func() (*config.Config, error) { return nil, errors.New("no builds here") }})
	mem := site.NewMemory()
	for p, b := range map[string]string{
		"index.html":                "<p>home</p>",
		"404.html":                  "<p>not here</p>",
		"people/index.html":         "<p>people</p>",
		"people/ann-lee/index.html": "<p>Ann Lee</p>",
		"people/jo x/index.html":    "<p>Jo X</p>",
		"css/site.css":              "body{}",
		"favicon.svg":               "<svg/>",
		"feed.xml":                  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>`,
		"sitemap.xml":               `<?xml version="1.0" encoding="UTF-8"?><urlset></urlset>`,
		"robots.txt":                "User-agent: *",
		".nojekyll":                 "",
		"search/index.json":         "{}",
	} {
		if err := mem.WriteFile(p, []byte(b)); err != nil {
			panic(err)
		}
	}
	s.cur.Store(&served{mem: mem, base: base, baseURL: strings.ReplaceAll(base, " ", "%20"), id: "test.1"})
	s.publish("test.1", "")
	return s
}

func TestHandler(t *testing.T) {
	tests := []struct {
		method, target string
		code           int
		ctype          string // prefix
		body, location string
	}{
		{"GET", "/", 302, "", "", "/arch/"},
		{"GET", "/arch", 302, "", "", "/arch/"},
		{"GET", "/?x=1", 302, "", "", "/arch/?x=1"},
		{"GET", "/arch/", 200, "text/html; charset=utf-8", "<p>home</p>", ""},
		{"GET", "/arch/index.html", 200, "text/html", "<p>home</p>", ""},
		{"GET", "/arch/people", 301, "", "", "/arch/people/"},
		{"GET", "/arch/people?page=2", 301, "", "", "/arch/people/?page=2"},
		{"GET", "/arch/people/", 200, "text/html", "<p>people</p>", ""},
		{"GET", "/arch/people/ann-lee/", 200, "text/html", "<p>Ann Lee</p>", ""},
		{"GET", "/arch/people/jo%20x/", 200, "text/html", "<p>Jo X</p>", ""},
		{"GET", "/arch/people/jo%20x", 301, "", "", "/arch/people/jo%20x/"},
		{"GET", "/arch/css/site.css", 200, "text/css; charset=utf-8", "body{}", ""},
		{"GET", "/arch/favicon.svg", 200, "image/svg+xml", "<svg/>", ""},
		{"GET", "/arch/feed.xml", 200, "application/atom+xml", "", ""},
		{"GET", "/arch/sitemap.xml", 200, "application/xml", "", ""},
		{"GET", "/arch/robots.txt", 200, "text/plain; charset=utf-8", "User-agent: *", ""},
		{"GET", "/arch/search/index.json", 200, "application/json", "{}", ""},
		{"GET", "/arch/.nojekyll", 200, "application/octet-stream", "", ""},
		{"GET", "/arch/missing", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/css/", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/elsewhere/", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/../arch/index.html", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/people/../index.html", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/%2e%2e/arch/", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/%2E%2e/etc/passwd", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/./index.html", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/people%2fann-lee/", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/people%5Cann-lee/", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch//etc/passwd", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "//arch/", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/people/ann-lee%00/", 404, "text/html", "<p>not here</p>", ""},
		{"GET", "/arch/_storygen/reload.js", 200, "text/javascript", "EventSource", ""},
		{"GET", "/arch/_storygen/status", 200, "application/json", `"build":"test.1"`, ""},
		{"GET", "/arch/_storygen/other", 404, "text/plain", "", ""},
		{"HEAD", "/arch/", 200, "text/html", "", ""},
		{"POST", "/arch/", 405, "text/plain", "", ""},
		{"PUT", "/arch/x", 405, "text/plain", "", ""},
		{"DELETE", "/arch/", 405, "text/plain", "", ""},
		{"OPTIONS", "/arch/", 405, "text/plain", "", ""},
	}
	s := fixedServer("/arch/")
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, httptest.NewRequest(tc.method, tc.target, nil))
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.code {
				t.Fatalf("status %d, want %d (body %q)", res.StatusCode, tc.code, body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tc.ctype) {
				t.Errorf("Content-Type %q, want %q", ct, tc.ctype)
			}
			if !strings.Contains(string(body), tc.body) {
				t.Errorf("body %q lacks %q", body, tc.body)
			}
			if loc := res.Header.Get("Location"); loc != tc.location {
				t.Errorf("Location %q, want %q", loc, tc.location)
			}
			if tc.code == 405 && res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", res.Header.Get("Allow"))
			}
			if tc.method == "HEAD" && (len(body) != 0 || res.Header.Get("Content-Length") != "11") {
				t.Errorf("HEAD: body %q, Content-Length %q", body, res.Header.Get("Content-Length"))
			}
		})
	}
}

func TestHandlerEscapedBase(t *testing.T) {
	s := fixedServer("/my archive/")
	for target, want := range map[string]string{"/": "302 /my%20archive/", "/my%20archive": "302 /my%20archive/",
		"/my%20archive/": "200 ", "/my%20archive/people": "301 /my%20archive/people/"} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if got := fmt.Sprint(rec.Code, " ", rec.Header().Get("Location")); got != want {
			t.Errorf("%s: %s, want %s", target, got, want)
		}
	}
}

func TestHandlerRootSite(t *testing.T) {
	s := fixedServer("/")
	for target, want := range map[string]int{"/": 200, "/people/ann-lee/": 200, "/people": 301, "/nope": 404, "/_storygen/reload.js": 200} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != want {
			t.Errorf("%s: status %d, want %d", target, rec.Code, want)
		}
	}
}

// Before the first good build every page is a placeholder that loads the
// reload script, which shows the error and reloads after the fix.
func TestHandlerNoSiteYet(t *testing.T) {
	s := New(Options{LoadConfig: func() (*config.Config, error) { return nil, errors.New("site.toml:3: bad <value>") }})
	if rep := s.Rebuild(0, 0); rep.Err == nil {
		t.Fatal("the build did not fail")
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/some/page/", nil))
	body := rec.Body.String()
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(body, "site.toml:3: bad &lt;value&gt;") ||
		!strings.Contains(body, `<script src="/_storygen/reload.js">`) {
		t.Errorf("%d %s", rec.Code, body)
	}
}

func TestRequestPath(t *testing.T) {
	for _, tc := range []struct {
		decoded, escaped string
		ok               bool
	}{
		{"/", "/", true},
		{"/a/b/", "/a/b/", true},
		{"/a b/", "/a%20b/", true},
		{"/a/../b", "/a/../b", false},
		{"/..", "/..", false},
		{"/a/..", "/a/%2e%2E", false},
		{"/a/b", "/a%2Fb", false},
		{"/a\\b", "/a%5cb", false},
		{"//a", "//a", false},
		{"/a//b", "/a//b", false},
		{"a/b", "a/b", false},
		{"/a\x00", "/a%00", false},
		{"/a\nb", "/a%0Ab", false},
	} {
		if _, ok := requestPath(tc.decoded, tc.escaped); ok != tc.ok {
			t.Errorf("requestPath(%q, %q) ok = %v, want %v", tc.decoded, tc.escaped, ok, tc.ok)
		}
	}
}

func TestIgnoredName(t *testing.T) {
	for name, want := range map[string]bool{
		"story.txt": false, "2019": false, "4913": true, "5036": true, "5037": false, "4912": false,
		"story.txt~": true, ".story.txt.swp": true, ".story.txt.swx": true, ".#story.txt": true, "#story.txt#": true,
		"story.txt___jb_tmp___": true, "story.txt___jb_old___": true, ".goutputstream-AB12CD": true,
		"entities.toml": false, "#": false, "site.toml": false,
	} {
		if got := site.IgnoredName(name); got != want {
			t.Errorf("IgnoredName(%q) = %v, want %v", name, got, want)
		}
	}
}

// Shutdown ends open event streams instead of waiting for them.
func TestServeShutdownWithOpenStream(t *testing.T) {
	s := fixedServer("/arch/")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/arch/_storygen/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil || line != "retry: 1000\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(deadline):
		t.Fatal("Serve did not return after its context ended")
	}
}
