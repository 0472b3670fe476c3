package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
)

func TestTooManyRequestsWaitsRetryAfter(t *testing.T) {
	srv := newServer(t)
	mustStart(t, srv, storagetestSQLite(t), nil)
	srv.Fail("sendMessage", telegramtest.Failure{Status: 429, RetryAfter: 1}, 1)
	srv.SendText(chatOf(ann), ann, "/help")
	mustMessages(t, srv, ann.ID, 1)
	calls := srv.Calls("sendMessage")
	if len(calls) != 2 {
		t.Fatalf("sendMessage calls: got %d, want 2 (refused, then resent)", len(calls))
	}
	if calls[0].Status != 429 || calls[1].Status != 200 {
		t.Errorf("statuses: got %d then %d, want 429 then 200", calls[0].Status, calls[1].Status)
	}
	if gap := calls[1].At.Sub(calls[0].At); gap < time.Second-20*time.Millisecond {
		t.Errorf("resent after %v, want at least retry_after = 1s", gap)
	}
}

func TestServerErrorsAreRetried(t *testing.T) {
	srv := newServer(t)
	mustStart(t, srv, storagetestSQLite(t), nil)
	srv.Fail("getUpdates", telegramtest.Failure{Status: 500}, 1)
	srv.Fail("sendMessage", telegramtest.Failure{Status: 502}, 2)
	srv.Fail("sendMessage", telegramtest.Failure{Status: 503, HTML: true}, 1) // a proxy's error page
	srv.SendText(chatOf(ann), ann, "/help")
	ms := mustMessages(t, srv, ann.ID, 1)
	if !strings.HasPrefix(ms[0].Plain(), "Spotter commands:") {
		t.Errorf("reply: got %q, want the help text", ms[0].Plain())
	}
	var statuses []int
	for _, c := range srv.Calls("sendMessage") {
		statuses = append(statuses, c.Status)
	}
	if want := []int{502, 502, 503, 200}; fmt.Sprint(statuses) != fmt.Sprint(want) {
		t.Errorf("sendMessage statuses: got %v, want %v", statuses, want)
	}
}

func TestBlockedUserIsNotRetried(t *testing.T) {
	srv := newServer(t)
	h := mustStart(t, srv, storagetestSQLite(t), nil)
	srv.Block(ann.ID)
	err := h.a.Notify(context.Background(), bot.Identity{Platform: "telegram", UserID: "1001"}, bot.Reply{Text: "Time for your check-in"})
	if !errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("notify a user who blocked the bot: got %v, want bot.ErrUnreachable", err)
	}
	// A reply to a blocked user: tried once, and the update is finished.
	id := srv.SendText(chatOf(ann), ann, "/help")
	srv.WaitFor(10*time.Second, func() bool {
		return mustCount(t, h.st, "SELECT count(*) FROM inbox WHERE update_id = ? AND done", id) == 1
	})
	if got := mustCount(t, h.st, "SELECT count(*) FROM inbox WHERE update_id = ? AND done", id); got != 1 {
		t.Errorf("update to a blocked user done: got %d rows, want 1", got)
	}
	if got := len(srv.Calls("sendMessage")); got != 2 {
		t.Errorf("sendMessage calls: got %d, want 2 (one notify, one reply, no retries)", got)
	}
}

func TestNotifySendsToPrivateChat(t *testing.T) {
	srv := newServer(t)
	h := mustStart(t, srv, storagetestSQLite(t), nil)
	srv.Open(bob.ID) // bob pressed Start once
	r := bot.Reply{Text: "Check-in 1/5. How did you sleep? good / ok / poor", Buttons: [][]bot.Button{{{Label: "good", Data: "/checkin sleep good"}}}}
	if err := h.a.Notify(context.Background(), bot.Identity{Platform: "telegram", UserID: "1002"}, r); err != nil {
		t.Fatal(err)
	}
	ms := mustMessages(t, srv, bob.ID, 1)
	if d, _ := ms[0].Button("good"); d != "/checkin sleep good" || ms[0].Plain() != r.Text {
		t.Errorf("notification: got %q with button data %q, want %q with /checkin sleep good", ms[0].Plain(), d, r.Text)
	}
	if err := h.a.Notify(context.Background(), bot.Identity{Platform: "discord", UserID: "1"}, r); err == nil {
		t.Error("notify a discord identity: got nil error, want one")
	}
}

