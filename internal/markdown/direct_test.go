package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/story"
)

// viaMarkdown renders a story's body the long way: Markdown, then goldmark.
func viaMarkdown(t testing.TB, s *Story) string {
	var md, out bytes.Buffer
	WriteStory(&md, s)
	body := md.Bytes()
	if i := bytes.Index(body, []byte("\n+++\n\n")); i >= 0 {
		body = body[i+6:]
	}
	if err := Render(&out, body); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// storyWithLinks parses text as a story file and links every capitalised
// word as a person and every "June 12" as a date, so spans fall everywhere.
func storyWithLinks(t testing.TB, text string) *Story {
	st, _ := story.Parse("x.txt", []byte(text))
	if st == nil {
		return nil
	}
	res := &extract.Result{}
	body := st.Text
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c >= 'A' && c <= 'Z' && (i == 0 || body[i-1] == ' ') {
			j := i
			for j < len(body) && (body[j] >= 'A' && body[j] <= 'Z' || body[j] >= 'a' && body[j] <= 'z') {
				j++
			}
			res.Mentions = append(res.Mentions, extract.Mention{Start: int32(i), End: int32(j), Text: extract.Intern(body[i:j]), Kind: extract.Person, ID: extract.Intern(strings.ToLower(body[i:j]))})
			i = j
		}
	}
	if i := strings.Index(body, "June 12"); i >= 0 {
		res.Dates = append(res.Dates, extract.DateRef{Start: int32(i), End: int32(i + 7), Value: "2018-06-12"})
	}
	return &Story{Story: st, Result: res, Title: "t", Root: "../../../../"}
}

func TestRenderStoryHTMLMatchesGoldmark(t *testing.T) {
	cases := []string{
		" date 2018-05-31 Mike Pompeo met Kim Yong Chol in New York on June 12.\n\nMr Pompeo said “real progress” has been made.\n\nTrump North Korea Credit: Mike Pompeo",
		" date 2018-05-31 <script>alert(1)</script> & [x](javascript:alert(1)) *bold* _em_ `code` \\ back \"quoted\" 'single'",
		" date 2018-05-31 # Not a heading\n\n- not a list\n\n1. not a list\n\n> not a quote\n\n::: caption\n\n=== setext",
		" date 2018-05-31 Talks with #NorthKorea and #DPRK went on; &#60; is not a tag, nor is #60.",
		" date 2018-05-31 A line\nbroken in two goes the long way.",
		" date 2018-05-31 Tabs\tare rare. Ünïcödé — “curly” ‘quotes’ and 中文 stay.",
		" date 2018-05-31 www.example.com and https://example.com/x and <https://example.com> stay text.",
		" date 2018-05-31 Trailing spaces   \n\nnext Paragraph",
		" date 2018-05-31 Amp&amp; entities &lt;b&gt; and a | pipe ~~strike~~ [ref]: http://x",
	}
	n := 0
	for _, c := range cases {
		s := storyWithLinks(t, c)
		var direct bytes.Buffer
		if !RenderStoryHTML(&direct, s) {
			continue // outside the subset: the caller goes through Markdown
		}
		n++
		if want := viaMarkdown(t, s); direct.String() != want {
			t.Errorf("story %q:\ndirect  %q\nmarkdown %q", c, direct.String(), want)
		}
	}
	if n < 6 {
		t.Errorf("only %d of %d stories rendered directly", n, len(cases))
	}
}

func FuzzRenderStoryHTML(f *testing.F) {
	f.Add("Mike Pompeo met Kim Yong Chol on June 12. #Tag & <b> * _ ` \\")
	f.Add("Trump North Korea Credit: Mike Pompeo")
	f.Add("1. List? - no. > Quote? # Head")
	f.Fuzz(func(t *testing.T, para string) {
		s := storyWithLinks(t, " date 2018-05-31 "+para+"\n\nSecond Paragraph here.")
		if s == nil {
			return
		}
		var direct bytes.Buffer
		if !RenderStoryHTML(&direct, s) {
			return
		}
		if want := viaMarkdown(t, s); direct.String() != want {
			t.Errorf("paragraph %q:\ndirect   %q\nmarkdown %q", para, direct.String(), want)
		}
	})
}
