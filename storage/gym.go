package storage

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/spotterbot/spotter/bot"
)

// restTimerRow is a user's rest-timer setting and running timer
// (bot.RestTimer): one row per user.
type restTimerRow struct {
	ID        int64 `gorm:"primaryKey"`
	UserID    int64 `gorm:"not null;uniqueIndex:idx_rest_timer"`
	Auto      bool  `gorm:"not null;default:false"`
	Seq       int64 `gorm:"not null;default:0"`
	Seconds   int   `gorm:"not null;default:0"`
	DueAt     *time.Time
	StartedAt *time.Time
	Platform  string `gorm:"size:16"`
	NextLift  string `gorm:"size:64"`
	UpdatedAt time.Time
}

func (restTimerRow) TableName() string { return "rest_timers" }

// routineRow is a named list of lifts (bot.Routine); Lifts is a JSON array.
type routineRow struct {
	ID        int64  `gorm:"primaryKey"`
	UserID    int64  `gorm:"not null;uniqueIndex:idx_routine,priority:1"`
	Name      string `gorm:"size:32;not null;uniqueIndex:idx_routine,priority:2"`
	Lifts     string `gorm:"not null"`
	CreatedAt time.Time
}

func (routineRow) TableName() string { return "routines" }

func (t *tx) RestTimer(userID int64) (bot.RestTimer, error) {
	var r restTimerRow
	if err := t.db.Where("user_id = ?", userID).Take(&r).Error; err != nil {
		return bot.RestTimer{UserID: userID}, notFound(err)
	}
	rt := bot.RestTimer{UserID: r.UserID, Auto: r.Auto, Seq: r.Seq, Seconds: r.Seconds, Platform: r.Platform, Next: r.NextLift}
	if r.DueAt != nil {
		rt.Due = r.DueAt.UTC()
	}
	if r.StartedAt != nil {
		rt.Started = r.StartedAt.UTC()
	}
	return rt, nil
}

func (t *tx) PutRestTimer(rt bot.RestTimer) error {
	row := restTimerRow{UserID: rt.UserID, Auto: rt.Auto, Seq: rt.Seq, Seconds: rt.Seconds, Platform: rt.Platform,
		NextLift: rt.Next, UpdatedAt: time.Now().UTC()}
	if !rt.Due.IsZero() {
		d, s := rt.Due.UTC(), rt.Started.UTC()
		row.DueAt, row.StartedAt = &d, &s
	}
	return t.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"auto", "seq", "seconds", "due_at", "started_at", "platform", "next_lift", "updated_at"}),
	}).Create(&row).Error
}

func (t *tx) Routines(userID int64) ([]bot.Routine, error) {
	var rows []routineRow
	if err := t.db.Where("user_id = ?", userID).Order("name").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("routines: %w", err)
	}
	out := make([]bot.Routine, len(rows))
	for i, r := range rows {
		out[i] = bot.Routine{Name: r.Name, Created: r.CreatedAt}
		if err := json.Unmarshal([]byte(r.Lifts), &out[i].Lifts); err != nil {
			return nil, fmt.Errorf("routine %q: %w", r.Name, err)
		}
	}
	return out, nil
}

func (t *tx) AddRoutine(userID int64, r bot.Routine) error {
	lifts, err := json.Marshal(r.Lifts)
	if err != nil {
		return fmt.Errorf("routine lifts: %w", err)
	}
	return t.db.Create(&routineRow{UserID: userID, Name: r.Name, Lifts: string(lifts), CreatedAt: r.Created.UTC()}).Error
}

func (t *tx) DeleteRoutine(userID int64, name string) (bool, error) {
	res := t.db.Where("user_id = ? AND name = ?", userID, name).Delete(&routineRow{})
	return res.RowsAffected > 0, res.Error
}

// renameClashingRoutines gives each routine of from whose name into has too
// a free name ("push" becomes "push-2"), so that a merge keeps both lists.
func (t *tx) renameClashingRoutines(into, from int64) error {
	var ours, theirs []routineRow
	if err := t.db.Where("user_id = ?", into).Find(&ours).Error; err != nil {
		return fmt.Errorf("routines: %w", err)
	}
	if err := t.db.Where("user_id = ?", from).Find(&theirs).Error; err != nil {
		return fmt.Errorf("routines: %w", err)
	}
	taken := map[string]bool{}
	for _, r := range append(ours, theirs...) {
		taken[r.Name] = true
	}
	for _, r := range ours {
		for _, c := range theirs {
			if c.Name != r.Name {
				continue
			}
			name := freeName(c.Name, taken)
			taken[name] = true
			if err := t.db.Model(&routineRow{}).Where("id = ?", c.ID).Update("name", name).Error; err != nil {
				return fmt.Errorf("rename routine: %w", err)
			}
		}
	}
	return nil
}

// freeName is name with the first suffix -2, -3, ... not taken, cut to fit
// the column.
func freeName(name string, taken map[string]bool) string {
	for i := 2; ; i++ {
		suf := fmt.Sprintf("-%d", i)
		base := name
		if len(base)+len(suf) > 32 {
			base = base[:32-len(suf)]
		}
		if !taken[base+suf] {
			return base + suf
		}
	}
}
