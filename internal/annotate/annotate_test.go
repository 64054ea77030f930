package annotate

import (
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/extract"
)

func TestParse(t *testing.T) {
	src := `# corrections
[[person]]
name = "Donald Trump"
aliases = ["Mr Trump", "@POTUS"]
description = "45th President"
links = ["https://en.wikipedia.org/wiki/Donald_Trump"]

[[organisation]]
name = "State Department"
id = "us-state-department"

[[ignore]]
text = "Trump North Korea"

[[merge]]
kind = "person"
from = "tom-reyes"
into = "tomas-reyes"
`
	s, err := Parse("entities.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Entries) != 2 || s.Entries[0].ID != "donald-trump" || s.Entries[0].Line != 3 || s.Entries[1].ID != "us-state-department" ||
		s.Entries[1].Kind != extract.Organisation {
		t.Errorf("entries = %+v", s.Entries)
	}
	if len(s.Ignores) != 1 || s.Ignores[0].Text != "Trump North Korea" || s.Ignores[0].Line != 13 {
		t.Errorf("ignores = %+v", s.Ignores)
	}
	if len(s.Merges) != 1 || s.Merges[0].From != "tom-reyes" || s.Merges[0].To != "tomas-reyes" {
		t.Errorf("merges = %+v", s.Merges)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"syntax", "[[person]]\nname = \"A\nB\"\n", "entities.toml:2:"},
		{"unknown key", "[[person]]\nname = \"Ann Lee\"\nalias = [\"Ann\"]\n", "entities.toml:3: unknown key"},
		{"wrong type", "[[person]]\nname = 5\n", "entities.toml:2"},
		{"no name", "[[person]]\ndescription = \"x\"\n", "entities.toml:1: [[person]] needs a name"},
		{"bad kind", "[[ignore]]\ntext = \"x\"\nkind = \"animal\"\n", "entities.toml:3: unknown kind"},
		{"merge without kind", "\n[[merge]]\nfrom = \"a\"\ninto = \"b\"\n", "entities.toml:2: [[merge]] needs kind"},
		{"bad id", "[[place]]\nname = \"X\"\nid = \"Not An Id\"\n", "entities.toml:3: id"},
		{"duplicate", "[[person]]\nname = \"Ann Lee\"\n[[person]]\nname = \"Ann  Lee\"\n", "entities.toml:4: person \"ann-lee\" is already described at line 2"},
		{"bad link", "[[person]]\nname = \"Ann Lee\"\nlinks = [\"javascript:alert(1)\"]\n", "entities.toml:3: link"},
	}
	for _, c := range cases {
		_, err := Parse("entities.toml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}
