package bot

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// LogTx is the write /log makes, in one call so storage can make it one
// round trip.
type LogTx interface {
	// AddEntrySets stores e with its sets (as AddEntry then AddSets would)
	// and returns the entry's id.
	AddEntrySets(e Entry, sets []engine.Set) (int64, error)
	// AddEntriesSets is AddEntrySets for several users' entries, at most one
	// each, in one statement where the database allows; the ids come back
	// in order.
	AddEntriesSets(es []EntryWithSets) ([]int64, error)
	// LiftWindows is LiftWindow for several requests in one statement,
	// the histories in the requests' order.
	LiftWindows(reqs []WindowRequest) ([]LiftWindow, error)
}

// LiftWindow is what the /log reply compares with: the lift's history and
// the rep range the lifter set for it (nil when none), read together.
type LiftWindow struct {
	engine.History
	Range *engine.RepRange
	Bests []LoadBest // the lift's bests per load, all history: for records (bot/records.go)
}

// EntryWithSets is an entry with the sets it stores.
type EntryWithSets struct {
	Entry Entry
	Sets  []engine.Set
}

// WindowRequest is one LiftWindow read.
type WindowRequest struct {
	UserID int64
	Lift   string
	From   engine.Date
}

// window is a /log read ahead (HandleBatch): its arguments parsed, and
// the lift's window read with the batch's others.
type window struct {
	args string // what was parsed
	cmd  LogCommand
	day  engine.Date
	req  WindowRequest
	h    LiftWindow
}

// readLog parses /log's arguments for u on today: the command, its day and
// the window the reply compares with.
func readLog(u User, args string, today engine.Date) (cmd LogCommand, day engine.Date, req WindowRequest, err error) {
	if cmd, err = ParseLog(args, u.Units); err != nil {
		return cmd, 0, req, err
	}
	if day, err = resolveDate(cmd.DateWord, today, logExample); err != nil {
		return cmd, 0, req, err
	}
	return cmd, day, WindowRequest{UserID: u.ID, Lift: cmd.Lift, From: day.AddDays(-7 * historyWeeks)}, nil
}

// historyWeeks is the window of sets the engine reads (design.md, "Advice").
const historyWeeks = 12

// baselineDays is the check-in window: the last 7 days plus 28 days of baseline (engine-rules 2).
const baselineDays = 35

func (b *Bot) logSets(r *request) (Reply, error) {
	p, err := b.planLog(r)
	if q := (*logQuestion)(nil); errors.As(err, &q) {
		return q.reply, nil
	}
	if err != nil {
		return Reply{}, err
	}
	id, err := r.tx.AddEntrySets(p.entry, p.sets)
	if err != nil {
		return Reply{}, fmt.Errorf("add entry: %w", err)
	}
	if err := addLogNote(r.tx, p, id); err != nil {
		return Reply{}, err
	}
	return b.logReply(r, p, id)
}

// logPlan is a /log read and checked, ready to store.
type logPlan struct {
	cmd     LogCommand
	day     engine.Date
	h       LiftWindow     // the lift's window before these sets, and its set range
	already []engine.Set   // the lift's sets stored earlier that day
	known   bool           // the lift was logged before
	pattern engine.Pattern // a new lift's class, as the reply names it
	sets    []engine.Set
	entry   Entry
}

