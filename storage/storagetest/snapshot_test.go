package storagetest_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func TestSnapshotSeesEveryWrite(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		tables := storagetest.Tables(t, st)
		for _, m := range st.Tables() {
			if !slices.Contains(tables, m) {
				t.Errorf("Tables = %q, missing the model table %q", tables, m)
			}
		}
		// A fresh database holds no rows but goose's record of its migrations.
		empty := slices.DeleteFunc(storagetest.Snapshot(t, st), func(row string) bool {
			return strings.HasPrefix(row, "goose_db_version: ")
		})
		if len(empty) != 0 {
			t.Fatalf("a fresh database has rows: %q", empty)
		}
		var userID int64
		write := func(fn func(tx bot.Tx) error) {
			t.Helper()
			if err := st.Do(context.Background(), fn); err != nil {
				t.Fatal(err)
			}
		}
		write(func(tx bot.Tx) error {
			u, err := tx.UserFor(bot.Identity{Platform: "console", UserID: "ann"}, bot.User{Units: engine.Kg, Level: engine.Intermediate, TZ: "UTC"})
			userID = u.ID
			return err
		})
		before := storagetest.Snapshot(t, st)
		if d := storagetest.Diff(before, storagetest.Snapshot(t, st), 10); d != "" {
			t.Fatalf("two snapshots with no write between differ:\n%s", d)
		}
		write(func(tx bot.Tx) error {
			return tx.PutCheckin(userID, engine.Checkin{Date: engine.NewDate(2026, 11, 23), Sleep: engine.SleepPoor})
		})
		d := storagetest.Diff(before, storagetest.Snapshot(t, st), 10)
		if !strings.HasPrefix(d, "+ checkins: ") || strings.Count(d, "\n") != 0 || !strings.Contains(d, `sleep="poor"`) {
			t.Fatalf("after a check-in, diff:\n%s\nwant one added checkins row", d)
		}
	})
}
