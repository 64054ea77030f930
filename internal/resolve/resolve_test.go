package resolve

import (
	"testing"

	"github.com/storygen/storygen/internal/annotate"
	"github.com/storygen/storygen/internal/extract"
)

func person(text, name string, short bool) extract.Mention {
	return extract.Mention{Text: extract.Intern(text), Name: extract.Intern(name), Kind: extract.Person, Short: short}
}

func ids(r *extract.Result) []string {
	var out []string
	for _, m := range r.Mentions {
		out = append(out, m.Text.String()+"="+m.ID.String())
	}
	return out
}

func TestResolve(t *testing.T) {
	a := &extract.Result{Mentions: []extract.Mention{
		person("Mike Pompeo", "Mike Pompeo", false),
		person("Mr Pompeo", "Mike Pompeo", true),
		person("Kim Jong Un", "Kim Jong Un", false),
		person("Kim Yong Chol", "Kim Yong Chol", false),
		person("Mr Kim", "", true),
		{Text: extract.Intern("Trump North Korea"), Name: extract.Intern("Trump North Korea"), Kind: extract.Person},
		{Text: extract.Intern("Washington"), Kind: extract.Place},
	}, Quotes: []extract.Quote{{Text: "x", Speaker: 1}, {Text: "y", Speaker: 6}}}
	b := &extract.Result{Mentions: []extract.Mention{
		person("Donald Trump", "Donald Trump", false),
	}}
	c := &extract.Result{Mentions: []extract.Mention{
		person("Trump", "", true),
		person("Pompeo", "", true),
		person("Tom Reyes", "Tom Reyes", false),
		person("POTUS", "", true),
	}}
	ann, err := annotate.Parse("entities.toml", []byte(`
[[ignore]]
text = "Trump North Korea"

[[person]]
name = "Donald Trump"
aliases = ["POTUS"]
description = "45th President"

[[merge]]
kind = "person"
from = "tom-reyes"
into = "tomas-reyes"
`))
	if err != nil {
		t.Fatal(err)
	}
	// Order of docs must not matter.
	ix := Resolve([]Doc{{Path: "c.txt", Result: c}, {Path: "a.txt", Result: a}, {Path: "b.txt", Result: b}}, ann)

	want := map[string]string{
		"Mike Pompeo": "mike-pompeo", "Mr Pompeo": "mike-pompeo", "Kim Jong Un": "kim-jong-un",
		"Kim Yong Chol": "kim-yong-chol", "Mr Kim": "", "Washington": "washington",
		"Donald Trump": "donald-trump", "Trump": "donald-trump", "Pompeo": "mike-pompeo",
		"Tom Reyes": "tomas-reyes", "POTUS": "donald-trump",
	}
	for _, r := range []*extract.Result{a, b, c} {
		for _, m := range r.Mentions {
			w, ok := want[m.Text.String()]
			if !ok {
				t.Errorf("unexpected mention %q (ignored ones must go)", m.Text.String())
				continue
			}
			if m.ID.String() != w {
				t.Errorf("%q: id %q, want %q", m.Text.String(), m.ID.String(), w)
			}
		}
	}
	// Quote speakers follow their mentions after the ignored one is removed.
	if a.Mentions[a.Quotes[0].Speaker].Text.String() != "Mr Pompeo" || a.Mentions[a.Quotes[1].Speaker].Text.String() != "Washington" {
		t.Errorf("quote speakers not remapped: %v %v", a.Quotes, ids(a))
	}
	var rules, unlinked int
	for _, r := range ix.Rules {
		if r.Short == "Trump" && r.ID == "donald-trump" || r.Short == "Pompeo" && r.ID == "mike-pompeo" {
			rules++
		}
	}
	for _, u := range ix.Unlinked {
		if u.Text == "Mr Kim" && len(u.Candidates) == 2 {
			unlinked++
		}
	}
	if rules != 2 || unlinked != 1 {
		t.Errorf("rules %+v, unlinked %+v", ix.Rules, ix.Unlinked)
	}
	if len(ix.Redirects) != 1 || ix.Redirects[0].From != "tom-reyes" {
		t.Errorf("redirects %+v", ix.Redirects)
	}
	var trump *Entity
	for i := range ix.Entities {
		if ix.Entities[i].ID == "donald-trump" {
			trump = &ix.Entities[i]
		}
		if ix.Entities[i].ID == "tom-reyes" {
			t.Errorf("merged id still listed")
		}
	}
	if trump == nil || trump.Description != "45th President" || trump.Mentions != 3 || trump.Stories != 2 {
		t.Errorf("trump = %+v", trump)
	}
}

