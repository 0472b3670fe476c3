package engine

import (
	"strings"
	"testing"
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
		lines []string // nil: no read-back at all
	}{
		{"push followed: 1 of 2 read-back sessions",
			base + "2026-10-12 squat 100x6x3 rir2\n", "2026-10-12",
			[]string{"Running since 2026-10-12: squat push (reps)", "1 of 2 read-back sessions"}},
		{"push worked: keep building",
			base + "2026-10-12 squat 100x6x3 rir2\n2026-10-14 squat 100x6x3 rir2\n", "2026-10-14",
			[]string{"Read-back of the squat push (reps) from 2026-10-12", "127.2 kg vs 123.3 kg", "keep building"}},
		{"push followed but didn't help",
			base + "2026-10-12 squat 100x6x3 rir0\n2026-10-14 squat 100x6x3 rir0\n", "2026-10-14",
			[]string{"119.5 kg vs 123.3 kg: no improvement"}},
		{"push not followed: nothing to read back", base + "2026-10-12 squat 100x5x3 rir2\n", "2026-10-12", nil},
		{"asked, nothing logged since: nothing to read back", base, "2026-10-20", nil},
		{"push failed, then deload failed: look wider",
			base + `2026-10-12 squat 100x6x3 rir0
2026-10-14 squat 100x6x3 rir0
2026-10-16 deload 2026-10-22
2026-10-24 squat 92.5x5x3 rir2
2026-10-31 squat 95x5x3 rir2`, "2026-10-31",
			[]string{"no rebound yet", "exercise selection, weekly volume, nutrition, sleep, or the program itself"}},
		{"deload started: running until the first hard session",
			base + "2026-10-10 deload 2026-10-16\n", "2026-10-12",
			[]string{"Running since 2026-10-10: squat deload", "first hard session after 2026-10-16"}},
		{"skipped deload: no deload read back",
			base + "2026-10-10 deload 2026-10-10 skipped\n", "2026-10-12", nil},
	}
	for _, tt := range tests {
		h := mustHistory(t, tt.log)
		v := Advise(h, testProfile(), "squat", mustDate(t, tt.today))
		if tt.lines == nil && len(v.ReadBack) > 0 {
			t.Errorf("%s: got read-back %q, want none", tt.name, v.ReadBack)
		}
		for _, l := range tt.lines {
			mustContain(t, tt.name, v.ReadBack, l)
		}
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
			if strings.HasPrefix(l, "Running since") {
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
		want []string // substrings, one per expected warning
	}{
		{"squat to failure twice in 7 days", "2026-10-05 squat 100x5 rir2, 100x5 fail\n2026-10-09 squat 100x5 rir0\n", "squat",
			[]string{"squat taken to failure in 2 sessions"}},
		{"squat to failure once", "2026-10-05 squat 100x5 rir2\n2026-10-09 squat 100x5 rir0\n", "squat", nil},
		{"failure 7 days apart", "2026-10-02 squat 100x5 rir0\n2026-10-09 squat 100x5 rir0\n", "squat", nil},
		{"isolation to failure twice is fine", "2026-10-05 curl 20x10 rir0\n2026-10-09 curl 20x10 rir0\n", "curl", nil},
		{"three hard days in 7", "2026-10-05 squat 100x5 rir1\n2026-10-07 bench 80x5 rir1\n2026-10-09 squat 100x5 rir1\n", "squat",
			[]string{"3 hard days (a top set at RIR 1 or less) in 7 days: shape the week as hard / medium / light"}},
		{"two hard days in 7", "2026-10-05 squat 100x5 rir1\n2026-10-07 bench 80x5 rir2\n2026-10-09 squat 100x5 rir1\n", "squat", nil},
		{"hard days without this lift: no warning on it", "2026-10-05 bench 80x5 rir1\n2026-10-07 bench 80x5 rir1\n2026-10-09 bench 80x5 rir1\n2026-10-09 squat 100x5 rir3\n", "squat", nil},
	}
	for _, tt := range tests {
		h := mustHistory(t, tt.log)
		got := weekShape(h, Profile{}, tt.lift, mustDate(t, fri))
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %q, want %d warnings", tt.name, got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			mustContain(t, tt.name, got[i:i+1], w)
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
		want  []string
	}{
		{"standard: sets halved (up), 70%", DeloadStandard, Kg, []string{
			"overhead press 2 sets of 5 at 35 kg, RIR 4 or more, no set to failure",
			"pull-up 2 sets of 8 at bodyweight + 15 kg, RIR 4 or more, no set to failure",
			"row 1 set of 10 at 42.5 kg, RIR 4 or more, no set to failure",
			"squat 3 sets of 4 at 85 kg, RIR 4 or more, no set to failure"}},
		{"volume: halved at 90%", DeloadVolume, Kg, []string{
			"overhead press 2 sets of 5 at 45 kg", "pull-up 2 sets of 8 at bodyweight + 17.5 kg", "row 1 set of 10 at 55 kg", "squat 3 sets of 4 at 107.5 kg"}},
		{"intensity: sets kept at 60%", DeloadIntensity, Kg, []string{
			"overhead press 4 sets of 5 at 30 kg", "pull-up 3 sets of 8 at bodyweight + 12.5 kg", "row 1 set of 10 at 35 kg", "squat 5 sets of 4 at 72.5 kg"}},
		{"in pounds to 5 lb", DeloadStandard, Lb, []string{
			"overhead press 2 sets of 5 at 80 lb", "pull-up 2 sets of 8 at bodyweight + 30 lb", "row 1 set of 10 at 95 lb", "squat 3 sets of 4 at 185 lb"}},
	}
	h := mustHistory(t, log)
	for _, tt := range tests {
		p := Profile{Units: tt.units, DeloadStyle: tt.style}
		got := DeloadWeek(h, p, mustDate(t, "2026-10-08"))
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %q, want %d lines (bench was 8 days before the start)", tt.name, got, len(tt.want))
			continue
		}
		for i := range tt.want {
			mustContain(t, tt.name, got[i:i+1], tt.want[i])
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
		line    string
	}{
		{"intermediate from the first set", "", Profile{Level: Intermediate}, "2026-09-10", 5, "2026-09-14", false, false, 0,
			"Next planned deload: 2026-09-14 (every 6 weeks)"},
		{"due", "", Profile{Level: Intermediate}, "2026-09-14", 6, "2026-09-14", true, false, 0, "A planned deload is due"},
		{"beginner: none", "", Profile{Level: Beginner}, "2026-09-14", 6, "", false, false, 0, "No planned deloads"},
		{"inside a deload week", "2026-09-14 deload 2026-09-20 planned\n", Profile{Level: Advanced}, "2026-09-16", 0, "", false, true, 0, "day 3 of 7"},
		{"ease-back week 2 after a deload", "2026-08-24 deload 2026-08-30\n", Profile{Level: Intermediate}, "2026-09-08", 1, "2026-10-12", false, false, 2,
			"Ease-back week 2"},
		{"skip resets the count", "2026-09-07 deload 2026-09-07 skipped\n", Profile{Level: Intermediate, DeloadEvery: 4}, "2026-09-14", 0, "2026-10-06", false, false, 0,
			"since your skipped deload"},
		{"a followed push listed", "2026-09-14 squat 100x6 rir2\n", Profile{Level: Beginner}, "2026-09-14", 6, "", false, false, 0,
			"Running since 2026-09-14: squat push (reps)"},
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
		mustContain(t, tt.name, st.Lines, tt.line)
	}
}

