// Package site builds the whole website: it loads the content folder, runs
// parsing and extraction in parallel, resolves entities across the archive,
// indexes it, and renders every page into an output.Writer.
//
// Data flows one way: files → stories → annotations → archive index →
// Markdown → HTML → public/. Every page is a pure function of the index and
// the templates, so the same input always gives the same bytes.
package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/storygen/storygen/internal/annotate"
	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/output"
	"github.com/storygen/storygen/internal/par"
	"github.com/storygen/storygen/internal/render"
	"github.com/storygen/storygen/internal/resolve"
	"github.com/storygen/storygen/internal/search"
	"github.com/storygen/storygen/internal/story"
	"github.com/storygen/storygen/themes"
)

// Options control one build.
type Options struct {
	// Root is the site's folder: site.toml, content/, templates/, themes/.
	Root   string
	Config *config.Config
	// Drafts includes stories and pages marked draft.
	Drafts bool
	// MarkdownDir, when set, receives each story's Markdown as
	// <story URL>/index.md, the exact source its HTML is rendered from.
	MarkdownDir string
	// LiveReload injects the serve mode reload script into every page.
	LiveReload bool
	// Workers bounds parallelism; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, receives a one-line progress display (a terminal).
	Progress io.Writer
}

// Summary reports what a build did.
type Summary struct {
	Stories  int
	Pages    int
	Files    int
	Entities int
	Warnings []story.Warning
	// PagesByKind counts pages by template kind.
	PagesByKind map[string]int
	Elapsed     time.Duration
	// What a Builder could reuse: stories parsed and extracted again or
	// taken from the cache, files rendered or taken from the cache.
	StoriesExtracted, StoriesReused int
	FilesRendered, FilesReused      int
	// ResolutionReused: no mention table changed, so the previous build's
	// archive-wide resolution was carried over.
	ResolutionReused bool
	// IndexReused: no story changed what the archive index holds.
	IndexReused bool
	// Phases is where the time went, in order.
	Phases []Phase
}

// Phase is one step of a build and its wall time.
type Phase struct {
	Name    string
	Elapsed time.Duration
}

// phase records the time since the previous phase ended.
func (b *builder) phase(name string) {
	now := time.Now()
	b.sum.Phases = append(b.sum.Phases, Phase{name, now.Sub(b.mark)})
	b.mark = now
}

// String is the one-line summary printed at the end of a build.
func (s *Summary) String() string {
	return fmt.Sprintf("%d stories, %d pages, %d entities, %d warnings in %.2fs",
		s.Stories, s.Pages, s.Entities, len(s.Warnings), s.Elapsed.Seconds())
}

// doc is what the build keeps of one story between passes: no body text.
type doc struct {
	path    string // relative to the content folder
	hash    [32]byte
	date    time.Time
	day     string // date as YYYY-MM-DD, "" when undated
	title   string
	summary string
	slug    string
	url     string // site-relative folder, "2018/05/31/slug/"
	url0    string // url before duplicates are told apart; set with slug at parse
	tags    []string
	draft   bool
	res     *extract.Result
	terms   search.Terms // the story's words for the search index (Builder only)
	sid     int          // its id in a full build's streamed search index, else -1
}

// dateValue is the story's date as YYYY-MM-DD, "" when undated; computed
// once, since every list the story appears in shows it.
func (d *doc) dateValue() string { return d.day }

// Build builds the site into w.
func Build(opts Options, w output.Writer) (*Summary, error) {
	start := time.Now()
	if opts.Config == nil {
		return nil, errors.New("build: no configuration")
	}
	b := newBuilder(opts, w)
	if err := b.run(); err != nil {
		return b.sum, err
	}
	b.sum.Elapsed = time.Since(start)
	sortWarnings(b.sum.Warnings)
	return b.sum, nil
}

func newBuilder(opts Options, w output.Writer) *builder {
	b := &builder{opts: opts, cfg: opts.Config, w: w, sum: &Summary{PagesByKind: map[string]int{}}}
	b.workers = opts.Workers
	if b.workers <= 0 {
		b.workers = runtime.GOMAXPROCS(0)
	}
	return b
}

type builder struct {
	opts    Options
	cfg     *config.Config
	w       output.Writer
	sum     *Summary
	workers int

	contentDir string
	in         *inputs
	ann        *annotate.Set
	tmpl       *render.Templates
	mark       time.Time // end of the last phase
	docs       []*doc    // sorted by path
	// sidx is a full build's search index, fed as stories are parsed so
	// their words are never kept.
	sidx     *search.Builder
	idx      *index
	resolved *resolve.Index
	pages    []*handPage
	log      pageLog  // every HTML page, for the sitemap
	refs     sync.Map // refKey → template.HTML: list entries rendered once

	mu sync.Mutex // guards sum.Warnings and sum.PagesByKind

	// Set when building through a Builder.
	cache      *Builder
	env        [32]byte
	cacheMu    sync.Mutex // guards newStories and newFiles
	newStories map[string]*cachedStory
	newFiles   map[string]cachedFile
	newGroups  map[string]*group
	newRefs    map[uint64]template.HTML
	// The resolution this build made or reused, for the next.
	newResolved   map[string]resolved
	newResolveSig uint64
	newResolveOK  bool
	newIndex      *resolve.Index
	newIdx        *index
	newIndexed    []*indexed
	newIdxPaths   []string
	keys          *inputKeys // per-story input hashes; nil without a Builder
	stats         struct{ reused, rendered, extracted, kept atomic.Int64 }
}

