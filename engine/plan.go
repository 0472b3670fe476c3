package engine

import (
	"sort"
	"strconv"
)

// Plan reports the deload plan and running experiments on day today.
// "Weeks since the last deload" counts completed weeks from where the clock
// last started: a deload week or skip, a break, a light week, the first log
// or the start of the window read (see countFrom).
func Plan(h History, p Profile, today Date) PlanStatus {
	c := &shared{}
	ps := c.plan(h, p, today)
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
		line := "Week " + strconv.Itoa(ps.weeks+1) + " since " + ps.what + " (" + ps.from.String() + "): " + plural(ps.weeks, "full week") + "."
		if ps.running {
			line = "On " + ps.what + ". The planned-deload clock starts again when you train."
		} else if ps.before {
			line = "Week " + strconv.Itoa(ps.weeks+1) + " at least: no deload, break or light week since " + ps.from.String() +
				", the start of the log I read."
		}
		st.Lines = append(st.Lines, line)
	}
	switch {
	case st.InDeload != nil:
		d := st.InDeload
		st.Lines = append(st.Lines, "Deload week: day "+strconv.Itoa(today.DaysSince(d.Start)+1)+" of "+
			strconv.Itoa(d.End.DaysSince(d.Start)+1)+", ends "+d.End.String()+".")
	case ps.interval == 0:
		st.Lines = append(st.Lines, "No planned deloads: as a beginner you deload when the log says so.")
	case ps.running:
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
			st.Lines = append(st.Lines, a.runningLine(readOne(a, e)))
		}
	}
	for _, d := range h.Deloads {
		if ls := deloadRunning[d.Start]; len(ls) > 0 && !d.Skipped {
			what := "the first hard session of each of " + plural(len(ls), "lift")
			if len(ls) == 1 {
				what = "your first hard " + ls[0] + " session"
			}
			st.Lines = append(st.Lines, "Read-back of the deload from "+d.Start.String()+": "+what+" after "+d.End.String()+
				" is compared with your best before it.")
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
