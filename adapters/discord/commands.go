package discord

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/spotterbot/spotter/bot"
)

// Slash commands mirror chat-grammar.md: each one's options are the grammar's
// fields, and commandText writes them back as the text command the bot reads,
// so Discord and Telegram run the same parser.

// dmAllowed says where a global command shows: in servers, and in the bot's
// DMs when true. discordgo v0.28 has only dm_permission (no "contexts"); for
// a server-installed app both say the same thing.
func dmAllowed(ok bool) *bool { return &ok }

func str(name, desc string, required bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required}
}

func choices(name, desc string, vals ...string) *discordgo.ApplicationCommandOption {
	o := str(name, desc, false)
	for _, v := range vals {
		o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: v, Value: v})
	}
	return o
}

func liftOption(required bool) *discordgo.ApplicationCommandOption {
	o := str("lift", "The lift, e.g. squat, bench, paused squat", required)
	o.Autocomplete = true
	return o
}

func number(t discordgo.ApplicationCommandOptionType, name, desc string, lo, hi float64) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: t, Name: name, Description: desc, MinValue: &lo, MaxValue: hi}
}

// settingNames are the /settings the bot takes, in its /help order.
var settingNames = []string{"units", "level", "tz", "poll", "deload", "increment", "range", "bar", "plates", "timer"}

// checkinFields are the /checkin options in grammar order: the bot's word
// fields, then the numbers.
var checkinFields = append(wordFields(),
	number(discordgo.ApplicationCommandOptionInteger, "rhr", "Resting heart rate, bpm", 25, 150),
	number(discordgo.ApplicationCommandOptionNumber, "hrv", "Heart rate variability, ms", 1, 500),
	number(discordgo.ApplicationCommandOptionNumber, "slept", "Hours slept", 0.5, 24),
)

// wordFields are the bot's check-in questions as choice options.
func wordFields() []*discordgo.ApplicationCommandOption {
	var out []*discordgo.ApplicationCommandOption
	for _, q := range bot.CheckinQuestions() {
		out = append(out, choices(q.Field, q.Question, q.Answers...))
	}
	return out
}

// Commands returns the slash commands for a bot whose menu is menu (name,
// one-line description). Commands without options of their own (added to the
// bot later) get one free-text option, so every bot command is reachable.
func Commands(menu [][2]string) []*discordgo.ApplicationCommand {
	desc := map[string]string{}
	var names []string
	for _, m := range menu {
		desc[m[0]] = m[1]
		names = append(names, m[0])
	}
	options := map[string][]*discordgo.ApplicationCommandOption{
		"log": {
			liftOption(true),
			str("sets", "100x5, 100x5x3 (load x reps x sets), 3x5@100, w60x5 for a warm-up", true),
			str("effort", "rir2, rpe8 or @8", false),
			str("date", "today, yesterday or YYYY-MM-DD", false),
			str("rest", "90s, 2m or 2:30", false),
			str("tags", "#travel #sleep #shortrest #newsetup #sick #rushed #pain, or any #note", false),
			str("note", "A note on the session, e.g. felt fast, belt (up to 500 characters)", false),
		},
		"checkin": append([]*discordgo.ApplicationCommandOption{str("date", "today, yesterday or YYYY-MM-DD", false)},
			append(append([]*discordgo.ApplicationCommandOption{}, checkinFields...), str("tags", "#travel #sleep #sick ...", false))...),
		"advice":  {liftOption(false)},
		"history": {liftOption(false), number(discordgo.ApplicationCommandOptionInteger, "sessions", "How many sessions (default 10)", 1, 100)},
		"deload": {func() *discordgo.ApplicationCommandOption {
			o := choices("action", "now: start one, done: end it early, skip: skip a planned one", "now", "done", "skip")
			o.Required = true
			return o
		}()},
		"settings": {
			choices("name", "The setting to change (none: show all)", settingNames...),
			str("value", "kg, advanced, Europe/Berlin, 07:30, every 6w, 1.25, squat 3-5, 20, 25 20 15 10 5, on ...", false),
		},
		// Discord allows 25 choices and the bot has more commands: the
		// command names come by autocomplete instead.
		"help": {func() *discordgo.ApplicationCommandOption {
			o := str("command", "A command to explain, e.g. log", false)
			o.Autocomplete = true
			return o
		}()},
		"import": {
			{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "Your Strong, Hevy or Spotter CSV export", Required: true},
			choices("unit", "The unit of a file that does not say its own", "kg", "lb"),
		},
		"link": {str("code", "The code /link gave you on your other platform (none: get a code)", false)},
		"team": {
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "setup", Description: "Make this server a team with a daily check-in post (Manage Server)",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "Where the daily post goes", Required: true,
						ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText}},
					str("time", "Post time, HH:MM, e.g. 07:30", true),
					str("tz", "Time zone, e.g. Europe/Berlin", true),
				}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "join", Description: "Share your readiness and deload status with the coaches"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "leave", Description: "Stop sharing with the coaches"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "status", Description: "Each sharing member's readiness today (coaches)"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "coach-role", Description: "Members with this role are coaches (Manage Server)",
				Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionRole, Name: "role", Description: "The coach role", Required: true}}},
		},
	}
	noOptions := map[string]bool{"undo": true, "plan": true, "start": true, "lifts": true}
	var out []*discordgo.ApplicationCommand
	for _, n := range names {
		d := desc[n]
		if len(d) > 100 {
			d = d[:100]
		}
		c := &discordgo.ApplicationCommand{Type: discordgo.ChatApplicationCommand, Name: n, Description: d, DMPermission: dmAllowed(true)}
		switch {
		case n == "team":
			c.DMPermission = dmAllowed(false)
			c.Options = options[n]
		case options[n] != nil:
			c.Options = options[n]
		case noOptions[n]:
			c.Options = []*discordgo.ApplicationCommandOption{}
		default:
			c.Options = []*discordgo.ApplicationCommandOption{str("text", "What follows the command, as in /help "+n, false)}
		}
		out = append(out, c)
	}
	return out
}

