package timex

// kwClass is the role a keyword plays in a date expression.
type kwClass uint8

const (
	cNone     kwClass = iota
	cMonth            // val 1..12
	cMonAbbr          // val 1..12, needs a day or year after it
	cWeekday          // val 0 (Sunday) ..6
	cDayWord          // today, yesterday, tomorrow, tonight: val is the day offset
	cRel              // last, next, this, previous, coming, past: val -1, +1, 0
	cUnit             // val: unitDay, unitWeek, ...
	cAgo              // ago
	cEdge             // early, late, mid, earlier, later
	cPos              // end, beginning, start, middle
	cPart             // morning, afternoon, evening, night
	cNumWord          // a, an, one..twelve: val is the number
	cOrd              // st, nd, rd, th
	cThe              // the
	cOf               // of
	cTimeUnit         // am, pm, gmt, utc, bst, hours...: a digit run before it is a time
	cCount            // percent, million, ...: a number before it is a quantity
	cHoliday          // black, good, ash, super, cyber...: a weekday after it is a holiday name
	cTitle            // mr, mrs, ms, dr, st, gov, sen ...: abbreviations ending in a dot
	cQuant            // another, about, nearly ...: a number after it is a quantity
	cFeast            // christmas, new: may start a fixed-date holiday
)

const (
	unitDay = iota + 1
	unitWeek
	unitMonth
	unitYear
	unitWeekend
	unitDecade
)

// kwInfo describes a keyword. ctx marks words that, right before a bare month
// name or number, make it a date ("in April", "since 1998"); tense is +1 for
// words that mark future time and -1 for past time.
type kwInfo struct {
	class  kwClass
	val    int8
	tense  int8
	ctx    bool
	plural bool // unit words: "days", "years"
}

const maxKwLen = 13

var (
	kwInfos = []kwInfo{{}}
	kwIndex = map[string]uint16{}
)

func addKw(words []string, info kwInfo) {
	for _, w := range words {
		if i, ok := kwIndex[w]; ok {
			// Merge roles: a class and a tense may come from separate lists.
			old := kwInfos[i]
			if info.class != cNone {
				old.class, old.val, old.plural = info.class, info.val, info.plural
			}
			if info.tense != 0 {
				old.tense = info.tense
			}
			old.ctx = old.ctx || info.ctx
			kwInfos[i] = old
			continue
		}
		if len(kwInfos) > 65535 {
			panic("timex: too many keywords") // programming error, caught by any test
		}
		kwIndex[w] = uint16(len(kwInfos))
		kwInfos = append(kwInfos, info)
	}
}

