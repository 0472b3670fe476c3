package engine

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// advice holds what one Advise call computes once.
type advice struct {
	h      History
	p      Profile
	un     units
	lift   string
	today  Date
	ss     []session
	latest int
	start  int // first session the trend reads (after a layoff or a new setup)
	gap    int // days of the layoff before ss[start], 0 when none
	away   int // days since the lift was last trained
	rng    repRange
	cmp    []*session
	tr     trend
	step   *session // double progression: the load stepped up past the best earlier session, which is this one
	linear bool     // the last three comparable sessions each added load at the same reps
	rd     readiness
	tReps  int
	tRIR   float64
	quiet  bool // only the verdict and its Next are wanted (a past day's advice, for read-backs): no deload week or ease-back text
	shared *shared
}

// shared is what every lift and day of one call reads alike from History,
// computed once.
type shared struct {
	log   *trainingLog
	ready map[Date]readiness
}

func (c *shared) trainingLog(h History) *trainingLog {
	if c.log == nil {
		c.log = trainingLogOf(h)
	}
	return c.log
}

func (c *shared) readiness(h History, d Date) readiness {
	r, ok := c.ready[d]
	if !ok {
		if c.ready == nil {
			c.ready = map[Date]readiness{}
		}
		r = readinessOf(h.Checkins, d)
		c.ready[d] = r
	}
	return r
}

// Advise returns the verdict for one lift on day today, by the rules of
// engine-rules sections 3 and 7, first match wins. Beyond the letter of the
// rules:
//   - "ready to load" (rule 9) does not fire on a `down` trend: adding load to
//     a lift that is losing strength is not what the rule is for, so a down,
//     clean, well-recovered lift falls through to rule 12 (HOLD).
//   - Advise changes nothing and opens nothing: experiments are read from
//     what the lifter did (a deload week started; a session that followed a
//     pushed lever), see experimentsOf.
//   - in the two ease-back weeks after a deload the rules run as usual and
//     the prescription adds the ease-back load (week 1 at 92.5%, the middle
//     of 90-95%, week 2 at 100% of the pre-deload working load);
//   - "confounded" (rule 5) reads the context tags of the latest session's
//     sets and of that day's check-in. Its "repeat the week" repeats the
//     last comparable session that is not confounded by the same test, with
//     its load, sets and reps: a lighter #travel session is the thing not to
//     judge, so it is not the thing to repeat either. With no clean
//     comparable session it repeats the latest;
//   - a returning lift (section 7) is judged before the planned-deload clock:
//     it gets a ramp back, never a planned deload;
//   - #sick and #newsetup hold (section 7) after pain and a running deload
//     week, and before everything else;
//   - when a rule's lever cannot be pulled (one increment would be more than
//     10% of the load, reps at the top of the range and five sets already),
//     the next lever in the rule's order is used; if none is left the verdict
//     is HOLD (rule 12) with that reason.
func Advise(h History, p Profile, lift string, today Date) Verdict {
	return advise(h, p, lift, today, &shared{})
}

func advise(h History, p Profile, lift string, today Date, c *shared) Verdict {
	a := newAdvice(h, p, CanonicalLift(lift), today)
	a.shared = c
	v := a.decide()
	v.Lift = a.lift
	a.summarize(&v)
	v.Warnings = weekShape(h, a.lift, today)
	v.ReadBack, _ = readBack(a)
	return v
}

// summarize fills the verdict's key numbers.
func (a *advice) summarize(v *Verdict) {
	if s := a.latestSess(); s != nil && s.date >= a.today.AddDays(-(comparableDays-1)) {
		v.E1RM = s.score
	}
	v.Trend, v.Sessions = a.tr.kind, len(a.cmp)
	if t := a.tr; t.kind != TrendInsufficient && t.best > 0 {
		r := maxOf(t.recent)
		if t.kind == TrendDown {
			r = t.recent[len(t.recent)-1]
		}
		v.Change = (r - t.best) / t.best
	}
	if a.step != nil {
		v.LoadStep, v.Change = true, 0
	}
	v.Recovery, v.Readiness = a.rd.state, a.rd.evidence(a.today)
	// Pain and grinding are about this lift; a planned deload, fatigue
	// (recovery poor) and a running deload week are the whole body's week.
	v.WholeBody = v.Kind == Deload && (v.Rule == RulePlannedDeload || v.Rule == RuleFatigued || v.Rule == RuleDeloadWeek)
}

