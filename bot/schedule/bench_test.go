package schedule

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/time/rate"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
)

// Scale benchmark (issue 6): 100,000 users in PostgreSQL, 10,000 of them due
// in the same minute (spread over zones whose local poll time is that UTC
// minute). Run:
//
//	SPOTTER_TEST_POSTGRES=postgres://... go test ./bot/schedule -run '^$' -bench DueMinute -benchtime 1x -v
//
// It reports the time to plan every user's poll (Backfill: pages of users by
// id, River InsertMany), memory, the time River and the bot need to work the
// 10,000 due polls with an instant notifier, and the send rate with a
// notifier paced at Telegram's global limit (30 messages/s). The paced part
// sends SPOTTER_BENCH_PACED polls (default 1,500; 10,000 takes 5.5 minutes).

const (
	benchUsers    = 100_000
	benchDue      = 10_000
	telegramLimit = 30 // messages/s across chats (Bots FAQ)
)

// countingNotifier counts sends and the most sent in any one second.
type countingNotifier struct {
	mu     sync.Mutex
	n      atomic.Int64
	perSec map[int64]int
}

func (c *countingNotifier) Notify(ctx context.Context, to bot.Identity, r bot.Reply) error {
	c.n.Add(1)
	c.mu.Lock()
	c.perSec[time.Now().Unix()]++
	c.mu.Unlock()
	return nil
}

func (c *countingNotifier) maxPerSec() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := 0
	for _, v := range c.perSec {
		m = max(m, v)
	}
	return m
}

