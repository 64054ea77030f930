package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/render"
)

// sameSite reports the first difference between two builds.
func sameSite(t *testing.T, step string, got, want *Memory) {
	t.Helper()
	gp, wp := got.Paths(), want.Paths()
	if strings.Join(gp, "\n") != strings.Join(wp, "\n") {
		t.Fatalf("%s: incremental build has files %v\nfull build has %v", step, gp, wp)
	}
	for _, p := range wp {
		if !bytes.Equal(got.Files[p], want.Files[p]) {
			t.Fatalf("%s: %s differs between the incremental and the full build", step, p)
		}
	}
}

// TestBuilderEqualsFullBuild edits a site step by step and checks after every
// step that the Builder's output equals a fresh full build of the same files.
func TestBuilderEqualsFullBuild(t *testing.T) {
	root := fixture(t)
	content := filepath.Join(root, "content")
	bl := NewBuilder()
	write := func(rel, body string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(step string) *Summary {
		t.Helper()
		cfg, err := config.Load(filepath.Join(root, "site.toml"))
		if err != nil {
			t.Fatal(err)
		}
		got, sum, err := bl.Build(Options{Root: root, Config: cfg})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		want := NewMemory()
		if _, err := Build(Options{Root: root, Config: cfg}, want); err != nil {
			t.Fatal(err)
		}
		sameSite(t, step, got, want)
		return sum
	}
	first := check("first build")
	if first.FilesReused != 0 || first.StoriesExtracted != 5 {
		t.Errorf("first build reused %d files, extracted %d stories", first.FilesReused, first.StoriesExtracted)
	}
	again := check("no change")
	if again.FilesRendered != 0 || again.StoriesExtracted != 0 {
		t.Errorf("a rebuild with no change rendered %d files and extracted %d stories", again.FilesRendered, again.StoriesExtracted)
	}
	write("content/003_c.txt", " date 2018-06-20 Elena Marsh said the vote on June 14 changed the harbour. She spoke in Paris.")
	edit := check("body edit")
	if edit.StoriesExtracted != 1 || edit.FilesRendered == 0 || edit.FilesReused == 0 {
		t.Errorf("body edit: extracted %d, rendered %d, reused %d", edit.StoriesExtracted, edit.FilesRendered, edit.FilesReused)
	}
	// A change of words that moves every later mention but changes none:
	// the previous resolution is carried over to the new spans.
	write("content/003_c.txt", " date 2018-06-20 Yesterday, Elena Marsh said the vote on June 14 changed the harbour. She spoke in Paris.")
	moved := check("text edit moving mentions")
	if !moved.ResolutionReused {
		t.Error("an edit that changed no mention resolved the archive again")
	}
	write("content/003_c.txt", " date 2018-06-20 Yesterday, Elena Marsh said the vote on June 14 changed the harbour. She spoke briefly in Paris.")
	words := check("edit of words only")
	if !words.ResolutionReused || !words.IndexReused || words.FilesRendered == 0 {
		t.Errorf("an edit of words only: resolution reused %v, index reused %v, %d files rendered",
			words.ResolutionReused, words.IndexReused, words.FilesRendered)
	}
	write("content/006_f.txt", " date 2018-06-21 Newcomer Ruth Marsh joined Mayor Tomas Reyes on Friday in Rotterdam.")
	check("new story with a newcomer sharing a surname")
	if err := os.Remove(filepath.Join(content, "002_b.txt")); err != nil {
		t.Fatal(err)
	}
	check("deleted story")
	write("content/001_a.txt", " date 2018-05-29 Harbour Commissioner Elena Marsh said on Wednesday that the Port Calder council will vote on June 14.")
	check("date change")
	write("content/entities.toml", "[[person]]\nname = \"Elena Marsh\"\ndescription = \"Commissioner\"\n\n[[merge]]\nkind = \"person\"\nfrom = \"ruth-marsh\"\ninto = \"elena-marsh\"\n")
	check("annotations change")
	write("templates/story.html", "{{define \"main\"}}<h1>{{.Title}}</h1>{{.Story.Body}}{{end}}")
	tpl := check("template override")
	if tpl.FilesReused != 0 {
		t.Errorf("a template change reused %d rendered files", tpl.FilesReused)
	}
	write("site.toml", "title = \"Renamed\"\nbaseURL = \"https://example.org/x/\"\n")
	check("site.toml change")
	write("content/world/sub/007_g.txt", " date 2018-07-04 In a new folder, Mayor Tomas Reyes spoke.")
	check("new folder")
	// Stories sharing a date and slug: the search index is fed before URLs
	// are told apart.
	write("content/000_dup.txt", " date 2018-06-20 Yesterday, Elena Marsh said the vote on June 14 changed the harbour. She spoke briefly in Paris.")
	write("content/zzz_dup.txt", " date 2018-06-20 Yesterday, Elena Marsh said the vote on June 14 changed the harbour. She spoke briefly in Paris.")
	check("duplicate slugs")
}

func TestFingerprintCoversPage(t *testing.T) {
	// Every page kind's data must be hashable (no maps or funcs in the model).
	b := &builder{cache: NewBuilder()}
	p := &render.Page{Site: &render.Site{}, Story: &render.StoryPage{Prev: &render.StoryRef{}}, Entity: &render.EntityPage{},
		Entities: &render.EntitiesPage{}, Home: &render.HomePage{}, Calendar: &render.CalendarPage{}, Period: &render.PeriodPage{},
		Tag: &render.TagPage{}, Tags: &render.TagsPage{}, Doc: &render.DocPage{}, Redirect: &render.RedirectPage{}, Undated: &render.ListPage{}}
	a := b.fingerprintOf(p)
	p.Story.Prev.Title = "changed"
	if b.fingerprintOf(p) == a {
		t.Error("a change deep in the page data did not change the fingerprint")
	}
}
