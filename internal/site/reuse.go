package site

import (
	"reflect"
	"sort"
	"sync/atomic"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/par"
)

// Resolution is a pure function of the annotations and of every story's
// mention table apart from the spans: resolve reads mentions' texts, names,
// kinds and flags, and quote speakers, and never their offsets (except to
// quote examples for "storygen check", which the site does not show). So
// when no story's table changed — a typo fixed, a sentence added — a Builder
// carries the previous build's decisions over to the new spans instead of
// resolving the archive again.

// resolved is one story's resolution, kept for the next build.
type resolved struct {
	res  *extract.Result // as resolved; never changed afterwards
	keep []int32         // keep[k]: index in the unresolved table of resolved mention k
	from *extract.Result // the unresolved table it was made from
}

// resolutionSig hashes what resolution reads of one story's mention table.
func (bl *Builder) resolutionSig(r *extract.Result) uint64 {
	f := newFingerprint(bl.seed)
	f.u64(uint64(len(r.Mentions)))
	for _, m := range r.Mentions {
		f.str(m.Text.String())
		f.str(m.Name.String())
		f.str(m.Bare.String())
		f.str(m.ID.String())
		var flags uint64
		if m.Short {
			flags |= 1
		}
		if m.Ambiguous {
			flags |= 2
		}
		if m.Weak {
			flags |= 4
		}
		f.u64(uint64(m.Kind)<<8 | flags)
	}
	f.u64(uint64(len(r.Quotes)))
	for _, q := range r.Quotes {
		f.u64(uint64(q.Speaker))
	}
	return f.sum()
}

// archiveSig hashes the inputs of resolution for the whole archive; ok is
// false when some story has no cached table.
func (b *builder) archiveSig() (uint64, bool) {
	f := newFingerprint(b.cache.seed)
	f.value(reflect.ValueOf(b.ann))
	for _, d := range b.docs { // sorted by path
		c := b.newStories[d.path]
		if c == nil || c.doc == nil {
			return 0, false
		}
		f.str(d.path)
		f.u64(c.sig)
	}
	return f.sum(), true
}

// reuseResolution carries the previous build's resolution over when the
// archive's tables are unchanged. It reports whether it did.
func (b *builder) reuseResolution(sig uint64) bool {
	bl := b.cache
	if bl.index == nil || !bl.resolveOK || sig != bl.resolveSig {
		return false
	}
	out := make([]*extract.Result, len(b.docs))
	for i, d := range b.docs {
		prev, ok := bl.resolved[d.path]
		if !ok {
			return false
		}
		now := b.newStories[d.path].doc.res
		if prev.from == now {
			out[i] = prev.res // the same story: the same resolution, spans and all
			continue
		}
		r, ok := transfer(prev, now)
		if !ok {
			return false
		}
		out[i] = r
	}
	for i, d := range b.docs {
		d.res = out[i]
		b.newResolved[d.path] = resolved{res: out[i], keep: bl.resolved[d.path].keep, from: b.newStories[d.path].doc.res}
	}
	b.resolved = bl.index
	return true
}

// transfer applies a story's previous resolution to its new table, whose
// entries equal the old ones but for their spans (and quotes' texts).
func transfer(prev resolved, now *extract.Result) (*extract.Result, bool) {
	if len(prev.keep) != len(prev.res.Mentions) || len(prev.res.Quotes) != len(now.Quotes) {
		return nil, false
	}
	r := *now
	r.Mentions = make([]extract.Mention, len(prev.res.Mentions))
	for k, j := range prev.keep {
		if int(j) >= len(now.Mentions) {
			return nil, false
		}
		m := prev.res.Mentions[k]
		m.Start, m.End = now.Mentions[j].Start, now.Mentions[j].End
		r.Mentions[k] = m
	}
	r.Quotes = make([]extract.Quote, len(now.Quotes))
	for q := range now.Quotes {
		r.Quotes[q] = now.Quotes[q]
		r.Quotes[q].Speaker = prev.res.Quotes[q].Speaker
	}
	return &r, true
}

// keepMap finds, for each resolved mention, its index in the unresolved
// table: resolution only drops mentions and never moves a span, so the
// resolved table is a subsequence matched by span. ok is false when spans
// repeat within the story (then the story is simply resolved every time).
func keepMap(pristine, res *extract.Result) ([]int32, bool) {
	keep := make([]int32, len(res.Mentions))
	j := 0
	for k, m := range res.Mentions {
		for j < len(pristine.Mentions) && (pristine.Mentions[j].Start != m.Start || pristine.Mentions[j].End != m.End) {
			j++
		}
		if j == len(pristine.Mentions) {
			return nil, false
		}
		keep[k] = int32(j)
		j++
	}
	spans := make([][2]int32, len(pristine.Mentions))
	for i, m := range pristine.Mentions {
		spans[i] = [2]int32{m.Start, m.End}
	}
	sort.Slice(spans, func(a, b int) bool {
		if spans[a][0] != spans[b][0] {
			return spans[a][0] < spans[b][0]
		}
		return spans[a][1] < spans[b][1]
	})
	for i := 1; i < len(spans); i++ {
		if spans[i] == spans[i-1] {
			return nil, false
		}
	}
	return keep, true
}

// resolveAll resolves the archive, through the previous build's decisions
// when a Builder can, and records them for the next build.
func (b *builder) resolveAll() {
	if b.cache == nil {
		b.resolve()
		return
	}
	sig, ok := b.archiveSig()
	if ok && b.reuseResolution(sig) {
		b.newResolveSig, b.newResolveOK, b.newIndex = sig, true, b.resolved
		b.sum.ResolutionReused = true
		return
	}
	// Resolution changes tables in place: stories still sharing the cached
	// unresolved table get their own copy first.
	_ = par.Each(b.workers, len(b.docs), func(i int) error {
		d := b.docs[i]
		if c := b.newStories[d.path]; c != nil && c.doc != nil && d.res == c.doc.res {
			d.res = d.res.Clone()
		}
		return nil
	})
	b.resolve()
	b.newIndex = b.resolved
	if !ok {
		return
	}
	keeps := make([][]int32, len(b.docs))
	var unfit atomic.Bool
	_ = par.Each(b.workers, len(b.docs), func(i int) error {
		d := b.docs[i]
		keep, fine := keepMap(b.newStories[d.path].doc.res, d.res)
		if !fine {
			unfit.Store(true)
		}
		keeps[i] = keep
		return nil
	})
	if unfit.Load() {
		return // resolved afresh next time
	}
	for i, d := range b.docs {
		b.newResolved[d.path] = resolved{res: d.res, keep: keeps[i], from: b.newStories[d.path].doc.res}
	}
	b.newResolveSig, b.newResolveOK = sig, true
}