func init() {
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, m := range months {
		addKw([]string{m}, kwInfo{class: cMonth, val: int8(i + 1)})
	}
	abbr := [][]string{{"jan"}, {"feb"}, {"mar"}, {"apr"}, nil, {"jun"}, {"jul"}, {"aug"}, {"sep", "sept"}, {"oct"}, {"nov"}, {"dec"}}
	for i, a := range abbr {
		addKw(a, kwInfo{class: cMonAbbr, val: int8(i + 1)})
	}
	days := []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	for i, d := range days {
		addKw([]string{d}, kwInfo{class: cWeekday, val: int8(i)})
	}
	addKw([]string{"today", "tonight"}, kwInfo{class: cDayWord, val: 0})
	addKw([]string{"yesterday"}, kwInfo{class: cDayWord, val: -1, tense: -1})
	addKw([]string{"tomorrow"}, kwInfo{class: cDayWord, val: 1, tense: 1})
	addKw([]string{"last", "previous", "past"}, kwInfo{class: cRel, val: -1, tense: -1})
	addKw([]string{"next", "coming"}, kwInfo{class: cRel, val: 1, tense: 1})
	addKw([]string{"this"}, kwInfo{class: cRel, val: 0})
	addKw([]string{"day"}, kwInfo{class: cUnit, val: unitDay})
	addKw([]string{"days"}, kwInfo{class: cUnit, val: unitDay, plural: true})
	addKw([]string{"week"}, kwInfo{class: cUnit, val: unitWeek})
	addKw([]string{"weeks"}, kwInfo{class: cUnit, val: unitWeek, plural: true})
	addKw([]string{"month"}, kwInfo{class: cUnit, val: unitMonth})
	addKw([]string{"months"}, kwInfo{class: cUnit, val: unitMonth, plural: true})
	addKw([]string{"year"}, kwInfo{class: cUnit, val: unitYear, ctx: true})
	addKw([]string{"years"}, kwInfo{class: cUnit, val: unitYear, plural: true})
	addKw([]string{"weekend"}, kwInfo{class: cUnit, val: unitWeekend})
	addKw([]string{"decade"}, kwInfo{class: cUnit, val: unitDecade})
	addKw([]string{"ago"}, kwInfo{class: cAgo, tense: -1})
	addKw([]string{"early", "late", "mid", "earlier", "later"}, kwInfo{class: cEdge, ctx: true})
	addKw([]string{"end", "beginning", "start", "middle"}, kwInfo{class: cPos})
	addKw([]string{"morning", "afternoon", "evening", "night"}, kwInfo{class: cPart})
	nums := []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	addKw([]string{"a", "an"}, kwInfo{class: cNumWord, val: 1})
	for i, n := range nums {
		addKw([]string{n}, kwInfo{class: cNumWord, val: int8(i + 1)})
	}
	addKw([]string{"st", "nd", "rd", "th"}, kwInfo{class: cOrd})
	addKw([]string{"the"}, kwInfo{class: cThe})
	addKw([]string{"of"}, kwInfo{class: cOf, ctx: true})
	addKw([]string{"am", "pm", "gmt", "utc", "bst", "est", "edt", "pst", "pdt", "cet", "cest", "hrs", "hours", "h", "z", "jst", "ist", "aest"}, kwInfo{class: cTimeUnit})
	addKw([]string{"percent", "per", "pct", "million", "billion", "trillion", "thousand", "hundred", "bn", "m", "km", "kg", "mph", "ft", "mi", "points", "people", "troops", "jobs", "votes", "units", "times"}, kwInfo{class: cCount})
	addKw([]string{"black", "good", "ash", "holy", "maundy", "easter", "super", "cyber", "bloody", "blue", "fat", "shrove", "palm", "man", "giving", "whit", "plough", "boxing"}, kwInfo{class: cHoliday})
	addKw([]string{"mr", "mrs", "ms", "dr", "st", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "prof", "jr", "sr", "mt", "messrs", "capt", "cpl", "no", "vs", "fig", "inc", "ltd", "co", "corp"}, kwInfo{class: cTitle})

	addKw([]string{"christmas", "new"}, kwInfo{class: cFeast})
	addKw([]string{"another", "about", "nearly", "almost", "approximately", "roughly", "some", "additional", "extra", "estimated", "only", "just"}, kwInfo{class: cQuant})

	// Words that make a following bare month name or number a date.
	addKw([]string{"in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "between", "and", "around", "circa", "c", "to", "on", "for", "fiscal", "throughout", "as", "spring", "summer", "autumn", "winter", "fall", "born", "founded", "established", "died", "built", "opened"}, kwInfo{ctx: true})

	// Tense markers: the nearest one in the sentence decides which way an
	// incomplete date ("Friday", "in April") points.
	addKw([]string{"will", "ll", "shall", "would", "wo", "going", "scheduled", "slated", "due", "upcoming", "plans", "plan", "planned", "expected", "expects", "expect", "hopes", "hope", "wants", "want", "intends", "intend", "aim", "seeks", "seek", "aims", "should", "could", "might", "must", "can", "set", "tomorrow", "next", "coming", "soon", "later"}, kwInfo{tense: 1})
	addKw([]string{"was", "were", "had", "did", "said", "told", "ago", "last", "yesterday", "previous", "past", "earlier",
		"met", "made", "came", "went", "took", "gave", "began", "fell", "rose", "left", "held", "won", "lost", "spoke",
		"sent", "found", "saw", "became", "got", "brought", "thought", "paid", "sold", "led", "ran", "struck", "broke",
		"wrote", "chose", "flew", "grew", "knew", "kept", "fought", "felt", "sank", "rang", "drew", "drove", "ate",
		"stood", "sat", "bought", "caught", "taught", "sought", "heard", "meant", "built", "spent", "dealt", "slid",
		"swore", "tore", "wore", "woke", "withdrew", "arose", "forbade", "overtook", "undertook", "shook", "stole",
		"froze", "hid", "bit", "fled", "wept", "swept", "slept", "dug", "spun", "sprang", "swam", "threw", "blew",
		"tweeted", "announced", "didn", "wasn", "weren", "hadn"}, kwInfo{tense: -1})
	for w := range kwIndex {
		if len(w) > maxKwLen {
			panic("timex: keyword too long: " + w)
		}
	}
	buildKwTable()
}

// notPast lists words ending in -ed that are no past-tense verbs.
var notPast = map[string]bool{
	"need": true, "speed": true, "seed": true, "feed": true, "indeed": true, "proceed": true, "exceed": true,
	"succeed": true, "breed": true, "greed": true, "weed": true, "deed": true, "reed": true, "heed": true,
	"hundred": true, "kindred": true, "sacred": true, "naked": true, "wicked": true, "rugged": true, "red": true,
	"bed": true, "shed": true, "wed": true, "embed": true, "biped": true, "ragged": true, "beloved": true,
	"expected": true, "scheduled": true, "planned": true, "slated": true, "proposed": true, "united": true,
	"based": true, "related": true, "limited": true, "detailed": true, "advanced": true, "skilled": true,
	"talented": true, "interested": true, "concerned": true, "alleged": true, "supposed": true, "used": true,
}
