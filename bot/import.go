package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/engine"
)

// /import: a workout app's CSV export (or Spotter's own) read into a
// lifter's log; /import undo takes the latest import back.

// ImportTx is the storage work of /import.
type ImportTx interface {
	// ImportSets stores sets under an entry, skipping every set whose Key
	// the user already has, and returns how many it stored.
	ImportSets(userID, entryID int64, sets []KeyedSet) (int, error)
}

// KeyedSet is an imported set with the key that makes re-importing it a no-op.
type KeyedSet struct {
	engine.Set
	Key string
}

// EntryImport is the entry one /import stores; /undo removes its sets.
const EntryImport EntryKind = "import"

// Progress reports a long import: stage "read" (done = rows read, total 0),
// "store" (done of total sets stored so far), and "done" once the whole
// file is in (done new sets of total read); a refused file never reaches
// "done".
type Progress func(stage string, done, total int)

type progressKey struct{}

// WithProgress returns a context whose imports report progress to p (the
// command line prints it; chat platforms have nowhere to show it). Like
// net/http/httptrace, the callback travels with the call it observes.
func WithProgress(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

func progressOf(ctx context.Context) Progress {
	if p, ok := ctx.Value(progressKey{}).(Progress); ok && p != nil {
		return p
	}
	return func(string, int, int) {}
}

const importExample = "/import (with your Strong or Hevy CSV export attached)"

// importByPathExample is /import where files are typed as paths (Message.FilesByPath).
const importByPathExample = "/import ~/Downloads/strong.csv"

// importBatch is how many sets are stored between progress reports.
const importBatch = 1000

func (b *Bot) importCSV(r *request) (Reply, error) {
	if err := privateOnly(r, "/import"); err != nil {
		return Reply{}, err
	}
	unit, given := r.user.Units, false
	switch a := strings.ToLower(strings.TrimSpace(r.args)); a {
	case "":
	case "kg", "lb", "lbs":
		unit, given = parseUnit(a, r.user.Units), true
	case "undo":
		return b.undoImport(r)
	default:
		return Reply{}, badToken(r.args, "/import takes nothing, kg or lb for files that do not say their unit, or undo to remove your latest import.", "/import lb")
	}
	if len(r.msg.Attachments) == 0 && r.msg.FilesByPath {
		example := importByPathExample
		if given {
			example = strings.Replace(example, "/import", "/import "+string(unit), 1)
		}
		return Reply{}, &InputError{
			Problem: "Give the path of your app's CSV export after /import. In Strong: Settings > Export data; in Hevy: Settings > Export & Import data.",
			Example: example,
		}
	}
	if len(r.msg.Attachments) == 0 {
		return Reply{}, &InputError{
			Problem: "Attach the CSV export to /import. In Strong: Settings > Export data; in Hevy: Settings > Export & Import data. " +
				"Then send the file with /import as its caption (on the command line: spotter import FILE --user NAME).",
			Example: importExample,
		}
	}
	var texts []string
	var undo []Button
	for _, att := range r.msg.Attachments {
		text, id, err := b.importOne(r, att, unit, given)
		if err != nil {
			return Reply{}, err
		}
		texts = append(texts, text)
		if id != 0 {
			undo = append(undo, Button{Label: "Undo import", Data: fmt.Sprintf("/undo %d", id)})
		}
	}
	reply := Reply{Text: strings.Join(texts, "\n\n")}
	if len(undo) > 0 {
		reply.Buttons = [][]Button{undo}
	}
	return reply, nil
}

// undoImport removes the latest entry when it is an import: the way back
// from an import read in the wrong unit where there is no Undo button to
// tap (the command line) or it has scrolled away.
func (b *Bot) undoImport(r *request) (Reply, error) {
	e, err := r.tx.LastEntry(r.user.ID)
	if errors.Is(err, ErrNotFound) {
		return Reply{}, &InputError{Problem: "You have no import to undo.", Example: importExample}
	}
	if err != nil {
		return Reply{}, fmt.Errorf("last entry: %w", err)
	}
	if e.Kind != EntryImport {
		return Reply{}, &InputError{Problem: fmt.Sprintf("Your latest entry is %s, not an import, so I left it. /import undo removes an import while it is your latest entry; for an older one, tap Undo import under its reply.", e.Summary), Example: "/import undo"}
	}
	if err := r.tx.DeleteEntry(r.user.ID, e.ID); err != nil {
		return Reply{}, fmt.Errorf("delete import: %w", err)
	}
	return Reply{Text: fmt.Sprintf("Removed %s. To read the file in another unit, import it again with /import kg or /import lb.", e.Summary)}, nil
}

// importOne imports one file and returns the reply text and the entry id
// (0 when nothing new was stored).
func (b *Bot) importOne(r *request, att Attachment, unit engine.Unit, unitGiven bool) (string, int64, error) {
	name := att.Name
	if name == "" {
		name = "the file"
	}
	progress := progressOf(r.ctx)
	res, err := workoutcsv.Parse(att.Data, workoutcsv.Options{
		Unit: unit, Location: r.user.Location(), Today: r.today,
		Progress: func(n int) { progress("read", n, 0) },
	})
	var fe *workoutcsv.FormatError
	var be *workoutcsv.BadFileError
	switch {
	case errors.Is(err, workoutcsv.ErrTooBig):
		return "", 0, &InputError{Problem: fmt.Sprintf("%s is too big to import (%v). I take files up to %d MB and %d rows: export a shorter period from the app, or split the file. Nothing was stored.",
			name, strings.TrimPrefix(err.Error(), workoutcsv.ErrTooBig.Error()+": "), workoutcsv.MaxBytes>>20, workoutcsv.MaxRows), Example: importExample}
	case errors.As(err, &fe):
		return "", 0, &InputError{Problem: fmt.Sprintf("I could not import %s: %s Nothing was stored.", name, fe.Problem), Example: importExample}
	case errors.As(err, &be):
		return "", 0, &InputError{Problem: badFileText(name, be), Example: importExample}
	case err != nil:
		return "", 0, fmt.Errorf("parse %s: %w", name, err)
	}
	progress("read", res.Rows, 0)

	aliased, err := r.applyAliases(res.Sets)
	if err != nil {
		return "", 0, err
	}
	sets := make([]KeyedSet, 0, len(res.Sets))
	for _, s := range res.Sets {
		sets = append(sets, KeyedSet{Set: s.Set, Key: s.Key})
	}
	// A unit given for a file that does not say its own applies only to sets
	// read for the first time: the keys make a re-import a no-op. Say so
	// when the sets already stored were read in the other unit.
	misread := 0
	if unitGiven && res.FileUnit == "" && len(sets) > 0 {
		if misread, err = r.storedInOtherUnit(sets); err != nil {
			return "", 0, err
		}
	}
	already := 0
	if res.Format == workoutcsv.Spotter {
		// Sets logged in chat have no import key; a Spotter export of this
		// same account names them by day, lift and seq instead.
		kept, err := r.dropLogged(sets)
		if err != nil {
			return "", 0, err
		}
		already = len(sets) - len(kept)
		sets = kept
	}
	mine, err := r.tx.Lifts(r.user.ID) // before the import, for liftHints
	if err != nil {
		return "", 0, fmt.Errorf("lifts: %w", err)
	}
	first, last, hasAny := res.DateRange()
	var entryID int64
	added := 0
	if len(sets) > 0 {
		summary := fmt.Sprintf("import of %s (%s to %s)", name, first, last)
		entryID, err = r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryImport, Date: last, Summary: summary, Created: r.msg.ReceivedAt})
		if err != nil {
			return "", 0, fmt.Errorf("add import entry: %w", err)
		}
		for i := 0; i < len(sets); i += importBatch {
			j := min(i+importBatch, len(sets))
			n, err := r.tx.ImportSets(r.user.ID, entryID, sets[i:j])
			if err != nil {
				return "", 0, fmt.Errorf("import sets: %w", err)
			}
			added += n
			progress("store", j, len(sets))
		}
		already += len(sets) - added
		if added == 0 {
			if err := r.tx.DeleteEntry(r.user.ID, entryID); err != nil {
				return "", 0, fmt.Errorf("drop empty import entry: %w", err)
			}
			entryID = 0
		}
	}
	checkins := 0
	for _, c := range res.Checkins {
		_, err := r.tx.Checkin(r.user.ID, c.Date)
		if err == nil {
			continue // the account's own check-in of that day wins
		}
		if !errors.Is(err, ErrNotFound) {
			return "", 0, fmt.Errorf("checkin: %w", err)
		}
		if err := r.tx.PutCheckin(r.user.ID, c); err != nil {
			return "", 0, fmt.Errorf("import checkin: %w", err)
		}
		checkins++
	}
	for _, d := range res.Deloads {
		if err := r.tx.AddDeload(r.user.ID, d); err != nil {
			return "", 0, fmt.Errorf("import deload: %w", err)
		}
	}
	bws, notes, err := importBodyAndNotes(r, res)
	if err != nil {
		return "", 0, err
	}
	progress("done", added, len(res.Sets))
	b.log.Info("import", "user", b.ids.Hash(r.msg.Identity), "format", string(res.Format), "rows", res.Rows, "sets", len(res.Sets), "bad", len(res.Bad), "added", added)
	if !hasAny {
		return importEmpty(name, res), 0, nil
	}
	text := importReport(name, res, added, already, checkins, unitNote(res, r.user.Units, unit, unitGiven))
	if bws+notes > 0 {
		text += fmt.Sprintf("\nAlso %s and %s.", plural(bws, "body weight", "body weights"), plural(notes, "note", "notes"))
	}
	text += aliased + liftHints(sets, mine)
	if misread > 0 {
		text += fmt.Sprintf("\n%s of this file were stored by an earlier import in %s, and a unit applies only to sets read for the first time. "+
			"To read them as %s: remove that import with /import undo", plural(misread, "set", "sets"), otherOf(unit), unit)
		if r.msg.CommandLine {
			text += fmt.Sprintf(" (on the command line: spotter import --undo-last --user %s)", r.msg.Identity.UserID)
		}
		text += fmt.Sprintf(", then import the file again with /import %s.", unit)
	}
	return text, entryID, nil
}

