package engine

import (
	"strings"
	"testing"
)

func TestReadinessOf(t *testing.T) {
	d := NewDate(2026, 11, 23)
	var base []Checkin
	for i := 8; i < 20; i++ {
		base = append(base, Checkin{Date: d.AddDays(-i), Sleep: SleepGood, RHR: 55})
	}
	tests := []struct {
		name     string
		day      Checkin
		flags    int
		strained bool
		contains string
	}{
		{"clean", Checkin{Date: d, Sleep: SleepGood, RHR: 56}, 0, false, "no flags"},
		{"one complaint", Checkin{Date: d, Soreness: SorenessHigh, RHR: 59}, 1, false, "1 flag (soreness high)"},
		{"cluster", Checkin{Date: d, Sleep: SleepPoor, Soreness: SorenessHigh}, 2, true, "2 flags (sleep poor, soreness high): a strained day"},
		{"heart rate at baseline+5", Checkin{Date: d, RHR: 60, SleptHours: 5.5}, 2, true, "resting HR 60 vs baseline 55"},
		{"heart rate at baseline+4", Checkin{Date: d, RHR: 59, SleptHours: 5.5}, 1, false, "slept 5.5 h"},
	}
	for _, tt := range tests {
		h := History{Checkins: append(append([]Checkin{}, base...), tt.day)}
		got := ReadinessOf(h, d)
		if len(got.Flags) != tt.flags || got.Strained != tt.strained || !strings.Contains(got.Summary, tt.contains) {
			t.Errorf("%s: got flags %v strained %v summary %q, want %d flags, strained %v, containing %q",
				tt.name, got.Flags, got.Strained, got.Summary, tt.flags, tt.strained, tt.contains)
		}
	}
	if got := ReadinessOf(History{}, d); got.Summary != "No check-in for 2026-11-23." {
		t.Errorf("got %q for no check-in", got.Summary)
	}
}
