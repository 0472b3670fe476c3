package bot

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

var rePollTime = regexp.MustCompile(`^([01]?\d|2[0-3]):([0-5]\d)$`)

func (b *Bot) start(r *request) (Reply, error) {
	name := r.msg.Identity.Name
	if name == "" {
		name = "there"
	}
	first := !r.user.Started
	r.user.Started = true
	if err := r.tx.SaveUser(r.user); err != nil {
		return Reply{}, fmt.Errorf("save user: %w", err)
	}
	var t strings.Builder
	if first {
		fmt.Fprintf(&t, "Hi %s, I'm Spotter. Log your sets, check in each morning, and I'll tell you per lift whether to PUSH, HOLD or DELOAD, with your own numbers as the reason.\n\n", name)
	} else {
		fmt.Fprintf(&t, "Welcome back, %s.\n\n", name)
	}
	t.WriteString("Three settings matter:\n")
	fmt.Fprintf(&t, "- units: %s (/settings units lb)\n", r.user.Units)
	fmt.Fprintf(&t, "- level: %s (/settings level beginner|intermediate|advanced)\n", r.user.Level)
	fmt.Fprintf(&t, "- time zone: %s (/settings tz Europe/Berlin)\n", r.user.TZ)
	var buttons [][]Button
	if r.user.PollTime == "" {
		// The daily check-in is asked for here (issue: scheduler), one tap away.
		t.WriteString("A daily check-in reminder, in your time zone? Tap a time, or /settings poll HH:MM\n")
		var row []Button
		for _, at := range []string{"06:30", "07:30", "08:30"} {
			row = append(row, Button{Label: at, Data: "/settings poll " + at})
		}
		buttons = append(buttons, row)
	}
	t.WriteString("\nStart with: /log squat 100x5 rir2\nAll commands: /help")
	return Reply{Text: t.String(), Buttons: buttons}, nil
}

func (b *Bot) notACommand(r *request) (Reply, error) {
	return Reply{}, &InputError{Problem: "I read commands that start with /. Send /help for the list.", Example: logExample}
}

func (b *Bot) unknownCommand(name string) handler {
	return func(r *request) (Reply, error) {
		return Reply{}, badToken("/"+name, "I don't know that command. Send /help for the list.", logExample)
	}
}

func (b *Bot) help(r *request) (Reply, error) {
	want := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(r.args)), "/")
	var t strings.Builder
	if want != "" {
		for _, c := range b.commands() {
			if c.name == want {
				usage, help := c.usage, c.help
				if u, h := byPath(c.name); r.msg.FilesByPath && u != "" {
					usage, help = u, h
				}
				fmt.Fprintf(&t, "%s\n%s.\nExamples:\n%s", usage, c.short, help)
				return Reply{Text: t.String()}, nil
			}
		}
		return Reply{}, badToken(want, "no such command. Send /help for the list.", "/help log")
	}
	t.WriteString("Spotter commands:\n")
	for _, c := range b.commands() {
		fmt.Fprintf(&t, "/%s - %s\n", c.name, c.short)
	}
	t.WriteString("Details and examples: /help COMMAND, e.g. /help log")
	return Reply{Text: t.String()}, nil
}

// CommandMenu lists every command with its one-line description, for
// platform command menus (Telegram's setMyCommands, Discord registration).
func (b *Bot) CommandMenu() [][2]string {
	var out [][2]string
	for _, c := range b.commands() {
		out = append(out, [2]string{c.name, c.short})
	}
	return out
}

const settingsExample = "/settings units kg"