func TestTrainingDays(t *testing.T) {
	// 2026-10-05 is a Monday.
	monThu := series(t, "squat", "2026-10-05", 7, "100x5 rir2", "100x5 rir2") + series(t, "bench", "2026-10-08", 7, "80x5 rir2", "80x5 rir2")
	tests := []struct {
		name string
		log  string
		ref  string
		want string
	}{
		{"Mon and Thu, asked on Monday before training", monThu, "2026-10-19", "Mon, Thu"},
		{"Mon and Thu, asked on Tuesday", monThu, "2026-10-20", "Mon, Thu"},
		{"a day 14 days back is outside", "2026-10-05 squat 100x5 rir2\n2026-10-16 bench 80x5 rir2\n", "2026-10-19", "Fri"},
		{"a day 13 days back is inside", "2026-10-06 squat 100x5 rir2\n2026-10-15 bench 80x5 rir2\n", "2026-10-19", "Tue, Thu"},
		{"Sunday last", "2026-10-11 squat 100x5 rir2\n2026-10-13 bench 80x5 rir2\n", "2026-10-19", "Tue, Sun"},
		{"deload-week days don't count", monThu + "2026-10-10 squat 60x5 rir4\n2026-10-09 deload 2026-10-11\n", "2026-10-20", "Mon, Thu"},
		{"warm-ups alone don't count", monThu + "2026-10-17 squat w60x5\n", "2026-10-19", "Mon, Thu"},
	}
	for _, tt := range tests {
		if got := trainingDays(mustHistory(t, tt.log), mustDate(t, tt.ref)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
