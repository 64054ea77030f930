package serve

import (
	"net/url"
	"path"
	"strings"
	"testing"
)

// FuzzRequestPath feeds request targets through the same parsing net/http
// does and checks that every path requestPath accepts names a file inside
// the site: no dot segments, no empty segments but a final one, no
// backslash, NUL or control characters, no encoded slash in the original.
func FuzzRequestPath(f *testing.F) {
	for _, s := range []string{
		"/", "/a/b/", "/a%20b/", "/../etc/passwd", "/a/%2e%2e/b", "/a/%2E%2e%2Fb", "/a%2fb", "/a%5cb",
		"//etc/passwd", "/a//b", "/%00", "/a%0d%0aSet-Cookie:x", "/.%2e/", "/%252e%252e/", "/a/..;/b",
		"/a/b/..", "/a/./b", "/\\..\\x", "http://evil/x", "/%c0%ae%c0%ae/", "/arch/people/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		p, ok := requestPath(u.Path, u.EscapedPath())
		if !ok {
			return
		}
		if !strings.HasPrefix(p, "/") {
			t.Fatalf("%q: accepted relative path %q", target, p)
		}
		for i := 0; i < len(p); i++ {
			if c := p[i]; c < 0x20 || c == 0x7f || c == '\\' {
				t.Fatalf("%q: accepted %q with byte %q", target, p, c)
			}
		}
		segs := strings.Split(p[1:], "/")
		for i, s := range segs {
			if s == "." || s == ".." || s == "" && i != len(segs)-1 {
				t.Fatalf("%q: accepted %q with segment %q", target, p, s)
			}
		}
		// Cleaning changes nothing but a trailing slash: the path is the file.
		if c := path.Clean(p); c != strings.TrimSuffix(p, "/") && c != p {
			t.Fatalf("%q: accepted %q, which cleans to %q", target, p, c)
		}
		if l := strings.ToLower(u.EscapedPath()); strings.Contains(l, "%2f") || strings.Contains(l, "%5c") {
			t.Fatalf("%q: accepted an encoded slash", target)
		}
	})
}
