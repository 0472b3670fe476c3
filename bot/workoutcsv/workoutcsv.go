// Package workoutcsv reads the CSV exports of workout apps (Strong in all its
// layouts and languages, Hevy, FitNotes, Liftosaur) and Spotter's own export
// into engine sets, and writes Spotter's export. It only parses: storing is
// the caller's business, so a file that fails to parse stores nothing.
//
// What it guarantees:
//   - the format is detected from the header; an unknown header is refused
//     with an error naming the headers it expected;
//   - a row with a value no set can have or that cannot be read (877777
//     reps, a date after today, a broken quote) is skipped and reported in
//     Result.Bad with its line, column, value and reason, and the rest is
//     read; a file more than half of whose rows are bad is refused whole
//     (BadFileError), as damaged or not what it looks like. The limits are
//     /log's (bot/limits);
//   - rows that are not strength sets (rest timers, cardio, timed holds,
//     sets never done) are skipped and counted by reason;
//   - every set carries a key that is the same each time the same workout is
//     exported, so importing a file twice (or a later export that contains
//     it) adds nothing the second time;
//   - loads are exact: the thousandth of the unit the app stored, with float
//     noise removed, and kilogram values that are conversions of whole
//     pounds (Strong's "Weight (kg)" from a pound user) stored in pounds.
package workoutcsv

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// Limits on one file. Real exports of ten years of training are about 5 MB
// and 60,000 rows; anything far beyond that is not an export.
const (
	MaxBytes = 20 << 20
	MaxRows  = 200_000
)

// Format names the app a file came from.
type Format string

const (
	Strong    Format = "Strong"
	Hevy      Format = "Hevy"
	FitNotes  Format = "FitNotes"
	Liftosaur Format = "Liftosaur"
	Spotter   Format = "Spotter"
)

// Skip reasons, the keys of Result.Skipped.
const (
	SkipRestTimer = "rest-timer row"
	SkipCardio    = "cardio or timed row (distance or time, no reps)"
	SkipNoReps    = "row without reps"
	SkipNotDone   = "planned set never done"
)

var skipPlural = map[string]string{
	SkipRestTimer: "rest-timer rows",
	SkipCardio:    "cardio and timed rows (distance or time, no reps)",
	SkipNoReps:    "rows without reps",
	SkipNotDone:   "planned sets never done",
}

// SkipText counts rows skipped for a reason: "1 rest-timer row", "144 rest-timer rows".
func SkipText(reason string, n int) string {
	if p, ok := skipPlural[reason]; ok && n != 1 {
		return fmt.Sprintf("%d %s", n, p)
	}
	return fmt.Sprintf("%d %s", n, reason)
}

// Options tune one parse.
type Options struct {
	// Unit is the unit of loads in files that do not say (Strong's classic and
	// 10-column layouts write whatever unit the app was set to). Default kg.
	Unit engine.Unit
	// Location is the lifter's time zone, for files with UTC times
	// (Liftosaur). Default UTC.
	Location *time.Location
	// Today is the lifter's today where they are: a set dated after it is
	// a bad row. Zero (1970-01-01, before any app) leaves the check out.
	Today engine.Date
	// Progress, when set, is called every few thousand rows read.
	Progress func(rows int)

	maxRows int // tests lower MaxRows to check the limit quickly; 0 is MaxRows
}

// Set is one imported set: the engine set with its Seq assigned in day order,
// plus where it came from.
type Set struct {
	engine.Set
	// Key identifies the set across exports of the same history: a hash of
	// the app, the workout's start, the exercise and the set's place in it.
	Key      string
	Exercise string // the exercise name as the file spells it
	Known    bool   // the name maps to a lift in Spotter's table
	Workout  string // the workout's start as written in the file
}

