package telegram_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

const token = "123456:TEST-token_abc"

// harness is Spotter on the fake Bot API: the real bot, the real storage and
// the real client library, over HTTP.
type harness struct {
	t      *testing.T
	srv    *telegramtest.Server
	st     *storage.Store
	a      *telegram.Adapter
	cancel context.CancelFunc
	done   chan error
}

type tlogWriter struct {
	mu sync.Mutex
	t  *testing.T
	on bool
}

func (w *tlogWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.on {
		w.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

func testLogger(t *testing.T) *slog.Logger {
	w := &tlogWriter{t: t, on: true}
	t.Cleanup(func() { w.mu.Lock(); w.on = false; w.mu.Unlock() })
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func mustOpen(t *testing.T, dsn string) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// mustStart runs an adapter on dsn against srv until the test ends.
func mustStart(t *testing.T, srv *telegramtest.Server, dsn string, h telegram.Handler, tweak ...func(*telegram.Config)) *harness {
	t.Helper()
	st := mustOpen(t, dsn)
	if h == nil {
		h = bot.New(st, bot.WithLogger(testLogger(t)))
	}
	cfg := telegram.Config{
		Token: token, APIURL: srv.URL(), PollTimeout: 2 * time.Second,
		Limits: telegram.Unlimited(), Logger: testLogger(t), DrainTimeout: 5 * time.Second,
	}
	for _, f := range tweak {
		f(&cfg)
	}
	a, err := telegram.New(cfg, h, st)
	if err != nil {
		t.Fatalf("new adapter: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	hs := &harness{t: t, srv: srv, st: st, a: a, cancel: cancel, done: make(chan error, 1)}
	go func() { hs.done <- a.Run(ctx) }()
	t.Cleanup(func() { hs.stop() })
	return hs
}

// stop asks for a graceful stop and waits for Run to return.
func (h *harness) stop() error {
	h.cancel()
	select {
	case err := <-h.done:
		h.done <- err // stop is idempotent
		return err
	case <-time.After(30 * time.Second):
		h.t.Fatal("adapter did not stop within 30s")
		return nil
	}
}

func newServer(t *testing.T) *telegramtest.Server {
	srv := telegramtest.New(token)
	t.Cleanup(srv.Close)
	return srv
}

func mustCount(t *testing.T, st *storage.Store, query string, args ...any) int {
	t.Helper()
	db, err := st.SQL()
	if err != nil {
		t.Fatal(err)
	}
	return mustCountDB(t, db, query, args...)
}

func mustCountDB(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func mustMessages(t *testing.T, srv *telegramtest.Server, chat int64, n int) []telegramtest.Message {
	t.Helper()
	ms, err := srv.WaitMessages(chat, n, 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// mustButton returns the data of the button labelled label on m.
func mustButton(t *testing.T, m telegramtest.Message, label string) string {
	t.Helper()
	data, ok := m.Button(label)
	if !ok {
		t.Fatalf("message %q has no %q button; keyboard %+v", m.Plain(), label, m.Keyboard)
	}
	return data
}

// waitEdits waits until message id in chat has at least n edits.
func waitEdits(t *testing.T, srv *telegramtest.Server, chat int64, id, n int) telegramtest.Message {
	t.Helper()
	var got telegramtest.Message
	ok := srv.WaitFor(20*time.Second, func() bool {
		for _, m := range srv.Messages(chat) {
			if m.ID == id {
				got = m
				return m.Edits >= n
			}
		}
		return false
	})
	if !ok {
		t.Fatalf("message %d: got %d edits (%q), want %d", id, got.Edits, got.Plain(), n)
	}
	return got
}

var (
	ann = telegramtest.User(1001, "Ann")
	bob = telegramtest.User(1002, "Bob")
)

func chatOf(u models.User) models.Chat { return telegramtest.PrivateChat(u) }

// backends runs f on SQLite and, with SPOTTER_TEST_POSTGRES, on PostgreSQL.
func backends(t *testing.T, f func(t *testing.T, dsn string)) {
	for _, be := range storagetest.Backends(t) {
		t.Run(be.Name, func(t *testing.T) { f(t, storagetest.FreshDSN(t, be)) })
	}
}

func storagetestSQLite(t *testing.T) string { return storagetest.FreshDSN(t, storagetest.SQLite) }

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
