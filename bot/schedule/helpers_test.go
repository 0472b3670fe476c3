package schedule

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
)

// fakeClock is the controllable clock, shared with River (Config.Test.Time):
// River reads "now" from it for every query that decides whether a job is due.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) NowOrNil() *time.Time { t := c.Now(); return &t }

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// sentMsg is one delivered message.
type sentMsg struct {
	To    bot.Identity
	Reply bot.Reply
}

// recorder is a fake notifier: it records what it is asked to deliver.
type recorder struct {
	mu   sync.Mutex
	msgs []sentMsg
	// fail, when set, answers the next calls instead of delivering.
	fail []error
}

func (r *recorder) Notify(ctx context.Context, to bot.Identity, rep bot.Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.fail) > 0 {
		err := r.fail[0]
		r.fail = r.fail[1:]
		return err
	}
	r.msgs = append(r.msgs, sentMsg{To: to, Reply: rep})
	return nil
}

func (r *recorder) all() []sentMsg {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sentMsg(nil), r.msgs...)
}

// syncBuffer collects log output from many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// backends are the databases tests run on: SQLite always, PostgreSQL when
// SPOTTER_TEST_POSTGRES is set (and required when CI=true).
func backends(t *testing.T) []string {
	t.Helper()
	out := []string{"sqlite"}
	if os.Getenv("SPOTTER_TEST_POSTGRES") != "" {
		out = append(out, "postgres")
	} else if os.Getenv("CI") == "true" {
		t.Fatal("CI=true: set SPOTTER_TEST_POSTGRES to run the PostgreSQL tests")
	}
	return out
}

var schemaSeq atomic.Int64

// mustDSN returns a fresh database: a SQLite file, or a new PostgreSQL
// schema (dropped at the end) that the DSN's search_path selects, so River's
// and gorm's tables of one test never meet another's.
func mustDSN(t testing.TB, backend string) string {
	t.Helper()
	if backend == "sqlite" {
		// No fsync: a test database need not survive a power cut.
		return filepath.Join(t.TempDir(), "spotter.db") + "?_pragma=synchronous(off)"
	}
	base := os.Getenv("SPOTTER_TEST_POSTGRES")
	if base == "" {
		t.Skip("SPOTTER_TEST_POSTGRES not set")
	}
	schema := fmt.Sprintf("sched_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, schemaSeq.Add(1))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect %s: %v", base, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("connect to drop schema: %v", err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// env is one database with a bot, a clock and schedulers on it.
type env struct {
	t     *testing.T
	dsn   string
	st    *storage.Store
	bot   *bot.Bot
	clock *fakeClock
	notes *recorder
	logs  *syncBuffer
	seen  *observed  // what the schedulers told their Observer
	sched *Scheduler // the one the bot reschedules through
	all   []*Scheduler
}

var alice = bot.Identity{Platform: "console", UserID: "alice", Name: "alice"}

func mustEnv(t *testing.T, backend string, start time.Time) *env {
	t.Helper()
	e := &env{t: t, dsn: mustDSN(t, backend), clock: &fakeClock{t: start}, notes: &recorder{}, logs: &syncBuffer{}, seen: &observed{}}
	st, err := storage.Open(context.Background(), e.dsn)
	if err != nil {
		t.Fatalf("open %s: %v", backend, err)
	}
	e.st = st
	e.bot = bot.New(st, bot.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), bot.WithClock(e.clock.Now))
	t.Cleanup(func() {
		for _, s := range e.all {
			e.stop(s)
		}
		st.Close()
	})
	e.sched = e.start("a", e.notes)
	e.bot.SetScheduler(e.sched)
	return e
}

// newScheduler builds a scheduler delivering to n on the console platform.
func (e *env) newScheduler(id string, n bot.Notifier) *Scheduler {
	e.t.Helper()
	s, err := New(context.Background(), Config{
		DB: e.st, DSN: e.dsn, Bot: e.bot, Notifiers: Registry{"console": n},
		Logger:            slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelWarn})),
		Clock:             e.clock,
		FetchPollInterval: 50 * time.Millisecond,
		MaxWorkers:        4,
		ID:                fmt.Sprintf("%s-%s-%d", strings.ReplaceAll(e.t.Name(), "/", "-"), id, time.Now().UnixNano()),
		Observer:          e.seen,
		testOnly:          true,
	})
	if err != nil {
		e.t.Fatalf("new scheduler: %v", err)
	}
	e.all = append(e.all, s)
	return s
}

