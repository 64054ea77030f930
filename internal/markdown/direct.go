package markdown

import (
	"bytes"
	"strings"
)

// RenderStoryHTML appends the HTML body of a story: exactly what Render
// makes of the body WriteStory writes, without parsing Markdown. It reports
// false, writing nothing, for stories outside the subset it handles (a
// paragraph broken over several lines, tabs, control characters), which the
// caller renders through Markdown instead. Tests compare the two on every
// kind of text, and a fuzz test on random text.
func RenderStoryHTML(dst *bytes.Buffer, s *Story) bool {
	text := s.Story.Text
	for _, p := range s.Story.Paragraphs {
		if p.Start >= p.End || p.End > len(text) {
			continue
		}
		if !plainParagraph(text[p.Start:p.End]) {
			return false
		}
	}
	spans := storySpans(s)
	k := 0
	for _, p := range s.Story.Paragraphs {
		if p.Start >= p.End || p.End > len(text) {
			continue
		}
		if p.Caption {
			dst.WriteString(`<figure class="caption"><figcaption>`)
			storyHTMLText(dst, text[p.Start:p.End], s.Root)
			dst.WriteString("</figcaption></figure>\n")
			continue
		}
		dst.WriteString("<p>")
		for k < len(spans) && spans[k].start < p.Start {
			k++
		}
		pos := p.Start
		for k < len(spans) && spans[k].end <= p.End {
			sp := spans[k]
			k++
			if sp.start < pos {
				continue
			}
			storyHTMLText(dst, text[pos:sp.start], s.Root)
			dst.WriteString(`<a href="`)
			dst.WriteString(s.Root)
			dst.WriteString(sp.url)
			dst.WriteString(`">`)
			escapeHTML(dst, oneLine(text[sp.start:sp.end]))
			dst.WriteString("</a>")
			pos = sp.end
		}
		storyHTMLText(dst, text[pos:p.End], s.Root)
		dst.WriteString("</p>\n")
	}
	return true
}

// plainParagraph reports text that CommonMark renders as itself: one line,
// no tabs or control characters, and no white space at either end (where a
// Markdown parser trims).
func plainParagraph(t string) bool {
	if t == "" || strings.TrimSpace(t) != t {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

// storyHTMLText writes story text as HTML, linking hashtags as writeText does.
func storyHTMLText(dst *bytes.Buffer, t, root string) {
	pos := 0
	for i := 0; i < len(t); i++ {
		j, id, ok := hashtagAt(t, i)
		if !ok {
			continue
		}
		escapeHTML(dst, t[pos:i])
		dst.WriteString(`<a href="`)
		dst.WriteString(root)
		dst.WriteString("tags/")
		dst.WriteString(id)
		dst.WriteString(`/">#`)
		dst.WriteString(t[i+1 : j])
		dst.WriteString("</a>")
		pos = j
		i = j - 1
	}
	escapeHTML(dst, t[pos:])
}

// escapeHTML writes s as goldmark writes literal text.
func escapeHTML(dst *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		default:
			continue
		}
		dst.WriteString(s[last:i])
		dst.WriteString(rep)
		last = i + 1
	}
	dst.WriteString(s[last:])
}
