package telegram_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot/obs"
)

var _ telegram.Observer = (*obs.Platform)(nil)

// counter is the value of name{platform="telegram", labels...} in m's
// /metrics; -1 when there is no such series.
func counter(t *testing.T, m *obs.Metrics, name string, labels ...string) float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]string{"platform=telegram"}, labels...)
	for _, s := range fams[name].GetMetric() {
		if hasLabels(s, want) {
			if h := s.GetHistogram(); h != nil {
				return float64(h.GetSampleCount())
			}
			return s.GetCounter().GetValue()
		}
	}
	return -1
}

func hasLabels(s *dto.Metric, want []string) bool {
	have := map[string]string{}
	for _, l := range s.GetLabel() {
		have[l.GetName()] = l.GetValue()
	}
	for _, kv := range want {
		k, v, _ := strings.Cut(kv, "=")
		if have[k] != v {
			return false
		}
	}
	return true
}

// The adapter counts what it takes and sends, and reports its loops and
// readiness, while polling.
func TestObserverCountsUpdatesRepliesAndRetries(t *testing.T) {
	srv := newServer(t)
	m := obs.New()
	h := mustStart(t, srv, storagetestSQLite(t), nil, func(c *telegram.Config) { c.Observer = m.Platform(telegram.Platform) })
	srv.Fail("sendMessage", telegramtest.Failure{Status: 429, RetryAfter: 1}, 1)
	srv.Fail("sendMessage", telegramtest.Failure{Status: 502}, 1)
	for _, text := range []string{"/log squat 100x5", "/log bench 80x5", "/log deadlift 140x3"} {
		srv.SendText(chatOf(ann), ann, text)
	}
	// Group chatter not addressed to the bot: taken, and ignored.
	group := telegramtest.GroupChat(-500, "Gym")
	srv.SendText(group, bob, "anyone training today?")
	mustMessages(t, srv, ann.ID, 3)
	// An update is counted once its reply is out and it is marked done: a
	// moment after the fake has the reply.
	if !srv.WaitFor(10*time.Second, func() bool {
		return counter(t, m, "spotter_updates_handled_total", "outcome=ignored") == 1 &&
			counter(t, m, "spotter_updates_handled_total", "outcome=ok") >= 3
	}) {
		t.Fatalf("the group chatter was not counted as ignored")
	}
	for _, tc := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"spotter_updates_received_total", nil, 4},
		{"spotter_updates_handled_total", []string{"outcome=ok"}, 3},
		{"spotter_updates_handled_total", []string{"outcome=error"}, 0},
		{"spotter_update_handle_seconds", nil, 4},
		{"spotter_replies_sent_total", nil, 3},
		{"spotter_replies_failed_total", nil, 0},
		{"spotter_rate_limited_calls_total", nil, 1},
		{"spotter_call_retries_total", nil, 2}, // after the 429 and after the 502
	} {
		if got := counter(t, m, tc.name, tc.labels...); got != tc.want {
			t.Errorf("%s%v: got %v, want %v", tc.name, tc.labels, got, tc.want)
		}
	}
	if err := h.a.Ready(); err != nil {
		t.Errorf("Ready while polling: %v", err)
	}
	if got := m.Loops().Stopped(); got != nil {
		t.Errorf("loops stopped while running: %v", got)
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if err := h.a.Ready(); err == nil || !strings.Contains(err.Error(), "stopped") {
		t.Errorf("Ready after the stop: got %v, want an error saying it stopped", err)
	}
	if got := strings.Join(m.Loops().Stopped(), " "); got != "telegram-intake telegram-leases telegram-prune telegram-takeover" {
		t.Errorf("loops stopped after the stop: got %q", got)
	}
}

// A user who blocked the bot: the update is counted unreachable, its reply failed.
func TestObserverCountsUnreachable(t *testing.T) {
	srv := newServer(t)
	m := obs.New()
	mustStart(t, srv, storagetestSQLite(t), nil, func(c *telegram.Config) { c.Observer = m.Platform(telegram.Platform) })
	srv.Block(ann.ID)
	srv.SendText(chatOf(ann), ann, "/help")
	if !srv.WaitFor(10*time.Second, func() bool {
		return counter(t, m, "spotter_updates_handled_total", "outcome=unreachable") == 1
	}) {
		t.Fatalf("handled unreachable: got %v, want 1", counter(t, m, "spotter_updates_handled_total", "outcome=unreachable"))
	}
	if got := counter(t, m, "spotter_replies_failed_total"); got != 1 {
		t.Errorf("replies failed: got %v, want 1", got)
	}
}

// With a Mux, the webhook is served on the process's own listener: not
// ready until Run has added it, ready once it did.
func TestWebhookOnSharedMux(t *testing.T) {
	srv := newServer(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) })
	web := httptest.NewServer(mux)
	defer web.Close()
	const secret = "s3cret_Token-1"
	m := obs.New()
	h := mustStart(t, srv, storagetestSQLite(t), nil, func(c *telegram.Config) {
		c.WebhookURL, c.WebhookSecret, c.Mux = "https://spotter.example/tg/hook", secret, mux
		c.Observer = m.Platform(telegram.Platform)
	})
	if !srv.WaitFor(10*time.Second, func() bool { return h.a.Ready() == nil }) {
		t.Fatalf("not ready in webhook mode: %v", h.a.Ready())
	}
	update := models.Update{ID: srv.NextUpdateID(), Message: srv.TextMessage(chatOf(ann), ann, "/log squat 100x5", time.Now())}
	req, _ := http.NewRequest(http.MethodPost, web.URL+"/tg/hook", bytes.NewReader(mustJSON(t, update)))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("webhook post: got HTTP %d, want 200", resp.StatusCode)
	}
	if ms := mustMessages(t, srv, ann.ID, 1); !strings.HasPrefix(ms[0].Plain(), "Logged squat") {
		t.Errorf("reply: got %q", ms[0].Plain())
	}
	if got := counter(t, m, "spotter_updates_received_total"); got != 1 {
		t.Errorf("received: got %v, want 1", got)
	}
	// The mux's other routes are untouched.
	resp, err = http.Get(web.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz beside the webhook: got HTTP %d", resp.StatusCode)
	}
	h.stop()
	resp, err = http.Post(web.URL+"/tg/hook", "application/json", bytes.NewReader(mustJSON(t, update)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Errorf("webhook post after the stop: got 200, want a refusal")
	}
}

// A webhook path the process's mux already serves is refused at start.
func TestWebhookPathTaken(t *testing.T) {
	srv := newServer(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(http.ResponseWriter, *http.Request) {})
	h := mustStart(t, srv, storagetestSQLite(t), nil, func(c *telegram.Config) {
		c.WebhookURL, c.WebhookSecret, c.Mux = "https://spotter.example/metrics", "s3cret", mux
	})
	select {
	case err := <-h.done:
		h.done <- err
		if err == nil || !strings.Contains(err.Error(), `webhook path "/metrics"`) {
			t.Errorf("Run: got %v, want an error naming the path", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not stop")
	}
}
