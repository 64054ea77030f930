package render

import "html/template"

// The types below are the data every template receives. They are plain values
// computed by package site: templates only lay them out. Every URL in them is
// already relative to the page being rendered (e.g. "../../people/mike-pompeo/"),
// so a site works at a domain root, under a GitHub Pages sub-path and from disk.

// Page is the root value passed to every page template.
type Page struct {
	Site *Site
	// Kind names the page template: "home", "story", "entity", "entities",
	// "calendar", "year", "month", "day", "tag", "tags", "page", "undated",
	// "search", "404", "redirect".
	Kind  string
	Title string
	// Root is the relative path from this page to the site root ("../../", or
	// "./" at the root); prefix it to site-relative asset paths.
	Root string
	// Canonical is the page's absolute URL (from baseURL), for <link rel=canonical>,
	// Open Graph and JSON-LD.
	Canonical   string
	Description string
	// Nav is the main navigation with the current section marked.
	Nav []NavItem
	// Breadcrumbs lead from the home page to this page's parent.
	Breadcrumbs []Link
	// FeedURL is the Atom feed for this page, if any (relative).
	FeedURL string
	// JSONLD is the page's structured data, already serialised and safe to embed.
	JSONLD template.JS
	// LiveReload is set only in serve mode: the template includes the reload script.
	LiveReload bool
	// Base is set by the renderer, not by the caller: the href for a <base>
	// element (the page's Root), or "" when the page is to have none. A
	// template that writes <base href="{{.Base}}"> gets the relative href,
	// src and action values after it rewritten relative to that base, so
	// they keep their meaning (see rebase.go); other URL attributes a theme
	// writes (srcset, poster) are its own to write against the base.
	Base string
	// Frame is set by the renderer, not by the caller: what the parts of
	// the frame that recur on every page (masthead, footer) read, for
	// {{cached "masthead" .Frame}}.
	Frame Frame

	// Exactly one of the following is set, according to Kind.
	Story    *StoryPage
	Entity   *EntityPage
	Entities *EntitiesPage
	Home     *HomePage
	Calendar *CalendarPage
	Period   *PeriodPage // year, month and day pages
	Tag      *TagPage
	Tags     *TagsPage
	Doc      *DocPage // hand-written Markdown pages, 404
	Redirect *RedirectPage
	Undated  *ListPage
}

// Site is what every page knows about the whole site.
type Site struct {
	Title       string
	Description string
	Language    string
	BaseURL     string // absolute, ends with "/"
	Generator   string
}

// Frame is the data of the page frame that recurs across pages: a partial
// given a Frame is rendered once per distinct value (see the "cached"
// template function).
type Frame struct {
	Root    string // as Page.Root
	Site    Site
	Nav     []NavItem
	FeedURL string
}

// NavItem is one entry of the main navigation.
type NavItem struct {
	Name    string
	URL     string
	Current bool
}

// Link is a named link with an optional count (of stories, mentions, …).
type Link struct {
	Name  string
	URL   string
	Count int
	// Note is a short secondary label ("person", "2018-05-31", …).
	Note string
}

// StoryRef is a story as it appears in a list.
type StoryRef struct {
	Title string
	URL   string
	Date  string // YYYY-MM-DD, "" when undated
	// DateLabel is the human form ("31 May 2018").
	DateLabel string
	Summary   string
	// Context is the sentence of the story that mentions the page's subject, if any.
	Context string
	// HTML, when set, is this entry rendered by the theme's "story-ref"
	// partial; list templates print it instead of rendering the fields again.
	// A story appears in dozens of lists but at few page depths, so the build
	// renders it once per depth.
	HTML template.HTML
}

// StoryGroup is a run of stories under a heading (a year, a month, "before", …).
type StoryGroup struct {
	Heading string
	ID      string // anchor id
	Stories []StoryRef
}

// StoryPage is one story.
type StoryPage struct {
	Date      string
	DateLabel string
	DateURL   string // the day page
	// Body is the story rendered from its Markdown by goldmark.
	Body     template.HTML
	People   []Link
	Places   []Link
	Orgs     []Link
	Dates    []Link // dates the story mentions, Note = "before"/"after"/"same day"
	Tags     []Link
	Handles  []string
	Quotes   []QuoteRef
	Prev     *StoryRef // the previous story in time
	Next     *StoryRef
	Source   string // the source file's path in the content folder
	Related  []StoryRef
	Markdown string // relative URL of the exported Markdown, if published
}

// QuoteRef is a quote with its speaker and story.
type QuoteRef struct {
	Text    string
	Speaker Link
	Story   StoryRef
}

// EntityPage is one person, place or organisation.
type EntityPage struct {
	Kind        string // "person", "place", "organisation"
	KindLabel   string // "Person", …
	Name        string
	Aliases     []string
	Description string
	Links       []Link // external links from annotations
	Mentions    int    // total mentions across the archive
	StoryCount  int
	First, Last string // dates of the first and last story
	// Timeline is the stories in date order, grouped by year.
	Timeline []StoryGroup
	People   []Link // co-mentioned, with counts
	Places   []Link
	Orgs     []Link
	Dates    []Link // dates tied to the entity (mentioned in its stories), with counts
	Quotes   []QuoteRef
	// Years links to per-year pages when the timeline is split by year.
	Years []Link
}

// EntitiesPage is the A–Z index of one kind.
type EntitiesPage struct {
	Kind    string
	Letters []LetterGroup
	Total   int
}

// LetterGroup is the entries under one initial.
type LetterGroup struct {
	Letter  string
	ID      string
	Entries []Link
}

// HomePage lists the latest stories and the archive's months.
type HomePage struct {
	Latest    []StoryRef
	Months    []Link // month pages, newest first, with story counts
	TopPeople []Link
	TopPlaces []Link
	TopOrgs   []Link
	Stats     Stats
}

// Stats counts the archive.
type Stats struct {
	Stories, People, Places, Orgs, Days int
}

// CalendarPage lists the years and months that have stories or mentions.
type CalendarPage struct {
	Years []CalendarYear
	// Undated links to the stories without a date, when there are any.
	Undated *Link
}

// CalendarYear is one year of the calendar.
type CalendarYear struct {
	Year   Link
	Months []Link // 12 entries; URL "" for months with nothing
}

// PeriodPage is a year, month or day page.
type PeriodPage struct {
	Level string // "year", "month", "day"
	Label string // "2018", "May 2018", "Thursday 31 May 2018"
	// Published are the stories published in the period.
	Published []StoryRef
	// Before are stories published before the period that mention it;
	// After, those published after it.
	Before []StoryRef
	After  []StoryRef
	// The totals: a year page lists its months rather than its stories, and
	// Before and After hold at most the newest hundred on long lists.
	PublishedCount, BeforeCount, AfterCount int
	// SameDay are stories published in the period that also mention it.
	People []Link
	Places []Link
	Orgs   []Link
	// Children are the months of a year or the days of a month, with counts.
	Children   []Link
	Prev, Next *Link
	Up         *Link
}

// TagPage is one hashtag.
type TagPage struct {
	Name    string
	Stories []StoryRef
}

// TagsPage lists all hashtags.
type TagsPage struct {
	Tags []Link
}

// DocPage is a hand-written page.
type DocPage struct {
	Body template.HTML
	Date string
}

// RedirectPage sends the reader from an old URL to the new one.
type RedirectPage struct {
	To string // relative URL
}

// ListPage is a plain list of stories.
type ListPage struct {
	Stories []StoryRef
}
