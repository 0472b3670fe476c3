package workoutcsv

import (
	"time"

	"github.com/spotterbot/spotter/engine"
)

// liftosaurParser reads Liftosaur's "Export history to CSV": planned and
// completed values side by side, one row per planned set. A set with no
// Completed Reps was never done. Times are UTC ("2026-06-29T04:56:39.712Z"),
// so the day is taken in the lifter's time zone.
type liftosaurParser struct {
	cols columns
}

func (p *liftosaurParser) format() Format { return Liftosaur }

func (p *liftosaurParser) parse(rd *rows, res *Result) error {
	res.Layout = "history export"
	res.Units = "per row"
	c := newCollector(Liftosaur, rd.hint)
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
		when := p.cols.cell(rec, "workout datetime")
		start, err := time.Parse(time.RFC3339, when)
		if err != nil {
			return rd.errAt(p.cols.get("workout datetime"), when, "is not a time like 2026-06-29T04:56:39.712Z")
		}
		start = start.In(rd.opt.Location)
		exercise := p.cols.cell(rec, "exercise")
		if exercise == "" {
			return rd.errAt(p.cols.get("exercise"), exercise, "is empty: every row needs an exercise")
		}
		ord := c.ordinal(when, exercise)
		if p.cols.cell(rec, "completed reps") == "" {
			res.Skipped[SkipNotDone]++
			continue
		}
		reps, err := rd.readReps(rec, p.cols.get("completed reps"))
		if err != nil {
			return err
		}
		var unit engine.Unit // "" when the row does not say
		if u := p.cols.cell(rec, "completed weight unit"); u != "" {
			if unit = unitWord(u); unit == "" {
				return rd.errAt(p.cols.get("completed weight unit"), u, "is not a weight unit (kg or lb)")
			}
		}
		load, hasLoad, err := rd.readWeight(rec, p.cols.get("completed weight value"), unit)
		if err != nil {
			return err
		}
		if unit == "" {
			unit = rd.opt.Unit
		}
		rir, hasRIR, err := rd.readRPE(rec, p.cols.get("completed rpe"))
		if err != nil {
			return err
		}
		if reps == 0 {
			res.Skipped[SkipNoReps]++
			continue
		}
		kind := engine.Working
		if p.cols.cell(rec, "is warmup set?") == "1" {
			kind = engine.Warmup
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
