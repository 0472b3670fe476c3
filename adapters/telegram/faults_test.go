package telegram_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// faultyStore is a store whose commits fail while it is down: each
// message's work runs in the real transaction and is rolled back at the
// end, the way a connection lost mid-way or a full disk fails a commit.
type faultyStore struct {
	*storage.Store
	down atomic.Bool
}

func (s *faultyStore) Do(ctx context.Context, fn func(tx bot.Tx) error) error {
	return s.Store.Do(ctx, func(tx bot.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		if s.down.Load() {
			return fmt.Errorf("%w: commit refused (test)", bot.ErrUnavailable)
		}
		return nil
	})
}

// fastKept tries kept updates again every 200 ms.
func fastKept(c *telegram.Config) { c.KeptRetry = 200 * time.Millisecond }

const keptWords = "I have kept your message and will answer it when storage is back; there is no need to send it again."

// mustNoMore fails when chat gets more than n messages within a while.
func mustNoMore(t *testing.T, srv *telegramtest.Server, chat int64, n int) {
	t.Helper()
	time.Sleep(500 * time.Millisecond)
	if ms := srv.Messages(chat); len(ms) != n {
		var got []string
		for _, m := range ms {
			got = append(got, m.Plain())
		}
		t.Errorf("messages in chat %d: got %d, want %d:\n%s", chat, len(ms), n, strings.Join(got, "\n"))
	}
}

// mustTruthful fails on any message that asks for a message again.
func mustTruthful(t *testing.T, srv *telegramtest.Server, chat int64) {
	t.Helper()
	for _, m := range srv.Messages(chat) {
		if strings.Contains(m.Plain(), "send it again in") || strings.Contains(m.Plain(), "nothing was stored") {
			t.Errorf("reply %q: a kept message was called lost", m.Plain())
		}
	}
}

// A message whose handling fails because storage is down is kept: its
// sender is told so once, a message behind it in the chat is kept too, and
// both are answered in order once storage is back, stored once each.
func TestKeptWhileStorageIsDown(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		fs := &faultyStore{Store: mustOpen(t, dsn)}
		fs.down.Store(true)
		h := mustStart(t, srv, dsn, bot.New(fs, bot.WithLogger(testLogger(t))), fastKept)

		srv.SendText(chatOf(ann), ann, "/log squat 100x5")
		ms := mustMessages(t, srv, ann.ID, 1)
		if !strings.HasSuffix(ms[0].Plain(), keptWords) || ms[0].ReplyTo == 0 {
			t.Errorf("first reply: got %q answering message %d, want %q answering the /log", ms[0].Plain(), ms[0].ReplyTo, keptWords)
		}
		srv.SendText(chatOf(ann), ann, "/log bench 60x8")
		ms = mustMessages(t, srv, ann.ID, 2)
		if !strings.Contains(ms[1].Plain(), "I have kept this message too") || ms[1].ReplyTo <= ms[0].ReplyTo {
			t.Errorf("reply to a message behind a kept one: got %q answering %d, want it kept too, answering the second /log", ms[1].Plain(), ms[1].ReplyTo)
		}
		time.Sleep(700 * time.Millisecond) // a few tries while down
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 0 {
			t.Fatalf("sets while storage is down: got %d, want 0", n)
		}

		fs.down.Store(false)
		ms = mustMessages(t, srv, ann.ID, 4)
		if !strings.HasPrefix(ms[2].Plain(), "Logged squat") || ms[2].ReplyTo != ms[0].ReplyTo {
			t.Errorf("third reply: got %q answering %d, want the squat logged, answering message %d", ms[2].Plain(), ms[2].ReplyTo, ms[0].ReplyTo)
		}
		if !strings.HasPrefix(ms[3].Plain(), "Logged bench") || ms[3].ReplyTo != ms[1].ReplyTo {
			t.Errorf("fourth reply: got %q answering %d, want the bench logged, answering message %d", ms[3].Plain(), ms[3].ReplyTo, ms[1].ReplyTo)
		}
		mustNoMore(t, srv, ann.ID, 4)
		mustTruthful(t, srv, ann.ID)
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 2 {
			t.Errorf("sets: got %d, want 2 (one per message)", n)
		}
		if !srv.WaitFor(5*time.Second, func() bool { return mustCount(t, h.st, "SELECT count(*) FROM inbox WHERE done") == 2 }) {
			t.Errorf("inbox rows done: got %d, want 2", mustCount(t, h.st, "SELECT count(*) FROM inbox WHERE done"))
		}
	})
}

