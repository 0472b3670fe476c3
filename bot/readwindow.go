package bot

import (
	"fmt"

	"github.com/spotterbot/spotter/engine"
)

// The engine's bounded window of a lifter's history: what /advice, /plan,
// /today, /routine, the nudges and /team status read (docs/design.md, flow 3).

// window loads the bounded history the engine reads for day today, and
// the profile.
func (r *request) window() (engine.History, engine.Profile, error) {
	h, err := readWindow(r.tx, r.user.ID, r.today)
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
func readWindow(tx windowTx, userID int64, today engine.Date) (engine.History, error) {
	from := today.AddDays(-7 * historyWeeks)
	h, err := tx.History(userID, "", from, today.AddDays(-baselineDays))
	if err != nil {
		return h, fmt.Errorf("history: %w", err)
	}
	old, err := tx.LastSessionsBefore(userID, from)
	if err != nil {
		return h, fmt.Errorf("history: %w", err)
	}
	if len(old) > 0 {
		h.Sets = append(old, h.Sets...)
	}
	return h, nil
}
