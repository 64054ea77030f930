package site

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/markdown"
	"github.com/storygen/storygen/internal/output"
	"github.com/storygen/storygen/internal/par"
	"github.com/storygen/storygen/internal/render"
	"github.com/storygen/storygen/internal/story"
)

const (
	homeLatest    = 20  // stories on the home page
	splitByYear   = 150 // entity timelines longer than this get a page per year
	coMentionsMax = 15  // co-mentioned entities listed per kind
	topOnHome     = 12
)

// job renders one or more files.
type job func() error

// pageGroup is a page function run as a group (see Builder): its name, its
// key, and the function.
type pageGroup struct {
	name string
	key  func() uint64
	run  func(g *group) error
}

// renderAll is pass two: every page, rendered in parallel.
func (b *builder) renderAll() error {
	var groups []pageGroup
	for i := range b.docs {
		di := int32(i)
		groups = append(groups, pageGroup{"story:" + b.docs[di].url, func() uint64 { return b.storyKey(di) },
			func(g *group) error { return b.storyPage(g, di) }})
	}
	for _, e := range b.idx.sorted {
		groups = append(groups, pageGroup{entityGroup(e.key), func() uint64 { return b.entityKey(e) },
			func(g *group) error { return b.entityPages(g, e) }})
	}
	for _, p := range b.idx.periods {
		groups = append(groups, pageGroup{"period:" + p.value, func() uint64 { return b.periodKey(p) },
			func(g *group) error { return b.periodPage(g, p) }})
	}
	for t := range b.idx.tags {
		groups = append(groups, pageGroup{"tag:" + t, func() uint64 { return b.tagKey(t) },
			func(g *group) error { return b.tagPage(g, t) }})
	}

	var jobs []job
	var searched chan error
	if b.cache != nil && b.cache.env == b.env {
		// The search index beside everything else: after a small edit it is
		// the longest single piece of work.
		searched = make(chan error, 1)
		go func() { searched <- b.searchIndex() }()
		// Keys in parallel, then the unchanged groups replayed in a row
		// before any page job starts: twenty thousand replays fighting over
		// the same locks from both cores cost more than they do in turn.
		keys := make([]uint64, len(groups))
		_ = par.Each(b.workers, len(groups), func(i int) error {
			keys[i] = groups[i].key()
			return nil
		})
		rerun, err := b.replayAll(groups, keys)
		if err != nil {
			<-searched
			return err
		}
		for _, i := range rerun {
			pg, key := groups[i], keys[i]
			jobs = append(jobs, func() error { return b.grouped(pg.name, key, pg.run) })
		}
	} else {
		// The search index first: it is the longest single job, and on a
		// busy second core the page jobs run beside it.
		jobs = append(jobs, b.searchIndex)
		for _, pg := range groups {
			jobs = append(jobs, func() error { return b.grouped(pg.name, pg.key(), pg.run) })
		}
	}
	for _, k := range []extract.Kind{extract.Person, extract.Place, extract.Organisation} {
		k := k
		jobs = append(jobs, func() error { return b.entitiesPage(k) })
	}
	for _, hp := range b.pages {
		hp := hp
		jobs = append(jobs, func() error { return b.handPage(hp) })
	}
	jobs = append(jobs, b.homePage, b.calendarPage, b.tagsPage, b.undatedPage, b.searchPage,
		b.notFoundPage, b.redirectPages, b.staticFiles, b.siteFiles, b.siteFeed)

	var done atomicCounter
	stop := b.progress("rendering pages", len(jobs), &done.n)
	err := par.Each(b.workers, len(jobs), func(i int) error {
		defer done.n.Add(1)
		return jobs[i]()
	})
	stop()
	if searched != nil {
		if serr := <-searched; err == nil {
			err = serr
		}
	}
	return err
}

// rootOf is the relative path from a page folder to the site root.
func rootOf(dir string) string {
	n := strings.Count(dir, "/")
	if n == 0 {
		return "./"
	}
	return strings.Repeat("../", n)
}

