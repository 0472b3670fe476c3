package storage_test

import (
	"reflect"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func mustBodyWeights(t *testing.T, st *storage.Store, userID int64, from engine.Date) []engine.BodyWeight {
	t.Helper()
	var out []engine.BodyWeight
	mustDo(t, st, func(tx bot.Tx) error {
		var err error
		out, err = tx.BodyWeights(userID, from)
		return err
	})
	return out
}

func bw(d engine.Date, v float64, u engine.Unit) engine.BodyWeight {
	return engine.BodyWeight{Date: d, Weight: engine.NewLoad(v, u)}
}

// One weight a day, the day's last; the latest before the window leads;
// undoing a day's last weigh-in brings back the one before; History
// carries them; another user's are not read.
func TestBodyWeights(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		d := engine.NewDate(2025, 3, 1)
		var second int64
		mustDo(t, st, func(tx bot.Tx) error {
			for i, w := range []engine.BodyWeight{bw(d, 80, engine.Kg), bw(d.AddDays(10), 81, engine.Kg), bw(d.AddDays(20), 180.5, engine.Lb)} {
				eid, err := tx.AddEntry(bot.Entry{UserID: a.ID, Kind: "bw", Date: w.Date, Summary: "bw"})
				if err != nil {
					return err
				}
				if i == 1 {
					second = eid
				}
				if err := tx.AddBodyWeight(a.ID, eid, w); err != nil {
					return err
				}
			}
			return tx.AddBodyWeight(b.ID, 0, bw(d.AddDays(10), 120, engine.Kg))
		})
		all := []engine.BodyWeight{bw(d, 80, engine.Kg), bw(d.AddDays(10), 81, engine.Kg), bw(d.AddDays(20), 180.5, engine.Lb)}
		if got := mustBodyWeights(t, st, a.ID, engine.NewDate(1900, 1, 1)); !reflect.DeepEqual(got, all) {
			t.Errorf("all: got %v, want %v", got, all)
		}
		if got, want := mustBodyWeights(t, st, a.ID, d.AddDays(15)), all[1:]; !reflect.DeepEqual(got, want) {
			t.Errorf("from day 15: got %v, want %v (the latest before first)", got, want)
		}
		// A correction the same day wins; undoing it brings back the first.
		var fix int64
		mustDo(t, st, func(tx bot.Tx) error {
			var err error
			if fix, err = tx.AddEntry(bot.Entry{UserID: a.ID, Kind: "bw", Date: d.AddDays(10), Summary: "fix"}); err != nil {
				return err
			}
			return tx.AddBodyWeight(a.ID, fix, bw(d.AddDays(10), 81.2, engine.Kg))
		})
		if got := mustBodyWeights(t, st, a.ID, d.AddDays(10)); len(got) != 3 || got[1] != bw(d.AddDays(10), 81.2, engine.Kg) {
			t.Errorf("after a correction: got %v, want 81.2 kg on day 10 after day 0", got)
		}
		mustDo(t, st, func(tx bot.Tx) error { return tx.DeleteEntry(a.ID, fix) })
		if got := mustBodyWeights(t, st, a.ID, d.AddDays(10)); len(got) != 3 || got[1] != bw(d.AddDays(10), 81, engine.Kg) {
			t.Errorf("after undoing the correction: got %v, want 81 kg back on day 10", got)
		}
		mustDo(t, st, func(tx bot.Tx) error { return tx.DeleteEntry(a.ID, second) })
		var h engine.History
		mustDo(t, st, func(tx bot.Tx) error {
			var err error
			h, err = tx.History(a.ID, "", d.AddDays(5), d)
			return err
		})
		if want := []engine.BodyWeight{all[0], all[2]}; !reflect.DeepEqual(h.BodyWeights, want) {
			t.Errorf("History from day 5 after undoing day 10: got %v, want %v", h.BodyWeights, want)
		}
		if got, want := mustBodyWeights(t, st, b.ID, engine.NewDate(1900, 1, 1)), []engine.BodyWeight{bw(d.AddDays(10), 120, engine.Kg)}; !reflect.DeepEqual(got, want) {
			t.Errorf("bob: got %v, want %v", got, want)
		}
	})
}

func TestNotes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		d := engine.NewDate(2025, 3, 1)
		long := ""
		for len([]rune(long)) < 500 {
			long += "ü"
		}
		var eid int64
		mustDo(t, st, func(tx bot.Tx) error {
			var err error
			if eid, err = tx.AddEntry(bot.Entry{UserID: a.ID, Kind: bot.EntrySets, Date: d, Lift: "squat", Summary: "s"}); err != nil {
				return err
			}
			for _, n := range []bot.Note{
				{Date: d, Lift: "squat", Text: "felt fast, belt 💪"},
				{Date: d.AddDays(1), Text: long},
				{Date: d, Text: `"quoted" 'and' – dashes`},
			} {
				if err := tx.AddNote(a.ID, eid, n); err != nil {
					return err
				}
			}
			return tx.AddNote(a.ID, 0, bot.Note{Date: d.AddDays(2), Lift: "bench", Text: "imported"})
		})
		var got []bot.Note
		mustDo(t, st, func(tx bot.Tx) error {
			var err error
			got, err = tx.Notes(a.ID, d, d.AddDays(1))
			return err
		})
		want := []bot.Note{{Date: d, Lift: "squat", Text: "felt fast, belt 💪"}, {Date: d, Text: `"quoted" 'and' – dashes`}, {Date: d.AddDays(1), Text: long}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		mustDo(t, st, func(tx bot.Tx) error {
			if err := tx.DeleteEntry(a.ID, eid); err != nil {
				return err
			}
			var err error
			got, err = tx.Notes(a.ID, d, d.AddDays(9))
			return err
		})
		if want := []bot.Note{{Date: d.AddDays(2), Lift: "bench", Text: "imported"}}; !reflect.DeepEqual(got, want) {
			t.Errorf("after undo: got %v, want %v", got, want)
		}
	})
}

// A merge moves the merged account's weigh-ins and notes.
func TestMergeUsersMovesBodyWeightsAndNotes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		into := mustUser(t, st, alice)
		from := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		d := engine.NewDate(2025, 3, 1)
		mustDo(t, st, func(tx bot.Tx) error {
			if err := tx.AddBodyWeight(into.ID, 0, bw(d, 80, engine.Kg)); err != nil {
				return err
			}
			if err := tx.AddBodyWeight(from.ID, 0, bw(d.AddDays(1), 81, engine.Kg)); err != nil {
				return err
			}
			if err := tx.AddNote(from.ID, 0, bot.Note{Date: d, Text: "from discord"}); err != nil {
				return err
			}
			_, err := tx.MergeUsers(into.ID, from.ID)
			return err
		})
		if got, want := mustBodyWeights(t, st, into.ID, d), []engine.BodyWeight{bw(d, 80, engine.Kg), bw(d.AddDays(1), 81, engine.Kg)}; !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		mustDo(t, st, func(tx bot.Tx) error {
			n, err := tx.Notes(into.ID, d, d)
			if err == nil && (len(n) != 1 || n[0].Text != "from discord") {
				t.Errorf("got notes %v, want the merged one", n)
			}
			return err
		})
	})
}
