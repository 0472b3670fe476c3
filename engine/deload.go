package engine

import (
	"math"
	"sort"
	"time"
)

// Deload constants of engine-rules sections 3 and 4 (seeds 000, 002, 003;
// Rogerson et al. 2024: deloads of about a week every 5.6 +- 2.3 weeks that cut
// volume and load, raise RIR, and keep the exercises and frequency).
const (
	deloadDays          = 7
	deloadRIR           = 4
	deloadEveryMin      = 3
	deloadEveryMax      = 12
	intermediateEvery   = 6
	advancedEvery       = 5
	easeBackWeek1       = 0.925 // 90-95% of the pre-deload working load: the middle
	standardDeloadLoad  = 0.70
	volumeDeloadLoad    = 0.90
	intensityDeloadLoad = 0.60
)

// inDeloadWeek returns the deload week (not a skipped one) that contains d, or nil.
func inDeloadWeek(ds []DeloadPeriod, d Date) *DeloadPeriod {
	for i := range ds {
		p := &ds[i]
		if !p.Skipped && d >= p.Start && d <= p.End {
			return p
		}
	}
	return nil
}

// lastDeloadBefore returns the latest deload week (not skipped) that ended
// before today, or nil.
func lastDeloadBefore(ds []DeloadPeriod, today Date) *DeloadPeriod {
	var last *DeloadPeriod
	for i := range ds {
		d := &ds[i]
		if !d.Skipped && d.End < today && (last == nil || d.End > last.End) {
			last = d
		}
	}
	return last
}

// easeBackWeek is 1 in the 7 days after a deload week, 2 in the 7 after that, else 0.
func easeBackWeek(ds []DeloadPeriod, today Date) (int, *DeloadPeriod) {
	d := lastDeloadBefore(ds, today)
	if d == nil {
		return 0, nil
	}
	switch n := today.DaysSince(d.End); {
	case n <= 7:
		return 1, d
	case n <= 14:
		return 2, d
	}
	return 0, nil
}

// deloadLift is one lift's line of a deload week.
type deloadLift struct {
	lift   string
	sets   int
	reps   int
	load   float64 // deload load, display unit
	work   float64 // pre-deload working load, display unit
	bodyw  bool
	boSets int     // back-off sets, 0 when the session had none
	boReps int     //
	boLoad float64 // display unit
}

// deloadRef is the last day of "the last training week" a deload is
// prescribed from: inside a running deload week its first day (the week
// before it, and that day), otherwise today (a deload starting today keeps
// what was trained today).
func deloadRef(h History, today Date) (ref Date, period *DeloadPeriod) {
	if d := inDeloadWeek(h.Deloads, today); d != nil {
		return d.Start, d
	}
	return today, nil
}

// deloadPlan prescribes the week for every lift trained in the 7 days ending
// ref (outside deload weeks), plus extra (the advised lift) from its latest
// session when it was not trained then. Lifts are listed with extra first,
// then by name. A lift's "working load" is the top set of its latest session
// up to ref, its sets that session's working sets (warm-ups and drop sets
// left out) and its reps the top set's reps: the week repeats the shape of
// the last session at deload load, sets and RIR.
func deloadPlan(h History, p Profile, ref Date, extra string) []deloadLift {
	un := unitsOf(p)
	// The week before the deload starts and its first day: the same lifts
	// whether asked on the day it starts (/deload now) or later in the week.
	from := ref.AddDays(-recentDays)
	lifts := map[string]bool{}
	for _, s := range h.Sets {
		if s.Date >= from && s.Date <= ref && s.Kind != Warmup && inDeloadWeek(h.Deloads, s.Date) == nil {
			lifts[s.Lift] = true
		}
	}
	if extra != "" {
		lifts[extra] = true
	}
	names := make([]string, 0, len(lifts))
	for l := range lifts {
		names = append(names, l)
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == extra) != (names[j] == extra) {
			return names[i] == extra
		}
		return names[i] < names[j]
	})
	loadPct, halve := standardDeloadLoad, true
	switch p.DeloadStyle {
	case DeloadVolume:
		loadPct = volumeDeloadLoad
	case DeloadIntensity:
		loadPct, halve = intensityDeloadLoad, false
	}
	out := make([]deloadLift, 0, len(names))
	for _, l := range names {
		ss := sessionsOf(h, l, ref)
		i := latestSession(ss)
		if i < 0 {
			// Only unscored work (plain bodyweight): keep the last working day
			// (newSession made its first working set the top).
			for k := len(ss) - 1; k >= 0 && i < 0; k-- {
				if ss[k].working > 0 && !ss[k].inDeload {
					i = k
				}
			}
			if i < 0 {
				continue
			}
		}
		s := ss[i]
		d := deloadLift{lift: l, sets: max(1, s.working), reps: s.top.Reps, bodyw: s.top.Bodyweight}
		if halve {
			d.sets = max(1, (s.working+1)/2)
		}
		if bo := s.backoff; bo != nil {
			// The week keeps the session's shape: top sets and back-offs,
			// each halved (standard and volume styles) and lightened.
			d.sets, d.boSets, d.boReps = max(1, s.working-s.backoffN), s.backoffN, bo.Reps
			if halve {
				d.sets, d.boSets = max(1, (d.sets+1)/2), max(1, (d.boSets+1)/2)
			}
			d.boLoad = un.rx(un.load(bo.Load) * loadPct)
		}
		// The deload load is a share of the load actually lifted, rounded once;
		// it shows no change figure, so it needs no rounded base (rounding the
		// base first would round twice: 60 kg to a lb lifter is 95 lb, not 90).
		d.work = un.kept(s.top.Load)
		d.load = un.rx(un.load(s.top.Load) * loadPct)
		out = append(out, d)
	}
	return out
}

