package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// freeAddr is a loopback address with a port nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// lockedBuffer is a log sink the server writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// mustGet fetches url and returns its status and body.
func mustGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp.StatusCode, string(body)
}

// waitStatus polls url until it answers want, for up to 20 s.
func waitStatus(t *testing.T, url string, want int) string {
	t.Helper()
	var code int
	var body string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(url)
		if err != nil {
			continue // not listening yet
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if code, body = resp.StatusCode, string(b); code == want {
			return body
		}
	}
	t.Fatalf("GET %s: got %d %q, want %d", url, code, body, want)
	return ""
}

// mustMetrics scrapes url and parses the Prometheus text format.
func mustMetrics(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	code, body := mustGet(t, url)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, code, body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse %s: %v", url, err)
	}
	return fams
}

// sample is the series of name whose labels include want ("k=v" each).
func sample(fams map[string]*dto.MetricFamily, name string, want ...string) *dto.Metric {
next:
	for _, m := range fams[name].GetMetric() {
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
		return m
	}
	return nil
}

// `spotter serve` on Telegram long polling listens on SPOTTER_LISTEN: the
// probes answer, /metrics counts exactly the updates sent, and /readyz
// turns 503 once the database is gone.
func TestServeProbesAndMetrics(t *testing.T) {
	for _, be := range storagetest.Backends(t) {
		t.Run(be.Name, func(t *testing.T) {
			srv := telegramtest.New("42:probes")
			defer srv.Close()
			addr := freeAddr(t)
			env := map[string]string{"TELEGRAM_BOT_TOKEN": "42:probes", "TELEGRAM_API_URL": srv.URL(), "SPOTTER_LISTEN": addr, "SPOTTER_LOG_LEVEL": "warn"}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			opened := make(chan *storage.Store, 1)
			done := make(chan error, 1)
			var logs lockedBuffer
			go func() {
				log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
				done <- serve(ctx, []string{"--db", storagetest.FreshDSN(t, be)}, func(k string) string { return env[k] }, &logs, log,
					func(st *storage.Store) { opened <- st })
			}()
			var st *storage.Store
			select {
			case st = <-opened:
			case err := <-done:
				t.Fatalf("serve: %v; log: %s", err, logs.String())
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not open the database")
			}
			base := "http://" + addr
			if body := waitStatus(t, base+"/readyz", http.StatusOK); body != "ready\n" {
				t.Errorf("/readyz: got %q, want ready", body)
			}
			if code, body := mustGet(t, base+"/healthz"); code != http.StatusOK || body != "ok\n" {
				t.Errorf("/healthz: got %d %q, want 200 ok", code, body)
			}

			// Seven updates from three users; each gets one reply.
			users := []models.User{telegramtest.User(7, "Ann"), telegramtest.User(8, "Bo"), telegramtest.User(9, "Cy")}
			const n = 7
			for i := range n {
				u := users[i%len(users)]
				srv.SendText(telegramtest.PrivateChat(u), u, fmt.Sprintf("/log squat %dx5 rir2", 100+i))
			}
			for _, u := range users {
				want := (n + len(users) - 1 - int(u.ID-7)) / len(users)
				if _, err := srv.WaitMessages(u.ID, want, 20*time.Second); err != nil {
					t.Fatalf("%v; log: %s", err, logs.String())
				}
			}
			var fams map[string]*dto.MetricFamily
			// The fake server holds the last reply before the sender counts it,
			// and the update is counted handled (and timed) apart from its reply:
			// wait until every series has caught up.
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				fams = mustMetrics(t, base+"/metrics")
				received := sample(fams, "spotter_updates_received_total", "platform=telegram").GetCounter().GetValue()
				handled := sample(fams, "spotter_updates_handled_total", "platform=telegram", "outcome=ok").GetCounter().GetValue()
				sent := sample(fams, "spotter_replies_sent_total", "platform=telegram").GetCounter().GetValue()
				timed := sample(fams, "spotter_update_handle_seconds", "platform=telegram").GetHistogram().GetSampleCount()
				if received >= n && handled >= n && sent >= n && timed >= n {
					break
				}
			}
			for _, tc := range []struct {
				name   string
				labels []string
				want   float64
			}{
				{"spotter_updates_received_total", []string{"platform=telegram"}, n},
				{"spotter_updates_handled_total", []string{"platform=telegram", "outcome=ok"}, n},
				{"spotter_updates_handled_total", []string{"platform=telegram", "outcome=error"}, 0},
				{"spotter_replies_sent_total", []string{"platform=telegram"}, n},
				{"spotter_replies_failed_total", []string{"platform=telegram"}, 0},
				{"spotter_loop_running", []string{"loop=telegram-intake"}, 1},
				{"spotter_loop_running", []string{"loop=scheduler"}, 1},
			} {
				m := sample(fams, tc.name, tc.labels...)
				got := -1.0
				if m != nil {
					got = m.GetCounter().GetValue() + m.GetGauge().GetValue()
				}
				if got != tc.want {
					t.Errorf("%s%v: got %v, want %v", tc.name, tc.labels, got, tc.want)
				}
			}
			h := sample(fams, "spotter_update_handle_seconds", "platform=telegram").GetHistogram()
			if h.GetSampleCount() != n || len(h.GetBucket()) < 10 {
				t.Errorf("spotter_update_handle_seconds: got %d samples in %d buckets, want %d in 10 or more", h.GetSampleCount(), len(h.GetBucket()), n)
			}
			if b := h.GetBucket(); len(b) > 0 && b[len(b)-1].GetCumulativeCount() != n {
				t.Errorf("largest finite bucket holds %d, want all %d", b[len(b)-1].GetCumulativeCount(), n)
			}
			for _, name := range []string{"spotter_db_connections_in_use", "spotter_db_connections_idle", "go_goroutines", "process_resident_memory_bytes"} {
				if fams[name] == nil {
					t.Errorf("no %s in /metrics", name)
				}
			}
			if sample(fams, "spotter_river_jobs", "state=available") == nil || sample(fams, "spotter_inbox_pending_updates", "platform=telegram") == nil {
				t.Errorf("no River job or inbox gauges in /metrics")
			}

			// The database goes away: not ready, with the reason; still alive.
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			body := waitStatus(t, base+"/readyz", http.StatusServiceUnavailable)
			if !strings.HasPrefix(body, "not ready: database: ") || strings.Count(body, "\n") != 1 {
				t.Errorf("/readyz with the database closed: got %q, want one line naming the database", body)
			}
			if code, body := mustGet(t, base+"/healthz"); code != http.StatusOK {
				t.Errorf("/healthz with the database closed: got %d %q, want 200 (restarting does not bring a database back)", code, body)
			}
			if code, _ := mustGet(t, base+"/metrics"); code != http.StatusOK {
				t.Errorf("/metrics with the database closed: got %d, want 200", code)
			}

			cancel()
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("serve did not stop")
			}
			if _, err := http.Get(base + "/healthz"); err == nil {
				t.Errorf("still listening after serve returned")
			}
		})
	}
}

