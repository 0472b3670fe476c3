package obs_test

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	_ "modernc.org/sqlite"

	"github.com/spotterbot/spotter/bot/obs"
)

// mustScrape serves m's /metrics and parses it as Prometheus would.
func mustScrape(t *testing.T, m *obs.Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: HTTP %d: %s", rec.Code, rec.Body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return fams
}

// value is the value of the series of name whose labels include want
// ("k=v" each); -1 when there is none.
func value(fams map[string]*dto.MetricFamily, name string, want ...string) float64 {
	f := fams[name]
	if f == nil {
		return -1
	}
next:
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for _, kv := range want {
			k, v, _ := strings.Cut(kv, "=")
			if have[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return -1
}

func TestPlatformCounts(t *testing.T) {
	m := obs.New()
	tg := m.Platform("telegram")
	tg.UpdatesReceived(3)
	tg.UpdateHandled(obs.OutcomeOK, 20*time.Millisecond)
	tg.UpdateHandled(obs.OutcomeOK, 40*time.Millisecond)
	tg.UpdateHandled(obs.OutcomeIgnored, time.Millisecond)
	tg.UpdateHandled("odd", time.Millisecond) // not resolved ahead: still counted
	tg.ReplySent(true)
	tg.ReplySent(true)
	tg.ReplySent(false)
	tg.RateLimited()
	tg.Retried()
	tg.Retried()
	tg.TookOver(4)
	m.Scheduled("telegram", "poll", obs.ScheduledSent)
	m.Platform("discord")                                    // resolved as an adapter does: its series exist at 0
	m.Scheduled("discord", "team_post", obs.ScheduledFailed) // counted by the scheduler (team posts)

	fams := mustScrape(t, m)
	for _, tc := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"spotter_updates_received_total", []string{"platform=telegram"}, 3},
		{"spotter_updates_handled_total", []string{"platform=telegram", "outcome=ok"}, 2},
		{"spotter_updates_handled_total", []string{"platform=telegram", "outcome=ignored"}, 1},
		{"spotter_updates_handled_total", []string{"platform=telegram", "outcome=odd"}, 1},
		{"spotter_updates_handled_total", []string{"platform=telegram", "outcome=error"}, 0}, // exists from the start
		{"spotter_updates_handled_total", []string{"platform=discord", "outcome=ok"}, 0},
		{"spotter_update_handle_seconds", []string{"platform=telegram"}, 4},
		{"spotter_replies_sent_total", []string{"platform=telegram"}, 2},
		{"spotter_replies_failed_total", []string{"platform=telegram"}, 1},
		{"spotter_rate_limited_calls_total", []string{"platform=telegram"}, 1},
		{"spotter_call_retries_total", []string{"platform=telegram"}, 2},
		{"spotter_inbox_taken_over_updates_total", []string{"platform=telegram"}, 4},
		{"spotter_scheduled_messages_total", []string{"platform=telegram", "kind=poll", "outcome=sent"}, 1},
		{"spotter_scheduled_messages_total", []string{"platform=discord", "kind=team_post", "outcome=failed"}, 1},
	} {
		if got := value(fams, tc.name, tc.labels...); got != tc.want {
			t.Errorf("%s%v: got %v, want %v", tc.name, tc.labels, got, tc.want)
		}
	}
	// The latency histogram has buckets from milliseconds to a minute.
	h := fams["spotter_update_handle_seconds"].GetMetric()[0].GetHistogram()
	var bounds []float64
	for _, b := range h.GetBucket() {
		bounds = append(bounds, b.GetUpperBound())
	}
	if len(bounds) < 10 || bounds[0] > 0.01 || !slices.Contains(bounds, 60) {
		t.Errorf("buckets: got %v, want ~10 from <= 10 ms to 60 s", bounds)
	}
	// Go's and the process's own series are there too.
	for _, name := range []string{"go_goroutines", "go_memstats_alloc_bytes", "process_cpu_seconds_total"} {
		if fams[name] == nil {
			t.Errorf("no %s in /metrics", name)
		}
	}
}

