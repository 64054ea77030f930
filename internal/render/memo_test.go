package render

import (
	"reflect"
	"testing"
)

// TestMemoKeysDistinct checks that values a partial could tell apart never
// share a key: a shared key would serve one value's HTML for the other.
func TestMemoKeysDistinct(t *testing.T) {
	type pair struct{ A, B string }
	values := []any{
		Link{Name: "ab", URL: "c"},
		Link{Name: "a", URL: "bc"},
		Link{Name: "a", URL: "bc", Count: 1},
		Link{Name: "a", URL: "bc", Count: -1},
		Link{Name: "a", URL: "bc", Note: "x"},
		NavItem{Name: "a", URL: "bc"},
		NavItem{Name: "a", URL: "bc", Current: true},
		StoryRef{Title: "t", URL: "u"},
		StoryRef{Title: "t", URL: "u", HTML: "<p>"},
		StoryRef{Title: "t", URL: "u", Context: "c"},
		"a",
		"b",
		nil,
		pair{"ab", "c"},
		pair{"a", "bc"},
		[]string(nil),
		[]string{},
		[]string{"a"},
		[]string{"a", ""},
		&Site{Title: "x"},
		&Site{Title: "y"},
		(*Site)(nil),
		[]Link{{Name: "a"}},
		[]NavItem{{Name: "a"}},
		3,
		int64(3),
		true,
	}
	seen := map[string]int{}
	for i, v := range values {
		k, ok := appendKey(nil, v)
		if !ok {
			t.Errorf("%#v: no key", v)
			continue
		}
		if j, dup := seen[string(k)]; dup {
			t.Errorf("%#v and %#v share a key", values[j], v)
		}
		seen[string(k)] = i
	}
}

// TestMemoKeyStable checks that equal values give equal keys, through the
// fast paths and the reflective one alike.
func TestMemoKeyStable(t *testing.T) {
	l := Link{Name: "Mike Pompeo", URL: "../../people/mike-pompeo/", Count: 3}
	a, _ := appendKey(nil, l)
	b, _ := appendKey(nil, Link{Name: "Mike Pompeo", URL: "../../people/mike-pompeo/", Count: 3})
	if string(a) != string(b) {
		t.Error("equal links, different keys")
	}
	x, _ := appendValue(nil, reflect.ValueOf(&Site{Title: "x"}), 0)
	y, _ := appendValue(nil, reflect.ValueOf(&Site{Title: "x"}), 0)
	if string(x) != string(y) {
		t.Error("equal pointed-to values, different keys")
	}
}

// TestMemoKeyless checks that data with no value key (a map, a func) is
// reported as such, so it is rendered every time rather than memoised.
func TestMemoKeyless(t *testing.T) {
	for _, v := range []any{
		map[string]int{"a": 1},
		func() {},
		struct{ F func() }{},
		[]map[string]int{{}},
	} {
		if _, ok := appendKey(nil, v); ok {
			t.Errorf("%T: got a key", v)
		}
	}
}
