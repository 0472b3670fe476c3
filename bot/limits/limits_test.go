package limits

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

// check runs one limit and compares its verdict: want "" for a pass, or
// the text of the refusal.
func check(t *testing.T, what string, err error, want string) {
	t.Helper()
	got := ""
	if err != nil {
		got = err.Error()
	}
	if got != want {
		t.Errorf("%s: got %q, want %q", what, got, want)
	}
}

func TestEarliest(t *testing.T) {
	if want := engine.NewDate(1900, 1, 1); Earliest != want {
		t.Errorf("Earliest is %s, want %s", Earliest, want)
	}
}

func TestReps(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, ""}, {1, ""}, {8, ""}, {100, ""}, {7.9999999999, ""},
		{101, "more than 100 reps in a set"},
		{877777, "more than 100 reps in a set"},
		{-1, "negative reps"},
		{5.5, "not a whole number of reps"},
		{math.NaN(), "not a number of reps"},
		{math.Inf(1), "more than 100 reps in a set"},
	} {
		check(t, "Reps("+fmtF(tc.v)+")", Reps(tc.v), tc.want)
	}
}

func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		v          float64
		u          engine.Unit
		bodyweight bool
		want       string
	}{
		{0, engine.Kg, false, ""},
		{1000, engine.Kg, false, ""},
		{2204, engine.Lb, false, ""},
		{1000.5, engine.Kg, false, "more than 1000 kg"},
		{2205, engine.Lb, false, "more than 1000 kg"},
		{1e300, engine.Kg, false, "more than 1000 kg"},
		{-20, engine.Kg, false, "a negative load"},
		{-20, engine.Kg, true, ""}, // an assisted pull-up: bodyweight minus 20 kg
		{-5000, engine.Kg, true, "more than 1000 kg"},
		{math.NaN(), engine.Kg, false, "not a finite number"},
		{math.Inf(-1), engine.Lb, true, "not a finite number"},
	} {
		check(t, "Load("+fmtF(tc.v)+" "+string(tc.u)+")", Load(tc.v, tc.u, tc.bodyweight), tc.want)
	}
}

func TestEffort(t *testing.T) {
	for _, tc := range []struct {
		v        float64
		rpe, rir string
	}{
		{0, "RPE is 1 to 10", ""},
		{1, "", ""},
		{8.5, "", ""},
		{10, "", ""},
		{10.5, "RPE is 1 to 10", "RIR is 0 to 10"},
		{-1, "RPE is 1 to 10", "RIR is 0 to 10"},
		{math.NaN(), "RPE is 1 to 10", "RIR is 0 to 10"},
	} {
		check(t, "RPE("+fmtF(tc.v)+")", RPE(tc.v), tc.rpe)
		check(t, "RIR("+fmtF(tc.v)+")", RIR(tc.v), tc.rir)
	}
}

func TestDay(t *testing.T) {
	today := engine.NewDate(2026, 11, 20)
	for _, tc := range []struct {
		d    engine.Date
		want string
	}{
		{today, ""},
		{Earliest, ""},
		{today.AddDays(1), "after today (2026-11-20)"},
		{Earliest - 1, "before 1900"},
	} {
		check(t, "Day("+tc.d.String()+")", Day(tc.d, today), tc.want)
	}
}

func TestLiftName(t *testing.T) {
	for _, tc := range []struct {
		name        string
		chars, full string
	}{
		{"squat", "", ""},
		{"Squat (Barbell)", "", ""},
		{"Morning 🏋️‍♂️ press", "", ""},
		{"Back and BI’s Curl", "", ""},
		{"", "no name", "no name"},
		{"   ", "no name", "no name"},
		{"squat\x00", "a NUL byte in the name", "a NUL byte in the name"},
		{"squat\nbench", "control characters in the name", "control characters in the name"},
		{"\u202esquat", "control characters in the name", "control characters in the name"},
		{"\u200b\u200b", "nothing printable in the name", "nothing printable in the name"},
		{"\u0301", "nothing printable in the name", "nothing printable in the name"},
		{"bad \xff byte", "not UTF-8 text", "not UTF-8 text"},
		{strings.Repeat("a", 60), "", ""},
		{strings.Repeat("ä", 61), "", "longer than 60 characters"},
	} {
		check(t, "LiftChars("+tc.name+")", LiftChars(tc.name), tc.chars)
		check(t, "LiftName("+tc.name+")", LiftName(tc.name), tc.full)
	}
}

func fmtF(v float64) string { return fmt.Sprint(v) }

func TestNumberIsPlain(t *testing.T) {
	for _, ok := range []string{"2.5", "10", ".5", "0.001"} {
		if _, err := Number(ok); err != nil {
			t.Errorf("Number(%q): %v, want it read", ok, err)
		}
	}
	for _, bad := range []string{"NaN", "nan", "Inf", "1_0", "0x1p4", "1e3", "-1", "1.2.3", "", ".", "2,5"} {
		if v, err := Number(bad); err == nil {
			t.Errorf("Number(%q) = %v, want an error", bad, v)
		}
	}
}

func TestIncrement(t *testing.T) {
	for _, tt := range []struct {
		v  float64
		ok bool
	}{{1.25, true}, {0.1, true}, {25, true}, {0, false}, {0.0000001, false}, {0.05, false}, {26, false}, {1.0001, false}, {math.NaN(), false}, {math.Inf(1), false}} {
		if err := Increment(tt.v); (err == nil) != tt.ok {
			t.Errorf("Increment(%v): %v, want ok %v", tt.v, err, tt.ok)
		}
	}
}
