package engine

import "sort"

// Read-back (engine-rules section 5, seed 000's two-week decision rule).
const (
	readBackSessions = 2  // a PUSH is read back from the next two sessions...
	readBackDays     = 14 // ...or from whatever was logged within two weeks
	hardRIR          = 3  // a session whose top set is at RIR 3 or less (or unlogged) is "hard"
)

// outcome is an experiment's read-back.
type outcome struct {
	e       Experiment
	ended   bool
	endDate Date
	n       int     // read-back sessions so far
	best    float64 // best read-back score, kg
	good    bool    // PUSH: improved with recovery not worse; DELOAD: rebound
	held    bool    // PUSH: every read-back session did what it prescribed, at its effort
	rdThen  Recovery
	rdNow   Recovery
}

func recoveryRank(r Recovery) int {
	switch r {
	case RecoveryNoisy:
		return 1
	case RecoveryPoor:
		return 2
	}
	return 0
}

// readOne reads an experiment back from lift's sessions.
//
// A PUSH opens on the session that followed the pushed lever and is read
// back from the scored sessions from that one on: it ends with the second
// one, or 14 days after it opened; it worked when the
// best read-back e1RM beats the baseline (more reps or load at the same
// effort) and recovery today is not worse than on the day it opened.
//
// A DELOAD is read back from "the first hard session" after the deload week
// (the stored week that contains or starts within a week of the day it
// opened, else the 7 days from that day). Ease-back week 1 trains at 90-95%
// on purpose, so a session in it is the read-back only when it already beats
// the pre-deload best; otherwise the first hard session is the first scored
// session from ease-back week 2 on whose top set is at RIR 3 or less (or has
// no effort logged). It rebounded when that score is at least the pre-deload
// best.
func readOne(a *advice, e Experiment) outcome {
	o := outcome{e: e}
	if e.Kind == Deload {
		end := e.Opened.AddDays(deloadDays - 1)
		for _, d := range a.h.Deloads {
			if !d.Skipped && d.Start <= e.Opened.AddDays(deloadDays) && d.End >= e.Opened {
				end = d.End
				break
			}
		}
		o.endDate = end
		for i := range a.ss {
			s := &a.ss[i]
			if s.date <= end || s.score <= 0 || s.inDeload {
				continue
			}
			rebound := s.score >= e.Baseline-eps
			if rir, ok := effort(s.top); !rebound && (s.date <= end.AddDays(7) || (ok && rir > hardRIR)) {
				continue
			}
			o.n, o.best, o.ended, o.endDate, o.good = 1, s.score, true, s.date, rebound
			break
		}
		return o
	}
	for i := range a.ss {
		s := &a.ss[i]
		if s.date < e.Opened || s.score <= 0 || s.inDeload || s.date > a.today {
			continue
		}
		o.n++
		o.best = max(o.best, s.score)
		o.held = (o.n == 1 || o.held) && e.Next != nil && met(s, e.Next, a.un)
		o.endDate = s.date
		if o.n >= readBackSessions {
			break
		}
	}
	if o.n >= readBackSessions || a.today.DaysSince(e.Opened) >= readBackDays {
		o.ended = true
		if o.n < readBackSessions {
			o.endDate = e.Opened.AddDays(readBackDays)
		}
	}
	o.rdNow = a.rd.state
	o.rdThen = a.shared.readiness(a.h, e.Opened).state
	o.good = o.n > 0 && (o.best > e.Baseline+eps || o.held) && recoveryRank(o.rdNow) <= recoveryRank(o.rdThen)
	return o
}

// experimentsOf finds the lift's experiments in what the lifter did
// (engine-rules section 5): each deload week started on or before today (a
// skipped one is no deload), for a lift with comparable sessions before it;
// and each session of the last 28 days that followed the lever of the PUSH
// the engine would have given the day before it. While one push is being
// read back, sessions that follow the next push open none, so a lifter
// adding 2.5 kg a session has one push read back at a time.
func experimentsOf(a *advice) []Experiment {
	var out []Experiment
	for _, d := range a.h.Deloads {
		if d.Skipped || d.Start > a.today {
			continue
		}
		if b := a.before(d.Start).best(); b > 0 {
			out = append(out, Experiment{Lift: a.lift, Opened: d.Start, Kind: Deload, Baseline: b})
		}
	}
	from := a.today.AddDays(-2 * readBackDays)
	var open *Experiment
	for i := range a.ss {
		s := &a.ss[i]
		if s.date < from || s.score <= 0 || s.inDeload {
			continue
		}
		if open != nil && !pushEnded(a, *open, s.date) {
			continue
		}
		prior := a.before(s.date)
		prior.quiet = true
		v := prior.decide()
		if v.Kind != Push || v.Next == nil || !follows(s, v.Next, a.un) {
			continue
		}
		out = append(out, Experiment{Lift: a.lift, Opened: s.date, Kind: Push, Lever: v.Next.Lever, Baseline: prior.best(), Next: v.Next})
		open = &out[len(out)-1]
	}
	return out
}

