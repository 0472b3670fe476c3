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

// contextTags confound a session (engine-rules section 1).
var contextTags = map[string]bool{
	"travel": true, "sleep": true, "shortrest": true, "newsetup": true,
	"sick": true, "rushed": true, "pain": true,
}

// session is one lift's work on one day, with its score.
type session struct {
	date     Date
	sets     []*Set  // every set of the day for the lift, warm-ups included, in Seq order (pointers into History.Sets)
	score    float64 // best working-set e1RM, kg; 0 when none
	top      Set     // the set that gave the score (drop sets never top)
	low      bool    // the score is low-confidence
	working  int     // working sets (not warm-up, not drop)
	tags     []string
	inDeload bool
}

// bucket is the rep bucket of the top set: 1-3, 4-6, 7-10, 11-15, 16+.
func (s *session) bucket() int { return repBucket(s.top.Reps) }

// repBuckets are the rep buckets' upper ends; the last bucket (16+) has no top.
var repBuckets = [...]int{3, 6, 10, 15}

func repBucket(reps int) int {
	for i, top := range repBuckets {
		if reps <= top {
			return i
		}
	}
	return len(repBuckets)
}

// bucketTop is the highest rep count of a bucket; the open 16+ bucket is
// capped at 20 for the rep lever (more reps than that is endurance work).
func bucketTop(b int) int {
	if b < len(repBuckets) {
		return repBuckets[b]
	}
	return 20
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
		out = append(out, newSession(sets[i:j:j], h.Deloads))
		i = j
	}
	return out
}

func newSession(sets []*Set, deloads []DeloadPeriod) session {
	s := session{date: sets[0].Date, sets: sets, inDeload: inDeloadWeek(deloads, sets[0].Date) != nil}
	for _, st := range sets {
		for _, t := range st.Tags {
			if !hasString(s.tags, t) {
				s.tags = append(s.tags, t)
			}
		}
		if st.Kind == Warmup || st.Kind == Drop {
			continue
		}
		s.working++
		e, low := SetE1RM(*st)
		if e > s.score {
			s.score, s.top, s.low = e, *st, low
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

// comparable returns the sessions comparable with ss[latest] (same lift, same
// rep bucket, scored, outside deload weeks, within 8 weeks of today), oldest
// first, the latest included.
func comparable(ss []session, latest int, today Date) []*session {
	if latest < 0 {
		return nil
	}
	b := ss[latest].bucket()
	from := today.AddDays(-(comparableDays - 1))
	var out []*session
	for i := 0; i <= latest; i++ {
		s := &ss[i]
		if s.date >= from && s.score > 0 && !s.inDeload && s.bucket() == b {
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

func targetRIR(lift string) float64 {
	if PatternOf(lift).Compound {
		return targetRIRCompound
	}
	return targetRIRIsolation
}

// targetReps is the most common top-set rep count of the last four comparable
// sessions, ties to the higher count. Profile has no plan yet, so this is
// always the "no plan" rule of engine-rules section 2.
func targetReps(cmp []*session) int {
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
