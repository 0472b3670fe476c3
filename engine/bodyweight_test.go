package engine

import (
	"math"
	"testing"
)

func TestSetE1RMAtTotalLoad(t *testing.T) {
	pull := func(added float64, u Unit, reps int, rir float64) Set {
		return Set{Lift: "pull-up", Load: NewLoad(added, u), Bodyweight: true, Reps: reps, RIR: rir, HasRIR: true}
	}
	tests := []struct {
		name   string
		set    Set
		bodyKg float64
		want   float64
	}{
		{"bw+10x5 RIR2 at 80 kg: 90 kg moved", pull(10, Kg, 5, 2), 80, 90 / 0.811},
		{"bw+10x5 RIR2, body weight unknown: the added load", pull(10, Kg, 5, 2), 0, 10 / 0.811},
		{"plain bwx8 RIR2 at 80 kg scores the body", pull(0, Kg, 8, 2), 80, 80 / 0.739},
		{"plain bwx8, unknown: no e1RM", pull(0, Kg, 8, 2), 0, 0},
		{"assisted bw-20x5 RIR0 at 80 kg: 60 kg moved", pull(-20, Kg, 5, 0), 80, 60 / 0.863},
		{"assisted, unknown: nothing", pull(-20, Kg, 5, 0), 0, 0},
		{"added load in lb, body in kg", pull(45, Lb, 3, 1), 90, (90 + 45*KgPerLb) / 0.892},
		{"a barbell set ignores body weight", kgSet(100, 5, 2, true), 80, 100 / 0.811},
		{"a warm-up stays nothing", Set{Load: NewLoad(0, Kg), Bodyweight: true, Reps: 5, Kind: Warmup}, 80, 0},
	}
	for _, tt := range tests {
		got, _ := SetE1RMAt(tt.set, tt.bodyKg)
		if math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("%s: got %.4f, want %.4f", tt.name, got, tt.want)
		}
	}
}

func TestBodyWeightOn(t *testing.T) {
	d := NewDate(2024, 3, 10)
	bws := []BodyWeight{
		{Date: d, Weight: NewLoad(80, Kg)},
		{Date: d.AddDays(7), Weight: NewLoad(180, Lb)},
		{Date: d.AddDays(30), Weight: NewLoad(82.5, Kg)},
	}
	tests := []struct {
		day  Date
		want float64
	}{
		{d.AddDays(-1), 80}, // before the first weigh-in: the first
		{d, 80},
		{d.AddDays(6), 80},
		{d.AddDays(7), 180 * KgPerLb},
		{d.AddDays(29), 180 * KgPerLb},
		{d.AddDays(400), 82.5},
	}
	for _, tt := range tests {
		if got := BodyWeightOn(bws, tt.day); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("BodyWeightOn(%s): got %.4f, want %.4f", tt.day, got, tt.want)
		}
	}
	if got := BodyWeightOn(nil, d); got != 0 {
		t.Errorf("BodyWeightOn(nil): got %v, want 0", got)
	}
}

// A session's e1RM uses the body weight of its own day: a weigh-in after it
// does not rescore it, and the verdict says when none is known.
func TestAdviseScoresBodyweightOnTheDaysWeight(t *testing.T) {
	d := NewDate(2024, 3, 4)
	var h History
	for i := 0; i < 4; i++ {
		h.Sets = append(h.Sets, Set{Lift: "pull-up", Date: d.AddDays(7 * i), Load: NewLoad(10, Kg), Bodyweight: true, Reps: 5, RIR: 2, HasRIR: true})
	}
	today := d.AddDays(21)
	p := testProfile()
	v := Advise(h, p, "pull-up", today)
	if !v.AddedLoadOnly || math.Abs(v.E1RM-10/0.811) > 1e-6 {
		t.Fatalf("no body weight: got e1RM %.3f added-load-only %v, want %.3f true", v.E1RM, v.AddedLoadOnly, 10/0.811)
	}
	h.BodyWeights = []BodyWeight{{Date: d.AddDays(14), Weight: NewLoad(80, Kg)}}
	v = Advise(h, p, "pull-up", today)
	if v.AddedLoadOnly || math.Abs(v.E1RM-90/0.811) > 1e-6 {
		t.Fatalf("80 kg known: got e1RM %.3f added-load-only %v, want %.3f false", v.E1RM, v.AddedLoadOnly, 90/0.811)
	}
	if math.Abs(v.Change) > 0.05 {
		t.Errorf("same sets every week, weighed once: got trend %s %+.3f, want no jump", v.Trend, v.Change)
	}
	// A later weigh-in rescores the sessions from its day on only.
	h.BodyWeights = append(h.BodyWeights, BodyWeight{Date: d.AddDays(21), Weight: NewLoad(85, Kg)})
	if r := Report(h, p, "pull-up", d.AddDays(14)); math.Abs(r.E1RM-90/0.811) > 1e-6 {
		t.Errorf("a session before the second weigh-in: got %.3f, want %.3f", r.E1RM, 90/0.811)
	}
	if r := Report(h, p, "pull-up", d.AddDays(21)); math.Abs(r.E1RM-95/0.811) > 1e-6 {
		t.Errorf("a session on the second weigh-in's day: got %.3f, want %.3f", r.E1RM, 95/0.811)
	}
	found := false
	for _, l := range v.Prescription {
		if l.Next != nil && l.Next.Bodyweight && l.Next.Load == 10 {
			found = true
		}
	}
	if !found {
		t.Errorf("the prescription stays the added load (bodyweight + 10 kg), got %+v", v.Prescription)
	}
}
