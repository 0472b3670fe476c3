package words

import (
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// ReadBack writes one read-back line in unit u.
func ReadBack(r engine.ReadBack, u engine.Unit) string {
	switch r.Kind {
	case engine.ReadBackRunning:
		line := "Running since " + r.Opened.String() + ": " + r.Lift + " " + expName(r) + ", baseline e1RM " + e1rm(r.Baseline, u)
		if r.Exp == engine.Deload {
			return line + "; the read-back is your first hard session after " + r.End.String() + "."
		}
		return line + "; " + strconv.Itoa(r.N) + " of " + strconv.Itoa(r.Of) + " read-back sessions logged."
	case engine.ReadBackNeither:
		return "Neither the push nor the deload helped " + r.Lift +
			": the problem may be exercise selection, weekly volume, nutrition, sleep, or the program itself."
	}
	head := "Read-back of the " + r.Lift + " " + expName(r) + " from " + r.Opened.String() + ": "
	vs := e1rm(r.Best, u) + " vs " + e1rm(r.Baseline, u)
	switch r.Outcome {
	case engine.OutcomeRebound:
		return head + "first hard session " + vs + " before: rebound. Resume normal training and progress conservatively."
	case engine.OutcomeNoRebound:
		return head + "first hard session " + vs + " before: no rebound yet."
	case engine.OutcomeNoSession:
		return head + "no session logged in the two weeks after it: nothing to read back."
	case engine.OutcomeHeld:
		return head + "every session since did what it prescribed (best e1RM " + vs +
			", expected after a load step), recovery " + string(r.RecoveryNow) + ": it worked, keep building."
	case engine.OutcomeWorked:
		return head + "best e1RM " + vs + ", recovery " + string(r.RecoveryNow) + ": it worked, keep building."
	case engine.OutcomeRecoveryWorse:
		return head + "best e1RM " + vs + ": stronger, but recovery went from " + string(r.RecoveryThen) + " to " + string(r.RecoveryNow) + "."
	}
	return head + "best e1RM " + vs + ": no improvement."
}

func expName(r engine.ReadBack) string {
	if r.Exp == engine.Deload {
		return "deload"
	}
	return "push (" + r.Lever + ")"
}

// Plan writes /plan's status, a line each.
func Plan(st engine.PlanStatus) []string {
	out := make([]string, len(st.Lines))
	for i, l := range st.Lines {
		out[i] = PlanLine(l, st.Units)
	}
	return out
}

// PlanLine writes one line of /plan in unit u.
func PlanLine(l engine.PlanLine, u engine.Unit) string {
	switch l.Kind {
	case engine.PlanNothing:
		return "Nothing logged yet."
	case engine.PlanWeek:
		return "Week " + strconv.Itoa(l.Weeks+1) + " since " + Anchor(l.Anchor) + " (" + l.Anchor.From.String() + "): " +
			plural(l.Weeks, "full week") + "."
	case engine.PlanBreakRunning:
		return "On " + Anchor(l.Anchor) + ". The planned-deload clock starts again when you train."
	case engine.PlanWeekAtLeast:
		return "Week " + strconv.Itoa(l.Weeks+1) + " at least: no deload, break or light week since " + l.Anchor.From.String() +
			", the start of the log I read."
	case engine.PlanInDeload:
		return "Deload week: day " + strconv.Itoa(l.Day) + " of " + strconv.Itoa(l.Of) + ", ends " + l.Date.String() + "."
	case engine.PlanBeginner:
		return "No planned deloads: as a beginner you deload when the log says so."
	case engine.PlanDue:
		return "A planned deload is due (every " + strconv.Itoa(l.Interval) + " weeks): /deload now to start it, /deload skip to skip it once."
	case engine.PlanNext:
		return "Next planned deload: " + l.Date.String() + " (every " + strconv.Itoa(l.Interval) + " weeks)."
	case engine.PlanEaseBack1:
		return "Ease-back week 1: train at 90-95% of your pre-deload loads."
	case engine.PlanEaseBack2:
		return "Ease-back week 2: back to your pre-deload loads."
	case engine.PlanRunning:
		return ReadBack(*l.ReadBack, u)
	case engine.PlanDeloadReadBack:
		what := "the first hard session of each of " + plural(len(l.Lifts), "lift")
		if len(l.Lifts) == 1 {
			what = "your first hard " + l.Lifts[0] + " session"
		}
		return "Read-back of the deload from " + l.Date.String() + ": " + what + " after " + l.End.String() +
			" is compared with your best before it."
	}
	return ""
}

// DeloadWeek writes engine.DeloadWeek's lines, a lift each.
func DeloadWeek(rs []engine.Rx, u engine.Unit) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = Rx(r, u)
	}
	return out
}

// DayFlag writes one flag of a check-in day: "sleep poor", "resting HR 63
// vs baseline 55".
func DayFlag(f engine.DayFlag) string {
	switch {
	case f.Kind == engine.FlagRHR:
		return "resting HR " + strconv.Itoa(f.RHR) + " vs baseline " + num(f.Baseline)
	case f.Kind == engine.FlagHRV:
		return "HRV " + num(f.HRV) + " ms below your range (from " + strconv.Itoa(f.HRVFrom) + ")"
	case f.Kind == engine.FlagSleep && f.Hours > 0:
		return "slept " + num(f.Hours) + " h"
	}
	return FlagName(f.Kind)
}

// DayFlags writes each flag of a check-in day.
func DayFlags(d engine.DayReadiness) []string {
	out := make([]string, 0, len(d.Flags))
	for _, f := range d.Flags {
		out = append(out, DayFlag(f))
	}
	return out
}

// DaySummary is the one line of the /checkin reply about readiness.
func DaySummary(d engine.DayReadiness) string {
	if !d.Checked {
		return "No check-in for " + d.Date.String() + "."
	}
	flags := DayFlags(d)
	var b strings.Builder
	switch len(flags) {
	case 0:
		b.WriteString("Readiness: no flags.")
	case 1:
		b.WriteString("Readiness: 1 flag (" + flags[0] + "); one complaint is noise, not a trend.")
	default:
		b.WriteString("Readiness: " + strconv.Itoa(len(flags)) + " flags (" + strings.Join(flags, ", ") + "): a strained day.")
	}
	b.WriteString(" Strained days in the last 7: " + strconv.Itoa(d.StrainedDays) + "; recovery " + string(d.Recovery) + ".")
	if d.NoRHRBaseline {
		b.WriteString(" Resting HR baseline: " + strconv.Itoa(d.RHRReadings) + " of 7 readings so far.")
	}
	return b.String()
}
