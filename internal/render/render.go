// Package render lays out pages with html/template. Templates are looked up by
// name, site first, then theme: templates/NAME.html, then
// themes/<theme>/templates/NAME.html, then the embedded default theme.
//
// Every page template is parsed once, together with base.html and the
// partials (files whose name starts with "_"); it defines "main" and may
// define "head". A Templates value is safe for concurrent use.
package render

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
)

// Kinds lists the page templates a theme provides.
var Kinds = []string{"home", "story", "entity", "entities", "calendar", "period",
	"tag", "tags", "page", "undated", "search", "404", "redirect"}

// Source is one place templates are looked up, in priority order.
type Source struct {
	Name string // for error messages: "templates", "themes/dark/templates", "embedded default"
	FS   fs.FS  // rooted at the templates folder; nil when the folder does not exist
}

// Templates holds the parsed page templates.
type Templates struct {
	pages    map[string]*template.Template
	partials *template.Template // base and partials, for Partial
	// Files lists, sorted, the template files in use with the source each came
	// from; the build hashes it to know when templates changed.
	Files []string
	// Digest identifies the template set: names, origins and contents. Pages
	// rendered from equal data through equal digests are equal.
	Digest [32]byte
	bufs   sync.Pool
	memo   *memo
}

// Sources returns the lookup order for a site at root using theme, ending with
// the embedded default theme's templates.
func Sources(root, theme string, embedded fs.FS) []Source {
	var out []Source
	add := func(name, dir string) {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			out = append(out, Source{Name: name, FS: os.DirFS(dir)})
		}
	}
	add("templates", path.Join(root, "templates"))
	if theme != "" {
		add("themes/"+theme+"/templates", path.Join(root, "themes", theme, "templates"))
	}
	if embedded != nil {
		if sub, err := fs.Sub(embedded, "templates"); err == nil {
			out = append(out, Source{Name: "embedded default theme", FS: sub})
		}
	}
	return out
}

// Error is a template problem with the file it came from.
type Error struct {
	File string // e.g. "templates/story.html"
	Err  error
}

func (e *Error) Error() string { return e.File + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Load reads and parses the templates, first source winning for each name.
func Load(sources []Source) (*Templates, error) {
	files := map[string][]byte{}
	origin := map[string]string{}
	for _, src := range sources {
		entries, err := fs.ReadDir(src.FS, ".")
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", src.Name, err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".html") {
				continue
			}
			if _, seen := files[name]; seen {
				continue
			}
			b, err := fs.ReadFile(src.FS, name)
			if err != nil {
				return nil, fmt.Errorf("reading %s/%s: %w", src.Name, name, err)
			}
			files[name] = compact(b)
			origin[name] = src.Name + "/" + name
		}
	}
	base, ok := files["base.html"]
	if !ok {
		return nil, errors.New("no base.html template in any of the template folders")
	}
	var partials []string
	for name := range files {
		if strings.HasPrefix(name, "_") {
			partials = append(partials, name)
		}
	}
	sort.Strings(partials)

	root := template.New("base.html").Funcs(funcs).Funcs(placeholderFuncs)
	if _, err := root.Parse(string(base)); err != nil {
		return nil, &Error{File: origin["base.html"], Err: err}
	}
	for _, p := range partials {
		if _, err := root.New(p).Parse(string(files[p])); err != nil {
			return nil, &Error{File: origin[p], Err: err}
		}
	}
	t := &Templates{pages: map[string]*template.Template{}, memo: newMemo(memoLimit)}
	// Executing a set forbids cloning it afterwards: Partial runs on a clone
	// of its own.
	shared, err := root.Clone()
	if err != nil {
		return nil, fmt.Errorf("cloning base template: %w", err)
	}
	t.partials = shared.Funcs(t.memo.funcs(shared, ""))
	t.bufs.New = func() any { return new(bytes.Buffer) }
	for _, kind := range Kinds {
		name := kind + ".html"
		src, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("no %s template in any of the template folders", name)
		}
		clone, err := root.Clone()
		if err != nil {
			return nil, fmt.Errorf("cloning base template: %w", err)
		}
		if _, err := clone.New(name).Parse(string(src)); err != nil {
			return nil, &Error{File: origin[name], Err: err}
		}
		t.pages[kind] = clone.Funcs(t.memo.funcs(clone, kind))
	}
	for name := range files {
		t.Files = append(t.Files, origin[name])
	}
	sort.Strings(t.Files)
	h := sha256.New()
	for _, f := range t.Files {
		name := path.Base(f)
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(files[name]))
		h.Write(files[name])
	}
	copy(t.Digest[:], h.Sum(nil))
	return t, nil
}

