package workoutcsv

import (
	"math"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// Sanity limits: a value beyond them means a broken file, not a lift.
const (
	maxLoadKg = 1500 // the heaviest leg presses logged are about 1,000 kg
	maxReps   = 1000
)

// number reads a decimal; "" is (0, false). A decimal comma is accepted
// ("62,5" in exports from comma-decimal locales, which use ';' between fields).
func number(s string) (float64, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, strconv.ErrSyntax
	}
	return v, true, nil
}

// unitWord reads a unit as exports spell it: kg, kgs, lb, lbs.
func unitWord(s string) engine.Unit {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "kg", "kgs", "kilograms":
		return engine.Kg
	case "lb", "lbs", "pounds":
		return engine.Lb
	}
	return ""
}

// exactLoad turns an exported weight into an exact load. Exports write
// binary floats: 185.00000000000003 is 185, and Strong's "Weight (kg)" for a
// lifter who logs pounds writes 110 lb as 49.895160700000005. So a value that
// is a clean thousandth stays in its unit; one that is not, but is a clean
// hundredth of the other unit after exact conversion, is stored in that
// unit; anything else is rounded to the thousandth.
func exactLoad(v float64, u engine.Unit) engine.Load {
	if clean(v*1000, 1e-6) {
		return engine.NewLoad(v, u)
	}
	other, x := engine.Lb, v/engine.KgPerLb
	if u == engine.Lb {
		other, x = engine.Kg, v*engine.KgPerLb
	}
	if clean(x*100, 1e-4) {
		return engine.Load{Milli: int64(math.Round(x*100)) * 10, Unit: other}
	}
	return engine.NewLoad(v, u)
}

// clean reports whether v is within tol of a whole number.
func clean(v, tol float64) bool { return math.Abs(v-math.Round(v)) <= tol }

// readReps reads a rep count: "8", "8.0", "" (none).
func (r *rows) readReps(rec []string, col int) (int, error) {
	if col < 0 || col >= len(rec) {
		return 0, nil
	}
	v, ok, err := number(rec[col])
	if err != nil {
		return 0, r.errAt(col, rec[col], "is not a number of reps")
	}
	if !ok {
		return 0, nil
	}
	if v < 0 || v > maxReps || !clean(v, 1e-9) {
		return 0, r.errAt(col, rec[col], "is not a whole number of reps between 0 and 1000")
	}
	return int(math.Round(v)), nil
}

// readFloat reads an optional non-negative number.
func (r *rows) readFloat(rec []string, col int, what string) (float64, error) {
	if col < 0 || col >= len(rec) {
		return 0, nil
	}
	v, _, err := number(rec[col])
	if err != nil {
		return 0, r.errAt(col, rec[col], "is not a number ("+what+")")
	}
	if v < 0 {
		return 0, r.errAt(col, rec[col], "is negative ("+what+")")
	}
	return v, nil
}

// readWeight reads a weight in unit u, the unit the file states for it;
// "" means the file does not say and Options.Unit is assumed. Empty is
// (zero, false).
func (r *rows) readWeight(rec []string, col int, u engine.Unit) (engine.Load, bool, error) {
	stated := u
	if u == "" {
		u = r.opt.Unit
	}
	if col < 0 || col >= len(rec) {
		return engine.Load{Unit: u}, false, nil
	}
	v, ok, err := number(rec[col])
	if err != nil {
		return engine.Load{}, false, r.errAt(col, rec[col], "is not a weight")
	}
	if !ok {
		return engine.Load{Unit: u}, false, nil
	}
	l := exactLoad(v, u)
	if math.Abs(l.Kg()) > maxLoadKg {
		return engine.Load{}, false, r.errAt(col, rec[col], "is not a plausible weight")
	}
	r.countUnit(stated, v)
	return l, true, nil
}

// countUnit counts a non-zero load whose unit the file stated (u != "").
// The count is of what the file says, not of the unit the load is stored
// in: Strong's "Weight (kg)" of a pound lifter is stored in pounds, yet the
// file says kg, and the reply must not contradict the file.
func (r *rows) countUnit(u engine.Unit, v float64) {
	if u == "" || v == 0 {
		return
	}
	if r.stated == nil {
		r.stated = map[engine.Unit]int{}
	}
	r.stated[u]++
}

// readRPE reads an RPE and returns it as RIR (RIR = 10 - RPE, to the
// hundredth so that it prints and reads back exactly). Empty or 0 is none.
func (r *rows) readRPE(rec []string, col int) (rir float64, has bool, err error) {
	if col < 0 || col >= len(rec) {
		return 0, false, nil
	}
	v, ok, err := number(rec[col])
	if err != nil {
		return 0, false, r.errAt(col, rec[col], "is not an RPE")
	}
	if !ok || v == 0 {
		return 0, false, nil
	}
	if v < 1 || v > 10 {
		return 0, false, r.errAt(col, rec[col], "is not an RPE between 1 and 10")
	}
	return math.Round((10-v)*100) / 100, true, nil
}
