package engine

import "math"

// rtsPct is the RIR/RPE percentage chart of engine-rules section 2
// (Tuchscherer's RTS chart), indexed by effective reps in half steps:
// rtsPct[0] is E = 1, rtsPct[1] is E = 1.5, ..., rtsPct[22] is E = 12.
var rtsPct = [...]float64{
	100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4,
	81.1, 79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0,
}

// tableMaxE is the largest effective rep count the chart covers; above it the
// engine uses Epley.
const tableMaxE = 12

// lowConfidenceE: RIR is only accurate to about one rep near failure, so an
// estimate from more than ten effective reps is marked low-confidence.
const lowConfidenceE = 10

// pctOf returns the chart percentage (as a fraction) for effective reps e in
// [1, 12]. Half steps are read from the chart; anything between two half steps
// (an RIR like 2.25) is interpolated linearly between them. e below 1 reads as 1.
func pctOf(e float64) float64 {
	if e <= 1 {
		return rtsPct[0] / 100
	}
	x := (e - 1) * 2
	i := int(x)
	if i >= len(rtsPct)-1 {
		return rtsPct[len(rtsPct)-1] / 100
	}
	f := x - float64(i)
	return (rtsPct[i] + (rtsPct[i+1]-rtsPct[i])*f) / 100
}

// epley is load x (1 + e/30), never less than the load itself.
func epley(load, e float64) float64 {
	return math.Max(load, load*(1+e/30))
}

// effort returns the set's RIR and whether it is known. A set marked Failure
// with no effort logged counts as RIR 0.
func effort(s Set) (rir float64, ok bool) {
	if s.HasRIR {
		return s.RIR, true
	}
	if s.Kind == Failure {
		return 0, true
	}
	return 0, false
}

// setE1RMKg is SetE1RM on an already-known load in kg, shared by the hot paths.
func setE1RMKg(s Set, loadKg float64) (float64, bool) {
	if s.Kind == Warmup || s.Reps <= 0 || loadKg <= 0 {
		return 0, false
	}
	rir, ok := effort(s)
	if !ok {
		return epley(loadKg, float64(s.Reps)), true
	}
	if rir < 0 {
		rir = 0
	}
	e := float64(s.Reps) + rir
	if e <= tableMaxE {
		return loadKg / pctOf(e), e > lowConfidenceE
	}
	return epley(loadKg, e), true
}
