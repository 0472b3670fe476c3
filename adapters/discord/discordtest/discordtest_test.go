package discordtest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func post(t *testing.T, url, body string) *http.Response {
	t.Helper()
	r, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	return r
}

// The fake refuses what Discord refuses, so tests of the adapter can fail.
func TestInteractionRules(t *testing.T) {
	s := New()
	defer s.Close()
	s.mu.Lock()
	ex := &Exchange{ID: "1", Token: "tok-1", DispatchedAt: time.Now(), s: s}
	s.exchanges["1"] = ex
	s.mu.Unlock()
	api := s.URL + "/api/v9"
	tests := []struct {
		name, method, path, body string
		want                     int
	}{
		{"edit before any acknowledgement", "PATCH", "/webhooks/900/tok-1/messages/@original", `{"content":"x"}`, 404},
		{"follow-up before any acknowledgement", "POST", "/webhooks/900/tok-1", `{"content":"x"}`, 404},
		{"callback with a wrong token", "POST", "/interactions/1/tok-2/callback", `{"type":4,"data":{"content":"x"}}`, 404},
		{"first callback", "POST", "/interactions/1/tok-1/callback", `{"type":5,"data":{"flags":64}}`, 204},
		{"second callback", "POST", "/interactions/1/tok-1/callback", `{"type":4,"data":{"content":"x"}}`, 400},
		{"edit after acknowledgement", "PATCH", "/webhooks/900/tok-1/messages/@original", `{"content":"done"}`, 200},
	}
	for _, tc := range tests {
		req, _ := http.NewRequest(tc.method, api+tc.path, strings.NewReader(tc.body))
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, r.StatusCode, tc.want)
		}
	}
	if m, ok := ex.Final(time.Second); !ok || m.Content != "done" {
		t.Errorf("final = %+v, want the edit", m)
	}
}

// A token takes no edit or follow-up after it expired.
func TestExpiredToken(t *testing.T) {
	s := New()
	defer s.Close()
	s.TokenLife = 50 * time.Millisecond
	s.mu.Lock()
	s.exchanges["1"] = &Exchange{ID: "1", Token: "tok-1", DispatchedAt: time.Now(), s: s}
	s.mu.Unlock()
	api := s.URL + "/api/v9"
	if r := post(t, api+"/interactions/1/tok-1/callback", `{"type":5,"data":{"flags":64}}`); r.StatusCode != 204 {
		t.Fatalf("deferral: status %d, want 204", r.StatusCode)
	}
	if r := post(t, api+"/webhooks/900/tok-1", `{"content":"in time"}`); r.StatusCode != 200 {
		t.Errorf("follow-up in time: status %d, want 200", r.StatusCode)
	}
	time.Sleep(60 * time.Millisecond)
	if r := post(t, api+"/webhooks/900/tok-1", `{"content":"late"}`); r.StatusCode != 404 {
		t.Errorf("follow-up after the token expired: status %d, want 404", r.StatusCode)
	}
}

func TestRateLimitHeaders(t *testing.T) {
	s := New()
	defer s.Close()
	s.RateLimit("POST", "/channels/", 1, 1500*time.Millisecond, true)
	r := post(t, s.URL+"/api/v9/channels/5/messages", `{"content":"x"}`)
	h := r.Header
	if r.StatusCode != 429 || h.Get("Retry-After") != "2" || h.Get("X-RateLimit-Reset-After") != "1.500" ||
		h.Get("X-RateLimit-Remaining") != "0" || h.Get("X-RateLimit-Global") != "true" || h.Get("X-RateLimit-Bucket") == "" {
		t.Errorf("429 = %d %v, want Discord's rate-limit headers", r.StatusCode, h)
	}
	if r := post(t, s.URL+"/api/v9/channels/5/messages", `{"content":"x"}`); r.StatusCode != 200 {
		t.Errorf("after the limit: %d, want 200", r.StatusCode)
	}
}
