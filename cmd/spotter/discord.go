package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/spotterbot/spotter/adapters/discord"
	"github.com/spotterbot/spotter/bot"
)

// serveDiscord builds the Discord adapter from DISCORD_* variables; nil when
// Discord is not configured. Shard 0 also sends the daily team posts (once a
// minute it posts what is due; a unique row per team and day keeps a second
// replica from posting twice).
func serveDiscord(getenv func(string) string, b *bot.Bot, log *slog.Logger) (func(context.Context) error, error) {
	cfg, ok, err := discord.ConfigFromEnv(getenv)
	if err != nil || !ok {
		return nil, err
	}
	a, err := discord.New(cfg, b, log.With("platform", "discord"))
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) error {
		if cfg.ShardID == 0 {
			go a.RunTeamPosts(ctx, time.Minute)
		}
		return a.Run(ctx)
	}, nil
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
