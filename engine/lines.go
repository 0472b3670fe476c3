package engine

import "time"

// The verdict as data. The engine writes no words: a verdict's reason,
// evidence, prescription, warnings and read-backs are values, each a kind
// and the numbers it names, and the bot writes them (bot/words). Loads and
// e1RMs in these values are in the lifter's display unit (Verdict.Units),
// converted and rounded as they are to be shown; fractions are as computed
// (0.05 is 5%).

// ReasonKind is why a rule gave its verdict.
type ReasonKind uint8

const (
	ReasonNone          ReasonKind = iota
	ReasonPain                     // pain on this lift in the last 7 days
	ReasonDeloadWeek               // this is the deload week
	ReasonReturning                // N days off this lift: ramp back
	ReasonBackAfter                // back after N days off; the trend starts again on Date
	ReasonHoldTags                 // the latest session was tagged Tags (#sick, #newsetup): repeat
	ReasonFatigued                 // performance is Trend and recovery is poor
	ReasonPlannedDeload            // a planned deload is due
	ReasonInsufficient             // N more comparable sessions needed
	ReasonConfounded               // the latest session had Tags: repeat the week
	ReasonGrindingDown             // performance is down and the sets are grinds
	ReasonGrinding                 // the sets are grinds: maybe self-made fatigue
	ReasonRecoveryPoor             // recovery is poor: no added stress
	ReasonReadyToLoad              // reps to spare on the last two sessions
	ReasonStalledClean             // stalled with clean recovery: push one lever
	ReasonProgressing              // progressing: keep the plan
	ReasonAddingLoad               // adding load every session: keep adding load
	ReasonDownUnclear              // down without a clear cause: repeat and watch
	ReasonStalledNoisy             // stalled and recovery is noisy: repeat and watch
	ReasonNoLever                  // no lever left to pull: repeat the session
)

// Reason is a verdict's reason: its kind and the numbers the kind names.
type Reason struct {
	Kind  ReasonKind
	N     int       // days off (Returning, BackAfter), sessions needed (Insufficient)
	Date  Date      // BackAfter: the first session after the layoff
	Tags  []string  // HoldTags, Confounded: the context tags, without '#'
	Trend TrendKind // Fatigued
}

// FactKind is what one line of evidence says.
type FactKind uint8

const (
	FactLatest        FactKind = iota + 1 // the latest session: Date, Session
	FactLastSession                       // returning: the last session of Lift on Date, Days ago: Session
	FactTrendShort                        // N comparable sessions in Range; a trend needs Of
	FactTrendDown                         // e1RM Value[0] and Value[1] in the last two sessions vs Value[2]: down Frac[0] and Frac[1]
	FactLoadStep                          // double progression: load up from Step[0] to Step[1] in Range
	FactTrendUp                           // best e1RM Value[0] in the last N sessions vs Value[1] before: up Frac[0]
	FactTrendStalled                      // as FactTrendUp, change Frac[0] within 1%: stalled
	FactNoCheckin                         // no check-in in 7 days (the last on Date, 0 when none): readiness unknown
	FactNotStrained                       // no strained day in the last 7 days (N check-ins)
	FactStrained                          // strained N of the last 7 days, with Flags
	FactJoints                            // joints irritated on N of the last 5 check-ins
	FactJointRun                          // 2 strained days running with irritated joints
	FactRHRNoBaseline                     // resting HR N bpm, no baseline yet (Of of 7 readings)
	FactRHRRun                            // resting HR N bpm vs baseline Value[0] on Days days running
	FactRHR                               // resting HR N bpm, baseline Value[0]: Up or normal
	FactHRVLow                            // HRV below the normal range (under N ms) on Days days
	FactDeloadWeek                        // deload week Date to End, day Days
	FactPlanClock                         // the planned-deload clock (Clock); Up: due as well
	FactGrind                             // N of Of sets with effort in 14 days at RIR RIR or less (Below or more under Target); RIR 0 on Days days
	FactSurplus                           // surplus Value[0] and Value[1] reps over N reps at RIR Target
	FactTagged                            // the latest session tagged Tags
	FactNewSetup                          // a new setup starts a new baseline
	FactNoSession                         // no scored session of Lift in the last 8 weeks
	FactLogEffort                         // log effort to sharpen the estimate
	FactPain                              // #pain on Lift on Date
)

// Fact is one line of a verdict's evidence; the comment of its Kind says
// which fields it sets.
type Fact struct {
	Kind    FactKind
	Lift    string
	Date    Date
	End     Date
	N, Of   int
	Days    int
	Value   [3]float64 // e1RMs (display unit), a baseline heart rate or surplus reps, by Kind
	Frac    [2]float64
	RIR     float64
	Target  float64 // the lift's target RIR
	Below   int     // a grind is this many reps or more below the target RIR
	Up      bool
	Session *SessionShape
	Step    *[2]SetShape // FactLoadStep: the best earlier session's top set, then the latest's
	Range   RangeRef
	Tags    []string
	Flags   []FlagKind
	Clock   *Clock
}

