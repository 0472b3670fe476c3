package engine

import "sort"

// Plan reports the deload plan and running experiments on day today.
// "Weeks since the last deload" counts completed weeks from where the clock
// last started: a deload week or skip, a break, a light week, the first log
// or the start of the window read (see countFrom).
func Plan(h History, p Profile, today Date) PlanStatus {
	c := &shared{}
	ps := c.plan(h, p, today)
	st := PlanStatus{WeeksSinceDeload: ps.weeks, NextDeload: ps.next, Due: ps.due, Units: unitsOf(p).u}
	if d := inDeloadWeek(h.Deloads, today); d != nil {
		c := *d
		st.InDeload = &c
	}
	st.EaseBackWeek, _ = easeBackWeek(h.Deloads, today)

	switch {
	case !ps.known:
		st.Lines = append(st.Lines, PlanLine{Kind: PlanNothing})
	case st.InDeload != nil:
		// In a deload week the count restarts when it ends; the deload line says where we are.
	case ps.running:
		st.Lines = append(st.Lines, PlanLine{Kind: PlanBreakRunning, Anchor: ps.Anchor})
	case ps.before():
		st.Lines = append(st.Lines, PlanLine{Kind: PlanWeekAtLeast, Weeks: ps.weeks, Anchor: ps.Anchor})
	default:
		st.Lines = append(st.Lines, PlanLine{Kind: PlanWeek, Weeks: ps.weeks, Anchor: ps.Anchor})
	}
	switch {
	case st.InDeload != nil:
		d := st.InDeload
		st.Lines = append(st.Lines, PlanLine{Kind: PlanInDeload, Day: today.DaysSince(d.Start) + 1,
			Of: d.End.DaysSince(d.Start) + 1, Date: d.End})
	case ps.interval == 0:
		st.Lines = append(st.Lines, PlanLine{Kind: PlanBeginner})
	case ps.running:
	case ps.due:
		st.Lines = append(st.Lines, PlanLine{Kind: PlanDue, Interval: ps.interval})
	case ps.known:
		st.Lines = append(st.Lines, PlanLine{Kind: PlanNext, Date: ps.next, Interval: ps.interval})
	}
	if st.EaseBackWeek == 1 {
		st.Lines = append(st.Lines, PlanLine{Kind: PlanEaseBack1})
	} else if st.EaseBackWeek == 2 {
		st.Lines = append(st.Lines, PlanLine{Kind: PlanEaseBack2})
	}
	// Running experiments, read from what the lifter did. A deload is one
	// week for the whole body: its read-back is named once, not per lift.
	deloadRunning := map[Date][]string{}
	for _, l := range liftsSince(h, today.AddDays(-(2*readBackDays - 1)), today) {
		a := newAdviceOn(h, p, l, today, sessionsOf(h, l, today), c)
		_, running := readBack(a)
		for _, e := range running {
			if e.Kind == Deload {
				deloadRunning[e.Opened] = append(deloadRunning[e.Opened], l)
				continue
			}
			rb := a.running(readOne(a, e))
			st.Lines = append(st.Lines, PlanLine{Kind: PlanRunning, ReadBack: &rb})
		}
	}
	for _, d := range h.Deloads {
		if ls := deloadRunning[d.Start]; len(ls) > 0 && !d.Skipped {
			st.Lines = append(st.Lines, PlanLine{Kind: PlanDeloadReadBack, Date: d.Start, End: d.End, Lifts: ls})
		}
	}
	return st
}

// liftsSince lists the lifts with a working set from from to today, by name.
func liftsSince(h History, from, today Date) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range h.Sets {
		if s.Date >= from && s.Date <= today && s.Kind != Warmup && !seen[s.Lift] {
			seen[s.Lift] = true
			out = append(out, s.Lift)
		}
	}
	sort.Strings(out)
	return out
}

// lastAnchor is the deload week or skip the planned-deload count starts after, or nil.
func lastAnchor(h History, today Date) *DeloadPeriod {
	var last *DeloadPeriod
	for i := range h.Deloads {
		d := &h.Deloads[i]
		if d.Start <= today && (last == nil || d.End > last.End) {
			last = d
		}
	}
	return last
}
