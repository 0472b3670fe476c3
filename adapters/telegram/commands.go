package telegram

import (
	"context"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// setCommands publishes the bot's command menu (Telegram: lower-case names of
// at most 32 characters, descriptions of 1-256 characters, at most 100).
func (a *Adapter) setCommands(ctx context.Context) error {
	var cmds []models.BotCommand
	for _, c := range a.h.CommandMenu() {
		name, desc := strings.ToLower(c[0]), strings.TrimSpace(c[1])
		if name == "" || len(name) > 32 || len(cmds) == 100 {
			continue
		}
		if desc == "" {
			desc = name
		}
		if r := []rune(desc); len(r) > 256 {
			desc = string(r[:255]) + "…"
		}
		cmds = append(cmds, models.BotCommand{Command: name, Description: desc})
	}
	_, err := a.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: cmds})
	return err
}