func (b *builder) warn(ws ...story.Warning) {
	b.mu.Lock()
	b.sum.Warnings = append(b.sum.Warnings, ws...)
	b.mu.Unlock()
}

func (b *builder) run() error {
	b.mark = time.Now()
	if err := b.prepare(); err != nil {
		return err
	}
	if err := b.renderAll(); err != nil {
		return err
	}
	if err := b.writeSitemap(); err != nil {
		return err
	}
	b.phase("render")
	b.sum.StoriesExtracted, b.sum.StoriesReused = int(b.stats.extracted.Load()), int(b.stats.kept.Load())
	b.sum.FilesRendered, b.sum.FilesReused = int(b.stats.rendered.Load()), int(b.stats.reused.Load())
	return nil
}

// prepare runs everything before rendering: load, extract, resolve, index.
func (b *builder) prepare() error {
	b.contentDir = filepath.Join(b.opts.Root, b.cfg.ContentDir)
	in, err := scan(b.contentDir)
	if err != nil {
		return err
	}
	b.in = in
	b.warn(in.warnings...)

	if in.annotations != "" {
		ann, err := annotate.Load(filepath.Join(b.contentDir, in.annotations))
		if err != nil {
			return fmt.Errorf("annotations: %w", err)
		}
		b.ann = ann
	}
	tmpl, err := render.Load(render.Sources(b.opts.Root, b.cfg.Theme, themes.Default()))
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	b.tmpl = tmpl
	b.env = envDigest(b.opts, tmpl)
	b.phase("scan, annotations, templates")

	if b.cfg.Search.Enabled && b.cache == nil {
		b.sidx = search.NewBuilder(search.Options{})
	}
	if err := b.extractAll(); err != nil {
		return err
	}
	b.phase("read, parse, extract")
	b.resolveAll()
	b.phase("resolve")
	b.assignURLs()
	if b.sidx != nil {
		for _, d := range b.docs {
			if d.url != d.url0 && d.sid >= 0 {
				b.sidx.SetURL(d.sid, d.url)
			}
		}
	}
	b.buildOrReuseIndex()
	b.sum.Entities = len(b.idx.entities)
	b.phase("URLs, index")
	return b.loadPages()
}

// extractAll is pass one: read, parse and extract every story in parallel.
func (b *builder) extractAll() error {
	paths := b.in.stories
	docs := make([]*doc, len(paths))
	var done atomic.Int64
	stopProgress := b.progress("reading stories", len(paths), &done)
	err := par.Each(b.workers, len(paths), func(i int) error {
		defer done.Add(1)
		d, ws := b.loadStory(paths[i])
		if len(ws) > 0 {
			b.warn(ws...)
		}
		docs[i] = d
		return nil
	})
	stopProgress()
	if err != nil {
		return err
	}
	for _, d := range docs {
		if d == nil || (d.draft && !b.opts.Drafts) {
			continue
		}
		b.docs = append(b.docs, d)
	}
	b.sum.Stories = len(b.docs)
	return nil
}

