package engine

import (
	"strconv"
	"strings"
	"testing"
)

// series writes one session line per spec, every `every` days from start.
func series(t testing.TB, lift, start string, every int, specs ...string) string {
	t.Helper()
	d := mustDate(t, start)
	var b strings.Builder
	for i, s := range specs {
		b.WriteString(d.AddDays(i*every).String() + " " + lift + " " + s + "\n")
	}
	return b.String()
}

// strained writes n strained check-ins (sleep poor, soreness high) on the
// days before today, every other day, plus a good one today.
func strained(t testing.TB, today string, n int) string {
	t.Helper()
	d := mustDate(t, today)
	var b strings.Builder
	for i := n; i >= 1; i-- {
		b.WriteString(d.AddDays(-2*i+1).String() + " checkin sleep poor soreness high\n")
	}
	b.WriteString(today + " checkin sleep good\n")
	return b.String()
}

type ruleCase struct {
	name    string
	log     string
	lift    string
	today   string
	profile func(*Profile)
	kind    Kind
	rule    Rule
	lines   []any // each must match the reason or some fact, prescription line or read-back (match_test.go)
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		p := testProfile()
		if c.profile != nil {
			c.profile(&p)
		}
		h := mustHistory(t, c.log)
		v := Advise(h, p, c.lift, mustDate(t, c.today))
		if v.Kind != c.kind || v.Rule != c.rule {
			t.Errorf("%s: got %s %s (%+v), want %s %s\nevidence: %+v", c.name, v.Kind, v.Rule, v.Reason, c.kind, c.rule, v.Evidence)
			continue
		}
		mustHave(t, c.name, v, c.lines...)
	}
}

// Logs shared by the rule tests; sessions on Mon/Wed/Fri from 2026-10-05.
const (
	mon = "2026-10-05"
	fri = "2026-10-09" // third session
	wed = "2026-10-14" // fifth session
)

func stalledSquat(t testing.TB) string {
	return series(t, "squat", mon, 2, "100x5x3 rir2", "100x5x3 rir2", "100x5x3 rir2")
}
func downSquat(t testing.TB) string {
	return series(t, "squat", "2026-10-05", 2, "100x5x3 rir2", "100x5x3 rir2", "100x5x3 rir2") +
		series(t, "squat", "2026-10-12", 2, "95x5x3 rir2", "95x5x3 rir2")
}
func progressingSquat(t testing.TB) string {
	return series(t, "squat", mon, 2, "100x5x3 rir2", "102.5x5x3 rir2", "105x5x3 rir2")
}

func TestRulePain(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"pain tag 3 days ago", progressingSquat(t) + "2026-10-07 squat 100x5 #pain\n", "squat", "2026-10-10", nil,
			Deload, RulePain, []any{Fact{Kind: FactPain, Lift: "squat", Date: mustDate(t, "2026-10-07")}, Rx{Kind: RxPainWeek, Lift: "squat"}, Rx{Kind: RxPainStop}, exact{Rx{Kind: RxPainStop}}}},
		{"pain tag 7 days ago is outside the last 7 days", series(t, "squat", "2026-10-03", 2, "100x5x3 rir2 #pain", "102.5x5x3 rir2", "105x5x3 rir2"),
			"squat", "2026-10-10", nil, Push, RuleProgressing, nil},
		{"pain tag 6 days ago counts", series(t, "squat", "2026-10-04", 2, "100x5x3 rir2 #pain", "102.5x5x3 rir2", "105x5x3 rir2"),
			"squat", "2026-10-10", nil, Deload, RulePain, nil},
		{"pain on another lift", progressingSquat(t) + "2026-10-08 bench 60x5 rir2 #pain\n", "squat", fri, nil,
			Push, RuleProgressing, nil},
	})
}

