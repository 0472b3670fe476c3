package bot

import (
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/bot/words"
	"github.com/spotterbot/spotter/engine"
)

// The short /advice: one line per lift, the shared context once, and a way
// to open each lift's evidence (/advice LIFT, a button per lift). It always
// fits one Telegram message.
const (
	adviceSummaryMax = 4096 // Telegram's message limit, in bytes here (a safe bound on UTF-16 units)
	adviceButtons    = 20   // Discord shows at most 5 rows of 5; Telegram's keyboard stays short
	adviceButtonRow  = 4
	buttonDataMax    = 64 // Telegram's callback_data limit in bytes
)

// adviceSummary renders AdviseAll's verdicts: readiness and a whole-body
// deload once, then "KIND lift: reason. e1RM (trend). Next: ..." per lift.
func adviceSummary(vs []engine.Verdict, plan engine.PlanStatus, u engine.Unit) Reply {
	var head []string
	ready := words.Readiness(vs[0])
	if ready != "" {
		ready = " " + strings.ToUpper(ready[:1]) + ready[1:] + "."
	}
	head = append(head, fmt.Sprintf("Advice for %s.%s", plural(len(vs), "lift", "lifts"), ready))
	if line := deloadHeadline(vs, plan); line != "" {
		head = append(head, line)
	}
	foot := "Each lift's numbers and reasons: /advice LIFT, e.g. /advice " + vs[0].Lift + "."
	budget := adviceSummaryMax - len(strings.Join(head, "\n")) - len(foot) - 64
	var lines []string
	used := 0
	for i, v := range vs {
		l := adviceLine(v, u)
		if used+len(l)+1 > budget {
			lines = append(lines, fmt.Sprintf("…and %s more: /advice LIFT.", plural(len(vs)-i, "lift", "lifts")))
			break
		}
		lines = append(lines, l)
		used += len(l) + 1
	}
	text := strings.Join(head, "\n") + "\n\n" + strings.Join(lines, "\n") + "\n\n" + foot
	var rows [][]Button
	var row []Button
	n := 0
	for _, v := range vs {
		data := "/advice " + v.Lift
		if len(data) > buttonDataMax || n == adviceButtons {
			continue
		}
		row = append(row, Button{Label: v.Lift, Data: data})
		n++
		if len(row) == adviceButtonRow {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return Reply{Text: text, Buttons: rows}
}

// deloadHeadline is the whole-body deload, said once: the running week, or
// why one is due now (fatigue leads a planned deload: engine-rules section 7).
func deloadHeadline(vs []engine.Verdict, plan engine.PlanStatus) string {
	var fatigued, planned, week []string
	for _, v := range vs {
		if !v.WholeBody {
			continue
		}
		switch v.Rule {
		case engine.RuleDeloadWeek:
			week = append(week, v.Lift)
		case engine.RulePlannedDeload:
			planned = append(planned, v.Lift)
		default:
			fatigued = append(fatigued, v.Lift)
		}
	}
	switch {
	case len(week) > 0 && plan.InDeload != nil:
		return fmt.Sprintf("Deload week until %s: every lift lighter, sets halved, RIR 4 or more. Each line below is that lift's deload session.", plan.InDeload.End)
	case len(fatigued) > 0:
		why := "performance stalled or down while recovery is poor"
		if plan.Due {
			why += "; a planned deload is due as well"
		}
		return fmt.Sprintf("Deload now (%s: %s): one week for the whole body. /deload now starts it.", strings.Join(fatigued, ", "), why)
	case len(planned) > 0:
		line := "A planned deload is due"
		if len(plan.Lines) > 0 {
			line += " (" + strings.TrimSuffix(words.PlanLine(plan.Lines[0], plan.Units), ".") + ")"
		}
		return line + ": one week for the whole body. /deload now starts it, /deload skip skips it once."
	}
	return ""
}

// ruleWords is each rule in a few words, for the one-line summary.
var ruleWords = map[engine.Rule]string{
	engine.RulePain:          "pain: lighter, pain-free range only",
	engine.RuleDeloadWeek:    "deload week",
	engine.RulePlannedDeload: "planned deload",
	engine.RuleFatigued:      "fatigued",
	engine.RuleConfounded:    "tagged session: repeat it",
	engine.RuleGrinding:      "grinding: same load, honest RIR",
	engine.RuleRecoveryPoor:  "recovery poor: no added stress",
	engine.RuleReadyToLoad:   "reps to spare",
	engine.RuleStalledClean:  "stalled: push one lever",
	engine.RuleProgressing:   "progressing",
	engine.RuleOtherwise:     "hold and watch",
	engine.RuleReturning:     "returning: ramp back",
}

// adviceLine is one lift in one line: "PUSH squat: progressing. e1RM 141.8
// kg (+7%). Next: 3x5 at 117.5 kg".
func adviceLine(v engine.Verdict, u engine.Unit) string {
	say := ruleWords[v.Rule]
	switch {
	case v.Rule == engine.RuleGrinding && v.Kind == engine.Deload:
		say = "down and grinding: a lighter week for this lift"
	case v.Rule == engine.RuleInsufficient || say == "":
		say = words.Reason(v.Reason)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s.", v.Kind, v.Lift, say)
	if v.E1RM > 0 {
		b.WriteString(" e1RM " + showE1RM(v.E1RM, u))
		switch trend := v.Trend; {
		case v.Rule == engine.RuleReturning:
		case v.LoadStep:
			b.WriteString(" (load up)")
		case trend == engine.TrendProgressing, trend == engine.TrendDown:
			fmt.Fprintf(&b, " (%+.0f%%)", v.Change*100)
		case trend == engine.TrendStalled:
			b.WriteString(" (flat)")
		}
		b.WriteString(".")
	}
	if n := v.Next; n != nil {
		label := "Next"
		if n.Lever == "deload" {
			label = "Deload"
		}
		b.WriteString(" " + label + ": " + shortNext(n, u))
	}
	return b.String()
}

// shortNext writes a prescribed session tersely: "3x5 at 117.5 kg",
// "1x5 at 172.5 kg + 2x5 at 150 kg", "3x8 at bw+10 kg".
func shortNext(n *engine.Next, u engine.Unit) string {
	at := func(v float64) string {
		l := engine.FormatNumber(v) + " " + string(u)
		if n.Bodyweight {
			if v == 0 {
				return "bw"
			}
			return "bw+" + l
		}
		return l
	}
	s := fmt.Sprintf("%dx%d at %s", n.Sets, n.Reps, at(n.Load))
	if b := n.Backoff; b != nil {
		s += fmt.Sprintf(" + %dx%d at %s", b.Sets, b.Reps, at(b.Load))
	}
	return s
}
