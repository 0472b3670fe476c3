// Package limits says what a logged set can be: the most reps in a set, the
// heaviest load, the effort scales, the first day and the characters of a
// lift's name. /log (bot/parse.go) refuses a typed set beyond them and
// /import (bot/workoutcsv) skips a file's row beyond them, so chat and an
// imported file refuse the same things; bot's TestLogKeepsTheSharedLimits
// fails when /log's numbers drift from these.
//
// Each check returns nil or an error whose text says what is wrong with the
// value in a few words ("more than 100 reps in a set"), to be shown after
// the value.
package limits

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spotterbot/spotter/engine"
)

const (
	// MaxReps is the most reps in one set: beyond it a number is a typo
	// (877777) or not a strength set.
	MaxReps = 100
	// MaxLoadKg is the heaviest load: no one lifts a tonne.
	MaxLoadKg = 1000
	// RPE and RIR are the two effort scales (RIR = 10 - RPE).
	MinRPE, MaxRPE = 1, 10
	MaxRIR         = 10
	// MaxLiftName is the longest lift name, in characters.
	MaxLiftName = 60
	// Earliest is the first day a set can be on, 1900-01-01: an earlier
	// date is a broken one.
	Earliest engine.Date = -25567
)

// Reps checks a rep count. Zero passes: apps write it for a row without
// reps (cardio, a timed hold), which importers skip and /log refuses on its
// own terms. Values within a billionth of a whole number are whole: exports
// write 8 as "8.0".
func Reps(v float64) error {
	switch {
	case math.IsNaN(v):
		return errors.New("not a number of reps")
	case v < 0:
		return errors.New("negative reps")
	case v > MaxReps:
		return fmt.Errorf("more than %d reps in a set", MaxReps)
	case math.Abs(v-math.Round(v)) > 1e-9:
		return errors.New("not a whole number of reps")
	}
	return nil
}

// Load checks a load of v in unit u before it becomes an exact
// engine.Load (which a huge v would overflow). It may be negative only for
// a bodyweight set, where it is the help of an assisted variant.
func Load(v float64, u engine.Unit, bodyweight bool) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return errors.New("not a finite number")
	}
	if v < 0 && !bodyweight {
		return errors.New("a negative load")
	}
	kg := math.Abs(v)
	if u == engine.Lb {
		kg *= engine.KgPerLb
	}
	if kg > MaxLoadKg {
		return fmt.Errorf("more than %d kg", MaxLoadKg)
	}
	return nil
}

// RPE checks a rate of perceived exertion.
func RPE(v float64) error {
	if !(v >= MinRPE && v <= MaxRPE) { // NaN fails too
		return fmt.Errorf("RPE is %d to %d", MinRPE, MaxRPE)
	}
	return nil
}

// RIR checks a number of reps in reserve.
func RIR(v float64) error {
	if !(v >= 0 && v <= MaxRIR) {
		return fmt.Errorf("RIR is 0 to %d", MaxRIR)
	}
	return nil
}

// Day checks a set's day: from Earliest to latest (the lifter's today).
func Day(d, latest engine.Date) error {
	switch {
	case d < Earliest:
		return errors.New("before 1900")
	case d > latest:
		return fmt.Errorf("after today (%s)", latest)
	}
	return nil
}

// LiftChars checks the characters of a lift or exercise name: not blank,
// no control characters (NUL, line breaks, text-direction overrides), and
// something printable. /log's grammar is stricter (letters, digits and a
// few marks); an app's exercise names are not typed into it.
func LiftChars(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("no name")
	}
	if !utf8.ValidString(s) {
		return errors.New("not UTF-8 text")
	}
	printable := false
	for _, r := range s {
		switch {
		case r == 0:
			return errors.New("a NUL byte in the name")
		case unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			return errors.New("control characters in the name")
		case unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Mn, r):
			printable = true
		}
	}
	if !printable {
		return errors.New("nothing printable in the name")
	}
	return nil
}

// LiftName checks a lift's name as stored: LiftChars and at most
// MaxLiftName characters.
func LiftName(s string) error {
	if err := LiftChars(s); err != nil {
		return err
	}
	if utf8.RuneCountInString(s) > MaxLiftName {
		return fmt.Errorf("longer than %d characters", MaxLiftName)
	}
	return nil
}

// Number reads a plain decimal number as a lifter types it: digits with at
// most one decimal point ("2.5", "10", ".5"). strconv.ParseFloat alone also
// takes "NaN", "Inf", "1_0" and "0x1p4", none of which is a load or an hour.
func Number(s string) (float64, error) {
	digits, point := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			point++
		default:
			return 0, errors.New("not a plain number")
		}
	}
	if digits == 0 || point > 1 {
		return 0, errors.New("not a plain number")
	}
	return strconv.ParseFloat(s, 64)
}

// Increment bounds a load increment: from 0.1 to 25 in its unit, on the
// thousandth that loads are kept to (a smaller step would store as 0).
func Increment(v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return errors.New("not a finite number")
	case v < 0.1:
		return errors.New("less than 0.1")
	case v > 25:
		return errors.New("more than 25")
	case math.Abs(v*1000-math.Round(v*1000)) > 1e-6:
		return errors.New("finer than a thousandth")
	}
	return nil
}

// Body weight bounds, kg: a lighter or heavier number is a typo or the
// wrong unit (82.5 typed as 825).
const (
	MinBodyKg = 20
	MaxBodyKg = 400
)

// BodyWeight checks a body weight of v in unit u: finite and from
// MinBodyKg to MaxBodyKg (44 to 882 lb).
func BodyWeight(v float64, u engine.Unit) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return errors.New("not a finite number")
	}
	kg := v
	if u == engine.Lb {
		kg *= engine.KgPerLb
	}
	switch {
	case kg < MinBodyKg:
		return fmt.Errorf("less than %d kg", MinBodyKg)
	case kg > MaxBodyKg:
		return fmt.Errorf("more than %d kg", MaxBodyKg)
	}
	return nil
}

// MaxNote is the longest note on a session or a day, in characters.
const MaxNote = 500

// Note checks a lifter's note: UTF-8, printable (no control characters
// or text-direction overrides; emoji are fine), not blank, at most MaxNote
// characters.
func Note(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("not UTF-8 text")
	}
	if strings.TrimSpace(s) == "" {
		return errors.New("an empty note")
	}
	for _, r := range s {
		if unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return errors.New("control characters in the note")
		}
	}
	if n := utf8.RuneCountInString(s); n > MaxNote {
		return fmt.Errorf("%d characters, more than %d", n, MaxNote)
	}
	return nil
}