func newAdvice(h History, p Profile, lift string, today Date) *advice {
	return newAdviceOn(h, p, lift, today, sessionsOf(h, lift, today), &shared{})
}

// newAdviceOn is newAdvice on the lift's sessions up to today, already read.
func newAdviceOn(h History, p Profile, lift string, today Date, ss []session, c *shared) *advice {
	a := &advice{h: h, p: p, un: unitsOf(p), lift: lift, today: today, shared: c}
	a.ss = ss
	a.latest = latestSession(a.ss)
	if n := len(a.ss); n > 0 {
		a.away = today.DaysSince(a.ss[n-1].date)
	}
	a.tRIR = targetRIR(lift)
	a.rd = c.readiness(h, today)
	if a.latest < 0 {
		a.tr = trend{kind: TrendInsufficient}
		return a
	}
	a.start, a.gap = restartOf(a.ss, a.latest)
	set, has := p.Ranges[lift]
	a.rng = rangeOf(a.ss, a.start, a.latest, set, has)
	a.cmp = comparable(a.ss, a.start, a.latest, a.rng, today)
	scores := make([]float64, len(a.cmp))
	for i, s := range a.cmp {
		scores[i] = s.score
	}
	a.tr = trendOf(scores)
	a.tReps = targetReps(a.cmp, a.rng)
	n := len(a.cmp)
	if a.rng.double && (a.tr.kind == TrendDown || a.tr.kind == TrendStalled) {
		// Double progression steps the load up and the reps back down: the
		// e1RM of 62.5x8 reads lower than 60x12, but it is the plan working.
		// When the latest top set is heavier than the best earlier session's,
		// the lift is progressing.
		start, end := splitAt(n)
		for _, b := range a.cmp[start:end] {
			if b.score >= a.tr.best-eps && a.cmp[n-1].top.Load.Kg() > b.top.Load.Kg()+1e-6 {
				a.step, a.tr.kind = b, TrendProgressing
			}
		}
	}
	if n >= 4 {
		a.linear = true
		for k := n - 3; k < n; k++ {
			prev, cur := a.cmp[k-1].top, a.cmp[k].top
			if cur.Reps != prev.Reps || cur.Load.Kg() <= prev.Load.Kg()+1e-6 {
				a.linear = false
			}
		}
	}
	return a
}

// AdviseAll returns one verdict per lift trained in the 28 days up to today,
// ordered by lift name.
func AdviseAll(h History, p Profile, today Date) []Verdict {
	from := today.AddDays(-27)
	seen := map[string]bool{}
	var lifts []string
	for _, s := range h.Sets {
		if s.Date >= from && s.Date <= today && s.Kind != Warmup && !seen[s.Lift] {
			seen[s.Lift] = true
			lifts = append(lifts, s.Lift)
		}
	}
	sort.Strings(lifts)
	out := make([]Verdict, 0, len(lifts))
	c := &shared{}
	for _, l := range lifts {
		out = append(out, advise(h, p, l, today, c))
	}
	return out
}

// easeBack is the ease-back line of the weeks after a deload, "" in quiet mode.
func (a *advice) easeBack() string {
	if a.quiet {
		return ""
	}
	return easeBackLine(a.h, a.p, a.lift, a.today)
}

func (a *advice) latestSess() *session {
	if a.latest < 0 {
		return nil
	}
	return &a.ss[a.latest]
}

func (a *advice) best() float64 {
	b := 0.0
	for _, s := range a.cmp {
		b = max(b, s.score)
	}
	return b
}

// holdTags are the context tags that hold whatever the trend (section 7).
var holdTags = []string{"sick", "newsetup"}

