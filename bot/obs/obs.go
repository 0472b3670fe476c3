// Package obs is what Spotter tells its operators about itself: Prometheus
// series named spotter_* (beside the Go runtime's and the process's, on a
// registry of its own) and which long-running loops are alive.
//
// The adapters and the scheduler declare the few methods they call (each an
// Observer, in its own package); Platform and Metrics implement them, and
// cmd/spotter wires them and serves /metrics. Counting is cheap: a
// platform's series are resolved once, when its Platform is made, so a hot
// path adds an atomic increment and no map or label lookup.
package obs

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Outcomes of a handled update, as the adapters report them.
const (
	OutcomeOK          = "ok"          // answered
	OutcomeIgnored     = "ignored"     // not for the bot: an edit, another bot, group chatter
	OutcomeError       = "error"       // the bot failed; the user got its apology
	OutcomeFailed      = "failed"      // the reply could not be delivered
	OutcomeUnreachable = "unreachable" // the user blocked the bot or left the chat
)

// outcomes are resolved ahead for every platform, so their series exist
// (at 0) from the start and a rate() over them has a beginning.
var outcomes = []string{OutcomeOK, OutcomeIgnored, OutcomeError, OutcomeFailed, OutcomeUnreachable}

// Scheduled message outcomes.
const (
	ScheduledSent        = "sent"
	ScheduledFailed      = "failed"      // River retries the job
	ScheduledUnreachable = "unreachable" // not retried
)

// handleBuckets span a reply straight from memory (a few ms) to one that
// waited out a per-chat rate limit or a 429 (seconds to a minute).
var handleBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}

// Metrics holds Spotter's series on a registry of its own.
type Metrics struct {
	reg *prometheus.Registry

	received  *prometheus.CounterVec   // platform
	handled   *prometheus.CounterVec   // platform, outcome
	seconds   *prometheus.HistogramVec // platform
	sent      *prometheus.CounterVec   // platform
	failed    *prometheus.CounterVec   // platform
	limited   *prometheus.CounterVec   // platform
	retried   *prometheus.CounterVec   // platform
	tookOver  *prometheus.CounterVec   // platform
	scheduled *prometheus.CounterVec   // platform, kind, outcome

	loops *Loops
}

// New makes the registry with the Go and process collectors and Spotter's
// own series.
func New() *Metrics {
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	}
	m := &Metrics{
		reg:      prometheus.NewRegistry(),
		received: counter("spotter_updates_received_total", "Updates taken from the platform (Telegram: getUpdates or the webhook; Discord: interactions), redeliveries included.", "platform"),
		handled:  counter("spotter_updates_handled_total", "Updates handled to the end, by outcome: ok, ignored, error (the bot failed and apologised), failed (the reply could not be delivered), unreachable.", "platform", "outcome"),
		seconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "spotter_update_handle_seconds", Help: "Time from taking an update off the queue to its reply sent (rate-limit waits included).",
			Buckets: handleBuckets,
		}, []string{"platform"}),
		sent:      counter("spotter_replies_sent_total", "Messages the bot sent or edited (replies and scheduled messages).", "platform"),
		failed:    counter("spotter_replies_failed_total", "Messages the platform refused for good (after retries, or at once: a block, a bad request).", "platform"),
		limited:   counter("spotter_rate_limited_calls_total", "Platform API calls answered 429 Too Many Requests (each is waited out and sent again).", "platform"),
		retried:   counter("spotter_call_retries_total", "Platform API calls sent again after a 429, a 5xx or a network error.", "platform"),
		tookOver:  counter("spotter_inbox_taken_over_updates_total", "Unfinished updates this replica took from another whose lease ran out.", "platform"),
		scheduled: counter("spotter_scheduled_messages_total", "Scheduled messages (poll, deload, easeback, rest, team_post) by outcome: sent, failed (retried), unreachable.", "platform", "kind", "outcome"),
	}
	m.loops = newLoops()
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.received, m.handled, m.seconds, m.sent, m.failed, m.limited, m.retried, m.tookOver, m.scheduled,
		m.loops.gauge,
	)
	return m
}

// Handler serves the registry in Prometheus' text format. A source that
// fails at scrape time (the database is down) leaves its series out and
// counts spotter_scrape_errors_total; the rest is served.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// Loops is the liveness of the process's long-running loops.
func (m *Metrics) Loops() *Loops { return m.loops }

// Scheduled counts one scheduled message of kind on platform by outcome
// (ScheduledSent, ScheduledFailed, ScheduledUnreachable). It implements the
// scheduler's Observer; a few a second at most, so labels are looked up.
func (m *Metrics) Scheduled(platform, kind, outcome string) {
	m.scheduled.WithLabelValues(platform, kind, outcome).Inc()
}
