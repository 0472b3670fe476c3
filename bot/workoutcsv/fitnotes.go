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

var fitNotesHead = head{
	start: "date", layouts: []string{"2006-01-02"}, badStart: "not a date like 2025-04-29",
	exercise: "exercise", noExercise: "no exercise name",
}

func (p *fitNotesParser) parse(rd *rows, res *Result) error {
	res.Layout = "one workout per day"
	res.Units = "per row"
	if p.headerUnit != "" {
		res.Units = "header"
	}
	ex := p.cols.get("exercise")
	c := newCollector(FitNotes, rd, p.cols, fitNotesHead)
	// A name with a comma spills into extra fields: join them back.
	c.mend = func(rec []string) []string {
		if extra := len(rec) - len(rd.header); extra > 0 && ex >= 0 {
			name := strings.Join(rec[ex:ex+extra+1], ",")
			rec = append(append(append([]string{}, rec[:ex]...), name), rec[ex+extra+1:]...)
		}
		return rec
	}
	return c.collect(res, func(rec []string) error {
		row, err := c.head(rec)
		if err != nil {
			return err
		}
		reps, err := rd.readReps(rec, p.cols.get("reps"))
		if err != nil {
			return err
		}
		dist, err := rd.readFloat(rec, p.cols.get("distance"), "distance")
		if err != nil {
			return err
		}
		timed := strings.Trim(p.cols.cell(rec, "time"), "0:.") != ""
		load, bw, err := rd.readLoad(rec, p.cols, "weight", "weight unit", p.headerUnit, "kgs or lbs")
		if err != nil {
			return err
		}
		if res.skipRepless(reps, dist > 0 || timed) {
			return nil
		}
		c.add(row, engine.Set{Load: load, Bodyweight: bw, Reps: reps})
		return nil
	})
}
