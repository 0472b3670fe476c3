package bot

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// /settings range LIFT LO-HI sets the lifter's rep range for a lift: the
// engine compares the lift's sessions within it and adds load at its top
// (engine-rules section 7, "Rep range, not rep bucket").

const rangeExample = "/settings range squat 3-5"

// RangeCommand is a parsed /settings range.
type RangeCommand struct {
	Lift  string          // canonical; "" lists the user's ranges
	Off   bool            // remove the lift's range
	Range engine.RepRange // the range to set, when not Off
}

var reDigits = regexp.MustCompile(`^[0-9]+$`)

// dashes are the characters a phone may type for the range's hyphen.
const dashes = "-‐‒–—−"

// ParseRange reads the words after /settings range: none (list the ranges),
// LIFT LO-HI, LIFT N (meaning N-N) or LIFT off. The lift may be several
// words, quoted or not: the last word is the range.
func ParseRange(words []string) (RangeCommand, error) {
	var cmd RangeCommand
	toks := append([]string(nil), words...) // as typed, so a refusal names the token as typed
	if n := len(toks); n > 1 && (strings.EqualFold(toks[n-1], "reps") || strings.EqualFold(toks[n-1], "rep")) {
		toks = toks[:n-1]
	}
	toks = joinRange(toks)
	if len(toks) == 0 {
		return cmd, nil
	}
	last := toks[len(toks)-1]
	if strings.EqualFold(last, "off") {
		cmd.Off = true
	} else {
		r, err := parseRepRange(last)
		if err != nil {
			return cmd, err
		}
		cmd.Range = r
	}
	typed := unquote(strings.Join(toks[:len(toks)-1], " "))
	if typed == "" {
		return cmd, &InputError{Problem: "Which lift? Put its name before the range.", Example: rangeExample}
	}
	for _, w := range strings.Fields(typed) {
		if w[0] >= '0' && w[0] <= '9' {
			return cmd, badToken(w, "the range is one word, last: LO-HI like 3-5.", rangeExample)
		}
		if !reLiftWord.MatchString(w) {
			return cmd, badToken(w, "a lift name is letters, digits and - ' ( ) / only.", rangeExample)
		}
	}
	cmd.Lift = engine.CanonicalLift(typed)
	if len(typed) > 60 || len(cmd.Lift) > 60 {
		return cmd, badToken(typed, "a lift name is at most 60 characters.", rangeExample)
	}
	return cmd, nil
}

// joinRange makes a range typed with spaces around its dash ("3 - 5",
// "3 -5", "3- 5") one word, and writes its dash as a hyphen.
func joinRange(toks []string) []string {
	isDash := func(s string) bool { return s != "" && strings.Trim(s, dashes) == "" }
	n := len(toks)
	switch {
	case n >= 3 && reDigits.MatchString(toks[n-3]) && isDash(toks[n-2]):
		toks = append(toks[:n-3], toks[n-3]+"-"+toks[n-1])
	case n >= 2 && reDigits.MatchString(toks[n-2]) && strings.IndexAny(toks[n-1], dashes) == 0:
		toks = append(toks[:n-2], toks[n-2]+toks[n-1])
	case n >= 2 && reDigits.MatchString(strings.TrimRight(toks[n-2], dashes)) && strings.TrimRight(toks[n-2], dashes) != toks[n-2]:
		toks = append(toks[:n-2], toks[n-2]+toks[n-1])
	}
	if n := len(toks); n > 0 {
		toks[n-1] = strings.Map(func(r rune) rune {
			if strings.ContainsRune(dashes, r) {
				return '-'
			}
			return r
		}, toks[n-1])
	}
	return toks
}

// unquote drops the quotes around a lift name: "paused squat", “paused
// squat” or 'paused squat'. An apostrophe inside a name stays.
func unquote(s string) string {
	s = strings.Trim(s, "\"“”„«»")
	for _, q := range [][2]string{{"'", "'"}, {"‘", "’"}} {
		if len(s) > len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			s = s[len(q[0]) : len(s)-len(q[1])]
		}
	}
	return strings.TrimSpace(s)
}