// planLog reads /log's arguments and what the reply compares with; it stores nothing.
func (b *Bot) planLog(r *request) (*logPlan, error) {
	var (
		cmd LogCommand
		day engine.Date
		h   LiftWindow
	)
	if w := r.ahead; w != nil && w.args == r.args && w.req.UserID == r.user.ID {
		cmd, day, h = w.cmd, w.day, w.h
		r.ahead = nil
	} else {
		var req WindowRequest
		var err error
		if cmd, day, req, err = readLog(r.user, r.args, r.today); err != nil {
			return nil, err
		}
		// One read serves the whole reply: the lift's 12 weeks (with the day's
		// earlier sets, for set numbering) and the deloads the comparison skips.
		if h, err = r.tx.LiftWindow(req.UserID, req.Lift, req.From); err != nil {
			return nil, fmt.Errorf("lift window: %w", err)
		}
	}
	if len(h.Sets) == 0 {
		// A name with no recent sets may be the lifter's alias (/lift alias):
		// one probe, only then, so a lift in use costs nothing more.
		var err error
		if cmd, h, err = aliased(r, cmd, day, h); err != nil {
			return nil, err
		}
	}
	if slices.ContainsFunc(cmd.Sets, func(s LoggedSet) bool { return s.Bodyweight }) {
		// A bodyweight set scores its total load when a body weight is
		// known; the window's reads leave it out, as most sets need none.
		bws, err := r.tx.BodyWeights(r.user.ID, day.AddDays(-7*historyWeeks))
		if err != nil {
			return nil, fmt.Errorf("body weights: %w", err)
		}
		h.BodyWeights = bws
	}
	var already []engine.Set
	for _, s := range h.Sets {
		if s.Date == day {
			already = append(already, s)
		}
	}
	known := len(h.Sets) > 0
	var mine []string // the user's lifts, read only when the window holds none of this one
	if !known {
		var err error
		if mine, err = r.tx.Lifts(r.user.ID); err != nil {
			return nil, fmt.Errorf("lifts: %w", err)
		}
		known = slices.Contains(mine, cmd.Lift)
	}
	if !cmd.AsTyped {
		check := func() error { return checkFar(r, cmd, h.History) }
		if !known {
			check = func() error {
				if err := checkLift(r, cmd, mine); err != nil {
					return err
				}
				return checkSwapped(r, cmd) // no sets of it to compare with
			}
		}
		if err := check(); err != nil {
			return nil, err
		}
	}
	sets := make([]engine.Set, len(cmd.Sets))
	for i, s := range cmd.Sets {
		kind := engine.Working
		if s.Warmup {
			kind = engine.Warmup
		}
		sets[i] = engine.Set{
			Lift: cmd.Lift, Date: day, Seq: len(already) + i,
			Load: s.Load, Bodyweight: s.Bodyweight, Reps: s.Reps,
			RIR: s.RIR, HasRIR: s.HasRIR, Kind: kind,
			RestSec: cmd.RestSec, Tags: cmd.Tags,
		}
		if s.Warmup {
			sets[i].RestSec = 0 // the rest typed is the working sets' rest
		}
	}
	summary := fmt.Sprintf("%s on %s: %s", cmd.Lift, day, describeSets(sets, r.user.Units))
	var pat engine.Pattern
	if !known {
		// A kind or variation declared before the first log (/lift) wins
		// over the name's class; read only for a new lift.
		notes, err := r.tx.LiftNotes(r.user.ID)
		if err != nil {
			return nil, fmt.Errorf("lift notes: %w", err)
		}
		var p engine.Profile
		liftProfile(&p, notes)
		pat = p.Pattern(cmd.Lift)
	}
	return &logPlan{cmd: cmd, day: day, h: h, already: already, known: known, sets: sets, pattern: pat,
		entry: Entry{UserID: r.user.ID, Kind: EntrySets, Date: day, Lift: cmd.Lift, Summary: summary, Created: r.msg.ReceivedAt}}, nil
}

// aliased resolves cmd's lift when it is one of the user's aliases, and
// reads that lift's window instead of h.
func aliased(r *request, cmd LogCommand, day engine.Date, h LiftWindow) (LogCommand, LiftWindow, error) {
	l, err := r.tx.Alias(r.user.ID, cmd.Lift)
	if errors.Is(err, ErrNotFound) {
		return cmd, h, nil
	}
	if err != nil {
		return cmd, h, fmt.Errorf("alias: %w", err)
	}
	cmd.Lift = l
	if h, err = r.tx.LiftWindow(r.user.ID, l, day.AddDays(-7*historyWeeks)); err != nil {
		return cmd, h, fmt.Errorf("lift window: %w", err)
	}
	return cmd, h, nil
}

