package bot

import (
	"fmt"

	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/engine"
)

// importBodyAndNotes stores the body weights and notes of a Spotter export:
// a day the account already has a body weight for keeps its own, and a note
// the account already has (same day, lift and words) is not stored twice,
// so importing the same file again adds nothing. It returns how many of
// each it stored.
func importBodyAndNotes(r *request, res *workoutcsv.Result) (bws, notes int, err error) {
	if len(res.BodyWeights) > 0 {
		have, err := r.tx.BodyWeights(r.user.ID, allTime)
		if err != nil {
			return 0, 0, fmt.Errorf("body weights: %w", err)
		}
		days := map[engine.Date]bool{}
		for _, w := range have {
			days[w.Date] = true
		}
		for _, w := range res.BodyWeights {
			if days[w.Date] {
				continue
			}
			days[w.Date] = true // a file's own second weigh-in of a day is a duplicate too
			if err := r.tx.AddBodyWeight(r.user.ID, 0, w); err != nil {
				return 0, 0, err
			}
			bws++
		}
	}
	if len(res.SessionNotes) > 0 {
		lo, hi := res.SessionNotes[0].Date, res.SessionNotes[0].Date
		for _, n := range res.SessionNotes {
			lo, hi = min(lo, n.Date), max(hi, n.Date)
		}
		have, err := r.tx.Notes(r.user.ID, lo, hi)
		if err != nil {
			return 0, 0, fmt.Errorf("notes: %w", err)
		}
		seen := map[Note]bool{}
		for _, n := range have {
			seen[n] = true
		}
		for _, n := range res.SessionNotes {
			note := Note{Date: n.Date, Lift: n.Lift, Text: n.Text}
			if seen[note] {
				continue
			}
			seen[note] = true
			if err := r.tx.AddNote(r.user.ID, 0, note); err != nil {
				return 0, 0, err
			}
			notes++
		}
	}
	return bws, notes, nil
}

// exportNotes reads every note of the user for /export.
func exportNotes(r *request) ([]workoutcsv.Note, error) {
	ns, err := r.tx.Notes(r.user.ID, allTime, r.today.AddDays(1))
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	out := make([]workoutcsv.Note, len(ns))
	for i, n := range ns {
		out[i] = workoutcsv.Note{Date: n.Date, Lift: n.Lift, Text: n.Text}
	}
	return out, nil
}