func TestRuleDeloadWeek(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"inside the deload week", progressingSquat(t) + "2026-10-10 deload 2026-10-16\n", "squat", "2026-10-12", nil,
			Deload, RuleDeloadWeek, []any{Fact{Kind: FactDeloadWeek, Date: mustDate(t, "2026-10-10"), End: mustDate(t, "2026-10-16"), Days: 3}, Rx{Kind: RxDeloadHead, Date: mustDate(t, "2026-10-12"), Start: mustDate(t, "2026-10-10"), End: mustDate(t, "2026-10-16")}, Rx{Kind: RxDeloadLift, Lift: "squat", Next: &Next{Sets: 2, Reps: 5, Load: 72.5, RIR: 4}}, Rx{Kind: RxDeloadThen, Week1: 97.5, Work: 105}}},
		{"the day after it ends", progressingSquat(t) + "2026-10-10 deload 2026-10-16\n", "squat", "2026-10-17", nil,
			Push, RuleProgressing, []any{Rx{Kind: RxEaseBack1}}},
		// A 12 kg dumbbell is repeated exactly: week 2 of the ease-back is 12 kg
		// in both lines, not 12.5 kg in one and 12 kg in the other.
		{"off-grid working load: week 2 back to the same load", series(t, "curl", mon, 2, "10x8 rir1", "11x8 rir1", "12x8 rir1") + "2026-10-10 deload 2026-10-16\n",
			"curl", "2026-10-12", nil, Deload, RuleDeloadWeek, []any{Rx{Kind: RxDeloadThen, Work: 12}}},
		{"a skipped deload is no deload week", progressingSquat(t) + "2026-10-10 deload 2026-10-16 skipped\n", "squat", "2026-10-12", nil,
			Push, RuleProgressing, nil},
		{"intensity style keeps the sets at 60%", progressingSquat(t) + "2026-10-10 deload 2026-10-16\n", "squat", "2026-10-10",
			func(p *Profile) { p.DeloadStyle = DeloadIntensity }, Deload, RuleDeloadWeek, []any{Rx{Kind: RxDeloadLift, Lift: "squat", Next: &Next{Sets: 3, Reps: 5, Load: 62.5, RIR: 4}}}},
		{"volume style halves the sets at 90%", progressingSquat(t) + "2026-10-10 deload 2026-10-16\n", "squat", "2026-10-10",
			func(p *Profile) { p.DeloadStyle = DeloadVolume }, Deload, RuleDeloadWeek, []any{Rx{Kind: RxDeloadLift, Lift: "squat", Next: &Next{Sets: 2, Reps: 5, Load: 95, RIR: 4}}}},
	})
}

