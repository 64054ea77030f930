package story

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/storygen/storygen/internal/config/tomlpos"
)

// annotationTables are per-story overrides in entities.toml's format; the
// story package keeps them raw (Story.FrontMatter) for the annotation reader.
var annotationTables = map[string]bool{
	"person": true, "place": true, "organisation": true, "ignore": true, "merge": true,
}

// frontMatter reads an optional "+++" block at the top of the text and returns
// the offset and line number where the story proper begins.
func (p *parser) frontMatter() (pos, line int) {
	t := p.text
	end, next := p.nextLine(0)
	if strings.TrimSpace(t[:end]) != "+++" {
		return 0, 1
	}
	for q, l := next, 2; q < len(t); l++ {
		e, n := p.nextLine(q)
		if strings.TrimSpace(t[q:e]) == "+++" {
			p.s.FrontMatter = t[next:q]
			p.s.FrontMatterLine = 2
			p.decodeFrontMatter(p.s.FrontMatter, 2)
			return n, l + 1
		}
		q = n
	}
	p.warn(1, "front matter opened with +++ is not closed; read as story text")
	return 0, 1
}

// decodeFrontMatter applies the known keys; firstLine is the file line of
// fm's first line. Any problem is a warning and the key is ignored.
func (p *parser) decodeFrontMatter(fm string, firstLine int) {
	if strings.Contains(fm, "\r") {
		// The toml package reads CRLF; a lone CR it rejects.
		fm = strings.ReplaceAll(fm, "\r\n", "\n")
	}
	var m map[string]any
	md, err := toml.Decode(fm, &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			p.warn(firstLine-1+pe.Position.Line, "front matter: %s; front matter ignored", pe.Message)
		} else {
			p.warn(firstLine, "front matter: %v; front matter ignored", err)
		}
		return
	}
	ix := tomlpos.New(fm)
	lineOf := func(key string) int {
		if l := ix.Line([]string{key}); l > 0 {
			return firstLine - 1 + l
		}
		return firstLine
	}
	seen := map[string]bool{}
	for _, k := range md.Keys() {
		name := k[0]
		if seen[name] {
			continue
		}
		seen[name] = true
		v := m[name]
		switch name {
		case "title":
			s, ok := v.(string)
			if !ok {
				p.warn(lineOf(name), "front matter: title must be a string")
				continue
			}
			if s = strings.TrimSpace(s); s != "" {
				p.s.Title, p.s.TitleFromFrontMatter = s, true
			}
		case "date":
			d, err := frontMatterDate(v)
			if err != nil {
				p.warn(lineOf(name), "front matter: date: %v", err)
				continue
			}
			if d.Year() < minPlausibleYear || d.Year() >= maxPlausibleYear {
				p.warn(lineOf(name), "front matter: date %s has an implausible year; kept", d.Format("2006-01-02"))
			}
			p.s.Date = d
		case "slug":
			s, ok := v.(string)
			if !ok {
				p.warn(lineOf(name), "front matter: slug must be a string")
				continue
			}
			clean := Slugify(s)
			if clean != s {
				p.warn(lineOf(name), "front matter: slug %q is not URL-safe; using %q", s, clean)
			}
			p.s.Slug = clean
		case "tags":
			tags, ok := stringList(v)
			if !ok {
				p.warn(lineOf(name), "front matter: tags must be an array of strings")
				continue
			}
			p.s.Tags = tags
		case "draft":
			b, ok := v.(bool)
			if !ok {
				p.warn(lineOf(name), "front matter: draft must be true or false")
				continue
			}
			p.s.Draft = b
		default:
			if !annotationTables[name] {
				p.warn(lineOf(name), "front matter: unknown key %q", name)
			}
		}
	}
}

// frontMatterDate accepts a TOML date or date-time (its calendar day is
// taken as written, ignoring any offset) or a "YYYY-MM-DD" string.
func frontMatterDate(v any) (time.Time, error) {
	switch d := v.(type) {
	case time.Time:
		y, m, dd := d.Date()
		if y == 1 && m == 1 && dd == 1 {
			return time.Time{}, errors.New("0001-01-01 is a placeholder, ignored")
		}
		return dateUTC(y, int(m), dd), nil
	case string:
		y, m, dd, ok := parseISODate(strings.TrimSpace(d))
		if !ok {
			return time.Time{}, fmt.Errorf("%q is not a YYYY-MM-DD calendar date", d)
		}
		if y == 1 && m == 1 && dd == 1 {
			return time.Time{}, errors.New("0001-01-01 is a placeholder, ignored")
		}
		return dateUTC(y, m, dd), nil
	}
	return time.Time{}, fmt.Errorf("want a date such as 2018-05-31, got %T", v)
}

func stringList(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, true
}
