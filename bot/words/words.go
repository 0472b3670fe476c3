// Package words writes the engine's verdicts, plans and readiness in
// English. The engine returns data (engine/lines.go: a kind and the numbers
// it names); this package is the only place that turns it into the text
// the bot sends, the same on every platform.
package words

import (
	"math"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// Verdict writes one advice block: first line "KIND lift: reason", then the
// evidence ("- " each), the prescription, the read-backs and the warnings.
func Verdict(v engine.Verdict) string {
	var b strings.Builder
	b.WriteString(string(v.Kind) + " " + v.Lift)
	if v.Reason.Kind != engine.ReasonNone {
		b.WriteString(": " + Reason(v.Reason))
	}
	for _, f := range v.Evidence {
		b.WriteString("\n- " + Fact(f, v.Lift, v.Units))
	}
	if v.AddedLoadOnly {
		b.WriteString("\n- " + NoBodyWeight(v.Units))
	}
	for _, r := range v.Prescription {
		b.WriteString("\n" + Rx(r, v.Units))
	}
	for _, r := range v.ReadBack {
		b.WriteString("\n" + ReadBack(r, v.Units))
	}
	for _, w := range v.Warnings {
		b.WriteString("\nWarning: " + Warning(w))
	}
	return b.String()
}

// Readiness writes a verdict's readiness facts, joined by "; ".
func Readiness(v engine.Verdict) string {
	parts := make([]string, len(v.Readiness))
	for i, f := range v.Readiness {
		parts[i] = Fact(f, v.Lift, v.Units)
	}
	return strings.Join(parts, "; ")
}

// Reason writes a verdict's reason in one short clause.
func Reason(r engine.Reason) string {
	switch r.Kind {
	case engine.ReasonPain:
		return "pain on this lift in the last 7 days"
	case engine.ReasonDeloadWeek:
		return "this is your deload week"
	case engine.ReasonReturning:
		return "returning after " + strconv.Itoa(r.N) + " days off this lift: ramp back"
	case engine.ReasonBackAfter:
		return "back after " + strconv.Itoa(r.N) + " days off this lift: the trend starts again from " + r.Date.String()
	case engine.ReasonHoldTags:
		return "the latest session was tagged " + hashTags(r.Tags) + ": repeat, don't judge the program on it"
	case engine.ReasonFatigued:
		return "performance is " + string(r.Trend) + " and recovery is poor"
	case engine.ReasonPlannedDeload:
		return "a planned deload is due"
	case engine.ReasonInsufficient:
		return plural(r.N, "more comparable session") + " needed"
	case engine.ReasonConfounded:
		return "the latest session had " + strings.Join(r.Tags, ", ") + ": repeat the week, don't judge the program on it"
	case engine.ReasonGrindingDown:
		return "performance is down and the sets are grinds"
	case engine.ReasonGrinding:
		return "the sets are grinds: the plateau may be self-made fatigue"
	case engine.ReasonRecoveryPoor:
		return "recovery is poor: don't add stress this week"
	case engine.ReasonReadyToLoad:
		return "reps to spare on the last two sessions"
	case engine.ReasonStalledClean:
		return "stalled with clean recovery: push one lever"
	case engine.ReasonProgressing:
		return "progressing: keep the plan"
	case engine.ReasonAddingLoad:
		return "adding load every session: keep adding load"
	case engine.ReasonDownUnclear:
		return "performance is down without a clear cause: repeat and watch"
	case engine.ReasonStalledNoisy:
		return "stalled and recovery is noisy: repeat and watch before changing anything"
	case engine.ReasonNoLever:
		return "no lever left to pull: repeat the session"
	}
	return ""
}

// Warning writes a week-shape warning.
func Warning(w engine.Warning) string {
	switch w.Kind {
	case engine.WarnFailure:
		return w.Lift + " taken to failure in " + strconv.Itoa(len(w.Dates)) + " sessions in 7 days (" +
			joinDates(w.Dates) + "): keep the big lifts 1-2 reps short of failure; save failure for a last isolation set."
	case engine.WarnHardDays:
		return strconv.Itoa(w.N) + " hard days (a top set at RIR 1 or less) in 7 days: shape the week as " +
			"hard / medium / light, e.g. one day at RIR 0-1, one at RIR 2-3, one at RIR 3-4 with lighter loads."
	}
	return ""
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return strconv.Itoa(n) + " " + w + "s"
}

// load writes a display-unit load with its unit: "102.5 kg".
func load(v float64, u engine.Unit) string { return engine.FormatNumber(v) + " " + string(unit(u)) }

// e1rm writes an estimate with one decimal and the unit: "123.3 kg".
func e1rm(v float64, u engine.Unit) string { return num1(v) + " " + string(unit(u)) }

func num1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// unit is the display unit the engine used: kg unless lb.
func unit(u engine.Unit) engine.Unit {
	if u == engine.Lb {
		return engine.Lb
	}
	return engine.Kg
}

// pct writes a fraction as a whole percentage without sign: 0.0612 -> "6%".
func pct(f float64) string {
	return strconv.Itoa(int(math.Round(math.Abs(f)*100))) + "%"
}

// signedPct1 writes a fraction as a signed percentage with one decimal: "+0.4%".
func signedPct1(f float64) string {
	s := strconv.FormatFloat(f*100, 'f', 1, 64)
	if f >= 0 {
		s = "+" + s
	}
	return s + "%"
}

func num(v float64) string { return engine.FormatNumber(v) }

func hashTags(tags []string) string {
	var b strings.Builder
	for i, t := range tags {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("#" + t)
	}
	return b.String()
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}

func joinDates(ds []engine.Date) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = d.String()
	}
	return strings.Join(s, ", ")
}

// NoBodyWeight is the evidence line of a bodyweight lift scored without a
// known body weight, with the command that fixes it in the lifter's unit.
func NoBodyWeight(u engine.Unit) string {
	example := "/bw 80"
	if u == engine.Lb {
		example = "/bw 180"
	}
	return "no body weight logged: e1RM of the added load; " + example + " to fix"
}
