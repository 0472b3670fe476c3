package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
)

func TestServeDiscord(t *testing.T) {
	srv := dt.New()
	defer srv.Close()
	env := map[string]string{
		"DISCORD_BOT_TOKEN": "tok", "DISCORD_APP_ID": "900", "DISCORD_GUILD_ID": "4242",
		"DISCORD_API_URL": srv.URL, "HOME": t.TempDir(), "SPOTTER_LOG_LEVEL": "error", "SPOTTER_LISTEN": freeAddr(t),
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	var stderr bytes.Buffer
	go func() {
		errc <- run(ctx, []string{"serve", "--db", filepath.Join(t.TempDir(), "s.db")}, func(k string) string { return env[k] }, nil, &bytes.Buffer{}, &stderr)
	}()
	if !srv.WaitReady(1, 10*time.Second) {
		cancel()
		t.Fatalf("serve did not connect to Discord: %v %s", <-errc, stderr.String())
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(srv.Commands("900", "4242")) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := len(srv.Commands("900", "4242")); n == 0 {
		t.Errorf("no commands registered on the development guild")
	}
	ex, err := srv.Interact(dt.Interaction{Type: 2, AppID: "900", ChannelID: "dm-1", User: &dt.User{ID: "1", Name: "ana"}, Data: dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5"))})
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := ex.Final(5 * time.Second); !ok || !strings.HasPrefix(m.Content, "Logged squat") {
		t.Errorf("reply = %q, want Logged squat", m.Content)
	}
	// Discord alone listens too: ready once the gateway said READY.
	base := "http://" + env["SPOTTER_LISTEN"]
	waitStatus(t, base+"/readyz", http.StatusOK)
	if got := sample(mustMetrics(t, base+"/metrics"), "spotter_updates_received_total", "platform=discord").GetCounter().GetValue(); got != 1 {
		t.Errorf("interactions received: got %v, want 1", got)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("serve: %v", err)
	}
}

func TestServeDiscordConfigErrors(t *testing.T) {
	env := map[string]string{"DISCORD_BOT_TOKEN": "tok", "HOME": t.TempDir()}
	err := run(context.Background(), []string{"serve", "--db", filepath.Join(t.TempDir(), "s.db")}, func(k string) string { return env[k] }, nil, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "DISCORD_APP_ID") {
		t.Errorf("serve without DISCORD_APP_ID: %v, want an error naming it", err)
	}
}
