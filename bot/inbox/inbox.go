// Package inbox is the durable delivery pipeline every platform adapter
// uses: an adapter records each incoming event here before it acknowledges
// the platform (Telegram's next getUpdates offset or webhook 200, Discord's
// deferral), and the inbox hands recorded events to the adapter's handler in
// order per key (a chat, a user), keys in parallel. The handler marks an
// event done once it is answered.
//
// Because the record comes first, a crash at any moment loses no
// acknowledged event: at start, events recorded but not done are handled
// first. Replicas sharing one database each hold a lease on the events they
// handle and renew it while they run; when a replica dies, another takes
// its unfinished events once the lease has run out. A second copy of an
// event id is recognised and not handed out again.
//
// The inbox decides nothing about what an event means: adapters translate
// events, the bot answers them. It also keeps the generic part of the
// outage bookkeeping: which events' senders were told their event is kept
// while storage is down (Keep, KeptEvents, KeptInStore).
package inbox

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Event is one raw platform event as the inbox stores it.
type Event struct {
	Platform string
	ID       int64  // the platform's id, unique per platform (an update id, an interaction snowflake)
	Key      string // events of one key are handled in ID order
	Payload  []byte // the event as the platform sent it
	// ReceivedAt is when the event was recorded.
	ReceivedAt time.Time
	// Owner is the replica that handles the event until LeaseUntil (zero:
	// no lease, any replica may take it).
	Owner      string
	LeaseUntil time.Time
	// KeptKey, when set, says the sender was told the event is kept while
	// storage is down, and identifies its words (the adapter's key).
	KeptKey string
}

// Kept is an event whose sender was told it is kept.
type Kept struct {
	ID         int64
	Key        string // the event's ordering key
	KeptKey    string
	ReceivedAt time.Time
	DoneAt     time.Time // zero while it is not done
}

// Store is what the inbox needs of the database (*storage.Store).
type Store interface {
	// RecordUpdates stores events not stored before and returns the ids of
	// those it stored now (none when all were known).
	RecordUpdates(ctx context.Context, evs []Event) ([]int64, error)
	// ClaimPending leases to owner, until now+lease, up to limit undone
	// events of platform with ID > after whose lease ran out (with mine,
	// also those owner holds) and returns them in ID order; none when
	// there are none.
	ClaimPending(ctx context.Context, platform, owner string, mine bool, after int64, limit int, lease time.Duration) ([]Event, error)
	// RenewLeases extends owner's leases on its undone events to now+lease
	// (a negative lease ends them).
	RenewLeases(ctx context.Context, platform, owner string, lease time.Duration) error
	// MarkUpdatesDone marks events done (unknown ids are ignored).
	MarkUpdatesDone(ctx context.Context, platform string, ids []int64) error
	// PruneUpdates deletes done events received before before and returns
	// how many.
	PruneUpdates(ctx context.Context, platform string, before time.Time) (int64, error)
	// KeepUpdate notes that event id's sender was told it is kept, under key.
	KeepUpdate(ctx context.Context, platform string, id int64, key string) error
	// KeptUpdates returns the events kept under any of keys that are not
	// done or were done at or after since; none when there are none.
	KeptUpdates(ctx context.Context, platform string, keys []string, since time.Time) ([]Kept, error)
	// HasKeptUpdates reports whether KeptUpdates could find anything.
	HasKeptUpdates(ctx context.Context, platform string, since time.Time) (bool, error)
}

// Observer is told about the inbox's loops and take-overs (the adapter's
// metrics). Its methods must be safe for concurrent use.
type Observer interface {
	// TookOver counts n events taken from a replica whose lease ran out.
	TookOver(n int)
	// Loop says a loop ("leases", "takeover", "prune") started; the func
	// returned says it stopped.
	Loop(name string) (stopped func())
}

type nopObserver struct{}

func (nopObserver) TookOver(int)       {}
func (nopObserver) Loop(string) func() { return func() {} }

// Config configures an Inbox. Platform is required.
type Config struct {
	Platform string
	// Replica names this process among the replicas sharing the database
	// (default: the host name): the same name again after a restart lets
	// it take its own unfinished events at once.
	Replica string
	Lease   time.Duration // default 2 minutes
	// Parallel bounds how many events are handled at once (default 32).
	Parallel int
	// MaxQueued is how many recorded events may wait in memory (default
	// 4096); WaitRoom blocks beyond it.
	MaxQueued int
	// Retention is how long done events are kept, to recognise a late
	// redelivery (default 7 days).
	Retention time.Duration
	// StartRetry bounds the pause between tries of the claim at start
	// while storage is down (default 5 s).
	StartRetry time.Duration
	Logger     *slog.Logger
	Observer   Observer
	// Learn, when set, sees each batch of events before they are queued
	// (recorded now, left from the last run, or taken over), and may set
	// their Kept time.
	Learn func(ctx context.Context, its []Item)
	// KeptWindow, when set, has the inbox watch whether the store holds
	// events kept (or answered after being kept) within it: KeptInStore.
	KeptWindow time.Duration
	// Waiting, when set, is given each event queued behind a key whose first
	// event waits for storage (see Park); its sender is to hear why.
	Waiting func(it Item)
}

