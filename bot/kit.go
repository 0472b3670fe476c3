package bot

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/bot/plates"
	"github.com/spotterbot/spotter/engine"
)

// Kit is the lifter's bar and plates as stored on the user row. Its zero
// value is the defaults of the user's unit, which follow /settings units;
// a bar or plates the lifter set stay in the unit they were set in (the
// plates in the gym do not change when the display unit does).
type Kit struct {
	Unit   engine.Unit // the unit of Bar and Plates; "" while both are defaults
	Bar    int64       // thousandths of Unit; 0 = the default bar
	Plates string      // "25 20 10x2" (x2: two pairs); "" = the default plates
	Show   bool        // /advice LIFT shows the plates of its barbell loads
}

// The default bar and plates of each unit.
var defaultKits = map[engine.Unit]struct {
	bar    int64
	plates string
}{
	engine.Kg: {20000, "25 20 15 10 5 2.5 1.25"},
	engine.Lb: {45000, "45 35 25 10 5 2.5"},
}

// kitOf is u's bar and plates, checked, and the unit they are in.
func kitOf(u User) (plates.Kit, engine.Unit, error) {
	unit := u.Kit.Unit
	if unit == "" {
		unit = u.Units
	}
	if unit != engine.Lb {
		unit = engine.Kg
	}
	def := defaultKits[unit]
	k := plates.Kit{Bar: u.Kit.Bar}
	if k.Bar == 0 {
		k.Bar = def.bar
	}
	list := u.Kit.Plates
	if list == "" {
		list = def.plates
	}
	ps, err := parsePlates(strings.Fields(list), unit)
	if err != nil {
		return k, unit, err
	}
	k.Plates = ps
	return k, unit, k.Check()
}

const platesExample = "/settings plates 25 20 15 10 5 2.5 1.25"

// parsePlates reads a plate list in unit u: each word a weight, or
// WEIGHTxN for N pairs owned ("20x4": four pairs); a weight alone is as
// many as needed.
func parsePlates(words []string, u engine.Unit) ([]plates.Plate, error) {
	if len(words) == 0 {
		return nil, badToken("plates", "list your plates, heaviest first.", platesExample)
	}
	if len(words) > plates.MaxPlates {
		return nil, badToken(strings.Join(words, " "), fmt.Sprintf("at most %d kinds of plate.", plates.MaxPlates), platesExample)
	}
	var out []plates.Plate
	for _, w := range words {
		num, count, hasCount := strings.Cut(strings.ToLower(w), "x")
		v, err := limits.Number(num)
		if err == nil {
			err = limits.Plate(v, u)
		}
		if err != nil {
			return nil, badToken(w, fmt.Sprintf("a plate is a weight in %s (%s), or WEIGHTxPAIRS like 20x4.", u, err), platesExample)
		}
		p := plates.Plate{Milli: engine.NewLoad(v, u).Milli}
		if hasCount {
			n, err := strconv.Atoi(count)
			if err != nil || n < 1 || n > plates.MaxPairs {
				return nil, badToken(w, fmt.Sprintf("the pairs owned are a whole number from 1 to %d.", plates.MaxPairs), "/settings plates 20x4 10x2 5 2.5")
			}
			p.Pairs = n
		}
		for _, q := range out {
			if q.Milli == p.Milli {
				return nil, badToken(w, "that plate is listed twice.", platesExample)
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// showPlates prints a plate list heaviest first: "25 20 10x2".
func showPlates(ps []plates.Plate) string {
	var words []string
	for _, p := range sortedPlates(ps) {
		w := plates.Format(p.Milli)
		if p.Pairs > 0 {
			w += "x" + strconv.Itoa(p.Pairs)
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

func sortedPlates(ps []plates.Plate) []plates.Plate {
	out := slices.Clone(ps)
	slices.SortFunc(out, func(a, b plates.Plate) int { return cmp.Compare(b.Milli, a.Milli) })
	return out
}

const barExample = "/settings bar 15"

// settingsKit is /settings bar and /settings plates: it changes u.Kit and
// says what changed.
func settingsKit(u *User, key string, vals []string) (string, error) {
	k := u.Kit
	// A bar or plates set in another unit than the other one's: that other
	// one goes back to the new unit's default.
	into := func(nu engine.Unit, barSet bool) {
		if k.Unit != "" && k.Unit != nu {
			if barSet {
				k.Plates = ""
			} else {
				k.Bar = 0
			}
		}
		k.Unit = nu
	}
	var changed string
	switch {
	case key == "bar" && len(vals) == 1 && strings.EqualFold(vals[0], "default"):
		k.Bar = 0
		changed = "bar back to the default"
	case key == "bar":
		if len(vals) != 1 {
			return "", badToken(strings.Join(append([]string{key}, vals...), " "), "bar takes one weight.", barExample)
		}
		v, nu := strings.ToLower(vals[0]), u.Units
		for _, suf := range []string{"kg", "lbs", "lb"} {
			if strings.HasSuffix(v, suf) {
				nu, v = parseUnit(suf, u.Units), strings.TrimSuffix(v, suf)
				break
			}
		}
		f, err := limits.Number(strings.TrimPrefix(v, "-"))
		switch {
		case err != nil:
		case strings.HasPrefix(v, "-"):
			err = fmt.Errorf("not more than zero")
		default:
			err = limits.Bar(f, nu)
		}
		if err != nil {
			return "", badToken(vals[0], "the bar is a weight in your unit ("+err.Error()+").", barExample)
		}
		into(nu, true)
		k.Bar = engine.NewLoad(f, nu).Milli
		changed = "bar " + engine.NewLoad(f, nu).String()
	case len(vals) == 2 && strings.EqualFold(vals[0], "show"):
		switch strings.ToLower(vals[1]) {
		case "on":
			k.Show = true
			changed = "plates shown in /advice LIFT for barbell lifts"
		case "off":
			k.Show = false
			changed = "plates not shown in /advice"
		default:
			return "", badToken(vals[1], "plates show is on or off.", "/settings plates show on")
		}
	case len(vals) == 1 && strings.EqualFold(vals[0], "default"):
		k.Plates = ""
		changed = "plates back to the default"
	case len(vals) > 0 && strings.EqualFold(vals[0], "show"):
		return "", badToken(strings.Join(vals, " "), "plates show is on or off.", "/settings plates show on")
	default:
		ps, err := parsePlates(vals, u.Units)
		if err != nil {
			return "", err
		}
		into(u.Units, false)
		k.Plates = showPlates(ps)
		changed = "plates " + k.Plates + " " + string(u.Units)
	}
	if k.Bar == 0 && k.Plates == "" {
		k.Unit = ""
	}
	next := *u
	next.Kit = k
	if _, _, err := kitOf(next); err != nil {
		return "", badToken(strings.Join(vals, " "), "those plates do not make a set: "+err.Error()+".", platesExample)
	}
	u.Kit = k
	return changed, nil
}

// kitLine is the plates line of /settings, "" while all is default.
func kitLine(u User) string {
	if u.Kit == (Kit{}) {
		return ""
	}
	k, unit, err := kitOf(u)
	if err != nil {
		return "- plates: not readable (" + err.Error() + "); /settings plates default resets them\n"
	}
	show := "off"
	if u.Kit.Show {
		show = "on"
	}
	return fmt.Sprintf("- bar and plates: bar %s %s; plates %s %s; shown in /advice: %s\n", plates.Format(k.Bar), unit, showPlates(k.Plates), unit, show)
}
