package workoutcsv

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestSkipText(t *testing.T) {
	for _, tc := range []struct {
		reason string
		n      int
		want   string
	}{
		{SkipNoReps, 1, "1 row without reps"},
		{SkipNoReps, 3, "3 rows without reps"},
		{SkipRestTimer, 144, "144 rest-timer rows"},
		{SkipCardio, 1, "1 cardio or timed row (distance or time, no reps)"},
	} {
		if got := SkipText(tc.reason, tc.n); got != tc.want {
			t.Errorf("SkipText(%q, %d): got %q, want %q", tc.reason, tc.n, got, tc.want)
		}
	}
}

func TestExactLoad(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		u    engine.Unit
		want engine.Load
	}{
		{185.00000000000003, engine.Lb, lb(185)},
		{74.99999999999999, engine.Lb, lb(75)},
		{102.5, engine.Kg, kg(102.5)},
		{22.68, engine.Kg, kg(22.68)}, // Hevy's own rounding of 50 lb: kept as written
		{49.895160700000005, engine.Kg, lb(110)},
		{9.071847400000001, engine.Kg, lb(20)},
		{89.266978416, engine.Kg, lb(196.8)},
		{45.359237, engine.Kg, lb(100)},
		{70.09200286865234, engine.Kg, kg(70.092)}, // float32 noise, no pound value: rounded
		{0, engine.Kg, kg(0)},
		{6.80388555, engine.Kg, lb(15)},
		{33.069339327, engine.Lb, engine.Load{Milli: 15000, Unit: engine.Kg}}, // 15 kg written in pounds
	} {
		if got := exactLoad(tc.v, tc.u); got != tc.want {
			t.Errorf("exactLoad(%v %s): got %v, want %v", tc.v, tc.u, got, tc.want)
		}
	}
}

func TestMapLift(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lift  string
		known bool
	}{
		{"Squat (Barbell)", "squat", true},
		{"Bench Press (Barbell)", "bench", true},
		{"Deadlift (Barbell)", "deadlift", true},
		{"Overhead Press (Barbell)", "overhead press", true},
		{"Pull Up", "pull-up", true},
		{"Pull Up (Weighted)", "pull-up", true},
		{"Chin Up", "chin-up", true},
		{"Chest Dip", "dip", true},
		{"Pause Squat", "paused squat", true},
		{"Bench Press - Close Grip (Barbell)", "close grip bench", true},
		{"Romanian Deadlift (Barbell)", "romanian deadlift", true},
		{"Front Squat (Barbell)", "front squat", true},
		{"Incline Bench Press (Barbell)", "incline bench", true},
		{"  squat   (barbell) ", "squat", true},
		{"Bench Press (Dumbbell)", "dumbbell bench", false},
		{"Squat (Smith Machine)", "smith machine squat", false},
		{"Pull Up (Assisted)", "assisted pull-up", false},
		{"Bicep Curl (Dumbbell)", "dumbbell bicep curl", false},
		{"Romanian Deadlift, Leverage Machine", "machine romanian deadlift", false},
		{"Incline Bench Press, Dumbbell", "dumbbell incline bench", false},
		{"Lat Pulldown - Underhand (Cable)", "cable underhand lat pulldown", false},
		{"Seated Leg Press (Machine)", "machine seated leg press", false},
		{"Chest Press (Machine)", "machine chest press", false},
		{"Seated Overhead Press (Dumbbell)", "dumbbell seated overhead press", false},
		{"Knee Raise (Captain's Chair)", "knee raise (captain's chair)", false},
		{"Back and BI’s Curl", "back and bi's curl", false},
	} {
		lift, known := MapLift(tc.name)
		if lift != tc.lift || known != tc.known {
			t.Errorf("MapLift(%q): got %q known=%v, want %q known=%v", tc.name, lift, known, tc.lift, tc.known)
		}
	}
}

