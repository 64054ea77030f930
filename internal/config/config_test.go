package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const full = `# A complete site.toml
title = "North Korea archive"
baseURL = "https://someone.github.io/archive"
language = "en-GB"
theme = "plain"
contentDir = "stories"
publishDir = "docs"
paginate = 50
description = "Stories, people, places"
author = "An Editor"

[extract]
captions = false
archiveRules = false

[feeds]
enabled = false
entries = 10

[search]
enabled = false

[[menu]]
name = "About"
url = "about/"
weight = 2

[[menu]]
name = "Home"
url = "/"
weight = 1

[[menu]]
name = "Source"
url = "https://github.com/someone/archive"
weight = 2
`

func TestParseFull(t *testing.T) {
	c, err := Parse("site.toml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Path:        "site.toml",
		Title:       "North Korea archive",
		BaseURL:     "https://someone.github.io/archive/",
		Language:    "en-GB",
		Theme:       "plain",
		ContentDir:  "stories",
		PublishDir:  "docs",
		Paginate:    50,
		Description: "Stories, people, places",
		Author:      "An Editor",
		Extract:     Extract{},
		Feeds:       Feeds{Entries: 10},
		Search:      Search{},
		Menu: []MenuEntry{
			{"Home", "/", 1},
			{"About", "about/", 2},
			{"Source", "https://github.com/someone/archive", 2},
		},
		basePath: "/archive/",
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

func TestParseMinimal(t *testing.T) {
	c, err := Parse("site.toml", []byte(`baseURL = "http://example.org"`))
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Path = "site.toml"
	want.BaseURL = "http://example.org/"
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
	if c.BasePath() != "/" || c.AbsURL("/feed.xml") != "http://example.org/feed.xml" {
		t.Errorf("BasePath %q AbsURL %q", c.BasePath(), c.AbsURL("/feed.xml"))
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string // each error line, in order
	}{
		{"syntax error", "baseURL = \"https://x.org/\"\ntitle = \"unclosed\n", []string{`site.toml:2: `}},
		{"duplicate key", "baseURL = \"https://x.org/\"\ntitle = \"a\"\n\ntitle = \"b\"\n", []string{`site.toml:4: `}},
		{"unknown key", "baseURL = \"https://x.org/\"\n\nbaseUrl = \"https://y.org/\"\n", []string{`site.toml:3: unknown key "baseUrl" (did you mean "baseURL"?)`}},
		{"unknown key in table", "baseURL = \"https://x.org/\"\n[feeds]\nenabled = true\nentriess = 3\n", []string{`site.toml:4: unknown key "feeds.entriess" (did you mean "entries"?)`}},
		{"unknown table", "baseURL = \"https://x.org/\"\n\n[params]\nx = 1\n", []string{`site.toml:3: unknown key "params"`}},
		{"unknown key in second menu entry", "baseURL = \"https://x.org/\"\n[[menu]]\nname = \"A\"\nurl = \"a/\"\n[[menu]]\nname = \"B\"\nurl = \"b/\"\nwieght = 3\n", []string{`site.toml:8: unknown key "menu.wieght" (did you mean "weight"?)`}},
		{"wrong types", "baseURL = \"https://x.org/\"\ntitle = 3\npaginate = \"20\"\n[search]\nenabled = \"yes\"\n[feeds]\nentries = 1.5\n", []string{
			`site.toml:2: title: want a string, got integer 3`,
			`site.toml:3: paginate: want an integer, got string "20"`,
			`site.toml:5: search.enabled: want true or false, got string "yes"`,
			`site.toml:7: feeds.entries: want an integer, got float 1.5`,
		}},
		{"table given as value", "baseURL = \"https://x.org/\"\nfeeds = true\n", []string{`site.toml:2: feeds: want a table [feeds], got boolean true`}},
		{"menu not tables", "baseURL = \"https://x.org/\"\nmenu = \"home\"\n", []string{`site.toml:2: menu: want [[menu]] tables`}},
		{"menu weight type", "baseURL = \"https://x.org/\"\n[[menu]]\nname = \"A\"\nurl = \"a/\"\n[[menu]]\nname = \"B\"\nurl = \"b/\"\nweight = \"1\"\n", []string{`site.toml:8: menu.weight: want an integer, got string "1"`}},
		{"missing baseURL", "title = \"x\"\n", []string{`site.toml: baseURL is missing`}},
		{"relative baseURL", "title = \"x\"\nbaseURL = \"/archive/\"\n", []string{`site.toml:2: baseURL: "/archive/" is not an absolute http(s) URL`}},
		{"ftp baseURL", "baseURL = \"ftp://x.org/\"\n", []string{`site.toml:1: baseURL: "ftp://x.org/" is not an absolute`}},
		{"baseURL with query", "baseURL = \"https://x.org/?a=1\"\n", []string{`site.toml:1: baseURL: "https://x.org/?a=1" must not have a query`}},
		{"empty baseURL", "\nbaseURL = \"\"\n", []string{`site.toml:2: baseURL: "" is not an absolute`}},
		{"publishDir root", "baseURL = \"https://x.org/\"\npublishDir = \"/\"\n", []string{`site.toml:2: publishDir: "/" would replace`}},
		{"publishDir dot", "baseURL = \"https://x.org/\"\npublishDir = \"./\"\n", []string{`site.toml:2: publishDir: "./" would replace`}},
		{"publishDir empty", "baseURL = \"https://x.org/\"\n\npublishDir = \"\"\n", []string{`site.toml:3: publishDir: is empty`}},
		{"publishDir parent", "baseURL = \"https://x.org/\"\npublishDir = \"../..\"\n", []string{`site.toml:2: publishDir: "../.." is a parent`}},
		{"publishDir is contentDir", "baseURL = \"https://x.org/\"\ncontentDir = \"stories\"\npublishDir = \"stories/\"\n", []string{`site.toml:3: publishDir: "stories/" is the content folder`}},
		{"publishDir inside contentDir", "baseURL = \"https://x.org/\"\npublishDir = \"content/public\"\n", []string{`site.toml:2: publishDir: "content/public" is inside the content folder`}},
		{"publishDir contains contentDir", "baseURL = \"https://x.org/\"\ncontentDir = \"site/content\"\npublishDir = \"site\"\n", []string{`site.toml:3: publishDir: "site" contains the content folder`}},
		{"bad values", "baseURL = \"https://x.org/\"\nlanguage = \"english!\"\ntheme = \"../evil\"\ncontentDir = \" \"\npaginate = 0\n[feeds]\nentries = -1\n", []string{
			`site.toml:2: language: "english!" is not a language tag`,
			`site.toml:3: theme: "../evil" is not a folder name`,
			`site.toml:4: contentDir is empty`,
			`site.toml:5: paginate: 0 is not a positive number`,
			`site.toml:7: feeds.entries: -1 is not a positive number`,
		}},
		{"menu entry without name or url", "baseURL = \"https://x.org/\"\n[[menu]]\nname = \"A\"\nurl = \"a/\"\n[[menu]]\nweight = 1\n[[menu]]\nname = \"C\"\nurl = \"javascript:alert(1)\"\n", []string{
			`site.toml:5: menu entry 2 has no name`,
			`site.toml:5: menu entry 2 () has no url`,
			`site.toml:9: menu entry 3 (C): url "javascript:alert(1)" is not a site path`,
		}},
		{"integer out of range", "baseURL = \"https://x.org/\"\npaginate = 99999999999\n", []string{`site.toml:2: paginate: want an integer, got integer 99999999999`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse("site.toml", []byte(c.in))
			if err == nil {
				t.Fatalf("no error, config %+v", cfg)
			}
			if cfg != nil {
				t.Errorf("config returned with an error")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(c.want) {
				t.Fatalf("errors:\n%s\nwant %d: %q", err, len(c.want), c.want)
			}
			for i, l := range lines {
				if !strings.HasPrefix(l, c.want[i]) {
					t.Errorf("error %d = %q, want prefix %q", i, l, c.want[i])
				}
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "site.toml")
	if _, err := Load(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if err := os.WriteFile(path, []byte("baseURL = \"https://x.org/a\"\npaginate = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+":2: paginate") {
		t.Errorf("error %v", err)
	}
	if err := os.WriteFile(path, []byte(full), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil || c.Path != path || c.Title != "North Korea archive" {
		t.Errorf("Load: %+v, %v", c, err)
	}
}

func TestURLs(t *testing.T) {
	cases := []struct {
		base, basePath, rel, abs string
	}{
		{"https://someone.github.io/archive/", "/archive/", "people/mike-pompeo/", "https://someone.github.io/archive/people/mike-pompeo/"},
		{"https://someone.github.io/archive", "/archive/", "/feed.xml", "https://someone.github.io/archive/feed.xml"},
		{"HTTPS://example.org", "/", "", "https://example.org/"},
		{"http://localhost:1313/a/b/", "/a/b/", "https://other.org/x", "https://other.org/x"},
		{"https://example.org/caf%C3%A9 archive/", "/caf%C3%A9%20archive/", "x/", "https://example.org/caf%C3%A9%20archive/x/"},
	}
	for _, c := range cases {
		cfg := Default()
		if err := cfg.SetBaseURL(c.base); err != nil {
			t.Fatalf("SetBaseURL(%q): %v", c.base, err)
		}
		if cfg.BasePath() != c.basePath || cfg.AbsURL(c.rel) != c.abs {
			t.Errorf("%q: BasePath %q, AbsURL(%q) = %q; want %q, %q", c.base, cfg.BasePath(), c.rel, cfg.AbsURL(c.rel), c.basePath, c.abs)
		}
	}
	cfg := Default()
	for _, bad := range []string{"", "example.org", "/archive/", "mailto:a@b.org", "https://", "https://x.org/#top"} {
		if err := cfg.SetBaseURL(bad); err == nil {
			t.Errorf("SetBaseURL(%q) accepted", bad)
		}
	}
	if cfg.BaseURL != Default().BaseURL {
		t.Errorf("failed SetBaseURL changed BaseURL to %q", cfg.BaseURL)
	}
}

func TestDefault(t *testing.T) {
	c := Default()
	if c.BasePath() != "/" || c.Language != "en" || c.Theme != "default" || c.ContentDir != "content" ||
		c.PublishDir != "public" || c.Paginate != 20 || !c.Feeds.Enabled || !c.Search.Enabled || !c.Extract.Captions {
		t.Errorf("Default() = %+v", c)
	}
	if Default() == Default() {
		t.Error("Default shares its value")
	}
}
