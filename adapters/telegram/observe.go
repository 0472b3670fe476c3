package telegram

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// Observer is told what the adapter does, for metrics and liveness
// (*obs.Platform). Its methods are called on every update and message, so
// they must be cheap, and safe for concurrent use.
type Observer interface {
	// UpdatesReceived counts n updates taken from Telegram (getUpdates or
	// the webhook), redeliveries included.
	UpdatesReceived(n int)
	// UpdateHandled counts an update handled to the end, with its outcome
	// ("ok", "ignored", "error", "failed", "unreachable") and how long it
	// took from leaving the queue. An update cut off by a stop is not
	// counted: it is handled at the next start.
	UpdateHandled(outcome string, d time.Duration)
	// ReplySent counts one message sent or edited (ok), or refused for good.
	ReplySent(ok bool)
	// RateLimited counts a 429; Retried a call sent again after a 429, a
	// 5xx or a network error.
	RateLimited()
	Retried()
	// TookOver counts n updates taken from a replica whose lease ran out.
	TookOver(n int)
	// Loop says a long-running loop ("intake", "leases", "takeover",
	// "prune") started; the func returned says it stopped.
	Loop(name string) (stopped func())
}

// Outcomes of UpdateHandled.
const (
	outcomeOK          = "ok"
	outcomeIgnored     = "ignored"     // not for the bot: an edit, another bot, group chatter
	outcomeError       = "error"       // the bot failed: its apology was sent
	outcomeFailed      = "failed"      // the reply could not be delivered
	outcomeUnreachable = "unreachable" // the user blocked the bot or left the chat
)

// nopObserver is the Observer of an adapter configured without one.
type nopObserver struct{}

func (nopObserver) UpdatesReceived(int)                 {}
func (nopObserver) UpdateHandled(string, time.Duration) {}
func (nopObserver) ReplySent(bool)                      {}
func (nopObserver) RateLimited()                        {}
func (nopObserver) Retried()                            {}
func (nopObserver) TookOver(int)                        {}
func (nopObserver) Loop(string) func()                  { return func() {} }

// Intake states, for Ready.
const (
	intakeConnecting int32 = iota // getMe, the command menu, the webhook or its removal
	intakePolling
	intakeWebhook
	intakeStopped
)

// pollFailGrace is how long getUpdates may keep failing before Ready says
// so: a blip is retried within seconds, a 409 (another process polls this
// bot, or a webhook is set) or an unreachable Bot API is not.
const pollFailGrace = 30 * time.Second

// readiness is what Ready reads: where intake is, and since when getUpdates
// has failed (0: its last call succeeded) with what.
type readiness struct {
	intake       atomic.Int32
	failingSince atomic.Int64 // UnixNano
	lastErr      atomic.Value // string
}

// polled notes a getUpdates answer.
func (r *readiness) polled(err error, now time.Time) {
	if err == nil {
		r.failingSince.Store(0)
		return
	}
	r.lastErr.Store(err.Error())
	r.failingSince.CompareAndSwap(0, now.UnixNano())
}

// Ready returns nil while the adapter takes updates: getMe answered and the
// poll loop running with getUpdates answering, or the webhook set and
// served. Otherwise its error says why, in one line.
func (a *Adapter) Ready() error {
	switch a.ready.intake.Load() {
	case intakeConnecting:
		return errors.New("telegram: connecting (getMe, setWebhook)")
	case intakeStopped:
		return errors.New("telegram: stopped taking updates")
	case intakePolling:
		if since := a.ready.failingSince.Load(); since != 0 {
			if d := time.Since(time.Unix(0, since)); d > pollFailGrace {
				msg, _ := a.ready.lastErr.Load().(string)
				return fmt.Errorf("telegram: getUpdates failing for %v: %s", d.Round(time.Second), msg)
			}
		}
	}
	return nil
}
