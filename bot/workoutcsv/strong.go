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
	c := newCollector(Strong, rd.hint)
	for {
		rec, err := rd.next()
		if err != nil {
			return err
		}
		if rec == nil {
			break
		}
		if err := rd.wantFields(rec); err != nil {
			return err
		}
		when := p.cols.cell(rec, "date")
		start, ok := parseLocal(when, strongTimeLayouts)
		if !ok {
			return rd.errAt(p.cols.get("date"), when, "is not a date like 2022-01-05 12:08:05")
		}
		exercise := p.cols.cell(rec, "exercise")
		if exercise == "" {
			return rd.errAt(p.cols.get("exercise"), exercise, "is empty: every row needs an exercise name")
		}
		ord := c.ordinal(when, exercise)
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
		secs, err := rd.readFloat(rec, p.cols.get("seconds"), "seconds")
		if err != nil {
			return err
		}
		unit := p.headerUnit
		if u := p.cols.cell(rec, "weightunit"); u != "" {
			if unit = unitWord(u); unit == "" {
				return rd.errAt(p.cols.get("weightunit"), u, "is not a weight unit (kg or lbs)")
			}
		}
		load, hasLoad, err := rd.readWeight(rec, p.cols.get("weight"), unit) // "" when the file does not say
		if err != nil {
			return err
		}
		if unit == "" {
			unit = rd.opt.Unit
		}
		rir, hasRIR, err := rd.readRPE(rec, p.cols.get("rpe"))
		if err != nil {
			return err
		}
		switch {
		case rest:
			res.Skipped[SkipRestTimer]++
			continue
		case !known && reps == 0 && secs > 0:
			// A rest timer in a language not listed: a word in Set Order,
			// no reps, only seconds.
			res.Skipped[SkipRestTimer]++
			continue
		case reps == 0 && (dist > 0 || secs > 0):
			res.Skipped[SkipCardio]++
			continue
		case reps == 0:
			res.Skipped[SkipNoReps]++
			continue
		}
		if !known {
			res.note(fmt.Sprintf("Set order %q was read as a normal set.", order))
		}
		s := engine.Set{
			Date: engine.DateOf(start), Load: load, Bodyweight: !hasLoad || load.Milli == 0,
			Reps: reps, RIR: rir, HasRIR: hasRIR, Kind: kind,
		}
		if s.Bodyweight && load.Milli == 0 {
			s.Load = engine.Load{Unit: unit}
		}
		c.add(s, when, start, exercise, ord)
	}
	c.result(res)
	return nil
}
