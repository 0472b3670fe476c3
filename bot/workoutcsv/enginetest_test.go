package workoutcsv

import (
	"testing"

	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/engine/enginetest"
)

// TestStrongNamesOfTheGenerator checks that every Strong name the history
// generator writes maps back to the lift it stands for.
func TestStrongNamesOfTheGenerator(t *testing.T) {
	for _, lift := range enginetest.Catalog() {
		for _, weighted := range []bool{false, true} {
			name := enginetest.StrongName(lift, weighted)
			if got, known := MapLift(name); got != lift {
				t.Errorf("MapLift(%q) = %q (known %v), want %q", name, got, known, lift)
			}
		}
	}
}

// TestGeneratedStrongExportRoundTrip reads a generated two-year history
// back from its Strong export: every set comes back with its day, lift,
// seq, load, reps, kind and effort (tags have no column in Strong).
func TestGeneratedStrongExportRoundTrip(t *testing.T) {
	log := enginetest.Generate(enginetest.Config{Seed: 3, Years: 2})
	res, err := Parse(enginetest.StrongCSV(log), Options{Unit: engine.Kg})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != Strong || res.Workouts() != len(log.Workouts) {
		t.Fatalf("format %s with %d workouts, want Strong with %d", res.Format, res.Workouts(), len(log.Workouts))
	}
	if len(res.Sets) != len(log.Sets) {
		t.Fatalf("got %d sets, want %d", len(res.Sets), len(log.Sets))
	}
	for i, got := range res.Sets {
		want := log.Sets[i]
		want.Tags = nil
		if got.Set.Lift != want.Lift || got.Date != want.Date || got.Seq != want.Seq || got.Load != want.Load ||
			got.Bodyweight != want.Bodyweight || got.Reps != want.Reps || got.Kind != want.Kind ||
			got.HasRIR != want.HasRIR || got.RIR != want.RIR {
			t.Fatalf("set %d:\n got %+v\nwant %+v", i, got.Set, want)
		}
	}
}