func TestStripTitles(t *testing.T) {
	for in, want := range map[string]string{"Mr Pompeo": "Pompeo", "Secretary of State": "of State",
		"Prime Minister Theresa May": "Theresa May", "Pompeo": "Pompeo"} {
		if got := stripTitles(in); got != want {
			t.Errorf("stripTitles(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookAlikes(t *testing.T) {
	la := lookAlikes([]Entity{{Kind: extract.Person, ID: "tom-reyes"}, {Kind: extract.Person, ID: "tomas-reyes"},
		{Kind: extract.Organisation, ID: "apple"}, {Kind: extract.Organisation, ID: "apple-inc"}, {Kind: extract.Organisation, ID: "applebee"}})
	if len(la) != 2 {
		t.Errorf("lookAlikes = %+v", la)
	}
}

func org(text, name string, short bool) extract.Mention {
	return extract.Mention{Text: extract.Intern(text), Bare: extract.Intern(text), Name: extract.Intern(name), Kind: extract.Organisation, Short: short}
}

// An acronym spelt out in one story links its lone uses elsewhere; one
// spelt out two ways stays as written.
func TestAcronymAcrossStories(t *testing.T) {
	a := &extract.Result{Mentions: []extract.Mention{
		org("Northwind Freight Authority", "Northwind Freight Authority", false),
		org("NFA", "Northwind Freight Authority", true),
		org("Quill Harbour Board", "Quill Harbour Board", false),
		org("QHB", "Quill Harbour Board", true),
	}}
	b := &extract.Result{Mentions: []extract.Mention{org("NFA", "NFA", false), org("QHB", "QHB", false)}}
	c := &extract.Result{Mentions: []extract.Mention{
		org("Quorum Health Bureau", "Quorum Health Bureau", false),
		org("QHB", "Quorum Health Bureau", true),
	}}
	ix := Resolve([]Doc{{Path: "a.txt", Result: a}, {Path: "b.txt", Result: b}, {Path: "c.txt", Result: c}}, nil)
	if got := b.Mentions[0].ID.String(); got != "northwind-freight-authority" {
		t.Errorf("NFA alone: id %q, want northwind-freight-authority", got)
	}
	if got := b.Mentions[1].ID.String(); got != "qhb" {
		t.Errorf("QHB with two spellings: id %q, want qhb", got)
	}
	found := false
	for _, r := range ix.Rules {
		if r.Short == "NFA" && r.ID == "northwind-freight-authority" && r.Count == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("rule NFA → northwind-freight-authority not reported: %+v", ix.Rules)
	}
}

// "Mr Quennell" in a story of its own is not linked to the archive's only
// Quennell when she is a woman.
func TestShortFormGender(t *testing.T) {
	a := &extract.Result{Mentions: []extract.Mention{person("Elena Quennell", "Elena Quennell", false)}}
	b := &extract.Result{Mentions: []extract.Mention{
		{Text: extract.Intern("Mr Quennell"), Bare: extract.Intern("Quennell"), Kind: extract.Person, Short: true},
		{Text: extract.Intern("Ms Quennell"), Bare: extract.Intern("Quennell"), Kind: extract.Person, Short: true},
	}}
	Resolve([]Doc{{Path: "a.txt", Result: a}, {Path: "b.txt", Result: b}}, nil)
	if got := b.Mentions[0].ID.String(); got != "" {
		t.Errorf("Mr Quennell linked to %q", got)
	}
	if got := b.Mentions[1].ID.String(); got != "elena-quennell" {
		t.Errorf("Ms Quennell: id %q, want elena-quennell", got)
	}
}