// SetShape is one set as evidence shows it.
type SetShape struct {
	Load       float64 // display unit: exact when typed in it, to one decimal when converted
	Bodyweight bool    // Load is added to bodyweight
	Reps       int
	RIR        float64
	HasRIR     bool // effort logged (a failure set is RIR 0)
}

// SessionShape is a session as evidence shows it: the top set(s) with
// effort and e1RM, back-offs, a heavier single, the rest counted.
type SessionShape struct {
	Top     SetShape
	N       int           // sets grouped with the top set (Missed: sets at the top load)
	Missed  []int         // reps of each set at the top load when some fell short; nil otherwise
	E1RM    float64       // display unit; 0 when not scored
	Low     bool          // the e1RM is low-confidence
	Backoff *BackoffShape // nil when none
	Heavy   *SetShape     // a set heavier than the top set, nil when none
	Other   int           // working sets not shown otherwise
	Ramp    int           // lighter ramp-up sets before the top set, not counted
}

// BackoffShape is a session's back-off sets.
type BackoffShape struct {
	N     int
	Set   SetShape // load and reps of the first
	Short []int    // reps of each when some fell short; nil otherwise
}

// RangeKind tells whose a rep range is.
type RangeKind uint8

const (
	RangeBucket   RangeKind = iota + 1 // a classic bucket: 1-3, 4-6, 7-10, 11-15, 16+
	RangeInferred                      // the lifter's recent range, read from the log
	RangeSet                           // the lifter's /settings range
)

// RangeRef is the rep range comparable sessions share.
type RangeRef struct {
	Lo, Hi int
	Open   bool // the 16+ bucket: Lo and up
	Kind   RangeKind
}

// AnchorKind is where the planned-deload count starts.
type AnchorKind uint8

const (
	AnchorFirstLog     AnchorKind = iota + 1 // the first log
	AnchorWindow                             // the start of the log read (From): at least this long
	AnchorDeload                             // the day after the last deload week
	AnchorSkip                               // the day after a skipped planned deload
	AnchorBreak                              // the first session after a break of Days days
	AnchorBreakRunning                       // a break runs today: nothing logged since Since (before it, when Before)
	AnchorLightSets                          // the Monday after a light week of Sets sets from Monday vs Ref a week before it
	AnchorLightLoads                         // the Monday after a week of loads at Share of the 4 weeks before, from Monday
)

// Anchor is where the planned-deload count starts, and why.
type Anchor struct {
	Kind   AnchorKind
	From   Date // the count starts on this day
	Days   int
	Since  Date
	Before bool
	Monday Date
	Sets   int
	Ref    float64 // rounded to whole sets
	Share  float64
}

// Clock is the planned-deload clock: Weeks full weeks since Anchor, a
// deload every Interval weeks.
type Clock struct {
	Weeks    int
	Interval int
	Anchor   Anchor
}

// RxKind is what one line of a prescription says.
type RxKind uint8

const (
	RxNext         RxKind = iota + 1 // a PUSH's next session: Lift, Next, the change from load From
	RxLever                          // the PUSH's lever (Next.Lever) and why (Why, with Load, Reps, N, M, Range)
	RxRepeat                         // repeat the session: Lift, Next; Date: the last clean session repeated (0: the latest); Honest: stop every set with RIR reps left
	RxLogFirst                       // log Lift with load, reps and effort (Honest as RxRepeat)
	RxReturn                         // first session back: Lift, Next at about 90%
	RxPainWeek                       // this week for a lift with pain: Lift, Next (deload)
	RxPainStop                       // stop any set that hurts; see a professional
	RxDeloadHead                     // the deload week in Style: from today, or (End != 0) day Date-Start+1 of the running week Start to End
	RxDeloadLift                     // one lift's deload session: Lift, Next
	RxTrainingDays                   // keep your training days: Days
	RxDeloadThen                     // then week 1 at Week1, week 2 back to Work; compare with E1RM (0: none)
	RxEaseBack1                      // ease-back week 1 at Week1 (90-95% of Work); Work 0: of your pre-deload loads
	RxEaseBack2                      // ease-back week 2: back to Work; 0: to your pre-deload loads
)

// WhyKind is why a PUSH pulls its lever.
type WhyKind uint8

