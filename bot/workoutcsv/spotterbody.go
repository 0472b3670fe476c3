package workoutcsv

import (
	"fmt"
	"unicode/utf8"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// Body weights and notes in Spotter's export: a "bodyweight" record has
// date, weight and unit (and weight_exact, unit_exact as logged); a "note"
// record has date, lift (empty for a note on the day) and note.

// Note is a lifter's note on a session (Lift set) or a day (Lift "").
type Note struct {
	Date engine.Date
	Lift string
	Text string
}

func bodyRows(bws []engine.BodyWeight, u engine.Unit, row func(kv ...string) []string) [][]string {
	out := make([][]string, len(bws))
	for i, w := range bws {
		out[i] = row("record", "bodyweight", "date", w.Date.String(), "weight", w.Weight.In(u).Number(), "unit", string(u),
			"weight_exact", w.Weight.Number(), "unit_exact", string(w.Weight.Unit))
	}
	return out
}

func noteRow(n Note, row func(kv ...string) []string) []string {
	return row("record", "note", "date", n.Date.String(), "lift", n.Lift, "note", n.Text)
}

func (r spotterRow) bodyWeight() (engine.BodyWeight, error) {
	d, err := r.date("date", r.rd.latest)
	if err != nil {
		return engine.BodyWeight{}, err
	}
	wcol, ucol := "weight_exact", "unit_exact"
	if r.cell(wcol) == "" {
		wcol, ucol = "weight", "unit"
	}
	u := unitWord(r.cell(ucol))
	if u == "" {
		return engine.BodyWeight{}, r.bad(ucol, BadValue, "not a unit (kg or lb)")
	}
	v, ok, err := number(r.cell(wcol))
	switch {
	case err != nil || !ok:
		return engine.BodyWeight{}, r.bad(wcol, BadNumber, "not a number")
	case limits.BodyWeight(v, u) != nil:
		return engine.BodyWeight{}, r.bad(wcol, BadValue, "not a body weight: "+limits.BodyWeight(v, u).Error())
	}
	return engine.BodyWeight{Date: d, Weight: engine.NewLoad(v, u)}, nil
}

func (r spotterRow) note() (Note, error) {
	d, err := r.date("date", r.rd.latest)
	if err != nil {
		return Note{}, err
	}
	lift := r.cell("lift")
	if lift != "" {
		if err := limits.LiftChars(lift); err != nil {
			return Note{}, r.bad("lift", BadName, err.Error())
		}
		if utf8.RuneCountInString(lift) > maxStoredLift {
			return Note{}, r.bad("lift", BadName, fmt.Sprintf("longer than %d characters", maxStoredLift))
		}
	}
	text := r.cell("note")
	if err := limits.Note(text); err != nil {
		return Note{}, r.bad("note", BadValue, err.Error())
	}
	return Note{Date: d, Lift: lift, Text: text}, nil
}
