package workoutcsv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

// layout describes one format for the bad-row tests: its header, a good
// row, and where its date, exercise, reps, weight and effort are.
type layout struct {
	name   string
	comma  rune
	header []string
	good   map[string]string // column -> value of a good row; other columns empty
	date   func(y, m, d int) string
	col    map[string]string // "date", "exercise", "reps", "weight", "effort", "unit", "kind", "distance" -> column
}

var layouts = []layout{
	{
		name:   "Strong classic",
		comma:  ',',
		header: strings.Split(strongHeader, ","),
		good: map[string]string{"Date": "2024-01-02 10:00:00", "Workout Name": "Legs", "Duration": "1h", "Exercise Name": "Squat (Barbell)",
			"Set Order": "1", "Weight": "100", "Reps": "5", "Distance": "0", "Seconds": "0", "RPE": "8"},
		date: func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d 10:00:00", y, m, d) },
		col:  map[string]string{"date": "Date", "exercise": "Exercise Name", "reps": "Reps", "weight": "Weight", "effort": "RPE", "distance": "Distance"},
	},
	{
		name:   "Strong unit columns",
		comma:  ';',
		header: strings.Split("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes", ";"),
		good: map[string]string{"Date": "2024-01-02 10:00:00", "Workout Name": "Legs", "Exercise Name": "Bench Press (Barbell)",
			"Set Order": "1", "Weight": "62,5", "Weight Unit": "kg", "Reps": "5", "RPE": "8,5"},
		date: func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d 10:00:00", y, m, d) },
		col:  map[string]string{"date": "Date", "exercise": "Exercise Name", "reps": "Reps", "weight": "Weight", "effort": "RPE", "unit": "Weight Unit", "distance": "Seconds"},
	},
	{
		name:   "Hevy",
		comma:  ',',
		header: strings.Split("title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe", ","),
		good: map[string]string{"title": "Legs", "start_time": "2 Jan 2024, 10:00", "end_time": "2 Jan 2024, 11:00", "exercise_title": "Squat (Barbell)",
			"set_index": "0", "set_type": "normal", "weight_kg": "100", "reps": "5", "rpe": "8"},
		date: func(y, m, d int) string {
			return fmt.Sprintf("%d %s %04d, 10:00", d, []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}[m-1], y)
		},
		col: map[string]string{"date": "start_time", "exercise": "exercise_title", "reps": "reps", "weight": "weight_kg", "effort": "rpe", "kind": "set_type", "distance": "distance_km"},
	},
	{
		name:   "FitNotes",
		comma:  ',',
		header: strings.Split("Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time", ","),
		good:   map[string]string{"Date": "2024-01-02", "Exercise": "Deadlift", "Category": "Back", "Weight": "140", "Weight Unit": "kgs", "Reps": "5"},
		date:   func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) },
		col:    map[string]string{"date": "Date", "exercise": "Exercise", "reps": "Reps", "weight": "Weight", "unit": "Weight Unit", "distance": "Distance"},
	},
	{
		name:  "Liftosaur",
		comma: ',',
		header: strings.Split("Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,Required Reps,Completed Reps,Is AMRAP?,Required RPE,Completed RPE,Log RPE?,"+
			"Required Weight Value,Required Weight Unit,Completed Weight Value,Completed Weight Unit,Ask Weight?,Completed Reps Time,Target Muscles,Synergist Muscles,Notes", ","),
		good: map[string]string{"Workout DateTime": "2024-01-02T10:00:00.000Z", "Program": "P", "Day Name": "A", "Exercise": "Squat", "Is Warmup Set?": "0",
			"Required Reps": "5", "Completed Reps": "5", "Completed RPE": "8", "Required Weight Value": "100", "Required Weight Unit": "kg",
			"Completed Weight Value": "100", "Completed Weight Unit": "kg"},
		date: func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02dT10:00:00.000Z", y, m, d) },
		col: map[string]string{"date": "Workout DateTime", "exercise": "Exercise", "reps": "Completed Reps", "weight": "Completed Weight Value",
			"effort": "Completed RPE", "unit": "Completed Weight Unit"},
	},
	{
		name:   "Spotter",
		comma:  ',',
		header: ExportHeader,
		good: map[string]string{"record": "set", "date": "2024-01-02", "lift": "squat", "seq": "0", "kind": "working", "weight": "100", "unit": "kg",
			"reps": "5", "rir": "2", "weight_exact": "100", "unit_exact": "kg"},
		date: func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) },
		col:  map[string]string{"date": "date", "exercise": "lift", "reps": "reps", "weight": "weight_exact", "effort": "rir", "unit": "unit_exact", "kind": "kind"},
	},
}

