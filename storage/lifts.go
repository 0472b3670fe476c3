package storage

import (
	"fmt"

	"gorm.io/gorm/clause"

	"github.com/spotterbot/spotter/bot"
)

// liftAliasRow is a short name that logs one of the user's lifts (/lift alias).
type liftAliasRow struct {
	ID     int64  `gorm:"primaryKey"`
	UserID int64  `gorm:"not null;uniqueIndex:idx_lift_alias,priority:1"`
	Alias  string `gorm:"size:64;not null;uniqueIndex:idx_lift_alias,priority:2"`
	Lift   string `gorm:"size:64;not null"`
}

func (liftAliasRow) TableName() string { return "lift_aliases" }

// liftSettingRow is what the user declared of one lift: its class (/lift
// kind) and the lift it is a variation of (/lift variation).
type liftSettingRow struct {
	ID     int64  `gorm:"primaryKey"`
	UserID int64  `gorm:"not null;uniqueIndex:idx_lift_setting,priority:1"`
	Lift   string `gorm:"size:64;not null;uniqueIndex:idx_lift_setting,priority:2"`
	Kind   string `gorm:"size:24"`
	Base   string `gorm:"size:64"`
}

func (liftSettingRow) TableName() string { return "lift_settings" }

func (t *tx) LiftNotes(userID int64) (bot.LiftNotes, error) {
	n := bot.LiftNotes{Aliases: map[string]string{}, Kinds: map[string]string{}, Bases: map[string]string{}}
	var as []liftAliasRow
	if err := t.db.Where("user_id = ?", userID).Find(&as).Error; err != nil {
		return n, fmt.Errorf("aliases: %w", err)
	}
	for _, a := range as {
		n.Aliases[a.Alias] = a.Lift
	}
	var ss []liftSettingRow
	if err := t.db.Where("user_id = ?", userID).Find(&ss).Error; err != nil {
		return n, fmt.Errorf("lift settings: %w", err)
	}
	for _, s := range ss {
		if s.Kind != "" {
			n.Kinds[s.Lift] = s.Kind
		}
		if s.Base != "" {
			n.Bases[s.Lift] = s.Base
		}
	}
	return n, nil
}

func (t *tx) LiftCounts(userID int64) ([]bot.LiftCount, error) {
	var rows []struct {
		Lift string
		N    int
	}
	if err := t.db.Model(&setRow{}).Select("lift, count(*) AS n").Where("user_id = ?", userID).Group("lift").Order("n DESC, lift").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]bot.LiftCount, len(rows))
	for i, r := range rows {
		out[i] = bot.LiftCount{Lift: r.Lift, Sets: r.N}
	}
	return out, nil
}

func (t *tx) Alias(userID int64, alias string) (string, error) {
	var r liftAliasRow
	if err := t.db.Where("user_id = ? AND alias = ?", userID, alias).Take(&r).Error; err != nil {
		return "", notFound(err)
	}
	return r.Lift, nil
}

func (t *tx) PutAlias(userID int64, alias, lift string) error {
	return t.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}, {Name: "alias"}},
		DoUpdates: clause.AssignmentColumns([]string{"lift"}),
	}).Create(&liftAliasRow{UserID: userID, Alias: alias, Lift: lift}).Error
}

func (t *tx) DeleteAlias(userID int64, alias string) (bool, error) {
	res := t.db.Where("user_id = ? AND alias = ?", userID, alias).Delete(&liftAliasRow{})
	return res.RowsAffected > 0, res.Error
}

func (t *tx) SetLiftKind(userID int64, lift, kind string) error {
	return t.putSetting(liftSettingRow{UserID: userID, Lift: lift, Kind: kind}, "kind")
}

func (t *tx) SetLiftBase(userID int64, lift, base string) error {
	return t.putSetting(liftSettingRow{UserID: userID, Lift: lift, Base: base}, "base")
}

// putSetting upserts one column of a lift's settings and drops a row left
// with nothing in it.
func (t *tx) putSetting(row liftSettingRow, column string) error {
	if err := t.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}, {Name: "lift"}},
		DoUpdates: clause.AssignmentColumns([]string{column}),
	}).Create(&row).Error; err != nil {
		return err
	}
	return t.db.Where("user_id = ? AND lift = ? AND (kind IS NULL OR kind = '') AND (base IS NULL OR base = '')", row.UserID, row.Lift).
		Delete(&liftSettingRow{}).Error
}

func (t *tx) MoveLift(userID int64, from, to string) (bot.LiftMove, error) {
	var m bot.LiftMove
	res := t.db.Model(&setRow{}).Where("user_id = ? AND lift = ?", userID, from).Update("lift", to)
	if res.Error != nil {
		return m, fmt.Errorf("move sets: %w", res.Error)
	}
	m.Sets = int(res.RowsAffected)
	res = t.db.Model(&entryRow{}).Where("user_id = ? AND lift = ?", userID, from).Update("lift", to)
	if res.Error != nil {
		return m, fmt.Errorf("move entries: %w", res.Error)
	}
	m.Entries = int(res.RowsAffected)
	var err error
	if m.Range, err = t.moveKeyed(&liftRangeRow{}, userID, from, to); err != nil {
		return m, fmt.Errorf("move rep range: %w", err)
	}
	if m.Setting, err = t.moveKeyed(&liftSettingRow{}, userID, from, to); err != nil {
		return m, fmt.Errorf("move lift settings: %w", err)
	}
	// A variation of from is now one of to; to is no variation of itself.
	if err := t.db.Model(&liftSettingRow{}).Where("user_id = ? AND base = ?", userID, from).Update("base", to).Error; err != nil {
		return m, fmt.Errorf("move variations: %w", err)
	}
	if err := t.db.Model(&liftSettingRow{}).Where("user_id = ? AND lift = ? AND base = ?", userID, to, to).Update("base", "").Error; err != nil {
		return m, fmt.Errorf("move variations: %w", err)
	}
	if err := t.db.Where("user_id = ? AND lift = ? AND (kind IS NULL OR kind = '') AND (base IS NULL OR base = '')", userID, to).
		Delete(&liftSettingRow{}).Error; err != nil {
		return m, fmt.Errorf("move variations: %w", err)
	}
	res = t.db.Model(&liftAliasRow{}).Where("user_id = ? AND lift = ?", userID, from).Update("lift", to)
	if res.Error != nil {
		return m, fmt.Errorf("move aliases: %w", res.Error)
	}
	m.Aliases = int(res.RowsAffected)
	return m, nil
}

// moveKeyed moves the user's row of a table keyed by (user, lift) from one
// lift to another, unless the other has its own: then from's is dropped.
func (t *tx) moveKeyed(model any, userID int64, from, to string) (string, error) {
	var n int64
	if err := t.db.Model(model).Where("user_id = ? AND lift = ?", userID, from).Count(&n).Error; err != nil || n == 0 {
		return "", err
	}
	var theirs int64
	if err := t.db.Model(model).Where("user_id = ? AND lift = ?", userID, to).Count(&theirs).Error; err != nil {
		return "", err
	}
	if theirs > 0 {
		return "dropped", t.db.Where("user_id = ? AND lift = ?", userID, from).Delete(model).Error
	}
	return "moved", t.db.Model(model).Where("user_id = ? AND lift = ?", userID, from).Update("lift", to).Error
}