func (a *advice) decide() Verdict {
	// 1. Pain on the lift in the last 7 days.
	if d, ok := a.painDay(); ok {
		return a.pain(d)
	}
	// 2. Inside a deload week.
	if period := inDeloadWeek(a.h.Deloads, a.today); period != nil {
		v := a.deload(RuleDeloadWeek, "this is your deload week")
		v.Evidence = append([]string{"deload week " + period.Start.String() + " to " + period.End.String() +
			", day " + strconv.Itoa(a.today.DaysSince(period.Start)+1)}, v.Evidence...)
		return v
	}
	// Section 7: a returning lift ramps back; it is no planned deload.
	if v, ok := a.returning(); ok {
		return v
	}
	// Section 7: #sick and #newsetup hold, whatever the trend.
	if tags := a.confounders(); hasAny(tags, holdTags) {
		return a.confounded(tags, "the latest session was tagged "+hashTags(tags)+": repeat, don't judge the program on it")
	}
	down := a.tr.kind == TrendDown
	flat := down || a.tr.kind == TrendStalled
	ps := planOfDays(a.h, a.p, a.today, a.shared.trainingLog(a.h))
	// 6, before 3: fatigue is the stronger reason (section 7); a planned
	// deload due then is supporting evidence.
	if a.rd.state == RecoveryPoor && (down || (flat && a.p.Level != Beginner)) {
		v := a.deload(RuleFatigued, "performance is "+string(a.tr.kind)+" and recovery is poor")
		if ps.due {
			v.Evidence = append(v.Evidence, ps.line()+": due as well")
		}
		return v
	}
	// 3. A planned deload is due.
	if ps.due {
		v := a.deload(RulePlannedDeload, "a planned deload is due")
		v.Evidence = append([]string{ps.line()}, v.Evidence...)
		return v
	}
	// 4. Insufficient data.
	if a.tr.kind == TrendInsufficient {
		return a.insufficient()
	}
	// 5. Confounded latest session.
	if tags := a.confounders(); len(tags) > 0 && flat {
		return a.confounded(tags, "the latest session had "+strings.Join(tags, ", ")+
			": repeat the week, don't judge the program on it")
	}
	// 7. Grinding.
	if g := grindingOf(a.ss, a.lift, a.today); g.on {
		if down {
			v := a.deload(RuleGrinding, "performance is down and the sets are grinds")
			v.Evidence = append(v.Evidence, a.grindLine(g))
			return v
		}
		v := a.hold(RuleGrinding, "the sets are grinds: the plateau may be self-made fatigue")
		v.Evidence = append(v.Evidence, a.grindLine(g))
		v.Prescription[0] = a.repeatLine("same load, honest effort") + " Stop every set with " +
			FormatNumber(a.tRIR) + " reps left; no set to failure."
		return v
	}
	// 8. Recovery poor, performance fine.
	if a.rd.state == RecoveryPoor {
		return a.hold(RuleRecoveryPoor, "recovery is poor: don't add stress this week")
	}
	// 9. Ready to load.
	if !down && (a.rd.state == RecoveryNormal || a.rd.state == RecoveryNoisy) {
		if line, ok := a.surplusLine(); ok {
			order := []lever{leverLoadPct, leverReps, leverSets}
			if a.rng.double {
				order = []lever{leverLoad, leverReps, leverSets} // one increment, back at the bottom of the range
			}
			if v, ok := a.push(RuleReadyToLoad, "reps to spare on the last two sessions", order); ok {
				v.Evidence = append(v.Evidence, line)
				return v
			}
		}
	}
	// 10. Stalled, clean.
	if a.tr.kind == TrendStalled && (a.rd.state == RecoveryNormal || a.rd.state == RecoveryUnknown) {
		order := []lever{leverReps, leverLoad, leverSets}
		if a.linear {
			order = []lever{leverLoad, leverReps, leverSets}
		}
		if v, ok := a.push(RuleStalledClean, "stalled with clean recovery: push one lever", order); ok {
			return v
		}
	}
	// 11. Progressing.
	if a.tr.kind == TrendProgressing {
		order := []lever{leverReps, leverLoad, leverSets}
		if s, ok := surplus(a.cmp[len(a.cmp)-1], a.tReps, a.tRIR); (ok && s >= 1-eps && !a.rng.double) || a.linear {
			order = []lever{leverLoad, leverReps, leverSets}
		}
		reason := "progressing: keep the plan"
		if a.linear {
			reason = "adding load every session: keep adding load"
		}
		if v, ok := a.push(RuleProgressing, reason, order); ok {
			return v
		}
	}
	// 12. Otherwise.
	return a.hold(RuleOtherwise, a.otherwiseReason())
}

