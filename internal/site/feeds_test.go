package site

import (
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
)

func TestFeedsAreAtom(t *testing.T) {
	mem, sum := buildFixture(t, fixture(t), 0)
	var feed struct {
		XMLName xml.Name
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(mem.Files["feed.xml"], &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.XMLName.Local != "feed" {
		t.Errorf("feed root = %v", feed.XMLName)
	}
	dated := sum.Stories - 1 // the fixture has one undated story, which no feed can date
	if len(feed.Entries) != dated {
		t.Errorf("site feed has %d entries, want %d", len(feed.Entries), dated)
	}
	seen := map[string]bool{}
	for _, e := range feed.Entries {
		if seen[e.ID] || !strings.HasPrefix(e.ID, "https://example.github.io/archive/") {
			t.Errorf("entry id %q duplicated or not absolute", e.ID)
		}
		seen[e.ID] = true
	}
	// A person's feed lists the stories that mention them.
	feed.Entries = nil
	if err := xml.Unmarshal(mem.Files["people/elena-marsh/feed.xml"], &feed); err != nil {
		t.Fatalf("person feed: %v", err)
	}
	if len(feed.Entries) != 2 {
		t.Errorf("elena-marsh feed has %d entries, want 2 (the dated stories naming her)", len(feed.Entries))
	}
	// Every entry has what a reader needs: title, id, updated and a link.
	// An entity's feed, one of thousands, carries no summaries or categories.
	var full struct {
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Category []string `xml:"category"`
		} `xml:"entry"`
	}
	for _, f := range []string{"feed.xml", "people/elena-marsh/feed.xml"} {
		full.Entries = nil
		if err := xml.Unmarshal(mem.Files[f], &full); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		site := f == "feed.xml"
		for _, e := range full.Entries {
			if e.Title == "" || e.ID == "" || e.Updated == "" || e.Link.Href != e.ID {
				t.Errorf("%s: entry lacks title, id, updated or link: %+v", f, e)
			}
			if site != (e.Summary != "") || !site && len(e.Category) > 0 {
				t.Errorf("%s: entry summary %q, %d categories", f, e.Summary, len(e.Category))
			}
		}
	}
}

var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func TestJSONLDParses(t *testing.T) {
	mem, _ := buildFixture(t, fixture(t), 0)
	types := map[string]int{}
	for p, data := range mem.Files {
		for _, m := range ldRE.FindAllSubmatch(data, -1) {
			var v map[string]any
			if err := json.Unmarshal(m[1], &v); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v\n%s", p, err, m[1])
				continue
			}
			typ, _ := v["@type"].(string)
			types[typ]++
			if typ == "NewsArticle" {
				if v["datePublished"] == nil && !strings.HasPrefix(p, "undated/") || v["mentions"] == nil {
					t.Errorf("%s: NewsArticle lacks datePublished or mentions: %s", p, m[1])
				}
			}
		}
	}
	if types["NewsArticle"] != 5 || types["Person"] == 0 || types["Place"] == 0 {
		t.Errorf("JSON-LD types = %v", types)
	}
}

func TestSitemap(t *testing.T) {
	mem, _ := buildFixture(t, fixture(t), 0)
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(mem.Files["sitemap.xml"], &sm); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, p := range mem.Paths() {
		if strings.HasSuffix(p, "index.html") {
			pages++
		}
	}
	if len(sm.URLs) != pages {
		t.Errorf("sitemap has %d URLs, site has %d pages", len(sm.URLs), pages)
	}
	for _, u := range sm.URLs {
		if strings.Contains(u.Loc, "/2018/05/31/") && u.Lastmod != "2018-05-31" {
			t.Errorf("%s lastmod %q", u.Loc, u.Lastmod)
		}
	}
}
