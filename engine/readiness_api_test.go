package engine

import (
	"reflect"
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
		want     []DayFlag
	}{
		{"clean", Checkin{Date: d, Sleep: SleepGood, RHR: 56}, 0, false, nil},
		{"one complaint", Checkin{Date: d, Soreness: SorenessHigh, RHR: 59}, 1, false, []DayFlag{{Kind: FlagSoreness}}},
		{"cluster", Checkin{Date: d, Sleep: SleepPoor, Soreness: SorenessHigh}, 2, true, []DayFlag{{Kind: FlagSleep}, {Kind: FlagSoreness}}},
		{"heart rate at baseline+5", Checkin{Date: d, RHR: 60, SleptHours: 5.5}, 2, true,
			[]DayFlag{{Kind: FlagSleep, Hours: 5.5}, {Kind: FlagRHR, RHR: 60, Baseline: 55}}},
		{"heart rate at baseline+4", Checkin{Date: d, RHR: 59, SleptHours: 5.5}, 1, false, []DayFlag{{Kind: FlagSleep, Hours: 5.5}}},
	}
	for _, tt := range tests {
		h := History{Checkins: append(append([]Checkin{}, base...), tt.day)}
		got := ReadinessOf(h, d)
		if !got.Checked || len(got.Flags) != tt.flags || got.Strained != tt.strained || !reflect.DeepEqual(got.Flags, tt.want) ||
			got.NoRHRBaseline || got.Recovery == RecoveryUnknown {
			t.Errorf("%s: got %+v, want %d flags %+v, strained %v, a baseline and a known recovery",
				tt.name, got, tt.flags, tt.want, tt.strained)
		}
	}
	if got := ReadinessOf(History{}, d); got.Checked || got.Flags != nil {
		t.Errorf("got %+v for no check-in", got)
	}
}
