package engine

import (
	"math"
	"testing"
)

func kgSet(load float64, reps int, rir float64, hasRIR bool) Set {
	return Set{Lift: "squat", Load: NewLoad(load, Kg), Reps: reps, RIR: rir, HasRIR: hasRIR}
}

func TestSetE1RM(t *testing.T) {
	tests := []struct {
		name    string
		set     Set
		want    float64
		wantLow bool
	}{
		{"issue example 100x5 RIR2 (E=7)", kgSet(100, 5, 2, true), 100 / 0.811, false},
		{"single at RIR 0 (E=1)", kgSet(200, 1, 0, true), 200, false},
		{"half step E=2.5", kgSet(100, 2, 0.5, true), 100 / 0.939, false},
		{"half step E=7.5", kgSet(100, 5, 2.5, true), 100 / 0.799, false},
		{"between half steps E=7.25 interpolates 81.1 and 79.9", kgSet(100, 5, 2.25, true), 100 / 0.805, false},
		{"E=10 table, not low", kgSet(100, 8, 2, true), 100 / 0.739, false},
		{"E=10.5 table, low confidence", kgSet(100, 8, 2.5, true), 100 / 0.723, true},
		{"E=12 table edge", kgSet(100, 10, 2, true), 100 / 0.680, true},
		{"E=13 Epley", kgSet(100, 10, 3, true), 100 * (1 + 13.0/30), true},
		{"no effort: Epley on reps, low", kgSet(100, 5, 0, false), 100 * (1 + 5.0/30), true},
		{"failure kind without effort is RIR 0", Set{Load: NewLoad(100, Kg), Reps: 5, Kind: Failure}, 100 / 0.863, false},
		{"warm-up counts for nothing", Set{Load: NewLoad(60, Kg), Reps: 5, Kind: Warmup, HasRIR: true, RIR: 5}, 0, false},
		{"pounds convert to kg", Set{Load: NewLoad(225, Lb), Reps: 5, RIR: 2, HasRIR: true}, 225 * KgPerLb / 0.811, false},
		{"zero reps", kgSet(100, 0, 2, true), 0, false},
	}
	for _, tt := range tests {
		got, low := SetE1RM(tt.set)
		if math.Abs(got-tt.want) > 1e-6 || low != tt.wantLow {
			t.Errorf("%s: got %.4f low=%v, want %.4f low=%v", tt.name, got, low, tt.want, tt.wantLow)
		}
	}
}

func TestSetE1RMIssueExampleRounds(t *testing.T) {
	got, _ := SetE1RM(kgSet(100, 5, 2, true))
	if s := unitsOf(Profile{}).e1rm(got); s != "123.3 kg" {
		t.Errorf("got %s, want 123.3 kg", s)
	}
}

func TestEpleyNeverBelowLoad(t *testing.T) {
	for _, e := range []float64{0, 0.5, 13, 20} {
		if got := epley(100, e); got < 100 {
			t.Errorf("epley(100, %v): got %v, want >= 100", e, got)
		}
	}
}

func TestPctTableHalfSteps(t *testing.T) {
	tests := []struct{ e, want float64 }{
		{1, 1.0}, {1.5, 0.978}, {4, 0.892}, {6.5, 0.824}, {9.5, 0.751}, {11.5, 0.694}, {12, 0.68},
		{1.25, 0.989}, {11.75, 0.687},
	}
	for _, tt := range tests {
		if got := pctOf(tt.e); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("pctOf(%v): got %v, want %v", tt.e, got, tt.want)
		}
	}
}