func TestWebhook(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		const secret = "s3cret_Token-1"
		h := mustStart(t, srv, dsn, nil, func(c *telegram.Config) {
			c.WebhookURL, c.WebhookSecret, c.Listener = "https://spotter.example/tg/hook", secret, ln
		})
		if !srv.WaitFor(10*time.Second, func() bool { u, _ := srv.Webhook(); return u != "" }) {
			t.Fatal("setWebhook was not called")
		}
		if u, s := srv.Webhook(); u != "https://spotter.example/tg/hook" || s != secret {
			t.Errorf("webhook: got %q %q, want the URL and secret", u, s)
		}
		hook := "http://" + ln.Addr().String() + "/tg/hook"
		update := models.Update{ID: srv.NextUpdateID(), Message: srv.TextMessage(chatOf(ann), ann, "/log squat 100x5", time.Now())}
		body := mustJSON(t, update)
		post := func(secret string, body []byte) int {
			req, _ := http.NewRequest(http.MethodPost, hook, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if secret != "" {
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		for _, tc := range []struct {
			name, secret string
			body         []byte
			want         int
		}{
			{"no secret", "", body, 401},
			{"wrong secret", "guess", body, 401},
			{"secret with a suffix", secret + "x", body, 401},
			{"too large", secret, bytes.Repeat([]byte(" "), 2<<20), 413},
			{"not an update", secret, []byte(`{"hello":1}`), 400},
		} {
			if got := post(tc.secret, tc.body); got != tc.want {
				t.Errorf("%s: got HTTP %d, want %d", tc.name, got, tc.want)
			}
		}
		if got := mustCount(t, h.st, "SELECT count(*) FROM inbox"); got != 0 {
			t.Fatalf("inbox after refused posts: got %d rows, want 0", got)
		}
		if got := post(secret, body); got != 200 {
			t.Fatalf("right secret: got HTTP %d, want 200", got)
		}
		ms := mustMessages(t, srv, ann.ID, 1)
		if !strings.HasPrefix(ms[0].Plain(), "Logged squat") {
			t.Errorf("reply: got %q", ms[0].Plain())
		}
		// Telegram posting the same update again (it missed our 200) changes nothing.
		if got := post(secret, body); got != 200 {
			t.Errorf("redelivery: got HTTP %d, want 200", got)
		}
		time.Sleep(300 * time.Millisecond)
		if got := len(srv.Messages(ann.ID)); got != 1 {
			t.Errorf("replies after a redelivery: got %d, want 1", got)
		}
		if got := mustCount(t, h.st, "SELECT count(*) FROM sets"); got != 1 {
			t.Errorf("sets after a redelivery: got %d, want 1", got)
		}
	})
}

// recorder is a bot that records what it was asked, for tests about the
// adapter's own behaviour.
type recorder struct {
	mu       sync.Mutex
	got      []bot.Message
	running  int
	maxRun   int
	delay    func(m bot.Message) time.Duration
	gate     chan struct{} // when set, Handle waits for it
	entered  chan struct{}
	reply    func(m bot.Message) bot.Reply
	failures int // Handle fails this many times first
}

func (r *recorder) Handle(ctx context.Context, m bot.Message) (bot.Reply, error) {
	r.mu.Lock()
	if r.failures > 0 {
		r.failures--
		r.mu.Unlock()
		return bot.Reply{Text: "Something went wrong"}, errors.New("database down")
	}
	r.running++
	r.maxRun = max(r.maxRun, r.running)
	r.mu.Unlock()
	if r.entered != nil {
		r.entered <- struct{}{}
	}
	if r.gate != nil {
		<-r.gate
	}
	if r.delay != nil {
		time.Sleep(r.delay(m))
	}
	r.mu.Lock()
	r.running--
	r.got = append(r.got, m)
	r.mu.Unlock()
	if r.reply != nil {
		return r.reply(m), nil
	}
	return bot.Reply{Text: "ok " + m.Text}, nil
}

func (r *recorder) CommandMenu() [][2]string { return [][2]string{{"log", "Log sets"}} }

func (r *recorder) messages() []bot.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Message(nil), r.got...)
}

