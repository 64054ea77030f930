package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests change files of a real site folder, let fsnotify report it,
// and compare what the server then serves with a fresh full build.

func TestWatchAtomicRenameSave(t *testing.T) {
	c := newSite(t, 12, 1)
	h := startHarness(t, c, nil)
	rel := c.stories[0]
	want := h.change("atomic-rename save", func() {
		// Write a temporary file beside the story, then rename it over it.
		tmp := c.path(rel) + ".tmp-1234"
		text := strings.Replace(c.read(rel), "disagreed", "flatly disagreed", 1)
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, c.path(rel)); err != nil {
			t.Fatal(err)
		}
	})
	h.checkHTTP(want)
}

func TestWatchVimSave(t *testing.T) {
	c := newSite(t, 12, 2)
	h := startHarness(t, c, nil)
	rel := c.stories[1]
	p := c.path(rel)
	dir := filepath.Dir(p)
	swap := filepath.Join(dir, "."+filepath.Base(p)+".swp")
	if err := os.WriteFile(swap, []byte("swap"), 0o600); err != nil {
		t.Fatal(err)
	}
	want := h.change("vim save", func() {
		// vim with backupcopy=no: probe the folder with 4913, rename the
		// file to its backup, write the new file, delete the backup.
		probe := filepath.Join(dir, "4913")
		if err := os.WriteFile(probe, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(probe); err != nil {
			t.Fatal(err)
		}
		text := strings.Replace(c.read(rel), "the plan again", "the plan once more", 1)
		if err := os.Rename(p, p+"~"); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(swap, []byte("swap again"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(p + "~"); err != nil {
			t.Fatal(err)
		}
	})
	h.checkHTTP(want)

	// Editor files alone never build: after writes to the swap file and a
	// JetBrains temp file, one real change gives exactly one build that
	// counts only that change.
	before := h.builds()
	for i := 0; i < 5; i++ {
		if err := os.WriteFile(swap, []byte(fmt.Sprint("swap ", i)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	jb := c.path(c.stories[2]) + "___jb_tmp___"
	if err := os.WriteFile(jb, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(jb); err != nil {
		t.Fatal(err)
	}
	h.change("edit after editor files", func() {
		c.write(c.stories[3], strings.Replace(c.read(c.stories[3]), "spring", "autumn", 1))
	})
	reps := h.since(before)
	if len(reps) != 1 || reps[0].Changed != 1 {
		t.Errorf("editor files caused builds: %d builds since, changed counts %v", len(reps), changedCounts(reps))
	}
}

func changedCounts(rs []Report) []int {
	out := make([]int, len(rs))
	for i, r := range rs {
		out[i] = r.Changed
	}
	return out
}

func TestWatchNewSubfolder(t *testing.T) {
	c := newSite(t, 8, 3)
	h := startHarness(t, c, nil)
	var rel string
	h.change("story in a new nested folder", func() {
		rel = c.addStory("2020/spring", nil)
	})
	// The new folders are watched: an edit inside them is seen.
	want := h.change("edit in the new folder", func() {
		c.write(rel, strings.Replace(c.read(rel), "disagreed", "agreed", 1))
	})
	h.checkHTTP(want)
}

func TestWatchDeletedStory(t *testing.T) {
	c := newSite(t, 10, 4)
	h := startHarness(t, c, nil)
	known := c.people[0]
	before := h.s.Current()
	rel := "lone.txt"
	h.change("story with a newcomer", func() {
		c.write(rel, fmt.Sprintf(" date 2018-02-14 Dagny Zzyzxwell met %s on Monday in Lowbridge.\n\nMs Zzyzxwell said the meeting went well.",
			known.full()))
	})
	cur := h.s.Current()
	storyPage := ""
	var newEntities []string
	for _, p := range cur.Paths() {
		if strings.HasPrefix(p, "2018/02/14/") && strings.HasSuffix(p, "/index.html") {
			storyPage = p
		}
		if _, old := before.Files[p]; !old && strings.Count(p, "/") == 2 && strings.HasSuffix(p, "/index.html") &&
			(strings.HasPrefix(p, "people/") || strings.HasPrefix(p, "places/") || strings.HasPrefix(p, "organisations/")) {
			newEntities = append(newEntities, p)
		}
	}
	if storyPage == "" {
		t.Fatal("no page for the new story under 2018/02/14/")
	}
	if len(newEntities) == 0 {
		t.Fatal("the newcomer has no entity page")
	}
	slug := strings.TrimSuffix(strings.TrimPrefix(storyPage, "2018/02/14/"), "/index.html")
	for _, p := range newEntities {
		if !strings.Contains(string(cur.Files[p]), slug) {
			t.Fatalf("%s does not link the story %s", p, slug)
		}
	}
	want := h.change("delete the story", func() {
		if err := os.Remove(c.path(rel)); err != nil {
			t.Fatal(err)
		}
	})
	h.checkHTTP(want)
	if code, _ := h.get(strings.TrimSuffix(storyPage, "index.html")); code != 404 {
		t.Errorf("deleted story's page: status %d", code)
	}
	for _, p := range newEntities {
		if code, _ := h.get(strings.TrimSuffix(p, "index.html")); code != 404 {
			t.Errorf("%s, mentioned only by the deleted story: status %d", p, code)
		}
	}
	for p, b := range h.s.Current().Files {
		if strings.Contains(string(b), slug) {
			t.Errorf("%s still mentions the deleted story %s", p, slug)
		}
	}
}

func TestWatchBurstIsOneBuild(t *testing.T) {
	c := newSite(t, 10, 5)
	// A longer quiet period than the default keeps a slow test machine
	// from splitting the burst; the coalescing code is the same.
	h := startHarness(t, c, func(o *Options) { o.Debounce = 300 * time.Millisecond; o.MaxWait = 5 * time.Second })
	h.change("a new folder", func() { c.addStory("burst", nil) })
	before := h.builds()
	want := h.change("500 new files", func() {
		for i := 0; i < 500; i++ {
			c.write(fmt.Sprintf("burst/b%03d.txt", i), fmt.Sprintf(" date 2019-06-%02d Burst story %d about %s.", 1+i%28, i, c.pick().full()))
		}
	})
	reps := h.since(before)
	if len(reps) != 1 {
		t.Fatalf("500 changes gave %d builds (changed %v), want 1", len(reps), changedCounts(reps))
	}
	if reps[0].Changed < 500 {
		t.Errorf("the build counted %d changed paths, want at least 500", reps[0].Changed)
	}
	h.checkHTTP(want)
}

func TestWatchContentFolderRecreated(t *testing.T) {
	c := newSite(t, 6, 6)
	h := startHarness(t, c, nil)
	content := filepath.Join(c.root, "content")
	before := h.builds()
	if err := os.RemoveAll(content); err != nil {
		t.Fatal(err)
	}
	c.stories = nil
	h.waitFor("a build after the content folder went", func() bool { return h.builds() > before })
	want := h.change("content folder made again", func() {
		c.addStory("", nil)
		c.addStory("deep/er", nil)
	})
	h.change("edit in the recreated folder", func() {
		c.write(c.stories[1], strings.Replace(c.read(c.stories[1]), "spring", "summer", 1))
	})
	_ = want
}

func TestWatchErrorsShownThenFixed(t *testing.T) {
	cases := []struct {
		name, file, bad, errWant string
	}{
		{"template", "templates/base.html", "{{ if .Broken }}unclosed", "base.html"},
		{"site.toml", "site.toml", "title = \"Test archive\"\nbaseURL = \"https://example.org/arch/\"\npaginate = \"many\"\n", "site.toml:3"},
		{"entities.toml", "content/entities.toml", "[[person]]\nname = \"Someone\"\nnmae = \"typo\"\n", "entities.toml:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newSite(t, 6, 7)
			h := startHarness(t, c, nil)
			good := h.s.Current()
			path := filepath.Join(c.root, filepath.FromSlash(tc.file))
			orig, origErr := os.ReadFile(path)
			events := h.subscribe()
			if hello := events.next(t, "hello"); strings.Contains(hello, "error") {
				t.Fatalf("hello before any error: %s", hello)
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(tc.bad), 0o644); err != nil {
				t.Fatal(err)
			}
			msg := events.next(t, "error")
			if !strings.Contains(msg, tc.errWant) {
				t.Errorf("error event %s does not name %s", msg, tc.errWant)
			}
			if h.s.Current() != good {
				t.Error("a failed build replaced the served site")
			}
			if code, body := h.get("_storygen/status"); code != 200 || !strings.Contains(body, tc.errWant) {
				t.Errorf("status: %d %s", code, body)
			}
			// A page loaded now still gets the last good site, and the
			// event stream's hello carries the error for the overlay.
			if code, body := h.get(""); code != 200 || !strings.Contains(body, "_storygen/reload.js") {
				t.Errorf("home page while broken: %d", code)
			}
			late := h.subscribe()
			if hello := late.next(t, "hello"); !strings.Contains(hello, tc.errWant) {
				t.Errorf("hello while broken does not carry the error: %s", hello)
			}

			want := h.change("fix "+tc.file, func() {
				var err error
				switch {
				case tc.name == "template":
					fixed := strings.Replace(defaultTemplate(t, "base.html"), "</body>", "<p hidden>fixed-marker</p>\n</body>", 1)
					err = os.WriteFile(path, []byte(fixed), 0o644)
				case origErr == nil:
					err = os.WriteFile(path, orig, 0o644)
				default:
					err = os.Remove(path)
				}
				if err != nil {
					t.Fatal(err)
				}
			})
			events.next(t, "reload")
			if err := h.s.LastError(); err != nil {
				t.Errorf("still failing after the fix: %v", err)
			}
			if tc.name == "template" && !strings.Contains(string(want.Files["index.html"]), "fixed-marker") {
				t.Error("the fixed template is not in use")
			}
			h.checkHTTP(want)
		})
	}
}

// A renamed folder keeps being watched under its new name: inotify keeps
// the old watch on the moved folder, which must not swallow the new one.
func TestWatchRenamedFolder(t *testing.T) {
	c := newSite(t, 12, 8) // every fourth story is in 2019/
	h := startHarness(t, c, nil)
	h.change("rename a folder", func() {
		if err := os.Rename(c.path("2019"), c.path("moved")); err != nil {
			t.Fatal(err)
		}
	})
	var rel string
	for i, s := range c.stories {
		if strings.HasPrefix(s, "2019/") {
			c.stories[i] = "moved/" + strings.TrimPrefix(s, "2019/")
			rel = c.stories[i]
		}
	}
	h.change("edit in the renamed folder", func() {
		c.write(rel, strings.Replace(c.read(rel), "disagreed", "demurred", 1))
	})
	var inner string
	h.change("a folder made in the renamed folder", func() { inner = c.addStory("moved/inner", nil) })
	h.change("rename it back", func() {
		if err := os.Rename(c.path("moved"), c.path("2019")); err != nil {
			t.Fatal(err)
		}
	})
	inner = "2019/" + strings.TrimPrefix(inner, "moved/")
	want := h.change("edit in the folder inside it", func() {
		c.write(inner, strings.Replace(c.read(inner), "spring", "winter", 1))
	})
	h.checkHTTP(want)
}

// TestWatchContentFolderLink: a content folder that is itself a symbolic
// link is built (the build follows it), so it is watched too.
func TestWatchContentFolderLink(t *testing.T) {
	c := newSite(t, 8, 9)
	real := filepath.Join(t.TempDir(), "stories")
	if err := os.Rename(filepath.Join(c.root, "content"), real); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, filepath.Join(c.root, "content")); err != nil {
		t.Fatal(err)
	}
	h := startHarness(t, c, nil)
	rel := c.stories[0]
	want := h.change("edit behind a linked content folder", func() {
		text := strings.Replace(c.read(rel), "disagreed", "strongly disagreed", 1)
		if err := os.WriteFile(filepath.Join(real, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	h.checkHTTP(want)
}
