package engine

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
)

// The planned-deload clock (engine-rules sections 3 and 7): where the count
// of weeks starts (a deload, a skip, a break, a light week, the first log,
// the window read) and whether a planned deload is due.

// deloadInterval is the planned-deload interval in weeks, 0 for none. A
// user's setting is clamped to 3-12 weeks; unset, beginners get none (seed
// 003: reactive deloads only), advanced lifters 5 and everyone else
// (intermediate, or no level given) 6.
func deloadInterval(p Profile) int {
	if p.DeloadEvery > 0 {
		return min(max(p.DeloadEvery, deloadEveryMin), deloadEveryMax)
	}
	switch p.Level {
	case Beginner:
		return 0
	case Advanced:
		return advancedEvery
	}
	return intermediateEvery
}

// Breaks and light weeks of engine-rules section 7: both count as a deload
// for the planned-deload clock.
const (
	breakDays      = 7   // this many days in a row with no training at all
	lightWeekShare = 0.5 // a week with at most this share of the sets of...
	lightWeekRef   = 4   // ...an average week of the 4 before it
	lightWeekLoad  = 0.8 // or top loads at most this share of the 4 weeks before (a deload that keeps the sets)
)

// anchor is where the planned-deload count starts, and why.
type anchor struct {
	Anchor
	running bool // a break runs today: the count starts again at the next session
}

// before reports a count that starts at the window's first day: at least this long.
func (a anchor) before() bool { return a.Kind == AnchorWindow }

// countFrom is the day the planned-deload count starts: the latest of the
// day after the last deload week or skip, the first training day after a
// break of 7+ days (today, while one runs), the Monday after a light week,
// and the first log; never before the window the caller read (History.From).
// ok is false with no data at all.
func countFrom(h History, p Profile, today Date, tl *trainingLog) (anchor, bool) {
	known := tl.days
	days := known[:sort.Search(len(known), func(i int) bool { return known[i].date > today })]
	// Sets before History.From hold each lift's last session before the
	// window (the caller's contract), so the latest of their days is the
	// last training day before it: a break across the window's start is
	// measured exactly. The days in between were not read.
	var before []trainingDay
	if h.From != 0 {
		k := 0
		for k < len(days) && days[k].date < h.From {
			k++
		}
		if k > 0 {
			before = days[k-1 : k]
		}
		days = days[k:]
	}
	var a anchor
	ok := false
	take := func(w Anchor, running bool) {
		if !ok || w.From > a.From {
			a, ok = anchor{Anchor: w, running: running}, true
		}
	}
	switch {
	case h.From != 0 && (p.FirstLog != 0 && p.FirstLog < h.From || len(before) > 0):
		a, ok = anchor{Anchor: Anchor{Kind: AnchorWindow, From: h.From}}, true
	case p.FirstLog != 0:
		take(Anchor{Kind: AnchorFirstLog, From: p.FirstLog}, false)
	case len(days) > 0:
		take(Anchor{Kind: AnchorFirstLog, From: days[0].date}, false)
	}
	if last := lastAnchor(h, today); last != nil {
		kind := AnchorDeload
		if last.Skipped {
			kind = AnchorSkip
		}
		take(Anchor{Kind: kind, From: last.End + 1}, false)
	}
	all := append(before[:len(before):len(before)], days...)
	var breakFrom, breakTo Date // the last break's days off
	for k := 1; k < len(all); k++ {
		if gap := all[k].date.DaysSince(all[k-1].date) - 1; gap >= breakDays {
			take(Anchor{Kind: AnchorBreak, From: all[k].date, Days: gap}, false)
			breakFrom, breakTo = all[k-1].date+1, all[k].date-1
		}
	}
	switch n := len(all); {
	case n > 0:
		if gap := today.DaysSince(all[n-1].date); gap > breakDays {
			take(Anchor{Kind: AnchorBreakRunning, From: today, Since: all[n-1].date}, true)
		}
	case ok && a.before():
		take(Anchor{Kind: AnchorBreakRunning, From: today, Since: h.From, Before: true}, true)
	}
	// A week made light by a break is that break, not a second deload.
	if lw, found := lastLightWeek(h, days, tl, today); found && (breakTo < lw.monday || breakFrom > lw.monday.AddDays(6)) {
		take(lw.anchor(), false)
	}
	return a, ok
}

// trainingDay is one day's count of sets (warm-ups aside), all lifts.
type trainingDay struct {
	date Date
	sets int
}

// trainingLog is the history's training days, its working sets per week
// (Monday to Sunday, keyed by the Monday) and each lift's top load in kg per
// week.
type trainingLog struct {
	days  []trainingDay
	weeks map[Date]int
	tops  map[Date]map[string]float64
}

