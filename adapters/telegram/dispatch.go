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
}

// dispatcher runs updates one chat at a time and chats in parallel: each chat
// with work has one goroutine draining its queue in arrival order, and a
// semaphore bounds how many handle an update at once.
type dispatcher struct {
	ctx context.Context
	run func(ctx context.Context, it item)
	sem chan struct{}
	max int

	mu     sync.Mutex
	chats  map[string][]item
	active int           // queued plus running
	freed  chan struct{} // signalled when active drops
	wg     sync.WaitGroup
}

func newDispatcher(ctx context.Context, parallel, maxQueued int, run func(context.Context, item)) *dispatcher {
	return &dispatcher{
		ctx: ctx, run: run, sem: make(chan struct{}, parallel), max: maxQueued,
		chats: map[string][]item{}, freed: make(chan struct{}, 1),
	}
}

// add queues it among its chat's waiting updates in update id order (webhook
// posts can overtake each other). It never blocks; callers ask waitRoom first.
func (d *dispatcher) add(it item) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.active++
	q, busy := d.chats[it.chat]
	i := len(q)
	for i > 0 && q[i-1].id > it.id {
		i--
	}
	d.chats[it.chat] = slices.Insert(q, i, it)
	if !busy {
		d.wg.Add(1)
		go d.drain(it.chat)
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

		select {
		case d.sem <- struct{}{}:
		case <-d.ctx.Done():
			// Stopping without finishing: what is left stays undone in the
			// inbox and is handled at the next start.
			d.mu.Lock()
			left := 1 + len(d.chats[chat])
			delete(d.chats, chat)
			d.mu.Unlock()
			d.done(left)
			return
		}
		d.run(d.ctx, it)
		<-d.sem
		d.done(1)
	}
}
