package storage

import (
	"fmt"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// bodyWeightRow is one weigh-in. A day may have several (a correction sent
// later, a /checkin bw after a /bw): the last is the day's, and /undo of it
// (deleting its entry's rows) brings back the one before.
type bodyWeightRow struct {
	ID          int64  `gorm:"primaryKey"`
	UserID      int64  `gorm:"not null;index:idx_body_weights_user_date,priority:1"`
	EntryID     int64  `gorm:"not null;index"`
	Date        int32  `gorm:"not null;index:idx_body_weights_user_date,priority:2"`
	WeightMilli int64  `gorm:"not null"`
	Unit        string `gorm:"size:2;not null"`
	CreatedAt   time.Time
}

func (bodyWeightRow) TableName() string { return "body_weights" }

// noteRow is a lifter's note on a session (Lift set) or a day.
type noteRow struct {
	ID        int64  `gorm:"primaryKey"`
	UserID    int64  `gorm:"not null;index:idx_notes_user_date,priority:1"`
	EntryID   int64  `gorm:"not null;index"`
	Date      int32  `gorm:"not null;index:idx_notes_user_date,priority:2"`
	Lift      string `gorm:"size:64"`
	Text      string `gorm:"not null"`
	CreatedAt time.Time
}

func (noteRow) TableName() string { return "notes" }

func (t *tx) AddBodyWeight(userID, entryID int64, bw engine.BodyWeight) error {
	row := bodyWeightRow{UserID: userID, EntryID: entryID, Date: int32(bw.Date), WeightMilli: bw.Weight.Milli,
		Unit: string(bw.Weight.Unit), CreatedAt: time.Now().UTC()}
	if err := t.db.Create(&row).Error; err != nil {
		return fmt.Errorf("add body weight: %w", err)
	}
	return nil
}

func (t *tx) BodyWeights(userID int64, from engine.Date) ([]engine.BodyWeight, error) {
	var before []bodyWeightRow
	if err := t.db.Where("user_id = ? AND date < ?", userID, int32(from)).Order("date DESC, id DESC").Limit(1).Find(&before).Error; err != nil {
		return nil, fmt.Errorf("body weight before %s: %w", from, err)
	}
	var rows []bodyWeightRow
	if err := t.db.Where("user_id = ? AND date >= ?", userID, int32(from)).Order("date, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("body weights: %w", err)
	}
	rows = append(before, rows...)
	out := make([]engine.BodyWeight, 0, len(rows))
	for _, r := range rows {
		bw := engine.BodyWeight{Date: engine.Date(r.Date), Weight: engine.Load{Milli: r.WeightMilli, Unit: engine.Unit(r.Unit)}}
		if n := len(out); n > 0 && out[n-1].Date == bw.Date {
			out[n-1] = bw // the day's last wins
			continue
		}
		out = append(out, bw)
	}
	return out, nil
}

func (t *tx) AddNote(userID, entryID int64, n bot.Note) error {
	row := noteRow{UserID: userID, EntryID: entryID, Date: int32(n.Date), Lift: n.Lift, Text: n.Text, CreatedAt: time.Now().UTC()}
	if err := t.db.Create(&row).Error; err != nil {
		return fmt.Errorf("add note: %w", err)
	}
	return nil
}

func (t *tx) Notes(userID int64, from, to engine.Date) ([]bot.Note, error) {
	var rows []noteRow
	if err := t.db.Where("user_id = ? AND date >= ? AND date <= ?", userID, int32(from), int32(to)).Order("date, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	out := make([]bot.Note, len(rows))
	for i, r := range rows {
		out[i] = bot.Note{Date: engine.Date(r.Date), Lift: r.Lift, Text: r.Text}
	}
	return out, nil
}

// deleteEntryExtras removes the weigh-ins and notes an entry stored.
func (t *tx) deleteEntryExtras(userID, entryID int64) error {
	if err := t.db.Where("user_id = ? AND entry_id = ?", userID, entryID).Delete(&bodyWeightRow{}).Error; err != nil {
		return fmt.Errorf("delete body weights: %w", err)
	}
	if err := t.db.Where("user_id = ? AND entry_id = ?", userID, entryID).Delete(&noteRow{}).Error; err != nil {
		return fmt.Errorf("delete notes: %w", err)
	}
	return nil
}

func (t *tx) LastSessionOn(userID int64, day engine.Date) (string, error) {
	var r entryRow
	err := t.db.Where("user_id = ? AND kind = ? AND date = ?", userID, string(bot.EntrySets), int32(day)).Order("created_at DESC, id DESC").Take(&r).Error
	if err != nil {
		return "", notFound(err)
	}
	return r.Lift, nil
}
