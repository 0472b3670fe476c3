package storage

import (
	"gorm.io/gorm/clause"

	"github.com/spotterbot/spotter/engine"
)

// liftRangeRow is a lifter's rep range for one lift (/settings range LIFT
// LO-HI): one row per user and canonical lift name.
type liftRangeRow struct {
	ID     int64  `gorm:"primaryKey"`
	UserID int64  `gorm:"not null;uniqueIndex:idx_lift_range,priority:1"`
	Lift   string `gorm:"size:64;not null;uniqueIndex:idx_lift_range,priority:2"`
	Lo     int    `gorm:"not null"`
	Hi     int    `gorm:"not null"`
}

func (liftRangeRow) TableName() string { return "lift_ranges" }

func (t *tx) Ranges(userID int64) (map[string]engine.RepRange, error) {
	var rows []liftRangeRow
	if err := t.db.Where("user_id = ?", userID).Order("lift").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]engine.RepRange, len(rows))
	for _, r := range rows {
		out[r.Lift] = engine.RepRange{Lo: r.Lo, Hi: r.Hi}
	}
	return out, nil
}

func (t *tx) PutRange(userID int64, lift string, r engine.RepRange) error {
	row := liftRangeRow{UserID: userID, Lift: lift, Lo: r.Lo, Hi: r.Hi}
	return t.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}, {Name: "lift"}},
		DoUpdates: clause.AssignmentColumns([]string{"lo", "hi"}),
	}).Create(&row).Error
}

func (t *tx) DeleteRange(userID int64, lift string) (bool, error) {
	res := t.db.Where("user_id = ? AND lift = ?", userID, lift).Delete(&liftRangeRow{})
	return res.RowsAffected > 0, res.Error
}
