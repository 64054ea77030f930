package render_test

import (
	"bytes"
	"flag"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/render"
	"github.com/storygen/storygen/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// evil is a hostile string planted in titles, names and quotes: it must come
// out escaped wherever it appears.
const evil = `<script>alert(1)</script>`

func loadDefault(t *testing.T) *render.Templates {
	t.Helper()
	tm, err := render.Load(render.Sources(t.TempDir(), "default", themes.Default()))
	if err != nil {
		t.Fatalf("loading the default theme: %v", err)
	}
	return tm
}

// ---- fixtures: one realistic page per kind --------------------------------

// fixtureSite is shared by every page; x is appended to the strings that
// come from user data (empty for normal pages, evil for the escaping test).
func fixtureSite(x string) *render.Site {
	return &render.Site{
		Title:       "The Korea Desk" + x,
		Description: "An annotated archive of news stories about the 2018 summit",
		Language:    "en-GB",
		BaseURL:     "https://newsroom.example.org/archive/",
		Generator:   "storygen 0.1",
	}
}

func fixtureNav(root, current string) []render.NavItem {
	items := []struct{ name, path string }{
		{"Home", ""}, {"People", "people/"}, {"Places", "places/"}, {"Organisations", "organisations/"},
		{"Dates", "dates/"}, {"Tags", "tags/"}, {"Search", "search/"}, {"About", "about/"},
	}
	var out []render.NavItem
	for _, it := range items {
		out = append(out, render.NavItem{Name: it.name, URL: root + it.path, Current: it.name == current})
	}
	return out
}

func fixturePage(kind, root, canonicalPath, title, nav string, x string) *render.Page {
	return &render.Page{
		Site:        fixtureSite(x),
		Kind:        kind,
		Title:       title,
		Root:        root,
		Canonical:   "https://newsroom.example.org/archive/" + canonicalPath,
		Description: "Stories, people, places and dates from the archive.",
		Nav:         fixtureNav(root, nav),
	}
}

func ref(root, date, label, slug, title, summary string) render.StoryRef {
	return render.StoryRef{
		Title: title, URL: root + strings.ReplaceAll(date, "-", "/") + "/" + slug + "/",
		Date: date, DateLabel: label, Summary: summary,
	}
}

// fixtures returns a page of every kind, keyed by a name used in file names.
func fixtures(x string) map[string]*render.Page {
	out := map[string]*render.Page{}

	// Story page: /2018/05/31/senior-north-korean-official-will-travel-to-washington/
	r := "../../../../"
	p := fixturePage("story", r, "2018/05/31/senior-north-korean-official-will-travel-to-washington/",
		"A senior North Korean official will travel to Washington"+x, "", x)
	p.Description = "Mike Pompeo says “real progress” has been made towards a summit in Singapore."
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}, {Name: "2018", URL: r + "dates/2018/"},
		{Name: "May", URL: r + "dates/2018/05/"}, {Name: "31", URL: r + "dates/2018/05/31/"}}
	p.JSONLD = template.JS(`{"@context":"https://schema.org","@type":"NewsArticle","headline":"A senior North Korean official will travel to Washington","datePublished":"2018-05-31"}`)
	p.FeedURL = r + "feed.xml"
	p.Story = &render.StoryPage{
		Date: "2018-05-31", DateLabel: "Thursday 31 May 2018", DateURL: r + "dates/2018/05/31/",
		Body: template.HTML(`<p>A senior North Korean official will travel to <a href="../../../../places/washington/">Washington</a> to deliver a letter to President <a href="../../../../people/donald-trump/">Donald Trump</a> from his leader <a href="../../../../people/kim-jong-un/">Kim Jong Un</a>. US Secretary of State <a href="../../../../people/mike-pompeo/">Mike Pompeo</a> said the talks had made “real progress” towards a summit in <a href="../../../../places/singapore/">Singapore</a> on <a href="../../../../dates/2018/06/12/">June 12</a>.</p>
<p>The discussions ended nearly two hours earlier than expected, according to the <a href="../../../../organisations/state-department/">State Department</a>.</p>
<figure class="caption"><figcaption>Trump North Korea Credit: Mike Pompeo</figcaption></figure>
<p>“Substantive talks with the team from <a href="../../../../tags/northkorea/">#NorthKorea</a>,” Mr Pompeo tweeted after the meeting on <a href="../../../../dates/2018/05/30/">Wednesday</a>.</p>
<p class="caption">Trump North Korea Credit: Kim Yong Chol leaves</p>
<p>Mr Trump told reporters at <a href="../../../../places/joint-base-andrews/">Joint Base Andrews</a> that “we are doing very well” and that a meeting could still take place.</p>`),
		People: []render.Link{
			{Name: "Mike Pompeo", URL: r + "people/mike-pompeo/", Count: 9, Note: "person"},
			{Name: "Donald Trump", URL: r + "people/donald-trump/", Count: 7},
			{Name: "Kim Yong Chol" + x, URL: r + "people/kim-yong-chol/", Count: 4},
			{Name: "Kim Jong Un", URL: r + "people/kim-jong-un/", Count: 2},
			{Name: "John Bolton", URL: r + "people/john-bolton/", Count: 1},
		},
		Places: []render.Link{
			{Name: "North Korea", URL: r + "places/north-korea/", Count: 6},
			{Name: "Washington", URL: r + "places/washington/", Count: 2},
			{Name: "Singapore", URL: r + "places/singapore/", Count: 1},
			{Name: "Joint Base Andrews", URL: r + "places/joint-base-andrews/", Count: 1},
		},
		Orgs: []render.Link{
			{Name: "State Department", URL: r + "organisations/state-department/", Count: 2},
			{Name: "CIA", URL: r + "organisations/cia/", Count: 1},
		},
		Dates: []render.Link{
			{Name: "30 May 2018", URL: r + "dates/2018/05/30/", Note: "day before" + x},
			{Name: "12 June 2018", URL: r + "dates/2018/06/12/", Count: 3, Note: "ahead"},
		},
		Tags:    []render.Link{{Name: "NorthKorea", URL: r + "tags/northkorea/"}, {Name: "DPRK", URL: r + "tags/dprk/"}},
		Handles: []string{"@POTUS"},
		Quotes: []render.QuoteRef{
			{Text: "Substantive talks with the team from #NorthKorea." + x, Speaker: render.Link{Name: "Mike Pompeo", URL: r + "people/mike-pompeo/"}},
			{Text: "I think it will be very positive. We will see what happens.", Speaker: render.Link{Name: "Donald Trump", URL: r + "people/donald-trump/"}},
		},
		Prev:   &render.StoryRef{Title: "Trump says summit could still go ahead" + x, URL: "../../30/trump-says-summit-could-still-go-ahead/", Date: "2018-05-30", DateLabel: "30 May 2018"},
		Next:   &render.StoryRef{Title: "Letter from Kim Jong Un delivered to the White House", URL: "../../../06/01/letter-from-kim-jong-un-delivered/", Date: "2018-06-01", DateLabel: "1 June 2018"},
		Source: "000_6c921cb6a8456c4e.txt",
	}
	out["story"] = p

	// Person page: /people/mike-pompeo/
	r = "../../"
	p = fixturePage("entity", r, "people/mike-pompeo/", "Mike Pompeo"+x, "People", x)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}, {Name: "People", URL: r + "people/"}}
	p.FeedURL = "feed.xml"
	p.Entity = &render.EntityPage{
		Kind: "person", KindLabel: "Person", Name: "Mike Pompeo" + x,
		Aliases:     []string{"Mr Pompeo", "Secretary of State Mike Pompeo"},
		Description: "US Secretary of State" + x,
		Links: []render.Link{
			{Name: "Wikipedia", URL: "https://en.wikipedia.org/wiki/Mike_Pompeo"},
			{Name: "Bad link", URL: "javascript:alert(1)"},
		},
		Mentions: 41, StoryCount: 6, First: "2018-03-14", Last: "2019-02-27",
		Timeline: []render.StoryGroup{
			{Heading: "2018", ID: "y2018", Stories: []render.StoryRef{
				{Title: "Pompeo named Secretary of State", URL: r + "2018/03/14/pompeo-named-secretary-of-state/", Date: "2018-03-14", DateLabel: "14 March 2018", Context: "Mike Pompeo, the director of the CIA, will replace Rex Tillerson."},
				{Title: "A senior North Korean official will travel to Washington" + x, URL: r + "2018/05/31/senior-north-korean-official-will-travel-to-washington/", Date: "2018-05-31", DateLabel: "31 May 2018", Context: "Mr Pompeo said he believes North Korea’s leaders are contemplating a different path." + x},
				{Title: "Summit in Singapore ends with a signed statement", URL: r + "2018/06/12/summit-in-singapore-ends-with-signed-statement/", Date: "2018-06-12", DateLabel: "12 June 2018", Summary: "The two leaders signed a short joint statement."},
			}},
			{Heading: "2019", ID: "y2019", Stories: []render.StoryRef{
				{Title: "Second summit set for Hanoi", URL: r + "2019/02/27/second-summit-set-for-hanoi/", Date: "2019-02-27", DateLabel: "27 February 2019", Context: "Mr Pompeo arrived in Hanoi on Tuesday evening."},
			}},
		},
		People: []render.Link{
			{Name: "Donald Trump", URL: r + "people/donald-trump/", Count: 6},
			{Name: "Kim Yong Chol" + x, URL: r + "people/kim-yong-chol/", Count: 4},
			{Name: "Kim Jong Un", URL: r + "people/kim-jong-un/", Count: 4},
			{Name: "John Bolton", URL: r + "people/john-bolton/", Count: 2},
		},
		Places: []render.Link{{Name: "North Korea", URL: r + "places/north-korea/", Count: 6}, {Name: "Singapore", URL: r + "places/singapore/", Count: 3}, {Name: "New York", URL: r + "places/new-york/", Count: 1}},
		Orgs:   []render.Link{{Name: "State Department", URL: r + "organisations/state-department/", Count: 3}, {Name: "CIA", URL: r + "organisations/cia/", Count: 2}},
		Dates:  []render.Link{{Name: "12 June 2018", URL: r + "dates/2018/06/12/", Count: 4}, {Name: "30 May 2018", URL: r + "dates/2018/05/30/", Count: 1}},
		Quotes: []render.QuoteRef{{
			Text:    "We discussed our priorities for the potential summit between our leaders." + x,
			Speaker: render.Link{Name: "Mike Pompeo"},
			Story:   render.StoryRef{Title: "A senior North Korean official will travel to Washington", URL: r + "2018/05/31/senior-north-korean-official-will-travel-to-washington/", Date: "2018-05-31", DateLabel: "31 May 2018"},
		}, {
			Text:    "Real progress.",
			Speaker: render.Link{Name: "Mike Pompeo"},
			Story:   render.StoryRef{Title: "A senior North Korean official will travel to Washington", URL: r + "2018/05/31/senior-north-korean-official-will-travel-to-washington/", Date: "2018-05-31", DateLabel: "31 May 2018"},
		}, {
			Text:    "A good meeting.",
			Speaker: render.Link{Name: "Kim Yong Chol", URL: r + "people/kim-yong-chol/"},
			Story:   render.StoryRef{Title: "A senior North Korean official will travel to Washington", URL: r + "2018/05/31/senior-north-korean-official-will-travel-to-washington/", Date: "2018-05-31", DateLabel: "31 May 2018"},
		}},
	}
	out["entity"] = p

	// A–Z: /people/
	r = "../"
	p = fixturePage("entities", r, "people/", "People", "People", x)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}}
	p.Entities = &render.EntitiesPage{Kind: "person", Total: 7, Letters: []render.LetterGroup{
		{Letter: "B", ID: "letter-b", Entries: []render.Link{{Name: "John Bolton", URL: "john-bolton/", Count: 2}}},
		{Letter: "K", ID: "letter-k", Entries: []render.Link{
			{Name: "Andrew Kim", URL: "andrew-kim/", Count: 1},
			{Name: "Kim Jong Un", URL: "kim-jong-un/", Count: 11},
			{Name: "Kim Yong Chol" + x, URL: "kim-yong-chol/", Count: 4}}},
		{Letter: "L", ID: "letter-l", Entries: []render.Link{{Name: "Mark Lambert", URL: "mark-lambert/", Count: 1}}},
		{Letter: "P", ID: "letter-p", Entries: []render.Link{{Name: "Mike Pompeo", URL: "mike-pompeo/", Count: 6}}},
		{Letter: "T", ID: "letter-t", Entries: []render.Link{{Name: "Donald Trump", URL: "donald-trump/", Count: 14}}},
	}}
	out["entities"] = p

	// Home: /
	r = "./"
	p = fixturePage("home", r, "", "The Korea Desk"+x, "Home", x)
	p.FeedURL = "feed.xml"
	p.Home = &render.HomePage{
		Latest: []render.StoryRef{
			ref(r, "2018-06-12", "12 June 2018", "summit-in-singapore-ends-with-signed-statement", "Summit in Singapore ends with a signed statement"+x, "Donald Trump and Kim Jong Un signed a short joint statement after five hours of talks on Sentosa island."+x),
			ref(r, "2018-06-01", "1 June 2018", "letter-from-kim-jong-un-delivered", "Letter from Kim Jong Un delivered to the White House", "Kim Yong Chol handed over the letter in the Oval Office."),
			ref(r, "2018-05-31", "31 May 2018", "senior-north-korean-official-will-travel-to-washington", "A senior North Korean official will travel to Washington", "Mike Pompeo says “real progress” has been made towards a summit in Singapore."),
			ref(r, "2018-05-30", "30 May 2018", "trump-says-summit-could-still-go-ahead", "Trump says summit could still go ahead", "The president said talks were going well."),
		},
		Months:    []render.Link{{Name: "June 2018", URL: "dates/2018/06/", Count: 12}, {Name: "May 2018", URL: "dates/2018/05/", Count: 9}, {Name: "April 2018", URL: "dates/2018/04/", Count: 5}, {Name: "March 2018", URL: "dates/2018/03/", Count: 4}},
		TopPeople: []render.Link{{Name: "Donald Trump", URL: "people/donald-trump/", Count: 14}, {Name: "Kim Jong Un", URL: "people/kim-jong-un/", Count: 11}, {Name: "Mike Pompeo" + x, URL: "people/mike-pompeo/", Count: 6}},
		TopPlaces: []render.Link{{Name: "North Korea", URL: "places/north-korea/", Count: 19}, {Name: "Singapore", URL: "places/singapore/", Count: 8}},
		TopOrgs:   []render.Link{{Name: "State Department", URL: "organisations/state-department/", Count: 5}},
		Stats:     render.Stats{Stories: 31, People: 24, Places: 17, Orgs: 9, Days: 27},
	}
	out["home"] = p

	// Calendar: /dates/
	r = "../"
	p = fixturePage("calendar", r, "dates/", "Dates", "Dates", x)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}}
	months := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	var y2018, y2019 []render.Link
	for i, m := range months {
		l := render.Link{Name: m}
		if i >= 2 && i <= 6 {
			l.URL, l.Count = "2018/0"+string(rune('1'+i))+"/", 3+i
		}
		y2018 = append(y2018, l)
		l = render.Link{Name: m}
		if i == 1 {
			l.URL, l.Count = "2019/02/", 2
		}
		if i == 8 {
			l.URL = "2019/09/" // only mentioned: no story published that month
		}
		y2019 = append(y2019, l)
	}
	p.Calendar = &render.CalendarPage{Years: []render.CalendarYear{
		{Year: render.Link{Name: "2018", URL: "2018/", Count: 29}, Months: y2018},
		{Year: render.Link{Name: "2019", URL: "2019/", Count: 2}, Months: y2019},
		{Year: render.Link{Name: "2020", URL: "2020/"}, Months: make([]render.Link, 12)},
	}}
	out["calendar"] = p

	// Day page: /dates/2018/06/12/
	r = "../../../../"
	p = fixturePage("period", r, "dates/2018/06/12/", "Tuesday 12 June 2018", "Dates", x)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}, {Name: "Dates", URL: r + "dates/"}, {Name: "2018", URL: "../../"}, {Name: "June", URL: "../"}}
	p.Period = &render.PeriodPage{
		Level: "day", Label: "Tuesday 12 June 2018" + x,
		Published: []render.StoryRef{ref(r, "2018-06-12", "12 June 2018", "summit-in-singapore-ends-with-signed-statement", "Summit in Singapore ends with a signed statement", "The two leaders signed a short joint statement.")},
		Before: []render.StoryRef{
			{Title: "A senior North Korean official will travel to Washington" + x, URL: r + "2018/05/31/senior-north-korean-official-will-travel-to-washington/", Date: "2018-05-31", DateLabel: "31 May 2018", Context: "But he still does not yet know whether the meeting will proceed on June 12."},
			{Title: "Trump cancels summit in letter to Kim", URL: r + "2018/05/24/trump-cancels-summit/", Date: "2018-05-24", DateLabel: "24 May 2018", Context: "The meeting, planned for June 12 in Singapore, will not take place."},
		},
		After:          []render.StoryRef{{Title: "Second summit set for Hanoi", URL: r + "2019/02/27/second-summit-set-for-hanoi/", Date: "2019-02-27", DateLabel: "27 February 2019", Context: "Their first meeting, on June 12 last year, produced a short statement."}},
		People:         []render.Link{{Name: "Donald Trump", URL: r + "people/donald-trump/", Count: 3}, {Name: "Kim Jong Un", URL: r + "people/kim-jong-un/", Count: 3}, {Name: "Mike Pompeo", URL: r + "people/mike-pompeo/", Count: 2}},
		Places:         []render.Link{{Name: "Singapore", URL: r + "places/singapore/", Count: 3}},
		Prev:           &render.Link{Name: "1 June 2018", URL: "../01/"},
		Next:           &render.Link{Name: "13 June 2018", URL: "../13/"},
		Up:             &render.Link{Name: "June 2018", URL: "../"},
		Children:       nil,
		PublishedCount: 1, BeforeCount: 2, AfterCount: 1,
	}
	for _, n := range []string{"Andrew Kim", "Mark Lambert", "John Bolton", "Moon Jae-in", "Lee Hsien Loong",
		"Kim Yo Jong", "Choe Son Hui", "Sung Kim", "Mike Pence", "John Kelly", "Sarah Sanders", "Rodman" + x,
		"Vivian Balakrishnan", "Kim Hak Song", "Ri Yong Ho", "Kim Dong Chul", "Tony Kim"} {
		p.Period.People = append(p.Period.People, render.Link{Name: n, URL: r + "people/" + strings.ToLower(strings.ReplaceAll(n, " ", "-")) + "/", Count: 1})
	}
	out["period-day"] = p

	// Month page: /dates/2018/05/
	r = "../../../"
	p = fixturePage("period", r, "dates/2018/05/", "May 2018", "Dates", x)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}, {Name: "Dates", URL: "../../"}, {Name: "2018", URL: "../"}}
	p.Period = &render.PeriodPage{
		Level: "month", Label: "May 2018",
		Published: []render.StoryRef{
			ref(r, "2018-05-31", "31 May 2018", "senior-north-korean-official-will-travel-to-washington", "A senior North Korean official will travel to Washington", "Mike Pompeo says “real progress” has been made."),
			ref(r, "2018-05-24", "24 May 2018", "trump-cancels-summit", "Trump cancels summit in letter to Kim", "The meeting will not take place, the president wrote."),
		},
		Children:       []render.Link{{Name: "24 May", URL: "24/", Count: 1}, {Name: "30 May", URL: "30/", Count: 1}, {Name: "31 May", URL: "31/", Count: 1}},
		People:         []render.Link{{Name: "Donald Trump", URL: r + "people/donald-trump/", Count: 2}},
		Prev:           &render.Link{Name: "April 2018", URL: "../04/"},
		Next:           &render.Link{Name: "June 2018", URL: "../06/"},
		Up:             &render.Link{Name: "2018", URL: "../"},
		PublishedCount: 2,
	}
	out["period-month"] = p

	// Tag: /tags/northkorea/
	r = "../../"
	p = fixturePage("tag", r, "tags/northkorea/", "#NorthKorea", "Tags", x)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}, {Name: "Tags", URL: r + "tags/"}}
	p.Tag = &render.TagPage{Name: "NorthKorea" + x, Stories: []render.StoryRef{ref(r, "2018-05-31", "31 May 2018", "senior-north-korean-official-will-travel-to-washington", "A senior North Korean official will travel to Washington", "")}}
	out["tag"] = p

	// Tags: /tags/
	r = "../"
	p = fixturePage("tags", r, "tags/", "Tags", "Tags", x)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}}
	p.Tags = &render.TagsPage{Tags: []render.Link{{Name: "DPRK", URL: "dprk/", Count: 2}, {Name: "NorthKorea" + x, URL: "northkorea/", Count: 5}}}
	out["tags"] = p

	// About: /about/
	p = fixturePage("page", r, "about/", "About this archive"+x, "About", x)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}}
	p.Doc = &render.DocPage{Body: template.HTML("<p>This archive collects stories about the 2018 summit. Every person, place and date is linked.</p>\n<h2>How it is made</h2>\n<p>Built with storygen from plain-text story files.</p>")}
	out["page"] = p

	// Undated: /undated/
	p = fixturePage("undated", r, "undated/", "Undated stories", "", x)
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: r}}
	p.Undated = &render.ListPage{Stories: []render.StoryRef{{Title: "A story without a date line" + x, URL: "../undated/a-story-without-a-date-line/", Summary: "Its first line had no date."}}}
	out["undated"] = p

	// Search: /search/
	p = fixturePage("search", r, "search/", "Search", "Search", x)
	out["search"] = p

	// 404: /404.html
	p = fixturePage("404", "./", "404.html", "Page not found", "", x)
	out["404"] = p

	// Redirect: /people/pompeo/ → ../mike-pompeo/
	p = fixturePage("redirect", "../../", "people/mike-pompeo/", "Pompeo"+x, "", x)
	p.Redirect = &render.RedirectPage{To: "../mike-pompeo/"}
	out["redirect"] = p
	return out
}

