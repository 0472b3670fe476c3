package engine

import "strconv"

// The verdict each rule of engine-rules sections 3 and 7 gives: its kind,
// reason, evidence and prescription.

// confounded is rule 5's HOLD: repeat the last clean comparable session.
func (a *advice) confounded(tags []string, reason string) Verdict {
	v := a.hold(RuleConfounded, reason)
	v.Evidence = append(v.Evidence, "latest session tagged "+hashTags(tags))
	if hasString(tags, "newsetup") {
		v.Evidence = append(v.Evidence, "a new setup starts a new baseline: sessions before it are not compared")
	}
	if s := a.lastClean(); s != nil && !hasString(tags, "newsetup") {
		v.Prescription[0] = a.repeatOf(s, "repeat "+s.date.String()+", the last session without a context tag")
		v.Next = a.nextOf(s, "")
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
		v := Verdict{Kind: Hold, Rule: RuleReturning, Reason: "returning after " + strconv.Itoa(a.away) + " days off this lift: ramp back"}
		v.Evidence = append([]string{"last " + a.lift + " session " + a.ss[len(a.ss)-1].date.String() + ", " +
			plural(a.away, "day") + " ago: " + a.describe(s)}, a.rd.evidence(a.today)...)
		next := a.nextOf(s, "")
		cur := next.Load
		next.Load = a.un.rx(cur * rampBackPct)
		a.scaleBackoff(next, cur)
		v.Next = next
		v.Prescription = []string{"First session back: " + a.nextText(next) + " (about 90% of your last working load), then build back over a few sessions."}
		return v, true
	}
	if a.gap == 0 || len(a.cmp) >= minTrendN {
		return Verdict{}, false
	}
	back := a.ss[a.start].date
	v := a.hold(RuleReturning, "back after "+strconv.Itoa(a.gap)+" days off this lift: the trend starts again from "+back.String())
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

func (a *advice) hold(r Rule, reason string) Verdict {
	v := Verdict{Kind: Hold, Rule: r, Reason: reason, Evidence: a.baseEvidence()}
	v.Prescription = []string{a.repeatLine("repeat")}
	if s := a.latestSess(); s != nil {
		v.Next = a.nextOf(s, "")
	}
	if l := a.easeBack(); l != "" {
		v.Prescription = append(v.Prescription, l)
	}
	return v
}

// repeatLine writes "Next session (repeat): squat 3 sets of 5 at 100 kg, RIR 2."
func (a *advice) repeatLine(what string) string {
	s := a.latestSess()
	if s == nil {
		return "Log " + a.lift + " with load, reps and effort, e.g. " + a.lift + " 100x5 rir2."
	}
	return a.repeatOf(s, what)
}

// repeatOf writes the repeat line for session s, its shape kept.
func (a *advice) repeatOf(s *session, what string) string {
	return "Next session (" + what + "): " + a.nextText(a.nextOf(s, "")) + "."
}

func (a *advice) insufficient() Verdict {
	need := minTrendN - len(a.cmp)
	v := a.hold(RuleInsufficient, "not enough comparable sessions to judge a trend")
	if len(a.cmp) == 0 {
		v.Evidence = append([]string{"no scored " + a.lift + " session in the last 8 weeks"}, v.Evidence...)
	}
	v.Reason = plural(need, "more comparable session") + " needed"
	if s := a.latestSess(); s != nil && s.low {
		v.Evidence = append(v.Evidence, "log effort (rir2 or rpe8) to sharpen the estimate")
	}
	return v
}

func (a *advice) pain(d Date) Verdict {
	v := Verdict{Kind: Deload, Rule: RulePain, Reason: "pain on this lift in the last 7 days"}
	v.Evidence = append([]string{"#pain on " + a.lift + " on " + d.String()}, a.baseEvidence()...)
	if dl := a.deloadLine(); dl != nil && !a.quiet {
		v.Prescription = append(v.Prescription, "This week: "+dl.line(a.un)+", lighter and in a pain-free range of motion only.")
		v.Next = dl.next()
	}
	v.Prescription = append(v.Prescription,
		"Stop any set that hurts. Pain that persists needs a qualified professional (physiotherapist or doctor); this is not medical advice.")
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

func (a *advice) deload(r Rule, reason string) Verdict {
	v := Verdict{Kind: Deload, Rule: r, Reason: reason, Evidence: a.baseEvidence()}
	if !a.quiet {
		v.Prescription = deloadPrescription(a.h, a.p, a.lift, a.today, a.best())
		if dl := a.deloadLine(); dl != nil {
			v.Next = dl.next()
		}
	}
	return v
}
