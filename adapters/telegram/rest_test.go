package telegram_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/schedule"
)

// testClock is a clock the test moves, shared with River.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time       { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) NowOrNil() *time.Time { t := c.Now(); return &t }
func (c *testClock) Set(t time.Time)      { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// mustScheduler runs a scheduler delivering to Telegram through the adapter.
func mustScheduler(t *testing.T, dsn string, b *bot.Bot, n bot.Notifier, clock *testClock) *schedule.Scheduler {
	t.Helper()
	ctx := context.Background()
	st := mustOpen(t, dsn)
	s, err := schedule.New(ctx, schedule.Config{DB: st, DSN: dsn, Bot: b, Notifiers: schedule.Registry{"telegram": n},
		Logger: testLogger(t), Clock: clock, FetchPollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	b.SetScheduler(s)
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Stop(ctx); err != nil {
			t.Errorf("stop scheduler: %v", err)
		}
	})
	return s
}

// "Rest over" reaches the Telegram chat once, through the scheduler, and
// not after /rest off.
func TestRestOver(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		st := mustOpen(t, dsn)
		t0 := time.Now().UTC().Truncate(time.Second)
		clock := &testClock{t: t0}
		b := bot.New(st, bot.WithLogger(testLogger(t)), bot.WithClock(clock.Now))
		h := mustStart(t, srv, dsn, b)
		s := mustScheduler(t, dsn, b, h.a, clock)

		annChat, bobChat := chatOf(ann), chatOf(bob)
		srv.SendTextAt(annChat, ann, "/rest 1m squat", t0)
		srv.SendTextAt(bobChat, bob, "/rest 1m", t0)
		mustMessages(t, srv, annChat.ID, 1)
		mustMessages(t, srv, bobChat.ID, 1)
		srv.SendTextAt(bobChat, bob, "/rest off", t0.Add(10*time.Second))
		if got := mustMessages(t, srv, bobChat.ID, 2)[1].Plain(); !strings.HasPrefix(got, "Rest timer stopped") {
			t.Fatalf("/rest off: got %q", got)
		}
		clock.Set(t0.Add(61 * time.Second))
		if got := mustMessages(t, srv, annChat.ID, 2)[1].Plain(); got != "Rest over (1:00). Next: squat." {
			t.Errorf("got %q, want Rest over", got)
		}
		// Both jobs worked (bob's finds its timer stopped); later passes send nothing more.
		ok := srv.WaitFor(20*time.Second, func() bool {
			n, err := s.JobCounts(context.Background())
			return err == nil && n["completed"] == 2 && n["scheduled"]+n["available"]+n["running"]+n["retryable"] == 0
		})
		if !ok {
			n, _ := s.JobCounts(context.Background())
			t.Fatalf("rest jobs not both done: %v", n)
		}
		clock.Set(t0.Add(10 * time.Minute))
		time.Sleep(300 * time.Millisecond)
		if n := len(srv.Messages(annChat.ID)); n != 2 {
			t.Errorf("ann has %d messages, want 2 (/rest's reply and one Rest over)", n)
		}
		if n := len(srv.Messages(bobChat.ID)); n != 2 {
			t.Errorf("bob has %d messages, want 2 (the replies to /rest and /rest off, no Rest over)", n)
		}
	})
}
