package bot

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/engine"
)

// /export: everything a lifter logged as one Spotter CSV file, which
// /import reads back into any account.

func (b *Bot) exportCSV(r *request) (Reply, error) {
	if err := privateOnly(r, "/export"); err != nil {
		return Reply{}, err
	}
	if strings.TrimSpace(r.args) != "" {
		return Reply{}, badToken(r.args, "/export takes nothing: it exports everything.", "/export")
	}
	h, err := r.tx.History(r.user.ID, "", allTime, allTime)
	if err != nil {
		return Reply{}, fmt.Errorf("history: %w", err)
	}
	notes, err := exportNotes(r)
	if err != nil {
		return Reply{}, err
	}
	if len(h.Sets) == 0 && len(h.Checkins) == 0 && len(h.Deloads) == 0 && len(h.BodyWeights) == 0 && len(notes) == 0 {
		return Reply{Text: "Nothing to export yet. Log a set (/log squat 100x5 rir2) or import your history (/import)."}, nil
	}
	var buf bytes.Buffer
	if err := workoutcsv.WriteNotes(&buf, h, notes, r.user.Units); err != nil {
		return Reply{}, err
	}
	// The range covers everything exported: check-ins after the last set
	// are in the file too.
	var first, last engine.Date
	n := 0
	span := func(d engine.Date) {
		if n == 0 || d < first {
			first = d
		}
		if n == 0 || d > last {
			last = d
		}
		n++
	}
	for _, s := range h.Sets {
		span(s.Date)
	}
	for _, c := range h.Checkins {
		span(c.Date)
	}
	for _, w := range h.BodyWeights {
		span(w.Date)
	}
	text := fmt.Sprintf("Your Spotter data: %s, %s and %s", plural(len(h.Sets), "set", "sets"),
		plural(len(h.Checkins), "check-in", "check-ins"), plural(len(h.Deloads), "deload", "deloads"))
	if len(h.BodyWeights)+len(notes) > 0 {
		text += fmt.Sprintf(", plus %s and %s", plural(len(h.BodyWeights), "body weight", "body weights"), plural(len(notes), "note", "notes"))
	}
	if n > 0 {
		text += fmt.Sprintf(", %s to %s", first, last)
	}
	text += fmt.Sprintf(", loads in %s. It is a CSV any spreadsheet opens; /import it into any Spotter account to bring it all back.", r.user.Units)
	return Reply{Text: text, File: &File{Name: exportFileName(r.msg.Identity.Name, r.today), Data: buf.Bytes()}}, nil
}
