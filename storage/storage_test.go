package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

var alice = bot.Identity{Platform: "telegram", UserID: "1001", Name: "Alice"}

func defaults() bot.User {
	return bot.User{Units: engine.Kg, Level: engine.Intermediate, TZ: "UTC", Increment: engine.NewLoad(2.5, engine.Kg), DeloadStyle: engine.DeloadStandard}
}

func mustDo(t *testing.T, st *storage.Store, fn func(tx bot.Tx) error) {
	t.Helper()
	if err := st.Do(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func mustUser(t *testing.T, st *storage.Store, id bot.Identity) bot.User {
	t.Helper()
	var u bot.User
	mustDo(t, st, func(tx bot.Tx) error {
		var err error
		u, err = tx.UserFor(id, defaults())
		return err
	})
	return u
}

func TestUserForCreatesOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, alice)
		if a.ID == 0 || a.ID != b.ID {
			t.Fatalf("got ids %d and %d, want one non-zero id", a.ID, b.ID)
		}
		other := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "1001"})
		if other.ID == a.ID {
			t.Fatalf("a discord identity with the same number got the telegram user's id %d", a.ID)
		}
		a.Units, a.TZ, a.PollTime, a.Pending = engine.Lb, "Europe/Berlin", "07:30", "checkin:sleep"
		mustDo(t, st, func(tx bot.Tx) error { return tx.SaveUser(a) })
		c := mustUser(t, st, alice)
		if c.Units != engine.Lb || c.TZ != "Europe/Berlin" || c.PollTime != "07:30" || c.Pending != "checkin:sleep" {
			t.Fatalf("got %+v after save, want units lb, tz Europe/Berlin, poll 07:30, pending checkin:sleep", c)
		}
	})
}

func TestHandledIsOncePerMessage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		u := mustUser(t, st, alice)
		mustDo(t, st, func(tx bot.Tx) error {
			_, dup, err := tx.Handled("telegram", "u1", u.ID, "Logged squat")
			if err != nil || dup {
				t.Fatalf("first record: dup=%v err=%v, want a fresh record", dup, err)
			}
			return nil
		})
		mustDo(t, st, func(tx bot.Tx) error {
			reply, dup, err := tx.Handled("telegram", "u1", u.ID, "something else")
			if err != nil || !dup || reply != "Logged squat" {
				t.Fatalf("second record: got (%q, %v, %v), want the first reply back", reply, dup, err)
			}
			return nil
		})
		// A rolled-back record leaves no trace: the message can be handled again.
		err := st.Do(context.Background(), func(tx bot.Tx) error {
			if _, _, err := tx.Handled("telegram", "u2", u.ID, "x"); err != nil {
				return err
			}
			return errors.New("boom")
		})
		if err == nil {
			t.Fatal("want the error back from Do")
		}
		mustDo(t, st, func(tx bot.Tx) error {
			_, dup, err := tx.Handled("telegram", "u2", u.ID, "y")
			if err != nil || dup {
				t.Fatalf("record after rollback: dup=%v err=%v, want fresh", dup, err)
			}
			return nil
		})
	})
}

func TestConcurrentClaimsStoreOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		u := mustUser(t, st, alice)
		var wg sync.WaitGroup
		var mu sync.Mutex
		fresh := 0
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errDup := errors.New("duplicate")
				err := st.Do(context.Background(), func(tx bot.Tx) error {
					id, err := tx.AddEntry(bot.Entry{UserID: u.ID, Kind: bot.EntrySets, Date: engine.NewDate(2026, 11, 1), Lift: "squat"})
					if err != nil {
						return err
					}
					if err := tx.AddSets(u.ID, id, []engine.Set{{Lift: "squat", Date: engine.NewDate(2026, 11, 1), Load: engine.NewLoad(100, engine.Kg), Reps: 5}}); err != nil {
						return err
					}
					_, dup, err := tx.Handled("telegram", "same", u.ID, "ok")
					if err != nil {
						return err
					}
					if dup {
						return errDup
					}
					mu.Lock()
					fresh++
					mu.Unlock()
					return nil
				})
				if err != nil && !errors.Is(err, errDup) {
					t.Errorf("do: %v", err)
				}
			}()
		}
		wg.Wait()
		var n int
		mustDo(t, st, func(tx bot.Tx) error {
			h, err := tx.History(u.ID, "", 0, 0)
			n = len(h.Sets)
			return err
		})
		if fresh != 1 || n != 1 {
			t.Fatalf("got %d fresh claims and %d sets, want 1 and 1", fresh, n)
		}
	})
}