func TestOneChatInOrderChatsInParallel(t *testing.T) {
	srv := newServer(t)
	rec := &recorder{delay: func(m bot.Message) time.Duration { return time.Duration(len(m.Text)%5) * time.Millisecond }}
	mustStart(t, srv, storagetestSQLite(t), rec)
	const chats, per = 12, 8
	for i := range per {
		for c := range chats {
			u := telegramtest.User(int64(2000+c), "u")
			srv.SendText(chatOf(u), u, fmt.Sprintf("/log %d%s", i, strings.Repeat("x", c)))
		}
	}
	if !srv.WaitFor(20*time.Second, func() bool { return len(rec.messages()) == chats*per }) {
		t.Fatalf("handled %d updates, want %d", len(rec.messages()), chats*per)
	}
	next := map[string]int{}
	for _, m := range rec.messages() {
		var i int
		fmt.Sscanf(strings.TrimPrefix(m.Text, "/log "), "%d", &i)
		if i != next[m.ChatID] {
			t.Errorf("chat %s: got message %d, want %d (in order)", m.ChatID, i, next[m.ChatID])
		}
		next[m.ChatID] = i + 1
		if !strings.HasPrefix(m.Ref, "tg:") || m.Identity.Platform != "telegram" || m.Identity.UserID != m.ChatID || m.Group {
			t.Errorf("message fields: got %+v", m)
		}
	}
	if rec.maxRun < 2 {
		t.Errorf("most updates handled at once: got %d, want chats in parallel", rec.maxRun)
	}
}

