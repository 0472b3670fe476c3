package engine

import (
	"math"
	"strconv"
)

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

// e1rm formats an estimate held in kg with one decimal and the unit: "123.3 kg".
func (un units) e1rm(kg float64) string {
	return un.num1(kg) + " " + string(un.u)
}

// num1 formats a kg value in the display unit with one decimal, no unit.
func (un units) num1(kg float64) string {
	return strconv.FormatFloat(un.fromKg(kg), 'f', 1, 64)
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

// fmtLoad prints a display-unit load with its unit: "102.5 kg".
func (un units) fmtLoad(v float64) string {
	return FormatNumber(v) + " " + string(un.u)
}

// pct formats a fraction as a whole percentage without sign: 0.0612 -> "6%".
func pct(f float64) string {
	return strconv.Itoa(int(math.Round(math.Abs(f)*100))) + "%"
}
