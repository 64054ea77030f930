package extract_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/resolve"
	"github.com/storygen/storygen/internal/story"
)

func seed(t testing.TB) *story.Story {
	t.Helper()
	data, err := os.ReadFile("testdata/000_6c921cb6a8456c4e.txt")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := story.Parse("000_6c921cb6a8456c4e.txt", data)
	return s
}

// names collects the canonical names (or texts) found per kind.
func names(r *extract.Result) map[extract.Kind]map[string]bool {
	out := map[extract.Kind]map[string]bool{extract.Person: {}, extract.Place: {}, extract.Organisation: {}}
	for _, m := range r.Mentions {
		out[m.Kind][m.Text.String()] = true
		out[m.Kind][m.Bare.String()] = true
		if m.Name.String() != "" {
			out[m.Kind][m.Name.String()] = true
		}
	}
	return out
}

// TestSeedStory holds the list of issue 2 as written, with no annotations:
// the machine alone must get it right.
func TestSeedStory(t *testing.T) {
	s := seed(t)
	r := extract.Extract(s)
	resolve.Resolve([]resolve.Doc{{Path: s.Path, Date: s.Date, Result: r}}, nil)
	got := names(r)
	want := map[extract.Kind][]string{
		extract.Person:       {"Donald Trump", "Kim Jong Un", "Mike Pompeo", "Kim Yong Chol", "John Bolton", "Andrew Kim", "Mark Lambert"},
		extract.Place:        {"Washington", "Singapore", "North Korea", "New York", "US", "Texas", "Joint Base Andrews"},
		extract.Organisation: {"United Nations", "CIA", "State Department"},
	}
	for k, list := range want {
		for _, n := range list {
			if !got[k][n] {
				t.Errorf("%s %q not found", k, n)
			}
		}
	}
	for _, m := range r.Mentions {
		for _, bad := range []string{"State Mike", "Trump North Korea", "Base Andrews", "North Korean"} {
			if strings.Contains(m.Text.String(), bad) && !(bad == "Base Andrews" && m.Text.String() == "Joint Base Andrews" && m.Kind == extract.Place) {
				t.Errorf("false mention %q (%s)", m.Text.String(), m.Kind)
			}
		}
		if m.Kind == extract.Person && strings.Contains(m.Text.String(), "Andrews") {
			t.Errorf("person %q", m.Text.String())
		}
		if strings.Contains(m.Text.String(), "POTUS") || strings.Contains(m.Text.String(), "NorthKorea") {
			t.Errorf("tag as mention: %q", m.Text.String())
		}
		// captions never yield mentions
		for _, p := range s.Paragraphs {
			if p.Caption && int(m.Start) >= p.Start && int(m.Start) < p.End {
				t.Errorf("mention %q in caption", m.Text.String())
			}
		}
		if m.Text.String() == "Mr Pompeo" && m.ID.String() != "mike-pompeo" {
			t.Errorf("Mr Pompeo has id %q, want mike-pompeo", m.ID.String())
		}
		if m.Text.String() == "Mr Kim" && m.ID.String() != "" {
			t.Errorf("Mr Kim linked to %q; three Kims in the story", m.ID.String())
		}
		if s.Text[m.Start:m.End] != m.Text.String() {
			t.Errorf("span %d:%d is %q, text %q", m.Start, m.End, s.Text[m.Start:m.End], m.Text.String())
		}
	}

	// dates: June 12 and "the (June) 12th", Wednesday, Thursday, Friday
	dates := map[string][]string{}
	for _, d := range r.Dates {
		dates[d.Value] = append(dates[d.Value], d.Text)
	}
	for v, texts := range map[string][]string{
		"2018-06-12": {"June 12", "12th"}, "2018-05-30": {"Wednesday"}, "2018-05-31": {"Thursday"}, "2018-06-01": {"Friday"},
	} {
		for _, want := range texts {
			found := false
			for _, got := range dates[v] {
				if strings.Contains(got, want) {
					found = true
				}
			}
			if !found {
				t.Errorf("date %s %q not found (got %v)", v, want, dates[v])
			}
		}
	}

	// quotes: at least the two tweets of Mr Pompeo and the ones of Mr Trump
	speaker := func(prefix string) string {
		for _, q := range r.Quotes {
			if strings.HasPrefix(q.Text, prefix) {
				if q.Speaker < 0 {
					return ""
				}
				return r.Mentions[q.Speaker].ID.String()
			}
		}
		t.Errorf("quote %q not found", prefix)
		return ""
	}
	for prefix, want := range map[string]string{
		"Substantive talks":             "mike-pompeo",
		"The potential summit":          "mike-pompeo",
		"We are doing very well":        "donald-trump",
		"I think it will be very":       "donald-trump",
		"Our secretary of state":        "donald-trump",
		"We discussed our priorities":   "mike-pompeo",
		"The people of #NorthKorea can": "mike-pompeo",
	} {
		if got := speaker(prefix); got != want {
			t.Errorf("quote %q: speaker %q, want %q", prefix, got, want)
		}
	}
	if len(r.Handles) != 1 || r.Handles[0] != "POTUS" {
		t.Errorf("handles %v", r.Handles)
	}
	if strings.Join(r.Hashtags, ",") != "NorthKorea,DPRK" {
		t.Errorf("hashtags %v", r.Hashtags)
	}
}

