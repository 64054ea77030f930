package story

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFileSize keeps offsets within the int32 table; no story comes near it.
const maxFileSize = 1 << 30

// maxCaption is the longest line, in bytes, that can be a photo caption.
const maxCaption = 200

// Parse reads one story file (bytes as stored on disk). path is used in
// warnings only. It returns nil only for a file that is not text at all.
func Parse(path string, data []byte) (*Story, []Warning) {
	if len(data) > maxFileSize {
		return nil, []Warning{{Path: path, Msg: fmt.Sprintf("file too large (%d bytes), skipped", len(data))}}
	}
	reason, controls := binaryReason(data)
	if reason != "" {
		return nil, []Warning{{Path: path, Msg: reason}}
	}
	shift := 0
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		shift = 3
	}
	d := decode(data[shift:], shift, controls > 0)
	p := &parser{
		s:    &Story{Path: path, Text: d.text, fileOff: d.fileOff, shift: shift},
		text: d.text,
	}
	p.crBreaks = hasLoneCR(p.text)
	if d.badByte >= 0 {
		p.warn(p.lineAt(d.badByte), "invalid UTF-8, read as Windows-1252 (Latin-1)")
	}
	if d.ctlByte >= 0 {
		p.warn(p.lineAt(d.ctlByte), "control characters replaced by spaces")
	}
	p.parse()
	return p.s, p.warns
}

type parser struct {
	s     *Story
	text  string
	warns []Warning
	// crBreaks: some '\r' is not followed by '\n', so '\r' alone ends a line
	// too (old Mac files). Otherwise lines are found with a fast IndexByte.
	crBreaks bool
}

