package site

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"reflect"
)

// fingerprint hashes a value of plain data (structs, strings, numbers, bools,
// slices, maps with sortable keys are not supported, pointers) by walking it.
// Two values with the same fingerprint render to the same bytes through the
// same templates, so a Builder can reuse a page's previous bytes: incremental
// equals full by construction, with no hand-kept dependency graph.
type fingerprint struct {
	h   maphash.Hash
	buf [8]byte
}

func newFingerprint(seed maphash.Seed) *fingerprint {
	f := &fingerprint{}
	f.h.SetSeed(seed)
	return f
}

func (f *fingerprint) sum() uint64 { return f.h.Sum64() }

func (f *fingerprint) u64(v uint64) {
	binary.LittleEndian.PutUint64(f.buf[:], v)
	f.h.Write(f.buf[:])
}

func (f *fingerprint) str(s string) {
	f.u64(uint64(len(s)))
	f.h.WriteString(s)
}

// value walks v. Pointers are followed (nil marked), so shared sub-values
// count once per reference, which is what rendering sees.
func (f *fingerprint) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		f.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			f.u64(1)
		} else {
			f.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		f.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		f.u64(math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			f.u64(0)
			return
		}
		f.u64(1)
		f.value(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f.value(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			f.u64(uint64(v.Len()))
			f.h.Write(v.Bytes())
			return
		}
		f.u64(uint64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			f.value(v.Index(i))
		}
	default:
		// Maps, funcs and channels have no place in page data: their order or
		// identity would make the hash meaningless.
		panic("site: cannot fingerprint a " + v.Kind().String())
	}
}
