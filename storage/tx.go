package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// tx is one transaction; it implements bot.Tx.
type tx struct{ db *gorm.DB }

var _ bot.Tx = (*tx)(nil)

func (t *tx) Handled(platform, ref string, userID int64, reply string) (string, bool, error) {
	stored, err := t.recordHandled(platform, ref, userID, reply)
	if err != nil {
		return "", false, fmt.Errorf("record message %s/%s: %w", platform, ref, err)
	}
	if stored {
		return "", false, nil
	}
	var prev handledRow
	if err := t.db.Where("platform = ? AND ref = ?", platform, ref).Take(&prev).Error; err != nil {
		return "", false, fmt.Errorf("read handled message: %w", err)
	}
	return prev.Reply, true, nil
}

func toUser(r userRow) bot.User {
	return bot.User{
		ID: r.ID, Name: r.Name, Units: engine.Unit(r.Units), Level: engine.Level(r.Level), TZ: r.TZ,
		Increment:   engine.Load{Milli: r.IncrementMill, Unit: engine.Unit(r.IncrementUnit)},
		DeloadEvery: r.DeloadEvery, DeloadStyle: engine.DeloadStyle(r.DeloadStyle),
		PollTime: r.PollTime, Pending: r.Pending, Started: r.Started, CreatedAt: r.CreatedAt,
		Kit: bot.Kit{Unit: engine.Unit(r.PlateUnit), Bar: r.BarMilli, Plates: r.Plates, Show: r.PlatesShow},
	}
}

func fromUser(u bot.User) userRow {
	return userRow{
		ID: u.ID, Name: u.Name, Units: string(u.Units), Level: string(u.Level), TZ: u.TZ,
		IncrementMill: u.Increment.Milli, IncrementUnit: string(u.Increment.Unit),
		DeloadEvery: u.DeloadEvery, DeloadStyle: string(u.DeloadStyle),
		PollTime: u.PollTime, Pending: u.Pending, Started: u.Started, CreatedAt: u.CreatedAt,
		PlateUnit: string(u.Kit.Unit), BarMilli: u.Kit.Bar, Plates: u.Kit.Plates, PlatesShow: u.Kit.Show,
	}
}

func (t *tx) UserFor(id bot.Identity, defaults bot.User) (bot.User, error) {
	u, found, err := t.userByIdentity(id)
	if err != nil {
		return bot.User{}, fmt.Errorf("user for identity: %w", err)
	}
	if found {
		return toUser(u), nil
	}
	var ident identityRow
	row := fromUser(defaults)
	row.ID = 0
	row.CreatedAt = time.Now().UTC()
	if err := t.db.Create(&row).Error; err != nil {
		return bot.User{}, fmt.Errorf("create user: %w", err)
	}
	ident = identityRow{Platform: id.Platform, PlatformUserID: id.UserID, UserID: row.ID, CreatedAt: row.CreatedAt}
	res := t.db.Clauses(clause.OnConflict{DoNothing: true}).Create(&ident)
	if res.Error != nil {
		return bot.User{}, fmt.Errorf("create identity: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		// Another transaction created this identity first (two first messages
		// at once): drop our user row and use theirs.
		if err := t.db.Delete(&userRow{}, row.ID).Error; err != nil {
			return bot.User{}, fmt.Errorf("drop duplicate user: %w", err)
		}
		return t.UserFor(id, defaults)
	}
	return toUser(row), nil
}

func (t *tx) SaveUser(u bot.User) error {
	row := fromUser(u)
	return t.db.Model(&userRow{ID: u.ID}).Select("*").Omit("id", "created_at").Updates(&row).Error
}

func (t *tx) AddEntry(e bot.Entry) (int64, error) {
	row, err := entryRowOf(e)
	if err != nil {
		return 0, err
	}
	if err := t.db.Create(&row).Error; err != nil {
		return 0, err
	}
	return row.ID, nil
}

// entryRowOf is the row of a new entry (its ID left to the database).
func entryRowOf(e bot.Entry) (entryRow, error) {
	row := entryRow{UserID: e.UserID, Kind: string(e.Kind), Date: int32(e.Date), Lift: e.Lift, Summary: e.Summary, CreatedAt: e.Created.UTC()}
	if row.CreatedAt.IsZero() {
		row.CreatedAt = time.Now().UTC()
	}
	var prev any
	switch {
	case e.Prev != nil:
		prev = e.Prev
	case e.Undo != nil:
		prev = e.Undo
	default:
		return row, nil
	}
	b, err := json.Marshal(prev)
	if err != nil {
		return row, err
	}
	row.PrevJSON = string(b)
	return row, nil
}

func toEntry(r entryRow) (bot.Entry, error) {
	e := bot.Entry{ID: r.ID, UserID: r.UserID, Kind: bot.EntryKind(r.Kind), Date: engine.Date(r.Date), Lift: r.Lift, Summary: r.Summary, Created: r.CreatedAt}
	if r.PrevJSON != "" && (e.Kind == bot.EntryEdit || e.Kind == bot.EntryDelete) {
		var u bot.PieceUndo
		if err := json.Unmarshal([]byte(r.PrevJSON), &u); err != nil {
			return e, fmt.Errorf("entry %d: %w", r.ID, err)
		}
		e.Undo = &u
		return e, nil
	}
	if r.PrevJSON != "" {
		var c engine.Checkin
		if err := json.Unmarshal([]byte(r.PrevJSON), &c); err != nil {
			return e, fmt.Errorf("entry %d: %w", r.ID, err)
		}
		e.Prev = &c
	}
	return e, nil
}

func (t *tx) LastEntry(userID int64) (bot.Entry, error) {
	var r entryRow
	if err := t.db.Where("user_id = ?", userID).Order("created_at DESC, id DESC").Take(&r).Error; err != nil {
		return bot.Entry{}, notFound(err)
	}
	return toEntry(r)
}

func (t *tx) Entry(userID, id int64) (bot.Entry, error) {
	var r entryRow
	if err := t.db.Where("user_id = ? AND id = ?", userID, id).Take(&r).Error; err != nil {
		return bot.Entry{}, notFound(err)
	}
	return toEntry(r)
}

func (t *tx) DeleteEntry(userID, id int64) error {
	if err := t.db.Where("user_id = ? AND entry_id = ?", userID, id).Delete(&setRow{}).Error; err != nil {
		return err
	}
	if err := t.deleteEntryExtras(userID, id); err != nil {
		return err
	}
	return t.db.Where("user_id = ? AND id = ?", userID, id).Delete(&entryRow{}).Error
}

func joinTags(tags []string) string { return strings.Join(tags, " ") }

func splitTags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Fields(s)
}

