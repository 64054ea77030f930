package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestLiveEqualsFullBuild edits a live index at random (body edits, new,
// deleted and retitled stories, date changes, entity changes, rounds with
// no change) and checks after every round that it wrote exactly the bytes
// of a fresh Builder given the same stories.
func TestLiveEqualsFullBuild(t *testing.T) {
	opts := Options{MaxPostings: 20, ShardBytes: 2500, ChunkSize: 7}
	r := rand.New(rand.NewPCG(4, 2))
	pool := genStories(400, 21)
	cur := map[string]Story{} // by URL
	for _, s := range pool[:150] {
		cur[s.URL] = s
	}
	next := 150
	ents := append([]Entity(nil), fixtureEntities...)
	live := NewLive(opts)
	for step := range 120 {
		op := r.IntN(7)
		urls := sortedKeys(cur)
		pick := func() Story { return cur[urls[r.IntN(len(urls))]] }
		switch op {
		case 0: // body edit
			s := pick()
			if r.IntN(2) == 0 {
				s.Text += " " + word(r.IntN(6000)) + " " + pool[r.IntN(len(pool))].Text[:40]
			} else { // words go as well as come
				s.Text = pool[r.IntN(len(pool))].Text
			}
			cur[s.URL] = s
		case 1: // new story
			if next < len(pool) {
				cur[pool[next].URL] = pool[next]
				next++
			}
		case 2: // deleted story
			if len(cur) > 10 {
				delete(cur, pick().URL)
			}
		case 3: // retitled
			s := pick()
			s.Title = word(r.IntN(9000)) + " " + s.Title
			cur[s.URL] = s
		case 4: // date change
			s := pick()
			s.Date = fmt.Sprintf("%d-%02d-%02d", 2005+r.IntN(20), 1+r.IntN(12), 1+r.IntN(28))
			cur[s.URL] = s
		case 5: // entity change
			ents = append(ents[:0:0], ents...)
			ents[r.IntN(len(ents))].Count = r.IntN(50)
		case 6: // nothing changed
		}
		var stories []Story
		for _, u := range sortedKeys(cur) {
			stories = append(stories, cur[u])
		}
		// The live index sees stories in a different order every round.
		r.Shuffle(len(stories), func(i, j int) { stories[i], stories[j] = stories[j], stories[i] })
		live.Begin()
		if step%17 == 5 { // a round abandoned half-way, as by a failed build
			for _, s := range stories[:len(stories)/2] {
				if err := live.Put(Story{Title: s.Title, URL: s.URL, Date: s.Date + "x"}, Tokenize(s.Title, "")); err != nil {
					t.Fatal(err)
				}
			}
			live.Begin()
		}
		for _, s := range stories {
			if err := live.Put(Story{Title: s.Title, URL: s.URL, Date: s.Date}, Tokenize(s.Title, s.Text)); err != nil {
				t.Fatal(err)
			}
		}
		fs := newMemFS()
		if err := live.Write(fs, ents); err != nil {
			t.Fatal(err)
		}
		want := dump(buildFixture(t, opts, stories, ents))
		if got := dump(fs.files); !bytes.Equal(got, want) {
			t.Fatalf("step %d (op %d): live index differs from a full build", step, op)
		}
	}
}

func TestLiveRejectsDuplicateURL(t *testing.T) {
	live := NewLive(Options{})
	live.Begin()
	s := Story{Title: "a", URL: "x/", Date: "2018-01-01"}
	if err := live.Put(s, Tokenize("a", "words here")); err != nil {
		t.Fatal(err)
	}
	if err := live.Put(s, Tokenize("a", "other words")); err == nil {
		t.Error("a second story with the same URL in one round was accepted")
	}
}

func sortedKeys(m map[string]Story) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestLiveWordGoneAndBack removes a pruned word from every story by body
// edits alone (no story comes or goes, so ids keep their order) and then
// brings it back in one story with a low weight.
func TestLiveWordGoneAndBack(t *testing.T) {
	opts := Options{MaxPostings: 2}
	texts := [][]string{
		{"harbour harbour harbour pilots", "harbour harbour pilots", "harbour pilots"},
		{"pilots", "pilots", "pilots"},
		{"pilots", "pilots", "pilots harbour"},
	}
	live := NewLive(opts)
	for round, tx := range texts {
		var stories []Story
		live.Begin()
		for i, text := range tx {
			s := Story{Title: "Story", URL: fmt.Sprintf("2018/01/0%d/s/", i+1), Date: fmt.Sprintf("2018-01-0%d", i+1), Text: text}
			stories = append(stories, s)
			if err := live.Put(Story{Title: s.Title, URL: s.URL, Date: s.Date}, Tokenize(s.Title, s.Text)); err != nil {
				t.Fatal(err)
			}
		}
		fs := newMemFS()
		if err := live.Write(fs, nil); err != nil {
			t.Fatal(err)
		}
		if got, want := dump(fs.files), dump(buildFixture(t, opts, stories, nil)); !bytes.Equal(got, want) {
			t.Fatalf("round %d: live index differs from a full build", round)
		}
	}
}

// TestSetURL indexes stories under provisional URLs, as a build does before
// it has told duplicate slugs apart, and checks the index equals one built
// with the final URLs from the start.
func TestSetURL(t *testing.T) {
	opts := Options{MaxPostings: 15, ShardBytes: 3000}
	stories := genStories(200, 31)
	for i := range stories {
		stories[i].Key = fmt.Sprintf("file-%03d.txt", i)
	}
	want := dump(buildFixture(t, opts, stories, fixtureEntities))
	b := NewBuilder(opts)
	for i, s := range stories {
		final := s.URL
		if i%3 == 0 {
			s.URL = "provisional/"
		}
		id, err := b.AddStory(s)
		if err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			b.SetURL(id, final)
		}
	}
	if got := written(t, b, fixtureEntities); !bytes.Equal(got, want) {
		t.Error("an index whose URLs were set later differs from one built with them")
	}
}
