package discord

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// mainLifts fill the lift autocomplete after the user's own lifts.
var mainLifts = []string{"squat", "bench", "deadlift", "overhead press"}

// autocomplete answers the lift option with the user's lifts (most used
// first) that contain what was typed, and /help's command option with the
// bot's commands. Autocomplete cannot be deferred, so a
// slow lookup is cut short and the main lifts are offered.
func (a *Adapter) autocomplete(ctx context.Context, i *discordgo.Interaction) bool {
	name, typed := focused(i.ApplicationCommandData().Options)
	var lifts []string
	if name == "lift" {
		lctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		got, err := a.bot.Lifts(lctx, identity(i))
		cancel()
		if err != nil {
			a.log.Warn("discord autocomplete lifts", "err", err)
		}
		lifts = got
		for _, l := range mainLifts {
			if !slices.Contains(lifts, l) {
				lifts = append(lifts, l)
			}
		}
	}
	if name == "command" { // /help's command: the bot's own menu
		for _, m := range a.bot.CommandMenu() {
			lifts = append(lifts, m[0])
		}
	}
	typed = strings.ToLower(strings.TrimSpace(typed))
	cs := []*discordgo.ApplicationCommandOptionChoice{}
	for _, l := range lifts {
		if len(cs) == 25 {
			break
		}
		if strings.Contains(l, typed) {
			cs = append(cs, &discordgo.ApplicationCommandOptionChoice{Name: l, Value: l})
		}
	}
	return a.respond(ctx, i, &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: cs}})
}
