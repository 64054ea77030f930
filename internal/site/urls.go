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
	// Each story's own URL is computed when it is parsed (and cached with
	// it); here only stories that share one are told apart.
	byURL := make(map[string][]*doc, len(b.docs))
	order := make([]string, 0, len(b.docs))
	for _, d := range b.docs { // sorted by path
		u := d.url0
		if _, ok := byURL[u]; !ok {
			order = append(order, u)
		}
		byURL[u] = append(byURL[u], d)
	}
	var used map[string]bool // every URL taken, made at the first duplicate
	for _, u := range order {
		ds := byURL[u]
		ds[0].url = u
		if len(ds) > 1 && used == nil {
			used = make(map[string]bool, len(order))
			for _, u := range order {
				used[u] = true
			}
		}
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

// storyURL is a story's slug and URL on its own: from front matter slug,
// else title, else file name.
func storyURL(d *doc) (slug, url string) {
	slug = story.Slugify(d.slug)
	if slug == "" {
		slug = story.Slugify(d.title)
	}
	if slug == "" {
		slug = story.Slugify(strings.TrimSuffix(path.Base(d.path), path.Ext(d.path)))
	}
	if slug == "" {
		slug = "story"
	}
	prefix := "undated/"
	if !d.date.IsZero() {
		prefix = d.date.Format("2006/01/02") + "/"
	}
	return slug, prefix + slug + "/"
}
