package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/spotterbot/spotter/adapters/discord"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
)

// serveDiscord builds the Discord adapter from DISCORD_* variables, with its
// inbox on st under replica's name (--replica; "" for the host name); nil
// when Discord is not configured. The daily team posts are the scheduler's
// River periodic work (bot/schedule, teamposts.go): a unique row per team
// and day keeps them to one post.
func serveDiscord(getenv func(string) string, b *bot.Bot, st inbox.Store, replica string, log *slog.Logger, o discord.Observer) (*discord.Adapter, error) {
	cfg, ok, err := discord.ConfigFromEnv(getenv)
	if err != nil || !ok {
		return nil, err
	}
	cfg.IDs, cfg.Observer = b.IDs(), o
	if replica != "" {
		// One name per shard: shards of one replica must not take each
		// other's interactions as their own at start.
		cfg.Replica = fmt.Sprintf("%s/shard%d", replica, cfg.ShardID)
	}
	return discord.New(cfg, b, st, log.With("platform", "discord"))
}

// runAll runs the platforms until ctx ends or one fails; a failure stops the others.
func runAll(ctx context.Context, platforms []func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for _, run := range platforms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(ctx); err != nil {
				once.Do(func() { first = err })
				cancel()
			}
		}()
	}
	wg.Wait()
	return first
}
