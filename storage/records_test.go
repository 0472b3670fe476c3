package storage_test

import (
	"reflect"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// The /log window carries the lift's bests per load over all its history,
// whatever its window, on both paths (one request, a batch); BestSets
// lists each distinct loaded working set once, with its first day.
// Warm-ups, bodyweight sets, other lifts and other users stay out.
func TestLiftBestsAndBestSets(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		d1, d2, d3 := engine.NewDate(2025, 1, 6), engine.NewDate(2025, 1, 9), engine.NewDate(2026, 3, 2)
		kg := func(v float64) engine.Load { return engine.NewLoad(v, engine.Kg) }
		add := func(u bot.User, lift string, day engine.Date, sets ...engine.Set) {
			t.Helper()
			for i := range sets {
				sets[i].Lift, sets[i].Date, sets[i].Seq = lift, day, i
			}
			mustDo(t, st, func(tx bot.Tx) error {
				_, err := tx.AddEntrySets(bot.Entry{UserID: u.ID, Kind: bot.EntrySets, Date: day, Lift: lift, Summary: "s"}, sets)
				return err
			})
		}
		add(a, "squat", d1,
			engine.Set{Load: kg(140), Reps: 5, Kind: engine.Warmup}, // heavier than any, but a warm-up
			engine.Set{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true},
			engine.Set{Load: kg(100), Reps: 6})
		add(a, "squat", d2,
			engine.Set{Load: kg(105), Reps: 3, RIR: 1.5, HasRIR: true, Kind: engine.Failure},
			engine.Set{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}) // as on d1: one BestSets row
		add(a, "squat", d3, engine.Set{Load: engine.NewLoad(225, engine.Lb), Reps: 2, RIR: -1, HasRIR: true})
		add(a, "pull-up", d2, engine.Set{Load: kg(20), Bodyweight: true, Reps: 5}, engine.Set{Bodyweight: true, Reps: 12})
		add(a, "bench", d2, engine.Set{Load: kg(80), Reps: 8})
		add(b, "squat", d2, engine.Set{Load: kg(200), Reps: 10})

		want := []bot.LoadBest{
			{Load: kg(100), Reps: 6, Effective: 7, First: d1, Last: d2},
			{Load: kg(105), Reps: 3, Effective: 4.5, First: d2, Last: d2},
			{Load: engine.NewLoad(225, engine.Lb), Reps: 2, Effective: 2, First: d3, Last: d3}, // a negative RIR counts as none
		}
		mustDo(t, st, func(tx bot.Tx) error {
			one, err := tx.LiftWindow(a.ID, "squat", d3.AddDays(30)) // no sets in the window: the bests still come
			if err != nil {
				return err
			}
			if len(one.Sets) != 0 || !reflect.DeepEqual(one.Bests, want) {
				t.Errorf("LiftWindow bests = %+v (sets %d), want %+v", one.Bests, len(one.Sets), want)
			}
			many, err := tx.LiftWindows([]bot.WindowRequest{{UserID: b.ID, Lift: "squat"}, {UserID: a.ID, Lift: "squat", From: d3.AddDays(30)}, {UserID: a.ID, Lift: "pull-up"}})
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(many[1].Bests, want) {
				t.Errorf("LiftWindows bests = %+v, want %+v", many[1].Bests, want)
			}
			if len(many[0].Bests) != 1 || many[0].Bests[0].Reps != 10 || len(many[2].Bests) != 0 {
				t.Errorf("LiftWindows bests of bob's squat and alice's pull-up = %+v, %+v; want one (200x10), none", many[0].Bests, many[2].Bests)
			}

			all, err := tx.BestSets(a.ID, "")
			if err != nil {
				return err
			}
			var got []string
			for _, s := range all {
				got = append(got, s.Lift+" "+s.Load.String()+" x"+engine.FormatNumber(float64(s.Reps))+" rir"+engine.FormatNumber(s.RIR)+" "+string(s.Kind)+" "+s.Date.String())
			}
			wantAll := []string{
				"bench 80 kg x8 rir0  " + d2.String(),
				"squat 100 kg x5 rir2  " + d1.String(),
				"squat 100 kg x6 rir0  " + d1.String(),
				"squat 105 kg x3 rir1.5 failure " + d2.String(),
				"squat 225 lb x2 rir-1  " + d3.String(),
			}
			if !reflect.DeepEqual(got, wantAll) {
				t.Errorf("BestSets(all) =\n%q\nwant\n%q", got, wantAll)
			}
			squat, err := tx.BestSets(a.ID, "squat")
			if err != nil {
				return err
			}
			if len(squat) != 4 || squat[0].Lift != "squat" || !squat[0].HasRIR || squat[1].HasRIR {
				t.Errorf("BestSets(squat) = %+v, want alice's 4 distinct squat sets", squat)
			}
			none, err := tx.BestSets(a.ID, "pull-up")
			if err != nil || len(none) != 0 {
				t.Errorf("BestSets(pull-up) = %+v, %v; want none (bodyweight sets)", none, err)
			}
			return nil
		})
	})
}
