package storage_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func mustRanges(t *testing.T, st *storage.Store, userID int64) map[string]engine.RepRange {
	t.Helper()
	var out map[string]engine.RepRange
	mustDo(t, st, func(tx bot.Tx) error {
		var err error
		out, err = tx.Ranges(userID)
		return err
	})
	return out
}

func TestRanges(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		if got := mustRanges(t, st, a.ID); got == nil || len(got) != 0 {
			t.Fatalf("got ranges %v for a new user, want an empty map", got)
		}
		mustDo(t, st, func(tx bot.Tx) error {
			for _, p := range []struct {
				user int64
				lift string
				r    engine.RepRange
			}{
				{a.ID, "squat", engine.RepRange{Lo: 5, Hi: 8}},
				{a.ID, "squat", engine.RepRange{Lo: 3, Hi: 5}}, // replaces
				{a.ID, "paused squat", engine.RepRange{Lo: 2, Hi: 2}},
				{b.ID, "squat", engine.RepRange{Lo: 8, Hi: 12}},
			} {
				if err := tx.PutRange(p.user, p.lift, p.r); err != nil {
					return fmt.Errorf("put %s %v: %w", p.lift, p.r, err)
				}
			}
			return nil
		})
		want := map[string]engine.RepRange{"squat": {Lo: 3, Hi: 5}, "paused squat": {Lo: 2, Hi: 2}}
		if got := mustRanges(t, st, a.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("got alice's ranges %v, want %v", got, want)
		}
		mustDo(t, st, func(tx bot.Tx) error {
			if had, err := tx.DeleteRange(a.ID, "paused squat"); err != nil || !had {
				t.Errorf("delete paused squat: got (%v, %v), want (true, nil)", had, err)
			}
			if had, err := tx.DeleteRange(a.ID, "paused squat"); err != nil || had {
				t.Errorf("delete paused squat again: got (%v, %v), want (false, nil)", had, err)
			}
			return nil
		})
		want = map[string]engine.RepRange{"squat": {Lo: 3, Hi: 5}}
		if got := mustRanges(t, st, a.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("got alice's ranges %v after delete, want %v", got, want)
		}
		want = map[string]engine.RepRange{"squat": {Lo: 8, Hi: 12}}
		if got := mustRanges(t, st, b.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("got bob's ranges %v, want %v untouched by alice's", got, want)
		}
	})
}

// A merge moves the ranges of lifts the surviving user has none for; of two
// ranges for one lift the surviving user's stays.
func TestMergeUsersKeepsTheSurvivorsRanges(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		into := mustUser(t, st, alice)
		from := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		var n bot.MergeCounts
		mustDo(t, st, func(tx bot.Tx) error {
			for _, p := range []struct {
				user int64
				lift string
				r    engine.RepRange
			}{
				{into.ID, "squat", engine.RepRange{Lo: 3, Hi: 5}},
				{from.ID, "squat", engine.RepRange{Lo: 8, Hi: 12}},
				{from.ID, "row", engine.RepRange{Lo: 8, Hi: 12}},
			} {
				if err := tx.PutRange(p.user, p.lift, p.r); err != nil {
					return err
				}
			}
			var err error
			n, err = tx.MergeUsers(into.ID, from.ID)
			return err
		})
		want := map[string]engine.RepRange{"squat": {Lo: 3, Hi: 5}, "row": {Lo: 8, Hi: 12}}
		if got := mustRanges(t, st, into.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("got ranges %v after the merge, want %v", got, want)
		}
		if n.Ranges != 1 {
			t.Errorf("got %d ranges moved, want 1 (row)", n.Ranges)
		}
		if got := mustRanges(t, st, from.ID); len(got) != 0 {
			t.Errorf("got ranges %v left on the merged user, want none", got)
		}
	})
}
