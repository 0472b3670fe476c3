package storage

import (
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// teamRow is a Discord server that is a team.
type teamRow struct {
	ID        int64  `gorm:"primaryKey"`
	Platform  string `gorm:"size:16;not null;uniqueIndex:idx_team,priority:1"`
	ServerID  string `gorm:"size:64;not null;uniqueIndex:idx_team,priority:2"`
	ChannelID string `gorm:"size:64;not null"`
	PostTime  string `gorm:"size:5;not null"`
	TZ        string `gorm:"size:64;not null"`
	CoachRole string `gorm:"size:64"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (teamRow) TableName() string { return "teams" }

// teamMemberRow is a member who shares with the team's coaches.
type teamMemberRow struct {
	ID        int64  `gorm:"primaryKey"`
	TeamID    int64  `gorm:"not null;uniqueIndex:idx_team_member,priority:1"`
	UserID    int64  `gorm:"not null;uniqueIndex:idx_team_member,priority:2;index"`
	Name      string `gorm:"size:128"`
	CreatedAt time.Time
}

func (teamMemberRow) TableName() string { return "team_members" }

// teamPostRow is one team's post of one day. The unique key is what makes
// the daily post appear once, whoever calls and however often.
type teamPostRow struct {
	ID        int64     `gorm:"primaryKey"`
	TeamID    int64     `gorm:"not null;uniqueIndex:idx_team_post,priority:1"`
	Day       int32     `gorm:"not null;uniqueIndex:idx_team_post,priority:2"`
	MessageID string    `gorm:"size:64"` // "" while claimed and not yet sent
	ClaimedAt time.Time `gorm:"not null"`
}

func (teamPostRow) TableName() string { return "team_posts" }

// teamCheckinRow marks a check-in given through a team's post.
type teamCheckinRow struct {
	ID     int64 `gorm:"primaryKey"`
	TeamID int64 `gorm:"not null;uniqueIndex:idx_team_checkin,priority:1"`
	Day    int32 `gorm:"not null;uniqueIndex:idx_team_checkin,priority:2"`
	UserID int64 `gorm:"not null;uniqueIndex:idx_team_checkin,priority:3;index"`
}

func (teamCheckinRow) TableName() string { return "team_checkins" }

func toTeam(r teamRow) bot.Team {
	return bot.Team{ID: r.ID, Platform: r.Platform, ServerID: r.ServerID, ChannelID: r.ChannelID, PostTime: r.PostTime, TZ: r.TZ, CoachRole: r.CoachRole}
}

func (t *tx) Team(platform, serverID string) (bot.Team, error) {
	var r teamRow
	if err := t.db.Where("platform = ? AND server_id = ?", platform, serverID).Take(&r).Error; err != nil {
		return bot.Team{}, notFound(err)
	}
	return toTeam(r), nil
}

func (t *tx) SaveTeam(tm bot.Team) (bot.Team, error) {
	now := time.Now().UTC()
	r := teamRow{Platform: tm.Platform, ServerID: tm.ServerID, ChannelID: tm.ChannelID, PostTime: tm.PostTime, TZ: tm.TZ, CoachRole: tm.CoachRole, CreatedAt: now, UpdatedAt: now}
	err := t.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "platform"}, {Name: "server_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"channel_id", "post_time", "tz", "coach_role", "updated_at"}),
	}).Create(&r).Error
	if err != nil {
		return bot.Team{}, fmt.Errorf("save team: %w", err)
	}
	return t.Team(tm.Platform, tm.ServerID)
}

func (t *tx) Teams() ([]bot.Team, error) {
	var rows []teamRow
	if err := t.db.Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]bot.Team, len(rows))
	for i, r := range rows {
		out[i] = toTeam(r)
	}
	return out, nil
}

func (t *tx) ShareWithTeam(teamID, userID int64, name string, sharing bool) error {
	if !sharing {
		return t.db.Where("team_id = ? AND user_id = ?", teamID, userID).Delete(&teamMemberRow{}).Error
	}
	r := teamMemberRow{TeamID: teamID, UserID: userID, Name: name, CreatedAt: time.Now().UTC()}
	return t.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "team_id"}, {Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"name"}),
	}).Create(&r).Error
}

func (t *tx) TeamMembers(teamID int64) ([]bot.TeamMember, error) {
	var rows []teamMemberRow
	if err := t.db.Where("team_id = ?", teamID).Order("name, user_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]bot.TeamMember, len(rows))
	for i, r := range rows {
		out[i] = bot.TeamMember{UserID: r.UserID, Name: r.Name}
	}
	return out, nil
}

func (t *tx) UserByID(id int64) (bot.User, error) {
	var u userRow
	if err := t.db.Take(&u, id).Error; err != nil {
		return bot.User{}, notFound(err)
	}
	return toUser(u), nil
}

func (t *tx) ClaimTeamPost(teamID int64, day engine.Date, now time.Time, stale time.Duration) (bool, error) {
	r := teamPostRow{TeamID: teamID, Day: int32(day), ClaimedAt: now.UTC()}
	res := t.db.Clauses(clause.OnConflict{DoNothing: true}).Create(&r)
	if res.Error != nil {
		return false, fmt.Errorf("claim team post: %w", res.Error)
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	// Taken: by a sent post (keep it), or by a sender that died (take over).
	res = t.db.Model(&teamPostRow{}).
		Where("team_id = ? AND day = ? AND message_id = ? AND claimed_at < ?", teamID, int32(day), "", now.UTC().Add(-stale)).
		Update("claimed_at", now.UTC())
	if res.Error != nil {
		return false, fmt.Errorf("take over team post: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

func (t *tx) SetTeamPostMessage(teamID int64, day engine.Date, messageID string) error {
	return t.db.Model(&teamPostRow{}).Where("team_id = ? AND day = ?", teamID, int32(day)).Update("message_id", messageID).Error
}

func (t *tx) ReleaseTeamPost(teamID int64, day engine.Date) error {
	return t.db.Where("team_id = ? AND day = ? AND message_id = ?", teamID, int32(day), "").Delete(&teamPostRow{}).Error
}

func (t *tx) TeamPostMessage(teamID int64, day engine.Date) (string, error) {
	var r teamPostRow
	err := t.db.Where("team_id = ? AND day = ? AND message_id <> ?", teamID, int32(day), "").Take(&r).Error
	if err != nil {
		return "", notFound(err)
	}
	return r.MessageID, nil
}

func (t *tx) AddTeamCheckin(teamID int64, day engine.Date, userID int64) error {
	r := teamCheckinRow{TeamID: teamID, Day: int32(day), UserID: userID}
	return t.db.Clauses(clause.OnConflict{DoNothing: true}).Create(&r).Error
}

func (t *tx) TeamCheckins(teamID int64, day engine.Date) ([]int64, error) {
	var ids []int64
	err := t.db.Model(&teamCheckinRow{}).Where("team_id = ? AND day = ?", teamID, int32(day)).Order("user_id").Pluck("user_id", &ids).Error
	return ids, err
}
