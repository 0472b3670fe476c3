package discord

import (
	"errors"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Observer is told what the adapter does, for metrics and liveness
// (*obs.Platform). Its methods are called on every interaction, so they
// must be cheap, and safe for concurrent use.
type Observer interface {
	// UpdatesReceived counts n interactions received from the gateway.
	UpdatesReceived(n int)
	// UpdateHandled counts an interaction answered, with its outcome ("ok",
	// "ignored", "error", "failed") and how long it took.
	UpdateHandled(outcome string, d time.Duration)
	// ReplySent counts one message sent or edited (ok), or refused.
	ReplySent(ok bool)
	// RateLimited counts a 429; Retried the call discordgo then sends again.
	RateLimited()
	Retried()
	// Loop says a long-running loop ("gateway") started; the func
	// returned says it stopped.
	Loop(name string) (stopped func())
}

// Outcomes of UpdateHandled.
const (
	outcomeOK      = "ok"
	outcomeIgnored = "ignored" // no user to answer
	outcomeError   = "error"   // the bot failed: its apology was sent
	outcomeFailed  = "failed"  // the answer could not be delivered
)

type nopObserver struct{}

func (nopObserver) UpdatesReceived(int)                 {}
func (nopObserver) UpdateHandled(string, time.Duration) {}
func (nopObserver) ReplySent(bool)                      {}
func (nopObserver) RateLimited()                        {}
func (nopObserver) Retried()                            {}
func (nopObserver) Loop(string) func()                  { return func() {} }

// inboxObserver is the Observer as the inbox sees it: its loops are
// counted with the adapter's; take-overs are logged by the inbox.
type inboxObserver struct{ Observer }

func (inboxObserver) TookOver(int) {}

// watch follows the gateway for Ready and counts discordgo's 429s (it
// waits them out and sends again on its own).
func (a *Adapter) watch() {
	a.s.AddHandler(func(*discordgo.Session, *discordgo.Ready) { a.connected.Store(true) })
	a.s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) { a.connected.Store(true) })
	a.s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { a.connected.Store(false) })
	a.s.AddHandler(func(*discordgo.Session, *discordgo.RateLimit) { a.obs.RateLimited(); a.obs.Retried() })
}

// Ready returns nil while the gateway session is up (READY or RESUMED
// received, and no disconnect since), else why not, in one line.
func (a *Adapter) Ready() error {
	if !a.connected.Load() {
		return errors.New("discord: gateway not connected (no READY yet, or reconnecting)")
	}
	return nil
}

// delivered is the outcome of an answered interaction.
func delivered(ok bool) string {
	if ok {
		return outcomeOK
	}
	return outcomeFailed
}
