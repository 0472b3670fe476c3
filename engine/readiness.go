package engine

import (
	"math"
	"sort"
)

// Readiness constants of engine-rules section 2 (seed 000: a cluster, not one
// complaint; seed 001: resting HR elevated on consecutive days).
const (
	baselineDays      = 28 // baselines use the 28 days before the last 7
	minBaseline       = 7  // readings a baseline needs
	rhrElevatedBPM    = 5  // resting HR at least this far above baseline is a flag
	strainedFlags     = 2  // flags that make a day strained
	poorStrainedDays  = 3  // strained days in 7 that make recovery poor
	poorRHRRun        = 3  // consecutive elevated-RHR days that make recovery poor
	poorJointsOf      = 5  // joints irritated on 3 of the last 5 check-ins
	poorJointsCount   = 3  //
	shortSleepHours   = 6  // slept fewer hours is a flag
	poorJointsRunDays = 2  // consecutive strained days with irritated joints
)

// Recovery is the readiness state over the last 7 days.
type Recovery string

const (
	RecoveryNormal  Recovery = "normal"
	RecoveryNoisy   Recovery = "noisy"
	RecoveryPoor    Recovery = "poor"
	RecoveryUnknown Recovery = "unknown"
)

// readiness is the recovery verdict with what drove it.
type readiness struct {
	state    Recovery
	strained int
	checkins int // check-ins in the last 7 days
	flagDays [nFlags]int
	rhrRun   int // longest run of consecutive elevated-RHR days
	rhrBase  float64
	rhrOK    bool // a baseline exists
	rhrN     int  // baseline readings
	lastRHR  int
	hrvLow   float64 // lower end of HRV's normal range, ms
	hrvOK    bool
	joints5  int  // irritated joints among the last 5 check-ins
	jointRun bool // 2 consecutive strained days including irritated joints
	lastSeen Date // most recent check-in on or before today, 0 when none
}

