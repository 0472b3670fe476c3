package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/engine"
)

// DataTx is the storage work of /import and /forget.
type DataTx interface {
	// ImportSets stores sets under an entry, skipping every set whose Key
	// the user already has, and returns how many it stored.
	ImportSets(userID, entryID int64, sets []KeyedSet) (int, error)
	// Forget deletes every row about the user in every table (the user,
	// identities, entries, sets, check-ins, deloads, experiments, handled
	// messages and any table added later) and returns the rows each table lost.
	Forget(userID int64) (map[string]int64, error)
}

// KeyedSet is an imported set with the key that makes re-importing it a no-op.
type KeyedSet struct {
	engine.Set
	Key string
}

// EntryImport is the entry one /import stores; /undo removes its sets.
const EntryImport EntryKind = "import"

// allTime is the first day History can be asked for: everything.
const allTime = engine.Date(math.MinInt32)

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

// importBatch is how many sets are stored between progress reports.
const importBatch = 1000

// privateOnly refuses a data command in a group chat: an export or a
// deletion there would show a lifter's whole log to everyone in it.
func privateOnly(r *request, command string) error {
	if !r.msg.Group {
		return nil
	}
	return &InputError{Problem: fmt.Sprintf("%s works in a private chat with me, so your data stays yours. Send it to me directly.", command), Example: command}
}

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
		Unit: unit, Location: r.user.Location(),
		Progress: func(n int) { progress("read", n, 0) },
	})
	var fe *workoutcsv.FormatError
	var re *workoutcsv.RowError
	switch {
	case errors.Is(err, workoutcsv.ErrTooBig):
		return "", 0, &InputError{Problem: fmt.Sprintf("%s is too big to import (%v). I take files up to %d MB and %d rows: export a shorter period from the app, or split the file. Nothing was stored.",
			name, strings.TrimPrefix(err.Error(), workoutcsv.ErrTooBig.Error()+": "), workoutcsv.MaxBytes>>20, workoutcsv.MaxRows), Example: importExample}
	case errors.As(err, &fe):
		return "", 0, &InputError{Problem: fmt.Sprintf("I could not import %s: %s Nothing was stored.", name, fe.Problem), Example: importExample}
	case errors.As(err, &re):
		return "", 0, &InputError{Problem: fmt.Sprintf("I could not import %s: %s. Nothing was stored; fix that row or export the file again.", name, re.Error()), Example: importExample}
	case err != nil:
		return "", 0, fmt.Errorf("parse %s: %w", name, err)
	}
	progress("read", res.Rows, 0)

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
	progress("done", added, len(res.Sets))
	b.log.Info("import", "user", b.ids.Hash(r.msg.Identity), "format", string(res.Format), "rows", res.Rows, "sets", len(res.Sets), "added", added)
	if !hasAny {
		return importEmpty(name, res), 0, nil
	}
	text := importReport(name, res, added, already, checkins, unitNote(res, r.user.Units, unit, unitGiven))
	if misread > 0 {
		text += fmt.Sprintf("\n%s of this file were stored by an earlier import in %s, and a unit applies only to sets read for the first time. "+
			"To read them as %s: remove that import with /import undo", plural(misread, "set", "sets"), otherOf(unit), unit)
		if r.msg.Identity.Platform == "console" {
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

func importEmpty(name string, res *workoutcsv.Result) string {
	t := fmt.Sprintf("%s is a %s export, but it holds no sets I can import.", name, res.Format)
	if s := skippedLine(res); s != "" {
		t += "\n" + s
	}
	return t
}

func skippedLine(res *workoutcsv.Result) string {
	if len(res.Skipped) == 0 {
		return ""
	}
	total := 0
	var parts []string
	for _, k := range sortedKeys(res.Skipped) {
		total += res.Skipped[k]
		parts = append(parts, workoutcsv.SkipText(k, res.Skipped[k]))
	}
	return fmt.Sprintf("Skipped %s: %s.", plural(total, "row", "rows"), strings.Join(parts, ", "))
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if m[ks[i]] != m[ks[j]] {
			return m[ks[i]] > m[ks[j]]
		}
		return ks[i] < ks[j]
	})
	return ks
}

