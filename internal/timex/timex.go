// Package timex finds expressions in text that name a calendar day, month or
// year and resolves them against the story's own date. It does no I/O.
package timex

import "time"

// Ref is one date expression found in text.
type Ref struct {
	Start, End int // byte offsets into the text, end exclusive
	// Value is YYYY-MM-DD, YYYY-MM or YYYY.
	Value string
}

// Find returns the date expressions in text in order of position, resolved
// against anchor (the story's date at UTC midnight; zero when unknown, in which
// case only absolute dates are returned).
func Find(text string, anchor time.Time) []Ref {
	return nil // TODO(timex helper)
}
