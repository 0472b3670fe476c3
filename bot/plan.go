package bot

import (
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/bot/words"
	"github.com/spotterbot/spotter/engine"
)

// plan answers /plan: the planned-deload clock, a running deload week, read-backs.
func (b *Bot) plan(r *request) (Reply, error) {
	h, p, err := r.window()
	if err != nil {
		return Reply{}, err
	}
	st := engine.Plan(h, p, r.today)
	if len(st.Lines) == 0 {
		return Reply{Text: "Nothing planned yet: log some sessions first."}, nil
	}
	return Reply{Text: strings.Join(words.Plan(st), "\n")}, nil
}

const deloadExample = "/deload now"

func (b *Bot) deload(r *request) (Reply, error) {
	h, p, err := r.window()
	if err != nil {
		return Reply{}, err
	}
	st := engine.Plan(h, p, r.today)
	switch strings.ToLower(strings.TrimSpace(r.args)) {
	case "now", "start":
		if st.InDeload != nil {
			return Reply{Text: fmt.Sprintf("You are already in a deload week (%s to %s). End it early with /deload done.", st.InDeload.Start, st.InDeload.End)}, nil
		}
		lines := words.DeloadWeek(engine.DeloadWeek(h, p, r.today), p.Units)
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
		h2, p2, err := r.window()
		if err != nil {
			return Reply{}, err
		}
		if lines := words.Plan(engine.Plan(h2, p2, r.today)); len(lines) > 0 {
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
		h2, p2, err := r.window()
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
