// Package wordstest holds one verdict value for the render tests of every
// platform: bot/words writes it, and each adapter's tests check that their
// platform shows those words (Telegram's HTML and keyboard, Discord's
// content and components, the console's lines).
package wordstest

import (
	"time"

	"github.com/spotterbot/spotter/engine"
)

// Verdict is a whole-body DELOAD of squat with a line of most kinds: the
// latest session, a falling trend, readiness, the planned-deload clock, the
// deload week for two lifts (one named with '&' and '<', which Telegram's
// HTML must escape), a read-back and a warning.
func Verdict() engine.Verdict {
	d := func(m time.Month, day int) engine.Date { return engine.NewDate(2026, m, day) }
	strained := engine.Fact{Kind: engine.FactStrained, N: 3, Flags: []engine.FlagKind{engine.FlagSleep, engine.FlagSoreness}}
	squat := &engine.Next{Sets: 2, Reps: 5, Load: 70, RIR: 4, Lever: "deload"}
	return engine.Verdict{
		Lift: "squat", Kind: engine.Deload, Rule: engine.RuleFatigued, Units: engine.Kg,
		Reason: engine.Reason{Kind: engine.ReasonFatigued, Trend: engine.TrendDown},
		Evidence: []engine.Fact{
			{Kind: engine.FactLatest, Date: d(11, 20), Session: &engine.SessionShape{
				Top: engine.SetShape{Load: 100, Reps: 5, RIR: 1, HasRIR: true}, N: 3, E1RM: 119.2,
				Backoff: &engine.BackoffShape{N: 2, Set: engine.SetShape{Load: 90, Reps: 5, RIR: 2, HasRIR: true}}, Ramp: 2}},
			{Kind: engine.FactTrendDown, Value: [3]float64{121.4, 119.2, 126.1}, Frac: [2]float64{0.0373, 0.0547}},
			strained,
			{Kind: engine.FactRHRRun, N: 61, Value: [3]float64{55}, Days: 3},
			{Kind: engine.FactPlanClock, Up: true, Clock: &engine.Clock{Weeks: 6, Interval: 6,
				Anchor: engine.Anchor{Kind: engine.AnchorBreak, From: d(10, 5), Days: 9}}},
		},
		Prescription: []engine.Rx{
			{Kind: engine.RxDeloadHead, Style: engine.DeloadStandard},
			{Kind: engine.RxDeloadLift, Lift: "squat", Next: squat},
			{Kind: engine.RxDeloadLift, Lift: "clean & jerk <hang>", Next: &engine.Next{Sets: 2, Reps: 3, Load: 50, RIR: 4, Lever: "deload",
				Backoff: &engine.Backoff{Sets: 1, Reps: 5, Load: 40}}},
			{Kind: engine.RxTrainingDays, Days: []time.Weekday{time.Monday, time.Wednesday, time.Friday}},
			{Kind: engine.RxDeloadThen, Week1: 92.5, Work: 100, E1RM: 126.1},
		},
		ReadBack: []engine.ReadBack{{Kind: engine.ReadBackOutcome, Lift: "squat", Exp: engine.Push, Lever: "load", Opened: d(11, 2),
			Best: 124.3, Baseline: 126.1, Outcome: engine.OutcomeNoGain, RecoveryThen: engine.RecoveryNormal, RecoveryNow: engine.RecoveryPoor}},
		Warnings:  []engine.Warning{{Kind: engine.WarnFailure, Lift: "squat", Dates: []engine.Date{d(11, 16), d(11, 20)}}},
		Next:      squat,
		E1RM:      119.2,
		Trend:     engine.TrendDown,
		Change:    -0.0547,
		Readiness: []engine.Fact{strained},
		WholeBody: true,
	}
}

// Plan is the planned-deload status the summary of Verdict reads for its
// headline: a planned deload due as well.
func Plan() engine.PlanStatus {
	return engine.PlanStatus{WeeksSinceDeload: 6, Due: true, Units: engine.Kg,
		Lines: []engine.PlanLine{{Kind: engine.PlanWeek, Weeks: 6, Anchor: engine.Anchor{Kind: engine.AnchorBreak, From: engine.NewDate(2026, 10, 5), Days: 9}}}}
}

// Verdicts is Verdict and four more lifts' copies of it: the /advice
// summary of five lifts, a line and a button each.
func Verdicts() []engine.Verdict {
	out := []engine.Verdict{Verdict()}
	for _, lift := range []string{"bench", "deadlift", "overhead press", "clean & jerk <hang>"} {
		v := Verdict()
		v.Lift = lift
		out = append(out, v)
	}
	return out
}

// Text is what bot/words writes for Verdict: the reply to /advice squat.
const Text = `DELOAD squat: performance is down and recovery is poor
- latest 2026-11-20: 3x5 at 100 kg, RIR 1 (e1RM 119.2 kg), then 2x5 at 90 kg; 2 lighter ramp-up sets before it not counted
- top-set e1RM 121.4 and 119.2 kg in the last two sessions vs 126.1 kg before: down 4% and 5%
- strained 3 of the last 7 days: sleep poor, soreness high
- resting HR 61 bpm vs baseline 55 on 3 days running
- 6 full weeks since a 9-day break (2026-10-05): deload every 6 weeks: due as well
Next 7 days (deload, sets halved, 70% load):
squat 2 sets of 5 at 70 kg, RIR 4 or more, no set to failure
clean & jerk <hang> 2 sets of 3 at 50 kg, then 1 set of 5 at 40 kg, RIR 4 or more, no set to failure
Keep your training days: Mon, Wed, Fri.
Then: week 1 at 92.5 kg, week 2 back to 100 kg, and we compare your first hard session with 126.1 kg.
Read-back of the squat push (load) from 2026-11-02: best e1RM 124.3 kg vs 126.1 kg: no improvement.
Warning: squat taken to failure in 2 sessions in 7 days (2026-11-16, 2026-11-20): keep the big lifts 1-2 reps short of failure; save failure for a last isolation set.`

// Summary is the /advice reply's text for Verdicts and Plan.
const Summary = `Advice for 5 lifts. Strained 3 of the last 7 days: sleep poor, soreness high.
Deload now (squat, bench, deadlift, overhead press, clean & jerk <hang>: performance stalled or down while recovery is poor; a planned deload is due as well): one week for the whole body. /deload now starts it.

DELOAD squat: fatigued. e1RM 119.2 kg (-5%). Deload: 2x5 at 70 kg
DELOAD bench: fatigued. e1RM 119.2 kg (-5%). Deload: 2x5 at 70 kg
DELOAD deadlift: fatigued. e1RM 119.2 kg (-5%). Deload: 2x5 at 70 kg
DELOAD overhead press: fatigued. e1RM 119.2 kg (-5%). Deload: 2x5 at 70 kg
DELOAD clean & jerk <hang>: fatigued. e1RM 119.2 kg (-5%). Deload: 2x5 at 70 kg

Each lift's numbers and reasons: /advice LIFT, e.g. /advice squat.`

// Buttons are the labels of the summary's buttons, row by row (each opens
// "/advice LABEL").
func Buttons() [][]string {
	return [][]string{{"squat", "bench", "deadlift", "overhead press"}, {"clean & jerk <hang>"}}
}
