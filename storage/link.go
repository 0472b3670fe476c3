package storage

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/spotterbot/spotter/bot"
)

// linkCodeRow is a one-time /link code.
type linkCodeRow struct {
	ID        int64     `gorm:"primaryKey"`
	Code      string    `gorm:"size:16;not null;uniqueIndex"`
	UserID    int64     `gorm:"not null;index"`
	ExpiresAt time.Time `gorm:"not null"`
	UsedAt    *time.Time
	CreatedAt time.Time
}

func (linkCodeRow) TableName() string { return "link_codes" }

func (t *tx) AddLinkCode(code string, userID int64, expires time.Time) error {
	return t.db.Create(&linkCodeRow{Code: code, UserID: userID, ExpiresAt: expires.UTC(), CreatedAt: time.Now().UTC()}).Error
}

func (t *tx) TakeLinkCode(code string, now time.Time) (int64, error) {
	// One conditional UPDATE: of two concurrent takers exactly one sees a row changed.
	res := t.db.Model(&linkCodeRow{}).Where("code = ? AND used_at IS NULL AND expires_at > ?", code, now.UTC()).Update("used_at", now.UTC())
	if res.Error != nil {
		return 0, fmt.Errorf("take link code: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return 0, errNotFound
	}
	var r linkCodeRow
	if err := t.db.Where("code = ?", code).Take(&r).Error; err != nil {
		return 0, fmt.Errorf("read link code: %w", err)
	}
	return r.UserID, nil
}

func (t *tx) Identities(userID int64) ([]bot.Identity, error) {
	var rows []identityRow
	if err := t.db.Where("user_id = ?", userID).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]bot.Identity, len(rows))
	for i, r := range rows {
		out[i] = bot.Identity{Platform: r.Platform, UserID: r.PlatformUserID}
	}
	return out, nil
}

// mergeConflicts deletes, before the move, the rows of from that would break
// a unique key together with a row of into; into's row wins. Check-ins are
// not here: of those the newer wins (MergeUsers).
var mergeConflicts = []struct{ table, same string }{
	{"deloads", "d2.start_day = deloads.start_day AND d2.skipped = deloads.skipped"},
	{"team_members", "d2.team_id = team_members.team_id"},
	{"team_checkins", "d2.team_id = team_checkins.team_id AND d2.day = team_checkins.day"},
	{"nudges", "d2.kind = nudges.kind AND d2.key_day = nudges.key_day"},
	{"lift_ranges", "d2.lift = lift_ranges.lift"},
	{"rest_timers", "1 = 1"},
	{"lift_aliases", "d2.alias = lift_aliases.alias"},
	{"lift_settings", "d2.lift = lift_settings.lift"},
}

func (t *tx) MergeUsers(into, from int64) (bot.MergeCounts, error) {
	var n bot.MergeCounts
	if into == from {
		return n, fmt.Errorf("merge user %d into itself", into)
	}
	// Check-ins of a day both have: keep the newer, drop the other and the
	// log entry that stored it (so /undo cannot restore a dropped day).
	var theirs, ours []checkinRow
	if err := t.db.Where("user_id = ?", from).Find(&theirs).Error; err != nil {
		return n, fmt.Errorf("checkins: %w", err)
	}
	if err := t.db.Where("user_id = ?", into).Find(&ours).Error; err != nil {
		return n, fmt.Errorf("checkins: %w", err)
	}
	byDay := map[int32]checkinRow{}
	for _, c := range ours {
		byDay[c.Date] = c
	}
	for _, c := range theirs {
		o, ok := byDay[c.Date]
		if !ok {
			continue
		}
		n.CheckinsDropped++
		loser := from
		if c.UpdatedAt.After(o.UpdatedAt) {
			loser = into
		}
		if err := t.db.Where("user_id = ? AND date = ?", loser, c.Date).Delete(&checkinRow{}).Error; err != nil {
			return n, fmt.Errorf("drop checkin: %w", err)
		}
		if err := t.db.Where("user_id = ? AND kind = ? AND date = ?", loser, string(bot.EntryCheckin), c.Date).Delete(&entryRow{}).Error; err != nil {
			return n, fmt.Errorf("drop checkin entry: %w", err)
		}
	}
	if err := t.renameClashingRoutines(into, from); err != nil {
		return n, err
	}
	for _, c := range mergeConflicts {
		q := fmt.Sprintf("DELETE FROM %s WHERE user_id = ? AND EXISTS (SELECT 1 FROM %s d2 WHERE d2.user_id = ? AND %s)", c.table, c.table, c.same)
		if err := t.db.Exec(q, from, into).Error; err != nil {
			return n, fmt.Errorf("merge %s: %w", c.table, err)
		}
	}
	// Every table with a user_id column moves, also tables added later: a
	// unique key this code does not know fails the merge instead of losing rows.
	for _, m := range allModels() {
		stmt := &gorm.Statement{DB: t.db}
		if err := stmt.Parse(m); err != nil {
			return n, fmt.Errorf("parse model: %w", err)
		}
		if stmt.Schema.LookUpField("user_id") == nil {
			continue
		}
		table := stmt.Schema.Table
		res := t.db.Table(table).Where("user_id = ?", from).Update("user_id", into)
		if res.Error != nil {
			return n, fmt.Errorf("move %s: %w", table, res.Error)
		}
		switch table {
		case "sets":
			n.Sets = int(res.RowsAffected)
		case "checkins":
			n.Checkins = int(res.RowsAffected)
		case "entries":
			n.Entries = int(res.RowsAffected)
		case "lift_ranges":
			n.Ranges = int(res.RowsAffected)
		}
	}
	if err := t.mergeKit(into, from); err != nil {
		return n, err
	}
	if err := t.db.Delete(&userRow{}, from).Error; err != nil {
		return n, fmt.Errorf("delete merged user: %w", err)
	}
	return n, nil
}

// mergeKit gives into the bar and plates of from when into has set none
// (/plates): the settings are into's, but plates are gear the lifter
// described once, on whichever account.
func (t *tx) mergeKit(into, from int64) error {
	var rows []userRow
	if err := t.db.Where("id IN ?", []int64{into, from}).Find(&rows).Error; err != nil {
		return fmt.Errorf("merge plates: %w", err)
	}
	var in, fr *userRow
	for i := range rows {
		switch rows[i].ID {
		case into:
			in = &rows[i]
		case from:
			fr = &rows[i]
		}
	}
	if in == nil || fr == nil || in.PlateUnit != "" || in.PlatesShow || fr.PlateUnit == "" && !fr.PlatesShow {
		return nil
	}
	err := t.db.Model(&userRow{ID: into}).Select("plate_unit", "bar_milli", "plates", "plates_show").
		Updates(&userRow{PlateUnit: fr.PlateUnit, BarMilli: fr.BarMilli, Plates: fr.Plates, PlatesShow: fr.PlatesShow}).Error
	if err != nil {
		return fmt.Errorf("merge plates: %w", err)
	}
	return nil
}
