package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
)

func TestServeConfigErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"no platform", map[string]string{}, []string{"TELEGRAM_BOT_TOKEN", "spotter chat"}},
		{"webhook without secret", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_URL": "https://bot.example/tg"},
			[]string{"TELEGRAM_WEBHOOK_SECRET"}},
		{"webhook on the listener's path", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_URL": "https://bot.example/metrics", "TELEGRAM_WEBHOOK_SECRET": "s"},
			[]string{"TELEGRAM_WEBHOOK_URL", "/metrics"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv := func(k string) string { return tc.env[k] }
			var out, errOut bytes.Buffer
			err := run(context.Background(), []string{"serve", "--db", db}, getenv, strings.NewReader(""), &out, &errOut)
			if err == nil {
				t.Fatal("serve: got nil error, want a configuration error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q: want it to mention %s", err, w)
				}
			}
		})
	}
}

func TestServeTelegramUntilStopped(t *testing.T) {
	srv := telegramtest.New("42:serve-test")
	defer srv.Close()
	env := map[string]string{"TELEGRAM_BOT_TOKEN": "42:serve-test", "TELEGRAM_API_URL": srv.URL(), "SPOTTER_LOG_LEVEL": "warn", "SPOTTER_LISTEN": "127.0.0.1:0"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var errOut bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve", "--db", filepath.Join(t.TempDir(), "s.db")}, func(k string) string { return env[k] }, strings.NewReader(""), &bytes.Buffer{}, &errOut)
	}()
	u := telegramtest.User(7, "Ann")
	srv.SendText(telegramtest.PrivateChat(u), u, "/log squat 100x5 rir2")
	ms, err := srv.WaitMessages(7, 1, 20*time.Second)
	if err != nil {
		cancel()
		t.Fatalf("%v; stderr: %s", err, errOut.String())
	}
	if !strings.HasPrefix(ms[0].Plain(), "Logged squat") {
		t.Errorf("reply: got %q", ms[0].Plain())
	}
	cancel() // SIGINT
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after a stop request: got %v, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	// A stop asked for is no error: nothing in the log may say otherwise.
	if strings.Contains(errOut.String(), "level=ERROR") {
		t.Errorf("errors logged by a clean run and stop:\n%s", errOut.String())
	}
}
