package telegram_test

import (
	"bytes"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
)

// logBuffer keeps what a logger writes, for tests about what the log says.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// lines are the lines holding sub.
func (l *logBuffer) lines(sub string) []string {
	var out []string
	for _, line := range strings.Split(l.String(), "\n") {
		if strings.Contains(line, sub) {
			out = append(out, line)
		}
	}
	return out
}

// logger writes at level to l.
func (l *logBuffer) logger(level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: level}))
}

// A flood of bad webhook requests is counted, and the log says so in a line
// or two, not once per request.
func TestWebhookRejectionsAreCountedNotLoggedEach(t *testing.T) {
	srv := newServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logs logBuffer
	const secret = "s3cret_Token-1"
	h := mustStart(t, srv, storagetestSQLite(t), nil, func(c *telegram.Config) {
		c.WebhookURL, c.WebhookSecret, c.Listener = "https://spotter.example/tg/hook", secret, ln
		c.Logger = logs.logger(slog.LevelInfo)
	})
	if !srv.WaitFor(10*time.Second, func() bool { u, _ := srv.Webhook(); return u != "" }) {
		t.Fatal("setWebhook was not called")
	}
	hook := "http://" + ln.Addr().String() + "/tg/hook"
	tooBig := bytes.Repeat([]byte(" "), 1<<20+1)
	bad := []struct {
		method, secret string
		body           []byte
		n              int
		want           int
	}{
		{http.MethodPost, "", []byte(`{}`), 300, 401},
		{http.MethodPost, "guess", []byte(`{}`), 300, 401},
		{http.MethodGet, secret, nil, 200, 405},
		{http.MethodPost, secret, []byte(`{"hello":1}`), 190, 400},
		{http.MethodPost, secret, tooBig, 10, 413},
	}
	type request struct {
		method, secret string
		body           []byte
		want           int
	}
	jobs := make(chan request)
	var wg sync.WaitGroup
	var mu sync.Mutex
	wrong := map[int]int{} // status -> count of answers other than wanted
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				req, _ := http.NewRequest(j.method, hook, bytes.NewReader(j.body))
				if j.secret != "" {
					req.Header.Set("X-Telegram-Bot-Api-Secret-Token", j.secret)
				}
				resp, err := http.DefaultClient.Do(req)
				mu.Lock()
				if err != nil {
					wrong[-1]++
				} else if resp.StatusCode != j.want {
					wrong[resp.StatusCode]++
				}
				mu.Unlock()
				if err == nil {
					resp.Body.Close()
				}
			}
		}()
	}
	for _, b := range bad {
		for range b.n {
			jobs <- request{b.method, b.secret, b.body, b.want}
		}
	}
	close(jobs)
	wg.Wait()
	if len(wrong) > 0 {
		t.Errorf("answers other than wanted (status -1: no answer): %v", wrong)
	}
	got := h.a.Rejected()
	want := map[int]uint64{401: 600, 405: 200, 400: 190, 413: 10}
	var total uint64
	for s, n := range want {
		total += got[s]
		if got[s] != n {
			t.Errorf("Rejected()[%d]: got %d, want %d", s, got[s], n)
		}
	}
	if total != 1000 {
		t.Errorf("Rejected(): got %d in all (%v), want 1000", total, got)
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	lines := logs.lines("webhook request")
	if len(lines) < 1 || len(lines) > 2 {
		t.Errorf("log: got %d lines about rejected requests, want 1 or 2:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for _, line := range lines {
		if !strings.Contains(line, "rejected") {
			t.Errorf("log line %q: want it to say how many were rejected", line)
		}
	}
	t.Logf("log:\n%s", strings.Join(lines, "\n"))
}

// waitApology waits for the bot's apology to the user 987654321.
func waitApology(t *testing.T, srv *telegramtest.Server, _ *logBuffer) {
	t.Helper()
	ms := mustMessages(t, srv, 987654321, 1)
	if !strings.Contains(ms[0].Plain(), "Something went wrong") {
		t.Errorf("reply: got %q, want the apology", ms[0].Plain())
	}
}

// waitKept waits for the notice that the message of 987654321 is kept
// until storage is back (a closed database is an outage, not a bug).
func waitKept(t *testing.T, srv *telegramtest.Server, _ *logBuffer) {
	t.Helper()
	ms := mustMessages(t, srv, 987654321, 1)
	if !strings.Contains(ms[0].Plain(), "I have kept your message") {
		t.Errorf("reply: got %q, want the notice that it is kept", ms[0].Plain())
	}
}

// During an outage the log tells what failed, but never what a user wrote
// or who they are: no message text, platform id or name at the default level,
// from the adapter, the bot or the database layer.
func TestOutageLogsNoMessageTextOrPlatformID(t *testing.T) {
	const text, first = "SECRET-TEXT-123", "Zebedee"
	zeb := telegramtest.User(987654321, first)
	secrets := []string{text, "987654321", first}
	for _, tc := range []struct {
		name string
		// down breaks the database once the adapter polls: the inbox's
		// handle, the bot's, or both.
		down      func(t *testing.T, inbox, bots *storage.Store)
		wait      func(t *testing.T, srv *telegramtest.Server, logs *logBuffer)
		wantLines []string
	}{
		{
			name: "database down: the update cannot be recorded",
			down: func(t *testing.T, inbox, bots *storage.Store) { inbox.Close(); bots.Close() },
			wait: func(t *testing.T, srv *telegramtest.Server, logs *logBuffer) {
				if !srv.WaitFor(20*time.Second, func() bool { return len(logs.lines("record updates")) >= 2 }) {
					t.Fatalf("no failed recording logged:\n%s", logs.String())
				}
			},
			wantLines: []string{"record updates", "database statement failed"},
		},
		{
			name:      "bot's database down: recorded, then handling fails",
			down:      func(t *testing.T, inbox, bots *storage.Store) { bots.Close() },
			wait:      waitKept,
			wantLines: []string{"storage down: update kept", "handle message"},
		},
		{
			name: "a failing statement: the user's identity cannot be read",
			down: func(t *testing.T, inbox, bots *storage.Store) {
				db, err := bots.SQL()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec("DROP TABLE identities"); err != nil {
					t.Fatal(err)
				}
			},
			wait:      waitApology,
			wantLines: []string{"bot failed on update", "handle message"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			backends(t, func(t *testing.T, dsn string) {
				var logs logBuffer
				log := logs.logger(slog.LevelInfo) // serve's default level
				prev := slog.Default()
				slog.SetDefault(log) // the database layer logs there
				t.Cleanup(func() { slog.SetDefault(prev) })

				srv := newServer(t)
				bots := mustOpen(t, dsn)
				b := bot.New(bots, bot.WithLogger(log))
				h := mustStart(t, srv, dsn, b, func(c *telegram.Config) { c.Logger = log })
				if !srv.WaitFor(10*time.Second, func() bool { return len(srv.Calls("getUpdates")) > 0 }) {
					t.Fatal("the adapter does not poll")
				}
				tc.down(t, h.st, bots)
				srv.SendText(chatOf(zeb), zeb, text)
				tc.wait(t, srv, &logs)
				h.stop()

				got := logs.String()
				for _, want := range tc.wantLines {
					if len(logs.lines(want)) == 0 {
						t.Errorf("log: no %q line, want the failure told:\n%s", want, got)
					}
				}
				for _, s := range secrets {
					if strings.Contains(got, s) {
						t.Errorf("log holds %q:\n%s", s, got)
					}
				}
			})
		})
	}
}
