package bot

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// The set tokens of /log: 100x5, 100x5x3, 3x5@100, 100x5@8, bw+20x5, w60x5,
// with units, effort and rest.

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func parseUnit(s string, def engine.Unit) engine.Unit {
	switch s {
	case "kg":
		return engine.Kg
	case "lb", "lbs":
		return engine.Lb
	}
	return def
}

// parseLoad reads a load number in a unit and checks it is sane.
func parseLoad(num, unit string, def engine.Unit, tok string, bodyweight bool) (engine.Load, error) {
	if num == "" {
		return engine.Load{Unit: parseUnit(unit, def)}, nil
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return engine.Load{}, badToken(tok, "the load is not a number.", logExample)
	}
	// The shared bounds (bot/limits), checked before the number becomes an
	// exact load, which a huge one would overflow.
	u := parseUnit(unit, def)
	if err := limits.Load(v, u, bodyweight); err != nil {
		return engine.Load{}, badToken(tok, fmt.Sprintf("%s %s is %s; check the number and the unit.", num, u, err), logExample)
	}
	l := engine.NewLoad(v, u)
	if l.Milli <= 0 && !bodyweight {
		return l, badToken(tok, "the load must be more than zero (use bw for bodyweight: bwx10).", logExample)
	}
	return l, nil
}

func parseCount(s, what, tok string, max int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, badToken(tok, what+" must be a whole number above zero.", logExample)
	}
	if n > max {
		return 0, badToken(tok, fmt.Sprintf("%s: at most %d.", what, max), logExample)
	}
	return n, nil
}

// parseSetToken reads one set token into one or more sets; hasRPE is true
// when the token carried its own RPE (100x5@8), which every set it stands for takes.
func parseSetToken(t string, def engine.Unit) (sets []LoggedSet, hasRPE bool, err error) {
	var warm, bw bool
	var load engine.Load
	var reps, n int
	var rir float64
	m := reLoadReps.FindStringSubmatch(t)
	if m != nil && m[9] != "" && m[8] == "" && reSetsReps.MatchString(t) && !readsAsRPE(m[5], m[9]) {
		m = nil // sets x reps @ load, as in 3x5@100
	}
	if m != nil {
		warm = m[1] == "w"
		if strings.HasPrefix(m[2], "bw") {
			bw = true
			load, err = parseLoad(m[3], m[4], def, t, true)
		} else {
			load, err = parseLoad(m[5], m[6], def, t, false)
		}
		if err != nil {
			return nil, false, err
		}
		if reps, err = parseCount(m[7], "reps", t, limits.MaxReps); err != nil {
			return nil, false, err
		}
		n = 1
		if m[8] != "" {
			if n, err = parseCount(m[8], "the number of sets", t, maxSets); err != nil {
				return nil, false, err
			}
		}
		if m[9] != "" {
			v, ok := rpeValue(m[9])
			if !ok {
				return nil, false, badToken(t, "after load x reps, the number after @ is the RPE: 1 to 10 in steps of 0.5.", "/log squat 100x5@8")
			}
			rir, hasRPE = 10-v, true
		}
	} else if m := reSetsReps.FindStringSubmatch(t); m != nil {
		warm = m[1] == "w"
		if n, err = parseCount(m[2], "the number of sets", t, maxSets); err != nil {
			return nil, false, err
		}
		if reps, err = parseCount(m[3], "reps", t, limits.MaxReps); err != nil {
			return nil, false, err
		}
		if strings.HasPrefix(m[4], "bw") {
			bw = true
			load, err = parseLoad(m[5], m[6], def, t, true)
		} else {
			load, err = parseLoad(m[7], m[8], def, t, false)
		}
		if err != nil {
			return nil, false, err
		}
	} else {
		return nil, false, badToken(t, "a set is load x reps (100x5).", logExample)
	}
	out := make([]LoggedSet, n)
	for i := range out {
		out[i] = LoggedSet{Load: load, Bodyweight: bw, Reps: reps, Warmup: warm, RIR: rir, HasRIR: hasRPE}
	}
	return out, hasRPE, nil
}

// readsAsRPE settles AxB@C when both notations fit (A a whole number, C a
// bare number): sets x reps @ load (3x5@100, the older notation) or load x
// reps @ RPE (100x5@8, how lifters write a top set). It is RPE when C is an
// RPE (1 to 10 in half steps) and A is not a plausible set count, that is
// A > 10; otherwise it keeps the older meaning, so 3x12@8 stays three sets of
// twelve at 8 kg and 12x3@100 twelve sets at 100. An A with a decimal point, a
// unit or bw never matches sets x reps @ load and always reads C as RPE
// (102.5x5@8, 100kgx5@8). AxBxC@D is always load x reps x sets at RPE D.
// When A is more sets than one token takes (maxSets), C can only be a
// mistyped RPE, and is refused as one: 100x5@11.
func readsAsRPE(a, c string) bool {
	n, err := strconv.Atoi(a)
	if err == nil && n <= maxPlausibleSets {
		return false
	}
	if _, ok := rpeValue(c); ok {
		return true
	}
	return err != nil || n > maxSets
}

// rpeValue reads an RPE written after @: 1 to 10 (bot/limits) in steps of 0.5.
func rpeValue(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || limits.RPE(v) != nil || v*2 != math.Trunc(v*2) {
		return 0, false
	}
	return v, true
}

// parseEffort turns rir/rpe/@ and a number into RIR.
func parseEffort(kind, num, tok string) (float64, error) {
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, badToken(tok, "effort needs a number.", logExample)
	}
	if v*2 != math.Trunc(v*2) {
		return 0, badToken(tok, "effort goes in steps of 0.5.", "/log squat 100x5 rpe 8.5")
	}
	if kind == "rir" {
		if limits.RIR(v) != nil {
			return 0, badToken(tok, "RIR is 0 to 10 reps in reserve.", logExample)
		}
		return v, nil
	}
	if limits.RPE(v) != nil {
		return 0, badToken(tok, "RPE is 1 to 10.", "/log squat 100x5 rpe8")
	}
	return 10 - v, nil
}

func parseRest(s string) (int, error) {
	m := reRest.FindStringSubmatch(s)
	if m == nil {
		return 0, badToken(s, "rest is seconds, minutes or m:ss, like 90s, 2m or 2:30.", "/log squat 100x5 rest 2:30")
	}
	var sec int
	if m[3] != "" {
		mins, _ := strconv.Atoi(m[3])
		secs, _ := strconv.Atoi(m[4])
		sec = mins*60 + secs
	} else {
		v, err := strconv.Atoi(m[1])
		if err != nil {
			return 0, badToken(s, "rest is a whole number.", "/log squat 100x5 rest 90s")
		}
		sec = v
		if m[2] == "m" || m[2] == "min" {
			sec = v * 60
		}
	}
	if sec <= 0 || sec > 3600 {
		return 0, badToken(s, "rest is between 1 second and 60 minutes.", "/log squat 100x5 rest 3m")
	}
	return sec, nil
}
