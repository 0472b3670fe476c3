package engine

// The verdict each rule of engine-rules sections 3 and 7 gives: its kind,
// reason, evidence and prescription.

// confounded is rule 5's HOLD: repeat the last clean comparable session.
func (a *advice) confounded(tags []string, reason Reason) Verdict {
	v := a.hold(RuleConfounded, reason)
	v.Evidence = append(v.Evidence, Fact{Kind: FactTagged, Tags: tags})
	if hasString(tags, "newsetup") {
		v.Evidence = append(v.Evidence, Fact{Kind: FactNewSetup})
	}
	if s := a.lastClean(); s != nil && !hasString(tags, "newsetup") {
		v.Next = a.nextOf(s, "")
		if len(v.Prescription) > 0 {
			v.Prescription[0] = Rx{Kind: RxRepeat, Lift: a.lift, Next: v.Next, Date: s.date}
		}
	}
	return v
}

// returning is section 7's layoff rule: a lift not trained for 14+ days, or
// back for fewer sessions than a trend needs, holds with a ramp back.
func (a *advice) returning() (Verdict, bool) {
	s := a.latestSess()
	if s == nil {
		return Verdict{}, false
	}
	if a.away >= returnGapDays {
		v := Verdict{Kind: Hold, Rule: RuleReturning, Reason: Reason{Kind: ReasonReturning, N: a.away}}
		v.Evidence = append([]Fact{{Kind: FactLastSession, Lift: a.lift, Date: a.ss[len(a.ss)-1].date, Days: a.away,
			Session: a.describe(s)}}, a.readiness()...)
		next := a.nextOf(s, "")
		cur := next.Load
		next.Load = a.un.rx(cur * rampBackPct)
		a.scaleBackoff(next, cur)
		v.Next = next
		v.Prescription = []Rx{{Kind: RxReturn, Lift: a.lift, Next: next}}
		return v, true
	}
	if a.gap == 0 || len(a.cmp) >= minTrendN {
		return Verdict{}, false
	}
	back := a.ss[a.start].date
	v := a.hold(RuleReturning, Reason{Kind: ReasonBackAfter, N: a.gap, Date: back})
	return v, true
}

// painDay returns the latest day in the last 7 with a pain tag on the lift.
func (a *advice) painDay() (Date, bool) {
	from := a.today.AddDays(-(recentDays - 1))
	for i := len(a.ss) - 1; i >= 0 && a.ss[i].date >= from; i-- {
		if hasString(a.ss[i].tags, "pain") {
			return a.ss[i].date, true
		}
	}
	return 0, false
}

// confounders returns the context tags of the latest session and of its day's check-in.
func (a *advice) confounders() []string {
	return a.confoundersOf(a.latestSess())
}

// lastClean is the latest comparable session before the latest one with no
// context tag on its sets or its day's check-in, or nil.
func (a *advice) lastClean() *session {
	for i := len(a.cmp) - 2; i >= 0; i-- {
		if len(a.confoundersOf(a.cmp[i])) == 0 {
			return a.cmp[i]
		}
	}
	return nil
}

// confoundersOf returns the context tags of s and of its day's check-in.
func (a *advice) confoundersOf(s *session) []string {
	if s == nil {
		return nil
	}
	var tags []string
	for _, t := range s.tags {
		if contextTags[t] && !hasString(tags, t) {
			tags = append(tags, t)
		}
	}
	var day *Checkin // the day's last check-in wins
	for i := range a.h.Checkins {
		if a.h.Checkins[i].Date == s.date {
			day = &a.h.Checkins[i]
		}
	}
	if day != nil {
		for _, t := range day.Tags {
			if contextTags[t] && !hasString(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	return tags
}

// hold is a HOLD that repeats the latest session (with no session yet: log one).
func (a *advice) hold(r Rule, reason Reason) Verdict {
	v := Verdict{Kind: Hold, Rule: r, Reason: reason, Evidence: a.baseEvidence()}
	rx := Rx{Kind: RxLogFirst, Lift: a.lift}
	if s := a.latestSess(); s != nil {
		v.Next = a.nextOf(s, "")
		rx.Kind, rx.Next = RxRepeat, v.Next
	}
	if a.quiet {
		return v // a past day's advice: only its kind and Next are read
	}
	v.Prescription = []Rx{rx}
	if l, ok := a.easeBack(); ok {
		v.Prescription = append(v.Prescription, l)
	}
	return v
}

func (a *advice) insufficient() Verdict {
	need := minTrendN - len(a.cmp)
	v := a.hold(RuleInsufficient, Reason{Kind: ReasonInsufficient, N: need})
	if len(a.cmp) == 0 {
		v.Evidence = append([]Fact{{Kind: FactNoSession, Lift: a.lift}}, v.Evidence...)
	}
	if s := a.latestSess(); s != nil && s.low {
		v.Evidence = append(v.Evidence, Fact{Kind: FactLogEffort})
	}
	return v
}

func (a *advice) pain(d Date) Verdict {
	v := Verdict{Kind: Deload, Rule: RulePain, Reason: Reason{Kind: ReasonPain}}
	v.Evidence = append([]Fact{{Kind: FactPain, Lift: a.lift, Date: d}}, a.baseEvidence()...)
	if dl := a.deloadLine(); dl != nil && !a.quiet {
		v.Next = dl.next()
		v.Prescription = append(v.Prescription, Rx{Kind: RxPainWeek, Lift: a.lift, Next: v.Next})
	}
	v.Prescription = append(v.Prescription, Rx{Kind: RxPainStop})
	return v
}

// deloadLine is this lift's line of the deload week (the running one, or
// one starting today), or nil: the text and Next of a DELOAD come from it.
func (a *advice) deloadLine() *deloadLift {
	ref, _ := deloadRef(a.h, a.today)
	for _, d := range deloadPlan(a.h, a.p, ref, a.lift) {
		if d.lift == a.lift {
			return &d
		}
	}
	return nil
}

// next is a deload line as numbers.
func (d *deloadLift) next() *Next {
	n := &Next{Sets: d.sets, Reps: d.reps, Load: d.load, Bodyweight: d.bodyw, RIR: deloadRIR, Lever: "deload"}
	if d.boSets > 0 {
		n.Backoff = &Backoff{Sets: d.boSets, Reps: d.boReps, Load: d.boLoad}
	}
	return n
}

func (a *advice) deload(r Rule, reason Reason) Verdict {
	v := Verdict{Kind: Deload, Rule: r, Reason: reason, Evidence: a.baseEvidence()}
	if !a.quiet {
		v.Prescription = deloadPrescription(a.h, a.p, a.lift, a.today, a.best())
		if dl := a.deloadLine(); dl != nil {
			v.Next = dl.next()
		}
	}
	return v
}
