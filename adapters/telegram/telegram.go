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
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
)

// Platform is the platform name in identities and the inbox.
const Platform = "telegram"

// Handler is the conversation, as the adapter needs it (*bot.Bot).
type Handler interface {
	Handle(ctx context.Context, m bot.Message) (bot.Reply, error)
	CommandMenu() [][2]string
}

// Inbox keeps raw updates durable between their arrival and their answer
// (*storage.Store).
type Inbox interface {
	RecordUpdates(ctx context.Context, ups []storage.InboxUpdate) ([]int64, error)
	ClaimPending(ctx context.Context, platform, owner string, mine bool, after int64, limit int, lease time.Duration) ([]storage.InboxUpdate, error)
	RenewLeases(ctx context.Context, platform, owner string, lease time.Duration) error
	MarkUpdatesDone(ctx context.Context, platform string, updateIDs []int64) error
	PruneUpdates(ctx context.Context, platform string, before time.Time) (int64, error)
	KeepUpdate(ctx context.Context, platform string, updateID int64, key string) error
	KeptUpdates(ctx context.Context, platform string, keys []string, since time.Time) ([]storage.KeptUpdate, error)
	HasKeptUpdates(ctx context.Context, platform string, since time.Time) (bool, error)
}

// Config configures the adapter. Only Token is required.
type Config struct {
	Token  string // from @BotFather
	APIURL string // default https://api.telegram.org (or a self-hosted Bot API server)
	// WebhookURL switches to webhook mode: Telegram posts updates to this
	// public HTTPS URL, which must reach Listen (its path is served).
	WebhookURL    string
	WebhookSecret string       // required with WebhookURL: 1-256 of A-Z a-z 0-9 _ -
	Listen        string       // webhook listen address, default ":8080"
	Listener      net.Listener // optional: serve the webhook here instead of Listen
	PollTimeout   time.Duration
	Limits        Limits // zero: DefaultLimits()
	// Parallel is how many updates the bot handles at once (each holds a
	// database transaction); replies are sent outside that bound, so a slow
	// send does not idle the database. Chats in progress: 4 x Parallel. A
	// handler that batches (*bot.Bot) gets them as Parallel/16 transactions
	// at a time of up to 64 updates each: fewer, larger commits.
	Parallel int
	// MaxQueued is how many confirmed updates may wait in memory; polling
	// pauses (and the webhook holds Telegram's requests) beyond it.
	MaxQueued int
	// DrainTimeout bounds a graceful stop: updates still queued after it stay
	// in the inbox and are handled at the next start.
	DrainTimeout time.Duration
	HTTPClient   *http.Client // default NewHTTPClient(PollTimeout)
	// Mux, when set, serves the webhook path on the process's own HTTP
	// server (Listen and Listener are then unused): Run adds the handler
	// once it can take updates.
	Mux *http.ServeMux
	// Replica names this process among the replicas sharing the database
	// (default: the host name). Each update is handled by the replica that
	// recorded it, under a lease it renews; when a replica dies, another
	// takes its unfinished updates once the lease runs out, and the same
	// replica restarted takes them at once.
	Replica     string
	Lease       time.Duration // default 2 minutes
	Logger      *slog.Logger
	Observer    Observer // metrics and liveness; none when nil
	MaxFileSize int64    // largest document downloaded, default 20 MB (the Bot API's getFile limit)
	// IDs hides user ids in the log: the install's, as the bot's (zero: a
	// key random to this process).
	IDs bot.IDHasher
	// KeptRetry is the longest pause between tries of an update kept while
	// storage is down (default 30 s); the first comes after 1 s or this,
	// whichever is shorter.
	KeptRetry time.Duration
}

const (
	defaultAPIURL      = "https://api.telegram.org"
	defaultPollTimeout = 50 * time.Second
	defaultParallel    = 32
	defaultMaxQueued   = 4096
	defaultDrain       = 20 * time.Second
	defaultLease       = 2 * time.Minute
	defaultMaxFile     = 20 << 20
	defaultKeptRetry   = 30 * time.Second
	maxWebhookBody     = 1 << 20 // an update is a few KB; documents come as file ids
	inboxRetention     = 7 * 24 * time.Hour
)

