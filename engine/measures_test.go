package engine

import (
	"math"
	"strconv"
	"testing"
)

func TestTrend(t *testing.T) {
	tests := []struct {
		name   string
		scores []float64
		want   TrendKind
	}{
		{"two sessions: insufficient", []float64{100, 100}, TrendInsufficient},
		{"none: insufficient", nil, TrendInsufficient},
		{"last two 2.9% below: not down, stalled", []float64{100, 100, 100, 100, 97.1, 97.1}, TrendStalled},
		{"last two 3.1% below: down", []float64{100, 100, 100, 100, 96.9, 96.9}, TrendDown},
		{"only one of last two 3.1% below: stalled", []float64{100, 100, 100, 100, 100, 96.9}, TrendStalled},
		{"latest 4.9% below: not down", []float64{100, 100, 100, 100, 100, 95.1}, TrendStalled},
		{"latest 5.1% below: down", []float64{100, 100, 100, 100, 100, 94.9}, TrendDown},
		{"recent best 0.9% above B: stalled", []float64{100, 100, 100, 100.9, 100, 100}, TrendStalled},
		{"recent best 1.1% above B: progressing", []float64{100, 100, 100, 101.1, 100, 100}, TrendProgressing},
		{"n=3 before is first two", []float64{100, 104, 106}, TrendProgressing},
		{"n=3 latest 5.1% below B", []float64{100, 104, 98.6}, TrendDown},
		{"n=4 two/two", []float64{100, 100, 100.5, 100.8}, TrendStalled},
		{"n=5 three/two: B from the first three", []float64{103, 100, 100, 103.5, 104}, TrendStalled},
		{"n=7 uses the three before the last three", []float64{150, 100, 100, 100, 101.5, 100, 100}, TrendProgressing},
	}
	for _, tt := range tests {
		if got := trendOf(tt.scores).kind; got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestRepBucket(t *testing.T) {
	tests := []struct{ reps, want int }{{1, 0}, {3, 0}, {4, 1}, {6, 1}, {7, 2}, {10, 2}, {11, 3}, {15, 3}, {16, 4}, {30, 4}}
	for _, tt := range tests {
		if got := repBucket(tt.reps); got != tt.want {
			t.Errorf("repBucket(%d): got %d, want %d", tt.reps, got, tt.want)
		}
	}
}

func TestComparableSessions(t *testing.T) {
	h := mustHistory(t, `
2026-07-01 squat 140x5 rir2
2026-08-20 squat 100x5 rir2
2026-08-22 squat 100x8 rir2
2026-08-24 squat 100x5 rir2
2026-08-26 paused squat 90x5 rir2
2026-08-27 squat 60x5 rir5
2026-08-28 squat 102.5x6 rir2
2026-08-27 deload 2026-08-27
`)
	today := mustDate(t, "2026-08-30")
	ss := sessionsOf(h, "squat", today)
	latest := latestSession(ss)
	if got := rangeOf(ss, 0, latest, RepRange{}, false); got.lo != 5 || got.hi != 8 || !got.double {
		t.Errorf("inferred range: got %+v, want 5-8, double progression (top sets 5, 8, 5, 6)", got)
	}
	if got := rangeOf(ss, 0, latest, RepRange{Lo: 3, Hi: 6}, true); got.lo != 3 || got.hi != 6 || got.kind != rangeSet {
		t.Errorf("set range: got %+v, want the lifter's 3-6", got)
	}
	cmp := comparable(ss, 0, latest, rangeOf(ss, 0, latest, RepRange{Lo: 4, Hi: 6}, true), today)
	var got []string
	for _, s := range cmp {
		got = append(got, s.date.String())
	}
	want := []string{"2026-08-20", "2026-08-24", "2026-08-28"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v (older than 8 weeks, other range, variation and deload excluded)", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("session %d: got %s, want %s", i, got[i], want[i])
		}
	}
}

func TestTargetReps(t *testing.T) {
	tests := []struct {
		name string
		reps []int
		want int
	}{
		{"most common", []int{5, 5, 6}, 5},
		{"tie goes to the higher", []int{5, 5, 6, 6}, 6},
		{"only the last four count", []int{4, 4, 4, 5, 5, 6, 6}, 6},
		{"single", []int{3}, 3},
	}
	for _, tt := range tests {
		var cmp []*session
		for _, r := range tt.reps {
			cmp = append(cmp, &session{top: Set{Reps: r}})
		}
		if got := targetReps(cmp, bucketRange(5)); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestSurplus(t *testing.T) {
	tests := []struct {
		name   string
		top    Set
		tReps  int
		tRIR   float64
		want   float64
		wantOK bool
	}{
		{"on target", Set{Reps: 5, RIR: 2, HasRIR: true}, 5, 2, 0, true},
		{"one rep to spare", Set{Reps: 5, RIR: 3, HasRIR: true}, 5, 2, 1, true},
		{"half a rep short", Set{Reps: 5, RIR: 1.5, HasRIR: true}, 5, 2, -0.5, true},
		{"no effort logged: unknown", Set{Reps: 8}, 5, 2, 0, false},
	}
	for _, tt := range tests {
		got, ok := surplus(&session{top: tt.top}, tt.tReps, tt.tRIR)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("%s: got %v,%v, want %v,%v", tt.name, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestGrinding(t *testing.T) {
	tests := []struct {
		name string
		lift string
		log  string
		want bool
	}{
		{"half the sets at RIR 0", "bench", `
2026-09-01 bench 80x5 rir0, 80x5 rir2
2026-09-10 bench 80x5 rir2`, false},
		{"half the sets at RIR <= 0 (compound target 2)", "bench", `
2026-09-01 bench 80x5 rir0
2026-09-10 bench 80x5 rir2`, true},
		{"RIR 0 twice within 7 days", "squat", `
2026-09-05 squat 100x5 rir0
2026-09-10 squat 100x5 rir2, 100x5 rir2, 100x5 rir0, 100x5 rir2`, true},
		{"RIR 0 twice 7 days apart is not within 7 days", "squat", `
2026-09-03 squat 100x5 rir0, 100x5 rir2, 100x5 rir2
2026-09-10 squat 100x5 rir2, 100x5 rir2, 100x5 rir0`, false},
		{"isolation RIR 0 twice: not compound, target 1", "curl", `
2026-09-08 curl 20x10 rir0, 20x10 rir1, 20x10 rir1
2026-09-10 curl 20x10 rir0, 20x10 rir1, 20x10 rir1`, false},
		{"older than 14 days ignored", "bench", `
2026-08-20 bench 80x5 rir0
2026-08-21 bench 80x5 rir0
2026-09-10 bench 80x5 rir2`, false},
	}
	today := mustDate(t, "2026-09-10")
	for _, tt := range tests {
		h := mustHistory(t, tt.log)
		if got := grindingOf(sessionsOf(h, tt.lift, today), Profile{}, tt.lift, today).on; got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReport(t *testing.T) {
	h := mustHistory(t, `
2026-11-18 squat 97.5x5x3 rir2
2026-11-20 squat 90x12 rir2
2026-11-22 squat w60x5 100x5x3 rir2`)
	r := Report(h, Profile{}, "sq", mustDate(t, "2026-11-22"))
	if r.Previous == nil {
		t.Fatalf("got no previous session, want 2026-11-18")
	}
	if r.Previous.Date.String() != "2026-11-18" || len(r.Previous.Sets) != 3 {
		t.Errorf("got previous %s with %d sets, want 2026-11-18 with 3", r.Previous.Date, len(r.Previous.Sets))
	}
	if got := strconv.FormatFloat(r.E1RM, 'f', 1, 64); got != "123.3" {
		t.Errorf("got e1RM %s, want 123.3 kg", got)
	}
	if got := math.Round(r.Change * 100); got != 3 || r.Change <= 0 {
		t.Errorf("got change %v, want +2.6%%", r.Change)
	}
	if r := Report(h, Profile{}, "squat", mustDate(t, "2026-11-18")); r.Previous != nil {
		t.Errorf("first session: got previous %v, want nil", r.Previous.Date)
	}
	if r := Report(h, Profile{}, "squat", mustDate(t, "2026-11-19")); r.E1RM != 0 {
		t.Errorf("day without sets: got e1RM %v, want 0", r.E1RM)
	}
}

func TestReportDeloadWeek(t *testing.T) {
	h := mustHistory(t, `
2026-11-18 squat 100x5x3 rir2
2026-11-21 squat 102.5x5x3 rir2
2026-11-23 deload 2026-11-29
2026-11-25 squat 70x5x2 rir4
2026-11-27 squat 70x5x2 rir4
2026-11-30 squat 100x5x3 rir2
2026-12-01 deload 2026-12-01 skipped
2026-12-01 squat 100x5x3 rir2`)
	tests := []struct {
		day      string
		inDeload bool
		previous string // "" for none
	}{
		{"2026-11-21", false, "2026-11-18"},
		{"2026-11-25", true, ""},            // a deload session is not compared with the last hard one
		{"2026-11-27", true, ""},            // nor with an earlier deload session
		{"2026-11-30", false, "2026-11-21"}, // deload sessions are never "previous"
		{"2026-12-01", false, "2026-11-30"}, // a skipped deload is no deload week
	}
	for _, tt := range tests {
		r := Report(h, Profile{}, "squat", mustDate(t, tt.day))
		prev := ""
		if r.Previous != nil {
			prev = r.Previous.Date.String()
		}
		if r.InDeload != tt.inDeload || prev != tt.previous || r.E1RM <= 0 {
			t.Errorf("%s: got InDeload %v, previous %q, e1RM %v; want InDeload %v, previous %q, e1RM > 0",
				tt.day, r.InDeload, prev, r.E1RM, tt.inDeload, tt.previous)
		}
		if tt.previous == "" && r.Change != 0 {
			t.Errorf("%s: got change %v with no previous, want 0", tt.day, r.Change)
		}
	}
}

func TestDescribeGroupsByEffort(t *testing.T) {
	day := mustDate(t, "2026-10-09")
	latest := func(s SessionShape) exact { return exact{Fact{Kind: FactLatest, Date: day, Session: &s}} }
	tests := []struct {
		name string
		log  string
		want any
	}{
		// 1x5 at 105 kg, no effort logged (e1RM 121.7 kg, low confidence), then 1x5 at 100 kg; 2 lighter ramp-up sets before it not counted
		{"the QA day: same load and reps, different effort", `
2026-10-09 squat 100x5 rir2
2026-10-09 squat 100x5
2026-10-09 squat 105x5
2026-10-09 squat 100x5 rir1.5`, latest(SessionShape{Top: SetShape{Load: 105, Reps: 5}, N: 1, E1RM: 121.7, Low: true,
			Backoff: &BackoffShape{N: 1, Set: SetShape{Load: 100, Reps: 5, RIR: 1.5, HasRIR: true}}, Ramp: 2})},
		// 1x5 at 100 kg, RIR 2 (e1RM 123.3 kg) + 2 other sets
		{"same load and reps, different effort", `
2026-10-09 squat 100x5 rir2
2026-10-09 squat 100x5
2026-10-09 squat 100x5 rir1.5`, latest(SessionShape{Top: SetShape{Load: 100, Reps: 5, RIR: 2, HasRIR: true}, N: 1, E1RM: 123.3, Other: 2})},
		{"no effort logged is another effort", `
2026-10-09 squat 100x5x2
2026-10-09 squat 100x5 rir2`, latest(SessionShape{Top: SetShape{Load: 100, Reps: 5, RIR: 2, HasRIR: true}, N: 1, E1RM: 123.3, Other: 2})},
		// 3x5 at 100 kg, RIR 2 (e1RM 123.3 kg), then 1x5 at 90 kg
		{"same load, reps and effort group", `
2026-10-09 squat w60x5 100x5x3 rir2
2026-10-09 squat 90x5 rir3`, latest(SessionShape{Top: SetShape{Load: 100, Reps: 5, RIR: 2, HasRIR: true}, N: 3, E1RM: 123.3,
			Backoff: &BackoffShape{N: 1, Set: SetShape{Load: 90, Reps: 5, RIR: 3, HasRIR: true}}})},
		// 1x4 at 170 kg, RIR 1 (e1RM 197.0 kg), then 2x5 at 150 kg; 3 lighter ramp-up sets before it not counted
		{"top set and back-offs (the issue's deadlift)", `
2026-10-09 squat 60x5 100x3 140x2 170x4 rir1
2026-10-09 squat 150x5x2 rir2`, latest(SessionShape{Top: SetShape{Load: 170, Reps: 4, RIR: 1, HasRIR: true}, N: 1, E1RM: 196.99, // "197.0 kg"
			Backoff: &BackoffShape{N: 2, Set: SetShape{Load: 150, Reps: 5, RIR: 2, HasRIR: true}}, Ramp: 3})},
		// 3 sets at 100 kg: 5, 4, 4 reps, RIR 1
		{"missed reps show", `
2026-10-09 squat 100x5 100x4 100x4 rir1`, Fact{Kind: FactLatest, Date: day, Session: &SessionShape{
			Top: SetShape{Load: 100, Reps: 5, RIR: 1, HasRIR: true}, N: 3, Missed: []int{5, 4, 4}}}},
		// 2x5 at 100 kg, RIR 0 (e1RM 115.9 kg)
		{"a failure set and RIR 0 are the same effort", `
2026-10-09 squat 100x5 fail
2026-10-09 squat 100x5 rir0`, latest(SessionShape{Top: SetShape{Load: 100, Reps: 5, HasRIR: true}, N: 2, E1RM: 115.9})},
	}
	for _, tt := range tests {
		v := Advise(mustHistory(t, tt.log), testProfile(), "squat", day)
		mustHave(t, tt.name, v, tt.want)
	}
}

func TestKeptLoad(t *testing.T) {
	kg, lb := unitsOf(Profile{}), unitsOf(Profile{Units: Lb})
	tests := []struct {
		name string
		un   units
		load Load
		want float64
	}{
		{"on the grid", kg, NewLoad(102.5, Kg), 102.5},
		{"a 12 kg dumbbell stays 12", kg, NewLoad(12, Kg), 12},
		{"two decimals are typed: kept", kg, NewLoad(56.25, Kg), 56.25},
		{"an app's lb conversion is rounded", kg, NewLoad(70.092, Kg), 70},
		{"the other unit is rounded", lb, NewLoad(100, Kg), 220},
	}
	for _, tt := range tests {
		if got := tt.un.kept(tt.load); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
