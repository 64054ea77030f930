package story

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// para describes an expected paragraph: its text, file line and caption flag.
type para struct {
	text    string
	line    int
	caption bool
}

// warn describes an expected warning: its line and a fragment of its message.
type warn struct {
	line int
	msg  string
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

var parseCases = []struct {
	name   string
	in     string
	date   string // "" for undated
	title  string
	paras  []para
	warns  []warn
	check  func(t *testing.T, s *Story)
	fileOf bool // Text differs from the file only by a shift: check bytes at FileOffset
}{
	{
		name:  "seed format",
		in:    " date 2018-05-31 A senior official will travel. He said so.\n\nMr Pompeo said he believes.\n\nTrump North Korea Credit: Mike Pompeo",
		date:  "2018-05-31",
		title: "A senior official will travel",
		paras: []para{
			{"A senior official will travel. He said so.", 1, false},
			{"Mr Pompeo said he believes.", 3, false},
			{"Trump North Korea Credit: Mike Pompeo", 5, true},
		},
		check: func(t *testing.T, s *Story) {
			if s.BodyStart != len(" date 2018-05-31 ") {
				t.Errorf("BodyStart = %d", s.BodyStart)
			}
		},
	},
	{
		name:  "CRLF line ends",
		in:    "date 2018-05-31 One two.\r\n\r\nThree\r\nfour.\r\n\r\nCap Name Credit: Jo Bloggs\r\n",
		date:  "2018-05-31",
		title: "One two",
		paras: []para{{"One two.", 1, false}, {"Three\r\nfour.", 3, false}, {"Cap Name Credit: Jo Bloggs", 6, true}},
	},
	{
		name:  "lone CR line ends",
		in:    "date 2018-05-31 One.\r\rTwo.\rThree.\r\rFour.",
		date:  "2018-05-31",
		title: "One",
		paras: []para{{"One.", 1, false}, {"Two.\rThree.", 3, false}, {"Four.", 6, false}},
	},
	{
		name:  "captions without blank lines split paragraphs",
		in:    "date 2018-05-31 First line.\nTrump North Korea Credit: Kim Yong Chol leaves\nSecond paragraph.\nstill second.",
		date:  "2018-05-31",
		title: "First line",
		paras: []para{
			{"First line.", 1, false},
			{"Trump North Korea Credit: Kim Yong Chol leaves", 2, true},
			{"Second paragraph.\nstill second.", 3, false},
		},
	},
	{
		name:  "caption first: title from the first real paragraph",
		in:    "date 2018-05-31 Kaya Ankara Credit: Wei Zhang\n\nThe talks ended early. Nobody said why.",
		date:  "2018-05-31",
		title: "The talks ended early",
		paras: []para{{"Kaya Ankara Credit: Wei Zhang", 1, true}, {"The talks ended early. Nobody said why.", 3, false}},
		check: func(t *testing.T, s *Story) {
			if s.BodyStart != len("date 2018-05-31 ") {
				t.Errorf("BodyStart = %d", s.BodyStart)
			}
		},
	},
	{
		name:  "not captions: a sentence, long sides, no space after the colon",
		in:    "date 2018-05-31 The bank cut rates, Credit: it said.\n\nHe said. Credit: none\n\nOne two three four five six seven eight nine ten eleven twelve thirteen Credit: x\n\nA Credit:x",
		date:  "2018-05-31",
		title: "The bank cut rates, Credit: it said",
		paras: []para{
			{"The bank cut rates, Credit: it said.", 1, false},
			{"He said. Credit: none", 3, false},
			{"One two three four five six seven eight nine ten eleven twelve thirteen Credit: x", 5, false},
			{"A Credit:x", 7, false},
		},
	},
	{
		name:  "white space lines are blank, paragraphs trimmed",
		in:    "  date 2018-05-31   Lead text here.  \n \t \n\u00a0\n   Next one.\t\n\n\n",
		date:  "2018-05-31",
		title: "Lead text here",
		paras: []para{{"Lead text here.", 1, false}, {"Next one.", 4, false}},
	},
	{
		name:  "blank lines before the date line",
		in:    "\n\n date 2018-05-31 Text.",
		date:  "2018-05-31",
		title: "Text",
		paras: []para{{"Text.", 3, false}},
	},
	{
		name:  "date line alone, text below",
		in:    "date 2018-05-31\n\nThe text.",
		date:  "2018-05-31",
		title: "The text",
		paras: []para{{"The text.", 3, false}},
	},
	{
		name:  "text glued to the date",
		in:    "date 2018-05-31A senior official.",
		date:  "2018-05-31",
		title: "A senior official",
		paras: []para{{"A senior official.", 1, false}},
	},
	{
		name:  "upper-case Date and a tab",
		in:    "Date\t2018-05-31 Text.",
		date:  "2018-05-31",
		title: "Text",
		paras: []para{{"Text.", 1, false}},
	},
	{
		name:  "front matter",
		in:    "+++\ntitle = \"Given title\"\ndate = 2018-06-01\nslug = \"given\"\ntags = [\"korea\", \" summit \"]\ndraft = true\n[[person]]\nname = \"X Y\"\n+++\n date 2018-06-01 Body text.",
		date:  "2018-06-01",
		title: "Given title",
		paras: []para{{"Body text.", 10, false}},
		check: func(t *testing.T, s *Story) {
			if !s.TitleFromFrontMatter || s.Slug != "given" || !s.Draft || strings.Join(s.Tags, ",") != "korea,summit" {
				t.Errorf("front matter not applied: %+v", s)
			}
			if !strings.HasPrefix(s.FrontMatter, "title = ") || s.FrontMatterLine != 2 {
				t.Errorf("FrontMatter = %q at line %d", s.FrontMatter, s.FrontMatterLine)
			}
		},
	},
	{
		name:  "front matter date supplies the date; string dates and CRLF",
		in:    "+++\r\ndate = \"2018-06-02\"\r\n+++\r\nNo date line here.",
		date:  "2018-06-02",
		title: "No date line here",
		paras: []para{{"No date line here.", 4, false}},
	},
	{
		name:  "front matter date overrides a different date line",
		in:    "+++\ndate = 2018-06-02T10:00:00Z\n+++\ndate 2018-05-31 Text.",
		date:  "2018-06-02",
		title: "Text",
		paras: []para{{"Text.", 4, false}},
		warns: []warn{{4, "differs from front matter date 2018-06-02"}},
	},
	{
		name:  "front matter date rescues an impossible date line",
		in:    "+++\ndate = 2018-06-02\n+++\ndate 2018-13-45 Text.",
		date:  "2018-06-02",
		title: "Text",
		paras: []para{{"Text.", 4, false}},
		warns: []warn{{4, "date 2018-13-45 is not a calendar date; using the front matter date"}},
	},
	{
		name:  "front matter unknown key and wrong types",
		in:    "+++\ntitle = 3\n\nauthor = \"me\"\ntags = \"one\"\ndraft = \"yes\"\nslug = \"Not A Slug!\"\n+++\ndate 2018-05-31 Text.",
		date:  "2018-05-31",
		title: "Text",
		paras: []para{{"Text.", 9, false}},
		warns: []warn{
			{2, "title must be a string"},
			{4, `unknown key "author"`},
			{5, "tags must be an array"},
			{6, "draft must be true or false"},
			{7, `using "not-a-slug"`},
		},
		check: func(t *testing.T, s *Story) {
			if s.Slug != "not-a-slug" {
				t.Errorf("Slug = %q", s.Slug)
			}
		},
	},
	{
		name:  "front matter TOML error: warned with its line, story still parsed",
		in:    "+++\ntitle = \"ok\"\ntags = [\"a\",\n= broken\n+++\ndate 2018-05-31 Text.",
		date:  "2018-05-31",
		title: "Text",
		paras: []para{{"Text.", 6, false}},
		warns: []warn{{4, "front matter"}},
	},
	{
		name:  "front matter impossible TOML date",
		in:    "+++\ntitle = \"T\"\ndate = 2018-02-30\n+++\ndate 2018-05-31 Text.",
		date:  "2018-05-31",
		title: "Text",
		paras: []para{{"Text.", 5, false}},
		warns: []warn{{3, "invalid datetime"}},
	},
	{
		name:  "front matter bad date value",
		in:    "+++\n\ndate = \"31 May\"\n+++\ndate 2018-05-31 Text.",
		date:  "2018-05-31",
		title: "Text",
		paras: []para{{"Text.", 5, false}},
		warns: []warn{{3, "not a YYYY-MM-DD"}},
	},
	{
		name:  "front matter not closed",
		in:    "+++\ntitle = \"x\"\ndate 2018-05-31 Text.",
		title: "+++ title = \"x\" date 2018-05-31 Text",
		paras: []para{{"+++\ntitle = \"x\"\ndate 2018-05-31 Text.", 1, false}},
		warns: []warn{{1, "not closed"}, {1, "no \"date YYYY-MM-DD\" line"}},
	},
	{
		name:  "no date line",
		in:    "A story without a date.\n\nMore.",
		title: "A story without a date",
		paras: []para{{"A story without a date.", 1, false}, {"More.", 3, false}},
		warns: []warn{{1, "no \"date YYYY-MM-DD\" line; story is undated"}},
	},
	{
		name:  "a sentence starting with Date is not a date line",
		in:    "Date palms grow here.",
		title: "Date palms grow here",
		paras: []para{{"Date palms grow here.", 1, false}},
		warns: []warn{{1, "no \"date"}},
	},
	{
		name:  "impossible date",
		in:    " date 2018-13-45 Text after a bad date.\n\nMore.",
		title: "Text after a bad date",
		paras: []para{{"Text after a bad date.", 1, false}, {"More.", 3, false}},
		warns: []warn{{1, "date 2018-13-45 is not a calendar date; story is undated"}},
	},
	{
		name:  "February 29 of a common year",
		in:    "\ndate 2018-02-29 Text.",
		title: "Text",
		paras: []para{{"Text.", 2, false}},
		warns: []warn{{2, "not a calendar date"}},
	},
	{
		name:  "February 29 of a leap year",
		in:    "date 2016-02-29 Text.",
		date:  "2016-02-29",
		title: "Text",
		paras: []para{{"Text.", 1, false}},
	},
	{
		name:  "malformed date",
		in:    "date 31/05/2018 Text.",
		title: "Text",
		paras: []para{{"Text.", 1, false}},
		warns: []warn{{1, `date "31/05/2018" is not of the form YYYY-MM-DD`}},
	},
	{
		name:  "year 0001-01-01 is a placeholder",
		in:    "date 0001-01-01 Text.",
		title: "Text",
		paras: []para{{"Text.", 1, false}},
		warns: []warn{{1, "placeholder; story is undated"}},
	},
	{
		name:  "year 0001 otherwise is kept with a warning",
		in:    "date 0001-05-31 Text.",
		date:  "0001-05-31",
		title: "Text",
		paras: []para{{"Text.", 1, false}},
		warns: []warn{{1, "implausible year; kept"}},
	},
	{
		name:  "far future date is kept with a warning",
		in:    "date 9999-12-31 Text.",
		date:  "9999-12-31",
		title: "Text",
		paras: []para{{"Text.", 1, false}},
		warns: []warn{{1, "implausible year; kept"}},
	},
	{
		name:  "date line only",
		in:    " date 2018-05-31 ",
		date:  "2018-05-31",
		warns: []warn{{0, "empty story"}},
	},
	{
		name:  "empty file",
		in:    "",
		warns: []warn{{0, "empty story"}},
	},
	{
		name:  "white space only",
		in:    " \n\t\r\n  \n",
		warns: []warn{{0, "empty story"}},
	},
	{
		name:  "UTF-8 BOM",
		in:    "\xEF\xBB\xBF date 2018-05-31 Text “quoted”.\n\nMore.",
		date:  "2018-05-31",
		title: "Text “quoted”",
		paras: []para{{"Text “quoted”.", 1, false}, {"More.", 3, false}},
		check: func(t *testing.T, s *Story) {
			if strings.HasPrefix(s.Text, "\uFEFF") || s.FileOffset(0) != 3 {
				t.Errorf("BOM kept or not shifted: FileOffset(0) = %d", s.FileOffset(0))
			}
		},
	},
	{
		name:  "Latin-1 bytes",
		in:    "date 2018-05-31 Caf\xe9 in M\xfcnchen.\n\nSe\xf1or \xc9mile.",
		date:  "2018-05-31",
		title: "Café in München",
		paras: []para{{"Café in München.", 1, false}, {"Señor Émile.", 3, false}},
		warns: []warn{{1, "invalid UTF-8, read as Windows-1252"}},
	},
	{
		name:  "Windows-1252 quotes on line 3, BOM and CRLF",
		in:    "\xEF\xBB\xBFdate 2018-05-31 Plain.\r\n\r\n\x93Quoted\x94 \x96 it\x92s \x80 5.",
		date:  "2018-05-31",
		title: "Plain",
		paras: []para{{"Plain.", 1, false}, {"“Quoted” – it’s € 5.", 3, false}},
		warns: []warn{{3, "invalid UTF-8"}},
	},
	{
		name:  "UTF-8 with one stray Latin-1 byte keeps the UTF-8",
		in:    "date 2018-05-31 It’s caf\xe9.",
		date:  "2018-05-31",
		title: "It’s café",
		paras: []para{{"It’s café.", 1, false}},
		warns: []warn{{1, "invalid UTF-8"}},
	},
	{
		name:  "stray control characters",
		in:    "date 2018-05-31 Text\x1b[0m here.\n\nBell\x07.",
		date:  "2018-05-31",
		title: "Text [0m here",
		paras: []para{{"Text [0m here.", 1, false}, {"Bell .", 3, false}},
		warns: []warn{{1, "control characters replaced by spaces"}},
	},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.in)
			s, warns := Parse("content/x.txt", data)
			if s == nil {
				t.Fatalf("nil story, warnings %v", warns)
			}
			if got := s.Date.Format("2006-01-02"); c.date == "" && !s.Undated() || c.date != "" && got != c.date {
				t.Errorf("date = %s (undated %v), want %q", got, s.Undated(), c.date)
			}
			if c.date != "" && !s.Date.Equal(date(c.date)) && c.date[:4] != "0001" && c.date[:4] != "9999" {
				t.Errorf("date not UTC midnight: %v", s.Date)
			}
			if s.Title != c.title {
				t.Errorf("title = %q, want %q", s.Title, c.title)
			}
			var got []para
			for _, p := range s.Paragraphs {
				got = append(got, para{s.Text[p.Start:p.End], p.Line, p.Caption})
			}
			if fmt.Sprint(got) != fmt.Sprint(c.paras) {
				t.Errorf("paragraphs:\n got %+v\nwant %+v", got, c.paras)
			}
			if len(warns) != len(c.warns) {
				t.Errorf("warnings = %v, want %v", warns, c.warns)
			} else {
				for i, w := range warns {
					if w.Line != c.warns[i].line || !strings.Contains(w.Msg, c.warns[i].msg) || w.Path != "content/x.txt" {
						t.Errorf("warning %d = %q, want line %d %q", i, w, c.warns[i].line, c.warns[i].msg)
					}
				}
			}
			checkOffsets(t, s, data)
			if c.check != nil {
				c.check(t, s)
			}
		})
	}
}