var reSecret = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// Check reports what New would refuse in c (no token, a webhook without
// its secret), without building anything.
func (c Config) Check() error { return c.fill() }

func (c *Config) fill() error {
	if strings.TrimSpace(c.Token) == "" {
		return errors.New("telegram: no bot token: set TELEGRAM_BOT_TOKEN (from @BotFather)")
	}
	if c.APIURL == "" {
		c.APIURL = defaultAPIURL
	}
	c.APIURL = strings.TrimRight(c.APIURL, "/")
	if _, err := url.Parse(c.APIURL); err != nil {
		return fmt.Errorf("telegram: TELEGRAM_API_URL %q: %w", c.APIURL, err)
	}
	if c.WebhookURL != "" {
		if _, err := url.Parse(c.WebhookURL); err != nil {
			return fmt.Errorf("telegram: TELEGRAM_WEBHOOK_URL %q: %w", c.WebhookURL, err)
		}
		if !reSecret.MatchString(c.WebhookSecret) {
			return errors.New("telegram: webhook mode needs TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z, a-z, 0-9, _ and - (e.g. from `openssl rand -hex 32`)")
		}
	}
	if c.Listen == "" {
		c.Listen = ":8080"
	}
	if c.PollTimeout <= 0 {
		c.PollTimeout = defaultPollTimeout
	}
	if c.Limits == (Limits{}) {
		c.Limits = DefaultLimits()
	}
	if c.Parallel <= 0 {
		c.Parallel = defaultParallel
	}
	if c.MaxQueued <= 0 {
		c.MaxQueued = defaultMaxQueued
	}
	if c.DrainTimeout <= 0 {
		c.DrainTimeout = defaultDrain
	}
	if c.Replica == "" {
		c.Replica = defaultReplica()
	}
	if c.Lease <= 0 {
		c.Lease = defaultLease
	}
	if c.HTTPClient == nil {
		c.HTTPClient = NewHTTPClient(c.PollTimeout)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Observer == nil {
		c.Observer = nopObserver{}
	}
	if c.MaxFileSize <= 0 {
		c.MaxFileSize = defaultMaxFile
	}
	if c.KeptRetry <= 0 {
		c.KeptRetry = defaultKeptRetry
	}
	return nil
}

// NewHTTPClient is an HTTP client for the Bot API: its timeout outlasts a long
// poll, it keeps enough idle connections to one host that concurrent replies
// reuse connections (Go's default keeps 2, so nearly every reply under load
// would open a new one), and it sends each request in one piece (see
// wholeBodies).
func NewHTTPClient(pollTimeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 256
	tr.MaxIdleConnsPerHost = 128
	tr.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: wholeBodies{next: tr, max: maxWholeBody}, Timeout: pollTimeout + 15*time.Second}
}

// maxWholeBody is the largest request body wholeBodies holds in memory: a
// message or a small file. A larger one (a chart, an export) is streamed.
const maxWholeBody = 256 << 10

// wholeBodies reads a request body of unknown length before sending it. The
// library streams its multipart forms through a pipe, which net/http sends
// chunked, one write per form part: a reply went out as a dozen small TCP
// segments (TLS records, to Telegram) and as many system calls. Read first,
// it goes out with a Content-Length in one write.
type wholeBodies struct {
	next http.RoundTripper
	max  int64
}

func (w wholeBodies) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength > 0 {
		return w.next.RoundTrip(r)
	}
	head, err := io.ReadAll(io.LimitReader(r.Body, w.max+1))
	if err != nil {
		r.Body.Close()
		return nil, fmt.Errorf("read request body: %w", err)
	}
	out := r.Clone(r.Context())
	if int64(len(head)) > w.max {
		// Too big to hold: what was read goes first, the rest streams.
		out.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
		return w.next.RoundTrip(out)
	}
	r.Body.Close()
	out.Body = io.NopCloser(bytes.NewReader(head))
	out.ContentLength = int64(len(head))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(head)), nil }
	return w.next.RoundTrip(out)
}