func TestAssistedIsBodyweightMinusHelp(t *testing.T) {
	csv := "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_lbs,reps,distance_miles,duration_seconds,rpe\n" +
		`Back,"1 Jul 2024, 7:07","1 Jul 2024, 8:00",,Pull Up (Assisted),,,0,normal,40,8,,,` + "\n" +
		`Back,"1 Jul 2024, 7:07","1 Jul 2024, 8:00",,Pull Up (Weighted),,,0,normal,25,5,,,8`
	res, err := Parse([]byte(csv), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, w := res.Sets[0], res.Sets[1]
	if a.Lift != "assisted pull-up" || !a.Bodyweight || a.Load != lb(-40) {
		t.Errorf("assisted: got %s bw %v %v, want assisted pull-up bw true -40 lb", a.Lift, a.Bodyweight, a.Load)
	}
	if w.Lift != "pull-up" || !w.Bodyweight || w.Load != lb(25) || !w.HasRIR || w.RIR != 2 {
		t.Errorf("weighted: got %+v, want pull-up bodyweight +25 lb RIR 2", w.Set)
	}
}

const strongHeader = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"

func strongRow(date, exercise, order string, weight float64, reps int) string {
	return fmt.Sprintf("%s,\"W\",1h,\"%s\",%s,%g,%d,0,0,,,", date, exercise, order, weight, reps)
}

func TestStrongVariants(t *testing.T) {
	for _, tc := range []struct {
		name string
		csv  string
		sets int
		load engine.Load
		kind engine.SetKind
	}{
		{"crlf and no final newline", strongHeader + "\r\n" + strongRow("2024-01-02 10:00:00", "Squat (Barbell)", "1", 100, 5) + "\r\n" + strongRow("2024-01-02 10:00:00", "Squat (Barbell)", "2", 105, 3), 2, kg(100), engine.Working},
		{"byte order mark", "\ufeff" + strongHeader + "\n" + strongRow("2024-01-02 10:00:00", "Squat (Barbell)", "W", 60, 5) + "\n", 1, kg(60), engine.Warmup},
		{"multi-line quoted note", strongHeader + "\n" + `2024-01-02 10:00:00,"W",1h,"Squat (Barbell)",F,100,5,0,0,"felt
heavy, ""grindy""
today","",` + "\n", 1, kg(100), engine.Failure},
		{"english rest timer", strongHeader + "\n" + strongRow("2024-01-02 10:00:00", "Squat (Barbell)", "1", 100, 5) + "\n" + `2024-01-02 10:00:00,"W",1h,"Squat (Barbell)",Rest Timer,0,0,0,90,,,` + "\n", 1, kg(100), engine.Working},
		{"unknown language rest timer", strongHeader + "\n" + strongRow("2024-01-02 10:00:00", "Squat (Barbell)", "1", 100, 5) + "\n" + `2024-01-02 10:00:00,"W",1h,"Squat (Barbell)",Odpoczynek,0,0,0,90,,,` + "\n", 1, kg(100), engine.Working},
		{"polish headers by position", "Data,Nazwa treningu,Czas trwania,Nazwa ćwiczenia,Kolejność serii,Ciężar,Powtórzenia,Dystans,Sekundy,Notatki,Notatki treningowe,RPE\n" + strongRow("2024-01-02 10:00:00", "Squat (Barbell)", "1", 100, 5), 1, kg(100), engine.Working},
		{"semicolons and decimal commas", "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes\n" +
			`2024-01-02 10:00:00;"W";"Bench Press (Barbell)";1;62,5;kg;5;8,5;;;0;"";""`, 1, kg(62.5), engine.Working},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Parse([]byte(tc.csv), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Sets) != tc.sets {
				t.Fatalf("got %d sets, want %d (skipped %v)", len(res.Sets), tc.sets, res.Skipped)
			}
			if s := res.Sets[0]; s.Load != tc.load || s.Kind != tc.kind {
				t.Errorf("got %v %q, want %v %q", s.Load, s.Kind, tc.load, tc.kind)
			}
		})
	}
}

