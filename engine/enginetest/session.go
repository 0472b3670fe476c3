package enginetest

import (
	"math"
	"time"

	"github.com/spotterbot/spotter/engine"
)

// role is what a set is for; it sets how often its effort gets logged.
type role int

const (
	roleTop  role = iota // a top set, an AMRAP set, a single
	roleWork             // straight sets and back-offs
	roleAcc              // accessory sets
)

// plannedSet is a set as the program writes it.
type plannedSet struct {
	load float64 // kg; for a bodyweight move the added load
	reps int     // the target, or the top of a range
	lo   int     // for a range (lo..reps): the least the lifter pushes for
	stop float64 // for a range or an AMRAP: reps the lifter leaves in the tank
	amrap,
	ifMissed bool // only done when the set before fell short (a second attempt)
	kind engine.SetKind
	role role
}

// exercise is one lift's work in a session.
type exercise struct {
	lift    string
	sets    []plannedSet
	ramp    bool     // ramp-up sets before the working sets
	noScale bool     // its loads are already a light week's
	tags    []string // context tags of this lift only
	after   func(done []int)
}

// dayCtx is what a session's sets share.
type dayCtx struct {
	factor float64  // the day's strength against the truth
	tags   []string // context tags for every set
	mark   bool     // warm-ups marked as such today
	light  bool     // a light week: fewer sets, lighter loads, no progress
	era    *era
}

// session plans and lifts one training day.
func (g *gen) session(d engine.Date, e *era) {
	week := d.DaysSince(e.from) / 7
	ctx := dayCtx{era: e, mark: g.chance(e.mark), light: e.light(week) && !g.travel[d]}
	if last := g.lastTraining(); last != 0 && d.DaysSince(last) >= 7 {
		g.fresh = d
		if d.DaysSince(last) >= 28 {
			g.l.doubt(0.88) // back after weeks away: start humbler
		}
	}
	if ctx.light {
		g.fresh = d
		if g.lastLit == 0 || d.DaysSince(g.lastLit) > 6 {
			g.lastLit = d
			g.log.Deloads = append(g.log.Deloads, engine.DeloadPeriod{Start: d, End: d.AddDays(6), Planned: true})
		}
	}
	fatigue := 0.003 * min(10, float64(d.DaysSince(g.fresh))/7)
	ctx.factor = 1 + g.norm(0.025) - fatigue
	if g.poorRest {
		ctx.factor -= 0.025
	}
	if g.sickDay[d] {
		ctx.factor -= 0.07
		ctx.tags = append(ctx.tags, "sick")
	}
	var name string
	var exs []exercise
	if g.travel[d] {
		ctx.factor -= 0.02
		ctx.tags = append(ctx.tags, "travel")
		name, exs = g.hotel()
	} else if d.Weekday() == time.Sunday && e.arms > 0 {
		name, exs = g.arms(d)
	} else {
		name, exs = e.prog.next(g, d, week)
	}
	clear(g.seq)
	before := len(g.log.Sets)
	for _, ex := range exs {
		if !g.allow[ex.lift] || d < g.rested[ex.lift] {
			continue
		}
		g.perform(d, ex, ctx)
	}
	n := len(g.log.Sets) - before
	if n == 0 {
		return
	}
	if g.log.First == 0 {
		g.log.First = d
	}
	g.log.Workouts = append(g.log.Workouts, Workout{Date: d, Name: name, Start: g.startTime(d), Minutes: 10 + 3*n + g.between(0, 12)})
}

func (g *gen) lastTraining() engine.Date {
	if n := len(g.log.Workouts); n > 0 {
		return g.log.Workouts[n-1].Date
	}
	return 0
}

