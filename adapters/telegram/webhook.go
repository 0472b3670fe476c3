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

	"github.com/spotterbot/spotter/storage"
)

// WebhookHandler receives updates Telegram posts. It answers 401 to a request
// without the right X-Telegram-Bot-Api-Secret-Token, 413 to a body over 1 MB,
// and 200 only once the update is recorded: until then Telegram keeps it and
// posts it again. It needs Run to be running (in webhook mode).
func (a *Adapter) WebhookHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if a.cfg.WebhookSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(a.cfg.WebhookSecret)) != 1 {
			a.log.Warn("webhook request with a wrong secret refused", "remote", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if a.stopping.Load() || a.disp == nil {
			http.Error(w, "stopping", http.StatusServiceUnavailable)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err != nil {
			http.Error(w, "read error", http.StatusBadRequest)
			return
		}
		var u models.Update
		if err := json.Unmarshal(body, &u); err != nil || u.ID == 0 {
			http.Error(w, "not a Telegram update", http.StatusBadRequest)
			return
		}
		if err := a.disp.waitRoom(r.Context(), 1); err != nil {
			return // Telegram gave up; it posts the update again
		}
		now := time.Now()
		row := storage.InboxUpdate{Platform: Platform, UpdateID: u.ID, ChatKey: chatKeyOf(&u), Payload: body, ReceivedAt: now,
			Owner: a.cfg.Replica, LeaseUntil: now.Add(a.cfg.Lease), KeptKey: a.keptKeyOf(u.ID)}
		fresh, err := a.inbox.RecordUpdates(r.Context(), []storage.InboxUpdate{row})
		if err != nil {
			a.log.Error("record webhook update", "update_id", u.ID, "err", err)
			a.unrecorded([]*models.Update{&u}, now)
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
		a.enqueue(r.Context(), []storage.InboxUpdate{row}, []*models.Update{&u}, fresh)
		w.WriteHeader(http.StatusOK)
	})
}

// serveWebhook serves the webhook path until ctx ends, then stops taking
// requests and waits for those being recorded.
func (a *Adapter) serveWebhook(ctx context.Context) error {
	path := "/"
	if u, err := url.Parse(a.cfg.WebhookURL); err == nil && u.Path != "" {
		path = u.Path
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
