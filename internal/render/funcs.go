package render

import "strconv"

var monthNames = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// humanDate turns an ISO date ("2018-05-31", "2018-05", "2018") into the form
// readers expect ("31 May 2018", "May 2018", "2018"), for fields the model
// keeps only in ISO form. Anything else is returned unchanged.
func humanDate(iso string) string {
	n := len(iso)
	if n != 4 && n != 7 && n != 10 {
		return iso
	}
	if _, err := strconv.Atoi(iso[:4]); err != nil {
		return iso
	}
	if n == 4 {
		return iso
	}
	m, err := strconv.Atoi(iso[5:7])
	if err != nil || iso[4] != '-' || m < 1 || m > 12 {
		return iso
	}
	if n == 7 {
		return monthNames[m-1] + " " + iso[:4]
	}
	d, err := strconv.Atoi(iso[8:10])
	if err != nil || iso[7] != '-' || d < 1 || d > 31 {
		return iso
	}
	return strconv.Itoa(d) + " " + monthNames[m-1] + " " + iso[:4]
}

// NoteGroup is a run of links sharing a note.
type NoteGroup struct {
	Note  string
	Links []Link
}

// noteGroups splits links into groups of equal Note, in order of first
// appearance; within a group the links keep their order.
func noteGroups(links []Link) []NoteGroup {
	var out []NoteGroup
	at := map[string]int{}
	for _, l := range links {
		i, ok := at[l.Note]
		if !ok {
			i = len(out)
			at[l.Note] = i
			out = append(out, NoteGroup{Note: l.Note})
		}
		out[i].Links = append(out[i].Links, l)
	}
	return out
}

// withoutSpeaker returns quotes with the speaker cleared where it is name.
func withoutSpeaker(quotes []QuoteRef, name string) []QuoteRef {
	out := make([]QuoteRef, len(quotes))
	for i, q := range quotes {
		if q.Speaker.Name == name {
			q.Speaker = Link{}
		}
		out[i] = q
	}
	return out
}

// QuoteGroup is a run of quotes with the same speaker from the same story,
// captioned once.
type QuoteGroup struct {
	Texts   []string
	Speaker Link
	Story   StoryRef
}

// quoteGroups joins consecutive quotes of one speaker in one story: an
// entity page lists a story's quotes together, and the caption (the
// story's title and link) would otherwise be repeated under each.
func quoteGroups(quotes []QuoteRef) []QuoteGroup {
	var out []QuoteGroup
	for _, q := range quotes {
		if n := len(out); n > 0 && out[n-1].Speaker == q.Speaker && out[n-1].Story.URL == q.Story.URL && q.Story.URL != "" {
			out[n-1].Texts = append(out[n-1].Texts, q.Text)
			continue
		}
		out = append(out, QuoteGroup{Texts: []string{q.Text}, Speaker: q.Speaker, Story: q.Story})
	}
	return out
}
