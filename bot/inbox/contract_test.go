package inbox_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot/inbox"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// The inbox's contract, on SQLite and (with SPOTTER_TEST_POSTGRES) on
// PostgreSQL: events of one key are handled in id order and keys in
// parallel; an event is handled to the end exactly once across a crash and
// a restart (and a redelivery); a dead replica's events are taken over once
// its lease runs out, not before.

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func backends(t *testing.T, f func(t *testing.T, st *storage.Store)) {
	for _, be := range storagetest.Backends(t) {
		t.Run(be.Name, func(t *testing.T) {
			st, err := storage.Open(context.Background(), storagetest.FreshDSN(t, be))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			f(t, st)
		})
	}
}

// mortal is the store as one replica sees it: once killed, nothing it
// writes or reads arrives any more, as after kill -9.
type mortal struct {
	inbox.Store
	dead atomic.Bool
}

var errDead = errors.New("replica is dead")

func (m *mortal) RecordUpdates(ctx context.Context, evs []inbox.Event) ([]int64, error) {
	if m.dead.Load() {
		return nil, errDead
	}
	return m.Store.RecordUpdates(ctx, evs)
}

func (m *mortal) ClaimPending(ctx context.Context, platform, owner string, mine bool, after int64, limit int, lease time.Duration) ([]inbox.Event, error) {
	if m.dead.Load() {
		return nil, errDead
	}
	return m.Store.ClaimPending(ctx, platform, owner, mine, after, limit, lease)
}

func (m *mortal) RenewLeases(ctx context.Context, platform, owner string, lease time.Duration) error {
	if m.dead.Load() {
		return errDead
	}
	return m.Store.RenewLeases(ctx, platform, owner, lease)
}

func (m *mortal) MarkUpdatesDone(ctx context.Context, platform string, ids []int64) error {
	if m.dead.Load() {
		return errDead
	}
	return m.Store.MarkUpdatesDone(ctx, platform, ids)
}

// replica is one process's inbox: killed, or stopped when the test ends.
type replica struct {
	ib         *inbox.Inbox
	store      *mortal
	cancelWork context.CancelFunc
	stopServe  context.CancelFunc
	served     chan struct{}
}

// mustReplica starts a replica whose handler is handler(ib): it marks what it
// finished done through ib.
func mustReplica(t *testing.T, st *storage.Store, name string, lease time.Duration, handler func(ib *inbox.Inbox) inbox.Handler) *replica {
	t.Helper()
	m := &mortal{Store: st}
	ib, err := inbox.New(m, inbox.Config{Platform: "test", Replica: name, Lease: lease, Parallel: 4, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	work, cancelWork := context.WithCancel(context.Background())
	ib.Start(work, handler(ib))
	if err := ib.Recover(context.Background()); err != nil {
		t.Fatal(err)
	}
	serving, stopServe := context.WithCancel(context.Background())
	r := &replica{ib: ib, store: m, cancelWork: cancelWork, stopServe: stopServe, served: make(chan struct{})}
	go func() { ib.Serve(serving); close(r.served) }()
	t.Cleanup(func() {
		r.stopServe()
		<-r.served
		r.cancelWork()
		r.ib.Wait()
		r.ib.Close(context.Background())
	})
	return r
}

// kill stops the replica as kill -9 would: its handlers see their context
// end, and nothing it writes from now on (done marks, lease renewals, the
// release of its leases) reaches the database.
func (r *replica) kill() {
	r.store.dead.Store(true)
	r.stopServe()
	r.cancelWork()
}

func events(from, n int, keys ...string) []inbox.Event {
	var evs []inbox.Event
	for i := range n {
		id := int64(from + i)
		evs = append(evs, inbox.Event{ID: id, Key: keys[i%len(keys)], Payload: fmt.Appendf(nil, `{"n":%d}`, id)})
	}
	return evs
}

// mustRecord records evs through ib and queues the fresh ones, as an
// adapter does; it returns how many were fresh.
func mustRecord(t *testing.T, ib *inbox.Inbox, evs []inbox.Event) int {
	t.Helper()
	fresh, err := ib.Record(context.Background(), evs)
	if err != nil {
		t.Fatal(err)
	}
	isFresh := map[int64]bool{}
	for _, id := range fresh {
		isFresh[id] = true
	}
	var its []inbox.Item
	for _, ev := range evs {
		if isFresh[ev.ID] {
			its = append(its, inbox.Item{Event: ev})
		}
	}
	if err := ib.WaitRoom(context.Background(), len(its)); err != nil {
		t.Fatal(err)
	}
	ib.Add(context.Background(), its)
	return len(fresh)
}

func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(within); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out after %v waiting for %s", within, what)
		}
	}
}

func pending(t *testing.T, st *storage.Store) int64 {
	t.Helper()
	n, err := st.PendingUpdates(context.Background(), "test")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// handled notes which events were handled to the end, in what order.
type handled struct {
	mu      sync.Mutex
	byKey   map[string][]int64
	count   map[int64]int
	running int
	maxRun  int
}

func newHandled() *handled { return &handled{byKey: map[string][]int64{}, count: map[int64]int{}} }

func (h *handled) start() {
	h.mu.Lock()
	h.running++
	h.maxRun = max(h.maxRun, h.running)
	h.mu.Unlock()
}

func (h *handled) finish(it *inbox.Item) {
	h.mu.Lock()
	h.running--
	h.byKey[it.Key] = append(h.byKey[it.Key], it.ID)
	h.count[it.ID]++
	h.mu.Unlock()
}

// finishing is a handler that finishes every event at once.
func finishing(got *handled) func(ib *inbox.Inbox) inbox.Handler {
	return func(ib *inbox.Inbox) inbox.Handler {
		return func(ctx context.Context, it *inbox.Item) time.Duration {
			got.start()
			got.finish(it)
			ib.Done(it.ID)
			return 0
		}
	}
}

func (h *handled) total() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.count)
}

