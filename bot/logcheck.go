package bot

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/spotterbot/spotter/engine"
)

// Forgiving input: before /log stores a new lift or a set far outside the
// lift's log, it asks. Nothing is stored until the lifter answers, by a
// button or by sending the command it names; "/log +lift ..." logs as typed.

// logQuestion is planLog's answer when a /log needs a word from the lifter
// first. It is no failure: the handler replies with it.
type logQuestion struct{ reply Reply }

func (q *logQuestion) Error() string { return "a question before logging: " + q.reply.Text }

// Far-off set bounds: a set this far from the lift's recent working sets
// reads like a slip (5x100 for 100x5, 800 for 80).
const (
	farLightShare = 0.4 // a load under 40% of the recent median...
	farRepsMin    = 20  // ...with more reps than this and than twice the recent most
	farHeavy      = 2.5 // or a load over 2.5 times the recent median
)

// checkLift asks about a lift the user never logged: "Did you mean squat?"
// when the name is close to one of theirs or a known lift, or whether to
// start a lift Spotter can't place (жим, 鶏); mine are the user's lifts. A
// recognised new name (the first squat, "paused bench") is logged without a
// question.
func checkLift(r *request, cmd LogCommand, mine []string) error {
	best := closest(cmd.Lift, mine, engine.CatalogLifts())
	asTyped := withLift(r.args, cmd.Typed, "+"+cmd.Typed)
	if best != "" {
		fixed := withLift(r.args, cmd.Typed, best)
		text := fmt.Sprintf("%q is not one of your lifts. Did you mean %s?", cmd.Lift, best)
		if fixed != "" && asTyped != "" {
			text += fmt.Sprintf(" Send /log %s, or /log %s to start a new lift %q.", fixed, asTyped, cmd.Lift)
		}
		return &logQuestion{Reply{Text: text, Buttons: questionButtons(
			Button{Label: best, Data: "/log " + fixed},
			Button{Label: fmt.Sprintf("New lift %q", cmd.Lift), Data: "/log " + asTyped})}}
	}
	if engine.Recognized(cmd.Lift) {
		return nil
	}
	text := fmt.Sprintf("%q would be a new lift, and not one I can place: I would count it as an upper-body compound lift.", cmd.Lift)
	if asTyped != "" {
		text += fmt.Sprintf(" To log it, send /log %s.", asTyped)
	}
	if len(mine) > 0 {
		text += " Your lifts: " + strings.Join(firstN(mine, 12), ", ") + "."
	}
	return &logQuestion{Reply{Text: text, Buttons: questionButtons(
		Button{Label: fmt.Sprintf("Log %q", cmd.Lift), Data: "/log " + asTyped})}}
}

// checkFar asks about a set far outside the lift's recent working sets in h.
func checkFar(r *request, cmd LogCommand, h engine.History) error {
	var loads []float64
	maxReps := 0
	for _, s := range h.Sets {
		if s.Kind != engine.Warmup && !s.Bodyweight && s.Load.Milli > 0 {
			loads = append(loads, s.Load.In(r.user.Units).Value())
			maxReps = max(maxReps, s.Reps)
		}
	}
	if len(loads) == 0 {
		return checkSwapped(r, cmd)
	}
	sort.Float64s(loads)
	median := loads[len(loads)/2]
	for _, s := range cmd.Sets {
		if s.Warmup || s.Bodyweight {
			continue
		}
		load := s.Load.In(r.user.Units).Value()
		light := load < median*farLightShare && s.Reps > max(farRepsMin, 2*maxReps)
		heavy := load > median*farHeavy
		if !light && !heavy {
			continue
		}
		typed := engine.FormatNumber(s.Load.Value()) + "x" + fmt.Sprint(s.Reps)
		text := fmt.Sprintf("%s reads as %d reps at %s, far from your %s log (recent working sets around %s %s, at most %d reps).",
			typed, s.Reps, s.Load, cmd.Lift, engine.FormatNumber(median), r.user.Units, maxReps)
		asTyped := withLift(r.args, cmd.Typed, "+"+cmd.Typed)
		var swapped string
		if light {
			swapped = withSet(r.args, typed, fmt.Sprint(s.Reps)+"x"+engine.FormatNumber(s.Load.Value()))
		}
		if swapped != "" {
			text += fmt.Sprintf(" Did you mean %dx%s? Send /log %s.", s.Reps, engine.FormatNumber(s.Load.Value()), swapped)
		}
		if asTyped != "" {
			text += fmt.Sprintf(" If it is right, send /log %s.", asTyped)
		}
		return &logQuestion{Reply{Text: text, Buttons: questionButtons(
			Button{Label: fmt.Sprintf("%d %s x %d", s.Reps, r.user.Units, int(load)), Data: "/log " + swapped},
			Button{Label: fmt.Sprintf("Yes, %d reps at %s", s.Reps, s.Load), Data: "/log " + asTyped})}}
	}
	return nil
}

