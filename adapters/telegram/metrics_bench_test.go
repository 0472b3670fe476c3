package telegram_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/obs"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// BenchmarkMetricsCost is BenchmarkThroughput's burst (2,000 /log updates
// from 200 users, no rate limits) with metrics off and on, alternately, on
// fresh databases: "on" is what `spotter serve` runs, an obs.Platform
// observer, the pool and inbox-depth gauges, and a scrape of /metrics every
// second (Prometheus scrapes every 15-60 s). A second pair runs the adapter
// alone (an echo handler, an in-memory inbox), where the observer's share
// of the work is largest. It reports the median of BENCH_ROUNDS rounds
// (default 7) of each: updates/s moves with whatever else the host runs,
// the Go CPU per update much less.
//
//	SPOTTER_TEST_POSTGRES=postgres://... go test -run '^$' -bench MetricsCost -benchtime 1x -v ./adapters/telegram/
func BenchmarkMetricsCost(b *testing.B) {
	const burstUsers, burstPer = 200, 10
	rounds, _ := strconv.Atoi(os.Getenv("BENCH_ROUNDS"))
	if rounds <= 0 {
		rounds = 7
	}
	// Slow statements are logged through the default logger, query and all.
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.DiscardHandler))
	be := storagetest.SQLite
	if os.Getenv("SPOTTER_TEST_POSTGRES") != "" {
		be = storagetest.Postgres
	}
	logText := func(i int) string { return fmt.Sprintf("/log squat %dx5 rir2", 60+i%80) }
	us, n := users(burstUsers), burstUsers*burstPer
	scenarios := []struct {
		name string
		run  func(metrics bool) result
	}{
		{"spotter on " + be.Name, func(metrics bool) result {
			return runSpotterMetrics(b, storagetest.FreshDSN(b, be), telegram.Unlimited(), us, n, 0, logText, metrics)
		}},
		{"adapter alone", func(metrics bool) result {
			srv := telegramtest.New(token)
			defer srv.Close()
			if !metrics {
				return runAdapter(b, srv, &cpuMeter{}, echoHandler{}, &memoryInbox{}, telegram.Unlimited(), us, n, 0, logText)
			}
			m := obs.New()
			defer scrapeEverySecond(b, m)()
			return runAdapter(b, srv, &cpuMeter{}, echoHandler{}, &memoryInbox{}, telegram.Unlimited(), us, n, 0, logText,
				func(c *telegram.Config) { c.Observer = m.Platform(telegram.Platform) })
		}},
	}
	for _, sc := range scenarios {
		var off, on []result
		for range b.N {
			for r := range rounds {
				if r%2 == 0 { // alternate which goes first, against drift
					off = append(off, sc.run(false))
					on = append(on, sc.run(true))
				} else {
					on = append(on, sc.run(true))
					off = append(off, sc.run(false))
				}
			}
		}
		offRate, onRate := median(off, result.rate), median(on, result.rate)
		goCPU := func(r result) float64 { g, _ := r.cpuPerUpdate(); return g }
		offCPU, onCPU := median(off, goCPU), median(on, goCPU)
		b.Logf("%s, median of %d bursts of %d updates from %d users: off %.0f updates/s, %.3f ms Go CPU/update; on %.0f updates/s, %.3f ms Go CPU/update: throughput %+.1f%%, Go CPU %+.1f%%",
			sc.name, len(off), n, burstUsers, offRate, offCPU, onRate, onCPU, 100*(onRate/offRate-1), 100*(onCPU/offCPU-1))
		for i := range off {
			b.Logf("  off: %s", off[i])
			b.Logf("  on:  %s", on[i])
		}
		key := strings.Fields(sc.name)[0]
		b.ReportMetric(onRate/offRate, key+"_on/off_upd/s")
		b.ReportMetric(onCPU/offCPU, key+"_on/off_go_cpu")
	}
	b.ReportMetric(0, "ns/op")
}

func median(rs []result, f func(result) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// scrapeEverySecond scrapes m's /metrics every second, as Prometheus
// would, until the func it returns is called.
func scrapeEverySecond(b *testing.B, m *obs.Metrics) (stop func()) {
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				rec := httptest.NewRecorder()
				m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
				if rec.Code != http.StatusOK {
					b.Errorf("scrape: HTTP %d", rec.Code)
				}
			}
		}
	}()
	return func() { close(done); <-stopped }
}

// runSpotterMetrics is runSpotter with serve's metrics on or off: an
// obs.Platform observer, the pool and inbox-depth gauges, a scrape a second.
func runSpotterMetrics(b *testing.B, dsn string, limits telegram.Limits, us []models.User, n int, perSec float64, text func(int) string, metrics bool) result {
	srv := telegramtest.New(token)
	defer srv.Close()
	st, err := storage.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := bot.New(st, bot.WithLogger(quiet))
	if !metrics {
		return runAdapter(b, srv, pgMeter(b, dsn), h, st, limits, us, n, perSec, text)
	}
	m := obs.New()
	db, err := st.SQL()
	if err != nil {
		b.Fatal(err)
	}
	if err := m.WatchDB(db); err != nil {
		b.Fatal(err)
	}
	if err := m.WatchInbox(st, telegram.Platform); err != nil {
		b.Fatal(err)
	}
	defer scrapeEverySecond(b, m)()
	return runAdapter(b, srv, pgMeter(b, dsn), h, st, limits, us, n, perSec, text,
		func(c *telegram.Config) { c.Observer = m.Platform(telegram.Platform) })
}
