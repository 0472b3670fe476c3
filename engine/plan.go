package engine

import "strconv"

// Plan reports the deload plan and running experiments on day today.
// "Weeks since the last deload" counts completed weeks from the day after the
// last deload week or skip, else from the first log (see countFrom).
func Plan(h History, p Profile, today Date) PlanStatus {
	ps := planOf(h, p, today)
	st := PlanStatus{WeeksSinceDeload: ps.weeks, NextDeload: ps.next, Due: ps.due}
	if d := inDeloadWeek(h.Deloads, today); d != nil {
		c := *d
		st.InDeload = &c
	}
	st.EaseBackWeek, _ = easeBackWeek(h.Deloads, today)

	switch {
	case !ps.known:
		st.Lines = append(st.Lines, "Nothing logged yet.")
	case st.InDeload != nil:
		// In a deload week the count restarts when it ends; the deload line says where we are.
	default:
		since := "your first log"
		if last := lastAnchor(h, today); last != nil {
			since = "your last deload"
			if last.Skipped {
				since = "your skipped deload"
			}
		}
		st.Lines = append(st.Lines, "Week "+strconv.Itoa(ps.weeks+1)+" since "+since+": "+
			plural(ps.weeks, "full week")+" since "+ps.from.String()+".")
	}
	switch {
	case st.InDeload != nil:
		d := st.InDeload
		st.Lines = append(st.Lines, "Deload week: day "+strconv.Itoa(today.DaysSince(d.Start)+1)+" of "+
			strconv.Itoa(d.End.DaysSince(d.Start)+1)+", ends "+d.End.String()+".")
	case ps.interval == 0:
		st.Lines = append(st.Lines, "No planned deloads: as a beginner you deload when the log says so.")
	case ps.due:
		st.Lines = append(st.Lines, "A planned deload is due (every "+strconv.Itoa(ps.interval)+
			" weeks): /deload now to start it, /deload skip to skip it once.")
	case ps.known:
		st.Lines = append(st.Lines, "Next planned deload: "+ps.next.String()+" (every "+
			strconv.Itoa(ps.interval)+" weeks).")
	}
	if st.EaseBackWeek == 1 {
		st.Lines = append(st.Lines, "Ease-back week 1: train at 90-95% of your pre-deload loads.")
	} else if st.EaseBackWeek == 2 {
		st.Lines = append(st.Lines, "Ease-back week 2: back to your pre-deload loads.")
	}
	seen := map[string]bool{}
	for _, e := range h.Experiments {
		if e.Opened > today || seen[e.Lift] || abandoned(h, e) {
			continue
		}
		seen[e.Lift] = true
		a := newAdvice(h, p, e.Lift, today)
		_, running := readBack(a)
		for _, r := range running {
			st.Lines = append(st.Lines, a.runningLine(readOne(a, r)))
		}
	}
	return st
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