// Item is one recorded event waiting to be handled.
type Item struct {
	Event
	// Decoded is the payload as the intake decoded it already (nil for
	// events read back from the store): one decode per event, not two.
	Decoded any
	// Kept is when the sender was told the event is kept while storage is
	// down (zero: not told); it is tried again until it is handled.
	Kept time.Time
	// Tries counts the tries since it was kept.
	Tries int
}

// Handler handles one item. It returns zero once it is finished (having
// called Done if it was answered), or how long to wait before handling the
// same item again: it then stays first of its key.
type Handler func(ctx context.Context, it *Item) time.Duration

const (
	defaultLease     = 2 * time.Minute
	defaultParallel  = 32
	defaultMaxQueued = 4096
	defaultRetention = 7 * 24 * time.Hour
	keptWatch        = 2 * time.Second // see watchKept
)

// Inbox is one platform's durable delivery pipeline in this process.
type Inbox struct {
	cfg   Config
	store Store
	log   *slog.Logger

	disp *dispatcher
	done *doneMarker
	// keptInStore says the store holds kept events (see watchKept).
	keptInStore atomic.Bool

	stopLoops func() // stops the lease and kept-watch loops
	closeOnce sync.Once
}

// New builds an inbox on store; Start starts it.
func New(store Store, cfg Config) (*Inbox, error) {
	if cfg.Platform == "" {
		return nil, errors.New("inbox: no platform")
	}
	if store == nil {
		return nil, fmt.Errorf("inbox %s: no store", cfg.Platform)
	}
	if cfg.Replica == "" {
		cfg.Replica = DefaultReplica()
	}
	if cfg.Lease <= 0 {
		cfg.Lease = defaultLease
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = defaultParallel
	}
	if cfg.MaxQueued <= 0 {
		cfg.MaxQueued = defaultMaxQueued
	}
	if cfg.Retention <= 0 {
		cfg.Retention = defaultRetention
	}
	if cfg.StartRetry <= 0 {
		cfg.StartRetry = 5 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Observer == nil {
		cfg.Observer = nopObserver{}
	}
	return &Inbox{cfg: cfg, store: store, log: cfg.Logger}, nil
}

// Start starts handing events to h under work (which ends the handling;
// what is left stays undone for the next start) and keeps this replica's
// leases alive until Close. Call it once, before Recover and Record.
func (ib *Inbox) Start(work context.Context, h Handler) {
	ib.done = newDoneMarker(ib.store, ib.cfg.Platform, ib.log)
	ib.disp = newDispatcher(work, ib.cfg.Parallel, ib.cfg.MaxQueued, h)
	ib.disp.waiting = ib.cfg.Waiting
	// Leases are renewed from the start (recovery can wait for room in the
	// queue for a long time) until Close (a drain still holds events).
	loops, stop := context.WithCancel(context.WithoutCancel(work))
	renewed, watched := make(chan struct{}), make(chan struct{})
	go func() { ib.renewLoop(loops); close(renewed) }()
	if ib.cfg.KeptWindow > 0 {
		ib.watchKept(loops) // once now: a restart must know what it kept before
		go func() { every(loops, keptWatch, func() { ib.watchKept(loops) }); close(watched) }()
	} else {
		close(watched)
	}
	ib.stopLoops = func() { stop(); <-renewed; <-watched }
}

// Started says whether Start was called: until then nothing can be taken.
func (ib *Inbox) Started() bool { return ib.disp != nil }

// Close stops renewing, writes the done marks still queued and ends this
// replica's leases on what it leaves unfinished, so that another replica
// takes it at once rather than after the lease. Call it after the handling
// stopped (Drain, or the work context ended and Wait returned).
func (ib *Inbox) Close(ctx context.Context) {
	ib.closeOnce.Do(func() {
		if ib.stopLoops != nil {
			ib.stopLoops()
		}
		if ib.done != nil {
			ib.done.close()
		}
		ib.releaseLeases(ctx)
	})
}

// Serve takes over the unfinished events of dead replicas and prunes old
// done events until ctx ends (the intake's life), then returns.
func (ib *Inbox) Serve(ctx context.Context) {
	pruned := make(chan struct{})
	go func() { ib.pruneLoop(ctx); close(pruned) }()
	ib.takeOverLoop(ctx)
	<-pruned
}

// Record stores events, each leased to this replica, and returns the ids of
// those not recorded before. The caller acknowledges the platform only
// after Record succeeds, then queues the fresh ones with Add. Platform,
// Owner and LeaseUntil are set here, ReceivedAt when zero.
func (ib *Inbox) Record(ctx context.Context, evs []Event) ([]int64, error) {
	now := time.Now()
	for i := range evs {
		evs[i].Platform, evs[i].Owner, evs[i].LeaseUntil = ib.cfg.Platform, ib.cfg.Replica, now.Add(ib.cfg.Lease)
		if evs[i].ReceivedAt.IsZero() {
			evs[i].ReceivedAt = now
		}
	}
	fresh, err := ib.store.RecordUpdates(ctx, evs)
	if err != nil {
		return nil, fmt.Errorf("inbox %s: record %d events: %w", ib.cfg.Platform, len(evs), err)
	}
	return fresh, nil
}

// Add passes freshly recorded items to Learn, then queues them behind their
// keys' waiting items, in ID order. It never blocks: callers ask WaitRoom
// first.
func (ib *Inbox) Add(ctx context.Context, its []Item) {
	if ib.cfg.Learn != nil && len(its) > 0 {
		ib.cfg.Learn(ctx, its)
	}
	// Sorted first: a key's drain may start on the first item added, before
	// a lower id later in the same batch is queued in front of it.
	sorted := slices.Clone(its)
	slices.SortStableFunc(sorted, func(a, b Item) int { return cmp.Compare(a.ID, b.ID) })
	for _, it := range sorted {
		ib.disp.add(it)
	}
}

// WaitRoom blocks until n more events fit in memory, or ctx ends.
func (ib *Inbox) WaitRoom(ctx context.Context, n int) error { return ib.disp.waitRoom(ctx, n) }

// Done marks event id done: it was answered (or needs no answer). The mark
// is written within a few milliseconds, in a batch.
func (ib *Inbox) Done(id int64) { ib.done.mark(id) }

// Park marks key as waiting on its first item, which is kept while storage
// is down: the items queued behind it are returned and those that come
// until it is handled are passed to Config.Waiting.
func (ib *Inbox) Park(key string) []Item { return ib.disp.park(key) }

// Queued is the number of events taken but not finished.
func (ib *Inbox) Queued() int { return ib.disp.queued() }

// Drain stops the waits of kept items (they stay undone, for the next
// start) and waits up to timeout for the queue to empty; after that it
// calls cancelWork and waits for the handlers to return. It reports how
// many events were left when it gave up (0: drained).
func (ib *Inbox) Drain(timeout time.Duration, cancelWork func()) (left int) {
	ib.disp.stopWaiting()
	drained := make(chan struct{})
	go func() { ib.disp.wait(); close(drained) }()
	select {
	case <-drained:
		return 0
	case <-time.After(timeout):
	}
	left = ib.disp.queued()
	cancelWork()
	<-drained
	return left
}

// Wait returns when every queue is empty or abandoned after the work
// context ended. Call it only when nothing is being added.
func (ib *Inbox) Wait() { ib.disp.wait() }

// Keep notes, best effort, that event id's sender was told it is kept,
// under key, so that another replica or the next start knows it.
func (ib *Inbox) Keep(ctx context.Context, id int64, key string) error {
	if err := ib.store.KeepUpdate(ctx, ib.cfg.Platform, id, key); err != nil {
		return fmt.Errorf("inbox %s: keep event %d: %w", ib.cfg.Platform, id, err)
	}
	return nil
}

// KeptEvents returns the events kept under any of keys that are not done
// or were done at or after since.
func (ib *Inbox) KeptEvents(ctx context.Context, keys []string, since time.Time) ([]Kept, error) {
	ks, err := ib.store.KeptUpdates(ctx, ib.cfg.Platform, keys, since)
	if err != nil {
		return nil, fmt.Errorf("inbox %s: kept events: %w", ib.cfg.Platform, err)
	}
	return ks, nil
}

// KeptInStore says whether the store held kept events at the last look
// (every couple of seconds): only then is it worth asking KeptEvents about
// fresh events.
func (ib *Inbox) KeptInStore() bool { return ib.keptInStore.Load() }
