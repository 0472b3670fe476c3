package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/time/rate"

	"github.com/spotterbot/spotter/adapters/telegram"
)

func TestParseRateLimit(t *testing.T) {
	def := telegram.DefaultLimits()
	for _, tc := range []struct {
		in   string
		want telegram.Limits
	}{
		{"default", def},
		{"off", telegram.Unlimited()},
		{"OFF", telegram.Unlimited()},
		{"10", telegram.Limits{Global: 10, GlobalBurst: 1, Private: def.Private, PrivateBurst: def.PrivateBurst, Group: def.Group, GroupBurst: def.GroupBurst}},
		{"1000", def.WithGlobal(1000)},
	} {
		got, err := parseRateLimit(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parseRateLimit(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "0", "-3", "fast", "1.5", "30/s", "inf"} {
		if got, err := parseRateLimit(bad); err == nil {
			t.Errorf("parseRateLimit(%q) = %+v, want an error", bad, got)
		}
	}
}

func TestTelegramRateLimitSetting(t *testing.T) {
	for _, tc := range []struct {
		env    string
		args   []string
		global rate.Limit
	}{
		{"", nil, 30},
		{"default", nil, 30},
		{"off", nil, rate.Inf},
		{"12", nil, 12},
		{"off", []string{"--telegram-rate-limit", "12"}, 12}, // the flag wins
	} {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		c, err := telegramFlags(fs, env(map[string]string{"TELEGRAM_RATE_LIMIT": tc.env}))
		if err != nil {
			t.Fatalf("TELEGRAM_RATE_LIMIT=%q: %v", tc.env, err)
		}
		if err := parseFlags(fs, tc.args, io.Discard); err != nil {
			t.Fatal(err)
		}
		if c.Limits.Global != tc.global {
			t.Errorf("TELEGRAM_RATE_LIMIT=%q %v: global limit %v, want %v", tc.env, tc.args, c.Limits.Global, tc.global)
		}
	}
}

// A rate limit serve cannot read stops it with exit code 2, before the
// database is opened.
func TestServeBadRateLimit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	getenv := env(map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_RATE_LIMIT": "fast"})
	err := run(context.Background(), []string{"serve", "--db", db}, getenv, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	want := `spotter: TELEGRAM_RATE_LIMIT "fast": want default, off or a whole number of messages per second (e.g. 30)`
	if err == nil || exitCode(err) != 2 || errorText(err) != want {
		t.Errorf("serve with TELEGRAM_RATE_LIMIT=fast: got %v (exit %d), want %q, exit 2", err, exitCode(err), want)
	}
	getenv = env(map[string]string{"TELEGRAM_BOT_TOKEN": "1:x"})
	var errOut bytes.Buffer
	err = run(context.Background(), []string{"serve", "--db", db, "--telegram-rate-limit", "0"}, getenv, strings.NewReader(""), &bytes.Buffer{}, &errOut)
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "want default, off or a whole number") {
		t.Errorf("serve --telegram-rate-limit 0: got %v (exit %d), want a usage error, exit 2", err, exitCode(err))
	}
}
