package site

import (
	"sort"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/markdown"
	"github.com/storygen/storygen/internal/resolve"
)

// entKey names an entity: ids are unique within a kind.
type entKey struct {
	kind extract.Kind
	id   string
}

// entity is an entity with its postings: the stories that mention it.
type entity struct {
	key      entKey
	name     string
	info     *resolve.Entity // nil when the resolver did not list it
	stories  []int32         // indexes into docs, in timeline order
	mentions int
	quotes   []quoteRef
}

type quoteRef struct {
	doc int32
	q   int // index into the doc's Result.Quotes
}

// docEntity is one distinct entity of a story with its mention count.
type docEntity struct {
	e     *entity
	count int
}

// period is a year, month or day with the stories published in it and the
// stories that mention it.
type period struct {
	value     string // YYYY, YYYY-MM or YYYY-MM-DD
	published []int32
	mentioned []int32 // stories that mention exactly this value
}

// index is the archive: every list a page needs, as postings of doc indexes.
type index struct {
	docs     []*doc
	timeline []int32 // docs by date then URL; undated last
	rank     []int32 // rank[doc] = position in timeline
	entities map[entKey]*entity
	sorted   []*entity // by kind, then id
	docEnts  [][]docEntity
	docDates [][]string // distinct date values per doc, sorted
	docTags  [][]string // distinct tag ids per doc, sorted
	periods  map[string]*period
	levels   map[int][]string    // period values by length (4, 7, 10), sorted
	children map[string][]string // months of a year, days of a month, sorted
	tags     map[string][]int32
}

func buildIndex(docs []*doc, resolved *resolve.Index) *index {
	x := &index{
		docs:     docs,
		entities: map[entKey]*entity{},
		periods:  map[string]*period{},
		tags:     map[string][]int32{},
		docEnts:  make([][]docEntity, len(docs)),
		docDates: make([][]string, len(docs)),
		docTags:  make([][]string, len(docs)),
		rank:     make([]int32, len(docs)),
	}
	x.timeline = make([]int32, len(docs))
	for i := range docs {
		x.timeline[i] = int32(i)
	}
	sort.SliceStable(x.timeline, func(a, b int) bool {
		da, db := docs[x.timeline[a]], docs[x.timeline[b]]
		if da.date.IsZero() != db.date.IsZero() {
			return db.date.IsZero()
		}
		if !da.date.Equal(db.date) {
			return da.date.Before(db.date)
		}
		return da.url < db.url
	})
	for r, d := range x.timeline {
		x.rank[d] = int32(r)
	}
	if resolved != nil {
		for i := range resolved.Entities {
			e := &resolved.Entities[i]
			k := entKey{e.Kind, e.ID}
			x.entities[k] = &entity{key: k, name: e.Name, info: e}
		}
	}
	// Walk stories in timeline order so every postings list comes out sorted.
	for _, di := range x.timeline {
		d := docs[di]
		var ents []docEntity
	mentions:
		for _, m := range d.res.Mentions {
			if m.ID.IsZero() || m.Kind == 0 {
				continue
			}
			k := entKey{m.Kind, m.ID.String()}
			e := x.entities[k]
			if e == nil {
				e = &entity{key: k, name: m.Name.String()}
				if e.name == "" {
					e.name = m.Text.String()
				}
				x.entities[k] = e
			}
			e.mentions++
			// A story names a few dozen entities at most: a scan beats a map.
			for j := range ents {
				if ents[j].e == e {
					ents[j].count++
					continue mentions
				}
			}
			ents = append(ents, docEntity{e: e, count: 1})
			e.stories = append(e.stories, di)
		}
		x.docEnts[di] = ents
		for qi, q := range d.res.Quotes {
			if q.Speaker < 0 || q.Speaker >= len(d.res.Mentions) {
				continue
			}
			m := d.res.Mentions[q.Speaker]
			if e := x.entities[entKey{m.Kind, m.ID.String()}]; !m.ID.IsZero() && e != nil {
				e.quotes = append(e.quotes, quoteRef{doc: di, q: qi})
			}
		}
		var values []string
		for _, r := range d.res.Dates {
			if r.Value != "" {
				values = append(values, r.Value)
			}
		}
		values = uniqueSorted(values)
		x.docDates[di] = values
		for _, v := range values {
			p := x.period(v)
			p.mentioned = append(p.mentioned, di)
		}
		if !d.date.IsZero() {
			day := d.dateValue()
			x.period(day).published = append(x.period(day).published, di)
			x.period(day[:7]).published = append(x.period(day[:7]).published, di)
			x.period(day[:4]).published = append(x.period(day[:4]).published, di)
		}
		var ids []string
		for _, t := range d.tags {
			if id := markdown.TagID(t); id != "" {
				ids = append(ids, id)
			}
		}
		for _, t := range d.res.Hashtags {
			if id := markdown.TagID(t); markdown.IsHashtag(id) {
				ids = append(ids, id)
			}
		}
		ids = uniqueSorted(ids)
		for _, t := range ids {
			x.tags[t] = append(x.tags[t], di)
		}
		x.docTags[di] = ids
	}
	for _, e := range x.entities {
		if len(e.stories) > 0 || e.info != nil && e.info.Description != "" {
			x.sorted = append(x.sorted, e)
		}
	}
	sort.Slice(x.sorted, func(a, b int) bool {
		ea, eb := x.sorted[a], x.sorted[b]
		if ea.key.kind != eb.key.kind {
			return ea.key.kind < eb.key.kind
		}
		return ea.key.id < eb.key.id
	})
	x.levels = map[int][]string{}
	x.children = map[string][]string{}
	for v := range x.periods {
		x.levels[len(v)] = append(x.levels[len(v)], v)
		if len(v) > 4 {
			parent := v[:len(v)-3]
			x.children[parent] = append(x.children[parent], v)
		}
	}
	for _, l := range x.levels {
		sort.Strings(l)
	}
	for _, l := range x.children {
		sort.Strings(l)
	}
	for t, l := range x.tags {
		sort.Slice(l, func(a, b int) bool { return x.rank[l[a]] < x.rank[l[b]] })
		x.tags[t] = l
	}
	return x
}

// period returns the period for value, creating it and its ancestors.
func (x *index) period(v string) *period {
	p := x.periods[v]
	if p == nil {
		p = &period{value: v}
		x.periods[v] = p
		if len(v) > 4 {
			x.period(v[:len(v)-3])
		}
	}
	return p
}

func uniqueSorted(s []string) []string {
	if len(s) < 2 {
		return s
	}
	sort.Strings(s)
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}

// kindEntities returns the entities of one kind, in id order.
func (x *index) kindEntities(k extract.Kind) []*entity {
	lo := sort.Search(len(x.sorted), func(i int) bool { return x.sorted[i].key.kind >= k })
	hi := sort.Search(len(x.sorted), func(i int) bool { return x.sorted[i].key.kind > k })
	return x.sorted[lo:hi]
}
