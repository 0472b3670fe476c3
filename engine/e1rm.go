package engine

// rtsPct is the RIR/RPE percentage chart of engine-rules section 2
// (Tuchscherer's RTS chart, extended to E = 15 by the section 7 revision),
// indexed by effective reps in half steps: rtsPct[0] is E = 1, rtsPct[1] is
// E = 1.5, ..., rtsPct[28] is E = 15.
var rtsPct = [...]float64{
	100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4,
	81.1, 79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0,
	66.7, 65.3, 64.0, 62.6, 61.3, 59.9,
}

// tableMaxE is the largest effective rep count the chart covers; past it the
// chart is continued (see pctOf).
const tableMaxE = 15

// lowConfidenceE: RIR is only accurate to about one rep near failure, so an
// estimate from more than ten effective reps is marked low-confidence.
const lowConfidenceE = 10

// pctOf returns the chart percentage (as a fraction) for effective reps e.
// Half steps are read from the chart; anything between two half steps (an
// RIR like 2.25) is interpolated linearly between them. e below 1 reads as 1.
// Past E = 15 the chart goes on from its E = 15 value with Epley's slope
// (load x (1 + E/30)), so the percentage keeps falling and an e1RM never
// falls when reps or RIR rise at the same load (engine-rules section 2, as
// revised: the old switch to Epley at E = 12 made 100x11 weaker than 100x10).
func pctOf(e float64) float64 {
	if e <= 1 {
		return rtsPct[0] / 100
	}
	last := rtsPct[len(rtsPct)-1] / 100
	if e >= tableMaxE {
		return last * (1 + tableMaxE/30.0) / (1 + e/30)
	}
	x := (e - 1) * 2
	i := int(x)
	f := x - float64(i)
	return (rtsPct[i] + (rtsPct[i+1]-rtsPct[i])*f) / 100
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
// Missing effort reads E = reps on the same chart (engine-rules section 7).
func setE1RMKg(s Set, loadKg float64) (float64, bool) {
	if s.Kind == Warmup || s.Reps <= 0 || loadKg <= 0 {
		return 0, false
	}
	rir, ok := effort(s)
	if rir < 0 {
		rir = 0
	}
	e := float64(s.Reps) + rir
	return loadKg / pctOf(e), !ok || e > lowConfidenceE
}