// A file that is not an export is refused whole; a bad row is not (see
// TestBadRowIsSkipped) unless most rows are bad (TestMostlyBadFileIsRefused).
func TestRefusals(t *testing.T) {
	for _, tc := range []struct {
		name    string
		csv     string
		check   func(error) bool
		mention string
	}{
		{"unknown header", "foo,bar,baz\n1,2,3\n", isFormat, "Strong"},
		{"empty file", "", isFormat, "empty"},
		{"not utf-8", "Date,\xff\xfe\n", isFormat, "UTF-8"},
		{"every row broken", strongHeader + "\n" + `2024-01-02 10:00:00,"W",1h,"Squat (Barbell)",2,abc,5,0,0,,,` + "\n", isBadFile,
			"1 of 1 rows have impossible or unreadable values; the first: line 2, Weight: abc: not a number"},
		{"hevy bad set type", "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n" +
			`A,"1 Jul 2024, 7:07","1 Jul 2024, 8:00",,Squat (Barbell),,,0,superset,100,5,,,`, isBadFile, "line 2, set_type: superset: not a set type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.csv), Options{})
			if err == nil || !tc.check(err) {
				t.Fatalf("got error %v, want a %s", err, tc.name)
			}
			if !strings.Contains(err.Error(), tc.mention) {
				t.Errorf("got %q, want it to mention %q", err, tc.mention)
			}
		})
	}
}

func isFormat(err error) bool  { var fe *FormatError; return errors.As(err, &fe) }
func isBadFile(err error) bool { var be *BadFileError; return errors.As(err, &be) }

func TestLimits(t *testing.T) {
	big := bytes.Repeat([]byte("x"), MaxBytes+1)
	if _, err := Parse(big, Options{}); !errors.Is(err, ErrTooBig) {
		t.Errorf("over %d bytes: got %v, want ErrTooBig", MaxBytes, err)
	}
	if MaxRows != 200_000 || MaxBytes != 20<<20 {
		t.Errorf("limits are %d rows and %d bytes, want 200,000 and 20 MB", MaxRows, MaxBytes)
	}
	limit := 1000
	if !raceEnabled && !testing.Short() {
		limit = MaxRows // the real limit; too slow to parse 200,000 rows under -race
	}
	rows := func(n int) []byte {
		var b strings.Builder
		b.WriteString("Date,Exercise Name,Set Order,Weight,Reps\n")
		for i := 0; i < n; i++ {
			b.WriteString("2024-01-02 10:00:00,Squat,1,100,5\n")
		}
		return []byte(b.String())
	}
	over := rows(limit + 1)
	if len(over) > MaxBytes {
		t.Fatalf("test file is %d bytes, over the byte limit", len(over))
	}
	if _, err := Parse(over, Options{maxRows: limit}); !errors.Is(err, ErrTooBig) {
		t.Errorf("%d rows: got %v, want ErrTooBig", limit+1, err)
	}
	res, err := Parse(rows(limit), Options{maxRows: limit})
	if err != nil || res.Rows != limit {
		t.Errorf("%d rows: got %v, err %v; want them read", limit, res, err)
	}
}