// A kept message outlives a stop: the next start answers it, once.
func TestKeptSurvivesARestart(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		fs := &faultyStore{Store: mustOpen(t, dsn)}
		fs.down.Store(true)
		h := mustStart(t, srv, dsn, bot.New(fs, bot.WithLogger(testLogger(t))), fastKept)
		srv.SendText(chatOf(ann), ann, "/log squat 100x5")
		mustMessages(t, srv, ann.ID, 1)
		start := time.Now()
		if err := h.stop(); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("stop with a kept update took %v, want it left to the next start at once", d)
		}
		if n := mustCount(t, h.st, "SELECT count(*) FROM inbox WHERE NOT done"); n != 1 {
			t.Fatalf("undone inbox rows after the stop: got %d, want 1", n)
		}

		h = mustStart(t, srv, dsn, nil) // storage is back
		ms := mustMessages(t, srv, ann.ID, 2)
		if !strings.HasPrefix(ms[1].Plain(), "Logged squat") {
			t.Errorf("after the restart: got %q, want the squat logged", ms[1].Plain())
		}
		mustNoMore(t, srv, ann.ID, 2)
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 1 {
			t.Errorf("sets: got %d, want 1", n)
		}
	})
}

// A real fault on PostgreSQL: the sets table is locked by another session
// and the bot's statements give up after a lock timeout. The /log is kept
// and answered once the lock is gone; a /settings, which needs no sets,
// goes through meanwhile.
func TestKeptWhileATableIsLocked(t *testing.T) {
	if storagetest.PostgresDSN(t) == "" {
		t.Skip("SPOTTER_TEST_POSTGRES is not set")
	}
	srv := newServer(t)
	dsn := storagetest.FreshDSN(t, storagetest.Postgres)
	slow := storagetest.WithLockTimeout(dsn, 100*time.Millisecond)
	h := mustStart(t, srv, slow, nil, fastKept)
	release := storagetest.LockTable(t, dsn, "sets")

	srv.SendText(chatOf(ann), ann, "/log squat 100x5")
	srv.SendText(chatOf(bob), bob, "/settings units lb")
	ms := mustMessages(t, srv, ann.ID, 1)
	if !strings.HasSuffix(ms[0].Plain(), keptWords) {
		t.Errorf("reply while sets are locked: got %q, want %q", ms[0].Plain(), keptWords)
	}
	if bs := mustMessages(t, srv, bob.ID, 1); strings.Contains(bs[0].Plain(), "storage") || !strings.Contains(bs[0].Plain(), "lb") {
		t.Errorf("a /settings while sets are locked: got %q, want it saved", bs[0].Plain())
	}
	release()
	ms = mustMessages(t, srv, ann.ID, 2)
	if !strings.HasPrefix(ms[1].Plain(), "Logged squat") {
		t.Errorf("after the lock: got %q, want the squat logged", ms[1].Plain())
	}
	mustNoMore(t, srv, ann.ID, 2)
	if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 1 {
		t.Errorf("sets: got %d, want 1", n)
	}
}

// outage makes recording updates fail for real until the returned end is
// called: on SQLite the disk is full (the inbox's pages too), on
// PostgreSQL the inbox is locked by another session. The harness must run
// on dsnFor(dsn).
type outageKind struct {
	dsnFor func(dsn string) string
	start  func(t *testing.T, h *harness, dsn string) (end func())
}

func outageOf(t *testing.T, dsn string) outageKind {
	if storage.IsPostgres(dsn) {
		return outageKind{
			dsnFor: func(dsn string) string { return storagetest.WithLockTimeout(dsn, 100*time.Millisecond) },
			start: func(t *testing.T, h *harness, dsn string) func() {
				return storagetest.LockTable(t, dsn, "inbox")
			},
		}
	}
	return outageKind{
		dsnFor: func(dsn string) string { return dsn },
		start: func(t *testing.T, h *harness, dsn string) func() {
			free := storagetest.FillDisk(t, h.st)
			// The room left in the inbox's own pages goes too.
			for id, size := int64(1<<40), 2000; size > 0; id++ {
				row := inbox.Event{Platform: "filler", ID: id, Key: "x", Payload: make([]byte, size)}
				if _, err := h.st.RecordUpdates(context.Background(), []inbox.Event{row}); err != nil {
					size /= 10
				}
			}
			return free
		},
	}
}