func hasAny(ss, want []string) bool {
	for _, w := range want {
		if hasString(ss, w) {
			return true
		}
	}
	return false
}

// confounded is rule 5's HOLD: repeat the last clean comparable session.
func (a *advice) confounded(tags []string, reason string) Verdict {
	v := a.hold(RuleConfounded, reason)
	v.Evidence = append(v.Evidence, "latest session tagged "+hashTags(tags))
	if hasString(tags, "newsetup") {
		v.Evidence = append(v.Evidence, "a new setup starts a new baseline: sessions before it are not compared")
	}
	if s := a.lastClean(); s != nil && !hasString(tags, "newsetup") {
		v.Prescription[0] = a.repeatOf(s, "repeat "+s.date.String()+", the last session without a context tag")
		v.Next = a.nextOf(s, "")
	}
	return v
}

// returning is section 7's layoff rule: a lift not trained for 14+ days, or
// back for fewer sessions than a trend needs, holds with a ramp back.
func (a *advice) returning() (Verdict, bool) {
	s := a.latestSess()
	if s == nil {
		return Verdict{}, false
	}
	if a.away >= returnGapDays {
		v := Verdict{Kind: Hold, Rule: RuleReturning, Reason: "returning after " + strconv.Itoa(a.away) + " days off this lift: ramp back"}
		v.Evidence = append([]string{"last " + a.lift + " session " + a.ss[len(a.ss)-1].date.String() + ", " +
			plural(a.away, "day") + " ago: " + a.describe(s)}, a.rd.evidence(a.today)...)
		next := a.nextOf(s, "")
		cur := next.Load
		next.Load = a.un.rx(cur * rampBackPct)
		a.scaleBackoff(next, cur)
		v.Next = next
		v.Prescription = []string{"First session back: " + a.nextText(next) + " (about 90% of your last working load), then build back over a few sessions."}
		return v, true
	}
	if a.gap == 0 || len(a.cmp) >= minTrendN {
		return Verdict{}, false
	}
	back := a.ss[a.start].date
	v := a.hold(RuleReturning, "back after "+strconv.Itoa(a.gap)+" days off this lift: the trend starts again from "+back.String())
	return v, true
}

func (a *advice) otherwiseReason() string {
	switch {
	case a.tr.kind == TrendDown:
		return "performance is down without a clear cause: repeat and watch"
	case a.tr.kind == TrendStalled && a.rd.state == RecoveryNoisy:
		return "stalled and recovery is noisy: repeat and watch before changing anything"
	}
	return "no lever left to pull: repeat the session"
}

// painDay returns the latest day in the last 7 with a pain tag on the lift.
func (a *advice) painDay() (Date, bool) {
	from := a.today.AddDays(-(recentDays - 1))
	for i := len(a.ss) - 1; i >= 0 && a.ss[i].date >= from; i-- {
		if hasString(a.ss[i].tags, "pain") {
			return a.ss[i].date, true
		}
	}
	return 0, false
}

// confounders returns the context tags of the latest session and of its day's check-in.
func (a *advice) confounders() []string {
	return a.confoundersOf(a.latestSess())
}

// lastClean is the latest comparable session before the latest one with no
// context tag on its sets or its day's check-in, or nil.
func (a *advice) lastClean() *session {
	for i := len(a.cmp) - 2; i >= 0; i-- {
		if len(a.confoundersOf(a.cmp[i])) == 0 {
			return a.cmp[i]
		}
	}
	return nil
}