// before is the lift's advice as of the day before d, on its sessions up to
// then (a prefix of a's).
func (a *advice) before(d Date) *advice {
	n := sort.Search(len(a.ss), func(i int) bool { return a.ss[i].date >= d })
	return newAdviceOn(a.h, a.p, a.lift, d.AddDays(-1), a.ss[:n:n], a.shared)
}

// pushEnded reports whether push e was fully read back before day d: two
// scored sessions from its opening on, or 14 days.
func pushEnded(a *advice, e Experiment, d Date) bool {
	if d.DaysSince(e.Opened) >= readBackDays {
		return true
	}
	n := 0
	for i := range a.ss {
		if s := &a.ss[i]; s.date >= e.Opened && s.date < d && s.score > 0 && !s.inDeload {
			n++
		}
	}
	return n >= readBackSessions
}

// follows reports whether session s did what n prescribed: the top set at
// the load (within half an increment) and reps, and the sets when the lever
// was sets.
func follows(s *session, n *Next, un units) bool {
	if un.load(s.top.Load) < n.Load-un.inc/2 || s.top.Reps < n.Reps {
		return false
	}
	if n.Lever == "sets" {
		if n.Backoff != nil {
			return s.backoffN >= n.Backoff.Sets
		}
		return s.topN() >= n.Sets
	}
	return true
}

// met reports a session that did what n prescribed at its effort: followed
// it, with the top set no harder than one rep under the target RIR (RIR is
// accurate to about a rep) or no effort logged. A double-progression load
// step is met by doing the new load at the bottom of the range: its e1RM
// reads lower than the last set at the old load, by design.
func met(s *session, n *Next, un units) bool {
	if !follows(s, n, un) {
		return false
	}
	rir, ok := effort(s.top)
	return !ok || rir >= n.RIR-1-eps
}

// readBack returns the read-back lines for the lift's experiments: each
// running one, and each that ended in the last 14 days with its outcome, and
// the running experiments themselves.
func readBack(a *advice) ([]ReadBack, []Experiment) {
	es := experimentsOf(a)
	if len(es) == 0 {
		return nil, nil
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].Opened < es[j].Opened })
	var lines []ReadBack
	var running []Experiment
	var lastPushFailed bool
	for _, e := range es {
		o := readOne(a, e)
		if !o.ended {
			running = append(running, e)
			lines = append(lines, a.running(o))
			continue
		}
		recent := a.today.DaysSince(o.endDate) < readBackDays
		if recent {
			lines = append(lines, a.outcome(o))
		}
		if e.Kind == Push {
			lastPushFailed = !o.good
		} else {
			if recent && !o.good && lastPushFailed {
				lines = append(lines, ReadBack{Kind: ReadBackNeither, Lift: a.lift})
			}
			lastPushFailed = false
		}
	}
	return lines, running
}

// running is the read-back line of a running experiment.
func (a *advice) running(o outcome) ReadBack {
	e := o.e
	rb := ReadBack{Kind: ReadBackRunning, Lift: a.lift, Exp: e.Kind, Lever: e.Lever, Opened: e.Opened,
		Baseline: a.un.fromKg(e.Baseline)}
	if e.Kind == Deload {
		rb.End = o.endDate
	} else {
		rb.N, rb.Of = o.n, readBackSessions
	}
	return rb
}

// outcome is the read-back line of an experiment that ended.
func (a *advice) outcome(o outcome) ReadBack {
	e := o.e
	rb := ReadBack{Kind: ReadBackOutcome, Lift: a.lift, Exp: e.Kind, Lever: e.Lever, Opened: e.Opened,
		Best: a.un.fromKg(o.best), Baseline: a.un.fromKg(e.Baseline), RecoveryThen: o.rdThen, RecoveryNow: o.rdNow}
	switch {
	case e.Kind == Deload && o.good:
		rb.Outcome = OutcomeRebound
	case e.Kind == Deload:
		rb.Outcome = OutcomeNoRebound
	case o.n == 0:
		rb.Outcome = OutcomeNoSession
	case o.good && o.best <= e.Baseline+eps:
		rb.Outcome = OutcomeHeld
	case o.good:
		rb.Outcome = OutcomeWorked
	case o.best > e.Baseline+eps:
		rb.Outcome = OutcomeRecoveryWorse
	default:
		rb.Outcome = OutcomeNoGain
	}
	return rb
}
