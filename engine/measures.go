package engine

import (
	"cmp"
	"slices"
)

// Windows of engine-rules section 2, in days.
const (
	comparableDays = 56 // comparable sessions lie within the last 8 weeks
	recentDays     = 7  // "the last 7 days" of readiness, pain and week shape
	grindDays      = 14 // effort honesty looks at the last 14 days
)

// Trend thresholds of engine-rules section 2 (seed 000, checklist one).
const (
	downBothPct   = 0.03 // the last two sessions both this far below B
	downLatestPct = 0.05 // or the latest this far below B
	stalledPct    = 0.01 // best recent at most this far above B
	minTrendN     = 3    // sessions needed for a trend
	eps           = 1e-9 // tolerance for float comparisons at a threshold
)

// IsContextTag reports a tag the engine reads as a confounder (travel,
// sleep, shortrest, newsetup, sick, rushed, pain); other tags are notes.
func IsContextTag(t string) bool { return contextTags[t] }

// contextTags confound a session (engine-rules section 1).
var contextTags = map[string]bool{
	"travel": true, "sleep": true, "shortrest": true, "newsetup": true,
	"sick": true, "rushed": true, "pain": true,
}

// session is one lift's work on one day, with its score and its shape
// (engine-rules section 7, "Session structure").
type session struct {
	date     Date
	sets     []*Set  // every set of the day for the lift, warm-ups included, in Seq order (pointers into History.Sets)
	first    int     // index in sets of the first set at the day's heaviest load: lighter sets before it are ramp-ups
	score    float64 // the top set's e1RM, kg; 0 when none
	top      Set     // the top set: the best working-set e1RM of the day (drop sets never top)
	low      bool    // the score is low-confidence
	working  int     // working sets: not marked warm-ups, not ramp-ups, not drop sets
	ramp     int     // unmarked ramp-up sets (lighter sets before the first top-load set)
	topReps  []int   // reps of each working set at the top set's load, in order (5, 4, 4 shows missed reps)
	backoff  *Set    // the first back-off set: a working set after the top load at a lighter load
	backoffN int     // working sets at the back-off set's load after the top load
	boReps   []int   // their reps, in order
	tags     []string
	inDeload bool
}

// counts reports whether the i-th set of the day is a working set.
func (s *session) counts(i int) bool {
	k := s.sets[i].Kind
	return i >= s.first && k != Warmup && k != Drop
}

// topN is the number of working sets at the top set's load.
func (s *session) topN() int { return len(s.topReps) }

// short reports reps that fell below the first set's: 5, 4, 4.
func short(reps []int) bool {
	for _, r := range reps {
		if r < reps[0] {
			return true
		}
	}
	return false
}

// missedReps reports working sets at the top load that fell short of the
// first one (5, 4, 4): the clearest stall signal a log has.
func (s *session) missedReps() bool { return short(s.topReps) }

// repBuckets are the classic rep buckets' upper ends; the last bucket (16+) has no top.
var repBuckets = [...]int{3, 6, 10, 15}

func repBucket(reps int) int {
	for i, top := range repBuckets {
		if reps <= top {
			return i
		}
	}
	return len(repBuckets)
}

// bucketRange is the classic bucket holding reps, as a range; the open 16+
// bucket is capped at 20 for the rep lever (more reps than that is endurance
// work) but compares any higher count.
func bucketRange(reps int) repRange {
	b := repBucket(reps)
	lo := 1
	if b > 0 {
		lo = repBuckets[b-1] + 1
	}
	hi := 20
	if b < len(repBuckets) {
		hi = repBuckets[b]
	}
	return repRange{lo: lo, hi: hi, leverTop: hi, kind: rangeBucket}
}

// rangeKind says where a lift's rep range came from.
type rangeKind int

const (
	rangeBucket   rangeKind = iota // the classic buckets (1-3, 4-6, 7-10, 11-15, 16+)
	rangeInferred                  // the span of the last six top sets (section 7)
	rangeSet                       // the lifter's /settings range
)

// repRange is the range of top-set reps whose sessions are comparable.
type repRange struct {
	lo, hi   int
	leverTop int  // the rep lever adds reps up to this count
	double   bool // double progression: reps climb to hi, then one increment back at lo
	kind     rangeKind
}

func (r repRange) has(reps int) bool {
	return reps >= r.lo && (reps <= r.hi || (r.kind == rangeBucket && r.hi == 20 && reps > 20))
}

func (r repRange) String() string {
	if r.kind == rangeBucket && r.lo == 16 {
		return "16+"
	}
	return RepRange{Lo: r.lo, Hi: r.hi}.String()
}

// Rep-range constants of engine-rules section 7.
const (
	rangeSessions = 6 // the inferred range spans the last six sessions' top sets...
	rangeMaxWidth = 5 // ...when it is at most five rep counts wide (8-12)
	doubleMin     = 3 // a span of three or more rep counts is double progression (8-10)
)

