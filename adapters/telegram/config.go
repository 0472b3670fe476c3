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
	"regexp"
	"strings"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
)

// Handler is the conversation, as the adapter needs it (*bot.Bot).
type Handler interface {
	Handle(ctx context.Context, m bot.Message) (bot.Reply, error)
	CommandMenu() [][2]string
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
	Replica  string
	Lease    time.Duration // default 2 minutes
	Logger   *slog.Logger
	Observer Observer // metrics and liveness; none when nil
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
	defaultKeptRetry   = 30 * time.Second
	maxWebhookBody     = 1 << 20 // an update is a few KB; documents come as file ids
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
		c.Replica = inbox.DefaultReplica()
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
