package engine

// advice holds what one Advise call computes once.
type advice struct {
	h      History
	p      Profile
	un     units
	lift   string
	today  Date
	ss     []session
	latest int
	start  int // first session the trend reads (after a layoff or a new setup)
	gap    int // days of the layoff before ss[start], 0 when none
	away   int // days since the lift was last trained
	rng    repRange
	cmp    []*session
	tr     trend
	step   *session // double progression: the load stepped up past the best earlier session, which is this one
	linear bool     // the last three comparable sessions each added load at the same reps
	rd     readiness
	tReps  int
	tRIR   float64
	quiet  bool // a past day's advice, for read-backs: only its kind and a PUSH's Next are read, so no evidence, deload week or ease-back is written
	shared *shared
}

// shared is what every lift and day of one call reads alike from History,
// computed once.
type shared struct {
	log   *trainingLog
	ready map[Date]readiness
	plans map[Date]planState
	facts map[Date][]Fact // readiness evidence by day (advice.readiness)
}

// plan is the planned-deload clock on day d (the same for every lift; a
// read-back replays the days before today).
func (c *shared) plan(h History, p Profile, d Date) planState {
	ps, ok := c.plans[d]
	if !ok {
		if c.plans == nil {
			c.plans = map[Date]planState{}
		}
		ps = planOfDays(h, p, d, c.trainingLog(h))
		c.plans[d] = ps
	}
	return ps
}

func (c *shared) trainingLog(h History) *trainingLog {
	if c.log == nil {
		c.log = trainingLogOf(h)
	}
	return c.log
}

func (c *shared) readiness(h History, d Date) readiness {
	r, ok := c.ready[d]
	if !ok {
		if c.ready == nil {
			c.ready = map[Date]readiness{}
		}
		r = readinessOf(h.Checkins, d)
		c.ready[d] = r
	}
	return r
}

// Advise returns the verdict for one lift on day today, by the rules of
// engine-rules sections 3 and 7, first match wins. Beyond the letter of the
// rules:
//   - "ready to load" (rule 9) does not fire on a `down` trend: adding load to
//     a lift that is losing strength is not what the rule is for, so a down,
//     clean, well-recovered lift falls through to rule 12 (HOLD).
//   - Advise changes nothing and opens nothing: experiments are read from
//     what the lifter did (a deload week started; a session that followed a
//     pushed lever), see experimentsOf.
//   - in the two ease-back weeks after a deload the rules run as usual and
//     the prescription adds the ease-back load (week 1 at 92.5%, the middle
//     of 90-95%, week 2 at 100% of the pre-deload working load);
//   - "confounded" (rule 5) reads the context tags of the latest session's
//     sets and of that day's check-in. Its "repeat the week" repeats the
//     last comparable session that is not confounded by the same test, with
//     its load, sets and reps: a lighter #travel session is the thing not to
//     judge, so it is not the thing to repeat either. With no clean
//     comparable session it repeats the latest;
//   - a returning lift (section 7) is judged before the planned-deload clock:
//     it gets a ramp back, never a planned deload;
//   - #sick and #newsetup hold (section 7) after pain and a running deload
//     week, and before everything else;
//   - when a rule's lever cannot be pulled (one increment would be more than
//     10% of the load, reps at the top of the range and five sets already),
//     the next lever in the rule's order is used; if none is left the verdict
//     is HOLD (rule 12) with that reason.
func Advise(h History, p Profile, lift string, today Date) Verdict {
	return advise(h, p, lift, today, &shared{})
}

func advise(h History, p Profile, lift string, today Date, c *shared) Verdict {
	lift = CanonicalLift(lift)
	a := newAdviceOn(h, p, lift, today, sessionsOf(h, lift, today), c)
	v := a.decide()
	v.Lift, v.Units = a.lift, a.un.u
	a.summarize(&v)
	v.Warnings = weekShape(h, p, a.lift, today)
	v.ReadBack, _ = readBack(a)
	return v
}

// summarize fills the verdict's key numbers.
func (a *advice) summarize(v *Verdict) {
	if s := a.latestSess(); s != nil && s.date >= a.today.AddDays(-(comparableDays-1)) {
		v.E1RM = s.score
	}
	if n := len(a.ss); n > 0 && a.ss[n-1].top.Bodyweight && BodyWeightOn(a.h.BodyWeights, a.ss[n-1].date) == 0 {
		v.AddedLoadOnly = true
	}
	v.Trend = a.tr.kind
	if t := a.tr; t.kind != TrendInsufficient && t.best > 0 {
		r := maxOf(t.recent)
		if t.kind == TrendDown {
			r = t.recent[len(t.recent)-1]
		}
		v.Change = (r - t.best) / t.best
	}
	if a.step != nil {
		v.LoadStep, v.Change = true, 0
	}
	v.Readiness = a.readiness()
	// Pain and grinding are about this lift; a planned deload, fatigue
	// (recovery poor) and a running deload week are the whole body's week.
	v.WholeBody = v.Kind == Deload && (v.Rule == RulePlannedDeload || v.Rule == RuleFatigued || v.Rule == RuleDeloadWeek)
}