// rangeOf is the rep range of the lift's sessions ss[start..latest]: the
// lifter's own when the latest top set is in it; else the span of the last
// six top sets when it is at most five counts wide (double progression when
// three or more wide; a narrower span inside one classic bucket is that
// bucket, so 5s and 6s compare with each other as they always did); else the
// classic bucket of the latest top set.
func rangeOf(ss []session, start, latest int, set RepRange, hasSet bool) repRange {
	reps := ss[latest].top.Reps
	if hasSet && set.Valid() && reps >= set.Lo && reps <= set.Hi {
		return repRange{lo: set.Lo, hi: set.Hi, leverTop: set.Hi, double: set.Hi-set.Lo+1 >= doubleMin, kind: rangeSet}
	}
	lo, hi, n := reps, reps, 0
	for i := latest; i >= start && n < rangeSessions; i-- {
		if s := &ss[i]; s.score > 0 && !s.inDeload {
			lo, hi, n = min(lo, s.top.Reps), max(hi, s.top.Reps), n+1
		}
	}
	b := bucketRange(reps)
	switch w := hi - lo + 1; {
	case w > rangeMaxWidth:
		return b
	case w >= doubleMin:
		return repRange{lo: lo, hi: hi, leverTop: hi, double: true, kind: rangeInferred}
	case b.has(lo) && b.has(hi):
		return b
	}
	return repRange{lo: lo, hi: hi, leverTop: max(hi, b.hi), kind: rangeInferred}
}

// sessionsOf builds lift's sessions on or before today from h, oldest first.
func sessionsOf(h History, lift string, today Date) []session {
	n, days := 0, 0
	last := Date(-1 << 31)
	for i := range h.Sets {
		if s := &h.Sets[i]; s.Lift == lift && s.Date <= today {
			n++
			if s.Date != last {
				days++
				last = s.Date
			}
		}
	}
	if n == 0 {
		return nil
	}
	sets := make([]*Set, 0, n)
	for i := range h.Sets {
		if s := &h.Sets[i]; s.Lift == lift && s.Date <= today {
			sets = append(sets, s)
		}
	}
	bySeq := func(a, b *Set) int {
		if a.Date != b.Date {
			return cmp.Compare(a.Date, b.Date)
		}
		return cmp.Compare(a.Seq, b.Seq)
	}
	if !slices.IsSortedFunc(sets, bySeq) {
		slices.SortStableFunc(sets, bySeq)
	}
	out := make([]session, 0, days)
	for i := 0; i < len(sets); {
		j := i
		for j < len(sets) && sets[j].Date == sets[i].Date {
			j++
		}
		out = append(out, newSession(sets[i:j:j], h.Deloads, BodyWeightOn(h.BodyWeights, sets[i].Date)))
		i = j
	}
	return out
}

// newSession reads a day's sets of one lift: ramp-ups (lighter sets before
// the first set at the day's heaviest load, marked as warm-ups or not), the
// top set (best e1RM of the rest), the sets at its load, and back-offs.
// bodyKg is the lifter's body weight that day (0 when unknown): with it a
// bodyweight set scores its total load (SetE1RMAt).
func newSession(sets []*Set, deloads []DeloadPeriod, bodyKg float64) session {
	s := session{date: sets[0].Date, sets: sets, inDeload: inDeloadWeek(deloads, sets[0].Date) != nil}
	heaviest := -1.0
	for _, st := range sets {
		for _, t := range st.Tags {
			if !hasString(s.tags, t) {
				s.tags = append(s.tags, t)
			}
		}
		if st.Kind != Warmup && st.Kind != Drop && st.Load.Kg() > heaviest+1e-9 {
			heaviest = st.Load.Kg()
		}
	}
	s.first = len(sets)
	for i, st := range sets {
		if st.Kind != Warmup && st.Kind != Drop && st.Load.Kg() >= heaviest-1e-9 {
			s.first = i
			break
		}
	}
	for i, st := range sets {
		if i < s.first && st.Kind != Warmup && st.Kind != Drop {
			s.ramp++
		}
		if !s.counts(i) {
			continue
		}
		s.working++
		e, low := SetE1RMAt(*st, bodyKg)
		if e > s.score {
			s.score, s.top, s.low = e, *st, low
		}
	}
	if s.working > 0 && s.score == 0 {
		// Only unscored work (plain bodyweight): the first working set shapes it.
		for i, st := range sets {
			if s.counts(i) {
				s.top = *st
				break
			}
		}
	}
	topKg := s.top.Load.Kg()
	for i, st := range sets {
		if !s.counts(i) {
			continue
		}
		switch {
		case st.Load == s.top.Load && st.Bodyweight == s.top.Bodyweight:
			s.topReps = append(s.topReps, st.Reps)
		case st.Load.Kg() < topKg-1e-9 && len(s.topReps) > 0:
			if s.backoff == nil {
				s.backoff = st
			}
			if st.Load == s.backoff.Load {
				s.backoffN++
				s.boReps = append(s.boReps, st.Reps)
			}
		}
	}
	return s
}

