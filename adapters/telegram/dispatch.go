package telegram

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// item is one recorded update waiting to be handled.
type item struct {
	id       int64
	chat     string
	payload  []byte
	received time.Time
	// update is payload decoded, when intake decoded it already (nil for
	// updates recovered from the inbox): one JSON decode per update, not two.
	update *models.Update
	// kept is when the sender was told this update is kept while storage
	// is down (zero: not told); it is tried again until it is handled.
	kept time.Time
	// tries counts the tries since it was kept.
	tries int
}

// dispatcher runs updates one chat at a time and chats in parallel: each chat
// with work has one goroutine draining its queue in arrival order, and a
// semaphore bounds how many handle an update at once.
//
// run returns how long to wait before running the same update again (zero:
// it is finished). Such an update was kept while storage is down: it stays
// first in its chat, so the chat's later updates wait behind it and keep
// their order, and it holds no semaphore slot while it waits. Each update
// that arrives behind it is kept too (its kept time set) and passed to
// waiting (when set) as it arrives, so that its sender hears why no answer
// comes.
type dispatcher struct {
	ctx     context.Context
	run     func(ctx context.Context, it *item) time.Duration
	waiting func(it item)
	sem     chan struct{}
	max     int
	stop    chan struct{} // closed when intake stops: waiting updates are left for the next start
	stopped sync.Once

	mu     sync.Mutex
	chats  map[string][]item
	parked map[string]bool // chats whose first update waits for storage
	active int             // queued plus running
	freed  chan struct{}   // signalled when active drops
	wg     sync.WaitGroup
}

func newDispatcher(ctx context.Context, parallel, maxQueued int, run func(context.Context, *item) time.Duration) *dispatcher {
	return &dispatcher{
		ctx: ctx, run: run, sem: make(chan struct{}, parallel), max: maxQueued, stop: make(chan struct{}),
		chats: map[string][]item{}, parked: map[string]bool{}, freed: make(chan struct{}, 1),
	}
}

// stopWaiting ends the waits of kept updates: they stay undone in the inbox
// and are handled at the next start (or by another replica).
func (d *dispatcher) stopWaiting() { d.stopped.Do(func() { close(d.stop) }) }

// add queues it among its chat's waiting updates in update id order (webhook
// posts can overtake each other). It never blocks; callers ask waitRoom first.
func (d *dispatcher) add(it item) {
	d.mu.Lock()
	d.active++
	q, busy := d.chats[it.chat]
	i := len(q)
	for i > 0 && q[i-1].id > it.id {
		i--
	}
	parked := d.parked[it.chat]
	if parked && it.kept.IsZero() {
		it.kept = time.Now() // kept too, behind the chat's first
	}
	d.chats[it.chat] = slices.Insert(q, i, it)
	if !busy {
		d.wg.Add(1)
		go d.drain(it.chat)
	}
	d.mu.Unlock()
	if parked && d.waiting != nil {
		d.waiting(it)
	}
}

// waitRoom blocks until n more updates fit in memory, or ctx ends.
func (d *dispatcher) waitRoom(ctx context.Context, n int) error {
	for {
		d.mu.Lock()
		ok := d.active+n <= d.max || d.active == 0
		d.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-d.freed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// queued is the number of updates taken but not finished.
func (d *dispatcher) queued() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.active
}

// wait returns when every chat queue is empty (or abandoned after the work
// context ended). Call it only after intake has stopped.
func (d *dispatcher) wait() { d.wg.Wait() }

func (d *dispatcher) done(n int) {
	d.mu.Lock()
	d.active -= n
	d.mu.Unlock()
	select {
	case d.freed <- struct{}{}:
	default:
	}
}

func (d *dispatcher) drain(chat string) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.chats[chat]
		if len(q) == 0 {
			delete(d.chats, chat)
			d.mu.Unlock()
			return
		}
		it := q[0]
		d.chats[chat] = q[1:]
		d.mu.Unlock()

		for again := time.Duration(-1); again != 0; {
			if again > 0 && !d.pause(chat, again) {
				d.abandon(chat)
				return
			}
			select {
			case d.sem <- struct{}{}:
			case <-d.ctx.Done():
				// Stopping without finishing: what is left stays undone in the
				// inbox and is handled at the next start.
				d.abandon(chat)
				return
			}
			again = d.run(d.ctx, &it)
			<-d.sem
		}
		d.mu.Lock()
		delete(d.parked, chat)
		d.mu.Unlock()
		d.done(1)
	}
}

// park marks chat as waiting on its first update, which is kept: the
// updates queued behind it, and those that come until it is handled, are
// kept too. Those that come are passed to waiting as they come; those
// already queued are returned, for the caller to pass on once it has told
// the first one's sender (it calls park before that, so that none slips
// by untold).
func (d *dispatcher) park(chat string) (behind []item) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.parked[chat] {
		return nil
	}
	d.parked[chat] = true
	for i, it := range d.chats[chat] {
		if it.kept.IsZero() {
			d.chats[chat][i].kept = time.Now()
			behind = append(behind, d.chats[chat][i])
		}
	}
	return behind
}

// pause waits for wait with chat parked; false when the dispatcher stops
// first.
func (d *dispatcher) pause(chat string, wait time.Duration) bool {
	if d.waiting != nil {
		for _, it := range d.park(chat) {
			d.waiting(it)
		}
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-d.ctx.Done():
	case <-d.stop:
	}
	return false
}

// abandon drops the update being run and the chat's queue from memory:
// they stay undone in the inbox.
func (d *dispatcher) abandon(chat string) {
	d.mu.Lock()
	left := 1 + len(d.chats[chat])
	delete(d.chats, chat)
	delete(d.parked, chat)
	d.mu.Unlock()
	d.done(left)
}
