package bot

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// /lifts lists the user's lifts; /lift renames, merges, aliases and
// classifies them (grammar: liftnames.go).

const liftExample = "/lift merge squat (barbell) into squat"

// liftsShown is about a chat message's worth of /lifts (Telegram's limit is 4,096).
const liftsShown = 3500

func (b *Bot) lifts(r *request) (Reply, error) {
	counts, err := r.tx.LiftCounts(r.user.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("lift counts: %w", err)
	}
	notes, err := r.tx.LiftNotes(r.user.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("lift notes: %w", err)
	}
	// Lifts declared but never logged are listed too, with 0 sets.
	have := map[string]bool{}
	for _, c := range counts {
		have[c.Lift] = true
	}
	var extra []string
	for _, m := range []map[string]string{notes.Kinds, notes.Bases} {
		for l := range m {
			if !have[l] {
				have[l] = true
				extra = append(extra, l)
			}
		}
	}
	sort.Strings(extra)
	for _, l := range extra {
		counts = append(counts, LiftCount{Lift: l})
	}
	if len(counts) == 0 {
		return Reply{Text: "No lifts yet. Log one: /log squat 100x5 rir2"}, nil
	}
	aliases := map[string][]string{}
	for a, l := range notes.Aliases {
		aliases[l] = append(aliases[l], a)
	}
	prof := engine.Profile{}
	liftProfile(&prof, notes)
	lines := []string{fmt.Sprintf("Your lifts (%d):", len(counts))}
	size := len(lines[0])
	for i, c := range counts {
		line := c.Lift + ": " + kindText(prof.Pattern(c.Lift))
		if _, ok := notes.Kinds[c.Lift]; ok {
			line += "*"
		}
		if base := prof.Base(c.Lift); base != "" {
			line += ", variation of " + base
		}
		line += ", " + plural(c.Sets, "set", "sets")
		if as := aliases[c.Lift]; len(as) > 0 {
			slices.Sort(as)
			line += "; alias " + strings.Join(as, ", ")
		}
		if size+len(line)+1 > liftsShown {
			lines = append(lines, fmt.Sprintf("…and %d more (/history LIFT shows one).", len(counts)-i))
			break
		}
		lines = append(lines, line)
		size += len(line) + 1
	}
	if len(notes.Kinds) > 0 {
		lines = append(lines, "* your /lift kind")
	}
	return Reply{Text: strings.Join(lines, "\n")}, nil
}

func (b *Bot) lift(r *request) (Reply, error) {
	sub, rest, _ := strings.Cut(strings.TrimSpace(r.args), " ")
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(sub) {
	case "rename":
		return b.liftRename(r, rest)
	case "merge":
		return b.liftMerge(r, rest)
	case "alias":
		return b.liftAlias(r, rest)
	case "kind":
		return b.liftKind(r, rest)
	case "variation":
		return b.liftVariation(r, rest)
	case "":
		return Reply{}, &InputError{Problem: "What about a lift? /lift rename, merge, alias, kind or variation; /lifts lists yours.", Example: liftExample}
	}
	return Reply{}, badToken(sub, "/lift takes rename, merge, alias, kind or variation.", liftExample)
}

// twoLifts reads "OLD SEP NEW" for rename and merge: OLD one of the user's lifts.
func twoLifts(r *request, args, example string, seps ...string) (from, to string, fromSets int, counts []LiftCount, err error) {
	a, bb, ok := splitNames(args, seps...)
	if !ok {
		return "", "", 0, nil, &InputError{Problem: fmt.Sprintf("Name two lifts, with %q between them when a name has spaces (or put it in quotes).", seps[0]), Example: example}
	}
	if from, err = liftName(a, example); err != nil {
		return
	}
	if to, err = liftName(bb, example); err != nil {
		return
	}
	if counts, err = r.tx.LiftCounts(r.user.ID); err != nil {
		return "", "", 0, nil, fmt.Errorf("lift counts: %w", err)
	}
	if fromSets, err = ownLift(from, counts, example); err != nil {
		return
	}
	if from == to {
		return "", "", 0, nil, badToken(bb, "that is the same lift.", example)
	}
	return from, to, fromSets, counts, nil
}