// checkOffsets asserts the offset invariants: paragraphs in order, within
// Text, and FileOffset pointing at the same text in the file as stored.
func checkOffsets(t *testing.T, s *Story, data []byte) {
	t.Helper()
	prev := s.BodyStart
	if prev < 0 || prev > len(s.Text) {
		t.Fatalf("BodyStart %d out of range", prev)
	}
	for i, p := range s.Paragraphs {
		if p.Start < prev || p.End < p.Start || p.End > len(s.Text) {
			t.Fatalf("paragraph %d [%d,%d) out of order (prev end %d, len %d)", i, p.Start, p.End, prev, len(s.Text))
		}
		prev = p.End
		fs, fe := s.FileOffset(p.Start), s.FileOffset(p.End)
		if fs < 0 || fe < fs || fe > len(data) {
			t.Fatalf("paragraph %d file range [%d,%d) of %d", i, fs, fe, len(data))
		}
		raw := data[fs:fe]
		want := s.Text[p.Start:p.End]
		if utf8.Valid(raw) && !bytes.ContainsFunc(raw, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\r' && r != '\t' }) {
			if string(raw) != want {
				t.Errorf("paragraph %d: file bytes %q, text %q", i, raw, want)
			}
		} else if got := decode(raw, 0, true).text; got != want {
			t.Errorf("paragraph %d: file bytes %q decode to %q, text %q", i, raw, got, want)
		}
	}
	if fl := s.FileOffset(len(s.Text)); fl != len(data) {
		t.Errorf("FileOffset(len(Text)) = %d, want %d", fl, len(data))
	}
}