// Adapter is Spotter on one Telegram bot.
type Adapter struct {
	cfg   Config
	h     Handler
	inbox Inbox
	api   *tgbot.Bot
	log   *slog.Logger
	send  *sender

	botID    atomic.Int64
	username atomic.Value // string, from getMe; "/cmd@Other" in groups is for another bot

	disp     *dispatcher
	handling chan struct{} // bounds concurrent bot.Handle calls
	batch    *batcher      // nil when the handler cannot batch
	done     *doneMarker
	stopping atomic.Bool
	rejected rejections // refused webhook requests

	obs     Observer
	ready   readiness
	work    context.Context // ends when Run's work does
	notices sync.WaitGroup  // storage notices being sent
	outage  outage
	// keptInInbox says the inbox holds kept updates (see watchKept): only
	// then are fresh updates looked up there (see learn).
	keptInInbox atomic.Bool
}

var _ bot.Notifier = (*Adapter)(nil)

// New builds an adapter without contacting Telegram; Run starts it.
func New(cfg Config, h Handler, inbox Inbox) (*Adapter, error) {
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
	a := &Adapter{cfg: cfg, h: h, inbox: inbox, api: api, log: log}
	a.send = newSender(api, newLimiter(cfg.Limits), log, cfg.IDs)
	a.username.Store("")
	a.obs, a.send.obs = cfg.Observer, cfg.Observer
	return a, nil
}

