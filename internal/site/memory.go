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

// WriteFile stores data at rel. The Memory keeps data itself, not a copy:
// the build never changes bytes it has written, and a Builder hands the same
// bytes to the next build's Memory when a file did not change.
func (m *Memory) WriteFile(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.Files[rel]; dup {
		return fmt.Errorf("two files written to %s", rel)
	}
	if data == nil {
		data = []byte{}
	}
	m.Files[rel] = data
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