// parseRepRange reads LO-HI, or N for N-N.
func parseRepRange(tok string) (engine.RepRange, error) {
	lo, hi, ok := strings.Cut(tok, "-")
	if !ok {
		hi = lo
	}
	if !reDigits.MatchString(lo) || !reDigits.MatchString(hi) {
		return engine.RepRange{}, badToken(tok, "a rep range is whole reps: LO-HI like 3-5, or one number like 5 (off removes it).", rangeExample)
	}
	r := engine.RepRange{Lo: atoiMax(lo), Hi: atoiMax(hi)}
	switch {
	case r.Lo < 1 || r.Hi < 1:
		return r, badToken(tok, "a rep range starts at 1 rep or more.", rangeExample)
	case r.Lo > 30 || r.Hi > 30:
		return r, badToken(tok, "a rep range ends at 30 reps or fewer.", "/settings range curl 12-20")
	case r.Lo > r.Hi:
		return r, badToken(tok, fmt.Sprintf("the low end comes first: %d-%d.", r.Hi, r.Lo), rangeExample)
	}
	return r, nil
}

// atoiMax reads digits; too many for an int is far above any range.
func atoiMax(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 1 << 30
	}
	return n
}

// repsText is "3-5 reps", "5 reps" or "1 rep".
func repsText(r engine.RepRange) string {
	if r.Hi == 1 {
		return "1 rep"
	}
	return r.String() + " reps"
}

func (b *Bot) settingsRange(r *request, words []string) (Reply, error) {
	cmd, err := ParseRange(words)
	if err != nil {
		return Reply{}, err
	}
	ranges, err := r.tx.Ranges(r.user.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("rep ranges: %w", err)
	}
	if cmd.Lift == "" {
		return Reply{Text: showRanges(ranges)}, nil
	}
	old, had := ranges[cmd.Lift]
	if cmd.Off {
		if !had {
			return Reply{Text: fmt.Sprintf("You have no rep range for %s; nothing changed.", cmd.Lift)}, nil
		}
		if _, err := r.tx.DeleteRange(r.user.ID, cmd.Lift); err != nil {
			return Reply{}, fmt.Errorf("delete rep range: %w", err)
		}
		return Reply{Text: fmt.Sprintf("Removed your rep range for %s (was %s). Advice reads its range from your log again.", cmd.Lift, repsText(old))}, nil
	}
	if err := r.tx.PutRange(r.user.ID, cmd.Lift, cmd.Range); err != nil {
		return Reply{}, fmt.Errorf("put rep range: %w", err)
	}
	was := ""
	if had && old != cmd.Range {
		was = " (was " + old.String() + ")"
	}
	text := fmt.Sprintf("Rep range for %s: %s%s. Advice compares sessions in this range and adds load at the top of it.", cmd.Lift, repsText(cmd.Range), was)
	logged, err := r.tx.HasLift(r.user.ID, cmd.Lift)
	if err != nil {
		return Reply{}, fmt.Errorf("has lift: %w", err)
	}
	if !logged {
		text += fmt.Sprintf("\nYou have not logged %s yet; the range counts from its first session.", cmd.Lift)
	}
	return Reply{Text: text}, nil
}

// showRanges lists the user's rep ranges, by lift name.
func showRanges(ranges map[string]engine.RepRange) string {
	if len(ranges) == 0 {
		return "You have set no rep ranges: advice reads each lift's range from your log. Set one with " + rangeExample
	}
	var t strings.Builder
	t.WriteString("Your rep ranges:\n")
	for _, lift := range sortedLifts(ranges) {
		fmt.Fprintf(&t, "- %s: %s\n", lift, repsText(ranges[lift]))
	}
	t.WriteString("Change one with /settings range LIFT LO-HI, remove one with /settings range LIFT off")
	return t.String()
}

// rangesLine is the settings summary's line of rep ranges ("" when none).
func rangesLine(ranges map[string]engine.RepRange) string {
	if len(ranges) == 0 {
		return ""
	}
	var parts []string
	for _, lift := range sortedLifts(ranges) {
		parts = append(parts, lift+" "+ranges[lift].String())
	}
	return "- rep ranges: " + strings.Join(parts, ", ") + "\n"
}

func sortedLifts(ranges map[string]engine.RepRange) []string {
	lifts := make([]string, 0, len(ranges))
	for l := range ranges {
		lifts = append(lifts, l)
	}
	sort.Strings(lifts)
	return lifts
}
