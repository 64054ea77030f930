package extract

// Word classes are rules of English news prose (how titles, company names and
// place names are built), not lists of entities: the entities themselves come
// from evidence in the text and from package gazetteer.

const (
	wHonorific    uint32 = 1 << iota // Mr, Mrs, Dr: part of the mention, marks a person
	wTitle                           // President, Secretary, CEO: precedes a person's name
	wCorpTitle                       // CEO, Chairman: a name before it is an organisation
	wOrgSuffix                       // Inc, Airlines, Bank: a name ending in it is an organisation
	wLegal                           // Inc, Ltd, plc: dropped from an organisation's id
	wOrgHead                         // Bank, University: "X of Y" is an organisation
	wPlaceHead                       // Airport, Base, River: a name holding it is a place
	wPlaceFirst                      // Mount, Fort, Lake: a name starting with it is a place
	wFunction                        // The, But, When: never starts a name
	wDate                            // Monday, June: dates, not names
	wPersonCue                       // lowercase "analyst", "spokesman" before a name
	wOrgCue                          // lowercase "airline", "automaker" before a name
	wPlaceCue                        // "in", "near" before a name
	wSpeech                          // said, told, tweeted
	wParticle                        // van, de, bin: inside a person's name
	wNameSuffix                      // Jr, III: end of a person's name
	wPronoun                         // he, she: a speaker seen before
	wBusinessVerb                    // announced, reported: its unknown subject is an organisation
	wAbbrev                          // a word whose following period is not a sentence end
	wGeneric                         // General, United, National: too generic to link by prefix
	wPlaceOrg                        // White House, Pentagon-like seats named by a place head
)

var words = map[string]uint32{}

func add(class uint32, list ...string) {
	for _, w := range list {
		words[w] |= class
	}
}

