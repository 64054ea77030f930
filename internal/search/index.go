// Package search writes the static search index the search page queries in
// the browser (themes/default/static/js/search.js): no server, no external
// service, and a query downloads only the few small files it needs.
//
// Layout under search/ (all JSON, deterministic):
//
//	index.json     manifest: version, counts, shard keys, stop words, and the
//	               top entities per initial (for a one-letter query)
//	t/<key>.json   a term shard: words starting with <key> (their first two
//	               characters, longer keys where a shard grew too big) mapped
//	               to postings, plus, in two-character shards, the entities
//	               with a name word starting with <key>
//	s/<n>.json     story titles, URLs and dates for ids n*chunk … n*chunk+chunk-1
//
// Postings are strings: per story, the gap from the previous story id and
// a weight (term frequency, capped, plus 16 if the word is in the title),
// each number in base-32 digits of a 64-character alphabet with a
// continuation bit. Story ids are ordered newest first, so ties rank recent
// stories higher. A split shard keeps, besides its own-length words, the
// subtree's most frequent words, so a two-letter query still finds stories.
package search

import (
	"errors"
	"sync"
)

// Story is one story to index. The builder keeps only its title, URL and
// date; the text is tokenised and dropped.
type Story struct {
	Title string
	// URL is site-relative, "2018/05/31/slug/"; unique within the archive.
	URL string
	// Date is YYYY-MM-DD, or "" when undated.
	Date string
	// Text is what to search besides the title: the story's paragraphs.
	Text string
	// Key orders stories of the same date (the index lists them by it) and
	// is unique, like the source file's path; "" means the URL. Unlike the
	// URL it is known before the whole archive is read, so a build can
	// index a story as soon as it is parsed and fix its URL later (SetURL).
	Key string
}

// meta is the story's record; its text is not kept.
func (st *Story) meta() storyMeta {
	key := st.Key
	if key == "" {
		key = st.URL
	}
	return storyMeta{title: st.Title, url: st.URL, date: st.Date, key: key, rank: storyRank(st.Date, key)}
}

// Entity is a person, place or organisation with a page.
type Entity struct {
	Name string
	// Kind is "person", "place" or "organisation"; search.js shows it.
	Kind string
	// URL is site-relative, "people/mike-pompeo/".
	URL string
	// Count is the number of stories that mention it; it ranks entities.
	Count int
}

// Options tune the index; zero values take the defaults.
type Options struct {
	// MaxPostings keeps, for a word found in more stories, only the stories
	// where it weighs most (title, then frequency, then newest).
	MaxPostings int
	// ChunkSize is the number of stories per metadata file.
	ChunkSize int
	// ShardBytes is the size above which a term shard is split by the next
	// character of its words.
	ShardBytes int
	// TopEntities is the number of entities listed per initial in index.json.
	TopEntities int
	// EntityBytes bounds the entity list of a shard; entities named in
	// fewest stories are left out beyond it.
	EntityBytes int
}

// Defaults chosen on a 10,000-story generated archive: they keep a query
// typed key by key well under 300 kB (gzip) while shards hold enough
// postings to rank well.
const (
	DefaultMaxPostings = 1000
	DefaultChunkSize   = 24
	DefaultShardBytes  = 40 << 10
	DefaultTopEntities = 6
	DefaultEntityBytes = 256 << 10
)

func (o Options) withDefaults() Options {
	if o.MaxPostings <= 0 {
		o.MaxPostings = DefaultMaxPostings
	}
	if o.ChunkSize <= 0 {
		o.ChunkSize = DefaultChunkSize
	}
	if o.ShardBytes <= 0 {
		o.ShardBytes = DefaultShardBytes
	}
	if o.TopEntities <= 0 {
		o.TopEntities = DefaultTopEntities
	}
	if o.EntityBytes <= 0 {
		o.EntityBytes = DefaultEntityBytes
	}
	return o
}

// Weights packed into the low bits of a posting.
const (
	weightBits  = 5
	weightMask  = 1<<weightBits - 1
	titleWeight = 16
	maxTF       = titleWeight - 1
	maxStories  = 1 << (32 - weightBits)
)

type storyMeta struct {
	title, url, date, key string
	rank                  uint64 // storyRank
}

