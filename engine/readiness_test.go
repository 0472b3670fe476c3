package engine

import (
	"strconv"
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
		b.WriteString(d.AddDays(-34+i).String() + " checkin rhr " + strconv.Itoa(base) + "\n")
	}
	for i, r := range last {
		b.WriteString(d.AddDays(-(len(last) - 1 - i)).String() + " checkin sleep good rhr " + strconv.Itoa(r) + "\n")
	}
	return b.String()
}

func TestReadiness(t *testing.T) {
	const today = "2026-10-10"
	tests := []struct {
		name string
		log  string
		want Recovery
		line any // an evidence fact must match this (match_test.go)
	}{
		{"no check-in in 7 days", "2026-10-01 checkin sleep poor", RecoveryUnknown, Fact{Kind: FactNoCheckin}},
		{"nothing at all", "", RecoveryUnknown, Fact{Kind: FactNoCheckin}},
		{"one flag a day is not strained", `
2026-10-08 checkin sleep poor
2026-10-09 checkin soreness high
2026-10-10 checkin motivation low`, RecoveryNormal, Fact{Kind: FactNotStrained}},
		{"2 strained days: noisy", `
2026-10-05 checkin sleep poor soreness high
2026-10-08 checkin sleep poor motivation low
2026-10-10 checkin sleep good`, RecoveryNoisy, Fact{Kind: FactStrained, N: 2, Flags: []FlagKind{FlagSleep, FlagSoreness, FlagMotivation}}},
		{"3 strained days: poor", `
2026-10-04 checkin sleep poor soreness high
2026-10-06 checkin sleep poor soreness high
2026-10-08 checkin warmup heavy slept 5.5`, RecoveryPoor, Fact{Kind: FactStrained, N: 3}},
		{"strained day older than 7 days does not count", `
2026-10-03 checkin sleep poor soreness high
2026-10-06 checkin sleep poor soreness high
2026-10-08 checkin warmup heavy slept 5.5`, RecoveryNoisy, Fact{Kind: FactStrained, N: 2}},
		{"2 consecutive strained days with irritated joints: poor", `
2026-10-08 checkin joints irritated soreness high
2026-10-09 checkin sleep poor motivation low`, RecoveryPoor, Fact{Kind: FactJointRun}},
		{"2 strained days with joints, not consecutive: noisy", `
2026-10-07 checkin joints irritated soreness high
2026-10-09 checkin sleep poor motivation low`, RecoveryNoisy, Fact{Kind: FactStrained, N: 2}},
		{"joints irritated on 3 of the last 5 check-ins: poor", `
2026-10-05 checkin joints irritated
2026-10-06 checkin joints ok
2026-10-07 checkin joints irritated
2026-10-09 checkin joints ok
2026-10-10 checkin joints irritated`, RecoveryPoor, Fact{Kind: FactJoints, N: 3}},
		{"joints irritated on 2 of the last 5: normal", `
2026-10-05 checkin joints irritated
2026-10-06 checkin joints ok
2026-10-07 checkin joints irritated
2026-10-09 checkin joints ok
2026-10-10 checkin joints ok`, RecoveryNormal, Fact{Kind: FactNotStrained}},
		{"RHR +5 on 3 consecutive days: poor", rhrLog(t, today, 7, 55, 60, 61, 63), RecoveryPoor,
			Fact{Kind: FactRHRRun, N: 63, Value: [3]float64{55}, Days: 3}},
		{"RHR +5 on 2 consecutive days: normal", rhrLog(t, today, 7, 55, 55, 61, 63), RecoveryNormal,
			Fact{Kind: FactRHRRun, N: 63, Value: [3]float64{55}, Days: 2}},
		{"RHR +4 is not elevated", rhrLog(t, today, 7, 55, 59, 59, 59), RecoveryNormal, exact{Fact{Kind: FactRHR, N: 59, Value: [3]float64{55}}}},
		{"6 baseline readings: no baseline, no flag", rhrLog(t, today, 6, 55, 60, 61, 63), RecoveryNormal,
			Fact{Kind: FactRHRNoBaseline, N: 63, Of: 6}},
		{"last check-in of a day wins", `
2026-10-08 checkin sleep poor soreness high
2026-10-08 checkin sleep good soreness normal`, RecoveryNormal, Fact{Kind: FactNotStrained}},
	}
	for _, tt := range tests {
		h := mustHistory(t, tt.log)
		r := readinessOf(h.Checkins, mustDate(t, today))
		if r.state != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, r.state, tt.want)
		}
		mustHave(t, tt.name, Verdict{Evidence: r.evidence(mustDate(t, today))}, tt.line)
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
		if r.flagDays[FlagHRV] != tt.wantHRV || r.state != tt.want {
			t.Errorf("%s: got HRV flags %d, %s; want %d, %s", tt.name, r.flagDays[FlagHRV], r.state, tt.wantHRV, tt.want)
		}
	}
}
