package storage_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// addPiece logs sets of one lift on one day as one entry and returns its id.
func addPiece(t *testing.T, tx bot.Tx, userID int64, lift string, day engine.Date, reps ...int) int64 {
	t.Helper()
	var sets []engine.Set
	for i, r := range reps {
		sets = append(sets, engine.Set{Lift: lift, Date: day, Seq: i, Load: engine.NewLoad(100, engine.Kg), Reps: r, Kind: engine.Working})
	}
	id, err := tx.AddEntrySets(bot.Entry{UserID: userID, Kind: bot.EntrySets, Date: day, Lift: lift, Summary: lift}, sets)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestLiftNames(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		d := engine.Date(20400)
		mustDo(t, st, func(tx bot.Tx) error {
			addPiece(t, tx, a.ID, "squat (barbell)", d, 5, 5)
			addPiece(t, tx, a.ID, "squat (barbell)", d+2, 5)
			addPiece(t, tx, a.ID, "squat", d+4, 3)
			addPiece(t, tx, b.ID, "squat (barbell)", d, 8)
			for _, err := range []error{
				tx.PutRange(a.ID, "squat (barbell)", engine.RepRange{Lo: 3, Hi: 5}),
				tx.PutRange(a.ID, "squat", engine.RepRange{Lo: 1, Hi: 3}),
				tx.SetLiftKind(a.ID, "squat (barbell)", "lower compound"),
				tx.SetLiftBase(a.ID, "ssb", "squat (barbell)"),
				tx.PutAlias(a.ID, "sqb", "squat (barbell)"),
				tx.PutAlias(a.ID, "s", "squat"),
				tx.PutAlias(a.ID, "s", "ssb"), // replaces
			} {
				if err != nil {
					return err
				}
			}
			return nil
		})
		mustDo(t, st, func(tx bot.Tx) error {
			if l, err := tx.Alias(a.ID, "s"); err != nil || l != "ssb" {
				t.Errorf("alias s: got (%q, %v), want ssb", l, err)
			}
			if _, err := tx.Alias(b.ID, "s"); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("bob's alias s: got %v, want ErrNotFound", err)
			}
			m, err := tx.MoveLift(a.ID, "squat (barbell)", "squat")
			if err != nil {
				return err
			}
			want := bot.LiftMove{Sets: 3, Entries: 2, Range: "dropped", Setting: "moved", Aliases: 1}
			if m != want {
				t.Errorf("merge: got %+v, want %+v", m, want)
			}
			return nil
		})
		mustDo(t, st, func(tx bot.Tx) error {
			counts, err := tx.LiftCounts(a.ID)
			if err != nil {
				return err
			}
			if want := []bot.LiftCount{{Lift: "squat", Sets: 4}}; !reflect.DeepEqual(counts, want) {
				t.Errorf("alice's lifts after the merge: got %+v, want %+v", counts, want)
			}
			if counts, _ := tx.LiftCounts(b.ID); len(counts) != 1 || counts[0].Lift != "squat (barbell)" {
				t.Errorf("bob's lifts moved with alice's: %+v", counts)
			}
			n, err := tx.LiftNotes(a.ID)
			if err != nil {
				return err
			}
			want := bot.LiftNotes{Aliases: map[string]string{"sqb": "squat", "s": "ssb"},
				Kinds: map[string]string{"squat": "lower compound"}, Bases: map[string]string{"ssb": "squat"}}
			if !reflect.DeepEqual(n, want) {
				t.Errorf("notes after the merge: got %+v, want %+v", n, want)
			}
			if r, _ := tx.Ranges(a.ID); !reflect.DeepEqual(r, map[string]engine.RepRange{"squat": {Lo: 1, Hi: 3}}) {
				t.Errorf("ranges after the merge: got %v, want squat's own", r)
			}
			if had, err := tx.DeleteAlias(a.ID, "sqb"); !had || err != nil {
				t.Errorf("delete alias: got (%v, %v)", had, err)
			}
			if err := tx.SetLiftKind(a.ID, "squat", ""); err != nil {
				return err
			}
			n, _ = tx.LiftNotes(a.ID)
			if len(n.Kinds) != 0 || len(n.Aliases) != 1 {
				t.Errorf("notes after clearing: %+v", n)
			}
			return nil
		})
		// /forget leaves none of it.
		mustDo(t, st, func(tx bot.Tx) error { _, err := tx.Forget(a.ID); return err })
		rem, err := st.Remaining(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range []string{"lift_aliases", "lift_settings"} {
			if rem[tb] != 0 {
				t.Errorf("after /forget %s holds %d rows", tb, rem[tb])
			}
		}
	})
}

