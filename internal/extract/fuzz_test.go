package extract_test

import (
	"testing"
	"unicode/utf8"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/story"
)

// FuzzExtract checks that no input makes Extract panic and that every span
// lies inside the text on rune boundaries.
func FuzzExtract(f *testing.F) {
	f.Add([]byte(" date 2018-05-31 US Secretary of State Mike Pompeo said “real progress” was made.\n\nMr Pompeo’s talks.\n\nTrump North Korea Credit: Mike Pompeo"))
	f.Add([]byte("“Substantive talks with the team from #NorthKorea,” Mr Pompeo tweeted. \"Unclosed"))
	f.Add([]byte("Apple Inc. Steve Jobs of the Bank of England (BoE) and AT&T, U.S. Pre-orders US$40 F. Kennedy ’s ’ ‘"))
	f.Add([]byte("date 2018-13-45 \xff\xfe\x00 Mr. O' Leary said: \"\" “”"))
	f.Add([]byte("@ # @@x ##y Mr Mr Mr President of the of the Secretary of"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if s, _ := story.Parse("fuzz.txt", data); s != nil {
			check(t, s, extract.Extract(s))
		}
		// the same text as one hand-made paragraph, bypassing the parser
		if utf8.Valid(data) {
			h := &story.Story{Text: string(data), Paragraphs: []story.Paragraph{{Start: 0, End: len(data)}}}
			check(t, h, extract.Extract(h))
		}
	})
}

func check(t *testing.T, s *story.Story, r *extract.Result) {
	t.Helper()
	in := func(what string, a, b int) {
		if a < 0 || b > len(s.Text) || a > b {
			t.Fatalf("%s span %d:%d out of text (len %d)", what, a, b, len(s.Text))
		}
		if !utf8.RuneStart(s.Text[a]) && a < len(s.Text) || b < len(s.Text) && !utf8.RuneStart(s.Text[b]) {
			t.Fatalf("%s span %d:%d splits a rune", what, a, b)
		}
	}
	for _, m := range r.Mentions {
		in("mention", int(m.Start), int(m.End))
		if m.Start == m.End || s.Text[m.Start:m.End] != m.Text.String() {
			t.Fatalf("mention %q does not match its span", m.Text.String())
		}
		for _, p := range s.Paragraphs {
			if p.Caption && int(m.Start) >= p.Start && int(m.Start) < p.End {
				t.Fatalf("mention %q in a caption", m.Text.String())
			}
		}
	}
	for _, q := range r.Quotes {
		in("quote", q.Start, q.End)
		if q.Speaker >= len(r.Mentions) {
			t.Fatalf("quote speaker %d of %d mentions", q.Speaker, len(r.Mentions))
		}
	}
	for _, d := range r.Dates {
		in("date", int(d.Start), int(d.End))
	}
	for _, g := range r.Tags {
		in("tag", g.Start, g.End)
	}
}
