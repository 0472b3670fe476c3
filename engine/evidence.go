package engine

import "math"

// Evidence: a verdict's numbers in the lifter's units, a fact each.

// baseEvidence is every verdict's evidence: the latest session, the trend, readiness.
func (a *advice) baseEvidence() []Fact {
	if a.quiet {
		return nil // a past day's advice: only its verdict and Next are read
	}
	var out []Fact
	if s := a.latestSess(); s != nil {
		out = append(out, Fact{Kind: FactLatest, Date: s.date, Session: a.describe(s)})
	}
	if f, ok := a.trendFact(); ok {
		out = append(out, f)
	}
	return append(out, a.readiness()...)
}

// readiness is the readiness facts of today, made once per call: every
// verdict shows them in its evidence and again in Verdict.Readiness, and
// every lift's are the same (the slice is shared, never written).
func (a *advice) readiness() []Fact {
	c := a.shared
	fs, ok := c.facts[a.today]
	if !ok {
		if c.facts == nil {
			c.facts = map[Date][]Fact{}
		}
		fs = a.rd.evidence(a.today)
		c.facts[a.today] = fs
	}
	return fs
}

// describe is a session's shape: the top set(s) with effort and e1RM,
// back-offs, and ramp-ups left out. Sets group with the top set only when
// load, reps and effort all match (no effort logged is an effort of its
// own; a failure set is RIR 0), so "3x5 at RIR 2" never hides a set at RIR
// 1.5 or one without effort; sets at the top load with fewer reps show as
// missed reps.
func (a *advice) describe(s *session) *SessionShape {
	sh := &SessionShape{Top: a.setShape(s.top)}
	n := 0
	if s.missedReps() {
		n = s.topN()
		sh.Missed = s.topReps
	} else {
		topRIR, topHas := effort(s.top)
		for i, st := range s.sets {
			rir, has := effort(*st)
			if s.counts(i) && st.Reps == s.top.Reps && st.Load == s.top.Load && st.Bodyweight == s.top.Bodyweight &&
				has == topHas && rir == topRIR {
				n++
			}
		}
	}
	sh.N = n
	if s.score > 0 {
		sh.E1RM, sh.Low = a.un.fromKg(s.score), s.low
	}
	other := s.working - n
	if bo := s.backoff; bo != nil {
		sh.Backoff = &BackoffShape{N: s.backoffN, Set: a.setShape(*bo)}
		if short(s.boReps) {
			sh.Backoff.Short = s.boReps
		}
		other -= s.backoffN
	}
	// A heavier set than the top (a single before back-offs whose e1RM
	// reads lower) is named: the lifter knows it as the day's top set.
	var heavy *Set
	for i, st := range s.sets {
		if s.counts(i) && st.Load.Kg() > s.top.Load.Kg()+1e-9 && (heavy == nil || st.Load.Kg() > heavy.Load.Kg()) {
			heavy = st
		}
	}
	if heavy != nil {
		h := a.setShape(*heavy)
		sh.Heavy = &h
		other--
	}
	sh.Other = max(other, 0)
	sh.Ramp = s.ramp
	return sh
}

// setShape is a logged set for evidence: its load exact in the unit it was
// typed in, to one decimal when converted (100 kg to a lb user reads 220.5 lb).
func (a *advice) setShape(s Set) SetShape {
	v := a.un.load(s.Load)
	if s.Load.Unit != a.un.u {
		v = math.Round(v*10) / 10
	}
	rir, has := effort(s)
	return SetShape{Load: v, Bodyweight: s.Bodyweight, Reps: s.Reps, RIR: rir, HasRIR: has}
}

func (a *advice) trendFact() (Fact, bool) {
	t := a.tr
	switch t.kind {
	case TrendInsufficient:
		if len(a.cmp) == 0 {
			return Fact{}, false
		}
		return Fact{Kind: FactTrendShort, N: len(a.cmp), Of: minTrendN, Range: a.rangeRef()}, true
	case TrendDown:
		n := len(t.recent)
		last, prev := t.recent[n-1], 0.0
		if n >= 2 {
			prev = t.recent[n-2]
		} else {
			prev = t.before[len(t.before)-1]
		}
		return Fact{Kind: FactTrendDown, Value: [3]float64{a.un.fromKg(prev), a.un.fromKg(last), a.un.fromKg(t.best)},
			Frac: [2]float64{(t.best - prev) / t.best, (t.best - last) / t.best}}, true
	}
	if b := a.step; b != nil {
		last := a.cmp[len(a.cmp)-1]
		return Fact{Kind: FactLoadStep, Step: &[2]SetShape{a.setShape(b.top), a.setShape(last.top)}, Range: a.rangeRef()}, true
	}
	r := maxOf(t.recent)
	f := Fact{Kind: FactTrendUp, N: len(t.recent), Value: [3]float64{a.un.fromKg(r), a.un.fromKg(t.best)},
		Frac: [2]float64{(r - t.best) / t.best}}
	if t.kind == TrendStalled {
		f.Kind = FactTrendStalled
	}
	return f, true
}

func (a *advice) grindFact(g grind) Fact {
	// RIR can't go below 0, so a threshold of 0 reads "at RIR 0", not "at RIR 0 or less".
	return Fact{Kind: FactGrind, N: g.grinds, Of: g.withRIR, RIR: max(a.tRIR-grindRIRBelow, 0), Below: grindRIRBelow,
		Target: a.tRIR, Days: len(g.failDates)}
}

// surplusFact reports surplus >= 1 on the last two comparable sessions.
func (a *advice) surplusFact() (Fact, bool) {
	n := len(a.cmp)
	if n < 2 {
		return Fact{}, false
	}
	s1, ok1 := surplus(a.cmp[n-2], a.tReps, a.tRIR)
	s2, ok2 := surplus(a.cmp[n-1], a.tReps, a.tRIR)
	if !ok1 || !ok2 || s1 < 1-eps || s2 < 1-eps {
		return Fact{}, false
	}
	return Fact{Kind: FactSurplus, Value: [3]float64{s1, s2}, N: a.tReps, Target: a.tRIR}, true
}

// rangeRef is the rep range comparable sessions share, and whose it is.
func (a *advice) rangeRef() RangeRef {
	r := RangeRef{Lo: a.rng.lo, Hi: a.rng.hi, Open: a.rng.kind == rangeBucket && a.rng.lo == 16, Kind: RangeBucket}
	switch a.rng.kind {
	case rangeSet:
		r.Kind = RangeSet
	case rangeInferred:
		r.Kind = RangeInferred
	}
	return r
}