// ---- tests -------------------------------------------------------------------

func render1(t *testing.T, tm *render.Templates, p *render.Page) string {
	t.Helper()
	b, err := tm.Bytes(p)
	if err != nil {
		t.Fatalf("rendering %s: %v", p.Kind, err)
	}
	return string(b)
}

// TestEveryKindHasFixture keeps the fixtures in step with render.Kinds.
func TestEveryKindHasFixture(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range fixtures("") {
		seen[p.Kind] = true
	}
	for _, k := range render.Kinds {
		if !seen[k] {
			t.Errorf("no fixture page for kind %q", k)
		}
	}
}

func TestRenderStructure(t *testing.T) {
	tm := loadDefault(t)
	common := []string{
		`<!doctype html>`,
		`<html lang="en-GB">`,
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`#content">Skip to content</a>`,
		`<header class="masthead">`,
		`<nav aria-label="Main">`,
		`<main id="content"`,
		`<footer class="site-footer">`,
		`<meta property="og:title" content="`,
		`<meta name="twitter:card" content="summary">`,
		`<meta property="og:url" content="https://newsroom.example.org/archive/`,
		`<link rel="canonical" href="https://newsroom.example.org/archive/`,
		`<meta name="description" content="`,
	}
	fx := fixtures("")
	want := map[string][]string{
		"story": {
			// Below the root, links are written relative to a <base> that is the root.
			`<meta charset="utf-8">
<base href="../../../../">`,
			`<link rel="stylesheet" href="css/storygen.css">`,
			`<link rel="icon" href="favicon.svg" type="image/svg+xml">`,
			`<a class="skip-link" href="2018/05/31/senior-north-korean-official-will-travel-to-washington/#content">`,
			`<meta property="og:type" content="article">`,
			`<meta property="article:published_time" content="2018-05-31">`,
			`<link rel="alternate" type="application/atom+xml"`,
			`<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle"`,
			`<nav class="breadcrumbs" aria-label="Breadcrumb">`,
			`<li><a href="dates/2018/05/">May</a></li>`,
			`<h1 id="story-title">A senior North Korean official will travel to Washington</h1>`,
			`<time datetime="2018-05-31">Thursday 31 May 2018</time>`,
			`<aside class="sidebar" aria-label="Entities in this story">`,
			`<a href="people/mike-pompeo/">Mike Pompeo</a> <small>9</small>`,
			`<a href="organisations/state-department/">State Department</a>`,
			// Dates grouped under their note, written once.
			`<h3>ahead</h3>
<ul class="link-list"><li><a href="dates/2018/06/12/">12 June 2018</a> <small>3</small></li></ul>`,
			`to <a href="places/washington/">Washington</a> to`,
			`<span class="handle">@POTUS</span>`,
			`<figure class="caption"><figcaption>Trump North Korea Credit: Mike Pompeo</figcaption></figure>`,
			`<p class="caption">Trump North Korea Credit: Kim Yong Chol leaves</p>`,
			`<a href="tags/northkorea/">#NorthKorea</a>`,
			`<nav class="prev-next" aria-label="Previous and next story">`,
			`href="2018/05/30/trump-says-summit-could-still-go-ahead/" rel="prev"`,
			`href="2018/06/01/letter-from-kim-jong-un-delivered/" rel="next"`,
			`<code>000_6c921cb6a8456c4e.txt</code>`,
		},
		"entity": {
			`<meta property="og:type" content="profile">`,
			`<h1>Mike Pompeo</h1>`,
			`<p class="lede">US Secretary of State</p>`,
			`<span class="alias">Mr Pompeo</span>`,
			`<a href="https://en.wikipedia.org/wiki/Mike_Pompeo" rel="external noopener">Wikipedia</a>`,
			`<a href="people/mike-pompeo/#ZgotmplZ" rel="external noopener">Bad link</a>`, // javascript: URL neutralised
			`<nav class="jump-bar" aria-label="Jump to year">`,
			`<section class="timeline-group" id="y2019"`,
			`<li><a href="people/mike-pompeo/#y2019">2019</a></li>`,
			`<li><time datetime="2019-02-27">27 February 2019</time><h3><a href="2019/02/27/second-summit-set-for-hanoi/">Second summit set for Hanoi</a></h3><blockquote><p>Mr Pompeo arrived in Hanoi on Tuesday evening.</p></blockquote></li>`,
			`<aside class="sidebar" aria-label="Connections">`,
			`<a href="people/donald-trump/">Donald Trump</a>`,
			`<h2 id="side-dates">Related dates</h2>`,
			`<h2 id="quotes-heading">Quotes</h2>`,
			// The page's own name is not repeated under its quotes, and quotes
			// of one speaker from one story share a caption.
			`<li><figure class="quote"><blockquote><p>We discussed our priorities for the potential summit between our leaders.</p></blockquote><blockquote><p>Real progress.</p></blockquote><figcaption><cite><a href="2018/05/31/senior-north-korean-official-will-travel-to-washington/">`,
			`<li><figure class="quote"><blockquote><p>A good meeting.</p></blockquote><figcaption><span class="speaker"><a href="people/kim-yong-chol/">Kim Yong Chol</a></span>, <cite>`,
			`<li aria-current="page">Mike Pompeo</li>`,
		},
		"entities": {
			`<nav class="jump-bar letters" aria-label="Jump to letter">`,
			`<li><a href="people/#letter-k">K</a></li>`,
			`<section class="letter-group" id="letter-k"`,
			`<a href="people/kim-jong-un/">Kim Jong Un</a> <small>11</small>`,
			`7 people in the archive`,
		},
		"home": {
			`<link rel="stylesheet" href="./css/storygen.css">`,
			`<title>The Korea Desk</title>`,
			`<div class="wrap"><a href="./">The Korea Desk</a>`,
			`<a class="skip-link" href="#content">`, // no <base> at the root
			`<li><a href="./" aria-current="page">Home</a></li>`,
			`<h2 id="latest-heading" class="section-heading">Latest stories</h2>`,
			`<a href="./2018/06/12/summit-in-singapore-ends-with-signed-statement/">Summit in Singapore ends with a signed statement</a>`,
			`<a href="dates/2018/05/"><span class="m">May 2018</span>`,
			`<h2 id="top-people">People in the news</h2>`,
			`<dt>Stories</dt><dd>31</dd>`,
		},
		"calendar": {
			`<a href="dates/2018/">2018</a>`,
			`<a href="dates/2018/05/"><span class="m">May</span> <span class="n">7`,
			`<span class="empty"><span class="m">Jan</span></span>`,
			`<a href="dates/2019/09/" class="mentioned"><span class="m">Sep</span> <span class="n" aria-hidden="true">·</span><span class="vh">mentioned</span></a>`,
			`<a href="dates/2020/">2020</a></h2>
<p class="section-note">Mentioned as a year; no story was published in it.</p>`,
		},
		"period-day": {
			`<p class="kicker">Day · <a href="dates/2018/06/">June 2018</a></p>`,
			`<h1>Tuesday 12 June 2018</h1>`,
			`Mentioned before it happened <span class="count">2</span>`,
			`Mentioned afterwards <span class="count">1</span>`,
			`But he still does not yet know whether the meeting will proceed on June 12.`,
			`<a class="prev" href="dates/2018/06/01/" rel="prev">← 1 June 2018</a>`,
			`<aside class="sidebar" aria-label="In the news">`,
			`<a href="people/kim-jong-un/">Kim Jong Un</a>`,
			`<details class="more">
<summary>8 more</summary>`, // 20 people: 12 shown, the rest folded
			`<a href="people/tony-kim/">Tony Kim</a>`,
			`<li><a href="dates/2018/">2018</a></li>`, // a page-relative link ("../../") rebased
		},
		"period-month": {
			`<nav class="children" aria-label="Days of May 2018">`,
			`<a href="dates/2018/05/31/"><span class="m">31 May</span>`,
		},
		"tag":     {`<h1>#NorthKorea</h1>`, `1 story with this hashtag.`},
		"tags":    {`<a href="tags/northkorea/">#NorthKorea <span class="count">`},
		"page":    {`<h1 id="doc-title">About this archive</h1>`, `<h2>How it is made</h2>`, `<li><a href="about/" aria-current="page">About</a></li>`},
		"undated": {`<li><span>Undated</span><h3><a href="undated/a-story-without-a-date-line/">A story without a date line</a></h3><p>Its first line had no date.</p></li>`},
		"search": {
			`<input id="search-input" name="q" type="search"`,
			`<ol id="search-results" class="story-list search-results"></ol>`,
			`<a href="people/">people</a>`,
			`<script src="js/search.js" data-root="../" defer></script>`, // data-root is for the script: relative to the page
			`<form class="search-form" action="search/" method="get">`,
		},
		"404": {`<h1 id="nf-title">Page not found</h1>`, `<a href="./search/">Search</a>`},
		// A redirect has no <base>: its refresh URL is relative to the page.
		"redirect": {
			`<link rel="stylesheet" href="../../css/storygen.css">`,
			`<meta http-equiv="refresh" content="0; url=../mike-pompeo/">`,
			`<meta name="robots" content="noindex">`,
			`<a href="../mike-pompeo/">https://newsroom.example.org/archive/people/mike-pompeo/</a>`,
		},
	}
	for name, p := range fx {
		t.Run(name, func(t *testing.T) {
			html := render1(t, tm, p)
			for _, s := range append(append([]string(nil), common...), want[name]...) {
				if !strings.Contains(html, s) {
					t.Errorf("missing %q", s)
				}
			}
			if strings.Contains(html, "reload.js") {
				t.Error("live-reload script outside serve mode")
			}
			if strings.Contains(html, "<no value>") || strings.Contains(html, "ZgotmplZ") && name != "entity" {
				t.Error("template printed <no value> or a rejected value")
			}
			if strings.Contains(html, `<span class="note">person</span>`) {
				t.Error("kind note repeated under a People heading")
			}
			if n := strings.Count(html, `<main `); n != 1 {
				t.Errorf("%d <main> elements, want 1", n)
			}
			checkIDsUnique(t, html)
		})
	}
}