// listCap keeps an import reply within a chat message.
const listCap = 12

// importReport is the reply to a finished import: what was read, what was stored.
func importReport(name string, res *workoutcsv.Result, added, already, checkins int, unitLine string) string {
	var t strings.Builder
	first, last, _ := res.DateRange()
	layout := ""
	// "a Spotter export (Spotter export)" says nothing twice.
	if res.Layout != "" && !strings.EqualFold(res.Layout, string(res.Format)+" export") {
		layout = " (" + res.Layout + ")"
	}
	fmt.Fprintf(&t, "Read %s: a %s export%s, %s from %s to %s.", name, res.Format, layout, plural(res.Rows, "row", "rows"), first, last)
	if len(res.Sets) > 0 {
		var warm, drop, fail, bw int
		for _, s := range res.Sets {
			switch s.Kind {
			case engine.Warmup:
				warm++
			case engine.Drop:
				drop++
			case engine.Failure:
				fail++
			}
			if s.Bodyweight {
				bw++
			}
		}
		fmt.Fprintf(&t, "\n%s, %s", plural(res.Workouts(), "workout", "workouts"), plural(len(res.Sets), "set", "sets"))
		var kinds []string
		if warm > 0 {
			kinds = append(kinds, plural(warm, "warm-up", "warm-ups"))
		}
		if drop > 0 {
			kinds = append(kinds, plural(drop, "drop set", "drop sets"))
		}
		if fail > 0 {
			kinds = append(kinds, fmt.Sprintf("%d to failure", fail))
		}
		if bw > 0 {
			kinds = append(kinds, fmt.Sprintf("%d bodyweight", bw))
		}
		if len(kinds) > 0 {
			fmt.Fprintf(&t, " (%s)", strings.Join(kinds, ", "))
		}
		t.WriteString(".")
	}
	if len(res.Checkins) > 0 || len(res.Deloads) > 0 {
		fmt.Fprintf(&t, "\n%s and %s.", plural(len(res.Checkins), "check-in", "check-ins"), plural(len(res.Deloads), "deload", "deloads"))
	}
	if res.Format != workoutcsv.Spotter {
		known, unknown := liftLines(res.Sets)
		if known != "" {
			t.WriteString("\nLifts: " + known + ".")
		}
		if unknown != "" {
			t.WriteString("\nNot in my lift table, kept as new lifts: " + unknown + ".")
		}
	}
	if unitLine != "" {
		t.WriteString("\n" + unitLine)
	}
	if s := skippedLine(res); s != "" {
		t.WriteString("\n" + s)
	}
	for _, n := range res.Notes {
		t.WriteString("\n" + n)
	}
	switch {
	case added == 0 && len(res.Sets) > 0:
		fmt.Fprintf(&t, "\nNothing new: all %s were already in your log.", plural(len(res.Sets), "set", "sets"))
	case already > 0:
		fmt.Fprintf(&t, "\nStored %s; %d were already in your log.", plural(added, "new set", "new sets"), already)
	case added > 0:
		fmt.Fprintf(&t, "\nStored %s.", plural(added, "set", "sets"))
	}
	if len(res.Checkins) > 0 {
		fmt.Fprintf(&t, " Stored %s", plural(checkins, "check-in", "check-ins"))
		if k := len(res.Checkins) - checkins; k > 0 {
			fmt.Fprintf(&t, " (%d days already had one)", k)
		}
		t.WriteString(".")
	}
	if added > 0 {
		t.WriteString(" Try /history or /chart LIFT.")
	}
	return t.String()
}

