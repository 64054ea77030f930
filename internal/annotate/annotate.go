// Package annotate reads content/entities.toml: the editor's corrections,
// which always win over the machine. It knows the file format only; package
// resolve applies the corrections.
//
//	[[person]]                       # also [[place]], [[organisation]]
//	name = "Donald Trump"
//	id = "donald-trump"              # optional: pins the URL
//	aliases = ["Mr Trump", "POTUS"]
//	description = "45th President of the United States"
//	links = ["https://en.wikipedia.org/wiki/Donald_Trump"]
//
//	[[ignore]]                       # a false entity
//	text = "Trump North Korea"
//	kind = "person"                  # optional
//
//	[[merge]]                        # two ids that are one entity
//	kind = "person"
//	from = "tom-reyes"
//	into = "tomas-reyes"
package annotate

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/storygen/storygen/internal/config/tomlpos"
	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/story"
)

// Entry is one person, place or organisation the editor describes.
type Entry struct {
	Kind        extract.Kind
	Name        string
	ID          string // from the file, else derived from Name
	Aliases     []string
	Description string
	Links       []string
	Line        int
}

// Ignore removes mentions whose text is Text (of Kind, or of any kind when 0).
type Ignore struct {
	Text string
	Kind extract.Kind
	Line int
}

// Merge joins the entity From into Into.
type Merge struct {
	Kind     extract.Kind
	From, To string
	Line     int
}

// Set is the parsed annotations file.
type Set struct {
	Path    string
	Entries []Entry
	Ignores []Ignore
	Merges  []Merge
}

type fileEntry struct {
	Name        string   `toml:"name"`
	ID          string   `toml:"id"`
	Aliases     []string `toml:"aliases"`
	Description string   `toml:"description"`
	Links       []string `toml:"links"`
}

type file struct {
	Person       []fileEntry `toml:"person"`
	Place        []fileEntry `toml:"place"`
	Organisation []fileEntry `toml:"organisation"`
	Organization []fileEntry `toml:"organization"`
	Ignore       []struct {
		Text string `toml:"text"`
		Kind string `toml:"kind"`
	} `toml:"ignore"`
	Merge []struct {
		Kind string `toml:"kind"`
		From string `toml:"from"`
		Into string `toml:"into"`
	} `toml:"merge"`
}

// Load reads and parses an annotations file.
func Load(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading annotations: %w", err)
	}
	return Parse(path, data)
}

// ParseKind reads "person", "place" or "organisation" (or "organization").
func ParseKind(s string) (extract.Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "person", "people":
		return extract.Person, true
	case "place", "places":
		return extract.Place, true
	case "organisation", "organization", "organisations", "organizations", "org":
		return extract.Organisation, true
	}
	return 0, false
}

// Parse parses an annotations file; errors name the line ("entities.toml:12: …").
func Parse(path string, data []byte) (*Set, error) {
	var f file
	doc := string(data)
	md, err := toml.Decode(doc, &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		if m := typeErr.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("%s:%s: %s: %s", path, m[1], m[2], m[3])
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	pos := tomlpos.New(doc)
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return nil, fmt.Errorf("%s:%d: unknown key %q", path, pos.Line(keyPath(k)), k.String())
	}
	s := &Set{Path: path}
	lineOf := func(table string, i int, key string) int {
		return pos.Line([]string{table, tomlpos.Elem(i), key})
	}
	add := func(table string, kind extract.Kind, es []fileEntry) error {
		for i, e := range es {
			line := lineOf(table, i, "name")
			if strings.TrimSpace(e.Name) == "" {
				return fmt.Errorf("%s:%d: [[%s]] needs a name", path, pos.Line([]string{table, tomlpos.Elem(i)}), table)
			}
			id := e.ID
			if id == "" {
				id = story.Slugify(e.Name)
			} else if story.Slugify(id) != id {
				return fmt.Errorf("%s:%d: id %q: ids are lower-case letters, digits and '-'", path, lineOf(table, i, "id"), id)
			}
			if id == "" {
				return fmt.Errorf("%s:%d: name %q gives an empty id; set id", path, line, e.Name)
			}
			for _, l := range e.Links {
				if !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
					return fmt.Errorf("%s:%d: link %q: only http(s) links", path, lineOf(table, i, "links"), l)
				}
			}
			s.Entries = append(s.Entries, Entry{Kind: kind, Name: strings.TrimSpace(e.Name), ID: id,
				Aliases: e.Aliases, Description: e.Description, Links: e.Links, Line: line})
		}
		return nil
	}
	if err := add("person", extract.Person, f.Person); err != nil {
		return nil, err
	}
	if err := add("place", extract.Place, f.Place); err != nil {
		return nil, err
	}
	if err := add("organisation", extract.Organisation, f.Organisation); err != nil {
		return nil, err
	}
	if err := add("organization", extract.Organisation, f.Organization); err != nil {
		return nil, err
	}
	for i, ig := range f.Ignore {
		line := lineOf("ignore", i, "text")
		if strings.TrimSpace(ig.Text) == "" {
			return nil, fmt.Errorf("%s:%d: [[ignore]] needs text", path, pos.Line([]string{"ignore", tomlpos.Elem(i)}))
		}
		var k extract.Kind
		if ig.Kind != "" {
			var ok bool
			if k, ok = ParseKind(ig.Kind); !ok {
				return nil, fmt.Errorf("%s:%d: unknown kind %q (person, place or organisation)", path, lineOf("ignore", i, "kind"), ig.Kind)
			}
		}
		s.Ignores = append(s.Ignores, Ignore{Text: strings.TrimSpace(ig.Text), Kind: k, Line: line})
	}
	for i, m := range f.Merge {
		line := lineOf("merge", i, "from")
		k, ok := ParseKind(m.Kind)
		if !ok {
			return nil, fmt.Errorf("%s:%d: [[merge]] needs kind = \"person\", \"place\" or \"organisation\"", path, pos.Line([]string{"merge", tomlpos.Elem(i)}))
		}
		if m.From == "" || m.Into == "" {
			return nil, fmt.Errorf("%s:%d: [[merge]] needs from and into", path, line)
		}
		from, into := story.Slugify(m.From), story.Slugify(m.Into)
		if from == into {
			return nil, fmt.Errorf("%s:%d: [[merge]] from and into are the same id %q", path, line, from)
		}
		s.Merges = append(s.Merges, Merge{Kind: k, From: from, To: into, Line: line})
	}
	// The same id twice in one kind is a mistake the editor should hear about.
	seen := map[string]int{}
	for _, e := range s.Entries {
		key := e.Kind.String() + "/" + e.ID
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("%s:%d: %s %q is already described at line %d", path, e.Line, e.Kind, e.ID, prev)
		}
		seen[key] = e.Line
	}
	return s, nil
}

// typeErr reads the line out of the toml package's type errors, which are
// not ParseErrors: `toml: line 2 (last key "person.name"): incompatible types…`.
var typeErr = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

func keyPath(k toml.Key) []string {
	out := make([]string, len(k))
	copy(out, k)
	return out
}
