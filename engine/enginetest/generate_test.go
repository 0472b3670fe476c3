package enginetest

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(Config{Seed: 7, Years: 2}), Generate(Config{Seed: 7, Years: 2})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two logs of seed 7 differ")
	}
	if c := Generate(Config{Seed: 8, Years: 2}); reflect.DeepEqual(a.Sets, c.Sets) {
		t.Fatal("seeds 7 and 8 gave the same sets")
	}
}

// TestGenerateFiveYears checks the default log has the shape the package
// promises, for a few seeds.
func TestGenerateFiveYears(t *testing.T) {
	for _, seed := range []int64{0, 1, 2} {
		l := Generate(Config{Seed: seed})
		checkLog(t, l)
		if n := len(l.Sets); n < 15000 || n > 25000 {
			t.Errorf("seed %d: %d sets, want 15,000 to 25,000", seed, n)
		}
		if l.Last != DefaultEnd || l.First > DefaultEnd.AddDays(-5*365) {
			t.Errorf("seed %d: log runs %s to %s, want five years to %s", seed, l.First, l.Last, DefaultEnd)
		}
		known, typos := 0, 0
		for _, lift := range l.Lifts() {
			if _, ok := catalogIndex[lift]; ok {
				known++
			} else {
				typos++
			}
		}
		if known < 30 || typos == 0 {
			t.Errorf("seed %d: %d lifts of the catalog and %d typos, want 30 or more and some", seed, known, typos)
		}
		gaps := trainingGaps(l)
		if gaps[0] < 60 {
			t.Errorf("seed %d: longest stretch without training %d days, want a layoff of 60 or more", seed, gaps[0])
		}
		breaks := 0
		for _, g := range gaps[1:] {
			if g >= 7 {
				breaks++
			}
		}
		if breaks < 5 {
			t.Errorf("seed %d: %d breaks of 7+ days besides the layoff, want 5 or more", seed, breaks)
		}
		checkMess(t, l)
		checkStrength(t, l)
	}
}

func TestGenerateLengthAndLifts(t *testing.T) {
	end := engine.NewDate(2030, 3, 14)
	for _, cfg := range []Config{{Years: 1, End: end}, {Years: 2, Lifts: 10}, {Years: 3, Seed: -5}} {
		l := Generate(cfg)
		checkLog(t, l)
		if cfg.End != 0 && l.Last != cfg.End {
			t.Errorf("%+v: last day %s, want %s", cfg, l.Last, cfg.End)
		}
		years := float64(l.Last.DaysSince(l.First)) / 365
		if math.Abs(years-float64(cfg.Years)) > 0.1 {
			t.Errorf("%+v: log spans %.2f years", cfg, years)
		}
		if perYear := float64(len(l.Sets)) / years; cfg.Lifts == 0 && (perYear < 2500 || perYear > 5000) {
			t.Errorf("%+v: %.0f sets a year", cfg, perYear)
		}
		if cfg.Lifts > 0 {
			for _, lift := range l.Lifts() {
				if i, ok := catalogIndex[lift]; ok && i >= cfg.Lifts {
					t.Errorf("%+v: lift %q is not among the first %d", cfg, lift, cfg.Lifts)
				}
			}
		}
		if trainingGaps(l)[0] < 60 {
			t.Errorf("%+v: no layoff of 60 days", cfg)
		}
	}
}

// checkLog checks what every log must be: days in order, seq counting a
// day's sets of a lift from 0, no set without reps, loads on their grid,
// one workout a training day, check-ins one a day at most.
func checkLog(t *testing.T, l Log) {
	t.Helper()
	seq := map[string]int{}
	var day engine.Date
	days := 0
	for i, s := range l.Sets {
		if s.Date < day {
			t.Fatalf("set %d on %s after a set on %s", i, s.Date, day)
		}
		if s.Date != day {
			day, days = s.Date, days+1
			clear(seq)
		}
		if s.Seq != seq[s.Lift] {
			t.Fatalf("set %d: %s %s seq %d, want %d", i, s.Date, s.Lift, s.Seq, seq[s.Lift])
		}
		seq[s.Lift]++
		if s.Reps < 1 || s.Reps > 30 {
			t.Fatalf("set %d: %d reps", i, s.Reps)
		}
		if s.Load.Unit != engine.Kg || s.Load.Milli < 0 || (s.Load.Milli == 0 && !s.Bodyweight) {
			t.Fatalf("set %d: load %s (bodyweight %v)", i, s.Load, s.Bodyweight)
		}
		if li, ok := catalogIndex[s.Lift]; ok {
			step := int64(catalog[li].step * 1000)
			if catalog[li].eq == barbell {
				step = 1250
			}
			if s.Load.Milli%step != 0 {
				t.Fatalf("set %d: %s at %s, off its %d g grid", i, s.Lift, s.Load, step)
			}
		}
		if s.HasRIR && (s.RIR < 0 || s.RIR > 4 || s.RIR*2 != math.Trunc(s.RIR*2)) {
			t.Fatalf("set %d: RIR %v", i, s.RIR)
		}
	}
	if len(l.Sets) == 0 || l.First != l.Sets[0].Date || l.Last != l.Sets[len(l.Sets)-1].Date {
		t.Fatalf("first %s and last %s are not the first and last training days", l.First, l.Last)
	}
	if len(l.Workouts) != days {
		t.Fatalf("%d workouts for %d training days", len(l.Workouts), days)
	}
	for i := 1; i < len(l.Checkins); i++ {
		if l.Checkins[i].Date <= l.Checkins[i-1].Date {
			t.Fatalf("check-in %d on %s after one on %s", i, l.Checkins[i].Date, l.Checkins[i-1].Date)
		}
	}
}

