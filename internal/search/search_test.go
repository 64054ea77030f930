package search

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Mike Pompeo", []string{"mike", "pompeo"}},
		{"North Korea’s leaders", []string{"north", "korea", "s", "leaders"}},
		{"Zoë Łódź São Paulo ÆRØ straße", []string{"zoe", "lodz", "sao", "paulo", "aero", "strasse"}},
		{"re\u0301sume\u0301 café", []string{"resume", "cafe"}}, // decomposed accents
		{"<script>alert(1)</script>", []string{"script", "alert", "1", "script"}},
		{"G20 summit 2018-05-31", []string{"g20", "summit", "2018", "05", "31"}},
		{"İstanbul Ἀθῆναι", []string{"istanbul", "αθηναι"}},
		{"bad \xff byte", []string{"bad", "byte"}},
		{"", nil},
	} {
		if got := Normalize(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIndexable(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"a", false}, {"ab", true}, {"2018", true}, {"123456789", false}, {"g20", true},
		{strings.Repeat("x", maxTermBytes+1), false}, {"łó", true},
	} {
		if got := indexable([]byte(tc.in), len([]rune(tc.in))); got != tc.want {
			t.Errorf("indexable(%q) = %v", tc.in, got)
		}
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{"ab": "ab", "20": "20", "αθ": "_3b1-_3b8-", "aé": "a_e9-"} {
		if got := fileName(in); got != want {
			t.Errorf("fileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var p []uint32
	id := uint32(0)
	for range 2000 {
		id += uint32(r.ExpFloat64()*float64(r.IntN(5000))) + 1
		p = append(p, id<<weightBits|uint32(r.IntN(32)))
	}
	p = append([]uint32{0<<weightBits | 1}, p...)
	enc := encodePostings(nil, p)
	if strings.ContainsAny(string(enc), `"\<>&`) {
		t.Fatal("encoded postings need escaping")
	}
	if got := decodePostings(string(enc)); !slices.Equal(got, p) {
		t.Fatalf("round trip lost postings: %d in, %d out", len(p), len(got))
	}
}

var fixtureStories = []Story{
	{Title: "Pompeo to meet North Korean envoy", URL: "2018/05/31/pompeo-to-meet-envoy/", Date: "2018-05-31",
		Text: "Secretary of State Mike Pompeo said talks in New York were substantive. Mr Pompeo met Kim Yong Chol."},
	{Title: "Summit in Singapore confirmed", URL: "2018/06/01/summit-in-singapore/", Date: "2018-06-01",
		Text: "The summit between Donald Trump and Kim Jong Un will take place in Singapore on June 12."},
	{Title: "Undated note on pompous speeches", URL: "undated/note/", Date: "",
		Text: "A story without a date mentions pompous language and Zoë from Łódź."},
	{Title: `Hostile </script><script>alert("x")</script> ]]> & title`, URL: "2018/06/02/hostile/", Date: "2018-06-02",
		Text: "<!-- comment --> ]]> <img src=x onerror=alert(1)> \u2028 line\u2029 separators and \xff bad bytes"},
}

var fixtureEntities = []Entity{
	{Name: "Mike Pompeo", Kind: "person", URL: "people/mike-pompeo/", Count: 1},
	{Name: "Singapore", Kind: "place", URL: "places/singapore/", Count: 1},
	{Name: "Kim Jong Un", Kind: "person", URL: "people/kim-jong-un/", Count: 2},
	{Name: "Kim Yong Chol", Kind: "person", URL: "people/kim-yong-chol/", Count: 1},
	{Name: `<b>Evil</b> "Corp" ]]>`, Kind: "organisation", URL: "organisations/evil-corp/", Count: 1},
}

func buildFixture(t *testing.T, opts Options, stories []Story, entities []Entity) map[string][]byte {
	t.Helper()
	fs := newMemFS()
	if err := Write(fs, stories, entities, opts); err != nil {
		t.Fatal(err)
	}
	return fs.files
}

// written adds ents to b, writes it and returns the dump of its files.
func written(t *testing.T, b *Builder, ents []Entity) []byte {
	t.Helper()
	for _, e := range ents {
		b.AddEntity(e)
	}
	fs := newMemFS()
	if err := b.Write(fs); err != nil {
		t.Fatal(err)
	}
	return dump(fs.files)
}

func dump(files map[string][]byte) []byte {
	var b bytes.Buffer
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "== %s\n%s", name, files[name])
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	got := dump(buildFixture(t, Options{}, fixtureStories, fixtureEntities))
	path := filepath.Join("testdata", "fixture.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("index differs from %s (run with -update after checking the change):\n%s", path, got)
	}
}

func TestDeterministic(t *testing.T) {
	stories := genStories(600, 7)
	var ents []Entity
	for i := range 50 {
		ents = append(ents, Entity{Name: fmt.Sprintf("Person %s", word(i)), Kind: "person", URL: fmt.Sprintf("people/p%d/", i), Count: i % 7})
	}
	opts := Options{MaxPostings: 40, ShardBytes: 2000, ChunkSize: 16}
	want := dump(buildFixture(t, opts, stories, ents))

	// Reversed, shuffled and concurrent adds give the same bytes.
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 3 {
		s := slices.Clone(stories)
		e := slices.Clone(ents)
		r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		r.Shuffle(len(e), func(i, j int) { e[i], e[j] = e[j], e[i] })
		b := NewBuilder(opts)
		parallelAdd(t, b, s)
		if got := written(t, b, e); !bytes.Equal(got, want) {
			t.Fatalf("round %d: output depends on the order of Add calls", round)
		}
	}
}

func TestAddTermsEqualsAdd(t *testing.T) {
	stories := append(genStories(300, 9), fixtureStories...)
	opts := Options{MaxPostings: 30, ShardBytes: 3000}
	want := dump(buildFixture(t, opts, stories, fixtureEntities))
	b := NewBuilder(opts)
	for _, s := range stories {
		if err := b.AddTerms(Story{Title: s.Title, URL: s.URL, Date: s.Date}, Tokenize(s.Title, s.Text)); err != nil {
			t.Fatal(err)
		}
	}
	if got := written(t, b, fixtureEntities); !bytes.Equal(got, want) {
		t.Error("Tokenize + AddTerms wrote a different index than Add")
	}
}

func TestHostileTextStaysData(t *testing.T) {
	files := buildFixture(t, Options{}, fixtureStories, fixtureEntities)
	for name, data := range files {
		if !json.Valid(data) {
			t.Errorf("%s is not valid JSON", name)
		}
		if bytes.ContainsAny(data, "<>&") || bytes.Contains(data, []byte("\u2028")) {
			t.Errorf("%s holds a raw <, >, & or U+2028:\n%s", name, data)
		}
	}
	var chunk [][]string
	if err := json.Unmarshal(files[Dir+"s/0.json"], &chunk); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, s := range chunk {
		titles = append(titles, s[0])
	}
	if !slices.Contains(titles, fixtureStories[3].Title) {
		t.Errorf("hostile title not kept as text: %q", titles)
	}
	c, err := newClient(files)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.query("evil"); len(r.entities) != 1 || r.entities[0] != "organisations/evil-corp/" {
		t.Errorf("evil: %v", r.entities)
	}
	if r := c.query("onerror"); len(r.stories) != 1 {
		t.Errorf("onerror: %v", r.stories)
	}
}

func TestQuery(t *testing.T) {
	files := buildFixture(t, Options{}, fixtureStories, fixtureEntities)
	// Final ids are newest first: hostile 0, summit 1, pompeo 2, undated 3.
	for _, tc := range []struct {
		q        string
		entities []string
		stories  []uint32
	}{
		{"p", []string{"people/mike-pompeo/"}, nil},
		{"po", []string{"people/mike-pompeo/"}, []uint32{2, 3}},
		{"pomp", []string{"people/mike-pompeo/"}, []uint32{2, 3}},
		{"pompeo", []string{"people/mike-pompeo/"}, []uint32{2}},
		{"Mike Pom", []string{"people/mike-pompeo/"}, []uint32{2}},
		{"kim", []string{"people/kim-jong-un/", "people/kim-yong-chol/"}, []uint32{1, 2}},
		{"kim yong", []string{"people/kim-yong-chol/"}, []uint32{2}},
		{"KIM JONG un", []string{"people/kim-jong-un/"}, []uint32{1}},
		{"singapore", []string{"places/singapore/"}, []uint32{1}},
		{"zoe lodz", nil, []uint32{3}},
		{"the summit", nil, []uint32{1}},
		{"nothing", nil, nil},
		{"zz", nil, nil},
	} {
		c, err := newClient(files)
		if err != nil {
			t.Fatal(err)
		}
		got := c.query(tc.q)
		if !slices.Equal(got.entities, tc.entities) || !slices.Equal(got.stories, tc.stories) {
			t.Errorf("%q: entities %v stories %v, want %v %v", tc.q, got.entities, got.stories, tc.entities, tc.stories)
		}
	}
}

func TestPruneKeepsHeaviest(t *testing.T) {
	var stories []Story
	for i := range 30 {
		s := Story{URL: fmt.Sprintf("s%02d/", i), Date: fmt.Sprintf("2018-01-%02d", i+1), Text: "common"}
		if i%10 == 3 {
			s.Title = "Common"
		}
		if i == 20 {
			s.Text = "common common common"
		}
		stories = append(stories, s)
	}
	files := buildFixture(t, Options{MaxPostings: 5}, stories, nil)
	var sh shardJSON
	if err := json.Unmarshal(files[Dir+"t/co.json"], &sh); err != nil {
		t.Fatal(err)
	}
	var got []uint32
	for _, p := range decodePostings(sh.T["common"]) {
		got = append(got, p>>weightBits)
	}
	// Final ids run newest first: story i has id 29-i. Title stories 23, 13,
	// 3, then tf 3 (story 20), then the newest: 29.
	want := []uint32{0, 6, 9, 16, 26}
	if !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
}

func TestShardsSplitAndStaySmall(t *testing.T) {
	stories := genStories(3000, 11)
	opts := Options{ShardBytes: 4096, MaxPostings: 200}
	files := buildFixture(t, opts, stories, nil)
	c, err := newClient(files)
	if err != nil {
		t.Fatal(err)
	}
	split := 0
	for key, s := range c.man.Shards {
		if _, ok := files[Dir+"t/"+fileName(key)+".json"]; !ok {
			t.Errorf("manifest lists %q but %s is missing", key, fileName(key))
		}
		split += s
	}
	if split == 0 {
		t.Fatal("no shard was split at 4 kB")
	}
	for name, data := range files {
		if strings.HasPrefix(name, Dir+"t/") && len(data) > 3*opts.ShardBytes {
			t.Errorf("%s is %d bytes, limit %d", name, len(data), opts.ShardBytes)
		}
	}
	// Every indexed word is still found, exactly and by its prefixes.
	for _, w := range []string{word(0), word(1), word(5), word(77), word(400)} {
		for n := 2; n <= len(w); n++ {
			c2, _ := newClient(files)
			if r := c2.query(w[:n]); len(r.stories) == 0 {
				t.Errorf("%q (prefix of %q) found nothing", w[:n], w)
			}
		}
	}
}

// genStories makes n stories of Zipf-distributed made-up words.
func genStories(n int, seed uint64) []Story {
	r := rand.New(rand.NewPCG(seed, seed))
	z := rand.NewZipf(r, 1.1, 1, 5000)
	var out []Story
	for i := range n {
		var text strings.Builder
		for range 50 + r.IntN(200) {
			text.WriteString(word(int(z.Uint64())))
			text.WriteByte(' ')
		}
		out = append(out, Story{
			Title: word(int(z.Uint64())) + " " + word(int(z.Uint64())),
			URL:   fmt.Sprintf("%d/%02d/s%d/", 2010+i%10, 1+i%12, i),
			Date:  fmt.Sprintf("%d-%02d-%02d", 2010+i%10, 1+i%12, 1+i%28),
			Text:  text.String(),
		})
	}
	return out
}

// word is a made-up pronounceable word for a number.
func word(i int) string {
	const cons, vow = "bcdfgklmnprstvz", "aeiou"
	var b []byte
	for {
		b = append(b, cons[i%len(cons)], vow[(i/len(cons))%len(vow)])
		i /= len(cons) * len(vow)
		if i == 0 {
			break
		}
	}
	return string(b) + "x"
}

func TestEntityListBounded(t *testing.T) {
	var ents []Entity
	for i := range 500 {
		ents = append(ents, Entity{Name: fmt.Sprintf("Mar %s", word(i)), Kind: "person", URL: fmt.Sprintf("people/m%d/", i), Count: 1000 - i})
	}
	files := buildFixture(t, Options{EntityBytes: 2000}, nil, ents)
	var sh shardJSON
	if err := json.Unmarshal(files[Dir+"t/ma.json"], &sh); err != nil {
		t.Fatal(err)
	}
	if n := len(files[Dir+"t/ma.json"]); n > 2200 || len(sh.E) < 10 {
		t.Fatalf("ma.json: %d bytes, %d entities", n, len(sh.E))
	}
	var first, last int
	json.Unmarshal(sh.E[0][3], &first)
	json.Unmarshal(sh.E[len(sh.E)-1][3], &last)
	if first != 1000 || last != 1000-len(sh.E)+1 {
		t.Errorf("kept counts %d…%d, want the most mentioned", first, last)
	}
}

func TestSelectBest(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	b := NewBuilder(Options{})
	for range 200 {
		n := 1 + r.IntN(60)
		keys := make([]pruneKey, n+r.IntN(100))
		for i := range keys {
			keys[i] = pruneKey{key: uint64(r.IntN(20)), p: uint32(i)}
			if keys[i].key == 0 {
				keys[i].key = uint64(100 + i) // distinct, so the expected set is unique
			}
		}
		for i := range keys {
			keys[i].key = keys[i].key<<32 | uint64(i)
		}
		want := slices.Clone(keys)
		slices.SortFunc(want, func(x, y pruneKey) int { return cmpU64(x.key, y.key) })
		b.selectBest(keys, n)
		got := slices.Clone(keys[:n])
		slices.SortFunc(got, func(x, y pruneKey) int { return cmpU64(x.key, y.key) })
		if !slices.Equal(got, want[:n]) {
			t.Fatalf("selectBest(%d of %d) kept %v, want %v", n, len(keys), got, want[:n])
		}
	}
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
