package workoutcsv

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot/workoutcsv/workoutcsvtest"
	"github.com/spotterbot/spotter/engine"
)

func mustParseFile(t *testing.T, name string, opt Options) *Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(workoutcsvtest.ImportsDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(data, opt)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return res
}

// The expected counts were worked out from the files themselves (README
// quirks plus counting rows with a separate script), not from this parser:
// a row is skipped when it is a rest timer, or has no reps (cardio/timed
// when it has a distance or seconds); "bw" counts sets without a load.
func TestFixtureCounts(t *testing.T) {
	type want struct {
		format                    Format
		rows, sets, workouts      int
		warmup, drop, failure, bw int
		rir                       int
		skipped                   map[string]int
		first, last               string
		units                     string
	}
	for _, tc := range []struct {
		file string
		want want
	}{
		{"strong-classic-lbs.csv", want{Strong, 284, 279, 19, 0, 0, 0, 37, 0, map[string]int{SkipCardio: 5}, "2021-12-23", "2022-01-13", "assumed kg"}},
		{"strong-classic-fr-crlf.csv", want{Strong, 281, 271, 13, 0, 0, 0, 3, 0, map[string]int{SkipCardio: 10}, "2023-08-16", "2023-09-18", "assumed kg"}},
		{"strong-10col-lbs-wdf.csv", want{Strong, 286, 286, 12, 4, 2, 4, 12, 2, nil, "2022-10-21", "2022-11-03", "assumed kg"}},
		{"strong-de-resttimer.csv", want{Strong, 290, 133, 10, 0, 0, 0, 113, 0, map[string]int{SkipRestTimer: 144, SkipCardio: 10, SkipNoReps: 3}, "2025-08-01", "2026-04-07", "assumed kg"}},
		{"strong-android-semicolon-unitcols-mixed.csv", want{Strong, 289, 235, 24, 0, 0, 0, 207, 0, map[string]int{SkipCardio: 54}, "2020-03-27", "2020-08-07", "per row"}},
		{"strong-android-semicolon-unitcols-duration.csv", want{Strong, 286, 286, 11, 0, 0, 0, 33, 2, nil, "2022-11-17", "2022-12-16", "per row"}},
		// Line 154 logs 1000 reps of Hip Adductor: a bad row (TestFixtureBadRows).
		{"strong-workoutnum-semicolon-kg.csv", want{Strong, 285, 281, 26, 30, 0, 57, 7, 26, map[string]int{SkipCardio: 2, SkipNoReps: 1}, "2023-06-06", "2024-03-08", "header"}},
		{"hevy-kg.csv", want{Hevy, 298, 283, 14, 44, 19, 0, 25, 1, map[string]int{SkipCardio: 15}, "2025-05-18", "2025-06-05", "header"}},
		{"hevy-kg-rpe.csv", want{Hevy, 291, 291, 17, 21, 4, 25, 0, 44, nil, "2025-09-02", "2025-09-27", "header"}},
		{"hevy-lbs.csv", want{Hevy, 295, 295, 14, 15, 0, 3, 3, 0, nil, "2024-07-24", "2024-08-14", "header"}},
		{"fitnotes-kgs.csv", want{FitNotes, 291, 291, 14, 0, 0, 0, 0, 0, nil, "2025-04-29", "2025-05-16", "per row"}},
		{"liftosaur.csv", want{Liftosaur, 278, 189, 13, 0, 0, 0, 0, 0, map[string]int{SkipNotDone: 89}, "2026-06-01", "2026-06-29", "per row"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res := mustParseFile(t, tc.file, Options{})
			w := tc.want
			var warm, drop, fail, bw, rir int
			keys := map[string]bool{}
			for _, s := range res.Sets {
				switch s.Kind {
				case engine.Warmup:
					warm++
				case engine.Drop:
					drop++
				case engine.Failure:
					fail++
				}
				if s.Bodyweight && s.Load.Milli == 0 {
					bw++
				}
				if s.HasRIR {
					rir++
				}
				if keys[s.Key] {
					t.Errorf("key %s used twice", s.Key)
				}
				keys[s.Key] = true
				if s.Reps <= 0 || s.Lift == "" || s.Load.Unit == "" {
					t.Errorf("bad set %+v", s)
				}
			}
			for _, c := range []struct {
				name      string
				got, want int
			}{
				{"rows", res.Rows, w.rows}, {"sets", len(res.Sets), w.sets}, {"workouts", res.Workouts(), w.workouts},
				{"warm-ups", warm, w.warmup}, {"drop sets", drop, w.drop}, {"failure sets", fail, w.failure},
				{"bodyweight sets", bw, w.bw}, {"sets with RIR", rir, w.rir},
			} {
				if c.got != c.want {
					t.Errorf("%s: got %d, want %d", c.name, c.got, c.want)
				}
			}
			if res.Format != w.format {
				t.Errorf("format: got %s, want %s", res.Format, w.format)
			}
			if res.Units != w.units {
				t.Errorf("units: got %q, want %q", res.Units, w.units)
			}
			if len(res.Skipped) != len(w.skipped) {
				t.Errorf("skipped: got %v, want %v", res.Skipped, w.skipped)
			}
			for k, v := range w.skipped {
				if res.Skipped[k] != v {
					t.Errorf("skipped %q: got %d, want %d", k, res.Skipped[k], v)
				}
			}
			first, last, _ := res.DateRange()
			if first.String() != w.first || last.String() != w.last {
				t.Errorf("dates: got %s to %s, want %s to %s", first, last, w.first, w.last)
			}
			// Sets come in day order and Seq counts each day's sets of a lift from 0.
			seq := map[string]int{}
			for i, s := range res.Sets {
				if i > 0 && s.Date < res.Sets[i-1].Date {
					t.Fatalf("set %d is on %s, before the previous set's %s", i, s.Date, res.Sets[i-1].Date)
				}
				k := s.Date.String() + s.Lift
				if s.Seq != seq[k] {
					t.Fatalf("set %d (%s %s): got seq %d, want %d", i, s.Date, s.Lift, s.Seq, seq[k])
				}
				seq[k]++
			}
			// The same file parsed again gives the same keys: importing twice is a no-op.
			again := mustParseFile(t, tc.file, Options{})
			for i := range again.Sets {
				if again.Sets[i].Key != res.Sets[i].Key {
					t.Fatalf("set %d: key changed between two parses", i)
				}
			}
		})
	}
}

