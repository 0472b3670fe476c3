package enginetest

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// StrongHeader is the header of the export StrongCSV writes: the 10-column
// layout of Strong's newer exports, Set Order W, D and F marking warm-up,
// drop and failure sets.
const StrongHeader = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE"

// StrongCSV writes the log as the Strong app exports it: one row a set, a
// workout's rows under its start time and name, exercises by Strong's
// names ("Squat (Barbell)", "Pull Up (Weighted)" for a loaded pull-up),
// warm-up, drop and failure sets as W, D and F, the numbered sets counted
// per exercise, effort as RPE (10 - RIR). Loads are written in kg and the
// file does not say so, like Strong's own export for a kg user: import it
// as kg. Strong has no column for tags, check-ins or deloads; they are left
// out.
func StrongCSV(l Log) []byte {
	var b bytes.Buffer
	b.Grow(len(l.Sets) * 90)
	b.WriteString(StrongHeader + "\n")
	workouts := map[engine.Date]Workout{}
	for _, w := range l.Workouts {
		workouts[w.Date] = w
	}
	for i := 0; i < len(l.Sets); {
		d := l.Sets[i].Date
		j := i
		weighted := map[string]bool{}
		for ; j < len(l.Sets) && l.Sets[j].Date == d; j++ {
			if s := l.Sets[j]; s.Bodyweight && s.Load.Milli > 0 {
				weighted[s.Lift] = true
			}
		}
		w, ok := workouts[d]
		if !ok {
			w = Workout{Date: d, Name: "Workout", Start: 18 * 3600, Minutes: 60}
		}
		head := fmt.Sprintf("%s %02d:%02d:%02d,%s,%s,", d, w.Start/3600, w.Start/60%60, w.Start%60, quote(w.Name), duration(w.Minutes))
		number := map[string]int{}
		for _, s := range l.Sets[i:j] {
			var order string
			switch s.Kind {
			case engine.Warmup:
				order = "W"
			case engine.Drop:
				order = "D"
			case engine.Failure:
				order = "F"
			default:
				number[s.Lift]++
				order = strconv.Itoa(number[s.Lift])
			}
			rpe := ""
			if s.HasRIR {
				rpe = engine.FormatNumber(10 - s.RIR)
			}
			fmt.Fprintf(&b, "%s%s,%s,%s,%d.0,0,0.0,%s\n", head, quote(StrongName(s.Lift, weighted[s.Lift])), order,
				decimal(s.Load.In(engine.Kg).Value()), s.Reps, rpe)
		}
		i = j
	}
	return b.Bytes()
}

// quote quotes a text field as Strong does, always.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// decimal writes a number with at least one decimal, as Strong does: "100.0", "102.5".
func decimal(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// duration is Strong's workout duration: "56m", "1h 15m".
func duration(min int) string {
	if min < 60 {
		return fmt.Sprintf("%dm", min)
	}
	return fmt.Sprintf("%dh %dm", min/60, min%60)
}