// Result is what a file held.
type Result struct {
	Format   Format
	Layout   string // e.g. "semicolon, unit per row"
	Rows     int    // CSV records after the header
	Sets     []Set  // sorted by date, then workout, then file order
	Checkins []engine.Checkin
	Deloads  []engine.DeloadPeriod
	// BodyWeights and SessionNotes are read from Spotter's own export only,
	// in file order.
	BodyWeights  []engine.BodyWeight
	SessionNotes []Note
	Skipped      map[string]int // rows not imported, by reason
	Bad          []RowError     // rows skipped for a value no set can have, in file order
	// Units says where the load unit came from: "header", "per row",
	// "assumed kg" (the file does not say; Options.Unit was used).
	Units string
	// FileUnit is the unit the file states for most of its loads (in the
	// header or on each row), as written: loads stored in the other unit
	// because they are exact conversions still count as the file's unit.
	// "" when the file does not say.
	FileUnit engine.Unit
	// Notes are oddities worth telling the lifter, e.g. a set order read as a
	// normal set.
	Notes []string
}

// Workouts counts the distinct workouts among the sets.
func (r *Result) Workouts() int {
	seen := map[string]bool{}
	for _, s := range r.Sets {
		seen[s.Workout] = true
	}
	return len(seen)
}

// DateRange returns the first and last day of the sets and check-ins; ok is
// false when the file held neither.
func (r *Result) DateRange() (first, last engine.Date, ok bool) {
	add := func(d engine.Date) {
		if !ok || d < first {
			first = d
		}
		if !ok || d > last {
			last = d
		}
		ok = true
	}
	for _, s := range r.Sets {
		add(s.Date)
	}
	for _, c := range r.Checkins {
		add(c.Date)
	}
	for _, w := range r.BodyWeights {
		add(w.Date)
	}
	for _, n := range r.SessionNotes {
		add(n.Date)
	}
	return first, last, ok
}

// FormatError says the file is not an export this package reads.
type FormatError struct {
	Problem string
}

func (e *FormatError) Error() string { return e.Problem }

// ErrTooBig is returned for files over MaxBytes or MaxRows.
var ErrTooBig = errors.New("file too big")

// expected names the headers Parse recognises, for the refusal message.
const expected = `Strong ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,..." in any of its layouts and languages), ` +
	`Hevy ("title,start_time,end_time,description,exercise_title,...,set_type,weight_kg,reps,..."), ` +
	`FitNotes ("Date,Exercise,Category,Weight,Weight Unit,Reps,..."), ` +
	`Liftosaur ("Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,...") ` +
	`or Spotter's own /export ("` + exportHeaderStart + `...")`

// Parse reads one export.
func Parse(data []byte, opt Options) (*Result, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w: %.1f MB, the limit is %d MB", ErrTooBig, float64(len(data))/(1<<20), MaxBytes>>20)
	}
	if opt.Unit != engine.Lb {
		opt.Unit = engine.Kg
	}
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	if opt.maxRows <= 0 {
		opt.maxRows = MaxRows
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark
	if !utf8.Valid(data) {
		return nil, &FormatError{Problem: "the file is not UTF-8 text; export it again from the app as CSV"}
	}
	firstLine, _, _ := bytes.Cut(data, []byte("\n"))
	if len(bytes.TrimSpace(firstLine)) == 0 {
		return nil, &FormatError{Problem: "the file is empty. Expected an export from " + expected}
	}
	delim := guessDelimiter(string(firstLine))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = delim
	cr.FieldsPerRecord = -1 // checked per format: FitNotes splits unquoted names
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		return nil, &FormatError{Problem: fmt.Sprintf("the first line is not a CSV header (%v). Expected an export from %s", err, expected)}
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	p, err := detect(header, delim)
	if err != nil {
		return nil, err
	}
	res := &Result{Format: p.format(), Skipped: map[string]int{}}
	rd := &rows{cr: cr, header: header, opt: opt, hint: min(bytes.Count(data, []byte("\n"))+1, opt.maxRows), stated: map[engine.Unit]int{}, latest: opt.Today}
	if opt.Today == 0 {
		rd.latest = math.MaxInt32
	}
	if err := p.parse(rd, res); err != nil {
		return nil, err
	}
	res.Rows = rd.n
	res.Bad = rd.bad
	if mostlyBad(len(res.Bad), res.Rows) {
		return nil, &BadFileError{Rows: res.Rows, Bad: res.Bad}
	}
	for u, n := range rd.stated {
		if n > rd.stated[res.FileUnit] || (n == rd.stated[res.FileUnit] && u == engine.Kg) {
			res.FileUnit = u
		}
	}
	finish(res)
	return res, nil
}

