package engine

import (
	"math"
	"strconv"
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
		{"E=13 extended chart", kgSet(100, 10, 3, true), 100 / 0.653, true},
		{"E=15 extended chart edge", kgSet(100, 12, 3, true), 100 / 0.599, true},
		{"E=20 continues past the chart", kgSet(100, 20, 0, true), 100 / (0.599 * 1.5 / (1 + 20.0/30)), true},
		{"issue: 100x10 RIR 2 is 147.1", kgSet(100, 10, 2, true), 100 / 0.680, true},
		{"issue: 100x11 RIR 2 is more, not less", kgSet(100, 11, 2, true), 100 / 0.653, true},
		{"no effort: the chart at E = reps, low", kgSet(100, 5, 0, false), 100 / 0.863, true},
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
	if s := strconv.FormatFloat(unitsOf(Profile{}).fromKg(got), 'f', 1, 64); s != "123.3" {
		t.Errorf("got %s, want 123.3 kg", s)
	}
}

// TestE1RMMonotone is the section 2 revision's promise: at the same load,
// more reps or more RIR never lowers the estimate, over 1-30 reps and RIR
// 0-10 in quarter steps, with and without effort logged.
func TestE1RMMonotone(t *testing.T) {
	for reps := 1; reps <= 30; reps++ {
		prev := 0.0
		for q := 0; q <= 40; q++ {
			rir := float64(q) / 4
			got, _ := SetE1RM(kgSet(100, reps, rir, true))
			if got < prev-1e-9 {
				t.Fatalf("100x%d RIR %v: e1RM %.3f < %.3f at RIR %v", reps, rir, got, prev, rir-0.25)
			}
			prev = got
		}
		for _, rir := range []float64{0, 1, 2.5, 4} {
			a, _ := SetE1RM(kgSet(100, reps, rir, true))
			b, _ := SetE1RM(kgSet(100, reps+1, rir, true))
			if b <= a {
				t.Errorf("RIR %v: 100x%d e1RM %.3f <= 100x%d e1RM %.3f", rir, reps+1, b, reps, a)
			}
		}
		a, _ := SetE1RM(kgSet(100, reps, 0, false))
		b, _ := SetE1RM(kgSet(100, reps+1, 0, false))
		if b <= a {
			t.Errorf("no effort: 100x%d e1RM %.3f <= 100x%d e1RM %.3f", reps+1, b, reps, a)
		}
		if a < 100 {
			t.Errorf("no effort: 100x%d e1RM %.3f below the load", reps, a)
		}
	}
}

func TestPctTableHalfSteps(t *testing.T) {
	tests := []struct{ e, want float64 }{
		{1, 1.0}, {1.5, 0.978}, {4, 0.892}, {6.5, 0.824}, {9.5, 0.751}, {11.5, 0.694}, {12, 0.68},
		{1.25, 0.989}, {11.75, 0.687}, {12.5, 0.667}, {13, 0.653}, {14.5, 0.613}, {15, 0.599},
	}
	for _, tt := range tests {
		if got := pctOf(tt.e); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("pctOf(%v): got %v, want %v", tt.e, got, tt.want)
		}
	}
}
