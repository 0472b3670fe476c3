package engine

import (
	"reflect"
	"testing"
	"time"
)

// Experiments are read from what the lifter did: the base log is stalled, so
// the advice on 2026-10-11 is PUSH reps (3x6 at 100 kg); a session that does
// it opens the read-back, one that doesn't opens nothing.
func TestReadBack(t *testing.T) {
	base := series(t, "squat", mon, 2, "100x5x3 rir2", "100x5x3 rir2", "100x5x3 rir2") // e1RM 123.3
	tests := []struct {
		name  string
		log   string
		today string
		lines []any // nil: no read-back at all
	}{
		{"push followed: 1 of 2 read-back sessions",
			base + "2026-10-12 squat 100x6x3 rir2\n", "2026-10-12",
			[]any{ReadBack{Kind: ReadBackRunning, Lift: "squat", Exp: Push, Lever: "reps", Opened: mustDate(t, "2026-10-12"), N: 1, Of: 2}}},
		{"push worked: keep building",
			base + "2026-10-12 squat 100x6x3 rir2\n2026-10-14 squat 100x6x3 rir2\n", "2026-10-14",
			[]any{ReadBack{Kind: ReadBackOutcome, Lift: "squat", Exp: Push, Lever: "reps", Opened: mustDate(t, "2026-10-12"), Best: 127.2, Baseline: 123.3, Outcome: OutcomeWorked}}},
		{"push followed but didn't help",
			base + "2026-10-12 squat 100x6x3 rir0\n2026-10-14 squat 100x6x3 rir0\n", "2026-10-14",
			[]any{ReadBack{Kind: ReadBackOutcome, Best: 119.5, Baseline: 123.3, Outcome: OutcomeNoGain}}},
		{"push not followed: nothing to read back", base + "2026-10-12 squat 100x5x3 rir2\n", "2026-10-12", nil},
		{"asked, nothing logged since: nothing to read back", base, "2026-10-20", nil},
		{"push failed, then deload failed: look wider",
			base + `2026-10-12 squat 100x6x3 rir0
2026-10-14 squat 100x6x3 rir0
2026-10-16 deload 2026-10-22
2026-10-24 squat 92.5x5x3 rir2
2026-10-31 squat 95x5x3 rir2`, "2026-10-31",
			[]any{ReadBack{Kind: ReadBackOutcome, Exp: Deload, Outcome: OutcomeNoRebound}, ReadBack{Kind: ReadBackNeither, Lift: "squat"}}},
		{"deload started: running until the first hard session",
			base + "2026-10-10 deload 2026-10-16\n", "2026-10-12",
			[]any{ReadBack{Kind: ReadBackRunning, Lift: "squat", Exp: Deload, Opened: mustDate(t, "2026-10-10"), End: mustDate(t, "2026-10-16")}}},
		{"skipped deload: no deload read back",
			base + "2026-10-10 deload 2026-10-10 skipped\n", "2026-10-12", nil},
	}
	for _, tt := range tests {
		h := mustHistory(t, tt.log)
		v := Advise(h, testProfile(), "squat", mustDate(t, tt.today))
		if tt.lines == nil && len(v.ReadBack) > 0 {
			t.Errorf("%s: got read-back %+v, want none", tt.name, v.ReadBack)
		}
		mustHave(t, tt.name, v, tt.lines...)
	}
}

// TestOnePushAtATime: a lifter who follows every push has one read back at a
// time, never a pile of overlapping ones.
func TestOnePushAtATime(t *testing.T) {
	h := mustHistory(t, series(t, "squat", "2026-09-07", 2, "80x5x3 rir2", "82.5x5x3 rir2", "85x5x3 rir2", "87.5x5x3 rir2",
		"90x5x3 rir2", "92.5x5x3 rir2", "95x5x3 rir2", "97.5x5x3 rir2", "100x5x3 rir2", "102.5x5x3 rir2"))
	for d := mustDate(t, "2026-09-15"); d <= mustDate(t, "2026-09-27"); d++ {
		running := 0
		for _, l := range Advise(h, testProfile(), "squat", d).ReadBack {
			if l.Kind == ReadBackRunning {
				running++
			}
		}
		if running > 1 {
			t.Errorf("%s: %d pushes running, want at most 1", d, running)
		}
	}
	if rb := Advise(h, testProfile(), "squat", mustDate(t, "2026-09-25")).ReadBack; len(rb) == 0 {
		t.Errorf("no read-back for a lifter following every load push")
	}
}

