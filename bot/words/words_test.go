package words_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/words"
	"github.com/spotterbot/spotter/bot/words/wordstest"
	"github.com/spotterbot/spotter/engine"
)

// TestVerdictText: the render tests' verdict, written as /advice squat
// replies on every platform (the adapters' tests check each platform's form).
func TestVerdictText(t *testing.T) {
	if got := words.Verdict(wordstest.Verdict()); got != wordstest.Text {
		t.Errorf("got\n%s\nwant\n%s", got, wordstest.Text)
	}
	r := bot.VerdictReply(wordstest.Verdict())
	if r.Text != wordstest.Text || !r.Keep || len(r.Buttons) != 0 {
		t.Errorf("VerdictReply: got %+v, want the text kept, no buttons", r)
	}
}

// TestSummaryText: five lifts' verdicts as the /advice summary, a button per
// lift in rows of four.
func TestSummaryText(t *testing.T) {
	r := bot.AdviceReply(wordstest.Verdicts(), wordstest.Plan(), engine.Kg)
	if r.Text != wordstest.Summary {
		t.Errorf("got\n%s\nwant\n%s", r.Text, wordstest.Summary)
	}
	var labels [][]string
	for _, row := range r.Buttons {
		var ls []string
		for _, b := range row {
			ls = append(ls, b.Label)
			if b.Data != "/advice "+b.Label {
				t.Errorf("button %q opens %q, want /advice %s", b.Label, b.Data, b.Label)
			}
		}
		labels = append(labels, ls)
	}
	if !reflect.DeepEqual(labels, wordstest.Buttons()) {
		t.Errorf("buttons %q, want %q", labels, wordstest.Buttons())
	}
}

// TestEveryKindHasWords: each kind of line the engine returns is written,
// in full (no empty line, no fmt error); a kind added to the engine without
// words fails here before a user sees an empty line.
func TestEveryKindHasWords(t *testing.T) {
	next := &engine.Next{Sets: 3, Reps: 5, Load: 100, RIR: 2, Lever: "load"}
	check := func(what string, got string) {
		t.Helper()
		if strings.TrimSpace(got) == "" || strings.Contains(got, "%!") {
			t.Errorf("%s: got %q", what, got)
		}
	}
	for k := engine.ReasonPain; k <= engine.ReasonNoLever; k++ {
		check("reason", words.Reason(engine.Reason{Kind: k, N: 2, Tags: []string{"travel"}, Trend: engine.TrendDown}))
	}
	for k := engine.FactLatest; k <= engine.FactPain; k++ {
		f := engine.Fact{Kind: k, N: 2, Session: &engine.SessionShape{N: 1, Top: engine.SetShape{Load: 100, Reps: 5}},
			Step: &[2]engine.SetShape{}, Clock: &engine.Clock{Interval: 6}, Flags: []engine.FlagKind{engine.FlagSleep}}
		check("fact", words.Fact(f, "squat", engine.Kg))
	}
	for k := engine.RxNext; k <= engine.RxEaseBack2; k++ {
		for why := engine.WhyMissedReps; why <= engine.WhyMoreSet; why++ {
			check("prescription", words.Rx(engine.Rx{Kind: k, Lift: "squat", Next: next, From: 97.5, Why: why,
				Days: []time.Weekday{time.Monday}}, engine.Kg))
		}
	}
	for o := engine.OutcomeRebound; o <= engine.OutcomeRecoveryWorse; o++ {
		for _, k := range []engine.ReadBackKind{engine.ReadBackRunning, engine.ReadBackOutcome, engine.ReadBackNeither} {
			check("read-back", words.ReadBack(engine.ReadBack{Kind: k, Lift: "squat", Exp: engine.Push, Lever: "reps", Outcome: o}, engine.Kg))
		}
	}
	for k := engine.PlanNothing; k <= engine.PlanDeloadReadBack; k++ {
		for a := engine.AnchorFirstLog; a <= engine.AnchorLightLoads; a++ {
			l := engine.PlanLine{Kind: k, Anchor: engine.Anchor{Kind: a}, Lifts: []string{"squat"},
				ReadBack: &engine.ReadBack{Kind: engine.ReadBackRunning, Lift: "squat", Exp: engine.Deload}}
			check("plan", words.PlanLine(l, engine.Kg))
		}
	}
	for k := engine.WarnFailure; k <= engine.WarnHardDays; k++ {
		check("warning", words.Warning(engine.Warning{Kind: k, Lift: "squat", N: 4}))
	}
	for k := engine.FlagSleep; k <= engine.FlagHRV; k++ {
		check("flag", words.DayFlag(engine.DayFlag{Kind: k}))
	}
}

// TestDaySummary: the /checkin line about readiness, from a day's values.
func TestDaySummary(t *testing.T) {
	day := engine.NewDate(2026, 11, 23)
	tests := []struct {
		d    engine.DayReadiness
		want string
	}{
		{engine.DayReadiness{Date: day}, "No check-in for 2026-11-23."},
		{engine.DayReadiness{Date: day, Checked: true, Recovery: engine.RecoveryNormal},
			"Readiness: no flags. Strained days in the last 7: 0; recovery normal."},
		{engine.DayReadiness{Date: day, Checked: true, Recovery: engine.RecoveryNormal, Flags: []engine.DayFlag{{Kind: engine.FlagSleep, Hours: 5.5}},
			NoRHRBaseline: true, RHRReadings: 4},
			"Readiness: 1 flag (slept 5.5 h); one complaint is noise, not a trend. Strained days in the last 7: 0; recovery normal. Resting HR baseline: 4 of 7 readings so far."},
		{engine.DayReadiness{Date: day, Checked: true, Strained: true, StrainedDays: 3, Recovery: engine.RecoveryPoor,
			Flags: []engine.DayFlag{{Kind: engine.FlagSoreness}, {Kind: engine.FlagRHR, RHR: 63, Baseline: 55.5}, {Kind: engine.FlagHRV, HRV: 38.5, HRVFrom: 45}}},
			"Readiness: 3 flags (soreness high, resting HR 63 vs baseline 55.5, HRV 38.5 ms below your range (from 45)): a strained day. Strained days in the last 7: 3; recovery poor."},
	}
	for _, tt := range tests {
		if got := words.DaySummary(tt.d); got != tt.want {
			t.Errorf("got %q\nwant %q", got, tt.want)
		}
	}
}
