package engine

import (
	"math"
	"strconv"
)

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

// push builds a PUSH with the first lever in order that can be pulled.
func (a *advice) push(r Rule, reason string, order []lever) (Verdict, bool) {
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
	reps, sets := s.top.Reps, s.working
	b := repBucket(reps)
	pat := PatternOf(a.lift)
	for _, l := range order {
		var line, why string
		switch l {
		case leverReps:
			if reps >= bucketTop(b) {
				continue
			}
			line = a.lift + " " + plural(sets, "set") + " of " + strconv.Itoa(reps+1) + " at " + a.rxLoad(s.top) +
				", RIR " + FormatNumber(a.tRIR)
			why = "one more rep at the same load: the smallest step, and " + strconv.Itoa(reps+1) +
				" reps stays in the " + bucketNames[b] + " range so next session stays comparable"
		case leverLoad, leverLoadPct:
			next, ok := nextLoad(cur, a.un, l == leverLoadPct, pat.Compound && pat.Lower)
			if !ok {
				continue
			}
			d := next - cur
			line = a.lift + " " + plural(sets, "set") + " of " + strconv.Itoa(reps) + " at " +
				a.loadText(Set{Load: NewLoad(next, a.un.u), Bodyweight: s.top.Bodyweight}) +
				" (+" + a.un.fmtLoad(math.Round(d*1000)/1000) + ", " + pct(d/cur) + "), RIR " + FormatNumber(a.tRIR)
			switch {
			case l == leverLoadPct && pat.Compound && pat.Lower:
				why = "reps to spare twice running: add 5-10% on a lower-body compound lift"
			case l == leverLoadPct:
				why = "reps to spare twice running: add 2-5% on an upper-body or isolation lift"
			case r == RuleStalledClean:
				why = "reps are at the top of the " + bucketNames[b] + " range, so one increment of load"
			default:
				why = "reps to spare on the latest session: one increment of load"
			}
		case leverSets:
			if sets >= maxPushSets {
				continue
			}
			line = a.lift + " " + plural(sets+1, "set") + " of " + strconv.Itoa(reps) + " at " + a.rxLoad(s.top) +
				", RIR " + FormatNumber(a.tRIR)
			why = "reps are at the top of the range and one increment is too big a jump, so one more set"
		}
		v := Verdict{Kind: Push, Rule: r, Reason: reason, Evidence: a.baseEvidence()}
		v.Prescription = []string{"Next session: " + line + ".", "Lever: " + l.name() + ", " + why + "."}
		if eb := easeBackLine(a.h, a.p, a.lift, a.today); eb != "" {
			v.Prescription = append(v.Prescription, eb)
		}
		v.Opens = &Experiment{Lift: a.lift, Opened: a.today, Kind: Push, Lever: l.name(), Baseline: a.best()}
		return v, true
	}
	return Verdict{}, false
}