// Latin-1 offsets point at the original single bytes.
func TestFileOffsetLatin1(t *testing.T) {
	data := []byte("\xEF\xBB\xBFdate 2018-05-31 Caf\xe9 \x93M\xfcller\x94 said.")
	s, _ := Parse("x.txt", data)
	i := strings.Index(s.Text, "“Müller”")
	j := i + len("“Müller”")
	if got := string(data[s.FileOffset(i):s.FileOffset(j)]); got != "\x93M\xfcller\x94" {
		t.Errorf("file bytes %q", got)
	}
	if s.FileOffset(-5) != 0 || s.FileOffset(len(s.Text)+10) != len(data) {
		t.Errorf("out-of-range offsets not clamped: %d %d", s.FileOffset(-5), s.FileOffset(len(s.Text)+10))
	}
}

func TestParseBinary(t *testing.T) {
	ctl := bytes.Repeat([]byte{1, 2, 3, 'a', 4, 5}, 100)
	for name, data := range map[string][]byte{
		"png":           []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"NUL bytes":     []byte("date 2018-05-31 Text\x00\x00 more"),
		"UTF-16":        []byte("\xFF\xFEd\x00a\x00"),
		"control chars": ctl,
	} {
		s, warns := Parse("img.txt", data)
		if s != nil || len(warns) != 1 || !strings.Contains(warns[0].String(), "img.txt: binary file, skipped") {
			t.Errorf("%s: story %v, warnings %v", name, s, warns)
		}
	}
}

