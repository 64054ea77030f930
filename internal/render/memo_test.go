package render

import (
	"html/template"
	"reflect"
	"strconv"
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

// TestMemoFastPathsCoverFields checks that the hand-written keys of the
// model types change with every field, nested ones included: a field left
// out of a key would let a fragment be reused for data it does not show.
func TestMemoFastPathsCoverFields(t *testing.T) {
	for _, zero := range []any{Link{}, NavItem{}, StoryRef{}, Frame{}} {
		top := reflect.New(reflect.TypeOf(zero)).Elem()
		base, _ := appendKey(nil, top.Interface())
		var leaves func(typ reflect.Type, index []int)
		leaves = func(typ reflect.Type, index []int) {
			for i := 0; i < typ.NumField(); i++ {
				idx := append(append([]int(nil), index...), i)
				sf := typ.Field(i)
				if sf.Type.Kind() == reflect.Struct {
					leaves(sf.Type, idx)
					continue
				}
				f := top.FieldByIndex(idx)
				switch f.Kind() {
				case reflect.String:
					f.SetString("x")
				case reflect.Int:
					f.SetInt(1)
				case reflect.Bool:
					f.SetBool(true)
				case reflect.Slice:
					f.Set(reflect.MakeSlice(f.Type(), 1, 1))
				default:
					t.Fatalf("%T.%s: kind %s not covered by this test", zero, sf.Name, f.Kind())
				}
				if k, _ := appendKey(nil, top.Interface()); string(k) == string(base) {
					t.Errorf("%T: the key ignores %s", zero, sf.Name)
				}
				f.Set(reflect.Zero(f.Type()))
			}
		}
		leaves(top.Type(), nil)
	}
}

// TestMemoGenerations checks the memo's bound: it never holds more than its
// limit, what recurs survives a change of generation, and every lookup
// returns what the partial renders.
func TestMemoGenerations(t *testing.T) {
	set := template.Must(template.New("x").Funcs(placeholderFuncs).Parse(`{{define "li"}}<li>{{.Name}}</li>{{end}}`))
	m := newMemo(4096)
	set.Funcs(m.funcs(set, ""))
	hot := Link{Name: "hot"}
	for i := 0; i < 500; i++ {
		list := []Link{hot, {Name: strconv.Itoa(i)}}
		h, err := m.each(set, "", "li", list)
		if err != nil {
			t.Fatal(err)
		}
		if want := "<li>hot</li><li>" + strconv.Itoa(i) + "</li>"; string(h) != want {
			t.Fatalf("got %q, want %q", h, want)
		}
		size := 0
		for _, g := range []map[uint64]memoEntry{m.cur, m.old} {
			for _, e := range g {
				size += len(e.h) + memoEntryCost
			}
		}
		if size > m.limit {
			t.Fatalf("memo holds %d bytes, limit %d", size, m.limit)
		}
	}
	key, _ := appendKey(appendPrefix(nil, "", "li"), hot)
	k := m.hash(key)
	_, inCur := m.cur[k[0]]
	_, inOld := m.old[k[0]]
	if !inCur && !inOld {
		t.Error("a fragment used on every call fell out of the memo")
	}
	if m.old == nil {
		t.Error("the memo never started a new generation")
	}
}
