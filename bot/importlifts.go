package bot

import (
	"fmt"
	"slices"
	"sort"
	"strings"

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
