package workoutcsv

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestSpotterBodyWeightsAndNotesRoundTrip(t *testing.T) {
	d := engine.NewDate(2025, 3, 3)
	h := engine.History{
		Sets:        []engine.Set{{Lift: "pull-up", Date: d, Load: kg(10), Bodyweight: true, Reps: 5}},
		BodyWeights: []engine.BodyWeight{{Date: d, Weight: kg(82.35)}, {Date: d.AddDays(2), Weight: lb(181)}},
	}
	notes := []Note{
		{Date: d, Lift: "pull-up", Text: "felt fast, belt 💪"},
		{Date: d, Text: `a day note with "quotes", commas; and #hash`},
		{Date: d.AddDays(5), Text: "Ärger  mit   Leerzeichen"},
	}
	for _, u := range []engine.Unit{engine.Kg, engine.Lb} {
		var buf bytes.Buffer
		if err := WriteNotes(&buf, h, notes, u); err != nil {
			t.Fatal(err)
		}
		res, err := Parse(buf.Bytes(), Options{Today: d.AddDays(30)})
		if err != nil {
			t.Fatalf("%s: %v\n%s", u, err, buf.String())
		}
		if len(res.Bad) != 0 {
			t.Fatalf("%s: bad rows %v", u, res.Bad)
		}
		if !reflect.DeepEqual(res.BodyWeights, h.BodyWeights) {
			t.Errorf("%s: body weights: got %v, want %v", u, res.BodyWeights, h.BodyWeights)
		}
		if !reflect.DeepEqual(res.SessionNotes, notes) {
			t.Errorf("%s: notes: got %q, want %q", u, res.SessionNotes, notes)
		}
		if first, last, _ := res.DateRange(); first != d || last != d.AddDays(5) {
			t.Errorf("%s: date range %s..%s, want %s..%s (notes count)", u, first, last, d, d.AddDays(5))
		}
	}
}

// An export written before body weights and notes (25 columns) still reads.
func TestSpotterExportWithoutNoteColumn(t *testing.T) {
	header := strings.Join(ExportHeader[:25], ",")
	csvText := header + "\n" + "set,2024-01-02,squat,0,working,100,kg,5,,,,,100,kg,,,,,,,,,,,\n"
	res, err := Parse([]byte(csvText), Options{Today: engine.NewDate(2024, 6, 30)})
	if err != nil || len(res.Sets) != 1 || len(res.Bad) != 0 {
		t.Fatalf("got %d sets, bad %v, err %v; want the set read", len(res.Sets), res.Bad, err)
	}
}

func TestSpotterBadBodyWeightsAndNotes(t *testing.T) {
	row := func(kv ...string) string {
		r := make([]string, len(ExportHeader))
		for i := 0; i+1 < len(kv); i += 2 {
			for j, c := range ExportHeader {
				if c == kv[i] {
					r[j] = kv[i+1]
				}
			}
		}
		return strings.Join(r, ",") + "\n"
	}
	long := strings.Repeat("y", 501)
	csvText := strings.Join(ExportHeader, ",") + "\n" +
		row("record", "bodyweight", "date", "2024-01-02", "weight", "80", "unit", "kg") +
		row("record", "bodyweight", "date", "2024-01-03", "weight", "800", "unit", "kg") +
		row("record", "bodyweight", "date", "2024-01-03", "weight", "NaN", "unit", "kg") +
		row("record", "bodyweight", "date", "2024-01-03", "weight", "80", "unit", "stone") +
		row("record", "bodyweight", "date", "2031-01-03", "weight", "80", "unit", "kg") +
		row("record", "note", "date", "2024-01-02", "lift", "squat", "note", "ok") +
		row("record", "note", "date", "2024-01-02", "note", long) +
		row("record", "note", "date", "2024-01-02", "note", "") +
		row("record", "set", "date", "2024-01-02", "lift", "squat", "seq", "0", "kind", "working", "weight", "100", "unit", "kg", "reps", "5") +
		strings.Repeat(row("record", "set", "date", "2024-01-03", "lift", "squat", "seq", "0", "kind", "working", "weight", "100", "unit", "kg", "reps", "5"), 10)
	res, err := Parse([]byte(csvText), Options{Today: engine.NewDate(2024, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.BodyWeights) != 1 || len(res.SessionNotes) != 1 || len(res.Sets) != 11 {
		t.Errorf("got %d body weights, %d notes, %d sets; want 1, 1, 11", len(res.BodyWeights), len(res.SessionNotes), len(res.Sets))
	}
	if len(res.Bad) != 6 {
		t.Errorf("got %d bad rows %v, want 6", len(res.Bad), res.Bad)
	}
}
