package bot

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestTodaysLifts(t *testing.T) {
	mon := engine.NewDate(2026, 11, 23) // a Monday
	set := func(lift string, d engine.Date) engine.Set {
		return engine.Set{Lift: lift, Date: d, Reps: 5, Load: engine.NewLoad(100, engine.Kg)}
	}
	weeks := func(lift string, ks ...int) []engine.Set {
		var out []engine.Set
		for _, k := range ks {
			out = append(out, set(lift, mon.AddDays(-7*k)))
		}
		return out
	}
	cat := func(xs ...[]engine.Set) []engine.Set { return slices.Concat(xs...) }
	for _, tc := range []struct {
		name string
		sets []engine.Set
		want []string
		why  string // a part of the reason
	}{
		{"nothing logged", nil, nil, ""},
		{"two of four Mondays", cat(weeks("squat", 1, 3), weeks("bench", 2, 4)), []string{"bench", "squat"}, "on Mondays"},
		{"one Monday is no habit; the habit wins", cat(weeks("squat", 1, 2), weeks("row", 1)), []string{"squat"}, "on Mondays"},
		{"five weeks ago does not count", cat(weeks("squat", 4, 5), weeks("bench", 1)),
			[]string{"bench"}, "no lift of yours is a Monday habit yet, so your last session (2026-11-16)"},
		{"several sets a day count once", cat(weeks("squat", 1, 1, 1)), []string{"squat"}, "your last session (2026-11-16)"},
		{"other weekdays: the last session", []engine.Set{set("squat", mon.AddDays(-3)), set("bench", mon.AddDays(-5)), set("dip", mon.AddDays(-3))},
			[]string{"dip", "squat"}, "your last session (2026-11-20)"},
		{"only today", []engine.Set{set("squat", mon), set("curl", mon)}, []string{"curl", "squat"}, "today's session so far"},
		{"today and before: before", []engine.Set{set("squat", mon), set("curl", mon.AddDays(-1)), set("bench", mon.AddDays(-30))}, []string{"curl"}, "(2026-11-22)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The order sets come in does not matter.
			for range 5 {
				sets := slices.Clone(tc.sets)
				rand.Shuffle(len(sets), func(i, j int) { sets[i], sets[j] = sets[j], sets[i] })
				got, why := todaysLifts(sets, mon)
				if !slices.Equal(got, tc.want) || !strings.Contains(why, tc.why) {
					t.Fatalf("got %q (%q), want %q (%q)", got, why, tc.want, tc.why)
				}
			}
		})
	}
}

// Six lifts with a readiness line and a deload headline stay a short message.
func TestSessionPlanIsShort(t *testing.T) {
	today := engine.NewDate(2026, 11, 23)
	var h engine.History
	lifts := []string{"squat", "bench", "deadlift", "overhead press", "row", "romanian deadlift"}
	for w := 1; w <= 6; w++ {
		for i, l := range lifts {
			for s := range 3 {
				h.Sets = append(h.Sets, engine.Set{Lift: l, Date: today.AddDays(-7*w + i%3), Seq: s, Reps: 5, RIR: 2, HasRIR: true,
					Load: engine.NewLoad(float64(60+10*i+5*(6-w)), engine.Kg)})
			}
		}
	}
	h.Deloads = []engine.DeloadPeriod{{Start: today.AddDays(-1), End: today.AddDays(5)}}
	p := engine.Profile{Level: engine.Intermediate, Units: engine.Kg, Increment: engine.NewLoad(2.5, engine.Kg), FirstLog: today.AddDays(-42)}
	text := sessionPlan("Today, Monday 2026-11-23: what you trained on Mondays in the last 4 weeks.", lifts, h, p, today)
	if n := strings.Count(text, "\n- "); n != len(lifts) {
		t.Errorf("got %d lift lines, want %d:\n%s", n, len(lifts), text)
	}
	if !strings.Contains(text, "Deload week until") || strings.Count(text, "Deload week") != 1 {
		t.Errorf("want the deload week said once:\n%s", text)
	}
	if strings.Contains(text, "this is your deload week (") {
		t.Errorf("want every lift's deload session:\n%s", text)
	}
	if len(text) > 1000 {
		t.Errorf("got %d characters, want at most 1000:\n%s", len(text), text)
	}
	t.Log(text)
}
