package markdown

import (
	"bytes"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/story"
)

// Story is what WriteStory needs to write one story's Markdown.
type Story struct {
	Story  *story.Story
	Result *extract.Result // mentions carry their archive-wide IDs
	Title  string
	Slug   string
	Source string // path of the source file in the content folder
	// Root is the relative path from the story's page to the site root
	// ("../../../../" for /2018/05/31/slug/); every link in the body starts with it.
	Root string
	Tags []string // tag ids
	// People, Places, Orgs and Dates list what the front matter names, in order.
	People, Places, Orgs []string
	Dates                []string
	Draft                bool
}

// KindDir is the URL folder of an entity kind.
func KindDir(k extract.Kind) string {
	switch k {
	case extract.Person:
		return "people"
	case extract.Place:
		return "places"
	case extract.Organisation:
		return "organisations"
	}
	return ""
}

// DateURL is the site-relative folder of a date page for a value
// YYYY, YYYY-MM or YYYY-MM-DD: "dates/2018/05/30/".
func DateURL(value string) string {
	b := make([]byte, 0, 17)
	b = append(b, "dates/"...)
	for i := 0; i < len(value); i++ {
		if value[i] == '-' {
			b = append(b, '/')
		} else {
			b = append(b, value[i])
		}
	}
	return string(append(b, '/'))
}

