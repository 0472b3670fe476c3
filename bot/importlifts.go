package bot

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/engine"
)

// hintsShown is how many name suggestions an import reply lists.
const hintsShown = 8

// liftHints lists the lifts an import started whose names are close to
// one of the lifter's lifts or a lift Spotter knows (a typo, or an app's
// "(equipment)" on a lift already logged), with the /lift merge that folds
// each in. mine are the user's lifts before the import; "" when none.
func liftHints(sets []KeyedSet, mine []string) string {
	seen := map[string]bool{}
	for _, l := range mine {
		seen[l] = true
	}
	var fresh []string
	for _, s := range sets {
		if !seen[s.Set.Lift] {
			seen[s.Set.Lift] = true
			fresh = append(fresh, s.Set.Lift)
		}
	}
	sort.Strings(fresh)
	known := engine.CatalogLifts()
	var lines []string
	for _, l := range fresh {
		to := nearLift(l, mine, known)
		if to == "" {
			continue
		}
		lines = append(lines, fmt.Sprintf("%q looks like %s: /lift merge %s into %s", l, to, quoteName(l), to))
	}
	if len(lines) == 0 {
		return ""
	}
	more := ""
	if len(lines) > hintsShown {
		more = fmt.Sprintf("\nand %d more (/lifts lists every lift)", len(lines)-hintsShown)
		lines = lines[:hintsShown]
	}
	return "\nNew lifts close to ones you have or I know; to count them as one lift, merge them (or keep them apart: nothing to do):\n" +
		strings.Join(lines, "\n") + more
}

// nearLift is the lift a new name most likely means: within a typo of one
// (the /log did-you-mean), or the same name without an app's trailing
// "(...)". "" when none.
func nearLift(l string, mine, known []string) string {
	if slices.Contains(known, l) {
		return ""
	}
	if to := closest(l, mine, known); to != "" {
		return to
	}
	if i := strings.LastIndex(l, " ("); i > 0 && strings.HasSuffix(l, ")") {
		base := engine.CanonicalLift(l[:i])
		if slices.Contains(mine, base) || slices.Contains(known, base) {
			return base
		}
	}
	return ""
}

// applyAliases stores imported sets of a name the lifter made an alias
// (/lift alias, or the alias a merge suggests) under its lift, as /log
// does, so a newer export of the same app lands on the merged lift. It
// returns the report's line saying so ("" when no alias applied).
func (r *request) applyAliases(sets []workoutcsv.Set) (string, error) {
	notes, err := r.tx.LiftNotes(r.user.ID)
	if err != nil {
		return "", fmt.Errorf("lift notes: %w", err)
	}
	if len(notes.Aliases) == 0 {
		return "", nil
	}
	moved := map[string]int{}
	var order []string
	for i := range sets {
		to, ok := notes.Aliases[sets[i].Lift]
		if !ok {
			continue
		}
		from := sets[i].Lift
		if moved[from] == 0 {
			order = append(order, from)
		}
		moved[from]++
		sets[i].Lift, sets[i].Known = to, true
	}
	if len(order) == 0 {
		return "", nil
	}
	parts := make([]string, len(order))
	for i, from := range order {
		parts[i] = fmt.Sprintf("%s as %s (%d)", quoteName(from), notes.Aliases[from], moved[from])
	}
	return "\nStored under your aliases: " + strings.Join(parts, ", ") + ".", nil
}
