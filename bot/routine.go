package bot

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// Routine is a named list of a lifter's lifts (/routine save push bench,
// overhead press), shown with each lift's next session.
type Routine struct {
	Name    string
	Lifts   []string // canonical names, in the order given
	Created time.Time
}

// RoutineTx is the storage of routines (embedded in Tx).
type RoutineTx interface {
	// Routines returns the user's routines by name; none is an empty list.
	Routines(userID int64) ([]Routine, error)
	// AddRoutine stores a routine; the caller checks the name is free.
	AddRoutine(userID int64, r Routine) error
	// DeleteRoutine removes the named routine and reports whether there was one.
	DeleteRoutine(userID int64, name string) (bool, error)
}

const routineExample = "/routine save push bench, overhead press, dip"

// routineWords cannot name a routine: they are /routine's own.
var routineWords = []string{"save", "delete", "list", "add", "new", "remove", "rm", "off"}

func (b *Bot) routine(r *request) (Reply, error) {
	words := strings.Fields(r.args)
	if len(words) == 0 {
		return b.listRoutines(r)
	}
	switch strings.ToLower(words[0]) {
	case "save", "add", "new":
		return b.saveRoutine(r, words[1:])
	case "delete", "remove", "rm":
		if len(words) != 2 {
			return Reply{}, &InputError{Problem: "Say which routine to delete.", Example: "/routine delete push"}
		}
		name := strings.ToLower(words[1])
		ok, err := r.tx.DeleteRoutine(r.user.ID, name)
		if err != nil {
			return Reply{}, fmt.Errorf("delete routine: %w", err)
		}
		if !ok {
			return Reply{}, b.noRoutine(r, name)
		}
		return Reply{Text: fmt.Sprintf("Deleted routine %s. Your logged sets stay as they are.", name)}, nil
	case "list":
		return b.listRoutines(r)
	}
	if len(words) > 1 {
		return Reply{}, badToken(r.args, "a routine's name is one word. To save one: /routine save NAME LIFT, LIFT.", routineExample)
	}
	return b.showRoutine(r, strings.ToLower(words[0]))
}

func (b *Bot) listRoutines(r *request) (Reply, error) {
	rs, err := r.tx.Routines(r.user.ID)
	if err != nil {
		return Reply{}, err
	}
	if len(rs) == 0 {
		return Reply{Text: "No routines saved. Save one with " + routineExample + ", then /routine push shows each lift's next session."}, nil
	}
	var t strings.Builder
	t.WriteString("Your routines:")
	for _, x := range rs {
		fmt.Fprintf(&t, "\n- %s: %s", x.Name, strings.Join(x.Lifts, ", "))
	}
	fmt.Fprintf(&t, "\nShow one with its next sessions: /routine %s.", rs[0].Name)
	return Reply{Text: t.String()}, nil
}

func (b *Bot) showRoutine(r *request, name string) (Reply, error) {
	rs, err := r.tx.Routines(r.user.ID)
	if err != nil {
		return Reply{}, err
	}
	i := slices.IndexFunc(rs, func(x Routine) bool { return x.Name == name })
	if i < 0 {
		return Reply{}, b.noRoutine(r, name)
	}
	h, p, err := r.window()
	if err != nil {
		return Reply{}, err
	}
	head := fmt.Sprintf("Routine %s, %s:", name, r.today)
	return Reply{Text: sessionPlan(head, rs[i].Lifts, h, p, r.today)}, nil
}

// noRoutine refuses an unknown routine name, listing the user's.
func (b *Bot) noRoutine(r *request, name string) error {
	rs, err := r.tx.Routines(r.user.ID)
	if err != nil {
		return fmt.Errorf("routines: %w", err)
	}
	var names []string
	for _, x := range rs {
		names = append(names, x.Name)
	}
	problem := "you have no routine of that name, and no routines yet."
	if len(names) > 0 {
		problem = "you have no routine of that name. Yours: " + strings.Join(names, ", ") + "."
	}
	return badToken(name, problem, routineExample)
}

