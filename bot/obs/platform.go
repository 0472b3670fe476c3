package obs

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Platform is one platform's series, resolved once: what its adapter calls
// on every update. Its methods are safe for concurrent use.
type Platform struct {
	name     string
	m        *Metrics
	received prometheus.Counter
	handled  map[string]prometheus.Counter // by outcome; read-only after Platform
	seconds  prometheus.Observer
	sent     prometheus.Counter
	failed   prometheus.Counter
	limited  prometheus.Counter
	retried  prometheus.Counter
	tookOver prometheus.Counter
}

// Platform returns the series of platform ("telegram", "discord"). Call it
// once per adapter: each call resolves the series again.
func (m *Metrics) Platform(name string) *Platform {
	p := &Platform{
		name: name, m: m,
		received: m.received.WithLabelValues(name),
		handled:  make(map[string]prometheus.Counter, len(outcomes)),
		seconds:  m.seconds.WithLabelValues(name),
		sent:     m.sent.WithLabelValues(name),
		failed:   m.failed.WithLabelValues(name),
		limited:  m.limited.WithLabelValues(name),
		retried:  m.retried.WithLabelValues(name),
		tookOver: m.tookOver.WithLabelValues(name),
	}
	for _, o := range outcomes {
		p.handled[o] = m.handled.WithLabelValues(name, o)
	}
	return p
}

// UpdatesReceived counts n updates taken from the platform.
func (p *Platform) UpdatesReceived(n int) { p.received.Add(float64(n)) }

// UpdateHandled counts an update handled to the end with outcome (one of
// the Outcome constants) and records how long it took.
func (p *Platform) UpdateHandled(outcome string, d time.Duration) {
	c, ok := p.handled[outcome]
	if !ok {
		c = p.m.handled.WithLabelValues(p.name, outcome)
	}
	c.Inc()
	p.seconds.Observe(d.Seconds())
}

// ReplySent counts one outbound message: delivered (ok) or refused for good.
func (p *Platform) ReplySent(ok bool) {
	if ok {
		p.sent.Inc()
	} else {
		p.failed.Inc()
	}
}

// RateLimited counts a call answered 429.
func (p *Platform) RateLimited() { p.limited.Inc() }

// Retried counts a call sent again after a failure.
func (p *Platform) Retried() { p.retried.Inc() }

// TookOver counts n updates taken from a replica whose lease ran out.
func (p *Platform) TookOver(n int) { p.tookOver.Add(float64(n)) }

// Loop marks the platform's loop name ("intake", "leases") as running, as
// "PLATFORM-NAME" in Loops, and returns the func that marks it stopped.
func (p *Platform) Loop(name string) (stopped func()) { return p.m.loops.Start(p.name + "-" + name) }
