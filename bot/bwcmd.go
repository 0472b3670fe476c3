package bot

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// /bw: the lifter's body weight, one a day (the day's last wins), and its
// trend. With it a bodyweight set (pull-ups bw+10x5) scores its total load.

// EntryBodyWeight is a weigh-in typed with /bw; /undo removes it and the
// day's weight before it is the day's again.
const EntryBodyWeight EntryKind = "bw"

const bwExample = "/bw 82.5"

var reBodyWeight = regexp.MustCompile(`^(\d+(?:\.\d+)?)(kg|kgs|lb|lbs)?$`)

// readBodyWeight reads a body weight from the first tokens of toks
// ("82.5", "82.5kg", "180 lb"), in def when no unit is given, and returns
// how many tokens it took.
func readBodyWeight(toks []string, def engine.Unit, example string) (engine.Load, int, error) {
	if len(toks) == 0 {
		return engine.Load{}, 0, &InputError{Problem: "Give your body weight, like 82.5 or 180lb.", Example: example}
	}
	t := toks[0]
	if strings.Contains(t, ",") {
		return engine.Load{}, 0, badToken(t, "decimals take a dot: "+strings.Replace(t, ",", ".", 1)+".", example)
	}
	m := reBodyWeight.FindStringSubmatch(t)
	if m == nil {
		return engine.Load{}, 0, badToken(t, "a body weight is a number with an optional unit, like 82.5, 82.5kg or 180lb.", example)
	}
	used := 1
	unit := m[2]
	if unit == "" && len(toks) > 1 {
		if u := toks[1]; u == "kg" || u == "kgs" || u == "lb" || u == "lbs" {
			unit, used = u, 2
		}
	}
	if unit == "kgs" {
		unit = "kg"
	}
	u := parseUnit(unit, def)
	v, err := strconv.ParseFloat(m[1], 64)
	if err == nil {
		err = limits.BodyWeight(v, u)
	}
	if err != nil {
		return engine.Load{}, 0, badToken(t, fmt.Sprintf("%s %s is %s; a body weight is %d to %d kg (%d to %d lb).",
			m[1], u, err, limits.MinBodyKg, limits.MaxBodyKg, lbOf(limits.MinBodyKg), lbOf(limits.MaxBodyKg)), example)
	}
	return engine.NewLoad(v, u), used, nil
}

func lbOf(kg float64) int { return int(kg/engine.KgPerLb + 0.5) }

func (b *Bot) bodyWeight(r *request) (Reply, error) {
	toks := strings.Fields(strings.ToLower(r.args))
	if len(toks) == 0 {
		return b.bodyTrend(r, 10)
	}
	i, word := 0, ""
	if t := toks[0]; t == "today" || t == "yesterday" || reDate.MatchString(t) {
		word, i = t, 1
	} else if t == "tomorrow" {
		return Reply{}, badToken(t, "future days can't be logged.", bwExample)
	}
	w, used, err := readBodyWeight(toks[i:], r.user.Units, bwExample)
	if err != nil {
		return Reply{}, err
	}
	if rest := toks[i+used:]; len(rest) > 0 {
		return Reply{}, badToken(rest[0], "/bw takes a day (optional) and one weight, nothing after it.", "/bw yesterday 82.1")
	}
	day, err := resolveDate(word, r.today, "/bw yesterday 82.1")
	if err != nil {
		return Reply{}, err
	}
	text, id, err := storeBodyWeight(r, day, w, 0)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: text, Buttons: [][]Button{{{Label: "Undo", Data: "/undo " + strconv.FormatInt(id, 10)}}}}, nil
}

