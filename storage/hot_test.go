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
		var win bot.LiftWindow
		var hist engine.History
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

// The batch reads and writes of bot.HandleBatch's quick path must say what
// the one-message ones say.
func TestBatchReadsAndRecordsMatchTheOneByOnePath(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		bob := bot.Identity{Platform: "telegram", UserID: "1002", Name: "Bob"}
		stranger := bot.Identity{Platform: "telegram", UserID: "9999"}
		a, b := mustUser(t, st, alice), mustUser(t, st, bob)
		day := engine.NewDate(2026, 11, 2)
		mustDo(t, st, func(tx bot.Tx) error {
			for _, u := range []bot.User{a, b} {
				for k, lift := range []string{"squat", "bench"} {
					set := engine.Set{Lift: lift, Date: day.AddDays(-k), Load: engine.NewLoad(float64(100+u.ID), engine.Kg), Reps: 5 + k, Kind: engine.Working}
					if _, err := tx.AddEntrySets(bot.Entry{UserID: u.ID, Kind: bot.EntrySets, Date: set.Date, Lift: lift, Summary: "s"}, []engine.Set{set}); err != nil {
						return err
					}
				}
			}
			return tx.AddDeload(b.ID, engine.DeloadPeriod{Start: day.AddDays(-20), End: day.AddDays(-14), Planned: true})
		})
		mustDo(t, st, func(tx bot.Tx) error {
			users, err := tx.UsersOf([]bot.Identity{bob, stranger, alice})
			if err != nil {
				return err
			}
			if len(users) != 3 || users[0].ID != b.ID || users[1].ID != 0 || users[2].ID != a.ID || users[2].Units != a.Units || users[2].TZ != a.TZ {
				t.Errorf("UsersOf(bob, stranger, alice) = %+v, want bob, none, alice", users)
			}
			if err := tx.PutRange(a.ID, "squat", engine.RepRange{Lo: 3, Hi: 5}); err != nil {
				return err
			}
			if err := tx.PutRange(a.ID, "bench", engine.RepRange{Lo: 8, Hi: 12}); err != nil { // another lift's: not in the squat window
				return err
			}
			reqs := []bot.WindowRequest{{UserID: b.ID, Lift: "bench", From: day.AddDays(-30)}, {UserID: a.ID, Lift: "squat", From: day.AddDays(-30)}, {UserID: a.ID, Lift: "deadlift", From: 0}}
			got, err := tx.LiftWindows(reqs)
			if err != nil {
				return err
			}
			for i, r := range reqs {
				want, err := tx.LiftWindow(r.UserID, r.Lift, r.From)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(got[i], want) {
					t.Errorf("LiftWindows request %d = %+v, want LiftWindow's %+v", i, got[i], want)
				}
			}
			if len(got[0].Sets) != 1 || len(got[0].Deloads) != 1 || len(got[1].Sets) != 1 || len(got[1].Deloads) != 0 || len(got[2].Sets) != 0 {
				t.Errorf("LiftWindows = %+v, want bob's bench with his deload, alice's squat, no deadlift", got)
			}
			// The window carries the lift's set range, the /log reply's comparison reads it.
			if got[0].Range != nil || got[1].Range == nil || *got[1].Range != (engine.RepRange{Lo: 3, Hi: 5}) || got[2].Range != nil {
				t.Errorf("LiftWindows ranges = %v %v %v, want none, alice's squat 3-5, none", got[0].Range, got[1].Range, got[2].Range)
			}

			if _, dup, err := tx.Handled("telegram", "tg:1", a.ID, "first"); err != nil || dup {
				return fmt.Errorf("handled: %v %v", dup, err)
			}
			n, err := tx.RecordHandled([]bot.HandledMessage{
				{Platform: "telegram", Ref: "tg:1", UserID: a.ID, Reply: "again"},
				{Platform: "telegram", Ref: "tg:2", UserID: b.ID, Reply: "second"},
				{Platform: "discord", Ref: "tg:1", UserID: b.ID, Reply: "other platform"},
			})
			if err != nil || n != 2 {
				t.Errorf("RecordHandled of one seen and two new = %d, %v; want 2", n, err)
			}
			for _, c := range []struct{ platform, ref, reply string }{{"telegram", "tg:1", "first"}, {"telegram", "tg:2", "second"}, {"discord", "tg:1", "other platform"}} {
				prev, dup, err := tx.Handled(c.platform, c.ref, a.ID, "later")
				if err != nil || !dup || prev != c.reply {
					t.Errorf("Handled(%s, %s) after RecordHandled = %q, %v, %v; want %q, dup", c.platform, c.ref, prev, dup, err, c.reply)
				}
			}
			return nil
		})
	})
}

func TestAddEntriesSetsStoresEachUsersEntry(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		day := engine.NewDate(2026, 11, 2)
		var us []bot.User
		var es []bot.EntryWithSets
		for k := range 3 {
			u := mustUser(t, st, bot.Identity{Platform: "telegram", UserID: fmt.Sprint(2000 + k)})
			us = append(us, u)
			var sets []engine.Set
			for n := range k + 1 {
				sets = append(sets, engine.Set{Lift: "squat", Date: day, Seq: n, Load: engine.NewLoad(100+float64(k)+0.25*float64(n), engine.Kg), Reps: 5 - n, RIR: 2, HasRIR: true, Kind: engine.Working, Tags: []string{"t" + fmt.Sprint(k)}})
			}
			es = append(es, bot.EntryWithSets{Entry: bot.Entry{UserID: u.ID, Kind: bot.EntrySets, Date: day, Lift: "squat", Summary: fmt.Sprint("entry ", k)}, Sets: sets})
		}
		var ids []int64
		mustDo(t, st, func(tx bot.Tx) error {
			var err error
			ids, err = tx.AddEntriesSets(es)
			return err
		})
		mustDo(t, st, func(tx bot.Tx) error {
			for k, u := range us {
				e, err := tx.Entry(u.ID, ids[k])
				if err != nil || e.Summary != fmt.Sprint("entry ", k) {
					t.Errorf("user %d: entry %d = %+v, %v; want %q", k, ids[k], e, err, fmt.Sprint("entry ", k))
				}
				h, err := tx.History(u.ID, "squat", day, day)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(h.Sets, es[k].Sets) {
					t.Errorf("user %d: stored %+v, want %+v", k, h.Sets, es[k].Sets)
				}
			}
			return nil
		})
		// Undo of one entry takes its sets only: the sets carry their own entry's id.
		mustDo(t, st, func(tx bot.Tx) error { return tx.DeleteEntry(us[2].ID, ids[2]) })
		mustDo(t, st, func(tx bot.Tx) error {
			for k, want := range []int{1, 2, 0} {
				h, err := tx.History(us[k].ID, "squat", day, day)
				if err != nil {
					return err
				}
				if len(h.Sets) != want {
					t.Errorf("after undoing user 2's entry, user %d has %d sets, want %d", k, len(h.Sets), want)
				}
			}
			return nil
		})
		err := st.Do(ctx, func(tx bot.Tx) error {
			_, err := tx.AddEntriesSets([]bot.EntryWithSets{es[0], es[0]})
			return err
		})
		if err == nil {
			t.Error("two entries of one user in one call: got no error")
		}
	})
}