func (b *Bot) liftRename(r *request, args string) (Reply, error) {
	const ex = "/lift rename squat (barbell) -> squat"
	from, to, _, counts, err := twoLifts(r, args, ex, "->", "to")
	if err != nil {
		return Reply{}, err
	}
	for _, c := range counts {
		if c.Lift == to {
			return Reply{}, badToken(to, fmt.Sprintf("that is already one of your lifts (%s). To put the two together, send /lift merge %s into %s.",
				plural(c.Sets, "set", "sets"), from, to), ex)
		}
	}
	if a, err := r.tx.Alias(r.user.ID, to); err == nil {
		return Reply{}, badToken(to, fmt.Sprintf("that is your alias for %s; remove it first with /lift alias %s off.", a, to), ex)
	}
	m, err := r.tx.MoveLift(r.user.ID, from, to)
	if err != nil {
		return Reply{}, fmt.Errorf("rename lift: %w", err)
	}
	return Reply{Text: fmt.Sprintf("Renamed %s to %s: %s%s. /lift rename %s -> %s turns it back.",
		from, to, plural(m.Sets, "set", "sets"), moveNotes(m), to, from)}, nil
}

func (b *Bot) liftMerge(r *request, args string) (Reply, error) {
	from, to, _, counts, err := twoLifts(r, args, liftExample, "into", "->")
	if err != nil {
		return Reply{}, err
	}
	into := 0
	for _, c := range counts {
		if c.Lift == to {
			into = c.Sets
		}
	}
	if into == 0 {
		if a, err := r.tx.Alias(r.user.ID, to); err == nil {
			return Reply{}, badToken(to, fmt.Sprintf("that is your alias for %s; to merge into that lift: /lift merge %s into %s.", a, quoteName(from), a), liftExample)
		}
	}
	m, err := r.tx.MoveLift(r.user.ID, from, to)
	if err != nil {
		return Reply{}, fmt.Errorf("merge lift: %w", err)
	}
	text := fmt.Sprintf("Merged %s into %s: %s now %s as %s, %s in all%s.",
		from, to, plural(m.Sets, "set", "sets"), map[bool]string{true: "counts", false: "count"}[m.Sets == 1], to, plural(m.Sets+into, "set", "sets"), moveNotes(m))
	if into == 0 {
		text = fmt.Sprintf("Renamed %s to %s (you had no %s yet): %s%s.", from, to, to, plural(m.Sets, "set", "sets"), moveNotes(m))
	}
	text += fmt.Sprintf(" A merge has no undo: to log and import the old name as %s from now on, /lift alias %s %s.", to, quoteName(from), to)
	return Reply{Text: text}, nil
}

// notLoggedYet is a line for a setting of a lift the user has not logged:
// it waits for that name, and a typo'd name would wait for ever, so the
// nearest of theirs is named.
func notLoggedYet(r *request, lift string) (string, error) {
	has, err := r.tx.HasLift(r.user.ID, lift)
	if err != nil {
		return "", fmt.Errorf("has lift: %w", err)
	}
	if has {
		return "", nil
	}
	mine, err := r.tx.Lifts(r.user.ID)
	if err != nil {
		return "", fmt.Errorf("lifts: %w", err)
	}
	text := fmt.Sprintf("\nYou have not logged %s yet; this applies from its first session.", lift)
	if best := closest(lift, mine, nil); best != "" {
		text += fmt.Sprintf(" Did you mean %s?", best)
	}
	return text, nil
}

// quoteName quotes a name with spaces for a command the user may copy.
func quoteName(s string) string {
	if strings.Contains(s, " ") {
		return `"` + s + `"`
	}
	return s
}

