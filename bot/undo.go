package bot

import (
	"errors"
	"fmt"
	"strings"
)

// undo takes back the last entry, or the one an Undo button names.
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
	if e.Kind == EntryEdit || e.Kind == EntryDelete {
		return b.undoPiece(r, e)
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
