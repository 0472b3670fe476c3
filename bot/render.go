package bot

import (
	"fmt"
	"math"
	"strings"

	"github.com/spotterbot/spotter/bot/words"
	"github.com/spotterbot/spotter/engine"
)

// showLoad prints a set's load in the user's unit u, with the load as typed
// beside it when it was typed in the other unit: "100 kg", "220.5 lb (100 kg)",
// "bodyweight", "bodyweight +20 kg".
func showLoad(s engine.Set, u engine.Unit) string {
	if s.Bodyweight && s.Load.Milli == 0 {
		return "bodyweight"
	}
	l := s.Load.String()
	if u != "" && s.Load.Unit != u {
		conv := s.Load.In(u)
		l = engine.FormatNumber(math.Round(conv.Value()*10)/10) + " " + string(u) + " (" + s.Load.String() + ")"
	}
	if s.Bodyweight {
		return "bodyweight +" + l
	}
	return l
}

// showE1RM prints an e1RM given in kg in the user's unit, one decimal.
func showE1RM(kg float64, u engine.Unit) string {
	if u == engine.Lb {
		return fmt.Sprintf("%.1f lb", kg/engine.KgPerLb)
	}
	return fmt.Sprintf("%.1f kg", kg)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func showRIR(s engine.Set) string {
	if !s.HasRIR {
		return ""
	}
	return "RIR " + engine.FormatNumber(s.RIR)
}

type setGroup struct {
	n   int
	set engine.Set
}

// groupSets folds runs of identical sets (load, reps, effort, kind).
func groupSets(sets []engine.Set) []setGroup {
	var out []setGroup
	for _, s := range sets {
		if k := len(out); k > 0 {
			p := out[k-1].set
			if p.Load == s.Load && p.Bodyweight == s.Bodyweight && p.Reps == s.Reps && p.HasRIR == s.HasRIR && p.RIR == s.RIR && p.Kind == s.Kind {
				out[k-1].n++
				continue
			}
		}
		out = append(out, setGroup{1, s})
	}
	return out
}

// describeSets spells sets out in words: "3 sets of 5 reps at 100 kg, RIR 2",
// "2 sets: 5 reps at 100 kg RIR 2, 3 reps at 105 kg RIR 1", with warm-ups noted.
func describeSets(sets []engine.Set, u engine.Unit) string {
	var work, warm []engine.Set
	for _, s := range sets {
		if s.Kind == engine.Warmup {
			warm = append(warm, s)
		} else {
			work = append(work, s)
		}
	}
	var b strings.Builder
	groups := groupSets(work)
	switch {
	case len(work) == 0:
		b.WriteString("warm-ups only")
	case len(groups) == 1:
		g := groups[0]
		fmt.Fprintf(&b, "%s of %s at %s", plural(g.n, "set", "sets"), plural(g.set.Reps, "rep", "reps"), showLoad(g.set, u))
		if r := showRIR(g.set); r != "" {
			b.WriteString(", " + r)
		}
		if g.set.Kind == engine.Drop || g.set.Kind == engine.Failure {
			fmt.Fprintf(&b, " (%s)", g.set.Kind)
		}
	default:
		sameRIR := true
		for _, s := range work {
			if s.HasRIR != work[0].HasRIR || s.RIR != work[0].RIR {
				sameRIR = false
			}
		}
		fmt.Fprintf(&b, "%s: ", plural(len(work), "set", "sets"))
		for i, g := range groups {
			if i > 0 {
				b.WriteString(", ")
			}
			if g.n > 1 {
				fmt.Fprintf(&b, "%dx", g.n)
			}
			fmt.Fprintf(&b, "%s at %s", plural(g.set.Reps, "rep", "reps"), showLoad(g.set, u))
			if r := showRIR(g.set); r != "" && !sameRIR {
				b.WriteString(" " + r)
			}
			if g.set.Kind == engine.Drop || g.set.Kind == engine.Failure {
				fmt.Fprintf(&b, " (%s)", g.set.Kind)
			}
		}
		if r := showRIR(work[0]); r != "" && sameRIR {
			b.WriteString(", " + r)
		}
	}
	if len(warm) > 0 {
		var ws []string
		for _, g := range groupSets(warm) {
			w := fmt.Sprintf("%dx%d at %s", g.n, g.set.Reps, showLoad(g.set, u))
			if g.n == 1 {
				w = fmt.Sprintf("%d at %s", g.set.Reps, showLoad(g.set, u))
			}
			ws = append(ws, w)
		}
		fmt.Fprintf(&b, ", plus %s (%s)", plural(len(warm), "warm-up set", "warm-up sets"), strings.Join(ws, ", "))
	}
	return b.String()
}

// shortSets prints a session compactly: "3x5 at 97.5 kg, RIR 2" for its heaviest group.
func shortSets(sets []engine.Set, u engine.Unit) string {
	var parts []string
	for _, g := range groupSets(workingSets(sets)) {
		p := fmt.Sprintf("%dx%d at %s", g.n, g.set.Reps, showLoad(g.set, u))
		if r := showRIR(g.set); r != "" {
			p += ", " + r
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return "warm-ups only"
	}
	return strings.Join(parts, "; ")
}

func workingSets(sets []engine.Set) []engine.Set {
	var out []engine.Set
	for _, s := range sets {
		if s.Kind != engine.Warmup {
			out = append(out, s)
		}
	}
	return out
}

// renderVerdict prints one advice block: first line "KIND lift: reason".
func renderVerdict(v engine.Verdict) string { return words.Verdict(v) }
