package discord_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/spotterbot/spotter/adapters/discord"
	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
	"github.com/spotterbot/spotter/bot/obs"
)

var _ discord.Observer = (*obs.Platform)(nil)

// series is the value of name{platform="discord", labels...} in m's
// /metrics (a histogram's count); -1 when there is none.
func series(t *testing.T, m *obs.Metrics, name string, labels ...string) float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
next:
	for _, s := range fams[name].GetMetric() {
		have := map[string]string{}
		for _, l := range s.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for _, kv := range append([]string{"platform=discord"}, labels...) {
			k, v, _ := strings.Cut(kv, "=")
			if have[k] != v {
				continue next
			}
		}
		if h := s.GetHistogram(); h != nil {
			return float64(h.GetSampleCount())
		}
		return s.GetCounter().GetValue()
	}
	return -1
}

func TestObserverAndReady(t *testing.T) {
	t.Parallel()
	m := obs.New()
	h := mustStart(t, options{observer: m.Platform(discord.Platform)})
	if err := h.a.Ready(); err != nil {
		t.Errorf("Ready after READY: %v", err)
	}
	h.srv.RateLimit("POST", "/interactions/", 1, 100*time.Millisecond, false)
	mustFinal(t, h.inServer(member("609", "jo", 0), 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5")), nil))
	mustFinal(t, h.inDM(dt.User{ID: "610", Name: "al"}, 2, dt.Command("help")))
	waitFor(t, "two interactions handled", func() bool {
		return series(t, m, "spotter_updates_handled_total", "outcome=ok") == 2
	})
	for _, tc := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"spotter_updates_received_total", nil, 2},
		{"spotter_update_handle_seconds", nil, 2},
		{"spotter_rate_limited_calls_total", nil, 1},
		{"spotter_call_retries_total", nil, 1},
		{"spotter_replies_failed_total", nil, 0},
	} {
		if got := series(t, m, tc.name, tc.labels...); got != tc.want {
			t.Errorf("%s%v: got %v, want %v", tc.name, tc.labels, got, tc.want)
		}
	}
	if got := series(t, m, "spotter_replies_sent_total"); got < 2 {
		t.Errorf("replies sent: got %v, want at least 2", got)
	}
	if got := m.Loops().Stopped(); got != nil {
		t.Errorf("loops stopped while running: %v", got)
	}
}
