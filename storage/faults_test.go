package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// addSets stores one /log's worth of sets for u.
func addSets(st *storage.Store, u bot.User) error {
	return st.Do(context.Background(), func(tx bot.Tx) error {
		id, err := tx.AddEntry(bot.Entry{UserID: u.ID, Kind: bot.EntrySets, Date: engine.NewDate(2026, 11, 20), Lift: "squat", Summary: "1x5"})
		if err != nil {
			return err
		}
		return tx.AddSets(u.ID, id, []engine.Set{{Lift: "squat", Date: engine.NewDate(2026, 11, 20), Load: engine.NewLoad(100, engine.Kg), Reps: 5}})
	})
}

// A database that cannot do the work says so with bot.ErrUnavailable; a
// statement the database refuses does not.
func TestFaultsAreUnavailable(t *testing.T) {
	t.Run("sqlite disk full", func(t *testing.T) {
		st := storagetest.Open(t, storagetest.SQLite)
		u := mustUser(t, st, alice)
		free := storagetest.FillDisk(t, st)
		var err error
		for range 1000 { // the first writes still find room in their tables' pages
			if err = addSets(st, u); err != nil {
				break
			}
		}
		if !errors.Is(err, bot.ErrUnavailable) {
			t.Fatalf("a write on a full disk: got %v, want bot.ErrUnavailable", err)
		}
		_, err = st.RecordUpdates(context.Background(), []inbox.Event{{Platform: "telegram", ID: 1, Key: "1", Payload: make([]byte, 8000)}})
		if !errors.Is(err, bot.ErrUnavailable) {
			t.Errorf("recording an update on a full disk: got %v, want bot.ErrUnavailable", err)
		}
		free()
		if err := addSets(st, u); err != nil {
			t.Errorf("a write once there is room again: %v", err)
		}
	})
	t.Run("postgres lock timeout", func(t *testing.T) {
		if storagetest.PostgresDSN(t) == "" {
			t.Skip("SPOTTER_TEST_POSTGRES is not set")
		}
		dsn := storagetest.FreshDSN(t, storagetest.Postgres)
		st := mustOpen(t, storagetest.WithLockTimeout(dsn, 100*time.Millisecond))
		u := mustUser(t, st, alice)
		release := storagetest.LockTable(t, dsn, "sets")
		if err := addSets(st, u); !errors.Is(err, bot.ErrUnavailable) {
			t.Fatalf("a write to a locked table: got %v, want bot.ErrUnavailable", err)
		}
		release()
		if err := addSets(st, u); err != nil {
			t.Errorf("a write once the lock is gone: %v", err)
		}
	})
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		// The inbox's unique key, broken on purpose: a refusal.
		db, err := st.SQL()
		if err != nil {
			t.Fatal(err)
		}
		row := "INSERT INTO inbox (platform, update_id, chat_key, payload, done) VALUES ('telegram', 1, '1', '', false)"
		if _, err := db.Exec(row); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(row); err == nil || storage.Unavailable(err) {
			t.Errorf("a statement the database refuses (a unique key): got %v, want an error that is no outage", err)
		}
		if err := st.Do(context.Background(), func(tx bot.Tx) error { return errors.New("a bug") }); errors.Is(err, bot.ErrUnavailable) {
			t.Errorf("an error of the caller's own: got %v, want it as it was", err)
		}
		st.Close()
		err = st.Do(context.Background(), func(tx bot.Tx) error { _, err := tx.UserFor(alice, defaults()); return err })
		if !errors.Is(err, bot.ErrUnavailable) {
			t.Errorf("a closed database: got %v, want bot.ErrUnavailable", err)
		}
	})
}
