package render

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"html/template"
	"math"
	"reflect"
	"strings"
	"sync"
)

// Every action html/template runs costs a reflective call per escaper, and a
// site prints the same small fragments (a navigation item, an entity link
// with its count, a breadcrumb) on thousands of pages. The template
// functions "cached" and "cachedEach" render a partial through the theme's
// own definition once per distinct data value and reuse the HTML: a list of
// forty links then costs two calls instead of two hundred.
//
// A partial sees only the data it is given, and the template functions are
// pure, so its output is a function of the template set, its name and that
// value; the key holds the whole value (every field, followed through
// pointers), so changed data can never meet a stale fragment. The memo
// lives in the Templates value, which the build replaces when a template
// changes. The map holds a 128-bit hash of the key rather than the key: a
// lookup then touches no key bytes, and two of a million keys would share a
// hash with a probability of about 10^-27.

// memoLimit bounds the bytes a Templates value keeps (HTML and map
// overhead). The memo is two generations of half that each: when the newer
// fills up it becomes the older and the older is dropped, and a fragment
// found in the older is moved to the newer, so what recurs stays and what
// was used once (a story's entry on the day it was published) goes.
const memoLimit = 96 << 20

// memoEntryCost approximates a map entry's overhead beyond its HTML.
const memoEntryCost = 64

type memo struct {
	mu sync.RWMutex
	// cur and old map the first half of a key's hash to the second half and
	// the HTML.
	cur, old map[uint64]memoEntry
	seeds    [2]maphash.Seed
	curSize  int
	limit    int       // memoLimit but in tests
	bufs     sync.Pool // *memoScratch
}

type memoEntry struct {
	check uint64
	h     template.HTML
}

type memoScratch struct {
	key   []byte
	parts []template.HTML
	tmp   bytes.Buffer
}

func newMemo(limit int) *memo {
	m := &memo{cur: map[uint64]memoEntry{}, limit: limit,
		seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
	m.bufs.New = func() any { return new(memoScratch) }
	return m
}

// funcs returns "cached" and "cachedEach" bound to set, the template set a
// page kind executes (a page file may redefine a partial, so each set keeps
// its own fragments: ns tells them apart).
func (m *memo) funcs(set *template.Template, ns string) template.FuncMap {
	return template.FuncMap{
		"cached": func(name string, data any) (template.HTML, error) {
			return m.one(set, ns, name, data)
		},
		"cachedEach": func(name string, list any) (template.HTML, error) {
			return m.each(set, ns, name, list)
		},
	}
}

// placeholderFuncs lets templates parse before Load binds the real ones.
var placeholderFuncs = template.FuncMap{
	"cached":     func(name string, data any) (template.HTML, error) { return "", nil },
	"cachedEach": func(name string, list any) (template.HTML, error) { return "", nil },
}

func (m *memo) one(set *template.Template, ns, name string, data any) (template.HTML, error) {
	w := m.bufs.Get().(*memoScratch)
	defer m.bufs.Put(w)
	key, ok := appendKey(appendPrefix(w.key[:0], ns, name), data)
	w.key = key
	return m.render(set, name, w, ok, data)
}

// each renders name for every element of list (a slice or array) and
// returns the concatenation, as {{range}}{{template name .}}{{end}} would.
func (m *memo) each(set *template.Template, ns, name string, list any) (_ template.HTML, err error) {
	w := m.bufs.Get().(*memoScratch)
	defer m.bufs.Put(w)
	w.parts = w.parts[:0]
	w.key = appendPrefix(w.key[:0], ns, name)
	n := len(w.key)
	switch l := list.(type) {
	case nil:
		return "", nil
	case []Link:
		err = eachOf(m, set, name, w, n, l, appendLink)
	case []NavItem:
		err = eachOf(m, set, name, w, n, l, appendNavItem)
	case []StoryRef:
		err = eachOf(m, set, name, w, n, l, appendStoryRef)
	default:
		v := reflect.ValueOf(list)
		if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
			return "", fmt.Errorf("cachedEach %s: %T is not a list", name, list)
		}
		for i := 0; i < v.Len(); i++ {
			e := v.Index(i)
			var ok bool
			w.key, ok = appendReflected(w.key[:n], e)
			h, err := m.render(set, name, w, ok, e.Interface())
			if err != nil {
				return "", err
			}
			w.parts = append(w.parts, h)
		}
	}
	if err != nil {
		return "", err
	}
	out := joinHTML(w.parts)
	clear(w.parts) // let the pool hold no fragments
	return out, nil
}

// eachOf is each for a list type with its own key encoder: an element is
// boxed into an interface only on a miss, when it must be rendered.
func eachOf[T any](m *memo, set *template.Template, name string, w *memoScratch, n int, l []T, key func([]byte, *T) []byte) error {
	for i := range l {
		w.key = key(w.key[:n], &l[i])
		h, hit := m.lookup(w.key)
		if !hit {
			var err error
			if h, err = m.miss(set, name, w, true, l[i]); err != nil {
				return err
			}
		}
		w.parts = append(w.parts, h)
	}
	return nil
}

// joinHTML concatenates parts with a single copy of each.
func joinHTML(parts []template.HTML) template.HTML {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	var b strings.Builder
	b.Grow(size)
	for _, p := range parts {
		b.WriteString(string(p))
	}
	return template.HTML(b.String())
}

// render returns the partial name executed with data: from the memo when
// w.key (valid when keyed) is there, else executed and kept.
func (m *memo) render(set *template.Template, name string, w *memoScratch, keyed bool, data any) (template.HTML, error) {
	if keyed {
		if h, hit := m.lookup(w.key); hit {
			return h, nil
		}
	}
	return m.miss(set, name, w, keyed, data)
}