func TestPieces(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		d := engine.Date(20400)
		var refs []bot.PieceRef
		mustDo(t, st, func(tx bot.Tx) error {
			addPiece(t, tx, a.ID, "squat", d, 5, 5, 5)
			addPiece(t, tx, a.ID, "squat", d, 3) // a second /log the same day: a piece of its own
			addPiece(t, tx, a.ID, "bench", d+1, 8)
			addPiece(t, tx, b.ID, "squat", d, 1)
			var err error
			refs, err = tx.Pieces(a.ID, "", []engine.Date{d, d + 1})
			return err
		})
		if len(refs) != 3 || refs[0].Lift != "squat" || refs[2].Lift != "bench" || refs[0].Handle == refs[1].Handle {
			t.Fatalf("pieces: got %+v", refs)
		}
		h := refs[0].Handle
		mustDo(t, st, func(tx bot.Tx) error {
			p, err := tx.Piece(a.ID, h)
			if err != nil {
				return err
			}
			if len(p.Sets) != 3 || p.Date != d {
				t.Errorf("piece %d: got %+v", h, p)
			}
			if _, err := tx.Piece(b.ID, h); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("bob reads alice's piece: got %v, want ErrNotFound", err)
			}
			if _, err := tx.Piece(a.ID, p.IDs[1]); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("a piece's second set as a handle: got %v, want ErrNotFound", err)
			}
			// Two sets for three: the handle stays.
			edit := []engine.Set{p.Sets[0], p.Sets[1]}
			edit[0].Reps, edit[1].Reps = 4, 4
			if err := tx.ReplacePiece(a.ID, p, edit); err != nil {
				return err
			}
			q, err := tx.Piece(a.ID, h)
			if err != nil {
				return err
			}
			if len(q.Sets) != 2 || q.Sets[0].Reps != 4 {
				t.Errorf("after the edit: got %+v", q.Sets)
			}
			// Back to three: a new row for the third.
			if err := tx.ReplacePiece(a.ID, q, p.Sets); err != nil {
				return err
			}
			if q, _ = tx.Piece(a.ID, h); len(q.Sets) != 3 || q.Sets[0].Reps != 5 {
				t.Errorf("after the edit back: got %+v", q.Sets)
			}
			return nil
		})
		mustDo(t, st, func(tx bot.Tx) error {
			p, err := tx.Piece(a.ID, refs[1].Handle)
			if err != nil {
				return err
			}
			e, err := tx.Entry(a.ID, p.EntryID)
			if err != nil {
				return err
			}
			gone, err := tx.DeletePiece(a.ID, p)
			if err != nil || !gone {
				t.Errorf("delete the only piece of an entry: got (%v, %v), want its entry gone", gone, err)
			}
			if _, err := tx.Entry(a.ID, p.EntryID); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("the entry after its piece was deleted: %v", err)
			}
			if err := tx.RestorePiece(a.ID, p, &e); err != nil {
				return err
			}
			back, err := tx.Piece(a.ID, refs[1].Handle)
			if err != nil || !reflect.DeepEqual(back.IDs, p.IDs) {
				t.Errorf("restored piece: got %+v (%v), want ids %v", back, err, p.IDs)
			}
			if e2, err := tx.Entry(a.ID, p.EntryID); err != nil || e2.Summary != e.Summary {
				t.Errorf("restored entry: got %+v (%v)", e2, err)
			}
			return nil
		})
		// An undo record round-trips through the entry.
		mustDo(t, st, func(tx bot.Tx) error {
			p, err := tx.Piece(a.ID, h)
			if err != nil {
				return err
			}
			id, err := tx.AddEntry(bot.Entry{UserID: a.ID, Kind: bot.EntryDelete, Date: d, Lift: "squat", Summary: "x", Undo: &bot.PieceUndo{Piece: p}})
			if err != nil {
				return err
			}
			e, err := tx.Entry(a.ID, id)
			if err != nil {
				return err
			}
			if e.Undo == nil || !reflect.DeepEqual(e.Undo.Piece.IDs, p.IDs) || e.Undo.Piece.Sets[2].Reps != 5 || e.Prev != nil {
				t.Errorf("undo record: got %+v", e.Undo)
			}
			return nil
		})
	})
}

// /link: the merged account's aliases and lift settings move; where both
// accounts have one for the same name, the survivor's stays.
func TestMergeUsersMovesLiftNames(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		into := mustUser(t, st, alice)
		from := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		mustDo(t, st, func(tx bot.Tx) error {
			for _, err := range []error{
				tx.PutAlias(into.ID, "s", "squat"),
				tx.PutAlias(from.ID, "s", "ssb"),
				tx.PutAlias(from.ID, "z", "zercher"),
				tx.SetLiftKind(into.ID, "leg press", "lower isolation"),
				tx.SetLiftKind(from.ID, "leg press", "lower compound"),
				tx.SetLiftBase(from.ID, "ssb", "squat"),
			} {
				if err != nil {
					return err
				}
			}
			_, err := tx.MergeUsers(into.ID, from.ID)
			return err
		})
		mustDo(t, st, func(tx bot.Tx) error {
			n, err := tx.LiftNotes(into.ID)
			if err != nil {
				return err
			}
			want := bot.LiftNotes{Aliases: map[string]string{"s": "squat", "z": "zercher"},
				Kinds: map[string]string{"leg press": "lower isolation"}, Bases: map[string]string{"ssb": "squat"}}
			if !reflect.DeepEqual(n, want) {
				t.Errorf("after /link: got %+v, want %+v", n, want)
			}
			return nil
		})
	})
}
