package enginetest

import (
	"time"

	"github.com/spotterbot/spotter/engine"
)

// program writes sessions.
type program interface {
	days() []time.Weekday // the weekdays it trains on
	light(week int) bool  // whether week (from the era's start) is a planned light week
	// next plans the next session: its name and exercises in order.
	next(g *gen, d engine.Date, week int) (string, []exercise)
}

// linear is a novice linear progression (StrongLifts-like): squat every
// session, bench and row or press and deadlift, 3x5 with +2.5 kg after a
// session of all fives, 10% off after three sessions short of them.
type linear struct {
	start float64 // first load, share of the true e1RM
	n     int
	load  map[string]float64
	fails map[string]int
}

func (p *linear) days() []time.Weekday {
	return []time.Weekday{time.Monday, time.Wednesday, time.Friday}
}

func (p *linear) light(int) bool { return false }

func (p *linear) next(g *gen, d engine.Date, week int) (string, []exercise) {
	a := p.n%2 == 0
	p.n++
	ex := []exercise{p.lift(g, "squat", 3, 5, 2.5)}
	if a {
		ex = append(ex, p.lift(g, "bench", 3, 5, 2.5), p.lift(g, "row", 3, 5, 2.5), g.double(d, "dip", 3, 5, 10))
		if p.n%4 == 1 {
			ex = append(ex, g.double(d, "curl", 2, 8, 12))
		}
		return "Workout A", ex
	}
	inc := 2.5
	if week < 6 {
		inc = 5
	}
	ex = append(ex, p.lift(g, "overhead press", 3, 5, 2.5), p.lift(g, "deadlift", 1, 5, inc), g.double(d, "pull-up", 3, 1, 10))
	return "Workout B", ex
}

func (p *linear) lift(g *gen, lift string, sets, reps int, inc float64) exercise {
	if p.load == nil {
		p.load, p.fails = map[string]float64{}, map[string]int{}
	}
	li := info(lift)
	load, ok := p.load[lift]
	if !ok {
		load = grid(li, p.start*g.l.e1rm(lift))
	}
	ps := make([]plannedSet, sets)
	for i := range ps {
		ps[i] = plannedSet{load: load, reps: reps, role: roleWork}
	}
	return exercise{lift: lift, sets: ps, ramp: true, after: func(done []int) {
		for _, r := range done {
			if r < reps {
				if p.fails[lift]++; p.fails[lift] >= 3 {
					p.load[lift], p.fails[lift] = grid(li, load*0.9), 0
				} else {
					p.load[lift] = load
				}
				return
			}
		}
		p.load[lift], p.fails[lift] = load+inc, 0
	}}
}

// fiveThreeOne is Wendler's 5/3/1 on four days: a main lift a day at
// percentages of a training max, the last set for as many reps as
// possible, first-set-last 5x5 or boring-but-big 5x10 after it, accessories
// on double progression, and a light fourth week.
type fiveThreeOne struct {
	tm    map[string]float64
	stall map[string]bool
	cycle int
	week  int
	day   int
}

var wave531 = [4][3]struct {
	pct  float64
	reps int
}{
	{{0.65, 5}, {0.75, 5}, {0.85, 5}},
	{{0.70, 3}, {0.80, 3}, {0.90, 3}},
	{{0.75, 5}, {0.85, 3}, {0.95, 1}},
	{{0.40, 5}, {0.50, 5}, {0.60, 5}},
}

var order531 = []struct{ lift, name string }{
	{"overhead press", "5/3/1 OHP"}, {"deadlift", "5/3/1 Deadlift"}, {"bench", "5/3/1 Bench"}, {"squat", "5/3/1 Squat"},
}

func (p *fiveThreeOne) days() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Thursday, time.Friday}
}

func (p *fiveThreeOne) light(week int) bool { return week%4 == 3 }