func (b *builder) newPage(kind, dir, title, section string) *render.Page {
	root := rootOf(dir)
	p := &render.Page{
		Site: &render.Site{
			Title:       b.cfg.Title,
			Description: b.cfg.Description,
			Language:    b.cfg.Language,
			BaseURL:     b.cfg.BaseURL,
			Generator:   "storygen",
		},
		Kind:       kind,
		Title:      title,
		Root:       root,
		Canonical:  b.cfg.BaseURL + dir,
		LiveReload: b.opts.LiveReload,
	}
	nav := []struct{ name, url, section string }{
		{"Home", "", "home"}, {"People", "people/", "people"}, {"Places", "places/", "places"},
		{"Organisations", "organisations/", "organisations"}, {"Dates", "dates/", "dates"},
		{"Tags", "tags/", "tags"}, {"Search", "search/", "search"},
	}
	for _, n := range nav {
		p.Nav = append(p.Nav, render.NavItem{Name: n.name, URL: root + n.url, Current: n.section == section})
	}
	for _, hp := range b.pages {
		if hp.menu {
			p.Nav = append(p.Nav, render.NavItem{Name: hp.title, URL: root + hp.url, Current: hp.url == dir})
		}
	}
	return p
}

// emit renders a page into dir/index.html.
func (b *builder) emit(dir string, p *render.Page) error {
	return b.emitKeyed(nil, dir, p, 0, nil)
}

// emitKeyed renders a page whose data is p plus what key stands for; fill,
// when set, completes p (a story's body) only if the page must be rendered.
func (b *builder) emitKeyed(g *group, dir string, p *render.Page, key uint64, fill func(*render.Page) error) error {
	b.count(p.Kind)
	lm := lastmod(p)
	if p.Kind != "redirect" {
		b.log.add(dir, lm)
	}
	g.addPage(dir, p.Kind, lm)
	fp := b.fingerprintOf(p, key)
	render := func(dst []byte) ([]byte, error) {
		if fill != nil {
			if err := fill(p); err != nil {
				return nil, err
			}
		}
		return b.tmpl.AppendBytes(dst, p)
	}
	if _, ok := b.w.(*output.Tx); ok && b.cache == nil {
		// A full build into public/: the page is written before put
		// returns and never kept, so its bytes go in a reused buffer.
		bp := pageBufs.Get().(*[]byte)
		defer pageBufs.Put(bp)
		return b.put(g, dir+"index.html", fp, func() ([]byte, error) {
			out, err := render((*bp)[:0])
			if cap(out) <= maxPooledPage {
				*bp = out[:0]
			}
			return out, err
		})
	}
	return b.put(g, dir+"index.html", fp, func() ([]byte, error) { return render(nil) })
}

// pageBufs holds page buffers for full builds; a buffer grown past
// maxPooledPage by a huge page (the A–Z of 50,000 people) is not kept.
var pageBufs = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledPage = 1 << 20

func (b *builder) count(kind string) {
	b.mu.Lock()
	b.sum.PagesByKind[kind]++
	b.sum.Pages++
	b.mu.Unlock()
}

var monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// dateLabel is the human form of a YYYY, YYYY-MM or YYYY-MM-DD value.
func dateLabel(v string) string {
	switch len(v) {
	case 4:
		return v
	case 7:
		if t, err := time.Parse("2006-01", v); err == nil {
			return monthNames[t.Month()-1] + " " + v[:4]
		}
	case 10:
		if t, err := time.Parse("2006-01-02", v); err == nil {
			return fmt.Sprintf("%s %d %s %d", t.Weekday(), t.Day(), monthNames[t.Month()-1], t.Year())
		}
	}
	return v
}

func shortDateLabel(v string) string {
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return fmt.Sprintf("%d %s %d", t.Day(), monthNames[t.Month()-1][:3], t.Year())
	}
	return v
}

// storyRef is a story in a list: title, link, date and summary. Long lists
// (timelines, mentions, months) use storyLine, without the summary: a story
// appears in a dozen such lists, and the summary would be repeated in each.
func (b *builder) storyRef(di int32, root string) render.StoryRef {
	r := b.storyFields(di, root)
	r.Summary = b.docs[di].summary
	r.HTML = b.refHTML(di, root, true, r)
	return r
}

func (b *builder) storyLine(di int32, root string) render.StoryRef {
	r := b.storyFields(di, root)
	r.HTML = b.refHTML(di, root, false, r)
	return r
}

