package telegram_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// BenchmarkThroughput compares Spotter on Telegram (inbox, bot, PostgreSQL,
// rate limiter) with a bare echo bot built on the same library, against the
// same fake Bot API server, in one run:
//
//	SPOTTER_TEST_POSTGRES=postgres://... go test -run '^$' -bench Throughput -benchtime 1x ./adapters/telegram/
//
// BENCH_METRICS=on runs Spotter with serve's metrics (BenchmarkMetricsCost
// compares the two in one run).
//
// Throughput: burstUsers users send burstPer updates each, all at once; the
// time runs until the last reply. Latency: updates arrive at pacedRate per
// second from pacedUsers users (known to the bot) for pacedFor; each update's
// latency runs from its arrival at the fake server to its reply there.
// BENCH_PARALLEL sets the adapter's Parallel (default 32). Spotter's throughput
// runs without rate limits (they cap replies at 30/s by design); its paced
// run keeps the per-chat limits and lifts only the global 30/s.
func BenchmarkThroughput(b *testing.B) {
	const (
		burstUsers, burstPer = 200, 10
		pacedRate, pacedFor  = 200, 5 * time.Second
		pacedUsers           = 250 // 0.8 updates/s each: under the 1/s per-chat limit
	)
	dsn := os.Getenv("SPOTTER_TEST_POSTGRES")
	backend := "postgres"
	if dsn == "" {
		backend = "sqlite"
		b.Logf("SPOTTER_TEST_POSTGRES is not set: measuring on SQLite")
	}
	newDSN := func() string {
		if backend == "postgres" {
			return storagetest.FreshDSN(b, storagetest.Postgres)
		}
		return storagetest.FreshDSN(b, storagetest.SQLite)
	}
	logText := func(i int) string { return fmt.Sprintf("/log squat %dx5 rir2", 60+i%80) }
	paced := telegram.DefaultLimits()
	paced.Global = rate.Inf

	var echoBurst, spotBurst, echoPaced, spotPaced, handleOnly result
	for range b.N {
		handleOnly = runHandleOnly(b, newDSN(), users(burstUsers), burstUsers*burstPer, logText)
		echoBurst = runEcho(b, users(burstUsers), burstUsers*burstPer, 0, logText)
		spotBurst = runSpotter(b, newDSN(), telegram.Unlimited(), users(burstUsers), burstUsers*burstPer, 0, logText)
		n := int(pacedRate * pacedFor.Seconds())
		echoPaced = runEcho(b, users(pacedUsers), n, pacedRate, logText)
		spotPaced = runSpotter(b, newDSN(), paced, users(pacedUsers), n, pacedRate, logText)
	}
	b.Logf("backend %s; burst of %d updates from %d users; %d updates/s for %v from %d users", backend, burstUsers*burstPer, burstUsers, pacedRate, pacedFor, pacedUsers)
	b.Logf("bot.Handle alone, %d goroutines: %s", handleParallel, handleOnly)
	b.Logf("echo    burst: %s", echoBurst)
	b.Logf("spotter burst: %s", spotBurst)
	b.Logf("echo    at %d/s: %s", pacedRate, echoPaced)
	b.Logf("spotter at %d/s: %s", pacedRate, spotPaced)
	b.ReportMetric(echoBurst.rate(), "echo_upd/s")
	b.ReportMetric(spotBurst.rate(), "spotter_upd/s")
	b.ReportMetric(spotBurst.rate()/echoBurst.rate(), "spotter/echo")
	b.ReportMetric(handleOnly.rate(), "handle_only_upd/s")
	b.ReportMetric(ms(echoPaced.p50), "echo_p50_ms")
	b.ReportMetric(ms(echoPaced.p99), "echo_p99_ms")
	b.ReportMetric(ms(spotPaced.p50), "spotter_p50_ms")
	b.ReportMetric(ms(spotPaced.p99), "spotter_p99_ms")
	for _, m := range []struct {
		name string
		r    result
	}{{"echo", echoBurst}, {"spotter", spotBurst}, {"handle_only", handleOnly}} {
		goMS, pgMS := m.r.cpuPerUpdate()
		b.ReportMetric(goMS+pgMS, m.name+"_cpu_ms/upd")
	}
	b.ReportMetric(0, "ns/op") // the op is a whole scenario; ns/op says nothing
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

type result struct {
	n             int
	dur           time.Duration
	p50, p99, max time.Duration
	goCPU, pgCPU  time.Duration // CPU of this process (fake server included) and of PostgreSQL
}

// cpuPerUpdate is the CPU one update costs, in ms, the process's and PostgreSQL's.
func (r result) cpuPerUpdate() (goMS, pgMS float64) {
	return ms(r.goCPU) / float64(r.n), ms(r.pgCPU) / float64(r.n)
}

func (r result) rate() float64 { return float64(r.n) / r.dur.Seconds() }

func (r result) String() string {
	goMS, pgMS := r.cpuPerUpdate()
	return fmt.Sprintf("%d updates in %v = %.0f updates/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; CPU per update: Go %.2f ms, PostgreSQL %.2f ms",
		r.n, r.dur.Round(time.Millisecond), r.rate(), ms(r.p50), ms(r.p99), ms(r.max), goMS, pgMS)
}

func users(n int) []models.User {
	out := make([]models.User, n)
	for i := range out {
		out[i] = telegramtest.User(int64(10000+i), fmt.Sprint("lifter", i))
	}
	return out
}

// drive sends n updates from us (perSec apart; all at once when 0), waits
// for n replies and measures. A paced run first warms up: each user says
// /start and is answered, so the run measures known users.
func drive(b *testing.B, srv *telegramtest.Server, meter *cpuMeter, us []models.User, n int, perSec float64, text func(int) string) result {
	b.Helper()
	warm := 0
	if perSec > 0 {
		for _, u := range us {
			srv.SendText(telegramtest.PrivateChat(u), u, "/start")
		}
		warm = len(us)
		if !srv.WaitFor(time.Minute, func() bool { return srv.Succeeded("sendMessage") >= warm }) {
			b.Fatalf("warm-up: got %d replies, want %d", srv.Succeeded("sendMessage"), warm)
		}
	}
	sentAt := map[int64][]time.Time{}
	meter.start()
	start := time.Now()
	for i := range n {
		if perSec > 0 {
			if d := time.Until(start.Add(time.Duration(float64(i) / perSec * float64(time.Second)))); d > 0 {
				time.Sleep(d)
			}
		}
		u := us[i%len(us)]
		sentAt[u.ID] = append(sentAt[u.ID], time.Now())
		srv.SendText(telegramtest.PrivateChat(u), u, text(i))
	}
	if !srv.WaitFor(3*time.Minute, func() bool { return srv.Succeeded("sendMessage") >= warm+n }) {
		b.Fatalf("got %d replies, want %d", srv.Succeeded("sendMessage")-warm, n)
	}
	goCPU, pgCPU := meter.stop()
	var lat []time.Duration
	var last time.Time
	for chat, msgs := range srv.AllMessages() {
		if warm > 0 {
			msgs = msgs[1:]
		}
		for k, m := range msgs {
			if k < len(sentAt[chat]) {
				lat = append(lat, m.SentAt.Sub(sentAt[chat][k]))
			}
			if m.SentAt.After(last) {
				last = m.SentAt
			}
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	return result{n: n, dur: last.Sub(start), p50: pct(0.50), p99: pct(0.99), max: lat[len(lat)-1], goCPU: goCPU, pgCPU: pgCPU}
}

// runEcho is the baseline: the library's own loop and handlers, replying
// with the text received.
func runEcho(b *testing.B, us []models.User, n int, perSec float64, text func(int) string) result {
	srv := telegramtest.New(token)
	defer srv.Close()
	echo := func(ctx context.Context, api *tgbot.Bot, u *models.Update) {
		if u.Message == nil {
			return
		}
		// Cancelled at the end: the fake counts a reply before the client has read the answer.
		if _, err := api.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: u.Message.Text}); err != nil && ctx.Err() == nil {
			b.Errorf("echo: %v", err)
		}
	}
	api, err := tgbot.New(token, tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(2*time.Second, telegram.NewHTTPClient(2*time.Second)), tgbot.WithDefaultHandler(echo))
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { api.Start(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	return drive(b, srv, &cpuMeter{}, us, n, perSec, text)
}

// pgMeter measures the PostgreSQL backends of dsn's database (none for SQLite).
func pgMeter(b *testing.B, dsn string) *cpuMeter {
	if !storage.IsPostgres(dsn) {
		return &cpuMeter{}
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	b.Cleanup(func() { db.Close() })
	return &cpuMeter{db: db}
}

// runSpotter runs the adapter and the bot on dsn; with BENCH_METRICS=on,
// with serve's metrics (see BenchmarkMetricsCost).
func runSpotter(b *testing.B, dsn string, limits telegram.Limits, us []models.User, n int, perSec float64, text func(int) string) result {
	return runSpotterMetrics(b, dsn, limits, us, n, perSec, text, os.Getenv("BENCH_METRICS") == "on")
}

// runAdapter drives the adapter with handler h and inbox on srv; tweak
// changes its configuration (an Observer).
func runAdapter(b *testing.B, srv *telegramtest.Server, meter *cpuMeter, h telegram.Handler, store inbox.Store, limits telegram.Limits, us []models.User, n int, perSec float64, text func(int) string, tweak ...func(*telegram.Config)) result {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	par, _ := strconv.Atoi(os.Getenv("BENCH_PARALLEL"))
	cfg := telegram.Config{Token: token, APIURL: srv.URL(), PollTimeout: 2 * time.Second, Limits: limits, Logger: quiet, Parallel: par}
	for _, f := range tweak {
		f(&cfg)
	}
	a, err := telegram.New(cfg, h, store)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() { cancel(); <-done }()
	srv.WaitFor(10*time.Second, func() bool { return len(srv.Commands()) > 0 }) // started
	return drive(b, srv, meter, us, n, perSec, text)
}

// handleParallel is how many goroutines call bot.Handle at once.
const handleParallel = 16

// runHandleOnly is the ceiling the database sets: the same /log messages
// straight into bot.Handle, no Telegram, no inbox.
func runHandleOnly(b *testing.B, dsn string, us []models.User, n int, text func(int) string) result {
	st, err := storage.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	bt := bot.New(st, bot.WithLogger(quiet))
	// One goroutine per user group, so one user's messages stay in order.
	meter := pgMeter(b, dsn)
	meter.start()
	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var lat []time.Duration
	for w := range handleParallel {
		wg.Go(func() {
			for i := range n {
				u := us[i%len(us)]
				if (i%len(us))%handleParallel != w {
					continue // each user belongs to one goroutine: one chat in order
				}
				t0 := time.Now()
				_, err := bt.Handle(context.Background(), bot.Message{Identity: bot.Identity{Platform: "bench", UserID: fmt.Sprint(u.ID)},
					ChatID: fmt.Sprint(u.ID), Text: text(i), Ref: fmt.Sprint("h", i)})
				if err != nil {
					b.Error(err)
				}
				mu.Lock()
				lat = append(lat, time.Since(t0))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	dur := time.Since(start)
	goCPU, pgCPU := meter.stop()
	slices.Sort(lat)
	return result{n: n, dur: dur, p50: lat[len(lat)/2], p99: lat[len(lat)*99/100], max: lat[len(lat)-1], goCPU: goCPU, pgCPU: pgCPU}
}