func TestLoops(t *testing.T) {
	m := obs.New()
	l := m.Loops()
	if got := l.Stopped(); got != nil {
		t.Fatalf("no loop yet: got %v stopped", got)
	}
	stopPoll := l.Start("telegram-intake")
	stopA := l.Start("worker")
	stopB := l.Start("worker")
	stopA()
	stopA() // idempotent: the other worker still runs
	if got := l.Stopped(); got != nil {
		t.Errorf("one of two workers stopped: got %v stopped, want none", got)
	}
	stopPoll()
	stopB()
	if got := l.Stopped(); !slices.Equal(got, []string{"telegram-intake", "worker"}) {
		t.Errorf("got %v stopped, want [telegram-intake worker]", got)
	}
	fams := mustScrape(t, m)
	if got := value(fams, "spotter_loop_running", "loop=worker"); got != 0 {
		t.Errorf("spotter_loop_running{loop=worker}: got %v, want 0", got)
	}
	l.Start("worker") // restarted
	if got := l.Stopped(); !slices.Equal(got, []string{"telegram-intake"}) {
		t.Errorf("after a restart: got %v stopped, want [telegram-intake]", got)
	}
	if got := value(mustScrape(t, m), "spotter_loop_running", "loop=worker"); got != 1 {
		t.Errorf("spotter_loop_running{loop=worker} after a restart: got %v, want 1", got)
	}
}

type inbox struct{ err error }

func (i inbox) PendingUpdates(_ context.Context, platform string) (int64, error) {
	return int64(len(platform)), i.err
}

type rejected map[int]uint64

func (r rejected) Rejected() map[int]uint64 { return r }

type jobs map[string]int64

func (j jobs) JobCounts(context.Context) (map[string]int64, error) { return j, nil }

func TestScrapeTimeSources(t *testing.T) {
	m := obs.New()
	fail := &inbox{}
	if err := m.WatchInbox(fail, "telegram", "discord"); err != nil {
		t.Fatal(err)
	}
	if err := m.WatchJobs(jobs{"available": 2, "completed": 7}); err != nil {
		t.Fatal(err)
	}
	if err := m.WatchWebhook(rejected{400: 0, 401: 5, 405: 0, 413: 1}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(3)
	conn, err := db.Conn(context.Background()) // one connection held: in use
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := m.WatchDB(db); err != nil {
		t.Fatal(err)
	}
	fams := mustScrape(t, m)
	for _, tc := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"spotter_inbox_pending_updates", []string{"platform=telegram"}, 8},
		{"spotter_inbox_pending_updates", []string{"platform=discord"}, 7},
		{"spotter_river_jobs", []string{"state=available"}, 2},
		{"spotter_river_jobs", []string{"state=completed"}, 7},
		{"spotter_scrape_errors_total", []string{"source=inbox"}, 0},
		{"spotter_webhook_rejected_requests_total", []string{"status=401"}, 5},
		{"spotter_webhook_rejected_requests_total", []string{"status=400"}, 0},
		{"spotter_db_connections_in_use", nil, 1},
		{"spotter_db_connections_max_open", nil, 3},
	} {
		if got := value(fams, tc.name, tc.labels...); got != tc.want {
			t.Errorf("%s%v: got %v, want %v", tc.name, tc.labels, got, tc.want)
		}
	}
	// The database down: the inbox's series go, an error is counted, the
	// rest is still served.
	fail.err = errors.New("connection refused")
	fams = mustScrape(t, m)
	if got := value(fams, "spotter_inbox_pending_updates", "platform=telegram"); got != -1 {
		t.Errorf("pending updates with the database down: got %v, want no series", got)
	}
	if got := value(fams, "spotter_scrape_errors_total", "source=inbox"); got != 1 {
		t.Errorf("spotter_scrape_errors_total{source=inbox}: got %v, want 1", got)
	}
	if got := value(fams, "spotter_river_jobs", "state=available"); got != 2 {
		t.Errorf("River jobs beside a failing source: got %v, want 2", got)
	}
}

// BenchmarkPerUpdate is what the Telegram adapter tells its observer for
// one update answered with one message, from many goroutines at once.
func BenchmarkPerUpdate(b *testing.B) {
	p := obs.New().Platform("telegram")
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p.UpdatesReceived(1)
			p.ReplySent(true)
			p.UpdateHandled(obs.OutcomeOK, 3*time.Millisecond)
		}
	})
}
