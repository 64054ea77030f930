package story

import (
	"bytes"
	"unicode/utf8"
)

// binaryReason says why data is not a text file, or "" when it is one, and
// counts its stray control characters. Git's rule (a NUL early on) plus a
// control-character ratio catches images, archives and UTF-16 files.
func binaryReason(data []byte) (reason string, controls int) {
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return "binary file, skipped (UTF-16 text; save it as UTF-8)", 0
	}
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "binary file, skipped (NUL bytes)", 0
	}
	ctl := 0
	for _, c := range data {
		ctl += int(badControl[c])
	}
	if ctl > 0 && ctl*10 > len(data) {
		return "binary file, skipped (mostly control characters)", ctl
	}
	return "", ctl
}

// badControl marks C0 control bytes (and DEL) that have no place in a story's
// text. Tab, line feed, vertical tab, form feed and carriage return are white space.
var badControl = func() (t [256]uint8) {
	for c := range 0x20 {
		if c < '\t' || c > '\r' {
			t[c] = 1
		}
	}
	t[0x7F] = 1
	return t
}()

func isBadControl(c byte) bool { return badControl[c] != 0 }

// cp1252 maps bytes 0x80–0x9F of Windows-1252; the five undefined ones become
// U+FFFD. Bytes 0xA0–0xFF are the same code points in Latin-1 and Unicode.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// decoded is a file's content as UTF-8 text.
type decoded struct {
	text string
	// fileOff maps each text offset (and len(text)) to a file offset; nil when
	// text offsets equal file offsets minus the BOM shift.
	fileOff []int32
	// badByte is the text offset of the first byte that was not valid UTF-8,
	// ctlByte that of the first control character replaced by a space; -1 if none.
	badByte, ctlByte int
}

// decode converts body (the file after any BOM; shift is the BOM's length) to
// UTF-8; hasCtl says whether body has stray control characters. Valid UTF-8 is kept as is. Each byte that is not part of a valid UTF-8
// sequence is read as Windows-1252, so a Latin-1 file and a UTF-8 file with a
// stray Latin-1 byte both come out right. Stray control characters become
// spaces one for one, keeping offsets.
func decode(body []byte, shift int, hasCtl bool) decoded {
	d := decoded{badByte: -1, ctlByte: -1}
	valid := utf8.Valid(body)
	if valid && !hasCtl {
		d.text = string(body)
		return d
	}
	if valid {
		b := make([]byte, len(body))
		for i, c := range body {
			if isBadControl(c) {
				if d.ctlByte < 0 {
					d.ctlByte = i
				}
				c = ' '
			}
			b[i] = c
		}
		d.text = string(b)
		return d
	}

	// Transcode, recording where each output byte came from.
	out := make([]byte, 0, len(body)+len(body)/8)
	off := make([]int32, 0, cap(out)+1)
	for i := 0; i < len(body); {
		c := body[i]
		if c < utf8.RuneSelf {
			if isBadControl(c) {
				if d.ctlByte < 0 {
					d.ctlByte = len(out)
				}
				c = ' '
			}
			out = append(out, c)
			off = append(off, int32(i+shift))
			i++
			continue
		}
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n <= 1 {
			if d.badByte < 0 {
				d.badByte = len(out)
			}
			if c < 0xA0 {
				r = cp1252[c-0x80]
			} else {
				r = rune(c)
			}
			n = 1
		}
		start := len(out)
		out = utf8.AppendRune(out, r)
		for range len(out) - start {
			off = append(off, int32(i+shift))
		}
		i += n
	}
	off = append(off, int32(len(body)+shift))
	d.text = string(out)
	d.fileOff = off
	return d
}
