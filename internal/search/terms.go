package search

import (
	"errors"
	"strings"
	"sync"
)

// Terms are one story's indexed words with their weights: what Add computes
// from the title and text. A caller that keeps them (serve, by content hash)
// can rebuild the index with AddTerms without reading or tokenising the
// stories again. Packed into one string: about 3 kB for a 700-word story.
type Terms struct {
	words   string // each word followed by a NUL
	weights []uint8
}

var tokenizers = sync.Pool{New: func() any { return newScratch() }}

// Tokenize computes a story's Terms.
func Tokenize(title, text string) Terms {
	s := tokenizers.Get().(*scratch)
	defer tokenizers.Put(s)
	s.scan(title, text)
	n := 0
	for _, i := range s.touched {
		n += len(s.str[i]) + 1
	}
	var words strings.Builder
	words.Grow(n)
	t := Terms{weights: make([]uint8, len(s.touched))}
	for k, i := range s.touched {
		words.WriteString(s.str[i])
		words.WriteByte(0)
		t.weights[k] = uint8(s.weight(i))
	}
	t.words = words.String()
	return t
}

// AddTerms indexes a story from its Terms; st.Text is not read.
func (b *Builder) AddTerms(st Story, t Terms) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.stories) >= maxStories {
		return errors.New("search: too many stories")
	}
	id := uint32(len(b.stories))
	b.stories = append(b.stories, st.meta())
	return t.each(func(term string, w uint8) {
		g, _ := b.termID(term)
		b.appendPosting(g, id<<weightBits|uint32(w))
	})
}

// each calls f with every word of t and its weight.
func (t Terms) each(f func(term string, w uint8)) error {
	rest := t.words
	for _, w := range t.weights {
		end := strings.IndexByte(rest, 0)
		if end < 0 {
			return errors.New("search: malformed Terms")
		}
		f(rest[:end], w)
		rest = rest[end+1:]
	}
	return nil
}

// termID is a word's id, made (with an empty postings list) when the word
// is new. Callers hold b.mu or own b.
func (b *Builder) termID(term string) (g int32, added bool) {
	if g, ok := b.terms[term]; ok {
		return g, false
	}
	term = strings.Clone(term) // not a slice of a Terms: that would keep every Terms alive
	g = int32(len(b.termStr))
	b.terms[term] = g
	b.termStr = append(b.termStr, term)
	b.postings = append(b.postings, nil)
	return g, true
}
