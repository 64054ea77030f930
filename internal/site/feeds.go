package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"sync"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/render"
)

// sitemapEntry is one page for sitemap.xml.
type sitemapEntry struct {
	loc, lastmod string
}

// pageLog collects the URLs of all HTML pages as they are emitted.
type pageLog struct {
	mu      sync.Mutex
	entries []sitemapEntry
}

func (l *pageLog) add(dir, lastmod string) {
	l.mu.Lock()
	l.entries = append(l.entries, sitemapEntry{dir, lastmod})
	l.mu.Unlock()
}

// lastmod is the newest story date a page shows, "" when it shows none.
func lastmod(p *render.Page) string {
	newest := ""
	see := func(refs []render.StoryRef) {
		for _, r := range refs {
			if r.Date > newest {
				newest = r.Date
			}
		}
	}
	switch {
	case p.Story != nil:
		return p.Story.Date
	case p.Entity != nil:
		for _, g := range p.Entity.Timeline {
			see(g.Stories)
		}
	case p.Period != nil:
		see(p.Period.Published)
		see(p.Period.Before)
		see(p.Period.After)
	case p.Home != nil:
		see(p.Home.Latest)
	case p.Tag != nil:
		see(p.Tag.Stories)
	}
	return newest
}

const sitemapMax = 45000 // the protocol allows 50,000 URLs a file

// writeSitemap writes sitemap.xml, or a sitemap index and numbered parts
// when the site is large.
func (b *builder) writeSitemap() error {
	es := b.log.entries
	sort.Slice(es, func(i, j int) bool { return es[i].loc < es[j].loc })
	part := func(es []sitemapEntry) []byte {
		var buf bytes.Buffer
		buf.WriteString(xml.Header)
		buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, e := range es {
			buf.WriteString("<url><loc>")
			xml.EscapeText(&buf, []byte(b.cfg.BaseURL+e.loc))
			buf.WriteString("</loc>")
			if e.lastmod != "" {
				buf.WriteString("<lastmod>" + e.lastmod + "</lastmod>")
			}
			buf.WriteString("</url>\n")
		}
		buf.WriteString("</urlset>\n")
		return buf.Bytes()
	}
	if len(es) <= sitemapMax {
		var fp uint64
		if b.cache != nil {
			// By hand: walking twenty thousand entries by reflection cost a
			// small edit's build more than writing the sitemap.
			f := newFingerprint(b.cache.seed)
			f.str("sitemap")
			for _, e := range es {
				f.str(e.loc)
				f.str(e.lastmod)
			}
			fp = f.sum()
		}
		return b.put(nil, "sitemap.xml", fp, func() ([]byte, error) { return part(es), nil })
	}
	var idx bytes.Buffer
	idx.WriteString(xml.Header)
	idx.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for n, i := 1, 0; i < len(es); n, i = n+1, i+sitemapMax {
		j := min(i+sitemapMax, len(es))
		name := "sitemap-" + strconv.Itoa(n) + ".xml"
		if err := b.w.WriteFile(name, part(es[i:j])); err != nil {
			return err
		}
		idx.WriteString("<sitemap><loc>")
		xml.EscapeText(&idx, []byte(b.cfg.BaseURL+name))
		idx.WriteString("</loc></sitemap>\n")
	}
	idx.WriteString("</sitemapindex>\n")
	return b.w.WriteFile("sitemap.xml", idx.Bytes())
}

// Atom feeds: the site's latest stories, and one per entity (follow a person).

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Gen     string      `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

// atomEntry is a story in a feed. A story has a day, not a time, and is not
// updated after it is published: <updated> alone says when (Atom requires
// it; <published> would repeat it). Its link is the alternate one, Atom's
// default relation.
type atomEntry struct {
	Title    string    `xml:"title"`
	ID       string    `xml:"id"`
	Updated  string    `xml:"updated"`
	Link     atomLink  `xml:"link"`
	Summary  *atomText `xml:"summary,omitempty"`
	Category []atomCat `xml:"category,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// feedEntries is how many entries a feed carries.
func (b *builder) feedEntries() int {
	if n := b.cfg.Feeds.Entries; n > 0 {
		return n
	}
	return 20
}

// atomTime is the timestamp of a story date: stories carry days, not times.
func atomTime(day string) string {
	if day == "" {
		return "1970-01-01T00:00:00Z"
	}
	return day + "T00:00:00Z"
}