// storedInOtherUnit counts the sets already stored on the same day, lift
// and seq with a load in the other unit than the one just read.
func (r *request) storedInOtherUnit(sets []KeyedSet) (int, error) {
	have, err := r.storedOn(sets)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range sets {
		if old, ok := have[daySlot{s.Date, s.Lift, s.Seq}]; ok && s.Load.Milli != 0 && old.Load.Milli != 0 && old.Load.Unit != s.Load.Unit {
			n++
		}
	}
	return n, nil
}

func otherOf(u engine.Unit) engine.Unit {
	if u == engine.Lb {
		return engine.Kg
	}
	return engine.Lb
}

// daySlot is a set's place in the log: its day, lift and seq.
type daySlot struct {
	d    engine.Date
	lift string
	seq  int
}

// storedOn returns the user's sets on the days of sets, by their place.
func (r *request) storedOn(sets []KeyedSet) (map[daySlot]engine.Set, error) {
	var days []engine.Date
	seen := map[engine.Date]bool{}
	for _, s := range sets {
		if !seen[s.Date] {
			seen[s.Date] = true
			days = append(days, s.Date)
		}
	}
	have := map[daySlot]engine.Set{}
	for i := 0; i < len(days); i += 500 {
		got, err := r.tx.SetsOn(r.user.ID, "", days[i:min(i+500, len(days))])
		if err != nil {
			return nil, fmt.Errorf("sets on import days: %w", err)
		}
		for _, s := range got {
			have[daySlot{s.Date, s.Lift, s.Seq}] = s
		}
	}
	return have, nil
}

// dropLogged removes sets the account already has on the same day, lift and seq.
func (r *request) dropLogged(sets []KeyedSet) ([]KeyedSet, error) {
	have, err := r.storedOn(sets)
	if err != nil {
		return nil, err
	}
	out := sets[:0:0]
	for _, s := range sets {
		if _, ok := have[daySlot{s.Date, s.Lift, s.Seq}]; !ok {
			out = append(out, s)
		}
	}
	return out, nil
}
