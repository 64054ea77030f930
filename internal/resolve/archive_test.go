package resolve_test

import (
	"fmt"
	"testing"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/resolve"
	"github.com/storygen/storygen/internal/story"
)

func storyOf(path, text string) resolve.Doc {
	s := &story.Story{Path: path, Text: text, Paragraphs: []story.Paragraph{{Start: 0, End: len(text)}}}
	return resolve.Doc{Path: path, Result: extract.Extract(s)}
}

func idOf(t *testing.T, d resolve.Doc, text string) string {
	t.Helper()
	for _, m := range d.Result.Mentions {
		if m.Text.String() == text {
			return m.ID.String()
		}
	}
	t.Fatalf("%s: no mention %q", d.Path, text)
	return ""
}

// End to end from text: extraction then archive-wide resolution.
func TestArchiveIdentity(t *testing.T) {
	docs := []resolve.Doc{
		storyOf("b.txt", "Apple Inc. reported profits. Apple said sales of Apple Computer machines grew."),
		storyOf("a.txt", "President Donald Trump spoke. Later Mr Trump left for Texas."),
		storyOf("c.txt", "Asked about the summit, Mr Trump said nothing. Kim Jong Un met Kim Yong Chol, and Mr Kim smiled."),
		storyOf("d.txt", "Ford Motor Company CEO Alan Mulally said Ford would grow."),
	}
	ix := resolve.Resolve(docs, nil)
	for _, c := range []struct {
		doc      int
		text, id string
	}{
		{0, "Apple Inc.", "apple"}, {0, "Apple", "apple"}, {0, "Apple Computer", "apple"},
		{1, "Donald Trump", "donald-trump"}, {1, "Mr Trump", "donald-trump"},
		{2, "Mr Trump", "donald-trump"}, // the only Trump the archive knows
		{2, "Mr Kim", ""},               // two Kims in its story: no link
		{3, "Ford Motor Company", "ford"}, {3, "Ford", "ford"}, {3, "Alan Mulally", "alan-mulally"},
	} {
		if got := idOf(t, docs[c.doc], c.text); got != c.id {
			t.Errorf("%s %q: id %q, want %q", docs[c.doc].Path, c.text, got, c.id)
		}
	}
	if len(ix.Rules) == 0 {
		t.Errorf("the unique-surname rule is not reported")
	}
}

// The result must not depend on the order of the documents.
func TestOrderIndependent(t *testing.T) {
	texts := []string{
		"Donald Trump arrived. Mr Trump spoke.",
		"Mr Trump left. Melania Trump stayed.",
		"Mr Trump tweeted. Airline Quillair grew.",
		"Quillair said fares would rise in Vela.",
	}
	run := func(order []int) string {
		var docs []resolve.Doc
		for _, i := range order {
			docs = append(docs, storyOf(fmt.Sprintf("%d.txt", i), texts[i]))
		}
		ix := resolve.Resolve(docs, nil)
		out := fmt.Sprint(ix.Entities, ix.Rules, ix.Unlinked)
		byPath := map[string]resolve.Doc{}
		for _, d := range docs {
			byPath[d.Path] = d
		}
		for i := range texts {
			d := byPath[fmt.Sprintf("%d.txt", i)]
			out += d.Path
			for _, m := range d.Result.Mentions {
				out += " " + m.Text.String() + "=" + m.Kind.String() + "/" + m.ID.String()
			}
		}
		return out
	}
	a, b := run([]int{0, 1, 2, 3}), run([]int{3, 1, 0, 2})
	if a != b {
		t.Fatalf("order changes the result:\n%s\n%s", a, b)
	}
}
