package storage

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spotterbot/spotter/bot/inbox"
)

// The inbox table holds raw platform events (inbox.Event): adapters record
// them before they confirm them to the platform, so a crash after the
// confirmation cannot lose them, and mark them done once handled and
// answered. bot/inbox declares what it needs of it (inbox.Store).
var _ inbox.Store = (*Store)(nil)

// RecordUpdates stores updates not stored before and returns the ids of those
// it stored now; an update recorded earlier (a redelivery after a crash, or
// one another replica took) is left alone and not returned, so each id is
// handed to processing once.
func (s *Store) RecordUpdates(ctx context.Context, ups []inbox.Event) ([]int64, error) {
	if len(ups) == 0 {
		return nil, nil
	}
	// One INSERT ... ON CONFLICT DO NOTHING RETURNING says exactly which rows
	// are new, also when two replicas record the same update at once. Both
	// PostgreSQL and SQLite (3.35+) speak it.
	var q strings.Builder
	q.WriteString("INSERT INTO inbox (platform, update_id, chat_key, payload, done, received_at, owner, lease_until, kept_key) VALUES ")
	placeholders(&q, len(ups), 9)
	args := make([]any, 0, 9*len(ups))
	for _, u := range ups {
		at := u.ReceivedAt
		if at.IsZero() {
			at = time.Now()
		}
		var lease *time.Time
		if !u.LeaseUntil.IsZero() {
			l := u.LeaseUntil.UTC()
			lease = &l
		}
		args = append(args, u.Platform, u.ID, u.Key, string(u.Payload), false, at.UTC(), u.Owner, lease, keptKey(u.KeptKey))
	}
	q.WriteString(" ON CONFLICT (platform, update_id) DO NOTHING RETURNING update_id")
	var fresh []int64
	if err := s.db.WithContext(ctx).Raw(q.String(), args...).Scan(&fresh).Error; err != nil {
		return nil, fault(fmt.Errorf("record %d updates: %w", len(ups), err))
	}
	return fresh, nil
}

// ClaimPending takes up to limit updates of platform not marked done, with
// UpdateID > after, for owner until now+lease, and returns them in UpdateID
// order: those whose lease has run out (their replica died) or that have
// none, and with mine also those owner holds already (its own unfinished
// updates from before a restart). A replica holding a live lease keeps its
// updates: two replicas never handle one update at once.
func (s *Store) ClaimPending(ctx context.Context, platform, owner string, mine bool, after int64, limit int, lease time.Duration) ([]inbox.Event, error) {
	now := time.Now().UTC()
	until := now.Add(lease)
	// Rows without a lease (recorded by a replica from before leases) count
	// as leased for one lease from when they came.
	cond := "COALESCE(owner, '') <> ? AND (lease_until < ? OR lease_until IS NULL AND received_at < ?)"
	if mine {
		cond = "(owner = ? OR lease_until < ? OR lease_until IS NULL AND received_at < ?)"
	}
	skipLocked := ""
	if s.dialect == "postgres" {
		skipLocked = " FOR UPDATE SKIP LOCKED" // rows another replica is claiming right now
	}
	q := `UPDATE inbox SET owner = ?, lease_until = ? WHERE id IN (
		SELECT id FROM inbox WHERE platform = ? AND done = false AND update_id > ? AND ` + cond + `
		ORDER BY update_id LIMIT ?` + skipLocked + `)
		RETURNING platform, update_id, chat_key, payload, received_at, kept_key`
	args := []any{owner, until, platform, after, owner, now, now.Add(-lease), limit}
	var rows []inboxRow
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, fault(fmt.Errorf("claim pending updates: %w", err))
	}
	slices.SortFunc(rows, func(a, b inboxRow) int { return cmp.Compare(a.UpdateID, b.UpdateID) })
	out := make([]inbox.Event, len(rows))
	for i, r := range rows {
		out[i] = inbox.Event{Platform: r.Platform, ID: r.UpdateID, Key: r.ChatKey, Payload: []byte(r.Payload), ReceivedAt: r.ReceivedAt,
			Owner: owner, LeaseUntil: until}
		if r.KeptKey != nil {
			out[i].KeptKey = *r.KeptKey
		}
	}
	return out, nil
}

// RenewLeases extends owner's leases on its unfinished updates to now+lease
// (a negative lease ends them).
func (s *Store) RenewLeases(ctx context.Context, platform, owner string, lease time.Duration) error {
	err := s.db.WithContext(ctx).Exec("UPDATE inbox SET lease_until = ? WHERE platform = ? AND owner = ? AND done = false",
		time.Now().UTC().Add(lease), platform, owner).Error
	if err != nil {
		return fault(fmt.Errorf("renew inbox leases: %w", err))
	}
	return nil
}

