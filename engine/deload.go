package engine

import (
	"cmp"
	"math"
	"slices"
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

// deloadInterval is the planned-deload interval in weeks, 0 for none. A
// user's setting is clamped to 3-12 weeks; unset, beginners get none (seed
// 003: reactive deloads only), advanced lifters 5 and everyone else
// (intermediate, or no level given) 6.
func deloadInterval(p Profile) int {
	if p.DeloadEvery > 0 {
		return min(max(p.DeloadEvery, deloadEveryMin), deloadEveryMax)
	}
	switch p.Level {
	case Beginner:
		return 0
	case Advanced:
		return advancedEvery
	}
	return intermediateEvery
}

// Breaks and light weeks of engine-rules section 7: both count as a deload
// for the planned-deload clock.
const (
	breakDays      = 7   // this many days in a row with no training at all
	lightWeekShare = 0.5 // a week with at most this share of the sets of...
	lightWeekRef   = 4   // ...an average week of the 4 before it
	lightWeekLoad  = 0.8 // or top loads at most this share of the 4 weeks before (a deload that keeps the sets)
)

// anchor is where the planned-deload count starts, and why.
type anchor struct {
	from    Date
	what    string // "your last deload", "a 9-day break", ...
	before  bool   // the count starts at the window's first day: at least this long
	running bool   // a break runs today: the count starts again at the next session
}

// countFrom is the day the planned-deload count starts: the latest of the
// day after the last deload week or skip, the first training day after a
// break of 7+ days (today, while one runs), the Monday after a light week,
// and the first log; never before the window the caller read (History.From).
// ok is false with no data at all.
func countFrom(h History, p Profile, today Date, tl *trainingLog) (anchor, bool) {
	known := tl.days
	days := known[:sort.Search(len(known), func(i int) bool { return known[i].date > today })]
	// Sets before History.From hold each lift's last session before the
	// window (the caller's contract), so the latest of their days is the
	// last training day before it: a break across the window's start is
	// measured exactly. The days in between were not read.
	var before []trainingDay
	if h.From != 0 {
		k := 0
		for k < len(days) && days[k].date < h.From {
			k++
		}
		if k > 0 {
			before = days[k-1 : k]
		}
		days = days[k:]
	}
	var a anchor
	ok := false
	take := func(d Date, what string, running bool) {
		if !ok || d > a.from {
			a, ok = anchor{from: d, what: what, running: running}, true
		}
	}
	switch {
	case h.From != 0 && (p.FirstLog != 0 && p.FirstLog < h.From || len(before) > 0):
		a, ok = anchor{from: h.From, what: "your first log", before: true}, true
	case p.FirstLog != 0:
		take(p.FirstLog, "your first log", false)
	case len(days) > 0:
		take(days[0].date, "your first log", false)
	}
	if last := lastAnchor(h, today); last != nil {
		what := "your last deload"
		if last.Skipped {
			what = "your skipped deload"
		}
		take(last.End+1, what, false)
	}
	all := append(before[:len(before):len(before)], days...)
	var breakFrom, breakTo Date // the last break's days off
	for k := 1; k < len(all); k++ {
		if gap := all[k].date.DaysSince(all[k-1].date) - 1; gap >= breakDays {
			take(all[k].date, "a "+strconv.Itoa(gap)+"-day break", false)
			breakFrom, breakTo = all[k-1].date+1, all[k].date-1
		}
	}
	switch n := len(all); {
	case n > 0:
		if gap := today.DaysSince(all[n-1].date); gap > breakDays {
			take(today, "a break: nothing logged since "+all[n-1].date.String(), true)
		}
	case ok && a.before:
		take(today, "a break: nothing logged since before "+h.From.String(), true)
	}
	// A week made light by a break is that break, not a second deload.
	if lw, found := lastLightWeek(h, days, tl, today); found && (breakTo < lw.monday || breakFrom > lw.monday.AddDays(6)) {
		take(lw.monday.AddDays(7), lw.String(), false)
	}
	return a, ok
}

// trainingDay is one day's count of sets (warm-ups aside), all lifts.
type trainingDay struct {
	date Date
	sets int
}

// trainingLog is the history's training days, its working sets per week
// (Monday to Sunday, keyed by the Monday) and each lift's top load in kg per
// week.
type trainingLog struct {
	days  []trainingDay
	weeks map[Date]int
	tops  map[Date]map[string]float64
}

// trainingLogOf reads h's sessions once. A day's count is of working sets
// as a session reads them: marked warm-ups and unmarked ramp-ups left out,
// so a light week of half the work sets reads as one however many ramp-ups
// come before them.
func trainingLogOf(h History) *trainingLog {
	tl := &trainingLog{weeks: map[Date]int{}, tops: map[Date]map[string]float64{}}
	sets := make([]*Set, 0, len(h.Sets))
	for i := range h.Sets {
		if h.Sets[i].Kind != Warmup {
			sets = append(sets, &h.Sets[i])
		}
	}
	slices.SortFunc(sets, func(a, b *Set) int {
		if c := cmp.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.Lift, b.Lift); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	for i := 0; i < len(sets); {
		j := i
		for j < len(sets) && sets[j].Date == sets[i].Date && sets[j].Lift == sets[i].Lift {
			j++
		}
		d, lift := sets[i].Date, sets[i].Lift
		s := newSession(sets[i:j:j], nil)
		if k := len(tl.days) - 1; k >= 0 && tl.days[k].date == d {
			tl.days[k].sets += s.working
		} else {
			tl.days = append(tl.days, trainingDay{d, s.working})
		}
		w := monday(d)
		tl.weeks[w] += s.working
		if top := s.top.Load.Kg(); s.working > 0 && top > 0 {
			if tl.tops[w] == nil {
				tl.tops[w] = map[string]float64{}
			}
			tl.tops[w][lift] = max(tl.tops[w][lift], top)
		}
		i = j
	}
	return tl
}

// monday is the Monday of d's week.
func monday(d Date) Date { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }

// lightWeek is a week that counts as a deload.
type lightWeek struct {
	monday Date
	sets   int     // working sets in it
	ref    float64 // average working sets a week in the four before it
	load   float64 // median share of its lifts' top loads vs their best in the four weeks before; 0 when not read
}

func (l lightWeek) String() string {
	if l.load > 0 && float64(l.sets) > l.ref*lightWeekShare+eps {
		return "a light week (loads at " + pct(l.load) + " of the 4 weeks before, from " + l.monday.String() + ")"
	}
	return "a light week (" + plural(l.sets, "set") + " from " + l.monday.String() + " vs " + FormatNumber(math.Round(l.ref)) + " a week before it)"
}

// lastLightWeek finds the latest finished Monday-to-Sunday week holding at
// most half the working sets of an average week of the four before it, or
// (the intensity style of deload: sets kept, loads cut) whose top loads are
// at most 80% of the same lifts' best in the four weeks before (the median
// over its lifts), all five weeks inside the window read.
func lastLightWeek(h History, days []trainingDay, tl *trainingLog, today Date) (lightWeek, bool) {
	if len(days) == 0 {
		return lightWeek{}, false
	}
	first := days[0].date
	if h.From != 0 && h.From > first {
		first = h.From
	}
	for w := monday(today).AddDays(-7); w.AddDays(-7*lightWeekRef) >= first; w = w.AddDays(-7) {
		ref := 0
		for k := 1; k <= lightWeekRef; k++ {
			ref += tl.weeks[w.AddDays(-7*k)]
		}
		lw := lightWeek{monday: w, sets: tl.weeks[w], ref: float64(ref) / lightWeekRef}
		if lw.ref <= 0 {
			continue
		}
		var shares []float64
		for lift, top := range tl.tops[w] {
			best := 0.0
			for k := 1; k <= lightWeekRef; k++ {
				best = max(best, tl.tops[w.AddDays(-7*k)][lift])
			}
			if best > 0 {
				shares = append(shares, top/best)
			}
		}
		if len(shares) > 0 {
			sort.Float64s(shares)
			lw.load = shares[len(shares)/2]
		}
		if float64(lw.sets) <= lw.ref*lightWeekShare+eps || (lw.load > 0 && lw.load <= lightWeekLoad+eps) {
			return lw, true
		}
	}
	return lightWeek{}, false
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

// planState is the planned-deload arithmetic shared by Advise and Plan.
type planState struct {
	interval int
	anchor
	weeks int  // completed weeks since from
	next  Date // 0 when none
	due   bool
	known bool
}

func planOf(h History, p Profile, today Date) planState {
	return planOfDays(h, p, today, trainingLogOf(h))
}

// planOfDays is planOf with the history's training log (trainingLogOf)
// already read, as one AdviseAll reads them once for every lift and day.
func planOfDays(h History, p Profile, today Date, tl *trainingLog) planState {
	s := planState{interval: deloadInterval(p)}
	s.anchor, s.known = countFrom(h, p, today, tl)
	if !s.known {
		return s
	}
	if today >= s.from {
		s.weeks = today.DaysSince(s.from) / 7
	}
	if s.interval > 0 {
		s.next = s.from.AddDays(7 * s.interval)
		s.due = s.weeks >= s.interval && inDeloadWeek(h.Deloads, today) == nil
	}
	return s
}

// line is the clock in one line: "6 full weeks since a 9-day break
// (2026-10-12): deload every 6 weeks".
func (s planState) line() string {
	weeks := plural(s.weeks, "full week")
	since := s.what + " (" + s.from.String() + ")"
	if s.before {
		weeks = "at least " + weeks
		since = s.from.String() + ", the start of the log I read"
	}
	return weeks + " since " + since + ": deload every " + strconv.Itoa(s.interval) + " weeks"
}

// deloadLift is one lift's line of a deload week.
type deloadLift struct {
	lift   string
	sets   int
	reps   int
	load   float64 // deload load, display unit
	work   float64 // pre-deload working load, display unit
	bodyw  bool
	scored bool
	boSets int     // back-off sets, 0 when the session had none
	boReps int     //
	boLoad float64 // display unit
}

// deloadRef is the last day of "the last training week" before a deload that
// starts on start: the day before start, or start itself when the deload has
// not begun yet (a deload starting today keeps what was trained today).
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
			// Only unscored work (plain bodyweight): keep the last working day.
			for k := len(ss) - 1; k >= 0 && i < 0; k-- {
				if ss[k].working > 0 && !ss[k].inDeload {
					i = k
				}
			}
			if i < 0 {
				continue
			}
			for _, st := range ss[i].sets {
				if st.Kind != Warmup && st.Kind != Drop {
					ss[i].top = *st
					break
				}
			}
		}
		s := ss[i]
		d := deloadLift{lift: l, sets: max(1, s.working), reps: s.top.Reps, bodyw: s.top.Bodyweight, scored: s.score > 0}
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
			d.boLoad = un.round(un.load(bo.Load) * loadPct)
		}
		// The deload load is a share of the load actually lifted, rounded once;
		// it shows no change figure, so it needs no rounded base (rounding the
		// base first would round twice: 60 kg to a lb lifter is 95 lb, not 90).
		d.work = un.kept(s.top.Load)
		d.load = un.round(un.load(s.top.Load) * loadPct)
		if d.work > 0 && d.load <= 0 {
			d.load = un.inc
		}
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
