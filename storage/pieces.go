package storage

import (
	"fmt"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// A piece is the sets of one entry, day and lift; its handle is its first
// set's id. /edit updates the rows in place and an undone /delete puts them
// back under their ids, so a handle the lifter saw keeps naming the same
// session.

func (t *tx) Pieces(userID int64, lift string, days []engine.Date) ([]bot.PieceRef, error) {
	if len(days) == 0 {
		return nil, nil
	}
	ds := make([]int32, len(days))
	for i, d := range days {
		ds[i] = int32(d)
	}
	q := t.db.Model(&setRow{}).Select("min(id) AS handle, date, lift").Where("user_id = ? AND date IN ?", userID, ds)
	if lift != "" {
		q = q.Where("lift = ?", lift)
	}
	var rows []struct {
		Handle int64
		Date   int32
		Lift   string
	}
	if err := q.Group("entry_id, date, lift").Order("handle").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]bot.PieceRef, len(rows))
	for i, r := range rows {
		out[i] = bot.PieceRef{Handle: r.Handle, Date: engine.Date(r.Date), Lift: r.Lift}
	}
	return out, nil
}

func (t *tx) Piece(userID, handle int64) (bot.Piece, error) {
	var first setRow
	if err := t.db.Where("user_id = ? AND id = ?", userID, handle).Take(&first).Error; err != nil {
		return bot.Piece{}, notFound(err)
	}
	var rows []setRow
	if err := t.db.Where("user_id = ? AND entry_id = ? AND date = ? AND lift = ?", userID, first.EntryID, first.Date, first.Lift).
		Order("id").Find(&rows).Error; err != nil {
		return bot.Piece{}, err
	}
	// The handle is the piece's first set: a later set of a piece is no handle.
	if len(rows) == 0 || rows[0].ID != handle {
		return bot.Piece{}, bot.ErrNotFound
	}
	p := bot.Piece{Handle: handle, EntryID: first.EntryID, Date: engine.Date(first.Date), Lift: first.Lift}
	for _, r := range rows {
		p.IDs = append(p.IDs, r.ID)
		p.Sets = append(p.Sets, toSet(r))
	}
	return p, nil
}

func (t *tx) ReplacePiece(userID int64, p bot.Piece, sets []engine.Set) error {
	for i, s := range sets {
		row := fromSet(userID, p.EntryID, s)
		if i < len(p.IDs) {
			row.ID = p.IDs[i]
			// Every column but the import key: a re-import still finds the row.
			if err := t.db.Model(&setRow{}).Where("user_id = ? AND id = ?", userID, row.ID).
				Select("lift", "date", "seq", "load_milli", "load_unit", "load_kg", "bodyweight", "reps", "rir", "has_rir", "kind", "rest_sec", "tags").
				Updates(&row).Error; err != nil {
				return fmt.Errorf("update set %d: %w", row.ID, err)
			}
			continue
		}
		if err := t.db.Create(&row).Error; err != nil {
			return fmt.Errorf("add set: %w", err)
		}
	}
	if len(p.IDs) > len(sets) {
		if err := t.db.Where("user_id = ? AND id IN ?", userID, p.IDs[len(sets):]).Delete(&setRow{}).Error; err != nil {
			return fmt.Errorf("drop sets: %w", err)
		}
	}
	return nil
}

func (t *tx) DeletePiece(userID int64, p bot.Piece) (bool, error) {
	if err := t.db.Where("user_id = ? AND id IN ?", userID, p.IDs).Delete(&setRow{}).Error; err != nil {
		return false, fmt.Errorf("delete sets: %w", err)
	}
	var left int64
	if err := t.db.Model(&setRow{}).Where("user_id = ? AND entry_id = ?", userID, p.EntryID).Count(&left).Error; err != nil {
		return false, err
	}
	if left > 0 {
		return false, nil
	}
	res := t.db.Where("user_id = ? AND id = ? AND kind = ?", userID, p.EntryID, string(bot.EntrySets)).Delete(&entryRow{})
	return res.RowsAffected > 0, res.Error
}

func (t *tx) SetEntrySummary(userID, id int64, summary string) error {
	return t.db.Model(&entryRow{}).Where("user_id = ? AND id = ?", userID, id).Update("summary", summary).Error
}

func (t *tx) RestorePiece(userID int64, p bot.Piece, e *bot.Entry) error {
	if e != nil {
		row, err := entryRowOf(*e)
		if err != nil {
			return err
		}
		// The user restoring it, who may have linked accounts since.
		row.ID, row.UserID = e.ID, userID
		if err := t.db.Create(&row).Error; err != nil {
			return fmt.Errorf("restore entry: %w", err)
		}
	}
	for i, s := range p.Sets {
		row := fromSet(userID, p.EntryID, s)
		if i < len(p.IDs) {
			row.ID = p.IDs[i]
		}
		if err := t.db.Create(&row).Error; err != nil {
			return fmt.Errorf("restore set: %w", err)
		}
	}
	return nil
}
