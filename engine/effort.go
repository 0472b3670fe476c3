package engine

// Effort honesty (engine-rules section 2; seed 000 checklist three, seed 004).
const (
	grindRIRBelow  = 2 // a set this far under the target RIR is a grind
	failureWindow  = 7 // two failure sessions closer than this many days
	failureAtRIR   = 0
	hardDayRIR     = 1 // a top set at this RIR or less makes a hard day
	maxHardDays    = 2 // more hard days than this in 7 days draws a warning
	maxPushSets    = 5 // the set lever stops at five sets
	maxPushPercent = 0.10
)

// grinding reports effort honesty's `grinding`, with the counts behind it:
// over the last 14 days on this lift, at least half of the sets logged with
// effort sit at RIR <= target - 2, or (compound lifts) RIR 0 was hit in two
// sessions fewer than 7 days apart.
type grind struct {
	on        bool
	grinds    int // sets at RIR <= target - 2
	withRIR   int // sets logged with effort
	failDates []Date
}

func grindingOf(ss []session, p Profile, lift string, today Date) grind {
	var g grind
	tRIR := targetRIR(p, lift)
	from := today.AddDays(-(grindDays - 1))
	for i := range ss {
		s := &ss[i]
		if s.date < from || s.inDeload {
			continue
		}
		failed := false
		for _, st := range s.sets {
			if st.Kind == Warmup {
				continue
			}
			rir, ok := effort(*st)
			if !ok {
				continue
			}
			g.withRIR++
			if rir <= tRIR-grindRIRBelow+eps {
				g.grinds++
			}
			if rir <= failureAtRIR {
				failed = true
			}
		}
		if failed {
			g.failDates = append(g.failDates, s.date)
		}
	}
	if g.withRIR > 0 && 2*g.grinds >= g.withRIR {
		g.on = true
	}
	if p.Pattern(lift).Compound {
		for i := 1; i < len(g.failDates); i++ {
			if g.failDates[i].DaysSince(g.failDates[i-1]) < failureWindow {
				g.on = true
			}
		}
	}
	return g
}