func TestLoadsAreExact(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		u := mustUser(t, st, alice)
		day := engine.NewDate(2026, 11, 2)
		in := []engine.Set{
			{Lift: "squat", Date: day, Seq: 0, Load: engine.NewLoad(102.5, engine.Kg), Reps: 3, RIR: 1.5, HasRIR: true, RestSec: 150, Tags: []string{"travel", "newbar"}},
			{Lift: "squat", Date: day, Seq: 1, Load: engine.NewLoad(225, engine.Lb), Reps: 5, Kind: engine.Drop},
			{Lift: "squat", Date: day, Seq: 2, Load: engine.NewLoad(56.25, engine.Kg), Reps: 8, Kind: engine.Warmup},
			{Lift: "pull-up", Date: day, Seq: 0, Load: engine.NewLoad(20, engine.Kg), Bodyweight: true, Reps: 5},
		}
		mustDo(t, st, func(tx bot.Tx) error {
			id, err := tx.AddEntry(bot.Entry{UserID: u.ID, Kind: bot.EntrySets, Date: day})
			if err != nil {
				return err
			}
			return tx.AddSets(u.ID, id, in)
		})
		var got []engine.Set
		mustDo(t, st, func(tx bot.Tx) error {
			h, err := tx.History(u.ID, "", day, day)
			got = h.Sets
			return err
		})
		if len(got) != len(in) {
			t.Fatalf("got %d sets, want %d", len(got), len(in))
		}
		want := map[string]engine.Set{}
		for _, s := range in {
			want[s.Lift+string(rune('0'+s.Seq))] = s
		}
		for _, g := range got {
			w := want[g.Lift+string(rune('0'+g.Seq))]
			if g.Load != w.Load || g.Reps != w.Reps || g.RIR != w.RIR || g.HasRIR != w.HasRIR || g.Kind != w.Kind || g.Bodyweight != w.Bodyweight || g.RestSec != w.RestSec || len(g.Tags) != len(w.Tags) {
				t.Errorf("got %+v, want %+v", g, w)
			}
		}
		if got[0].Load.String() != "225 lb" && got[1].Load.String() != "225 lb" && got[2].Load.String() != "225 lb" {
			t.Errorf("225 lb did not read back as 225 lb: %+v", got)
		}
	})
}

func TestHistoryWindowAndSessions(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		u := mustUser(t, st, alice)
		start := engine.NewDate(2021, 1, 1)
		mustDo(t, st, func(tx bot.Tx) error {
			for d := 0; d < 400; d += 2 {
				day := start.AddDays(d)
				id, err := tx.AddEntry(bot.Entry{UserID: u.ID, Kind: bot.EntrySets, Date: day, Lift: "squat"})
				if err != nil {
					return err
				}
				sets := []engine.Set{{Lift: "squat", Date: day, Load: engine.NewLoad(100, engine.Kg), Reps: 5}, {Lift: "bench", Date: day, Load: engine.NewLoad(80, engine.Kg), Reps: 5}}
				if err := tx.AddSets(u.ID, id, sets); err != nil {
					return err
				}
				if err := tx.PutCheckin(u.ID, engine.Checkin{Date: day, Sleep: engine.SleepGood}); err != nil {
					return err
				}
			}
			return nil
		})
		mustDo(t, st, func(tx bot.Tx) error {
			from := start.AddDays(398 - 84)
			h, err := tx.History(u.ID, "squat", from, start.AddDays(398-35))
			if err != nil {
				return err
			}
			if len(h.Sets) != 43 {
				t.Errorf("got %d squat sets in 12 weeks, want 43", len(h.Sets))
			}
			for _, s := range h.Sets {
				if s.Lift != "squat" || s.Date < from {
					t.Fatalf("set outside the window: %+v", s)
				}
			}
			if len(h.Checkins) != 18 {
				t.Errorf("got %d check-ins in 35 days, want 18", len(h.Checkins))
			}
			days, err := tx.SessionDays(u.ID, "squat", 3)
			if err != nil {
				return err
			}
			if len(days) != 3 || days[0] != start.AddDays(398) || days[2] != start.AddDays(394) {
				t.Errorf("got session days %v, want the last three, newest first", days)
			}
			first, err := tx.FirstLog(u.ID)
			if err != nil || first != start {
				t.Errorf("got first log %v (%v), want %v", first, err, start)
			}
			lifts, err := tx.Lifts(u.ID)
			if err != nil || len(lifts) != 2 {
				t.Errorf("got lifts %v (%v), want bench and squat", lifts, err)
			}
			return nil
		})
	})
}