func (p *fiveThreeOne) next(g *gen, d engine.Date, week int) (string, []exercise) {
	if week != p.week || p.tm == nil {
		p.week, p.day = week, 0
	}
	if p.tm == nil {
		p.tm, p.stall = map[string]float64{}, map[string]bool{}
		for _, m := range order531 {
			p.tm[m.lift] = 0.9 * g.l.believe(m.lift)
		}
	}
	if c := week / 4; c != p.cycle {
		p.cycle = c
		for _, m := range order531 {
			switch {
			case p.stall[m.lift]:
				p.tm[m.lift] *= 0.9
			case engine.PatternOf(m.lift).Lower:
				p.tm[m.lift] += 5
			default:
				p.tm[m.lift] += 2.5
			}
		}
		clear(p.stall)
	}
	m := order531[p.day%4]
	p.day++
	li, w := info(m.lift), week%4
	var sets []plannedSet
	for i, s := range wave531[w] {
		ps := plannedSet{load: grid(li, p.tm[m.lift]*s.pct), reps: s.reps, role: roleWork}
		if i == 2 && w < 3 {
			ps.amrap, ps.lo, ps.stop, ps.role = true, s.reps, 1.5*g.r.Float64(), roleTop
		}
		sets = append(sets, ps)
	}
	if w < 3 {
		n, reps, pct := 5, 5, wave531[w][0].pct
		if p.cycle%2 == 1 {
			reps, pct = 10, 0.5
		}
		for i := 0; i < n; i++ {
			sets = append(sets, plannedSet{load: grid(li, p.tm[m.lift]*pct), reps: reps, role: roleWork})
		}
	}
	main := exercise{lift: m.lift, sets: sets, ramp: true, noScale: true, after: func(done []int) {
		if done[2] < wave531[w][2].reps {
			p.stall[m.lift] = true
		}
	}}
	ex := []exercise{main}
	switch m.lift {
	case "overhead press":
		ex = append(ex, g.double(d, "chin-up", 3, 5, 10), g.double(d, "dip", 3, 6, 12), g.double(d, "dumbbell lateral raise", 3, 12, 20), g.double(d, "cable face pull", 3, 15, 20))
	case "deadlift":
		ex = append(ex, g.double(d, "leg press", 3, 10, 15), g.double(d, "machine lying leg curl", 3, 8, 12), g.double(d, "machine standing calf raise", 4, 10, 15), g.double(d, "dumbbell hammer curl", 2, 10, 15))
	case "bench":
		ex = append(ex, g.double(d, "row", 4, 8, 12), g.double(d, "dumbbell bicep curl", 3, 8, 12), g.double(d, "cable triceps extension", 3, 10, 15), g.double(d, "dumbbell lateral raise", 3, 12, 20))
	case "squat":
		ex = append(ex, g.double(d, "romanian deadlift", 3, 8, 10), g.double(d, "machine leg extension", 3, 12, 15), g.double(d, "dumbbell bicep curl", 3, 8, 12))
	}
	return m.name, ex
}

// upperLower is the return after the layoff: upper/lower on double
// progression, 6-10 on the compounds and 8-20 on the rest, the deadlift
// on straight 3x5 adding 2.5 kg a session, a light week every sixth.
type upperLower struct {
	n  int
	dl linear
}

func (p *upperLower) days() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Thursday, time.Saturday}
}

func (p *upperLower) light(week int) bool { return week%6 == 5 }

func (p *upperLower) next(g *gen, d engine.Date, _ int) (string, []exercise) {
	p.n++
	switch p.n % 4 {
	case 1:
		return "Upper 1", []exercise{g.double(d, "bench", 4, 6, 10), g.double(d, "row", 4, 8, 12),
			g.double(d, "dumbbell lateral raise", 3, 12, 20), g.double(d, "dumbbell bicep curl", 3, 8, 12), g.double(d, "cable triceps extension", 3, 10, 15)}
	case 2:
		return "Lower 1", []exercise{g.double(d, "squat", 4, 6, 10), g.double(d, "romanian deadlift", 3, 8, 12),
			g.double(d, "leg press", 3, 10, 15), g.double(d, "machine lying leg curl", 3, 10, 15), g.double(d, "machine standing calf raise", 4, 10, 15)}
	case 3:
		press := g.double(d, "incline bench", 4, 8, 12)
		if g.late(d) {
			press = g.double(d, "dumbbell bench", 4, 8, 12)
		}
		return "Upper 2", []exercise{press, g.double(d, "pull-up", 3, 5, 10), g.double(d, "dip", 3, 6, 12),
			g.double(d, "cable face pull", 3, 15, 20), g.double(d, "dumbbell hammer curl", 3, 8, 12)}
	}
	p.dl.start = 0.7
	return "Lower 2", []exercise{p.dl.lift(g, "deadlift", 3, 5, 2.5), g.double(d, "paused squat", 3, 4, 6),
		g.double(d, "machine lying leg curl", 3, 10, 15), g.double(d, "machine leg extension", 3, 10, 15)}
}

// strength is a block of top sets at RPE 8 with back-offs, the top set's
// reps waving 5, 4, 3 week by week, a light week every seventh, and a test
// of singles on the big three every sixteenth.
type strength struct{ n int }

func (p *strength) days() []time.Weekday {
	return []time.Weekday{time.Monday, time.Wednesday, time.Friday, time.Saturday}
}

func (p *strength) light(week int) bool { return week%7 == 6 }

