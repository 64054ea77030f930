package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/BurntSushi/toml"

	"github.com/storygen/storygen/internal/markdown"
	"github.com/storygen/storygen/internal/render"
	"github.com/storygen/storygen/internal/story"
	"github.com/storygen/storygen/themes"
)

type atomicCounter struct{ n atomic.Int64 }

// handPage is a hand-written Markdown page from the content folder.
type handPage struct {
	path  string // relative to the content folder
	url   string // site-relative folder
	title string
	date  string
	menu  bool
	body  []byte // Markdown after the front matter
}

// pageMeta is the front matter a hand-written page may carry.
type pageMeta struct {
	Title  string `toml:"title"`
	Date   string `toml:"date"`
	Slug   string `toml:"slug"`
	Menu   any    `toml:"menu"` // true or a menu name ("main")
	Weight int    `toml:"weight"`
	Draft  bool   `toml:"draft"`
}

func (b *builder) loadPages() error {
	type weighted struct {
		*handPage
		weight int
	}
	var ws []weighted
	taken := map[string]string{}
	for _, rel := range b.in.pages {
		data, err := os.ReadFile(filepath.Join(b.contentDir, filepath.FromSlash(rel)))
		if err != nil {
			b.warn(story.Warning{Path: rel, Msg: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		var meta pageMeta
		body := data
		if fm, rest, ok := splitFrontMatter(data); ok {
			md, err := toml.Decode(string(fm), &meta)
			if err != nil {
				b.warn(story.Warning{Path: rel, Line: tomlLine(err) + 1, Msg: fmt.Sprintf("front matter: %v", err)})
			} else {
				for _, k := range md.Undecoded() {
					b.warn(story.Warning{Path: rel, Msg: fmt.Sprintf("front matter: unknown key %q", k.String())})
				}
			}
			body = rest
		}
		if meta.Draft && !b.opts.Drafts {
			continue
		}
		hp := &handPage{path: rel, body: body, title: meta.Title, date: meta.Date}
		switch m := meta.Menu.(type) {
		case bool:
			hp.menu = m
		case string:
			hp.menu = m != ""
		}
		// URL: the slug, else the file's path without ".md" ("index.md" is its folder).
		base := strings.TrimSuffix(rel, path.Ext(rel))
		if meta.Slug != "" {
			dir := path.Dir(rel)
			if dir == "." {
				dir = ""
			} else {
				dir = slugPath(dir) + "/"
			}
			hp.url = dir + story.Slugify(meta.Slug) + "/"
		} else if path.Base(base) == "index" || path.Base(base) == "_index" {
			hp.url = slugPath(path.Dir(base)) + "/"
		} else {
			hp.url = slugPath(base) + "/"
		}
		if hp.url == "/" || hp.url == "./" || strings.Trim(hp.url, "/") == "" {
			b.warn(story.Warning{Path: rel, Msg: "a page cannot replace the home page; skipped"})
			continue
		}
		if reservedSection(hp.url) {
			b.warn(story.Warning{Path: rel, Msg: fmt.Sprintf("URL /%s is reserved for generated pages; skipped", hp.url)})
			continue
		}
		if other, dup := taken[hp.url]; dup {
			b.warn(story.Warning{Path: rel, Msg: fmt.Sprintf("same URL /%s as %s; skipped", hp.url, other)})
			continue
		}
		taken[hp.url] = rel
		if hp.title == "" {
			hp.title = strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		}
		ws = append(ws, weighted{hp, meta.Weight})
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].weight < ws[j].weight })
	for _, w := range ws {
		b.pages = append(b.pages, w.handPage)
	}
	return nil
}

// reservedSection reports URLs that generated pages own.
func reservedSection(url string) bool {
	first := strings.SplitN(url, "/", 2)[0]
	switch first {
	case "people", "places", "organisations", "dates", "tags", "search", "undated", "css", "js", "_storygen":
		return true
	}
	return len(first) == 4 && first[0] >= '0' && first[0] <= '9' // year folders of stories
}

func slugPath(p string) string {
	parts := strings.Split(p, "/")
	out := parts[:0]
	for _, s := range parts {
		if s = story.Slugify(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "/")
}

func splitFrontMatter(data []byte) (fm, rest []byte, ok bool) {
	if !bytes.HasPrefix(data, []byte("+++")) {
		return nil, data, false
	}
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 || len(bytes.TrimSpace(data[3:nl])) != 0 {
		return nil, data, false
	}
	body := data[nl+1:]
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		line := body[off:]
		if end >= 0 {
			line = body[off : off+end]
		}
		if bytes.Equal(bytes.TrimSpace(line), []byte("+++")) {
			if end < 0 {
				return body[:off], nil, true
			}
			return body[:off], body[off+end+1:], true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, data, false
}

func tomlLine(err error) int {
	if pe, ok := err.(toml.ParseError); ok {
		return pe.Position.Line
	}
	return 0
}

func (b *builder) handPage(hp *handPage) error {
	root := rootOf(hp.url)
	var body bytes.Buffer
	if err := markdown.Render(&body, hp.body); err != nil {
		return fmt.Errorf("%s: %w", hp.path, err)
	}
	p := b.newPage("page", hp.url, hp.title, "")
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}}
	p.Doc = &render.DocPage{Body: template.HTML(body.String()), Date: hp.date}
	return b.emit(hp.url, p)
}

func (b *builder) notFoundPage() error {
	// GitHub Pages serves /404.html for every missing path, whatever its depth,
	// so its links cannot be relative: they are absolute from baseURL.
	p := b.newPage("404", "", "Page not found", "")
	base := b.cfg.BaseURL
	p.Root = base
	for i := range p.Nav {
		p.Nav[i].URL = base + strings.TrimPrefix(p.Nav[i].URL, "./")
	}
	p.Canonical = base + "404.html"
	p.Doc = &render.DocPage{}
	data, err := b.tmpl.Bytes(p)
	if err != nil {
		return err
	}
	b.count("404")
	return b.w.WriteFile("404.html", data)
}

func (b *builder) redirectPages() error {
	if b.resolved == nil {
		return nil
	}
	for _, r := range b.resolved.Redirects {
		from := entityURL(entKey{r.Kind, r.From})
		to := entityURL(entKey{r.Kind, r.To})
		if from == to {
			continue
		}
		if _, live := b.idx.entities[entKey{r.Kind, r.From}]; live {
			continue // the old id is in use again: never shadow a live page
		}
		root := rootOf(from)
		p := b.newPage("redirect", from, "Moved", "")
		p.Canonical = b.cfg.BaseURL + to
		p.Redirect = &render.RedirectPage{To: root + to}
		if err := b.emit(from, p); err != nil {
			return err
		}
	}
	return nil
}

// staticFiles copies the theme's static files, the site's static/ folder and
// the content folder's other files, each later source winning.
func (b *builder) staticFiles() error {
	files := map[string]func() ([]byte, error){}
	var order []string
	add := func(fsys fs.FS) error {
		return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if _, ok := files[p]; !ok {
				order = append(order, p)
			}
			files[p] = func() ([]byte, error) { return fs.ReadFile(fsys, p) }
			return nil
		})
	}
	themeStatic := filepath.Join(b.opts.Root, "themes", b.cfg.Theme, "static")
	if st, err := os.Stat(themeStatic); err == nil && st.IsDir() {
		if err := add(os.DirFS(themeStatic)); err != nil {
			return fmt.Errorf("theme static files: %w", err)
		}
	} else if sub, err := fs.Sub(themes.Default(), "static"); err == nil {
		if err := add(sub); err != nil {
			return fmt.Errorf("theme static files: %w", err)
		}
	}
	siteStatic := filepath.Join(b.opts.Root, "static")
	if st, err := os.Stat(siteStatic); err == nil && st.IsDir() {
		if err := add(os.DirFS(siteStatic)); err != nil {
			return fmt.Errorf("static files: %w", err)
		}
	}
	sort.Strings(order)
	for _, p := range order {
		data, err := files[p]()
		if err != nil {
			return fmt.Errorf("static file %s: %w", p, err)
		}
		if err := b.w.WriteFile(p, data); err != nil {
			return err
		}
	}
	for _, rel := range b.in.assets {
		if err := b.w.CopyFile(rel, filepath.Join(b.contentDir, filepath.FromSlash(rel))); err != nil {
			b.warn(story.Warning{Path: rel, Msg: fmt.Sprintf("not copied: %v", err)})
		}
	}
	return nil
}

// siteFiles writes the files GitHub Pages and crawlers look for.
func (b *builder) siteFiles() error {
	if err := b.w.WriteFile(".nojekyll", nil); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n\nSitemap: " + b.cfg.BaseURL + "sitemap.xml\n"
	return b.w.WriteFile("robots.txt", []byte(robots))
}
