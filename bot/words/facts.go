package words

import (
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// Fact writes one line of evidence; lift is the verdict's lift, u its unit.
func Fact(f engine.Fact, lift string, u engine.Unit) string {
	switch f.Kind {
	case engine.FactLatest:
		return "latest " + f.Date.String() + ": " + session(f.Session, u)
	case engine.FactLastSession:
		return "last " + f.Lift + " session " + f.Date.String() + ", " + plural(f.Days, "day") + " ago: " + session(f.Session, u)
	case engine.FactTrendShort:
		return plural(f.N, "comparable session") + " (" + rangeText(f.Range) + ", last 8 weeks): a trend needs " + strconv.Itoa(f.Of)
	case engine.FactTrendDown:
		return "top-set e1RM " + num1(f.Value[0]) + " and " + e1rm(f.Value[1], u) + " in the last two sessions vs " +
			e1rm(f.Value[2], u) + " before: down " + pct(f.Frac[0]) + " and " + pct(f.Frac[1])
	case engine.FactLoadStep:
		from, to := f.Step[0], f.Step[1]
		return "load up from " + setLoad(from, u) + " x " + strconv.Itoa(from.Reps) + " to " + setLoad(to, u) +
			" x " + strconv.Itoa(to.Reps) + " in your " + rangeText(f.Range) + ": double progression, a lower e1RM at the bottom of the range is expected"
	case engine.FactTrendUp, engine.FactTrendStalled:
		word := "up " + pct(f.Frac[0])
		if f.Kind == engine.FactTrendStalled {
			word = "change " + signedPct1(f.Frac[0]) + ", within 1%: stalled"
		}
		in := "in the last " + plural(f.N, "session")
		if f.N == 1 {
			in = "in the latest session"
		}
		return "best top-set e1RM " + e1rm(f.Value[0], u) + " " + in + " vs " + e1rm(f.Value[1], u) + " before: " + word
	case engine.FactNoCheckin:
		if f.Date == 0 {
			return "no check-in in 7 days: readiness unknown"
		}
		return "no check-in in 7 days (last " + f.Date.String() + "): readiness unknown"
	case engine.FactNotStrained:
		return "no strained day in the last 7 days (" + plural(f.N, "check-in") + ")"
	case engine.FactStrained:
		var b strings.Builder
		b.WriteString("strained " + strconv.Itoa(f.N) + " of the last 7 days")
		sep := ": "
		for _, k := range f.Flags {
			b.WriteString(sep + FlagName(k))
			sep = ", "
		}
		return b.String()
	case engine.FactJoints:
		return "joints irritated on " + strconv.Itoa(f.N) + " of the last 5 check-ins"
	case engine.FactJointRun:
		return "2 strained days running with irritated joints"
	case engine.FactRHRNoBaseline:
		return "resting HR " + strconv.Itoa(f.N) + " bpm: no baseline yet (" + strconv.Itoa(f.Of) + " of 7 readings)"
	case engine.FactRHRRun:
		return "resting HR " + strconv.Itoa(f.N) + " bpm vs baseline " + num(f.Value[0]) + " on " + strconv.Itoa(f.Days) + " days running"
	case engine.FactRHR:
		state := "normal"
		if f.Up {
			state = "up"
		}
		return "resting HR " + strconv.Itoa(f.N) + " bpm, your baseline " + num(f.Value[0]) + ": " + state
	case engine.FactHRVLow:
		return "HRV below your normal range (under " + strconv.Itoa(f.N) + " ms) on " + strconv.Itoa(f.Days) + " days"
	case engine.FactDeloadWeek:
		return "deload week " + f.Date.String() + " to " + f.End.String() + ", day " + strconv.Itoa(f.Days)
	case engine.FactPlanClock:
		line := Clock(*f.Clock)
		if f.Up {
			line += ": due as well"
		}
		return line
	case engine.FactGrind:
		at := "RIR 0"
		if f.RIR > 0 {
			at = "RIR " + num(f.RIR) + " or less"
		}
		line := strconv.Itoa(f.N) + " of " + plural(f.Of, "set") + " with effort logged in 14 days were at " + at +
			" (" + strconv.Itoa(f.Below) + " or more below your target RIR " + num(f.Target) + ")"
		if f.Days >= 2 {
			line += "; RIR 0 on " + plural(f.Days, "day")
		}
		return line
	case engine.FactSurplus:
		return "surplus " + num(f.Value[0]) + " and " + num(f.Value[1]) + " reps over the target (" +
			strconv.Itoa(f.N) + " reps at RIR " + num(f.Target) + ") in the last two sessions"
	case engine.FactTagged:
		return "latest session tagged " + hashTags(f.Tags)
	case engine.FactNewSetup:
		return "a new setup starts a new baseline: sessions before it are not compared"
	case engine.FactNoSession:
		return "no scored " + lift + " session in the last 8 weeks"
	case engine.FactLogEffort:
		return "log effort (rir2 or rpe8) to sharpen the estimate"
	case engine.FactPain:
		return "#pain on " + lift + " on " + f.Date.String()
	}
	return ""
}

// FlagName names a readiness flag: "sleep poor".
func FlagName(k engine.FlagKind) string {
	switch k {
	case engine.FlagSleep:
		return "sleep poor"
	case engine.FlagSoreness:
		return "soreness high"
	case engine.FlagJoints:
		return "joints irritated"
	case engine.FlagMotivation:
		return "motivation low"
	case engine.FlagWarmup:
		return "warm-ups heavy"
	case engine.FlagRHR:
		return "resting HR up"
	case engine.FlagHRV:
		return "HRV low"
	}
	return ""
}

// session writes a session's shape: "3x5 at 100 kg, RIR 2 (e1RM 123.3 kg)",
// "3 sets at 100 kg: 5, 4, 4 reps, RIR 1 (e1RM ...)", "1x4 at 170 kg, RIR 1
// (e1RM 190.6 kg), then 2x5 at 150 kg".
func session(s *engine.SessionShape, u engine.Unit) string {
	var b strings.Builder
	if s.Missed != nil {
		b.WriteString(strconv.Itoa(s.N) + " sets at " + setLoad(s.Top, u) + ": " + joinInts(s.Missed) + " reps")
	} else {
		b.WriteString(strconv.Itoa(s.N) + "x" + strconv.Itoa(s.Top.Reps) + " at " + setLoad(s.Top, u))
	}
	if s.Top.HasRIR {
		b.WriteString(", RIR " + num(s.Top.RIR))
	} else {
		b.WriteString(", no effort logged")
	}
	if s.E1RM > 0 {
		b.WriteString(" (e1RM " + e1rm(s.E1RM, u))
		if s.Low {
			b.WriteString(", low confidence")
		}
		b.WriteString(")")
	}
	if bo := s.Backoff; bo != nil {
		if bo.Short != nil {
			b.WriteString(", then " + strconv.Itoa(bo.N) + " sets at " + setLoad(bo.Set, u) + ": " + joinInts(bo.Short) + " reps")
		} else {
			b.WriteString(", then " + strconv.Itoa(bo.N) + "x" + strconv.Itoa(bo.Set.Reps) + " at " + setLoad(bo.Set, u))
		}
	}
	if h := s.Heavy; h != nil {
		b.WriteString("; heaviest 1x" + strconv.Itoa(h.Reps) + " at " + setLoad(*h, u))
		if h.HasRIR {
			b.WriteString(", RIR " + num(h.RIR))
		}
	}
	if s.Other > 0 {
		b.WriteString(" + " + plural(s.Other, "other set"))
	}
	if s.Ramp > 0 {
		b.WriteString("; " + plural(s.Ramp, "lighter ramp-up set") + " before it not counted")
	}
	return b.String()
}

// setLoad writes a logged set's load: "100 kg", "bodyweight + 10 kg".
func setLoad(s engine.SetShape, u engine.Unit) string {
	if s.Bodyweight {
		return "bodyweight + " + load(s.Load, u)
	}
	return load(s.Load, u)
}

func rangeString(r engine.RangeRef) string {
	if r.Open {
		return strconv.Itoa(r.Lo) + "+"
	}
	return engine.RepRange{Lo: r.Lo, Hi: r.Hi}.String()
}

// rangeName names the rep range in a sentence: "the 4-6 range", "your
// 8-12 range", "your recent 8-12 range".
func rangeName(r engine.RangeRef) string {
	switch r.Kind {
	case engine.RangeSet:
		return "your " + rangeString(r) + " range"
	case engine.RangeInferred:
		return "your recent " + rangeString(r) + " range"
	}
	return "the " + rangeString(r) + " range"
}

// rangeText names the rep range comparable sessions share: "8-12 reps, your
// range", "4-6 reps".
func rangeText(r engine.RangeRef) string {
	switch r.Kind {
	case engine.RangeSet:
		return rangeString(r) + " reps, your range"
	case engine.RangeInferred:
		return rangeString(r) + " reps, your recent range"
	}
	return rangeString(r) + " reps"
}

// Clock writes the planned-deload clock: "6 full weeks since a 9-day break
// (2026-10-12): deload every 6 weeks".
func Clock(c engine.Clock) string {
	weeks := plural(c.Weeks, "full week")
	since := Anchor(c.Anchor) + " (" + c.Anchor.From.String() + ")"
	if c.Anchor.Kind == engine.AnchorWindow {
		weeks = "at least " + weeks
		since = c.Anchor.From.String() + ", the start of the log I read"
	}
	return weeks + " since " + since + ": deload every " + strconv.Itoa(c.Interval) + " weeks"
}

// Anchor names where the planned-deload count starts: "your last deload",
// "a 9-day break".
func Anchor(a engine.Anchor) string {
	switch a.Kind {
	case engine.AnchorDeload:
		return "your last deload"
	case engine.AnchorSkip:
		return "your skipped deload"
	case engine.AnchorBreak:
		return "a " + strconv.Itoa(a.Days) + "-day break"
	case engine.AnchorBreakRunning:
		if a.Before {
			return "a break: nothing logged since before " + a.Since.String()
		}
		return "a break: nothing logged since " + a.Since.String()
	case engine.AnchorLightLoads:
		return "a light week (loads at " + pct(a.Share) + " of the 4 weeks before, from " + a.Monday.String() + ")"
	case engine.AnchorLightSets:
		return "a light week (" + plural(a.Sets, "set") + " from " + a.Monday.String() + " vs " + num(a.Ref) + " a week before it)"
	}
	return "your first log"
}
