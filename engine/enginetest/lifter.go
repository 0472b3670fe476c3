package enginetest

import (
	"math"
	"math/rand/v2"

	"github.com/spotterbot/spotter/engine"
)

// lifter is the truth behind the log: each lift's real e1RM, which the
// lifter never sees, and the lifter's belief about it, which sets the loads.
type lifter struct {
	r      *rand.Rand
	cur    map[string]float64     // true e1RM, kg; a bodyweight move's counts the body share
	peak   map[string]float64     // best true e1RM so far
	seen   map[string]engine.Date // last session that trained the lift
	belief map[string]float64     // what the lifter thinks the e1RM is
	weeks  float64                // weeks of training age: gains slow as it grows
	bw     float64                // bodyweight, kg
}

func newLifter(r *rand.Rand) lifter {
	return lifter{r: r, cur: map[string]float64{}, peak: map[string]float64{}, seen: map[string]engine.Date{},
		belief: map[string]float64{}, bw: 76}
}

// Strength model. A session's stimulus (hard sets / 3, at most 2) closes a
// share of the gap to the lift's ceiling; the share shrinks as training age
// grows (1.2% a unit of stimulus in week one, a fifth of that after three
// years) and is four times larger while regaining a lost peak. Lifts of the
// same family (squat and deadlift, bench and press, rows and pull-ups) get
// a third of the stimulus. After 12 days without the lift it fades by
// 0.11% a day, never below 60% of the way from the start to the peak.
const (
	gainRate     = 0.012
	gainHalfLife = 40.0 // training weeks at which the rate has halved
	regainBoost  = 4.0
	carryover    = 0.33
	fadeAfter    = 12
	fadePerDay   = 0.0011
	keepOfPeak   = 0.6
)

// e1rm returns the true e1RM of a lift, first setting it for a lift never
// trained: beyond its start by the share of progress the main lifts made.
func (l *lifter) e1rm(lift string) float64 {
	if v, ok := l.cur[lift]; ok {
		return v
	}
	li := info(lift)
	v := li.start + (li.top-li.start)*0.8*l.progress()
	if li.eq == body {
		v = max(v, l.bw*li.bodyShare*1.04) // at least a couple of reps
	}
	l.cur[lift], l.peak[lift] = v, v
	return v
}

// progress is how far the main lifts trained so far are from their start
// to their ceiling, 0 to 1.
func (l *lifter) progress() float64 {
	p, n := 0.0, 0
	for _, m := range mainLifts {
		if v, ok := l.cur[m]; ok {
			mi := info(m)
			p += (v - mi.start) / (mi.top - mi.start)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return max(0, p/float64(n))
}

// live moves the truth on by one day: bodyweight drifts up over the years,
// lifts not trained fade, training age grows except in a layoff.
func (l *lifter) live(d engine.Date, layoff bool) {
	l.bw += 0.0045 + l.r.NormFloat64()*0.05
	l.bw = min(max(l.bw, 72), 88)
	if !layoff {
		l.weeks += 1.0 / 7
	}
	for lift, v := range l.cur {
		if d.DaysSince(l.seen[lift]) <= fadeAfter {
			continue
		}
		li := info(lift)
		floor := li.start + keepOfPeak*(l.peak[lift]-li.start)
		if v > floor {
			l.cur[lift] = max(floor, v*(1-fadePerDay))
		}
	}
}

// train records a session of the lift with hard working sets on day d.
func (l *lifter) train(lift string, d engine.Date, hard int, light bool) {
	l.seen[lift] = d
	if light || hard == 0 {
		return
	}
	stim := min(2, float64(hard)/3)
	l.gain(lift, stim, true)
	fam := info(lift).family
	for other := range l.cur {
		if other != lift && fam != "" && info(other).family == fam {
			l.gain(other, carryover*stim, false)
		}
	}
}

func (l *lifter) gain(lift string, stim float64, regain bool) {
	li := info(lift)
	v := l.e1rm(lift)
	rate := gainRate / (1 + l.weeks/gainHalfLife)
	if regain && v < 0.98*l.peak[lift] {
		rate *= regainBoost
	}
	v += rate * stim * (li.top - v)
	l.cur[lift] = v
	l.peak[lift] = max(l.peak[lift], v)
}

// believe returns the lifter's estimate of a lift's e1RM: at first a
// cautious 90% of the truth.
func (l *lifter) believe(lift string) float64 {
	if b, ok := l.belief[lift]; ok {
		return b
	}
	b := 0.9 * l.e1rm(lift)
	l.belief[lift] = b
	return b
}

// doubt scales every belief by f.
func (l *lifter) doubt(f float64) {
	for k := range l.belief {
		l.belief[k] *= f
	}
}

// observe updates the belief from a session's best set, felt with the
// lifter's usual error about reps left.
func (l *lifter) observe(lift string, e1 float64) {
	if e1 <= 0 {
		return
	}
	l.belief[lift] = 0.5*l.believe(lift) + 0.5*e1
}

// system is the load a set moves: a bodyweight move adds the body's share.
func (l *lifter) system(li liftInfo, load float64) float64 {
	if li.eq == body {
		return l.bw*li.bodyShare + load
	}
	return load
}

// added turns a system load back into the load to put on the bar, belt or
// dumbbell, on the lift's grid.
func (l *lifter) added(li liftInfo, sys float64) float64 {
	if li.eq == body {
		return grid(li, max(0, sys-l.bw*li.bodyShare))
	}
	return grid(li, sys)
}

// loadFor is the load for reps with rir left, from the lifter's belief.
func (l *lifter) loadFor(lift string, reps int, rir float64) float64 {
	return l.added(info(lift), l.believe(lift)/(1+(float64(reps)+rir)/30))
}

// grid rounds a load to the lift's step, never below its lightest load.
func grid(li liftInfo, kg float64) float64 {
	return gridStep(li, kg, li.step)
}

func gridStep(li liftInfo, kg, step float64) float64 {
	v := math.Round(kg/step) * step
	switch li.eq {
	case barbell:
		v = max(v, 20)
	case body:
		v = max(v, 0)
	default:
		v = max(v, step)
	}
	return v
}

// epley is the e1RM of reps at a system load.
func epley(sys float64, reps float64) float64 { return sys * (1 + reps/30) }
