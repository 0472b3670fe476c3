package obs

import (
	"context"
	"database/sql"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// scrapeTimeout bounds each database question asked at scrape time, well
// under Prometheus' default scrape timeout of 10 s.
const scrapeTimeout = 3 * time.Second

// InboxCounter counts the updates recorded and not yet done (*storage.Store).
type InboxCounter interface {
	// PendingUpdates is the number of platform's updates not marked done;
	// 0 when there are none.
	PendingUpdates(ctx context.Context, platform string) (int64, error)
}

// JobCounter counts River's jobs by state (*schedule.Scheduler).
type JobCounter interface {
	// JobCounts maps every job state to its number of jobs (0 included).
	JobCounts(ctx context.Context) (map[string]int64, error)
}

// RejectCounter counts the webhook requests refused, by HTTP status
// (*telegram.Adapter).
type RejectCounter interface {
	// Rejected maps each status refused (400, 401, 405, 413) to the
	// requests answered with it so far; every status is present.
	Rejected() map[int]uint64
}

// WatchWebhook reports c's refused webhook requests at each scrape, as
// spotter_webhook_rejected_requests_total{status}.
func (m *Metrics) WatchWebhook(c RejectCounter) error { return m.reg.Register(rejectCollector{c}) }

type rejectCollector struct{ c RejectCounter }

var rejectedDesc = prometheus.NewDesc("spotter_webhook_rejected_requests_total",
	"Webhook requests refused before they were read as updates, by status: 400 not an update, 401 wrong or missing secret, 405 not a POST, 413 over 1 MB.",
	[]string{"status"}, nil)

func (r rejectCollector) Describe(ch chan<- *prometheus.Desc) { ch <- rejectedDesc }

func (r rejectCollector) Collect(ch chan<- prometheus.Metric) {
	for status, n := range r.c.Rejected() {
		ch <- prometheus.MustNewConstMetric(rejectedDesc, prometheus.CounterValue, float64(n), strconv.Itoa(status))
	}
}

// WatchDB reports db's connection pool at each scrape (sql.DB.Stats).
func (m *Metrics) WatchDB(db *sql.DB) error { return m.reg.Register(dbCollector{db: db}) }

// WatchInbox reports the pending updates of each of platforms at each
// scrape, asking c.
func (m *Metrics) WatchInbox(c InboxCounter, platforms ...string) error {
	return m.reg.Register(&queryCollector{
		desc: prometheus.NewDesc("spotter_inbox_pending_updates", "Updates recorded in the inbox and not yet done (queued, being handled, or left by a stopped replica).", []string{"platform"}, nil),
		errs: scrapeErrors("inbox"),
		query: func(ctx context.Context) (map[string]int64, error) {
			out := make(map[string]int64, len(platforms))
			for _, p := range platforms {
				n, err := c.PendingUpdates(ctx, p)
				if err != nil {
					return nil, err
				}
				out[p] = n
			}
			return out, nil
		},
	})
}

// WatchJobs reports River's jobs by state at each scrape, asking c.
func (m *Metrics) WatchJobs(c JobCounter) error {
	return m.reg.Register(&queryCollector{
		desc:  prometheus.NewDesc("spotter_river_jobs", "River jobs (daily polls, nudges, periodic work) by state.", []string{"state"}, nil),
		errs:  scrapeErrors("river"),
		query: c.JobCounts,
	})
}

// scrapeErrors describes spotter_scrape_errors_total of one source.
func scrapeErrors(source string) *prometheus.Desc {
	return prometheus.NewDesc("spotter_scrape_errors_total", "Scrape-time database questions that failed (their series were left out), by source.",
		nil, prometheus.Labels{"source": source})
}

// queryCollector asks the database at scrape time for one labelled gauge.
type queryCollector struct {
	desc   *prometheus.Desc
	errs   *prometheus.Desc
	query  func(ctx context.Context) (map[string]int64, error)
	failed atomic.Uint64
}

func (c *queryCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc; ch <- c.errs }

func (c *queryCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	counts, err := c.query(ctx)
	if err != nil {
		c.failed.Add(1)
	}
	for label, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), label)
	}
	ch <- prometheus.MustNewConstMetric(c.errs, prometheus.CounterValue, float64(c.failed.Load()))
}

// dbCollector reads the pool's statistics once per scrape.
type dbCollector struct{ db *sql.DB }

var (
	dbInUse = prometheus.NewDesc("spotter_db_connections_in_use", "Database connections in use (sql.DB.Stats).", nil, nil)
	dbIdle  = prometheus.NewDesc("spotter_db_connections_idle", "Idle database connections in the pool.", nil, nil)
	dbMax   = prometheus.NewDesc("spotter_db_connections_max_open", "The pool's limit of open connections (0: none).", nil, nil)
	dbWaits = prometheus.NewDesc("spotter_db_connection_waits_total", "Times a statement waited for a free connection.", nil, nil)
	dbWait  = prometheus.NewDesc("spotter_db_connection_wait_seconds_total", "Time spent waiting for a free connection.", nil, nil)
)

func (c dbCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{dbInUse, dbIdle, dbMax, dbWaits, dbWait} {
		ch <- d
	}
}

func (c dbCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.db.Stats()
	ch <- prometheus.MustNewConstMetric(dbInUse, prometheus.GaugeValue, float64(s.InUse))
	ch <- prometheus.MustNewConstMetric(dbIdle, prometheus.GaugeValue, float64(s.Idle))
	ch <- prometheus.MustNewConstMetric(dbMax, prometheus.GaugeValue, float64(s.MaxOpenConnections))
	ch <- prometheus.MustNewConstMetric(dbWaits, prometheus.CounterValue, float64(s.WaitCount))
	ch <- prometheus.MustNewConstMetric(dbWait, prometheus.CounterValue, s.WaitDuration.Seconds())
}