func TestGracefulStopFinishesInFlight(t *testing.T) {
	srv := newServer(t)
	rec := &recorder{gate: make(chan struct{}), entered: make(chan struct{}, 1)}
	h := mustStart(t, srv, storagetestSQLite(t), rec)
	id := srv.SendText(chatOf(ann), ann, "/log squat 100x5")
	<-rec.entered
	h.cancel() // SIGTERM
	time.Sleep(200 * time.Millisecond)
	srv.SendText(chatOf(bob), bob, "/help") // after the stop request: not taken
	select {
	case err := <-h.done:
		t.Fatalf("Run returned %v while an update was in flight", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(rec.gate)
	if err := h.stop(); err != nil {
		t.Errorf("graceful stop: got %v, want nil", err)
	}
	if got := len(srv.Messages(ann.ID)); got != 1 {
		t.Errorf("replies to the in-flight update: got %d, want 1", got)
	}
	if got := mustCount(t, h.st, "SELECT count(*) FROM inbox WHERE update_id = ? AND done", id); got != 1 {
		t.Errorf("in-flight update marked done: got %d, want 1", got)
	}
	if got := len(rec.messages()); got != 1 {
		t.Errorf("handled: got %d updates, want 1 (nothing taken after the stop)", got)
	}
	if got := srv.Pending(); got != 1 {
		t.Errorf("unconfirmed updates at Telegram: got %d, want 1 (Bob's, left for the next run)", got)
	}
}

func TestInternalErrorIsRetried(t *testing.T) {
	srv := newServer(t)
	rec := &recorder{failures: 2}
	mustStart(t, srv, storagetestSQLite(t), rec)
	srv.SendText(chatOf(ann), ann, "/help")
	ms := mustMessages(t, srv, ann.ID, 1)
	if ms[0].Plain() != "ok /help" {
		t.Errorf("reply: got %q, want the third attempt's answer", ms[0].Plain())
	}
}

func TestDocumentsReachTheBot(t *testing.T) {
	srv := newServer(t)
	rec := &recorder{}
	mustStart(t, srv, storagetestSQLite(t), rec)
	csv := []byte("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-11-01 08:00:00,Legs,Squat,1,100,5\n")
	srv.SendDocument(chatOf(ann), ann, "/import", "strong.csv", csv, 0)
	srv.SendDocument(chatOf(bob), bob, "", "hevy.csv", csv, 0) // no caption: an import all the same
	srv.SendDocument(chatOf(ann), ann, "/import", "huge.csv", []byte("x"), 25<<20)
	ms := mustMessages(t, srv, ann.ID, 2)
	if !srv.WaitFor(10*time.Second, func() bool { return len(rec.messages()) == 2 }) {
		t.Fatalf("bot got %d messages, want 2", len(rec.messages()))
	}
	for _, m := range rec.messages() {
		if m.Text != "/import" || len(m.Attachments) != 1 || !bytes.Equal(m.Attachments[0].Data, csv) {
			t.Errorf("message: got text %q with %d attachments, want /import with the CSV", m.Text, len(m.Attachments))
		}
	}
	if got := ms[1].Plain(); !strings.Contains(got, "too big") || !strings.Contains(got, "20 MB") {
		t.Errorf("reply to a 25 MB file: got %q, want it refused naming the 20 MB limit", got)
	}
	if got := len(srv.Calls("file")); got != 2 {
		t.Errorf("file downloads: got %d, want 2 (the big file is not fetched)", got)
	}
}

func TestImageFileAndLongReplies(t *testing.T) {
	srv := newServer(t)
	png := []byte("\x89PNG\r\n\x1a\nfake")
	long := strings.Repeat("a line of history, 30 chars.\n", 300) // 8700 characters
	rec := &recorder{reply: func(m bot.Message) bot.Reply {
		switch m.Text {
		case "/chart squat":
			return bot.Reply{Text: "squat e1RM <by week>", Image: png}
		case "/export":
			return bot.Reply{Text: "Your log", File: &bot.File{Name: "spotter.csv", Data: []byte("a,b\n")}}
		}
		return bot.Reply{Text: long, Buttons: [][]bot.Button{{{Label: "More", Data: "/history 20"}}}}
	}}
	mustStart(t, srv, storagetestSQLite(t), rec)
	srv.SendText(chatOf(ann), ann, "/chart squat")
	srv.SendText(chatOf(ann), ann, "/export")
	srv.SendText(chatOf(ann), ann, "/history")
	ms := mustMessages(t, srv, ann.ID, 5)
	if ms[0].Photo == nil || !bytes.Equal(ms[0].Photo.Data, png) || ms[0].Plain() != "squat e1RM <by week>" {
		t.Errorf("chart: got photo %v caption %q, want the PNG with the text as caption", ms[0].Photo != nil, ms[0].Plain())
	}
	if ms[1].Document == nil || ms[1].Document.Name != "spotter.csv" || string(ms[1].Document.Data) != "a,b\n" {
		t.Errorf("export: got document %+v, want spotter.csv", ms[1].Document)
	}
	var joined []string
	for i, m := range ms[2:] {
		if n := len([]rune(m.Plain())); n > 4096 {
			t.Errorf("part %d: %d characters, over Telegram's 4096", i, n)
		}
		if hasKB := len(m.Keyboard) > 0; hasKB != (i == 2) {
			t.Errorf("part %d keyboard: got %v, want buttons on the last part only", i, hasKB)
		}
		joined = append(joined, m.Plain())
	}
	if got := strings.Join(joined, "\n"); got != strings.TrimRight(long, "\n") {
		t.Errorf("long reply: parts do not add up to the text (%d vs %d characters)", len(got), len(long))
	}
}

func TestOutboundRateLimits(t *testing.T) {
	srv := newServer(t)
	h := mustStart(t, srv, storagetestSQLite(t), &recorder{}, func(c *telegram.Config) {
		// Telegram's shape, faster: private 20/s, group 10/s, global 40/s.
		c.Limits = telegram.Limits{Global: 40, GlobalBurst: 1, Private: 20, PrivateBurst: 2, Group: 10, GroupBurst: 1}
	})
	notify := func(chat int64, n int) time.Duration {
		srv.Open(chat) // a private chat the user started (a no-op for groups)
		start := time.Now()
		for range n {
			if err := h.a.Notify(context.Background(), bot.Identity{Platform: "telegram", UserID: fmt.Sprint(chat)}, bot.Reply{Text: "hi"}); err != nil {
				t.Fatal(err)
			}
		}
		return time.Since(start)
	}
	// One private chat: a burst of 2, then 20/s: 12 messages take >= 0.5s.
	if d := notify(ann.ID, 12); d < 450*time.Millisecond {
		t.Errorf("12 messages to one chat at 20/s (burst 2) took %v, want >= 0.5s", d)
	}
	// A group: burst 1, then 10/s: 4 replies span >= 0.3s.
	group := telegramtest.GroupChat(-100777, "club")
	for range 4 {
		srv.SendText(group, bob, "/log")
	}
	ms := mustMessages(t, srv, group.ID, 4)
	if d := ms[3].SentAt.Sub(ms[0].SentAt); d < 250*time.Millisecond { // 300ms less connection setup jitter
		t.Errorf("4 replies to a group at 10/s spanned %v, want >= 0.3s", d)
	}
	// Many chats in parallel: the global 40/s binds. 40 messages to 40 chats >= 0.95s.
	var wg sync.WaitGroup
	start := time.Now()
	for c := range 40 {
		wg.Go(func() { notify(int64(5000+c), 1) })
	}
	wg.Wait()
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("40 messages to 40 chats at 40/s overall took %v, want >= ~1s", d)
	}
	if got := telegram.DefaultLimits(); got.Global != 30 || got.Private != 1 || float64(got.Group)*60+float64(got.GroupBurst) > 20 {
		t.Errorf("default limits: got %+v, want 30/s overall, 1/s per chat, <= 20 per minute per group", got)
	}
}

// Replicas behind a load balancer share the inbox: one replica does not
// touch what another recorded while that one's lease lives, and takes it
// over once the lease runs out (the other died).
func TestReplicaTakesOverWhatADeadReplicaLeft(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		st := mustOpen(t, dsn)
		// Replica "a" recorded two updates and died; its lease runs out in 1.5 s.
		leaseEnds := time.Now().Add(1500 * time.Millisecond)
		var rows []inbox.Event
		for _, text := range []string{"/log squat 100x5 rir2", "/log squat 105x5 rir2"} {
			u := models.Update{ID: srv.NextUpdateID(), Message: srv.TextMessage(chatOf(ann), ann, text, time.Now())}
			raw, err := json.Marshal(&u)
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, inbox.Event{Platform: telegram.Platform, ID: u.ID, Key: fmt.Sprint(ann.ID), Payload: raw,
				ReceivedAt: time.Now(), Owner: "a", LeaseUntil: leaseEnds})
		}
		if _, err := st.RecordUpdates(context.Background(), rows); err != nil {
			t.Fatal(err)
		}
		mustStart(t, srv, dsn, nil, func(c *telegram.Config) { c.Replica, c.Lease = "b", 400*time.Millisecond })
		ms := mustMessages(t, srv, ann.ID, 2)
		for _, m := range ms {
			if m.SentAt.Before(leaseEnds) {
				t.Errorf("b answered %q at %v, while a's lease lived (until %v)", m.Plain(), m.SentAt.Format(time.StampMilli), leaseEnds.Format(time.StampMilli))
			}
		}
		if !strings.Contains(ms[0].Plain(), "100 kg") || !strings.Contains(ms[1].Plain(), "105 kg") {
			t.Errorf("after the lease: got %q, %q; want both logs answered in order", ms[0].Plain(), ms[1].Plain())
		}
		if n := mustCount(t, st, "SELECT COUNT(*) FROM sets"); n != 2 {
			t.Errorf("sets stored: %d, want 2", n)
		}
	})
}

