package inbox

import (
	"context"
	"slices"
	"sync"
	"time"
)

// dispatcher runs events one key at a time and keys in parallel: each key
// with work has one goroutine draining its queue in arrival order, and a
// semaphore bounds how many handle an event at once.
//
// run returns how long to wait before running the same event again (zero:
// it is finished). Such an event was kept while storage is down: it stays
// first in its key, so the key's later events wait behind it and keep
// their order, and it holds no semaphore slot while it waits. Each event
// that arrives behind it is kept too (its kept time set) and passed to
// waiting (when set) as it arrives, so that its sender hears why no answer
// comes.
type dispatcher struct {
	ctx     context.Context
	run     Handler
	waiting func(it Item)
	sem     chan struct{}
	max     int
	stop    chan struct{} // closed when intake stops: waiting events are left for the next start
	stopped sync.Once

	mu     sync.Mutex
	keys   map[string][]Item
	parked map[string]bool // keys whose first event waits for storage
	active int             // queued plus running
	freed  chan struct{}   // signalled when active drops
	wg     sync.WaitGroup
}

func newDispatcher(ctx context.Context, parallel, maxQueued int, run Handler) *dispatcher {
	return &dispatcher{
		ctx: ctx, run: run, sem: make(chan struct{}, parallel), max: maxQueued, stop: make(chan struct{}),
		keys: map[string][]Item{}, parked: map[string]bool{}, freed: make(chan struct{}, 1),
	}
}

// stopWaiting ends the waits of kept events: they stay undone in the inbox
// and are handled at the next start (or by another replica).
func (d *dispatcher) stopWaiting() { d.stopped.Do(func() { close(d.stop) }) }

// add queues it among its key's waiting events in event id order (webhook
// posts can overtake each other). It never blocks; callers ask waitRoom first.
func (d *dispatcher) add(it Item) {
	d.mu.Lock()
	d.active++
	q, busy := d.keys[it.Key]
	i := len(q)
	for i > 0 && q[i-1].ID > it.ID {
		i--
	}
	parked := d.parked[it.Key]
	if parked && it.Kept.IsZero() {
		it.Kept = time.Now() // kept too, behind the key's first
	}
	d.keys[it.Key] = slices.Insert(q, i, it)
	if !busy {
		d.wg.Add(1)
		go d.drain(it.Key)
	}
	d.mu.Unlock()
	if parked && d.waiting != nil {
		d.waiting(it)
	}
}

// waitRoom blocks until n more events fit in memory, or ctx ends.
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

// queued is the number of events taken but not finished.
func (d *dispatcher) queued() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.active
}

// wait returns when every key queue is empty (or abandoned after the work
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

func (d *dispatcher) drain(key string) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.keys[key]
		if len(q) == 0 {
			delete(d.keys, key)
			d.mu.Unlock()
			return
		}
		it := q[0]
		d.keys[key] = q[1:]
		d.mu.Unlock()

		for again := time.Duration(-1); again != 0; {
			if again > 0 && !d.pause(key, again) {
				d.abandon(key)
				return
			}
			select {
			case d.sem <- struct{}{}:
			case <-d.ctx.Done():
				// Stopping without finishing: what is left stays undone in the
				// inbox and is handled at the next start.
				d.abandon(key)
				return
			}
			again = d.run(d.ctx, &it)
			<-d.sem
		}
		d.mu.Lock()
		delete(d.parked, key)
		d.mu.Unlock()
		d.done(1)
	}
}

// park marks key as waiting on its first event, which is kept: the
// events queued behind it, and those that come until it is handled, are
// kept too. Those that come are passed to waiting as they come; those
// already queued are returned, for the caller to pass on once it has told
// the first one's sender (it calls park before that, so that none slips
// by untold).
func (d *dispatcher) park(key string) (behind []Item) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.parked[key] {
		return nil
	}
	d.parked[key] = true
	for i, it := range d.keys[key] {
		if it.Kept.IsZero() {
			d.keys[key][i].Kept = time.Now()
			behind = append(behind, d.keys[key][i])
		}
	}
	return behind
}

// pause waits for wait with key parked; false when the dispatcher stops
// first.
func (d *dispatcher) pause(key string, wait time.Duration) bool {
	if d.waiting != nil {
		for _, it := range d.park(key) {
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

// abandon drops the event being run and the key's queue from memory:
// they stay undone in the inbox.
func (d *dispatcher) abandon(key string) {
	d.mu.Lock()
	left := 1 + len(d.keys[key])
	delete(d.keys, key)
	delete(d.parked, key)
	d.mu.Unlock()
	d.done(left)
}
