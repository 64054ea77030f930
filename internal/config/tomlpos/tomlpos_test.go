package tomlpos

import (
	"testing"

	"github.com/BurntSushi/toml"
)

const doc = `# comment = 1
title = "x # not a comment"
multi = """
line "a" = 2
"""
arr = [
  "b = 3",  # c = 4
  [1, 2],
]
"quoted key" = 1
dotted.sub . leaf = true
inline = { a = 1, b = "}" }

[extract]
captions = true

[[menu]]
name = 'Home'
url = "/"

[[menu]]
name = "About"
weight = 2
[ "odd table" . x ]
y = 1
lit = '''
z = 1
'''
after = 1
`

func TestLines(t *testing.T) {
	ix := New(doc)
	cases := []struct {
		key  []string
		line int
	}{
		{[]string{"title"}, 2},
		{[]string{"multi"}, 3},
		{[]string{"arr"}, 6},
		{[]string{"quoted key"}, 10},
		{[]string{"dotted"}, 11},
		{[]string{"dotted", "sub", "leaf"}, 11},
		{[]string{"inline"}, 12},
		{[]string{"inline", "a"}, 12}, // falls back to the parent
		{[]string{"extract"}, 14},
		{[]string{"extract", "captions"}, 15},
		{[]string{"menu"}, 17},
		{[]string{"menu", "name"}, 18},
		{[]string{"menu", "weight"}, 23},
		{[]string{"menu", Elem(0)}, 17},
		{[]string{"menu", Elem(0), "name"}, 18},
		{[]string{"menu", Elem(1)}, 21},
		{[]string{"menu", Elem(1), "name"}, 22},
		{[]string{"menu", Elem(1), "weight"}, 23},
		{[]string{"menu", Elem(0), "weight"}, 17},
		{[]string{"odd table", "x", "y"}, 25},
		{[]string{"odd table", "x", "lit"}, 26},
		{[]string{"odd table", "x", "after"}, 29},
		{[]string{"line \"a\""}, 0},
		{[]string{"c"}, 0},
		{[]string{"z"}, 0},
	}
	for _, c := range cases {
		if got := ix.Line(c.key); got != c.line {
			t.Errorf("Line(%q) = %d, want %d", c.key, got, c.line)
		}
	}
}

// Every key the toml package reports must be found by the scanner.
func TestAgreesWithDecoder(t *testing.T) {
	var v map[string]any
	md, err := toml.Decode(doc, &v)
	if err != nil {
		t.Fatal(err)
	}
	ix := New(doc)
	for _, k := range md.Keys() {
		if ix.Line(k) == 0 {
			t.Errorf("key %q not found", k)
		}
	}
}

func FuzzNew(f *testing.F) {
	f.Add(doc)
	f.Add("a = '''\n")
	f.Add("[[")
	f.Fuzz(func(t *testing.T, s string) {
		ix := New(s)
		_ = ix.Line([]string{"a"})
	})
}
