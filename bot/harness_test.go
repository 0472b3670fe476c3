package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/workoutcsv/workoutcsvtest"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
)

var (
	ctx   = context.Background()
	quiet = slog.New(slog.DiscardHandler)
)

// harness talks to a bot on a real store, as a console user.
type harness struct {
	t   *testing.T
	st  *storage.Store
	b   *bot.Bot
	now time.Time
	ref int
}

func newHarness(t *testing.T, st *storage.Store) *harness {
	return &harness{t: t, st: st, b: bot.New(st, bot.WithLogger(quiet)), now: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
}

func id(user string) bot.Identity { return bot.Identity{Platform: "console", UserID: user, Name: user} }

// send handles one message from user; callback marks a button tap.
func (h *harness) send(user, text string, callback bool, atts ...bot.Attachment) bot.Reply {
	h.t.Helper()
	h.ref++
	r, err := h.b.Handle(ctx, bot.Message{Identity: id(user), ChatID: user, Text: text, Callback: callback,
		Attachments: atts, CommandLine: true, ReceivedAt: h.now, Ref: fmt.Sprintf("%s-%d", user, h.ref)})
	if err != nil {
		h.t.Fatalf("%s %q: %v", user, text, err)
	}
	return r
}

func (h *harness) userID(user string) int64 {
	h.t.Helper()
	var uid int64
	err := h.st.Do(ctx, func(tx bot.Tx) error {
		u, err := tx.UserFor(id(user), bot.User{Units: engine.Kg, Level: engine.Intermediate, TZ: "UTC"})
		uid = u.ID
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return uid
}

// history returns everything stored for user.
func (h *harness) history(user string) engine.History {
	h.t.Helper()
	uid := h.userID(user)
	var out engine.History
	err := h.st.Do(ctx, func(tx bot.Tx) error {
		var err error
		out, err = tx.History(uid, "", -1<<30, -1<<30)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

func fixture(t *testing.T, name string) bot.Attachment {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(workoutcsvtest.ImportsDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return bot.Attachment{Name: name, Data: data}
}

func mustContain(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("reply %q\nwant it to contain %q", got, w)
		}
	}
}