var idRE = regexp.MustCompile(` id="([^"]+)"`)

func checkIDsUnique(t *testing.T, html string) {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range idRE.FindAllStringSubmatch(html, -1) {
		if seen[m[1]] {
			t.Errorf("duplicate id %q", m[1])
		}
		seen[m[1]] = true
	}
}

// TestHostileStringsEscaped plants markup in every user-supplied string and
// checks it never reaches the page as markup.
func TestHostileStringsEscaped(t *testing.T) {
	tm := loadDefault(t)
	for name, p := range fixtures(evil) {
		t.Run(name, func(t *testing.T) {
			html := render1(t, tm, p)
			if strings.Contains(html, evil) {
				i := strings.Index(html, evil)
				t.Fatalf("unescaped hostile string near %q", html[max(0, i-80):i])
			}
			if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Error("the hostile string does not appear escaped anywhere; the fixture does not exercise escaping")
			}
		})
	}
}

func TestLiveReloadAndNoFeed(t *testing.T) {
	tm := loadDefault(t)
	p := fixtures("")["tags"]
	p.LiveReload = true
	html := render1(t, tm, p)
	if !strings.Contains(html, `<script src="_storygen/reload.js"></script>`) {
		t.Error("serve mode page lacks the reload script")
	}
	if strings.Contains(html, "application/atom+xml") {
		t.Error("feed link on a page without FeedURL")
	}
	if strings.Contains(html, "application/ld+json") {
		t.Error("JSON-LD script on a page without JSONLD")
	}
}