// MarkUpdatesDone records that updates were handled and answered. The raw
// payload (the user's words) is dropped then: only the id is still needed, to
// recognise a redelivery.
func (s *Store) MarkUpdatesDone(ctx context.Context, platform string, updateIDs []int64) error {
	if len(updateIDs) == 0 {
		return nil
	}
	now := time.Now().UTC()
	var err error
	if s.dialect == "postgres" {
		// An array keeps one statement text, so one prepared plan, for every count.
		// (Straight to the driver: gorm would spread the slice into a list.)
		var db *sql.DB
		if db, err = s.db.DB(); err == nil {
			_, err = db.ExecContext(ctx, `UPDATE inbox SET done = true, done_at = $1, payload = '' WHERE platform = $2 AND update_id = ANY($3)`,
				now, platform, updateIDs)
		}
	} else {
		err = s.db.WithContext(ctx).Model(&inboxRow{}).
			Where("platform = ? AND update_id IN ?", platform, updateIDs).
			Updates(map[string]any{"done": true, "done_at": now, "payload": ""}).Error
	}
	if err != nil {
		return fault(fmt.Errorf("mark %d updates done: %w", len(updateIDs), err))
	}
	return nil
}

// PruneUpdates deletes done updates received before before. Platforms
// redeliver only for minutes, so old ids are no longer needed for dedup.
func (s *Store) PruneUpdates(ctx context.Context, platform string, before time.Time) (int64, error) {
	res := s.db.WithContext(ctx).
		Where("done = ? AND platform = ? AND received_at < ?", true, platform, before.UTC()).
		Delete(&inboxRow{})
	if res.Error != nil {
		return 0, fault(fmt.Errorf("prune updates: %w", res.Error))
	}
	return res.RowsAffected, nil
}

// PendingUpdates counts platform's updates not marked done: queued, being
// handled, or left by a replica that stopped (for metrics; the partial index
// of undone rows answers it).
func (s *Store) PendingUpdates(ctx context.Context, platform string) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&inboxRow{}).Where("platform = ? AND done = false", platform).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count pending updates: %w", err)
	}
	return n, nil
}

func keptKey(k string) *string {
	if k == "" {
		return nil
	}
	return &k
}

// KeepUpdate records that the sender of an update was told it is kept while
// storage is down, with key, the adapter's key of its chat, sender and words.
func (s *Store) KeepUpdate(ctx context.Context, platform string, updateID int64, key string) error {
	err := s.db.WithContext(ctx).Exec("UPDATE inbox SET kept_key = ? WHERE platform = ? AND update_id = ?", keptKey(key), platform, updateID).Error
	if err != nil {
		return fault(fmt.Errorf("keep update %d: %w", updateID, err))
	}
	return nil
}

// KeptUpdates returns the updates of platform kept under any of keys that
// are not done, or were done at or after since.
func (s *Store) KeptUpdates(ctx context.Context, platform string, keys []string, since time.Time) ([]inbox.Kept, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	var rows []struct {
		UpdateID   int64
		ChatKey    string
		KeptKey    string
		ReceivedAt time.Time
		Done       bool
		DoneAt     *time.Time
	}
	err := s.db.WithContext(ctx).Raw(`SELECT update_id, chat_key, kept_key, received_at, done, done_at FROM inbox
		WHERE platform = ? AND kept_key IN ? AND (done = false OR done_at >= ?)`, platform, keys, since.UTC()).Scan(&rows).Error
	if err != nil {
		return nil, fault(fmt.Errorf("kept updates: %w", err))
	}
	out := make([]inbox.Kept, len(rows))
	for i, r := range rows {
		out[i] = inbox.Kept{ID: r.UpdateID, Key: r.ChatKey, KeptKey: r.KeptKey, ReceivedAt: r.ReceivedAt}
		if r.Done && r.DoneAt != nil {
			out[i].DoneAt = *r.DoneAt
		}
	}
	return out, nil
}

// HasKeptUpdates reports whether any update of platform kept under a key is
// not done, or was done at or after since: whether KeptUpdates can find
// anything at all. One probe of a small index.
func (s *Store) HasKeptUpdates(ctx context.Context, platform string, since time.Time) (bool, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Raw(`SELECT update_id FROM inbox WHERE platform = ? AND kept_key IS NOT NULL AND (done = false OR done_at >= ?) LIMIT 1`,
		platform, since.UTC()).Scan(&ids).Error
	if err != nil {
		return false, fault(fmt.Errorf("any kept updates: %w", err))
	}
	return len(ids) > 0, nil
}
