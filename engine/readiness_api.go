package engine

// DayReadiness is one check-in day read against the lifter's baselines.
type DayReadiness struct {
	Date         Date
	Checked      bool      // there is a check-in on Date; nothing else is set without one
	Flags        []DayFlag // in FlagKind order
	Strained     bool      // >= 2 flags: a cluster, not one complaint
	Recovery     Recovery  // recovery over the 7 days ending on Date
	StrainedDays int       // strained days in the 7 ending on Date
	// RHRReadings is how many resting-HR readings the baseline has, set
	// when the day has a resting HR but the baseline is not there yet.
	RHRReadings   int
	NoRHRBaseline bool
}

// DayFlag is one flag of a day: its kind, and the numbers of the heart
// and sleep-hours flags.
type DayFlag struct {
	Kind     FlagKind
	RHR      int     // FlagRHR: the day's resting HR, bpm
	Baseline float64 // FlagRHR: the baseline resting HR
	HRV      float64 // FlagHRV: the day's HRV, ms
	HRVFrom  int     // FlagHRV: the lower end of the normal range, ms
	Hours    float64 // FlagSleep: hours slept when the flag is short sleep, not "sleep poor"
}

// ReadinessOf reads day d of h: that day's flags against the baselines before
// it, and recovery over the 7 days ending on d.
func ReadinessOf(h History, d Date) DayReadiness {
	r := readinessOf(h.Checkins, d)
	out := DayReadiness{Date: d, Recovery: r.state}
	var day *Checkin
	for _, c := range dayCheckins(h.Checkins, d) {
		if c.Date == d {
			c := c
			day = &c
		}
	}
	if day == nil {
		return out
	}
	out.Checked = true
	f := flagsOf(*day, &r)
	for k, on := range f {
		if !on {
			continue
		}
		fl := DayFlag{Kind: FlagKind(k)}
		switch fl.Kind {
		case FlagRHR:
			fl.RHR, fl.Baseline = day.RHR, r.rhrBase
		case FlagHRV:
			fl.HRV, fl.HRVFrom = day.HRV, int(r.hrvLow+0.5)
		case FlagSleep:
			if day.Sleep != SleepPoor {
				fl.Hours = day.SleptHours
			}
		}
		out.Flags = append(out.Flags, fl)
	}
	out.Strained = len(out.Flags) >= strainedFlags
	out.StrainedDays = r.strained
	if !r.rhrOK && day.RHR > 0 {
		out.NoRHRBaseline, out.RHRReadings = true, r.rhrN
	}
	return out
}