// logReply is /log's answer once p is stored as entry id.
func (b *Bot) logReply(r *request, pl *logPlan, id int64) (Reply, error) {
	cmd, day, h, already, known, sets := pl.cmd, pl.day, pl.h, pl.already, pl.known, pl.sets
	h.Sets = append(slices.Clip(h.Sets), sets...)
	sort.SliceStable(h.Sets, func(i, j int) bool { return h.Sets[i].Date < h.Sets[j].Date })
	prof := r.user.Profile(0)
	if h.Range != nil {
		prof.Ranges = map[string]engine.RepRange{cmd.Lift: *h.Range}
	}
	rep := engine.Report(h.History, prof, cmd.Lift, day)

	var t strings.Builder
	fmt.Fprintf(&t, "Logged %s", cmd.Lift)
	if day != r.today {
		fmt.Fprintf(&t, " on %s", day)
	}
	fmt.Fprintf(&t, ": %s.", describeSets(sets, r.user.Units))
	if rep.E1RM > 0 {
		label := "e1RM"
		if allBodyweight(sets) && engine.BodyWeightOn(h.BodyWeights, day) == 0 {
			label = "added-load e1RM" // no body weight known: /bw adds it
		}
		fmt.Fprintf(&t, " %s %s", label, showE1RM(rep.E1RM, r.user.Units))
		if len(already) > 0 {
			t.WriteString(" for the day")
		}
		if rep.InDeload {
			t.WriteString(" (deload week: not compared with your hard sessions)")
		} else if p := rep.Previous; p != nil {
			fmt.Fprintf(&t, " (%+.1f%% vs %s: %s)", rep.Change*100, p.Date, shortSets(p.Sets, r.user.Units))
		} else {
			t.WriteString(" (first comparable session)")
		}
		t.WriteString(".")
	}
	if line := recordLine(findRecords(h.Bests, day, sets), r.user.Units); line != "" {
		t.WriteString("\n" + line)
	}
	if len(cmd.Tags) > 0 {
		var ctx, notes []string
		for _, tag := range cmd.Tags {
			if engine.IsContextTag(tag) {
				ctx = append(ctx, "#"+tag)
			} else {
				notes = append(notes, "#"+tag)
			}
		}
		if len(ctx) > 0 {
			fmt.Fprintf(&t, "\nContext %s noted: this session will not count against your trend.", strings.Join(ctx, " "))
		}
		if len(notes) > 0 {
			fmt.Fprintf(&t, "\nNote %s kept.", strings.Join(notes, " "))
		}
		if contains(cmd.Tags, "pain") {
			t.WriteString("\nPain noted. Pain that persists needs a qualified professional; /advice will keep this lift light.")
		}
	}
	if cmd.Note != "" {
		t.WriteString("\nNote kept: " + quoteNote(cmd.Note))
	}
	if !known {
		p := pl.pattern
		kind := "upper-body"
		if p.Lower {
			kind = "lower-body"
		}
		cls := "compound"
		if !p.Compound {
			cls = "isolation"
		}
		fmt.Fprintf(&t, "\nNew lift %q, counted as %s %s %s lift; I'll remember it.", cmd.Lift, article(kind), kind, cls)
	}
	line, err := b.restAfterLog(r, cmd, day)
	if err != nil {
		return Reply{}, err
	}
	if line != "" {
		t.WriteString("\n" + line)
	}
	return Reply{Text: t.String(), Buttons: [][]Button{{{Label: "Undo", Data: "/undo " + strconv.FormatInt(id, 10)}}}}, nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

func allBodyweight(sets []engine.Set) bool {
	n := 0
	for _, s := range sets {
		if s.Kind == engine.Warmup {
			continue
		}
		if !s.Bodyweight {
			return false
		}
		n++
	}
	return n > 0
}
