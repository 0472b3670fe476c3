package bot

import (
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestFindRecords(t *testing.T) {
	kg := func(v float64) engine.Load { return engine.NewLoad(v, engine.Kg) }
	d0, d1 := engine.NewDate(2026, 11, 2), engine.NewDate(2026, 11, 5)
	// Before: 100 kg x 6 (best E 8: 100x6 rir2, e1RM 100/0.786 = 127.2 kg on
	// the RTS chart), 110 kg x 3 (E 4), all before d1. E 9 is 76.2%: 131.2 kg.
	before := []LoadBest{
		{Load: kg(100), Reps: 6, Effective: 8, First: d0, Last: d0},
		{Load: kg(110), Reps: 3, Effective: 4, First: d0, Last: d0},
	}
	set := func(load engine.Load, reps int, rir float64, kind engine.SetKind) engine.Set {
		return engine.Set{Load: load, Reps: reps, RIR: rir, HasRIR: true, Kind: kind}
	}
	for _, c := range []struct {
		name  string
		bests []LoadBest
		day   engine.Date
		sets  []engine.Set
		want  string
	}{
		{"first session", nil, d1, []engine.Set{set(kg(200), 5, 0, "")}, ""},
		{"first day, second message", []LoadBest{{Load: kg(100), Reps: 5, Effective: 5, First: d1, Last: d1}}, d1, []engine.Set{set(kg(120), 5, 0, "")}, ""},
		{"earlier the same day counts once another day exists", append([]LoadBest{{Load: kg(100), Reps: 5, Effective: 5, First: d1, Last: d1}}, before...), d1,
			[]engine.Set{set(kg(100), 7, 0, "")}, "Record: most reps at 100 kg: 7 (was 6)."},
		{"nothing beaten", before, d1, []engine.Set{set(kg(100), 6, 2, "")}, ""},
		{"e1RM only", before, d1, []engine.Set{set(kg(100), 6, 3, "")}, "Record: e1RM 131.2 kg (was 127.2 kg)."},
		{"both", before, d1, []engine.Set{set(kg(100), 8, 1, "")}, "Record: e1RM 131.2 kg (was 127.2 kg). Most reps at 100 kg: 8 (was 6)."},
		{"heavier load had as many", before, d1, []engine.Set{set(kg(105), 3, 0, "")}, ""},
		{"heavier than ever is not a rep record", before, d1, []engine.Set{set(kg(120), 1, 0, "")}, ""},
		{"warm-up ignored", before, d1, []engine.Set{set(kg(160), 5, 0, engine.Warmup), set(kg(100), 5, 2, "")}, ""},
		{"bodyweight ignored", before, d1, []engine.Set{{Load: kg(100), Bodyweight: true, Reps: 20}}, ""},
		{"heaviest rep record named", before, d1, []engine.Set{set(kg(100), 7, 0, ""), set(kg(110), 4, 0, ""), set(kg(100), 9, 0, "")},
			"Record: e1RM 131.2 kg (was 127.2 kg). Most reps at 110 kg: 4 (was 3)."},
		{"pounds against kilograms", before, d1, []engine.Set{set(engine.NewLoad(220.462, engine.Lb), 7, 0, "")}, "Record: most reps at 100 kg (220.462 lb): 7 (was 6)."},
		{"gain too small to show", []LoadBest{{Load: kg(100), Reps: 5, Effective: 5, First: d0, Last: d0}}, d1,
			[]engine.Set{set(kg(100.01), 5, 0, "")}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := recordLine(findRecords(c.bests, c.day, c.sets), engine.Kg); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestRepRecords(t *testing.T) {
	s := func(load float64, reps int, day int) engine.Set {
		return engine.Set{Load: engine.NewLoad(load, engine.Kg), Reps: reps, Date: engine.Date(day)}
	}
	got := repRecords([]engine.Set{s(100, 5, 1), s(100, 8, 2), s(100, 8, 3), s(110, 8, 4), s(90, 8, 5), s(90, 12, 6), s(120, 2, 7), s(80, 10, 8)})
	want := []engine.Set{s(120, 2, 7), s(110, 8, 4), s(90, 12, 6)}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Load != want[i].Load || got[i].Reps != want[i].Reps || got[i].Date != want[i].Date {
			t.Errorf("record %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
