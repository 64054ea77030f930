package site

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/markdown"
	"github.com/storygen/storygen/internal/render"
)

// mentionsShown caps the before and after lists of a period page.
const mentionsShown = 100

func (b *builder) periodPage(g *group, pr *period) error {
	v := pr.value
	dir := markdown.DateURL(v)
	root := rootOf(dir)
	level := map[int]string{4: "year", 7: "month", 10: "day"}[len(v)]
	p := b.newPage("period", dir, dateLabel(v), "dates")
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}, {Name: "Dates", URL: root + "dates/"}}
	if len(v) >= 7 {
		p.Breadcrumbs = append(p.Breadcrumbs, render.Link{Name: v[:4], URL: root + markdown.DateURL(v[:4])})
	}
	if len(v) == 10 {
		p.Breadcrumbs = append(p.Breadcrumbs, render.Link{Name: dateLabel(v[:7]), URL: root + markdown.DateURL(v[:7])})
	}
	pp := &render.PeriodPage{Level: level, Label: dateLabel(v)}
	// A year lists its months rather than every story; months and days list stories.
	if level != "year" {
		ref := b.storyLine
		if level == "day" {
			ref = b.storyRef
		}
		pp.Published = b.storyRefs(pr.published, root, ref)
	}
	var before, after []int32
	for _, di := range pr.mentioned {
		dv := b.docs[di].dateValue()
		switch {
		case dv == "":
			continue
		case dv[:len(v)] == v:
			continue // published within the period: listed under Published
		case dv < v:
			before = append(before, di)
		default:
			after = append(after, di)
		}
	}
	// The people, places and organisations in the period's stories.
	counts := map[*entity]int{}
	seen := map[int32]bool{}
	for _, list := range [][]int32{pr.published, pr.mentioned} {
		for _, di := range list {
			if seen[di] {
				continue
			}
			seen[di] = true
			for _, de := range b.idx.docEnts[di] {
				counts[de.e]++
			}
		}
	}
	ents := make([]docEntity, 0, len(counts))
	for e, n := range counts {
		ents = append(ents, docEntity{e: e, count: n})
	}
	pp.People, pp.Places, pp.Orgs = b.linksByKind(ents, root, coMentionsMax)
	// Long mention lists keep the stories nearest the period: the newest
	// looking ahead, the first looking back.
	pp.PublishedCount, pp.BeforeCount, pp.AfterCount = len(pr.published), len(before), len(after)
	if len(before) > mentionsShown {
		before = before[len(before)-mentionsShown:]
	}
	if len(after) > mentionsShown {
		after = after[:mentionsShown]
	}
	pp.Before = b.storyRefs(before, root, b.storyLine)
	pp.After = b.storyRefs(after, root, b.storyLine)
	// Children: the months of a year, the days of a month.
	if level != "day" {
		kids := b.idx.children[v]
		for _, k := range kids {
			kp := b.idx.periods[k]
			name := dateLabel(k)
			if len(k) == 10 {
				name = shortDateLabel(k)
			}
			pp.Children = append(pp.Children, render.Link{Name: name, URL: root + markdown.DateURL(k),
				Count: len(kp.published), Note: strconv.Itoa(len(kp.mentioned)) + " mentions"})
		}
	}
	// Neighbours of the same level.
	same := b.idx.levels[len(v)]
	i := sort.SearchStrings(same, v)
	if i > 0 {
		pp.Prev = &render.Link{Name: dateLabel(same[i-1]), URL: root + markdown.DateURL(same[i-1])}
	}
	if i+1 < len(same) {
		pp.Next = &render.Link{Name: dateLabel(same[i+1]), URL: root + markdown.DateURL(same[i+1])}
	}
	if len(v) > 4 {
		up := v[:len(v)-3]
		pp.Up = &render.Link{Name: dateLabel(up), URL: root + markdown.DateURL(up)}
	}
	p.Period = pp
	p.Description = fmt.Sprintf("%s: %d stories published, %d earlier and %d later stories mention it.",
		dateLabel(v), pp.PublishedCount, pp.BeforeCount, pp.AfterCount)
	return b.emitKeyed(g, dir, p, 0, nil)
}

