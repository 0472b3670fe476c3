package telegram

import (
	"context"
	"fmt"
	"strconv"

	"github.com/spotterbot/spotter/bot"
)

// Notify sends r to the private chat of to (on Telegram a user's private chat
// id is the user id), through the same rate limiter and retries as replies.
// A user who blocked the bot gives an error wrapping bot.ErrUnreachable.
func (a *Adapter) Notify(ctx context.Context, to bot.Identity, r bot.Reply) error {
	if to.Platform != Platform {
		return fmt.Errorf("telegram notify: identity of platform %q", to.Platform)
	}
	chat, err := strconv.ParseInt(to.UserID, 10, 64)
	if err != nil || chat <= 0 {
		return fmt.Errorf("telegram notify %s: not a Telegram user id", a.cfg.IDs.Hash(to))
	}
	r.Edit = false // nothing was tapped
	if err := a.render(ctx, target{chat: chat}, r); err != nil {
		return fmt.Errorf("telegram notify %s: %w", a.cfg.IDs.Hash(to), err)
	}
	return nil
}
