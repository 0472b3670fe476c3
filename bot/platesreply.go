package bot

import (
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/bot/plates"
	"github.com/spotterbot/spotter/engine"
)

const platesCmdExample = "/plates 172.5"

// platesCmd is /plates LOAD: the plates on each side for LOAD with the
// lifter's bar and plates; /plates alone shows the bar and plates.
func (b *Bot) platesCmd(r *request) (Reply, error) {
	k, unit, err := kitOf(r.user)
	if err != nil {
		return Reply{Text: "Your plates are not readable (" + err.Error() + "). /settings plates default resets them."}, nil
	}
	typed := strings.Fields(r.args)
	words := strings.Fields(strings.ToLower(r.args))
	if len(words) == 0 {
		show := "off"
		if r.user.Kit.Show {
			show = "on"
		}
		return Reply{Text: fmt.Sprintf("Your bar: %s %s. Your plates: %s %s (x2 is two pairs owned; otherwise as many as needed). Plates in /advice LIFT: %s.\nChange them with /settings bar 15, %s, /settings plates show on.\nThen: %s",
			plates.Format(k.Bar), unit, showPlates(k.Plates), unit, show, platesExample, platesCmdExample)}, nil
	}
	tok := strings.Join(typed, " ")
	num, u := strings.Join(words, " "), r.user.Units
	if len(words) == 2 {
		if nu := parseUnit(words[1], ""); nu != "" {
			num, u = words[0], nu
		}
	} else {
		for _, suf := range []string{"kg", "lbs", "lb"} {
			if strings.HasSuffix(num, suf) {
				num, u = strings.TrimSuffix(num, suf), parseUnit(suf, u)
				break
			}
		}
	}
	v, err := limits.Number(strings.TrimPrefix(num, "-"))
	switch {
	case err != nil:
	case strings.HasPrefix(num, "-") || v <= 0:
		err = fmt.Errorf("not more than zero")
	default:
		err = limits.Load(v, u, false)
	}
	if err != nil {
		return Reply{}, badToken(tok, "the load must be a weight like 172.5 or 225lb; this one is "+err.Error()+".", platesCmdExample)
	}
	asked := engine.NewLoad(v, u)
	return Reply{Text: platesText(k, unit, asked)}, nil
}

// platesText is /plates' answer for a load asked, in any unit.
func platesText(k plates.Kit, unit engine.Unit, asked engine.Load) string {
	load := asked.In(unit)
	name := asked.String()
	if asked.Unit != unit {
		name += fmt.Sprintf(" (%s %s)", plates.Format(load.Milli), unit)
	}
	res := k.Make(load.Milli)
	switch {
	case load.Milli < k.Bar:
		return fmt.Sprintf("%s is less than your bar, which weighs %s %s on its own.", name, plates.Format(k.Bar), unit)
	case res.Exact:
		return showLoading(*res.Below, k, unit)
	}
	var t strings.Builder
	fmt.Fprintf(&t, "Your plates cannot make %s exactly; ", name)
	switch {
	case res.Below != nil && res.Above != nil:
		fmt.Fprintf(&t, "nearest: %s %s below or %s %s above.\n", plates.Format(res.Below.Total), unit, plates.Format(res.Above.Total), unit)
	default:
		fmt.Fprintf(&t, "they make at most %s %s.\n", plates.Format(res.Below.Total), unit)
	}
	t.WriteString(showLoading(*res.Nearest(), k, unit))
	return t.String()
}

// showLoading is one loading, short enough for a phone's line:
// "172.5 kg: bar 20 kg, each side 25 25 25 1.25 (76.25 kg)".
func showLoading(l plates.Loading, k plates.Kit, unit engine.Unit) string {
	return fmt.Sprintf("%s %s: %s.", plates.Format(l.Total), unit, sides(l, k, unit))
}

// sides is a loading without its total: "bar 20 kg, each side 25 1.25
// (26.25 kg)", or "the bar alone".
func sides(l plates.Loading, k plates.Kit, unit engine.Unit) string {
	if len(l.PerSide) == 0 {
		return "the bar alone"
	}
	per := make([]string, len(l.PerSide))
	for i, p := range l.PerSide {
		per[i] = plates.Format(p)
	}
	return fmt.Sprintf("bar %s %s, each side %s (%s %s)", plates.Format(k.Bar), unit, strings.Join(per, " "), plates.Format(l.Side()), unit)
}

// notBarbell are words of a lift name that say it is not loaded on a
// barbell with plates.
var notBarbell = []string{"dumbbell", "db", "cable", "machine", "bw", "kettlebell", "kb", "band", "bodyweight"}

// isBarbell says whether a lift is loaded on a barbell: Spotter has no
// equipment per lift, so a lift is a barbell lift unless its name says
// otherwise (a word above, or a name containing dumbbell, cable, machine
// or kettlebell).
func isBarbell(lift string) bool {
	l := strings.ToLower(lift)
	for _, w := range strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
		for _, n := range notBarbell {
			if w == n {
				return false
			}
		}
	}
	for _, n := range []string{"dumbbell", "cable", "machine", "kettlebell"} {
		if strings.Contains(l, n) {
			return false
		}
	}
	return true
}

// advicePlates is the plates of a verdict's next session, for /advice LIFT
// when the lifter asked for them: a line per load of a barbell lift, on the
// nearest load the plates make (below when between two). "" when none.
func advicePlates(v engine.Verdict, u User) string {
	n := v.Next
	if !u.Kit.Show || n == nil || n.Bodyweight || !isBarbell(v.Lift) {
		return ""
	}
	k, unit, err := kitOf(u)
	if err != nil {
		return ""
	}
	loads := []float64{n.Load}
	if n.Backoff != nil && n.Backoff.Load != n.Load {
		loads = append(loads, n.Backoff.Load)
	}
	var t strings.Builder
	for _, v := range loads {
		asked := engine.NewLoad(v, u.Units)
		load := asked.In(unit)
		if v <= 0 || load.Milli < k.Bar {
			continue
		}
		near := k.Make(load.Milli).Nearest()
		fmt.Fprintf(&t, "\nPlates for %s", asked)
		if near.Total != load.Milli || asked.Unit != unit {
			fmt.Fprintf(&t, " (nearest your plates make: %s %s)", plates.Format(near.Total), unit)
		}
		fmt.Fprintf(&t, ": %s.", sides(*near, k, unit))
	}
	return t.String()
}