func (b *builder) storyFields(di int32, root string) render.StoryRef {
	d := b.docs[di]
	v := d.dateValue()
	r := render.StoryRef{Title: d.title, URL: root + d.url, Date: v}
	if v != "" {
		r.DateLabel = shortDateLabel(v)
	} else {
		r.DateLabel = "undated"
	}
	return r
}

// refKey names a story's list entry as rendered at one page depth.
type refKey struct {
	doc     int32
	root    string
	summary bool
}

// refHTML renders a list entry through the theme's "story-ref" partial, once
// per story, page depth and form: a story appears in a dozen lists (its
// people, places, days…) but at few depths. Through a Builder, entries are
// also kept across builds, keyed by their fields (under the same templates).
func (b *builder) refHTML(di int32, root string, summary bool, r render.StoryRef) template.HTML {
	if b.cache == nil && root != "../../" {
		// A full build keeps only the entries of entity and tag pages, where
		// a story is listed a dozen times at one depth; at other depths it is
		// listed once or twice, and keeping those would cost memory for little.
		return ""
	}
	k := refKey{di, root, summary}
	if h, ok := b.refs.Load(k); ok {
		return h.(template.HTML)
	}
	var fp uint64
	if b.cache != nil {
		fp = b.fingerprintOf(r)
		if h, ok := b.cache.refs[fp]; ok && b.cache.env == b.env {
			b.keepRef(fp, h)
			b.refs.Store(k, h)
			return h
		}
	}
	h, err := b.tmpl.Partial("story-ref", r)
	if err != nil {
		return "" // the list template renders the fields itself
	}
	b.refs.Store(k, h)
	if b.cache != nil {
		b.keepRef(fp, h)
	}
	return h
}

func (b *builder) keepRef(fp uint64, h template.HTML) {
	b.cacheMu.Lock()
	b.newRefs[fp] = h
	b.cacheMu.Unlock()
}

func (b *builder) storyRefs(ds []int32, root string, ref func(int32, string) render.StoryRef) []render.StoryRef {
	if len(ds) == 0 {
		return nil
	}
	out := make([]render.StoryRef, len(ds))
	for i, d := range ds {
		out[i] = ref(d, root)
	}
	return out
}

func entityURL(k entKey) string { return markdown.KindDir(k.kind) + "/" + k.id + "/" }

func (b *builder) entLink(e *entity, root string, count int) render.Link {
	return render.Link{Name: e.name, URL: root + entityURL(e.key), Count: count}
}

// linksByKind splits entities with counts into people, places and
// organisations, each ordered by count and cut to max (0: no cut). Links are
// made only for the entities kept: a year page counts thousands.
func (b *builder) linksByKind(ents []docEntity, root string, max int) (people, places, orgs []render.Link) {
	var byKind [3][]docEntity
	for _, de := range ents {
		switch de.e.key.kind {
		case extract.Person:
			byKind[0] = append(byKind[0], de)
		case extract.Place:
			byKind[1] = append(byKind[1], de)
		case extract.Organisation:
			byKind[2] = append(byKind[2], de)
		}
	}
	var out [3][]render.Link
	for k, des := range byKind {
		slices.SortFunc(des, compareByCount)
		if max > 0 && len(des) > max {
			des = des[:max]
		}
		if len(des) > 0 {
			out[k] = make([]render.Link, len(des))
			for i, de := range des {
				out[k][i] = b.entLink(de.e, root, de.count)
			}
		}
	}
	return out[0], out[1], out[2]
}

// compareByCount orders entities of one kind as byCount orders their links:
// count, then name, then URL (which within a kind is the id and a slash).
func compareByCount(x, y docEntity) int {
	if x.count != y.count {
		return cmp.Compare(y.count, x.count)
	}
	if x.e.name != y.e.name {
		return strings.Compare(x.e.name, y.e.name)
	}
	return compareSlashed(x.e.key.id, y.e.key.id)
}

// compareSlashed compares a+"/" with b+"/" without making them.
func compareSlashed(a, b string) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	switch {
	case len(a) == len(b):
		return 0
	case len(a) > len(b):
		return cmp.Compare(a[n], '/')
	default:
		return cmp.Compare('/', b[n])
	}
}

