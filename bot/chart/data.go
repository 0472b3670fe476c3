package chart

import (
	"math"
	"sort"

	"github.com/spotterbot/spotter/engine"
)

// Point is one session's score.
type Point struct {
	Date   engine.Date
	E1RM   float64 // best working-set e1RM, in the chart's unit
	PR     bool    // higher than every session before it
	Deload bool    // inside a deload week: shown, not part of the trend
}

// Day is one check-in day's readiness.
type Day struct {
	Date     engine.Date
	Flags    int
	Strained bool
}

// Data is everything one chart shows.
type Data struct {
	Lift      string
	Unit      engine.Unit
	Points    []Point
	Deloads   []engine.DeloadPeriod // deload weeks taken (skipped ones are not shaded)
	Readiness []Day                 // check-in days from the first session on, in date order
}

// Span is the days the chart covers: from the first session through the
// last session or the last check-in, whichever is later.
func (d Data) Span() (first, last engine.Date) {
	if len(d.Points) == 0 {
		return 0, 0
	}
	first, last = d.Points[0].Date, d.Points[len(d.Points)-1].Date
	for _, r := range d.Readiness {
		if r.Date > last {
			last = r.Date
		}
	}
	return first, last
}

// Build scores a lift's sessions in h the way the engine does (the best
// e1RM among the day's working sets; warm-ups and drop sets never count) and
// reads each check-in day with readiness (engine.ReadinessOf in production).
func Build(h engine.History, lift string, u engine.Unit, readiness func(engine.History, engine.Date) engine.DayReadiness) Data {
	if u != engine.Lb {
		u = engine.Kg
	}
	d := Data{Lift: lift, Unit: u}
	best := map[engine.Date]float64{}
	for _, s := range h.Sets {
		if s.Lift != lift || s.Kind == engine.Warmup || s.Kind == engine.Drop {
			continue
		}
		if e, _ := engine.SetE1RMAt(s, engine.BodyWeightOn(h.BodyWeights, s.Date)); e > best[s.Date] {
			best[s.Date] = e
		}
	}
	for day, kg := range best {
		if kg <= 0 {
			continue
		}
		v := kg
		if u == engine.Lb {
			v = kg / engine.KgPerLb
		}
		d.Points = append(d.Points, Point{Date: day, E1RM: v})
	}
	sort.Slice(d.Points, func(i, j int) bool { return d.Points[i].Date < d.Points[j].Date })
	for _, p := range h.Deloads {
		if !p.Skipped {
			d.Deloads = append(d.Deloads, p)
		}
	}
	top := 0.0
	for i := range d.Points {
		p := &d.Points[i]
		p.Deload = inDeload(d.Deloads, p.Date)
		if i > 0 && p.E1RM > top+1e-9 {
			p.PR = true
		}
		top = math.Max(top, p.E1RM)
	}
	if len(d.Points) == 0 || readiness == nil {
		return d
	}
	// Check-ins after the last session belong on the strip too: how the
	// lifter has been since is the point of looking.
	first := d.Points[0].Date
	for _, c := range h.Checkins {
		if c.Date < first {
			continue
		}
		r := readiness(h, c.Date)
		d.Readiness = append(d.Readiness, Day{Date: c.Date, Flags: len(r.Flags), Strained: r.Strained})
	}
	return d
}

func inDeload(ds []engine.DeloadPeriod, d engine.Date) bool {
	for _, p := range ds {
		if d >= p.Start && d <= p.End {
			return true
		}
	}
	return false
}
