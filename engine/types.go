// Package engine is Spotter's training science: it reads a bounded window of a
// lifter's history and decides PUSH, HOLD or DELOAD per lift, with the numbers
// behind the decision and a prescription for the next session.
//
// The engine is a pure function of (history, profile, today). It imports no
// clock, database or platform package; the caller passes today's date. The
// rules it implements are described in docs/advice.md.
package engine

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day without time or zone, counted in days since
// 1970-01-01. Training is logged by day, so days are the unit of all rules.
type Date int32

// NewDate returns the day y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date(u.Unix() / 86400)
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// AddDays returns the day n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// DaysSince returns d - e in days.
func (d Date) DaysSince(e Date) int { return int(d - e) }

// Weekday is the day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

func (d Date) String() string { return d.Time().Format("2006-01-02") }

// Unit is a load unit as the lifter typed it.
type Unit string

const (
	Kg Unit = "kg"
	Lb Unit = "lb"
)

// KgPerLb is the exact international pound.
const KgPerLb = 0.45359237

// Load is an exact load: thousandths of the unit it was typed in, so 102.5 kg
// stays 102.5 kg and 225 lb stays 225 lb. For a bodyweight set it is the added
// load (zero for plain bodyweight).
type Load struct {
	Milli int64
	Unit  Unit
}

// NewLoad makes a load from a value in unit u, rounded to a thousandth.
func NewLoad(v float64, u Unit) Load {
	if v < 0 {
		return Load{Milli: -int64(-v*1000 + 0.5), Unit: u}
	}
	return Load{Milli: int64(v*1000 + 0.5), Unit: u}
}

// Value is the load in its own unit.
func (l Load) Value() float64 { return float64(l.Milli) / 1000 }

// Kg is the load in kilograms.
func (l Load) Kg() float64 {
	if l.Unit == Lb {
		return l.Value() * KgPerLb
	}
	return l.Value()
}

// In converts the load to unit u (exact when u is its own unit).
func (l Load) In(u Unit) Load {
	if u == l.Unit || u == "" {
		return l
	}
	if u == Lb {
		return NewLoad(l.Kg()/KgPerLb, Lb)
	}
	return NewLoad(l.Kg(), Kg)
}

// Number formats the value without its unit: "102.5", "100", "56.25".
func (l Load) Number() string { return FormatNumber(l.Value()) }

func (l Load) String() string { return l.Number() + " " + string(l.Unit) }

// FormatNumber prints v with at most three decimals and no trailing zeros.
func FormatNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// SetKind tells how a set counts.
type SetKind string

const (
	Working SetKind = ""        // a normal working set
	Warmup  SetKind = "warmup"  // stored and shown, never counted in e1RM or volume
	Drop    SetKind = "drop"    // a drop set: counted, but never a top set
	Failure SetKind = "failure" // taken to failure: RIR 0 when no effort was logged
)

// Set is one logged set.
type Set struct {
	Lift       string // canonical name including variation: "squat", "paused squat"
	Date       Date
	Seq        int  // order within the day, from 0
	Load       Load // exact as typed; for a bodyweight set the added load
	Bodyweight bool
	Reps       int
	RIR        float64 // reps in reserve; RPE r is stored as RIR 10-r
	HasRIR     bool    // false when no effort was logged
	Kind       SetKind
	RestSec    int      // 0 when not given
	Tags       []string // context tags without '#': travel, sleep, shortrest, newsetup, sick, rushed, pain; other words are notes
}

// Check-in answers. The empty string means "not answered".
type (
	Sleep      string
	Soreness   string
	Joints     string
	Motivation string
	WarmupFeel string
)

const (
	SleepGood Sleep = "good"
	SleepOK   Sleep = "ok"
	SleepPoor Sleep = "poor"

	SorenessNone   Soreness = "none"
	SorenessNormal Soreness = "normal"
	SorenessHigh   Soreness = "high"

	JointsOK        Joints = "ok"
	JointsIrritated Joints = "irritated"

	MotivationHigh   Motivation = "high"
	MotivationNormal Motivation = "normal"
	MotivationLow    Motivation = "low"

	WarmupLight  WarmupFeel = "light"
	WarmupNormal WarmupFeel = "normal"
	WarmupHeavy  WarmupFeel = "heavy"
)

// Checkin is one day's readiness check-in (the last one of a day wins).
type Checkin struct {
	Date       Date
	Sleep      Sleep
	Soreness   Soreness
	Joints     Joints
	Motivation Motivation
	Warmup     WarmupFeel
	RHR        int     // resting heart rate, bpm; 0 = not given
	HRV        float64 // ms; 0 = not given
	SleptHours float64 // 0 = not given
	Tags       []string
}

// Level is the lifter's training age.
type Level string

const (
	Beginner     Level = "beginner"
	Intermediate Level = "intermediate"
	Advanced     Level = "advanced"
)

// DeloadStyle chooses how a deload week cuts the work.
type DeloadStyle string

const (
	DeloadStandard  DeloadStyle = "standard"  // sets halved, load 70%
	DeloadVolume    DeloadStyle = "volume"    // sets halved, load 90%
	DeloadIntensity DeloadStyle = "intensity" // sets kept, load 60%
)

// Profile is what the engine needs to know about the lifter.
type Profile struct {
	Level       Level
	DeloadEvery int // planned-deload interval in weeks; 0 = the level's default (beginner: none)
	DeloadStyle DeloadStyle
	Units       Unit // display unit of every number the engine writes
	Increment   Load // smallest load step, in Units (default 2.5 kg / 5 lb)
	FirstLog    Date // day of the first logged set; 0 when unknown
	// Ranges are the lifter's rep ranges by canonical lift name, set with
	// /settings range LIFT LO-HI; a lift without one has its range inferred
	// from its log (engine-rules section 7).
	Ranges map[string]RepRange
	// Kinds override the lift catalog's class of a lift (/lift kind), and
	// Bases name the lift a variation belongs to (/lift variation), both by
	// canonical lift name: see Profile.Pattern and Profile.MainCompound.
	Kinds map[string]Pattern
	Bases map[string]string
}

