package site

import (
	"crypto/sha256"
	"fmt"
	"github.com/storygen/storygen/internal/resolve"
	"hash/maphash"
	"html/template"
	"os"
	"reflect"
	"sync"
	"time"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/render"
	"github.com/storygen/storygen/internal/search"
	"github.com/storygen/storygen/internal/story"
)

// Builder builds the same site again and again, as serve does, and keeps
// what it can reuse between builds:
//
//   - each story's parse and extraction, keyed by the file's content hash
//     (size and modification time only decide whether to re-read and hash);
//   - each output file's bytes, keyed by a fingerprint of the data the file
//     is a pure function of, under the same templates and configuration.
//
// Resolution, the archive index and every page's data are recomputed on
// every build from the cached per-story tables, so a build through a Builder
// gives exactly the bytes of a fresh full build of the same files: the caches
// only skip work whose inputs are unchanged.
type Builder struct {
	mu      sync.Mutex
	seed    maphash.Seed
	stories map[string]*cachedStory
	files   map[string]cachedFile // files written outside any group, by path
	written int                   // files the last build wrote, to size the next's maps
	groups  map[string]*group
	refs    map[uint64]template.HTML // list entries by fingerprint of their fields

	// The previous build's resolution, reused while no mention table changes.
	resolved   map[string]resolved
	resolveSig uint64
	resolveOK  bool
	index      *resolve.Index

	// The previous build's archive index, reused while no story changed it.
	idx      *index
	indexed  []*indexed
	idxPaths []string
	env      [32]byte // templates, configuration and options of the cached files

	search *search.Live // used by one build at a time (Build is serialised)
}

type cachedStory struct {
	size     int64
	mod      time.Time
	hash     [32]byte
	doc      *doc   // pristine: mentions as extracted, before resolution; never changed
	sig      uint64 // resolutionSig of doc's table
	warnings []story.Warning
}

type cachedFile struct {
	fp   uint64
	data []byte
}

// NewBuilder returns a Builder with empty caches.
func NewBuilder() *Builder {
	return &Builder{seed: maphash.MakeSeed(), stories: map[string]*cachedStory{}, files: map[string]cachedFile{}, groups: map[string]*group{}}
}

// BuildStats says how much a build could reuse.
type BuildStats struct {
	StoriesReused, StoriesExtracted int
	FilesReused, FilesRendered      int
}

// Build builds the site into memory. Calls are serialised. On error the
// caches keep the previous good state.
func (bl *Builder) Build(opts Options) (*Memory, *Summary, error) {
	bl.mu.Lock()
	defer bl.mu.Unlock()
	// Sized for the previous build: growing maps of 20,000 files by
	// rehashing cost more than the rest of replaying them.
	mem := &Memory{Files: make(map[string][]byte, bl.written)}
	start := time.Now()
	if opts.Config == nil {
		return nil, nil, fmt.Errorf("build: no configuration")
	}
	b := newBuilder(opts, mem)
	b.cache = bl
	b.newStories = make(map[string]*cachedStory, len(bl.stories))
	b.newFiles = make(map[string]cachedFile, len(bl.files))
	b.newGroups = make(map[string]*group, len(bl.groups))
	b.newRefs = map[uint64]template.HTML{}
	b.newResolved = map[string]resolved{}
	if err := b.run(); err != nil {
		return nil, b.sum, err
	}
	b.sum.Elapsed = time.Since(start)
	sortWarnings(b.sum.Warnings)
	bl.stories = b.newStories
	bl.files = b.newFiles
	bl.written = len(mem.Files)
	bl.groups = b.newGroups
	bl.refs = b.newRefs
	bl.resolved, bl.resolveSig, bl.resolveOK, bl.index = b.newResolved, b.newResolveSig, b.newResolveOK, b.newIndex
	bl.idx, bl.indexed, bl.idxPaths = b.newIdx, b.newIndexed, b.newIdxPaths
	bl.env = b.env
	return mem, b.sum, nil
}

// cachedLoad returns the story's doc from the cache when the file is unchanged.
func (b *builder) cachedLoad(rel, path string) (*doc, []story.Warning, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, false
	}
	c := b.cache.stories[rel]
	if c == nil || c.size != st.Size() || !c.mod.Equal(st.ModTime()) {
		return nil, nil, false
	}
	b.keepStory(rel, c)
	return c.doc.share(), c.warnings, true
}

func (b *builder) keepStory(rel string, c *cachedStory) {
	b.cacheMu.Lock()
	b.newStories[rel] = c
	b.cacheMu.Unlock()
}

// rememberStory caches a freshly extracted story (a pristine copy of its doc).
func (b *builder) rememberStory(rel, path string, data []byte, d *doc, ws []story.Warning) {
	st, err := os.Stat(path)
	if err != nil {
		return
	}
	var c *cachedStory
	if old := b.cache.stories[rel]; old != nil && old.hash == sha256.Sum256(data) {
		c = old
	} else {
		c = &cachedStory{hash: sha256.Sum256(data), warnings: ws}
		if d != nil {
			c.doc = d.clone()
			c.sig = b.cache.resolutionSig(c.doc.res)
		}
	}
	// Size and time describe the bytes read only if the file did not change meanwhile.
	if st.Size() == int64(len(data)) {
		c.size, c.mod = st.Size(), st.ModTime()
	}
	b.keepStory(rel, c)
}

// share copies a cached doc's fields; its table stays shared with the cache
// until resolution, which copies it before changing it.
func (d *doc) share() *doc {
	if d == nil {
		return nil
	}
	c := *d
	return &c
}

