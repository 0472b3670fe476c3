package bot

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/spotterbot/spotter/bot/words"
	"github.com/spotterbot/spotter/engine"
)

// /today answers "what do I do today?": the lifts the lifter trains on this
// weekday, each with the engine's next session, in one short message. A
// lift is "trained on this weekday" when it was logged on the same weekday
// in at least todayMinWeeks of the last todayWeeks weeks; when no lift is,
// the lifts of the most recent session stand in (a lifter without a fixed
// week does the next session of what they did last). /routine NAME shows a
// saved list of lifts the same way.
const (
	todayWeeks    = 4
	todayMinWeeks = 2
)

func (b *Bot) today(r *request) (Reply, error) {
	if name := strings.TrimSpace(r.args); name != "" {
		return b.showRoutine(r, strings.ToLower(name))
	}
	h, p, err := r.window()
	if err != nil {
		return Reply{}, err
	}
	lifts, why := todaysLifts(h.Sets, r.today)
	if len(lifts) == 0 {
		return Reply{Text: "Nothing logged yet, so I have no plan for today. Log your session as you train (/log squat 100x5 rir2); after a few weeks /today names your usual lifts for each weekday."}, nil
	}
	head := fmt.Sprintf("Today, %s %s: %s.", r.today.Weekday(), r.today, why)
	return Reply{Text: sessionPlan(head, lifts, h, p, r.today)}, nil
}

// todaysLifts picks today's lifts from sets (any order) and says why.
func todaysLifts(sets []engine.Set, today engine.Date) ([]string, string) {
	weeks := map[string]map[engine.Date]bool{}
	// The last session before today, or today's when it is the only one.
	var latest engine.Date
	found := false
	for _, s := range sets {
		if s.Date <= today && (!found || latest == today && s.Date < today || s.Date > latest && s.Date < today) {
			latest, found = s.Date, true
		}
		k := today.DaysSince(s.Date)
		if k <= 0 || k > 7*todayWeeks || k%7 != 0 {
			continue
		}
		if weeks[s.Lift] == nil {
			weeks[s.Lift] = map[engine.Date]bool{}
		}
		weeks[s.Lift][s.Date] = true
	}
	var lifts []string
	for l, days := range weeks {
		if len(days) >= todayMinWeeks {
			lifts = append(lifts, l)
		}
	}
	why := fmt.Sprintf("what you trained on %ss in the last %d weeks", today.Weekday(), todayWeeks)
	if len(lifts) == 0 {
		if !found {
			return nil, ""
		}
		why = fmt.Sprintf("no lift of yours is a %s habit yet, so your last session (%s) again", today.Weekday(), latest)
		if latest == today {
			why = fmt.Sprintf("no lift of yours is a %s habit yet, so today's session so far", today.Weekday())
		}
		for _, s := range sets {
			if s.Date == latest && !slices.Contains(lifts, s.Lift) {
				lifts = append(lifts, s.Lift)
			}
		}
	}
	sort.Strings(lifts) // as /advice lists them
	return lifts, why
}

// sessionPlan is head, the readiness and a whole-body deload once, and one
// line per lift with its next session (as /advice writes it).
func sessionPlan(head string, lifts []string, h engine.History, p engine.Profile, today engine.Date) string {
	vs := make([]engine.Verdict, len(lifts))
	for i, l := range lifts {
		vs[i] = engine.Advise(h, p, l, today)
	}
	lines := []string{head}
	// Readiness is the lifter's, not a lift's: the first verdict that says it
	// (a lift with nothing logged in the window says none).
	for _, v := range vs {
		if ready := words.Readiness(v); ready != "" {
			lines = append(lines, strings.ToUpper(ready[:1])+ready[1:]+".")
			break
		}
	}
	var plan engine.PlanStatus
	if slices.ContainsFunc(vs, func(v engine.Verdict) bool { return v.WholeBody }) {
		plan = engine.Plan(h, p, today)
	}
	if line := deloadHeadline(vs, plan); line != "" {
		lines = append(lines, line)
	}
	for _, v := range vs {
		lines = append(lines, "- "+nextLine(v, p.Units))
	}
	lines = append(lines, "Why, per lift: /advice LIFT.")
	return strings.Join(lines, "\n")
}

// nextLine is one lift's next session: "squat: 3x5 at 117.5 kg, RIR 2
// (PUSH)", or why there is none yet.
func nextLine(v engine.Verdict, u engine.Unit) string {
	n := v.Next
	if n == nil {
		return fmt.Sprintf("%s: %s (%s)", v.Lift, words.Reason(v.Reason), v.Kind)
	}
	s := v.Lift + ": " + shortNext(n, u)
	if n.Lever == "deload" {
		s = v.Lift + ": deload, " + shortNext(n, u)
	}
	if n.RIR > 0 {
		s += ", RIR " + engine.FormatNumber(n.RIR)
	}
	return s + " (" + string(v.Kind) + ")"
}