// While storage is down no update can be recorded; each chat hears so
// once (not silence, not a reply per redelivery), nothing is confirmed to
// Telegram, and once storage is back every message is answered, in order,
// and stored once.
func TestUnrecordedChatsHearOnce(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		out := outageOf(t, dsn)
		h := mustStart(t, srv, out.dsnFor(dsn), nil)
		srv.SendText(chatOf(ann), ann, "/help")
		mustMessages(t, srv, ann.ID, 1) // running
		end := out.start(t, h, dsn)

		srv.SendText(chatOf(ann), ann, "/log squat 100x5")
		srv.SendText(chatOf(ann), ann, "/log bench 60x8")
		srv.SendText(chatOf(bob), bob, "/log deadlift 150x3")
		ms := mustMessages(t, srv, ann.ID, 2)
		if got := ms[1].Plain(); !strings.Contains(got, "My storage is not answering right now") || !strings.Contains(got, "no need to send them again") {
			t.Errorf("notice: got %q, want storage unavailable, no need to send again", got)
		}
		if bs := mustMessages(t, srv, bob.ID, 1); bs[0].Plain() != ms[1].Plain() {
			t.Errorf("Bob's notice: got %q, want %q", bs[0].Plain(), ms[1].Plain())
		}
		srv.SendText(chatOf(ann), ann, "/log row 80x8") // a chat told once hears no more
		time.Sleep(1500 * time.Millisecond)             // several tries to record
		if got := len(srv.Messages(ann.ID)); got != 2 {
			t.Errorf("Ann's messages while storage is down: got %d, want 2 (/help's answer and one notice)", got)
		}
		if got := srv.Pending(); got != 4 {
			t.Errorf("updates unconfirmed at Telegram: got %d, want 4", got)
		}

		end()
		ms = mustMessages(t, srv, ann.ID, 5)
		for i, want := range []string{"Logged squat", "Logged bench", "Logged row"} {
			if !strings.HasPrefix(ms[2+i].Plain(), want) {
				t.Errorf("answer %d after the outage: got %q, want %q...", i+1, ms[2+i].Plain(), want)
			}
		}
		if bs := mustMessages(t, srv, bob.ID, 2); !strings.HasPrefix(bs[1].Plain(), "Logged deadlift") {
			t.Errorf("Bob's answer after the outage: got %q", bs[1].Plain())
		}
		mustNoMore(t, srv, ann.ID, 5)
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 4 {
			t.Errorf("sets: got %d, want 4", n)
		}
	})
}

const (
	resentPending  = "which I have kept: I will answer it once, so I am not storing this one."
	resentAnswered = "which I kept while my storage was down and have answered above: I stored it once."
)

// plain lists the texts of ms.
func plain(ms []telegramtest.Message) string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Plain())
	}
	return strings.Join(out, "\n")
}

// A lifter told their /log is kept who sends it again anyway gets one set
// stored and a truthful answer to each message; the same /log sent after
// the kept one was answered is another set.
func TestResentWhileKeptIsStoredOnce(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		fs := &faultyStore{Store: mustOpen(t, dsn)}
		fs.down.Store(true)
		h := mustStart(t, srv, dsn, bot.New(fs, bot.WithLogger(testLogger(t))), fastKept)

		srv.SendText(chatOf(ann), ann, "/log squat 100x5")
		mustMessages(t, srv, ann.ID, 1)
		srv.SendText(chatOf(ann), ann, "/log squat 100x5") // sent again, as the old reply asked
		ms := mustMessages(t, srv, ann.ID, 2)
		if !strings.HasPrefix(ms[1].Plain(), "That is the same as the message you sent just now") || !strings.HasSuffix(ms[1].Plain(), resentPending) {
			t.Errorf("reply to the same /log again: got %q, want it called the same, answered once", ms[1].Plain())
		}
		fs.down.Store(false)
		ms = mustMessages(t, srv, ann.ID, 3)
		if !strings.HasPrefix(ms[2].Plain(), "Logged squat") {
			t.Errorf("once storage is back: got %q, want the squat logged", ms[2].Plain())
		}
		mustNoMore(t, srv, ann.ID, 3)
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 1 {
			t.Fatalf("sets: got %d, want 1\n%s", n, plain(srv.Messages(ann.ID)))
		}

		time.Sleep(1100 * time.Millisecond)                // a message date is in seconds
		srv.SendText(chatOf(ann), ann, "/log squat 100x5") // a second set, after the answer
		ms = mustMessages(t, srv, ann.ID, 4)
		if !strings.HasPrefix(ms[3].Plain(), "Logged squat") {
			t.Errorf("the same /log after the answer: got %q, want another set logged", ms[3].Plain())
		}
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 2 {
			t.Errorf("sets after a second set: got %d, want 2", n)
		}
		mustTruthful(t, srv, ann.ID)
	})
}

