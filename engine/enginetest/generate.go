// Package enginetest makes long, messy training histories for tests and
// benchmarks: years of sets as a real lifter logs them, not the tidy weeks
// of a hand-written fixture. It is deterministic (the same Config gives the
// same Log), reads no clock, does no I/O and imports the standard library
// and engine only.
//
// A generated history holds, in order, the programs of a lifter's first
// years: a novice linear progression (3x5, +2.5 kg a session, resets after
// three misses), 5/3/1 with its light fourth week and first-set-last or
// boring-but-big supplements, then a layoff of months, a return on
// upper/lower 8-12 double progression, a strength block of top sets with
// back-offs and RPE (deadlift 170x4, then 2x5 at 150), and a last year of
// upper/lower with more lifts and daily check-ins. Around them: ramp-up
// sets before the working sets, mostly unmarked and sometimes marked as
// warm-ups; effort logged on some sets only; missed reps (5, 4, 4) where
// the true strength falls short; holidays of 7 to 10 days; sick days and
// sessions tagged #sick; trips with hotel-gym sessions tagged #travel and
// #newsetup; a #pain session now and then, after which the lift rests;
// single-rep tests at the end of strength blocks; and a typo in a lift's
// name ("sqaut") a few times. Strength follows a model: fast novice gains
// slowing over the years, losses in a layoff and a quicker regain after it,
// a worse day when sick, travelling or short of sleep.
package enginetest

import (
	"math/rand/v2"
	"time"

	"github.com/spotterbot/spotter/engine"
)

// Config chooses a history. Every field has a usable zero value.
type Config struct {
	// Seed picks the lifter: the same seed gives the same Log, another seed
	// another history of the same shape.
	Seed int64
	// End is the last day of the log, always a training day. Zero means
	// DefaultEnd.
	End engine.Date
	// Years is the length of the log; 0 means 5. The programs and check-in
	// periods scale with it; holidays, sick days and trips come about twice
	// a year each; the layoff lasts 60 to 160 days whatever the length.
	Years int
	// Lifts keeps the first Lifts lifts of Catalog (main lifts first) and
	// drops the others from every program; 0 means all of them. Typos of a
	// kept lift come on top.
	Lifts int
}

// DefaultEnd is the last day of a log whose Config.End is zero.
var DefaultEnd = engine.NewDate(2026, 11, 23)

// Log is a generated history.
type Log struct {
	// Sets in the order lifted: by day, then as performed. Seq numbers a
	// day's sets of one lift from 0. Loads are kilograms; a bodyweight
	// move's load is the added load.
	Sets []engine.Set
	// Checkins, one a day at most, only in the periods the lifter kept them.
	Checkins []engine.Checkin
	// Deloads are the planned light weeks, as /deload now on their first
	// session would store them. App exports have no place for them.
	Deloads []engine.DeloadPeriod
	// Workouts, one per training day, in day order, name and clock time
	// for app exports (StrongCSV).
	Workouts []Workout
	// Breaks are the stretches without training that were planned as such:
	// holidays, sick days, the layoff. Skipped sessions are not breaks.
	Breaks []Break
	// First and Last are the first and last training days.
	First, Last engine.Date
}

// Workout is one training day's session.
type Workout struct {
	Date    engine.Date
	Name    string // "Workout A", "5/3/1 Squat", "Upper 2", "Hotel gym"
	Start   int    // seconds after local midnight when it began
	Minutes int    // how long it took
}

// Break is a stretch of days without training.
type Break struct {
	From, To engine.Date // inclusive
	Why      string      // "holiday", "sick" or "layoff"
}

// Lifts returns the distinct lift names of the sets, typos included, in
// order of first appearance.
func (l Log) Lifts() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range l.Sets {
		if !seen[s.Lift] {
			seen[s.Lift] = true
			out = append(out, s.Lift)
		}
	}
	return out
}

// History returns the window storage hands the engine: the sets from day
// from on, the check-ins from checkinsFrom on, and every deload.
func (l Log) History(from, checkinsFrom engine.Date) engine.History {
	var h engine.History
	for _, s := range l.Sets {
		if s.Date >= from {
			h.Sets = append(h.Sets, s)
		}
	}
	for _, c := range l.Checkins {
		if c.Date >= checkinsFrom {
			h.Checkins = append(h.Checkins, c)
		}
	}
	h.Deloads = append(h.Deloads, l.Deloads...)
	return h
}

