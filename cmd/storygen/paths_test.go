package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNothingWrittenOutsidePublish builds, with the real command, a site
// whose front matter asks for slugs that climb out of the publish folder
// and whose content folder links to files and folders outside it. Nothing
// may change outside public/, nothing outside content/ may be read, and
// every published path is made of safe segments.
func TestNothingWrittenOutsidePublish(t *testing.T) {
	top := t.TempDir()
	root := filepath.Join(top, "site")
	outside := filepath.Join(top, "outside")
	files := map[string]string{
		"site/site.toml":            "title = \"Paths\"\nbaseURL = \"https://example.org/\"\n",
		"site/content/a.txt":        "+++\nslug = \"../../etc\"\n+++\n date 2018-05-31 A story that asks for a slug outside. Marker slugone.\n",
		"site/content/b.txt":        "+++\nslug = \"/etc/cron.d/x\"\n+++\n date 2018-05-31 A story with an absolute slug. Marker slugtwo.\n",
		"site/content/c.txt":        "+++\nslug = '..\\..\\windows'\n+++\n date 2018-05-31 A story with a backslash slug. Marker slugthree.\n",
		"site/content/d.txt":        "+++\nslug = \"..\"\n+++\nNo date and a dot-dot slug. Marker slugfour.\n",
		"site/content/e.txt":        "+++\nslug = \"%2e%2e%2f%2e%2e%2fetc\"\n+++\n date 2018-05-31 Encoded dots. Marker slugfive.\n",
		"site/content/f.txt":        " date 2018-05-31 A plain story. Marker plain.\n",
		"site/content/page.md":      "+++\ntitle = \"Page\"\nslug = \"../../../outside-page\"\n+++\n\nA page.\n",
		"site/content/sub/page2.md": "+++\ntitle = \"Page two\"\nslug = \"../../x\"\n+++\n\nAnother page.\n",
		"outside/secret.txt":        " date 2018-05-31 The secret outside story. Marker outsidesecret.\n",
		"outside/dir/inner.txt":     " date 2018-05-31 Inner outside story. Marker outsideinner.\n",
	}
	for rel, body := range files {
		p := filepath.Join(top, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range map[string]string{
		"link-file.txt": filepath.Join(outside, "secret.txt"),
		"link-dir":      filepath.Join(outside, "dir"),
		"link-rel.txt":  "../../outside/secret.txt",
		"link-up":       "..",
	} {
		if err := os.Symlink(target, filepath.Join(root, "content", name)); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, top)
	out := runStorygen(t, nil, "build", "--source", root)
	after := snapshot(t, top)

	for p, v := range after {
		if p == "site/public" || strings.HasPrefix(p, "site/public/") {
			continue
		}
		if before[p] != v {
			t.Errorf("changed outside public/: %s", p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("removed: %s", p)
		}
	}
	safe := regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	public := filepath.Join(root, "public")
	var pages []string
	for p, v := range snapshot(t, public) {
		if p == "." {
			continue
		}
		if strings.HasPrefix(v, "l ") {
			t.Errorf("public/%s is a symbolic link", p)
		}
		for _, seg := range strings.Split(p, "/") {
			if !safe.MatchString(seg) || seg == "." || seg == ".." {
				t.Errorf("unsafe published path %q", p)
			}
		}
		if strings.HasSuffix(p, "/index.html") {
			pages = append(pages, p)
		}
		if v[0] == 'f' {
			data, err := os.ReadFile(filepath.Join(public, p))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(data), "outsidesecret") || strings.Contains(string(data), "outsideinner") {
				t.Errorf("public/%s holds a story from outside content/", p)
			}
		}
	}
	for _, marker := range []string{"slugone", "slugtwo", "slugthree", "slugfour", "slugfive", "plain"} {
		found := false
		for _, p := range pages {
			data, _ := os.ReadFile(filepath.Join(public, p))
			found = found || strings.Contains(string(data), "Marker "+marker)
		}
		if !found {
			t.Errorf("story with marker %s has no page", marker)
		}
	}
	for _, want := range []string{"link-file.txt", "link-dir", "link-rel.txt", "link-up"} {
		if !strings.Contains(out, "warning: "+want+": ") {
			t.Errorf("no warning for the link %s in:\n%s", want, out)
		}
	}
}
