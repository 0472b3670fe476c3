package engine

import (
	"math"
	"sort"
	"strconv"
	"strings"
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

// line writes "squat 2 sets of 5 at 85 kg, RIR 4 or more, no set to failure".
func (d deloadLift) line(un units) string {
	var b strings.Builder
	at := func(v float64) string {
		switch {
		case d.bodyw && v > 0:
			return " at bodyweight + " + un.fmtLoad(v)
		case d.bodyw:
			return " at bodyweight"
		}
		return " at " + un.fmtLoad(v)
	}
	b.WriteString(d.lift + " " + plural(d.sets, "set") + " of " + strconv.Itoa(d.reps) + at(d.load))
	if d.boSets > 0 {
		b.WriteString(", then " + plural(d.boSets, "set") + " of " + strconv.Itoa(d.boReps) + at(d.boLoad))
	}
	b.WriteString(", RIR " + strconv.Itoa(deloadRIR) + " or more, no set to failure")
	return b.String()
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return strconv.Itoa(n) + " " + w + "s"
}

// styleNote names the deload style in one clause.
func styleNote(s DeloadStyle) string {
	switch s {
	case DeloadVolume:
		return "volume style: sets halved, 90% load"
	case DeloadIntensity:
		return "intensity style: sets kept, 60% load"
	}
	return "sets halved, 70% load"
}

// DeloadWeek prescribes a deload week starting today for every lift trained
// in the last 7 days, one line per lift, in the user's units. Inside a running
// deload week it prescribes that week from the week before it started.
func DeloadWeek(h History, p Profile, today Date) []string {
	ref, _ := deloadRef(h, today)
	un := unitsOf(p)
	var out []string
	for _, d := range deloadPlan(h, p, ref, "") {
		out = append(out, d.line(un))
	}
	return out
}

// trainingDaysWindow is how far back "your training days" look: two weeks,
// so a day not yet trained this week (Monday, asked on Monday morning) is
// still one of them.
const trainingDaysWindow = 14

// trainingDays lists the weekdays trained in the 14 days ending ref, outside
// deload weeks (a deload week keeps the days, it doesn't set them), Monday
// first: "Mon, Wed, Fri".
func trainingDays(h History, ref Date) string {
	var seen [7]bool
	from := ref.AddDays(-(trainingDaysWindow - 1))
	for _, s := range h.Sets {
		if s.Date >= from && s.Date <= ref && s.Kind != Warmup && inDeloadWeek(h.Deloads, s.Date) == nil {
			seen[s.Date.Weekday()] = true
		}
	}
	names := [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	var out []string
	for i := 1; i <= 7; i++ { // Monday first
		if seen[i%7] {
			out = append(out, names[i%7])
		}
	}
	return strings.Join(out, ", ")
}

// deloadPrescription is the DELOAD verdict's prescription: the header with
// the day of the deload week (rule 2's "day of the week": day N of 7 and its
// weekday), one line per lift, the training days, and the
// ease-back line for lift ("Then: week 1 at X, week 2 back to Y, and we
// compare your first hard session with Z").
func deloadPrescription(h History, p Profile, lift string, today Date, baseline float64) []string {
	un := unitsOf(p)
	ref, period := deloadRef(h, today)
	head := "Next 7 days (deload, " + styleNote(p.DeloadStyle) + "):"
	if period != nil {
		head = "Deload week, day " + strconv.Itoa(today.DaysSince(period.Start)+1) + " of " +
			strconv.Itoa(period.End.DaysSince(period.Start)+1) + " (" + today.Weekday().String() +
			", ends " + period.End.String() + "; " + styleNote(p.DeloadStyle) + "):"
	}
	out := []string{head}
	plan := deloadPlan(h, p, ref, lift)
	var mine *deloadLift
	for i := range plan {
		out = append(out, plan[i].line(un))
		if plan[i].lift == lift {
			mine = &plan[i]
		}
	}
	if days := trainingDays(h, ref); days != "" {
		out = append(out, "Keep your training days: "+days+".")
	}
	if mine != nil && mine.work > 0 {
		// Week 2 is the working load itself (an off-grid 12 kg stays 12 kg, as
		// in easeBackLine), not that load rounded to the increment.
		then := "Then: week 1 at " + un.fmtLoad(un.round(mine.work*easeBackWeek1)) +
			", week 2 back to " + un.fmtLoad(mine.work)
		if baseline > 0 {
			then += ", and we compare your first hard session with " + un.e1rm(baseline)
		}
		out = append(out, then+".")
	}
	return out
}

// easeBackLine is the prescription note in the two weeks after a deload.
func easeBackLine(h History, p Profile, lift string, today Date) string {
	w, d := easeBackWeek(h.Deloads, today)
	if w == 0 {
		return ""
	}
	un := unitsOf(p)
	plan := deloadPlan(h, p, d.Start, "") // the week the deload prescribed from (see deloadRef)
	for _, x := range plan {
		if x.lift == lift && x.work > 0 {
			if w == 1 {
				return "Ease-back week 1 after your deload: work at " + un.fmtLoad(un.round(x.work*easeBackWeek1)) +
					" (90-95% of " + un.fmtLoad(x.work) + ")."
			}
			return "Ease-back week 2: back to " + un.fmtLoad(x.work) + "."
		}
	}
	if w == 1 {
		return "Ease-back week 1 after your deload: work at 90-95% of your pre-deload loads."
	}
	return "Ease-back week 2: back to your pre-deload loads."
}

// roundUp rounds v up to a multiple of step.
func roundUp(v, step float64) float64 { return math.Ceil(v/step-eps) * step }