// writeFeed writes an Atom feed of the newest of ds (in timeline order).
func (b *builder) writeFeed(g *group, title, selfPath, pagePath string, ds []int32) error {
	f := b.feed(title, selfPath, pagePath, ds)
	return b.put(g, selfPath, b.fingerprintOf(f), func() ([]byte, error) {
		// Unindented: thousands of entity feeds are read by programs.
		out, err := xml.Marshal(f)
		if err != nil {
			return nil, fmt.Errorf("feed %s: %w", selfPath, err)
		}
		return append([]byte(xml.Header), append(out, '\n')...), nil
	})
}

// entityFeedEntries is how many stories a person's, place's or
// organisation's feed carries; feed readers poll, they need only the newest.
const entityFeedEntries = 10

// feed is the Atom feed of the newest of ds (in timeline order). The site's
// feed carries summaries and the people named; an entity's feed, one of
// thousands, only titles and links: what a reader needs to list and open a
// story.
func (b *builder) feed(title, selfPath, pagePath string, ds []int32) *atomFeed {
	site := selfPath == "feed.xml"
	f := &atomFeed{
		Title: title,
		ID:    b.cfg.BaseURL + selfPath,
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: b.cfg.BaseURL + selfPath},
			{Rel: "alternate", Type: "text/html", Href: b.cfg.BaseURL + pagePath}},
		Gen: "storygen",
	}
	if b.cfg.Author != "" {
		f.Author = &atomAuthor{Name: b.cfg.Author}
	} else {
		f.Author = &atomAuthor{Name: b.cfg.Title}
	}
	n := b.feedEntries()
	if !site && n > entityFeedEntries {
		n = entityFeedEntries
	}
	for i := len(ds) - 1; i >= 0 && len(f.Entries) < n; i-- {
		d := b.docs[ds[i]]
		if d.date.IsZero() {
			continue
		}
		day := d.dateValue()
		e := atomEntry{
			Title: d.title, ID: b.cfg.BaseURL + d.url, Updated: atomTime(day),
			Link: atomLink{Href: b.cfg.BaseURL + d.url},
		}
		if site {
			e.Summary = &atomText{Type: "text", Text: d.summary}
			for _, de := range b.idx.docEnts[ds[i]] {
				if de.e.key.kind == extract.Person && len(e.Category) < 8 {
					e.Category = append(e.Category, atomCat{Term: de.e.key.id, Label: de.e.name})
				}
			}
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = "1970-01-01T00:00:00Z"
	if len(f.Entries) > 0 {
		f.Updated = f.Entries[0].Updated
	}
	return f
}

func (b *builder) siteFeed() error {
	if !b.cfg.Feeds.Enabled {
		return nil
	}
	return b.writeFeed(nil, b.cfg.Title, "feed.xml", "", b.idx.timeline)
}

// jsonLD serialises structured data for a <script type="application/ld+json">.
// encoding/json escapes <, > and & so nothing can close the script element.
func jsonLD(v any) template.JS {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return template.JS(data)
}

var schemaType = map[extract.Kind]string{extract.Person: "Person", extract.Place: "Place", extract.Organisation: "Organization"}

type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

func (b *builder) storyJSONLD(d *doc, ents []docEntity) template.JS {
	var mentions []ldThing
	for _, de := range ents {
		// Names and types only: the page links every entity already, and the
		// URLs would double the block on every story page.
		mentions = append(mentions, ldThing{Type: schemaType[de.e.key.kind], Name: de.e.name})
	}
	v := map[string]any{
		"@context": "https://schema.org",
		"@type":    "NewsArticle",
		"headline": d.title,
		// The page's URL once: mainEntityOfPage says it is the page's subject.
		"mainEntityOfPage": b.cfg.BaseURL + d.url,
		"description":      d.summary,
		"publisher":        map[string]string{"@type": "Organization", "name": b.cfg.Title},
	}
	if day := d.dateValue(); day != "" {
		v["datePublished"] = day
	}
	if len(mentions) > 0 {
		v["mentions"] = mentions
	}
	return jsonLD(v)
}

func (b *builder) entityJSONLD(e *entity) template.JS {
	v := map[string]any{
		"@context": "https://schema.org",
		"@type":    schemaType[e.key.kind],
		"name":     e.name,
		"url":      b.cfg.BaseURL + entityURL(e.key),
	}
	if e.info != nil {
		if e.info.Description != "" {
			v["description"] = e.info.Description
		}
		if len(e.info.Links) > 0 {
			v["sameAs"] = e.info.Links
		}
		if len(e.info.Aliases) > 0 {
			v["alternateName"] = e.info.Aliases
		}
	}
	return jsonLD(v)
}
