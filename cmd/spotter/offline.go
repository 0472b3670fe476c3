package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
)

// spotter import and spotter export talk to the bot as a console user,
// with no platform running: the helpers they share.

// openBot opens the database and a bot on it for one command-line user.
func openBot(ctx context.Context, dsn string, getenv func(string) string, log *slog.Logger) (*bot.Bot, *storage.Store, error) {
	st, b, err := openStore(ctx, dsn, getenv, log)
	if err != nil {
		return nil, nil, err
	}
	return b, st, nil
}

// mustHaveUser returns "no user NAME" unless the console user NAME has an
// account. It creates none: any message to the bot would, and an export or
// an undo for a mistyped name should say so rather than make one.
func mustHaveUser(ctx context.Context, st *storage.Store, user string) error {
	found := false
	err := st.Do(ctx, func(tx bot.Tx) error {
		us, err := tx.UsersOf([]bot.Identity{consoleIdentity(user)})
		found = err == nil && len(us) == 1 && us[0].ID != 0
		return err
	})
	if err != nil {
		return fmt.Errorf("look up user %s: %w", user, err)
	}
	if !found {
		return fmt.Errorf("no user %s (NAME is who you chat as: spotter chat --user NAME)", user)
	}
	return nil
}

// consoleIdentity is the identity `spotter chat --user NAME` uses
// (adapters/console), so the command line and the console chat share one
// account.
func consoleIdentity(user string) bot.Identity {
	return bot.Identity{Platform: "console", UserID: user, Name: user}
}