func TestRulePlannedDeload(t *testing.T) {
	log := progressingSquat(t)
	firstLog := func(weeksAgo, daysAgo int) func(*Profile) {
		return func(p *Profile) {
			p.DeloadEvery = 0
			p.FirstLog = mustDate(t, fri).AddDays(-7*weeksAgo - daysAgo)
		}
	}
	runRuleCases(t, []ruleCase{
		{"intermediate, 6 weeks since the first log", log, "squat", fri, firstLog(6, 0),
			Deload, RulePlannedDeload, []any{Fact{Kind: FactPlanClock, Clock: &Clock{Weeks: 6, Anchor: Anchor{Kind: AnchorFirstLog, From: mustDate(t, "2026-08-28")}}}, Fact{Kind: FactPlanClock, Clock: &Clock{Interval: 6}}, exact{Rx{Kind: RxDeloadHead}}}},
		{"intermediate, 5 weeks 6 days", log, "squat", fri, firstLog(5, 6), Push, RuleProgressing, nil},
		{"advanced, 5 weeks", log, "squat", fri, func(p *Profile) { firstLog(5, 0)(p); p.Level = Advanced },
			Deload, RulePlannedDeload, []any{Fact{Kind: FactPlanClock, Clock: &Clock{Interval: 5}}}},
		{"beginner never has a planned deload", log, "squat", fri, func(p *Profile) { firstLog(12, 0)(p); p.Level = Beginner },
			Push, RuleProgressing, nil},
		{"interval 2 is clamped to 3", log, "squat", fri, func(p *Profile) { firstLog(3, 0)(p); p.DeloadEvery = 2 },
			Deload, RulePlannedDeload, []any{Fact{Kind: FactPlanClock, Clock: &Clock{Interval: 3}}}},
		{"a skip 2 weeks ago resets the count", log + "2026-09-24 deload 2026-09-24 skipped\n", "squat", fri, firstLog(8, 0),
			Push, RuleProgressing, nil},
		{"no FirstLog: the first set in history counts", series(t, "bench", "2026-08-20", 6, "60x5 rir2", "60x5 rir2", "60x5 rir2",
			"60x5 rir2", "60x5 rir2", "60x5 rir2", "60x5 rir2", "60x5 rir2") + log, "squat", fri,
			func(p *Profile) { p.DeloadEvery = 0 }, Deload, RulePlannedDeload, []any{Fact{Kind: FactPlanClock, Clock: &Clock{Anchor: Anchor{Kind: AnchorFirstLog, From: mustDate(t, "2026-08-20")}}}}},
		{"a 7-day break counts as a deload", "2026-08-20 bench 60x5 rir2\n" + log, "squat", fri,
			func(p *Profile) { p.DeloadEvery = 0 }, Push, RuleProgressing, nil},
	})
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// TestPlannedDeloadClock: breaks, light weeks and the window read restart or
// bound the planned-deload count (engine-rules section 7).
func TestPlannedDeloadClock(t *testing.T) {
	every2 := func(from string, n, sets int) string {
		var ss []string
		for i := 0; i < n; i++ {
			ss = append(ss, "100x5x"+strconv.Itoa(sets)+" rir2")
		}
		return series(t, "squat", from, 2, ss...)
	}
	d := func(s string) Date { return mustDate(t, s) }
	tests := []struct {
		name   string
		log    string
		from   string // History.From
		today  string
		weeks  int    // -1: not checked
		anchor Anchor // its fields set must match; every field when whole
		whole  bool
		due    bool
	}{
		{"no break in 12 weeks from a window start", every2("2026-07-13", 45, 3), "2026-07-13", "2026-10-09",
			12, Anchor{Kind: AnchorWindow, From: d("2026-07-13")}, true, true},
		{"a 9-day rest week restarts the clock", every2("2026-07-13", 30, 3) + every2("2026-09-19", 14, 3), "", "2026-10-09",
			2, Anchor{Kind: AnchorBreak, From: d("2026-09-19"), Days: 9}, true, false},
		{"a break running now", every2("2026-07-13", 30, 3), "", "2026-09-17",
			0, Anchor{Kind: AnchorBreakRunning, From: d("2026-09-17"), Since: d("2026-09-09")}, true, false},
		{"a layoff across the window's start, measured from the last session before it", "2026-02-23 squat 140x5x3 rir2\n" +
			every2("2026-10-05", 25, 3), "2026-08-31", "2026-11-23", 7, Anchor{Kind: AnchorBreak, From: d("2026-10-05"), Days: 223}, true, true},
		{"nothing in the window, a log before it", "2026-02-23 squat 140x5x3 rir2\n", "2026-08-31", "2026-11-23",
			-1, Anchor{Kind: AnchorBreakRunning, From: d("2026-11-23"), Since: d("2026-02-23")}, true, false},
		{"a light week restarts the clock", every2("2026-07-13", 18, 3) + "2026-08-19 squat 100x5x3 rir2\n" + every2("2026-08-24", 20, 3), "", "2026-10-02",
			5, Anchor{Kind: AnchorLightSets, From: d("2026-08-24"), Monday: d("2026-08-17"), Sets: 3}, false, false},
		{"a week of the same sets at 65% load restarts the clock too", every2("2026-07-13", 18, 3) +
			series(t, "squat", "2026-08-17", 2, "65x5x3 rir4", "65x5x3 rir4", "65x5x3 rir4") + every2("2026-08-24", 20, 3), "", "2026-10-02",
			5, Anchor{Kind: AnchorLightLoads, From: d("2026-08-24"), Monday: d("2026-08-17"), Share: 0.65}, false, false},
		{"ramp-ups don't hide a light week", series(t, "squat", "2026-07-13", 2, repeat("40x5 60x3 80x2 100x5x4 rir2", 18)...) +
			series(t, "squat", "2026-08-17", 3, "40x5 60x3 80x2 100x5x2 rir2", "40x5 60x3 80x2 100x5x2 rir2") +
			series(t, "squat", "2026-08-24", 2, repeat("40x5 60x3 80x2 100x5x4 rir2", 20)...), "", "2026-10-02",
			5, Anchor{Kind: AnchorLightSets, From: d("2026-08-24"), Monday: d("2026-08-17"), Sets: 4}, false, false},
	}
	for _, tt := range tests {
		h := mustHistory(t, tt.log)
		if tt.from != "" {
			h.From = mustDate(t, tt.from)
		}
		ps := (&shared{}).plan(h, Profile{Level: Intermediate, FirstLog: mustDate(t, "2026-01-05")}, mustDate(t, tt.today))
		c := ps.clock()
		if (tt.weeks >= 0 && c.Weeks != tt.weeks) || !matches(c.Anchor, tt.anchor, tt.whole) || ps.due != tt.due {
			t.Errorf("%s: got %+v due %v, want weeks %d, anchor %+v, due %v", tt.name, c, ps.due, tt.weeks, tt.anchor, tt.due)
		}
	}
}

func TestRuleInsufficient(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"the issue's single first log", "2026-10-01 squat 100x5 rir2", "squat", "2026-10-01", nil,
			Hold, RuleInsufficient, []any{Reason{Kind: ReasonInsufficient, N: 2}, Fact{Kind: FactLatest, Session: &SessionShape{E1RM: 123.3}}, Fact{Kind: FactNoCheckin}}},
		{"two comparable sessions", series(t, "squat", mon, 2, "100x5 rir2", "100x5 rir2"), "squat", "2026-10-07", nil,
			Hold, RuleInsufficient, []any{Reason{Kind: ReasonInsufficient, N: 1}}},
		{"three sessions in different rep buckets", series(t, "squat", mon, 2, "100x3 rir2", "90x8 rir2", "100x5 rir2"), "squat", fri, nil,
			Hold, RuleInsufficient, []any{Reason{Kind: ReasonInsufficient, N: 2}}},
		{"sessions older than 8 weeks don't count", series(t, "squat", "2026-08-01", 2, "100x5 rir2", "100x5 rir2") +
			series(t, "squat", "2026-08-13", 10, "80x12 rir2", "80x12 rir2", "80x12 rir2", "80x12 rir2", "80x12 rir2", "80x12 rir2") +
			"2026-10-09 squat 100x5 rir2\n",
			"squat", fri, nil, Hold, RuleInsufficient, []any{Reason{Kind: ReasonInsufficient, N: 2}}},
		{"never logged", "", "squat", fri, nil, Hold, RuleInsufficient, []any{Reason{Kind: ReasonInsufficient, N: 3}, Fact{Kind: FactNoSession, Lift: "squat"}}},
	})
}

