package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// memFS is a FileWriter that keeps the files.
type memFS struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemFS() *memFS { return &memFS{files: map[string][]byte{}} }

func (m *memFS) WriteFile(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[rel]; dup {
		return fmt.Errorf("%s written twice", rel)
	}
	m.files[rel] = bytes.Clone(data)
	return nil
}

// manifestJSON is index.json as search.js reads it.
type manifestJSON struct {
	V        int                            `json:"v"`
	Stories  int                            `json:"stories"`
	Entities int                            `json:"entities"`
	Chunk    int                            `json:"chunk"`
	Max      int                            `json:"max"`
	Stop     []string                       `json:"stop"`
	Shards   map[string]int                 `json:"shards"`
	Top      map[string][][]json.RawMessage `json:"top"`
}

type shardJSON struct {
	E [][]json.RawMessage `json:"e"`
	T map[string]string   `json:"t"`
}

// client mirrors search.js: which files a query loads and what it shows. It
// is the reference the byte budget is measured with, so keep the two in step.
type client struct {
	fs      map[string][]byte
	man     manifestJSON
	fetched map[string]bool
	shards  map[string]*shardJSON
}

func newClient(fs map[string][]byte) (*client, error) {
	c := &client{fs: fs, fetched: map[string]bool{}, shards: map[string]*shardJSON{}}
	if err := json.Unmarshal(c.fetch(Dir+"index.json"), &c.man); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *client) fetch(rel string) []byte {
	c.fetched[rel] = true
	return c.fs[rel]
}

func (c *client) shard(key string) *shardJSON {
	if s, ok := c.shards[key]; ok {
		return s
	}
	var s shardJSON
	data := c.fetch(Dir + "t/" + fileName(key) + ".json")
	if err := json.Unmarshal(data, &s); err != nil {
		panic(fmt.Sprintf("shard %q: %v", key, err))
	}
	c.shards[key] = &s
	return &s
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// nodeFor is the key of the shard holding the words that start with w.
func (c *client) nodeFor(w string) (string, bool) {
	key := shardKey(w, 2)
	split, ok := c.man.Shards[key]
	for ok && split == 1 && runes(key) < runes(w) {
		key = shardKey(w, runes(key)+1)
		split, ok = c.man.Shards[key]
	}
	return key, ok
}

type hit struct {
	id    uint32
	score int
}

func decodePostings(s string) []uint32 {
	var out []uint32
	id, n := int64(-1), uint32(0)
	for i := 0; i < len(s); i++ {
		v := uint32(strings.IndexByte(alphabet, s[i]))
		n = n<<5 | v&31
		if v >= 32 {
			continue
		}
		id += int64(n) + 1
		i++
		w := uint32(strings.IndexByte(alphabet, s[i]))
		out = append(out, uint32(id)<<weightBits|w)
		n = 0
	}
	return out
}

type result struct {
	entities []string // URLs
	stories  []uint32 // final ids
}

const (
	maxEntityResults = 6
	maxStoryResults  = 10
)

// query runs one query state (the input's text after a key press).
func (c *client) query(q string) result {
	var res result
	words := Normalize(q)
	if len(words) == 0 {
		return res
	}
	last := words[len(words)-1]
	// Entities.
	var cands [][]json.RawMessage
	if runes(last) == 1 {
		cands = c.man.Top[last]
	} else if _, ok := c.man.Shards[shardKey(last, 2)]; ok {
		cands = c.shard(shardKey(last, 2)).E
	}
	type ent struct {
		url   string
		exact bool
	}
	var ents []ent
	for _, e := range cands {
		var name, url string
		json.Unmarshal(e[0], &name)
		json.Unmarshal(e[2], &url)
		toks := Normalize(name)
		all, exact := true, true
		for _, w := range words {
			found, ex := false, false
			for _, t := range toks {
				if strings.HasPrefix(t, w) {
					found = true
					if t == w {
						ex = true
					}
				}
			}
			all = all && found
			exact = exact && ex
		}
		if all {
			ents = append(ents, ent{url, exact})
		}
	}
	slices.SortStableFunc(ents, func(a, b ent) int {
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		return 0
	})
	for i := 0; i < len(ents) && i < maxEntityResults; i++ {
		res.entities = append(res.entities, ents[i].url)
	}
	// Stories.
	var lists [][]uint32
	stop := map[string]bool{}
	for _, s := range c.man.Stop {
		stop[s] = true
	}
	for i, w := range words {
		isLast := i == len(words)-1
		if runes(w) < 2 || !isLast && stop[w] {
			continue
		}
		key, ok := c.nodeFor(w)
		if !ok {
			return res
		}
		sh := c.shard(key)
		best := map[uint32]uint32{}
		for term, enc := range sh.T {
			if term == w || isLast && strings.HasPrefix(term, w) {
				for _, p := range decodePostings(enc) {
					id, wt := p>>weightBits, p&weightMask
					best[id] = max(best[id], wt)
				}
			}
		}
		var l []uint32
		for id, wt := range best {
			l = append(l, id<<weightBits|wt)
		}
		slices.Sort(l)
		lists = append(lists, l)
	}
	if len(lists) == 0 {
		return res
	}
	score := map[uint32]int{}
	for _, p := range lists[0] {
		score[p>>weightBits] = int(p & weightMask)
	}
	for _, l := range lists[1:] {
		next := map[uint32]int{}
		for _, p := range l {
			if s, ok := score[p>>weightBits]; ok {
				next[p>>weightBits] = s + int(p&weightMask)
			}
		}
		score = next
	}
	hits := make([]hit, 0, len(score))
	for id, s := range score {
		hits = append(hits, hit{id, s})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return int(a.id) - int(b.id)
	})
	for i := 0; i < len(hits) && i < maxStoryResults; i++ {
		res.stories = append(res.stories, hits[i].id)
		c.fetch(Dir + "s/" + strconv.Itoa(int(hits[i].id)/c.man.Chunk) + ".json")
	}
	return res
}

func gzipSize(data []byte) int {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	zw.Write(data)
	zw.Close()
	return b.Len()
}
