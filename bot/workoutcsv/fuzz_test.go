package workoutcsv

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// FuzzParse feeds the importer arbitrary files, seeded with the header of
// every layout it reads and, when shared/ is beside the repo, the real
// exports: it must refuse or read, never panic, and never return a set it
// could not stand behind.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n2024-01-02 10:00:00,A,1h,Squat (Barbell),1,100,5,0,0,,,8\n",
		"title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\nA,\"26 Jul 2025, 07:06\",\"26 Jul 2025, 08:00\",,Squat (Barbell),,,0,normal,100,5,,,8\n",
		"Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n2024-01-02,Squat,Legs,100,kgs,5,,,,\n",
		"", "\n", "a,b\n1,2", "\"unterminated",
		"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n2024-01-02 10:00:00,A,1h,Squat (Barbell),1,100,5,0,0,,,8\n2024-01-02 10:00:00,A,1h,Squat (Barbell),2,100,877777,0,0,,,8\n",
	} {
		f.Add([]byte(s))
	}
	if dir := os.Getenv("SPOTTER_IMPORTS_DIR"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	today := engine.NewDate(2025, 12, 31)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data, Options{Today: today})
		if err != nil {
			var fe *FormatError
			var be *BadFileError
			if !errors.As(err, &fe) && !errors.As(err, &be) && !errors.Is(err, ErrTooBig) {
				t.Fatalf("unexpected error kind %T: %v", err, err)
			}
			if be != nil && (len(be.Bad) == 0 || 2*len(be.Bad) <= be.Rows) {
				t.Fatalf("refused %d rows for %d bad ones", be.Rows, len(be.Bad))
			}
			return
		}
		for _, s := range res.Sets {
			kg := s.Load.Kg()
			if s.Reps <= 0 || s.Reps > limits.MaxReps || s.Load.Milli < 0 && !s.Bodyweight || kg > limits.MaxLoadKg || kg < -limits.MaxLoadKg ||
				s.HasRIR && limits.RIR(s.RIR) != nil || limits.Day(s.Date, today) != nil ||
				s.Key == "" || limits.LiftChars(s.Lift) != nil || limits.LiftChars(s.Exercise) != nil {
				t.Fatalf("accepted a set %+v", s)
			}
		}
		if 2*len(res.Bad) > res.Rows {
			t.Fatalf("read a file with %d bad rows of %d", len(res.Bad), res.Rows)
		}
		for _, b := range res.Bad {
			if b.Line < 2 || b.Reason == "" || b.Problem == "" || utf8.RuneCountInString(b.Value) > maxShown+1 || strings.ContainsFunc(b.Value, func(r rune) bool { return !unicode.IsGraphic(r) }) {
				t.Fatalf("bad row reported as %+v", b)
			}
		}
	})
}
