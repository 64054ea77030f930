package site

import (
	"fmt"

	"github.com/storygen/storygen/internal/search"
)

// searchIndex writes the static search index of every story and entity. A
// full build indexed each story as it was parsed and kept none of its
// words; a Builder keeps each story's words with it and updates a live index.
func (b *builder) searchIndex() error {
	if !b.cfg.Search.Enabled {
		return nil
	}
	if b.cache != nil {
		return b.liveSearchIndex()
	}
	// The stories were added as they were parsed.
	sb := b.sidx
	for _, e := range b.idx.sorted {
		if len(e.stories) == 0 {
			continue
		}
		sb.AddEntity(search.Entity{Name: e.name, Kind: e.key.kind.String(), URL: entityURL(e.key), Count: len(e.stories)})
	}
	if err := sb.Write(b.w); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// liveSearchIndex updates the Builder's live index, so that a one-story
// edit re-encodes only that story's words.
func (b *builder) liveSearchIndex() error {
	l := b.cache.search
	if l == nil {
		l = search.NewLive(search.Options{})
		b.cache.search = l
	}
	l.Begin()
	for _, di := range b.idx.timeline {
		d := b.docs[di]
		if err := l.Put(search.Story{Title: d.title, URL: d.url, Date: d.dateValue(), Key: d.path}, d.terms); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	var ents []search.Entity
	for _, e := range b.idx.sorted {
		if len(e.stories) > 0 {
			ents = append(ents, search.Entity{Name: e.name, Kind: e.key.kind.String(), URL: entityURL(e.key), Count: len(e.stories)})
		}
	}
	if err := l.Write(b.w, ents); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}
