package schedule

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

func TestSlotTime(t *testing.T) {
	tests := []struct {
		zone   string
		day    string
		hh, mm int
		want   string // UTC
	}{
		{"Europe/Berlin", "2026-06-10", 7, 30, "2026-06-10T05:30:00Z"},
		{"Europe/Berlin", "2026-01-10", 7, 30, "2026-01-10T06:30:00Z"},
		// Spring forward, 02:00 -> 03:00: 02:30 does not exist, comes at 03:30 CEST.
		{"Europe/Berlin", "2026-03-29", 2, 30, "2026-03-29T01:30:00Z"},
		// Fall back, 03:00 -> 02:00: 02:30 happens twice, the first (CEST) counts.
		{"Europe/Berlin", "2026-10-25", 2, 30, "2026-10-25T00:30:00Z"},
		{"America/New_York", "2026-03-08", 2, 30, "2026-03-08T07:30:00Z"}, // 03:30 EDT
		{"America/New_York", "2026-11-01", 1, 30, "2026-11-01T05:30:00Z"}, // 01:30 EDT, not EST
		{"America/New_York", "2026-11-01", 7, 30, "2026-11-01T12:30:00Z"},
		{"Asia/Kathmandu", "2026-06-10", 7, 30, "2026-06-10T01:45:00Z"},
		{"Australia/Lord_Howe", "2026-10-04", 2, 15, "2026-10-03T15:45:00Z"}, // 30-minute jump: 02:15 is in the gap, read at +10:30
		{"UTC", "2026-06-10", 0, 0, "2026-06-10T00:00:00Z"},
	}
	for _, tt := range tests {
		d, err := engine.ParseDate(tt.day)
		if err != nil {
			t.Fatal(err)
		}
		got := slotTime(d, tt.hh, tt.mm, mustLoc(t, tt.zone)).UTC().Format(time.RFC3339)
		if got != tt.want {
			t.Errorf("slotTime(%s %02d:%02d %s) = %s, want %s", tt.day, tt.hh, tt.mm, tt.zone, got, tt.want)
		}
	}
}

// TestPollAtLocalTime uses River's own promotion of due jobs (every 5 s of
// real time, with 5 s of look-ahead), not env.advance.
func TestPollAtLocalTime(t *testing.T) {
	t.Parallel()
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			berlin := mustLoc(t, "Europe/Berlin")
			e := mustEnv(t, backend, time.Date(2026, 6, 10, 7, 29, 57, 0, berlin))
			e.say("/settings tz Europe/Berlin")
			e.say("/settings poll 07:30")

			// River makes the job available up to 5 s early; it is not fetched before its time.
			deadline := time.Now().Add(15 * time.Second)
			for len(e.jobs(rivertype.JobStateAvailable)) == 0 {
				if time.Now().After(deadline) {
					t.Fatalf("poll job not made available by River: %v", e.jobs(rivertype.JobStateScheduled))
				}
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond)
			mustCount(t, e.notes, 0)

			e.clock.Set(time.Date(2026, 6, 10, 7, 30, 1, 0, berlin))
			got := waitSent(t, e.notes, 1)
			m := got[0]
			if m.To != alice {
				t.Errorf("sent to %+v, want %+v", m.To, alice)
			}
			if !strings.Contains(m.Reply.Text, "daily check-in for 2026-06-10") || !strings.Contains(m.Reply.Text, "Check-in 1/") {
				t.Errorf("poll text %q, want the first check-in question for 2026-06-10", m.Reply.Text)
			}
			if len(m.Reply.Buttons) == 0 || len(m.Reply.Buttons[0]) == 0 || !strings.HasPrefix(m.Reply.Buttons[0][0].Data, "/checkin ") {
				t.Fatalf("poll buttons %+v, want /checkin answers", m.Reply.Buttons)
			}
			// The poll set the pending question: tapping an answer continues it.
			if r := e.tap(m.Reply.Buttons[0][0].Data); !strings.Contains(r.Text, "Check-in 2/") {
				t.Errorf("after tapping %q got %q, want the second question", m.Reply.Buttons[0][0].Data, r.Text)
			}
			e.idle()

			next := e.jobs(rivertype.JobStateScheduled)
			if len(next) != 1 {
				t.Fatalf("got %d scheduled jobs, want 1 (tomorrow's)", len(next))
			}
			if got, want := next[0].ScheduledAt.UTC(), time.Date(2026, 6, 11, 5, 30, 0, 0, time.UTC); !got.Equal(want) {
				t.Errorf("next poll at %s, want %s", got, want)
			}
			e.advance(time.Date(2026, 6, 10, 9, 0, 0, 0, berlin))
			mustCount(t, e.notes, 1)
		})
	}
}