// storeBodyWeight stores a weigh-in under entryID, or under an entry of its
// own when entryID is 0, and says what it stored.
func storeBodyWeight(r *request, day engine.Date, w engine.Load, entryID int64) (string, int64, error) {
	before, err := r.tx.BodyWeights(r.user.ID, day)
	if err != nil {
		return "", 0, fmt.Errorf("body weights: %w", err)
	}
	var prev *engine.BodyWeight
	for k := len(before) - 1; k >= 0; k-- {
		if before[k].Date <= day {
			prev = &before[k]
			break
		}
	}
	if entryID == 0 {
		summary := fmt.Sprintf("your body weight %s for %s", w, day)
		if entryID, err = r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryBodyWeight, Date: day, Summary: summary, Created: r.msg.ReceivedAt}); err != nil {
			return "", 0, fmt.Errorf("add entry: %w", err)
		}
	}
	if err := r.tx.AddBodyWeight(r.user.ID, entryID, engine.BodyWeight{Date: day, Weight: w}); err != nil {
		return "", 0, err
	}
	var t strings.Builder
	switch {
	case prev != nil && prev.Date == day:
		fmt.Fprintf(&t, "Updated your body weight for %s: %s (was %s).", day, w, prev.Weight)
	case prev != nil:
		fmt.Fprintf(&t, "Body weight %s saved for %s (%s since %s).", w, day, signedWeight(w.Kg()-prev.Weight.Kg(), r.user.Units), prev.Date)
	default:
		fmt.Fprintf(&t, "Body weight %s saved for %s.", w, day)
	}
	if len(before) == 0 { // the lifter's first weigh-in
		t.WriteString("\nBodyweight sets (pull-ups, dips) now count it in their e1RM: body weight plus the added load.")
	}
	return t.String(), entryID, nil
}

// signedWeight writes a change of kg in unit u to a tenth: "+0.4 kg",
// "-1.1 lb", "±0 kg".
func signedWeight(kg float64, u engine.Unit) string {
	u = unitOr(u)
	v := kg
	if u == engine.Lb {
		v = kg / engine.KgPerLb
	}
	v = math.Copysign(roundTenth(math.Abs(v)), v)
	if v == 0 {
		return "±0 " + string(u)
	}
	return fmt.Sprintf("%+.1f %s", v, u)
}

func unitOr(u engine.Unit) engine.Unit {
	if u == engine.Lb {
		return engine.Lb
	}
	return engine.Kg
}

// showWeight writes kg in unit u to a tenth: "82.4 kg".
func showWeight(kg float64, u engine.Unit) string {
	if u == engine.Lb {
		return engine.FormatNumber(roundTenth(kg/engine.KgPerLb)) + " lb"
	}
	return engine.FormatNumber(roundTenth(kg)) + " kg"
}

// bodyTrend answers /history bw [N] (and /bw alone): the latest weight,
// the 7- and 30-day averages and change, and the last n weigh-ins.
func (b *Bot) bodyTrend(r *request, n int) (Reply, error) {
	bws, err := r.tx.BodyWeights(r.user.ID, allTime)
	if err != nil {
		return Reply{}, fmt.Errorf("body weights: %w", err)
	}
	if len(bws) == 0 {
		return Reply{Text: "No body weight logged yet. Log it with /bw 82.5 (or /checkin bw 82.5); bodyweight lifts then count it in their e1RM."}, nil
	}
	u := r.user.Units
	last := bws[len(bws)-1]
	var t strings.Builder
	fmt.Fprintf(&t, "Body weight: %s on %s.", last.Weight, last.Date)
	for _, days := range []int{7, 30} {
		var in []engine.BodyWeight
		for _, w := range bws {
			if w.Date > r.today.AddDays(-days) && w.Date <= r.today {
				in = append(in, w)
			}
		}
		if len(in) == 0 {
			fmt.Fprintf(&t, "\n%d days: no weigh-in.", days)
			continue
		}
		sum := 0.0
		for _, w := range in {
			sum += w.Weight.Kg()
		}
		fmt.Fprintf(&t, "\n%d days: average %s (%s)", days, showWeight(sum/float64(len(in)), u), plural(len(in), "weigh-in", "weigh-ins"))
		if len(in) > 1 {
			fmt.Fprintf(&t, ", %s since %s", signedWeight(in[len(in)-1].Weight.Kg()-in[0].Weight.Kg(), u), in[0].Date)
		}
		t.WriteString(".")
	}
	if n > len(bws) {
		n = len(bws)
	}
	fmt.Fprintf(&t, "\nLast %d:", n)
	for k := len(bws) - 1; k >= len(bws)-n; k-- {
		fmt.Fprintf(&t, "\n%s %s", bws[k].Date, bws[k].Weight)
	}
	return Reply{Text: t.String()}, nil
}