// TestRuleReturning: a lift off for 14+ days ramps back; after the return
// its trend starts again (engine-rules section 7).
func TestRuleReturning(t *testing.T) {
	strong := series(t, "squat", "2026-01-05", 3, "140x5x3 rir2", "140x5x3 rir2", "142.5x5x3 rir2", "142.5x5x3 rir2", "145x5x3 rir2")
	runRuleCases(t, []ruleCase{
		{"8-month layoff, not back yet: ramp back at 90%", strong, "squat", "2026-09-01", nil,
			Hold, RuleReturning, []any{Reason{Kind: ReasonReturning, N: 227}, Rx{Kind: RxReturn, Lift: "squat", Next: &Next{Sets: 3, Reps: 5, Load: 130, RIR: 2}}}},
		{"back one session after the layoff: the trend restarts", strong + "2026-09-01 squat 100x5x3 rir2\n", "squat", "2026-09-02", nil,
			Hold, RuleReturning, []any{Reason{Kind: ReasonBackAfter, N: 227, Date: mustDate(t, "2026-09-01")}, Fact{Kind: FactTrendShort, N: 1, Of: 3, Range: RangeRef{Lo: 4, Hi: 6, Kind: RangeBucket}}}},
		{"7 weeks back: judged on the sessions since the return", strong + series(t, "squat", "2026-09-01", 3, "100x5x3 rir2", "102.5x5x3 rir2",
			"105x5x3 rir2", "107.5x5x3 rir2", "110x5x3 rir2", "112.5x5x3 rir2", "115x5x3 rir2", "117.5x5x3 rir2", "120x5x3 rir2", "122.5x5x3 rir2"),
			"squat", "2026-09-29", func(p *Profile) { p.Level = Beginner },
			Push, RuleProgressing, []any{Rx{Kind: RxNext, Lift: "squat", From: 122.5, Next: &Next{Sets: 3, Reps: 5, Load: 125, RIR: 2}}}},
	})
}

