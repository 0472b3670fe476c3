package engine

// weekShape returns the week-shape warnings of engine-rules section 6 (seed
// 004) for lift over the 7 days ending today. The failure warning is about
// this lift (a main compound taken to failure in two sessions); the hard-day
// warning counts every lift's top sets but is only attached to a lift that
// had one of those hard days, so AdviseAll does not repeat it on every block.
func weekShape(h History, p Profile, lift string, today Date) []Warning {
	from := today.AddDays(-(recentDays - 1))
	type key struct {
		lift string
		date Date
	}
	type top struct {
		e1   float64
		set  Set
		fail bool
	}
	tops := map[key]*top{}
	for _, s := range h.Sets {
		if s.Date < from || s.Date > today || s.Kind == Warmup || inDeloadWeek(h.Deloads, s.Date) != nil {
			continue
		}
		k := key{s.Lift, s.Date}
		t := tops[k]
		if t == nil {
			t = &top{}
			tops[k] = t
		}
		if rir, ok := effort(s); ok && rir <= failureAtRIR {
			t.fail = true
		}
		if s.Kind == Drop {
			continue
		}
		if e, _ := SetE1RM(s); e > t.e1 || t.set.Reps == 0 {
			t.e1, t.set = e, s
		}
	}
	var out []Warning
	var fails []Date
	var hard [recentDays]bool
	mine := false
	for k, t := range tops {
		if k.lift == lift && t.fail {
			fails = append(fails, k.date)
		}
		if rir, ok := effort(t.set); ok && rir <= hardDayRIR {
			hard[k.date.DaysSince(from)] = true
			if k.lift == lift {
				mine = true
			}
		}
	}
	if p.Pattern(lift).Compound && p.MainCompound(lift) && len(fails) >= 2 {
		sortDates(fails)
		out = append(out, Warning{Kind: WarnFailure, Lift: lift, Dates: fails})
	}
	n := 0
	for _, on := range hard {
		if on {
			n++
		}
	}
	if n > maxHardDays && mine {
		out = append(out, Warning{Kind: WarnHardDays, N: n})
	}
	return out
}

func sortDates(ds []Date) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j] < ds[j-1]; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}
