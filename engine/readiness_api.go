package engine

import (
	"strconv"
	"strings"
)

// DayReadiness is one check-in day read against the lifter's baselines.
type DayReadiness struct {
	Date     Date
	Flags    []string // e.g. "sleep poor", "resting HR 63 vs baseline 55"
	Strained bool     // >= 2 flags: a cluster, not one complaint
	Recovery Recovery // recovery over the 7 days ending on Date
	Summary  string   // one line for the /checkin reply
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
		out.Summary = "No check-in for " + d.String() + "."
		return out
	}
	f := flagsOf(*day, &r)
	for k, on := range f {
		if !on {
			continue
		}
		switch k {
		case flagRHR:
			out.Flags = append(out.Flags, "resting HR "+strconv.Itoa(day.RHR)+" vs baseline "+FormatNumber(r.rhrBase))
		case flagHRV:
			out.Flags = append(out.Flags, "HRV "+FormatNumber(day.HRV)+" ms below your range (from "+strconv.Itoa(int(r.hrvLow+0.5))+")")
		case flagSleep:
			if day.Sleep != SleepPoor {
				out.Flags = append(out.Flags, "slept "+FormatNumber(day.SleptHours)+" h")
			} else {
				out.Flags = append(out.Flags, flagNames[k])
			}
		default:
			out.Flags = append(out.Flags, flagNames[k])
		}
	}
	out.Strained = len(out.Flags) >= strainedFlags
	var b strings.Builder
	switch len(out.Flags) {
	case 0:
		b.WriteString("Readiness: no flags.")
	case 1:
		b.WriteString("Readiness: 1 flag (" + out.Flags[0] + "); one complaint is noise, not a trend.")
	default:
		b.WriteString("Readiness: " + strconv.Itoa(len(out.Flags)) + " flags (" + strings.Join(out.Flags, ", ") + "): a strained day.")
	}
	b.WriteString(" Strained days in the last 7: " + strconv.Itoa(r.strained) + "; recovery " + string(r.state) + ".")
	if !r.rhrOK && day.RHR > 0 {
		b.WriteString(" Resting HR baseline: " + strconv.Itoa(r.rhrN) + " of 7 readings so far.")
	}
	out.Summary = b.String()
	return out
}