// rx is the lift's line of the week.
func (d deloadLift) rx() Rx { return Rx{Kind: RxDeloadLift, Lift: d.lift, Next: d.next()} }

// DeloadWeek prescribes a deload week starting today for every lift trained
// in the last 7 days, one line (RxDeloadLift) per lift, in the user's units.
// Inside a running deload week it prescribes that week from the week before
// it started.
func DeloadWeek(h History, p Profile, today Date) []Rx {
	ref, _ := deloadRef(h, today)
	var out []Rx
	for _, d := range deloadPlan(h, p, ref, "") {
		out = append(out, d.rx())
	}
	return out
}

// trainingDaysWindow is how far back "your training days" look: two weeks,
// so a day not yet trained this week (Monday, asked on Monday morning) is
// still one of them.
const trainingDaysWindow = 14

// trainingDays lists the weekdays trained in the 14 days ending ref, outside
// deload weeks (a deload week keeps the days, it doesn't set them), Monday
// first.
func trainingDays(h History, ref Date) []time.Weekday {
	var seen [7]bool
	from := ref.AddDays(-(trainingDaysWindow - 1))
	for _, s := range h.Sets {
		if s.Date >= from && s.Date <= ref && s.Kind != Warmup && inDeloadWeek(h.Deloads, s.Date) == nil {
			seen[s.Date.Weekday()] = true
		}
	}
	var out []time.Weekday
	for i := 1; i <= 7; i++ { // Monday first
		if seen[i%7] {
			out = append(out, time.Weekday(i%7))
		}
	}
	return out
}

// deloadPrescription is the DELOAD verdict's prescription: the header with
// the day of the deload week (rule 2's "day of the week": day N of 7 and its
// weekday), one line per lift, the training days, and the
// ease-back line for lift (week 1 at X, week 2 back to Y, and the first
// hard session compared with the baseline).
func deloadPrescription(h History, p Profile, lift string, today Date, baseline float64) []Rx {
	un := unitsOf(p)
	ref, period := deloadRef(h, today)
	head := Rx{Kind: RxDeloadHead, Style: p.DeloadStyle}
	if period != nil {
		head.Date, head.Start, head.End = today, period.Start, period.End
	}
	out := []Rx{head}
	plan := deloadPlan(h, p, ref, lift)
	var mine *deloadLift
	for i := range plan {
		out = append(out, plan[i].rx())
		if plan[i].lift == lift {
			mine = &plan[i]
		}
	}
	if days := trainingDays(h, ref); len(days) > 0 {
		out = append(out, Rx{Kind: RxTrainingDays, Days: days})
	}
	if mine != nil && mine.work > 0 {
		// Week 2 is the working load itself (an off-grid 12 kg stays 12 kg, as
		// in easeBackRx), not that load rounded to the increment.
		then := Rx{Kind: RxDeloadThen, Week1: un.round(mine.work * easeBackWeek1), Work: mine.work}
		if baseline > 0 {
			then.E1RM = un.fromKg(baseline)
		}
		out = append(out, then)
	}
	return out
}

// easeBackRx is the prescription note in the two weeks after a deload.
func easeBackRx(h History, p Profile, lift string, today Date) (Rx, bool) {
	w, d := easeBackWeek(h.Deloads, today)
	if w == 0 {
		return Rx{}, false
	}
	un := unitsOf(p)
	kind := RxEaseBack1
	if w == 2 {
		kind = RxEaseBack2
	}
	plan := deloadPlan(h, p, d.Start, "") // the week the deload prescribed from (see deloadRef)
	for _, x := range plan {
		if x.lift == lift && x.work > 0 {
			return Rx{Kind: kind, Week1: un.round(x.work * easeBackWeek1), Work: x.work}, true
		}
	}
	return Rx{Kind: kind}, true
}

// roundUp rounds v up to a multiple of step.
func roundUp(v, step float64) float64 { return math.Ceil(v/step-eps) * step }