func TestNoPollAfterCheckin(t *testing.T) {
	t.Parallel()
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			ny := mustLoc(t, "America/New_York")
			e := mustEnv(t, backend, time.Date(2026, 6, 10, 6, 0, 0, 0, ny))
			e.say("/settings tz America/New_York")
			e.say("/settings poll 07:30")
			e.say("/checkin sleep good soreness none")
			e.advance(time.Date(2026, 6, 10, 7, 31, 0, 0, ny))
			mustCount(t, e.notes, 0)
			// The chain goes on: tomorrow's poll comes.
			e.advance(time.Date(2026, 6, 11, 7, 31, 0, 0, ny))
			got := mustCount(t, e.notes, 1)
			if !strings.Contains(got[0].Reply.Text, "2026-06-11") {
				t.Errorf("poll %q, want the one of 2026-06-11", firstLine(got[0].Reply.Text))
			}
		})
	}
}

func TestPollOff(t *testing.T) {
	t.Parallel()
	e := mustEnv(t, "sqlite", time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC))
	e.say("/settings poll 07:30")
	e.say("/settings poll off")
	e.advance(time.Date(2026, 6, 10, 7, 31, 0, 0, time.UTC))
	mustCount(t, e.notes, 0)
	if n := len(e.jobs(rivertype.JobStateScheduled)); n != 0 {
		t.Errorf("got %d planned polls after poll off, want 0", n)
	}
	// Back on, and moved: only the new time sends, once.
	e.say("/settings poll 08:00")
	e.say("/settings poll 07:45")
	e.advance(time.Date(2026, 6, 10, 8, 30, 0, 0, time.UTC))
	mustCount(t, e.notes, 1)
}

func TestRestart(t *testing.T) {
	t.Parallel()
	day := func(d, h, m int) time.Time { return time.Date(2026, 6, d, h, m, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		down, up time.Time // the scheduler is stopped at down and started at up
		kick     bool      // advance after start (else River's start-up promotion alone)
		wantDay  string    // the poll sent, "" for none
		wantLog  string
	}{
		{name: "before the due time", down: day(10, 7, 0), up: day(10, 7, 20), kick: true, wantDay: "2026-06-10"},
		{name: "down over the due time", down: day(10, 7, 0), up: day(10, 9, 0), wantDay: "2026-06-10"},
		{name: "down over a whole day", down: day(10, 7, 0), up: day(11, 10, 0), wantDay: "2026-06-11", wantLog: "dropped a poll from a previous day"},
	}
	for _, backend := range backends(t) {
		for _, tt := range tests {
			t.Run(backend+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				e := mustEnv(t, backend, tt.down.Add(-time.Hour))
				e.say("/settings poll 07:30")
				e.clock.Set(tt.down)
				e.restart(tt.up)
				if tt.kick {
					e.advance(day(10, 7, 31))
				}
				got := waitSent(t, e.notes, 1)
				if !strings.Contains(got[0].Reply.Text, tt.wantDay) {
					t.Errorf("poll %q, want the one of %s", firstLine(got[0].Reply.Text), tt.wantDay)
				}
				e.idle()
				// A second restart after the send sends nothing more.
				e.restart(e.clock.Now().Add(time.Minute))
				e.advance(e.clock.Now().Add(time.Minute))
				mustCount(t, e.notes, 1)
				if tt.wantLog != "" && !strings.Contains(e.logs.String(), tt.wantLog) {
					t.Errorf("log %q, want %q", e.logs.String(), tt.wantLog)
				}
			})
		}
	}
}