func hasString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// latestSession is "the latest session" of engine-rules section 2: the most
// recent scored session on or before today that is not inside a deload week.
// When today has no session the latest is the last one before it. It returns
// -1 when there is none.
func latestSession(ss []session) int {
	for i := len(ss) - 1; i >= 0; i-- {
		if ss[i].score > 0 && !ss[i].inDeload {
			return i
		}
	}
	return -1
}

// Layoffs (engine-rules section 7).
const (
	returnGapDays = 14 // a lift not trained for this many days is returning
	rampBackPct   = 0.90
)

// restartOf is the index of the first session the trend may read: the first
// after the last gap of 14+ days in the lift's log (its trend starts again
// from the return), or the latest #newsetup session (a new setup starts a
// new baseline), whichever is later; gap is the length of that gap in days,
// 0 when the restart is a new setup or there is none.
func restartOf(ss []session, latest int) (start, gap int) {
	for i := latest; i > 0; i-- {
		if hasString(ss[i].tags, "newsetup") {
			return i, 0
		}
		if d := ss[i].date.DaysSince(ss[i-1].date); d >= returnGapDays {
			return i, d
		}
	}
	return 0, 0
}

// comparable returns the sessions comparable with ss[latest] (same lift,
// top set in the same rep range, scored, outside deload weeks, within 8 weeks
// of today, from the restart on), oldest first, the latest included.
func comparable(ss []session, start, latest int, rng repRange, today Date) []*session {
	if latest < 0 {
		return nil
	}
	from := today.AddDays(-(comparableDays - 1))
	var out []*session
	for i := start; i <= latest; i++ {
		s := &ss[i]
		if s.date >= from && s.score > 0 && !s.inDeload && rng.has(s.top.Reps) {
			out = append(out, s)
		}
	}
	return out
}

// TrendKind is the direction of a lift's comparable sessions.
type TrendKind string

const (
	TrendInsufficient TrendKind = "insufficient"
	TrendDown         TrendKind = "down"
	TrendStalled      TrendKind = "stalled"
	TrendProgressing  TrendKind = "progressing"
)

// trend is the result of engine-rules section 2 "Trend".
type trend struct {
	kind   TrendKind
	before []float64 // scores, kg, oldest first
	recent []float64
	best   float64 // B: best score in before
}

// splitAt returns how many of n sessions are "before" and where "before" starts.
func splitAt(n int) (start, end int) {
	switch n {
	case 3:
		return 0, 2
	case 4:
		return 0, 2
	case 5:
		return 0, 3
	}
	return n - 6, n - 3
}

// trendOf computes the trend over scores, oldest first.
func trendOf(scores []float64) trend {
	n := len(scores)
	if n < minTrendN {
		return trend{kind: TrendInsufficient}
	}
	start, end := splitAt(n)
	t := trend{before: scores[start:end], recent: scores[end:]}
	for _, s := range t.before {
		t.best = max(t.best, s)
	}
	b := t.best
	last, prev := scores[n-1], scores[n-2]
	switch {
	case last <= b*(1-downBothPct)+eps && prev <= b*(1-downBothPct)+eps,
		last <= b*(1-downLatestPct)+eps:
		t.kind = TrendDown
	case maxOf(t.recent) <= b*(1+stalledPct)+eps:
		t.kind = TrendStalled
	default:
		t.kind = TrendProgressing
	}
	return t
}

func maxOf(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// Target RIR without a plan (engine-rules section 2).
const (
	targetRIRCompound  = 2
	targetRIRIsolation = 1
)

func targetRIR(p Profile, lift string) float64 {
	if p.Pattern(lift).Compound {
		return targetRIRCompound
	}
	return targetRIRIsolation
}

// targetReps is the most common top-set rep count of the last four comparable
// sessions, ties to the higher count; in a double-progression range it is
// the top of the range (reps to spare past it mean the load can step up).
func targetReps(cmp []*session, rng repRange) int {
	if rng.double {
		return rng.hi
	}
	from := max(0, len(cmp)-4)
	best, bestN := 0, 0
	for i := from; i < len(cmp); i++ {
		r := cmp[i].top.Reps
		n := 0
		for j := from; j < len(cmp); j++ {
			if cmp[j].top.Reps == r {
				n++
			}
		}
		if n > bestN || (n == bestN && r > best) {
			best, bestN = r, n
		}
	}
	return best
}

// surplus is (reps + RIR) - (target reps + target RIR) of a session's top set;
// ok is false when the top set has no effort logged (surplus unknown, never
// counted as >= 1).
func surplus(s *session, tReps int, tRIR float64) (float64, bool) {
	rir, ok := effort(s.top)
	if !ok {
		return 0, false
	}
	return float64(s.top.Reps) + rir - (float64(tReps) + tRIR), true
}
