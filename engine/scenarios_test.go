package engine

import "testing"

// Scenarios: a few weeks of a lifter's log and the verdict a coach would give.
func TestScenarios(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{
			name: "first ever log: nothing to judge yet",
			log:  "2026-10-01 squat 100x5 rir2",
			lift: "squat", today: "2026-10-01",
			kind: Hold, rule: RuleInsufficient, lines: []any{Reason{Kind: ReasonInsufficient, N: 2}},
		},
		{
			name: "novice adding 2.5 kg a session: keep going",
			log: series(t, "squat", "2026-09-07", 2, "80x5x3 rir2", "82.5x5x3 rir2", "85x5x3 rir2", "87.5x5x3 rir2",
				"90x5x3 rir2", "92.5x5x3 rir2") + goodCheckins(t, "2026-09-17", 7),
			lift: "squat", today: "2026-09-17", profile: func(p *Profile) { p.Level = Beginner },
			kind: Push, rule: RuleProgressing, lines: []any{Rx{Kind: RxNext, Lift: "squat", From: 92.5, Next: &Next{Sets: 3, Reps: 5, Load: 95, RIR: 2}}, Rx{Kind: RxLever, Why: WhyLinear, N: 5}},
		},
		{
			name: "bench flat for two weeks, sleeping fine: add a rep",
			log: series(t, "bench", "2026-09-07", 3, "80x5x3 rir2", "80x5x3 rir2", "80x5x3 rir2", "80x5x3 rir2", "80x5x3 rir2") +
				goodCheckins(t, "2026-09-19", 7),
			lift: "bench", today: "2026-09-19",
			kind: Push, rule: RuleStalledClean, lines: []any{Rx{Kind: RxNext, Lift: "bench", Next: &Next{Sets: 3, Reps: 6, Load: 80, RIR: 2}}, Fact{Kind: FactTrendStalled}},
		},
		{
			name: "deadlift sets feel easy twice: load jump",
			log: series(t, "deadlift", "2026-09-07", 4, "140x5x2 rir3", "140x5x2 rir3", "140x5x2 rir4", "140x5x2 rir3") +
				goodCheckins(t, "2026-09-19", 7),
			lift: "deadlift", today: "2026-09-19",
			kind: Push, rule: RuleReadyToLoad, lines: []any{Rx{Kind: RxNext, Lift: "deadlift", From: 140, Next: &Next{Sets: 2, Reps: 5, Load: 147.5, RIR: 2}}},
		},
		{
			name: "squat sliding, sleep and soreness bad for a week: deload",
			log: series(t, "squat", "2026-09-01", 3, "120x4x4 rir2", "120x4x4 rir2", "120x4x4 rir2", "120x4x4 rir2",
				"112.5x4x4 rir2", "110x4x4 rir2") +
				series(t, "bench", "2026-09-01", 3, "80x5x4 rir2", "80x5x4 rir2", "80x5x4 rir2", "80x5x4 rir2", "80x5x4 rir2", "80x5x4 rir2") + `
2026-09-11 checkin sleep poor soreness high
2026-09-12 checkin sleep poor soreness high motivation low
2026-09-14 checkin sleep poor warmup heavy
2026-09-16 checkin sleep ok`,
			lift: "squat", today: "2026-09-16",
			kind: Deload, rule: RuleFatigued,
			lines: []any{Fact{Kind: FactTrendDown, Frac: [2]float64{0.06, 0.08}}, Fact{Kind: FactStrained, N: 3}, Rx{Kind: RxDeloadLift, Lift: "squat", Next: &Next{Sets: 2, Reps: 4, Load: 77.5, RIR: 4}},
				Rx{Kind: RxDeloadLift, Lift: "bench", Next: &Next{Sets: 2, Reps: 5, Load: 55, RIR: 4}}, exact{Rx{Kind: RxDeloadThen, Week1: 102.5, Work: 110, E1RM: 143.4}}},
		},
		{
			name: "bad squat day after a flight: repeat the week",
			log: series(t, "squat", "2026-09-07", 2, "100x5x3 rir2", "100x5x3 rir2", "100x5x3 rir2", "100x5x3 rir2") +
				"2026-09-15 squat 92.5x5x3 rir2 #travel\n",
			lift: "squat", today: "2026-09-15",
			kind: Hold, rule: RuleConfounded, lines: []any{Reason{Kind: ReasonConfounded, Tags: []string{"travel"}}, Fact{Kind: FactTagged, Tags: []string{"travel"}}},
		},
		{
			name: "every set a grind and bench stuck: honest RIR",
			log:  series(t, "bench", "2026-09-07", 3, "85x5x3 rpe10", "85x5x3 rpe10", "85x5x3 rpe9.5", "85x5x3 rpe10"),
			lift: "bench", today: "2026-09-16",
			kind: Hold, rule: RuleGrinding, lines: []any{Reason{Kind: ReasonGrinding}, Rx{Kind: RxRepeat, Lift: "bench", Honest: true, Next: &Next{Sets: 3, Reps: 5, Load: 85, RIR: 2}}},
		},
		{
			name: "press climbing but joints angry: hold",
			log: series(t, "overhead press", "2026-09-07", 2, "50x5 rir2", "52.5x5 rir2", "55x5 rir2") + `
2026-09-08 checkin joints irritated
2026-09-10 checkin joints irritated sleep good
2026-09-11 checkin joints irritated`,
			lift: "overhead press", today: "2026-09-11",
			kind: Hold, rule: RuleRecoveryPoor, lines: []any{Fact{Kind: FactJoints, N: 3}},
		},
		{
			name: "knee pain tagged on squat: back off and see someone",
			log:  series(t, "squat", "2026-09-07", 2, "100x5x3 rir2", "102.5x5x3 rir2", "105x5x3 rir2 #pain"),
			lift: "squat", today: "2026-09-12",
			kind: Deload, rule: RulePain, lines: []any{Rx{Kind: RxPainStop}},
		},
		{
			name: "mid deload week: keep it light",
			log: series(t, "squat", "2026-09-07", 2, "100x5x4 rir2", "102.5x5x4 rir2", "105x5x4 rir2") +
				"2026-09-14 deload 2026-09-20\n2026-09-16 squat 72.5x5x2 rir5\n",
			lift: "squat", today: "2026-09-17",
			kind: Deload, rule: RuleDeloadWeek, lines: []any{Fact{Kind: FactDeloadWeek, Days: 4}, Rx{Kind: RxDeloadLift, Lift: "squat", Next: &Next{Sets: 2, Reps: 5, Load: 72.5, RIR: 4}}},
		},
		{
			name: "six weeks of hard training as an intermediate: planned deload",
			log: series(t, "squat", "2026-08-03", 7, "100x5x3 rir2", "102.5x5x3 rir2", "105x5x3 rir2", "107.5x5x3 rir2",
				"110x5x3 rir2", "112.5x5x3 rir2", "115x5x3 rir2"),
			lift: "squat", today: "2026-09-14", profile: func(p *Profile) { p.DeloadEvery = 0 },
			kind: Deload, rule: RulePlannedDeload, lines: []any{Fact{Kind: FactPlanClock, Clock: &Clock{Weeks: 6, Anchor: Anchor{Kind: AnchorFirstLog, From: mustDate(t, "2026-08-03")}}}, Rx{Kind: RxDeloadLift, Lift: "squat", Next: &Next{Sets: 2, Reps: 5, Load: 80, RIR: 4}}},
		},
		{
			name: "advanced lifter who skipped last week's deload: keep training",
			log: series(t, "bench", "2026-08-03", 7, "100x3 rir2", "100x3 rir2", "102.5x3 rir2", "102.5x3 rir2", "105x3 rir2", "105x3 rir2",
				"107.5x3 rir2") + "2026-09-07 deload 2026-09-07 skipped\n",
			lift: "bench", today: "2026-09-14", profile: func(p *Profile) { p.DeloadEvery = 0; p.Level = Advanced },
			kind: Push, rule: RuleProgressing,
		},
		{
			name: "lifter in pounds, squat sets easy: +5-10% in 5 lb steps",
			log: series(t, "squat", "2026-09-07", 2, "225lbx5x3 rir3", "225lbx5x3 rir3", "225lbx5x3 rir3") +
				goodCheckins(t, "2026-09-11", 5),
			lift: "squat", today: "2026-09-11", profile: func(p *Profile) { p.Units = Lb },
			kind: Push, rule: RuleReadyToLoad, lines: []any{Rx{Kind: RxNext, From: 225, Next: &Next{Sets: 3, Reps: 5, Load: 240, RIR: 2}}, Fact{Kind: FactLatest, Session: &SessionShape{E1RM: 286.3}}},
		},
		{
			name: "kg log shown to a lb user",
			log:  series(t, "bench", "2026-09-07", 2, "100x5 rir2", "100x5 rir2", "100x5 rir2"),
			lift: "bench", today: "2026-09-11", profile: func(p *Profile) { p.Units = Lb },
			kind: Push, rule: RuleStalledClean, lines: []any{Fact{Kind: FactLatest, Date: mustDate(t, "2026-09-11"), Session: &SessionShape{N: 1, Top: SetShape{Load: 220.5, Reps: 5}, E1RM: 271.8}}, Rx{Kind: RxNext, Lift: "bench", Next: &Next{Sets: 1, Reps: 6, Load: 220, RIR: 2}}},
		},
		{
			name: "squat down, slept badly twice: watch, don't deload",
			log:  downSquat(t) + strained(t, wed, 2),
			lift: "squat", today: wed,
			kind: Hold, rule: RuleOtherwise, lines: []any{Fact{Kind: FactStrained, N: 2}},
		},
		{
			name: "curls stuck at 12 kg for 10 reps: one more set",
			log:  series(t, "curl", "2026-09-07", 2, "12x10x3 rir1", "12x10x3 rir1", "12x10x3 rir1", "12x10x3 rir1"),
			lift: "curls", today: "2026-09-13",
			kind: Push, rule: RuleStalledClean, lines: []any{Rx{Kind: RxNext, Lift: "curl", Next: &Next{Sets: 4, Reps: 10, Load: 12, RIR: targetRIRIsolation, Lever: "sets"}}, Rx{Kind: RxLever, Why: WhyMoreSet}},
		},
		{
			name: "resting heart rate up three mornings and squat stalled: deload",
			log:  stalledSquat(t) + rhrLog(t, fri, 10, 52, 58, 59, 60),
			lift: "squat", today: fri,
			kind: Deload, rule: RuleFatigued, lines: []any{Fact{Kind: FactRHRRun, N: 60, Value: [3]float64{52}, Days: 3}},
		},
		{
			name: "after the deload the squat rebounds: read-back says so",
			log: series(t, "squat", "2026-08-31", 2, "120x4x4 rir2", "120x4x4 rir2", "120x4x4 rir2", "115x4x4 rir2", "112.5x4x4 rir2") + `
2026-09-09 exp deload - 143.369 squat
2026-09-09 deload 2026-09-15
2026-09-11 squat 82.5x4x2 rir5
2026-09-17 squat 112.5x4x4 rir2
2026-09-19 squat 122.5x4x4 rir2`,
			lift: "squat", today: "2026-09-19",
			kind: Push, rule: RuleProgressing, lines: []any{ReadBack{Kind: ReadBackOutcome, Exp: Deload, Outcome: OutcomeRebound}},
		},
	})
}