// Builder collects stories and entities. Add and AddEntity are safe for
// concurrent use; the result does not depend on the order of calls.
type Builder struct {
	opts Options

	mu       sync.Mutex
	terms    map[string]int32 // term → term id
	termStr  []string
	postings [][]uint32 // by term id: internal story id << weightBits | weight
	stories  []storyMeta
	entities []Entity

	pool      sync.Pool // *scratch
	pruneKeys []pruneKey
}

// NewBuilder returns an empty index builder.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts.withDefaults(), terms: make(map[string]int32)}
}

// scratch is one goroutine's tokenising state, reused across stories so a
// word allocates only the first time that goroutine sees it.
type scratch struct {
	slot    map[string]int32 // term → local slot
	gid     []int32          // local slot → term id; -1 unknown, stopSlot for stop words
	count   []uint16         // per slot: occurrences in the current story
	title   []bool
	str     []string // local slot → term
	touched []int32
	buf     []byte
}

const stopSlot = -2

func newScratch() *scratch {
	s := &scratch{slot: make(map[string]int32, 1024)}
	for _, w := range stopWords {
		s.slot[w] = int32(len(s.gid))
		s.str = append(s.str, w)
		s.gid = append(s.gid, stopSlot)
		s.count = append(s.count, 0)
		s.title = append(s.title, false)
	}
	return s
}

func (s *scratch) add(tok []byte, runes int, inTitle bool) {
	if !indexable(tok, runes) {
		return
	}
	i, ok := s.slot[string(tok)]
	if !ok {
		i = int32(len(s.gid))
		term := string(tok)
		s.slot[term] = i
		s.str = append(s.str, term)
		s.gid = append(s.gid, -1)
		s.count = append(s.count, 0)
		s.title = append(s.title, false)
	}
	if s.gid[i] == stopSlot {
		return
	}
	if s.count[i] == 0 {
		s.touched = append(s.touched, i)
	}
	if s.count[i] < maxTF {
		s.count[i]++
	}
	if inTitle {
		s.title[i] = true
	}
}

// scan counts the words of a story into touched, count and title.
func (s *scratch) scan(title, text string) {
	s.touched = s.touched[:0]
	s.buf = tokenize(title, s.buf, func(tok []byte, runes int) { s.add(tok, runes, true) })
	s.buf = tokenize(text, s.buf, func(tok []byte, runes int) { s.add(tok, runes, false) })
}

// weight is a touched slot's posting weight; it resets the slot.
func (s *scratch) weight(i int32) uint32 {
	w := uint32(s.count[i])
	if s.title[i] {
		w |= titleWeight
	}
	s.count[i] = 0
	s.title[i] = false
	return w
}

// Add indexes one story. Unlike AddTerms it remembers, per goroutine, which
// word has which id, so the work under the lock is only appending.
func (b *Builder) Add(st Story) error {
	_, err := b.AddStory(st)
	return err
}

// AddStory is Add, returning the story's id for SetURL.
func (b *Builder) AddStory(st Story) (int, error) {
	s, _ := b.pool.Get().(*scratch)
	if s == nil {
		s = newScratch()
	}
	defer b.pool.Put(s)
	s.scan(st.Title, st.Text)

	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.stories) >= maxStories {
		return 0, errors.New("search: too many stories")
	}
	id := uint32(len(b.stories))
	b.stories = append(b.stories, st.meta())
	for _, i := range s.touched {
		g := s.gid[i]
		if g < 0 {
			term := s.str[i]
			var ok bool
			if g, ok = b.terms[term]; !ok {
				g = int32(len(b.termStr))
				b.terms[term] = g
				b.termStr = append(b.termStr, term)
				b.postings = append(b.postings, nil)
			}
			s.gid[i] = g
		}
		b.appendPosting(g, id<<weightBits|s.weight(i))
	}
	return int(id), nil
}

// SetURL changes the URL of a story added earlier; its place in the index
// (by date and key) does not move.
func (b *Builder) SetURL(id int, url string) {
	b.mu.Lock()
	b.stories[id].url = url
	b.mu.Unlock()
}

// appendPosting adds a posting to a word, pruning its list when it has
// grown to four times the cap (so pruning stays rare). Callers hold b.mu.
func (b *Builder) appendPosting(g int32, posting uint32) {
	p := append(b.postings[g], posting)
	if len(p) >= 4*b.opts.MaxPostings {
		p = b.prune(p)
	}
	b.postings[g] = p
}

// AddEntity adds an entity to the index.
func (b *Builder) AddEntity(e Entity) {
	b.mu.Lock()
	b.entities = append(b.entities, e)
	b.mu.Unlock()
}
