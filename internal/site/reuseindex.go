package site

import (
	"slices"

	"github.com/storygen/storygen/internal/par"
)

// The archive index is a function of each story's path, URL, date, tags and
// resolved table; when the resolution was carried over and no story changed
// in any of those, a Builder keeps the previous index (and the per-story input
// keys of the stories that did not change at all) instead of rebuilding them.

// indexed is what the previous build indexed of one story.
type indexed struct {
	url, day string
	tags     []string
	res      interface{} // the resolved table (*extract.Result) it indexed
	sig      uint64      // indexSig
	key, ref uint64      // its input keys
	summary  uint64
	span     uint64
}

// indexSig hashes what the index reads of a story beyond its table: the
// table's resolved ids, kinds, names, quote speakers, dates and tags.
func (b *builder) indexSig(d *doc) uint64 {
	f := newFingerprint(b.cache.seed)
	f.str(d.url)
	f.str(d.day)
	for _, t := range d.tags {
		f.str(t)
	}
	r := d.res
	f.u64(uint64(len(r.Mentions)))
	for _, m := range r.Mentions {
		f.u64(uint64(m.Kind))
		f.str(m.ID.String())
		f.str(m.Name.String())
		f.str(m.Text.String())
	}
	f.u64(uint64(len(r.Quotes)))
	for _, q := range r.Quotes {
		f.u64(uint64(q.Speaker))
	}
	f.u64(uint64(len(r.Dates)))
	for _, x := range r.Dates {
		f.str(x.Value)
	}
	for _, t := range r.Hashtags {
		f.str(t)
	}
	return f.sum()
}

// unchanged reports whether story i is, for the index, the story the
// previous build indexed under the same path; changed tables are compared by
// their index signature.
func (b *builder) unchanged(i int, prev *indexed) (same, sameTable bool) {
	d := b.docs[i]
	if !sameIndexed(d, prev) {
		return false, false
	}
	if prev.res == interface{}(d.res) {
		return true, true
	}
	return b.indexSig(d) == prev.sig, false
}

// sameIndexed reports whether d has the URL, day and tags prev indexed.
func sameIndexed(d *doc, prev *indexed) bool {
	return prev != nil && d.url == prev.url && d.day == prev.day && slices.Equal(d.tags, prev.tags)
}

// buildOrReuseIndex sets b.idx and, through a Builder, b.keys.
func (b *builder) buildOrReuseIndex() {
	bl := b.cache
	if bl == nil {
		b.idx = buildIndex(b.docs, b.resolved)
		return
	}
	n := len(b.docs)
	reuse := b.sum.ResolutionReused && bl.idx != nil && len(bl.indexed) == n && bl.env == b.env
	sameTable := make([]bool, n)
	if reuse {
		for i, d := range b.docs {
			if bl.idxPaths[i] != d.path {
				reuse = false
				break
			}
			same, st := b.unchanged(i, bl.indexed[i])
			if !same {
				reuse = false
				break
			}
			sameTable[i] = st
		}
	}
	if reuse {
		b.idx = bl.idx
		b.idx.docs = b.docs
		b.sum.IndexReused = true
	} else {
		b.idx = buildIndex(b.docs, b.resolved)
		for i := range sameTable {
			sameTable[i] = false
		}
	}
	b.keys = b.inputKeys(sameTable)
	// Record for the next build.
	b.newIdx = b.idx
	b.newIndexed = make([]*indexed, n)
	b.newIdxPaths = make([]string, n)
	_ = par.Each(b.workers, n, func(i int) error {
		d := b.docs[i]
		rec := &indexed{url: d.url, day: d.day, tags: d.tags, res: d.res, key: b.keys.doc[i], ref: b.keys.ref[i], summary: b.keys.summary[i], span: b.keys.span[i]}
		switch {
		case sameTable[i]:
			rec.sig = bl.indexed[i].sig
		case i < len(bl.indexed) && bl.idxPaths[i] == d.path && sameIndexed(d, bl.indexed[i]) && bl.indexed[i].res == interface{}(d.res):
			// The index was rebuilt for other stories; this one's signature,
			// a function of its own table, URL, day and tags, is unchanged.
			rec.sig = bl.indexed[i].sig
		default:
			rec.sig = b.indexSig(d)
		}
		b.newIndexed[i] = rec
		b.newIdxPaths[i] = d.path
		return nil
	})
}