// Without a fault, the same /log twice is two sets.
func TestIdenticalMessagesWithoutAFaultAreTwoSets(t *testing.T) {
	srv := newServer(t)
	h := mustStart(t, srv, storagetestSQLite(t), nil)
	srv.SendText(chatOf(ann), ann, "/log squat 100x5")
	srv.SendText(chatOf(ann), ann, "/log squat 100x5")
	ms := mustMessages(t, srv, ann.ID, 2)
	for _, m := range ms {
		if !strings.HasPrefix(m.Plain(), "Logged squat") {
			t.Errorf("reply: got %q, want the squat logged", m.Plain())
		}
	}
	if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 2 {
		t.Errorf("sets: got %d, want 2", n)
	}
}

// While no update can even be recorded, a /log sent again is told it is
// the same as the one waiting; once storage is back one set is stored.
func TestResentWhileUnrecordedIsStoredOnce(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		out := outageOf(t, dsn)
		h := mustStart(t, srv, out.dsnFor(dsn), nil)
		srv.SendText(chatOf(ann), ann, "/help")
		mustMessages(t, srv, ann.ID, 1)
		end := out.start(t, h, dsn)

		srv.SendText(chatOf(ann), ann, "/log squat 100x5")
		mustMessages(t, srv, ann.ID, 2) // storage is not answering
		srv.SendText(chatOf(ann), ann, "/log squat 100x5")
		ms := mustMessages(t, srv, ann.ID, 3)
		if !strings.HasSuffix(ms[2].Plain(), resentPending) {
			t.Errorf("reply to the same /log again: got %q, want it called the same, answered once", ms[2].Plain())
		}
		end()
		ms = mustMessages(t, srv, ann.ID, 4)
		if !strings.HasPrefix(ms[3].Plain(), "Logged squat") {
			t.Errorf("once storage is back: got %q, want the squat logged", ms[3].Plain())
		}
		mustNoMore(t, srv, ann.ID, 4)
		mustTruthful(t, srv, ann.ID)
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 1 {
			t.Errorf("sets: got %d, want 1\n%s", n, plain(srv.Messages(ann.ID)))
		}
	})
}

// The inbox remembers what was kept: a /log sent again while the bot was
// stopped is recognised after the restart, when the kept one is answered
// first, and stored once.
func TestResentAcrossARestartIsStoredOnce(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		fs := &faultyStore{Store: mustOpen(t, dsn)}
		fs.down.Store(true)
		h := mustStart(t, srv, dsn, bot.New(fs, bot.WithLogger(testLogger(t))), fastKept)
		srv.SendText(chatOf(ann), ann, "/log squat 100x5")
		mustMessages(t, srv, ann.ID, 1)
		if !srv.WaitFor(5*time.Second, func() bool { return mustCount(t, h.st, "SELECT count(*) FROM inbox WHERE kept_key IS NOT NULL") == 1 }) {
			t.Fatal("the kept update was not noted in the inbox")
		}
		if err := h.stop(); err != nil {
			t.Fatal(err)
		}
		srv.SendText(chatOf(ann), ann, "/log squat 100x5") // while the bot is away

		h = mustStart(t, srv, dsn, nil)
		ms := mustMessages(t, srv, ann.ID, 3)
		if !strings.HasPrefix(ms[1].Plain(), "Logged squat") || !strings.Contains(ms[2].Plain(), resentAnswered) {
			t.Errorf("after the restart: got\n%s\nwant the squat logged, then the second called the same and answered above", plain(ms[1:]))
		}
		mustNoMore(t, srv, ann.ID, 3)
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 1 {
			t.Errorf("sets: got %d, want 1", n)
		}
	})
}

