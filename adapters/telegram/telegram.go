// Package telegram runs Spotter on Telegram through github.com/go-telegram/bot.
//
// Every update is recorded in the database inbox before Telegram is told it
// arrived (the next getUpdates offset, or the webhook's 200), handled with
// bot.Handle keyed by its update id, answered, and only then marked done; at
// start, updates recorded but not done are handled first. A crash at any
// moment therefore loses no confirmed update and stores none twice (a reply
// whose sending was cut off by the crash is sent again). The library's own
// poll loop confirms updates before handling them, so this package polls
// itself and uses the library for every other call.
//
// When storage fails, an update being handled is kept and tried again, and
// updates that cannot be recorded are left with Telegram; either way the
// sender is told, truthfully (see process and faults.go).
//
// Updates of one chat are handled in order, different chats in parallel, and
// every outbound message passes one rate limiter (Telegram's per-chat,
// per-group and global limits), waiting out 429s and retrying 5xx.
package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
)

// Platform is the platform name in identities and the inbox.
const Platform = "telegram"

// Adapter is Spotter on one Telegram bot.
type Adapter struct {
	cfg   Config
	h     Handler
	store inbox.Store
	api   *tgbot.Bot
	log   *slog.Logger
	send  *sender

	botID    atomic.Int64
	username atomic.Value // string, from getMe; "/cmd@Other" in groups is for another bot

	// ib records, orders and hands out updates (per chat), and holds
	// this replica's leases; nil until Run starts it.
	ib       *inbox.Inbox
	handling chan struct{} // bounds concurrent bot.Handle calls
	batch    *batcher      // nil when the handler cannot batch
	stopping atomic.Bool
	rejected rejections // refused webhook requests

	obs     Observer
	ready   readiness
	work    context.Context // ends when Run's work does
	notices sync.WaitGroup  // storage notices being sent
	outage  outage
}

var _ bot.Notifier = (*Adapter)(nil)

// New builds an adapter without contacting Telegram; Run starts it.
func New(cfg Config, h Handler, store inbox.Store) (*Adapter, error) {
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	log := cfg.Logger.With("platform", Platform)
	api, err := tgbot.New(cfg.Token,
		tgbot.WithServerURL(cfg.APIURL),
		tgbot.WithHTTPClient(cfg.PollTimeout, cfg.HTTPClient),
		tgbot.WithSkipGetMe(),
		tgbot.WithErrorsHandler(func(err error) { log.Error("telegram library", "err", err) }),
		tgbot.WithDefaultHandler(func(context.Context, *tgbot.Bot, *models.Update) {}),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram client: %w", err)
	}
	a := &Adapter{cfg: cfg, h: h, store: store, api: api, log: log}
	a.send = newSender(api, newLimiter(cfg.Limits), log, cfg.IDs)
	a.username.Store("")
	a.obs, a.send.obs = cfg.Observer, cfg.Observer
	return a, nil
}

// Serve runs Spotter on Telegram until ctx ends, then stops gracefully.
func Serve(ctx context.Context, cfg Config, h Handler, store inbox.Store) error {
	a, err := New(cfg, h, store)
	if err != nil {
		return err
	}
	return a.Run(ctx)
}

// Run connects, handles updates left from the last run, then takes new ones
// (long polling, or the webhook when configured) until ctx ends. It then stops
// taking updates, finishes those it has (up to DrainTimeout) and returns.
func (a *Adapter) Run(ctx context.Context) error {
	if err := a.start(ctx); err != nil {
		return err
	}
	// Work outlives ctx: a stop request ends intake, then in-flight updates
	// finish under their own context until the drain timeout.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	a.work = work
	defer a.notices.Wait()
	defer cancelWork()
	ib, err := inbox.New(a.store, inbox.Config{
		Platform: Platform, Replica: a.cfg.Replica, Lease: a.cfg.Lease,
		// 4 x Parallel chats in progress: handling is bounded apart (see
		// handle), so that a chat waiting for its reply holds no slot.
		Parallel: 4 * a.cfg.Parallel, MaxQueued: a.cfg.MaxQueued,
		StartRetry: min(a.cfg.KeptRetry, 5*time.Second), KeptWindow: resendWindow,
		Logger: a.log, Observer: a.obs, Learn: a.learn, Waiting: a.keptToo,
	})
	if err != nil {
		return fmt.Errorf("telegram: %w", err)
	}
	a.handling = make(chan struct{}, a.cfg.Parallel)
	ib.Start(work, a.process)
	a.ib = ib
	// Last, after the answered updates are marked done: what is left
	// unfinished is released to the other replicas at once.
	defer ib.Close(ctx)
	if bh, ok := a.h.(BatchHandler); ok {
		a.batch = newBatcher(work, bh, batchWorkers(a.cfg.Parallel))
		defer func() { cancelWork(); a.batch.wait() }()
	}
	if err := ib.Recover(ctx); err != nil && ctx.Err() == nil {
		cancelWork()
		ib.Wait()
		return fmt.Errorf("telegram: %w", err)
	}
	// Pruning and taking over other replicas' updates last as long as intake.
	intake, stopIntake := context.WithCancel(ctx)
	served := make(chan struct{})
	go func() { ib.Serve(intake); close(served) }()
	defer func() { stopIntake(); <-served }()

	var intakeErr error
	if a.cfg.WebhookURL != "" {
		intakeErr = a.serveWebhook(ctx)
	} else {
		intakeErr = a.poll(ctx)
	}
	stopIntake()
	a.stopping.Store(true)
	a.ready.intake.Store(intakeStopped)
	// Kept updates are left to the next start.
	if left := ib.Drain(a.cfg.DrainTimeout, cancelWork); left > 0 {
		a.log.Warn("stopped before the queue drained; the rest is handled at the next start", "left", left)
	} else {
		a.log.Info("stopped: all taken updates handled")
	}
	return intakeErr
}

// start learns who the bot is and sets its command menu and delivery mode.
func (a *Adapter) start(ctx context.Context) error {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	me, err := a.api.GetMe(cctx)
	if err != nil {
		return fmt.Errorf("telegram getMe (is TELEGRAM_BOT_TOKEN right, and %s reachable?): %w", a.cfg.APIURL, redact(err, a.cfg.Token))
	}
	a.botID.Store(me.ID)
	a.username.Store(me.Username)
	a.log.Info("connected", "bot", me.Username)

	if err := a.setCommands(cctx); err != nil {
		// Not fatal: commands typed in full work without the menu.
		a.log.Error("set command menu", "err", redact(err, a.cfg.Token))
	}
	if a.cfg.WebhookURL != "" {
		_, err := a.api.SetWebhook(cctx, &tgbot.SetWebhookParams{
			URL: a.cfg.WebhookURL, SecretToken: a.cfg.WebhookSecret,
			AllowedUpdates: allowedUpdates, MaxConnections: 40,
		})
		if err != nil {
			return fmt.Errorf("telegram setWebhook %s: %w", a.cfg.WebhookURL, redact(err, a.cfg.Token))
		}
		return nil
	}
	// getUpdates answers 409 while a webhook is set. Pending updates are kept.
	if _, err := a.api.DeleteWebhook(cctx, &tgbot.DeleteWebhookParams{}); err != nil {
		a.log.Warn("delete webhook before polling", "err", redact(err, a.cfg.Token))
	}
	return nil
}

// redact removes the token from an error's text (URLs carry it).
func redact(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return redacted{msg: strings.ReplaceAll(err.Error(), token, "<token>"), err: err}
}

type redacted struct {
	msg string
	err error
}

func (r redacted) Error() string { return r.msg }

func (r redacted) Unwrap() error { return r.err }
