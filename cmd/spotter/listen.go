package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spotterbot/spotter/adapters/discord"
	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/bot/obs"
	"github.com/spotterbot/spotter/bot/schedule"
	"github.com/spotterbot/spotter/storage"
)

// What bot/obs implements for the parts that count.
var (
	_ telegram.Observer = (*obs.Platform)(nil)
	_ discord.Observer  = (*obs.Platform)(nil)
	_ schedule.Observer = (*obs.Metrics)(nil)
	_ obs.InboxCounter  = (*storage.Store)(nil)
	_ obs.JobCounter    = (*schedule.Scheduler)(nil)
	_ obs.RejectCounter = (*telegram.Adapter)(nil)
)

// opsPaths are served by the listener itself; a webhook URL may not use them.
var opsPaths = []string{"/healthz", "/readyz", "/metrics"}

// readyTimeout bounds /readyz: the database ping and the platforms' checks
// together, under a probe's usual timeout of a few seconds.
const readyTimeout = 2 * time.Second

// listener is `spotter serve`'s one HTTP server, in every mode:
//
//	/healthz  200 while every long-running loop runs; 503 naming those that stopped
//	/readyz   200 when the database answers and each platform is connected; 503 with the reason
//	/metrics  Prometheus text: spotter_*, go_*, process_*
//
// and, in webhook mode, Telegram's webhook path (the adapter adds it).
type listener struct {
	log     *slog.Logger
	metrics *obs.Metrics
	mux     *http.ServeMux
	srv     *http.Server
	addr    net.Addr
	failed  chan error // the server stopped on its own

	mu     sync.Mutex
	checks []readyCheck
}

// readyCheck is one condition of readiness: nil when met.
type readyCheck struct {
	name  string
	check func(ctx context.Context) error
}

// listen binds addr and starts serving the probes and /metrics.
func listen(addr string, log *slog.Logger) (*listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (SPOTTER_LISTEN): %w", addr, err)
	}
	l := &listener{log: log, metrics: obs.New(), mux: http.NewServeMux(), addr: ln.Addr(), failed: make(chan error, 1)}
	l.mux.HandleFunc("/healthz", l.healthz)
	l.mux.HandleFunc("/readyz", l.readyz)
	l.mux.Handle("/metrics", l.metrics.Handler())
	// Until watchStore, the database is being opened and migrated.
	l.ready("database", func(context.Context) error { return errors.New("opening (migrating the schema)") })
	l.srv = &http.Server{Handler: l.mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second}
	go func() {
		if err := l.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			l.failed <- err
		}
	}()
	log.Info("listening: /healthz, /readyz, /metrics", "addr", l.addr.String())
	return l, nil
}

// checkSettings refuses what the platforms would refuse at start, and a
// webhook URL whose path the listener serves itself.
func checkSettings(tg telegram.Config, getenv func(string) string) error {
	if tg.Token != "" {
		if err := tg.Check(); err != nil {
			return err
		}
	}
	if _, _, err := discord.ConfigFromEnv(getenv); err != nil {
		return err
	}
	if tg.WebhookURL == "" {
		return nil
	}
	if p := telegram.WebhookPath(tg.WebhookURL); slices.Contains(opsPaths, p) {
		return fmt.Errorf("TELEGRAM_WEBHOOK_URL %q: its path %s is the listener's own; use another, e.g. /telegram", tg.WebhookURL, p)
	}
	return nil
}

// ready adds a condition of readiness, or replaces the one of that name.
func (l *listener) ready(name string, check func(ctx context.Context) error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, c := range l.checks {
		if c.name == name {
			l.checks[i].check = check
			return
		}
	}
	l.checks = append(l.checks, readyCheck{name, check})
}

// watchStore makes the database a condition of readiness (a ping) and adds
// its pool and the inbox depth of platforms to the metrics.
func (l *listener) watchStore(st *storage.Store, platforms ...string) error {
	db, err := st.SQL()
	if err != nil {
		return fmt.Errorf("database handle: %w", err)
	}
	l.ready("database", db.PingContext)
	if err := l.metrics.WatchDB(db); err != nil {
		return err
	}
	return l.metrics.WatchInbox(st, platforms...)
}

// watchTelegram makes the Telegram adapter a condition of readiness and
// adds its refused webhook requests to the metrics.
func (l *listener) watchTelegram(ta *telegram.Adapter) error {
	l.ready("telegram", func(context.Context) error { return ta.Ready() })
	return l.metrics.WatchWebhook(ta)
}

// watchScheduler reports River's jobs in the metrics and the scheduler as
// a long-running loop, from its start until River stops.
func (l *listener) watchScheduler(sch *schedule.Scheduler) error {
	stopped := l.metrics.Loops().Start("scheduler")
	go func() { <-sch.Stopped(); stopped() }()
	return l.metrics.WatchJobs(sch)
}

func (l *listener) healthz(w http.ResponseWriter, _ *http.Request) {
	if stopped := l.metrics.Loops().Stopped(); len(stopped) > 0 {
		http.Error(w, "stopped: "+strings.Join(stopped, ", "), http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ok")
}

func (l *listener) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	l.mu.Lock()
	checks := slices.Clone(l.checks)
	l.mu.Unlock()
	var why []string
	for _, c := range checks {
		if err := c.check(ctx); err != nil {
			msg := strings.Join(strings.Fields(err.Error()), " ") // one line
			if !strings.HasPrefix(msg, c.name+":") {
				msg = c.name + ": " + msg
			}
			why = append(why, msg)
		}
	}
	if len(why) > 0 {
		http.Error(w, "not ready: "+strings.Join(why, "; "), http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ready")
}

// run returns when ctx ends (the server goes on until shutdown, so the
// probes and /metrics answer while the platforms drain), or with an error
// when the server stopped on its own.
func (l *listener) run(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return nil
	case err := <-l.failed:
		return fmt.Errorf("HTTP listener on %s: %w", l.addr, err)
	}
}

// shutdown stops the server, letting requests in flight finish for a few
// seconds.
func (l *listener) shutdown() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := l.srv.Shutdown(ctx); err != nil {
		l.log.Warn("HTTP listener shutdown", "err", err)
	}
}
