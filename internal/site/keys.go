package site

import (
	"sort"

	"github.com/storygen/storygen/internal/par"
)

// inputKeys are hashes of what each story contributes to other pages. A page
// function's group key combines the keys of exactly the stories it reads, so
// an unchanged key means unchanged inputs and the function need not run.
type inputKeys struct {
	doc     []uint64 // everything about a story a page shows, but its summary
	ref     []uint64 // what a list shows of it: title, URL, date
	summary []uint64 // its summary, which only some lists show
	span    []uint64 // its text and mention offsets, which only its own page shows
	nav     uint64   // the navigation every page carries
}

// inputKeys computes the keys, taking the previous build's for the stories
// marked same (an unchanged story under an unchanged index).
func (b *builder) inputKeys(same []bool) *inputKeys {
	n := len(b.docs)
	k := &inputKeys{doc: make([]uint64, n), ref: make([]uint64, n), summary: make([]uint64, n), span: make([]uint64, n)}
	_ = par.Each(b.workers, len(b.docs), func(i int) error {
		d := b.docs[i]
		if same != nil && same[i] {
			prev := b.cache.indexed[i]
			k.doc[i], k.ref[i], k.summary[i], k.span[i] = prev.key, prev.ref, prev.summary, prev.span
			return nil
		}
		f := newFingerprint(b.cache.seed)
		f.h.Write(d.hash[:])
		for _, m := range d.res.Mentions {
			f.u64(uint64(m.Start))
		}
		k.span[i] = f.sum()
		f = newFingerprint(b.cache.seed)
		f.str(d.title)
		f.str(d.url)
		f.str(d.dateValue())
		k.ref[i] = f.sum()
		f = newFingerprint(b.cache.seed)
		f.str(d.summary)
		k.summary[i] = f.sum()

		f = newFingerprint(b.cache.seed)
		f.u64(k.ref[i])
		f.str(d.path)
		f.str(d.slug)
		if d.draft {
			f.u64(1)
		}
		// What other pages show of the story's text: its dates, tags and
		// quotes. (Its own page, which shows all of it, adds the content hash.)
		// Then what resolution decides: which mentions remain, their kinds,
		// spans and ids, and quote speakers.
		for _, l := range [][]string{b.idx.docDates[i], b.idx.docTags[i]} {
			f.u64(uint64(len(l)))
			for _, v := range l {
				f.str(v)
			}
		}
		for _, q := range d.res.Quotes {
			f.str(q.Text)
		}
		r := d.res
		f.u64(uint64(len(r.Mentions)))
		for _, m := range r.Mentions {
			f.u64(uint64(m.Kind))
			f.str(m.ID.String())
		}
		f.u64(uint64(len(r.Quotes)))
		for _, q := range r.Quotes {
			f.u64(uint64(q.Speaker))
		}
		f.u64(uint64(len(b.idx.docEnts[i])))
		for _, de := range b.idx.docEnts[i] {
			f.u64(uint64(de.e.key.kind))
			f.str(de.e.key.id)
			f.str(de.e.name)
			f.u64(uint64(de.count))
		}
		k.doc[i] = f.sum()
		return nil
	})
	f := newFingerprint(b.cache.seed)
	for _, hp := range b.pages {
		if hp.menu {
			f.str(hp.title)
			f.str(hp.url)
		}
	}
	k.nav = f.sum()
	return k
}

// keyOf starts a group key: the page function's name and the navigation.
func (b *builder) keyOf(name string) *fingerprint {
	f := newFingerprint(b.cache.seed)
	f.str(name)
	f.u64(b.keys.nav)
	return f
}

func (f *fingerprint) docs(k *inputKeys, ds []int32) {
	f.u64(uint64(len(ds)))
	for _, d := range ds {
		f.u64(k.doc[d])
	}
}

func (b *builder) storyKey(di int32) uint64 {
	if b.keys == nil {
		return 0
	}
	f := b.keyOf("story")
	f.u64(b.keys.doc[di])
	f.u64(b.keys.summary[di])
	// The page shows the whole text, with a link at each mention.
	f.u64(b.keys.span[di])
	r := b.idx.rank[di]
	if r > 0 {
		f.u64(b.keys.ref[b.idx.timeline[r-1]])
	} else {
		f.u64(0)
	}
	if int(r) < len(b.idx.timeline)-1 {
		f.u64(b.keys.ref[b.idx.timeline[r+1]])
	} else {
		f.u64(0)
	}
	return f.sum()
}

func (b *builder) entityKey(e *entity) uint64 {
	if b.keys == nil {
		return 0
	}
	f := b.keyOf("entity")
	f.u64(uint64(e.key.kind))
	f.str(e.key.id)
	f.str(e.name)
	f.u64(uint64(e.mentions))
	if e.info != nil {
		f.u64(1)
		f.str(e.info.Description)
		for _, l := range [][]string{e.info.Aliases, e.info.Links} {
			f.u64(uint64(len(l)))
			for _, s := range l {
				f.str(s)
			}
		}
	}
	f.docs(b.keys, e.stories)
	f.u64(uint64(len(e.quotes)))
	for _, q := range e.quotes {
		f.u64(uint64(q.doc))
		f.u64(uint64(q.q))
	}
	return f.sum()
}

func (b *builder) periodKey(p *period) uint64 {
	if b.keys == nil {
		return 0
	}
	f := b.keyOf("period")
	f.str(p.value)
	f.docs(b.keys, p.published)
	if len(p.value) == 10 { // a day lists its stories with their summaries
		for _, d := range p.published {
			f.u64(b.keys.summary[d])
		}
	}
	f.docs(b.keys, p.mentioned)
	for _, c := range b.idx.children[p.value] {
		cp := b.idx.periods[c]
		f.str(c)
		f.u64(uint64(len(cp.published)))
		f.u64(uint64(len(cp.mentioned)))
	}
	same := b.idx.levels[len(p.value)]
	i := sort.SearchStrings(same, p.value)
	if i > 0 {
		f.str(same[i-1])
	}
	f.u64(0)
	if i+1 < len(same) {
		f.str(same[i+1])
	}
	return f.sum()
}

func (b *builder) tagKey(t string) uint64 {
	if b.keys == nil {
		return 0
	}
	f := b.keyOf("tag")
	f.str(t)
	f.docs(b.keys, b.idx.tags[t])
	return f.sum()
}

// groupName names an entity's group.
func entityGroup(k entKey) string {
	return "entity:" + k.kind.String() + "/" + k.id
}
