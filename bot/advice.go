package bot

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// window loads the bounded history the engine reads for day today.
func (r *request) window(lift string) (engine.History, engine.Profile, error) {
	h, err := readWindow(r.tx, r.user.ID, lift, r.today)
	if err != nil {
		return h, engine.Profile{}, err
	}
	p, err := loadProfile(r.tx, r.user)
	return h, p, err
}

// windowTx is what readWindow reads.
type windowTx interface {
	History(userID int64, lift string, from, checkinsFrom engine.Date) (engine.History, error)
	LastSessionsBefore(userID int64, before engine.Date) ([]engine.Set, error)
}

// readWindow is the engine's bounded history for day today: 12 weeks of
// sets, the check-ins of the baseline window, and each lift's last session
// before the 12 weeks, so a lift back after a long layoff is seen as
// returning (engine-rules section 7) rather than as new.
func readWindow(tx windowTx, userID int64, lift string, today engine.Date) (engine.History, error) {
	from := today.AddDays(-7 * historyWeeks)
	h, err := tx.History(userID, lift, from, today.AddDays(-baselineDays))
	if err != nil {
		return h, fmt.Errorf("history: %w", err)
	}
	old, err := tx.LastSessionsBefore(userID, from)
	if err != nil {
		return h, fmt.Errorf("history: %w", err)
	}
	if lift != "" {
		old = slices.DeleteFunc(old, func(s engine.Set) bool { return s.Lift != lift })
	}
	if len(old) > 0 {
		h.Sets = append(old, h.Sets...)
	}
	return h, nil
}

func (b *Bot) advice(r *request) (Reply, error) {
	lift := ""
	if strings.TrimSpace(r.args) != "" {
		lift = engine.CanonicalLift(r.args)
	}
	// A deload prescribes every lift of the week, so read all lifts.
	h, p, err := r.window("")
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
			return Reply{Text: "No lifts logged in the last 28 days. Log a session first, e.g. /log squat 100x5 rir2"}, nil
		}
	}
	for _, v := range verdicts {
		b.log.Info("advice", "user", b.ids.Hash(r.msg.Identity), "lift", v.Lift, "verdict", string(v.Kind), "rule", string(v.Rule))
	}
	if lift != "" {
		return Reply{Text: renderVerdict(verdicts[0]), Keep: true}, nil
	}
	return adviceSummary(verdicts, engine.Plan(h, p, r.today), r.user.Units), nil
}

func (b *Bot) plan(r *request) (Reply, error) {
	h, p, err := r.window("")
	if err != nil {
		return Reply{}, err
	}
	st := engine.Plan(h, p, r.today)
	if len(st.Lines) == 0 {
		return Reply{Text: "Nothing planned yet: log some sessions first."}, nil
	}
	return Reply{Text: strings.Join(st.Lines, "\n")}, nil
}

const deloadExample = "/deload now"

func (b *Bot) deload(r *request) (Reply, error) {
	h, p, err := r.window("")
	if err != nil {
		return Reply{}, err
	}
	st := engine.Plan(h, p, r.today)
	switch strings.ToLower(strings.TrimSpace(r.args)) {
	case "now", "start":
		if st.InDeload != nil {
			return Reply{Text: fmt.Sprintf("You are already in a deload week (%s to %s). End it early with /deload done.", st.InDeload.Start, st.InDeload.End)}, nil
		}
		lines := engine.DeloadWeek(h, p, r.today)
		d := engine.DeloadPeriod{Start: r.today, End: r.today.AddDays(6), Planned: st.Due}
		if err := r.tx.AddDeload(r.user.ID, d); err != nil {
			return Reply{}, fmt.Errorf("add deload: %w", err)
		}
		if _, err := r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryDeload, Date: d.Start, Summary: fmt.Sprintf("the deload week starting %s", d.Start), Created: r.msg.ReceivedAt}); err != nil {
			return Reply{}, fmt.Errorf("add entry: %w", err)
		}
		text := fmt.Sprintf("Deload week started: %s to %s.", d.Start, d.End)
		if len(lines) == 0 {
			text += "\nNo lifts in the last 7 days to prescribe from: keep your training days, about half the sets at 70% of your usual loads, RIR 4 or more."
		} else {
			text += "\n" + strings.Join(lines, "\n")
		}
		return Reply{Text: text}, nil
	case "done", "end", "stop":
		if st.InDeload == nil {
			return Reply{Text: "You are not in a deload week. Start one with /deload now."}, nil
		}
		// Done means today is a normal training day again: the deload ends
		// yesterday, and one ended on the day it started never happened.
		d := *st.InDeload
		d.End = r.today.AddDays(-1)
		var text string
		if d.End < d.Start {
			if err := r.tx.DeleteDeload(r.user.ID, d.Start, false); err != nil {
				return Reply{}, fmt.Errorf("delete deload: %w", err)
			}
			text = fmt.Sprintf("Deload of %s cancelled: it ended on the day it started, so it does not count.", d.Start)
		} else {
			if err := r.tx.UpdateDeload(r.user.ID, d.Start, d); err != nil {
				return Reply{}, fmt.Errorf("update deload: %w", err)
			}
			text = fmt.Sprintf("Deload ended: %s to %s. Today you are back to training.", d.Start, d.End)
		}
		h2, p2, err := r.window("")
		if err != nil {
			return Reply{}, err
		}
		if lines := engine.Plan(h2, p2, r.today).Lines; len(lines) > 0 {
			text += "\n" + strings.Join(lines, "\n")
		}
		return Reply{Text: text}, nil
	case "skip":
		if st.InDeload != nil {
			return Reply{Text: "You are in a deload week; end it early with /deload done."}, nil
		}
		if st.NextDeload == 0 {
			return Reply{Text: "No planned deload to skip: " + planNote(r.user)}, nil
		}
		if st.NextDeload > r.today.AddDays(7) {
			return Reply{Text: fmt.Sprintf("Your next planned deload is %s; you can skip it once it is within a week.", st.NextDeload)}, nil
		}
		if err := r.tx.AddDeload(r.user.ID, engine.DeloadPeriod{Start: r.today, End: r.today, Planned: true, Skipped: true}); err != nil {
			return Reply{}, fmt.Errorf("skip deload: %w", err)
		}
		if _, err := r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryDeload, Date: r.today, Lift: "skip", Summary: fmt.Sprintf("the skip of the planned deload of %s", st.NextDeload), Created: r.msg.ReceivedAt}); err != nil {
			return Reply{}, fmt.Errorf("add entry: %w", err)
		}
		h2, p2, err := r.window("")
		if err != nil {
			return Reply{}, err
		}
		next := engine.Plan(h2, p2, r.today).NextDeload
		return Reply{Text: fmt.Sprintf("Skipped the planned deload of %s. Next one: %s. A reactive deload still comes if your log asks for one.", st.NextDeload, next)}, nil
	case "":
		return Reply{}, &InputError{Problem: "Say /deload now, /deload done or /deload skip.", Example: deloadExample}
	default:
		return Reply{}, badToken(r.args, "say now, done or skip.", deloadExample)
	}
}