// file writes a file of the layout: good rows, with bad (column -> value)
// applied to the rows at the given 0-based data-row indexes.
func (l layout) file(t *testing.T, rows int, bad map[string]string, at ...int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = l.comma
	if err := w.Write(l.header); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < rows; i++ {
		rec := make([]string, len(l.header))
		for j, h := range l.header {
			rec[j] = l.good[h]
		}
		for _, a := range at {
			if a != i {
				continue
			}
			for c, v := range bad {
				j := indexIn(l.header, c)
				if j < 0 {
					t.Fatalf("%s has no column %q", l.name, c)
				}
				rec[j] = v
			}
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return buf.Bytes()
}

func indexIn(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// TestBadRowIsSkipped puts one bad value in the third of five rows of each
// format: that row (line 4, the header being line 1) is skipped and
// reported with its column, value and reason, and the four others are read.
func TestBadRowIsSkipped(t *testing.T) {
	today := engine.NewDate(2024, 6, 30)
	type bad struct {
		field   string // a key of layout.col
		value   string // "" with date set: the layout's spelling of that day
		date    [3]int
		shown   string // the value as reported
		reason  string
		problem string
	}
	cases := []bad{
		{field: "reps", value: "877777", shown: "877777", reason: BadReps, problem: "more than 100 reps in a set"},
		{field: "reps", value: "101", shown: "101", reason: BadReps, problem: "more than 100 reps in a set"},
		{field: "reps", value: "-3", shown: "-3", reason: BadReps, problem: "negative reps"},
		{field: "reps", value: "5.5", shown: "5.5", reason: BadReps, problem: "not a whole number of reps"},
		{field: "reps", value: "five", shown: "five", reason: BadNumber, problem: "not a number"},
		{field: "reps", value: "NaN", shown: "NaN", reason: BadNumber, problem: "not a finite number"},
		{field: "reps", value: "877777877777877777877777877777", shown: "877777877777877777877777…", reason: BadReps, problem: "more than 100 reps in a set"},
		{field: "weight", value: "-20", shown: "-20", reason: BadLoad, problem: "a negative load"},
		{field: "weight", value: "NaN", shown: "NaN", reason: BadLoad, problem: "not a finite number"},
		{field: "weight", value: "-Inf", shown: "-Inf", reason: BadLoad, problem: "not a finite number"},
		{field: "weight", value: "1e999", shown: "1e999", reason: BadLoad, problem: "not a finite number"},
		{field: "weight", value: "5000", shown: "5000", reason: BadLoad, problem: "more than 1000 kg"},
		{field: "weight", value: "43.1kg", shown: "43.1kg", reason: BadNumber, problem: "not a number"},
		{field: "effort", value: "11", shown: "11", reason: BadEffort, problem: "RPE is 1 to 10"},
		{field: "effort", value: "-1", shown: "-1", reason: BadEffort, problem: "RPE is 1 to 10"},
		{field: "effort", value: "eight", shown: "eight", reason: BadNumber, problem: "not a number"},
		{field: "date", value: "2024-13-45", shown: "2024-13-45", reason: BadDate},
		{field: "date", date: [3]int{1899, 12, 31}, reason: BadDate, problem: "before 1900"},
		{field: "date", date: [3]int{2024, 7, 1}, reason: BadDate, problem: "after today (2024-06-30)"},
		{field: "exercise", value: "", shown: "", reason: BadName, problem: "no exercise name"},
		{field: "exercise", value: "Squat\x00", shown: `Squat\x00`, reason: BadName, problem: "a NUL byte in the name"},
		{field: "exercise", value: "Sq\u202euat", shown: `Sq\u202euat`, reason: BadName, problem: "control characters in the name"},
		{field: "exercise", value: "Squat\x07", shown: `Squat\a`, reason: BadName, problem: "control characters in the name"},
		{field: "exercise", value: "\u200b\u200b", shown: `\u200b\u200b`, reason: BadName, problem: "nothing printable in the name"},
		{field: "unit", value: "stones", shown: "stones", reason: BadValue},
		{field: "distance", value: "-1", shown: "-1", reason: BadValue}, // "a negative distance", "a negative time"
		{field: "kind", value: "superset", shown: "superset", reason: BadValue},
	}
	for _, l := range layouts {
		for _, c := range cases {
			col, ok := l.col[c.field]
			if !ok {
				continue // the format has no such column (FitNotes has no RPE)
			}
			value, shown := c.value, c.shown
			if c.date != [3]int{} {
				value = l.date(c.date[0], c.date[1], c.date[2])
				shown = value
			}
			problem, reason := c.problem, c.reason
			switch {
			case l.name == "Spotter" && c.field == "effort" && reason == BadEffort:
				problem = "RIR is 0 to 10" // Spotter's export writes RIR
			case l.name == "Spotter" && c.field == "exercise" && c.value == "":
				problem = "no name"
			}
			t.Run(fmt.Sprintf("%s/%s=%q", l.name, col, value), func(t *testing.T) {
				data := l.file(t, 5, map[string]string{col: value}, 2)
				res, err := Parse(data, Options{Today: today})
				if err != nil {
					t.Fatalf("got error %v, want the row skipped", err)
				}
				if len(res.Sets) != 4 {
					t.Errorf("got %d sets, want the 4 good ones", len(res.Sets))
				}
				if len(res.Bad) != 1 {
					t.Fatalf("got bad rows %v, want one", res.Bad)
				}
				b := res.Bad[0]
				if b.Line != 4 || b.Column != col || b.Value != shown || b.Reason != reason || problem != "" && b.Problem != problem {
					t.Errorf("got %+v, want line 4, column %q, value %q, reason %q, problem %q", b, col, shown, reason, problem)
				}
			})
		}
	}
}

// A Spotter export's assisted set carries a negative load: bodyweight minus
// the help. Only there is a negative load good.
func TestSpotterAssistedLoad(t *testing.T) {
	var l layout
	for _, x := range layouts {
		if x.name == "Spotter" {
			l = x
		}
	}
	data := l.file(t, 2, map[string]string{"lift": "assisted pull-up", "bodyweight": "yes", "weight_exact": "-20"}, 1)
	res, err := Parse(data, Options{})
	if err != nil || len(res.Sets) != 2 || len(res.Bad) != 0 {
		t.Fatalf("got %v sets, bad %v, err %v; want both sets read", len(res.Sets), res.Bad, err)
	}
	if s := res.Sets[1]; s.Load != kg(-20) || !s.Bodyweight {
		t.Errorf("got %v bodyweight %v, want -20 kg on a bodyweight set", s.Load, s.Bodyweight)
	}
}

// Spotter's check-ins and deloads are checked too.
func TestSpotterBadCheckinAndDeload(t *testing.T) {
	csvText := exportHeaderStart + strings.TrimPrefix(strings.Join(ExportHeader, ","), exportHeaderStart) + "\n" +
		"checkin,2024-01-02,,,,,,,,,,,,,good,,,,,,,,,,,\n" +
		"checkin,2031-01-02,,,,,,,,,,,,,good,,,,,,,,,,,\n" +
		"checkin,2024-01-03,,,,,,,,,,,,,great,,,,,,,,,,,\n" +
		"deload,2024-01-04,,,,,,,,,,,,,,,,,,,,,2024-01-10,yes,,\n" +
		"deload,2024-01-04,,,,,,,,,,,,,,,,,,,,,2024-01-01,yes,,\n" +
		"set,2024-01-02,squat,0,working,100,kg,5,,,,,100,kg,,,,,,,,,,,,\n" +
		"set,2024-01-02,squat,1,working,100,kg,5,,,,,100,kg,,,,,,,,,,,,\n"
	res, err := Parse([]byte(csvText), Options{Today: engine.NewDate(2024, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Checkins) != 1 || len(res.Deloads) != 1 || len(res.Sets) != 2 {
		t.Errorf("got %d check-ins, %d deloads, %d sets; want 1, 1, 2", len(res.Checkins), len(res.Deloads), len(res.Sets))
	}
	var got []string
	for _, b := range res.Bad {
		got = append(got, b.Error())
	}
	want := []string{
		"line 3, date: 2031-01-02: after today (2024-06-30)",
		"line 4, sleep: great: not one of good, ok, poor or empty",
		"line 6, end_date: 2024-01-01: before the deload's first day",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got bad rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Rows the CSV reader cannot split, or with the wrong number of fields,
// are bad rows too; line numbers count the lines of multi-line fields.
func TestBrokenRowsAreSkipped(t *testing.T) {
	good := func(order int) string {
		return strongRow("2024-01-02 10:00:00", "Squat (Barbell)", fmt.Sprint(order), 100, 5) + "\n"
	}
	for _, tc := range []struct {
		name string
		csv  string
		sets int
		want string
	}{
		{"missing fields", strongHeader + "\n" + good(1) + `2024-01-02 10:00:00,"W",1h,"Squat (Barbell)",2` + "\n" + good(3), 2,
			"line 3: 5 fields where the header has 12; the file may be cut off or edited"},
		{"bare quote", strongHeader + "\n" + good(1) + `2024-01-02 10:00:00,W"W,1h,"Squat (Barbell)",2,100,5,0,0,,,` + "\n" + good(3), 2,
			`line 3: the CSV is broken here (bare " in non-quoted-field); the file may be cut off or edited`},
		{"cut off in a quote", strongHeader + "\n" + good(1) + good(2) + `2024-01-02 10:00:00,"W",1h,"Squat (Barb`, 2,
			`line 4: the CSV is broken here (extraneous or missing " in quoted-field); the file may be cut off or edited`},
		{"after a multi-line note", strongHeader + "\n" + `2024-01-02 10:00:00,"W",1h,"Squat (Barbell)",1,100,5,0,0,"felt
heavy
today","",` + "\n" + good(2) + `2024-01-02 10:00:00,"W",1h,"Squat (Barbell)",3,100,877777,0,0,,,` + "\n", 2,
			"line 6, Reps: 877777: more than 100 reps in a set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Parse([]byte(tc.csv), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Sets) != tc.sets {
				t.Errorf("got %d sets, want %d", len(res.Sets), tc.sets)
			}
			if len(res.Bad) != 1 || res.Bad[0].Error() != tc.want {
				t.Errorf("got bad rows %v, want [%s]", res.Bad, tc.want)
			}
		})
	}
}

// A file more than half of whose rows are bad is refused whole.
func TestMostlyBadFileIsRefused(t *testing.T) {
	for _, l := range layouts {
		for _, tc := range []struct {
			rows   int
			bad    []int
			refuse bool
		}{
			{1, []int{0}, true},            // nothing readable
			{3, []int{0, 1, 2}, true},      // nothing readable
			{5, []int{0, 2, 4}, true},      // 3 of 5
			{4, []int{1, 3}, false},        // half: read
			{5, []int{0, 4}, false},        // 2 of 5
			{10, []int{1, 2, 3, 4}, false}, // 4 of 10
		} {
			t.Run(fmt.Sprintf("%s/%d of %d", l.name, len(tc.bad), tc.rows), func(t *testing.T) {
				data := l.file(t, tc.rows, map[string]string{l.col["reps"]: "877777"}, tc.bad...)
				res, err := Parse(data, Options{})
				var bf *BadFileError
				if !tc.refuse {
					if err != nil || len(res.Sets) != tc.rows-len(tc.bad) || len(res.Bad) != len(tc.bad) {
						t.Fatalf("got %v, err %v; want %d sets and %d bad rows", res, err, tc.rows-len(tc.bad), len(tc.bad))
					}
					return
				}
				if !errors.As(err, &bf) || res != nil {
					t.Fatalf("got result %v, error %v; want a BadFileError and no result", res, err)
				}
				if bf.Rows != tc.rows || len(bf.Bad) != len(tc.bad) || bf.Bad[0].Line != tc.bad[0]+2 {
					t.Errorf("got %d rows, %d bad, first on line %d; want %d, %d, %d", bf.Rows, len(bf.Bad), bf.Bad[0].Line, tc.rows, len(tc.bad), tc.bad[0]+2)
				}
				if want := fmt.Sprintf("%d of %d rows have impossible or unreadable values; the first: line %d", len(tc.bad), tc.rows, tc.bad[0]+2); !strings.HasPrefix(err.Error(), want) {
					t.Errorf("got %q, want it to start %q", err, want)
				}
			})
		}
	}
}

func TestBadText(t *testing.T) {
	for _, tc := range []struct {
		reason string
		n      int
		want   string
	}{
		{BadReps, 1, "1 impossible rep count"},
		{BadReps, 2, "2 impossible rep counts"},
		{BadEffort, 3, "3 RPE or RIR out of range"},
		{BadDate, 2, "2 bad dates"},
	} {
		if got := BadText(tc.reason, tc.n); got != tc.want {
			t.Errorf("BadText(%q, %d): got %q, want %q", tc.reason, tc.n, got, tc.want)
		}
	}
}
