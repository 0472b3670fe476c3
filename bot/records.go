package bot

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// Records are made of loaded working sets: warm-ups never count, and a
// bodyweight set has no load to compare (its added load is not the load
// lifted).

// LoadBest is the best a lift has had at one load over all its stored sets
// (loaded working sets only): the most reps in a set, the most effective
// reps (reps + RIR; reps alone without effort), and the first and last day
// a set was done at that load.
type LoadBest struct {
	Load        engine.Load
	Reps        int
	Effective   float64
	First, Last engine.Date
}

// RecordsTx is what /records reads.
type RecordsTx interface {
	// BestSets returns the user's distinct loaded working sets of lift
	// (every lift when lift is ""), each once with the first day it was
	// done (Date), by lift then day; none when there are none.
	BestSets(userID int64, lift string) ([]engine.Set, error)
}

// sessionRecords is what a /log session beat: its best e1RM over the best
// before (E1RM > 0), and the heaviest set with more reps at its load (or
// any heavier load) than any before (Reps > 0).
type sessionRecords struct {
	E1RM, WasE1RM float64 // kg
	RepSet        engine.Set
	WasReps       int
}

// recordSet says whether s is the kind of set records are made of.
func recordSet(s engine.Set) bool {
	return s.Kind != engine.Warmup && !s.Bodyweight && s.Reps > 0 && s.Load.Milli > 0
}

// sameLoadKg is how close two loads in kg must be to count as one: a load
// typed in pounds and converted is off by a fraction of a gram.
const sameLoadKg = 0.001

// findRecords compares a session's sets on day with the lift's bests
// before it. The lift's first session sets no record: with nothing stored
// on another day, there is nothing it beat.
func findRecords(bests []LoadBest, day engine.Date, sets []engine.Set) sessionRecords {
	var r sessionRecords
	before := false
	for _, b := range bests {
		if b.First != day || b.Last != day {
			before = true
		}
	}
	if !before {
		return r
	}
	was := 0.0
	for _, b := range bests {
		e, _ := engine.SetE1RM(engine.Set{Load: b.Load, Reps: 1, RIR: b.Effective - 1, HasRIR: true})
		was = max(was, e)
	}
	now := 0.0
	for _, s := range sets {
		if !recordSet(s) {
			continue
		}
		if e, _ := engine.SetE1RM(s); e > now {
			now = e
		}
		prev := 0
		for _, b := range bests {
			if b.Load.Kg() >= s.Load.Kg()-sameLoadKg {
				prev = max(prev, b.Reps)
			}
		}
		if prev == 0 || s.Reps <= prev {
			continue // nothing done at this load or heavier: a load, not a rep, record
		}
		if r.WasReps == 0 || s.Load.Kg() > r.RepSet.Load.Kg()+sameLoadKg ||
			s.Load.Kg() > r.RepSet.Load.Kg()-sameLoadKg && s.Reps > r.RepSet.Reps {
			r.RepSet, r.WasReps = s, prev
		}
	}
	// Shown to one decimal: a gain too small to show is not a record.
	if was > 0 && now > was && showE1RM(now, engine.Kg) != showE1RM(was, engine.Kg) {
		r.E1RM, r.WasE1RM = now, was
	}
	return r
}