// loadStory reads, parses and extracts one story; nil when there is no text.
func (b *builder) loadStory(rel string) (*doc, []story.Warning) {
	path := filepath.Join(b.contentDir, filepath.FromSlash(rel))
	if b.cache != nil {
		if d, ws, ok := b.cachedLoad(rel, path); ok {
			b.stats.kept.Add(1)
			return d, ws
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, []story.Warning{{Path: rel, Msg: fmt.Sprintf("cannot read: %v", err)}}
	}
	if b.cache != nil {
		if c := b.cache.stories[rel]; c != nil && c.hash == hashBytes(data) {
			b.rememberStory(rel, path, data, nil, nil)
			b.stats.kept.Add(1)
			return c.doc.share(), c.warnings
		}
	}
	d, ws := b.parseStory(rel, data)
	b.stats.extracted.Add(1)
	if b.cache != nil {
		b.rememberStory(rel, path, data, d, ws)
	}
	return d, ws
}

// parseStory parses and extracts one story's bytes.
func (b *builder) parseStory(rel string, data []byte) (*doc, []story.Warning) {
	s, ws := story.Parse(rel, data)
	if s == nil || len(s.Paragraphs) == 0 {
		if len(ws) == 0 {
			ws = append(ws, story.Warning{Path: rel, Msg: "no text, no page"})
		}
		return nil, ws
	}
	res := extract.Extract(s)
	compact(res)
	d := &doc{
		path:    rel,
		hash:    hashBytes(data),
		date:    s.Date,
		day:     dayOf(s.Date),
		title:   strings.Clone(s.Title),
		summary: summary(s),
		slug:    strings.Clone(s.Slug),
		draft:   s.Draft,
		res:     res,
	}
	for _, t := range s.Tags {
		d.tags = append(d.tags, strings.Clone(t))
	}
	d.slug, d.url0 = storyURL(d)
	d.sid = -1
	switch {
	case b.sidx != nil && (!d.draft || b.opts.Drafts):
		id, err := b.sidx.AddStory(search.Story{Title: d.title, URL: d.url0, Date: d.day, Key: rel, Text: bodyText(s)})
		if err != nil {
			ws = append(ws, story.Warning{Path: rel, Msg: fmt.Sprintf("left out of the search index: %v", err)})
		} else {
			d.sid = id
		}
	case b.cfg.Search.Enabled && b.cache != nil:
		d.terms = search.Tokenize(s.Title, bodyText(s))
	}
	return d, ws
}

// compact copies the strings a Result shares with the story text, so the text
// can be freed: the build keeps annotations, never bodies. Any string still
// pointing into the text would keep all of it alive, so every one is copied,
// once per distinct value ("last week" twice is one copy). Mentions need no
// copying: their names are interned (extract.Str).
func compact(r *extract.Result) {
	seen := map[string]string{}
	c := func(s string) string {
		if s == "" {
			return ""
		}
		if v, ok := seen[s]; ok {
			return v
		}
		v := strings.Clone(s)
		seen[v] = v
		return v
	}
	if cap(r.Dates) > len(r.Dates) {
		r.Dates = slices.Clone(r.Dates) // appended one by one: a third was spare capacity
	}
	for i := range r.Dates {
		r.Dates[i].Text, r.Dates[i].Value = c(r.Dates[i].Text), c(r.Dates[i].Value)
	}
	for i := range r.Quotes {
		r.Quotes[i].Text = c(r.Quotes[i].Text)
	}
	for i := range r.Hashtags {
		r.Hashtags[i] = c(r.Hashtags[i])
	}
	for i := range r.Handles {
		r.Handles[i] = c(r.Handles[i])
	}
	for i := range r.Tags {
		r.Tags[i].Text = c(r.Tags[i].Text)
	}
}

func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// bodyText is the story's paragraphs, captions left out.
func bodyText(s *story.Story) string {
	var sb strings.Builder
	sb.Grow(len(s.Text) + len(s.Paragraphs)) // one allocation, not a doubling series
	for _, p := range s.Paragraphs {
		if !p.Caption {
			sb.WriteString(s.Text[p.Start:p.End])
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

// summary is the start of the story's first paragraph, for lists.
// When the title is the first sentence, the summary starts after it, so that
// a list does not say the same words twice.
func summary(s *story.Story) string {
	for _, p := range s.Paragraphs {
		if p.Caption {
			continue
		}
		text := strings.Join(strings.Fields(s.Text[p.Start:p.End]), " ")
		if !s.TitleFromFrontMatter {
			head := strings.TrimSuffix(s.Title, "…")
			if strings.HasPrefix(text, head) {
				rest := text[len(head):]
				if i := sentenceEnd(rest); i >= 0 {
					rest = rest[i:]
				} else {
					rest = ""
				}
				text = strings.TrimSpace(rest)
			}
		}
		return shorten(text, 220)
	}
	return ""
}

// sentenceEnd is the offset just after the first ". ", "? " or "! " in s, or -1.
func sentenceEnd(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i+1] == ' ' {
			return i + 2
		}
	}
	return -1
}

// linkLabel is a short label for an external link: its host.
func linkLabel(u string) string {
	h := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	if h == "" {
		return u
	}
	return strings.TrimPrefix(h, "www.")
}

// shorten cuts s at a word boundary to at most n bytes, adding an ellipsis.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}

func utf8Start(c byte) bool { return c&0xC0 != 0x80 }

func (b *builder) resolve() {
	rdocs := make([]resolve.Doc, len(b.docs))
	for i, d := range b.docs {
		rdocs[i] = resolve.Doc{Path: d.path, Date: d.date, Result: d.res}
	}
	b.resolved = resolve.Resolve(rdocs, b.ann)
}

// progress shows "label n/total" on a terminal until the returned stop is called.
func (b *builder) progress(label string, total int, done *atomic.Int64) (stop func()) {
	if b.opts.Progress == nil || total < 500 {
		return func() {}
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				fmt.Fprintf(b.opts.Progress, "\r\033[K")
				return
			case <-t.C:
				fmt.Fprintf(b.opts.Progress, "\r\033[K%s %d/%d", label, done.Load(), total)
			}
		}
	}()
	return func() { close(quit); wg.Wait() }
}

func sortWarnings(ws []story.Warning) {
	sort.SliceStable(ws, func(i, j int) bool {
		if ws[i].Path != ws[j].Path {
			return ws[i].Path < ws[j].Path
		}
		return ws[i].Line < ws[j].Line
	})
}

func hashBytes(b []byte) [32]byte { return sha256.Sum256(b) }
