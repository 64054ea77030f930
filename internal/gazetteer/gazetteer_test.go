package gazetteer

import (
	"strings"
	"testing"
)

func TestPlace(t *testing.T) {
	tests := []struct {
		name, canonical, country string
		typ                      PlaceType
		ambiguous                bool
	}{
		// countries: canonical short names for ISO's formal or inverted names
		{"United States", "United States", "United States", Country, false},
		{"U.S.", "United States", "United States", Country, false},
		{"US", "United States", "United States", Country, false},
		{"USA", "United States", "United States", Country, false},
		{"America", "United States", "United States", Country, false},
		{"United States of America", "United States", "United States", Country, false},
		{"UK", "United Kingdom", "United Kingdom", Country, false},
		{"Britain", "United Kingdom", "United Kingdom", Country, false},
		{"Great Britain", "United Kingdom", "United Kingdom", Country, false},
		{"North Korea", "North Korea", "North Korea", Country, false},
		{"DPRK", "North Korea", "North Korea", Country, false},
		{"South Korea", "South Korea", "South Korea", Country, false},
		{"Russia", "Russia", "Russia", Country, false},
		{"Russian Federation", "Russia", "Russia", Country, false},
		{"Iran", "Iran", "Iran", Country, false},
		{"Syria", "Syria", "Syria", Country, false},
		{"Vietnam", "Vietnam", "Vietnam", Country, false},
		{"Viet Nam", "Vietnam", "Vietnam", Country, false},
		{"Taiwan", "Taiwan", "Taiwan", Country, false},
		{"Burma", "Myanmar", "Myanmar", Country, false},
		{"Côte d'Ivoire", "Ivory Coast", "Ivory Coast", Country, false},
		{"Türkiye", "Turkey", "Turkey", Country, false},
		{"Soviet Union", "Soviet Union", "Soviet Union", Country, false},
		{"Jordan", "Jordan", "Jordan", Country, true},
		// a country beats the city or region of the same name
		{"Singapore", "Singapore", "Singapore", Country, false},
		{"Mexico", "Mexico", "Mexico", Country, false},
		{"Georgia", "Georgia", "Georgia", Country, true},
		// regions
		{"Texas", "Texas", "United States", Region, false},
		{"Florida", "Florida", "United States", Region, true},
		{"Scotland", "Scotland", "United Kingdom", Region, false},
		{"Wales", "Wales", "United Kingdom", Region, false},
		{"Ontario", "Ontario", "Canada", Region, false},
		{"Bavaria", "Bavaria", "Germany", Region, false},
		{"Crimea", "Crimea", "Ukraine", Region, false},
		{"Gaza Strip", "Gaza Strip", "Palestine", Region, false},
		{"Quebec", "Quebec", "Canada", Region, false},
		{"Punjab", "Punjab", "", Region, false}, // India and Pakistan
		// cities
		{"Washington", "Washington", "United States", City, true},
		{"Washington, D.C.", "Washington", "United States", City, false},
		{"New York", "New York City", "United States", City, false},
		{"New York City", "New York City", "United States", City, false},
		{"Tokyo", "Tokyo", "Japan", City, false},
		{"Berlin", "Berlin", "Germany", City, false},
		{"Kyiv", "Kyiv", "Ukraine", City, false},
		{"Kiev", "Kyiv", "Ukraine", City, false},
		{"Pyongyang", "Pyongyang", "North Korea", City, false},
		{"São Paulo", "São Paulo", "Brazil", City, false},
		{"Sao Paulo", "São Paulo", "Brazil", City, false},
		{"Cologne", "Cologne", "Germany", City, true},
		{"Köln", "Cologne", "Germany", City, false},
		{"Reading", "Reading", "United Kingdom", City, true},
		{"Mobile", "Mobile", "United States", City, true},
		{"Nice", "Nice", "France", City, true},
		{"Florence", "Florence", "Italy", City, true},
		{"Eugene", "Eugene", "United States", City, true},
		{"Paris", "Paris", "France", City, false},
		// continents, seas, supranational regions
		{"Europe", "Europe", "", Continent, false},
		{"North America", "North America", "", Continent, false},
		{"Middle East", "Middle East", "", Continent, false},
		{"South China Sea", "South China Sea", "", Continent, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			canon, typ := Place(tt.name)
			if canon != tt.canonical || typ != tt.typ {
				t.Errorf("Place(%q) = %q, %v; want %q, %v", tt.name, canon, typ, tt.canonical, tt.typ)
			}
			p, ok := LookupPlace(tt.name)
			if !ok || p.Country != tt.country || p.Ambiguous != tt.ambiguous {
				t.Errorf("LookupPlace(%q) = %+v, %v; want country %q, ambiguous %v", tt.name, p, ok, tt.country, tt.ambiguous)
			}
			if PlaceAmbiguous(tt.name) != tt.ambiguous {
				t.Errorf("PlaceAmbiguous(%q) = %v", tt.name, !tt.ambiguous)
			}
		})
	}
}

