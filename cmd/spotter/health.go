package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// healthTimeout bounds the whole check, below Docker's HEALTHCHECK timeout.
const healthTimeout = 3 * time.Second

// runHealth asks a running `spotter serve` whether it is ready: exit 0 on a
// 200 from /readyz, 1 with the reason on stderr otherwise. It is the
// image's HEALTHCHECK (distroless has no shell, no curl).
func runHealth(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	target := fs.String("url", "", "the URL to check (default http://127.0.0.1:PORT/readyz, PORT from SPOTTER_LISTEN)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	u := *target
	if u == "" {
		listen := envOr(getenv, "SPOTTER_LISTEN", ":8080")
		var err error
		if u, err = readyzURL(listen); err != nil {
			return configError{fmt.Sprintf("SPOTTER_LISTEN %q: %v", listen, err)}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return usageError{fmt.Sprintf("health: --url %q: %v", u, err)}
	}
	// No proxy: the check is of this machine's server.
	client := &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("not ready: GET %s: no answer within %v", u, healthTimeout)
		}
		return fmt.Errorf("not ready: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		reason := strings.Join(strings.Fields(string(body)), " ")
		if reason != "" {
			reason = ": " + reason
		}
		return fmt.Errorf("not ready: GET %s: %s%s", u, resp.Status, reason)
	}
	fmt.Fprintf(stdout, "ready: GET %s: %s\n", u, resp.Status)
	return nil
}

// readyzURL is where a server listening on listen (":8080", "0.0.0.0:8080",
// "10.0.0.5:8080") answers from this machine: a wildcard address is reached
// on loopback.
func readyzURL(listen string) (string, error) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "", err
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz", nil
}
