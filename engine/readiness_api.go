package engine

// DayReadiness is one check-in day read against the lifter's baselines.
// (Added by the lead for the /checkin reply; the engine work fills it in
// with the real flags and baselines of engine-rules section 2.)
type DayReadiness struct {
	Date     Date
	Flags    []string // e.g. "sleep poor", "resting HR 63 vs baseline 55"
	Strained bool     // >= 2 flags
	Summary  string   // one line for the /checkin reply, e.g. "2 flags today (sleep poor, soreness high): a strained day. Strained days in the last 7: 3."
}

// ReadinessOf reads day d of h (its check-in and the baselines before it).
func ReadinessOf(h History, d Date) DayReadiness {
	return DayReadiness{Date: d}
}
