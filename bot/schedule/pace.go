package schedule

import (
	"context"
	"fmt"

	"golang.org/x/time/rate"

	"github.com/spotterbot/spotter/bot"
)

// Paced wraps n so that sends wait for l: the platform's global limit
// (Telegram: about 30 messages/s across chats). An adapter that already paces
// all of its sends through one limiter (replies and notifications together,
// which is better) needs no wrapper.
// A notifier that also posts to teams (bot.TeamPoster) stays one, its posts
// paced by the same l.
func Paced(n bot.Notifier, l *rate.Limiter) bot.Notifier {
	if tp, ok := n.(bot.TeamPoster); ok {
		return pacedPoster{paced{n: n, l: l}, tp}
	}
	return paced{n: n, l: l}
}

type paced struct {
	n bot.Notifier
	l *rate.Limiter
}

func (p paced) Notify(ctx context.Context, to bot.Identity, r bot.Reply) error {
	if err := p.l.Wait(ctx); err != nil {
		return fmt.Errorf("wait for rate limit: %w", err)
	}
	return p.n.Notify(ctx, to, r)
}

type pacedPoster struct {
	paced
	tp bot.TeamPoster
}

func (p pacedPoster) PostTeam(ctx context.Context, channel string, r bot.Reply) (string, error) {
	if err := p.l.Wait(ctx); err != nil {
		return "", fmt.Errorf("wait for rate limit: %w", err)
	}
	return p.tp.PostTeam(ctx, channel, r)
}