func (p *parser) warn(line int, format string, args ...any) {
	p.warns = append(p.warns, Warning{Path: p.s.Path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func hasLoneCR(t string) bool {
	for i := 0; ; {
		j := strings.IndexByte(t[i:], '\r')
		if j < 0 {
			return false
		}
		i += j + 1
		if i >= len(t) || t[i] != '\n' {
			return true
		}
	}
}

// lineAt returns the 1-based line of text offset off.
func (p *parser) lineAt(off int) int {
	t := p.text[:off]
	n := strings.Count(t, "\n")
	if p.crBreaks {
		n += strings.Count(t, "\r") - strings.Count(t, "\r\n")
	}
	return n + 1
}

// nextLine returns the line starting at pos: its end without the terminator
// and the start of the following line.
func (p *parser) nextLine(pos int) (end, next int) {
	t := p.text
	if p.crBreaks {
		for i := pos; i < len(t); i++ {
			switch t[i] {
			case '\n':
				return i, i + 1
			case '\r':
				if i+1 < len(t) && t[i+1] == '\n' {
					return i, i + 2
				}
				return i, i + 1
			}
		}
		return len(t), len(t)
	}
	j := strings.IndexByte(t[pos:], '\n')
	if j < 0 {
		return len(t), len(t)
	}
	end = pos + j
	next = end + 1
	if end > pos && t[end-1] == '\r' {
		end--
	}
	return end, next
}

func (p *parser) parse() {
	pos, line := p.frontMatter()

	// Skip blank lines to the first line of text.
	for pos < len(p.text) {
		end, next := p.nextLine(pos)
		if ts, te := trimSpace(p.text, pos, end); ts < te {
			break
		}
		pos, line = next, line+1
	}

	pos = p.dateLine(pos, line)
	p.paragraphs(pos, line)

	if len(p.s.Paragraphs) == 0 {
		p.s.BodyStart = pos
		p.warn(0, "empty story")
		return
	}
	p.s.BodyStart = p.s.Paragraphs[0].Start
	if !p.s.TitleFromFrontMatter {
		para := p.s.Paragraphs[0]
		for _, q := range p.s.Paragraphs {
			if !q.Caption {
				para = q
				break
			}
		}
		p.s.Title = deriveTitle(p.text[para.Start:para.End])
	}
}

// dateLine reads the "date YYYY-MM-DD " prefix of the line at pos and returns
// where the first paragraph begins. A malformed date is still cut off so it
// does not become text; a missing one leaves the story undated.
func (p *parser) dateLine(pos, line int) int {
	t := p.text
	end, _ := p.nextLine(pos)
	i := pos
	for i < end && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	fmDate := !p.s.Date.IsZero()
	if end-i < 5 || !strings.EqualFold(t[i:i+4], "date") || (t[i+4] != ' ' && t[i+4] != '\t') {
		if end > pos && !fmDate {
			p.warn(line, "no \"date YYYY-MM-DD\" line; story is undated")
		}
		return pos
	}
	j := i + 4
	for j < end && (t[j] == ' ' || t[j] == '\t') {
		j++
	}
	if j >= end || t[j] < '0' || t[j] > '9' {
		// "Date palms …": a sentence, not a date line.
		if !fmDate {
			p.warn(line, "no \"date YYYY-MM-DD\" line; story is undated")
		}
		return pos
	}
	k := j
	for k < end && !isASCIISpace(t[k]) {
		k++
	}
	tok := t[j:k]
	if len(tok) > 10 && isDateShape(tok[:10]) {
		// Text glued to the date: "date 2018-05-31A senior …".
		tok, k = tok[:10], j+10
	}
	y, m, d, ok := parseISODate(tok)
	undated := "story is undated"
	if fmDate {
		undated = "using the front matter date"
	}
	switch {
	case !isDateShape(tok):
		p.warn(line, "date %q is not of the form YYYY-MM-DD; %s", tok, undated)
	case !ok:
		p.warn(line, "date %s is not a calendar date; %s", tok, undated)
	case y == 1 && m == 1 && d == 1:
		p.warn(line, "date %s is a placeholder; %s", tok, undated)
	default:
		lineDate := dateUTC(y, m, d)
		if y < minPlausibleYear || y >= maxPlausibleYear {
			p.warn(line, "date %s has an implausible year; kept", tok)
		}
		if fmDate && !lineDate.Equal(p.s.Date) {
			p.warn(line, "date %s differs from front matter date %s; using front matter", tok, p.s.Date.Format("2006-01-02"))
		} else {
			p.s.Date = lineDate
		}
	}
	return k
}

// paragraphs splits the text from pos (on line) at blank lines and caption lines.
func (p *parser) paragraphs(pos, line int) {
	t := p.text
	start, end, startLine := -1, -1, 0
	flush := func() {
		if start >= 0 {
			p.s.Paragraphs = append(p.s.Paragraphs, Paragraph{Start: start, End: end, Line: startLine})
			start = -1
		}
	}
	for pos < len(t) {
		lineEnd, next := p.nextLine(pos)
		ts, te := trimSpace(t, pos, lineEnd)
		switch {
		case ts == te:
			flush()
		case te-ts <= maxCaption && isCaption(t[ts:te]):
			flush()
			p.s.Paragraphs = append(p.s.Paragraphs, Paragraph{Start: ts, End: te, Line: line, Caption: true})
		default:
			if start < 0 {
				start, startLine = ts, line
			}
			end = te
		}
		pos, line = next, line+1
	}
	flush()
}

// isCaption reports a scraped photo caption: "<words> Credit: <words>", short
// on both sides, the first part not a sentence.
func isCaption(s string) bool {
	i := indexFold(s, " credit:")
	if i <= 0 {
		return false
	}
	before, after := s[:i], s[i+len(" credit:"):]
	if after == "" || !isASCIISpace(after[0]) {
		return false
	}
	after = strings.TrimSpace(after)
	if after == "" || strings.Contains(after, " Credit:") {
		return false
	}
	last := before[len(before)-1]
	if strings.IndexByte(".!?,;:", last) >= 0 {
		return false
	}
	return countWords(before) <= 12 && countWords(after) <= 12
}

// indexFold is strings.Index for an ASCII lower-case needle, ignoring case.
func indexFold(s, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		j := 0
		for j < len(needle) && lowerASCII(s[i+j]) == needle[j] {
			j++
		}
		if j == len(needle) {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// countWords counts runs of non-space bytes; it runs on short caption
// candidates only, where ASCII white space is what separates words.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := isASCIISpace(s[i])
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// isSpaceRune adds the invisible characters editors leave behind to Unicode's
// white space.
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF'
}

// trimSpace narrows t[start:end] to exclude surrounding white space.
func trimSpace(t string, start, end int) (int, int) {
	for start < end {
		c := t[start]
		if c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			start++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[start:end])
		if !isSpaceRune(r) {
			break
		}
		start += n
	}
	for end > start {
		c := t[end-1]
		if c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			end--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(t[start:end])
		if !isSpaceRune(r) {
			break
		}
		end -= n
	}
	return start, end
}