// guessDelimiter picks ';' or ',' (or tab) by which splits the header into
// more fields. Headers in every export seen use one of them only.
func guessDelimiter(line string) rune {
	best, n := ',', strings.Count(line, ",")
	for _, d := range []rune{';', '\t'} {
		if c := strings.Count(line, string(d)); c > n {
			best, n = d, c
		}
	}
	return best
}

// parser is one format's reader.
type parser interface {
	format() Format
	parse(rd *rows, res *Result) error
}

// rows reads records after the header, enforcing MaxRows.
type rows struct {
	cr      *csv.Reader
	header  []string
	opt     Options
	n       int                 // records read
	line    int                 // line where the current record starts
	hint    int                 // about how many records the file holds, to size slices once
	stated  map[engine.Unit]int // loaded rows by the unit the file states for them
	rowUnit engine.Unit         // the unit stated for the current row's load, counted in stated once it is read
	latest  engine.Date         // the last day a set can be on: Options.Today, or no limit
	bad     []RowError          // rows skipped for a bad value
}

// next returns the next record, or nil at the end of the file. A record
// the CSV reader cannot split is a bad row, and reading goes on at the
// next line.
func (r *rows) next() ([]string, error) {
	for {
		rec, err := r.cr.Read()
		if err == io.EOF {
			return nil, nil
		}
		pe, broken := err.(*csv.ParseError) // no errors.As: a pointer it is given escapes, at a cost on every row
		if err != nil && !broken {
			return nil, fmt.Errorf("read csv: %w", err)
		}
		r.n++
		if r.n > r.opt.maxRows {
			return nil, fmt.Errorf("%w: more than %d rows", ErrTooBig, r.opt.maxRows)
		}
		if r.opt.Progress != nil && r.n%5000 == 0 {
			r.opt.Progress(r.n)
		}
		if broken {
			r.line = pe.StartLine
			r.skip(&RowError{Line: pe.StartLine, Reason: BadRow, Problem: "the CSV is broken here (" + pe.Err.Error() + "); the file may be cut off or edited"})
			continue
		}
		r.line, _ = r.cr.FieldPos(0)
		// A record that is one empty field is a blank line; csv skips truly
		// empty lines itself, but not a line of spaces.
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		return rec, nil
	}
}

// errAt builds a RowError for a value of the current record.
func (r *rows) errAt(col int, value, reason, problem string) error {
	name := ""
	if col >= 0 && col < len(r.header) {
		name = r.header[col]
	}
	return &RowError{Line: r.line, Column: name, Value: shown(value), Reason: reason, Problem: problem}
}

// skip keeps a bad row's error for the report.
func (r *rows) skip(e *RowError) { r.bad = append(r.bad, *e) }

// skipped keeps err for the report when it is a bad row's, and says so.
func (r *rows) skipped(err error) bool {
	var re *RowError
	if !errors.As(err, &re) {
		return false
	}
	r.skip(re)
	return true
}

// wantFields refuses a record with the wrong number of fields.
func (r *rows) wantFields(rec []string) error {
	if len(rec) != len(r.header) {
		return &RowError{Line: r.line, Reason: BadRow, Problem: fmt.Sprintf("%d fields where the header has %d; the file may be cut off or edited", len(rec), len(r.header))}
	}
	return nil
}

// checkDay refuses a day before 1900 or after the lifter's today.
func (r *rows) checkDay(col int, value string, d engine.Date) error {
	if err := limits.Day(d, r.latest); err != nil {
		return r.errAt(col, value, BadDate, err.Error())
	}
	return nil
}

// keyOf hashes a set's identity: the app, the workout's start, the exercise
// and the set's place among that exercise's rows in the workout.
func keyOf(f Format, workout, exercise string, ordinal int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%s\x00%d", f, workout, exercise, ordinal)))
	return hex.EncodeToString(h[:16])
}

// finish drops empty skip counters.
func finish(res *Result) {
	for k, v := range res.Skipped {
		if v == 0 {
			delete(res.Skipped, k)
		}
	}
}

// note adds an oddity once.
func (r *Result) note(s string) {
	for _, n := range r.Notes {
		if n == s {
			return
		}
	}
	r.Notes = append(r.Notes, s)
}
