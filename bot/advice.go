package bot

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// advice answers /advice [LIFT]: the verdict on one lift with its numbers,
// or a line per lift trained in the window (the words: advicetext.go).
func (b *Bot) advice(r *request) (Reply, error) {
	lift := ""
	if strings.TrimSpace(r.args) != "" {
		var err error
		if lift, err = resolveLift(r, r.args); err != nil {
			return Reply{}, err
		}
	}
	// A deload prescribes every lift of the week, so read all lifts.
	h, p, err := r.window()
	if err != nil {
		return Reply{}, err
	}
	var verdicts []engine.Verdict
	if lift != "" {
		has, err := r.tx.HasLift(r.user.ID, lift)
		if err != nil {
			return Reply{}, fmt.Errorf("has lift: %w", err)
		}
		if !has {
			known, err := r.tx.Lifts(r.user.ID)
			if err != nil {
				return Reply{}, fmt.Errorf("lifts: %w", err)
			}
			msg := fmt.Sprintf("You have not logged %s yet.", lift)
			if len(known) > 0 {
				msg += " Your lifts: " + strings.Join(known, ", ") + "."
			}
			return Reply{}, &InputError{Problem: msg, Example: "/advice squat"}
		}
		verdicts = []engine.Verdict{engine.Advise(h, p, lift, r.today)}
	} else {
		verdicts = engine.AdviseAll(h, p, r.today)
		if len(verdicts) == 0 {
			return b.adviceAfterBreak(r, h, p)
		}
	}
	for _, v := range verdicts {
		b.log.Info("advice", "user", b.ids.Hash(r.msg.Identity), "lift", v.Lift, "verdict", string(v.Kind), "rule", string(v.Rule))
	}
	if lift != "" {
		rep := VerdictReply(verdicts[0])
		rep.Text += advicePlates(verdicts[0], r.user)
		return rep, nil
	}
	// The clock's words are wanted only for a whole-body deload's headline;
	// Plan also replays every lift's read-backs, so it is not read otherwise.
	var plan engine.PlanStatus
	if slices.ContainsFunc(verdicts, func(v engine.Verdict) bool { return v.WholeBody }) {
		plan = engine.Plan(h, p, r.today)
	}
	return AdviceReply(verdicts, plan, r.user.Units), nil
}

// adviceAfterBreak answers /advice when no lift was trained in the last 28
// days: a first-time user is shown how to start; one back from a break
// gets the way back of each lift of the last session (engine-rules section
// 7: a layoff ramps back from the last working load).
func (b *Bot) adviceAfterBreak(r *request, h engine.History, p engine.Profile) (Reply, error) {
	var last engine.Date
	for _, s := range h.Sets {
		last = max(last, s.Date)
	}
	if len(h.Sets) == 0 {
		return Reply{Text: "No lifts logged yet. Log a session first, e.g. /log squat 100x5 rir2"}, nil
	}
	var lifts []string
	for _, s := range h.Sets {
		if s.Date == last && !slices.Contains(lifts, s.Lift) {
			lifts = append(lifts, s.Lift)
		}
	}
	slices.Sort(lifts)
	vs := make([]engine.Verdict, len(lifts))
	for i, l := range lifts {
		vs[i] = engine.Advise(h, p, l, r.today)
		b.log.Info("advice", "user", b.ids.Hash(r.msg.Identity), "lift", l, "verdict", string(vs[i].Kind), "rule", string(vs[i].Rule))
	}
	rep := AdviceReply(vs, engine.PlanStatus{}, r.user.Units)
	rep.Text = fmt.Sprintf("Nothing logged in the last 28 days: your last session was on %s, %d days ago. Its lifts, each from a lighter load:\n\n",
		last, r.today.DaysSince(last)) + rep.Text
	return rep, nil
}