func TestNotPlace(t *testing.T) {
	for _, name := range []string{"", "Joint Base Andrews", "united states", "The", "Mike", "Central", "Northern", "CIA"} {
		if canon, typ := Place(name); typ != NotPlace || canon != "" {
			t.Errorf("Place(%q) = %q, %v; want not a place", name, canon, typ)
		}
		if _, ok := LookupPlace(name); ok {
			t.Errorf("LookupPlace(%q) found", name)
		}
	}
}

func TestDemonym(t *testing.T) {
	tests := []struct{ word, place string }{
		{"North Korean", "North Korea"},
		{"North Koreans", "North Korea"},
		{"South Korean", "South Korea"},
		{"American", "United States"},
		{"Americans", "United States"},
		{"British", "United Kingdom"},
		{"Britons", "United Kingdom"},
		{"Chinese", "China"},
		{"Russian", "Russia"},
		{"Iranian", "Iran"},
		{"Israeli", "Israel"},
		{"Israelis", "Israel"},
		{"Palestinian", "Palestine"},
		{"Ukrainian", "Ukraine"},
		{"French", "France"},
		{"Dutch", "Netherlands"},
		{"Filipino", "Philippines"},
		{"Emirati", "United Arab Emirates"},
		{"Congolese", "Democratic Republic of the Congo"},
		{"Scottish", "Scotland"},
		{"Soviet", "Soviet Union"},
		{"European", "Europe"},
		{"Middle Eastern", "Middle East"},
		{"Texan", "Texas"},
		{"New Yorkers", "New York City"},
	}
	for _, tt := range tests {
		if got, ok := Demonym(tt.word); !ok || got != tt.place {
			t.Errorf("Demonym(%q) = %q, %v; want %q", tt.word, got, ok, tt.place)
		}
	}
	for _, w := range []string{"Korea", "american", "Welsh-ish", ""} {
		if got, ok := Demonym(w); ok {
			t.Errorf("Demonym(%q) = %q; want none", w, got)
		}
	}
}

// Every demonym must name a place Place resolves to itself, or the
// extractor would create an id no place mention shares.
func TestDemonymTargetsArePlaces(t *testing.T) {
	for word, place := range tables().demonyms {
		canon, typ := Place(place)
		if typ == NotPlace || canon != place {
			t.Errorf("Demonym(%q) = %q, but Place(%q) = %q, %v", word, place, place, canon, typ)
		}
	}
}

// Canonical names must themselves be places with the same canonical name,
// so ids are stable whichever alias a story uses.
func TestPlaceCanonicalIsFixedPoint(t *testing.T) {
	for name, p := range tables().places {
		q, ok := tables().places[p.Canonical]
		if !ok || q.Canonical != p.Canonical {
			t.Errorf("Place(%q) → %q, but Place(%q) → %q, %v", name, p.Canonical, p.Canonical, q.Canonical, ok)
		}
		if p.Type != Continent && p.Type != Region && p.Country == "" {
			t.Errorf("Place(%q) (%v) has no country", name, p.Type)
		}
	}
}

func TestOrganisation(t *testing.T) {
	tests := []struct{ name, canonical string }{
		{"CIA", "Central Intelligence Agency"},
		{"C.I.A.", "Central Intelligence Agency"},
		{"Central Intelligence Agency", "Central Intelligence Agency"},
		{"FBI", "Federal Bureau of Investigation"},
		{"UN", "United Nations"},
		{"U.N.", "United Nations"},
		{"United Nations", "United Nations"},
		{"NATO", "North Atlantic Treaty Organization"},
		{"EU", "European Union"},
		{"WHO", "World Health Organization"},
		{"IMF", "International Monetary Fund"},
		{"World Bank", "World Bank"},
		{"State Department", "State Department"},
		{"Pentagon", "Pentagon"},
		{"Congress", "Congress"},
		{"Senate", "Senate"},
		{"European Commission", "European Commission"},
		{"Fed", "Federal Reserve"},
		{"Kremlin", "Kremlin"},
		{"ISIS", "Islamic State"},
		{"Hamas", "Hamas"},
		{"The New York Times", "New York Times"},
		{"Reuters", "Reuters"},
		{"Apple Inc.", "Apple"},
		{"General Motors Corporation", "General Motors"},
		{"The Ford Motor Company", "Ford"},
		{"Fiat SpA", "Fiat"},
		{"Lufthansa AG", "Lufthansa"},
		{"Chrysler, LLC", "Chrysler"},
		{"The Pentagon", "Pentagon"},
	}
	for _, tt := range tests {
		if got, ok := Organisation(tt.name); !ok || got != tt.canonical {
			t.Errorf("Organisation(%q) = %q, %v; want %q", tt.name, got, ok, tt.canonical)
		}
	}
	for _, name := range []string{"", "Who", "cia", "Acme Widgets", "Mike", "Inc.", "The", "Acme Inc.", "Group"} {
		if got, ok := Organisation(name); ok {
			t.Errorf("Organisation(%q) = %q; want none", name, got)
		}
	}
}

