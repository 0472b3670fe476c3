package bot

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// The grammar of lift names in /lift: a name is every word up to a
// separator word ("into" for merge, "of" for variation, "->" or "to" for
// rename), or a "quoted name" (straight or curly quotes), so names with
// spaces need neither: /lift merge squat (barbell) into squat.

// liftName reads one typed lift name: quotes dropped, spaces collapsed,
// canonical (engine.CanonicalLift), checked like a logged name.
func liftName(typed, example string) (string, error) {
	s := strings.TrimSpace(unquote(strings.TrimSpace(typed)))
	if s == "" {
		return "", &InputError{Problem: "Which lift? Name it.", Example: example}
	}
	if err := limits.LiftName(s); err != nil {
		return "", badToken(cut(s, 24), fmt.Sprintf("a lift name is printable text of at most %d characters (%s).", limits.MaxLiftName, err), example)
	}
	return engine.CanonicalLift(s), nil
}

func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// splitNames splits "A SEP B" on the last of the separator words outside
// quotes; without one, two quoted names or two single words serve.
func splitNames(s string, seps ...string) (a, b string, ok bool) {
	words := fieldsQuoted(s)
	for i := len(words) - 2; i >= 1; i-- {
		for _, sep := range seps {
			if strings.EqualFold(words[i], sep) {
				return strings.Join(words[:i], " "), strings.Join(words[i+1:], " "), true
			}
		}
	}
	if len(words) == 2 {
		return words[0], words[1], true
	}
	return "", "", false
}

// fieldsQuoted splits on spaces, keeping a quoted run (with its quotes) as one field.
func fieldsQuoted(s string) []string {
	var out []string
	var cur strings.Builder
	var closing rune
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case closing != 0:
			cur.WriteRune(r)
			if r == closing {
				closing = 0
				flush()
			}
		case r == '"' && cur.Len() == 0:
			closing = '"'
			cur.WriteRune(r)
		case r == '“' && cur.Len() == 0:
			closing = '”'
			cur.WriteRune(r)
		case r == ' ' || r == '\t' || r == '\n':
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// lifts names the user's lifts, most sets first.
func liftNamesOf(counts []LiftCount) []string {
	out := make([]string, len(counts))
	for i, c := range counts {
		out[i] = c.Lift
	}
	return out
}

// ownLift checks that name is one of the user's lifts; else the error
// names the nearest one (the did-you-mean of /log).
func ownLift(name string, counts []LiftCount, example string) (int, error) {
	for _, c := range counts {
		if c.Lift == name {
			return c.Sets, nil
		}
	}
	mine := liftNamesOf(counts)
	msg := "that is not one of your lifts"
	if best := closest(name, mine, nil); best != "" {
		msg += "; did you mean " + best + "?"
	} else if len(mine) > 0 {
		msg += " (/lifts lists them)."
	} else {
		msg += ": nothing is logged yet."
	}
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") {
		msg += "."
	}
	return 0, badToken(name, msg, example)
}

// resolveLift is a typed lift name as /log would store it: canonical, and
// a user's alias replaced by its lift.
func resolveLift(r *request, typed string) (string, error) {
	name := engine.CanonicalLift(typed)
	l, err := r.tx.Alias(r.user.ID, name)
	if errors.Is(err, ErrNotFound) {
		return name, nil
	}
	if err != nil {
		return "", fmt.Errorf("alias: %w", err)
	}
	return l, nil
}

// kindText is a declared class in words; parseKind reads it back.
func kindText(p engine.Pattern) string {
	s := "upper"
	if p.Lower {
		s = "lower"
	}
	if p.Compound {
		return s + " compound"
	}
	return s + " isolation"
}

func parseKind(s string) (engine.Pattern, bool) {
	var p engine.Pattern
	var side, class bool
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch w {
		case "lower", "upper":
			p.Lower, side = w == "lower", true
		case "compound", "isolation":
			p.Compound, class = w == "compound", true
		default:
			return p, false
		}
	}
	return p, side && class
}

// liftProfile adds what the user said of their lifts to an engine Profile.
func liftProfile(p *engine.Profile, n LiftNotes) {
	if len(n.Kinds) > 0 {
		p.Kinds = map[string]engine.Pattern{}
		for l, k := range n.Kinds {
			if pat, ok := parseKind(k); ok {
				p.Kinds[l] = pat
			}
		}
	}
	if len(n.Bases) > 0 {
		p.Bases = n.Bases
	}
}
