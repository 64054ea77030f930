package resolve

import (
	"fmt"
	"testing"

	"github.com/storygen/storygen/internal/extract"
)

// BenchmarkResolve measures a rebuild's archive-wide pass over 10,000
// stories of 40 mentions each (people with short forms, places, acronyms).
func BenchmarkResolve(b *testing.B) {
	const stories, people = 10000, 2000
	base := make([]*extract.Result, stories)
	for i := range base {
		r := &extract.Result{}
		for k := 0; k < 10; k++ {
			p := (i*7 + k*13) % people
			full := fmt.Sprintf("Given%d Family%d", p%300, p)
			r.Mentions = append(r.Mentions,
				extract.Mention{Text: extract.Intern(full), Bare: extract.Intern(full), Name: extract.Intern(full), Kind: extract.Person},
				extract.Mention{Text: extract.Intern(fmt.Sprintf("Mr Family%d", p)), Bare: extract.Intern(fmt.Sprintf("Family%d", p)), Kind: extract.Person, Short: true},
				extract.Mention{Text: extract.Intern(fmt.Sprintf("Place%d", p%500)), Bare: extract.Intern(fmt.Sprintf("Place%d", p%500)), Kind: extract.Place},
				extract.Mention{Text: extract.Intern("NFA"), Bare: extract.Intern("NFA"), Kind: extract.Organisation, Name: extract.Intern("NFA")})
		}
		base[i] = r
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		docs := make([]Doc, stories)
		for i, r := range base {
			docs[i] = Doc{Path: fmt.Sprintf("s%05d.txt", i), Result: r.Clone()}
		}
		b.StartTimer()
		Resolve(docs, nil)
	}
}
