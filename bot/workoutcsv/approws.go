package workoutcsv

import (
	"sort"
	"time"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// What the app parsers share: the row loop, the workout's start and the
// exercise every row must name, the load with its unit and bodyweight rule,
// the skipping of rows without reps, and the collector that keys, orders
// and numbers their sets. Each format file keeps only its columns and its
// quirks.

// each calls fn for every record after the header, once its field count is
// checked. A *RowError from fn (or a wrong field count) skips the row and
// is kept for the report; any other error stops the loop. fn keeps what it
// read only once the row is known to be good.
func (r *rows) each(fn func(rec []string) error) error { return r.eachMended(nil, fn) }

// eachMended is each with mend applied to a record before its fields are
// counted (FitNotes does not quote names with commas); mend may be nil.
func (r *rows) eachMended(mend func(rec []string) []string, fn func(rec []string) error) error {
	for {
		rec, err := r.next()
		if err != nil {
			return err
		}
		if rec == nil {
			return nil
		}
		if mend != nil {
			rec = mend(rec)
		}
		r.rowUnit = ""
		err = r.wantFields(rec)
		if err == nil {
			err = fn(rec)
		}
		if err != nil {
			if !r.skipped(err) {
				return err
			}
			continue
		}
		if r.rowUnit != "" {
			r.stated[r.rowUnit]++
		}
	}
}

// collect reads every row with fn, then puts the sets kept in res.
func (c *collector) collect(res *Result, fn func(rec []string) error) error {
	if err := c.rd.eachMended(c.mend, fn); err != nil {
		return err
	}
	c.result(res)
	return nil
}

// head says where an app's rows name their workout's start and exercise,
// and what to tell the lifter when they do not.
type head struct {
	start      string   // logical column of the workout's start (or day)
	layouts    []string // time layouts the start may be written in
	utc        bool     // the start is UTC: its day is taken in Options.Location
	badStart   string   // the problem when it is in none, with an example
	exercise   string   // logical column of the exercise name
	noExercise string   // the problem when the name is empty
}

// appRow is what every app row starts with.
type appRow struct {
	when     string    // the start as written: part of the set's key
	start    time.Time // the start as read, in the lifter's zone
	exercise string
	lift     string // the exercise mapped to a Spotter lift
	known    bool   // the lift is in Spotter's table
	ord      int    // the row's place among its exercise's rows in the workout
}

// head reads a row's workout start and exercise and numbers the row. The
// number is taken before the day and name are checked, so that a row
// skipped for them does not shift the keys of the rows after it.
func (c *collector) head(rec []string) (appRow, error) {
	h, cols := c.h, c.cols
	when := cols.cell(rec, h.start)
	start, ok := parseLocal(when, h.layouts)
	if !ok {
		return appRow{}, c.rd.errAt(cols.get(h.start), when, BadDate, h.badStart)
	}
	if h.utc {
		start = start.In(c.rd.opt.Location)
	}
	exercise := cols.cell(rec, h.exercise)
	if exercise == "" {
		return appRow{}, c.rd.errAt(cols.get(h.exercise), exercise, BadName, h.noExercise)
	}
	row := appRow{when: when, start: start, exercise: exercise, ord: c.ordinal(when, exercise)}
	if err := c.rd.checkDay(cols.get(h.start), when, engine.DateOf(start)); err != nil {
		return appRow{}, err
	}
	m := c.mapLift(exercise)
	if m.bad != nil {
		return appRow{}, c.rd.errAt(cols.get(h.exercise), exercise, BadName, m.bad.Error())
	}
	row.lift, row.known = m.lift, m.known
	return row, nil
}

// readLoad reads a row's weight in the unit its unit column states (unitCol
// "" when the app has none; units spells the accepted words for the error),
// else in fallback (the header's unit; "" when the file does not say, then
// Options.Unit). A row with no weight, or a zero one, is bodyweight; its
// load is then zero in that unit.
func (r *rows) readLoad(rec []string, cols columns, weightCol, unitCol string, fallback engine.Unit, units string) (load engine.Load, bodyweight bool, err error) {
	unit := fallback
	if unitCol != "" {
		if u := cols.cell(rec, unitCol); u != "" {
			if unit = unitWord(u); unit == "" {
				return engine.Load{}, false, r.errAt(cols.get(unitCol), u, BadValue, "not a weight unit ("+units+")")
			}
		}
	}
	load, hasLoad, err := r.readWeight(rec, cols.get(weightCol), unit) // "" when the file does not say
	if err != nil {
		return engine.Load{}, false, err
	}
	if unit == "" {
		unit = r.opt.Unit
	}
	bodyweight = !hasLoad || load.Milli == 0
	if bodyweight && load.Milli == 0 {
		load = engine.Load{Unit: unit}
	}
	return load, bodyweight, nil
}

// skipRepless counts a row without reps, as cardio or a timed hold when it
// has a distance or a time, and reports whether it was skipped.
func (res *Result) skipRepless(reps int, cardio bool) bool {
	switch {
	case reps == 0 && cardio:
		res.Skipped[SkipCardio]++
	case reps == 0:
		res.Skipped[SkipNoReps]++
	default:
		return false
	}
	return true
}

// ordinals counts rows per (workout, exercise) in file order.
type ordinals map[[2]string]int

func (o ordinals) next(workout, exercise string) int {
	k := [2]string{workout, exercise}
	n := o[k]
	o[k] = n + 1
	return n
}

// pending is a set read from an app export before its Seq is known.
type pending struct {
	Set
	start time.Time // the workout's start, for the order within a day
	index int       // file order
}

// collector gathers app sets and assigns keys and order.
type collector struct {
	f     Format
	rd    *rows
	cols  columns
	h     head
	mend  func(rec []string) []string // nil, or how to mend a record before its fields are counted
	ord   ordinals
	sets  []pending
	lifts map[string]mapped
}

func newCollector(f Format, rd *rows, cols columns, h head) *collector {
	return &collector{f: f, rd: rd, cols: cols, h: h, ord: ordinals{}, sets: make([]pending, 0, rd.hint), lifts: map[string]mapped{}}
}

// mapped caches MapLift and the name's check per exercise name: a file
// names a few dozen exercises over tens of thousands of rows.
type mapped struct {
	lift  string
	known bool
	bad   error // the name's characters or the lift's, or nil
}

// mapLift maps an exercise name to a lift, once per name.
func (c *collector) mapLift(exercise string) mapped {
	m, ok := c.lifts[exercise]
	if !ok {
		m.lift, m.known = MapLift(exercise)
		if m.bad = limits.LiftChars(exercise); m.bad == nil {
			m.bad = limits.LiftName(m.lift)
		}
		c.lifts[exercise] = m
	}
	return m
}

// ordinal must be called for every row of an exercise, kept or skipped, so
// keys do not shift when the skip rules change.
func (c *collector) ordinal(workout, exercise string) int { return c.ord.next(workout, exercise) }

// add keeps a set read from row; its day is the workout's start day.
func (c *collector) add(row appRow, s engine.Set) {
	workout, start, exercise, ordinal, known := row.when, row.start, row.exercise, row.ord, row.known
	s.Date = engine.DateOf(start)
	s.Lift = row.lift
	s = bodyweightRules(s, exercise)
	c.sets = append(c.sets, pending{
		Set:   Set{Set: s, Key: keyOf(c.f, workout, exercise, ordinal), Exercise: exercise, Known: known, Workout: workout},
		start: start, index: len(c.sets),
	})
}

// result sorts the sets by day, workout start and file order (Hevy lists
// newest first) and numbers them within each day and lift.
func (c *collector) result(res *Result) {
	sort.SliceStable(c.sets, func(i, j int) bool {
		a, b := c.sets[i], c.sets[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if !a.start.Equal(b.start) {
			return a.start.Before(b.start)
		}
		return a.index < b.index
	})
	seq := map[string]int{}
	res.Sets = make([]Set, len(c.sets))
	for i, p := range c.sets {
		k := p.Date.String() + "\x00" + p.Lift
		p.Seq = seq[k]
		seq[k]++
		res.Sets[i] = p.Set
	}
}
