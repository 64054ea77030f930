package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/output"
)

// TestCrawlExampleUnderSubPath builds the repository's example site for a
// GitHub Pages project site, serves public/ under /archive/ on 127.0.0.1,
// crawls every page from the home page, and checks that no internal link or
// asset is broken and no page is left unreachable.
func TestCrawlExampleUnderSubPath(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(repo, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetBaseURL("https://example.github.io/archive/"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg.PublishDir = filepath.Join(dir, "public")
	tx, err := output.Begin(output.Options{Dir: cfg.PublishDir, SiteRoot: repo, ContentDir: filepath.Join(repo, cfg.ContentDir)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{Root: repo, Config: cfg}, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	mux := http.NewServeMux()
	mux.Handle("/archive/", http.StripPrefix("/archive/", http.FileServer(http.Dir(cfg.PublishDir))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	seen := map[string]bool{}
	queue := []string{srv.URL + "/archive/"}
	base, _ := url.Parse(srv.URL)
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", u, resp.StatusCode)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		page, _ := url.Parse(u)
		// Links after a <base> resolve against it.
		if b := baseRE.FindSubmatchIndex(body); b != nil {
			ref, err := url.Parse(string(body[b[2]:b[3]]))
			if err != nil {
				t.Errorf("%s: bad <base> %q", u, body[b[2]:b[3]])
				continue
			}
			page = page.ResolveReference(ref)
			body = body[b[1]:]
		}
		for _, m := range linkRE.FindAllSubmatch(body, -1) {
			href := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			ref, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s: bad link %q", u, href)
				continue
			}
			abs := page.ResolveReference(ref)
			abs.Fragment = ""
			if abs.Host == "example.github.io" && strings.HasPrefix(abs.Path, "/archive/") {
				// An absolute link to the published site (canonical, feeds): check it locally.
				abs.Scheme, abs.Host = base.Scheme, base.Host
			}
			if abs.Host != base.Host {
				continue
			}
			if !strings.HasPrefix(abs.Path, "/archive/") {
				t.Errorf("%s: link %q leaves the site's sub-path", u, href)
				continue
			}
			if !seen[abs.String()] {
				queue = append(queue, abs.String())
			}
		}
	}
	// Every page must have been reached (redirect pages exist for old URLs only).
	err = filepath.Walk(cfg.PublishDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || filepath.Base(p) != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(cfg.PublishDir, filepath.Dir(p))
		u := srv.URL + "/archive/"
		if rel != "." {
			u += filepath.ToSlash(rel) + "/"
		}
		if !seen[u] {
			data, _ := os.ReadFile(p)
			if !strings.Contains(string(data), `http-equiv="refresh"`) {
				t.Errorf("page %s is not reachable from the home page", u)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 200 {
		t.Errorf("crawled only %d URLs", len(seen))
	}
}