// trainingGaps returns the days without training between training days,
// longest first.
func trainingGaps(l Log) []int {
	var gaps []int
	for i := 1; i < len(l.Workouts); i++ {
		gaps = append(gaps, l.Workouts[i].Date.DaysSince(l.Workouts[i-1].Date)-1)
	}
	for i := range gaps { // a few thousand: insertion sort is fine
		for j := i; j > 0 && gaps[j] > gaps[j-1]; j-- {
			gaps[j], gaps[j-1] = gaps[j-1], gaps[j]
		}
	}
	return gaps
}

// checkMess checks a log holds the untidy things real logs hold.
func checkMess(t *testing.T, l Log) {
	t.Helper()
	tags := map[string]int{}
	kinds := map[engine.SetKind]int{}
	effort, singles, missed, ramps := 0, 0, 0, 0
	type key struct {
		d    engine.Date
		lift string
	}
	byDay := map[key][]engine.Set{}
	for _, s := range l.Sets {
		for _, tg := range s.Tags {
			tags[tg]++
		}
		kinds[s.Kind]++
		if s.HasRIR {
			effort++
		}
		if s.Reps == 1 && s.HasRIR {
			singles++
		}
		k := key{s.Date, s.Lift}
		byDay[k] = append(byDay[k], s)
	}
	for _, sets := range byDay {
		// Missed reps: a set at the load of the one before with fewer reps.
		for i := 1; i < len(sets); i++ {
			if sets[i].Load == sets[i-1].Load && sets[i].Reps < sets[i-1].Reps && sets[i].Kind == engine.Working {
				missed++
				break
			}
		}
		// An unmarked ramp: a working set lighter than a later one.
		if len(sets) > 2 && sets[0].Kind == engine.Working && sets[0].Load.Milli < sets[len(sets)-1].Load.Milli/2 {
			ramps++
		}
	}
	for _, tg := range []string{"sick", "travel", "newsetup", "pain"} {
		if tags[tg] == 0 {
			t.Errorf("no set tagged #%s", tg)
		}
	}
	for _, k := range []engine.SetKind{engine.Warmup, engine.Drop, engine.Failure} {
		if kinds[k] == 0 {
			t.Errorf("no %s set", k)
		}
	}
	if share := float64(effort) / float64(len(l.Sets)); share < 0.05 || share > 0.5 {
		t.Errorf("effort logged on %.0f%% of sets, want some but not most", 100*share)
	}
	if singles < 5 || missed < 50 || ramps < 200 {
		t.Errorf("%d heavy singles, %d sessions with missed reps, %d unmarked ramps: want more", singles, missed, ramps)
	}
	if len(l.Deloads) < 10 {
		t.Errorf("%d light weeks, want 10 or more", len(l.Deloads))
	}
	// Check-ins in some periods only.
	if len(l.Checkins) < 200 {
		t.Errorf("%d check-ins, want 200 or more", len(l.Checkins))
	}
	longest := 0
	for i := 1; i < len(l.Checkins); i++ {
		longest = max(longest, l.Checkins[i].Date.DaysSince(l.Checkins[i-1].Date))
	}
	if l.Checkins[0].Date.DaysSince(l.First) < 180 || longest < 180 {
		t.Errorf("check-ins from %s, longest gap %d days: want periods without them", l.Checkins[0].Date, longest)
	}
	var names []string
	for _, w := range l.Workouts {
		if !strings.Contains(strings.Join(names, "|"), w.Name) {
			names = append(names, w.Name)
		}
	}
	if len(names) < 10 {
		t.Errorf("workout names %q: want the programs' days", names)
	}
}

// checkStrength checks the strength curve: the squat's best e1RM in the
// last year well above the first quarter's, and lower after the layoff
// than before it.
func checkStrength(t *testing.T, l Log) {
	t.Helper()
	var lay Break
	for _, b := range l.Breaks {
		if b.Why == "layoff" {
			lay = b
		}
	}
	best := func(from, to engine.Date) float64 {
		b := 0.0
		for _, s := range l.Sets {
			if s.Lift == "squat" && s.Date >= from && s.Date <= to {
				e, _ := engine.SetE1RM(s)
				b = max(b, e)
			}
		}
		return b
	}
	first := best(l.First, l.First.AddDays(90))
	last := best(l.Last.AddDays(-365), l.Last)
	before := best(lay.From.AddDays(-56), lay.From)
	after := best(lay.To, lay.To.AddDays(28))
	if last < 1.6*first || after >= before || after < 0.7*before {
		t.Errorf("squat e1RM: first quarter %.1f, last year %.1f, before the layoff %.1f, after %.1f", first, last, before, after)
	}
}

func BenchmarkGenerate5y(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Generate(Config{Seed: 1})
	}
}
