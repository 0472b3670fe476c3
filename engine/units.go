package engine

import "math"

// units is the lifter's display unit and load step, resolved once per call.
type units struct {
	u   Unit    // display unit, kg or lb
	inc float64 // load increment in u, > 0
}

// unitsOf resolves the profile's display unit (kg when unset) and increment
// (2.5 kg / 5 lb when zero; converted when typed in the other unit).
func unitsOf(p Profile) units {
	u := p.Units
	if u != Lb {
		u = Kg
	}
	inc := p.Increment.In(u).Value()
	if p.Increment.Milli <= 0 {
		inc = 2.5
		if u == Lb {
			inc = 5
		}
	}
	return units{u: u, inc: inc}
}

// fromKg converts kilograms to the display unit.
func (un units) fromKg(kg float64) float64 {
	if un.u == Lb {
		return kg / KgPerLb
	}
	return kg
}

// load returns a set's load in the display unit, exact when typed in it.
func (un units) load(l Load) float64 {
	return l.In(un.u).Value()
}

// round rounds a display-unit value to the nearest increment.
func (un units) round(v float64) float64 {
	r := math.Round(v/un.inc) * un.inc
	return math.Round(r*1000) / 1000
}

// rx rounds a prescribed load to the increment, keeping a nonzero load at
// least one increment.
func (un units) rx(v float64) float64 {
	r := un.round(v)
	if v > 0 && r <= 0 {
		return un.inc
	}
	return r
}

// kept is a logged load repeated in a prescription (HOLD, the rep and set
// levers): exact in its own unit, since it is what was lifted (a 12 kg
// dumbbell stays 12 kg with a 2.5 kg increment); rounded to the increment
// when converted from the other unit. New loads (the load lever, deloads,
// ease-back) are always on the increment grid.
//
// A load with more than two decimals (70.092 kg: an app's conversion from
// pounds, as in Strong's exports) was never on a plate or a dumbbell; it is
// rounded to the increment too.
func (un units) kept(l Load) float64 {
	if (l.Unit == un.u || l.Unit == "") && l.Milli%10 == 0 {
		return l.Value()
	}
	return un.rx(un.load(l))
}