// recordLine is a session's records in one line, "" when none: "Record:
// e1RM 146.4 kg (was 142.0 kg). Most reps at 100 kg: 8 (was 7)."
func recordLine(r sessionRecords, u engine.Unit) string {
	var parts []string
	if r.E1RM > 0 {
		parts = append(parts, fmt.Sprintf("e1RM %s (was %s).", showE1RM(r.E1RM, u), showE1RM(r.WasE1RM, u)))
	}
	if r.WasReps > 0 {
		most := "Most"
		if len(parts) == 0 {
			most = "most"
		}
		parts = append(parts, fmt.Sprintf("%s reps at %s: %d (was %d).", most, showLoad(r.RepSet, u), r.RepSet.Reps, r.WasReps))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Record: " + strings.Join(parts, " ")
}

const recordsExample = "/records squat"

// maxRepRecords is how many rep records /records LIFT lists, heaviest
// first; maxRecordLifts how many lifts /records lists (one Telegram message).
const (
	maxRepRecords  = 8
	maxRecordLifts = 40
)

func (b *Bot) records(r *request) (Reply, error) {
	lift := ""
	if strings.TrimSpace(r.args) != "" {
		lift = engine.CanonicalLift(r.args)
	}
	sets, err := r.tx.BestSets(r.user.ID, lift)
	if err != nil {
		return Reply{}, fmt.Errorf("best sets: %w", err)
	}
	u := r.user.Units
	if lift == "" {
		if len(sets) == 0 {
			return Reply{Text: "No records yet: they come from loaded working sets. Log one, e.g. " + logExample}, nil
		}
		var lines []string
		lifts := byLift(sets)
		for i, ls := range lifts {
			if i == maxRecordLifts {
				more := "lifts"
				if len(lifts)-i == 1 {
					more = "lift"
				}
				lines = append(lines, fmt.Sprintf("…and %d more %s: /records LIFT.", len(lifts)-i, more))
				break
			}
			best := bestE1RM(ls)
			lines = append(lines, fmt.Sprintf("%s: e1RM %s on %s (%s)", best.Lift, showE1RM(e1rmOf(best), u), best.Date, recordSetText(best, u)))
		}
		return Reply{Text: "Your records (best e1RM per lift):\n" + strings.Join(lines, "\n") + "\nOne lift's rep records: /records " + lifts[0][0].Lift}, nil
	}
	if len(sets) == 0 {
		has, err := r.tx.HasLift(r.user.ID, lift)
		if err != nil {
			return Reply{}, fmt.Errorf("has lift: %w", err)
		}
		if has {
			return Reply{Text: fmt.Sprintf("No records for %s yet: records come from loaded working sets, not warm-ups or bodyweight sets.", lift)}, nil
		}
		known, err := r.tx.Lifts(r.user.ID)
		if err != nil {
			return Reply{}, fmt.Errorf("lifts: %w", err)
		}
		msg := fmt.Sprintf("You have not logged %s yet.", lift)
		if len(known) > 0 {
			msg += " Your lifts: " + strings.Join(known, ", ") + "."
		}
		return Reply{}, &InputError{Problem: msg, Example: recordsExample}
	}
	best := bestE1RM(sets)
	var t strings.Builder
	fmt.Fprintf(&t, "%s records\ne1RM %s on %s (%s)\nMost reps (none beaten by a heavier load):", lift, showE1RM(e1rmOf(best), u), best.Date, recordSetText(best, u))
	reps := repRecords(sets)
	for i, s := range reps {
		if i == maxRepRecords {
			fmt.Fprintf(&t, "\n…and %d lighter", len(reps)-i)
			break
		}
		fmt.Fprintf(&t, "\n%s x %d on %s", showLoad(s, u), s.Reps, s.Date)
	}
	return Reply{Text: t.String()}, nil
}

// byLift splits sets ordered by lift into one slice per lift.
func byLift(sets []engine.Set) [][]engine.Set {
	var out [][]engine.Set
	for i, s := range sets {
		if i == 0 || s.Lift != sets[i-1].Lift {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], s)
	}
	return out
}

func e1rmOf(s engine.Set) float64 {
	e, _ := engine.SetE1RM(s)
	return e
}

// bestE1RM is the set of the highest e1RM, the earliest of equals (sets
// come by day).
func bestE1RM(sets []engine.Set) engine.Set {
	best := sets[0]
	for _, s := range sets[1:] {
		if e1rmOf(s) > e1rmOf(best)+1e-9 {
			best = s
		}
	}
	return best
}

// recordSetText is the set behind a record: "120 kg x 5, RIR 1".
func recordSetText(s engine.Set, u engine.Unit) string {
	t := fmt.Sprintf("%s x %d", showLoad(s, u), s.Reps)
	if r := showRIR(s); r != "" {
		t += ", " + r
	}
	return t
}

// repRecords is the most reps at each load, heaviest first, keeping only
// loads where no heavier load had as many reps or more; of equal reps at
// one load, the first day.
func repRecords(sets []engine.Set) []engine.Set {
	byLoad := append([]engine.Set(nil), sets...)
	sort.SliceStable(byLoad, func(i, j int) bool {
		a, b := byLoad[i], byLoad[j]
		if d := a.Load.Kg() - b.Load.Kg(); d > sameLoadKg || d < -sameLoadKg {
			return d > 0
		}
		if a.Reps != b.Reps {
			return a.Reps > b.Reps
		}
		return a.Date < b.Date
	})
	var out []engine.Set
	most := 0
	for _, s := range byLoad {
		if s.Reps > most {
			out = append(out, s)
			most = s.Reps
		}
	}
	return out
}