// RepRange is an inclusive range of top-set reps, e.g. 8-12 for double
// progression or 3-5 for strength work.
type RepRange struct {
	Lo, Hi int
}

// Valid reports a usable range: 1 <= Lo <= Hi <= 30.
func (r RepRange) Valid() bool { return r.Lo >= 1 && r.Lo <= r.Hi && r.Hi <= 30 }

func (r RepRange) String() string {
	if r.Lo == r.Hi {
		return strconv.Itoa(r.Lo)
	}
	return strconv.Itoa(r.Lo) + "-" + strconv.Itoa(r.Hi)
}

// DeloadPeriod is a deload the lifter started (or a planned one skipped).
type DeloadPeriod struct {
	Start   Date
	End     Date // last day, inclusive; Start+6 for a full week, earlier when ended with /deload done
	Planned bool // started from a planned-deload nudge rather than a reactive verdict
	Skipped bool // a planned deload the lifter skipped: it resets the planned-deload count but is no deload week
}

// Experiment is a PUSH lever or a DELOAD whose outcome the engine reads back
// from the next comparable sessions (engine-rules section 5). The engine
// finds them in the history itself: a deload week the lifter started, or a
// session that followed a pushed lever. Asking for advice opens none.
type Experiment struct {
	Lift     string
	Opened   Date
	Kind     Kind    // Push or Deload
	Lever    string  // "reps", "load", "sets" for a PUSH; "" for a DELOAD
	Baseline float64 // best comparable session e1RM (kg) before the experiment
	Next     *Next   // a PUSH's prescription, which the opening session followed
}

// History is the bounded window the engine reads: the last 12 weeks of sets
// (from From), plus each lift's last session before them when the caller
// has it (a layoff across the window's start is then measured exactly), the
// check-ins of the baseline window (35 days) and the deloads.
type History struct {
	Sets     []Set
	Checkins []Checkin
	Deloads  []DeloadPeriod
	// BodyWeights are the lifter's weigh-ins by date, one a day, with the
	// latest before the window when the caller has it: a bodyweight set is
	// scored on the latest on or before its day (BodyWeightOn).
	BodyWeights []BodyWeight
	// From is the first day Sets cover when the caller read a bounded window
	// (0: Sets hold the whole log). The planned-deload clock never counts
	// from before it, so a bounded read can't claim "week 270".
	From Date
}

// Kind is the verdict.
type Kind string

const (
	Push   Kind = "PUSH"
	Hold   Kind = "HOLD"
	Deload Kind = "DELOAD"
)

// Rule names the rule of engine-rules section 3 that fired; stable for tests and logs.
type Rule string

const (
	RulePain          Rule = "pain"
	RuleDeloadWeek    Rule = "deload-week"
	RulePlannedDeload Rule = "planned-deload"
	RuleInsufficient  Rule = "insufficient-data"
	RuleConfounded    Rule = "confounded"
	RuleFatigued      Rule = "fatigued"
	RuleGrinding      Rule = "grinding"
	RuleRecoveryPoor  Rule = "recovery-poor"
	RuleReadyToLoad   Rule = "ready-to-load"
	RuleStalledClean  Rule = "stalled-clean"
	RuleProgressing   Rule = "progressing"
	RuleOtherwise     Rule = "otherwise"
	RuleReturning     Rule = "returning" // section 7: back after 14+ days off the lift
)

// Verdict is the engine's advice for one lift, as data: the bot writes its
// words (engine/lines.go).
type Verdict struct {
	Lift         string
	Kind         Kind
	Rule         Rule
	Units        Unit      // the display unit of every load and e1RM in the lines below
	Reason       Reason    // one short clause: "performance is down and recovery is poor"
	Evidence     []Fact    // one line each, with the numbers
	Prescription []Rx      // the next session (for a DELOAD: the week, every lift trained in the last 7 days)
	Warnings     []Warning // week-shape warnings (section 6): not verdicts
	ReadBack     []ReadBack
	Next         *Next // the next session as numbers; for a DELOAD this lift's line of the week (Lever "deload")

	// The key numbers, for a one-line summary.
	E1RM      float64   // the latest comparable session's top-set e1RM, kg; 0 when none
	Trend     TrendKind // over the comparable sessions
	Change    float64   // the trend's change as a fraction (best recent, or latest when down, vs before); 0 without a trend
	LoadStep  bool      // progressing by a double-progression load step (Change is then 0: the e1RM dips by design)
	Readiness []Fact    // the readiness lines of Evidence, for showing once
	WholeBody bool      // a DELOAD that stands for the whole-body deload week (planned, fatigue, the running week), not one lift's
	// AddedLoadOnly: the lift's latest session is bodyweight work and no
	// body weight is known on its day, so its e1RM is of the added load.
	AddedLoadOnly bool
}

// Next is a prescribed session for one lift, in the lifter's display unit:
// the top set(s), then back-off sets when the session has them.
type Next struct {
	Sets       int
	Reps       int
	Load       float64 // display unit; for a bodyweight lift the added load
	Bodyweight bool
	RIR        float64
	Backoff    *Backoff // nil when the session has no back-off sets
	Lever      string   // "reps", "load" or "sets" for a PUSH; "deload" for a DELOAD's session; "" to repeat
}

// Backoff is the back-off part of a prescribed session.
type Backoff struct {
	Sets int
	Reps int
	Load float64 // display unit
}