// newAdviceOn is newAdvice on the lift's sessions up to today, already read.
func newAdviceOn(h History, p Profile, lift string, today Date, ss []session, c *shared) *advice {
	a := &advice{h: h, p: p, un: unitsOf(p), lift: lift, today: today, shared: c}
	a.ss = ss
	a.latest = latestSession(a.ss)
	if n := len(a.ss); n > 0 {
		a.away = today.DaysSince(a.ss[n-1].date)
	}
	a.tRIR = targetRIR(p, lift)
	a.rd = c.readiness(h, today)
	if a.latest < 0 {
		a.tr = trend{kind: TrendInsufficient}
		return a
	}
	a.start, a.gap = restartOf(a.ss, a.latest)
	set, has := p.Ranges[lift]
	a.rng = rangeOf(a.ss, a.start, a.latest, set, has)
	a.cmp = comparable(a.ss, a.start, a.latest, a.rng, today)
	scores := make([]float64, len(a.cmp))
	for i, s := range a.cmp {
		scores[i] = s.score
	}
	a.tr = trendOf(scores)
	a.tReps = targetReps(a.cmp, a.rng)
	n := len(a.cmp)
	if a.rng.double && (a.tr.kind == TrendDown || a.tr.kind == TrendStalled) {
		// Double progression steps the load up and the reps back down: the
		// e1RM of 62.5x8 reads lower than 60x12, but it is the plan working.
		// When the latest top set is heavier than the best earlier session's,
		// the lift is progressing.
		start, end := splitAt(n)
		for _, b := range a.cmp[start:end] {
			if b.score >= a.tr.best-eps && a.cmp[n-1].top.Load.Kg() > b.top.Load.Kg()+1e-6 {
				a.step, a.tr.kind = b, TrendProgressing
			}
		}
	}
	if n >= 4 {
		a.linear = true
		for k := n - 3; k < n; k++ {
			prev, cur := a.cmp[k-1].top, a.cmp[k].top
			if cur.Reps != prev.Reps || cur.Load.Kg() <= prev.Load.Kg()+1e-6 {
				a.linear = false
			}
		}
	}
	return a
}

// AdviseAll returns one verdict per lift trained in the 28 days up to today,
// ordered by lift name.
func AdviseAll(h History, p Profile, today Date) []Verdict {
	lifts := liftsSince(h, today.AddDays(-27), today)
	out := make([]Verdict, 0, len(lifts))
	c := &shared{}
	for _, l := range lifts {
		out = append(out, advise(h, p, l, today, c))
	}
	return out
}

// easeBack is the ease-back line of the weeks after a deload; none in quiet mode.
func (a *advice) easeBack() (Rx, bool) {
	if a.quiet {
		return Rx{}, false
	}
	return easeBackRx(a.h, a.p, a.lift, a.today)
}

func (a *advice) latestSess() *session {
	if a.latest < 0 {
		return nil
	}
	return &a.ss[a.latest]
}

func (a *advice) best() float64 {
	b := 0.0
	for _, s := range a.cmp {
		b = max(b, s.score)
	}
	return b
}

// holdTags are the context tags that hold whatever the trend (section 7).
var holdTags = []string{"sick", "newsetup"}

