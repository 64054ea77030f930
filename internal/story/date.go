package story

import "time"

// Dates outside [minPlausibleYear, maxPlausibleYear) are kept, with a warning:
// an archive may hold old stories, but year 0042 or 9999 is almost surely a typo.
const (
	minPlausibleYear = 1000
	maxPlausibleYear = 2200
)

// isDateShape reports "DDDD-DD-DD".
func isDateShape(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseISODate reads YYYY-MM-DD and checks it is a real calendar day.
func parseISODate(s string) (y, m, d int, ok bool) {
	if !isDateShape(s) {
		return 0, 0, 0, false
	}
	num := func(a, b int) int {
		n := 0
		for _, c := range s[a:b] {
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d = num(0, 4), num(5, 7), num(8, 10)
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return y, m, d, false
	}
	return y, m, d, true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func dateUTC(y, m, d int) time.Time {
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}
