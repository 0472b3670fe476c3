package workoutcsv

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A row with a value no lift can have (877777 reps, a load of -20, a date
// after today, a name with a NUL byte) or that cannot be read at all is
// skipped and kept as a RowError in Result.Bad, so one typo in years of
// training does not cost the lifter the rest. A file most of whose rows are
// bad is refused with a *BadFileError: it is damaged or not the export it
// looks like, and what it would store cannot be trusted.

// Reasons a row is bad, the RowError.Reason values, for counting.
const (
	BadReps   = "impossible rep count"
	BadLoad   = "impossible load"
	BadEffort = "RPE or RIR out of range"
	BadNumber = "unreadable number"
	BadDate   = "bad date"
	BadName   = "bad exercise name"
	BadValue  = "unreadable value" // any other value the format cannot have: a set type, a unit, a negative distance
	BadRow    = "broken row"       // the CSV itself: quotes, the number of fields
)

var badPlural = map[string]string{
	BadReps:   "impossible rep counts",
	BadLoad:   "impossible loads",
	BadNumber: "unreadable numbers",
	BadDate:   "bad dates",
	BadName:   "bad exercise names",
	BadValue:  "unreadable values",
	BadRow:    "broken rows",
}

// BadText counts bad rows of one reason: "1 impossible rep count", "3 bad dates".
func BadText(reason string, n int) string {
	if p, ok := badPlural[reason]; ok && n != 1 {
		return fmt.Sprintf("%d %s", n, p)
	}
	return fmt.Sprintf("%d %s", n, reason)
}

// RowError is a row skipped for a bad value.
type RowError struct {
	Line    int    // the line of the file where the record starts; the header is line 1
	Column  string // the header's name for the column; "" when the row as a whole is broken
	Value   string // the value, shortened and with unprintable characters escaped
	Reason  string // one of the Bad* constants
	Problem string // what is wrong with the value: "more than 100 reps in a set"
}

// Error reads "line 812, Reps: 877777: more than 100 reps in a set".
func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Problem)
	}
	v := e.Value
	if v == "" {
		v = `""`
	}
	return fmt.Sprintf("line %d, %s: %s: %s", e.Line, e.Column, v, e.Problem)
}

// BadFileError refuses a file when more than half its rows are bad: then
// nothing of it is stored.
type BadFileError struct {
	Rows int        // the records after the header
	Bad  []RowError // every bad row, in file order
}

func (e *BadFileError) Error() string {
	return fmt.Sprintf("%d of %d rows have impossible or unreadable values; the first: %s", len(e.Bad), e.Rows, e.Bad[0].Error())
}

// mostlyBad is the refusal rule: more than half the rows bad (so also a
// file where none can be read).
func mostlyBad(bad, rows int) bool { return bad > 0 && 2*bad > rows }

// BadCounts counts bad rows by reason.
func BadCounts(bad []RowError) map[string]int {
	n := map[string]int{}
	for _, b := range bad {
		n[b.Reason]++
	}
	return n
}

// maxShown is how much of a bad value a report shows.
const maxShown = 24

// shown shortens a value to maxShown characters and escapes what would not
// print (a NUL byte shows as \x00), so a report can be read on a phone.
func shown(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		out := string(r)
		if !unicode.IsGraphic(r) {
			q := strconv.QuoteRuneToASCII(r)
			out = q[1 : len(q)-1]
		}
		// The limit is on what is shown: an escape (\x12) is four characters.
		if w := utf8.RuneCountInString(out); n+w > maxShown {
			b.WriteString("…")
			break
		} else {
			n += w
		}
		b.WriteString(out)
	}
	return b.String()
}