func (b *Bot) settings(r *request) (Reply, error) {
	words := strings.Fields(strings.TrimSpace(r.args))
	if len(words) == 0 {
		ranges, err := r.tx.Ranges(r.user.ID)
		if err != nil {
			return Reply{}, fmt.Errorf("rep ranges: %w", err)
		}
		return Reply{Text: showSettings(r.user, ranges)}, nil
	}
	u := &r.user
	key := strings.ToLower(words[0])
	vals := words[1:]
	need := func(n int, ex string) error {
		if len(vals) != n {
			return badToken(strings.Join(words, " "), fmt.Sprintf("%s takes %d value(s).", key, n), ex)
		}
		return nil
	}
	var changed string
	switch key {
	case "units", "unit":
		if err := need(1, "/settings units lb"); err != nil {
			return Reply{}, err
		}
		nu := parseUnit(strings.ToLower(vals[0]), "")
		if nu == "" {
			return Reply{}, badToken(vals[0], "units are kg or lb.", "/settings units lb")
		}
		// A default increment follows the unit; a chosen one is converted.
		if u.Increment == engine.NewLoad(2.5, engine.Kg) && nu == engine.Lb {
			u.Increment = engine.NewLoad(5, engine.Lb)
		} else if u.Increment == engine.NewLoad(5, engine.Lb) && nu == engine.Kg {
			u.Increment = engine.NewLoad(2.5, engine.Kg)
		} else if u.Increment.Unit != nu {
			u.Increment = u.Increment.In(nu)
		}
		u.Units = nu
		changed = "units " + string(nu)
	case "level":
		if err := need(1, "/settings level advanced"); err != nil {
			return Reply{}, err
		}
		lv := engine.Level(strings.ToLower(vals[0]))
		if lv != engine.Beginner && lv != engine.Intermediate && lv != engine.Advanced {
			return Reply{}, badToken(vals[0], "level is beginner, intermediate or advanced.", "/settings level advanced")
		}
		u.Level = lv
		changed = "level " + string(lv)
	case "tz", "timezone":
		if err := need(1, "/settings tz Europe/Berlin"); err != nil {
			return Reply{}, err
		}
		loc, err := loadZone(vals[0])
		if err != nil || vals[0] == "" || strings.EqualFold(vals[0], "local") {
			return Reply{}, badToken(vals[0], "use an IANA time zone name.", "/settings tz America/New_York")
		}
		u.TZ = loc.String()
		changed = "time zone " + u.TZ
	case "poll":
		if err := need(1, "/settings poll 07:30"); err != nil {
			return Reply{}, err
		}
		v := strings.ToLower(vals[0])
		if v == "off" {
			u.PollTime = ""
			changed = "daily check-in poll off"
		} else {
			m := rePollTime.FindStringSubmatch(v)
			if m == nil {
				return Reply{}, badToken(vals[0], "poll time is HH:MM in 24 hours, or off.", "/settings poll 07:30")
			}
			h, _ := strconv.Atoi(m[1])
			u.PollTime = fmt.Sprintf("%02d:%s", h, m[2])
			changed = fmt.Sprintf("daily check-in poll at %s (%s)", u.PollTime, u.TZ)
		}
	case "deload":
		if len(vals) == 2 && strings.ToLower(vals[0]) == "every" {
			v := strings.TrimSuffix(strings.ToLower(vals[1]), "w")
			v = strings.TrimSuffix(v, "weeks")
			n, err := strconv.Atoi(v)
			if err != nil || n < 3 || n > 12 {
				return Reply{}, badToken(vals[1], "a planned deload comes every 3 to 12 weeks.", "/settings deload every 6w")
			}
			u.DeloadEvery = n
			changed = fmt.Sprintf("planned deload every %d weeks", n)
		} else if len(vals) == 2 && strings.ToLower(vals[0]) == "style" {
			st := engine.DeloadStyle(strings.ToLower(vals[1]))
			if st != engine.DeloadStandard && st != engine.DeloadVolume && st != engine.DeloadIntensity {
				return Reply{}, badToken(vals[1], "deload style is standard, volume or intensity.", "/settings deload style volume")
			}
			u.DeloadStyle = st
			changed = "deload style " + string(st)
		} else if len(vals) == 2 && strings.ToLower(vals[0]) == "default" || len(vals) == 1 && strings.ToLower(vals[0]) == "default" {
			u.DeloadEvery = 0
			changed = "planned deload interval back to your level's default"
		} else {
			return Reply{}, badToken(strings.Join(words, " "), "say deload every N w, or deload style standard|volume|intensity.", "/settings deload every 6w")
		}
	case "increment":
		if err := need(1, "/settings increment 1.25"); err != nil {
			return Reply{}, err
		}
		v := strings.ToLower(vals[0])
		unit := u.Units
		for _, suf := range []string{"kg", "lbs", "lb"} {
			if strings.HasSuffix(v, suf) {
				unit = parseUnit(suf, u.Units)
				v = strings.TrimSuffix(v, suf)
				break
			}
		}
		f, err := limits.Number(v)
		if err == nil {
			err = limits.Increment(f)
		}
		if err != nil {
			return Reply{}, badToken(vals[0], "the increment is a plain number from 0.1 to 25 ("+err.Error()+").", "/settings increment 1.25")
		}
		u.Increment = engine.NewLoad(f, unit).In(u.Units)
		changed = "load increment " + u.Increment.String()
	case "range", "ranges":
		return b.settingsRange(r, vals) // its own reply: bot/ranges.go
	case "timer":
		return b.settingsTimer(r, vals) // its own reply: bot/rest.go
	case "bar", "plates", "plate":
		var err error
		if changed, err = settingsKit(u, strings.TrimSuffix(key, "s"), vals); err != nil { // bot/kit.go
			return Reply{}, err
		}
	default:
		return Reply{}, badToken(words[0], "settings are units, level, tz, poll, deload, increment, range, bar and plates.", settingsExample)
	}
	if err := r.tx.SaveUser(*u); err != nil {
		return Reply{}, fmt.Errorf("save settings: %w", err)
	}
	if (key == "poll" || key == "tz" || key == "timezone") && b.sched != nil {
		saved, via := *u, r.msg.Identity
		r.after = append(r.after, func(ctx context.Context) error { return b.sched.Reschedule(ctx, saved, via) })
	}
	ranges, err := r.tx.Ranges(u.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("rep ranges: %w", err)
	}
	return Reply{Text: "Set " + changed + ".\n\n" + showSettings(*u, ranges)}, nil
}