// A replica busy with a long queue keeps its leases (another replica takes
// nothing it holds), and a replica that stops releases what it leaves, so
// another takes that at once.
func TestLeasesHeldWhileBusyReleasedAtStop(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		st := mustOpen(t, dsn)
		srv.Open(ann.ID)
		var rows []inbox.Event
		for i := range 20 {
			u := models.Update{ID: srv.NextUpdateID(), Message: srv.TextMessage(chatOf(ann), ann, fmt.Sprintf("/log squat %dx5", 100+i), time.Now())}
			raw, err := json.Marshal(&u)
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, inbox.Event{Platform: telegram.Platform, ID: u.ID, Key: fmt.Sprint(ann.ID), Payload: raw,
				ReceivedAt: time.Now(), Owner: "b", LeaseUntil: time.Now().Add(time.Minute)}) // b's earlier life
		}
		if _, err := st.RecordUpdates(context.Background(), rows); err != nil {
			t.Fatal(err)
		}
		h := mustStart(t, srv, dsn, nil, func(c *telegram.Config) {
			c.Replica, c.Lease, c.MaxQueued, c.DrainTimeout = "b", 1200*time.Millisecond, 2, 200*time.Millisecond
			c.Limits = telegram.Limits{Global: 100, GlobalBurst: 1, Private: 4, PrivateBurst: 1, Group: 100, GroupBurst: 1}
		})
		claim := func() int {
			got, err := st.ClaimPending(context.Background(), telegram.Platform, "c", false, 0, 100, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return len(got)
		}
		// Once b is at work (its claim at start set 1.2 s leases), only its
		// renewals keep c off.
		mustMessages(t, srv, ann.ID, 1)
		for end := time.Now().Add(2500 * time.Millisecond); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
			if n := claim(); n > 0 {
				t.Fatalf("replica c took %d updates replica b holds and is working through", n)
			}
		}
		if err := h.stop(); err != nil {
			t.Fatal(err)
		}
		left := mustCount(t, st, "SELECT COUNT(*) FROM inbox WHERE done = false")
		if left == 0 {
			t.Fatalf("b answered everything before it stopped; the test needs some left")
		}
		if n := claim(); n != left {
			t.Errorf("after b stopped: c took %d updates, want the %d b left", n, left)
		}
	})
}