// moveNotes says what a rename or merge did with the lift's settings.
func moveNotes(m LiftMove) string {
	var out []string
	switch m.Range {
	case "moved":
		out = append(out, "its rep range moved")
	case "dropped":
		out = append(out, "its rep range dropped (the other lift has its own)")
	}
	switch m.Setting {
	case "moved":
		out = append(out, "its kind and variation moved")
	case "dropped":
		out = append(out, "its kind and variation dropped (the other lift has its own)")
	}
	if m.Aliases > 0 {
		out = append(out, plural(m.Aliases, "alias", "aliases")+" now pointing at it")
	}
	if len(out) == 0 {
		return ""
	}
	return "; " + strings.Join(out, ", ")
}

func (b *Bot) liftAlias(r *request, args string) (Reply, error) {
	const ex = "/lift alias ssb safety bar squat"
	words := fieldsQuoted(args)
	if len(words) < 2 {
		return Reply{}, &InputError{Problem: "Name the short name, then the lift it logs (or off).", Example: ex}
	}
	short, err := liftName(words[0], ex)
	if err != nil {
		return Reply{}, err
	}
	target := strings.Join(words[1:], " ")
	if strings.EqualFold(target, "off") {
		had, err := r.tx.DeleteAlias(r.user.ID, short)
		if err != nil {
			return Reply{}, fmt.Errorf("delete alias: %w", err)
		}
		if !had {
			return Reply{}, badToken(words[0], "that is none of your aliases (/lifts lists them).", "/lift alias sq off")
		}
		return Reply{Text: fmt.Sprintf("Alias %s removed.", short)}, nil
	}
	lift, err := liftName(target, ex)
	if err != nil {
		return Reply{}, err
	}
	counts, err := r.tx.LiftCounts(r.user.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("lift counts: %w", err)
	}
	if engine.CanonicalLift(strings.ToLower(unquote(words[0]))) != strings.ToLower(strings.Join(strings.Fields(unquote(words[0])), " ")) || slices.Contains(engine.CatalogLifts(), short) {
		if short == lift {
			return Reply{Text: fmt.Sprintf("%s already logs %s.", unquote(words[0]), lift)}, nil
		}
		return Reply{}, badToken(words[0], fmt.Sprintf("that already means %s to me; pick another short name.", short), ex)
	}
	if slices.Contains(liftNamesOf(counts), short) {
		return Reply{}, badToken(short, fmt.Sprintf("that is one of your lifts; an alias must be a name of its own (to fold %s into %s: /lift merge %s into %s).", short, lift, quoteName(short), lift), ex)
	}
	if _, err := ownLift(lift, counts, ex); err != nil && !slices.Contains(engine.CatalogLifts(), lift) {
		return Reply{}, err
	}
	if err := r.tx.PutAlias(r.user.ID, short, lift); err != nil {
		return Reply{}, fmt.Errorf("put alias: %w", err)
	}
	return Reply{Text: fmt.Sprintf("Alias set: /log %s 100x5 logs %s. /lift alias %s off removes it.", short, lift, short)}, nil
}