// TagID is the id of a hashtag or front matter tag: its letters and digits,
// lower-cased ("#NorthKorea" → "northkorea"). Non-ASCII letters are kept
// out so ids stay [a-z0-9-].
func TagID(tag string) string {
	b := make([]byte, 0, len(tag))
	for i := 0; i < len(tag); i++ {
		c := tag[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c == '-' || c == '_' || c == ' ':
			if len(b) > 0 && b[len(b)-1] != '-' {
				b = append(b, '-')
			}
		}
	}
	for len(b) > 0 && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// IsHashtag reports whether a tag id from story text is a hashtag: one with a
// letter in it, so "#60" of a stray "&#60;" or "#1" in "No. #1" is not.
func IsHashtag(id string) bool {
	for i := 0; i < len(id); i++ {
		if id[i] >= 'a' && id[i] <= 'z' {
			return true
		}
	}
	return false
}

// span is one link to place in the body.
type span struct {
	start, end int
	url        string // site-relative
}

// WriteStory appends the story's Markdown document to dst.
func WriteStory(dst *bytes.Buffer, s *Story) {
	writeFrontMatter(dst, s)
	text := s.Story.Text
	spans := storySpans(s)
	k := 0
	first := true
	for _, p := range s.Story.Paragraphs {
		if p.Start >= p.End || p.End > len(text) {
			continue
		}
		if !first {
			dst.WriteByte('\n')
		}
		first = false
		if p.Caption {
			dst.WriteString("::: caption\n")
			writeText(dst, text[p.Start:p.End], s.Root, true)
			dst.WriteString("\n:::\n")
			continue
		}
		for k < len(spans) && spans[k].start < p.Start {
			k++
		}
		pos := p.Start
		lineStart := true
		for k < len(spans) && spans[k].end <= p.End {
			sp := spans[k]
			k++
			if sp.start < pos {
				continue // overlaps the previous link
			}
			writeText(dst, text[pos:sp.start], s.Root, lineStart)
			dst.WriteByte('[')
			Escape(dst, oneLine(text[sp.start:sp.end]), sp.start == p.Start)
			dst.WriteString("](")
			dst.WriteString(s.Root)
			dst.WriteString(sp.url)
			dst.WriteByte(')')
			pos = sp.end
			lineStart = false
		}
		writeText(dst, text[pos:p.End], s.Root, lineStart)
		dst.WriteByte('\n')
	}
}

// storySpans lists the links of a story's body in order: linked mentions
// and resolved dates, the longer first where two start together.
func storySpans(s *Story) []span {
	text := s.Story.Text
	var spans []span
	if s.Result != nil {
		for _, m := range s.Result.Mentions {
			if m.ID.IsZero() || m.Start < 0 || int(m.End) > len(text) || m.Start >= m.End {
				continue
			}
			spans = append(spans, span{int(m.Start), int(m.End), KindDir(m.Kind) + "/" + m.ID.String() + "/"})
		}
		for _, d := range s.Result.Dates {
			if d.Value == "" || d.Start < 0 || int(d.End) > len(text) || d.Start >= d.End {
				continue
			}
			spans = append(spans, span{int(d.Start), int(d.End), DateURL(d.Value)})
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	return spans
}

// hashtagAt reports a hashtag starting at t[i] ("#Word"): its end and id.
func hashtagAt(t string, i int) (end int, id string, ok bool) {
	if t[i] != '#' || i+1 >= len(t) || !isWordByte(t[i+1]) {
		return 0, "", false
	}
	if i > 0 && (isWordByte(t[i-1]) || t[i-1] == '&') {
		return 0, "", false
	}
	j := i + 1
	for j < len(t) && (isWordByte(t[j]) || t[j] == '_') {
		j++
	}
	id = TagID(t[i+1 : j])
	if !IsHashtag(id) {
		return 0, "", false
	}
	return j, id, true
}

// writeText escapes story text, linking hashtags to their tag pages.
func writeText(dst *bytes.Buffer, t, root string, lineStart bool) {
	pos := 0
	for i := 0; i < len(t); i++ {
		j, id, ok := hashtagAt(t, i)
		if !ok {
			continue
		}
		Escape(dst, t[pos:i], lineStart && pos == 0)
		dst.WriteString("[\\#")
		Escape(dst, t[i+1:j], false)
		dst.WriteString("](")
		dst.WriteString(root)
		dst.WriteString("tags/")
		dst.WriteString(id)
		dst.WriteString("/)")
		pos = j
		i = j - 1
	}
	Escape(dst, t[pos:], lineStart && pos == 0)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// oneLine keeps link text on one line: a line break inside a link's text
// could otherwise start a block.
func oneLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			b := []byte(s)
			for j := range b {
				if b[j] == '\n' || b[j] == '\r' {
					b[j] = ' '
				}
			}
			return string(b)
		}
	}
	return s
}

func writeFrontMatter(dst *bytes.Buffer, s *Story) {
	dst.WriteString("+++\n")
	kv(dst, "title", s.Title)
	if !s.Story.Undated() {
		dst.WriteString("date = ")
		dst.WriteString(s.Story.Date.Format("2006-01-02"))
		dst.WriteByte('\n')
	}
	kv(dst, "slug", s.Slug)
	kv(dst, "source", s.Source)
	if s.Draft {
		dst.WriteString("draft = true\n")
	}
	list(dst, "tags", s.Tags)
	list(dst, "people", s.People)
	list(dst, "places", s.Places)
	list(dst, "organisations", s.Orgs)
	list(dst, "dates", s.Dates)
	if s.Result != nil {
		for _, q := range s.Result.Quotes {
			dst.WriteString("\n[[quotes]]\n")
			if q.Speaker >= 0 && q.Speaker < len(s.Result.Mentions) {
				if m := s.Result.Mentions[q.Speaker]; !m.ID.IsZero() {
					kv(dst, "speaker", m.ID.String())
				}
			}
			kv(dst, "text", q.Text)
		}
	}
	dst.WriteString("+++\n\n")
}

func kv(dst *bytes.Buffer, key, value string) {
	dst.WriteString(key)
	dst.WriteString(" = ")
	quote(dst, value)
	dst.WriteByte('\n')
}

func list(dst *bytes.Buffer, key string, values []string) {
	if len(values) == 0 {
		return
	}
	dst.WriteString(key)
	dst.WriteString(" = [")
	for i, v := range values {
		if i > 0 {
			dst.WriteString(", ")
		}
		quote(dst, v)
	}
	dst.WriteString("]\n")
}

// quote writes a TOML basic string.
func quote(dst *bytes.Buffer, s string) {
	dst.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"' || r == '\\':
			dst.WriteByte('\\')
			dst.WriteByte(byte(r))
		case r == '\n':
			dst.WriteString(`\n`)
		case r == '\t':
			dst.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError && size == 1:
			dst.WriteString(`\u`)
			h := strconv.FormatInt(int64(r), 16)
			for n := len(h); n < 4; n++ {
				dst.WriteByte('0')
			}
			dst.WriteString(h)
		default:
			dst.WriteString(s[i : i+size])
		}
		i += size
	}
	dst.WriteByte('"')
}
