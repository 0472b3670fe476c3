package workoutcsv

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// ExportHeader is the header of Spotter's export (/export, spotter export).
// The file is RFC 4180 CSV: comma-separated, UTF-8, one record per line.
// Each record is a set, a check-in, a deload, a body weight or a note, named
// in the first column;
// a record fills its own columns and leaves the others empty.
//
//	record        "set", "checkin", "deload", "bodyweight" or "note"
//	date          YYYY-MM-DD: the day of the set, check-in, body weight or note,
//	              the first day of a deload
//	lift          set: Spotter's lift name ("squat", "paused squat", "dumbbell curl");
//	              note: the session's lift, empty for a note on the day
//	seq           set: its order within the day's sets of that lift, from 0
//	kind          set: working, warmup, drop or failure
//	weight, unit  set: the load in the account's units, to the thousandth; for a
//	              bodyweight set the added load (empty when none, negative when assisted);
//	              bodyweight: the body weight in the account's units
//	reps          set: repetitions
//	rir           set: reps in reserve (RPE r is RIR 10-r); empty when not logged
//	bodyweight    set: "yes" for a bodyweight set
//	rest_sec      set: rest before the set in seconds; empty when not logged
//	tags          set and check-in: tags without '#', separated by spaces
//	weight_exact, unit_exact
//	              set and bodyweight: the load exactly as logged, in the unit it was logged in
//	              (differs from weight/unit only for loads logged in the other unit);
//	              import reads these first, so a round trip loses nothing
//	sleep         check-in: good, ok or poor
//	soreness      check-in: none, normal or high
//	joints        check-in: ok or irritated
//	motivation    check-in: high, normal or low
//	warmup        check-in: how warm-ups felt: light, normal or heavy
//	rhr           check-in: resting heart rate, bpm
//	hrv           check-in: heart-rate variability, ms
//	slept_hours   check-in: hours slept
//	end_date      deload: its last day, YYYY-MM-DD
//	planned       deload: "yes" when it was a planned deload
//	skipped       deload: "yes" when a planned deload was skipped
//	note          note: the lifter's words, as typed
var ExportHeader = []string{
	"record", "date", "lift", "seq", "kind", "weight", "unit", "reps", "rir", "bodyweight", "rest_sec", "tags",
	"weight_exact", "unit_exact", "sleep", "soreness", "joints", "motivation", "warmup", "rhr", "hrv",
	"slept_hours", "end_date", "planned", "skipped", "note",
}

const exportHeaderStart = "record,date,lift,seq,kind,weight,unit,reps,rir,"

func kindWord(k engine.SetKind) string {
	if k == engine.Working {
		return "working"
	}
	return string(k)
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func num(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Write writes h's sets, check-ins, deloads and body weights as Spotter's
// export, with loads in unit u. Records are in date order; on one day the
// check-in comes first, then the body weight, deloads, sets by lift and seq.
func Write(w io.Writer, h engine.History, u engine.Unit) error { return WriteNotes(w, h, nil, u) }

// WriteNotes is Write with the lifter's notes, each after its day's sets.
func WriteNotes(w io.Writer, h engine.History, notes []Note, u engine.Unit) error {
	if u != engine.Lb {
		u = engine.Kg
	}
	type rec struct {
		date  engine.Date
		order int
		lift  string
		seq   int
		row   []string
	}
	col := map[string]int{}
	for i, c := range ExportHeader {
		col[c] = i
	}
	row := func(kv ...string) []string {
		r := make([]string, len(ExportHeader))
		for i := 0; i+1 < len(kv); i += 2 {
			r[col[kv[i]]] = kv[i+1]
		}
		return r
	}
	var recs []rec
	for _, c := range h.Checkins {
		rhr := ""
		if c.RHR > 0 {
			rhr = strconv.Itoa(c.RHR)
		}
		recs = append(recs, rec{date: c.Date, order: 0, row: row(
			"record", "checkin", "date", c.Date.String(), "sleep", string(c.Sleep), "soreness", string(c.Soreness),
			"joints", string(c.Joints), "motivation", string(c.Motivation), "warmup", string(c.Warmup),
			"rhr", rhr, "hrv", num(c.HRV), "slept_hours", num(c.SleptHours), "tags", strings.Join(c.Tags, " "))})
	}
	for _, r := range bodyRows(h.BodyWeights, u, row) {
		date, _ := engine.ParseDate(r[col["date"]])
		recs = append(recs, rec{date: date, order: 0, lift: "~", row: r}) // after the day's check-in
	}
	for _, n := range notes {
		recs = append(recs, rec{date: n.Date, order: 3, row: noteRow(n, row)}) // in the order given
	}
	for _, d := range h.Deloads {
		recs = append(recs, rec{date: d.Start, order: 1, row: row(
			"record", "deload", "date", d.Start.String(), "end_date", d.End.String(),
			"planned", yes(d.Planned), "skipped", yes(d.Skipped))})
	}
	for _, s := range h.Sets {
		weight, unit := "", ""
		if !s.Bodyweight || s.Load.Milli != 0 {
			weight, unit = s.Load.In(u).Number(), string(u)
		}
		rir := ""
		if s.HasRIR {
			rir = strconv.FormatFloat(s.RIR, 'f', -1, 64)
		}
		rest := ""
		if s.RestSec > 0 {
			rest = strconv.Itoa(s.RestSec)
		}
		exactUnit := s.Load.Unit
		if exactUnit == "" {
			exactUnit = u
		}
		recs = append(recs, rec{date: s.Date, order: 2, lift: s.Lift, seq: s.Seq, row: row(
			"record", "set", "date", s.Date.String(), "lift", s.Lift, "seq", strconv.Itoa(s.Seq),
			"kind", kindWord(s.Kind), "weight", weight, "unit", unit, "reps", strconv.Itoa(s.Reps), "rir", rir,
			"bodyweight", yes(s.Bodyweight), "rest_sec", rest, "tags", strings.Join(s.Tags, " "),
			"weight_exact", s.Load.Number(), "unit_exact", string(exactUnit))})
	}
	sort.SliceStable(recs, func(i, j int) bool {
		a, b := recs[i], recs[j]
		if a.date != b.date {
			return a.date < b.date
		}
		if a.order != b.order {
			return a.order < b.order
		}
		if a.lift != b.lift {
			return a.lift < b.lift
		}
		return a.seq < b.seq
	})
	cw := csv.NewWriter(w)
	if err := cw.Write(ExportHeader); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	for _, r := range recs {
		if err := cw.Write(r.row); err != nil {
			return fmt.Errorf("write export: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	return nil
}