func (b *builder) homePage() error {
	p := b.newPage("home", "", b.cfg.Title, "home")
	hp := &render.HomePage{}
	dated := 0
	for _, di := range b.idx.timeline {
		if !b.docs[di].date.IsZero() {
			dated++
		}
	}
	for i := dated - 1; i >= 0 && len(hp.Latest) < homeLatest; i-- {
		hp.Latest = append(hp.Latest, b.storyRef(b.idx.timeline[i], "./"))
	}
	var months []string
	for k, pr := range b.idx.periods {
		if len(k) == 7 && len(pr.published) > 0 {
			months = append(months, k)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(months)))
	for _, m := range months {
		hp.Months = append(hp.Months, render.Link{Name: dateLabel(m), URL: "./" + markdown.DateURL(m), Count: len(b.idx.periods[m].published)})
	}
	top := func(k extract.Kind) []render.Link {
		var ls []render.Link
		for _, e := range b.idx.kindEntities(k) {
			ls = append(ls, b.entLink(e, "./", len(e.stories)))
		}
		byCount(ls)
		if len(ls) > topOnHome {
			ls = ls[:topOnHome]
		}
		return ls
	}
	hp.TopPeople, hp.TopPlaces, hp.TopOrgs = top(extract.Person), top(extract.Place), top(extract.Organisation)
	days := 0
	for k, pr := range b.idx.periods {
		if len(k) == 10 && len(pr.published) > 0 {
			days++
		}
	}
	hp.Stats = render.Stats{Stories: len(b.docs), People: len(b.idx.kindEntities(extract.Person)),
		Places: len(b.idx.kindEntities(extract.Place)), Orgs: len(b.idx.kindEntities(extract.Organisation)), Days: days}
	p.Home = hp
	p.Description = b.cfg.Description
	if b.cfg.Feeds.Enabled {
		p.FeedURL = "./feed.xml"
	}
	return b.emit("", p)
}

func (b *builder) calendarPage() error {
	dir := "dates/"
	root := rootOf(dir)
	p := b.newPage("calendar", dir, "Dates", "dates")
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}}
	var years []string
	for k := range b.idx.periods {
		if len(k) == 4 {
			years = append(years, k)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(years)))
	cp := &render.CalendarPage{}
	for _, y := range years {
		yp := b.idx.periods[y]
		cy := render.CalendarYear{Year: render.Link{Name: y, URL: root + markdown.DateURL(y), Count: len(yp.published)}}
		for m := 1; m <= 12; m++ {
			v := fmt.Sprintf("%s-%02d", y, m)
			l := render.Link{Name: monthNames[m-1][:3], Note: v}
			if mp := b.idx.periods[v]; mp != nil {
				l.URL = root + markdown.DateURL(v)
				l.Count = len(mp.published)
			}
			cy.Months = append(cy.Months, l)
		}
		cp.Years = append(cp.Years, cy)
	}
	if n := b.undatedCount(); n > 0 {
		cp.Undated = &render.Link{Name: "Undated stories", URL: root + "undated/", Count: n}
	}
	p.Calendar = cp
	p.Description = "Every year and month of the archive: stories published, and dates the stories mention."
	return b.emit(dir, p)
}

func (b *builder) tagPage(g *group, t string) error {
	dir := "tags/" + t + "/"
	root := rootOf(dir)
	p := b.newPage("tag", dir, "#"+t, "tags")
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}, {Name: "Tags", URL: root + "tags/"}}
	p.Tag = &render.TagPage{Name: t, Stories: b.storyRefs(b.idx.tags[t], root, b.storyLine)}
	return b.emitKeyed(g, dir, p, 0, nil)
}

func (b *builder) tagsPage() error {
	dir := "tags/"
	root := rootOf(dir)
	p := b.newPage("tags", dir, "Tags", "tags")
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}}
	tp := &render.TagsPage{}
	for t, l := range b.idx.tags {
		tp.Tags = append(tp.Tags, render.Link{Name: t, URL: root + "tags/" + t + "/", Count: len(l)})
	}
	sort.Slice(tp.Tags, func(i, j int) bool { return tp.Tags[i].Name < tp.Tags[j].Name })
	p.Tags = tp
	return b.emit(dir, p)
}

func (b *builder) undatedCount() int {
	n := 0
	for _, d := range b.docs {
		if d.date.IsZero() {
			n++
		}
	}
	return n
}

// undatedPage lists the stories without a date; there is none when every
// story has one.
func (b *builder) undatedPage() error {
	if b.undatedCount() == 0 {
		return nil
	}
	dir := "undated/"
	root := rootOf(dir)
	p := b.newPage("undated", dir, "Undated stories", "dates")
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: root}}
	lp := &render.ListPage{}
	for _, di := range b.idx.timeline {
		if b.docs[di].date.IsZero() {
			lp.Stories = append(lp.Stories, b.storyRef(di, root))
		}
	}
	p.Undated = lp
	return b.emit(dir, p)
}

func (b *builder) searchPage() error {
	dir := "search/"
	p := b.newPage("search", dir, "Search", "search")
	p.Breadcrumbs = []render.Link{{Name: "Home", URL: rootOf(dir)}}
	return b.emit(dir, p)
}
