package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// /edit and /delete work on a piece: the sets one message (or one import)
// stored for one lift on one day, named by the handle /history shows
// (#2s: its first set's id in base 36, short and the user's own). Both
// store an entry /undo takes back.

const (
	editExample   = "/edit #2s 100x5x3 rir2"
	deleteExample = "/delete #2s"
)

// handleText is a piece's handle as shown: "#2s".
func handleText(h int64) string { return "#" + strconv.FormatInt(h, 36) }

// parseHandle reads "#2s" or "2s".
func parseHandle(tok, example string) (int64, error) {
	s := strings.ToLower(strings.TrimPrefix(tok, "#"))
	h, err := strconv.ParseInt(s, 36, 64)
	if err != nil || h <= 0 || s == "" {
		return 0, badToken(tok, "a session's handle is the #code /history shows after it, like #2s.", example)
	}
	return h, nil
}

// pieceOf reads the piece a handle names; a handle that names none is the
// user's input error.
func pieceOf(r *request, tok, example string) (Piece, error) {
	h, err := parseHandle(tok, example)
	if err != nil {
		return Piece{}, err
	}
	p, err := r.tx.Piece(r.user.ID, h)
	if errors.Is(err, ErrNotFound) {
		return Piece{}, badToken(tok, "no session of yours has that handle (any more); /history shows the handles.", example)
	}
	if err != nil {
		return Piece{}, fmt.Errorf("piece: %w", err)
	}
	return p, nil
}

// pieceText describes a piece: "squat on 2026-11-23: 3 sets of 5 reps at 100 kg".
func pieceText(p Piece, sets []engine.Set, u engine.Unit) string {
	return fmt.Sprintf("%s on %s: %s", p.Lift, p.Date, describeSets(sets, u))
}

func (b *Bot) editEntry(r *request) (Reply, error) {
	tok, rest, _ := strings.Cut(strings.TrimSpace(r.args), " ")
	if tok == "" {
		return Reply{}, &InputError{Problem: "Which session? Give its handle from /history, then the sets as /log takes them.", Example: editExample}
	}
	p, err := pieceOf(r, tok, editExample)
	if err != nil {
		return Reply{}, err
	}
	if strings.TrimSpace(rest) == "" {
		// No sets: show the session, with a Delete button.
		return Reply{Text: fmt.Sprintf("%s is %s. To change it, send /edit %s and the sets as /log takes them.",
			handleText(p.Handle), pieceText(p, p.Sets, r.user.Units), handleText(p.Handle)),
			Buttons: [][]Button{{{Label: "Delete " + handleText(p.Handle), Data: "/delete " + handleText(p.Handle)}}}}, nil
	}
	// The sets are read as /log reads them (bot/limits' bounds), under a
	// stand-in lift name: the piece keeps its own.
	cmd, err := ParseLog("x "+rest, r.user.Units)
	if err != nil {
		return Reply{}, err
	}
	if cmd.Typed != "x" || cmd.DateWord != "" {
		w := strings.TrimSpace(strings.TrimPrefix(cmd.Typed, "x"))
		return Reply{}, badToken(w, "after the handle come only the sets (the lift and day stay); to move a session to another lift, /lift rename or log it again.", editExample)
	}
	old := p.Sets
	sets := make([]engine.Set, len(cmd.Sets))
	for i, s := range cmd.Sets {
		kind := engine.Working
		if s.Warmup {
			kind = engine.Warmup
		}
		sets[i] = engine.Set{Lift: p.Lift, Date: p.Date, Seq: old[0].Seq + i, Load: s.Load, Bodyweight: s.Bodyweight,
			Reps: s.Reps, RIR: s.RIR, HasRIR: s.HasRIR, Kind: kind, RestSec: cmd.RestSec, Tags: cmd.Tags}
		// Rest and tags not typed again stay as they were.
		if cmd.RestSec == 0 && !s.Warmup {
			sets[i].RestSec = old[0].RestSec
		}
		if len(cmd.Tags) == 0 {
			sets[i].Tags = old[0].Tags
		}
	}
	if err := r.tx.ReplacePiece(r.user.ID, p, sets); err != nil {
		return Reply{}, fmt.Errorf("replace sets: %w", err)
	}
	if err := renameEntry(r, p, sets); err != nil {
		return Reply{}, err
	}
	h := handleText(p.Handle)
	id, err := r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryEdit, Date: p.Date, Lift: p.Lift,
		Summary: "the edit of " + h, Undo: &PieceUndo{Piece: p}, Created: r.msg.ReceivedAt})
	if err != nil {
		return Reply{}, fmt.Errorf("add edit entry: %w", err)
	}
	return Reply{Text: fmt.Sprintf("Edited %s, %s on %s: now %s (was %s).", h, p.Lift, p.Date,
		describeSets(sets, r.user.Units), describeSets(old, r.user.Units)),
		Buttons: [][]Button{{{Label: "Undo", Data: "/undo " + strconv.FormatInt(id, 10)}}}}, nil
}

// renameEntry keeps a /log entry's summary, which its Undo names, true to
// the sets it now holds. An import's entry names the file, not sets: it stays.
func renameEntry(r *request, p Piece, sets []engine.Set) error {
	e, err := r.tx.Entry(r.user.ID, p.EntryID)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("entry: %w", err)
	}
	if e.Kind != EntrySets {
		return nil
	}
	if err := r.tx.SetEntrySummary(r.user.ID, e.ID, pieceText(p, sets, r.user.Units)); err != nil {
		return fmt.Errorf("entry summary: %w", err)
	}
	return nil
}

