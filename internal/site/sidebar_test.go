package site

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/storygen/storygen/internal/config"
)

// TestSidebarGolden pins the sidebar data of the fixture's first story: the
// people, places, organisations and dates with their counts, links and notes.
func TestSidebarGolden(t *testing.T) {
	root := fixture(t)
	cfg, err := config.Load(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	b := newBuilder(Options{Root: root, Config: cfg}, NewMemory())
	if err := b.prepare(); err != nil {
		t.Fatal(err)
	}
	di := -1
	for i, d := range b.docs {
		if d.url == firstStory {
			di = i
		}
	}
	if di < 0 {
		t.Fatalf("no story at %s", firstStory)
	}
	p, _ := b.storyData(int32(di))
	got, err := json.MarshalIndent(map[string]any{
		"people": p.Story.People, "places": p.Story.Places, "organisations": p.Story.Orgs,
		"dates": p.Story.Dates, "tags": p.Story.Tags, "prev": p.Story.Prev, "next": p.Story.Next,
	}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	checkGolden(t, "sidebar.golden.json", got)
}
