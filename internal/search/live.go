package search

import (
	"bytes"
	"errors"
	"slices"
)

// Live is an index kept up to date across builds, as serve rebuilds: a
// round (Begin, then Put for every story of the new build) names the
// stories, and Write updates
// only what changed since the last round. A one-story edit re-encodes only
// that story's words; stories whose title, URL or date change, or that
// come or go, reorder the story ids and re-encode every word.
//
// Live writes exactly the bytes a Builder given the same stories and
// entities writes: it shares Builder's ordering, pruning and file writer,
// and keeps every posting (no pruning on the way), so removing a story
// never needs postings an earlier prune dropped.
type Live struct {
	b       *Builder
	byURL   map[string]uint32 // URL → internal story id
	story   []liveStory       // by internal id
	free    []uint32
	enc     [][]byte // by term id: encoded final postings, nil when stale
	cut     []uint32 // by term id: the worst posting a pruned list kept
	pruned  []bool   // by term id: enc holds a pruned list
	round   uint32
	sorted  []int32 // term ids in byte order of the term
	unsort  bool    // terms were added since sorted was made
	reorder bool    // stories came, went or changed title, URL or date
	order   []uint32
	final   []uint32
	cache   *shardCache
}

type liveStory struct {
	meta  storyMeta
	terms Terms
	tids  []int32
	round uint32 // the last round that put it; 0 when free
}

// NewLive returns an empty live index.
func NewLive(opts Options) *Live {
	return &Live{b: NewBuilder(opts), byURL: map[string]uint32{}, cache: newShardCache()}
}

// Begin starts a round. A round abandoned half-way (a failed build) is
// simply replaced by the next one.
func (l *Live) Begin() { l.round++ }

// Put names a story of the current round with its words. Calls are not
// safe for concurrent use.
func (l *Live) Put(st Story, t Terms) error {
	if id, ok := l.byURL[st.URL]; ok {
		s := &l.story[id]
		if s.round == l.round {
			return errors.New("search: two stories with URL " + st.URL)
		}
		key := st.Key
		if key == "" {
			key = st.URL
		}
		// Compared field by field: the rank is worth computing only anew.
		sameMeta := s.meta.title == st.Title && s.meta.date == st.Date && s.meta.key == key
		if sameMeta && s.terms.words == t.words && bytes.Equal(s.terms.weights, t.weights) {
			s.round = l.round
			return nil
		}
		l.dropPostings(id)
		if !sameMeta {
			s.meta = st.meta()
			l.b.stories[id] = s.meta
			l.reorder = true
		}
		return l.addPostings(id, t)
	}
	var id uint32
	if n := len(l.free); n > 0 {
		id = l.free[n-1]
		l.free = l.free[:n-1]
	} else {
		if len(l.story) >= maxStories {
			return errors.New("search: too many stories")
		}
		id = uint32(len(l.story))
		l.story = append(l.story, liveStory{})
		l.b.stories = append(l.b.stories, storyMeta{})
	}
	meta := st.meta()
	l.story[id] = liveStory{meta: meta}
	l.b.stories[id] = meta
	l.byURL[st.URL] = id
	l.reorder = true
	return l.addPostings(id, t)
}

func (l *Live) addPostings(id uint32, t Terms) error {
	s := &l.story[id]
	s.terms, s.tids, s.round = t, s.tids[:0], l.round
	return t.each(func(term string, w uint8) {
		g, added := l.b.termID(term)
		if added {
			l.enc = append(l.enc, nil)
			l.cut = append(l.cut, 0)
			l.pruned = append(l.pruned, false)
			l.unsort = true
		}
		v := id<<weightBits | uint32(w)
		l.b.postings[g] = append(l.b.postings[g], v)
		l.touch(g, v)
		s.tids = append(s.tids, g)
	})
}

// dropPostings removes a story's postings from its words' lists.
func (l *Live) dropPostings(id uint32) {
	s := &l.story[id]
	for _, g := range s.tids {
		p := l.b.postings[g]
		for i, v := range p {
			if v>>weightBits == id {
				p[i] = p[len(p)-1]
				p = p[:len(p)-1]
				l.touch(g, v)
				break
			}
		}
		l.b.postings[g] = p
	}
	s.tids = s.tids[:0]
	s.terms = Terms{}
}

// touch marks a word's encoding stale after posting v came or went, unless
// its list was pruned and v ranks below the worst posting kept: the kept
// set is then the same (the best MaxPostings of a strict order), and so are
// the bytes, since story ids do not move without a reorder.
func (l *Live) touch(g int32, v uint32) {
	if l.enc[g] == nil {
		return
	}
	if l.pruned[g] && l.b.lessKey(l.b.keyOf(l.cut[g]), l.b.keyOf(v)) {
		return
	}
	l.enc[g] = nil
}

// Write drops the stories the round did not put and writes the index with
// entities.
func (l *Live) Write(w FileWriter, entities []Entity) error {
	for url, id := range l.byURL {
		if l.story[id].round != l.round {
			l.dropPostings(id)
			l.story[id] = liveStory{tids: l.story[id].tids}
			l.b.stories[id] = storyMeta{}
			delete(l.byURL, url)
			l.free = append(l.free, id)
			l.reorder = true
		}
	}
	b := l.b
	if l.reorder {
		ids := make([]uint32, 0, len(l.byURL))
		for _, id := range l.byURL {
			ids = append(ids, id)
		}
		l.order, l.final = b.finalOrder(ids)
		clear(l.enc)
		l.reorder = false
		l.cache.sameOrder = false
	}
	if l.unsort {
		l.sorted = l.sorted[:0]
		for g := range b.termStr {
			l.sorted = append(l.sorted, int32(g))
		}
		b.sortTerms(l.sorted)
		l.unsort = false
	}
	var buf []uint32
	terms := func(yield func(string, []byte) bool) {
		for _, g := range l.sorted {
			if len(b.postings[g]) == 0 {
				// Every story with the word is gone: its shard changes once.
				if l.enc[g] == nil {
					l.cache.dirty[shardKey(b.termStr[g], 2)] = true
					l.enc[g] = []byte{}
					l.pruned[g] = false
				}
				continue
			}
			if l.enc[g] == nil {
				buf = l.finalPostings(g, buf[:0])
				l.enc[g] = encodePostings(nil, buf)
				l.cache.dirty[shardKey(b.termStr[g], 2)] = true
			}
			if !yield(b.termStr[g], l.enc[g]) {
				return
			}
		}
	}
	return b.writeFiles(w, l.order, entities, terms, l.cache)
}

// finalPostings is Builder.finalPostings, remembering where a pruned list
// was cut.
func (l *Live) finalPostings(g int32, dst []uint32) []uint32 {
	b := l.b
	p := b.postings[g]
	l.pruned[g] = len(p) > b.opts.MaxPostings
	if l.pruned[g] {
		p = b.prune(slices.Clone(p))
		worst := p[0]
		for _, v := range p[1:] {
			if b.lessKey(b.keyOf(worst), b.keyOf(v)) {
				worst = v
			}
		}
		l.cut[g] = worst
	}
	for _, v := range p {
		dst = append(dst, l.final[v>>weightBits]<<weightBits|v&weightMask)
	}
	slices.Sort(dst)
	return dst
}