func TestSpotterRoundTrip(t *testing.T) {
	d := engine.NewDate(2025, 3, 3)
	h := engine.History{
		Sets: []engine.Set{
			{Lift: "squat", Date: d, Seq: 0, Load: kg(60), Reps: 5, Kind: engine.Warmup},
			{Lift: "squat", Date: d, Seq: 1, Load: kg(102.5), Reps: 5, RIR: 2, HasRIR: true, RestSec: 180, Tags: []string{"travel", "newbelt"}},
			{Lift: "squat", Date: d, Seq: 2, Load: lb(225), Reps: 3, RIR: 0.5, HasRIR: true, Kind: engine.Failure},
			{Lift: "squat", Date: d, Seq: 3, Load: kg(80), Reps: 8, Kind: engine.Drop},
			{Lift: "pull-up", Date: d.AddDays(1), Load: kg(0), Bodyweight: true, Reps: 10},
			{Lift: "pull-up", Date: d.AddDays(1), Seq: 1, Load: kg(20), Bodyweight: true, Reps: 5, RIR: 2.7, HasRIR: true},
			{Lift: "assisted dip", Date: d.AddDays(1), Load: lb(-40), Bodyweight: true, Reps: 8},
			{Lift: "curl, \"heavy\"", Date: d.AddDays(1), Load: engine.Load{Milli: 33333, Unit: engine.Kg}, Reps: 12},
		},
		Checkins: []engine.Checkin{
			{Date: d, Sleep: engine.SleepPoor, Soreness: engine.SorenessHigh, Joints: engine.JointsOK, Motivation: engine.MotivationLow, Warmup: engine.WarmupHeavy, RHR: 58, HRV: 61.5, SleptHours: 5.75, Tags: []string{"sick"}},
			{Date: d.AddDays(1), Sleep: engine.SleepGood},
		},
		Deloads: []engine.DeloadPeriod{{Start: d.AddDays(10), End: d.AddDays(16), Planned: true}, {Start: d.AddDays(50), End: d.AddDays(50), Planned: true, Skipped: true}},
	}
	for _, u := range []engine.Unit{engine.Kg, engine.Lb} {
		var buf bytes.Buffer
		if err := Write(&buf, h, u); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(buf.String(), exportHeaderStart) {
			t.Fatalf("export starts %q", buf.String()[:40])
		}
		res, err := Parse(buf.Bytes(), Options{})
		if err != nil {
			t.Fatalf("%s: parse own export: %v\n%s", u, err, buf.String())
		}
		if res.Format != Spotter {
			t.Errorf("got format %s, want Spotter", res.Format)
		}
		var got []engine.Set
		for _, s := range res.Sets {
			got = append(got, s.Set)
		}
		want := append([]engine.Set(nil), h.Sets...)
		// The export orders a day's sets by lift name, then seq.
		sortSets(want)
		sortSets(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: sets differ:\n got %+v\nwant %+v", u, got, want)
		}
		if !reflect.DeepEqual(res.Checkins, h.Checkins) {
			t.Errorf("%s: check-ins differ:\n got %+v\nwant %+v", u, res.Checkins, h.Checkins)
		}
		if !reflect.DeepEqual(res.Deloads, h.Deloads) {
			t.Errorf("%s: deloads differ:\n got %+v\nwant %+v", u, res.Deloads, h.Deloads)
		}
		// The readable columns are in the account's unit.
		if u == engine.Kg && !strings.Contains(buf.String(), "set,2025-03-03,squat,2,failure,102.058,kg,3,0.5,,,,225,lb") {
			t.Errorf("kg export: the 225 lb set is not shown as 102.058 kg:\n%s", buf.String())
		}
	}
}

func sortSets(s []engine.Set) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && less(s[j], s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func less(a, b engine.Set) bool {
	if a.Date != b.Date {
		return a.Date < b.Date
	}
	if a.Lift != b.Lift {
		return a.Lift < b.Lift
	}
	return a.Seq < b.Seq
}

// BenchmarkParseStrong50k parses a 50,000-row Strong export (about ten
// years of training).
func BenchmarkParseStrong50k(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(strongHeader + "\n")
	for i := 0; i < 50000; i++ {
		sb.WriteString(strongRow(fmt.Sprintf("2015-01-%02d %02d:00:00", i/2000+1, i/100%20), "Squat (Barbell)", fmt.Sprint(i%100+1), 100+float64(i%40)*2.5, 5) + "\n")
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Parse(data, Options{})
		if err != nil || len(res.Sets) != 50000 {
			b.Fatalf("got %v sets, err %v", len(res.Sets), err)
		}
	}
}
