package discord_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
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

// "Rest over" reaches the Discord DM once, through the scheduler, and not
// after /rest off.
func TestRestOver(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	ctx := context.Background()
	clock := &testClock{t: time.Now().UTC()}
	s, err := schedule.New(ctx, schedule.Config{DB: h.st, Bot: h.bot, Notifiers: schedule.Registry{"discord": h.a},
		Logger: quiet, Clock: clock, FetchPollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	h.bot.SetScheduler(s)
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
	ana, bo := member("611", "ana", 0), dt.User{ID: "612", Name: "bo"}
	if got := mustFinal(t, h.inServer(ana, 2, dt.Command("rest", dt.Opt("text", 3, "1m")), nil)); !strings.HasPrefix(got.Content, "Rest timer: 1:00") {
		t.Fatalf("/rest 1m in a server: got %q", got.Content)
	}
	mustFinal(t, h.inDM(bo, 2, dt.Command("rest", dt.Opt("text", 3, "90s bench"))))
	if got := mustFinal(t, h.inDM(bo, 2, dt.Command("rest", dt.Opt("text", 3, "off")))); !strings.HasPrefix(got.Content, "Rest timer stopped") {
		t.Fatalf("/rest off: got %q", got.Content)
	}
	clock.Set(clock.Now().Add(2 * time.Minute))
	// River makes a job due every 5 s of real time: wait longer than waitFor does.
	ok := false
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && !ok; time.Sleep(20 * time.Millisecond) {
		done, open, err := restJobs(ctx, h)
		ok = err == nil && done == 2 && open == 0
	}
	if !ok {
		done, open, err := restJobs(ctx, h)
		t.Fatalf("rest jobs not both done: %d completed, %d open (%v)", done, open, err)
	}
	clock.Set(clock.Now().Add(10 * time.Minute))
	time.Sleep(300 * time.Millisecond)
	if ms := h.srv.ChannelMessages("dm-611"); len(ms) != 1 || ms[0].Content != "Rest over (1:00)." {
		t.Errorf("ana's DMs: got %+v, want one Rest over", ms)
	}
	if ms := h.srv.ChannelMessages("dm-612"); len(ms) != 0 {
		t.Errorf("bo's DMs after /rest off: got %+v, want none", ms)
	}
}

// restJobs counts the rest timers' River jobs that completed and that are
// still open; the scheduler's other jobs (periodic team posts) run beside
// them and are not counted.
func restJobs(ctx context.Context, h *harness) (done, open int64, err error) {
	db, err := h.st.SQL()
	if err != nil {
		return 0, 0, err
	}
	err = db.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN CAST(state AS TEXT) = 'completed' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN CAST(state AS TEXT) IN ('scheduled', 'available', 'running', 'retryable') THEN 1 ELSE 0 END), 0)
		FROM river_job WHERE kind = 'spotter_rest_over'`).Scan(&done, &open)
	return done, open, err
}
