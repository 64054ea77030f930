// Package config reads and validates site.toml.
//
// Every mistake in the file is reported with its line ("site.toml:7: paginate:
// want an integer, got string"), unknown keys included: a misspelt option that
// is silently ignored looks to the user like a bug in the build.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/storygen/storygen/internal/config/tomlpos"
)

// Config is a validated site configuration.
type Config struct {
	// Path is the file the configuration was read from; "" for Default().
	Path string

	Title string
	// BaseURL is the absolute http(s) URL the site is published at, always
	// ending in '/': "https://someone.github.io/archive/".
	BaseURL     string
	Language    string // a BCP 47 tag, "en" by default
	Theme       string // a folder name under themes/, or the embedded "default"
	ContentDir  string // relative to the site folder unless absolute
	PublishDir  string
	Paginate    int // entries per page of long lists
	Description string
	Author      string

	Extract Extract
	Feeds   Feeds
	Search  Search
	// Menu is sorted by weight; entries of equal weight keep file order.
	Menu []MenuEntry

	basePath string
}

// Extract holds the [extract] options.
type Extract struct {
	// Captions: treat "<words> Credit: <words>" lines as photo captions, kept
	// out of the story's entity mentions (default true).
	Captions bool
	// ArchiveRules: resolve short forms archive-wide ("the archive knows only
	// one Trump"), as listed by "storygen check" (default true).
	ArchiveRules bool
}

// Feeds holds the [feeds] options.
type Feeds struct {
	Enabled bool
	Entries int // entries per feed
}

// Search holds the [search] options.
type Search struct {
	Enabled bool
}

// MenuEntry is one [[menu]] link of the site navigation.
type MenuEntry struct {
	Name   string
	URL    string // relative to the site root ("about/"), or absolute
	Weight int
}

// Default is the configuration of a site without a site.toml.
func Default() *Config {
	return &Config{
		Title:      "Story archive",
		BaseURL:    "http://localhost:1313/",
		Language:   "en",
		Theme:      "default",
		ContentDir: "content",
		PublishDir: "public",
		Paginate:   20,
		Extract:    Extract{Captions: true, ArchiveRules: true},
		Feeds:      Feeds{Enabled: true, Entries: 20},
		Search:     Search{Enabled: true},
		basePath:   "/",
	}
}

// Load reads and validates the file at path. A missing file is an error
// (errors.Is(err, fs.ErrNotExist)); the caller decides whether Default() will do.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read site configuration: %w", err)
	}
	return Parse(path, data)
}