// TestTwoInstances runs two schedulers (two replicas) on one PostgreSQL:
// both plan every user's poll, both work the queue, each user gets one poll.
func TestTwoInstances(t *testing.T) {
	t.Parallel()
	e := mustEnv(t, "postgres", time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC))
	other := &recorder{}
	b := e.start("replica-2", other)
	ctx := context.Background()
	// Each replica has its own bot; a user who sends the setting twice
	// reaches both, and both plan the same poll.
	bot2 := bot.New(e.st)
	bot2.SetScheduler(b)
	const users = 20
	for i := range users {
		id := bot.Identity{Platform: "console", UserID: fmt.Sprintf("u%d", i)}
		for _, h := range []*bot.Bot{e.bot, bot2} {
			if _, err := h.Handle(ctx, bot.Message{Identity: id, Text: "/settings poll 07:30", ReceivedAt: e.clock.Now()}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := len(e.jobs(rivertype.JobStateScheduled)); n != users {
		t.Fatalf("got %d planned polls, want %d", n, users)
	}
	e.advance(time.Date(2026, 6, 10, 7, 31, 0, 0, time.UTC))
	e.advance(time.Date(2026, 6, 11, 7, 31, 0, 0, time.UTC))
	all := append(e.notes.all(), other.all()...)
	perUser := map[string]int{}
	for _, m := range all {
		perUser[m.To.UserID+" "+firstLine(m.Reply.Text)]++
	}
	if len(all) != 2*users || len(perUser) != 2*users {
		t.Errorf("got %d messages for %d user-days, want %d each", len(all), len(perUser), 2*users)
	}
	t.Logf("replica 1 sent %d, replica 2 sent %d", len(e.notes.all()), len(other.all()))
}

func TestDST(t *testing.T) {
	t.Parallel()
	berlin := mustLoc(t, "Europe/Berlin")
	for _, backend := range backends(t) {
		for _, tc := range []struct {
			name  string
			start time.Time
			polls []time.Time // expected poll instants, one per day
		}{
			{"spring forward", time.Date(2026, 3, 27, 12, 0, 0, 0, berlin), []time.Time{
				time.Date(2026, 3, 28, 1, 30, 0, 0, time.UTC), // 02:30 CET
				time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), // 02:30 does not exist: 03:30 CEST
				time.Date(2026, 3, 30, 0, 30, 0, 0, time.UTC), // 02:30 CEST
			}},
			{"fall back", time.Date(2026, 10, 23, 12, 0, 0, 0, berlin), []time.Time{
				time.Date(2026, 10, 24, 0, 30, 0, 0, time.UTC), // 02:30 CEST
				time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), // the first 02:30 (CEST); 01:30 UTC is 02:30 CET again
				time.Date(2026, 10, 26, 1, 30, 0, 0, time.UTC), // 02:30 CET
			}},
		} {
			t.Run(backend+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				e := mustEnv(t, backend, tc.start)
				e.say("/settings tz Europe/Berlin")
				e.say("/settings poll 02:30")
				for i, at := range tc.polls {
					next := e.jobs(rivertype.JobStateScheduled)
					if len(next) != 1 || !next[0].ScheduledAt.Equal(at) {
						t.Fatalf("day %d: planned %v, want one poll at %s", i, next, at)
					}
					e.advance(at.Add(-time.Second))
					mustCount(t, e.notes, i)
					e.advance(at.Add(time.Second))
					mustCount(t, e.notes, i+1)
					// Through the repeated hour (fall back): nothing more.
					e.advance(at.Add(time.Hour + time.Second))
					got := mustCount(t, e.notes, i+1)
					if want := engine.DateOf(at.In(berlin)).String(); !strings.Contains(got[i].Reply.Text, want) {
						t.Errorf("poll %q, want the one of %s", firstLine(got[i].Reply.Text), want)
					}
				}
			})
		}
	}
}