// seedUsers writes benchUsers users with identities by COPY; the first
// benchDue have their poll at target's minute (local time in one of several
// zones), the rest at any other minute of the day.
func seedUsers(b *testing.B, dsn string, target time.Time) {
	b.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	zones := []string{"UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "America/Sao_Paulo", "Africa/Lagos"}
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Now().UTC()
	users := make([][]any, 0, benchUsers)
	idents := make([][]any, 0, benchUsers)
	for i := range benchUsers {
		zone := zones[i%len(zones)]
		loc, _ := time.LoadLocation(zone)
		local := target.In(loc)
		poll := local.Format("15:04")
		if i >= benchDue {
			// Any other minute: shift by 1..1439 minutes.
			poll = local.Add(time.Duration(1+rng.IntN(1439)) * time.Minute).Format("15:04")
		}
		id := int64(i + 1)
		users = append(users, []any{id, fmt.Sprintf("user%d", i), "kg", "intermediate", zone, int64(2500), "kg", 0, "standard", poll, "", true, now, now})
		idents = append(idents, []any{id, "telegram", fmt.Sprint(1_000_000 + i), id, now})
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"users"},
		[]string{"id", "name", "units", "level", "tz", "increment_mill", "increment_unit", "deload_every", "deload_style", "poll_time", "pending", "started", "created_at", "updated_at"},
		pgx.CopyFromRows(users)); err != nil {
		b.Fatal(err)
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"identities"},
		[]string{"id", "platform", "platform_user_id", "user_id", "created_at"}, pgx.CopyFromRows(idents)); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"SELECT setval('users_id_seq', 100000)", "SELECT setval('identities_id_seq', 100000)", "ANALYZE"} {
		if _, err := conn.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

// heapPeak samples the heap in use until stop is closed.
func heapPeak(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

func BenchmarkDueMinute(b *testing.B) {
	if os.Getenv("SPOTTER_TEST_POSTGRES") == "" {
		b.Skip("SPOTTER_TEST_POSTGRES not set")
	}
	for range b.N {
		benchDueMinute(b)
	}
}

func benchDueMinute(b *testing.B) {
	ctx := context.Background()
	dsn := mustDSN(b, "postgres")
	st, err := storage.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	target := time.Date(2026, 6, 10, 5, 30, 0, 0, time.UTC)
	seedUsers(b, dsn, target)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	bt := bot.New(st, bot.WithLogger(quiet))
	// A minute before: every other user's next poll is after the due minute.
	clock := &fakeClock{t: target.Add(-time.Minute)}
	instant := &countingNotifier{perSec: map[int64]int{}}
	mk := func(n bot.Notifier, workers int) *Scheduler {
		s, err := New(ctx, Config{DB: st, DSN: dsn, Bot: bt, Notifiers: Registry{"telegram": n}, Logger: quiet, Clock: clock,
			FetchPollInterval: 100 * time.Millisecond, MaxWorkers: workers, testOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	s := mk(instant, benchWorkers())

	// 1. Plan every user's poll.
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := make(chan struct{})
	peak := heapPeak(stop)
	t0 := time.Now()
	n, err := s.Backfill(ctx)
	if err != nil {
		b.Fatal(err)
	}
	enqueue := time.Since(t0)
	close(stop)
	runtime.ReadMemStats(&after)
	if n != benchUsers {
		b.Fatalf("planned %d polls, want %d", n, benchUsers)
	}
	b.ReportMetric(enqueue.Seconds(), "s-enqueue-100k")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/1e6, "MB-alloc-enqueue")
	b.ReportMetric(float64(<-peak)/1e6, "MB-peak-heap-enqueue")
	b.Logf("planned %d polls in %s (%.0f/s); allocated %.1f MB; peak heap %.1f MB (before %.1f MB)",
		n, enqueue, float64(n)/enqueue.Seconds(), float64(after.TotalAlloc-before.TotalAlloc)/1e6, float64(after.HeapInuse)/1e6, float64(before.HeapInuse)/1e6)
	explain(b, dsn, "a second before the due minute (steady state: nothing waiting)", target.Add(-time.Second))
	explain(b, dsn, "the due minute (10,000 of 100,000 jobs due)", target.Add(time.Second))

	// 2. The due minute, delivered instantly: how fast River and the bot work 10,000 polls.
	clock.Set(target.Add(time.Second))
	runtime.GC()
	runtime.ReadMemStats(&before)
	stop = make(chan struct{})
	peak = heapPeak(stop)
	t0 = time.Now()
	if err := s.Start(ctx); err != nil {
		b.Fatal(err)
	}
	for instant.n.Load() < benchDue {
		if time.Since(t0) > 10*time.Minute {
			b.Fatalf("only %d of %d polls sent after 10 minutes", instant.n.Load(), benchDue)
		}
		time.Sleep(50 * time.Millisecond)
	}
	work := time.Since(t0)
	close(stop)
	runtime.ReadMemStats(&after)
	time.Sleep(time.Second)
	if got := instant.n.Load(); got != benchDue {
		b.Errorf("sent %d polls, want %d", got, benchDue)
	}
	b.ReportMetric(work.Seconds(), "s-work-10k")
	b.ReportMetric(float64(<-peak)/1e6, "MB-peak-heap-work")
	b.Logf("worked %d due polls in %s (%.0f/s, unpaced); allocated %.1f MB", benchDue, work, benchDue/work.Seconds(), float64(after.TotalAlloc-before.TotalAlloc)/1e6)
	stopCtx, cancel := context.WithTimeout(ctx, time.Minute)
	if err := s.Stop(stopCtx); err != nil {
		b.Error(err)
	}
	cancel()

	// 3. The next day's minute, paced at the platform limit.
	paced := 1500
	if v := os.Getenv("SPOTTER_BENCH_PACED"); v != "" {
		fmt.Sscan(v, &paced)
	}
	// Only the first `paced` users stay due the next day: the others' polls
	// (including the 90,000 due at other times of the day) are removed.
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "DELETE FROM river_job WHERE (args->>'user_id')::bigint > $1", paced); err != nil {
		b.Fatal(err)
	}
	conn.Close(ctx)
	counter := &countingNotifier{perSec: map[int64]int{}}
	s2 := mk(Paced(counter, rate.NewLimiter(telegramLimit, telegramLimit)), 100)
	clock.Set(target.Add(24*time.Hour + time.Second))
	t0 = time.Now()
	if err := s2.Start(ctx); err != nil {
		b.Fatal(err)
	}
	for counter.n.Load() < int64(paced) {
		if time.Since(t0) > 15*time.Minute {
			b.Fatalf("only %d of %d paced polls sent", counter.n.Load(), paced)
		}
		time.Sleep(50 * time.Millisecond)
	}
	sendTime := time.Since(t0)
	rateGot := float64(paced) / sendTime.Seconds()
	b.ReportMetric(rateGot, "sends/s-paced")
	b.ReportMetric(float64(counter.maxPerSec()), "max-sends-in-1s")
	b.Logf("paced: %d polls in %s = %.1f/s (limit %d/s, burst %d); most in one second: %d; 10,000 at this rate: %s",
		paced, sendTime.Round(time.Millisecond), rateGot, telegramLimit, telegramLimit, counter.maxPerSec(), time.Duration(float64(benchDue)/rateGot*float64(time.Second)).Round(time.Second))
	stopCtx, cancel = context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := s2.Stop(stopCtx); err != nil {
		b.Error(err)
	}
}

// explain logs PostgreSQL's plan for River's query that finds the due jobs:
// it must use an index, not read all 100,000.
func explain(b *testing.B, dsn, when string, now time.Time) {
	b.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "ANALYZE river_job"); err != nil {
		b.Fatal(err)
	}
	rows, err := conn.Query(ctx, `EXPLAIN ANALYZE SELECT id FROM river_job
		WHERE state IN ('retryable', 'scheduled') AND priority >= 0 AND queue IS NOT NULL AND scheduled_at <= $1
		ORDER BY priority, scheduled_at, id LIMIT 10000`, now)
	if err != nil {
		b.Fatal(err)
	}
	var plan []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			b.Fatal(err)
		}
		plan = append(plan, line)
	}
	b.Logf("River's due-job query (JobSchedule) at %s:\n%s", when, strings.Join(plan, "\n"))
}

// benchWorkers is River's MaxWorkers for the unpaced run (SPOTTER_BENCH_WORKERS, default 50).
func benchWorkers() int {
	n := 50
	if v := os.Getenv("SPOTTER_BENCH_WORKERS"); v != "" {
		fmt.Sscan(v, &n)
	}
	return n
}
