package search

import "cmp"

// compareStories orders internal story ids as the final ids are: newest
// first, then by key, so the order does not depend on the order of Add calls.
func (b *Builder) compareStories(x, y uint32) int {
	a, c := &b.stories[x], &b.stories[y]
	if n := cmp.Compare(c.date, a.date); n != 0 {
		return n
	}
	if n := cmp.Compare(a.key, c.key); n != 0 {
		return n
	}
	if n := cmp.Compare(a.url, c.url); n != 0 {
		return n
	}
	if n := cmp.Compare(a.title, c.title); n != 0 {
		return n
	}
	return cmp.Compare(x, y)
}

// storyRank packs "newest first, then key hash" into 54 bits: postings worth
// keeping sort first by weight, then by this (cheaper than comparing URLs,
// and like them independent of the order stories were added in).
func storyRank(date, key string) uint64 {
	days := uint64(0)
	if len(date) == 10 {
		y, m, d := atoi(date[0:4]), atoi(date[5:7]), atoi(date[8:10])
		days = uint64(y*372 + m*31 + d)
	}
	const maxDays = 1 << 22
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(key[i])) * 16777619
	}
	return (maxDays-1-min(days, maxDays-1))<<32 | uint64(h)
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// prune keeps the MaxPostings best postings, in no particular order.
// Pruning in batches keeps the same set as one pruning at the end: whatever
// is dropped already has MaxPostings better postings ahead of it.
func (b *Builder) prune(p []uint32) []uint32 {
	n := b.opts.MaxPostings
	if len(p) <= n {
		return p
	}
	keys := b.pruneKeys[:0]
	for _, v := range p {
		keys = append(keys, b.keyOf(v))
	}
	b.selectBest(keys, n)
	p = p[:n]
	for i := range p {
		p[i] = keys[i].p
	}
	b.pruneKeys = keys
	return p
}

// keyOf is a posting's pruning key: lower keys are kept first.
func (b *Builder) keyOf(v uint32) pruneKey {
	return pruneKey{uint64(weightMask-v&weightMask)<<54 | b.stories[v>>weightBits].rank, v}
}

func (b *Builder) lessKey(x, y pruneKey) bool {
	if x.key != y.key {
		return x.key < y.key
	}
	if x.p == y.p {
		return false
	}
	return b.compareStories(x.p>>weightBits, y.p>>weightBits) < 0
}

// selectBest moves the n smallest keys to the front (quickselect): linear
// time, where sorting cost a log factor on every frequent word.
func (b *Builder) selectBest(k []pruneKey, n int) {
	lo, hi := 0, len(k)-1
	for lo < hi {
		// Median of three as pivot, moved to hi.
		mid := lo + (hi-lo)/2
		if b.lessKey(k[mid], k[lo]) {
			k[mid], k[lo] = k[lo], k[mid]
		}
		if b.lessKey(k[hi], k[lo]) {
			k[hi], k[lo] = k[lo], k[hi]
		}
		if b.lessKey(k[mid], k[hi]) {
			k[mid], k[hi] = k[hi], k[mid]
		}
		pivot := k[hi]
		i := lo
		for j := lo; j < hi; j++ {
			if b.lessKey(k[j], pivot) {
				k[i], k[j] = k[j], k[i]
				i++
			}
		}
		k[i], k[hi] = k[hi], k[i]
		switch {
		case i == n || i == n-1:
			return
		case i < n:
			lo = i + 1
		default:
			hi = i - 1
		}
	}
}

type pruneKey struct {
	key uint64 // weight (inverted) and storyRank
	p   uint32
}
