package words

import (
	"math"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// Rx writes one line of a prescription in unit u.
func Rx(r engine.Rx, u engine.Unit) string {
	switch r.Kind {
	case engine.RxNext:
		n := r.Next
		note := ""
		if n.Load != r.From {
			d := n.Load - r.From
			note = "(+" + load(math.Round(d*1000)/1000, u) + ", " + pct(d/r.From) + ")"
		}
		return "Next session: " + next(r.Lift, n, note, u) + "."
	case engine.RxLever:
		return "Lever: " + r.Next.Lever + ", " + why(r, u) + "."
	case engine.RxRepeat, engine.RxLogFirst:
		what := "repeat"
		switch {
		case r.Honest:
			what = "same load, honest effort"
		case r.Date != 0:
			what = "repeat " + r.Date.String() + ", the last session without a context tag"
		}
		line := "Log " + r.Lift + " with load, reps and effort, e.g. " + r.Lift + " 100x5 rir2."
		if r.Kind == engine.RxRepeat {
			line = "Next session (" + what + "): " + next(r.Lift, r.Next, "", u) + "."
		}
		if r.Honest {
			line += " Stop every set with " + num(r.RIR) + " reps left; no set to failure."
		}
		return line
	case engine.RxReturn:
		return "First session back: " + next(r.Lift, r.Next, "", u) + " (about 90% of your last working load), then build back over a few sessions."
	case engine.RxPainWeek:
		return "This week: " + DeloadLine(r, u) + ", lighter and in a pain-free range of motion only."
	case engine.RxPainStop:
		return "Stop any set that hurts. Pain that persists needs a qualified professional (physiotherapist or doctor); this is not medical advice."
	case engine.RxDeloadHead:
		if r.End == 0 {
			return "Next 7 days (deload, " + styleNote(r.Style) + "):"
		}
		return "Deload week, day " + strconv.Itoa(r.Date.DaysSince(r.Start)+1) + " of " +
			strconv.Itoa(r.End.DaysSince(r.Start)+1) + " (" + r.Date.Weekday().String() +
			", ends " + r.End.String() + "; " + styleNote(r.Style) + "):"
	case engine.RxDeloadLift:
		return DeloadLine(r, u)
	case engine.RxTrainingDays:
		names := make([]string, len(r.Days))
		for i, d := range r.Days {
			names[i] = d.String()[:3]
		}
		return "Keep your training days: " + strings.Join(names, ", ") + "."
	case engine.RxDeloadThen:
		then := "Then: week 1 at " + load(r.Week1, u) + ", week 2 back to " + load(r.Work, u)
		if r.E1RM > 0 {
			then += ", and we compare your first hard session with " + e1rm(r.E1RM, u)
		}
		return then + "."
	case engine.RxEaseBack1:
		return "Ease-back week 1 after your deload: " + EaseBackWeek1(r, u) + "."
	case engine.RxEaseBack2:
		if r.Work == 0 {
			return "Ease-back week 2: back to your pre-deload loads."
		}
		return "Ease-back week 2: back to " + load(r.Work, u) + "."
	}
	return ""
}

// EaseBackWeek1 writes the work of ease-back week 1 (engine.RxEaseBack1):
// "work at 97.5 kg (90-95% of 105 kg)".
func EaseBackWeek1(r engine.Rx, u engine.Unit) string {
	if r.Work == 0 {
		return "work at 90-95% of your pre-deload loads"
	}
	return "work at " + load(r.Week1, u) + " (90-95% of " + load(r.Work, u) + ")"
}

// DeloadLine writes a lift's deload session: "squat 2 sets of 5 at 85 kg,
// RIR 4 or more, no set to failure".
func DeloadLine(r engine.Rx, u engine.Unit) string {
	n := r.Next
	t := r.Lift + " " + plural(n.Sets, "set") + " of " + strconv.Itoa(n.Reps) + " at " + nextLoad(n, n.Load, u)
	if b := n.Backoff; b != nil {
		t += ", then " + plural(b.Sets, "set") + " of " + strconv.Itoa(b.Reps) + " at " + nextLoad(n, b.Load, u)
	}
	return t + ", RIR " + num(n.RIR) + " or more, no set to failure"
}

// next writes a prescribed session: "squat 1 set of 5 at 172.5 kg, then 2
// sets of 5 at 150 kg, RIR 2", with a note after the top load: "(+2.5 kg, 2%)".
func next(lift string, n *engine.Next, note string, u engine.Unit) string {
	t := lift + " " + plural(n.Sets, "set") + " of " + strconv.Itoa(n.Reps) + " at " + nextLoad(n, n.Load, u)
	if note != "" {
		t += " " + note
	}
	if b := n.Backoff; b != nil {
		t += ", then " + plural(b.Sets, "set") + " of " + strconv.Itoa(b.Reps) + " at " + nextLoad(n, b.Load, u)
	}
	return t + ", RIR " + num(n.RIR)
}

func nextLoad(n *engine.Next, v float64, u engine.Unit) string {
	if n.Bodyweight {
		if v == 0 {
			return "bodyweight"
		}
		return "bodyweight + " + load(v, u)
	}
	return load(v, u)
}

// why writes why a PUSH pulls its lever.
func why(r engine.Rx, u engine.Unit) string {
	switch r.Why {
	case engine.WhyMissedReps:
		return "the sets at " + load(r.Load, u) + " were " + joinInts(r.Reps) + " reps: make every set " +
			strconv.Itoa(r.N) + " before adding anything"
	case engine.WhyShortBackoff:
		return "the back-off sets at " + load(r.Load, u) + " were " + joinInts(r.Reps) +
			" reps: make every set " + strconv.Itoa(r.N) + " before adding anything"
	case engine.WhyOneMoreRep:
		return "one more rep at the same load: the smallest step, and " + strconv.Itoa(r.N) +
			" reps stays in " + rangeName(r.Range) + " so next session stays comparable"
	case engine.WhyDoubleRep:
		return "double progression: one more rep until " + strconv.Itoa(r.N) + ", then one increment of load back at " +
			strconv.Itoa(r.M)
	case engine.WhyDoubleLoad:
		return "reps reached the top of " + rangeName(r.Range) + ": one increment of load, back at " + strconv.Itoa(r.M) + " reps"
	case engine.WhyLinear:
		return "the last three sessions each added load at " + strconv.Itoa(r.N) + " reps: keep adding load"
	case engine.WhyLowerPct:
		return "reps to spare twice running: add 5-10% on a lower-body compound lift"
	case engine.WhyUpperPct:
		return "reps to spare twice running: add 2-5% on an upper-body or isolation lift"
	case engine.WhyTopOfRange:
		return "reps are at the top of " + rangeName(r.Range) + ", so one increment of load"
	case engine.WhySpare:
		return "reps to spare on the latest session: one increment of load"
	case engine.WhyBackoffSet:
		return "reps are at the top of the range and one increment is too big a jump, so one more back-off set"
	case engine.WhyMoreSet:
		return "reps are at the top of the range and one increment is too big a jump, so one more set"
	}
	return ""
}

// styleNote names the deload style in one clause.
func styleNote(s engine.DeloadStyle) string {
	switch s {
	case engine.DeloadVolume:
		return "volume style: sets halved, 90% load"
	case engine.DeloadIntensity:
		return "intensity style: sets kept, 60% load"
	}
	return "sets halved, 70% load"
}
