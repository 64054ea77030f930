package config

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/storygen/storygen/internal/config/tomlpos"
)

// decoder moves a decoded TOML map into typed fields, collecting one error
// with a line number for each unknown key or wrongly typed value. Doing this
// by hand rather than through toml's struct decoding gives every message a
// line and a plain wording.
type decoder struct {
	path string
	ix   tomlpos.Index
	errs []error
}

// fields maps the keys of one table to setters; a setter gets the full key.
type fields map[string]func(key []string, v any)

func (d *decoder) errf(key []string, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if line := d.ix.Line(key); line > 0 {
		d.errs = append(d.errs, fmt.Errorf("%s:%d: %s", d.path, line, msg))
		return
	}
	d.errs = append(d.errs, fmt.Errorf("%s: %s", d.path, msg))
}

// table applies fs to m's keys in file order, so errors come out in order.
func (d *decoder) table(m map[string]any, prefix []string, fs fields) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	full := func(k string) []string {
		return append(prefix[:len(prefix):len(prefix)], k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(d.ix.Line(full(a)), d.ix.Line(full(b))), strings.Compare(a, b))
	})
	for _, k := range keys {
		set, ok := fs[k]
		if !ok {
			d.errf(full(k), "unknown key %q%s", dotted(full(k)), suggest(k, fs))
			continue
		}
		set(full(k), m[k])
	}
}

// suggest names a known key that differs from k only in case or by a
// character or two: "baseUrl" → `did you mean "baseURL"?`.
func suggest(k string, fs fields) string {
	best, bestDist := "", 3
	for name := range fs {
		dist := editDistance(strings.ToLower(k), strings.ToLower(name))
		if dist < bestDist || dist == bestDist && name < best {
			best, bestDist = name, dist
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// dotted writes a key as in the file; array elements are identified by the
// line number in the message instead.
func dotted(key []string) string {
	parts := make([]string, 0, len(key))
	for _, p := range key {
		if !strings.HasPrefix(p, "\x01") {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ".")
}

func (d *decoder) str(dst *string) func([]string, any) {
	return func(k []string, v any) {
		s, ok := v.(string)
		if !ok {
			d.errf(k, "%s: want a string, got %s", dotted(k), typeName(v))
			return
		}
		*dst = s
	}
}

func (d *decoder) bool(dst *bool) func([]string, any) {
	return func(k []string, v any) {
		b, ok := v.(bool)
		if !ok {
			d.errf(k, "%s: want true or false, got %s", dotted(k), typeName(v))
			return
		}
		*dst = b
	}
}

func (d *decoder) int(dst *int) func([]string, any) {
	return func(k []string, v any) {
		n, ok := v.(int64)
		if !ok || n > math.MaxInt32 || n < math.MinInt32 {
			d.errf(k, "%s: want an integer, got %s", dotted(k), typeName(v))
			return
		}
		*dst = int(n)
	}
}

// sub decodes a [table].
func (d *decoder) sub(f func(m map[string]any, key []string)) func([]string, any) {
	return func(k []string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			d.errf(k, "%s: want a table [%s], got %s", dotted(k), dotted(k), typeName(v))
			return
		}
		f(m, k)
	}
}

// menu decodes [[menu]] entries (or an inline array of tables).
func (d *decoder) menu(k []string, v any) []MenuEntry {
	var list []map[string]any
	switch t := v.(type) {
	case []map[string]any:
		list = t
	case []any:
		for _, e := range t {
			m, ok := e.(map[string]any)
			if !ok {
				d.errf(k, "menu: want [[menu]] tables, got an array of %s", typeName(e))
				return nil
			}
			list = append(list, m)
		}
	default:
		d.errf(k, "menu: want [[menu]] tables, got %s", typeName(v))
		return nil
	}
	out := make([]MenuEntry, len(list))
	for i, m := range list {
		e := &out[i]
		d.table(m, []string{"menu", tomlpos.Elem(i)}, fields{
			"name":   d.str(&e.Name),
			"url":    d.str(&e.URL),
			"weight": d.int(&e.Weight),
		})
	}
	return out
}

// typeName describes a decoded TOML value in the user's terms.
func typeName(v any) string {
	switch t := v.(type) {
	case string:
		return fmt.Sprintf("string %q", t)
	case int64:
		return fmt.Sprintf("integer %d", t)
	case float64:
		return fmt.Sprintf("float %v", t)
	case bool:
		return fmt.Sprintf("boolean %v", t)
	case time.Time:
		return "date " + t.Format("2006-01-02")
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}