// Serve runs Spotter on Telegram until ctx ends, then stops gracefully.
func Serve(ctx context.Context, cfg Config, h Handler, inbox Inbox) error {
	a, err := New(cfg, h, inbox)
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
	// Last, after the answered updates are marked done: what is left
	// unfinished is released to the other replicas at once.
	defer a.releaseLeases(ctx)
	a.done = newDoneMarker(a.inbox, a.log)
	defer a.done.close()
	a.handling = make(chan struct{}, a.cfg.Parallel)
	if bh, ok := a.h.(BatchHandler); ok {
		a.batch = newBatcher(work, bh, batchWorkers(a.cfg.Parallel))
		defer func() { cancelWork(); a.batch.wait() }()
	}
	a.disp = newDispatcher(work, 4*a.cfg.Parallel, a.cfg.MaxQueued, a.process)
	a.disp.waiting = a.keptToo

	// The leases of what this replica holds are renewed from the start
	// (recovery can wait for room in the queue for a long time) until Run
	// returns (the drain still holds updates after ctx ends).
	renewing, stopRenewing := context.WithCancel(context.WithoutCancel(ctx))
	renewed, watched := make(chan struct{}), make(chan struct{})
	go func() { a.renewLoop(renewing); close(renewed) }()
	a.watchKept(renewing) // once now: a restart must know what it kept before
	go func() { every(renewing, keptWatch, func() { a.watchKept(renewing) }); close(watched) }()
	defer func() { stopRenewing(); <-renewed; <-watched }()
	if err := a.recoverPending(ctx, true); err != nil && ctx.Err() == nil {
		cancelWork()
		a.disp.wait()
		return err
	}
	// Pruning and taking over other replicas' updates last as long as intake.
	intake, stopIntake := context.WithCancel(ctx)
	pruned, tookOver := make(chan struct{}), make(chan struct{})
	go func() { a.pruneLoop(intake); close(pruned) }()
	go func() { a.takeOverLoop(intake); close(tookOver) }()
	defer func() { stopIntake(); <-pruned; <-tookOver }()

	var intakeErr error
	if a.cfg.WebhookURL != "" {
		intakeErr = a.serveWebhook(ctx)
	} else {
		intakeErr = a.poll(ctx)
	}
	stopIntake()
	a.stopping.Store(true)
	a.ready.intake.Store(intakeStopped)
	a.disp.stopWaiting() // kept updates are left to the next start

	drained := make(chan struct{})
	go func() { a.disp.wait(); close(drained) }()
	select {
	case <-drained:
		a.log.Info("stopped: all taken updates handled")
	case <-time.After(a.cfg.DrainTimeout):
		left := a.disp.queued()
		cancelWork()
		<-drained
		a.log.Warn("stopped before the queue drained; the rest is handled at the next start", "left", left)
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

// recoverPending queues updates recorded but not finished: at start (mine)
// this replica's own from before a restart and any whose replica's lease ran
// out; later, only other replicas' whose lease ran out (they died).
func (a *Adapter) recoverPending(ctx context.Context, mine bool) error {
	var after int64
	n := 0
	for {
		// Not cancelled with ctx: a claim cut off on this side could still
		// commit on the server, after the release at a stop.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		rows, err := a.inbox.ClaimPending(cctx, Platform, a.cfg.Replica, mine, after, 500, a.cfg.Lease)
		cancel()
		if err != nil && mine && errors.Is(err, bot.ErrUnavailable) {
			// At start, storage down is waited out rather than fatal: the
			// updates left from the last run are to be answered first.
			a.log.Error("claim pending updates; trying again", "err", err)
			if sleep(ctx, min(a.cfg.KeptRetry, 5*time.Second)) != nil {
				return ctx.Err()
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("telegram: claim pending updates: %w", err)
		}
		if len(rows) == 0 {
			break
		}
		its, kept := make([]item, len(rows)), make([]string, len(rows))
		for i, r := range rows {
			its[i], kept[i] = item{id: r.UpdateID, chat: r.ChatKey, payload: r.Payload, received: r.ReceivedAt}, r.KeptKey
		}
		a.learn(ctx, its, kept)
		for _, it := range its {
			if err := a.disp.waitRoom(ctx, 1); err != nil {
				return err
			}
			a.disp.add(it)
			after = it.id
			n++
		}
	}
	if n > 0 {
		if mine {
			a.log.Info("handling updates left from the last run", "count", n)
		} else {
			a.obs.TookOver(n)
			a.log.Warn("handling updates another replica left unfinished (its lease ran out)", "count", n)
		}
	}
	return nil
}

// renewLoop keeps the leases of the updates this replica holds alive until
// ctx ends.
func (a *Adapter) renewLoop(ctx context.Context) {
	defer a.obs.Loop("leases")()
	every(ctx, a.cfg.Lease/4, func() {
		// Not cancelled with ctx: a cancelled statement may still run on
		// the server, after releaseLeases, and extend the leases again.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if err := a.inbox.RenewLeases(rctx, Platform, a.cfg.Replica, a.cfg.Lease); err != nil {
			a.log.Error("renew inbox leases", "err", err)
		}
	})
}

// takeOverLoop takes the unfinished updates of replicas whose leases ran
// out, until ctx ends.
func (a *Adapter) takeOverLoop(ctx context.Context) {
	defer a.obs.Loop("takeover")()
	every(ctx, a.cfg.Lease/2, func() {
		if err := a.recoverPending(ctx, false); err != nil && ctx.Err() == nil {
			a.log.Error("take over unfinished updates", "err", err)
		}
	})
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

// releaseLeases ends this replica's leases on what it leaves unfinished at a
// stop, so that another replica takes it now rather than after the lease.
func (a *Adapter) releaseLeases(ctx context.Context) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := a.inbox.RenewLeases(cctx, Platform, a.cfg.Replica, -time.Second); err != nil {
		a.log.Warn("release inbox leases", "err", err)
	}
}

// defaultReplica is the host name: unique per machine or container, and
// the same again when the process restarts there.
func defaultReplica() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "spotter"
}

func (a *Adapter) pruneLoop(ctx context.Context) {
	defer a.obs.Loop("prune")()
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := a.inbox.PruneUpdates(ctx, Platform, time.Now().Add(-inboxRetention)); err != nil && ctx.Err() == nil {
			a.log.Error("prune inbox", "err", err)
		} else if n > 0 {
			a.log.Debug("pruned inbox", "rows", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
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