const (
	WhyMissedReps   WhyKind = iota + 1 // the sets at Load were Reps: make every set N first
	WhyShortBackoff                    // the back-off sets at Load were Reps: make every set N first
	WhyOneMoreRep                      // one more rep: N reps stays in Range
	WhyDoubleRep                       // double progression: one more rep until N, then a load step back at M
	WhyDoubleLoad                      // reps reached the top of Range: one increment, back at M reps
	WhyLinear                          // the last three sessions each added load at N reps
	WhyLowerPct                        // reps to spare twice: 5-10% on a lower-body compound
	WhyUpperPct                        // reps to spare twice: 2-5% on an upper-body or isolation lift
	WhyTopOfRange                      // reps are at the top of Range: one increment
	WhySpare                           // reps to spare on the latest session: one increment
	WhyBackoffSet                      // one increment is too big: one more back-off set
	WhyMoreSet                         // one increment is too big: one more set
)

// Rx is one line of a prescription; the comment of its Kind says which
// fields it sets.
type Rx struct {
	Kind   RxKind
	Lift   string
	Next   *Next
	From   float64 // RxNext: the current top load the change is from (display unit)
	Why    WhyKind
	Load   float64
	Reps   []int
	N, M   int
	Range  RangeRef
	Honest bool
	RIR    float64 // Honest: the target RIR
	Date   Date
	Start  Date
	End    Date
	Style  DeloadStyle
	Days   []time.Weekday // Monday first
	Week1  float64
	Work   float64
	E1RM   float64
}

// WarningKind is a week-shape warning (engine-rules section 6).
type WarningKind uint8

const (
	WarnFailure  WarningKind = iota + 1 // Lift, a main compound, taken to failure on Dates
	WarnHardDays                        // N hard days (a top set at RIR 1 or less) in 7
)

// Warning is one week-shape warning.
type Warning struct {
	Kind  WarningKind
	Lift  string
	Dates []Date
	N     int
}

// ReadBackKind is what a read-back line says.
type ReadBackKind uint8

const (
	ReadBackRunning ReadBackKind = iota + 1 // an experiment running since Opened
	ReadBackOutcome                         // an experiment that ended, with its Outcome
	ReadBackNeither                         // neither the push nor the deload helped Lift
)

// Outcome is an ended experiment's result.
type Outcome uint8

const (
	OutcomeRebound       Outcome = iota + 1 // deload: the first hard session Best reached Baseline
	OutcomeNoRebound                        // deload: not yet
	OutcomeNoSession                        // push: nothing logged in the two weeks after it
	OutcomeHeld                             // push: every session did what it prescribed (Best <= Baseline after a load step)
	OutcomeWorked                           // push: Best beat Baseline, recovery not worse
	OutcomeNoGain                           // push: no improvement
	OutcomeRecoveryWorse                    // push: stronger, but recovery went from RecoveryThen to RecoveryNow
)

// ReadBack is one read-back line of an experiment (engine-rules section 5).
type ReadBack struct {
	Kind         ReadBackKind
	Lift         string
	Exp          Kind   // Push or Deload
	Lever        string // a push's lever
	Opened       Date
	End          Date // a running deload: its read-back is the first hard session after this day
	N, Of        int  // a running push: read-back sessions logged, of needed
	Best         float64
	Baseline     float64
	Outcome      Outcome
	RecoveryThen Recovery
	RecoveryNow  Recovery
}

// PlanLineKind is what one line of /plan says.
type PlanLineKind uint8

const (
	PlanNothing        PlanLineKind = iota + 1 // nothing logged yet
	PlanWeek                                   // week Weeks+1 since Anchor
	PlanBreakRunning                           // on a break (Anchor): the clock starts again with training
	PlanWeekAtLeast                            // week Weeks+1 at least, since Anchor.From, the start of the log read
	PlanInDeload                               // deload week: day Day of Of, ends Date
	PlanBeginner                               // no planned deloads for a beginner
	PlanDue                                    // a planned deload is due (every Interval weeks)
	PlanNext                                   // next planned deload on Date (every Interval weeks)
	PlanEaseBack1                              // ease-back week 1
	PlanEaseBack2                              // ease-back week 2
	PlanRunning                                // a running push (ReadBack)
	PlanDeloadReadBack                         // the deload from Date is read back from Lifts' first hard sessions after End
)

// PlanLine is one line of /plan.
type PlanLine struct {
	Kind     PlanLineKind
	Weeks    int
	Interval int
	Day, Of  int
	Anchor   Anchor
	Date     Date
	End      Date
	ReadBack *ReadBack
	Lifts    []string
}

// FlagKind is one readiness flag of a check-in (engine-rules section 2), in
// the order evidence lists them.
type FlagKind uint8

const (
	FlagSleep FlagKind = iota
	FlagSoreness
	FlagJoints
	FlagMotivation
	FlagWarmup
	FlagRHR
	FlagHRV
	nFlags
)