// The seed story, byte for byte as in the archive.
func TestParseSeed(t *testing.T) {
	data, err := os.ReadFile("testdata/000_6c921cb6a8456c4e.txt")
	if err != nil {
		t.Fatal(err)
	}
	s, warns := Parse("000_6c921cb6a8456c4e.txt", data)
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns)
	}
	if !s.Date.Equal(date("2018-05-31")) {
		t.Errorf("date %v", s.Date)
	}
	if want := "A senior North Korean official will travel to Washington to deliver a letter to President…"; s.Title != want {
		t.Errorf("title %q", s.Title)
	}
	if s.BodyStart != len(" date 2018-05-31 ") {
		t.Errorf("BodyStart %d", s.BodyStart)
	}
	var captions []string
	for _, p := range s.Paragraphs {
		if p.Caption {
			captions = append(captions, s.Text[p.Start:p.End])
		}
	}
	if len(s.Paragraphs) != 9 || len(captions) != 3 || captions[0] != "Trump North Korea Credit: Mike Pompeo" {
		t.Errorf("%d paragraphs, captions %q", len(s.Paragraphs), captions)
	}
	last := s.Paragraphs[len(s.Paragraphs)-1]
	if last.End != len(data) || last.Line != 17 {
		t.Errorf("last paragraph ends at %d line %d (file %d bytes)", last.End, last.Line, len(data))
	}
	checkOffsets(t, s, data)

	// The same story saved with CRLF, a BOM, and in Windows-1252.
	crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	bom := append([]byte("\xEF\xBB\xBF"), data...)
	cp := toCP1252(t, string(data))
	for name, d := range map[string][]byte{"crlf": crlf, "bom": bom, "cp1252": cp} {
		s2, w2 := Parse(name, d)
		if (name == "cp1252") != (len(w2) == 1) {
			t.Errorf("%s: warnings %v", name, w2)
		}
		if s2.Title != s.Title || len(s2.Paragraphs) != len(s.Paragraphs) {
			t.Errorf("%s: title %q, %d paragraphs", name, s2.Title, len(s2.Paragraphs))
		}
		for i, p := range s2.Paragraphs {
			a := strings.ReplaceAll(s2.Text[p.Start:p.End], "\r\n", "\n")
			b := s.Text[s.Paragraphs[i].Start:s.Paragraphs[i].End]
			if a != b || p.Line != s.Paragraphs[i].Line {
				t.Errorf("%s: paragraph %d differs", name, i)
			}
		}
		checkOffsets(t, s2, d)
	}
}

