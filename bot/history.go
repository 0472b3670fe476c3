package bot

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// history answers /history: the last sessions, a line each.
func (b *Bot) history(r *request) (Reply, error) {
	words := strings.Fields(r.args)
	n := 10
	if k := len(words); k > 0 {
		var v int
		if _, err := fmt.Sscanf(words[k-1], "%d", &v); err == nil && fmt.Sprint(v) == words[k-1] {
			if v < 1 || v > 100 {
				return Reply{}, badToken(words[k-1], "show 1 to 100 sessions.", "/history squat 5")
			}
			n = v
			words = words[:k-1]
		}
	}
	if isBodyWord(strings.Join(words, " ")) {
		return b.bodyTrend(r, n)
	}
	lift := ""
	if len(words) > 0 {
		var err error
		if lift, err = resolveLift(r, strings.Join(words, " ")); err != nil {
			return Reply{}, err
		}
	}
	days, err := r.tx.SessionDays(r.user.ID, lift, n)
	if err != nil {
		return Reply{}, fmt.Errorf("session days: %w", err)
	}
	if len(days) == 0 {
		if lift != "" {
			return Reply{Text: fmt.Sprintf("No %s sessions yet.", lift)}, nil
		}
		return Reply{Text: "Nothing logged yet. Try /log squat 100x5 rir2"}, nil
	}
	sets, err := r.tx.SetsOn(r.user.ID, lift, days)
	if err != nil {
		return Reply{}, fmt.Errorf("sets: %w", err)
	}
	var bws []engine.BodyWeight // read only for bodyweight sets, which score with it
	if slices.ContainsFunc(sets, func(s engine.Set) bool { return s.Bodyweight }) {
		if bws, err = r.tx.BodyWeights(r.user.ID, allTime); err != nil {
			return Reply{}, fmt.Errorf("body weights: %w", err)
		}
	}
	type key struct {
		d    engine.Date
		lift string
	}
	var order []key
	by := map[key][]engine.Set{}
	for _, s := range sets {
		k := key{s.Date, s.Lift}
		if _, ok := by[k]; !ok {
			order = append(order, k)
		}
		by[k] = append(by[k], s)
	}
	refs, err := r.tx.Pieces(r.user.ID, lift, days)
	if err != nil {
		return Reply{}, fmt.Errorf("pieces: %w", err)
	}
	handles := map[key][]string{}
	for _, p := range refs {
		k := key{p.Date, p.Lift}
		handles[k] = append(handles[k], handleText(p.Handle))
	}
	var lines []string
	title := "Your last sessions"
	if lift != "" {
		title = "Your last " + lift + " sessions"
	}
	lines = append(lines, title+":")
	if len(order) > n {
		order = order[:n] // N sessions (a lift on a day), not N days of every lift
	}
	notes, err := notesOf(r.tx, r.user.ID, days)
	if err != nil {
		return Reply{}, err
	}
	shown := map[engine.Date]bool{}
	for _, k := range order {
		var best float64
		for _, s := range by[k] {
			if e, _ := engine.SetE1RMAt(s, engine.BodyWeightOn(bws, s.Date)); e > best {
				best = e
			}
		}
		line := fmt.Sprintf("%s %s: %s", k.d, k.lift, shortSets(by[k], r.user.Units))
		if best > 0 {
			line += ", e1RM " + showE1RM(best, r.user.Units)
		}
		if hs := handles[k]; len(hs) > 0 {
			line += " " + strings.Join(hs, " ")
		}
		lines = append(lines, line)
		// The day's own notes go under its first session shown.
		for _, l := range []string{k.lift, ""} {
			if l == "" && shown[k.d] {
				continue
			}
			for _, n := range notes[k.d][l] {
				lines = append(lines, "  “"+shortNote(n)+"”")
			}
		}
		shown[k.d] = true
	}
	lines = append(lines, "/edit #HANDLE SETS or /delete #HANDLE changes one.")
	return Reply{Text: strings.Join(lines, "\n")}, nil
}

// isBodyWord reports whether /history or /chart was asked for body weight
// rather than a lift.
func isBodyWord(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bw", "bodyweight", "body weight", "body-weight":
		return true
	}
	return false
}
