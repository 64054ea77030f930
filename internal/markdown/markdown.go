// Package markdown turns a story and its annotations into a Markdown document
// (TOML front matter, body with entity and date links), and renders Markdown
// to HTML with goldmark. The HTML of a story page is rendered from exactly the
// Markdown that "storygen build --markdown" exports.
//
// Story text is data: Escape makes every character of it literal, so nothing
// in a story becomes markup, and nothing is dropped either.
package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// engine is shared: goldmark's Convert is safe for concurrent use.
//
// Deliberate choices: no Linkify (a story's "www.example.com" stays text, as
// written; only the entity and date links storygen adds are links), raw HTML is
// never enabled (goldmark's default replaces it with a comment, and story text
// cannot produce any because Escape escapes '<'), tables and strikethrough
// for hand-written pages.
var engine = goldmark.New(goldmark.WithExtensions(
	extension.Table,
	extension.Strikethrough,
	captions{},
))

// Render converts Markdown to HTML.
func Render(dst *bytes.Buffer, src []byte) error {
	if err := engine.Convert(src, dst); err != nil {
		return fmt.Errorf("rendering markdown: %w", err)
	}
	return nil
}

// Escape appends s to dst so that CommonMark reads it back as exactly s, as
// plain text. lineStart says whether s begins at the start of a line. Carriage
// returns are dropped and leading white space on each line is removed (it would
// otherwise make indented code); everything else is kept.
func Escape(dst *bytes.Buffer, s string, lineStart bool) {
	atStart := lineStart
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\r':
			continue
		case '\n':
			dst.WriteByte('\n')
			atStart = true
			continue
		case ' ', '\t':
			if atStart {
				continue
			}
			dst.WriteByte(c)
			continue
		}
		if atStart {
			atStart = false
			switch c {
			case '-', '+', '=', ':', '#', '>':
				dst.WriteByte('\\')
				dst.WriteByte(c)
				continue
			}
			if c >= '0' && c <= '9' {
				// "1." or "1)" at a line start would open an ordered list.
				j := i
				for j < len(s) && s[j] >= '0' && s[j] <= '9' {
					j++
				}
				dst.WriteString(s[i:j])
				if j < len(s) && (s[j] == '.' || s[j] == ')') {
					dst.WriteByte('\\')
					dst.WriteByte(s[j])
					j++
				}
				i = j - 1
				continue
			}
		}
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#', '!':
			dst.WriteByte('\\')
		}
		dst.WriteByte(c)
	}
}
