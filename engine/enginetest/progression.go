package enginetest

import "github.com/spotterbot/spotter/engine"

// progression is a lift's double-progression state.
type progression struct {
	load float64     // kg; for a bodyweight move the added load
	seen engine.Date // last planned; after eight weeks away the load is picked afresh
}

// double is double progression: sets of lo to hi reps at one load, stopping
// a rep or two short of failure; all sets at hi add a step, a first set
// short of lo takes one off.
func (g *gen) double(d engine.Date, lift string, sets, lo, hi int) exercise {
	li := info(lift)
	st := g.dp[lift]
	if st == nil || d.DaysSince(st.seen) > 56 {
		st = &progression{load: g.l.loadFor(lift, lo+1, 2)}
		g.dp[lift] = st
	}
	st.seen = d
	load := st.load
	ps := make([]plannedSet, sets)
	for i := range ps {
		ps[i] = plannedSet{load: load, reps: hi, lo: lo, stop: 1 + g.r.Float64(), role: roleAcc}
	}
	return exercise{lift: lift, sets: ps, ramp: engine.IsMainCompound(lift), after: func(done []int) {
		all := true
		for _, r := range done[:min(sets, len(done))] {
			all = all && r >= hi
		}
		switch {
		case all:
			st.load = load + li.step
		case done[0] < lo && load > 0:
			st.load = grid(li, load-li.step)
			if li.eq == body && load-li.step <= 0 {
				st.load = 0
			}
		}
	}}
}

// withDrop adds a drop set to an exercise now and then: 60% of the load
// for as many reps as are left.
func (g *gen) withDrop(ex exercise) exercise {
	if len(ex.sets) == 0 || !g.chance(0.4) {
		return ex
	}
	last := ex.sets[len(ex.sets)-1]
	ex.sets = append(ex.sets, plannedSet{load: grid(info(ex.lift), last.load*0.6), reps: 20, lo: 1, kind: engine.Drop, role: roleAcc})
	return ex
}

// fixed is straight sets at a load the lifter guesses, no progression (a
// hotel gym).
func (g *gen) fixed(lift string, sets, reps int) exercise {
	load := g.l.loadFor(lift, reps, 3)
	ps := make([]plannedSet, sets)
	for i := range ps {
		ps[i] = plannedSet{load: load, reps: reps, lo: max(1, reps-4), stop: 2, role: roleAcc}
	}
	return exercise{lift: lift, sets: ps}
}

// topBack is a top set of reps at about rpe, then back-off sets at pct of
// its load.
func (g *gen) topBack(lift string, reps int, rpe float64, backSets, backReps int, pct float64) exercise {
	li := info(lift)
	top := g.l.loadFor(lift, reps, 10-rpe)
	if g.micro && !engine.PatternOf(lift).Lower {
		top = gridStep(li, top, 1.25)
	}
	ps := []plannedSet{{load: top, reps: reps, role: roleTop}}
	for i := 0; i < backSets; i++ {
		ps = append(ps, plannedSet{load: grid(li, top*pct), reps: backReps, role: roleWork})
	}
	return exercise{lift: lift, sets: ps, ramp: true}
}

// single is a test day: singles at 85% and 92% of what the lifter thinks a
// max is, an attempt at 99%, and a second attempt at 95% if it fails.
func (g *gen) single(lift string) exercise {
	li := info(lift)
	one := g.l.believe(lift) / (1 + 1.0/30)
	return exercise{lift: lift, ramp: true, sets: []plannedSet{
		{load: grid(li, 0.85*one), reps: 1, role: roleWork},
		{load: grid(li, 0.92*one), reps: 1, role: roleWork},
		{load: grid(li, 0.99*one), reps: 1, role: roleTop},
		{load: grid(li, 0.95*one), reps: 1, role: roleTop, ifMissed: true},
	}}
}
