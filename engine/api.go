package engine

// This file is the engine's public surface used by bot: SetE1RM, Report
// (report.go), Advise and AdviseAll (verdict.go), Plan (plan.go) and
// DeloadWeek (deload.go).

// SetE1RM returns the estimated one-rep max (kg) of a set and whether the
// estimate is low-confidence (effective reps > 10 or no effort logged).
// Warm-up sets return 0.
//
// Effective reps E = reps + RIR (no effort logged: E = reps) reads the RTS
// chart, extended to E = 15 and continued past it (e1RM = load / pct(E)). A
// set of plain bodyweight (no added load) has no e1RM and returns 0.
func SetE1RM(s Set) (e1rm float64, lowConfidence bool) {
	return setE1RMKg(s, s.Load.Kg())
}

// SessionReport describes one day's work on a lift, for the /log reply.
type SessionReport struct {
	Lift     string
	Date     Date
	E1RM     float64  // session score in kg (best working-set e1RM); 0 when only warm-ups
	Previous *Session // the last comparable session before it, nil when none
	Change   float64  // fractional change of E1RM vs Previous.E1RM (0.026 = +2.6%)
	// InDeload is true when Date lies inside a deload week (History.Deloads,
	// skipped ones aside): a deload session is light by design, so it is not
	// compared (Previous nil, Change 0); show "deload week: not compared".
	InDeload bool
}

// Session is one lift's working sets on one day.
type Session struct {
	Lift string
	Date Date
	Sets []Set   // all sets of the day, warm-ups included, in Seq order
	E1RM float64 // best working-set e1RM, kg
}

// PlanStatus is what /plan shows.
type PlanStatus struct {
	WeeksSinceDeload int           // completed weeks since the last deload (or the first log)
	NextDeload       Date          // 0 when no planned deload (beginner default)
	Due              bool          // a planned deload is due today
	InDeload         *DeloadPeriod // the running deload week, if any
	EaseBackWeek     int           // 1 or 2 in the weeks after a deload, else 0
	Lines            []PlanLine    // the whole status, a line each
	Units            Unit          // the display unit of the loads and e1RMs in Lines
}
