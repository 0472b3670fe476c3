package telegram_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
)

const (
	parallel  = 8
	doneBatch = 128 // the adapter's batch of done marks
)

// TestHelperServe is not a test: it is `spotter serve` in a child process that
// the kill test can SIGKILL. It runs only when SPOTTER_TG_HELPER is set.
func TestHelperServe(t *testing.T) {
	if os.Getenv("SPOTTER_TG_HELPER") != "1" {
		t.Skip("helper process for TestKillAndRestart")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	st, err := storage.Open(ctx, os.Getenv("SPOTTER_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	defer st.Close()
	err = telegram.Serve(ctx, telegram.Config{
		Token: token, APIURL: os.Getenv("TELEGRAM_API_URL"), PollTimeout: 2 * time.Second,
		Limits: telegram.Unlimited(), Parallel: parallel, DrainTimeout: 10 * time.Second,
		// A small queue keeps part of the 500 unconfirmed at Telegram at the
		// kill, so both recoveries run: from the inbox and by redelivery.
		MaxQueued: 200,
	}, bot.New(st), st)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(4)
	}
	os.Exit(0)
}

type child struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
}

func startChild(t *testing.T, apiURL, dsn string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0], "-test.run=^TestHelperServe$")}
	c.cmd.Env = append(os.Environ(), "SPOTTER_TG_HELPER=1", "SPOTTER_DB="+dsn, "TELEGRAM_API_URL="+apiURL)
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

var reLogged = regexp.MustCompile(`^Logged squat: 1 set of 5 reps at (\d+) kg`)

// TestKillAndRestart sends 500 updates, kills the bot with SIGKILL while it
// works through them, and restarts it: every update must be stored exactly
// once and answered.
func TestKillAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		const n, users = 500, 25
		var us []models.User
		for i := range users {
			us = append(us, telegramtest.User(int64(3000+i), fmt.Sprint("user", i)))
		}
		for i := range n {
			u := us[i%users]
			srv.SendText(chatOf(u), u, fmt.Sprintf("/log squat %dx5", 100+i)) // the load names the update
		}
		sent := func() int { return len(srv.Calls("sendMessage")) }

		first := startChild(t, srv.URL(), dsn)
		if !srv.WaitFor(60*time.Second, func() bool { return sent() >= n/3 }) {
			t.Fatalf("first run sent %d replies in 60s; stderr:\n%s", sent(), first.stderr.String())
		}
		first.cmd.Process.Kill() // SIGKILL: no drain, no deferred cleanup
		first.cmd.Wait()
		atKill := sent()
		t.Logf("killed after %d replies; %d updates unconfirmed at Telegram", atKill, srv.Pending())

		// Opened before the restart: two processes migrating one SQLite
		// file at once trip over each other.
		st := mustOpen(t, dsn)
		second := startChild(t, srv.URL(), dsn)
		finished := func() bool {
			return srv.Pending() == 0 &&
				mustCount(t, st, "SELECT count(*) FROM inbox WHERE done") == n
		}
		if !srv.WaitFor(90*time.Second, finished) {
			t.Fatalf("after restart: %d unconfirmed, %d of %d inbox rows done; stderr:\n%s", srv.Pending(),
				mustCount(t, st, "SELECT count(*) FROM inbox WHERE done"), n, second.stderr.String())
		}
		second.cmd.Process.Signal(syscall.SIGTERM)
		if err := second.cmd.Wait(); err != nil {
			t.Errorf("graceful stop of the second run: %v; stderr:\n%s", err, second.stderr.String())
		}

		if got := mustCount(t, st, "SELECT count(*) FROM sets"); got != n {
			t.Errorf("sets stored: got %d, want %d (one per update)", got, n)
		}
		if got := mustCount(t, st, "SELECT count(DISTINCT load_milli) FROM sets"); got != n {
			t.Errorf("distinct loads stored: got %d, want %d (no update stored twice)", got, n)
		}
		if got := mustCount(t, st, "SELECT count(*) FROM handled_messages"); got != n {
			t.Errorf("handled messages: got %d, want %d", got, n)
		}
		// Every update answered; a reply is sent twice only when the kill
		// fell between sending it and marking its update done: the updates
		// in flight, and those answered in the last done-batch window.
		replies := map[int]int{}
		for _, ms := range srv.AllMessages() {
			for _, m := range ms {
				if g := reLogged.FindStringSubmatch(m.Plain()); g != nil {
					kg, _ := strconv.Atoi(g[1])
					replies[kg]++
				} else {
					t.Errorf("unexpected reply %q", m.Plain())
				}
			}
		}
		dups := 0
		for i := range n {
			switch c := replies[100+i]; {
			case c == 0:
				t.Errorf("update with load %d got no reply", 100+i)
			case c > 1:
				dups += c - 1
			}
		}
		t.Logf("%d replies for %d updates: %d resent after the kill", sent(), n, dups)
		if limit := 4*parallel + doneBatch; dups > limit { // 4 x Parallel chats in progress
			t.Errorf("replies sent twice: got %d, want at most %d (in flight or awaiting their done mark at the kill)", dups, limit)
		}
	})
}