// byCount orders links by count, then name, then URL: a total order.
func byCount(ls []render.Link) {
	sort.Slice(ls, func(i, j int) bool {
		if ls[i].Count != ls[j].Count {
			return ls[i].Count > ls[j].Count
		}
		if ls[i].Name != ls[j].Name {
			return ls[i].Name < ls[j].Name
		}
		return ls[i].URL < ls[j].URL
	})
}

// storyData is a story page's data, all but the body, and its Markdown inputs.
func (b *builder) storyData(di int32) (*render.Page, *markdown.Story) {
	d := b.docs[di]
	root := rootOf(d.url)
	ents := b.idx.docEnts[di]
	people, places, orgs := b.linksByKind(ents, root, 0)
	// The front matter lists ids in order of first mention.
	var peopleIDs, placeIDs, orgIDs []string
	for _, de := range ents {
		switch de.e.key.kind {
		case extract.Person:
			peopleIDs = append(peopleIDs, de.e.key.id)
		case extract.Place:
			placeIDs = append(placeIDs, de.e.key.id)
		case extract.Organisation:
			orgIDs = append(orgIDs, de.e.key.id)
		}
	}
	dayValue := d.dateValue()
	var dates []render.Link
	for _, v := range b.idx.docDates[di] {
		n := 0
		for _, r := range d.res.Dates {
			if r.Value == v {
				n++
			}
		}
		note := ""
		if dayValue != "" {
			switch {
			case v == dayValue || strings.HasPrefix(dayValue, v):
				note = "same day"
				if len(v) < 10 {
					note = "this period"
				}
			case v < dayValue:
				note = "earlier"
			default:
				note = "ahead"
			}
		}
		dates = append(dates, render.Link{Name: dateLabel(v), URL: root + markdown.DateURL(v), Count: n, Note: note})
	}
	tagIDs := b.idx.docTags[di]
	var tags []render.Link
	for _, t := range tagIDs {
		tags = append(tags, render.Link{Name: t, URL: root + "tags/" + t + "/"})
	}
	mdStory := &markdown.Story{
		Result: d.res, Title: d.title, Slug: d.slug, Source: d.path, Root: root,
		Tags: tagIDs, People: peopleIDs, Places: placeIDs, Orgs: orgIDs, Dates: b.idx.docDates[di], Draft: d.draft,
	}

	p := b.newPage("story", d.url, d.title, "")
	p.Description = d.summary
	sp := &render.StoryPage{
		Date:   dayValue,
		People: people, Places: places, Orgs: orgs, Dates: dates, Tags: tags,
		Source: d.path,
	}
	if dayValue != "" {
		sp.DateLabel = dateLabel(dayValue)
		sp.DateURL = root + markdown.DateURL(dayValue)
		p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}, {Name: dayValue[:4], URL: root + markdown.DateURL(dayValue[:4])},
			{Name: dateLabel(dayValue[:7]), URL: root + markdown.DateURL(dayValue[:7])}, {Name: shortDateLabel(dayValue), URL: sp.DateURL}}
	} else {
		p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}, {Name: "Undated", URL: root + "undated/"}}
	}
	sp.Handles = d.res.Handles
	for _, q := range d.res.Quotes {
		qr := render.QuoteRef{Text: q.Text}
		if q.Speaker >= 0 && q.Speaker < len(d.res.Mentions) {
			m := d.res.Mentions[q.Speaker]
			if e := b.idx.entities[entKey{m.Kind, m.ID.String()}]; !m.ID.IsZero() && e != nil {
				qr.Speaker = b.entLink(e, root, 0)
			} else {
				qr.Speaker = render.Link{Name: m.Text.String()}
			}
		}
		sp.Quotes = append(sp.Quotes, qr)
	}
	r := b.idx.rank[di]
	if r > 0 {
		ref := b.storyFields(b.idx.timeline[r-1], root)
		sp.Prev = &ref
	}
	if int(r) < len(b.idx.timeline)-1 {
		ref := b.storyFields(b.idx.timeline[r+1], root)
		sp.Next = &ref
	}
	p.Story = sp
	p.JSONLD = b.storyJSONLD(d, ents)
	return p, mdStory
}