func TestRuleConfounded(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"stalled, latest tagged #travel", series(t, "squat", mon, 2, "100x5x3 rir2", "100x5x3 rir2", "100x5x3 rir2 #travel"), "squat", fri, nil,
			Hold, RuleConfounded, []any{Fact{Kind: FactTagged, Tags: []string{"travel"}}, Rx{Kind: RxRepeat, Lift: "squat", Date: mustDate(t, "2026-10-07"), Next: &Next{Sets: 3, Reps: 5, Load: 100, RIR: 2}}}},
		// Repeating the week means the last clean week's work, not the reduced
		// load of the tagged session.
		{"a lighter #travel session: repeat the load before it", series(t, "bench", mon, 2, "80x5x3 rir2", "80x5x3 rir2", "80x5x3 rir2") +
			"2026-10-12 bench 77.5x5x3 rir2 #travel\n", "bench", "2026-10-12", nil,
			Hold, RuleConfounded, []any{Rx{Kind: RxRepeat, Lift: "bench", Date: mustDate(t, "2026-10-09"), Next: &Next{Sets: 3, Reps: 5, Load: 80, RIR: 2}}}},
		{"a day tagged by its check-in is skipped too", series(t, "bench", mon, 2, "80x5x3 rir2", "80x5x3 rir2", "80x5x4 rir2") +
			"2026-10-12 bench 77.5x5x2 rir2\n2026-10-12 checkin sleep ok #sick\n2026-10-14 bench 77.5x5x2 rir2 #travel\n", "bench", wed, nil,
			Hold, RuleConfounded, []any{Rx{Kind: RxRepeat, Lift: "bench", Date: mustDate(t, "2026-10-09"), Next: &Next{Sets: 4, Reps: 5, Load: 80, RIR: 2}}}},
		{"every comparable session tagged: repeat the latest", series(t, "bench", mon, 2, "80x5x3 rir2 #rushed", "80x5x3 rir2 #rushed", "77.5x5x2 rir2 #travel"),
			"bench", fri, nil, Hold, RuleConfounded, []any{exact{Rx{Kind: RxRepeat, Lift: "bench", Next: &Next{Sets: 2, Reps: 5, Load: 77.5, RIR: 2}}}}},
		{"down, the latest day's check-in tagged #sick", downSquat(t) + "2026-10-14 checkin sleep ok #sick\n", "squat", wed, nil,
			Hold, RuleConfounded, []any{Fact{Kind: FactTagged, Tags: []string{"sick"}}}},
		{"progressing with a tag is judged normally", series(t, "squat", mon, 2, "100x5 rir2", "102.5x5 rir2", "105x5 rir2 #rushed"), "squat", fri, nil,
			Push, RuleProgressing, nil},
		{"#sick after good progress holds", series(t, "squat", mon, 2, "100x5 rir2", "102.5x5 rir2", "105x5 rir2", "107.5x5 rir2 #sick"), "squat", "2026-10-11", nil,
			Hold, RuleConfounded, []any{Fact{Kind: FactTagged, Tags: []string{"sick"}}, Rx{Kind: RxRepeat, Lift: "squat", Date: mustDate(t, "2026-10-09"), Next: &Next{Sets: 1, Reps: 5, Load: 105, RIR: 2}}}},
		{"#newsetup holds and starts a new baseline", series(t, "squat", mon, 2, "100x5 rir2", "102.5x5 rir2", "105x5 rir2", "105x5 rir2 #newsetup"), "squat", "2026-10-11", nil,
			Hold, RuleConfounded, []any{Fact{Kind: FactTagged, Tags: []string{"newsetup"}}, Fact{Kind: FactNewSetup}, exact{Rx{Kind: RxRepeat, Lift: "squat", Next: &Next{Sets: 1, Reps: 5, Load: 105, RIR: 2}}}}},
		{"#sick on the day's check-in holds a progressing lift", progressingSquat(t) + "2026-10-09 checkin sleep ok #sick\n", "squat", fri, nil,
			Hold, RuleConfounded, []any{Fact{Kind: FactTagged, Tags: []string{"sick"}}}},
		{"a tag on an earlier session doesn't confound the latest", series(t, "squat", mon, 2, "100x5x3 rir2 #rushed", "100x5x3 rir2", "100x5x3 rir2"), "squat", fri, nil,
			Push, RuleStalledClean, nil},
	})
}

func TestRuleFatigued(t *testing.T) {
	beginner := func(p *Profile) { p.Level = Beginner }
	runRuleCases(t, []ruleCase{
		{"down and poor", downSquat(t) + strained(t, wed, 3), "squat", wed, nil,
			Deload, RuleFatigued, []any{Fact{Kind: FactTrendDown, Frac: [2]float64{0.05, 0.05}}, Fact{Kind: FactStrained, N: 3, Flags: []FlagKind{FlagSleep, FlagSoreness}}, Rx{Kind: RxDeloadThen, E1RM: 123.3}}},
		{"stalled and poor", stalledSquat(t) + strained(t, fri, 3), "squat", fri, nil, Deload, RuleFatigued, nil},
		{"down and noisy is no deload", downSquat(t) + strained(t, wed, 2), "squat", wed, nil, Hold, RuleOtherwise, nil},
		{"beginner: stalled and poor is not enough", stalledSquat(t) + strained(t, fri, 3), "squat", fri, beginner, Hold, RuleRecoveryPoor, nil},
		{"beginner: down and poor", downSquat(t) + strained(t, wed, 3), "squat", wed, beginner, Deload, RuleFatigued, nil},
	})
}

