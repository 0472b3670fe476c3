package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/storage/storagetest"
)

// The fault the issue names, for real on PostgreSQL: a /log whose handling
// fails mid-way (its table locked), then the database stopped (every
// connection cut, new ones refused) while the lifter sends the same /log
// again. Once the database is back there is exactly one set, and no reply
// on the way said anything untrue.
func TestKeptThroughAStoppedDatabase(t *testing.T) {
	if storagetest.PostgresDSN(t) == "" {
		t.Skip("SPOTTER_TEST_POSTGRES is not set")
	}
	srv := newServer(t)
	dsn := storagetest.FreshDSN(t, storagetest.Postgres)
	proxy, viaProxy := storagetest.NewProxy(t, dsn)
	mustStart(t, srv, storagetest.WithLockTimeout(viaProxy, 100*time.Millisecond), nil, fastKept)
	direct := mustOpen(t, dsn) // the test's own view, around the proxy

	srv.SendText(chatOf(ann), ann, "/help")
	mustMessages(t, srv, ann.ID, 1) // running
	release := storagetest.LockTable(t, dsn, "sets")
	srv.SendText(chatOf(ann), ann, "/log squat 100x5")
	ms := mustMessages(t, srv, ann.ID, 2)
	if !strings.HasSuffix(ms[1].Plain(), keptWords) {
		t.Errorf("reply while sets are locked: got %q, want %q", ms[1].Plain(), keptWords)
	}

	proxy.Stop() // the database stops: its locks go with it
	release()
	srv.SendText(chatOf(ann), ann, "/log squat 100x5") // sent again anyway
	ms = mustMessages(t, srv, ann.ID, 3)
	// The adapter remembers what it kept, so it knows this one without the
	// database, and says so once.
	if got := ms[2].Plain(); !strings.HasSuffix(got, resentPending) {
		t.Errorf("reply while the database is stopped: got %q, want it called the same as the kept one (%q)", got, resentPending)
	}
	time.Sleep(1500 * time.Millisecond) // tries to record and to answer, all failing
	if got := len(srv.Messages(ann.ID)); got != 3 {
		t.Errorf("messages while the database is stopped: got %d, want 3:\n%s", got, plain(srv.Messages(ann.ID)))
	}
	if n := mustCount(t, direct, "SELECT count(*) FROM sets"); n != 0 {
		t.Fatalf("sets while the database is stopped: got %d, want 0", n)
	}

	proxy.Start()
	ms = mustMessages(t, srv, ann.ID, 4)
	if !strings.HasPrefix(ms[3].Plain(), "Logged squat") || ms[3].ReplyTo != ms[1].ReplyTo {
		t.Errorf("once the database is back: got %q answering %d, want the kept /log logged, answering %d", ms[3].Plain(), ms[3].ReplyTo, ms[1].ReplyTo)
	}
	mustNoMore(t, srv, ann.ID, 4) // the copy, told already, is not answered again
	mustTruthful(t, srv, ann.ID)
	if n := mustCount(t, direct, "SELECT count(*) FROM sets"); n != 1 {
		t.Errorf("sets: got %d, want 1\n%s", n, plain(srv.Messages(ann.ID)))
	}
	if !srv.WaitFor(5*time.Second, func() bool { return srv.Pending() == 0 }) {
		t.Errorf("updates unconfirmed at Telegram: got %d, want 0", srv.Pending())
	}
}