// lookup returns the HTML kept for key, moving it to the newer generation
// when found in the older.
func (m *memo) lookup(key []byte) (template.HTML, bool) {
	k := m.hash(key)
	m.mu.RLock()
	e, hit := m.cur[k[0]]
	older := false
	if (!hit || e.check != k[1]) && m.old != nil {
		e, hit = m.old[k[0]]
		older = true
	}
	m.mu.RUnlock()
	if !hit || e.check != k[1] {
		return "", false
	}
	if older {
		m.keep(k, e.h)
	}
	return e.h, true
}

// miss executes the partial name with data and keeps the result under
// w.key when keyed.
func (m *memo) miss(set *template.Template, name string, w *memoScratch, keyed bool, data any) (template.HTML, error) {
	w.tmp.Reset()
	if err := set.ExecuteTemplate(&w.tmp, name, data); err != nil {
		return "", err
	}
	h := template.HTML(w.tmp.String())
	if keyed {
		m.keep(m.hash(w.key), h)
	}
	return h, nil
}

// keep stores h under k in the newer generation, starting a new one when
// it is full.
func (m *memo) keep(k [2]uint64, h template.HTML) {
	cost := len(h) + memoEntryCost
	if cost > m.limit/2 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, dup := m.cur[k[0]]; dup && e.check == k[1] {
		return
	}
	if m.curSize+cost > m.limit/2 {
		m.old, m.cur, m.curSize = m.cur, map[uint64]memoEntry{}, 0
	}
	m.cur[k[0]] = memoEntry{k[1], h}
	m.curSize += cost
}

func (m *memo) hash(key []byte) [2]uint64 {
	return [2]uint64{maphash.Bytes(m.seeds[0], key), maphash.Bytes(m.seeds[1], key)}
}

// The key encoding is unambiguous: strings carry their length, and every
// value starts with its type.

func appendPrefix(b []byte, ns, name string) []byte {
	return appendStr(appendStr(b, ns), name)
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendLink(b []byte, l *Link) []byte {
	b = append(b, 'L')
	b = appendStr(b, l.Name)
	b = appendStr(b, l.URL)
	b = binary.AppendVarint(b, int64(l.Count))
	return appendStr(b, l.Note)
}

func appendNavItem(b []byte, n *NavItem) []byte {
	b = append(b, 'N')
	b = appendStr(b, n.Name)
	b = appendStr(b, n.URL)
	if n.Current {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendStoryRef(b []byte, r *StoryRef) []byte {
	b = append(b, 'S')
	b = appendStr(b, r.Title)
	b = appendStr(b, r.URL)
	b = appendStr(b, r.Date)
	b = appendStr(b, r.DateLabel)
	b = appendStr(b, r.Summary)
	b = appendStr(b, r.Context)
	return appendStr(b, string(r.HTML))
}

func appendFrame(b []byte, f *Frame) []byte {
	b = append(b, 'F')
	b = appendStr(b, f.Root)
	b = appendStr(b, f.Site.Title)
	b = appendStr(b, f.Site.Description)
	b = appendStr(b, f.Site.Language)
	b = appendStr(b, f.Site.BaseURL)
	b = appendStr(b, f.Site.Generator)
	b = binary.AppendUvarint(b, uint64(len(f.Nav)))
	for i := range f.Nav {
		b = appendNavItem(b, &f.Nav[i])
	}
	return appendStr(b, f.FeedURL)
}

// appendKey appends data's key; false when data holds something without a
// value key (a map, a func), which is then rendered every time.
func appendKey(b []byte, data any) ([]byte, bool) {
	switch d := data.(type) {
	case Link:
		return appendLink(b, &d), true
	case NavItem:
		return appendNavItem(b, &d), true
	case StoryRef:
		return appendStoryRef(b, &d), true
	case Frame:
		return appendFrame(b, &d), true
	case string:
		return appendStr(append(b, 's'), d), true
	case nil:
		return append(b, 0), true
	}
	return appendReflected(b, reflect.ValueOf(data))
}

func appendReflected(b []byte, v reflect.Value) ([]byte, bool) {
	return appendValue(appendStr(append(b, 'R'), v.Type().String()), v, 0)
}

// appendValue appends v's value, following pointers; false for kinds that
// have no value key, or data nested deeper than any model type.
func appendValue(b []byte, v reflect.Value, depth int) ([]byte, bool) {
	if depth > 16 {
		return b, false
	}
	switch v.Kind() {
	case reflect.String:
		return appendStr(b, v.String()), true
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1), true
		}
		return append(b, 0), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(b, v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return binary.AppendUvarint(b, v.Uint()), true
	case reflect.Float32, reflect.Float64:
		return binary.AppendUvarint(b, math.Float64bits(v.Float())), true
	case reflect.Struct:
		ok := true
		for i := 0; i < v.NumField() && ok; i++ {
			b, ok = appendValue(b, v.Field(i), depth+1)
		}
		return b, ok
	case reflect.Slice:
		if v.IsNil() {
			return append(b, 0), true
		}
		b = append(b, 1)
		fallthrough
	case reflect.Array:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		ok := true
		for i := 0; i < v.Len() && ok; i++ {
			b, ok = appendValue(b, v.Index(i), depth+1)
		}
		return b, ok
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0), true
		}
		return appendValue(append(b, 1), v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			return append(b, 0), true
		}
		e := v.Elem()
		return appendValue(appendStr(append(b, 1), e.Type().String()), e, depth+1)
	}
	return b, false
}