func (b *builder) storyPage(g *group, di int32) error {
	d := b.docs[di]
	p, mdStory := b.storyData(di)
	// The body is a pure function of the file's bytes and the Markdown inputs:
	// fingerprint those instead of rendering it, and render only on a miss.
	var key uint64
	if b.cache != nil {
		key = b.fingerprintOf(mdStory, uint64FromHash(d.hash))
	}
	fill := func(p *render.Page) error {
		m, err := b.storyBody(d, mdStory)
		if err != nil {
			return err
		}
		body := bodyBufs.Get().(*bytes.Buffer)
		body.Reset()
		defer bodyBufs.Put(body)
		// The body is what goldmark makes of the story's Markdown. For the
		// common story that is plain text in one-line paragraphs, the
		// markdown package writes those bytes directly (its tests hold the
		// two equal); an export needs the Markdown itself.
		if b.opts.MarkdownDir != "" || !markdown.RenderStoryHTML(body, m) {
			body.Reset()
			var md bytes.Buffer
			markdown.WriteStory(&md, m)
			if b.opts.MarkdownDir != "" {
				if err := writeMarkdown(b.opts.MarkdownDir, d.url, md.Bytes()); err != nil {
					return err
				}
			}
			if err := markdown.Render(body, stripFrontMatter(md.Bytes())); err != nil {
				return fmt.Errorf("%s: %w", d.path, err)
			}
		}
		p.Story.Body = template.HTML(body.String())
		return nil
	}
	if b.opts.MarkdownDir != "" {
		// The export is written every build; render the body from it now.
		if err := fill(p); err != nil {
			return err
		}
		fill = nil
	}
	if err := b.emitKeyed(g, d.url, p, key, fill); err != nil {
		return err
	}
	if b.cache == nil {
		// Only this page reads the story's spans; a full build lets them
		// go, so entity and date pages render beside less of the archive.
		// (Quotes stay: entity pages show them.)
		d.res.Mentions, d.res.Dates, d.res.Tags = nil, nil, nil
	}
	return nil
}

// bodyBufs hold story bodies while they are rendered: grown from empty for
// every story they were a tenth of all the build allocated.
var bodyBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// storyBody re-reads the story for its page's body: the Markdown inputs
// with the story's text.
func (b *builder) storyBody(d *doc, ms *markdown.Story) (*markdown.Story, error) {
	data, err := os.ReadFile(filepath.Join(b.contentDir, filepath.FromSlash(d.path)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.path, err)
	}
	s, _ := story.Parse(d.path, data)
	if s == nil {
		return nil, fmt.Errorf("%s: no longer a story", d.path)
	}
	m := *ms
	m.Story = s
	if hashBytes(data) != d.hash {
		// Changed since pass one: keep the page, drop links that may no longer fit.
		b.warn(story.Warning{Path: d.path, Msg: "changed during the build; rebuilt without links"})
		m.Result = nil
	}
	return &m, nil
}

func uint64FromHash(h [32]byte) uint64 {
	var v uint64
	for i := 0; i < 8; i++ {
		v = v<<8 | uint64(h[i])
	}
	return v
}

func writeMarkdown(dir, url string, data []byte) error {
	path := filepath.Join(dir, filepath.FromSlash(url), "index.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("markdown export: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("markdown export: %w", err)
	}
	return nil
}

// stripFrontMatter returns the Markdown body after a "+++" block.
func stripFrontMatter(md []byte) []byte {
	if !bytes.HasPrefix(md, []byte("+++\n")) {
		return md
	}
	end := bytes.Index(md[4:], []byte("\n+++\n"))
	if end < 0 {
		return md
	}
	return md[4+end+5:]
}

// quotesShown caps the quotes on an entity page; a page per year shows that year's.
const quotesShown = 12