// The real exports hold one bad row: a typo of 1000 reps.
func TestFixtureBadRows(t *testing.T) {
	for _, tc := range fixtureFiles {
		res := mustParseFile(t, tc, Options{Today: engine.NewDate(2026, 11, 20)})
		var got []string
		for _, b := range res.Bad {
			got = append(got, b.Error())
		}
		want := ""
		if tc == "strong-workoutnum-semicolon-kg.csv" {
			want = "line 154, Reps: 1000: more than 100 reps in a set"
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("%s: got bad rows %q, want %q", tc, got, want)
		}
	}
}

var fixtureFiles = []string{
	"strong-classic-lbs.csv", "strong-classic-fr-crlf.csv", "strong-10col-lbs-wdf.csv", "strong-de-resttimer.csv",
	"strong-android-semicolon-unitcols-mixed.csv", "strong-android-semicolon-unitcols-duration.csv", "strong-workoutnum-semicolon-kg.csv",
	"hevy-kg.csv", "hevy-kg-rpe.csv", "hevy-lbs.csv", "fitnotes-kgs.csv", "liftosaur.csv",
}

// find returns the sets of one exercise on one day, in order.
func find(res *Result, exercise, day string) []Set {
	var out []Set
	for _, s := range res.Sets {
		if s.Exercise == exercise && s.Date.String() == day {
			out = append(out, s)
		}
	}
	return out
}

func lb(v float64) engine.Load { return engine.NewLoad(v, engine.Lb) }
func kg(v float64) engine.Load { return engine.NewLoad(v, engine.Kg) }