// optionValue writes an option's value as grammar text.
func optionValue(o *discordgo.ApplicationCommandInteractionDataOption) string {
	switch v := o.Value.(type) {
	case string:
		switch o.Type {
		case discordgo.ApplicationCommandOptionChannel:
			return "<#" + v + ">"
		case discordgo.ApplicationCommandOptionRole:
			return "<@&" + v + ">"
		}
		return strings.Join(strings.Fields(v), " ") // one line: the grammar splits on spaces
	case float64:
		if o.Type == discordgo.ApplicationCommandOptionInteger {
			return strconv.FormatInt(int64(v), 10)
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(o.Value)
}

func options(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]string {
	m := map[string]string{}
	for _, o := range opts {
		if o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
			continue
		}
		m[o.Name] = optionValue(o)
	}
	return m
}

// tags turns "travel #sleep" into "#travel #sleep".
func tags(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if !strings.HasPrefix(w, "#") {
			w = "#" + w
		}
		out = append(out, w)
	}
	return out
}

// commandText builds the bot's text command from a slash command's options.
func commandText(d discordgo.ApplicationCommandInteractionData) string {
	o := options(d.Options)
	w := []string{"/" + d.Name}
	add := func(vals ...string) {
		for _, v := range vals {
			if v != "" {
				w = append(w, v)
			}
		}
	}
	switch d.Name {
	case "log":
		add(o["date"], o["lift"], o["sets"], o["effort"])
		if o["rest"] != "" {
			add("rest", o["rest"])
		}
		add(tags(o["tags"])...)
		if o["note"] != "" {
			add("\"" + o["note"] + "\"") // /log reads a note in quotes
		}
	case "checkin":
		add(o["date"])
		for _, f := range checkinFields {
			if v := o[f.Name]; v != "" {
				add(f.Name, v)
			}
		}
		add(tags(o["tags"])...)
	case "advice":
		add(o["lift"])
	case "history":
		add(o["lift"], o["sessions"])
	case "deload":
		add(o["action"])
	case "settings":
		add(o["name"], o["value"])
	case "help":
		add(o["command"])
	case "link":
		add(o["code"])
	case "import":
		add(o["unit"]) // the file travels as an attachment, not as text
	case "team":
		for _, sub := range d.Options {
			if sub.Type != discordgo.ApplicationCommandOptionSubCommand {
				continue
			}
			so := options(sub.Options)
			add(sub.Name)
			switch sub.Name {
			case "setup":
				add(so["channel"], so["time"], so["tz"])
			case "coach-role":
				add(so["role"])
			}
		}
	default:
		add(o["text"])
	}
	return strings.Join(w, " ")
}

// focused returns the option being autocompleted and what was typed so far.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) (name, typed string) {
	for _, o := range opts {
		if o.Focused {
			s, _ := o.Value.(string)
			return o.Name, s
		}
		if n, t := focused(o.Options); n != "" {
			return n, t
		}
	}
	return "", ""
}