// Generate makes the history cfg asks for.
func Generate(cfg Config) Log {
	if cfg.End == 0 {
		cfg.End = DefaultEnd
	}
	if cfg.Years <= 0 {
		cfg.Years = 5
	}
	if cfg.Lifts <= 0 || cfg.Lifts > len(catalog) {
		cfg.Lifts = len(catalog)
	}
	g := newGen(cfg)
	g.layout()
	for d := g.first; d <= g.end; d++ {
		g.day(d)
	}
	g.log.Breaks = g.breaks()
	g.log.Last = g.end
	return g.log
}

// gen is one Generate call's state.
type gen struct {
	cfg        Config
	r          *rand.Rand
	allow      map[string]bool
	first, end engine.Date
	l          lifter
	log        Log

	eras     []era
	checkins []checkinPeriod
	off      map[engine.Date]string // days without training, and why
	sickDay  map[engine.Date]bool   // days trained while ill
	travel   map[engine.Date]bool   // days away from the home gym
	events   []event                // pain, new setups and typos, each for one session of a lift

	dp       map[string]*progression // double progression, by lift
	rested   map[string]engine.Date  // a lift rests until this day after #pain
	seq      map[string]int          // the day's seq, by lift name as logged
	fresh    engine.Date             // the last light week or break: fatigue builds after it
	moved    bool                    // a skipped session moves to tomorrow
	lastLit  engine.Date             // the start of the current light week
	heavy    engine.Date             // the last heavy session, for soreness
	poorRest bool                    // last night's sleep was poor
	micro    bool                    // 1.25 kg plates in this era
}

func newGen(cfg Config) *gen {
	end := cfg.End
	first := engine.DateOf(end.Time().AddDate(-cfg.Years, 0, 1))
	g := &gen{
		cfg: cfg, first: first, end: end,
		r:     rand.New(rand.NewPCG(uint64(cfg.Seed), 0x5eed5b07)),
		allow: map[string]bool{},
		off:   map[engine.Date]string{}, sickDay: map[engine.Date]bool{}, travel: map[engine.Date]bool{},
		dp: map[string]*progression{}, rested: map[string]engine.Date{}, seq: map[string]int{},
		fresh: first,
	}
	for _, l := range catalog[:cfg.Lifts] {
		g.allow[l.name] = true
	}
	g.l = newLifter(g.r)
	return g
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between returns an int in [a, b].
func (g *gen) between(a, b int) int { return a + g.r.IntN(b-a+1) }

func (g *gen) norm(sd float64) float64 { return g.r.NormFloat64() * sd }

// day lives one day: strength drifts, the lifter maybe trains, maybe checks in.
func (g *gen) day(d engine.Date) {
	g.l.live(d, g.off[d] == "layoff")
	poor := g.chance(0.12) || (g.travel[d] && g.chance(0.3)) || (g.sickDay[d] && g.chance(0.5))
	g.poorRest = poor
	e := g.eraOf(d)
	g.micro = e.micro
	if g.trainsOn(d, e) {
		g.session(d, e)
	}
	g.checkin(d)
}

// trainsOn decides whether d is a training day.
func (g *gen) trainsOn(d engine.Date, e *era) bool {
	if g.off[d] != "" {
		g.moved = false
		return false
	}
	if d == g.end {
		return true
	}
	if g.travel[d] {
		return g.chance(0.45)
	}
	if d.Weekday() == time.Sunday && e.arms > 0 {
		return g.chance(e.arms)
	}
	planned := false
	for _, w := range e.prog.days() {
		if d.Weekday() == w {
			planned = true
		}
	}
	if !planned {
		m := g.moved
		g.moved = false
		return m
	}
	if g.chance(0.08) {
		g.moved = g.chance(0.5)
		return false
	}
	g.moved = false
	return true
}

// breaks folds the days off into stretches.
func (g *gen) breaks() []Break {
	var out []Break
	for d := g.first; d <= g.end; d++ {
		why := g.off[d]
		if why == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].To == d-1 && out[n-1].Why == why {
			out[n-1].To = d
			continue
		}
		out = append(out, Break{From: d, To: d, Why: why})
	}
	return out
}

// startTime is when a session begins: evenings on weekdays, mornings at weekends.
func (g *gen) startTime(d engine.Date) int {
	h := g.between(17, 19)
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		h = g.between(9, 11)
	}
	return h*3600 + g.between(0, 59)*60 + g.between(0, 59)
}
