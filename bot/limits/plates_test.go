package limits

import (
	"math"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestBarAndPlate(t *testing.T) {
	for _, tc := range []struct {
		v          float64
		u          engine.Unit
		bar, plate string
	}{
		{20, engine.Kg, "", ""},
		{45, engine.Lb, "", ""},
		{1.25, engine.Kg, "", ""},
		{0.25, engine.Kg, "", ""},
		{0, engine.Kg, "not more than zero", "not more than zero"},
		{-5, engine.Kg, "not more than zero", "not more than zero"},
		{math.NaN(), engine.Kg, "not a finite number", "not a finite number"},
		{math.Inf(1), engine.Lb, "not a finite number", "not a finite number"},
		{60, engine.Kg, "", "more than 50 kg"},
		{100, engine.Lb, "", ""},
		{120, engine.Lb, "", "more than 50 kg"},
		{101, engine.Kg, "more than 100 kg", "more than 50 kg"},
		{1.26, engine.Kg, "", "not a multiple of 0.05"},
		{20.0001, engine.Kg, "finer than a thousandth", "not a multiple of 0.05"},
	} {
		check(t, "Bar("+fmtF(tc.v)+" "+string(tc.u)+")", Bar(tc.v, tc.u), tc.bar)
		check(t, "Plate("+fmtF(tc.v)+" "+string(tc.u)+")", Plate(tc.v, tc.u), tc.plate)
	}
}
