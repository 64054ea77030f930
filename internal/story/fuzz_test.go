package story

import (
	"os"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks what must hold for any input: no panic, offsets in order
// and in range, file offsets within the file, valid UTF-8 out.
func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add([]byte(c.in))
	}
	if seed, err := os.ReadFile("testdata/000_6c921cb6a8456c4e.txt"); err == nil {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, warns := Parse("f.txt", data)
		for _, w := range warns {
			if w.Path != "f.txt" || w.Line < 0 || w.Msg == "" {
				t.Fatalf("bad warning %+v", w)
			}
		}
		if s == nil {
			if len(warns) != 1 {
				t.Fatalf("nil story with warnings %v", warns)
			}
			return
		}
		if !utf8.ValidString(s.Text) || !utf8.ValidString(s.Title) {
			t.Fatalf("invalid UTF-8 in text or title %q", s.Title)
		}
		if !s.TitleFromFrontMatter && utf8.RuneCountInString(s.Title) > maxTitle {
			t.Fatalf("title too long: %q", s.Title)
		}
		if s.BodyStart < 0 || s.BodyStart > len(s.Text) {
			t.Fatalf("BodyStart %d of %d", s.BodyStart, len(s.Text))
		}
		prev, prevFile, prevLine := s.BodyStart, s.FileOffset(s.BodyStart), 1
		for i, p := range s.Paragraphs {
			if p.Start < prev || p.End <= p.Start || p.End > len(s.Text) || p.Line < prevLine {
				t.Fatalf("paragraph %d %+v after offset %d line %d (text %d bytes)", i, p, prev, prevLine, len(s.Text))
			}
			fs, fe := s.FileOffset(p.Start), s.FileOffset(p.End)
			if fs < prevFile || fe < fs || fe > len(data) {
				t.Fatalf("paragraph %d file range [%d,%d) after %d, file %d bytes", i, fs, fe, prevFile, len(data))
			}
			if !utf8.ValidString(s.Text[p.Start:p.End]) {
				t.Fatalf("paragraph %d splits a rune", i)
			}
			prev, prevFile, prevLine = p.End, fe, p.Line
		}
		if fl := s.FileOffset(len(s.Text)); fl != len(data) {
			t.Fatalf("FileOffset(len(Text)) = %d, file %d bytes", fl, len(data))
		}
	})
}