func planNote(u User) string {
	if u.Level == engine.Beginner && u.DeloadEvery == 0 {
		return "beginners deload when the log asks for it, not on a calendar (set one with /settings deload every 6w)."
	}
	return "see /plan."
}

func (b *Bot) undo(r *request) (Reply, error) {
	var e Entry
	var err error
	if a := strings.TrimSpace(r.args); a != "" {
		var id int64
		if _, serr := fmt.Sscanf(a, "%d", &id); serr != nil || fmt.Sprint(id) != a {
			return Reply{}, badToken(a, "undo takes nothing (the last entry) or an entry number from an Undo button.", "/undo")
		}
		e, err = r.tx.Entry(r.user.ID, id)
		if errors.Is(err, ErrNotFound) {
			return Reply{Text: "That entry is already gone."}, nil
		}
	} else {
		e, err = r.tx.LastEntry(r.user.ID)
		if errors.Is(err, ErrNotFound) {
			return Reply{Text: "Nothing to undo."}, nil
		}
	}
	if err != nil {
		return Reply{}, fmt.Errorf("entry: %w", err)
	}
	if e.Kind == EntryDeload {
		// Lift is "skip" for a skipped planned deload.
		if err := r.tx.DeleteDeload(r.user.ID, e.Date, e.Lift == "skip"); err != nil {
			return Reply{}, fmt.Errorf("delete deload: %w", err)
		}
	}
	if e.Kind == EntryCheckin {
		if e.Prev != nil {
			if err := r.tx.PutCheckin(r.user.ID, *e.Prev); err != nil {
				return Reply{}, fmt.Errorf("restore checkin: %w", err)
			}
		} else if err := r.tx.DeleteCheckin(r.user.ID, e.Date); err != nil && !errors.Is(err, ErrNotFound) {
			return Reply{}, fmt.Errorf("delete checkin: %w", err)
		}
	}
	if err := r.tx.DeleteEntry(r.user.ID, e.ID); err != nil {
		return Reply{}, fmt.Errorf("delete entry: %w", err)
	}
	return Reply{Text: "Removed " + e.Summary + "."}, nil
}

func (b *Bot) history(r *request) (Reply, error) {
	words := strings.Fields(r.args)
	n := 10
	if k := len(words); k > 0 {
		var v int
		if _, err := fmt.Sscanf(words[k-1], "%d", &v); err == nil && fmt.Sprint(v) == words[k-1] {
			if v < 1 || v > 100 {
				return Reply{}, badToken(words[k-1], "show 1 to 100 sessions.", "/history squat 5")
			}
			n = v
			words = words[:k-1]
		}
	}
	lift := ""
	if len(words) > 0 {
		lift = engine.CanonicalLift(strings.Join(words, " "))
	}
	days, err := r.tx.SessionDays(r.user.ID, lift, n)
	if err != nil {
		return Reply{}, fmt.Errorf("session days: %w", err)
	}
	if len(days) == 0 {
		if lift != "" {
			return Reply{Text: fmt.Sprintf("No %s sessions yet.", lift)}, nil
		}
		return Reply{Text: "Nothing logged yet. Try /log squat 100x5 rir2"}, nil
	}
	sets, err := r.tx.SetsOn(r.user.ID, lift, days)
	if err != nil {
		return Reply{}, fmt.Errorf("sets: %w", err)
	}
	type key struct {
		d    engine.Date
		lift string
	}
	var order []key
	by := map[key][]engine.Set{}
	for _, s := range sets {
		k := key{s.Date, s.Lift}
		if _, ok := by[k]; !ok {
			order = append(order, k)
		}
		by[k] = append(by[k], s)
	}
	var lines []string
	title := "Your last sessions"
	if lift != "" {
		title = "Your last " + lift + " sessions"
	}
	lines = append(lines, title+":")
	if len(order) > n {
		order = order[:n] // N sessions (a lift on a day), not N days of every lift
	}
	for _, k := range order {
		var best float64
		for _, s := range by[k] {
			if e, _ := engine.SetE1RM(s); e > best {
				best = e
			}
		}
		line := fmt.Sprintf("%s %s: %s", k.d, k.lift, shortSets(by[k], r.user.Units))
		if best > 0 {
			line += ", e1RM " + showE1RM(best, r.user.Units)
		}
		lines = append(lines, line)
	}
	return Reply{Text: strings.Join(lines, "\n")}, nil
}
