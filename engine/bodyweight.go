package engine

import "sort"

// BodyWeight is the lifter's body weight on a day, exact as logged (82.5 kg
// stays 82.5 kg, 180 lb stays 180 lb). The last one logged on a day is the
// day's.
type BodyWeight struct {
	Date   Date
	Weight Load
}

// BodyWeightOn returns the latest body weight on or before d, in kg, from
// bws sorted by date; 0 when none is known. A weigh-in counts from its day
// on: a session is scored with what the lifter weighed then, not now. A day
// before the first weigh-in takes the first: a body changes slowly, and
// scoring the older sessions of a lift on the added load alone would make
// its trend jump (10 kg then 90 kg "moved") the day a weight is logged.
func BodyWeightOn(bws []BodyWeight, d Date) float64 {
	if len(bws) == 0 {
		return 0
	}
	i := sort.Search(len(bws), func(i int) bool { return bws[i].Date > d })
	if i == 0 {
		return bws[0].Weight.Kg()
	}
	return bws[i-1].Weight.Kg()
}

// SetE1RMAt is SetE1RM for a lifter weighing bodyKg: a bodyweight set moves
// the body plus the added load (minus the help of an assisted variant), so
// its e1RM is the total load's. With bodyKg 0 (no body weight known) it is
// SetE1RM: the e1RM of the added load alone, 0 for plain bodyweight.
func SetE1RMAt(s Set, bodyKg float64) (e1rm float64, lowConfidence bool) {
	return setE1RMKg(s, totalKg(s, bodyKg))
}

// totalKg is the load a set moves, kg: body weight plus the added load for
// a bodyweight set when the body weight is known, else the load.
func totalKg(s Set, bodyKg float64) float64 {
	if s.Bodyweight && bodyKg > 0 {
		return bodyKg + s.Load.Kg()
	}
	return s.Load.Kg()
}
