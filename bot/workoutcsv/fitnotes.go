package workoutcsv

import (
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// fitNotesParser reads FitNotes' export: Date (day only), Exercise,
// Category, Weight, Weight Unit (kgs/lbs; older exports put it in the header,
// "Weight (kgs)"), Reps, Distance, Distance Unit, Time. FitNotes never quotes,
// so a name with a comma ("Overhead Press (Each Side, Dumbbells)") spills
// into extra fields; they are joined back. A day is one workout.
type fitNotesParser struct {
	cols       columns
	headerUnit engine.Unit
}

func newFitNotes(header []string, idx map[string]int) (parser, error) {
	p := &fitNotesParser{cols: columns(idx)}
	if i := p.cols.get("weight"); i >= 0 {
		_, u := headerName(header[i])
		p.headerUnit = unitWord(u)
	}
	return p, nil
}

func (p *fitNotesParser) format() Format { return FitNotes }

func (p *fitNotesParser) parse(rd *rows, res *Result) error {
	res.Layout = "one workout per day"
	res.Units = "per row"
	if p.headerUnit != "" {
		res.Units = "header"
	}
	ex := p.cols.get("exercise")
	c := newCollector(FitNotes, rd.hint)
	for {
		rec, err := rd.next()
		if err != nil {
			return err
		}
		if rec == nil {
			break
		}
		if extra := len(rec) - len(rd.header); extra > 0 && ex >= 0 {
			name := strings.Join(rec[ex:ex+extra+1], ",")
			rec = append(append(append([]string{}, rec[:ex]...), name), rec[ex+extra+1:]...)
		}
		if err := rd.wantFields(rec); err != nil {
			return err
		}
		day := p.cols.cell(rec, "date")
		start, ok := parseLocal(day, []string{"2006-01-02"})
		if !ok {
			return rd.errAt(p.cols.get("date"), day, "is not a date like 2025-04-29")
		}
		exercise := p.cols.cell(rec, "exercise")
		if exercise == "" {
			return rd.errAt(ex, exercise, "is empty: every row needs an exercise")
		}
		ord := c.ordinal(day, exercise)
		reps, err := rd.readReps(rec, p.cols.get("reps"))
		if err != nil {
			return err
		}
		dist, err := rd.readFloat(rec, p.cols.get("distance"), "distance")
		if err != nil {
			return err
		}
		timed := strings.Trim(p.cols.cell(rec, "time"), "0:.") != ""
		unit := p.headerUnit
		if u := p.cols.cell(rec, "weight unit"); u != "" {
			if unit = unitWord(u); unit == "" {
				return rd.errAt(p.cols.get("weight unit"), u, "is not a weight unit (kgs or lbs)")
			}
		}
		load, hasLoad, err := rd.readWeight(rec, p.cols.get("weight"), unit) // "" when the file does not say
		if err != nil {
			return err
		}
		if unit == "" {
			unit = rd.opt.Unit
		}
		switch {
		case reps == 0 && (dist > 0 || timed):
			res.Skipped[SkipCardio]++
			continue
		case reps == 0:
			res.Skipped[SkipNoReps]++
			continue
		}
		s := engine.Set{Date: engine.DateOf(start), Load: load, Bodyweight: !hasLoad || load.Milli == 0, Reps: reps}
		if s.Bodyweight && load.Milli == 0 {
			s.Load = engine.Load{Unit: unit}
		}
		c.add(s, day, start, exercise, ord)
	}
	c.result(res)
	return nil
}