func (t *tx) AddSets(userID, entryID int64, sets []engine.Set) error {
	if len(sets) == 0 {
		return nil
	}
	rows := make([]setRow, len(sets))
	for i, s := range sets {
		rows[i] = fromSet(userID, entryID, s)
	}
	return t.db.CreateInBatches(rows, 500).Error
}

// fromSet is the row of a set stored under an entry.
func fromSet(userID, entryID int64, s engine.Set) setRow {
	return setRow{
		UserID: userID, EntryID: entryID, Lift: s.Lift, Date: int32(s.Date), Seq: s.Seq,
		LoadMilli: s.Load.Milli, LoadUnit: string(s.Load.Unit), LoadKg: s.Load.Kg(), Bodyweight: s.Bodyweight,
		Reps: s.Reps, RIR: s.RIR, HasRIR: s.HasRIR, Kind: string(s.Kind), RestSec: s.RestSec, Tags: joinTags(s.Tags),
	}
}

func toSet(r setRow) engine.Set {
	return engine.Set{
		Lift: r.Lift, Date: engine.Date(r.Date), Seq: r.Seq,
		Load: engine.Load{Milli: r.LoadMilli, Unit: engine.Unit(r.LoadUnit)}, Bodyweight: r.Bodyweight,
		Reps: r.Reps, RIR: r.RIR, HasRIR: r.HasRIR, Kind: engine.SetKind(r.Kind), RestSec: r.RestSec, Tags: splitTags(r.Tags),
	}
}

func toCheckin(r checkinRow) engine.Checkin {
	return engine.Checkin{
		Date: engine.Date(r.Date), Sleep: engine.Sleep(r.Sleep), Soreness: engine.Soreness(r.Soreness),
		Joints: engine.Joints(r.Joints), Motivation: engine.Motivation(r.Motivation), Warmup: engine.WarmupFeel(r.Warmup),
		RHR: r.RHR, HRV: r.HRV, SleptHours: r.SleptHours, Tags: splitTags(r.Tags),
	}
}

func (t *tx) Checkin(userID int64, d engine.Date) (engine.Checkin, error) {
	var r checkinRow
	if err := t.db.Where("user_id = ? AND date = ?", userID, int32(d)).Take(&r).Error; err != nil {
		return engine.Checkin{}, notFound(err)
	}
	return toCheckin(r), nil
}

func (t *tx) PutCheckin(userID int64, c engine.Checkin) error {
	row := checkinRow{
		UserID: userID, Date: int32(c.Date), Sleep: string(c.Sleep), Soreness: string(c.Soreness), Joints: string(c.Joints),
		Motivation: string(c.Motivation), Warmup: string(c.Warmup), RHR: c.RHR, HRV: c.HRV, SleptHours: c.SleptHours,
		Tags: joinTags(c.Tags), UpdatedAt: time.Now().UTC(),
	}
	return t.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}, {Name: "date"}},
		DoUpdates: clause.AssignmentColumns([]string{"sleep", "soreness", "joints", "motivation", "warmup", "rhr", "hrv", "slept_hours", "tags", "updated_at"}),
	}).Create(&row).Error
}

func (t *tx) DeleteCheckin(userID int64, d engine.Date) error {
	return t.db.Where("user_id = ? AND date = ?", userID, int32(d)).Delete(&checkinRow{}).Error
}