func TestRuleGrinding(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"stalled at RIR 0: hold with honest RIR", series(t, "squat", mon, 2, "100x5x3 rir0", "100x5x3 rir0", "100x5x3 rir0"), "squat", fri, nil,
			Hold, RuleGrinding, []any{exact{Fact{Kind: FactGrind, N: 9, Of: 9, Below: 2, Target: 2, Days: 3}}, Rx{Kind: RxRepeat, Honest: true, RIR: 2}}},
		{"progressing, 6 of 9 sets at RIR 0", series(t, "squat", mon, 2, "100x5x3 rir0", "100x5x3 rir0", "100x5x3 rir2"), "squat", fri, nil,
			Hold, RuleGrinding, []any{exact{Fact{Kind: FactGrind, N: 6, Of: 9, Below: 2, Target: 2, Days: 2}}}},
		{"down and grinding: deload", series(t, "squat", mon, 2, "100x5x3 rir2", "100x5x3 rir2", "100x5x3 rir2") +
			series(t, "squat", "2026-10-12", 2, "95x5x3 rir0", "95x5x3 rir0"), "squat", wed, nil, Deload, RuleGrinding, nil},
		{"progressing but grinding: hold", series(t, "bench", mon, 2, "80x5 rir0", "82.5x5 rir0", "85x5 rir0"), "bench", fri, nil,
			Hold, RuleGrinding, []any{Reason{Kind: ReasonGrinding}}},
		{"RIR 1 on a compound is not a grind", series(t, "squat", mon, 2, "100x5x3 rir1", "100x5x3 rir1", "100x5x3 rir1"), "squat", fri, nil,
			Push, RuleStalledClean, nil},
	})
}

func TestRuleRecoveryPoor(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"progressing, 3 strained days", progressingSquat(t) + strained(t, fri, 3), "squat", fri, nil,
			Hold, RuleRecoveryPoor, []any{Reason{Kind: ReasonRecoveryPoor}}},
		{"progressing, joints irritated on 3 of 5", progressingSquat(t) + `
2026-10-05 checkin joints irritated
2026-10-07 checkin joints irritated
2026-10-09 checkin joints irritated`, "squat", fri, nil, Hold, RuleRecoveryPoor, []any{Fact{Kind: FactJoints, N: 3}}},
		{"progressing, RHR up 3 days running", progressingSquat(t) + rhrLog(t, fri, 7, 55, 61, 62, 63), "squat", fri, nil,
			Hold, RuleRecoveryPoor, []any{Fact{Kind: FactRHRRun, N: 63, Value: [3]float64{55}, Days: 3}}},
		{"progressing, 2 strained days is noisy: push", progressingSquat(t) + strained(t, fri, 2), "squat", fri, nil,
			Push, RuleProgressing, nil},
	})
}