// Parse reads and validates a site.toml's content. path names the file in
// messages. All problems are reported together, one "path:line: …" each.
func Parse(path string, data []byte) (*Config, error) {
	doc := string(data)
	var raw map[string]any
	if _, err := toml.Decode(doc, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := Default()
	c.Path = path
	d := &decoder{path: path, ix: tomlpos.New(doc)}
	baseURLSet := false
	d.table(raw, nil, fields{
		"title":       d.str(&c.Title),
		"baseURL":     func(k []string, v any) { baseURLSet = true; d.str(&c.BaseURL)(k, v) },
		"language":    d.str(&c.Language),
		"theme":       d.str(&c.Theme),
		"contentDir":  d.str(&c.ContentDir),
		"publishDir":  d.str(&c.PublishDir),
		"paginate":    d.int(&c.Paginate),
		"description": d.str(&c.Description),
		"author":      d.str(&c.Author),
		"extract": d.sub(func(m map[string]any, k []string) {
			d.table(m, k, fields{
				"captions":     d.bool(&c.Extract.Captions),
				"archiveRules": d.bool(&c.Extract.ArchiveRules),
			})
		}),
		"feeds": d.sub(func(m map[string]any, k []string) {
			d.table(m, k, fields{
				"enabled": d.bool(&c.Feeds.Enabled),
				"entries": d.int(&c.Feeds.Entries),
			})
		}),
		"search": d.sub(func(m map[string]any, k []string) {
			d.table(m, k, fields{"enabled": d.bool(&c.Search.Enabled)})
		}),
		"menu": func(k []string, v any) { c.Menu = d.menu(k, v) },
	})
	if len(d.errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	if !baseURLSet {
		d.errs = append(d.errs, fmt.Errorf("%s: baseURL is missing: set it to the address the site is published at, e.g. \"https://someone.github.io/archive/\"", path))
	}
	c.validate(d)
	if len(d.errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	slices.SortStableFunc(c.Menu, func(a, b MenuEntry) int { return cmp.Compare(a.Weight, b.Weight) })
	return c, nil
}

// validate checks values and normalises BaseURL.
func (c *Config) validate(d *decoder) {
	if err := c.SetBaseURL(c.BaseURL); err != nil {
		d.errf([]string{"baseURL"}, "baseURL: %v", err)
	}
	if c.Language == "" || !isLanguageTag(c.Language) {
		d.errf([]string{"language"}, "language: %q is not a language tag such as \"en\" or \"en-GB\"", c.Language)
	}
	if c.Theme == "" || c.Theme == "." || c.Theme == ".." || strings.ContainsAny(c.Theme, `/\`) {
		d.errf([]string{"theme"}, "theme: %q is not a folder name under themes/", c.Theme)
	}
	if strings.TrimSpace(c.ContentDir) == "" {
		d.errf([]string{"contentDir"}, "contentDir is empty")
	}
	if msg := checkPublishDir(c.PublishDir, c.ContentDir); msg != "" {
		d.errf([]string{"publishDir"}, "publishDir: %s", msg)
	}
	if c.Paginate < 1 {
		d.errf([]string{"paginate"}, "paginate: %d is not a positive number", c.Paginate)
	}
	if c.Feeds.Entries < 1 {
		d.errf([]string{"feeds", "entries"}, "feeds.entries: %d is not a positive number", c.Feeds.Entries)
	}
	for i, m := range c.Menu {
		key := []string{"menu", tomlpos.Elem(i)}
		if strings.TrimSpace(m.Name) == "" {
			d.errf(append(key, "name"), "menu entry %d has no name", i+1)
		}
		if strings.TrimSpace(m.URL) == "" {
			d.errf(append(key, "url"), "menu entry %d (%s) has no url", i+1, m.Name)
		} else if u, err := url.Parse(m.URL); err != nil || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto" {
			d.errf(append(key, "url"), "menu entry %d (%s): url %q is not a site path or web address", i+1, m.Name, m.URL)
		}
	}
}

// checkPublishDir refuses folders the build would destroy or mix with the
// input: the build replaces publishDir wholesale.
func checkPublishDir(pub, content string) string {
	if strings.TrimSpace(pub) == "" {
		return "is empty"
	}
	p := filepath.Clean(pub)
	if p == "." || p == string(filepath.Separator) || filepath.VolumeName(p)+string(filepath.Separator) == p {
		return fmt.Sprintf("%q would replace the site folder or the file system root", pub)
	}
	if onlyParents(p) {
		return fmt.Sprintf("%q is a parent of the site folder", pub)
	}
	if content == "" {
		return ""
	}
	cc := filepath.Clean(content)
	switch {
	case p == cc:
		return fmt.Sprintf("%q is the content folder", pub)
	case within(p, cc):
		return fmt.Sprintf("%q is inside the content folder %q", pub, content)
	case within(cc, p):
		return fmt.Sprintf("%q contains the content folder %q", pub, content)
	}
	return ""
}

// onlyParents reports "..", "../..", …
func onlyParents(p string) bool {
	for _, part := range strings.Split(filepath.ToSlash(p), "/") {
		if part != ".." {
			return false
		}
	}
	return true
}

// within reports whether cleaned path a lies inside cleaned path b.
func within(a, b string) bool {
	rel, err := filepath.Rel(b, a)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// isLanguageTag checks the shape of a BCP 47 tag: "en", "en-GB", "zh-Hant-TW".
func isLanguageTag(s string) bool {
	for i, part := range strings.Split(s, "-") {
		if len(part) == 0 || len(part) > 8 || i == 0 && len(part) < 2 {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' && i > 0) {
				return false
			}
		}
	}
	return true
}

// SetBaseURL validates and sets BaseURL (for a --baseURL flag, or serve
// mode), adding the final '/' if missing. On error c is unchanged.
func (c *Config) SetBaseURL(s string) error {
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL: %w", s, err)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Opaque != "":
		return fmt.Errorf("%q is not an absolute http(s) URL such as \"https://someone.github.io/archive/\"", s)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.User != nil:
		return fmt.Errorf("%q must not have a query, fragment or user name", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	c.BaseURL = u.String()
	c.basePath = u.EscapedPath()
	return nil
}

// BasePath is the path part of BaseURL, with both slashes: "/archive/", or "/".
func (c *Config) BasePath() string {
	if c.basePath == "" {
		return "/"
	}
	return c.basePath
}

// AbsURL makes an absolute URL of a site path. rel is relative to the site
// root whether or not it starts with '/' (a project site lives under
// BaseURL's path): AbsURL("/people/x/") is BaseURL + "people/x/". A URL with
// a scheme is returned as is.
func (c *Config) AbsURL(rel string) string {
	if u, err := url.Parse(rel); err == nil && u.Scheme != "" {
		return rel
	}
	return c.BaseURL + strings.TrimLeft(rel, "/")
}
