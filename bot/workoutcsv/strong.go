package workoutcsv

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spotterbot/spotter/engine"
)

// strongParser reads every Strong layout: classic 12 columns, newer 10
// columns, the Android-style ';' layout with Weight Unit columns (13 or 14
// columns), and the fully quoted "Workout #" layout with units in the header.
type strongParser struct {
	cols       columns
	headerUnit engine.Unit // from "Weight (kg)"; "" when the header says nothing
	layout     string
}

func (p *strongParser) format() Format { return Strong }

// restTimer is the Set Order Strong writes on rest-timer rows, per language.
var restTimer = map[string]bool{
	"rest timer": true, "rest": true, "ruhezeit": true, "pausenzeit": true, "temps de repos": true,
	"minuteur de repos": true, "repos": true, "descanso": true, "tiempo de descanso": true,
	"riposo": true, "tempo di recupero": true, "rusttimer": true, "rust": true, "rest_timer": true,
}

// setKind reads Strong's Set Order: a number, W/D/F (10-column layout),
// WARM_UP/FAILURE/DROP_SET ("Workout #" layout), or a rest timer.
func setKind(order string) (kind engine.SetKind, rest, known bool) {
	o := strings.ToLower(strings.TrimSpace(order))
	if _, err := strconv.Atoi(o); err == nil {
		return engine.Working, false, true
	}
	switch o {
	case "w", "warm_up", "warmup", "warm-up", "warm up":
		return engine.Warmup, false, true
	case "d", "drop", "drop_set", "dropset", "drop set":
		return engine.Drop, false, true
	case "f", "failure", "fail":
		return engine.Failure, false, true
	}
	return engine.Working, restTimer[o], restTimer[o]
}

var strongTimeLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02"}

var strongHead = head{
	start: "date", layouts: strongTimeLayouts, badStart: "not a date like 2022-01-05 12:08:05",
	exercise: "exercise", noExercise: "no exercise name",
}

func parseLocal(s string, layouts []string) (time.Time, bool) {
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func (p *strongParser) parse(rd *rows, res *Result) error {
	res.Layout = p.layout
	switch {
	case p.cols.get("weightunit") >= 0:
		res.Units = "per row"
	case p.headerUnit != "":
		res.Units = "header"
	default:
		res.Units = "assumed " + string(rd.opt.Unit)
	}
	c := newCollector(Strong, rd, p.cols, strongHead)
	return c.collect(res, func(rec []string) error {
		row, err := c.head(rec)
		if err != nil {
			return err
		}
		order := p.cols.cell(rec, "setorder")
		kind, rest, known := setKind(order)
		reps, err := rd.readReps(rec, p.cols.get("reps"))
		if err != nil {
			return err
		}
		dist, err := rd.readFloat(rec, p.cols.get("distance"), "distance")
		if err != nil {
			return err
		}
		secs, err := rd.readFloat(rec, p.cols.get("seconds"), "time")
		if err != nil {
			return err
		}
		load, bw, err := rd.readLoad(rec, p.cols, "weight", "weightunit", p.headerUnit, "kg or lbs")
		if err != nil {
			return err
		}
		rir, hasRIR, err := rd.readRPE(rec, p.cols.get("rpe"))
		if err != nil {
			return err
		}
		// A rest timer in a language not listed: a word in Set Order, no
		// reps, only seconds.
		if rest || (!known && reps == 0 && secs > 0) {
			res.Skipped[SkipRestTimer]++
			return nil
		}
		if res.skipRepless(reps, dist > 0 || secs > 0) {
			return nil
		}
		if !known {
			res.note(fmt.Sprintf("Set order %q was read as a normal set.", order))
		}
		c.add(row, engine.Set{Load: load, Bodyweight: bw, Reps: reps, RIR: rir, HasRIR: hasRIR, Kind: kind})
		return nil
	})
}
