package site

import (
	"fmt"

	"github.com/storygen/storygen/internal/search"
)

// searchIndex writes the static search index from every story's words,
// computed once at extraction (and cached with it), and every entity.
func (b *builder) searchIndex() error {
	if !b.cfg.Search.Enabled {
		return nil
	}
	sb := search.NewBuilder(search.Options{})
	for _, di := range b.idx.timeline {
		d := b.docs[di]
		if err := sb.AddTerms(search.Story{Title: d.title, URL: d.url, Date: d.dateValue()}, d.terms); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
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
