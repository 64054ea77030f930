package extract

import "unique"

// Str is an interned string: a name as a Mention holds it. An archive has
// tens of mentions per story but few distinct names, and every Mention of
// every story stays in memory until package resolve has seen them all, so a
// name is stored once per process and a Mention holds an 8-byte handle to
// it, not a 16-byte string header and its own copy of the bytes.
//
// The zero Str is "". Two Strs are equal exactly when their strings are, so
// Strs compare with == and serve as map keys.
type Str struct{ h unique.Handle[string] }

// Intern returns the Str holding s. It copies s, so a Str never keeps a
// story's text alive.
func Intern(s string) Str {
	if s == "" {
		return Str{}
	}
	return Str{unique.Make(s)}
}

// String returns the string s holds.
func (s Str) String() string {
	if s == (Str{}) {
		return ""
	}
	return s.h.Value()
}

// IsZero reports whether s is "".
func (s Str) IsZero() bool { return s == Str{} }