func TestEntriesCheckinsDeloads(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		u := mustUser(t, st, alice)
		day := engine.NewDate(2026, 11, 20)
		prev := engine.Checkin{Date: day, Sleep: engine.SleepOK}
		mustDo(t, st, func(tx bot.Tx) error {
			if err := tx.PutCheckin(u.ID, prev); err != nil {
				return err
			}
			if err := tx.PutCheckin(u.ID, engine.Checkin{Date: day, Sleep: engine.SleepPoor, RHR: 61, HRV: 45.5, SleptHours: 5.5, Tags: []string{"sick"}}); err != nil {
				return err
			}
			if _, err := tx.AddEntry(bot.Entry{UserID: u.ID, Kind: bot.EntryCheckin, Date: day, Summary: "check-in", Prev: &prev, Created: time.Now()}); err != nil {
				return err
			}
			return tx.AddDeload(u.ID, engine.DeloadPeriod{Start: day, End: day.AddDays(6), Planned: true})
		})
		mustDo(t, st, func(tx bot.Tx) error {
			c, err := tx.Checkin(u.ID, day)
			if err != nil || c.Sleep != engine.SleepPoor || c.RHR != 61 || c.HRV != 45.5 || c.SleptHours != 5.5 || len(c.Tags) != 1 {
				t.Errorf("got check-in %+v (%v), want the replaced one", c, err)
			}
			e, err := tx.LastEntry(u.ID)
			if err != nil || e.Prev == nil || e.Prev.Sleep != engine.SleepOK {
				t.Errorf("got entry %+v (%v), want the previous check-in kept", e, err)
			}
			if err := tx.UpdateDeload(u.ID, day, engine.DeloadPeriod{Start: day, End: day.AddDays(3), Planned: true}); err != nil {
				return err
			}
			h, err := tx.History(u.ID, "", day, day)
			if err != nil {
				return err
			}
			if len(h.Deloads) != 1 || h.Deloads[0].End != day.AddDays(3) {
				t.Errorf("got deloads %+v, want one ending %v", h.Deloads, day.AddDays(3))
			}
			if err := tx.DeleteEntry(u.ID, e.ID); err != nil {
				return err
			}
			if _, err := tx.LastEntry(u.ID); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("got %v after delete, want ErrNotFound", err)
			}
			if _, err := tx.Checkin(u.ID, day.AddDays(1)); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("got %v for a day without check-in, want ErrNotFound", err)
			}
			return nil
		})
	})
}

func TestSchemaIsIdempotentAndIndexed(t *testing.T) {
	for _, b := range storagetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			dsn := storagetest.FreshDSN(t, b)
			for i := 0; i < 2; i++ {
				st, err := storage.Open(context.Background(), dsn)
				if err != nil {
					t.Fatalf("open #%d: %v", i+1, err)
				}
				if err := st.Migrate(context.Background()); err != nil {
					t.Fatalf("migrate #%d: %v", i+1, err)
				}
				for _, idx := range []string{"idx_sets_user_lift_date", "idx_handled", "idx_identity", "idx_checkin_day"} {
					if !st.HasIndex(idx) {
						t.Errorf("index %s missing", idx)
					}
				}
				st.Close()
			}
		})
	}
}

func TestConcurrentFirstMessagesMakeOneUser(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		for k := 0; k < 20; k++ {
			id := bot.Identity{Platform: "telegram", UserID: fmt.Sprint(700 + k)}
			var wg sync.WaitGroup
			start := make(chan struct{})
			ids := make([]int64, 8)
			for i := range ids {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					err := st.Do(context.Background(), func(tx bot.Tx) error {
						u, err := tx.UserFor(id, defaults())
						ids[i] = u.ID
						return err
					})
					if err != nil {
						t.Errorf("user for: %v", err)
					}
				}()
			}
			close(start)
			wg.Wait()
			for _, got := range ids {
				if got != ids[0] || got == 0 {
					t.Fatalf("got user ids %v, want one id for one identity", ids)
				}
			}
		}
	})
}

// Two users who both had the daily poll can still be linked: their nudge
// records share a (kind, day) key.
func TestMergeUsersWithNudges(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		mustDo(t, st, func(tx bot.Tx) error {
			for _, id := range []int64{a.ID, b.ID} {
				if err := tx.PutNudge(bot.Nudge{UserID: id, Kind: bot.NudgePoll, Sent: 1}); err != nil {
					return err
				}
			}
			_, err := tx.MergeUsers(a.ID, b.ID)
			return err
		})
	})
}