func init() {
	add(wHonorific|wAbbrev, "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Rev", "Messrs", "Mme", "Mlle")
	add(wHonorific, "Miss", "Sir", "Dame", "Lord", "Lady", "Madam", "Monsieur", "Madame", "Herr", "Frau", "Señor", "Señora")
	add(wTitle, "President", "Vice", "Prime", "Minister", "Secretary", "Senator", "Representative",
		"Congressman", "Congresswoman", "Governor", "Mayor", "Judge", "Justice", "Chancellor", "King", "Queen",
		"Prince", "Princess", "Pope", "Cardinal", "Bishop", "Archbishop", "General", "Colonel", "Lieutenant",
		"Captain", "Major", "Sergeant", "Admiral", "Commander", "Chairman", "Chairwoman", "Chairperson", "Chief",
		"Executive", "CEO", "CFO", "COO", "CTO", "Director", "Spokesman", "Spokeswoman", "Spokesperson",
		"Ambassador", "Adviser", "Advisor", "Attorney", "Detective", "Inspector", "Sheriff", "Speaker", "Premier",
		"Emperor", "Empress", "Sheikh", "Ayatollah", "Imam", "Rabbi", "Father", "Coach", "Deputy", "Assistant",
		"Acting", "Presiding", "Founder", "Co-founder", "Commissioner", "Councillor", "Councilman", "Treasurer",
		"Professor", "Doctor", "Cllr", "Alderman", "Alderwoman", "Superintendent", "Constable", "Officer", "Analyst", "Economist", "Editor",
		"Manager", "Envoy", "Consul", "Lawmaker", "Delegate", "Leader", "Chair", "President-elect",
		"Vice-President", "Secretary-General", "Director-General", "Chief-Executive", "Principal", "Dean",
		"Marshal", "Brigadier", "Corporal", "Private", "Pastor", "Reverend", "Sen", "Rep", "Gov", "Gen", "Col",
		"Lt", "Capt", "Maj", "Sgt", "Adm", "Cmdr", "Insp", "Det", "Supt", "Pres", "Sen.", "Rep.", "Gov.", "Gen.",
		"Col.", "Lt.", "Capt.", "Maj.", "Sgt.", "Adm.", "Cmdr.", "Insp.", "Det.", "Supt.", "Mr.", "Mrs.", "Ms.",
		"Dr.", "Prof.", "Rev.", "Mx.", "Striker", "Midfielder", "Defender", "Goalkeeper", "Skipper", "Star",
		"Owner", "Partner", "Chairman-elect", "Ombudsman", "Magistrate", "Registrar", "Secretary-general")
	add(wAbbrev, "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Capt", "Maj", "Sgt", "Adm", "Cmdr", "Insp", "Det",
		"Supt", "Pres", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "No", "Nos", "vs", "etc", "Mt", "Ft",
		"Ave", "Rd", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky",
		"La", "Md", "Mass", "Mich", "Minn", "Mo", "Mont", "Neb", "Nebr", "Nev", "Okla", "Ore", "Oreg", "Pa",
		"Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wisc", "Wyo", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Gov",
		"approx", "Univ", "Dept", "Fig", "Ph", "Op", "Vol", "Mme", "Mlle", "Hon", "Msgr", "Fr")
	add(wHonorific|wAbbrev, "Hon", "Msgr")
	add(wCorpTitle, "CEO", "CFO", "COO", "CTO", "Chairman", "Chairwoman", "Chairperson", "Chief", "Executive",
		"President", "Director", "Spokesman", "Spokeswoman", "Spokesperson", "Founder", "Co-founder", "Analyst",
		"Economist", "Manager", "Editor", "Owner", "Partner", "Vice", "Chief-Executive", "Head", "Chair",
		"Vice-President", "Coach", "Striker", "Midfielder", "Defender", "Goalkeeper", "Skipper")
	add(wOrgSuffix|wLegal, "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co", "Co.", "Ltd", "Ltd.", "LLC",
		"L.L.C.", "LLP", "LP", "plc", "PLC", "Plc", "AG", "SA", "S.A.", "NV", "N.V.", "GmbH", "SpA", "S.p.A.",
		"BV", "B.V.", "AB", "ASA", "Oyj", "KK", "K.K.", "Pty", "Limited", "Incorporated", "SE", "S.A.S.", "SAS",
		"Bhd", "Tbk", "Company")
	add(wOrgSuffix, "Group", "Holdings", "Holding", "Airlines", "Airline", "Airways", "Aviation", "Aerospace",
		"Bank", "Bancorp", "Banking", "Motors", "Motor", "Automotive", "Auto", "Industries", "Systems",
		"Technologies", "Technology", "Entertainment", "Pictures", "Studios", "Records", "Media",
		"Communications", "Networks", "Network", "Partners", "Capital", "Management", "Ventures", "Securities",
		"Insurance", "Agency", "Department", "Ministry", "Office", "Bureau", "Service", "Services", "Commission",
		"Committee", "Council", "Board", "Authority", "Administration", "University", "College", "Institute",
		"School", "Academy", "Association", "Federation", "Union", "League", "Society", "Foundation", "Fund",
		"Trust", "Party", "Court", "Courts", "Parliament", "Congress", "Senate", "Assembly", "Army", "Navy",
		"Force", "Forces", "Police", "Times", "Post", "Press", "News", "Journal", "Herald", "Tribune", "Gazette",
		"Telegraph", "Magazine", "Reserve", "Exchange", "Organisation", "Organization", "Club", "Church",
		"Hospital", "Labs", "Laboratories", "Pharmaceuticals", "Pharma", "Analytics", "Robotics", "Biotech", "Therapeutics", "Dynamics", "Electric", "Electronics", "Energy",
		"Petroleum", "Steel", "Foods", "Brewing", "Brewery", "Railway", "Railways", "Railroad", "Lines", "Cruises",
		"Television", "TV", "Radio", "Broadcasting", "Corps", "Enterprises", "Solutions", "Software",
		"Computer", "Computers", "Semiconductor", "Telecom", "Telecommunications", "Mobile", "Wireless", "Bancshares",
		"Financial", "Investments", "Advisors", "Associates", "Brothers", "Bros", "Bros.", "Stores", "Mart",
		"Markets", "Motorworks", "Logistics", "Shipping", "Chemicals", "Mining", "Resources", "Oil", "Gas",
		"Utilities", "Cooperative", "Coalition", "Alliance", "Movement", "Front", "Brigade", "Brigades",
		"Regiment", "Guard", "Cabinet", "Secretariat", "Tribunal", "Directorate", "Inquirer", "Chronicle",
		"Observer", "Independent", "Economist", "Review", "Daily", "Weekly", "Wire", "Agencies",
		"Bureau", "Unit", "Division", "Council", "Institution", "Commission", "Corporations", "Federal")
	add(wOrgHead, "Bank", "University", "Department", "Ministry", "Office", "Bureau", "Institute", "College",
		"School", "Academy", "Association", "Federation", "Union", "League", "Society", "Council", "Board",
		"Commission", "Committee", "Court", "Courts", "Church", "Museum", "Chamber", "Party", "Order",
		"Corporation", "Company", "Agency", "Organisation", "Organization", "Fund", "Foundation", "Authority",
		"House", "Houses", "Bank", "Secretary", "Division", "Federal", "Tribunal", "Parliament", "Government",
		"Assembly", "Hospital", "Conference", "Congress", "Alliance", "Coalition", "Friends", "Sisters",
		"Knights", "Daughters", "Sons")
	add(wPlaceHead, "Airport", "Street", "Road", "Avenue", "Square", "River", "Lake", "Mountain", "Mountains",
		"Island", "Islands", "Bay", "Sea", "Ocean", "Valley", "County", "Province", "Bridge", "Station", "Base",
		"Palace", "Castle", "Tower", "Stadium", "Arena", "Beach", "Coast", "Desert", "Canyon", "Peninsula",
		"Strait", "Straits", "Gulf", "Harbour", "Harbor", "Heights", "Hills", "Falls", "Village", "Township",
		"District", "Prefecture", "Territory", "Territories", "Boulevard", "Lane", "Plaza", "Cathedral",
		"Temple", "Mosque", "Center", "Centre", "Park", "Airfield", "Port", "Parish", "Borough", "Canal",
		"Reservoir", "Glacier", "Forest", "Reef", "Delta", "Basin", "Plateau", "Highway", "Motorway",
		"Expressway", "Hall", "Gardens", "Zoo", "Pier", "Dock", "Docks", "Quay", "Terminal", "Hotel",
		"Mall", "Crossing", "Pass", "Oblast", "Governorate", "State", "Republic", "Kingdom", "Emirate", "Isle",
		"Atoll", "Coast", "Cape", "Mount", "Fort", "Camp", "Port", "Lake", "Isle")
	add(wPlaceFirst, "St.", "Ste.", "Saint", "Mount", "Mt", "Mt.", "Fort", "Ft", "Lake", "Cape", "Isle", "Port", "Camp", "Gulf", "Bay",
		"Strait", "Lac", "Rio", "Puerto")
	// Place heads that also end organisation names ("Republic", "State") count
	// only as the last word of a known place or with place evidence.
	add(wFunction, "The", "A", "An", "But", "And", "Or", "Nor", "If", "When", "While", "Whilst", "As", "At",
		"In", "On", "For", "From", "By", "With", "Without", "After", "Before", "Since", "Until", "Although",
		"Though", "Because", "So", "Yet", "This", "That", "These", "Those", "It", "Its", "It's", "He", "She",
		"They", "We", "I", "You", "His", "Her", "Hers", "Their", "Our", "My", "Your", "There", "Here", "Then",
		"Now", "Also", "However", "Meanwhile", "Still", "Only", "Even", "Both", "All", "Some", "Many", "Most",
		"Such", "Other", "Another", "Each", "Every", "No", "Not", "What", "Which", "Who", "Whom", "Whose", "Where",
		"Why", "How", "Last", "Next", "Earlier", "Later", "Today", "Yesterday", "Tomorrow", "Tonight", "Under",
		"Over", "Into", "Of", "To", "Among", "About", "Against", "During", "Despite", "Following", "According",
		"Like", "Unlike", "Than", "Whether", "Once", "Instead", "Indeed", "Thus", "Therefore", "Although", "Also",
		"Nevertheless", "Moreover", "Furthermore", "Additionally", "Overall", "Currently", "Previously",
		"Recently", "Finally", "First", "Second", "Third", "Several", "Few", "More", "Less", "Much", "Any",
		"Either", "Neither", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Be", "Been", "Has", "Have", "Had",
		"Will", "Would", "Can", "Could", "Should", "Shall", "May", "Might", "Must", "Let", "Please", "Yes",
		"Asked", "Speaking", "Via", "Per", "Upon", "Within", "Throughout", "Across", "Behind", "Beyond",
		"Toward", "Towards", "Around", "Through", "Off", "Out", "Up", "Down", "Just", "Well", "Perhaps",
		"Maybe", "Already", "Again", "Often", "Never", "Always", "Sometimes", "Usually", "Together", "Though",
		"Said", "Says", "Asked", "Sources", "Analysts", "Officials", "Experts", "Critics", "Reports", "Its",
		"Mr", "Mrs", "Ms", "Dr", "Hey", "Oh", "Ok", "OK", "Okay", "Thank", "Thanks", "Dear", "Whatever",
		"Whoever", "Everyone", "Everybody", "Nobody", "Someone", "Somebody", "Anyone", "Nothing", "Something",
		"Everything", "Anything", "Unless", "Except", "Besides", "Regardless", "Amid", "Amidst", "Among",
		"Along", "Alongside", "Near", "Outside", "Inside", "Between", "Beneath", "Above", "Below", "Ahead",
		"Why", "Because", "Hopefully", "Unfortunately", "Fortunately", "Clearly", "Obviously", "Initially",
		"Originally", "Eventually", "Ultimately", "Apparently", "Similarly", "Likewise", "Otherwise",
		"Elsewhere", "Altogether", "Separately", "Specifically", "Notably", "Interestingly", "Importantly",
		"Breaking", "Update", "Updated", "Photo", "Image", "Video", "Watch", "Read", "See", "Click", "Note",
		"Editor's", "Full", "Live", "Related", "Source", "Sources", "Credit", "Picture", "File")
	add(wDate, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue",
		"Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "January", "February", "March", "April",
		"June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
		"Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
		"Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Christmas", "Easter", "Halloween", "Thanksgiving",
		"Ramadan", "Eid", "Hanukkah", "Diwali", "New", "Year's", "BST", "GMT", "UTC", "EST", "EDT", "PST", "PDT",
		"CET", "CEST", "AM", "PM", "a.m.", "p.m.", "Spring", "Summer", "Autumn", "Winter", "Fall",
		"Today", "Yesterday", "Tomorrow", "Weekend", "Olympics")
	words["New"] &^= wDate
	add(wPersonCue, "analyst", "analysts", "spokesman", "spokeswoman", "spokesperson", "executive", "president",
		"chairman", "chairwoman", "director", "minister", "secretary", "economist", "editor", "official",
		"manager", "founder", "co-founder", "lawyer", "attorney", "coach", "singer", "actor", "actress",
		"author", "writer", "journalist", "reporter", "leader", "boss", "chief", "senator", "governor", "judge",
		"professor", "player", "striker", "star", "musician", "artist", "designer", "engineer", "scientist",
		"researcher", "colleague", "wife", "husband", "son", "daughter", "brother", "sister", "father",
		"mother", "friend", "candidate", "nominee", "officer", "ambassador", "envoy", "adviser", "advisor",
		"consultant", "strategist", "chancellor", "mayor", "detective", "inspector", "commissioner",
		"investor", "entrepreneur", "billionaire", "businessman", "businesswoman", "banker", "trader",
		"lawmaker", "congressman", "congresswoman", "representative", "prosecutor", "defendant", "suspect",
		"victim", "witness", "teacher", "student", "doctor", "surgeon", "nurse", "pilot", "captain", "general",
		"colonel", "sergeant", "soldier", "priest", "bishop", "pope", "king", "queen", "prince", "princess",
		"emperor", "dictator", "premier", "rapper", "guitarist", "drummer", "composer", "director-general",
		"ceo", "cfo", "head", "vice-president", "deputy", "aide", "counsel", "partner", "owner", "veteran",
		"activist", "campaigner", "blogger", "commentator", "columnist", "correspondent", "photographer",
		"filmmaker", "comedian", "presenter", "host", "anchor", "chef", "athlete", "champion", "winger",
		"midfielder", "defender", "goalkeeper", "batsman", "bowler", "driver", "rider", "cyclist", "runner",
		"manager", "supervisor", "treasurer", "solicitor", "barrister", "historian", "economists",
		"spokesmen", "president-elect", "chairman-elect", "physicist", "chemist", "biologist", "mr", "mrs",
		"ms", "dr")
	add(wOrgCue, "company", "firm", "maker", "manufacturer", "automaker", "carmaker", "car-maker",
		"automobile", "airline", "carrier", "airframer", "bank", "lender", "group", "giant", "retailer",
		"insurer", "conglomerate", "newspaper", "magazine", "broadcaster", "network", "agency", "operator",
		"supplier", "developer", "publisher", "studio", "label", "team", "club", "party", "union", "parent",
		"subsidiary", "unit", "division", "brand", "startup", "start-up", "chain", "distributor", "corporation",
		"outlet", "daily", "tabloid", "website", "provider", "exchange", "regulator", "fund", "automakers",
		"manufacturers", "airlines", "carriers", "banks", "companies", "firms", "makers", "rival", "rivals",
		"competitor", "competitors", "partner", "maker's", "channel", "station", "paper", "journal",
		"organisation", "organization", "charity", "ngo", "watchdog", "consortium", "venture", "producer",
		"rival", "multinational", "bank's", "insurer", "telecoms", "telecom", "brewer", "chipmaker",
		"pharmaceutical", "drugmaker", "miner", "refiner", "contractor", "shipper", "utility", "band",
		"university", "college", "institute", "school", "council", "agency", "ministry", "department",
		"court", "tribunal", "association", "society", "foundation", "think-tank", "thinktank", "service")
	add(wPlaceCue, "in", "near", "outside", "across", "throughout", "into", "within", "around", "towards",
		"toward", "visited", "visit", "visiting", "landed", "based", "born", "across")
	add(wSpeech, "said", "says", "say", "saying", "told", "tells", "tweeted", "tweets", "wrote", "writes",
		"added", "adds", "adding", "explained", "explains", "stated", "states", "declared", "announced",
		"asked", "asks", "replied", "replies", "insisted", "insists", "argued", "argues", "warned", "warns",
		"noted", "notes", "claimed", "claims", "continued", "commented", "remarked", "recalled", "according",
		"posted", "urged", "admitted", "acknowledged", "suggested", "suggests", "believes", "believed",
		"thinks", "thought", "predicted", "predicts", "promised", "vowed", "conceded", "stressed",
		"emphasised", "emphasized", "responded", "answered", "joked", "quipped", "shouted", "cried",
		"whispered", "exclaimed", "announces", "reported", "reports", "confirmed", "confirms", "denied",
		"told", "tells", "testified", "observed", "concluded", "agreed", "disagreed", "countered",
		"wondered", "pointed", "sang", "says:", "texted", "messaged", "blogged", "writing", "telling")
	add(wParticle, "es", "van", "von", "de", "der", "den", "da", "das", "do", "dos", "di", "del", "della", "du",
		"la", "le", "bin", "ibn", "al", "el", "ter", "ten", "af", "zu", "y", "bint", "ben", "abu", "Abu", "Bin",
		"Al", "Van", "Von", "De", "Da", "Di", "Del", "Du", "La", "Le", "Mac")
	add(wNameSuffix, "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "Junior", "Senior")
	add(wPronoun, "he", "she", "He", "She")
	add(wBusinessVerb, "announced", "reported", "posted", "sold", "bought", "acquired", "launched", "unveiled",
		"cut", "cuts", "hired", "fired", "employs", "manufactures", "makes", "builds", "produces", "recalled",
		"filed", "sued", "plans", "expects", "shares", "stock", "owns", "owned", "invested", "invests",
		"merged", "merger", "bid", "offered", "delivered", "ordered", "shipped", "released", "raised",
		"lowered", "lost", "earned", "profit", "profits", "revenue", "revenues", "sales", "shareholders",
		"headquarters", "said", "says", "has", "had", "is", "was", "will", "would", "also", "announces",
		"reports", "agreed", "won", "wins", "opened", "closed", "plans", "planned", "signed", "introduced",
		"faces", "faced", "denied", "confirmed", "declined", "rose", "fell", "jumped", "dropped", "slumped",
		"partnered", "teamed", "contracted", "outsourced", "laid", "employees", "workers", "customers",
		"chief", "executives", "board", "spokesman", "spokeswoman", "spokesperson", "officials")
	add(wGeneric, "General", "United", "National", "American", "International", "Royal", "First", "New",
		"Federal", "Central", "Air", "Bank", "The", "Global", "World", "European", "British", "Universal",
		"Standard", "Union", "Western", "Eastern", "Northern", "Southern", "North", "South", "East", "West",
		"Great", "China", "Japan", "Korea", "US", "U.S.", "UK", "Capital", "People's", "State", "Supreme",
		"Grand", "Pacific", "Atlantic", "Continental", "Imperial", "Allied", "Associated", "Consolidated",
		"Mutual", "Peoples", "Public", "Deutsche", "Banco", "Crédit", "Credit", "Trans", "Pan", "Inter")
	add(wPlaceOrg, "House", "Pentagon", "Kremlin", "Capitol")
}

func class(w string) uint32 { return words[w] }