// saveRoutine is /routine save NAME LIFT, LIFT, ...: every lift one the
// user has logged (a typo gets a did-you-mean, as /log's does).
func (b *Bot) saveRoutine(r *request, words []string) (Reply, error) {
	if len(words) < 2 {
		return Reply{}, &InputError{Problem: "Give the routine a name and its lifts, separated by commas.", Example: routineExample}
	}
	name := strings.ToLower(words[0])
	if err := limits.RoutineName(name); err != nil {
		return Reply{}, badToken(words[0], "that cannot name a routine: "+err.Error()+".", routineExample)
	}
	if slices.Contains(routineWords, name) {
		return Reply{}, badToken(words[0], "that word is /routine's own; pick another name.", routineExample)
	}
	rs, err := r.tx.Routines(r.user.ID)
	if err != nil {
		return Reply{}, err
	}
	if slices.ContainsFunc(rs, func(x Routine) bool { return x.Name == name }) {
		return Reply{}, badToken(name, fmt.Sprintf("you have a routine of that name already. Send /routine delete %s first, or pick another name.", name), routineExample)
	}
	if len(rs) >= limits.MaxRoutines {
		return Reply{}, &InputError{Problem: fmt.Sprintf("You have %d routines, the most I keep. Delete one first (/routine delete NAME).", limits.MaxRoutines), Example: "/routine"}
	}
	rest := strings.Join(words[1:], " ")
	var typed []string
	for _, part := range strings.Split(rest, ",") {
		if part = strings.TrimSpace(part); part != "" {
			typed = append(typed, part)
		}
	}
	if len(typed) == 0 {
		return Reply{}, &InputError{Problem: "Give the routine's lifts, separated by commas.", Example: routineExample}
	}
	if len(typed) > limits.MaxRoutineLifts {
		return Reply{}, badToken(rest, fmt.Sprintf("that is %d lifts; a routine holds at most %d.", len(typed), limits.MaxRoutineLifts), routineExample)
	}
	mine, err := r.tx.Lifts(r.user.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("lifts: %w", err)
	}
	lifts := make([]string, 0, len(typed))
	for i, tok := range typed {
		l := engine.CanonicalLift(tok)
		if slices.Contains(lifts, l) {
			return Reply{}, badToken(tok, fmt.Sprintf("%s is in the list twice.", l), routineExample)
		}
		if !slices.Contains(mine, l) {
			return b.unknownRoutineLift(name, typed, i, l, mine)
		}
		lifts = append(lifts, l)
	}
	if err := r.tx.AddRoutine(r.user.ID, Routine{Name: name, Lifts: lifts, Created: r.msg.ReceivedAt}); err != nil {
		return Reply{}, fmt.Errorf("save routine: %w", err)
	}
	return Reply{Text: fmt.Sprintf("Saved routine %s: %s. /routine %s shows each lift's next session.", name, strings.Join(lifts, ", "), name)}, nil
}

// unknownRoutineLift refuses a lift the user never logged, offering the
// nearest of theirs (closest, as /log's did-you-mean) as a button that
// saves the routine with it.
func (b *Bot) unknownRoutineLift(name string, typed []string, i int, lift string, mine []string) (Reply, error) {
	if best := closest(lift, mine, nil); best != "" {
		fixed := slices.Clone(typed)
		fixed[i] = best
		cmd := "/routine save " + name + " " + strings.Join(fixed, ", ")
		text := fmt.Sprintf("%q is not one of your lifts. Did you mean %s? Send %s", lift, best, cmd)
		if len(cmd) <= buttonDataMax {
			return Reply{Text: text, Buttons: [][]Button{{{Label: best, Data: cmd}}}}, nil
		}
		return Reply{Text: text}, nil
	}
	problem := "that is not one of your lifts; a routine holds lifts you have logged."
	if len(typed) == 1 && strings.Contains(typed[0], " ") {
		problem += " Separate lifts with commas."
	}
	if len(mine) > 0 {
		problem += " Your lifts: " + strings.Join(firstN(mine, 12), ", ") + "."
	} else {
		problem += " Log a session first (/log squat 100x5)."
	}
	return Reply{}, badToken(typed[i], problem, routineExample)
}
