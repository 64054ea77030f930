package render

import "testing"

func TestHumanDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2018-05-31", "31 May 2018"},
		{"2018-06-01", "1 June 2018"},
		{"2018-12", "December 2018"},
		{"2018", "2018"},
		{"", ""},
		{"2018-13-01", "2018-13-01"},
		{"2018-02-00", "2018-02-00"},
		{"abcd", "abcd"},
		{"2018/05/31", "2018/05/31"},
		{"soon", "soon"},
	} {
		if got := humanDate(c.in); got != c.want {
			t.Errorf("humanDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