func TestOrderPerKeyKeysInParallel(t *testing.T) {
	backends(t, func(t *testing.T, st *storage.Store) {
		got := newHandled()
		r := mustReplica(t, st, "r1", time.Minute, func(ib *inbox.Inbox) inbox.Handler {
			return func(ctx context.Context, it *inbox.Item) time.Duration {
				got.start()
				time.Sleep(time.Duration(it.ID%3) * time.Millisecond) // later ids may be quicker
				got.finish(it)
				ib.Done(it.ID)
				return 0
			}
		})
		// Recorded out of order, in two calls (webhook posts overtake each other).
		evs := events(1, 60, "a", "b", "c")
		slices.Reverse(evs[:30])
		if n := mustRecord(t, r.ib, evs[:30]) + mustRecord(t, r.ib, evs[30:]); n != 60 {
			t.Fatalf("fresh: got %d, want 60", n)
		}
		waitFor(t, "60 events handled and marked done", 10*time.Second, func() bool { return got.total() == 60 && pending(t, st) == 0 })
		for key, ids := range got.byKey {
			if !slices.IsSorted(ids) || len(ids) != 20 {
				t.Errorf("key %s: handled %v, want its 20 ids in order", key, ids)
			}
		}
		if got.maxRun < 2 {
			t.Errorf("at most %d handled at once, want keys in parallel", got.maxRun)
		}
	})
}

func TestExactlyOnceAcrossCrashAndRestart(t *testing.T) {
	backends(t, func(t *testing.T, st *storage.Store) {
		got := newHandled()
		const n, before = 40, 16
		// The first life finishes ids 1..16 and hangs in the rest until it dies.
		first := mustReplica(t, st, "r1", time.Minute, func(ib *inbox.Inbox) inbox.Handler {
			return func(ctx context.Context, it *inbox.Item) time.Duration {
				if it.ID > before {
					<-ctx.Done()
					return 0 // cut off: not done
				}
				got.start()
				got.finish(it)
				ib.Done(it.ID)
				return 0
			}
		})
		mustRecord(t, first.ib, events(1, n, "a", "b", "c", "d"))
		waitFor(t, "the first life's done marks", 10*time.Second, func() bool { return pending(t, st) == n-before })
		first.kill()

		// The same replica restarted takes its unfinished events at once,
		// though its leases still live; Telegram sends all 40 again.
		second := mustReplica(t, st, "r1", time.Minute, finishing(got))
		if fresh := mustRecord(t, second.ib, events(1, n, "a", "b", "c", "d")); fresh != 0 {
			t.Errorf("redelivery after the restart: %d fresh, want 0", fresh)
		}
		waitFor(t, "all events handled and done", 10*time.Second, func() bool { return got.total() == n && pending(t, st) == 0 })
		time.Sleep(50 * time.Millisecond) // room for a second handling to show
		got.mu.Lock()
		defer got.mu.Unlock()
		for id := int64(1); id <= n; id++ {
			if c := got.count[id]; c != 1 {
				t.Errorf("event %d handled %d times, want exactly once", id, c)
			}
		}
		for key, ids := range got.byKey {
			if !slices.IsSorted(ids) {
				t.Errorf("key %s: handled %v, want id order", key, ids)
			}
		}
	})
}

func TestTakeOverAfterLeaseExpiry(t *testing.T) {
	backends(t, func(t *testing.T, st *storage.Store) {
		const lease = 600 * time.Millisecond
		dead := mustReplica(t, st, "a", lease, func(*inbox.Inbox) inbox.Handler {
			return func(ctx context.Context, it *inbox.Item) time.Duration {
				<-ctx.Done() // it dies with all of them in hand
				return 0
			}
		})
		mustRecord(t, dead.ib, events(1, 10, "x", "y"))
		// Let a renewal run, so that the lease ends a lease after the kill.
		time.Sleep(lease / 2)
		dead.kill()
		leaseEnds := time.Now().Add(lease)

		got := newHandled()
		var early atomic.Int64
		mustReplica(t, st, "b", lease, func(ib *inbox.Inbox) inbox.Handler {
			return func(ctx context.Context, it *inbox.Item) time.Duration {
				if time.Now().Before(leaseEnds.Add(-lease / 2)) {
					early.Add(1)
				}
				got.start()
				got.finish(it)
				ib.Done(it.ID)
				return 0
			}
		})
		waitFor(t, "the dead replica's events taken over", 10*time.Second, func() bool { return got.total() == 10 && pending(t, st) == 0 })
		if n := early.Load(); n > 0 {
			t.Errorf("%d events taken while the dead replica's lease lived", n)
		}
		got.mu.Lock()
		defer got.mu.Unlock()
		for key, ids := range got.byKey {
			if !slices.IsSorted(ids) || len(ids) != 5 {
				t.Errorf("key %s: handled %v, want its 5 ids in order", key, ids)
			}
		}
		for id, c := range got.count {
			if c != 1 {
				t.Errorf("event %d handled %d times, want once", id, c)
			}
		}
	})
}
