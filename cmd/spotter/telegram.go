package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/adapters/telegram"
)

// telegramFlags reads the Telegram settings from the environment, with flags
// to override all but the token (a token on the command line shows in ps).
// A TELEGRAM_RATE_LIMIT it cannot read is a configError.
func telegramFlags(fs *flag.FlagSet, getenv func(string) string) (*telegram.Config, error) {
	c := &telegram.Config{Token: getenv("TELEGRAM_BOT_TOKEN"), Limits: telegram.DefaultLimits()}
	fs.StringVar(&c.APIURL, "telegram-api-url", envOr(getenv, "TELEGRAM_API_URL", "https://api.telegram.org"), "Telegram Bot API server (env TELEGRAM_API_URL)")
	fs.StringVar(&c.WebhookURL, "telegram-webhook-url", getenv("TELEGRAM_WEBHOOK_URL"), "public HTTPS URL for webhook mode; long polling when empty (env TELEGRAM_WEBHOOK_URL)")
	fs.StringVar(&c.WebhookSecret, "telegram-webhook-secret", getenv("TELEGRAM_WEBHOOK_SECRET"), "webhook secret token (env TELEGRAM_WEBHOOK_SECRET)")
	fs.StringVar(&c.Listen, "listen", envOr(getenv, "SPOTTER_LISTEN", ":8080"), "HTTP listen address: /healthz, /readyz, /metrics and the webhook (env SPOTTER_LISTEN)")
	fs.StringVar(&c.Replica, "replica", getenv("SPOTTER_REPLICA"), "this replica's name among those sharing the database; default the host name (env SPOTTER_REPLICA)")
	rl := &rateLimitFlag{s: "default", lim: &c.Limits}
	if v := getenv("TELEGRAM_RATE_LIMIT"); v != "" {
		if err := rl.Set(v); err != nil {
			return nil, configError{fmt.Sprintf("TELEGRAM_RATE_LIMIT %q: %v", v, err)}
		}
	}
	fs.Var(rl, "telegram-rate-limit", "outbound messages: default (30/s overall, 1/s per chat, 20/min per group), off, or N a second overall (env TELEGRAM_RATE_LIMIT)")
	return c, nil
}

// rateLimitFlag is TELEGRAM_RATE_LIMIT as a flag: it sets the adapter's limits.
type rateLimitFlag struct {
	s   string
	lim *telegram.Limits
}

func (f *rateLimitFlag) String() string {
	if f == nil {
		return ""
	}
	return f.s
}

func (f *rateLimitFlag) Set(s string) error {
	l, err := parseRateLimit(s)
	if err != nil {
		return err
	}
	f.s, *f.lim = s, l
	return nil
}

var errRateLimit = errors.New("want default, off or a whole number of messages per second (e.g. 30)")

// parseRateLimit reads Telegram's outbound cap: "default" is Telegram's
// published limits, "off" no limit at all (a self-hosted Bot API server,
// a load test), N caps all chats together at N messages a second and keeps
// the per-chat and per-group limits.
func parseRateLimit(s string) (telegram.Limits, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "default":
		return telegram.DefaultLimits(), nil
	case "off":
		return telegram.Unlimited(), nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return telegram.Limits{}, errRateLimit
	}
	return telegram.DefaultLimits().WithGlobal(n), nil
}