// unitNote is the import reply's line about units, "" when there is
// nothing to say. When the file states its unit, the line follows the file:
// a "Weight (kg)" file never hears that its loads are in lb, even where
// they are stored in lb as exact conversions of pounds.
func unitNote(res *workoutcsv.Result, yours, unit engine.Unit, unitGiven bool) string {
	if res.FileUnit == "" {
		if !strings.HasPrefix(res.Units, "assumed") {
			return "" // no loads at all
		}
		if unitGiven {
			return fmt.Sprintf("The file does not say its unit: loads read as %s, as you said.", unit)
		}
		other := otherOf(unit)
		t := fmt.Sprintf("The file does not say its unit: loads read as %s (your unit). If they are %s, tap Undo import and send the file with /import %s.", unit, other, other)
		if o := otherUnit(res.Sets, unit); o != "" {
			t += fmt.Sprintf("\nMost of these loads are exact %s values; if you lift in %s, /settings units %s.", o, o, o)
		}
		return t
	}
	var t []string
	if unitGiven && unit != res.FileUnit {
		t = append(t, fmt.Sprintf("The file gives its loads in %s, so I read them as %s: /import %s is for files that do not say their unit.", res.FileUnit, res.FileUnit, unit))
	}
	// Loads stored in your unit (exact conversions) need no setting change.
	if res.FileUnit != yours && otherUnit(res.Sets, yours) != "" {
		t = append(t, fmt.Sprintf("The file gives these loads in %s and your unit is %s; if you lift in %s, /settings units %s.", res.FileUnit, yours, res.FileUnit, res.FileUnit))
	}
	return strings.Join(t, "\n")
}

// otherUnit returns the unit most loaded sets are in when it is not u.
func otherUnit(sets []workoutcsv.Set, u engine.Unit) engine.Unit {
	n := map[engine.Unit]int{}
	for _, s := range sets {
		if s.Load.Milli != 0 {
			n[s.Load.Unit]++
		}
	}
	for unit, c := range n {
		if unit != u && 2*c > n[engine.Kg]+n[engine.Lb] {
			return unit
		}
	}
	return ""
}

// liftLines lists the lifts mapped from Spotter's table and the names kept
// as new lifts, most sets first.
func liftLines(sets []workoutcsv.Set) (known, unknown string) {
	type use struct {
		lift  string
		names map[string]bool
		n     int
	}
	by := map[string]*use{}
	unk := map[string]*use{}
	for _, s := range sets {
		m := by
		k := s.Lift
		if !s.Known {
			m, k = unk, s.Exercise
		}
		u := m[k]
		if u == nil {
			u = &use{lift: s.Lift, names: map[string]bool{}}
			m[k] = u
		}
		u.names[s.Exercise] = true
		u.n++
	}
	list := func(m map[string]*use, showName func(k string, u *use) string) string {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if m[keys[i]].n != m[keys[j]].n {
				return m[keys[i]].n > m[keys[j]].n
			}
			return keys[i] < keys[j]
		})
		var parts []string
		for i, k := range keys {
			if i == listCap {
				parts = append(parts, fmt.Sprintf("and %d more", len(keys)-listCap))
				break
			}
			parts = append(parts, showName(k, m[k]))
		}
		return strings.Join(parts, ", ")
	}
	known = list(by, func(k string, u *use) string {
		names := make([]string, 0, len(u.names))
		for n := range u.names {
			names = append(names, n)
		}
		sort.Strings(names)
		if len(names) > 2 {
			names = append(names[:2], "...")
		}
		return fmt.Sprintf("%s %s (from %s)", k, plural(u.n, "set", "sets"), strings.Join(names, ", "))
	})
	unknown = list(unk, func(k string, u *use) string {
		return fmt.Sprintf("%s as %q (%d)", k, u.lift, u.n)
	})
	return known, unknown
}

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
	if len(h.Sets) == 0 && len(h.Checkins) == 0 && len(h.Deloads) == 0 {
		return Reply{Text: "Nothing to export yet. Log a set (/log squat 100x5 rir2) or import your history (/import)."}, nil
	}
	var buf bytes.Buffer
	if err := workoutcsv.Write(&buf, h, r.user.Units); err != nil {
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
	text := fmt.Sprintf("Your Spotter data: %s, %s and %s", plural(len(h.Sets), "set", "sets"),
		plural(len(h.Checkins), "check-in", "check-ins"), plural(len(h.Deloads), "deload", "deloads"))
	if n > 0 {
		text += fmt.Sprintf(", %s to %s", first, last)
	}
	text += fmt.Sprintf(", loads in %s. It is a CSV any spreadsheet opens; /import it into any Spotter account to bring it all back.", r.user.Units)
	return Reply{Text: text, File: &File{Name: fmt.Sprintf("spotter-export-%s.csv", r.today), Data: buf.Bytes()}}, nil
}
