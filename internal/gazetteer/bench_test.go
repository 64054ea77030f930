package gazetteer

import "testing"

// BenchmarkInit measures building every table from the embedded data, the
// one-time cost paid by the first lookup.
func BenchmarkInit(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = parsePlaces(placesData)
		_ = parsePairs(demonymsData)
		_ = parsePairs(orgsData)
		_ = parseSet(givenData)
		_ = parseSet(commonData)
	}
}

var benchWords = []string{"The", "North Korea", "Mike", "said", "Pentagon", "American", "Reading", "xylophone", "Don’t", "Washington"}

func BenchmarkLookups(b *testing.B) {
	tables()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w := benchWords[i%len(benchWords)]
		Place(w)
		Demonym(w)
		Organisation(w)
		GivenName(w)
		CommonWord(w)
	}
}
