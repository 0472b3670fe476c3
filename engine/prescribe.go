package engine

import "math"

// lever is what a PUSH changes.
type lever int

const (
	leverReps    lever = iota // one more rep
	leverLoad                 // one increment of load
	leverLoadPct              // a percentage step (rule 9)
	leverSets                 // one more set
)

// Load steps of rule 9 (ACSM progression model: 2-10% once the lifter has
// reps to spare), as fractions of the working load.
const (
	upperStepLo = 0.02
	upperStepHi = 0.05
	lowerStepLo = 0.05
	lowerStepHi = 0.10
)

func (l lever) name() string {
	switch l {
	case leverReps:
		return "reps"
	case leverSets:
		return "sets"
	}
	return "load"
}

// nextLoad returns the next load (display unit) for the load levers, on the
// increment grid, and whether the lever can be pulled. The change is always
// at least one increment and at most 10% of the current load; when one
// increment is already more than 10% (a light load: under 25 kg at 2.5 kg
// steps) the load lever can't be pulled and the caller moves on to reps or
// sets. The percentage step (rule 9) aims at the low end of the lift's range,
// rounded up to the grid, and never beyond its high end unless one increment
// is more (then one increment, still within 10%).
func nextLoad(cur float64, un units, pct bool, lowerCompound bool) (float64, bool) {
	if cur <= 0 {
		return 0, false
	}
	limit := cur * (1 + maxPushPercent)
	grid := func(v float64) float64 { return math.Round(v*1000) / 1000 }
	next := grid(roundUp(cur+un.inc, un.inc)) // at least one increment above cur
	if pct {
		lo, hi := upperStepLo, upperStepHi
		if lowerCompound {
			lo, hi = lowerStepLo, lowerStepHi
		}
		target := grid(roundUp(cur*(1+lo), un.inc))
		if target > next {
			next = target
		}
		if capped := grid(math.Floor(cur*(1+hi)/un.inc+eps) * un.inc); next > capped && capped-cur >= un.inc-eps {
			next = capped
		}
	}
	if next-cur < un.inc-eps || next > limit+eps {
		return 0, false
	}
	return next, true
}

// nextOf is session s repeated as the next session, shape kept: its top
// set(s) and back-offs, reps of the top set, target RIR.
func (a *advice) nextOf(s *session, lever string) *Next {
	n := &Next{Sets: max(1, s.topN()), Reps: s.top.Reps, Load: a.un.kept(s.top.Load), Bodyweight: s.top.Bodyweight,
		RIR: a.tRIR, Lever: lever}
	if s.backoff != nil {
		n.Backoff = &Backoff{Sets: s.backoffN, Reps: s.backoff.Reps, Load: a.un.kept(s.backoff.Load)}
	}
	return n
}

// scaleBackoff keeps n's back-offs at the same fraction of the top load
// when the top load moved from cur (section 7: the session keeps its shape).
func (a *advice) scaleBackoff(n *Next, cur float64) {
	if b := n.Backoff; b != nil && cur > 0 && n.Load != cur {
		b.Load = a.un.rx(b.Load * n.Load / cur)
	}
}

// push builds a PUSH with the first lever in order that can be pulled. Each
// lever changes one thing of the latest session and keeps its shape: back-off
// sets follow the top load at the same fraction of it.
func (a *advice) push(r Rule, reason Reason, order []lever) (Verdict, bool) {
	s := a.latestSess()
	if s == nil {
		return Verdict{}, false
	}
	// The load levers step from the load the prescription shows as current:
	// exact when logged in the lifter's unit, else rounded to the increment
	// (117.5 kg reads 260 lb to a lb lifter). Stepping from the unrounded
	// conversion (259.04 lb) would show a change like "+15.957 lb" that
	// matches neither the logged nor the shown numbers.
	cur := a.un.kept(s.top.Load)
	reps := s.top.Reps
	pat := a.p.Pattern(a.lift)
	for _, l := range order {
		n := a.nextOf(s, l.name())
		why := Rx{Kind: RxLever, Next: n}
		switch l {
		case leverReps:
			if s.missedReps() {
				why.Why, why.Load, why.Reps, why.N = WhyMissedReps, cur, s.topReps, reps
				break
			}
			if bo := s.backoff; bo != nil && short(s.boReps) {
				why.Why, why.Load, why.Reps, why.N = WhyShortBackoff, a.un.kept(bo.Load), s.boReps, s.boReps[0]
				break
			}
			if reps >= a.rng.leverTop {
				continue
			}
			n.Reps = reps + 1
			why.Why, why.N, why.Range = WhyOneMoreRep, reps+1, a.rangeRef()
			if a.rng.double {
				why.Why, why.N, why.M = WhyDoubleRep, a.rng.hi, a.rng.lo
			}
		case leverLoad, leverLoadPct:
			next, ok := nextLoad(cur, a.un, l == leverLoadPct, pat.Compound && pat.Lower)
			if !ok {
				continue
			}
			n.Load = next
			if a.rng.double {
				n.Reps = a.rng.lo
			}
			a.scaleBackoff(n, cur)
			switch {
			case a.rng.double:
				why.Why, why.Range, why.M = WhyDoubleLoad, a.rangeRef(), a.rng.lo
			case a.linear:
				why.Why, why.N = WhyLinear, reps
			case l == leverLoadPct && pat.Compound && pat.Lower:
				why.Why = WhyLowerPct
			case l == leverLoadPct:
				why.Why = WhyUpperPct
			case r == RuleStalledClean:
				why.Why, why.Range = WhyTopOfRange, a.rangeRef()
			default:
				why.Why = WhySpare
			}
		case leverSets:
			if b := n.Backoff; b != nil {
				if n.Sets+b.Sets >= maxPushSets {
					continue
				}
				b.Sets++
				why.Why = WhyBackoffSet
				break
			}
			if n.Sets >= maxPushSets {
				continue
			}
			n.Sets++
			why.Why = WhyMoreSet
		}
		v := Verdict{Kind: Push, Rule: r, Reason: reason, Evidence: a.baseEvidence(), Next: n}
		if a.quiet {
			return v, true // a past day's advice: only its kind and Next are read
		}
		v.Prescription = []Rx{{Kind: RxNext, Lift: a.lift, Next: n, From: cur}, why}
		if eb, ok := a.easeBack(); ok {
			v.Prescription = append(v.Prescription, eb)
		}
		return v, true
	}
	return Verdict{}, false
}