// Render executes the page's template into w. The output is complete or an
// error is returned and nothing is written.
func (t *Templates) Render(w io.Writer, p *Page) error {
	b, err := t.Bytes(p)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Partial renders the named partial template (defined in a "_" file) with
// data, for HTML the build renders once and reuses across pages. It returns
// "" and no error when the theme does not define the partial.
func (t *Templates) Partial(name string, data any) (template.HTML, error) {
	if t.partials == nil || t.partials.Lookup(name) == nil {
		return "", nil
	}
	buf := t.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer t.bufs.Put(buf)
	if err := t.partials.ExecuteTemplate(buf, name, data); err != nil {
		return "", fmt.Errorf("rendering partial %s: %w", name, err)
	}
	return template.HTML(buf.String()), nil
}

// Bytes renders the page and returns its bytes, in a slice of exactly their
// size: rendering happens in a pooled buffer, so a page costs one allocation
// of its final size rather than a buffer grown step by step.
func (t *Templates) Bytes(p *Page) ([]byte, error) {
	return t.AppendBytes(nil, p)
}

// AppendBytes is Bytes appending the page to dst, for a caller that writes
// the page out at once and reuses its buffer for the next.
func (t *Templates) AppendBytes(dst []byte, p *Page) ([]byte, error) {
	tmpl, ok := t.pages[p.Kind]
	if !ok {
		return nil, fmt.Errorf("no template for page kind %q", p.Kind)
	}
	base, self := baseOf(p)
	q := *p
	q.Base = base
	q.Frame = Frame{Root: p.Root, Nav: p.Nav, FeedURL: p.FeedURL}
	if p.Site != nil {
		q.Frame.Site = *p.Site
	}
	p = &q
	buf := t.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer t.bufs.Put(buf)
	if err := tmpl.ExecuteTemplate(buf, "base.html", p); err != nil {
		return nil, fmt.Errorf("rendering %s page %q: %w", p.Kind, p.Title, err)
	}
	if base != "" {
		return appendRebasedPage(dst, buf.Bytes(), base, self), nil
	}
	if dst == nil {
		return bytes.Clone(buf.Bytes()), nil
	}
	return append(dst, buf.Bytes()...), nil
}

// compact drops the indentation of template lines: it is for people reading
// the template, and on a site of many thousand pages it costs real bytes.
// Lines inside <pre> and <textarea> keep theirs.
func compact(src []byte) []byte {
	out := make([]byte, 0, len(src))
	keep := 0 // depth of <pre>/<textarea> elements open
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i+1], src[i+1:]
		} else {
			src = nil
		}
		if keep == 0 {
			line = bytes.TrimLeft(line, " \t")
		}
		lower := bytes.ToLower(line)
		keep += bytes.Count(lower, []byte("<pre")) + bytes.Count(lower, []byte("<textarea"))
		keep -= bytes.Count(lower, []byte("</pre")) + bytes.Count(lower, []byte("</textarea"))
		if keep < 0 {
			keep = 0
		}
		out = append(out, line...)
	}
	return out
}

var funcs = template.FuncMap{
	// plural picks the singular or plural word for n.
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	// add is for 1-based numbering.
	"add": func(a, b int) int { return a + b },
	// humanDate formats an ISO date for readers ("31 May 2018").
	"humanDate": humanDate,
	// noteGroups splits links into runs of equal Note, so a list can write
	// each note once as a heading.
	"noteGroups": noteGroups,
	// withoutSpeaker drops the speaker from quotes by name, for the page
	// of that speaker, which says whose quotes they are.
	"withoutSpeaker": withoutSpeaker,
	// quoteGroups captions a run of quotes from one story once.
	"quoteGroups": quoteGroups,
}