// dayCheckins returns one check-in per day on or before today, oldest first;
// the last one given for a day wins.
// The result may share cs's backing array; callers must not modify it.
func dayCheckins(cs []Checkin, today Date) []Checkin {
	// Fast path: the store hands them over one per day in date order.
	k, sorted := 0, true
	for i := range cs {
		if i > 0 && cs[i].Date <= cs[i-1].Date {
			sorted = false
			break
		}
		if cs[i].Date <= today {
			k = i + 1
		}
	}
	if sorted {
		return cs[:k:k]
	}
	out := make([]Checkin, 0, len(cs))
	for _, c := range cs {
		if c.Date > today {
			continue
		}
		replaced := false
		for i := range out {
			if out[i].Date == c.Date {
				out[i] = c
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// readinessOf computes recovery over the 7 days ending today. Decisions where
// engine-rules section 2 leaves room:
//   - "the last 5 check-ins" for irritated joints are the last five inside the
//     7-day window, so every recovery signal reads the same week;
//   - "consecutive" means calendar days: a day without a check-in breaks a run;
//   - baselines read days today-34 .. today-7; a missing baseline (fewer than
//     7 readings) raises no heart flag and the evidence says how many exist.
func readinessOf(cs []Checkin, today Date) readiness {
	days := dayCheckins(cs, today)
	var r readiness
	if n := len(days); n > 0 {
		r.lastSeen = days[n-1].Date
	}
	winFrom := today.AddDays(-(recentDays - 1))
	baseFrom := winFrom.AddDays(-baselineDays)

	// Baselines: median resting HR; HRV mean and SD of ln values.
	var rhrs []int
	var lns []float64
	for _, c := range days {
		if c.Date < baseFrom || c.Date >= winFrom {
			continue
		}
		if c.RHR > 0 {
			rhrs = append(rhrs, c.RHR)
		}
		if c.HRV > 0 {
			lns = append(lns, math.Log(c.HRV))
		}
	}
	r.rhrN = len(rhrs)
	if len(rhrs) >= minBaseline {
		sort.Ints(rhrs)
		m := len(rhrs) / 2
		r.rhrBase = float64(rhrs[m])
		if len(rhrs)%2 == 0 {
			r.rhrBase = float64(rhrs[m-1]+rhrs[m]) / 2
		}
		r.rhrOK = true
	}
	if len(lns) >= minBaseline {
		mean, sd := meanSD(lns)
		r.hrvLow = math.Exp(mean - sd)
		r.hrvOK = true
	}

	var week []Checkin
	for _, c := range days {
		if c.Date >= winFrom {
			week = append(week, c)
		}
	}
	r.checkins = len(week)
	if len(week) == 0 {
		r.state = RecoveryUnknown
		return r
	}
	var prevStrained, prevJoints bool
	var prevDate Date
	run := 0
	var prevRHRDate Date
	for i, c := range week {
		f := flagsOf(c, &r)
		n := 0
		for k, on := range f {
			if on {
				n++
				r.flagDays[k]++
			}
		}
		if c.RHR > 0 {
			r.lastRHR = c.RHR
		}
		if f[FlagRHR] {
			if run > 0 && c.Date == prevRHRDate+1 {
				run++
			} else {
				run = 1
			}
			prevRHRDate = c.Date
			r.rhrRun = max(r.rhrRun, run)
		}
		strained := n >= strainedFlags
		if strained {
			r.strained++
			if i > 0 && prevStrained && c.Date == prevDate+1 && (prevJoints || f[FlagJoints]) {
				r.jointRun = true
			}
		}
		prevStrained, prevJoints, prevDate = strained, f[FlagJoints], c.Date
	}
	for i := max(0, len(week)-poorJointsOf); i < len(week); i++ {
		if week[i].Joints == JointsIrritated {
			r.joints5++
		}
	}
	switch {
	case r.strained >= poorStrainedDays, r.jointRun, r.rhrRun >= poorRHRRun,
		r.joints5 >= poorJointsCount:
		r.state = RecoveryPoor
	case r.strained > 0:
		r.state = RecoveryNoisy
	default:
		r.state = RecoveryNormal
	}
	return r
}

// flagsOf returns the day's readiness flags.
func flagsOf(c Checkin, r *readiness) [nFlags]bool {
	var f [nFlags]bool
	f[FlagSleep] = c.Sleep == SleepPoor || (c.SleptHours > 0 && c.SleptHours < shortSleepHours)
	f[FlagSoreness] = c.Soreness == SorenessHigh
	f[FlagJoints] = c.Joints == JointsIrritated
	f[FlagMotivation] = c.Motivation == MotivationLow
	f[FlagWarmup] = c.Warmup == WarmupHeavy
	f[FlagRHR] = r.rhrOK && c.RHR > 0 && float64(c.RHR) >= r.rhrBase+rhrElevatedBPM
	f[FlagHRV] = r.hrvOK && c.HRV > 0 && c.HRV < r.hrvLow
	return f
}

func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	if len(xs) > 1 {
		sd = math.Sqrt(sd / float64(len(xs)-1))
	}
	return mean, sd
}

// evidence is the readiness facts of a verdict.
func (r readiness) evidence(today Date) []Fact {
	if r.state == RecoveryUnknown {
		return []Fact{{Kind: FactNoCheckin, Date: r.lastSeen}}
	}
	var out []Fact
	if r.strained == 0 {
		out = append(out, Fact{Kind: FactNotStrained, N: r.checkins})
	} else {
		f := Fact{Kind: FactStrained, N: r.strained}
		for k, n := range r.flagDays {
			if n > 0 && FlagKind(k) != FlagRHR && FlagKind(k) != FlagHRV {
				f.Flags = append(f.Flags, FlagKind(k))
			}
		}
		out = append(out, f)
	}
	if r.joints5 >= poorJointsCount {
		out = append(out, Fact{Kind: FactJoints, N: r.joints5})
	}
	if r.jointRun {
		out = append(out, Fact{Kind: FactJointRun})
	}
	switch {
	case !r.rhrOK && r.lastRHR > 0:
		out = append(out, Fact{Kind: FactRHRNoBaseline, N: r.lastRHR, Of: r.rhrN})
	case r.rhrOK && r.rhrRun >= 2:
		out = append(out, Fact{Kind: FactRHRRun, N: r.lastRHR, Value: [3]float64{r.rhrBase}, Days: r.rhrRun})
	case r.rhrOK && r.lastRHR > 0:
		out = append(out, Fact{Kind: FactRHR, N: r.lastRHR, Value: [3]float64{r.rhrBase},
			Up: float64(r.lastRHR) >= r.rhrBase+rhrElevatedBPM})
	}
	if n := r.flagDays[FlagHRV]; n > 0 {
		out = append(out, Fact{Kind: FactHRVLow, N: int(math.Round(r.hrvLow)), Days: n})
	}
	return out
}