// start builds and starts a scheduler.
func (e *env) start(id string, n bot.Notifier) *Scheduler {
	e.t.Helper()
	s := e.newScheduler(id, n)
	if err := s.Start(context.Background()); err != nil {
		e.t.Fatalf("start scheduler: %v", err)
	}
	return s
}

func (e *env) stop(s *Scheduler) {
	for i, x := range e.all {
		if x == s {
			e.all = append(e.all[:i], e.all[i+1:]...)
			break
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		e.t.Errorf("stop scheduler: %v", err)
	}
}

// restart replaces the bot's scheduler with a new one (a new process).
func (e *env) restart(at time.Time) {
	e.t.Helper()
	e.stop(e.sched)
	e.clock.Set(at)
	e.sched = e.start("b", e.notes)
	e.bot.SetScheduler(e.sched)
}

// say sends text as alice at the clock's time and returns the reply.
func (e *env) say(text string) bot.Reply {
	e.t.Helper()
	r, err := e.bot.Handle(context.Background(), bot.Message{Identity: alice, ChatID: "alice", Text: text, ReceivedAt: e.clock.Now()})
	if err != nil {
		e.t.Fatalf("%s: %v", text, err)
	}
	return r
}

// tap sends a button's Data as a tap.
func (e *env) tap(data string) bot.Reply {
	e.t.Helper()
	r, err := e.bot.Handle(context.Background(), bot.Message{Identity: alice, ChatID: "alice", Text: data, Callback: true, ReceivedAt: e.clock.Now()})
	if err != nil {
		e.t.Fatalf("tap %s: %v", data, err)
	}
	return r
}

// jobs lists the poll jobs in the given states.
func (e *env) jobs(states ...rivertype.JobState) []*rivertype.JobRow {
	e.t.Helper()
	res, err := e.sched.client.JobList(context.Background(), river.NewJobListParams().States(states...).First(10000))
	if err != nil {
		e.t.Fatalf("list jobs: %v", err)
	}
	return res.Jobs
}

// advance sets the clock to t and makes the jobs due by then available.
// River's own job scheduler does this every 5 s of real time (not
// configurable in v0.49.0); doing it here keeps the tests fast. TestPollAtLocalTime
// relies on River's own promotion instead.
func (e *env) advance(t time.Time) {
	e.t.Helper()
	e.clock.Set(t)
	for range 10 {
		kicked := 0
		for _, j := range e.jobs(rivertype.JobStateScheduled, rivertype.JobStateRetryable) {
			if !j.ScheduledAt.After(t) {
				if _, err := e.sched.client.JobRetry(context.Background(), j.ID); err != nil {
					e.t.Fatalf("make job %d available: %v", j.ID, err)
				}
				kicked++
			}
		}
		e.idle()
		if kicked == 0 {
			return
		}
	}
	e.t.Fatalf("jobs keep coming due at %s", t)
}

// idle waits until no job is running or available and due. (River makes a
// retry due within 5 s available at once, with a future scheduled_at.)
func (e *env) idle() {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		busy := 0
		for _, j := range e.jobs(rivertype.JobStateAvailable, rivertype.JobStateRunning) {
			if j.State == rivertype.JobStateRunning || !j.ScheduledAt.After(e.clock.Now()) {
				busy++
			}
		}
		if busy == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	e.t.Fatalf("jobs still available or running after 15 s: %v", e.jobs(rivertype.JobStateAvailable, rivertype.JobStateRunning))
}

// waitSent waits until the recorder holds n messages.
func waitSent(t *testing.T, r *recorder, n int) []sentMsg {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if got := r.all(); len(got) >= n {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("got %d messages after 15 s, want %d", len(r.all()), n)
	return nil
}

// mustCount checks the number of messages delivered so far.
func mustCount(t *testing.T, r *recorder, want int) []sentMsg {
	t.Helper()
	got := r.all()
	if len(got) != want {
		var texts []string
		for _, m := range got {
			texts = append(texts, firstLine(m.Reply.Text))
		}
		t.Fatalf("got %d messages, want %d: %q", len(got), want, texts)
	}
	return got
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("zone %s: %v", name, err)
	}
	return loc
}

var errTransient = errors.New("platform answered 502")