func TestWeekShape(t *testing.T) {
	tests := []struct {
		name string
		log  string
		lift string
		want []Warning
	}{
		{"squat to failure twice in 7 days", "2026-10-05 squat 100x5 rir2, 100x5 fail\n2026-10-09 squat 100x5 rir0\n", "squat",
			[]Warning{{Kind: WarnFailure, Lift: "squat", Dates: []Date{mustDate(t, "2026-10-05"), mustDate(t, "2026-10-09")}}}},
		{"squat to failure once", "2026-10-05 squat 100x5 rir2\n2026-10-09 squat 100x5 rir0\n", "squat", nil},
		{"failure 7 days apart", "2026-10-02 squat 100x5 rir0\n2026-10-09 squat 100x5 rir0\n", "squat", nil},
		{"isolation to failure twice is fine", "2026-10-05 curl 20x10 rir0\n2026-10-09 curl 20x10 rir0\n", "curl", nil},
		{"three hard days in 7", "2026-10-05 squat 100x5 rir1\n2026-10-07 bench 80x5 rir1\n2026-10-09 squat 100x5 rir1\n", "squat",
			[]Warning{{Kind: WarnHardDays, N: 3}}},
		{"two hard days in 7", "2026-10-05 squat 100x5 rir1\n2026-10-07 bench 80x5 rir2\n2026-10-09 squat 100x5 rir1\n", "squat", nil},
		{"hard days without this lift: no warning on it", "2026-10-05 bench 80x5 rir1\n2026-10-07 bench 80x5 rir1\n2026-10-09 bench 80x5 rir1\n2026-10-09 squat 100x5 rir3\n", "squat", nil},
	}
	for _, tt := range tests {
		h := mustHistory(t, tt.log)
		got := weekShape(h, Profile{}, tt.lift, mustDate(t, fri))
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %+v, want %d warnings", tt.name, got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			if !matches(got[i], w, true) {
				t.Errorf("%s: got %+v, want %+v", tt.name, got[i], w)
			}
		}
	}
}

func TestDeloadWeek(t *testing.T) {
	log := `
2026-09-30 bench 100x5x3 rir2
2026-10-05 squat w60x5 120x4x5 rir2
2026-10-06 row 60x10x1 rir2
2026-10-07 overhead press 51x5x4 rir2
2026-10-08 pull-up bw+20x8x3 rir2`
	tests := []struct {
		name  string
		style DeloadStyle
		units Unit
		want  []Rx
	}{
		{"standard: sets halved (up), 70%", DeloadStandard, Kg, []Rx{
			dl("overhead press", 2, 5, 35, false), dl("pull-up", 2, 8, 15, true), dl("row", 1, 10, 42.5, false), dl("squat", 3, 4, 85, false)}},
		{"volume: halved at 90%", DeloadVolume, Kg, []Rx{
			dl("overhead press", 2, 5, 45, false), dl("pull-up", 2, 8, 17.5, true), dl("row", 1, 10, 55, false), dl("squat", 3, 4, 107.5, false)}},
		{"intensity: sets kept at 60%", DeloadIntensity, Kg, []Rx{
			dl("overhead press", 4, 5, 30, false), dl("pull-up", 3, 8, 12.5, true), dl("row", 1, 10, 35, false), dl("squat", 5, 4, 72.5, false)}},
		{"in pounds to 5 lb", DeloadStandard, Lb, []Rx{
			dl("overhead press", 2, 5, 80, false), dl("pull-up", 2, 8, 30, true), dl("row", 1, 10, 95, false), dl("squat", 3, 4, 185, false)}},
	}
	h := mustHistory(t, log)
	for _, tt := range tests {
		p := Profile{Units: tt.units, DeloadStyle: tt.style}
		got := DeloadWeek(h, p, mustDate(t, "2026-10-08"))
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %+v, want %d lines (bench was 8 days before the start)", tt.name, got, len(tt.want))
			continue
		}
		for i := range tt.want {
			if !matches(got[i], tt.want[i], true) {
				t.Errorf("%s: got %s %+v, want %s %+v", tt.name, got[i].Lift, got[i].Next, tt.want[i].Lift, tt.want[i].Next)
			}
		}
	}
}

