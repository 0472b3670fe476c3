package engine

import (
	"math"
	"strconv"
	"strings"
)

// Evidence: a verdict's numbers in the lifter's units, a line each.

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
	if a.quiet {
		return nil // a past day's advice: only its verdict and Next are read
	}
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
