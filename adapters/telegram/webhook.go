package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot/inbox"
)

// WebhookHandler receives updates Telegram posts. It answers 405 to a method
// other than POST, 401 to a request without the right
// X-Telegram-Bot-Api-Secret-Token, 413 to a body over 1 MB, 400 to a body
// that is no update, and 200 only once the update is recorded: until then
// Telegram keeps it and posts it again. Refusals are counted (Rejected) and
// logged at most once a minute. It needs Run to be running (in webhook mode).
func (a *Adapter) WebhookHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reject := func(status int, msg string) {
			a.rejected.add(status, time.Now(), a.log)
			http.Error(w, msg, status)
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			reject(http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if a.cfg.WebhookSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(a.cfg.WebhookSecret)) != 1 {
			reject(http.StatusUnauthorized, "unauthorized")
			return
		}
		if a.stopping.Load() || a.ib == nil {
			http.Error(w, "stopping", http.StatusServiceUnavailable)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			reject(http.StatusRequestEntityTooLarge, "update too large")
			return
		}
		if err != nil {
			reject(http.StatusBadRequest, "read error")
			return
		}
		var u models.Update
		if err := json.Unmarshal(body, &u); err != nil || u.ID == 0 {
			reject(http.StatusBadRequest, "not a Telegram update")
			return
		}
		if err := a.ib.WaitRoom(r.Context(), 1); err != nil {
			return // Telegram gave up; it posts the update again
		}
		now := time.Now()
		rows := []inbox.Event{{ID: u.ID, Key: chatKeyOf(&u), Payload: body, ReceivedAt: now, KeptKey: a.keptKeyOf(u.ID)}}
		fresh, err := a.ib.Record(r.Context(), rows)
		if err != nil {
			a.log.Error("record webhook update", "update_id", u.ID, "err", err)
			a.unrecorded([]*models.Update{&u}, now)
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
		a.enqueue(r.Context(), rows, []*models.Update{&u}, fresh)
		w.WriteHeader(http.StatusOK)
	})
}

// serveWebhook serves the webhook path until ctx ends, then stops taking
// requests and waits for those being recorded.
func (a *Adapter) serveWebhook(ctx context.Context) error {
	defer a.obs.Loop("intake")()
	// Refusals since the last line are reported within a minute or so of
	// being due, also when no further request comes, and at the stop.
	reporting, stopReporting := context.WithCancel(ctx)
	reported := make(chan struct{})
	go func() {
		every(reporting, rejectEvery/6, func() { a.rejected.report(time.Now(), a.log, false) })
		close(reported)
	}()
	defer func() { stopReporting(); <-reported; a.rejected.report(time.Now(), a.log, true) }()
	path := WebhookPath(a.cfg.WebhookURL)
	if a.cfg.Mux != nil {
		return a.serveWebhookOn(ctx, a.cfg.Mux, path)
	}
	mux := http.NewServeMux()
	mux.Handle(path, a.WebhookHandler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second}
	ln := a.cfg.Listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", a.cfg.Listen); err != nil {
			return fmt.Errorf("telegram webhook listen %s: %w", a.cfg.Listen, err)
		}
	}
	a.log.Info("webhook listening", "addr", ln.Addr().String(), "path", path)
	a.ready.intake.Store(intakeWebhook)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("telegram webhook server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		a.log.Warn("webhook shutdown", "err", err)
	}
	return nil
}

// every runs f every d until ctx ends.
func every(ctx context.Context, d time.Duration, f func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}

// WebhookPath is the path of webhookURL the webhook is served on ("/" when
// it has none).
func WebhookPath(webhookURL string) string {
	if u, err := url.Parse(webhookURL); err == nil && u.Path != "" {
		return u.Path
	}
	return "/"
}

// serveWebhookOn serves the webhook on the process's mux until ctx ends.
// The handler stays: after the stop it answers 503, and Telegram posts
// the update again, to another replica or after the restart.
func (a *Adapter) serveWebhookOn(ctx context.Context, mux *http.ServeMux, path string) (err error) {
	defer func() {
		if r := recover(); r != nil { // a path taken, or not a pattern
			err = fmt.Errorf("telegram webhook path %q: %v", path, r)
		}
	}()
	mux.Handle(path, a.WebhookHandler())
	a.ready.intake.Store(intakeWebhook)
	a.log.Info("webhook served on the shared listener", "path", path)
	<-ctx.Done()
	return nil
}