func (a *advice) decide() Verdict {
	// 1. Pain on the lift in the last 7 days.
	if d, ok := a.painDay(); ok {
		return a.pain(d)
	}
	// 2. Inside a deload week.
	if period := inDeloadWeek(a.h.Deloads, a.today); period != nil {
		v := a.deload(RuleDeloadWeek, Reason{Kind: ReasonDeloadWeek})
		v.Evidence = append([]Fact{{Kind: FactDeloadWeek, Date: period.Start, End: period.End,
			Days: a.today.DaysSince(period.Start) + 1}}, v.Evidence...)
		return v
	}
	// Section 7: a returning lift ramps back; it is no planned deload.
	if v, ok := a.returning(); ok {
		return v
	}
	// Section 7: #sick and #newsetup hold, whatever the trend.
	if tags := a.confounders(); hasAny(tags, holdTags) {
		return a.confounded(tags, Reason{Kind: ReasonHoldTags, Tags: tags})
	}
	down := a.tr.kind == TrendDown
	flat := down || a.tr.kind == TrendStalled
	ps := a.shared.plan(a.h, a.p, a.today)
	// 6, before 3: fatigue is the stronger reason (section 7); a planned
	// deload due then is supporting evidence.
	if a.rd.state == RecoveryPoor && (down || (flat && a.p.Level != Beginner)) {
		v := a.deload(RuleFatigued, Reason{Kind: ReasonFatigued, Trend: a.tr.kind})
		if ps.due {
			c := ps.clock()
			v.Evidence = append(v.Evidence, Fact{Kind: FactPlanClock, Clock: &c, Up: true})
		}
		return v
	}
	// 3. A planned deload is due.
	if ps.due {
		v := a.deload(RulePlannedDeload, Reason{Kind: ReasonPlannedDeload})
		c := ps.clock()
		v.Evidence = append([]Fact{{Kind: FactPlanClock, Clock: &c}}, v.Evidence...)
		return v
	}
	// 4. Insufficient data.
	if a.tr.kind == TrendInsufficient {
		return a.insufficient()
	}
	// 5. Confounded latest session.
	if tags := a.confounders(); len(tags) > 0 && flat {
		return a.confounded(tags, Reason{Kind: ReasonConfounded, Tags: tags})
	}
	// 7. Grinding.
	if g := grindingOf(a.ss, a.p, a.lift, a.today); g.on {
		if down {
			v := a.deload(RuleGrinding, Reason{Kind: ReasonGrindingDown})
			v.Evidence = append(v.Evidence, a.grindFact(g))
			return v
		}
		v := a.hold(RuleGrinding, Reason{Kind: ReasonGrinding})
		v.Evidence = append(v.Evidence, a.grindFact(g))
		if len(v.Prescription) > 0 {
			v.Prescription[0].Honest, v.Prescription[0].RIR = true, a.tRIR
		}
		return v
	}
	// 8. Recovery poor, performance fine.
	if a.rd.state == RecoveryPoor {
		return a.hold(RuleRecoveryPoor, Reason{Kind: ReasonRecoveryPoor})
	}
	// 9. Ready to load.
	if !down && (a.rd.state == RecoveryNormal || a.rd.state == RecoveryNoisy) {
		if line, ok := a.surplusFact(); ok {
			order := []lever{leverLoadPct, leverReps, leverSets}
			if a.rng.double {
				order = []lever{leverLoad, leverReps, leverSets} // one increment, back at the bottom of the range
			}
			if v, ok := a.push(RuleReadyToLoad, Reason{Kind: ReasonReadyToLoad}, order); ok {
				v.Evidence = append(v.Evidence, line)
				return v
			}
		}
	}
	// 10. Stalled, clean.
	if a.tr.kind == TrendStalled && (a.rd.state == RecoveryNormal || a.rd.state == RecoveryUnknown) {
		order := []lever{leverReps, leverLoad, leverSets}
		if a.linear {
			order = []lever{leverLoad, leverReps, leverSets}
		}
		if v, ok := a.push(RuleStalledClean, Reason{Kind: ReasonStalledClean}, order); ok {
			return v
		}
	}
	// 11. Progressing.
	if a.tr.kind == TrendProgressing {
		order := []lever{leverReps, leverLoad, leverSets}
		if s, ok := surplus(a.cmp[len(a.cmp)-1], a.tReps, a.tRIR); (ok && s >= 1-eps && !a.rng.double) || a.linear {
			order = []lever{leverLoad, leverReps, leverSets}
		}
		reason := Reason{Kind: ReasonProgressing}
		if a.linear {
			reason.Kind = ReasonAddingLoad
		}
		if v, ok := a.push(RuleProgressing, reason, order); ok {
			return v
		}
	}
	// 12. Otherwise.
	return a.hold(RuleOtherwise, a.otherwiseReason())
}

func hasAny(ss, want []string) bool {
	for _, w := range want {
		if hasString(ss, w) {
			return true
		}
	}
	return false
}

func (a *advice) otherwiseReason() Reason {
	switch {
	case a.tr.kind == TrendDown:
		return Reason{Kind: ReasonDownUnclear}
	case a.tr.kind == TrendStalled && a.rd.state == RecoveryNoisy:
		return Reason{Kind: ReasonStalledNoisy}
	}
	return Reason{Kind: ReasonNoLever}
}
