package engine

import (
	"math/rand"
	"testing"
)

// benchHistory is 12 weeks of 3 sessions a week (squat every session, and
// two of bench, deadlift, overhead press and row), each lift with two
// warm-ups and four working sets, plus a check-in every day for 35 days.
func benchHistory(tb testing.TB, today Date) History {
	tb.Helper()
	r := rand.New(rand.NewSource(7))
	var h History
	others := []string{"bench", "deadlift", "overhead press", "row"}
	for w := 0; w < 12; w++ {
		for _, off := range []int{0, 2, 4} {
			d := today.AddDays(-83 + 7*w + off)
			lifts := []string{"squat", others[r.Intn(4)], others[r.Intn(4)]}
			for _, l := range lifts {
				load := 100 + 2.5*float64(w)
				h.Sets = append(h.Sets,
					Set{Lift: l, Date: d, Seq: 0, Load: NewLoad(load/2, Kg), Reps: 5, Kind: Warmup},
					Set{Lift: l, Date: d, Seq: 1, Load: NewLoad(load*0.75, Kg), Reps: 3, Kind: Warmup})
				for s := 0; s < 4; s++ {
					h.Sets = append(h.Sets, Set{Lift: l, Date: d, Seq: 2 + s, Load: NewLoad(load, Kg), Reps: 5,
						RIR: float64(1 + r.Intn(3)), HasRIR: true})
				}
			}
		}
	}
	for d := today.AddDays(-34); d <= today; d++ {
		h.Checkins = append(h.Checkins, randomCheckin(r, d))
	}
	return h
}

func BenchmarkAdvise12Weeks(b *testing.B) {
	today := mustDate(b, "2026-10-09")
	h := benchHistory(b, today)
	p := Profile{Level: Intermediate, DeloadEvery: 12, Units: Kg}
	b.ReportAllocs()
	for b.Loop() {
		Advise(h, p, "squat", today)
	}
}

func BenchmarkAdviseAll12Weeks(b *testing.B) {
	today := mustDate(b, "2026-10-09")
	h := benchHistory(b, today)
	p := Profile{Level: Intermediate, DeloadEvery: 12, Units: Kg}
	b.ReportAllocs()
	for b.Loop() {
		AdviseAll(h, p, today)
	}
}

func BenchmarkSetE1RM(b *testing.B) {
	s := Set{Load: NewLoad(100, Kg), Reps: 5, RIR: 2, HasRIR: true}
	for b.Loop() {
		SetE1RM(s)
	}
}