func (t *tx) History(userID int64, lift string, from, checkinsFrom engine.Date) (engine.History, error) {
	h := engine.History{From: from}
	q := t.db.Where("user_id = ? AND date >= ?", userID, int32(from))
	if lift != "" {
		q = t.db.Where("user_id = ? AND lift = ? AND date >= ?", userID, lift, int32(from))
	}
	var sets []setRow
	if err := q.Order("date, lift, seq, id").Find(&sets).Error; err != nil {
		return h, fmt.Errorf("sets: %w", err)
	}
	h.Sets = make([]engine.Set, len(sets))
	for i, r := range sets {
		h.Sets[i] = toSet(r)
	}
	var cs []checkinRow
	if err := t.db.Where("user_id = ? AND date >= ?", userID, int32(checkinsFrom)).Order("date").Find(&cs).Error; err != nil {
		return h, fmt.Errorf("checkins: %w", err)
	}
	h.Checkins = make([]engine.Checkin, len(cs))
	for i, r := range cs {
		h.Checkins[i] = toCheckin(r)
	}
	var ds []deloadRow
	if err := t.db.Where("user_id = ?", userID).Order("start_day").Find(&ds).Error; err != nil {
		return h, fmt.Errorf("deloads: %w", err)
	}
	for _, r := range ds {
		h.Deloads = append(h.Deloads, engine.DeloadPeriod{Start: engine.Date(r.Start), End: engine.Date(r.End), Planned: r.Planned, Skipped: r.Skipped})
	}
	bws, err := t.BodyWeights(userID, from)
	if err != nil {
		return h, err
	}
	h.BodyWeights = bws
	return h, nil
}

func (t *tx) FirstLog(userID int64) (engine.Date, error) {
	var r setRow
	err := t.db.Where("user_id = ?", userID).Order("date").Select("date").Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, nil
	}
	return engine.Date(r.Date), err
}

func (t *tx) SessionDays(userID int64, lift string, n int) ([]engine.Date, error) {
	q := t.db.Model(&setRow{}).Where("user_id = ?", userID)
	if lift != "" {
		q = q.Where("lift = ?", lift)
	}
	var days []int32
	if err := q.Distinct("date").Order("date DESC").Limit(n).Pluck("date", &days).Error; err != nil {
		return nil, err
	}
	out := make([]engine.Date, len(days))
	for i, d := range days {
		out[i] = engine.Date(d)
	}
	return out, nil
}

func (t *tx) LastSessionsBefore(userID int64, before engine.Date) ([]engine.Set, error) {
	var rows []setRow
	err := t.db.Raw(`SELECT s.* FROM sets s
		JOIN (SELECT lift, MAX(date) AS d FROM sets WHERE user_id = ? AND date < ? GROUP BY lift) m
		ON s.lift = m.lift AND s.date = m.d
		WHERE s.user_id = ? ORDER BY s.date, s.lift, s.seq, s.id`, userID, int32(before), userID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("last sessions before %s: %w", before, err)
	}
	out := make([]engine.Set, len(rows))
	for i, r := range rows {
		out[i] = toSet(r)
	}
	return out, nil
}

func (t *tx) SetsOn(userID int64, lift string, days []engine.Date) ([]engine.Set, error) {
	if len(days) == 0 {
		return nil, nil
	}
	ds := make([]int32, len(days))
	for i, d := range days {
		ds[i] = int32(d)
	}
	q := t.db.Where("user_id = ? AND date IN ?", userID, ds)
	if lift != "" {
		q = q.Where("lift = ?", lift)
	}
	var rows []setRow
	if err := q.Order("date DESC, lift, seq, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]engine.Set, len(rows))
	for i, r := range rows {
		out[i] = toSet(r)
	}
	return out, nil
}

func (t *tx) Lifts(userID int64) ([]string, error) {
	var rows []struct {
		Lift string
		N    int
	}
	if err := t.db.Model(&setRow{}).Select("lift, count(*) AS n").Where("user_id = ?", userID).Group("lift").Order("n DESC, lift").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Lift
	}
	return out, nil
}

func (t *tx) AddDeload(userID int64, d engine.DeloadPeriod) error {
	row := deloadRow{UserID: userID, Start: int32(d.Start), End: int32(d.End), Planned: d.Planned, Skipped: d.Skipped}
	return t.db.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

func (t *tx) UpdateDeload(userID int64, start engine.Date, d engine.DeloadPeriod) error {
	return t.db.Model(&deloadRow{}).Where("user_id = ? AND start_day = ? AND skipped = ?", userID, int32(start), false).
		Updates(map[string]any{"end_day": int32(d.End), "planned": d.Planned}).Error
}

func (t *tx) HasLift(userID int64, lift string) (bool, error) {
	var ids []int64
	if err := t.db.Model(&setRow{}).Where("user_id = ? AND lift = ?", userID, lift).Limit(1).Pluck("id", &ids).Error; err != nil {
		return false, err
	}
	return len(ids) > 0, nil
}

func (t *tx) DeleteDeload(userID int64, start engine.Date, skipped bool) error {
	return t.db.Where("user_id = ? AND start_day = ? AND skipped = ?", userID, int32(start), skipped).Delete(&deloadRow{}).Error
}
