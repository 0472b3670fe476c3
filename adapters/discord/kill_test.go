package discord_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spotterbot/spotter/adapters/discord"
	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// TestHelperDiscord is not a test: it is the Discord adapter in a child
// process that the kill test can SIGKILL. It runs only when
// SPOTTER_DC_HELPER is set; with SPOTTER_DC_HANG=1 the bot never answers.
func TestHelperDiscord(t *testing.T) {
	if os.Getenv("SPOTTER_DC_HELPER") != "1" {
		t.Skip("helper process for TestKillWhileAnswering")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	st, err := storage.Open(ctx, os.Getenv("SPOTTER_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	var b discord.Bot = bot.New(st, bot.WithLogger(log))
	if os.Getenv("SPOTTER_DC_HANG") == "1" {
		b = hanging{b}
	}
	a, err := discord.New(discord.Config{Token: "test-token", AppID: appID, APIURL: os.Getenv("DISCORD_API_URL"),
		AckAfter: 200 * time.Millisecond}, b, st, log)
	if err == nil {
		err = a.Run(ctx)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(4)
	}
	os.Exit(0)
}

// hanging is a bot that takes interactions and never answers them.
type hanging struct{ discord.Bot }

func (hanging) Handle(ctx context.Context, _ bot.Message) (bot.Reply, error) {
	<-ctx.Done()
	return bot.Reply{}, ctx.Err()
}

type child struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
}

func startChild(t *testing.T, apiURL, dsn string, hang bool) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0], "-test.run=^TestHelperDiscord$")}
	c.cmd.Env = append(os.Environ(), "SPOTTER_DC_HELPER=1", "SPOTTER_DB="+dsn, "DISCORD_API_URL="+apiURL)
	if hang {
		c.cmd.Env = append(c.cmd.Env, "SPOTTER_DC_HANG=1")
	}
	c.cmd.Stderr = &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
	})
	return c
}

func mustCountRows(t *testing.T, st *storage.Store, query string) int {
	t.Helper()
	db, err := st.SQL()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestKillWhileAnswering kills the adapter (SIGKILL) while an interaction
// it recorded and deferred is being handled, and restarts it: the
// interaction is answered exactly once, through its token, and its set
// stored once.
func TestKillWhileAnswering(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	for _, be := range storagetest.Backends(t) {
		t.Run(be.Name, func(t *testing.T) {
			dsn := storagetest.FreshDSN(t, be)
			srv := dt.New()
			t.Cleanup(srv.Close)
			first := startChild(t, srv.URL, dsn, true)
			if !srv.WaitReady(1, 20*time.Second) {
				t.Fatalf("first run did not identify; stderr:\n%s", first.stderr.String())
			}
			u := dt.User{ID: "777", Name: "kim"}
			ex, err := srv.Interact(dt.Interaction{Type: 2, AppID: appID, ChannelID: "dm-" + u.ID, User: &u,
				Data: dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5"))})
			if err != nil {
				t.Fatal(err)
			}
			if rs := ex.Wait(1, 5*time.Second); len(rs) != 1 || rs[0].Type != 5 {
				t.Fatalf("before the kill: got responses %+v, want the deferral (type 5); stderr:\n%s", rs, first.stderr.String())
			}
			first.cmd.Process.Kill() // SIGKILL: no drain, no done mark, no lease release
			first.cmd.Wait()

			// Opened before the restart: two processes migrating one SQLite
			// file at once trip over each other.
			st, err := storage.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if n := mustCountRows(t, st, "SELECT count(*) FROM inbox WHERE platform = 'discord' AND NOT done"); n != 1 {
				t.Fatalf("after the kill: %d undone interactions in the inbox, want 1", n)
			}
			second := startChild(t, srv.URL, dsn, false)
			got, ok := ex.Final(20 * time.Second)
			if !ok {
				t.Fatalf("after the restart: no answer; responses %+v; stderr:\n%s", ex.Responses(), second.stderr.String())
			}
			if !strings.HasPrefix(got.Content, "Logged squat") {
				t.Errorf("answer after the restart: got %q, want the log's reply", got.Content)
			}
			done := func() bool {
				return mustCountRows(t, st, "SELECT count(*) FROM inbox WHERE platform = 'discord' AND done") == 1
			}
			for end := time.Now().Add(10 * time.Second); !done(); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(end) {
					t.Fatalf("the interaction was not marked done; stderr:\n%s", second.stderr.String())
				}
			}
			second.cmd.Process.Signal(syscall.SIGTERM)
			if err := second.cmd.Wait(); err != nil {
				t.Errorf("graceful stop of the second run: %v; stderr:\n%s", err, second.stderr.String())
			}
			answers := 0
			for _, r := range ex.Responses() {
				if r.Type != 5 && r.Type != 6 {
					answers++
				}
			}
			if answers != 1 {
				t.Errorf("answers: got %d, want exactly 1; responses %+v", answers, ex.Responses())
			}
			if n := mustCountRows(t, st, "SELECT count(*) FROM sets"); n != 1 {
				t.Errorf("sets stored: got %d, want 1", n)
			}
		})
	}
}

// An interaction left unfinished longer than its token lives is not
// answered (Discord would refuse it) but marked done, so it is not tried at
// every start.
func TestStaleInteractionSkipped(t *testing.T) {
	h := mustStartWith(t, options{}, func(st *storage.Store) {
		raw, err := json.Marshal(map[string]any{"id": "1100000000000000001", "application_id": appID, "type": 2, "token": "tok-old",
			"channel_id": "dm-9", "user": dt.User{ID: "9", Name: "old"}, "data": dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5"))})
		if err != nil {
			t.Fatal(err)
		}
		ev := inbox.Event{Platform: discord.Platform, ID: 1100000000000000001, Key: "9", Payload: raw, ReceivedAt: time.Now().Add(-20 * time.Minute)}
		if _, err := st.RecordUpdates(context.Background(), []inbox.Event{ev}); err != nil {
			t.Fatal(err)
		}
	})
	waitFor(t, "the stale interaction marked done", func() bool {
		return mustCountRows(t, h.st, "SELECT count(*) FROM inbox WHERE platform = 'discord' AND done") == 1
	})
	for _, c := range h.srv.Calls() {
		if strings.Contains(c.Path, "tok-old") {
			t.Errorf("stale interaction answered: %s %s", c.Method, c.Path)
		}
	}
	if n := mustCountRows(t, h.st, "SELECT count(*) FROM sets"); n != 0 {
		t.Errorf("sets stored for a stale interaction: got %d, want 0", n)
	}
}
