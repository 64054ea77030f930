package extract_test

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/resolve"
	"github.com/storygen/storygen/internal/story"
)

// Floors for the hand-written stories of testdata/robust (sport, business,
// science, local politics, courts, international; names from many
// cultures). They guard against regressions in recall and precision without
// pinning the exact output, so rules can change while quality holds.
const (
	robustEntityRecall    = 0.90
	robustEntityPrecision = 0.93
	robustStoryRecall     = 0.75 // the worst single story
	robustDateRecall      = 0.85
	robustDatePrecision   = 0.85
)

type wantEntity struct {
	kind extract.Kind
	text string
}

type wantDate struct{ text, value string }

type robustWant struct {
	entities []wantEntity
	neutral  map[string]bool
	dates    []wantDate
}

// readWant reads a .want file: "person: Name", "place: …", "org: …",
// "neutral: Text" (neither required nor wrong) and "date: Text = VALUE".
func readWant(t *testing.T, path string) robustWant {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := robustWant{neutral: map[string]bool{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("%s: bad line %q", path, line)
		}
		switch key {
		case "person":
			w.entities = append(w.entities, wantEntity{extract.Person, val})
		case "place":
			w.entities = append(w.entities, wantEntity{extract.Place, val})
		case "org":
			w.entities = append(w.entities, wantEntity{extract.Organisation, val})
		case "neutral":
			w.neutral[val] = true
		case "date":
			text, value, ok := strings.Cut(val, " = ")
			if !ok {
				t.Fatalf("%s: bad date line %q", path, line)
			}
			w.dates = append(w.dates, wantDate{text, value})
		default:
			t.Fatalf("%s: unknown kind in %q", path, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return w
}

func TestRobustStories(t *testing.T) {
	paths, err := filepath.Glob("testdata/robust/*.txt")
	if err != nil || len(paths) < 10 {
		t.Fatalf("robust stories: %v (%d found)", err, len(paths))
	}
	sort.Strings(paths)
	var docs []resolve.Doc
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := story.Parse(filepath.Base(p), data)
		docs = append(docs, resolve.Doc{Path: s.Path, Date: s.Date, Result: extract.Extract(s)})
	}
	resolve.Resolve(docs, nil)

	var eFound, eWant, mGood, mAll, dFound, dWant, dGood, dAll int
	for i, p := range paths {
		w := readWant(t, strings.TrimSuffix(p, ".txt")+".want")
		r := docs[i].Result
		name := filepath.Base(p)
		found := 0
		for _, e := range w.entities {
			ok := false
			for _, m := range r.Mentions {
				if m.Kind == e.kind && (m.Bare.String() == e.text || m.Text.String() == e.text) {
					ok = true
					break
				}
			}
			if ok {
				found++
			} else {
				t.Logf("%s: missed %s %q", name, e.kind, e.text)
			}
		}
		for _, m := range r.Mentions {
			if w.neutral[m.Bare.String()] || w.neutral[m.Text.String()] {
				continue
			}
			good := false
			for _, e := range w.entities {
				if m.Kind == e.kind && (m.Bare.String() == e.text || m.Text.String() == e.text) {
					good = true
					break
				}
			}
			mAll++
			if good {
				mGood++
			} else {
				t.Logf("%s: wrong %s %q", name, m.Kind, m.Text.String())
			}
		}
		if rec := float64(found) / float64(len(w.entities)); rec < robustStoryRecall {
			t.Errorf("%s: entity recall %.2f < %.2f", name, rec, robustStoryRecall)
		}
		eFound += found
		eWant += len(w.entities)

		for _, d := range w.dates {
			ok := false
			for _, g := range r.Dates {
				if strings.Contains(g.Text, d.text) && g.Value == d.value {
					ok = true
					break
				}
			}
			if ok {
				dFound++
			} else {
				t.Logf("%s: missed date %q = %s (found %v)", name, d.text, d.value, r.Dates)
			}
		}
		for _, g := range r.Dates {
			dAll++
			good := false
			for _, d := range w.dates {
				if strings.Contains(g.Text, d.text) && g.Value == d.value {
					good = true
					break
				}
			}
			if good {
				dGood++
			} else {
				t.Logf("%s: wrong date %q = %s", name, g.Text, g.Value)
			}
		}
		dWant += len(w.dates)
	}
	check := func(what string, num, den int, floor float64) {
		v := float64(num) / float64(den)
		t.Logf("%s %.3f (%d/%d)", what, v, num, den)
		if v < floor {
			t.Errorf("%s %.3f below the floor %.2f", what, v, floor)
		}
	}
	check("entity recall", eFound, eWant, robustEntityRecall)
	check("entity precision", mGood, mAll, robustEntityPrecision)
	check("date recall", dFound, dWant, robustDateRecall)
	check("date precision", dGood, dAll, robustDatePrecision)
}