func TestUsersInDifferentZones(t *testing.T) {
	t.Parallel()
	e := mustEnv(t, "sqlite", time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC))
	ctx := context.Background()
	zones := []string{"Pacific/Auckland", "Asia/Tokyo", "Europe/Berlin", "America/New_York", "Pacific/Honolulu"}
	for _, z := range zones {
		id := bot.Identity{Platform: "console", UserID: z}
		for _, text := range []string{"/settings tz " + z, "/settings poll 07:30"} {
			if _, err := e.bot.Handle(ctx, bot.Message{Identity: id, Text: text, ReceivedAt: e.clock.Now()}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Walk through one UTC day an hour at a time: each user's poll comes at
	// their own 07:30, once.
	for h := 3; h <= 36; h += 3 {
		now := time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC).Add(time.Duration(h) * time.Hour)
		e.advance(now)
	}
	got := e.notes.all()
	seen := map[string]int{}
	for _, m := range got {
		seen[m.To.UserID+" "+firstLine(m.Reply.Text)]++
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("%s: sent %d times, want 1", k, n)
		}
	}
	// Each zone's 07:30 falls once or twice in 36 hours from 00:00 UTC.
	for _, z := range zones {
		loc := mustLoc(t, z)
		want := 0
		for d := -1; d <= 2; d++ {
			at := time.Date(2026, 6, 10+d, 7, 30, 0, 0, loc)
			if at.After(time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)) && !at.After(time.Date(2026, 6, 11, 12, 0, 0, 0, time.UTC)) {
				want++
			}
		}
		n := 0
		for _, m := range got {
			if m.To.UserID == z {
				n++
			}
		}
		if n != want {
			t.Errorf("%s: got %d polls, want %d", z, n, want)
		}
	}
}

func TestDeliveryFailure(t *testing.T) {
	t.Parallel()
	e := mustEnv(t, "sqlite", time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC))
	e.say("/settings poll 07:30")
	e.notes.mu.Lock()
	e.notes.fail = []error{errTransient}
	e.notes.mu.Unlock()
	e.advance(time.Date(2026, 6, 10, 7, 31, 0, 0, time.UTC))
	mustCount(t, e.notes, 0)
	// River retries after a backoff; the failed poll was forgotten, so it goes now.
	e.advance(time.Date(2026, 6, 10, 7, 35, 0, 0, time.UTC))
	mustCount(t, e.notes, 1)

	// A user the platform refuses is not retried, and the chain goes on.
	e.notes.mu.Lock()
	e.notes.fail = []error{fmt.Errorf("blocked: %w", bot.ErrUnreachable)}
	e.notes.mu.Unlock()
	e.advance(time.Date(2026, 6, 11, 7, 31, 0, 0, time.UTC))
	e.advance(time.Date(2026, 6, 11, 8, 31, 0, 0, time.UTC))
	mustCount(t, e.notes, 1)
	e.advance(time.Date(2026, 6, 12, 7, 31, 0, 0, time.UTC))
	mustCount(t, e.notes, 2)
}

func TestBackfill(t *testing.T) {
	t.Parallel()
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			e := mustEnv(t, backend, time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC))
			e.bot.SetScheduler(nil)
			e.say("/settings poll 07:30") // stored, not planned
			if n := len(e.jobs(rivertype.JobStateScheduled)); n != 0 {
				t.Fatalf("got %d jobs, want 0", n)
			}
			n, err := e.sched.Backfill(context.Background())
			if err != nil || n != 1 {
				t.Fatalf("Backfill = %d, %v; want 1 user", n, err)
			}
			if _, err := e.sched.Backfill(context.Background()); err != nil {
				t.Fatal(err)
			}
			if n := len(e.jobs(rivertype.JobStateScheduled)); n != 1 {
				t.Fatalf("got %d jobs after two backfills, want 1", n)
			}
			e.advance(time.Date(2026, 6, 10, 7, 31, 0, 0, time.UTC))
			mustCount(t, e.notes, 1)
		})
	}
}
