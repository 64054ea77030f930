// Package extract finds the people, places, organisations, dates and quotes in
// one story. It does no I/O and is safe for concurrent use: the same story in
// gives the same Result out.
//
// Identity across the archive (which "Trump" is which) is not decided here but by
// package resolve, from the Results of all stories.
package extract

// Kind is the kind of a named entity.
type Kind uint8

const (
	Person Kind = iota + 1
	Place
	Organisation
)

func (k Kind) String() string {
	switch k {
	case Person:
		return "person"
	case Place:
		return "place"
	case Organisation:
		return "organisation"
	}
	return "unknown"
}

// Mention is one occurrence of an entity in the story's text.
type Mention struct {
	Start, End int32 // byte offsets into story.Story.Text, end exclusive
	Kind       Kind
	// Short marks a later or partial mention ("Mr Pompeo", "Pompeo", "Trump").
	Short bool
	// Ambiguous marks a short form that fits several full names in the story
	// ("Mr Kim" beside Kim Jong Un and Andrew Kim): it must stay unlinked.
	Ambiguous bool
	// Weak marks a kind chosen by default, without evidence; package resolve
	// may let the archive's other stories decide it.
	Weak bool
	// Text is the mention as written.
	Text Str
	// Name is the fullest form of the name known in this story for the
	// mention's entity ("Mike Pompeo" for a "Mr Pompeo" mention), without
	// titles; "" when the mention is a short form that could not be tied to a
	// full name within the story (e.g. "Mr Kim" with several Kims).
	Name Str
	// Bare is the name as written, without honorific or possessive ("Pompeo"
	// for "Mr Pompeo’s"); package resolve links short forms by it.
	Bare Str
	// ID is the archive-wide entity id, set by package resolve; "" = unlinked.
	ID Str
}

// DateRef is an expression naming a calendar day, month or year.
type DateRef struct {
	Start, End int32
	Text       string
	// Value is YYYY-MM-DD, YYYY-MM or YYYY.
	Value string
}

// Quote is quoted speech, with its speaker when the text says who.
type Quote struct {
	Start, End int // the quoted text including its quote marks
	Text       string
	// Speaker is the index into Result.Mentions of the mention naming the
	// speaker, or -1 when unattributed.
	Speaker int
}

// Result is everything found in one story.
type Result struct {
	Mentions []Mention
	Dates    []DateRef
	Quotes   []Quote
	Hashtags []string // without '#', as written, each once, in order of appearance
	Handles  []string // without '@', as written, each once, in order of appearance
	// Tags are all hashtag and handle occurrences with their spans, so that
	// annotations can turn a handle ("@POTUS") into a mention of a person.
	Tags []Tag
}

// Tag is one "#tag" or "@handle" occurrence; the span includes the sign.
type Tag struct {
	Start, End int
	Text       string // without the sign
	Handle     bool
}

// Clone returns a deep copy, for callers that cache a story's Result and
// hand it to package resolve, which edits mentions in place.
func (r *Result) Clone() *Result {
	c := *r
	c.Mentions = append([]Mention(nil), r.Mentions...)
	c.Dates = append([]DateRef(nil), r.Dates...)
	c.Quotes = append([]Quote(nil), r.Quotes...)
	c.Hashtags = append([]string(nil), r.Hashtags...)
	c.Handles = append([]string(nil), r.Handles...)
	c.Tags = append([]Tag(nil), r.Tags...)
	return &c
}
