// Package story reads the archive's story file format into a Story.
//
// A story file is plain text: an optional "+++" TOML front matter block, then a
// first line " date YYYY-MM-DD " followed directly by the first paragraph, then
// paragraphs separated by blank lines. Short "<words> Credit: <words>" lines are
// photo captions. Parse never fails on content: every problem becomes a Warning
// naming the file and line, and whatever text there is becomes a Story.
package story

import (
	"fmt"
	"time"
)

// Story is one parsed story file. All offsets are byte offsets into Text.
type Story struct {
	// Path is the file's path as given to Parse (slash-separated, relative to
	// the content folder in a build).
	Path string
	// Text is the file's content decoded to UTF-8 (BOM dropped, Latin-1 and
	// Windows-1252 converted). Offsets of paragraphs and of every annotation
	// refer to Text; FileOffset maps them back to the bytes on disk.
	Text string
	// Date is the story's publication date at UTC midnight; zero when the
	// story has no usable date ("undated").
	Date time.Time
	// Title is the front matter title, else the first sentence of the first
	// non-caption paragraph shortened at a word boundary.
	Title string
	// TitleFromFrontMatter reports whether Title was given, not derived.
	TitleFromFrontMatter bool
	// Slug is the front matter slug, or "" (the build derives one from Title).
	Slug  string
	Tags  []string
	Draft bool
	// FrontMatter is the raw TOML between the "+++" lines ("" if none), kept
	// for readers of per-story annotation overrides ([[person]], [[ignore]] …);
	// FrontMatterLine is the file line of its first line, for their messages.
	FrontMatter     string
	FrontMatterLine int
	// Paragraphs in reading order; captions included, marked Caption.
	Paragraphs []Paragraph
	// BodyStart is the offset in Text where the story's body (the first
	// paragraph) begins: after front matter and the "date YYYY-MM-DD " prefix.
	BodyStart int

	// fileOff maps Text offsets to file offsets when they differ by more
	// than a constant shift (transcoded files); nil otherwise.
	fileOff []int32
	// shift is added to a Text offset to get the file offset when fileOff is nil
	// (a dropped BOM).
	shift int
}

// Paragraph is one block of text between blank lines.
type Paragraph struct {
	Start, End int // byte offsets into Story.Text, end exclusive, trimmed of surrounding space
	// Line is the 1-based line number in the file where the paragraph starts.
	Line int
	// Caption marks a scraped photo caption ("Trump North Korea Credit: Mike Pompeo").
	Caption bool
}

// Warning is a problem found in an input file. It never stops a build.
type Warning struct {
	Path string
	Line int // 1-based; 0 when the problem concerns the whole file
	Msg  string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.Path, w.Line, w.Msg)
	}
	return fmt.Sprintf("%s: %s", w.Path, w.Msg)
}

// FileOffset maps an offset into Text to the byte offset in the file as stored.
func (s *Story) FileOffset(i int) int {
	if s.fileOff != nil {
		if i < 0 {
			return 0
		}
		if i >= len(s.fileOff) {
			return int(s.fileOff[len(s.fileOff)-1])
		}
		return int(s.fileOff[i])
	}
	return i + s.shift
}

// Undated reports whether the story has no usable date.
func (s *Story) Undated() bool { return s.Date.IsZero() }
