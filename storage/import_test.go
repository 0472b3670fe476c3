package storage_test

import (
	"errors"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func TestImportSetsKeys(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		ann := seed(t, st, "ann")
		bob := seed(t, st, "bob")
		d := engine.NewDate(2025, 6, 1)
		sets := []bot.KeyedSet{
			{Set: engine.Set{Lift: "bench", Date: d, Load: engine.NewLoad(225, engine.Lb), Reps: 5, Kind: engine.Failure}, Key: "a"},
			{Set: engine.Set{Lift: "bench", Date: d, Seq: 1, Load: engine.NewLoad(185, engine.Lb), Reps: 8, Kind: engine.Drop}, Key: "b"},
		}
		add := func(user int64, ss []bot.KeyedSet) int {
			t.Helper()
			var n int
			err := st.Do(ctx, func(tx bot.Tx) error {
				var err error
				n, err = tx.ImportSets(user, 0, ss)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := add(ann, sets); n != 2 {
			t.Errorf("first import: got %d, want 2", n)
		}
		if n := add(ann, sets); n != 0 {
			t.Errorf("same keys again: got %d, want 0", n)
		}
		extra := append(sets, bot.KeyedSet{Set: sets[0].Set, Key: "c"})
		if n := add(ann, extra); n != 1 {
			t.Errorf("one new key: got %d, want 1", n)
		}
		if n := add(bob, sets); n != 2 {
			t.Errorf("another user, same keys: got %d, want 2", n)
		}
		// One transaction: an import that fails after storing stores nothing.
		boom := errors.New("boom")
		err := st.Do(ctx, func(tx bot.Tx) error {
			if _, err := tx.ImportSets(ann, 0, []bot.KeyedSet{{Set: sets[0].Set, Key: "z"}}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v, want boom", err)
		}
		var got []engine.Set
		err = st.Do(ctx, func(tx bot.Tx) error {
			h, err := tx.History(ann, "bench", 0, 0)
			got = h.Sets
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Fatalf("got %d bench sets, want 3", len(got))
		}
		if got[0].Load != engine.NewLoad(225, engine.Lb) || got[0].Kind != engine.Failure || got[2].Kind != engine.Drop || got[2].Load != engine.NewLoad(185, engine.Lb) {
			t.Errorf("got %+v, want the loads and kinds as imported", got)
		}
	})
}