// A failure to start taking updates ends Run with the error, promptly.
func TestRunReturnsWhenIntakeFails(t *testing.T) {
	srv := newServer(t)
	dsn := storagetestSQLite(t)
	st := mustOpen(t, dsn)
	a, err := telegram.New(telegram.Config{Token: token, APIURL: srv.URL(), Logger: testLogger(t),
		WebhookURL: "https://example.com/hook", WebhookSecret: "s3cret", Listen: "bad-address:99999"},
		bot.New(st, bot.WithLogger(testLogger(t))), st)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(context.Background()) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "listen") {
			t.Errorf("Run: got %v, want the listen error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return within 10 s after the webhook could not listen")
	}
}

// One update twice in one getUpdates answer is answered once.
func TestUpdateTwiceInOneAnswerIsAnsweredOnce(t *testing.T) {
	srv := newServer(t)
	id := srv.SendText(chatOf(ann), ann, "/log squat 100x5")
	if !srv.PushAgain(id) {
		t.Fatal("PushAgain: the update was not pushed before")
	}
	h := mustStart(t, srv, storagetestSQLite(t), nil)
	mustMessages(t, srv, ann.ID, 1)
	time.Sleep(300 * time.Millisecond) // room for a second reply
	if got := len(srv.Messages(ann.ID)); got != 1 {
		t.Errorf("replies: got %d, want 1", got)
	}
	if n := mustCount(t, h.st, "SELECT COUNT(*) FROM sets"); n != 1 {
		t.Errorf("sets: %d, want 1", n)
	}
}