func TestFixtureValues(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, exercise, day string
		opt                 Options
		n                   int // sets of the exercise that day
		i                   int // the set checked
		lift                string
		load                engine.Load
		reps                int
		kind                engine.SetKind
		bodyweight          bool
		rir                 float64 // -1: none
	}{
		// 245.00000000000003 in a pound file read with /import lb.
		{"strong-classic-lbs.csv", "Pause Squat", "2021-12-23", Options{Unit: engine.Lb}, 5, 0, "paused squat", lb(245), 4, engine.Working, false, -1},
		{"strong-classic-lbs.csv", "Romanian Deadlift (Dumbbell)", "2022-01-13", Options{Unit: engine.Lb}, 4, 3, "dumbbell romanian deadlift", lb(75), 11, engine.Working, false, -1},
		// Weight (kg) written from pounds: 161.8 lb and 20 lb, not 73.391 kg.
		{"strong-workoutnum-semicolon-kg.csv", "Chest Dip", "2023-06-06", Options{}, 3, 1, "dip", lb(161.8), 6, engine.Warmup, true, -1},
		{"strong-workoutnum-semicolon-kg.csv", "Lateral Raise (Cable)", "2023-06-06", Options{}, 3, 0, "cable lateral raise", lb(20), 12, engine.Working, false, -1},
		{"strong-10col-lbs-wdf.csv", "Deadlift (Barbell)", "2022-10-21", Options{Unit: engine.Lb}, 5, 2, "deadlift", lb(225), 5, engine.Working, false, -1},
		{"strong-de-resttimer.csv", "Pull Up", "2025-08-01", Options{}, 4, 3, "pull-up", kg(0), 4, engine.Working, true, -1},
		{"strong-android-semicolon-unitcols-mixed.csv", "Bent Over Row (Dumbbell)", "2020-08-07", Options{}, 3, 1, "dumbbell row", lb(44.09), 20, engine.Working, false, -1},
		{"strong-classic-fr-crlf.csv", "Bench Press (Dumbbell)", "2023-08-16", Options{}, 4, 2, "dumbbell bench", kg(30), 5, engine.Working, false, -1},
		{"hevy-kg.csv", "Triceps Rope Pushdown", "2025-06-05", Options{}, 8, 7, "triceps rope pushdown", kg(22.7), 5, engine.Drop, false, -1},
		{"hevy-kg-rpe.csv", "Shoulder Press (Machine Plates)", "2025-09-27", Options{}, 4, 2, "machine overhead press", kg(90), 8, engine.Working, false, 1.5},
		{"hevy-kg-rpe.csv", "Shoulder Press (Machine Plates)", "2025-09-27", Options{}, 4, 0, "machine overhead press", kg(40), 12, engine.Warmup, false, 4},
		// "24 Jul 2024, 7:07": an unpadded hour.
		{"hevy-lbs.csv", "Seated Wrist Extension (Barbell)", "2024-07-24", Options{}, 3, 0, "seated wrist extension", lb(40), 20, engine.Failure, false, -1},
		{"fitnotes-kgs.csv", "Overhead Press (Each Side, Dumbbells)", "2025-04-29", Options{}, 4, 2, "overhead press (each side, dumbbells)", kg(10), 3, engine.Working, false, -1},
		{"liftosaur.csv", "Pull Up", "2026-06-24", Options{}, 3, 0, "pull-up", kg(15), 5, engine.Working, true, -1},
		// 2026-06-29T04:56Z is still June 28 in Los Angeles.
		{"liftosaur.csv", "Romanian Deadlift, Leverage Machine", "2026-06-28", Options{Location: la}, 2, 0, "machine romanian deadlift", kg(180), 9, engine.Working, false, -1},
	} {
		t.Run(tc.file+"/"+tc.exercise, func(t *testing.T) {
			res := mustParseFile(t, tc.file, tc.opt)
			sets := find(res, tc.exercise, tc.day)
			if len(sets) != tc.n {
				t.Fatalf("got %d sets of %q on %s, want %d", len(sets), tc.exercise, tc.day, tc.n)
			}
			s := sets[tc.i]
			if s.Lift != tc.lift || s.Load != tc.load || s.Reps != tc.reps || s.Kind != tc.kind || s.Bodyweight != tc.bodyweight {
				t.Errorf("got %s %v x%d kind %q bw %v, want %s %v x%d kind %q bw %v",
					s.Lift, s.Load, s.Reps, s.Kind, s.Bodyweight, tc.lift, tc.load, tc.reps, tc.kind, tc.bodyweight)
			}
			if tc.rir < 0 && s.HasRIR || tc.rir >= 0 && (!s.HasRIR || s.RIR != tc.rir) {
				t.Errorf("got RIR %v (has %v), want %v", s.RIR, s.HasRIR, tc.rir)
			}
		})
	}
}

func TestFixtureLayouts(t *testing.T) {
	for file, want := range map[string]string{
		"strong-classic-lbs.csv":                         "classic",
		"strong-classic-fr-crlf.csv":                     "classic, translated headers",
		"strong-de-resttimer.csv":                        "classic, translated headers",
		"strong-10col-lbs-wdf.csv":                       "10 columns",
		"strong-android-semicolon-unitcols-mixed.csv":    "unit columns, semicolons",
		"strong-android-semicolon-unitcols-duration.csv": "unit columns, semicolons",
		"strong-workoutnum-semicolon-kg.csv":             `"Workout #" layout, semicolons`,
		"hevy-lbs.csv":                                   "weight in lb",
	} {
		if got := mustParseFile(t, file, Options{}).Layout; got != want {
			t.Errorf("%s: got layout %q, want %q", file, got, want)
		}
	}
}

// FileUnit is what the file says, even where loads are stored in the other
// unit (the "Workout #" file's kg values are conversions of pounds).
func TestFixtureFileUnits(t *testing.T) {
	for file, want := range map[string]engine.Unit{
		"strong-classic-lbs.csv":                         "",
		"strong-classic-fr-crlf.csv":                     "",
		"strong-de-resttimer.csv":                        "",
		"strong-10col-lbs-wdf.csv":                       "",
		"strong-android-semicolon-unitcols-mixed.csv":    engine.Lb,
		"strong-android-semicolon-unitcols-duration.csv": engine.Kg,
		"strong-workoutnum-semicolon-kg.csv":             engine.Kg,
		"hevy-kg.csv":                                    engine.Kg,
		"hevy-lbs.csv":                                   engine.Lb,
		"fitnotes-kgs.csv":                               engine.Kg,
		"liftosaur.csv":                                  engine.Kg,
	} {
		for _, opt := range []Options{{}, {Unit: engine.Lb}} {
			if got := mustParseFile(t, file, opt).FileUnit; got != want {
				t.Errorf("%s with unit %q: got file unit %q, want %q", file, opt.Unit, got, want)
			}
		}
	}
	var buf bytes.Buffer
	h := engine.History{Sets: []engine.Set{{Lift: "squat", Date: 19000, Load: engine.NewLoad(100, engine.Lb), Reps: 5}}}
	if err := Write(&buf, h, engine.Lb); err != nil {
		t.Fatal(err)
	}
	res, err := Parse(buf.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.FileUnit != engine.Lb {
		t.Errorf("Spotter export in lb: got file unit %q, want lb", res.FileUnit)
	}
}
