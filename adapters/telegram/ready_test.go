package telegram

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReadyStates(t *testing.T) {
	a := &Adapter{}
	if err := a.Ready(); err == nil || !strings.Contains(err.Error(), "connecting") {
		t.Errorf("before start: got %v, want connecting", err)
	}
	a.ready.intake.Store(intakePolling)
	if err := a.Ready(); err != nil {
		t.Errorf("polling: got %v, want nil", err)
	}
	// A blip is not worth a word; a getUpdates failing for a minute is.
	now := time.Now()
	a.ready.polled(errors.New("telegram getUpdates: 502 Bad Gateway"), now)
	if err := a.Ready(); err != nil {
		t.Errorf("one failure: got %v, want nil", err)
	}
	a = &Adapter{}
	a.ready.intake.Store(intakePolling)
	a.ready.polled(errors.New("telegram getUpdates: 409 Conflict: terminated by other getUpdates request"), now.Add(-time.Minute))
	a.ready.polled(errors.New("telegram getUpdates: 409 Conflict: terminated by other getUpdates request"), now)
	err := a.Ready()
	if err == nil || !strings.Contains(err.Error(), "getUpdates failing for 1m") || !strings.Contains(err.Error(), "409 Conflict") {
		t.Errorf("failing for a minute: got %v, want the duration and the last error", err)
	}
	a.ready.polled(nil, now)
	if err := a.Ready(); err != nil {
		t.Errorf("answering again: got %v, want nil", err)
	}
	a.ready.intake.Store(intakeWebhook)
	if err := a.Ready(); err != nil {
		t.Errorf("webhook: got %v, want nil", err)
	}
}