func TestRuleReadyToLoad(t *testing.T) {
	good := goodCheckins(t, fri, 5)
	runRuleCases(t, []ruleCase{
		{"squat: reps to spare twice, +5%", series(t, "squat", mon, 2, "100x5x3 rir3", "100x5x3 rir3", "100x5x3 rir3") + good, "squat", fri, nil,
			Push, RuleReadyToLoad, []any{Rx{Kind: RxNext, Lift: "squat", From: 100, Next: &Next{Sets: 3, Reps: 5, Load: 105, RIR: 2}}, Fact{Kind: FactSurplus, Value: [3]float64{1, 1}}, Rx{Kind: RxLever, Why: WhyLowerPct}}},
		{"bench: +2-5%, at least one increment", series(t, "bench", mon, 2, "80x5x3 rir3", "80x5x3 rir4", "80x5x3 rir3") + good, "bench", fri, nil,
			Push, RuleReadyToLoad, []any{Rx{Kind: RxNext, Lift: "bench", From: 80, Next: &Next{Sets: 3, Reps: 5, Load: 82.5, RIR: 2}}, Rx{Kind: RxLever, Why: WhyUpperPct}}},
		{"heavy bench in lb: 2% rounded up to 5 lb", series(t, "bench", mon, 2, "315lbx3 rir3", "315lbx3 rir3", "315lbx3 rir3") + good, "bench", fri,
			func(p *Profile) { p.Units = Lb }, Push, RuleReadyToLoad, []any{Rx{Kind: RxNext, From: 315, Next: &Next{Sets: 1, Reps: 3, Load: 325, RIR: 2}}}},
		{"surplus on the latest only: progressing rule", series(t, "squat", mon, 2, "100x5 rir2", "102.5x5 rir2", "105x5 rir3") + good, "squat", fri, nil,
			Push, RuleProgressing, []any{Rx{Kind: RxNext, From: 105, Next: &Next{Sets: 1, Reps: 5, Load: 107.5, RIR: 2}}}},
		{"recovery unknown does not qualify", series(t, "squat", mon, 2, "100x5x3 rir3", "100x5x3 rir3", "100x5x3 rir3"), "squat", fri, nil,
			Push, RuleStalledClean, []any{Fact{Kind: FactNoCheckin}}},
		// The change is computed from the shown current load: a load logged in
		// the other unit is first rounded to the increment (117.5 kg = 259.04 lb
		// shows as 260 lb), so the change is whole increments, not "+15.957 lb".
		{"lb lifter, squat logged in kg: the change is whole increments", series(t, "squat", mon, 2, "117.5x5x3 rir3", "117.5x5x3 rir3", "117.5x5x3 rir3") + good, "squat", fri,
			func(p *Profile) { p.Units = Lb }, Push, RuleReadyToLoad, []any{Rx{Kind: RxNext, Lift: "squat", From: 260, Next: &Next{Sets: 3, Reps: 5, Load: 275, RIR: 2}}}},
		{"kg lifter, bench logged in lb", series(t, "bench", mon, 2, "225lbx5x3 rir3", "225lbx5x3 rir3", "225lbx5x3 rir3") + good, "bench", fri,
			nil, Push, RuleReadyToLoad, []any{Rx{Kind: RxNext, Lift: "bench", From: 102.5, Next: &Next{Sets: 3, Reps: 5, Load: 105, RIR: 2}}}},
		{"light curl: 10% is under one increment, so one more rep", series(t, "curl", mon, 2, "10x8 rir2", "10x8 rir2", "10x8 rir2") + good, "curl", fri, nil,
			Push, RuleReadyToLoad, []any{Rx{Kind: RxNext, Lift: "curl", Next: &Next{Sets: 1, Reps: 9, Load: 10, RIR: targetRIRIsolation, Lever: "reps"}}, Rx{Kind: RxLever, Why: WhyOneMoreRep, N: 9}}},
	})
}

func TestRuleStalledClean(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"one more rep first", stalledSquat(t), "squat", fri, nil,
			Push, RuleStalledClean, []any{Rx{Kind: RxNext, Lift: "squat", Next: &Next{Sets: 3, Reps: 6, Load: 100, RIR: 2, Lever: "reps"}}, Rx{Kind: RxLever, Why: WhyOneMoreRep, N: 6}, Fact{Kind: FactNoCheckin}}},
		{"reps at the top of the bucket: one increment", series(t, "squat", mon, 2, "100x6x3 rir2", "100x6x3 rir2", "100x6x3 rir2"), "squat", fri, nil,
			Push, RuleStalledClean, []any{Rx{Kind: RxNext, Lift: "squat", From: 100, Next: &Next{Sets: 3, Reps: 6, Load: 102.5, RIR: 2, Lever: "load"}}, Rx{Kind: RxLever, Why: WhyTopOfRange}}},
		{"lb lifter, top reps logged in kg: one increment above the shown 220 lb", series(t, "squat", mon, 2, "100x6x3 rir2", "100x6x3 rir2", "100x6x3 rir2"), "squat", fri,
			func(p *Profile) { p.Units = Lb }, Push, RuleStalledClean, []any{Rx{Kind: RxNext, Lift: "squat", From: 220, Next: &Next{Sets: 3, Reps: 6, Load: 225, RIR: 2}}}},
		{"light load at top reps: one more set", series(t, "lateral raise", mon, 2, "8x10x3 rir1", "8x10x3 rir1", "8x10x3 rir1"), "lateral raise", fri, nil,
			Push, RuleStalledClean, []any{Rx{Kind: RxNext, Lift: "lateral raise", Next: &Next{Sets: 4, Reps: 10, Load: 8, RIR: targetRIRIsolation, Lever: "sets"}}, Rx{Kind: RxLever, Why: WhyMoreSet}}},
		{"noisy recovery: not clean", stalledSquat(t) + strained(t, fri, 1), "squat", fri, nil, Hold, RuleOtherwise, []any{Reason{Kind: ReasonStalledNoisy}}},
		{"normal recovery is clean", stalledSquat(t) + goodCheckins(t, fri, 3), "squat", fri, nil, Push, RuleStalledClean, nil},
	})
}

