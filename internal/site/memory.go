package site

import (
	"fmt"
	"os"
	"sort"
	"sync"
)

// Memory is an output.Writer that keeps the site in memory: serve mode and
// tests use it.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{Files: map[string][]byte{}} }

// WriteFile stores a copy of data at rel: like a file, it does not change
// when the caller reuses its buffer.
func (m *Memory) WriteFile(rel string, data []byte) error {
	return m.keep(rel, append([]byte{}, data...))
}

// keep stores data itself, for bytes nobody changes after writing: the
// build's rendered files, which a Builder hands to the next build's Memory.
func (m *Memory) keep(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.Files[rel]; dup {
		return fmt.Errorf("two files written to %s", rel)
	}
	m.Files[rel] = data
	return nil
}

// keepGroups keeps the files of replayed groups under one lock.
func (m *Memory) keepGroups(gs []*group) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, g := range gs {
		for _, f := range g.files {
			if _, dup := m.Files[f.path]; dup {
				return fmt.Errorf("two files written to %s", f.path)
			}
			m.Files[f.path] = f.data
		}
	}
	return nil
}

// CopyFile stores the bytes of src at rel.
func (m *Memory) CopyFile(rel, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("copying %s: %w", rel, err)
	}
	return m.WriteFile(rel, data)
}

// Paths lists the stored files, sorted.
func (m *Memory) Paths() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.Files))
	for p := range m.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