// mk builds a one-paragraph story by hand (no parser needed).
func mk(text string, captions ...string) *story.Story {
	s := &story.Story{Path: "t.txt", Text: text, Date: time.Date(2018, 5, 31, 0, 0, 0, 0, time.UTC)}
	pos := 0
	for _, p := range strings.Split(text, "\n\n") {
		s.Paragraphs = append(s.Paragraphs, story.Paragraph{Start: pos, End: pos + len(p), Line: 1})
		pos += len(p) + 2
	}
	for i := range s.Paragraphs {
		for _, c := range captions {
			if text[s.Paragraphs[i].Start:s.Paragraphs[i].End] == c {
				s.Paragraphs[i].Caption = true
			}
		}
	}
	return s
}

type want struct {
	text string
	kind extract.Kind // 0: must not be a mention of any kind
	name string       // "" : don't care; "-": must be unlinked (Name "")
}

func TestHardCases(t *testing.T) {
	cases := []struct {
		name string
		text string
		caps []string
		want []want
	}{
		{"title before a name", "US Secretary of State Mike Pompeo said on Thursday that talks went well.",
			nil, []want{{"Mike Pompeo", extract.Person, "Mike Pompeo"}, {"US", extract.Place, ""}, {"State Mike", 0, ""}}},
		{"adjective vs place", "A senior North Korean official said North Korea’s leaders are ready.",
			nil, []want{{"North Korean", 0, ""}, {"North Korea", extract.Place, ""}}},
		{"handle is not a person", "The summit between @POTUS and the leader was called off, the team from #NorthKorea said.",
			nil, []want{{"@POTUS", 0, ""}, {"POTUS", 0, ""}, {"NorthKorea", 0, ""}}},
		{"place named after a person", "Mr Trump told reporters at Joint Base Andrews before leaving for Texas.",
			nil, []want{{"Joint Base Andrews", extract.Place, ""}, {"Base Andrews", 0, ""}, {"Texas", extract.Place, ""}}},
		{"ambiguous short form", "Kim Jong Un met Kim Yong Chol. Andrew Kim of the CIA was there. Mr Kim said nothing.",
			nil, []want{{"Mr Kim", extract.Person, "-"}, {"Andrew Kim", extract.Person, "Andrew Kim"}, {"CIA", extract.Organisation, ""}}},
		{"short form tied to full name", "Secretary of State Mike Pompeo arrived. Later Mr Pompeo spoke.",
			nil, []want{{"Mr Pompeo", extract.Person, "Mike Pompeo"}}},
		{"sentence-initial function words", "But the meeting ended. The discussions were short. When Mr Bolton arrived, Donald Trump left.",
			nil, []want{{"But", 0, ""}, {"The", 0, ""}, {"When", 0, ""}, {"Donald Trump", extract.Person, ""}}},
		{"captions ignored", "Mike Pompeo met reporters.\n\nTrump North Korea Credit: Kim Jong Chol",
			[]string{"Trump North Korea Credit: Kim Jong Chol"}, []want{{"Trump North Korea", 0, ""}, {"Kim Jong Chol", 0, ""}, {"Mike Pompeo", extract.Person, ""}}},
		{"organisation suffix", "Shares of Northwind Holdings Inc. rose after Northwind said profits grew.",
			nil, []want{{"Northwind Holdings Inc.", extract.Organisation, ""}, {"Northwind", extract.Organisation, ""}}},
		{"X of Y organisation", "The Bank of England raised rates, and the Department of Transport agreed.",
			nil, []want{{"Bank of England", extract.Organisation, ""}, {"Department of Transport", extract.Organisation, ""}}},
		{"appositive cue", "The deal was signed by aircraft manufacturer Zephyrus and low-cost airline Quillair.",
			nil, []want{{"Zephyrus", extract.Organisation, ""}, {"Quillair", extract.Organisation, ""}}},
		{"CEO title splits org and person", "Zephyrus CEO John Smith said the company would grow. Smith declined to comment.",
			nil, []want{{"Zephyrus", extract.Organisation, ""}, {"John Smith", extract.Person, ""}, {"Smith", extract.Person, "John Smith"}}},
		{"acronym defined in parentheses", "The Federal Aviation Administration (FAA) grounded the jets. The FAA said more later.",
			nil, []want{{"FAA", extract.Organisation, ""}}},
		{"legal suffix ends a name", "A former executive of Zephyrus Inc. Mary Jones said she left.",
			nil, []want{{"Mary Jones", extract.Person, ""}, {"Zephyrus Inc.", extract.Organisation, ""}}},
		{"currency is not a place", "The deal was worth US$40 billion.",
			nil, []want{{"US", 0, ""}}},
		{"city, region", "The company is based in Cupertino, California.",
			nil, []want{{"California", extract.Place, ""}}},
		{"given name with weak suffix is a person", "\"It was hard,\" said Jim Press, a vice chairman.",
			nil, []want{{"Jim Press", extract.Person, ""}}},
		{"given name with a non-surname word is a company", "Shares in Orion Capital fell after Kelvin Construction lost a contract.",
			nil, []want{{"Orion Capital", extract.Organisation, ""}, {"Kelvin Construction", extract.Organisation, ""}}},
		{"date word after a plain honorific", "Deepa Sun met Teresa May. Ms Sun said in May that Mrs May would visit on Sunday.",
			nil, []want{{"Ms Sun", extract.Person, "Deepa Sun"}, {"Mrs May", extract.Person, "Teresa May"}, {"Sunday", 0, ""}}},
		{"title word as a surname", "Health minister Leila Sheikh spoke first. Ms Sheikh said the plan was sound.",
			nil, []want{{"Ms Sheikh", extract.Person, "Leila Sheikh"}}},
		{"names from many cultures", "Chidi Okoro met Aroha Ngata and Liu Wenjun in Lagos. Later Moon Jae-in greeted Ursula von der Leyen.",
			nil, []want{{"Chidi Okoro", extract.Person, ""}, {"Aroha Ngata", extract.Person, ""}, {"Liu Wenjun", extract.Person, ""},
				{"Moon Jae-in", extract.Person, ""}, {"Ursula von der Leyen", extract.Person, ""}}},
		{"organisation with for and on", "The Institute for Fiscal Research and the Council on Regional Security disagreed.",
			nil, []want{{"Institute for Fiscal Research", extract.Organisation, ""}, {"Council on Regional Security", extract.Organisation, ""}}},
		{"particle inside a place", "Delegates flew to Dar es Salaam on Monday.",
			nil, []want{{"Dar es Salaam", extract.Place, ""}, {"Salaam", 0, ""}}},
		{"dateline and state abbreviation", "ELLENSBURG, Wash. — Farmers east of Ellensburg, Washington, objected.",
			nil, []want{{"ELLENSBURG", extract.Place, ""}, {"Wash.", extract.Place, "Washington"}, {"Ellensburg", extract.Place, ""}}},
		{"role noun and demonym before a name", "Rancher Dale Whitcomb lost calves. She beat the American Jessica Tran.",
			nil, []want{{"Dale Whitcomb", extract.Person, ""}, {"Rancher Dale Whitcomb", 0, ""}, {"Jessica Tran", extract.Person, ""}}},
		{"apposition after a person cue", "A spokeswoman, Okonjo, said the plan would work.",
			nil, []want{{"Okonjo", extract.Person, ""}}},
		{"places listed together", "Residents of Thorp and Cle Elum signed, and crews from Billings and Helena helped.",
			nil, []want{{"Thorp", extract.Place, ""}, {"Cle Elum", extract.Place, ""}, {"Helena", extract.Place, ""}}},
		{"initials before a surname", "J.K. Quarrow wrote it, and J. R. R. Penhallow read it.",
			nil, []want{{"J.K. Quarrow", extract.Person, ""}, {"J. R. R. Penhallow", extract.Person, ""}}},
		{"lone surnames with a speech verb", "O'Brien said D'Souza was right.",
			nil, []want{{"O'Brien", extract.Person, ""}, {"D'Souza", extract.Person, ""}}},
		{"apposition noun that also names companies", "“We will win,” said Thabo Mokoena, a miner. Mokoena, 45, has worked there since 2001.",
			nil, []want{{"Thabo Mokoena", extract.Person, ""}, {"Mokoena", extract.Person, "Thabo Mokoena"}}},
		{"places by route and coast", "The ship sank off the coast of Lampedusa. The envoy went from Addis Ababa to Mekelle, across the Midwest and the Great Lakes.",
			nil, []want{{"Lampedusa", extract.Place, ""}, {"Mekelle", extract.Place, ""}, {"Great Lakes", extract.Place, ""}}},
		{"honorific gender picks among namesakes", "David Quennell and Elena Quennell met. Ms Quennell spoke first; Mr Quennell agreed.",
			nil, []want{{"Ms Quennell", extract.Person, "Elena Quennell"}, {"Mr Quennell", extract.Person, "David Quennell"}}},
		{"a club's short name", "Glasgow Rangers beat Hibernian. Rangers will now face Kano Pillars. Pillars coach Ahmed Musa was sacked.",
			nil, []want{{"Rangers", extract.Organisation, "Glasgow Rangers"}, {"Pillars", extract.Organisation, "Kano Pillars"}}},
		{"events and currency codes are no entities", "Tickets for the Lakeside Film Festival (LFF) cost $12 (USD). The LFF opens in Oslo.",
			nil, []want{{"Lakeside Film Festival", 0, ""}, {"LFF", 0, ""}, {"USD", 0, ""}, {"Oslo", extract.Place, ""}}},
		{"sentence-initial common word with a verb", "Security was tight in Oslo ahead of the vote.",
			nil, []want{{"Security", 0, ""}, {"Oslo", extract.Place, ""}}},
		{"possessive ends a name", "Mr Pompeo’s talks with Kim Yong Chol were long.",
			nil, []want{{"Mr Pompeo", extract.Person, ""}, {"Kim Yong Chol", extract.Person, ""}}},
		{"weekday is not an entity", "On Thursday, Mr Pompeo met officials in Washington.",
			nil, []want{{"Thursday", 0, ""}, {"Washington", extract.Place, ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mk(c.text, c.caps...)
			r := extract.Extract(s)
			for _, w := range c.want {
				var found *extract.Mention
				for i := range r.Mentions {
					m := &r.Mentions[i]
					if m.Text.String() == w.text || m.Bare.String() == w.text {
						found = m
						break
					}
				}
				if w.kind == 0 {
					for _, m := range r.Mentions {
						if strings.Contains(m.Text.String(), w.text) && !listed(c.want, m.Text.String()) {
							t.Errorf("%q: unexpected mention %q (%s)", w.text, m.Text.String(), m.Kind)
						}
					}
					continue
				}
				if found == nil {
					t.Errorf("%q not found; mentions: %v", w.text, texts(r))
					continue
				}
				if found.Kind != w.kind {
					t.Errorf("%q: kind %s, want %s", w.text, found.Kind, w.kind)
				}
				switch {
				case w.name == "-" && found.Name.String() != "":
					t.Errorf("%q: linked to %q, want unlinked", w.text, found.Name.String())
				case w.name != "" && w.name != "-" && found.Name.String() != w.name:
					t.Errorf("%q: name %q, want %q", w.text, found.Name.String(), w.name)
				}
			}
		})
	}
}

// listed reports a wanted mention text in the row.
func listed(ws []want, text string) bool {
	for _, w := range ws {
		if w.kind != 0 && w.text == text {
			return true
		}
	}
	return false
}

func texts(r *extract.Result) []string {
	var out []string
	for _, m := range r.Mentions {
		out = append(out, m.Kind.String()+":"+m.Text.String())
	}
	return out
}

func TestQuoteAttribution(t *testing.T) {
	cases := []struct {
		text, quote, speaker string
	}{
		{"“We will see,” Mr Pompeo tweeted after the meeting. Mike Pompeo left.", "We will see,", "Mike Pompeo"},
		{"Donald Trump arrived. Mr Trump said: “It is all a process.”", "It is all a process.", "Donald Trump"},
		{"Donald Trump arrived. “It went well,” said Mr Trump.", "It went well,", "Donald Trump"},
		{"Mike Pompeo said the talks went well. “We are close,” he said.", "We are close,", "Mike Pompeo"},
		{"Jane Roe spoke first. \"We disagree,\" Jane Roe told reporters.", "We disagree,", "Jane Roe"},
		{"“Nobody knows,” a spokesman said.", "Nobody knows,", ""},
	}
	for _, c := range cases {
		r := extract.Extract(mk(c.text))
		var q *extract.Quote
		for i := range r.Quotes {
			if r.Quotes[i].Text == c.quote {
				q = &r.Quotes[i]
			}
		}
		if q == nil {
			t.Errorf("%q: quote %q not found in %+v", c.text, c.quote, r.Quotes)
			continue
		}
		got := ""
		if q.Speaker >= 0 {
			got = r.Mentions[q.Speaker].Name.String()
		}
		if got != c.speaker {
			t.Errorf("%q: speaker %q, want %q", c.text, got, c.speaker)
		}
	}
}

func TestSpansOnSeed(t *testing.T) {
	s := seed(t)
	r := extract.Extract(s)
	if len(r.Mentions) < 30 {
		t.Fatalf("only %d mentions", len(r.Mentions))
	}
	last := int32(-1)
	for _, m := range r.Mentions {
		if m.Start < last {
			t.Errorf("mentions out of order at %q", m.Text.String())
		}
		last = m.Start
	}
	for _, q := range r.Quotes {
		if q.Start < 0 || q.End > len(s.Text) || q.Start >= q.End {
			t.Errorf("bad quote span %d:%d", q.Start, q.End)
		}
	}
}

func TestCoreName(t *testing.T) {
	for in, want := range map[string]string{
		"Apple Inc.": "Apple", "Apple Computer": "Apple", "Ford Motor Company": "Ford",
		"General Motors Corporation": "General Motors", "General Motors": "General Motors",
		"The Bank of England": "Bank of England", "Apple Corps": "Apple Corps",
	} {
		if got := extract.CoreName(extract.Organisation, in); got != want {
			t.Errorf("CoreName(%q) = %q, want %q", in, got, want)
		}
	}
}
