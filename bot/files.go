package bot

import (
	"strings"
	"unicode"

	"github.com/spotterbot/spotter/engine"
)

// chartFileName names the PNG of /chart: the lift and the user's day, so
// two charts saved side by side (the console saves every file it is sent)
// keep apart: "chart-paused-squat-2026-12-04.png".
func chartFileName(lift string, day engine.Date) string {
	return joinName("chart", slug(lift), day.String()) + ".png"
}

// exportFileName names the CSV of /export: whose and which day, so two
// people's exports of one day differ: "spotter-export-ana-2026-12-04.csv".
// A name with nothing printable in it is left out.
func exportFileName(name string, day engine.Date) string {
	return joinName("spotter-export", slug(name), day.String()) + ".csv"
}

func joinName(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "-")
}

// slug makes s safe in a file name: lower case, letters and digits kept,
// every other run of characters one hyphen, none at either end, at most 40
// runes ("Squat (Barbell)" -> "squat-barbell").
func slug(s string) string {
	var b strings.Builder
	dash, n := false, 0
	for _, r := range strings.ToLower(s) {
		if n >= 40 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			b.WriteRune(r)
			dash = false
			n++
			continue
		}
		dash = true
	}
	return b.String()
}
