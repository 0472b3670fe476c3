package workoutcsv

import (
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// hevyParser reads Hevy's export: one row per set, weight_kg or weight_lbs
// by the app's unit, start_time like "26 Jul 2025, 07:06" (hours may be
// unpadded), set_type normal|warmup|failure|dropset, newest workout first.
type hevyParser struct {
	cols     columns
	unit     engine.Unit
	weight   string // the weight column's name
	distance string
}

func newHevy(header []string, idx map[string]int) (parser, error) {
	p := &hevyParser{cols: columns(idx)}
	switch {
	case p.cols.get("weight_kg") >= 0:
		p.unit, p.weight, p.distance = engine.Kg, "weight_kg", "distance_km"
	case p.cols.get("weight_lbs") >= 0:
		p.unit, p.weight, p.distance = engine.Lb, "weight_lbs", "distance_miles"
	default:
		return nil, &FormatError{Problem: fmt.Sprintf("this looks like a Hevy export but has no weight_kg or weight_lbs column (header: %s)", strings.Join(header, ","))}
	}
	return p, nil
}

func (p *hevyParser) format() Format { return Hevy }

var hevyTimeLayouts = []string{"2 Jan 2006, 15:04", "2 Jan 2006 15:04", "Jan 2, 2006, 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04"}

var hevyHead = head{
	start: "start_time", layouts: hevyTimeLayouts, badStart: "not a date like 26 Jul 2025, 07:06",
	exercise: "exercise_title", noExercise: "no exercise name",
}

func (p *hevyParser) parse(rd *rows, res *Result) error {
	res.Layout = "weight in " + string(p.unit)
	res.Units = "header"
	c := newCollector(Hevy, rd, p.cols, hevyHead)
	return c.collect(res, func(rec []string) error {
		row, err := c.head(rec)
		if err != nil {
			return err
		}
		var kind engine.SetKind
		switch t := strings.ToLower(p.cols.cell(rec, "set_type")); t {
		case "normal", "":
			kind = engine.Working
		case "warmup":
			kind = engine.Warmup
		case "dropset":
			kind = engine.Drop
		case "failure":
			kind = engine.Failure
		default:
			return rd.errAt(p.cols.get("set_type"), t, BadValue, "not a set type (normal, warmup, dropset, failure)")
		}
		reps, err := rd.readReps(rec, p.cols.get("reps"))
		if err != nil {
			return err
		}
		dist, err := rd.readFloat(rec, p.cols.get(p.distance), "distance")
		if err != nil {
			return err
		}
		secs, err := rd.readFloat(rec, p.cols.get("duration_seconds"), "time")
		if err != nil {
			return err
		}
		load, bw, err := rd.readLoad(rec, p.cols, p.weight, "", p.unit, "")
		if err != nil {
			return err
		}
		rir, hasRIR, err := rd.readRPE(rec, p.cols.get("rpe"))
		if err != nil {
			return err
		}
		if res.skipRepless(reps, dist > 0 || secs > 0) {
			return nil
		}
		c.add(row, engine.Set{Load: load, Bodyweight: bw, Reps: reps, RIR: rir, HasRIR: hasRIR, Kind: kind})
		return nil
	})
}
