package storage_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func TestRestTimer(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		mustDo(t, st, func(tx bot.Tx) error {
			got, err := tx.RestTimer(a.ID)
			if !errors.Is(err, bot.ErrNotFound) || got.UserID != a.ID {
				t.Errorf("a new user's timer: got (%+v, %v), want ErrNotFound with the user id", got, err)
			}
			return nil
		})
		start := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
		run := bot.RestTimer{UserID: a.ID, Auto: true, Seq: 3, Seconds: 150, Started: start, Due: start.Add(150 * time.Second), Platform: "telegram", Next: "bench"}
		mustDo(t, st, func(tx bot.Tx) error {
			if err := tx.PutRestTimer(bot.RestTimer{UserID: b.ID, Seq: 1}); err != nil {
				return err
			}
			if err := tx.PutRestTimer(bot.RestTimer{UserID: a.ID, Seq: 2}); err != nil {
				return err
			}
			return tx.PutRestTimer(run) // replaces
		})
		mustDo(t, st, func(tx bot.Tx) error {
			got, err := tx.RestTimer(a.ID)
			if err != nil || !reflect.DeepEqual(got, run) {
				t.Errorf("got (%+v, %v), want %+v", got, err, run)
			}
			stopped := run
			stopped.Due, stopped.Started, stopped.Seconds, stopped.Next = time.Time{}, time.Time{}, 0, ""
			if err := tx.PutRestTimer(stopped); err != nil {
				return err
			}
			got, err = tx.RestTimer(a.ID)
			if err != nil || !reflect.DeepEqual(got, stopped) || got.Running(start) {
				t.Errorf("stopped: got (%+v, %v), want %+v, not running", got, err, stopped)
			}
			return nil
		})
	})
}

func TestRoutines(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
		errRollback := errors.New("rollback the failed statement")
		err := st.Do(context.Background(), func(tx bot.Tx) error {
			for _, x := range []struct {
				user int64
				r    bot.Routine
			}{
				{a.ID, bot.Routine{Name: "push", Lifts: []string{"bench press", "overhead press", "dip"}, Created: at}},
				{a.ID, bot.Routine{Name: "legs", Lifts: []string{"squat"}, Created: at}},
				{b.ID, bot.Routine{Name: "push", Lifts: []string{"push-up"}, Created: at}},
			} {
				if err := tx.AddRoutine(x.user, x.r); err != nil {
					return err
				}
			}
			if err := tx.AddRoutine(a.ID, bot.Routine{Name: "push", Lifts: []string{"squat"}, Created: at}); err == nil {
				t.Error("a second routine named push: got no error, want the unique key's")
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatalf("got %v, want the rollback", err)
		}
		mustDo(t, st, func(tx bot.Tx) error {
			if err := tx.AddRoutine(a.ID, bot.Routine{Name: "push", Lifts: []string{"bench press", "overhead press", "dip"}, Created: at}); err != nil {
				return err
			}
			return tx.AddRoutine(a.ID, bot.Routine{Name: "legs", Lifts: []string{"squat", "leg, \"curl\""}, Created: at})
		})
		mustDo(t, st, func(tx bot.Tx) error {
			got, err := tx.Routines(a.ID)
			if err != nil {
				return err
			}
			if len(got) != 2 || got[0].Name != "legs" || got[1].Name != "push" || !reflect.DeepEqual(got[0].Lifts, []string{"squat", "leg, \"curl\""}) || !got[0].Created.Equal(at) {
				t.Errorf("got %+v, want legs then push, lifts as stored", got)
			}
			if ok, err := tx.DeleteRoutine(a.ID, "legs"); !ok || err != nil {
				t.Errorf("delete legs: got (%v, %v), want (true, nil)", ok, err)
			}
			if ok, err := tx.DeleteRoutine(a.ID, "legs"); ok || err != nil {
				t.Errorf("delete legs again: got (%v, %v), want (false, nil)", ok, err)
			}
			return nil
		})
	})
}

// A merge keeps both accounts' routines, renaming a clashing one of the
// merged account, and the survivor's timer setting.
func TestMergeUsersKeepsBothRoutines(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		into := mustUser(t, st, alice)
		from := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
		mustDo(t, st, func(tx bot.Tx) error {
			for _, x := range []struct {
				user int64
				name string
			}{{into.ID, "push"}, {into.ID, "push-2"}, {from.ID, "push"}, {from.ID, "pull"}} {
				if err := tx.AddRoutine(x.user, bot.Routine{Name: x.name, Lifts: []string{x.name + " lift"}, Created: at}); err != nil {
					return err
				}
			}
			if err := tx.PutRestTimer(bot.RestTimer{UserID: into.ID, Auto: true}); err != nil {
				return err
			}
			if err := tx.PutRestTimer(bot.RestTimer{UserID: from.ID, Seq: 4}); err != nil {
				return err
			}
			_, err := tx.MergeUsers(into.ID, from.ID)
			return err
		})
		mustDo(t, st, func(tx bot.Tx) error {
			got, err := tx.Routines(into.ID)
			if err != nil {
				return err
			}
			var names []string
			for _, r := range got {
				names = append(names, r.Name+":"+r.Lifts[0])
			}
			want := []string{"pull:pull lift", "push:push lift", "push-2:push-2 lift", "push-3:push lift"}
			if !reflect.DeepEqual(names, want) {
				t.Errorf("got routines %q, want %q", names, want)
			}
			rt, err := tx.RestTimer(into.ID)
			if err != nil || !rt.Auto {
				t.Errorf("timer after merge: got (%+v, %v), want the survivor's (timer on)", rt, err)
			}
			return nil
		})
	})
}