// trainingLogOf reads h's sessions once. A day's count is of working sets
// as a session reads them: marked warm-ups and unmarked ramp-ups left out,
// so a light week of half the work sets reads as one however many ramp-ups
// come before them.
func trainingLogOf(h History) *trainingLog {
	tl := &trainingLog{weeks: map[Date]int{}, tops: map[Date]map[string]float64{}}
	sets := make([]*Set, 0, len(h.Sets))
	for i := range h.Sets {
		if h.Sets[i].Kind != Warmup {
			sets = append(sets, &h.Sets[i])
		}
	}
	slices.SortFunc(sets, func(a, b *Set) int {
		if c := cmp.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.Lift, b.Lift); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	for i := 0; i < len(sets); {
		j := i
		for j < len(sets) && sets[j].Date == sets[i].Date && sets[j].Lift == sets[i].Lift {
			j++
		}
		d, lift := sets[i].Date, sets[i].Lift
		s := newSession(sets[i:j:j], nil, 0)
		if k := len(tl.days) - 1; k >= 0 && tl.days[k].date == d {
			tl.days[k].sets += s.working
		} else {
			tl.days = append(tl.days, trainingDay{d, s.working})
		}
		w := monday(d)
		tl.weeks[w] += s.working
		if top := s.top.Load.Kg(); s.working > 0 && top > 0 {
			if tl.tops[w] == nil {
				tl.tops[w] = map[string]float64{}
			}
			tl.tops[w][lift] = max(tl.tops[w][lift], top)
		}
		i = j
	}
	return tl
}

// monday is the Monday of d's week.
func monday(d Date) Date { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }

// lightWeek is a week that counts as a deload.
type lightWeek struct {
	monday Date
	sets   int     // working sets in it
	ref    float64 // average working sets a week in the four before it
	load   float64 // median share of its lifts' top loads vs their best in the four weeks before; 0 when not read
}

// anchor is the count's start after the light week: the Monday after it.
func (l lightWeek) anchor() Anchor {
	a := Anchor{Kind: AnchorLightSets, From: l.monday.AddDays(7), Monday: l.monday, Sets: l.sets, Ref: math.Round(l.ref)}
	if l.load > 0 && float64(l.sets) > l.ref*lightWeekShare+eps {
		a.Kind, a.Share = AnchorLightLoads, l.load
	}
	return a
}

// lastLightWeek finds the latest finished Monday-to-Sunday week holding at
// most half the working sets of an average week of the four before it, or
// (the intensity style of deload: sets kept, loads cut) whose top loads are
// at most 80% of the same lifts' best in the four weeks before (the median
// over its lifts), all five weeks inside the window read.
func lastLightWeek(h History, days []trainingDay, tl *trainingLog, today Date) (lightWeek, bool) {
	if len(days) == 0 {
		return lightWeek{}, false
	}
	first := days[0].date
	if h.From != 0 && h.From > first {
		first = h.From
	}
	for w := monday(today).AddDays(-7); w.AddDays(-7*lightWeekRef) >= first; w = w.AddDays(-7) {
		ref := 0
		for k := 1; k <= lightWeekRef; k++ {
			ref += tl.weeks[w.AddDays(-7*k)]
		}
		lw := lightWeek{monday: w, sets: tl.weeks[w], ref: float64(ref) / lightWeekRef}
		if lw.ref <= 0 {
			continue
		}
		var shares []float64
		for lift, top := range tl.tops[w] {
			best := 0.0
			for k := 1; k <= lightWeekRef; k++ {
				best = max(best, tl.tops[w.AddDays(-7*k)][lift])
			}
			if best > 0 {
				shares = append(shares, top/best)
			}
		}
		if len(shares) > 0 {
			sort.Float64s(shares)
			lw.load = shares[len(shares)/2]
		}
		if float64(lw.sets) <= lw.ref*lightWeekShare+eps || (lw.load > 0 && lw.load <= lightWeekLoad+eps) {
			return lw, true
		}
	}
	return lightWeek{}, false
}

// planState is the planned-deload arithmetic shared by Advise and Plan.
type planState struct {
	interval int
	anchor
	weeks int  // completed weeks since from
	next  Date // 0 when none
	due   bool
	known bool
}

// planOfDays is the planned-deload arithmetic on day today, from the
// history's training log (trainingLogOf), read once for every lift and day
// of a call (shared.plan).
func planOfDays(h History, p Profile, today Date, tl *trainingLog) planState {
	s := planState{interval: deloadInterval(p)}
	s.anchor, s.known = countFrom(h, p, today, tl)
	if !s.known {
		return s
	}
	if today >= s.From {
		s.weeks = today.DaysSince(s.From) / 7
	}
	if s.interval > 0 {
		s.next = s.From.AddDays(7 * s.interval)
		s.due = s.weeks >= s.interval && inDeloadWeek(h.Deloads, today) == nil
	}
	return s
}

// clock is the clock as the evidence of a verdict shows it.
func (s planState) clock() Clock {
	return Clock{Weeks: s.weeks, Interval: s.interval, Anchor: s.Anchor}
}