// clone copies a doc deep enough that resolution can change the copy.
func (d *doc) clone() *doc {
	if d == nil {
		return nil
	}
	c := *d
	r := *d.res
	r.Mentions = append([]extract.Mention(nil), d.res.Mentions...)
	r.Quotes = append([]extract.Quote(nil), d.res.Quotes...)
	c.res = &r
	return &c
}

// put writes a file whose bytes are a pure function of (fp, env): reused from
// the previous build when both are unchanged, else generated. A file made
// within a group is recorded in it.
func (b *builder) put(g *group, path string, fp uint64, gen func() ([]byte, error)) error {
	if b.cache != nil {
		if c, ok := b.previous(g, path); ok && c.fp == fp && b.cache.env == b.env {
			if g == nil {
				b.keepFile(path, c)
			}
			b.stats.reused.Add(1)
			g.add(path, c)
			return b.writeOwned(path, c.data)
		}
	}
	data, err := gen()
	if err != nil {
		return err
	}
	b.stats.rendered.Add(1)
	if b.cache != nil && g == nil {
		b.keepFile(path, cachedFile{fp: fp, data: data})
	}
	g.add(path, cachedFile{fp: fp, data: data})
	return b.writeOwned(path, data)
}

// previous is the last build's file at path: a group's files are kept with
// the group (and looked up in the group of the same name), the rest by path.
func (b *builder) previous(g *group, path string) (cachedFile, bool) {
	if g == nil {
		c, ok := b.cache.files[path]
		return c, ok
	}
	if old := b.cache.groups[g.name]; old != nil {
		for _, f := range old.files {
			if f.path == path {
				return f.cachedFile, true
			}
		}
	}
	return cachedFile{}, false
}

// writeOwned writes bytes the build owns and never changes; an in-memory
// site keeps them without a copy.
func (b *builder) writeOwned(path string, data []byte) error {
	if m, ok := b.w.(*Memory); ok {
		return m.keep(path, data)
	}
	return b.w.WriteFile(path, data)
}

// A group is the files one page function writes (an entity's page, year
// pages and feed; a story's page; a day's page), cached under a key that
// hashes every input the function reads. When the key is unchanged the
// function does not run at all: its files are replayed.
type group struct {
	name  string
	key   uint64
	files []groupFile
	pages []groupPage
}

type groupFile struct {
	path string
	cachedFile
}

type groupPage struct {
	dir, kind, lastmod string
}

func (g *group) add(path string, c cachedFile) {
	if g != nil {
		g.files = append(g.files, groupFile{path, c})
	}
}

func (g *group) addPage(dir, kind, lastmod string) {
	if g != nil {
		g.pages = append(g.pages, groupPage{dir, kind, lastmod})
	}
}

// replayAll replays every group whose key is unchanged, on one goroutine
// before any page job runs, taking each lock once; it returns the indexes of
// the groups that must run.
func (b *builder) replayAll(groups []pageGroup, keys []uint64) ([]int, error) {
	var rerun []int
	var same []*group
	for i, pg := range groups {
		if g := b.cache.groups[pg.name]; g != nil && g.key == keys[i] {
			same = append(same, g)
		} else {
			rerun = append(rerun, i)
		}
	}
	if m, ok := b.w.(*Memory); ok {
		if err := m.keepGroups(same); err != nil {
			return nil, err
		}
	} else {
		for _, g := range same {
			for _, f := range g.files {
				if err := b.w.WriteFile(f.path, f.data); err != nil {
					return nil, err
				}
			}
		}
	}
	kinds := map[string]int{}
	files := 0
	b.log.mu.Lock()
	for _, g := range same {
		files += len(g.files)
		for _, p := range g.pages {
			kinds[p.kind]++
			if p.kind != "redirect" {
				b.log.entries = append(b.log.entries, sitemapEntry{p.dir, p.lastmod})
			}
		}
	}
	b.log.mu.Unlock()
	b.stats.reused.Add(int64(files))
	b.mu.Lock()
	for k, n := range kinds {
		b.sum.PagesByKind[k] += n
		b.sum.Pages += n
	}
	b.mu.Unlock()
	b.cacheMu.Lock()
	for _, g := range same {
		b.newGroups[g.name] = g
	}
	b.cacheMu.Unlock()
	return rerun, nil
}

// begin starts recording a group; nil when not building through a Builder.
func (b *builder) begin(name string, key uint64) *group {
	if b.cache == nil {
		return nil
	}
	return &group{name: name, key: key}
}

func (b *builder) commit(g *group) {
	if g == nil {
		return
	}
	b.cacheMu.Lock()
	b.newGroups[g.name] = g
	b.cacheMu.Unlock()
}

// grouped runs f as the group name under key, recording its files for the
// next build (which replays them through replayAll while key is unchanged).
func (b *builder) grouped(name string, key uint64, f func(g *group) error) error {
	g := b.begin(name, key)
	if err := f(g); err != nil {
		return err
	}
	b.commit(g)
	return nil
}

func (b *builder) keepFile(path string, c cachedFile) {
	b.cacheMu.Lock()
	b.newFiles[path] = c
	b.cacheMu.Unlock()
}

// fingerprintOf hashes page data plus extra keys.
func (b *builder) fingerprintOf(v any, extra ...uint64) uint64 {
	if b.cache == nil {
		return 0
	}
	f := newFingerprint(b.cache.seed)
	f.value(reflect.ValueOf(v))
	for _, x := range extra {
		f.u64(x)
	}
	return f.sum()
}

// envDigest identifies everything outside page data that output depends on.
func envDigest(opts Options, t *render.Templates) [32]byte {
	h := sha256.New()
	h.Write(t.Digest[:])
	fmt.Fprintf(h, "%#v\x00%v\x00%v\x00%s", *opts.Config, opts.Drafts, opts.LiveReload, opts.MarkdownDir)
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}