// In webhook mode an update that cannot be recorded gets a 500, so that
// Telegram posts it again, and its chat hears why it waits, once.
func TestWebhookUnrecordedChatHearsOnce(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		const secret = "s3cret_Token-1"
		out := outageOf(t, dsn)
		h := mustStart(t, srv, out.dsnFor(dsn), nil, func(c *telegram.Config) {
			c.WebhookURL, c.WebhookSecret, c.Listener = "https://spotter.example/tg/hook", secret, ln
		})
		if !srv.WaitFor(10*time.Second, func() bool { u, _ := srv.Webhook(); return u != "" }) {
			t.Fatal("setWebhook was not called")
		}
		client := &http.Client{Timeout: 20 * time.Second}
		post := func(body []byte) int {
			req, _ := http.NewRequest(http.MethodPost, "http://"+ln.Addr().String()+"/tg/hook", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		update := func(text string) []byte {
			return mustJSON(t, models.Update{ID: srv.NextUpdateID(), Message: srv.TextMessage(chatOf(ann), ann, text, time.Now())})
		}
		if got := post(update("/help")); got != http.StatusOK { // running
			t.Fatalf("post /help: got HTTP %d, want 200", got)
		}
		mustMessages(t, srv, ann.ID, 1)
		end := out.start(t, h, dsn)
		first, second := update("/log squat 100x5"), update("/log bench 60x8")
		for _, body := range [][]byte{first, second, first, second} { // Telegram tries again
			if got := post(body); got != http.StatusInternalServerError {
				t.Errorf("post while storage is down: got HTTP %d, want 500", got)
			}
		}
		ms := mustMessages(t, srv, ann.ID, 2)
		if !strings.Contains(ms[1].Plain(), "My storage is not answering right now") {
			t.Errorf("notice: got %q", ms[1].Plain())
		}
		mustNoMore(t, srv, ann.ID, 2)
		end()
		for _, body := range [][]byte{first, second} {
			if got := post(body); got != http.StatusOK {
				t.Errorf("post once storage is back: got HTTP %d, want 200", got)
			}
		}
		ms = mustMessages(t, srv, ann.ID, 4)
		if !strings.HasPrefix(ms[2].Plain(), "Logged squat") || !strings.HasPrefix(ms[3].Plain(), "Logged bench") {
			t.Errorf("after the outage: got\n%s", plain(ms[2:]))
		}
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 2 {
			t.Errorf("sets: got %d, want 2", n)
		}
	})
}

// A message that came while its chat's earlier one was still being tried,
// before that one was found kept, is told it is kept too as soon as it is.
func TestQueuedBehindAKeptOneIsTold(t *testing.T) {
	srv := newServer(t)
	dsn := storagetestSQLite(t)
	fs := &faultyStore{Store: mustOpen(t, dsn)}
	fs.down.Store(true)
	mustStart(t, srv, dsn, bot.New(fs, bot.WithLogger(testLogger(t))), fastKept)
	srv.SendText(chatOf(ann), ann, "/log squat 100x5")
	srv.SendText(chatOf(ann), ann, "/log bench 60x8") // queued during the first's three tries
	ms := mustMessages(t, srv, ann.ID, 2)
	if !strings.HasSuffix(ms[0].Plain(), keptWords) || !strings.Contains(ms[1].Plain(), "I have kept this message too") {
		t.Errorf("while storage is down: got\n%s\nwant the first kept, the second kept too", plain(ms))
	}
	fs.down.Store(false)
	ms = mustMessages(t, srv, ann.ID, 4)
	if !strings.HasPrefix(ms[2].Plain(), "Logged squat") || !strings.HasPrefix(ms[3].Plain(), "Logged bench") {
		t.Errorf("once storage is back: got\n%s", plain(ms[2:]))
	}
	mustNoMore(t, srv, ann.ID, 4)
}

// A start while storage is down waits for it, rather than failing: the
// updates left from the last run are answered first, then new ones.
func TestStartWaitsForStorage(t *testing.T) {
	if storagetest.PostgresDSN(t) == "" {
		t.Skip("SPOTTER_TEST_POSTGRES is not set")
	}
	srv := newServer(t)
	dsn := storagetest.FreshDSN(t, storagetest.Postgres)
	st := mustOpen(t, storagetest.WithLockTimeout(dsn, 100*time.Millisecond))
	release := storagetest.LockTable(t, dsn, "inbox")
	a, err := telegram.New(telegram.Config{Token: token, APIURL: srv.URL(), PollTimeout: 2 * time.Second, Limits: telegram.Unlimited(),
		Logger: testLogger(t), DrainTimeout: 5 * time.Second, KeptRetry: 200 * time.Millisecond}, bot.New(st, bot.WithLogger(testLogger(t))), st)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() { cancel(); <-done }()
	srv.SendText(chatOf(ann), ann, "/log squat 100x5")
	time.Sleep(time.Second)
	select {
	case err := <-done:
		t.Fatalf("Run returned %v while storage was down at start", err)
	default:
	}
	release()
	if ms := mustMessages(t, srv, ann.ID, 1); !strings.HasPrefix(ms[0].Plain(), "Logged squat") {
		t.Errorf("once storage is back: got %q, want the squat logged", ms[0].Plain())
	}
}
