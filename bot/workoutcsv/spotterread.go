package workoutcsv

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// spotterParser reads Spotter's own export back.
type spotterParser struct {
	cols columns
}

func (p *spotterParser) format() Format { return Spotter }

func oneOf(v string, allowed ...string) bool {
	if v == "" {
		return true
	}
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

func (p *spotterParser) parse(rd *rows, res *Result) error {
	res.Layout = "Spotter export"
	res.Units = "per row"
	err := rd.each(func(rec []string) error {
		r := spotterRow{p.cols, rd, rec}
		switch kind := r.cell("record"); kind {
		case "set":
			s, err := r.set()
			if err != nil {
				return err
			}
			if res.skipRepless(s.Reps, false) {
				return nil
			}
			res.Sets = append(res.Sets, Set{Set: s, Key: keyOf(Spotter, s.Date.String(), s.Lift, s.Seq), Exercise: s.Lift, Known: true, Workout: s.Date.String()})
		case "checkin":
			c, err := r.checkin()
			if err != nil {
				return err
			}
			res.Checkins = append(res.Checkins, c)
		case "deload":
			d, err := r.deload()
			if err != nil {
				return err
			}
			res.Deloads = append(res.Deloads, d)
		case "bodyweight":
			w, err := r.bodyWeight()
			if err != nil {
				return err
			}
			res.BodyWeights = append(res.BodyWeights, w)
		case "note":
			n, err := r.note()
			if err != nil {
				return err
			}
			res.SessionNotes = append(res.SessionNotes, n)
		default:
			return r.bad("record", BadValue, "not a record type (set, checkin, deload, bodyweight, note)")
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(res.Sets, func(i, j int) bool { return res.Sets[i].Date < res.Sets[j].Date })
	return nil
}

// spotterRow is one record of Spotter's export being read.
type spotterRow struct {
	cols columns
	rd   *rows
	rec  []string
}

func (r spotterRow) cell(name string) string { return r.cols.cell(r.rec, name) }

// bad makes the record a bad row for the value of column name.
func (r spotterRow) bad(name, reason, problem string) error {
	return r.rd.errAt(r.cols.get(name), r.cell(name), reason, problem)
}

// date reads a day from 1900 to latest.
func (r spotterRow) date(name string, latest engine.Date) (engine.Date, error) {
	d, err := engine.ParseDate(r.cell(name))
	if err != nil {
		return 0, r.bad(name, BadDate, "not a date like 2024-03-08")
	}
	if err := limits.Day(d, latest); err != nil {
		return 0, r.bad(name, BadDate, err.Error())
	}
	return d, nil
}

// integer reads a whole number from 0 to max; empty is 0.
func (r spotterRow) integer(name string, max int) (int, error) {
	v := r.cell(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		return 0, r.bad(name, BadValue, fmt.Sprintf("not a whole number from 0 to %d", max))
	}
	return n, nil
}

// float reads a number from 0 to max; empty is (0, false).
func (r spotterRow) float(name string, max float64) (float64, bool, error) {
	f, ok, err := number(r.cell(name))
	if err != nil || f < 0 || f > max {
		return 0, false, r.bad(name, BadValue, fmt.Sprintf("not a number from 0 to %g", max))
	}
	return f, ok, nil
}

// word checks a value is empty or one of allowed.
func (r spotterRow) word(name string, allowed ...string) error {
	if !oneOf(r.cell(name), allowed...) {
		return r.bad(name, BadValue, "not one of "+strings.Join(allowed, ", ")+" or empty")
	}
	return nil
}

// maxStoredLift bounds a lift name read back from an export: /log takes
// names of up to limits.MaxLiftName characters and spells out their
// aliases ("ohp" is "overhead press"), so a stored name can be longer.
const maxStoredLift = 2 * limits.MaxLiftName

func (r spotterRow) set() (engine.Set, error) {
	d, err := r.date("date", r.rd.latest)
	if err != nil {
		return engine.Set{}, err
	}
	lift := r.cell("lift")
	if err := limits.LiftChars(lift); err != nil {
		return engine.Set{}, r.bad("lift", BadName, err.Error())
	}
	if utf8.RuneCountInString(lift) > maxStoredLift {
		return engine.Set{}, r.bad("lift", BadName, fmt.Sprintf("longer than %d characters", maxStoredLift))
	}
	seq, err := r.integer("seq", 100000)
	if err != nil {
		return engine.Set{}, err
	}
	reps, err := r.rd.readReps(r.rec, r.cols.get("reps"))
	if err != nil {
		return engine.Set{}, err
	}
	k := r.cell("kind")
	if err := r.word("kind", "working", "warmup", "drop", "failure"); err != nil {
		return engine.Set{}, err
	}
	kind := engine.SetKind(k)
	if k == "working" {
		kind = engine.Working
	}
	if err := r.word("bodyweight", "yes"); err != nil {
		return engine.Set{}, err
	}
	bw := r.cell("bodyweight") == "yes"
	wcol, ucol := "weight_exact", "unit_exact"
	if r.cell(wcol) == "" && r.cell("weight") != "" {
		wcol, ucol = "weight", "unit"
	}
	unit := unitWord(r.cell(ucol))
	stated := unit
	if unit == "" {
		if r.cell(ucol) != "" || r.cell(wcol) != "" {
			return engine.Set{}, r.bad(ucol, BadValue, "not a unit (kg or lb)")
		}
		unit = r.rd.opt.Unit
	}
	load := engine.Load{Unit: unit}
	if v := r.cell(wcol); v != "" {
		f, _, err := number(v)
		switch {
		case err == errNotFinite:
			return engine.Set{}, r.bad(wcol, BadLoad, err.Error())
		case err != nil:
			return engine.Set{}, r.bad(wcol, BadNumber, "not a number")
		}
		// Negative only for an assisted bodyweight set: bodyweight minus the help.
		if err := limits.Load(f, unit, bw); err != nil {
			return engine.Set{}, r.bad(wcol, BadLoad, err.Error())
		}
		load = engine.NewLoad(f, unit)
		r.rd.countUnit(stated, f)
	}
	rir, hasRIR, err := number(r.cell("rir"))
	if err != nil {
		return engine.Set{}, r.bad("rir", BadNumber, "not a number")
	}
	if hasRIR {
		if err := limits.RIR(rir); err != nil {
			return engine.Set{}, r.bad("rir", BadEffort, err.Error())
		}
	}
	rest, err := r.integer("rest_sec", 24*3600)
	if err != nil {
		return engine.Set{}, err
	}
	return engine.Set{Lift: lift, Date: d, Seq: seq, Load: load, Bodyweight: bw, Reps: reps,
		RIR: rir, HasRIR: hasRIR, Kind: kind, RestSec: rest, Tags: tagsOf(r.cell("tags"))}, nil
}

func (r spotterRow) checkin() (engine.Checkin, error) {
	d, err := r.date("date", r.rd.latest)
	if err != nil {
		return engine.Checkin{}, err
	}
	for _, f := range []struct {
		name    string
		allowed []string
	}{
		{"sleep", []string{"good", "ok", "poor"}},
		{"soreness", []string{"none", "normal", "high"}},
		{"joints", []string{"ok", "irritated"}},
		{"motivation", []string{"high", "normal", "low"}},
		{"warmup", []string{"light", "normal", "heavy"}},
	} {
		if err := r.word(f.name, f.allowed...); err != nil {
			return engine.Checkin{}, err
		}
	}
	c := engine.Checkin{Date: d, Sleep: engine.Sleep(r.cell("sleep")), Soreness: engine.Soreness(r.cell("soreness")),
		Joints: engine.Joints(r.cell("joints")), Motivation: engine.Motivation(r.cell("motivation")),
		Warmup: engine.WarmupFeel(r.cell("warmup")), Tags: tagsOf(r.cell("tags"))}
	if c.RHR, err = r.integer("rhr", 250); err != nil {
		return engine.Checkin{}, err
	}
	if c.HRV, _, err = r.float("hrv", 1000); err != nil {
		return engine.Checkin{}, err
	}
	if c.SleptHours, _, err = r.float("slept_hours", 24); err != nil {
		return engine.Checkin{}, err
	}
	return c, nil
}

func (r spotterRow) deload() (engine.DeloadPeriod, error) {
	start, err := r.date("date", r.rd.latest)
	if err != nil {
		return engine.DeloadPeriod{}, err
	}
	// A deload begun today ends up to a week later.
	end, err := r.date("end_date", math.MaxInt32)
	if err != nil {
		return engine.DeloadPeriod{}, err
	}
	if end < start {
		return engine.DeloadPeriod{}, r.bad("end_date", BadDate, "before the deload's first day")
	}
	if err := r.word("planned", "yes"); err != nil {
		return engine.DeloadPeriod{}, err
	}
	if err := r.word("skipped", "yes"); err != nil {
		return engine.DeloadPeriod{}, err
	}
	return engine.DeloadPeriod{Start: start, End: end, Planned: r.cell("planned") == "yes", Skipped: r.cell("skipped") == "yes"}, nil
}

// tagsOf splits tags; none is nil, as storage returns them.
func tagsOf(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.Fields(s)
}