func (p *strength) next(g *gen, d engine.Date, week int) (string, []exercise) {
	p.n++
	reps := []int{5, 4, 3}[week%3]
	test := week%16 == 15
	main := func(lift string, backSets, backReps int, pct float64) exercise {
		if test && lift != "overhead press" {
			return g.single(lift)
		}
		return g.topBack(lift, reps, 8, backSets+1, backReps, pct)
	}
	switch p.n % 4 {
	case 1:
		hinge := g.double(d, "romanian deadlift", 3, 6, 10)
		if g.late(d) {
			hinge = g.double(d, "good morning", 3, 8, 10)
		}
		return "Squat day", []exercise{main("squat", 3, 5, 0.85), g.double(d, "bench", 3, 8, 10), hinge, g.double(d, "cable face pull", 3, 15, 20), g.double(d, "dumbbell bicep curl", 3, 8, 12)}
	case 2:
		return "Bench day", []exercise{main("bench", 3, 6, 0.85), g.double(d, "pull-up", 3, 5, 8),
			g.double(d, "cable triceps extension", 3, 10, 15), g.double(d, "dumbbell lateral raise", 3, 12, 20), g.double(d, "row", 3, 6, 10)}
	case 3:
		return "Deadlift day", []exercise{main("deadlift", 2, 5, 0.88), g.double(d, "paused squat", 3, 3, 5),
			g.double(d, "leg press", 3, 8, 12), g.double(d, "machine lying leg curl", 3, 8, 12), g.double(d, "machine standing calf raise", 4, 10, 15)}
	}
	return "Press day", []exercise{main("overhead press", 3, 6, 0.85), g.double(d, "incline bench", 3, 8, 10), g.double(d, "dip", 3, 6, 10),
		g.double(d, "curl", 3, 8, 12), g.double(d, "dumbbell hammer curl", 2, 10, 15)}
}

// final is the last stretch: upper/lower with top sets and back-offs on
// the main lifts, more accessories, drop sets on raises, 1.25 kg plates.
type final struct{ n int }

func (p *final) days() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Thursday, time.Friday}
}

func (p *final) light(week int) bool { return week%6 == 5 }

func (p *final) next(g *gen, d engine.Date, week int) (string, []exercise) {
	p.n++
	reps := []int{5, 3, 4}[week%3]
	switch p.n % 4 {
	case 1:
		return "Lower A", []exercise{g.topBack("squat", reps, 8, 3, 5, 0.82), g.double(d, "dumbbell bulgarian split squat", 3, 8, 12),
			g.double(d, "machine lying leg curl", 3, 10, 12), g.double(d, "leg press", 3, 10, 15), g.double(d, "machine standing calf raise", 4, 10, 15)}
	case 2:
		return "Upper A", []exercise{g.topBack("bench", reps, 8, 4, 6, 0.8), g.double(d, "cable lat pulldown", 3, 8, 12),
			g.double(d, "dumbbell shrug", 3, 10, 15), g.double(d, "cable face pull", 3, 15, 20), g.withDrop(g.double(d, "dumbbell lateral raise", 3, 12, 20))}
	case 3:
		return "Lower B", []exercise{g.topBack("deadlift", reps, 8, 2, 5, 0.88), g.double(d, "front squat", 3, 3, 6),
			g.double(d, "hip thrust", 3, 8, 12), g.double(d, "machine leg extension", 3, 12, 15), g.double(d, "machine standing calf raise", 3, 10, 15)}
	}
	press := g.topBack("overhead press", reps, 8, 3, 6, 0.85)
	if g.late(d) {
		press = g.double(d, "push press", 4, 3, 5)
	}
	return "Upper B", []exercise{press, g.double(d, "close grip bench", 3, 6, 10), g.double(d, "cable seated row", 3, 8, 12),
		g.double(d, "pull-up", 4, 4, 8), g.double(d, "dumbbell bicep curl", 3, 8, 12), g.double(d, "dumbbell hammer curl", 2, 10, 15)}
}

// hotel is a session in a hotel gym on a trip: dumbbells and machines,
// a squat rack half the time (a new setup), nothing progressed.
func (g *gen) hotel() (string, []exercise) {
	ex := []exercise{g.fixed("dumbbell bench", 3, 10), g.fixed("leg press", 3, 12), g.fixed("cable lat pulldown", 3, 10),
		g.fixed("push-up", 2, 15), g.fixed("dumbbell bicep curl", 2, 12)}
	if g.chance(0.5) {
		sq := g.fixed("squat", 3, 5)
		sq.ramp, sq.tags = true, []string{"newsetup"}
		ex = append([]exercise{sq}, ex...)
	}
	return "Hotel gym", ex
}

// arms is an extra Sunday session of arms and shoulders.
func (g *gen) arms(d engine.Date) (string, []exercise) {
	return "Arms", []exercise{g.double(d, "curl", 3, 8, 12), g.double(d, "cable triceps extension", 3, 10, 15),
		g.withDrop(g.double(d, "dumbbell lateral raise", 3, 12, 20)), g.double(d, "cable face pull", 3, 15, 20), g.double(d, "push-up", 2, 10, 25)}
}