// With no working set of the lift to compare with, a set of more than
// swappedReps reps at a load that would itself be a count of reps (5x100)
// reads like load and reps typed the wrong way round.
const (
	swappedReps    = 30
	swappedLoadMax = 30
)

// checkSwapped asks about the first sets of a lift that read as load and
// reps swapped: 5x100 is 100 reps at 5 kg as typed, 5 reps at 100 kg as
// meant, far more often.
func checkSwapped(r *request, cmd LogCommand) error {
	for _, s := range cmd.Sets {
		if s.Warmup || s.Bodyweight || s.Reps <= swappedReps {
			continue
		}
		load := s.Load.Value()
		if load < 1 || load > swappedLoadMax || load != float64(int(load)) {
			continue
		}
		typed := engine.FormatNumber(load) + "x" + fmt.Sprint(s.Reps)
		text := fmt.Sprintf("%s reads as %d reps at %s.", typed, s.Reps, s.Load)
		swapped := withSet(r.args, typed, fmt.Sprint(s.Reps)+"x"+engine.FormatNumber(load))
		if swapped != "" {
			text += fmt.Sprintf(" Did you mean %d reps at %d %s? Send /log %s.", int(load), s.Reps, s.Load.Unit, swapped)
		}
		asTyped := withLift(r.args, cmd.Typed, "+"+cmd.Typed)
		if asTyped != "" {
			text += fmt.Sprintf(" If it is right, send /log %s.", asTyped)
		}
		return &logQuestion{Reply{Text: text, Buttons: questionButtons(
			Button{Label: fmt.Sprintf("%d reps at %d %s", int(load), s.Reps, s.Load.Unit), Data: "/log " + swapped},
			Button{Label: fmt.Sprintf("Yes, %d reps at %s", s.Reps, s.Load), Data: "/log " + asTyped})}}
	}
	return nil
}

// questionButtons is one row of the buttons with data (a command that
// could be written) that fits Telegram's 64 bytes; the text names the
// commands either way.
func questionButtons(bs ...Button) [][]Button {
	var row []Button
	for _, b := range bs {
		if b.Data != "/log " && len(b.Data) <= buttonDataMax {
			row = append(row, b)
		}
	}
	if len(row) == 0 {
		return nil
	}
	return [][]Button{row}
}

// withLift returns /log's arguments with the typed lift name replaced, or
// "" when the name can't be found in them as typed.
func withLift(args, typed, repl string) string {
	re, err := regexp.Compile(`(?i)(^|\s)` + regexp.QuoteMeta(typed) + `(\s|$)`)
	if err != nil {
		return ""
	}
	loc := re.FindStringSubmatchIndex(args)
	if loc == nil {
		return ""
	}
	start, end := loc[3], loc[4] // the name, between its spaces
	return strings.TrimSpace(args[:start] + repl + args[end:])
}

// withSet returns the arguments with one set token replaced, or "".
func withSet(args, tok, repl string) string {
	fields := strings.Fields(args)
	i := slices.IndexFunc(fields, func(f string) bool { return strings.EqualFold(f, tok) })
	if i < 0 {
		return ""
	}
	fields[i] = repl
	return strings.Join(fields, " ")
}

// closest is the user's lift or known lift nearest to name within a typo's
// distance (one edit for names up to four letters, two above), the user's
// own first; "" when none is that close.
func closest(name string, mine, known []string) string {
	limit := 1
	if utf8.RuneCountInString(name) > 4 {
		limit = 2
	}
	best, bestD := "", limit+1
	for _, group := range [][]string{mine, known} {
		for _, c := range group {
			if c == name {
				return ""
			}
			if d := editDistance(name, c); d < bestD {
				best, bestD = c, d
			}
		}
		if best != "" {
			return best
		}
	}
	return best
}

// editDistance is the optimal string alignment distance over runes:
// insertions, deletions, substitutions and swaps of neighbours (sqaut) each
// count one.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}

func firstN(xs []string, n int) []string {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}
