package enginetest

import (
	"math"
	"time"

	"github.com/spotterbot/spotter/engine"
)

// era is a stretch of the log under one program.
type era struct {
	from, to engine.Date
	prog     program
	effort   [3]float64 // chance a working set's effort is logged, by role
	mark     float64    // chance a session's ramp-up sets are marked as warm-ups
	micro    bool       // 1.25 kg plates on upper-body barbell lifts
	arms     float64    // chance of an extra arms-and-shoulders session on a Sunday
}

func (e *era) light(week int) bool { return e.prog.light(week) }

// checkinPeriod is a stretch in which the lifter sent daily check-ins.
type checkinPeriod struct {
	from, to engine.Date
	chance   float64 // of a check-in on a given day
	kind     int     // 0: sleep and soreness; 1: sleep and resting heart rate; 2: everything a watch gives
}

// event touches one session of a lift, the first on or after from.
type event struct {
	kind string // "pain", "newsetup" or "typo"
	lift string
	typo string
	from engine.Date
	used bool
}

// layout lays the programs, breaks, trips and events over the calendar, in
// proportion to the log's length (the fractions are of a 5-year log's
// shape: half a year of linear progression, a year of 5/3/1, ...).
func (g *gen) layout() {
	n := g.end.DaysSince(g.first) + 1
	cut := func(f float64) engine.Date { return g.first.AddDays(int(f * float64(n))) }
	layLen := min(140, max(60, int(0.065*float64(n)))) + g.between(0, 20)
	layFrom := cut(0.30).AddDays(g.between(0, 14))
	layTo := layFrom.AddDays(layLen - 1)
	for d := layFrom; d <= layTo; d++ {
		g.off[d] = "layoff"
	}
	retTo := max(cut(0.47), layTo.AddDays(35))
	strTo := max(cut(0.76), retTo.AddDays(42))
	g.eras = []era{
		{from: g.first, to: cut(0.10) - 1, prog: &linear{start: 0.55}},
		{from: cut(0.10), to: layFrom - 1, prog: &fiveThreeOne{}, effort: [3]float64{0.35, 0.05, 0.05}, mark: 0.1, arms: 0.5},
		{from: layTo + 1, to: retTo - 1, prog: &upperLower{}, effort: [3]float64{0.1, 0.1, 0.1}, mark: 0.5},
		{from: retTo, to: strTo - 1, prog: &strength{}, effort: [3]float64{0.85, 0.4, 0.15}, mark: 0.35, arms: 0.6},
		{from: strTo, to: g.end, prog: &final{}, effort: [3]float64{0.6, 0.25, 0.25}, mark: 0.6, micro: true, arms: 0.6},
	}
	g.checkins = []checkinPeriod{
		{from: cut(0.22), to: layFrom - 1, chance: 0.6, kind: 0},
		{from: cut(0.55), to: cut(0.58), chance: 0.5, kind: 1},
		{from: cut(0.80), to: g.end, chance: 0.85, kind: 2},
	}

	y0, _, _ := g.first.Time().Date()
	y1, _, _ := g.end.Time().Date()
	for y := y0; y <= y1; y++ {
		g.place(engine.NewDate(y, time.December, 20+g.between(0, 6)), g.between(7, 10), "holiday")
		g.place(engine.NewDate(y, time.July, 10+g.between(0, 35)), g.between(7, 10), "holiday")
	}
	years := float64(n) / 365
	for i := 0; i < int(math.Round(2*years)); i++ {
		for try := 0; try < 20; try++ {
			from := g.first.AddDays(g.between(30, n-30))
			to := from.AddDays(g.between(3, 6) - 1)
			if g.place(from, to.DaysSince(from)+1, "sick") {
				// Feeling it coming, and the first sessions back.
				for _, d := range []engine.Date{from - 2, from - 1, to + 1, to + 2, to + 3} {
					g.sickDay[d] = true
				}
				break
			}
		}
	}
	for i := 0; i < int(math.Round(2*years)); i++ {
		for try := 0; try < 20; try++ {
			from := g.first.AddDays(g.between(30, n-30))
			to := from.AddDays(g.between(5, 9) - 1)
			if g.free(from, to, 3) {
				for d := from; d <= to; d++ {
					g.travel[d] = true
				}
				break
			}
		}
	}
	pick := func(lifts []string) string { return lifts[g.r.IntN(len(lifts))] }
	for i := 0; i < int(math.Round(1.5*years)); i++ {
		g.events = append(g.events, event{kind: "pain", lift: pick([]string{"squat", "bench", "deadlift", "overhead press", "row"}),
			from: g.first.AddDays(g.between(60, n-21))})
	}
	for i := 0; i < int(math.Round(years)); i++ {
		g.events = append(g.events, event{kind: "newsetup", lift: pick(mainLifts), from: g.first.AddDays(g.between(30, n-21))})
	}
	for _, t := range typos {
		g.events = append(g.events, event{kind: "typo", lift: t.lift, typo: t.typo, from: cut(0.5).AddDays(g.between(0, n/2-30))})
	}
}

