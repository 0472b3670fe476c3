package limits

import (
	"errors"
	"fmt"
	"math"

	"github.com/spotterbot/spotter/engine"
)

const (
	// MaxBarKg is the heaviest bar (/settings bar): specialty bars reach
	// about 35 kg; past 100 kg a number is a typo.
	MaxBarKg = 100
	// MaxPlateKg is the heaviest plate (/settings plates): the largest
	// bumper is 25 kg, a 100 lb plate 45 kg; past 50 kg a number is a typo.
	MaxPlateKg = 50
	// PlateStep is the finest plate step in its unit (0.05): fractional
	// plates are 0.25, 0.5, 1.25; a finer one is a typo (and would make
	// /plates' table of reachable loads large).
	PlateStep = 0.05
)

// Bar checks a bar's weight v in unit u: finite, more than zero, at most
// MaxBarKg, to a thousandth.
func Bar(v float64, u engine.Unit) error {
	if err := weight(v, u, MaxBarKg); err != nil {
		return err
	}
	if math.Abs(v*1000-math.Round(v*1000)) > 1e-6 {
		return errors.New("finer than a thousandth")
	}
	return nil
}

// Plate checks a plate's weight v in unit u: finite, more than zero, at
// most MaxPlateKg, a multiple of PlateStep.
func Plate(v float64, u engine.Unit) error {
	if err := weight(v, u, MaxPlateKg); err != nil {
		return err
	}
	if math.Abs(v/PlateStep-math.Round(v/PlateStep)) > 1e-6 {
		return fmt.Errorf("not a multiple of %g", PlateStep)
	}
	return nil
}

func weight(v float64, u engine.Unit, maxKg float64) error {
	kg := v
	if u == engine.Lb {
		kg *= engine.KgPerLb
	}
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return errors.New("not a finite number")
	case v <= 0:
		return errors.New("not more than zero")
	case kg > maxKg:
		return fmt.Errorf("more than %g kg", maxKg)
	}
	return nil
}