// perform lifts an exercise and logs its sets.
func (g *gen) perform(d engine.Date, ex exercise, ctx dayCtx) {
	li := info(ex.lift)
	name, tags := ex.lift, ctx.tags
	if len(ex.tags) > 0 {
		tags = append(append([]string(nil), tags...), ex.tags...)
	}
	factor := ctx.factor + g.norm(0.01)
	for i := range g.events {
		ev := &g.events[i]
		if ev.used || ev.lift != ex.lift || d < ev.from {
			continue
		}
		ev.used = true
		switch ev.kind {
		case "typo":
			name = ev.typo
		case "pain":
			tags = append(append([]string(nil), tags...), "pain")
			ex.after = nil // a session cut short by pain says nothing about progress
			factor -= 0.06
			g.rested[ex.lift] = d.AddDays(g.between(7, 14))
			if len(ex.sets) > 2 {
				ex.sets = ex.sets[:2] // it hurt: stopped early
			}
		case "newsetup":
			tags = append(append([]string(nil), tags...), "newsetup")
			factor -= 0.03
		}
	}
	sets := ex.sets
	if ctx.light && !ex.noScale {
		sets = lighten(li, sets)
	}
	if len(sets) == 0 {
		return
	}
	cur := g.l.e1rm(ex.lift) * factor
	warm := engine.Working
	if ctx.mark {
		warm = engine.Warmup
	}
	switch {
	case ex.ramp && g.chance(0.88):
		for _, w := range ramp(li, sets[0].load, g) {
			g.emit(d, name, li, w.load, w.reps, warm, false, 0, roleAcc, tags, ctx)
		}
	case !ex.ramp && li.eq != body && sets[0].load > 2*li.step && g.chance(0.35):
		// A feeler set before the first accessory set.
		g.emit(d, name, li, grid(li, 0.6*sets[0].load), g.between(8, 12), warm, false, 0, roleAcc, tags, ctx)
	}
	done := make([]int, len(sets))
	hard, bestE1 := 0, 0.0
	fatigue, missed := 0.0, false
	for i, ps := range sets {
		if ps.ifMissed && !missed {
			continue
		}
		sys := g.l.system(li, ps.load)
		capacity := cur * (1 - fatigue) * (1 + g.norm(0.008))
		rmax := 30 * (capacity/sys - 1)
		reps := ps.reps
		switch {
		case ps.amrap:
			reps = max(int(math.Floor(rmax-ps.stop)), min(ps.lo, int(math.Floor(rmax))))
		case ps.lo > 0:
			reps = min(ps.reps, int(math.Floor(rmax-ps.stop)))
			if reps < ps.lo {
				reps = min(ps.lo, int(math.Floor(rmax)))
			}
		default:
			reps = min(ps.reps, int(math.Floor(rmax)))
		}
		reps = min(reps, 30)
		missed = reps < ps.reps
		if ps.lo > 0 {
			missed = reps < ps.lo
		}
		fatigue += 0.012 * sys / capacity
		if reps < 1 {
			continue // a failed attempt: nothing to log
		}
		done[i] = reps
		kind := ps.kind
		if ps.amrap && ps.stop < 0.35 && g.chance(0.3) {
			kind = engine.Failure
		}
		rir := max(0, rmax-float64(reps))
		if missed {
			rir = 0
		}
		g.emit(d, name, li, ps.load, reps, kind, true, rir, ps.role, tags, ctx)
		if sys >= 0.6*capacity || rir <= 4 {
			hard++
		}
		felt := max(0, rir+g.norm(0.7))
		bestE1 = max(bestE1, epley(sys, float64(reps)+felt))
	}
	g.l.train(ex.lift, d, hard, ctx.light)
	if !ctx.light {
		g.l.observe(ex.lift, bestE1)
		if ex.after != nil {
			ex.after(done)
		}
		if hard >= 2 && li.eq == barbell && engine.PatternOf(ex.lift).Lower {
			g.heavy = d
		}
	}
}

// emit logs one set.
func (g *gen) emit(d engine.Date, name string, li liftInfo, load float64, reps int, kind engine.SetKind, working bool, rir float64, r role, tags []string, ctx dayCtx) {
	s := engine.Set{Lift: name, Date: d, Seq: g.seq[name], Load: engine.NewLoad(load, engine.Kg),
		Bodyweight: li.eq == body, Reps: reps, Kind: kind}
	g.seq[name]++
	if len(tags) > 0 {
		s.Tags = append([]string(nil), tags...)
	}
	if working && kind != engine.Failure && g.chance(ctx.era.effort[r]) {
		s.HasRIR = true
		s.RIR = min(4, max(0, math.Round((rir+g.norm(0.6))*2)/2))
	}
	g.log.Sets = append(g.log.Sets, s)
}

// ramp returns the ramp-up sets before a first working load: the empty bar
// (the deadlift starts at 60), then jumps to about 85% of it.
func ramp(li liftInfo, work float64, g *gen) []struct {
	load float64
	reps int
} {
	var out []struct {
		load float64
		reps int
	}
	if li.eq != barbell || work < 40 {
		return out
	}
	var pcts []float64
	switch {
	case work < 70:
		pcts = []float64{0, 0.7}
	case work < 110:
		pcts = []float64{0, 0.5, 0.7, 0.85}
	case work < 160:
		pcts = []float64{0, 0.4, 0.6, 0.75, 0.88}
	default:
		pcts = []float64{0, 0.35, 0.5, 0.65, 0.8, 0.9}
	}
	reps := []int{g.between(5, 10), 5, 5, 3, 2, 1}
	last := 0.0
	for i, p := range pcts {
		load := 20.0
		if p > 0 {
			load = grid(li, work*p)
		}
		if li.name == "deadlift" || li.name == "romanian deadlift" || li.name == "hip thrust" {
			load = max(load, 60)
		}
		if load <= last || load >= work || (i > 0 && !g.chance(0.9)) {
			continue
		}
		last = load
		out = append(out, struct {
			load float64
			reps int
		}{load, reps[min(i, len(reps)-1)]})
	}
	return out
}

// lighten makes a light week's sets: about half of them, at 65% of the load.
func lighten(li liftInfo, sets []plannedSet) []plannedSet {
	n := max(1, (len(sets)+1)/2)
	out := make([]plannedSet, 0, n)
	for _, s := range sets[:n] {
		if s.ifMissed {
			continue
		}
		s.load = grid(li, s.load*0.65)
		if li.eq == body {
			s.load = 0
		}
		s.amrap, s.lo, s.stop, s.kind = false, 0, 0, engine.Working
		out = append(out, s)
	}
	return out
}
