package story

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDeriveTitle(t *testing.T) {
	long := "The quick brown fox jumps over the lazy dog while the committee debates the budget for the coming fiscal year in the capital"
	cases := []struct{ in, want string }{
		{"Short headline without a stop", "Short headline without a stop"},
		{"One sentence. Two sentence.", "One sentence"},
		{"Is it over? Nobody knows.", "Is it over?"},
		{"Stop! Go.", "Stop!"},
		{"Mr. Smith went to Washington. He stayed.", "Mr. Smith went to Washington"},
		{"Dr. No and Mrs. Robinson met. Later.", "Dr. No and Mrs. Robinson met"},
		{"The U.S. Army left. Then more.", "The U.S. Army left"},
		{"He moved to the U.S. Then more.", "He moved to the U.S. Then more"},
		{"John F. Kennedy spoke. Then more.", "John F. Kennedy spoke"},
		{"Talks began at 9.05am in No. 10 Downing St. today. Then.", "Talks began at 9.05am in No. 10 Downing St. today"},
		{"Exports fell, e.g. steel. Then.", "Exports fell, e.g. steel"},
		{"Apple Inc. shares rose. Then.", "Apple Inc. shares rose"},
		{"“We are doing well.” Mr Trump said so.", "“We are doing well.”"},
		{"“We are doing well,” he said. More.", "“We are doing well,” he said"},
		{"A line\nwrapped  over\r\nlines. Next.", "A line wrapped over lines"},
		{"Ends with an abbreviation Inc.", "Ends with an abbreviation Inc."},
		{long + ". Next.", "The quick brown fox jumps over the lazy dog while the committee debates the budget for…"},
		{strings.Repeat("é", 200), strings.Repeat("é", 89) + "…"},
		{"Ünïcödé words répétées " + strings.Repeat("àé ", 40), "Ünïcödé words répétées " + strings.TrimSpace(strings.Repeat("àé ", 22)) + "…"},
		{"Cut before a comma: " + strings.Repeat("x", 66) + ", and then some more words", "Cut before a comma: " + strings.Repeat("x", 66) + "…"},
		{"", ""},
	}
	for _, c := range cases {
		got := deriveTitle(c.in)
		if got != c.want {
			t.Errorf("deriveTitle(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
		if n := utf8.RuneCountInString(got); n > maxTitle {
			t.Errorf("deriveTitle(%q) has %d runes", c.in, n)
		}
	}
}