func TestRuleProgressing(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"same load, one more rep", progressingSquat(t), "squat", fri, nil,
			Push, RuleProgressing, []any{Rx{Kind: RxNext, Lift: "squat", Next: &Next{Sets: 3, Reps: 6, Load: 105, RIR: 2}}, Fact{Kind: FactTrendUp, Frac: [2]float64{0.02}}}},
		{"surplus on the latest: one increment", series(t, "squat", mon, 2, "100x5 rir2", "102.5x5 rir2", "105x5 rir3"), "squat", fri, nil,
			Push, RuleProgressing, []any{Rx{Kind: RxNext, Next: &Next{Sets: 1, Reps: 5, Load: 107.5, RIR: 2}}}},
		{"reps at the top of the bucket: one increment", series(t, "bench", mon, 2, "70x6 rir2", "72.5x6 rir2", "75x6 rir2"), "bench", fri, nil,
			Push, RuleProgressing, []any{Rx{Kind: RxNext, Lift: "bench", Next: &Next{Sets: 1, Reps: 6, Load: 77.5, RIR: 2}}}},
		{"in pounds, rounded to 5 lb", series(t, "squat", mon, 2, "225lbx5 rir2", "230lbx5 rir2", "235lbx5 rir3"), "squat", fri,
			func(p *Profile) { p.Units = Lb }, Push, RuleProgressing, []any{Rx{Kind: RxNext, From: 235, Next: &Next{Sets: 1, Reps: 5, Load: 240, RIR: 2}}}},
	})
}

func TestRuleOtherwise(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"down with clean recovery and honest effort", downSquat(t) + goodCheckins(t, wed, 3), "squat", wed, nil,
			Hold, RuleOtherwise, []any{Reason{Kind: ReasonDownUnclear}}},
		{"stalled with noisy recovery", stalledSquat(t) + strained(t, fri, 2), "squat", fri, nil, Hold, RuleOtherwise, nil},
		{"no lever left: 5 sets at top reps, light load", series(t, "lateral raise", mon, 2, "8x10x5 rir1", "8x10x5 rir1", "8x10x5 rir1"),
			"lateral raise", fri, nil, Hold, RuleOtherwise, []any{Reason{Kind: ReasonNoLever}}},
	})
}

// The ease-back loads come from the same week the deload prescribed from:
// a lift last trained eight days before the deload got no deload line, so
// it gets the general ease-back line, not one from that older session; a
// lift trained in the week gets its loads in both.
func TestEaseBackFromTheDeloadsWeek(t *testing.T) {
	log := series(t, "squat", "2026-09-18", 7, "100x5 rir2", "102.5x5 rir2", "105x5 rir2") + // last on 10-02: Start-8
		series(t, "bench", "2026-09-26", 4, "70x5 rir2", "72.5x5 rir2") + // 09-26, 09-30, then 10-06
		"2026-10-06 bench 75x5 rir2\n2026-10-10 deload 2026-10-16\n"
	h := mustHistory(t, log)
	p := testProfile()
	today := mustDate(t, "2026-10-17")
	if got, ok := easeBackRx(h, p, "squat", today); !ok || !matches(got, Rx{Kind: RxEaseBack1}, true) {
		t.Errorf("squat, last trained 8 days before the deload: %+v, want the general line", got)
	}
	if got, ok := easeBackRx(h, p, "bench", today); !ok || !matches(got, Rx{Kind: RxEaseBack1, Week1: 70, Work: 75}, true) {
		t.Errorf("bench, trained in the week before the deload: %+v, want its 75 kg", got)
	}
	for _, l := range DeloadWeek(h, p, mustDate(t, "2026-10-12")) {
		if l.Lift == "squat" {
			t.Errorf("deload week lists squat, last trained 8 days before: %+v", l)
		}
	}
}