func TestGivenName(t *testing.T) {
	for _, w := range []string{"Mike", "Michael", "Mark", "John", "Mary", "Elizabeth", "Donald", "Vladimir", "Kim", "Ali"} {
		if !GivenName(w) {
			t.Errorf("GivenName(%q) = false", w)
		}
	}
	for _, w := range []string{"", "mike", "MIKE", "The", "Pentagon", "Iran"} {
		if GivenName(w) {
			t.Errorf("GivenName(%q) = true", w)
		}
	}
	// beyond the American lists: Nigerian, Indian, Turkish, Polish names, and
	// a diacritic name under its folded spelling too
	for _, w := range []string{"Chinedu", "Emeka", "Narendra", "Bülent", "Bulent", "Katarzyna"} {
		if !GivenName(w) {
			t.Errorf("GivenName(%q) = false", w)
		}
	}
}

func TestGivenNameGender(t *testing.T) {
	for _, c := range []struct {
		name         string
		male, female bool
	}{
		{"David", true, false}, {"Elena", false, true}, {"Donald", true, false}, {"Melania", false, true},
		{"Kim", false, false}, {"Andrea", false, false}, {"Zzyzx", false, false},
	} {
		if m, f := GivenNameGender(c.name); m != c.male || f != c.female {
			t.Errorf("GivenNameGender(%q) = %v, %v; want %v, %v", c.name, m, f, c.male, c.female)
		}
	}
}

func TestSurname(t *testing.T) {
	for _, w := range []string{"Smith", "Press", "Okafor", "Nguyen", "Kowalski", "Chan", "Khan"} {
		if !Surname(w) {
			t.Errorf("Surname(%q) = false", w)
		}
	}
	for _, w := range []string{"", "the", "The", "Construction", "Chemicals", "smith", "Sir"} {
		if Surname(w) {
			t.Errorf("Surname(%q) = true", w)
		}
	}
}

func TestCommonWord(t *testing.T) {
	for _, w := range []string{"But", "The", "the", "However", "And", "will", "Will", "reading", "Reading",
		"government", "Minister", "Don't", "Don’t", "IT'S", "a", "I", "Yes", "North", "Mark", "President"} {
		if !CommonWord(w) {
			t.Errorf("CommonWord(%q) = false", w)
		}
	}
	// mostly-capitalised words in the frequency source are names, not common words
	for _, w := range []string{"", "Michael", "China", "Pyongyang", "Mike", "x", "Don", "naïve",
		strings.Repeat("a", 40), "Washington"} {
		if CommonWord(w) {
			t.Errorf("CommonWord(%q) = true", w)
		}
	}
}

// Every list must be non-trivial, sorted and free of duplicates, so a bad
// regeneration is caught here rather than in extraction quality.
func TestDataFiles(t *testing.T) {
	for _, f := range []struct {
		name, data string
		min        int
	}{
		{"places.tsv", placesData, 5000},
		{"demonyms.tsv", demonymsData, 300},
		{"organisations.tsv", orgsData, 300},
		{"givennames.txt", givenData, 5000},
		{"surnames.txt", surnameData, 20000},
		{"commonwords.txt", commonData, 5000},
	} {
		var prev string
		n := 0
		lines(f.data, func(line string) {
			key, _ := field(line)
			if n > 0 && line <= prev {
				t.Errorf("%s: line %d %q not after %q", f.name, n+1, line, prev)
			}
			if key == "" || strings.TrimSpace(key) != key {
				t.Errorf("%s: line %d has a bad key %q", f.name, n+1, key)
			}
			prev = line
			n++
		})
		if n < f.min {
			t.Errorf("%s: %d entries, want ≥ %d", f.name, n, f.min)
		}
	}
}

func TestLookupsDoNotAllocate(t *testing.T) {
	tables()
	allocs := testing.AllocsPerRun(100, func() {
		Place("North Korea")
		LookupPlace("Reading")
		Demonym("American")
		Organisation("CIA")
		GivenName("Mike")
		GivenNameGender("Elena")
		Surname("Okafor")
		CommonWord("But")
		CommonWord("Don’t")
		CommonWord("nothing")
	})
	if allocs != 0 {
		t.Errorf("lookups allocate %v times per run", allocs)
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	// Run with -race: the first lookups race to build the tables.
	done := make(chan bool)
	for i := 0; i < 8; i++ {
		go func() {
			_, typ := Place("Texas")
			done <- typ == Region && GivenName("Mike") && CommonWord("But")
		}()
	}
	for i := 0; i < 8; i++ {
		if !<-done {
			t.Error("concurrent lookup failed")
		}
	}
}

func TestPlaceTypeString(t *testing.T) {
	want := map[PlaceType]string{NotPlace: "none", City: "city", Region: "region", Country: "country", Continent: "continent"}
	for typ, s := range want {
		if typ.String() != s {
			t.Errorf("%d.String() = %q, want %q", typ, typ.String(), s)
		}
	}
}
