package workoutcsv

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
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
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data, Options{})
		if err != nil {
			var fe *FormatError
			var re *RowError
			if !errors.As(err, &fe) && !errors.As(err, &re) && !errors.Is(err, ErrTooBig) {
				t.Fatalf("unexpected error kind %T: %v", err, err)
			}
			return
		}
		for _, s := range res.Sets {
			if s.Reps <= 0 || s.Load.Milli < 0 && !s.Bodyweight || s.Key == "" || s.Lift == "" {
				t.Fatalf("accepted a set with reps %d, load %v, key %q, lift %q", s.Reps, s.Load, s.Key, s.Lift)
			}
		}
	})
}