// toCP1252 encodes s (which must be representable) as Windows-1252.
func toCP1252(t testing.TB, s string) []byte {
	var b []byte
	for _, r := range s {
		switch {
		case r < 0x80 || r >= 0xA0 && r <= 0xFF:
			b = append(b, byte(r))
		default:
			found := false
			for i, c := range cp1252 {
				if c == r {
					b = append(b, byte(0x80+i))
					found = true
					break
				}
			}
			if !found {
				t.Fatalf("%q not in Windows-1252", r)
			}
		}
	}
	return b
}

func TestParseLarge(t *testing.T) {
	seed, err := os.ReadFile("testdata/000_6c921cb6a8456c4e.txt")
	if err != nil {
		t.Fatal(err)
	}
	big := largeStory(seed, 5<<20)
	s, warns := Parse("big.txt", big)
	if len(warns) != 0 || s.Title == "" {
		t.Fatalf("warnings %v, title %q", warns, s.Title)
	}
	copies := bytes.Count(big, []byte("Credit:"))
	if got := len(s.Paragraphs); got != copies*3 {
		t.Errorf("%d paragraphs, want %d", got, copies*3)
	}
	checkOffsets(t, s, big)

	// One 200 KB line without a sentence end: the title is cut, not scanned to the end.
	line := []byte("date 2018-05-31 " + strings.Repeat("word ", 40<<10))
	s, warns = Parse("line.txt", line)
	if len(warns) != 0 || len(s.Paragraphs) != 1 || utf8.RuneCountInString(s.Title) > maxTitle || !strings.HasSuffix(s.Title, "…") {
		t.Errorf("warnings %v, %d paragraphs, title %q", warns, len(s.Paragraphs), s.Title)
	}
	checkOffsets(t, s, line)
}

// largeStory repeats the seed's paragraphs (a blank line between copies) to about n bytes.
func largeStory(seed []byte, n int) []byte {
	body := seed[len(" date 2018-05-31 "):]
	b := make([]byte, 0, n+len(seed))
	b = append(b, seed...)
	for len(b) < n {
		b = append(b, "\n\n"...)
		b = append(b, body...)
	}
	return b
}

func BenchmarkParse(b *testing.B) {
	seed, err := os.ReadFile("testdata/000_6c921cb6a8456c4e.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"seed", seed},
		{"5MB", largeStory(seed, 5<<20)},
		{"5MB-cp1252", toCP1252(b, string(largeStory(seed, 5<<20)))},
		{"200KB-line", []byte("date 2018-05-31 " + strings.Repeat("word ", 40<<10))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			for b.Loop() {
				Parse("x.txt", bc.data)
			}
		})
	}
}
