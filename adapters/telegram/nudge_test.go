package telegram_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// A planned-deload nudge built by the scheduler's daily poll (bot.Daily) and
// delivered through the adapter's Notify arrives with Start deload and Skip
// this one buttons, and both buttons work when tapped in Telegram.
func TestDeloadNudgeButtons(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		st := mustOpen(t, dsn)
		b := bot.New(st, bot.WithLogger(testLogger(t)))
		h := mustStart(t, srv, dsn, b)
		now := time.Now().UTC()
		today := engine.DateOf(now)
		for _, u := range []struct {
			who    models.User
			button string
			want   string
		}{{ann, "Start deload", "Deload week started"}, {bob, "Skip this one", "Skipped the planned deload"}} {
			chat := chatOf(u.who)
			// Seven weeks of squats: an intermediate's planned deload (every 6 weeks) is due.
			cmds := []string{"/settings poll 07:00"}
			for w := 7; w >= 1; w-- {
				cmds = append(cmds, fmt.Sprintf("/log %s squat 3x5@%d rir2", today.AddDays(-7*w+1), 100+5*(7-w)))
			}
			for _, c := range cmds {
				srv.SendText(chat, u.who, c)
			}
			mustMessages(t, srv, chat.ID, len(cmds))

			id := bot.Identity{Platform: "telegram", UserID: strconv.FormatInt(u.who.ID, 10)}
			var uid int64
			if err := st.Do(context.Background(), func(tx bot.Tx) error {
				usr, err := tx.UserFor(id, bot.User{})
				uid = usr.ID
				return err
			}); err != nil {
				t.Fatal(err)
			}
			d, err := b.Daily(context.Background(), bot.Slot{UserID: uid, Day: today, PollTime: "07:00", TZ: "UTC"}, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Messages) == 0 || d.Messages[0].Kind != bot.NudgeDeload {
				t.Fatalf("daily poll: got %+v, want a deload nudge first", d.Messages)
			}
			for _, m := range d.Messages {
				if err := h.a.Notify(context.Background(), id, m.Reply); err != nil {
					t.Fatalf("notify: %v", err)
				}
			}
			ms := mustMessages(t, srv, chat.ID, len(cmds)+len(d.Messages))
			nudge := ms[len(cmds)]
			if !strings.Contains(nudge.Plain(), "deload") {
				t.Fatalf("nudge %q does not speak of the deload", nudge.Plain())
			}
			srv.Tap(chat, u.who, nudge.ID, mustButton(t, nudge, u.button))
			ms = mustMessages(t, srv, chat.ID, len(cmds)+len(d.Messages)+1)
			if got := ms[len(ms)-1].Plain(); !strings.Contains(got, u.want) {
				t.Errorf("after %s: got %q, want %q", u.button, got, u.want)
			}
		}
	})
}
