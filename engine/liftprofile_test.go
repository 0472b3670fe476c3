package engine

import "testing"

func TestProfilePattern(t *testing.T) {
	p := Profile{
		Kinds: map[string]Pattern{"leg press": {Compound: false, Lower: true}, "squat": {Compound: true, Lower: true}},
		Bases: map[string]string{"ssb": "squat", "zercher": "ssb", "loop": "loop", "cable thing": "curl"},
	}
	tests := []struct {
		lift string
		want Pattern
		main bool
	}{
		{"ssb", Pattern{Compound: true, Lower: true}, true},            // the base's class
		{"zercher", Pattern{Compound: true, Lower: false}, false},      // one step only: ssb is no catalog word, so the cautious default
		{"leg press", Pattern{Compound: false, Lower: true}, false},    // the override beats the catalog
		{"loop", Pattern{Compound: true, Lower: false}, false},         // a variation of itself is none
		{"cable thing", Pattern{Compound: false, Lower: false}, false}, // isolation from its base
		{"paused squat", Pattern{Compound: true, Lower: true}, true},   // the catalog's, as before
		{"unheard of", Pattern{Compound: true, Lower: false}, false},
	}
	for _, tt := range tests {
		if got := p.Pattern(tt.lift); got != tt.want {
			t.Errorf("Pattern(%q) = %+v, want %+v", tt.lift, got, tt.want)
		}
		if got := p.MainCompound(tt.lift); got != tt.main {
			t.Errorf("MainCompound(%q) = %v, want %v", tt.lift, got, tt.main)
		}
	}
}

// A declared variation is advised as its base's variation, and a kind
// override changes the increment the engine picks.
func TestProfileLiftsInAdvice(t *testing.T) {
	good := goodCheckins(t, fri, 5)
	variation := func(p *Profile) { p.Bases = map[string]string{"ssb": "squat"} }
	upper := func(p *Profile) { p.Kinds = map[string]Pattern{"squat": {Compound: true, Lower: false}} }
	runRuleCases(t, []ruleCase{
		{"ssb unknown: an upper-body compound's 2-5%", series(t, "ssb", mon, 2, "100x5x3 rir3", "100x5x3 rir3", "100x5x3 rir3") + good, "ssb", fri, nil,
			Push, RuleReadyToLoad, []any{Rx{Kind: RxNext, Lift: "ssb", From: 100, Next: &Next{Sets: 3, Reps: 5, Load: 102.5, RIR: 2}}, Rx{Kind: RxLever, Why: WhyUpperPct}}},
		{"ssb a squat variation: a lower-body compound's 5-10%", series(t, "ssb", mon, 2, "100x5x3 rir3", "100x5x3 rir3", "100x5x3 rir3") + good, "ssb", fri, variation,
			Push, RuleReadyToLoad, []any{Rx{Kind: RxNext, Lift: "ssb", From: 100, Next: &Next{Sets: 3, Reps: 5, Load: 105, RIR: 2}}, Rx{Kind: RxLever, Why: WhyLowerPct}}},
		{"squat declared upper body: 2-5%", series(t, "squat", mon, 2, "100x5x3 rir3", "100x5x3 rir3", "100x5x3 rir3") + good, "squat", fri, upper,
			Push, RuleReadyToLoad, []any{Rx{Kind: RxNext, Lift: "squat", From: 100, Next: &Next{Sets: 3, Reps: 5, Load: 102.5, RIR: 2}}, Rx{Kind: RxLever, Why: WhyUpperPct}}},
	})
	// The failure warning is for the main lifts and their variations only.
	h := mustHistory(t, "2026-10-05 ssb 100x5 rir2, 100x5 fail\n2026-10-09 ssb 100x5 rir0\n")
	if w := weekShape(h, Profile{}, "ssb", mustDate(t, fri)); len(w) != 0 {
		t.Errorf("ssb undeclared: got warnings %+v, want none", w)
	}
	p := Profile{}
	variation(&p)
	w := weekShape(h, p, "ssb", mustDate(t, fri))
	if len(w) != 1 || !matches(w[0], Warning{Kind: WarnFailure, Lift: "ssb", Dates: []Date{mustDate(t, "2026-10-05"), mustDate(t, "2026-10-09")}}, false) {
		t.Errorf("ssb a squat variation: got warnings %+v, want the failure warning", w)
	}
	// An isolation override drops the target RIR to 1: RIR 0 no longer
	// grinds a compound's target by 2, so the lift is not grinding.
	log := series(t, "leg press", mon, 2, "100x10 rir0", "100x10 rir0", "100x10 rir0")
	ss := sessionsOf(mustHistory(t, log), "leg press", mustDate(t, fri))
	if !grindingOf(ss, Profile{}, "leg press", mustDate(t, fri)).on {
		t.Errorf("leg press as a compound at RIR 0: not grinding, want grinding")
	}
	iso := Profile{Kinds: map[string]Pattern{"leg press": {Compound: false, Lower: true}}}
	if g := grindingOf(ss, iso, "leg press", mustDate(t, fri)); g.on {
		t.Errorf("leg press declared isolation at RIR 0: grinding (%+v), want not", g)
	}
}
