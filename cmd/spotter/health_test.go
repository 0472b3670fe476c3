package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestHealth(t *testing.T) {
	var mu sync.Mutex // the handler runs on the server's goroutines
	status := http.StatusOK
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		paths = append(paths, r.URL.Path)
		w.WriteHeader(status)
		if status != http.StatusOK {
			w.Write([]byte("database: ping timed out\n"))
		}
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	health := func(args []string, env map[string]string) (string, string, error) {
		mu.Lock()
		paths = nil
		mu.Unlock()
		var out, errOut bytes.Buffer
		err := run(context.Background(), append([]string{"health"}, args...), func(k string) string { return env[k] }, nil, &out, &errOut)
		mu.Lock()
		defer mu.Unlock()
		return out.String(), errOut.String(), err
	}

	// 200: exit 0; SPOTTER_LISTEN's port on loopback, path /readyz.
	for _, listen := range []string{":" + port, "0.0.0.0:" + port, "127.0.0.1:" + port} {
		out, _, err := health(nil, map[string]string{"SPOTTER_LISTEN": listen})
		if err != nil || !strings.HasPrefix(out, "ready: GET http://127.0.0.1:"+port+"/readyz: 200") {
			t.Errorf("SPOTTER_LISTEN=%s: got %q, %v; want ready", listen, out, err)
		}
		if len(paths) != 1 || paths[0] != "/readyz" {
			t.Errorf("SPOTTER_LISTEN=%s: server saw %v, want one GET /readyz", listen, paths)
		}
	}
	// --url overrides.
	if _, _, err := health([]string{"--url", srv.URL + "/healthz"}, map[string]string{"SPOTTER_LISTEN": ":1"}); err != nil || len(paths) != 1 || paths[0] != "/healthz" {
		t.Errorf("--url: got %v, server saw %v; want one GET /healthz", err, paths)
	}

	// 503: exit 1, the status and the server's reason in the message.
	mu.Lock()
	status = http.StatusServiceUnavailable
	mu.Unlock()
	_, _, err := health([]string{"--url", srv.URL + "/readyz"}, nil)
	want := "spotter: not ready: GET " + srv.URL + "/readyz: 503 Service Unavailable: database: ping timed out"
	if err == nil || exitCode(err) != 1 || errorText(err) != want {
		t.Errorf("503: got %v (exit %d), want %q, exit 1", err, exitCode(err), want)
	}

	// Nothing listening: exit 1.
	srv.Close()
	_, _, err = health(nil, map[string]string{"SPOTTER_LISTEN": ":" + port})
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "not ready") {
		t.Errorf("no server: got %v (exit %d), want not ready, exit 1", err, exitCode(err))
	}
}

func TestReadyzURL(t *testing.T) {
	for _, tc := range []struct{ listen, want string }{
		{":8080", "http://127.0.0.1:8080/readyz"},
		{"0.0.0.0:9000", "http://127.0.0.1:9000/readyz"},
		{"[::]:8080", "http://[::1]:8080/readyz"},
		{"10.1.2.3:8080", "http://10.1.2.3:8080/readyz"},
		{"localhost:8080", "http://localhost:8080/readyz"},
	} {
		if got, err := readyzURL(tc.listen); err != nil || got != tc.want {
			t.Errorf("readyzURL(%q) = %q, %v; want %q", tc.listen, got, err, tc.want)
		}
	}
	err := run(context.Background(), []string{"health"}, env(map[string]string{"SPOTTER_LISTEN": "8080"}), nil, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), `SPOTTER_LISTEN "8080"`) {
		t.Errorf("SPOTTER_LISTEN=8080: got %v (exit %d), want a configuration error naming it", err, exitCode(err))
	}
}
