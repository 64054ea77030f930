package render

import (
	"bytes"
	"slices"
	"strings"
)

// A page deep in the site links to the root dozens of times (every entity
// mention, every list entry), each link starting with "../../../../". A page
// whose template writes <base href="{{.Base}}"> gets its relative links
// rewritten relative to that base, which is the site root: the prefix is
// written once. The base is itself relative, so the site still works at a
// domain root, under a sub-path and from disk.

// baseOf is the <base> href for p: its Root when the page is below the root
// and its own folder is known, else "" (no base, links as given).
// The folder is Canonical without the site's base URL; redirect pages are
// left alone, as their refresh URL is not an attribute the rewrite sees.
func baseOf(p *Page) (base, self string) {
	if p.Kind == "redirect" || p.Site == nil || p.Site.BaseURL == "" ||
		!strings.HasPrefix(p.Root, "../") || !strings.HasPrefix(p.Canonical, p.Site.BaseURL) {
		return "", ""
	}
	self = p.Canonical[len(p.Site.BaseURL):]
	if self == "" || !strings.HasSuffix(self, "/") || strings.Count(self, "/") != strings.Count(p.Root, "../") {
		return "", ""
	}
	return p.Root, self
}

// urlAttrs are the attributes whose relative URLs a <base> changes.
var urlAttrs = [][]byte{[]byte(`href="`), []byte(`src="`), []byte(`action="`)}

// rebase rewrites, after the <base href="root"> tag, every relative href, src
// and action value so that it means against root what it meant against the
// page's own folder self (e.g. "2018/05/31/slug/"). It returns a new slice,
// a copy of page when the tag is missing (a theme that does not use <base>).
func rebase(page []byte, root, self string) []byte {
	return appendRebasedPage(nil, page, root, self)
}

// appendRebasedPage is rebase appending to dst.
func appendRebasedPage(dst, page []byte, root, self string) []byte {
	tag := `<base href="` + root + `">`
	at := bytes.Index(page, []byte(tag))
	if at < 0 {
		return append(dst, page...)
	}
	at += len(tag)
	out := slices.Grow(dst, len(page))
	out = append(out, page[:at]...)
	rest := page[at:]
	for {
		// The next attribute: its name is preceded by a space, so
		// "data-href" or text in a JSON-LD block (quotes escaped) do not count.
		i, n := nextAttr(rest)
		if i < 0 {
			out = append(out, rest...)
			return out
		}
		out = append(out, rest[:i+n]...)
		rest = rest[i+n:]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			out = append(out, rest...)
			return out
		}
		out = appendRebased(out, rest[:end], root, self)
		rest = rest[end:]
	}
}

// nextAttr finds the first ` href="`, ` src="` or ` action="` in b: the index
// of the name and the length of name and quote.
func nextAttr(b []byte) (int, int) {
	best, bestN := -1, 0
	off := 0
	for {
		j := bytes.IndexByte(b[off:], '=')
		if j < 0 {
			return best, bestN
		}
		j += off
		off = j + 1
		if j+1 >= len(b) || b[j+1] != '"' {
			continue
		}
		for _, a := range urlAttrs {
			name := a[:len(a)-2]
			s := j - len(name)
			if s >= 1 && bytes.Equal(b[s:j], name) && isSpace(b[s-1]) {
				return s, len(a)
			}
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// appendRebased appends v (an attribute value as written, relative to self)
// as a URL relative to root.
func appendRebased(out, v []byte, root, self string) []byte {
	if isAbsolute(v) {
		return append(out, v...)
	}
	// The common case, a link into the site: drop the prefix.
	if bytes.HasPrefix(v, []byte(root)) {
		r := v[len(root):]
		if len(r) == 0 || r[0] == '#' || r[0] == '?' {
			out = append(out, "./"...)
		}
		return append(out, r...)
	}
	// Anything else is relative to the page: resolve it from self.
	p, suffix := v, []byte(nil)
	if k := bytes.IndexAny(v, "?#"); k >= 0 {
		p, suffix = v[:k], v[k:]
	}
	joined := self + string(p)
	trailing := len(p) == 0 || bytes.HasSuffix(p, []byte("/")) || bytes.HasSuffix(p, []byte("/.")) ||
		bytes.HasSuffix(p, []byte("/..")) || string(p) == "." || string(p) == ".."
	var segs []string
	up := 0
	for _, s := range strings.Split(joined, "/") {
		switch s {
		case "", ".":
		case "..":
			if len(segs) > 0 {
				segs = segs[:len(segs)-1]
			} else {
				up++
			}
		default:
			segs = append(segs, s)
		}
	}
	res := strings.Repeat("../", up) + strings.Join(segs, "/")
	if trailing && len(segs) > 0 {
		res += "/"
	}
	if res == "" {
		res = "./"
	}
	out = append(out, res...)
	return append(out, suffix...)
}

// isAbsolute reports whether v does not depend on the base: it has a scheme
// ("https:", "mailto:") or starts with "/".
func isAbsolute(v []byte) bool {
	if len(v) > 0 && v[0] == '/' {
		return true
	}
	for i, c := range v {
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