// deleteShown is how many recent sessions /delete alone offers as buttons.
const deleteShown = 5

func (b *Bot) deleteEntry(r *request) (Reply, error) {
	args := strings.Fields(r.args)
	if len(args) == 0 {
		return b.deleteMenu(r)
	}
	if len(args) > 1 {
		return Reply{}, badToken(args[1], "/delete takes one handle.", deleteExample)
	}
	p, err := pieceOf(r, args[0], deleteExample)
	if err != nil {
		return Reply{}, err
	}
	var gone *Entry
	if e, err := r.tx.Entry(r.user.ID, p.EntryID); err == nil && e.Kind == EntrySets {
		gone = &e
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return Reply{}, fmt.Errorf("entry: %w", err)
	}
	entryGone, err := r.tx.DeletePiece(r.user.ID, p)
	if err != nil {
		return Reply{}, fmt.Errorf("delete sets: %w", err)
	}
	if !entryGone {
		gone = nil
	}
	h := handleText(p.Handle)
	id, err := r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryDelete, Date: p.Date, Lift: p.Lift,
		Summary: "the deletion of " + h, Undo: &PieceUndo{Piece: p, Entry: gone}, Created: r.msg.ReceivedAt})
	if err != nil {
		return Reply{}, fmt.Errorf("add delete entry: %w", err)
	}
	return Reply{Text: fmt.Sprintf("Deleted %s, %s.", h, pieceText(p, p.Sets, r.user.Units)), Edit: r.msg.Callback,
		Buttons: [][]Button{{{Label: "Undo", Data: "/undo " + strconv.FormatInt(id, 10)}}}}, nil
}

// deleteMenu answers /delete alone: the latest sessions, a button each.
func (b *Bot) deleteMenu(r *request) (Reply, error) {
	days, err := r.tx.SessionDays(r.user.ID, "", deleteShown)
	if err != nil {
		return Reply{}, fmt.Errorf("session days: %w", err)
	}
	refs, err := r.tx.Pieces(r.user.ID, "", days)
	if err != nil {
		return Reply{}, fmt.Errorf("pieces: %w", err)
	}
	if len(refs) == 0 {
		return Reply{Text: "Nothing logged yet, so nothing to delete."}, nil
	}
	// Newest first: the latest day, and on it the latest logged.
	var rows [][]Button
	for i := len(refs) - 1; i >= 0 && len(rows) < deleteShown; i-- {
		p := refs[i]
		rows = append(rows, []Button{{Label: fmt.Sprintf("Delete %s %s %s", handleText(p.Handle), p.Date, cut(p.Lift, 20)), Data: "/delete " + handleText(p.Handle)}})
	}
	return Reply{Text: "Which session? Tap one to delete it (/undo brings it back), or send /delete #HANDLE from /history.", Buttons: rows}, nil
}

// undoPiece takes back an /edit or a /delete.
func (b *Bot) undoPiece(r *request, e Entry) (Reply, error) {
	u := e.Undo
	if u == nil {
		return Reply{}, fmt.Errorf("entry %d: %s without its record", e.ID, e.Kind)
	}
	p := u.Piece
	h := handleText(p.Handle)
	var text string
	switch e.Kind {
	case EntryEdit:
		cur, err := r.tx.Piece(r.user.ID, p.Handle)
		switch {
		case errors.Is(err, ErrNotFound):
			text = fmt.Sprintf("Removed the edit of %s; that session itself is gone since.", h)
		case err != nil:
			return Reply{}, fmt.Errorf("piece: %w", err)
		default:
			if err := r.tx.ReplacePiece(r.user.ID, cur, p.Sets); err != nil {
				return Reply{}, fmt.Errorf("restore sets: %w", err)
			}
			if err := renameEntry(r, p, p.Sets); err != nil {
				return Reply{}, err
			}
			text = fmt.Sprintf("Undid the edit of %s: %s on %s is %s again.", h, p.Lift, p.Date, describeSets(p.Sets, r.user.Units))
		}
	case EntryDelete:
		if _, err := r.tx.Piece(r.user.ID, p.Handle); err == nil {
			text = fmt.Sprintf("%s is back already.", h)
			break
		}
		if u.Entry == nil {
			if _, err := r.tx.Entry(r.user.ID, p.EntryID); errors.Is(err, ErrNotFound) {
				text = fmt.Sprintf("Removed the deletion of %s, but the import it came from is gone since, so it stays deleted.", h)
				break
			} else if err != nil {
				return Reply{}, fmt.Errorf("entry: %w", err)
			}
		}
		if err := r.tx.RestorePiece(r.user.ID, p, u.Entry); err != nil {
			return Reply{}, fmt.Errorf("restore piece: %w", err)
		}
		text = fmt.Sprintf("Brought back %s, %s.", h, pieceText(p, p.Sets, r.user.Units))
	}
	if err := r.tx.DeleteEntry(r.user.ID, e.ID); err != nil {
		return Reply{}, fmt.Errorf("delete entry: %w", err)
	}
	return Reply{Text: text}, nil
}
