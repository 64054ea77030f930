package site

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/config"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixture writes a small archive: stories that share people and mention each
// other's dates, a caption, a hashtag, a hand-written page, annotations and an
// asset.
func fixture(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"content/001_a.txt":       " date 2018-05-31 Harbour Commissioner Elena Marsh said on Wednesday that the Port Calder council will vote on June 14. Ms Marsh met Mayor Tomas Reyes in Singapore.\n \n“We are ready,” Ms Marsh said. #PortVote\n \nHarbour vote Credit: Elena Marsh",
		"content/002_b.txt":       " date 2018-06-14 The council of Port Calder voted on Thursday to approve the harbour plan. Mayor Tomas Reyes said the result was clear.\n \nMr Reyes will travel to Rotterdam next month.",
		"content/003_c.txt":       " date 2018-06-20 Elena Marsh said the vote on June 14 changed the harbour. She spoke in London.",
		"content/world/004_d.txt": " date 2018-07-02 Mayor Tomas Reyes arrived in Rotterdam on Monday. <script>alert(1)</script> [x](javascript:alert(1))",
		"content/005_e.txt":       "No date line here, but text by Elena Marsh.",
		"content/about.md":        "+++\ntitle = \"About\"\nslug = \"about\"\nmenu = \"main\"\n+++\n\nAn example archive.\n",
		"content/logo.txt.png":    "\x89PNG fake",
		"content/entities.toml":   "[[person]]\nname = \"Elena Marsh\"\naliases = [\"Commissioner Marsh\"]\ndescription = \"Harbour Commissioner of Port Calder\"\n\n[[ignore]]\ntext = \"Harbour vote\"\n",
		"site.toml":               "title = \"Test Archive\"\nbaseURL = \"https://example.github.io/archive/\"\n",
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func buildFixture(t testing.TB, root string, workers int) (*Memory, *Summary) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	mem := NewMemory()
	sum, err := Build(Options{Root: root, Config: cfg, Workers: workers}, mem)
	if err != nil {
		t.Fatal(err)
	}
	return mem, sum
}

// firstStory is the URL of the fixture's first story: the title's slug is
// its first sentence, cut at a word boundary.
const firstStory = "2018/05/31/harbour-commissioner-elena-marsh-said-on-wednesday-that-the-port-calder-council/"

var linkRE = regexp.MustCompile(`(?:href|src|action)="([^"]*)"`)

// baseRE finds a page's <base>: its relative links resolve against it.
var baseRE = regexp.MustCompile(`<base href="([^"]*)">`)

// TestLinksResolve checks that every internal link and asset of every page
// resolves to a file of the build.
func TestLinksResolve(t *testing.T) {
	mem, sum := buildFixture(t, fixture(t), 0)
	if sum.Stories != 5 {
		t.Errorf("stories = %d, want 5", sum.Stories)
	}
	checked := 0
	for _, p := range mem.Paths() {
		if !strings.HasSuffix(p, ".html") || p == "404.html" {
			continue
		}
		dir := path.Dir(p)
		page := mem.Files[p]
		if b := baseRE.FindSubmatchIndex(page); b != nil {
			dir = path.Join(dir, string(page[b[2]:b[3]]))
			page = page[b[1]:]
		}
		for _, m := range linkRE.FindAllSubmatch(page, -1) {
			href := string(m[1])
			href = strings.ReplaceAll(href, "&amp;", "&")
			u, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s: bad link %q", p, href)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue
			}
			if (strings.HasPrefix(href, "#") || href == "") && dir != path.Dir(p) {
				t.Errorf("%s: link %q under a <base> leads to another page", p, href)
			}
			if strings.HasPrefix(href, "#") || href == "" {
				continue
			}
			target := path.Join(dir, u.Path)
			if strings.HasSuffix(u.Path, "/") || u.Path == "." || u.Path == "./" {
				target = path.Join(target, "index.html")
			}
			target = strings.TrimPrefix(target, "./")
			if _, ok := mem.Files[target]; !ok {
				t.Errorf("%s: link %q → %s does not exist", p, href, target)
			}
			if u.Fragment == "content" && target != p {
				t.Errorf("%s: skip link %q leads to %s", p, href, target)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d links checked", checked)
	}
	for _, want := range []string{
		"index.html", firstStory + "index.html",
		"people/elena-marsh/index.html", "dates/2018/06/14/index.html", "dates/2018/05/30/index.html",
		"tags/portvote/index.html", "about/index.html", "logo.txt.png", "404.html", ".nojekyll", "robots.txt",
		"undated/index.html",
	} {
		if _, ok := mem.Files[want]; !ok {
			t.Errorf("missing %s; have %v", want, mem.Paths())
		}
	}
}

// TestMentionedBefore checks the date cross-links: the day page of June 14
// lists the story of May 31 as mentioning it before it happened, the story
// of June 20 after, and the story of June 14 as published.
func TestMentionedBefore(t *testing.T) {
	mem, _ := buildFixture(t, fixture(t), 0)
	page := string(mem.Files["dates/2018/06/14/index.html"])
	before := strings.Index(page, "2018/05/31/")
	after := strings.Index(page, "2018/06/20/")
	pub := strings.Index(page, "2018/06/14/the-council")
	if before < 0 || after < 0 || pub < 0 {
		t.Fatalf("day page lacks a story: before=%d after=%d published=%d\n%s", before, after, pub, page)
	}
}

func TestHostileTextStaysText(t *testing.T) {
	mem, _ := buildFixture(t, fixture(t), 0)
	for p, data := range mem.Files {
		if bytes.Contains(data, []byte("<script>alert(1)")) || bytes.Contains(data, []byte(`href="javascript:`)) {
			t.Errorf("%s: story text became markup", p)
		}
	}
}

// TestDeterministic builds twice, with one worker and with four, and
// compares every byte.
func TestDeterministic(t *testing.T) {
	root := fixture(t)
	prev := runtime.GOMAXPROCS(1)
	a, _ := buildFixture(t, root, 1)
	runtime.GOMAXPROCS(4)
	b, _ := buildFixture(t, root, 4)
	runtime.GOMAXPROCS(prev)
	if fmt.Sprint(a.Paths()) != fmt.Sprint(b.Paths()) {
		t.Fatalf("different files:\n%v\n%v", a.Paths(), b.Paths())
	}
	for p, data := range a.Files {
		if !bytes.Equal(data, b.Files[p]) {
			t.Errorf("%s differs between builds", p)
		}
	}
}

// TestStoryMarkdownGolden pins the exported Markdown of one story.
func TestStoryMarkdownGolden(t *testing.T) {
	root := fixture(t)
	cfg, err := config.Load(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	mdDir := t.TempDir()
	if _, err := Build(Options{Root: root, Config: cfg, MarkdownDir: mdDir}, NewMemory()); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(mdDir, firstStory, "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "story.golden.md", got)
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s:\n%s", golden, got)
	}
}
