package workoutcsv

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// number reads a decimal; "" is (0, false). A decimal comma is accepted
// ("62,5" in exports from comma-decimal locales, which use ';' between
// fields). NaN, Inf and numbers beyond float64 are errNotFinite.
func number(s string) (float64, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) || err == nil && (math.IsNaN(v) || math.IsInf(v, 0)):
		return 0, false, errNotFinite
	case err != nil:
		return 0, false, strconv.ErrSyntax
	}
	return v, true, nil
}

// errNotFinite is number's error for NaN, Inf and 1e999.
var errNotFinite = errors.New("not a finite number")

// numberAt reads a number in column col of rec, with a bad row's error
// when it is not one.
func (r *rows) numberAt(rec []string, col int) (float64, bool, error) {
	v, ok, err := number(rec[col])
	if err == errNotFinite {
		return 0, false, r.errAt(col, rec[col], BadNumber, "not a finite number")
	}
	if err != nil {
		return 0, false, r.errAt(col, rec[col], BadNumber, "not a number")
	}
	return v, ok, nil
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
	v, ok, err := r.numberAt(rec, col)
	if err != nil || !ok {
		return 0, err
	}
	if err := limits.Reps(v); err != nil {
		return 0, r.errAt(col, rec[col], BadReps, err.Error())
	}
	return int(math.Round(v)), nil
}

// readFloat reads an optional non-negative number.
func (r *rows) readFloat(rec []string, col int, what string) (float64, error) {
	if col < 0 || col >= len(rec) {
		return 0, nil
	}
	v, _, err := r.numberAt(rec, col)
	if err != nil {
		return 0, err
	}
	if v < 0 {
		return 0, r.errAt(col, rec[col], BadValue, "a negative "+what)
	}
	return v, nil
}

// readWeight reads a weight in unit u, the unit the file states for it;
// "" means the file does not say and Options.Unit is assumed. Empty is
// (zero, false). Apps write the help of an assisted exercise as a positive
// weight, so a negative one is a bad row.
func (r *rows) readWeight(rec []string, col int, u engine.Unit) (engine.Load, bool, error) {
	stated := u
	if u == "" {
		u = r.opt.Unit
	}
	if col < 0 || col >= len(rec) {
		return engine.Load{Unit: u}, false, nil
	}
	v, ok, err := number(rec[col])
	switch {
	case err == errNotFinite:
		return engine.Load{}, false, r.errAt(col, rec[col], BadLoad, err.Error())
	case err != nil:
		return engine.Load{}, false, r.errAt(col, rec[col], BadNumber, "not a number")
	case !ok:
		return engine.Load{Unit: u}, false, nil
	}
	if err := limits.Load(v, u, false); err != nil {
		return engine.Load{}, false, r.errAt(col, rec[col], BadLoad, err.Error())
	}
	r.countUnit(stated, v)
	return exactLoad(v, u), true, nil
}

// countUnit notes the unit the file states (u != "") for the current row's
// non-zero load; each counts it once the row is read, not for a bad row.
// The count is of what the file says, not of the unit the load is stored
// in: Strong's "Weight (kg)" of a pound lifter is stored in pounds, yet the
// file says kg, and the reply must not contradict the file.
func (r *rows) countUnit(u engine.Unit, v float64) {
	if u != "" && v != 0 {
		r.rowUnit = u
	}
}

// readRPE reads an RPE and returns it as RIR (RIR = 10 - RPE, to the
// hundredth so that it prints and reads back exactly). Empty or 0 is none.
func (r *rows) readRPE(rec []string, col int) (rir float64, has bool, err error) {
	if col < 0 || col >= len(rec) {
		return 0, false, nil
	}
	v, ok, err := r.numberAt(rec, col)
	if err != nil || !ok || v == 0 {
		return 0, false, err
	}
	if err := limits.RPE(v); err != nil {
		return 0, false, r.errAt(col, rec[col], BadEffort, err.Error())
	}
	return math.Round((10-v)*100) / 100, true, nil
}