// free reports whether from..to and margin days around it hold no break,
// trip or sick session, and keep clear of the log's first and last three weeks.
func (g *gen) free(from, to engine.Date, margin int) bool {
	if from < g.first.AddDays(21) || to > g.end.AddDays(-21) {
		return false
	}
	for d := from.AddDays(-margin); d <= to.AddDays(margin); d++ {
		if g.off[d] != "" || g.travel[d] || g.sickDay[d] {
			return false
		}
	}
	return true
}

// place marks days days off from from, if they are free.
func (g *gen) place(from engine.Date, days int, why string) bool {
	to := from.AddDays(days - 1)
	if !g.free(from, to, 5) {
		return false
	}
	for d := from; d <= to; d++ {
		g.off[d] = why
	}
	return true
}

// eraOf returns the era of day d (the one before it in the layoff).
func (g *gen) eraOf(d engine.Date) *era {
	e := &g.eras[0]
	for i := range g.eras {
		if g.eras[i].from <= d {
			e = &g.eras[i]
		}
	}
	return e
}

// late reports whether d is in the second half of its era: lifts swap then.
func (g *gen) late(d engine.Date) bool {
	e := g.eraOf(d)
	return d.DaysSince(e.from) > e.to.DaysSince(e.from)/2
}

// checkin sends the day's check-in, in the periods the lifter kept them.
func (g *gen) checkin(d engine.Date) {
	var p *checkinPeriod
	for i := range g.checkins {
		if c := &g.checkins[i]; d >= c.from && d <= c.to {
			p = c
		}
	}
	if p == nil || !g.chance(p.chance) {
		return
	}
	sick := g.sickDay[d] || g.off[d] == "sick"
	c := engine.Checkin{Date: d, Sleep: engine.SleepGood}
	switch {
	case g.poorRest || sick:
		c.Sleep = engine.SleepPoor
	case g.chance(0.4):
		c.Sleep = engine.SleepOK
	}
	if p.kind != 1 {
		c.Soreness = engine.SorenessNormal
		switch {
		case d.DaysSince(g.heavy) <= 1 && g.chance(0.5):
			c.Soreness = engine.SorenessHigh
		case g.chance(0.3):
			c.Soreness = engine.SorenessNone
		}
		if g.chance(0.4) {
			c.Motivation = engine.MotivationNormal
			if sick || g.poorRest {
				c.Motivation = engine.MotivationLow
			} else if g.chance(0.4) {
				c.Motivation = engine.MotivationHigh
			}
		}
	}
	if p.kind >= 1 {
		rhr := 58 - 6*g.l.progress() + g.norm(1.5)
		if sick {
			rhr += 7
		}
		if g.poorRest {
			rhr += 2
		}
		c.RHR = int(math.Round(rhr))
	}
	if p.kind == 2 {
		if g.chance(0.3) {
			c.Joints = engine.JointsOK
			if g.chance(0.15) {
				c.Joints = engine.JointsIrritated
			}
		}
		hrv := 55 + g.norm(8)
		if sick {
			hrv -= 15
		}
		if g.poorRest {
			hrv -= 8
		}
		c.HRV = math.Round(max(12, hrv)*10) / 10
		slept := map[engine.Sleep]float64{engine.SleepGood: 7.6, engine.SleepOK: 6.7, engine.SleepPoor: 5.3}[c.Sleep]
		c.SleptHours = math.Round((slept+g.norm(0.4))*10) / 10
	}
	if sick {
		c.Tags = append(c.Tags, "sick")
	}
	if g.travel[d] {
		c.Tags = append(c.Tags, "travel")
	}
	g.log.Checkins = append(g.log.Checkins, c)
}
