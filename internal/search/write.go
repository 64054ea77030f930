package search

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"unicode/utf8"
)

// FileWriter receives the index files; output.Writer satisfies it.
type FileWriter interface {
	WriteFile(rel string, data []byte) error
}

// Version is the index format; search.js refuses others.
const Version = 1

// Dir is the folder, relative to the site root, that holds the index.
const Dir = "search/"

// alphabet encodes posting numbers: 5 bits a character, plus 32 to say
// another character of the same number follows. All 64 need no JSON escape.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// Write writes stories and entities as the index under search/.
func Write(w FileWriter, stories []Story, entities []Entity, opts Options) error {
	b := NewBuilder(opts)
	for _, s := range stories {
		if err := b.Add(s); err != nil {
			return err
		}
	}
	for _, e := range entities {
		b.AddEntity(e)
	}
	return b.Write(w)
}

type termPostings struct {
	term string
	enc  []byte
}

type entityRef struct {
	e      *Entity
	tokens []string
}

// Write writes the index files. The builder can be written more than once.
func (b *Builder) Write(w FileWriter) error {
	b.mu.Lock()
	defer b.mu.Unlock()

	ids := make([]uint32, len(b.stories))
	for i := range ids {
		ids[i] = uint32(i)
	}
	order, final := b.finalOrder(ids)
	tids := make([]int32, len(b.termStr))
	for i := range tids {
		tids[i] = int32(i)
	}
	b.sortTerms(tids)
	var buf []uint32
	terms := func(yield func(string, []byte) bool) {
		for _, t := range tids {
			buf = b.finalPostings(buf[:0], b.postings[t], final)
			if !yield(b.termStr[t], encodePostings(nil, buf)) {
				return
			}
		}
	}
	return b.writeFiles(w, order, b.entities, terms, nil)
}

// finalOrder sorts the given internal ids into final ids (newest first) and
// returns them with the inverse map, indexed by internal id.
func (b *Builder) finalOrder(ids []uint32) (order, final []uint32) {
	order = slices.Clone(ids)
	slices.SortFunc(order, b.compareStories)
	final = make([]uint32, len(b.stories))
	for f, i := range order {
		final[i] = uint32(f)
	}
	return order, final
}

func (b *Builder) sortTerms(tids []int32) {
	slices.SortFunc(tids, func(x, y int32) int { return cmp.Compare(b.termStr[x], b.termStr[y]) })
}

