package storage_test

import (
	"reflect"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// AddEntrySets and LiftWindow are written out by hand for speed; they must
// store and read exactly what AddEntry, AddSets and History do.
func TestAddEntrySetsAndLiftWindowMatchTheGeneralPath(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		u := mustUser(t, st, alice)
		day := engine.NewDate(2026, 11, 2)
		in := []engine.Set{
			{Lift: "squat", Date: day, Seq: 0, Load: engine.NewLoad(56.25, engine.Kg), Reps: 8, Kind: engine.Warmup},
			{Lift: "squat", Date: day, Seq: 1, Load: engine.NewLoad(102.5, engine.Kg), Reps: 3, RIR: 1.5, HasRIR: true, RestSec: 150, Tags: []string{"travel", "newbar"}},
			{Lift: "squat", Date: day, Seq: 2, Load: engine.NewLoad(225, engine.Lb), Reps: 5, Kind: engine.Drop},
		}
		older := []engine.Set{{Lift: "squat", Date: day.AddDays(-9), Seq: 0, Load: engine.NewLoad(20, engine.Kg), Bodyweight: true, Reps: 5, Kind: engine.Working}}
		tooOld := []engine.Set{{Lift: "squat", Date: day.AddDays(-100), Seq: 0, Load: engine.NewLoad(90, engine.Kg), Reps: 5, Kind: engine.Working}}
		other := []engine.Set{{Lift: "bench", Date: day, Seq: 0, Load: engine.NewLoad(70, engine.Kg), Reps: 5, Kind: engine.Working}}
		deloads := []engine.DeloadPeriod{
			{Start: day.AddDays(-30), End: day.AddDays(-24), Planned: true},
			{Start: day.AddDays(-60), End: day.AddDays(-54), Skipped: true},
		}
		var ids []int64
		mustDo(t, st, func(tx bot.Tx) error {
			for _, sets := range [][]engine.Set{in, older, tooOld, other} {
				id, err := tx.AddEntrySets(bot.Entry{UserID: u.ID, Kind: bot.EntrySets, Date: sets[0].Date, Lift: sets[0].Lift, Summary: "s"}, sets)
				if err != nil {
					return err
				}
				ids = append(ids, id)
			}
			for _, d := range deloads {
				if err := tx.AddDeload(u.ID, d); err != nil {
					return err
				}
			}
			return nil
		})
		var win, hist engine.History
		var entry bot.Entry
		mustDo(t, st, func(tx bot.Tx) error {
			var err error
			if win, err = tx.LiftWindow(u.ID, "squat", day.AddDays(-30)); err != nil {
				return err
			}
			if hist, err = tx.History(u.ID, "squat", day.AddDays(-30), day); err != nil {
				return err
			}
			entry, err = tx.Entry(u.ID, ids[0])
			return err
		})
		if len(win.Sets) != 4 {
			t.Fatalf("got %d sets in the window, want 4 (3 today, 1 nine days ago): %+v", len(win.Sets), win.Sets)
		}
		if !reflect.DeepEqual(win.Sets, hist.Sets) {
			t.Errorf("LiftWindow sets:\n got %+v\nwant %+v (History)", win.Sets, hist.Sets)
		}
		if !reflect.DeepEqual(win.Deloads, hist.Deloads) || len(win.Deloads) != 2 {
			t.Errorf("LiftWindow deloads: got %+v, want %+v (History, 2 of them)", win.Deloads, hist.Deloads)
		}
		if entry.Lift != "squat" || entry.Date != day || entry.Kind != bot.EntrySets || entry.Summary != "s" {
			t.Errorf("got entry %+v, want squat sets on %v", entry, day)
		}
		// Undo takes the entry's sets with it: they carry its id.
		mustDo(t, st, func(tx bot.Tx) error { return tx.DeleteEntry(u.ID, ids[0]) })
		mustDo(t, st, func(tx bot.Tx) error {
			var err error
			win, err = tx.LiftWindow(u.ID, "squat", day.AddDays(-30))
			return err
		})
		if len(win.Sets) != 1 || win.Sets[0].Date != day.AddDays(-9) {
			t.Errorf("after deleting the entry got %+v, want only the set of nine days ago", win.Sets)
		}
	})
}

func TestLiftWindowOfNewUserIsEmpty(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		u := mustUser(t, st, alice)
		mustDo(t, st, func(tx bot.Tx) error {
			h, err := tx.LiftWindow(u.ID, "squat", 0)
			if err != nil {
				return err
			}
			if len(h.Sets) != 0 || len(h.Deloads) != 0 {
				t.Errorf("got %+v, want nothing", h)
			}
			return nil
		})
	})
}
