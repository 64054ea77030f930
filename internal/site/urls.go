package site

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"

	"github.com/storygen/storygen/internal/story"
)

// assignURLs gives every story its folder: "2018/05/31/<slug>/", or
// "undated/<slug>/". The slug is front matter's slug, else the title's. URLs
// are promises, so they depend only on the story itself: when several stories
// share a date and slug, the one whose file path sorts first keeps the plain
// slug and each other gets a suffix derived from its own file path.
func (b *builder) assignURLs() {
	byURL := map[string][]*doc{}
	var order []string
	for _, d := range b.docs { // sorted by path
		slug := story.Slugify(d.slug)
		if slug == "" {
			slug = story.Slugify(d.title)
		}
		if slug == "" {
			slug = story.Slugify(strings.TrimSuffix(path.Base(d.path), path.Ext(d.path)))
		}
		if slug == "" {
			slug = "story"
		}
		d.slug = slug
		prefix := "undated/"
		if !d.date.IsZero() {
			prefix = d.date.Format("2006/01/02") + "/"
		}
		u := prefix + slug + "/"
		if _, ok := byURL[u]; !ok {
			order = append(order, u)
		}
		byURL[u] = append(byURL[u], d)
	}
	used := map[string]bool{}
	for _, u := range order {
		used[u] = true
	}
	for _, u := range order {
		ds := byURL[u]
		ds[0].url = u
		for _, d := range ds[1:] {
			sum := sha256.Sum256([]byte(d.path))
			h := hex.EncodeToString(sum[:])
			n := 6
			nu := strings.TrimSuffix(u, "/") + "-" + h[:n] + "/"
			for used[nu] && n < len(h) {
				n += 2
				nu = strings.TrimSuffix(u, "/") + "-" + h[:n] + "/"
			}
			used[nu] = true
			d.url = nu
			d.slug = path.Base(strings.TrimSuffix(nu, "/"))
			b.warn(story.Warning{Path: d.path, Msg: "same date and slug as " + ds[0].path + "; published at /" + nu})
		}
	}
}
