package engine

// Report summarises the sets of lift on day d against the last comparable
// session: the latest scored session before d in the same rep range (the
// lifter's, or the one inferred from the log: engine-rules section 7),
// outside deload weeks, within the 8 weeks before d and since the last
// layoff or new setup. A day inside a deload week is
// not compared at all (InDeload, Previous nil): its loads are cut on purpose,
// so a change against the last hard session says nothing (engine-rules
// section 2 keeps deload weeks out of comparable sessions).
func Report(h History, pr Profile, lift string, d Date) SessionReport {
	lift = CanonicalLift(lift)
	r := SessionReport{Lift: lift, Date: d, InDeload: inDeloadWeek(h.Deloads, d) != nil}
	ss := sessionsOf(h, lift, d)
	n := len(ss)
	if n == 0 || ss[n-1].date != d {
		return r
	}
	cur := &ss[n-1]
	r.E1RM = cur.score
	if cur.score <= 0 || r.InDeload {
		return r
	}
	start, _ := restartOf(ss, n-1)
	set, has := pr.Ranges[lift]
	rng := rangeOf(ss, start, n-1, set, has)
	from := d.AddDays(-comparableDays)
	for i := n - 2; i >= start && ss[i].date >= from; i-- {
		p := &ss[i]
		if p.score > 0 && !p.inDeload && rng.has(p.top.Reps) {
			sets := make([]Set, len(p.sets))
			for k, st := range p.sets {
				sets[k] = *st
			}
			r.Previous = &Session{Lift: lift, Date: p.date, Sets: sets, E1RM: p.score}
			r.Change = (cur.score - p.score) / p.score
			break
		}
	}
	return r
}
