package engine

import (
	"strings"
	"testing"
)

// rhrLog writes n baseline readings of base bpm (one a day from 34 days before
// today) and then the given readings on the last days up to today.
func rhrLog(t testing.TB, today string, n, base int, last ...int) string {
	t.Helper()
	d := mustDate(t, today)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(d.AddDays(-34+i).String() + " checkin rhr " + itoa(base) + "\n")
	}
	for i, r := range last {
		b.WriteString(d.AddDays(-(len(last) - 1 - i)).String() + " checkin sleep good rhr " + itoa(r) + "\n")
	}
	return b.String()
}

func TestReadiness(t *testing.T) {
	const today = "2026-10-10"
	tests := []struct {
		name string
		log  string
		want Recovery
		line string // an evidence line must contain this
	}{
		{"no check-in in 7 days", "2026-10-01 checkin sleep poor", RecoveryUnknown, "no check-in in 7 days"},
		{"nothing at all", "", RecoveryUnknown, "no check-in in 7 days"},
		{"one flag a day is not strained", `
2026-10-08 checkin sleep poor
2026-10-09 checkin soreness high
2026-10-10 checkin motivation low`, RecoveryNormal, "no strained day"},
		{"2 strained days: noisy", `
2026-10-05 checkin sleep poor soreness high
2026-10-08 checkin sleep poor motivation low
2026-10-10 checkin sleep good`, RecoveryNoisy, "strained 2 of the last 7 days: sleep poor, soreness high, motivation low"},
		{"3 strained days: poor", `
2026-10-04 checkin sleep poor soreness high
2026-10-06 checkin sleep poor soreness high
2026-10-08 checkin warmup heavy slept 5.5`, RecoveryPoor, "strained 3 of the last 7 days"},
		{"strained day older than 7 days does not count", `
2026-10-03 checkin sleep poor soreness high
2026-10-06 checkin sleep poor soreness high
2026-10-08 checkin warmup heavy slept 5.5`, RecoveryNoisy, "strained 2 of the last 7 days"},
		{"2 consecutive strained days with irritated joints: poor", `
2026-10-08 checkin joints irritated soreness high
2026-10-09 checkin sleep poor motivation low`, RecoveryPoor, "irritated joints"},
		{"2 strained days with joints, not consecutive: noisy", `
2026-10-07 checkin joints irritated soreness high
2026-10-09 checkin sleep poor motivation low`, RecoveryNoisy, "strained 2"},
		{"joints irritated on 3 of the last 5 check-ins: poor", `
2026-10-05 checkin joints irritated
2026-10-06 checkin joints ok
2026-10-07 checkin joints irritated
2026-10-09 checkin joints ok
2026-10-10 checkin joints irritated`, RecoveryPoor, "joints irritated on 3 of the last 5"},
		{"joints irritated on 2 of the last 5: normal", `
2026-10-05 checkin joints irritated
2026-10-06 checkin joints ok
2026-10-07 checkin joints irritated
2026-10-09 checkin joints ok
2026-10-10 checkin joints ok`, RecoveryNormal, "no strained day"},
		{"RHR +5 on 3 consecutive days: poor", rhrLog(t, today, 7, 55, 60, 61, 63), RecoveryPoor,
			"resting HR 63 bpm vs baseline 55 on 3 days running"},
		{"RHR +5 on 2 consecutive days: normal", rhrLog(t, today, 7, 55, 55, 61, 63), RecoveryNormal,
			"resting HR 63 bpm vs baseline 55 on 2 days running"},
		{"RHR +4 is not elevated", rhrLog(t, today, 7, 55, 59, 59, 59), RecoveryNormal, "resting HR 59 bpm, your baseline 55: normal"},
		{"6 baseline readings: no baseline, no flag", rhrLog(t, today, 6, 55, 60, 61, 63), RecoveryNormal,
			"no baseline yet (6 of 7 readings)"},
		{"last check-in of a day wins", `
2026-10-08 checkin sleep poor soreness high
2026-10-08 checkin sleep good soreness normal`, RecoveryNormal, "no strained day"},
	}
	for _, tt := range tests {
		h := mustHistory(t, tt.log)
		r := readinessOf(h.Checkins, mustDate(t, today))
		if r.state != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, r.state, tt.want)
		}
		mustContain(t, tt.name, r.evidence(mustDate(t, today)), tt.line)
	}
}

func TestHRVBaseline(t *testing.T) {
	today := mustDate(t, "2026-10-10")
	mk := func(baseN int, recent float64) []Checkin {
		var cs []Checkin
		for i := 0; i < baseN; i++ {
			hrv := 60.0
			if i%2 == 1 {
				hrv = 70
			}
			cs = append(cs, Checkin{Date: today.AddDays(-34 + i), HRV: hrv})
		}
		cs = append(cs, Checkin{Date: today, HRV: recent, Sleep: SleepPoor})
		return cs
	}
	tests := []struct {
		name    string
		cs      []Checkin
		wantHRV int
		want    Recovery
	}{
		{"HRV below range plus poor sleep: strained, noisy", mk(8, 40), 1, RecoveryNoisy},
		{"HRV inside range: one flag", mk(8, 63), 0, RecoveryNormal},
		{"6 HRV readings: no baseline", mk(6, 40), 0, RecoveryNormal},
	}
	for _, tt := range tests {
		r := readinessOf(tt.cs, today)
		if r.flagDays[flagHRV] != tt.wantHRV || r.state != tt.want {
			t.Errorf("%s: got HRV flags %d, %s; want %d, %s", tt.name, r.flagDays[flagHRV], r.state, tt.wantHRV, tt.want)
		}
	}
}