// In webhook mode the webhook is one more path on the same listener.
func TestServeWebhookOnTheListener(t *testing.T) {
	srv := telegramtest.New("42:hook")
	defer srv.Close()
	addr := freeAddr(t)
	const secret = "s3cret_Token-1"
	env := map[string]string{"TELEGRAM_BOT_TOKEN": "42:hook", "TELEGRAM_API_URL": srv.URL(), "SPOTTER_LISTEN": addr, "SPOTTER_LOG_LEVEL": "warn",
		"TELEGRAM_WEBHOOK_URL": "https://spotter.example/tg/hook", "TELEGRAM_WEBHOOK_SECRET": secret}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs lockedBuffer
	go func() {
		done <- run(ctx, []string{"serve", "--db", storagetest.FreshDSN(t, storagetest.SQLite)}, func(k string) string { return env[k] }, nil, io.Discard, &logs)
	}()
	base := "http://" + addr
	waitStatus(t, base+"/readyz", http.StatusOK)
	if u, s := srv.Webhook(); u != "https://spotter.example/tg/hook" || s != secret {
		t.Errorf("webhook set: got %q %q", u, s)
	}
	ann := telegramtest.User(7, "Ann")
	body, err := json.Marshal(models.Update{ID: srv.NextUpdateID(), Message: srv.TextMessage(telegramtest.PrivateChat(ann), ann, "/log squat 100x5", time.Now())})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/tg/hook", bytes.NewReader(body))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("webhook post: got %d, want 200", resp.StatusCode)
	}
	if ms, err := srv.WaitMessages(ann.ID, 1, 20*time.Second); err != nil || !strings.HasPrefix(ms[0].Plain(), "Logged squat") {
		t.Errorf("reply: %v %v; log: %s", ms, err, logs.String())
	}
	req, _ = http.NewRequest(http.MethodPost, base+"/tg/hook", bytes.NewReader(body))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "guess")
	if resp, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("webhook post with a wrong secret: got %d, want 401", resp.StatusCode)
	}
	fams := mustMetrics(t, base+"/metrics")
	if got := sample(fams, "spotter_updates_received_total", "platform=telegram").GetCounter().GetValue(); got != 1 {
		t.Errorf("updates received: got %v, want 1", got)
	}
	if got := sample(fams, "spotter_webhook_rejected_requests_total", "status=401").GetCounter().GetValue(); got != 1 {
		t.Errorf("webhook requests refused with 401: got %v, want 1", got)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestListenAddressTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	srv := telegramtest.New("42:taken")
	defer srv.Close()
	env := map[string]string{"TELEGRAM_BOT_TOKEN": "42:taken", "TELEGRAM_API_URL": srv.URL(), "SPOTTER_LISTEN": ln.Addr().String(), "SPOTTER_LOG_LEVEL": "error"}
	err = run(context.Background(), []string{"serve", "--db", storagetest.FreshDSN(t, storagetest.SQLite)}, func(k string) string { return env[k] }, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "SPOTTER_LISTEN") {
		t.Errorf("serve on a taken address: got %v, want an error naming SPOTTER_LISTEN", err)
	}
}