// confoundersOf returns the context tags of s and of its day's check-in.
func (a *advice) confoundersOf(s *session) []string {
	if s == nil {
		return nil
	}
	var tags []string
	for _, t := range s.tags {
		if contextTags[t] && !hasString(tags, t) {
			tags = append(tags, t)
		}
	}
	var day *Checkin // the day's last check-in wins
	for i := range a.h.Checkins {
		if a.h.Checkins[i].Date == s.date {
			day = &a.h.Checkins[i]
		}
	}
	if day != nil {
		for _, t := range day.Tags {
			if contextTags[t] && !hasString(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	return tags
}

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

// baseEvidence is every verdict's evidence: the latest session, the trend, readiness.
func (a *advice) baseEvidence() []string {
	var out []string
	if s := a.latestSess(); s != nil {
		out = append(out, "latest "+s.date.String()+": "+a.describe(s))
	}
	if line := a.trendLine(); line != "" {
		out = append(out, line)
	}
	return append(out, a.rd.evidence(a.today)...)
}

// describe writes a session's shape: the top set(s) with effort and e1RM,
// back-offs, and ramp-ups left out: "3x5 at 100 kg, RIR 2 (e1RM 123.3 kg)",
// "3 sets at 100 kg: 5, 4, 4 reps, RIR 1 (e1RM ...)", "1x4 at 170 kg, RIR 1
// (e1RM 190.6 kg), then 2x5 at 150 kg". Sets group with the top set only
// when load, reps and effort all match (no effort logged is an effort of its
// own; a failure set is RIR 0), so "3x5 at RIR 2" never hides a set at RIR
// 1.5 or one without effort; sets at the top load with fewer reps show as
// missed reps.
func (a *advice) describe(s *session) string {
	var b strings.Builder
	n := 0
	if s.missedReps() {
		n = s.topN()
		b.WriteString(strconv.Itoa(n) + " sets at " + a.loadText(s.top) + ": " + joinInts(s.topReps) + " reps")
	} else {
		topRIR, topHas := effort(s.top)
		for i, st := range s.sets {
			rir, has := effort(*st)
			if s.counts(i) && st.Reps == s.top.Reps && st.Load == s.top.Load && st.Bodyweight == s.top.Bodyweight &&
				has == topHas && rir == topRIR {
				n++
			}
		}
		b.WriteString(strconv.Itoa(n) + "x" + strconv.Itoa(s.top.Reps) + " at " + a.loadText(s.top))
	}
	if rir, ok := effort(s.top); ok {
		b.WriteString(", RIR " + FormatNumber(rir))
	} else {
		b.WriteString(", no effort logged")
	}
	if s.score > 0 {
		b.WriteString(" (e1RM " + a.un.e1rm(s.score))
		if s.low {
			b.WriteString(", low confidence")
		}
		b.WriteString(")")
	}
	other := s.working - n
	if bo := s.backoff; bo != nil {
		if short(s.boReps) {
			b.WriteString(", then " + strconv.Itoa(s.backoffN) + " sets at " + a.loadText(*bo) + ": " + joinInts(s.boReps) + " reps")
		} else {
			b.WriteString(", then " + strconv.Itoa(s.backoffN) + "x" + strconv.Itoa(bo.Reps) + " at " + a.loadText(*bo))
		}
		other -= s.backoffN
	}
	// A heavier set than the top (a single before back-offs whose e1RM
	// reads lower) is named: the lifter knows it as the day's top set.
	var heavy *Set
	for i, st := range s.sets {
		if s.counts(i) && st.Load.Kg() > s.top.Load.Kg()+1e-9 && (heavy == nil || st.Load.Kg() > heavy.Load.Kg()) {
			heavy = st
		}
	}
	if heavy != nil {
		b.WriteString("; heaviest 1x" + strconv.Itoa(heavy.Reps) + " at " + a.loadText(*heavy))
		if rir, ok := effort(*heavy); ok {
			b.WriteString(", RIR " + FormatNumber(rir))
		}
		other--
	}
	if other > 0 {
		b.WriteString(" + " + plural(other, "other set"))
	}
	if s.ramp > 0 {
		b.WriteString("; " + plural(s.ramp, "lighter ramp-up set") + " before it not counted")
	}
	return b.String()
}

// loadText writes a logged load for evidence: exact in the unit it was typed
// in, to one decimal when converted ("100 kg" to a lb user reads "220.5 lb").
func (a *advice) loadText(s Set) string {
	v := a.un.load(s.Load)
	if s.Load.Unit != a.un.u {
		v = math.Round(v*10) / 10
	}
	return a.bwText(s, a.un.fmtLoad(v))
}

// rxLoad writes a kept load for a prescription (HOLD, the rep and set
// levers). A load typed in the lifter's unit is repeated exactly: it is what
// they lifted (a 12 kg dumbbell stays 12 kg with a 2.5 kg increment); one
// converted from the other unit is rounded to the increment. New loads (the
// load lever, deloads, ease-back) are always on the increment grid.
func (a *advice) rxLoad(s Set) string {
	return a.bwText(s, a.un.fmtLoad(a.un.kept(s.Load)))
}

func (a *advice) bwText(s Set, l string) string {
	if s.Bodyweight {
		return "bodyweight + " + l
	}
	return l
}

func (a *advice) trendLine() string {
	t := a.tr
	switch t.kind {
	case TrendInsufficient:
		if len(a.cmp) == 0 {
			return ""
		}
		return plural(len(a.cmp), "comparable session") + " (" + a.rangeText() +
			", last 8 weeks): a trend needs " + strconv.Itoa(minTrendN)
	case TrendDown:
		n := len(t.recent)
		last, prev := t.recent[n-1], 0.0
		if n >= 2 {
			prev = t.recent[n-2]
		} else {
			prev = t.before[len(t.before)-1]
		}
		return "top-set e1RM " + a.un.num1(prev) + " and " + a.un.e1rm(last) +
			" in the last two sessions vs " + a.un.e1rm(t.best) + " before: down " +
			pct((t.best-prev)/t.best) + " and " + pct((t.best-last)/t.best)
	}
	if b := a.step; b != nil {
		last := a.cmp[len(a.cmp)-1]
		return "load up from " + a.loadText(b.top) + " x " + strconv.Itoa(b.top.Reps) + " to " + a.loadText(last.top) +
			" x " + strconv.Itoa(last.top.Reps) + " in your " + a.rangeText() + ": double progression, a lower e1RM at the bottom of the range is expected"
	}
	r := maxOf(t.recent)
	ch := (r - t.best) / t.best
	word := "up " + pct(ch)
	if t.kind == TrendStalled {
		word = "change " + signedPct1(ch) + ", within 1%: stalled"
	}
	in := "in the last " + plural(len(t.recent), "session")
	if len(t.recent) == 1 {
		in = "in the latest session"
	}
	return "best top-set e1RM " + a.un.e1rm(r) + " " + in + " vs " + a.un.e1rm(t.best) + " before: " + word
}

func signedPct1(f float64) string {
	s := strconv.FormatFloat(f*100, 'f', 1, 64)
	if f >= 0 {
		s = "+" + s
	}
	return s + "%"
}

func (a *advice) grindLine(g grind) string {
	// RIR can't go below 0, so a threshold of 0 reads "at RIR 0", not "at RIR 0 or less".
	at := "RIR 0"
	if thr := a.tRIR - grindRIRBelow; thr > 0 {
		at = "RIR " + FormatNumber(thr) + " or less"
	}
	line := strconv.Itoa(g.grinds) + " of " + plural(g.withRIR, "set") + " with effort logged in 14 days were at " + at +
		" (" + strconv.Itoa(grindRIRBelow) + " or more below your target RIR " + FormatNumber(a.tRIR) + ")"
	if len(g.failDates) >= 2 {
		line += "; RIR 0 on " + plural(len(g.failDates), "day")
	}
	return line
}

// surplusLine reports surplus >= 1 on the last two comparable sessions.
func (a *advice) surplusLine() (string, bool) {
	n := len(a.cmp)
	if n < 2 {
		return "", false
	}
	s1, ok1 := surplus(a.cmp[n-2], a.tReps, a.tRIR)
	s2, ok2 := surplus(a.cmp[n-1], a.tReps, a.tRIR)
	if !ok1 || !ok2 || s1 < 1-eps || s2 < 1-eps {
		return "", false
	}
	return "surplus " + FormatNumber(s1) + " and " + FormatNumber(s2) + " reps over the target (" +
		strconv.Itoa(a.tReps) + " reps at RIR " + FormatNumber(a.tRIR) + ") in the last two sessions", true
}

func (a *advice) hold(r Rule, reason string) Verdict {
	v := Verdict{Kind: Hold, Rule: r, Reason: reason, Evidence: a.baseEvidence()}
	v.Prescription = []string{a.repeatLine("repeat")}
	if s := a.latestSess(); s != nil {
		v.Next = a.nextOf(s, "")
	}
	if l := a.easeBack(); l != "" {
		v.Prescription = append(v.Prescription, l)
	}
	return v
}

// repeatLine writes "Next session (repeat): squat 3 sets of 5 at 100 kg, RIR 2."
func (a *advice) repeatLine(what string) string {
	s := a.latestSess()
	if s == nil {
		return "Log " + a.lift + " with load, reps and effort, e.g. " + a.lift + " 100x5 rir2."
	}
	return a.repeatOf(s, what)
}

// repeatOf writes the repeat line for session s, its shape kept.
func (a *advice) repeatOf(s *session, what string) string {
	return "Next session (" + what + "): " + a.nextText(a.nextOf(s, "")) + "."
}

// rangeName names the rep range in a sentence: "the 4-6 range", "your
// 8-12 range", "your recent 8-12 range".
func (a *advice) rangeName() string {
	switch a.rng.kind {
	case rangeSet:
		return "your " + a.rng.String() + " range"
	case rangeInferred:
		return "your recent " + a.rng.String() + " range"
	}
	return "the " + a.rng.String() + " range"
}

// rangeText names the rep range comparable sessions share: "8-12 reps, your
// range", "4-6 reps".
func (a *advice) rangeText() string {
	switch a.rng.kind {
	case rangeSet:
		return a.rng.String() + " reps, your range"
	case rangeInferred:
		return a.rng.String() + " reps, your recent range"
	}
	return a.rng.String() + " reps"
}

func (a *advice) insufficient() Verdict {
	need := minTrendN - len(a.cmp)
	v := a.hold(RuleInsufficient, "not enough comparable sessions to judge a trend")
	if len(a.cmp) == 0 {
		v.Evidence = append([]string{"no scored " + a.lift + " session in the last 8 weeks"}, v.Evidence...)
	}
	v.Reason = plural(need, "more comparable session") + " needed"
	if s := a.latestSess(); s != nil && s.low {
		v.Evidence = append(v.Evidence, "log effort (rir2 or rpe8) to sharpen the estimate")
	}
	return v
}

func (a *advice) pain(d Date) Verdict {
	v := Verdict{Kind: Deload, Rule: RulePain, Reason: "pain on this lift in the last 7 days"}
	v.Evidence = append([]string{"#pain on " + a.lift + " on " + d.String()}, a.baseEvidence()...)
	p := a.p
	for _, dl := range deloadPlan(a.h, p, a.today, a.lift) {
		if dl.lift == a.lift {
			v.Prescription = append(v.Prescription, "This week: "+dl.line(a.un)+", lighter and in a pain-free range of motion only.")
		}
	}
	v.Next = a.deloadNext()
	v.Prescription = append(v.Prescription,
		"Stop any set that hurts. Pain that persists needs a qualified professional (physiotherapist or doctor); this is not medical advice.")
	return v
}

// deloadNext is this lift's line of the deload week as numbers, or nil.
func (a *advice) deloadNext() *Next {
	ref, _ := deloadRef(a.h, a.today)
	for _, d := range deloadPlan(a.h, a.p, ref, a.lift) {
		if d.lift == a.lift {
			n := &Next{Sets: d.sets, Reps: d.reps, Load: d.load, Bodyweight: d.bodyw, RIR: deloadRIR, Lever: "deload"}
			if d.boSets > 0 {
				n.Backoff = &Backoff{Sets: d.boSets, Reps: d.boReps, Load: d.boLoad}
			}
			return n
		}
	}
	return nil
}

func (a *advice) deload(r Rule, reason string) Verdict {
	v := Verdict{Kind: Deload, Rule: r, Reason: reason, Evidence: a.baseEvidence()}
	if !a.quiet {
		v.Prescription = deloadPrescription(a.h, a.p, a.lift, a.today, a.best())
		v.Next = a.deloadNext()
	}
	return v
}
