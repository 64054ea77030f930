package gazetteer

import (
	_ "embed"
	"strings"
	"sync"
)

// The lists are plain text, one entry per line, sorted; fields are separated
// by tabs. See data/SOURCES.md.
var (
	//go:embed data/places.tsv
	placesData string
	//go:embed data/demonyms.tsv
	demonymsData string
	//go:embed data/organisations.tsv
	orgsData string
	//go:embed data/givennames.txt
	givenData string
	//go:embed data/commonwords.txt
	commonData string
	//go:embed data/surnames.txt
	surnameData string
)

type tableSet struct {
	places   map[string]PlaceInfo
	demonyms map[string]string
	orgs     map[string]string
	given    map[string]uint8 // gender bits: genderMale, genderFemale; 0 unknown
	surnames map[string]struct{}
	common   map[string]struct{}
}

// tables builds the maps once, on first use; keys and values are substrings
// of the embedded data, so building copies no text.
var tables = sync.OnceValue(func() *tableSet {
	return &tableSet{
		places:   parsePlaces(placesData),
		demonyms: parsePairs(demonymsData),
		orgs:     parsePairs(orgsData),
		given:    parseGiven(givenData),
		surnames: parseSet(surnameData),
		common:   parseSet(commonData),
	}
})

// lines calls fn for each non-empty line of data.
func lines(data string, fn func(line string)) {
	for len(data) > 0 {
		i := strings.IndexByte(data, '\n')
		if i < 0 {
			i = len(data)
		}
		if line := data[:i]; line != "" {
			fn(line)
		}
		if i == len(data) {
			break
		}
		data = data[i+1:]
	}
}

// field cuts the first tab-separated field off line.
func field(line string) (f, rest string) {
	if i := strings.IndexByte(line, '\t'); i >= 0 {
		return line[:i], line[i+1:]
	}
	return line, ""
}

func parseSet(data string) map[string]struct{} {
	m := make(map[string]struct{}, strings.Count(data, "\n"))
	lines(data, func(line string) { m[line] = struct{}{} })
	return m
}

// Gender bits of a given name.
const (
	genderMale uint8 = 1 << iota
	genderFemale
)

// parseGiven reads "name" or "name<TAB>m|f" lines.
func parseGiven(data string) map[string]uint8 {
	m := make(map[string]uint8, strings.Count(data, "\n"))
	lines(data, func(line string) {
		name, g := field(line)
		switch g {
		case "m":
			m[name] = genderMale
		case "f":
			m[name] = genderFemale
		default:
			m[name] = 0
		}
	})
	return m
}

// parsePairs reads "name<TAB>canonical" lines; a line with no canonical names
// itself.
func parsePairs(data string) map[string]string {
	m := make(map[string]string, strings.Count(data, "\n"))
	lines(data, func(line string) {
		name, canon := field(line)
		if canon == "" {
			canon = name
		}
		m[name] = canon
	})
	return m
}

// parsePlaces reads "name<TAB>type<TAB>canonical<TAB>country code<TAB>a" lines,
// trailing empty fields omitted: type is c, r, y or k (country, region,
// city, continent), an empty canonical means the name itself, and "a" marks
// an ambiguous name. Country codes resolve through the country lines.
func parsePlaces(data string) map[string]PlaceInfo {
	type row struct {
		name, canon, cc string
		t               PlaceType
		amb             bool
	}
	rows := make([]row, 0, strings.Count(data, "\n"))
	countries := make(map[string]string, 256)
	lines(data, func(line string) {
		var r row
		var typ, amb string
		r.name, line = field(line)
		typ, line = field(line)
		r.canon, line = field(line)
		r.cc, amb = field(line)
		r.amb = amb == "a"
		switch typ {
		case "y":
			r.t = City
		case "r":
			r.t = Region
		case "c":
			r.t = Country
		case "k":
			r.t = Continent
		default:
			return // unknown type: skip rather than guess
		}
		if r.canon == "" {
			r.canon = r.name
			if r.t == Country {
				countries[r.cc] = r.name
			}
		}
		rows = append(rows, r)
	})
	m := make(map[string]PlaceInfo, len(rows))
	for _, r := range rows {
		m[r.name] = PlaceInfo{Canonical: r.canon, Type: r.t, Country: countries[r.cc], Ambiguous: r.amb}
	}
	return m
}
