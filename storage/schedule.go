package storage

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// nudgeRow records a scheduled message sent to a user (bot.Nudge): one row
// per user, kind and key, so the scheduler can tell "already sent" from "due".
type nudgeRow struct {
	ID        int64  `gorm:"primaryKey"`
	UserID    int64  `gorm:"not null;uniqueIndex:idx_nudge,priority:1"`
	Kind      string `gorm:"size:16;not null;uniqueIndex:idx_nudge,priority:2"`
	Key       int32  `gorm:"column:key_day;not null;uniqueIndex:idx_nudge,priority:3"`
	FirstDay  int32  `gorm:"not null"`
	LastDay   int32  `gorm:"not null"`
	Sent      int    `gorm:"not null"`
	SentAt    time.Time
	UpdatedAt time.Time
	// Unconfirmed: sent but not yet confirmed delivered; the record before
	// this send is kept beside it (PrevSent 0: there was none).
	Unconfirmed bool `gorm:"not null;default:false"`
	PrevFirst   int32
	PrevLast    int32
	PrevSent    int
	PrevSentAt  time.Time
}

func (nudgeRow) TableName() string { return "nudges" }

func (t *tx) UserWithIdentities(id int64) (bot.User, []bot.Identity, error) {
	var u userRow
	q := t.db
	if t.postgres() {
		// Serializes everything one user's daily poll decides (SQLite has one writer).
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&u, id).Error; err != nil {
		return bot.User{}, nil, notFound(err)
	}
	var rows []identityRow
	if err := t.db.Where("user_id = ?", id).Order("id").Find(&rows).Error; err != nil {
		return bot.User{}, nil, fmt.Errorf("identities: %w", err)
	}
	ids := make([]bot.Identity, len(rows))
	for i, r := range rows {
		ids[i] = bot.Identity{Platform: r.Platform, UserID: r.PlatformUserID, Name: u.Name}
	}
	return toUser(u), ids, nil
}

func toNudge(r nudgeRow) bot.Nudge {
	n := bot.Nudge{UserID: r.UserID, Kind: bot.NudgeKind(r.Kind), Key: engine.Date(r.Key), First: engine.Date(r.FirstDay),
		Last: engine.Date(r.LastDay), Sent: r.Sent, SentAt: r.SentAt, Unconfirmed: r.Unconfirmed}
	if r.PrevSent > 0 {
		n.Prev = &bot.Nudge{UserID: r.UserID, Kind: n.Kind, Key: n.Key, First: engine.Date(r.PrevFirst), Last: engine.Date(r.PrevLast),
			Sent: r.PrevSent, SentAt: r.PrevSentAt}
	}
	return n
}

func (t *tx) Nudge(userID int64, kind bot.NudgeKind, key engine.Date) (bot.Nudge, error) {
	var r nudgeRow
	if err := t.db.Where("user_id = ? AND kind = ? AND key_day = ?", userID, string(kind), int32(key)).Take(&r).Error; err != nil {
		return bot.Nudge{}, notFound(err)
	}
	return toNudge(r), nil
}

func (t *tx) PutNudge(n bot.Nudge) error {
	row := nudgeRow{UserID: n.UserID, Kind: string(n.Kind), Key: int32(n.Key), FirstDay: int32(n.First), LastDay: int32(n.Last),
		Sent: n.Sent, SentAt: n.SentAt.UTC(), UpdatedAt: time.Now().UTC(), Unconfirmed: n.Unconfirmed}
	if p := n.Prev; p != nil {
		row.PrevFirst, row.PrevLast, row.PrevSent, row.PrevSentAt = int32(p.First), int32(p.Last), p.Sent, p.SentAt.UTC()
	}
	return t.db.Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "user_id"}, {Name: "kind"}, {Name: "key_day"}},
		DoUpdates: clause.AssignmentColumns([]string{"first_day", "last_day", "sent", "sent_at", "updated_at",
			"unconfirmed", "prev_first", "prev_last", "prev_sent", "prev_sent_at"}),
	}).Create(&row).Error
}

func (t *tx) UnconfirmedNudges(userID int64) ([]bot.Nudge, error) {
	var rows []nudgeRow
	if err := t.db.Where("user_id = ? AND unconfirmed = ?", userID, true).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("unconfirmed nudges: %w", err)
	}
	out := make([]bot.Nudge, len(rows))
	for i, r := range rows {
		out[i] = toNudge(r)
	}
	return out, nil
}

func (t *tx) ConfirmNudge(n bot.Nudge) error {
	return t.db.Model(&nudgeRow{}).
		Where("user_id = ? AND kind = ? AND key_day = ? AND last_day = ? AND sent = ?", n.UserID, string(n.Kind), int32(n.Key), int32(n.Last), n.Sent).
		Updates(map[string]any{"unconfirmed": false, "prev_first": 0, "prev_last": 0, "prev_sent": 0, "updated_at": time.Now().UTC()}).Error
}

func (t *tx) DeleteNudge(userID int64, kind bot.NudgeKind, key engine.Date) error {
	return t.db.Where("user_id = ? AND kind = ? AND key_day = ?", userID, string(kind), int32(key)).Delete(&nudgeRow{}).Error
}

// PollUsers returns up to limit users with a daily poll and an id above
// after, by id, each with their oldest identity: the scheduler's backfill
// pages through them.
func (s *Store) PollUsers(ctx context.Context, after int64, limit int) ([]bot.PollUser, error) {
	var users []userRow
	if err := s.db.WithContext(ctx).Where("id > ? AND poll_time <> ''", after).Order("id").Limit(limit).Find(&users).Error; err != nil {
		return nil, fmt.Errorf("poll users: %w", err)
	}
	if len(users) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	var idents []identityRow
	if err := s.db.WithContext(ctx).Where("user_id IN ?", ids).Order("id").Find(&idents).Error; err != nil {
		return nil, fmt.Errorf("poll users' identities: %w", err)
	}
	first := map[int64]identityRow{}
	for _, r := range idents {
		if _, ok := first[r.UserID]; !ok {
			first[r.UserID] = r
		}
	}
	out := make([]bot.PollUser, 0, len(users))
	for _, u := range users {
		r, ok := first[u.ID]
		if !ok {
			continue
		}
		out = append(out, bot.PollUser{User: toUser(u), Via: bot.Identity{Platform: r.Platform, UserID: r.PlatformUserID, Name: u.Name}})
	}
	return out, nil
}
