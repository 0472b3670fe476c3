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

var liftosaurHead = head{
	start: "workout datetime", layouts: []string{time.RFC3339}, utc: true, badStart: "not a time like 2026-06-29T04:56:39.712Z",
	exercise: "exercise", noExercise: "no exercise name",
}

func (p *liftosaurParser) parse(rd *rows, res *Result) error {
	res.Layout = "history export"
	res.Units = "per row"
	c := newCollector(Liftosaur, rd, p.cols, liftosaurHead)
	return c.collect(res, func(rec []string) error {
		row, err := c.head(rec)
		if err != nil {
			return err
		}
		if p.cols.cell(rec, "completed reps") == "" {
			res.Skipped[SkipNotDone]++
			return nil
		}
		reps, err := rd.readReps(rec, p.cols.get("completed reps"))
		if err != nil {
			return err
		}
		load, bw, err := rd.readLoad(rec, p.cols, "completed weight value", "completed weight unit", "", "kg or lb")
		if err != nil {
			return err
		}
		rir, hasRIR, err := rd.readRPE(rec, p.cols.get("completed rpe"))
		if err != nil {
			return err
		}
		if res.skipRepless(reps, false) {
			return nil
		}
		kind := engine.Working
		if p.cols.cell(rec, "is warmup set?") == "1" {
			kind = engine.Warmup
		}
		c.add(row, engine.Set{Load: load, Bodyweight: bw, Reps: reps, RIR: rir, HasRIR: hasRIR, Kind: kind})
		return nil
	})
}