func (b *Bot) liftKind(r *request, args string) (Reply, error) {
	const ex = "/lift kind leg press lower isolation"
	words := fieldsQuoted(args)
	if len(words) >= 2 && strings.EqualFold(words[len(words)-1], "auto") {
		lift, err := liftName(strings.Join(words[:len(words)-1], " "), ex)
		if err != nil {
			return Reply{}, err
		}
		if err := r.tx.SetLiftKind(r.user.ID, lift, ""); err != nil {
			return Reply{}, fmt.Errorf("clear kind: %w", err)
		}
		return Reply{Text: fmt.Sprintf("%s is classed from its name again: %s.", lift, kindText(engine.PatternOf(lift)))}, nil
	}
	if len(words) < 3 {
		return Reply{}, &InputError{Problem: "Name the lift, then lower or upper, and compound or isolation (or auto).", Example: ex}
	}
	for _, w := range words[len(words)-2:] {
		if _, ok := parseKind(w + " lower compound"); !ok {
			return Reply{}, badToken(w, "a kind is lower or upper, then compound or isolation.", ex)
		}
	}
	kind, ok := parseKind(strings.Join(words[len(words)-2:], " "))
	if !ok {
		return Reply{}, badToken(strings.Join(words[len(words)-2:], " "), "a kind is lower or upper, then compound or isolation.", ex)
	}
	lift, err := liftName(strings.Join(words[:len(words)-2], " "), ex)
	if err != nil {
		return Reply{}, err
	}
	if err := r.tx.SetLiftKind(r.user.ID, lift, kindText(kind)); err != nil {
		return Reply{}, fmt.Errorf("set kind: %w", err)
	}
	note, err := notLoggedYet(r, lift)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: fmt.Sprintf("%s counts as %s %s lift from now on: it sets the load steps advice adds, the target effort and the failure warnings. /lift kind %s auto undoes it.",
		lift, article(kindText(kind)), kindText(kind), lift) + note}, nil
}

func (b *Bot) liftVariation(r *request, args string) (Reply, error) {
	const ex = "/lift variation ssb of squat"
	words := fieldsQuoted(args)
	if len(words) >= 2 && strings.EqualFold(words[len(words)-1], "off") {
		lift, err := liftName(strings.Join(words[:len(words)-1], " "), ex)
		if err != nil {
			return Reply{}, err
		}
		if err := r.tx.SetLiftBase(r.user.ID, lift, ""); err != nil {
			return Reply{}, fmt.Errorf("clear variation: %w", err)
		}
		return Reply{Text: fmt.Sprintf("%s is a lift of its own again.", lift)}, nil
	}
	a, bb, ok := splitNames(args, "of")
	if !ok {
		return Reply{}, &InputError{Problem: "Name the variation, then of, then its lift.", Example: ex}
	}
	lift, err := liftName(a, ex)
	if err != nil {
		return Reply{}, err
	}
	base, err := liftName(bb, ex)
	if err != nil {
		return Reply{}, err
	}
	if lift == base {
		return Reply{}, badToken(bb, "a lift is no variation of itself.", ex)
	}
	notes, err := r.tx.LiftNotes(r.user.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("lift notes: %w", err)
	}
	if bb2, ok := notes.Bases[base]; ok {
		return Reply{}, badToken(base, fmt.Sprintf("that is itself a variation of %s; name %s instead.", bb2, bb2), ex)
	}
	// The variations in name order: the reply names the first, the same one
	// each time (a map's order is random).
	for _, v := range slices.Sorted(maps.Keys(notes.Bases)) {
		if notes.Bases[v] == lift {
			return Reply{}, badToken(lift, fmt.Sprintf("%s is a variation of it; a variation can't have variations.", v), ex)
		}
	}
	if err := r.tx.SetLiftBase(r.user.ID, lift, base); err != nil {
		return Reply{}, fmt.Errorf("set variation: %w", err)
	}
	p := engine.Profile{}
	notes.Bases[lift] = base
	liftProfile(&p, notes)
	note, err := notLoggedYet(r, lift)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: fmt.Sprintf("%s is a variation of %s: advised as %s %s lift, and still compared only with its own sessions. /lift variation %s off undoes it.",
		lift, base, article(kindText(p.Pattern(lift))), kindText(p.Pattern(lift)), lift) + note}, nil
}

// Lifts returns the lifts the identity's user has logged, most used first
// (for autocomplete). A new identity gets its user here, as with its first
// message.
func (b *Bot) Lifts(ctx context.Context, id Identity) ([]string, error) {
	var out []string
	err := b.store.Do(ctx, func(tx Tx) error {
		u, err := tx.UserFor(id, defaultUser(id))
		if err != nil {
			return err
		}
		out, err = tx.Lifts(u.ID)
		return err
	})
	return out, err
}