// writeFiles writes the shards from terms, given in byte order of the term
// with their encoded postings, the story chunks in final order, and the
// manifest. Full and live indexes share it, so they write the same bytes.
func (b *Builder) writeFiles(w FileWriter, order []uint32, entities []Entity, terms iter.Seq2[string, []byte], c *shardCache) error {
	n := len(order)
	ents := sortedEntities(entities)
	byKey := map[string][]int{} // two-character key → indexes into ents
	var entKeys []string
	for i, e := range ents {
		for _, tok := range e.tokens {
			if utf8.RuneCountInString(tok) < minTermRunes {
				continue
			}
			k := shardKey(tok, 2)
			l := byKey[k]
			if len(l) > 0 && l[len(l)-1] == i {
				continue // two words of the name share the key
			}
			if l == nil {
				entKeys = append(entKeys, k)
			}
			byKey[k] = append(l, i)
		}
	}
	slices.Sort(entKeys)

	sw := shardWriter{w: w, opts: b.opts, shards: map[string]bool{}, cache: c}
	if c != nil {
		c.begin(entities)
	}
	var group []termPostings
	flushGroup := func(key string) error {
		// Entity-only keys that sort before this one.
		for len(entKeys) > 0 && entKeys[0] < key {
			k := entKeys[0]
			entKeys = entKeys[1:]
			if err := sw.top(k, nil, ents, byKey[k]); err != nil {
				return err
			}
		}
		var es []int
		if len(entKeys) > 0 && entKeys[0] == key {
			es = byKey[key]
			entKeys = entKeys[1:]
		}
		err := sw.top(key, group, ents, es)
		group = group[:0]
		return err
	}
	cur := ""
	var err error
	for term, enc := range terms {
		k := shardKey(term, 2)
		if k != cur && len(group) > 0 {
			if err = flushGroup(cur); err != nil {
				break
			}
		}
		cur = k
		group = append(group, termPostings{term: term, enc: enc})
	}
	if err != nil {
		return err
	}
	if len(group) > 0 {
		if err := flushGroup(cur); err != nil {
			return err
		}
	}
	for _, k := range entKeys {
		if err := sw.top(k, nil, ents, byKey[k]); err != nil {
			return err
		}
	}

	if c != nil && c.sameOrder && c.chunks != nil {
		for i, data := range c.chunks {
			if err := w.WriteFile(Dir+"s/"+strconv.Itoa(i)+".json", data); err != nil {
				return fmt.Errorf("search index: %w", err)
			}
		}
	} else if err := b.writeChunks(w, order, c); err != nil {
		return err
	}
	if c != nil {
		c.end()
	}

	if err := w.WriteFile(Dir+"index.json", b.manifest(n, sw.shards, ents)); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// writeChunks writes the story titles, URLs and dates in final order.
func (b *Builder) writeChunks(w FileWriter, order []uint32, sc *shardCache) error {
	n := len(order)
	if sc != nil {
		sc.chunks = sc.chunks[:0]
	}
	var out []byte
	for c := 0; c*b.opts.ChunkSize < n; c++ {
		lo, hi := c*b.opts.ChunkSize, min((c+1)*b.opts.ChunkSize, n)
		out = append(out[:0], '[')
		for f := lo; f < hi; f++ {
			s := &b.stories[order[f]]
			if f > lo {
				out = append(out, ',')
			}
			out = append(out, '[')
			out = appendString(out, s.title)
			out = append(out, ',')
			out = appendString(out, s.url)
			out = append(out, ',')
			out = appendString(out, s.date)
			out = append(out, ']')
		}
		out = append(out, ']', '\n')
		if err := w.WriteFile(Dir+"s/"+strconv.Itoa(c)+".json", out); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		if sc != nil {
			sc.chunks = append(sc.chunks, slices.Clone(out))
		}
	}
	return nil
}

// finalPostings maps postings to final story ids, keeps the best MaxPostings
// and sorts them by id for gap encoding.
func (b *Builder) finalPostings(dst, p []uint32, final []uint32) []uint32 {
	if len(p) > b.opts.MaxPostings {
		p = slices.Clone(p)
		p = b.prune(p)
	}
	for _, v := range p {
		dst = append(dst, final[v>>weightBits]<<weightBits|v&weightMask)
	}
	slices.Sort(dst)
	return dst
}

func encodePostings(dst []byte, p []uint32) []byte {
	prev := int64(-1)
	for _, v := range p {
		id := int64(v >> weightBits)
		dst = appendNum(dst, uint32(id-prev-1))
		dst = append(dst, alphabet[v&weightMask])
		prev = id
	}
	return dst
}

// appendNum writes v most significant group first; every character but the
// last has the continuation bit (32).
func appendNum(dst []byte, v uint32) []byte {
	var tmp [7]byte
	i := len(tmp) - 1
	tmp[i] = alphabet[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		i--
		tmp[i] = alphabet[32|v&31]
	}
	return append(dst, tmp[i:]...)
}

func sortedEntities(entities []Entity) []entityRef {
	ents := make([]entityRef, len(entities))
	for i := range entities {
		ents[i] = entityRef{e: &entities[i], tokens: Normalize(entities[i].Name)}
	}
	slices.SortFunc(ents, func(x, y entityRef) int {
		if n := cmp.Compare(y.e.Count, x.e.Count); n != 0 {
			return n
		}
		if n := cmp.Compare(x.e.Name, y.e.Name); n != 0 {
			return n
		}
		if n := cmp.Compare(x.e.Kind, y.e.Kind); n != 0 {
			return n
		}
		return cmp.Compare(x.e.URL, y.e.URL)
	})
	return ents
}

func appendEntity(out []byte, e *Entity) []byte {
	out = append(out, '[')
	out = appendString(out, e.Name)
	out = append(out, ',')
	out = appendString(out, e.Kind)
	out = append(out, ',')
	out = appendString(out, e.URL)
	out = append(out, ',')
	out = strconv.AppendInt(out, int64(e.Count), 10)
	return append(out, ']')
}

type shardWriter struct {
	w      FileWriter
	opts   Options
	shards map[string]bool // key → split
	out    []byte
	cache  *shardCache // nil in full builds
	rec    *shardRec   // what the current top-level key writes, for the cache
}

// shardCache keeps, for a live index, what each two-character key wrote
// (its shard and the subtree split from it), so a key none of whose words
// was re-encoded, under unchanged entities, is written again from memory.
type shardCache struct {
	dirty     map[string]bool // two-character keys with a word re-encoded
	entities  []Entity        // as of the last write
	clean     bool            // entities unchanged: clean keys may be replayed
	sameOrder bool            // story ids unchanged: chunks may be replayed
	prev      map[string]*shardRec
	next      map[string]*shardRec
	chunks    [][]byte
}

type shardRec struct {
	files  []shardFile
	shards []shardFile // key and split flag (data nil or not)
}

type shardFile struct {
	name string
	data []byte
}

func newShardCache() *shardCache {
	return &shardCache{dirty: map[string]bool{}}
}

func (c *shardCache) begin(entities []Entity) {
	c.clean = c.prev != nil && slices.Equal(c.entities, entities)
	c.entities = slices.Clone(entities)
	c.next = make(map[string]*shardRec, len(c.prev))
}

func (c *shardCache) end() {
	c.prev, c.next = c.next, nil
	clear(c.dirty)
	c.sameOrder = true
}

// top writes the shard of a two-character key and its subtree, or replays
// them when the cache holds them and nothing they show changed.
func (sw *shardWriter) top(key string, terms []termPostings, ents []entityRef, es []int) error {
	c := sw.cache
	if c == nil {
		return sw.node(key, terms, ents, es)
	}
	if rec, ok := c.prev[key]; ok && c.clean && !c.dirty[key] {
		for _, f := range rec.files {
			if err := sw.w.WriteFile(f.name, f.data); err != nil {
				return fmt.Errorf("search index: %w", err)
			}
		}
		for _, s := range rec.shards {
			sw.shards[s.name] = s.data != nil
		}
		c.next[key] = rec
		return nil
	}
	sw.rec = &shardRec{}
	err := sw.node(key, terms, ents, es)
	c.next[key] = sw.rec
	sw.rec = nil
	return err
}

// node writes the shard of key with its terms, splitting it by the next
// character while it is too big. Entities go only into two-character shards.
func (sw *shardWriter) node(key string, terms []termPostings, ents []entityRef, es []int) error {
	depth := utf8.RuneCountInString(key)
	size := 0
	for _, t := range terms {
		size += len(t.term) + len(t.enc) + 6
	}
	split := size > sw.opts.ShardBytes
	own := terms
	if split {
		own = nil
		for _, t := range terms {
			if utf8.RuneCountInString(t.term) == depth {
				own = append(own, t)
			}
		}
		if len(own) == len(terms) {
			split = false
			own = terms
		} else {
			own = headTerms(own, terms, depth, sw.opts.ShardBytes/2)
		}
	}
	sw.shards[key] = split
	if sw.rec != nil {
		var flag []byte
		if split {
			flag = []byte{}
		}
		sw.rec.shards = append(sw.rec.shards, shardFile{key, flag})
	}

	out := append(sw.out[:0], `{"e":[`...)
	start := len(out)
	for i, ei := range es {
		if len(out)-start > sw.opts.EntityBytes {
			break // the rest are mentioned least; their pages still list them
		}
		if i > 0 {
			out = append(out, ',')
		}
		out = appendEntity(out, ents[ei].e)
	}
	out = append(out, `],"t":{`...)
	for i, t := range own {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendString(out, t.term)
		out = append(out, ':', '"')
		out = append(out, t.enc...)
		out = append(out, '"')
	}
	out = append(out, '}', '}', '\n')
	sw.out = out
	name := Dir + "t/" + fileName(key) + ".json"
	if err := sw.w.WriteFile(name, out); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if sw.rec != nil {
		sw.rec.files = append(sw.rec.files, shardFile{name, slices.Clone(out)})
	}
	if !split {
		return nil
	}
	// Terms sorted by bytes share their next-character prefix contiguously.
	var rest []termPostings
	for _, t := range terms {
		if utf8.RuneCountInString(t.term) > depth {
			rest = append(rest, t)
		}
	}
	for len(rest) > 0 {
		k := shardKey(rest[0].term, depth+1)
		j := 1
		for j < len(rest) && shardKey(rest[j].term, depth+1) == k {
			j++
		}
		if err := sw.node(k, rest[:j], nil, nil); err != nil {
			return err
		}
		rest = rest[j:]
	}
	return nil
}

// headTerms adds to the words of a split shard's own length the words of its
// subtree found in most stories, within budget bytes, so that a query as
// short as the shard key still shows stories.
func headTerms(own, terms []termPostings, depth, budget int) []termPostings {
	var longer []termPostings
	for _, t := range terms {
		if utf8.RuneCountInString(t.term) > depth {
			longer = append(longer, t)
		}
	}
	slices.SortStableFunc(longer, func(x, y termPostings) int { return cmp.Compare(len(y.enc), len(x.enc)) })
	for _, t := range longer {
		cost := len(t.term) + len(t.enc) + 6
		if cost > budget {
			continue
		}
		budget -= cost
		own = append(own, t)
	}
	slices.SortFunc(own, func(x, y termPostings) int { return cmp.Compare(x.term, y.term) })
	return own
}

func (b *Builder) manifest(stories int, shards map[string]bool, ents []entityRef) []byte {
	out := []byte(`{"v":`)
	out = strconv.AppendInt(out, Version, 10)
	out = append(out, `,"stories":`...)
	out = strconv.AppendInt(out, int64(stories), 10)
	out = append(out, `,"entities":`...)
	out = strconv.AppendInt(out, int64(len(ents)), 10)
	out = append(out, `,"chunk":`...)
	out = strconv.AppendInt(out, int64(b.opts.ChunkSize), 10)
	out = append(out, `,"max":`...)
	out = strconv.AppendInt(out, int64(b.opts.MaxPostings), 10)
	out = append(out, `,"stop":[`...)
	stop := slices.Sorted(slices.Values(stopWords))
	for i, s := range stop {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendString(out, s)
	}
	out = append(out, `],"shards":{`...)
	keys := make([]string, 0, len(shards))
	for k := range shards {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendString(out, k)
		if shards[k] {
			out = append(out, ":1"...)
		} else {
			out = append(out, ":0"...)
		}
	}
	out = append(out, `},"top":{`...)
	// The best entities for each initial of a name word: a one-letter query
	// shows them without loading a shard.
	top := map[string][]int{}
	var initials []string
	for i, e := range ents {
		for _, tok := range e.tokens {
			k := shardKey(tok, 1)
			l := top[k]
			if len(l) >= b.opts.TopEntities || len(l) > 0 && l[len(l)-1] == i {
				continue
			}
			if l == nil {
				initials = append(initials, k)
			}
			top[k] = append(l, i)
		}
	}
	slices.Sort(initials)
	for i, k := range initials {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendString(out, k)
		out = append(out, ':', '[')
		for j, ei := range top[k] {
			if j > 0 {
				out = append(out, ',')
			}
			out = appendEntity(out, ents[ei].e)
		}
		out = append(out, ']')
	}
	return append(out, '}', '}', '\n')
}

// appendString writes s as a JSON string the way encoding/json does: <, >
// and & escaped, so the file stays data wherever it ends up; invalid UTF-8
// becomes U+FFFD.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				dst = append(dst, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&15])
		default:
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return append(dst, '"')
}