// TestEmptyPages renders each kind with its kind-specific data missing: a
// template must not fail on a nil section (a build with no stories yet).
func TestEmptyPages(t *testing.T) {
	tm := loadDefault(t)
	for _, k := range render.Kinds {
		p := &render.Page{Site: &render.Site{Title: "Empty"}, Kind: k, Title: "T", Root: "./"}
		if _, err := tm.Bytes(p); err != nil {
			t.Errorf("kind %s with no data: %v", k, err)
		}
	}
}

func TestStoryGolden(t *testing.T) {
	tm := loadDefault(t)
	got := []byte(render1(t, tm, fixtures("")["story"]))
	golden := filepath.Join("testdata", "story.golden.html")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("story page differs from %s (run with -update if the change is intended)\n%s", golden, firstDiff(string(want), string(got)))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return ""
}

// TestLookupOverride checks the lookup order: the site's templates/ beats
// themes/<theme>/templates/, which beats the embedded default theme.
func TestLookupOverride(t *testing.T) {
	root := t.TempDir()
	write(t, root, "templates/story.html", `{{define "main"}}<p class="site-story">site override: {{.Title}}</p>{{end}}`)
	write(t, root, "themes/paper/templates/story.html", `{{define "main"}}<p>theme story</p>{{end}}`)
	write(t, root, "themes/paper/templates/tag.html", `{{define "main"}}<p class="theme-tag">theme tag: {{.Tag.Name}}</p>{{end}}`)

	tm, err := render.Load(render.Sources(root, "paper", themes.Default()))
	if err != nil {
		t.Fatal(err)
	}
	fx := fixtures(evil)
	story := render1(t, tm, fx["story"])
	if !strings.Contains(story, `<p class="site-story">site override: A senior North Korean official will travel to Washington&lt;script&gt;`) {
		t.Error("site templates/story.html did not override the theme's (or did not escape)")
	}
	if strings.Contains(story, "theme story") || strings.Contains(story, `class="story-body`) {
		t.Error("a lower-priority story template was used")
	}
	if !strings.Contains(story, `<header class="masthead">`) {
		t.Error("base.html from the embedded theme was not used for the frame")
	}
	if tag := render1(t, tm, fx["tag"]); !strings.Contains(tag, `<p class="theme-tag">theme tag: NorthKorea&lt;script&gt;`) {
		t.Error("themes/paper/templates/tag.html did not override the embedded default")
	}
	if home := render1(t, tm, fx["home"]); !strings.Contains(home, `id="latest-heading"`) {
		t.Error("embedded default home.html not used as the fallback")
	}
	files := strings.Join(tm.Files, "\n")
	for _, f := range []string{"templates/story.html", "themes/paper/templates/tag.html", "embedded default theme/base.html"} {
		if !strings.Contains(files, f) {
			t.Errorf("Files lacks %q:\n%s", f, files)
		}
	}
}

// TestStaticAssets checks the theme ships what base.html links to.
func TestStaticAssets(t *testing.T) {
	fsys := themes.Default()
	for _, name := range []string{"static/css/storygen.css", "static/favicon.svg"} {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(b) == 0 {
			t.Errorf("%s is empty", name)
		}
		local := bytes.ReplaceAll(b, []byte("http://www.w3.org/2000/svg"), nil)
		if bytes.Contains(local, []byte("http")) || bytes.Contains(local, []byte("@import")) {
			t.Errorf("%s refers to an external resource", name)
		}
	}
}