func TestPlan(t *testing.T) {
	log := series(t, "squat", "2026-08-03", 7, "100x5 rir2", "100x5 rir2", "100x5 rir2", "100x5 rir2", "100x5 rir2", "100x5 rir2")
	tests := []struct {
		name    string
		extra   string
		profile Profile
		today   string
		weeks   int
		next    string
		due     bool
		inDel   bool
		ease    int
		line    PlanLine // its fields set must match one of the status's lines
	}{
		{"intermediate from the first set", "", Profile{Level: Intermediate}, "2026-09-10", 5, "2026-09-14", false, false, 0,
			PlanLine{Kind: PlanNext, Date: mustDate(t, "2026-09-14"), Interval: 6}},
		{"due", "", Profile{Level: Intermediate}, "2026-09-14", 6, "2026-09-14", true, false, 0, PlanLine{Kind: PlanDue, Interval: 6}},
		{"beginner: none", "", Profile{Level: Beginner}, "2026-09-14", 6, "", false, false, 0, PlanLine{Kind: PlanBeginner}},
		{"inside a deload week", "2026-09-14 deload 2026-09-20 planned\n", Profile{Level: Advanced}, "2026-09-16", 0, "", false, true, 0, PlanLine{Kind: PlanInDeload, Day: 3, Of: 7, Date: mustDate(t, "2026-09-20")}},
		{"ease-back week 2 after a deload", "2026-08-24 deload 2026-08-30\n", Profile{Level: Intermediate}, "2026-09-08", 1, "2026-10-12", false, false, 2,
			PlanLine{Kind: PlanEaseBack2}},
		{"skip resets the count", "2026-09-07 deload 2026-09-07 skipped\n", Profile{Level: Intermediate, DeloadEvery: 4}, "2026-09-14", 0, "2026-10-06", false, false, 0,
			PlanLine{Kind: PlanWeek, Anchor: Anchor{Kind: AnchorSkip, From: mustDate(t, "2026-09-08")}}},
		{"a followed push listed", "2026-09-14 squat 100x6 rir2\n", Profile{Level: Beginner}, "2026-09-14", 6, "", false, false, 0,
			PlanLine{Kind: PlanRunning, ReadBack: &ReadBack{Kind: ReadBackRunning, Lift: "squat", Exp: Push, Lever: "reps", Opened: mustDate(t, "2026-09-14")}}},
	}
	for _, tt := range tests {
		h := mustHistory(t, log+tt.extra)
		st := Plan(h, tt.profile, mustDate(t, tt.today))
		next := ""
		if st.NextDeload != 0 {
			next = st.NextDeload.String()
		}
		if tt.inDel {
			next = ""
		}
		if st.WeeksSinceDeload != tt.weeks || (next != tt.next && !tt.inDel) || st.Due != tt.due || (st.InDeload != nil) != tt.inDel || st.EaseBackWeek != tt.ease {
			t.Errorf("%s: got weeks %d next %s due %v in-deload %v ease %d, want %d %s %v %v %d",
				tt.name, st.WeeksSinceDeload, next, st.Due, st.InDeload != nil, st.EaseBackWeek, tt.weeks, tt.next, tt.due, tt.inDel, tt.ease)
		}
		found := false
		for _, l := range st.Lines {
			found = found || matches(l, tt.line, false)
		}
		if !found {
			t.Errorf("%s: no line matches %+v in %+v", tt.name, tt.line, st.Lines)
		}
	}
}

func TestTrainingDays(t *testing.T) {
	// 2026-10-05 is a Monday.
	monThu := series(t, "squat", "2026-10-05", 7, "100x5 rir2", "100x5 rir2") + series(t, "bench", "2026-10-08", 7, "80x5 rir2", "80x5 rir2")
	tests := []struct {
		name string
		log  string
		ref  string
		want []time.Weekday
	}{
		{"Mon and Thu, asked on Monday before training", monThu, "2026-10-19", []time.Weekday{time.Monday, time.Thursday}},
		{"Mon and Thu, asked on Tuesday", monThu, "2026-10-20", []time.Weekday{time.Monday, time.Thursday}},
		{"a day 14 days back is outside", "2026-10-05 squat 100x5 rir2\n2026-10-16 bench 80x5 rir2\n", "2026-10-19", []time.Weekday{time.Friday}},
		{"a day 13 days back is inside", "2026-10-06 squat 100x5 rir2\n2026-10-15 bench 80x5 rir2\n", "2026-10-19", []time.Weekday{time.Tuesday, time.Thursday}},
		{"Sunday last", "2026-10-11 squat 100x5 rir2\n2026-10-13 bench 80x5 rir2\n", "2026-10-19", []time.Weekday{time.Tuesday, time.Sunday}},
		{"deload-week days don't count", monThu + "2026-10-10 squat 60x5 rir4\n2026-10-09 deload 2026-10-11\n", "2026-10-20", []time.Weekday{time.Monday, time.Thursday}},
		{"warm-ups alone don't count", monThu + "2026-10-17 squat w60x5\n", "2026-10-19", []time.Weekday{time.Monday, time.Thursday}},
	}
	for _, tt := range tests {
		if got := trainingDays(mustHistory(t, tt.log), mustDate(t, tt.ref)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// dl is a lift's line of a deload week: sets x reps at load, RIR 4.
func dl(lift string, sets, reps int, load float64, bodyweight bool) Rx {
	return Rx{Kind: RxDeloadLift, Lift: lift, Next: &Next{Sets: sets, Reps: reps, Load: load, Bodyweight: bodyweight, RIR: deloadRIR, Lever: "deload"}}
}
