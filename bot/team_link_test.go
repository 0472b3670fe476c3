package bot_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
)

// backends returns a fresh SQLite store, and a fresh PostgreSQL schema when
// SPOTTER_TEST_POSTGRES is set (required when CI=true).
func backends(t *testing.T) map[string]*storage.Store {
	t.Helper()
	ctx := context.Background()
	out := map[string]*storage.Store{}
	sq, err := storage.Open(ctx, filepath.Join(t.TempDir(), "spotter.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sq.Close() })
	out["sqlite"] = sq
	dsn := os.Getenv("SPOTTER_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true needs SPOTTER_TEST_POSTGRES")
		}
		return out
	}
	base, err := storage.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	db, _ := base.SQL()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	pg, err := storage.Open(ctx, dsn+sep+"search_path="+schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		pg.Close()
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
		base.Close()
	})
	out["postgres"] = pg
	return out
}

type chat struct {
	t   *testing.T
	b   *bot.Bot
	now time.Time
}

func (c *chat) say(id bot.Identity, text string, server *bot.Server) string {
	c.t.Helper()
	c.now = c.now.Add(time.Second)
	r, err := c.b.Handle(context.Background(), bot.Message{Identity: id, ChatID: id.UserID, Text: text, ReceivedAt: c.now, Server: server, Group: server != nil})
	if err != nil {
		c.t.Fatalf("%s: %v", text, err)
	}
	return r.Text
}

var (
	tg     = bot.Identity{Platform: "telegram", UserID: "100", Name: "Ana"}
	dc     = bot.Identity{Platform: "discord", UserID: "200", Name: "ana"}
	reCode = regexp.MustCompile(`Your link code: ([A-Z0-9]{8})`)
)

func (c *chat) code(id bot.Identity) string {
	c.t.Helper()
	m := reCode.FindStringSubmatch(c.say(id, "/link", nil))
	if m == nil {
		c.t.Fatal("no link code")
	}
	return m[1]
}

func TestLinkMerge(t *testing.T) {
	for name, st := range backends(t) {
		t.Run(name, func(t *testing.T) {
			c := &chat{t: t, b: bot.New(st), now: time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)}
			srv := &bot.Server{ID: "g1", Manager: true}
			c.say(tg, "/team setup 555 07:00 UTC", srv)
			for _, id := range []bot.Identity{tg, dc} {
				c.say(id, "/team join", srv)
				c.say(id, "/deload now", nil)
			}
			c.say(tg, "/log 2026-03-08 bench 80x5 rir2", nil)
			c.say(tg, "/checkin 2026-03-08 sleep poor", nil)    // only Telegram has this day
			c.say(tg, "/checkin 2026-03-09 sleep poor", nil)    // older
			c.say(dc, "/checkin 2026-03-09 sleep good", nil)    // newer: kept
			c.say(dc, "/checkin sleep ok", nil)                 // today on Discord
			c.say(tg, "/checkin sleep poor soreness high", nil) // today on Telegram, newer: kept
			c.say(dc, "/log squat 100x5 rir2", nil)
			c.say(tg, "/settings range squat 3-5", nil) // both have one: the Telegram account's stays
			c.say(dc, "/settings range squat 8-12", nil)
			c.say(dc, "/settings range row 8-12", nil) // only Discord has one: it moves

			code := c.code(tg)
			got := c.say(dc, "/link "+strings.ToLower(code), nil)
			if want := "Linked: telegram and discord are now one Spotter account. Moved 1 set and 1 check-in from this account; on 2 days both accounts had a check-in and I kept the newer one."; !strings.HasPrefix(got, want) {
				t.Errorf("link = %q, want prefix %q", got, want)
			}
			if want := "with 1 rep range from this account for lifts it had none for."; !strings.Contains(got, want) {
				t.Errorf("link = %q, want it to say %q", got, want)
			}
			if got, want := c.say(dc, "/settings range", nil), "- row: 8-12 reps\n- squat: 3-5 reps\n"; !strings.Contains(got, want) {
				t.Errorf("ranges after the merge = %q, want %q", got, want)
			}
			for _, id := range []bot.Identity{tg, dc} {
				h := c.say(id, "/history", nil)
				if !strings.Contains(h, "2026-03-10 squat: 1x5 at 100 kg") || !strings.Contains(h, "2026-03-08 bench: 1x5 at 80 kg") {
					t.Errorf("%s history = %q, want both sessions", id.Platform, h)
				}
			}
			// The kept check-ins answer a same-day update ("Updated"), with their values.
			for _, tc := range []struct{ day, want string }{
				{"2026-03-08", "sleep poor"}, {"2026-03-09", "sleep good"}, {"2026-03-10", "sleep poor, soreness high"},
			} {
				got := c.say(dc, "/checkin "+tc.day+" rhr 50", nil)
				if !strings.HasPrefix(got, "Updated your check-in for "+tc.day+": "+tc.want+", resting HR 50 bpm") {
					t.Errorf("check-in of %s after the merge = %q, want %s kept", tc.day, got, tc.want)
				}
			}
			// One team membership and one deload survived the unique keys.
			st := c.say(tg, "/team status", srv)
			if !strings.HasPrefix(st, "Team status (1 sharing):") || !strings.Contains(st, "deload running (day 1") {
				t.Errorf("status = %q, want one member in a deload", st)
			}
			if got := c.say(dc, "/link "+code, nil); !strings.HasPrefix(got, "That code is unknown, used or expired.") {
				t.Errorf("reused code = %q, want refused", got)
			}
		})
	}
}

func TestLinkCodeRules(t *testing.T) {
	for name, st := range backends(t) {
		t.Run(name, func(t *testing.T) {
			c := &chat{t: t, b: bot.New(st), now: time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)}
			code := c.code(tg)
			if got := c.say(tg, "/link "+code, nil); !strings.HasPrefix(got, "That code is from this same Spotter account") {
				t.Errorf("own code = %q", got)
			}
			code = c.code(tg)
			c.now = c.now.Add(11 * time.Minute)
			if got := c.say(dc, "/link "+code, nil); !strings.HasPrefix(got, "That code is unknown, used or expired.") {
				t.Errorf("expired code = %q, want refused", got)
			}
			if got := c.say(dc, "/link 12", nil); !strings.Contains(got, `I could not read "12"`) {
				t.Errorf("malformed code = %q, want the token named", got)
			}
		})
	}
}

// /team setup reads a time zone as /settings tz does, whatever its case.
func TestTeamSetupZoneInAnyCase(t *testing.T) {
	for name, st := range backends(t) {
		t.Run(name, func(t *testing.T) {
			c := &chat{t: t, b: bot.New(st), now: time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC)}
			got := c.say(dc, "/team setup <#555> 07:30 europe/berlin", &bot.Server{ID: "g1", Manager: true})
			if strings.Contains(got, "could not read") || !strings.Contains(got, "Europe/Berlin") {
				t.Errorf("setup with europe/berlin = %q, want it set up in Europe/Berlin", got)
			}
			if got := c.say(dc, "/team setup <#555> 07:30 Local", &bot.Server{ID: "g1", Manager: true}); !strings.Contains(got, "could not read") {
				t.Errorf("setup with Local = %q, want it refused", got)
			}
		})
	}
}
