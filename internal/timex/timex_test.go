package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// thu is a Thursday; most rows are read as if the story appeared that day.
const thu = "2018-05-31"

func TestFind(t *testing.T) {
	tests := []struct {
		name   string
		anchor string // "" for no anchor
		text   string
		want   []string // "span=value"
	}{
		// Absolute dates.
		{"iso", thu, "The report was published on 2018-06-12 in Oslo.", []string{"2018-06-12=2018-06-12"}},
		{"iso slash", thu, "Filed 2017/11/03.", []string{"2017/11/03=2017-11-03"}},
		{"iso invalid", thu, "Code 2018-13-45 is not a date.", nil},
		{"day month year", thu, "The ferry first sailed on 12 June 2018.", []string{"12 June 2018=2018-06-12"}},
		{"month day comma year", thu, "It opened on June 12, 2018, to crowds.", []string{"June 12, 2018=2018-06-12"}},
		{"month ordinal comma year", thu, "Markets fell on September 15th, 2008.", []string{"September 15th, 2008=2008-09-15"}},
		{"edge month year", thu, "It ships in early September 2019 and at the start of 2020.", []string{"early September 2019=2019-09", "the start of 2020=2020"}},
		{"month day year no comma", thu, "Trading ended on March 4 2009 at noon.", []string{"March 4 2009=2009-03-04"}},
		{"abbreviated month", thu, "The law passed on Sept. 5, 2017 after a long fight.", []string{"Sept. 5, 2017=2017-09-05"}},
		{"abbreviated month year", thu, "Figures for Jan 2010 were revised.", []string{"Jan 2010=2010-01"}},
		{"month year", thu, "Profits fell in May 2018 as costs rose.", []string{"May 2018=2018-05"}},
		{"month comma year", thu, "The mill closed in October, 1998.", []string{"October, 1998=1998-10"}},
		{"ordinal of month year", thu, "On the 3rd of March 2016 the dam burst.", []string{"the 3rd of March 2016=2016-03-03"}},
		{"invalid day", thu, "Nothing happened on February 30, 2017.", nil},
		{"leap day", thu, "A baby was born on 29 February 2016.", []string{"29 February 2016=2016-02-29"}},
		{"weekday before full date", thu, "The hearing is on Monday, June 4, 2018 in court.", []string{"June 4, 2018=2018-06-04"}},

		// Month and day without a year: the tense picks the year.
		{"month day a fortnight ahead beats a year back", thu, "The club hosts its rivals on June 14, and its coach said they were ready.", []string{"June 14=2018-06-14"}},
		{"noun plan is no future", thu, "The council approved a $12-million plan on Tuesday.", []string{"Tuesday=2018-05-29"}},
		{"announced reports a future", thu, "Farmers will be paid more from October, the board announced.", []string{"October=2018-10"}},
		{"month day future", thu, "The summit will go ahead on June 12.", []string{"June 12=2018-06-12"}},
		{"month day past, earlier in year", thu, "The shop reopened on March 3.", []string{"March 3=2018-03-03"}},
		{"month day past, later in year", "2010-01-25", "The prototype first flew on 11 December after delays.", []string{"11 December=2009-12-11"}},
		{"month day future wraps", "2018-11-20", "The new line will open on January 8.", []string{"January 8=2019-01-08"}},
		{"ordinal day of month", thu, "We will vote on the 12th of June, she said.", []string{"the 12th of June=2018-06-12"}},
		{"month aside ordinal", thu, "Hopefully we will sign it on the (June) 12th, he said.", []string{"(June) 12th=2018-06-12"}},
		{"ordinal alone future", thu, "The board will decide on the 12th, a spokesman said.", []string{"the 12th=2018-06-12"}},
		{"ordinal alone past", thu, "The board decided on the 12th and nobody objected.", []string{"the 12th=2018-05-12"}},
		{"ordinal floor", thu, "Her office is on the 12th floor.", nil},

		// Bare years.
		{"year", thu, "The bridge was completed in 2017.", []string{"2017=2017"}},
		{"year range", thu, "He served from 1998 to 2001.", []string{"1998=1998", "2001=2001"}},
		{"year attributive", thu, "Tickets for the 2020 tournament sold out.", []string{"2020=2020"}},
		{"old year with context", thu, "The abbey was built in 1066 by monks.", []string{"1066=1066"}},
		{"old number without context", thu, "The list has 1066 entries.", nil},
		{"year count", thu, "About 2017 people came to the fair.", nil},
		{"year quantity", thu, "Another 2000 joined them, and about 1999 left.", nil},
		{"fiscal year", thu, "Its fiscal 2017 results disappointed.", []string{"2017=2017"}},
		{"clause tense", thu, "The union said in a statement late Tuesday that talks would resume Monday.", []string{"Tuesday=2018-05-29", "Monday=2018-06-04"}},
		{"year then plural", thu, "In 2009 sales fell. 2010 brings hope. Since 1998 prices rose.", []string{"2009=2009", "2010=2010", "1998=1998"}},
		{"count after in", thu, "The virus spread in 1200 homes.", nil},
		{"year count plural", thu, "It employs 1500 engineers and 1999 drivers.", nil},
		{"year money", thu, "The ticket cost $2017 in total.", nil},
		{"year thousands", thu, "There were 2,017 votes against.", nil},
		{"year decimal", thu, "The index closed at 2017.45 points.", nil},
		{"year percent", thu, "Costs rose 2010% in a decade.", nil},
		// Times of day name the story's day, or the date just before them.
		{"clock time", thu, "The match starts at 1.30pm (6.30pm BST) on the coast.", []string{"1.30pm (6.30pm BST)=2018-05-31"}},
		{"clock times", thu, "The ship left at 11.25am and docked at 9.05am, not at 0800 UTC.",
			[]string{"11.25am=2018-05-31", "9.05am=2018-05-31", "0800 UTC=2018-05-31"}},
		{"clock time with zone and offset", thu, "It landed at 6:40 p.m. (GMT +8) after a long flight.", []string{"6:40 p.m. (GMT +8)=2018-05-31"}},
		{"colon time after a cue", thu, "At 16:08 the index was down 3%.", []string{"16:08=2018-05-31"}},
		{"time after its day", thu, "They met on Monday at 3pm in the hall.", []string{"Monday=2018-05-28", "3pm=2018-05-28"}},
		{"scores, ratios and durations are no times", thu, "They won 7:6 in the tie-break, a 3:1 ratio, in 14:48 minutes.", nil},
		{"military time", thu, "Curfew begins at 2000 hours.", nil},
		{"product names", thu, "The Boeing 747 and the A380 flew past.", nil},
		{"index name", thu, "The Russell 2000 Index of small firms fell.", nil},
		{"decade", thu, "Cars of the 1980s and 80s were boxy.", nil},
		{"decade apostrophe", thu, "Music of the 1960's is back, as in the late 1980’s.", nil},
		{"year possessive", thu, "The 2009's budget was tight.", []string{"2009=2009"}},
		{"year modifiers", thu, "Work began in early 2009 and ended in mid-2011.", []string{"early 2009=2009", "mid-2011=2011"}},
		{"late year", thu, "The plant shut in late 2015.", []string{"late 2015=2015"}},
		{"year out of range", thu, "Route 2500 leads north, as does 3000 of them.", nil},

		// Weekdays.
		{"weekday past", thu, "The council met on Wednesday to discuss it.", []string{"Wednesday=2018-05-30"}},
		{"weekday future", thu, "The minister will arrive on Friday.", []string{"Friday=2018-06-01"}},
		{"weekday future far", thu, "I believe they will be flying up to the capital on Friday.", []string{"Friday=2018-06-01"}},
		{"weekday same day", thu, "On Thursday, the two sides had been expected to meet twice.", []string{"Thursday=2018-05-31"}},
		{"weekday part of day", thu, "She spoke to him on Wednesday night and early on Thursday.", []string{"Wednesday night=2018-05-30", "Thursday=2018-05-31"}},
		{"weekday possessive curly", thu, "The aide tweeted before Thursday’s meeting began.", []string{"Thursday=2018-05-31"}},
		{"weekday possessive straight", thu, "Friday's vote will be close.", []string{"Friday=2018-06-01"}},
		{"weekday quote future", thu, "“We will sign it on Monday,” the envoy said.", []string{"Monday=2018-06-04"}},
		{"weekday reported past", thu, "The envoy said on Monday that talks had stalled.", []string{"Monday=2018-05-28"}},
		{"weekday no tense near", thu, "Talks on Tuesday in Rome.", []string{"Tuesday=2018-05-29"}},
		{"weekday no tense saturday", thu, "Talks on Saturday in Rome.", []string{"Saturday=2018-06-02"}},
		{"weekday set to", thu, "The trial is set to begin on Monday.", []string{"Monday=2018-06-04"}},
		{"holiday weekday", thu, "Black Friday sales and Good Friday services.", nil},
		{"weekday lower case", thu, "a friday feeling", nil},
		{"last weekday", thu, "The fire broke out last Tuesday.", []string{"last Tuesday=2018-05-29"}},
		{"last weekday same", thu, "It rained last Thursday.", []string{"last Thursday=2018-05-24"}},
		{"next weekday", thu, "They meet again next Monday.", []string{"next Monday=2018-06-04"}},
		{"this weekday", thu, "The band plays this Saturday.", []string{"this Saturday=2018-06-02"}},

		// Days relative to the story.
		{"yesterday", thu, "Officials confirmed yesterday that the road is shut.", []string{"yesterday=2018-05-30"}},
		{"today", thu, "The museum reopens today.", []string{"today=2018-05-31"}},
		{"today capital", thu, "Today the museum reopens.", []string{"Today=2018-05-31"}},
		{"tomorrow", thu, "Voting ends tomorrow.", []string{"tomorrow=2018-06-01"}},
		{"earlier today", thu, "Shares recovered from a fall earlier today.", []string{"earlier today=2018-05-31"}},
		{"this morning", thu, "The firm announced the sale this morning.", []string{"this morning=2018-05-31"}},
		{"last night", thu, "Storms hit the coast last night.", []string{"last night=2018-05-30"}},
		{"yesterday afternoon", thu, "He resigned yesterday afternoon.", []string{"yesterday afternoon=2018-05-30"}},
		{"days ago", thu, "The ship sank two days ago.", []string{"two days ago=2018-05-29"}},
		{"week ago", thu, "The quake struck a week ago.", []string{"a week ago=2018-05-24"}},
		{"digits days ago", thu, "He left 10 days ago.", []string{"10 days ago=2018-05-21"}},
		{"months ago", thu, "The rules changed two months ago.", []string{"two months ago=2018-03"}},
		{"years ago", thu, "The mine closed three years ago.", []string{"three years ago=2015"}},

		// Months and years relative to the story.
		{"last month", thu, "Sales rose last month.", []string{"last month=2018-04"}},
		{"next month", thu, "The store opens next month.", []string{"next month=2018-06"}},
		{"this month", thu, "Prices rose this month.", []string{"this month=2018-05"}},
		{"earlier this month", thu, "The deal was signed earlier this month.", []string{"earlier this month=2018-05"}},
		{"last year", thu, "Revenue doubled last year.", []string{"last year=2017"}},
		{"last year capital", thu, "Last year the river flooded.", []string{"Last year=2017"}},
		{"next year", thu, "The plant will close next year.", []string{"next year=2019"}},
		{"this year", thu, "Exports grew this year.", []string{"this year=2018"}},
		{"later this year", thu, "An election is due later this year.", []string{"later this year=2018"}},
		{"end of this year", thu, "By the end of this year the line will be done.", []string{"the end of this year=2018"}},
		{"previous year", thu, "Sales fell from the previous year.", []string{"the previous year=2017"}},
		{"last month january", "2009-01-15", "Orders fell last month.", []string{"last month=2008-12"}},
		{"same period last year", thu, "Sales rose compared with the same period last year.", nil},
		{"same month a year ago", thu, "Sales rose compared with the same month a year ago.", nil},
		{"the past year is a span", thu, "Prices rose over the past year and the next month looks calm.", nil},
		{"last weeks are not days", thu, "Talks made progress in the last three days and this week.", nil},
		{"last May", thu, "Rents rose last May.", []string{"last May=2017-05"}},
		{"next May", thu, "Rents will rise next May.", []string{"next May=2019-05"}},

		// Bare month names.
		{"in month past", thu, "The company reported losses in April.", []string{"April=2018-04"}},
		{"in month future", thu, "The law will take effect in April.", []string{"April=2019-04"}},
		{"in month same past", thu, "Output fell in May.", []string{"May=2018-05"}},
		{"month future later", thu, "The group plans to meet in July.", []string{"July=2018-07"}},
		{"month past later", thu, "Sales fell in July.", []string{"July=2017-07"}},
		{"month no tense", thu, "A review in September.", []string{"September=2018-09"}},
		{"month no tense wraps", "2010-01-20", "A review in December.", []string{"December=2009-12"}},
		{"early month", "2009-05-14", "It wants to close the plants by early June.", []string{"early June=2009-06"}},
		{"end of month", thu, "Work stops at the end of March.", []string{"the end of March=2018-03"}},
		{"month range", "2018-11-18", "Output grew between April and June.", []string{"April=2018-04", "June=2018-06"}},
		{"month of year", thu, "Output peaked in March of 2008.", []string{"March of 2008=2008-03"}},
		{"month of this year", thu, "The biggest drop since February of this year.", []string{"February of this year=2018-02"}},
		{"month next year", thu, "The terminal will open in January next year.", []string{"January next year=2019-01"}},
		{"month of last year", thu, "A fund bought the stake in April of last year.", []string{"April of last year=2017-04"}},
		{"mid month", thu, "Talks resume in mid-March.", []string{"mid-March=2018-03"}},
		{"unambiguous bare month", thu, "January sales were weak.", []string{"January=2018-01"}},

		// Words that look like months but are not.
		{"modal may", thu, "It may be too late. May I ask why?", nil},
		{"person may", thu, "Theresa May said the talks would go on. Mrs May left.", nil},
		{"person may possessive", thu, "Officials in May’s office refused.", nil},
		{"march verb", thu, "Thousands march on the capital. March on!", nil},
		{"person april", thu, "April Smith said the school would reopen.", nil},
		{"person june", thu, "The singer June Carter arrived.", nil},
		{"august adjective", thu, "An August body met in the hall.", nil},

		// Names that hold date words.
		{"newspapers", thu, "The Sunday Times and the Mail on Sunday printed it; USA Today and the Today programme too.", nil},
		{"weekday then name", thu, "On Monday President Lee met him.", []string{"Monday=2018-05-28"}},

		// Fixed-date holidays.
		{"christmas past", "2018-01-10", "Sales slumped after Christmas.", []string{"Christmas=2017-12-25"}},
		{"christmas eve future", thu, "The shops will close on Christmas Eve.", []string{"Christmas Eve=2018-12-24"}},
		{"new year's day", thu, "The law took effect on New Year’s Day 2016.", []string{"New Year’s Day 2016=2016-01-01"}},
		{"new year season", thu, "A New Year party and New York.", nil},

		// Durations and quantities are no dates.
		{"tolerance against tense", "2007-10-20", "Prices could slip after a vote on October 18 to raise taxes.", []string{"October 18=2007-10-18"}},
		{"passive future", thu, "Some 8 million will have been sold by June 26.", []string{"June 26=2018-06-26"}},
		{"generic tomorrow", thu, "He spoke of the cars of tomorrow, as of today.", []string{"today=2018-05-31"}},
		{"durations", thu, "He spent 18 years abroad, two hours in talks, and stayed for three days.", nil},
		{"duration adjectives", thu, "A five-year plan and six months of work.", nil},

		// No anchor: only absolute dates.
		{"no anchor", "", "On Friday in 2017, and again on June 12 and last year, then 12 June 2018.", []string{"2017=2017", "12 June 2018=2018-06-12"}},
		{"no anchor iso", "", "Dated 2018-06-12.", []string{"2018-06-12=2018-06-12"}},

		// Text shapes.
		{"empty", thu, "", nil},
		{"multibyte around", thu, "Café “Thursday” — déjà vu in 2016…", []string{"Thursday=2018-05-31", "2016=2016"}},
		{"start of text", thu, "2016 was a hard year.", []string{"2016=2016"}},
		{"end of text", thu, "It happened in 2016", []string{"2016=2016"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var anchor time.Time
			if tc.anchor != "" {
				var err error
				if anchor, err = time.Parse("2006-01-02", tc.anchor); err != nil {
					t.Fatal(err)
				}
			}
			refs := Find(tc.text, anchor)
			var got []string
			for _, r := range refs {
				if r.Text != tc.text[r.Start:r.End] {
					t.Errorf("Text %q does not match span %d:%d", r.Text, r.Start, r.End)
				}
				got = append(got, r.Text+"="+r.Value)
			}
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("Find(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestFindStory runs a whole story of the archive's kind: a Thursday piece
// mixing future plans, past events, clock times and durations.
func TestFindStory(t *testing.T) {
	text := "A trade envoy will fly to Geneva to hand over a proposal on July 9. " +
		"The minister said “real progress” had been made in the last four days.\n\n" +
		"The envoy is the most senior official to visit in 12 years. " +
		"She and the minister had lunch on Tuesday, the minister said.\n\n" +
		"On Thursday, both sides had been expected to meet until 2.15pm (7.15pm BST). " +
		"They left at 10.40am instead. The minister, who called her on Tuesday evening and again early on Thursday, " +
		"said: “I think they will come back on Saturday. Maybe we sign on the (July) 9th.” " +
		"The talks, first planned for July 9 and then dropped, lasted three hours before Thursday’s dinner."
	anchor := time.Date(2018, 7, 5, 0, 0, 0, 0, time.UTC) // a Thursday
	var got []string
	for _, r := range Find(text, anchor) {
		got = append(got, fmt.Sprintf("%s=%s", r.Text, r.Value))
	}
	want := []string{
		"July 9=2018-07-09",
		"Tuesday=2018-07-03",
		"Thursday=2018-07-05",
		"2.15pm (7.15pm BST)=2018-07-05",
		"10.40am=2018-07-05",
		"Tuesday evening=2018-07-03",
		"Thursday=2018-07-05",
		"Saturday=2018-07-07",
		"(July) 9th=2018-07-09",
		"July 9=2018-07-09",
		"Thursday=2018-07-05",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFindOffsetsAreBytes(t *testing.T) {
	text := "Ünïcödé “quotes” — on 3 März? No: on 3 March 2015."
	refs := Find(text, time.Time{})
	if len(refs) != 1 || text[refs[0].Start:refs[0].End] != "3 March 2015" || refs[0].Value != "2015-03-03" {
		t.Fatalf("got %+v", refs)
	}
}