func showSettings(u User, ranges map[string]engine.RepRange) string {
	poll := "off"
	if u.PollTime != "" {
		poll = u.PollTime
	}
	every := "your level's default"
	switch {
	case u.DeloadEvery > 0:
		every = fmt.Sprintf("every %d weeks", u.DeloadEvery)
	case u.Level == engine.Beginner:
		every = "none planned (beginner: reactive only)"
	case u.Level == engine.Advanced:
		every = "every 5 weeks (advanced default)"
	default:
		every = "every 6 weeks (intermediate default)"
	}
	return fmt.Sprintf("Your settings:\n- units: %s\n- level: %s\n- time zone: %s\n- daily check-in poll: %s\n- planned deload: %s\n- deload style: %s\n- load increment: %s\n%s%sChange one with /settings NAME VALUE, e.g. /settings units lb",
		u.Units, u.Level, u.TZ, poll, every, u.DeloadStyle, u.Increment, rangesLine(ranges), kitLine(u))
}

// loadZone finds an IANA zone whatever the case it was typed in:
// "europe/berlin" is Europe/Berlin, "america/new_york" America/New_York.
func loadZone(name string) (*time.Location, error) {
	if loc, err := time.LoadLocation(name); err == nil {
		return loc, nil
	}
	if loc, err := time.LoadLocation(strings.ToUpper(name)); err == nil { // UTC, EST5EDT
		return loc, nil
	}
	parts := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '/' })
	for i, p := range parts {
		words := strings.Split(p, "_")
		for j, w := range words {
			sub := strings.Split(w, "-")
			for k, x := range sub {
				if x != "" && !(k > 0 && (x == "de" || x == "la")) { // Port-au-Prince, Dumont d'Urville stay as spelled
					sub[k] = strings.ToUpper(x[:1]) + x[1:]
				}
			}
			words[j] = strings.Join(sub, "-")
		}
		parts[i] = strings.Join(words, "_")
	}
	return time.LoadLocation(strings.Join(parts, "/"))
}