func (b *builder) entityPages(g *group, e *entity) error {
	dir := entityURL(e.key)
	kindTitle := map[extract.Kind]string{extract.Person: "Person", extract.Place: "Place", extract.Organisation: "Organisation"}[e.key.kind]
	section := markdown.KindDir(e.key.kind)
	years := yearSpans(b, e.stories)
	co := b.coMentions(e)
	// mk makes the page at dir showing the years spans (their stories linked
	// from that page's depth).
	mk := func(dir string, spans []yearSpan, withYears, main bool, quotes []quoteRef) *render.Page {
		root := rootOf(dir)
		p := b.newPage("entity", dir, e.name, section)
		p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}, {Name: kindTitle2[e.key.kind], URL: root + section + "/"}}
		if !main {
			p.Breadcrumbs = append(p.Breadcrumbs, render.Link{Name: e.name, URL: root + dir[:len(dir)-5]})
		}
		ep := &render.EntityPage{
			Kind: e.key.kind.String(), KindLabel: kindTitle, Name: e.name,
			Mentions: e.mentions, StoryCount: len(e.stories),
		}
		if e.info != nil {
			ep.Aliases = e.info.Aliases
			ep.Description = e.info.Description
			for _, l := range e.info.Links {
				ep.Links = append(ep.Links, render.Link{Name: linkLabel(l), URL: l})
			}
		}
		p.Description = fmt.Sprintf("%s: %d %s in the archive.", e.name, len(e.stories), plural(len(e.stories), "story", "stories"))
		if ep.Description != "" {
			p.Description = ep.Description
		}
		if n := len(e.stories); n > 0 {
			ep.First = b.docs[e.stories[0]].dateValue()
			ep.Last = b.docs[e.stories[n-1]].dateValue()
		}
		for _, y := range spans {
			ep.Timeline = append(ep.Timeline, render.StoryGroup{Heading: y.heading, ID: y.id,
				Stories: b.storyRefs(e.stories[y.from:y.to], root, b.storyLine)})
		}
		if withYears {
			for _, y := range years {
				ep.Years = append(ep.Years, render.Link{Name: y.heading, URL: root + entityURL(e.key) + y.dir + "/", Count: y.to - y.from})
			}
		}
		if main {
			co.fill(b, ep, root)
		}
		for _, q := range quotes {
			d := b.docs[q.doc]
			ep.Quotes = append(ep.Quotes, render.QuoteRef{Text: d.res.Quotes[q.q].Text, Speaker: b.entLink(e, root, 0), Story: b.storyFields(q.doc, root)})
		}
		p.Entity = ep
		p.JSONLD = b.entityJSONLD(e)
		if b.cfg.Feeds.Enabled {
			p.FeedURL = root + entityURL(e.key) + "feed.xml"
		}
		return p
	}
	if b.cfg.Feeds.Enabled {
		if err := b.writeFeed(g, e.name+" · "+b.cfg.Title, dir+"feed.xml", dir, e.stories); err != nil {
			return err
		}
	}
	latest := e.quotes
	if len(latest) > quotesShown {
		latest = latest[len(latest)-quotesShown:]
	}
	if len(e.stories) <= splitByYear {
		return b.emitKeyed(g, dir, mk(dir, years, false, true, latest), 0, nil)
	}
	// Long timelines: the main page shows the latest year and links to a page per year.
	if err := b.emitKeyed(g, dir, mk(dir, years[len(years)-1:], true, true, latest), 0, nil); err != nil {
		return err
	}
	for _, y := range years {
		ydir := dir + y.dir + "/"
		var qs []quoteRef
		for _, q := range e.quotes {
			if v := b.docs[q.doc].dateValue(); (v == "" && y.dir == "undated" || len(v) >= 4 && v[:4] == y.dir) && len(qs) < 50 {
				qs = append(qs, q)
			}
		}
		p := mk(ydir, []yearSpan{y}, true, false, qs)
		p.Title = e.name + " in " + y.heading
		if err := b.emitKeyed(g, ydir, p, 0, nil); err != nil {
			return err
		}
	}
	return nil
}

var kindTitle2 = map[extract.Kind]string{extract.Person: "People", extract.Place: "Places", extract.Organisation: "Organisations"}

// yearSpan is one year of a timeline: stories[from:to] of the entity.
type yearSpan struct {
	id, dir, heading string // anchor "y2018", page folder "2018", heading "2018"
	from, to         int
}

