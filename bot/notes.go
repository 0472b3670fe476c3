package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// Notes: a quoted note on /log (/log squat 100x5 "felt fast, belt") or
// /note TEXT for today's latest session. A note is the lifter's words,
// kept as typed (case, commas, emoji), shown in /history and exported; it
// is never written to the logs.

// EntryNote is a note typed with /note; /undo removes it.
const EntryNote EntryKind = "note"

const noteExample = `/log squat 100x5 rir2 "felt fast, belt"`

// openQuotes and closeQuotes are the quotes a note may be written in:
// straight, or curly as phones type them (“…”, „…“, ”…”).
const (
	openQuotes  = "\"“„”"
	closeQuotes = "\"”“"
)

// cutNote takes the quoted note out of a /log's arguments: the note as
// typed, trimmed, and the arguments without it. No quote: note "". A second
// quoted note, or a quote left open, is refused.
func cutNote(args string) (note, rest string, err error) {
	i := strings.IndexAny(args, openQuotes)
	if i < 0 {
		return "", args, nil
	}
	_, w := utf8.DecodeRuneInString(args[i:])
	j := strings.IndexAny(args[i+w:], closeQuotes)
	if j < 0 {
		return "", args, &InputError{Problem: "The note has no closing quote: put it between two quotes.", Example: noteExample}
	}
	note = args[i+w : i+w+j]
	_, cw := utf8.DecodeRuneInString(args[i+w+j:])
	rest = args[:i] + " " + args[i+w+j+cw:]
	if strings.ContainsAny(rest, openQuotes) {
		return "", args, &InputError{Problem: "One note per message: put it all between one pair of quotes.", Example: noteExample}
	}
	note = strings.TrimSpace(note)
	if err := checkNote(note); err != nil {
		return "", args, err
	}
	return note, rest, nil
}

// checkNote applies the shared limits to a note; the refusal does not echo
// the note (it may be long, and it is the lifter's words).
func checkNote(note string) error {
	if err := limits.Note(note); err != nil {
		return &InputError{Problem: fmt.Sprintf("I could not keep the note: %s. A note is text of up to %d characters on one line.", err, limits.MaxNote), Example: noteExample}
	}
	return nil
}

// quoteNote shows a note as stored, in quotes.
func quoteNote(s string) string { return "“" + s + "”" }

// shortNote cuts a note for /history's one line under a session.
func shortNote(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}

// addLogNote stores a /log's note under its entry.
func addLogNote(tx Tx, p *logPlan, entryID int64) error {
	if p.cmd.Note == "" {
		return nil
	}
	return tx.AddNote(p.entry.UserID, entryID, Note{Date: p.day, Lift: p.cmd.Lift, Text: p.cmd.Note})
}

// note answers /note TEXT: a note on today's latest session, or on the day
// when nothing is logged today.
func (b *Bot) note(r *request) (Reply, error) {
	text := strings.TrimSpace(r.args)
	if text == "" {
		return Reply{}, &InputError{Problem: "What should the note say? /note and the words, for your latest session today.", Example: "/note felt fast, belt"}
	}
	if q, rest, err := cutNote(text); err == nil && q != "" && strings.TrimSpace(rest) == "" {
		text = q // /note "words": the quotes are not part of it
	}
	if err := checkNote(text); err != nil {
		return Reply{}, err
	}
	lift, err := r.tx.LastSessionOn(r.user.ID, r.today)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Reply{}, fmt.Errorf("last session: %w", err)
	}
	where := fmt.Sprintf("today's %s session (%s)", lift, r.today)
	if lift == "" {
		where = fmt.Sprintf("today, %s (no session logged yet today)", r.today)
	}
	id, err := r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryNote, Date: r.today, Lift: lift, Summary: "your note on " + where, Created: r.msg.ReceivedAt})
	if err != nil {
		return Reply{}, fmt.Errorf("add entry: %w", err)
	}
	if err := r.tx.AddNote(r.user.ID, id, Note{Date: r.today, Lift: lift, Text: text}); err != nil {
		return Reply{}, err
	}
	return Reply{Text: fmt.Sprintf("Note kept on %s: %s", where, quoteNote(text)),
		Buttons: [][]Button{{{Label: "Undo", Data: "/undo " + strconv.FormatInt(id, 10)}}}}, nil
}

// notesOf returns the notes on days, by day and lift ("" for a day's note).
func notesOf(tx Tx, userID int64, days []engine.Date) (map[engine.Date]map[string][]string, error) {
	if len(days) == 0 {
		return nil, nil
	}
	lo, hi := days[0], days[0]
	for _, d := range days {
		lo, hi = min(lo, d), max(hi, d)
	}
	ns, err := tx.Notes(userID, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	out := map[engine.Date]map[string][]string{}
	for _, n := range ns {
		if out[n.Date] == nil {
			out[n.Date] = map[string][]string{}
		}
		out[n.Date][n.Lift] = append(out[n.Date][n.Lift], n.Text)
	}
	return out, nil
}

// withoutNote is args without a well-formed quoted note, for checks that
// look at the grammar's words only.
func withoutNote(args string) string {
	if _, rest, err := cutNote(args); err == nil {
		return rest
	}
	return args
}