// yearSpans splits a timeline (in date order, undated last) into years.
func yearSpans(b *builder, ds []int32) []yearSpan {
	var spans []yearSpan
	for i, di := range ds {
		y := "undated"
		if v := b.docs[di].dateValue(); v != "" {
			y = v[:4]
		}
		if len(spans) == 0 || spans[len(spans)-1].dir != y {
			sp := yearSpan{id: "y" + y, dir: y, heading: y, from: i}
			if y == "undated" {
				sp.id, sp.heading = y, "Undated"
			}
			spans = append(spans, sp)
		}
		spans[len(spans)-1].to = i + 1
	}
	return spans
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// coData is what shares stories with an entity, computed once per entity.
type coData struct {
	ents  []docEntity // other entities with the number of shared stories
	dates map[string]int
}

// coCounts are reused counting maps: an entity named in thousands of
// stories grows one to thousands of entries, and every entity needs one.
var coCounts = sync.Pool{New: func() any { return map[*entity]int{} }}

// coMentions counts, over the entity's stories, the other entities and the dates.
func (b *builder) coMentions(e *entity) *coData {
	counts := coCounts.Get().(map[*entity]int)
	defer func() {
		clear(counts)
		coCounts.Put(counts)
	}()
	co := &coData{dates: map[string]int{}}
	for _, di := range e.stories {
		for _, de := range b.idx.docEnts[di] {
			if de.e != e {
				counts[de.e]++
			}
		}
		for _, v := range b.idx.docDates[di] {
			co.dates[v]++
		}
	}
	co.ents = make([]docEntity, 0, len(counts))
	for o, n := range counts {
		co.ents = append(co.ents, docEntity{e: o, count: n})
	}
	return co
}

func (co *coData) fill(b *builder, ep *render.EntityPage, root string) {
	ep.People, ep.Places, ep.Orgs = b.linksByKind(co.ents, root, coMentionsMax)
	// Links (labels, URLs) only for dates counted at least as often as the
	// last one shown: no other can be among the first coMentionsMax.
	counts := make([]int, 0, len(co.dates))
	for _, n := range co.dates {
		counts = append(counts, n)
	}
	floor := 0
	if len(counts) > coMentionsMax {
		slices.SortFunc(counts, func(x, y int) int { return cmp.Compare(y, x) })
		floor = counts[coMentionsMax-1]
	}
	for v, n := range co.dates {
		if n >= floor {
			ep.Dates = append(ep.Dates, render.Link{Name: dateLabel(v), URL: root + markdown.DateURL(v), Count: n, Note: v})
		}
	}
	byCount(ep.Dates)
	if len(ep.Dates) > coMentionsMax {
		ep.Dates = ep.Dates[:coMentionsMax]
	}
}

func (b *builder) entitiesPage(k extract.Kind) error {
	section := markdown.KindDir(k)
	dir := section + "/"
	root := rootOf(dir)
	title := map[extract.Kind]string{extract.Person: "People", extract.Place: "Places", extract.Organisation: "Organisations"}[k]
	p := b.newPage("entities", dir, title, section)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}}
	ents := b.idx.kindEntities(k)
	sorted := ents // by id: ids are the names in lower-case ASCII, so A–Z by name
	ep := &render.EntitiesPage{Kind: k.String(), Total: len(sorted)}
	for _, e := range sorted {
		letter := "#"
		if e.key.id != "" && e.key.id[0] >= 'a' && e.key.id[0] <= 'z' {
			letter = strings.ToUpper(e.key.id[:1])
		}
		if n := len(ep.Letters); n == 0 || ep.Letters[n-1].Letter != letter {
			id := "letter-" + strings.ToLower(letter)
			if letter == "#" {
				id = "letter-other"
			}
			ep.Letters = append(ep.Letters, render.LetterGroup{Letter: letter, ID: id})
		}
		g := &ep.Letters[len(ep.Letters)-1]
		g.Entries = append(g.Entries, b.entLink(e, root, len(e.stories)))
	}
	sort.SliceStable(ep.Letters, func(i, j int) bool {
		if (ep.Letters[i].Letter == "#") != (ep.Letters[j].Letter == "#") {
			return ep.Letters[j].Letter == "#"
		}
		return ep.Letters[i].Letter < ep.Letters[j].Letter
	})
	p.Entities = ep
	p.Description = fmt.Sprintf("%d %s in the archive, A to Z.", len(sorted), strings.ToLower(title))
	return b.emit(dir, p)
}
