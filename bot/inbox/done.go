package inbox

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// doneMarker marks answered events done in batches: one UPDATE per batch
// rather than one commit per update, which is a large share of the database
// work per message. An event answered but not yet marked when the process
// dies is answered again at the next start (its data is not stored twice);
// the short batch window keeps that rare.
type doneMarker struct {
	store    Store
	platform string
	log      *slog.Logger
	ch       chan int64
	stopped  chan struct{}
	// closing guards ch: a mark after close is dropped, not a panic (an
	// event handled outside the queues may finish after the stop; it is
	// then handled again at the next start).
	closing sync.RWMutex
	closed  bool
}

const (
	doneBatch  = 128
	doneWindow = 10 * time.Millisecond
)

func newDoneMarker(store Store, platform string, log *slog.Logger) *doneMarker {
	m := &doneMarker{store: store, platform: platform, log: log, ch: make(chan int64, 4096), stopped: make(chan struct{})}
	go m.run()
	return m
}

// mark queues id; it is written within doneWindow.
func (m *doneMarker) mark(id int64) {
	m.closing.RLock()
	defer m.closing.RUnlock()
	if m.closed {
		m.log.Warn("inbox event finished after the stop; left undone, for the next start", "id", id)
		return
	}
	m.ch <- id
}

// close writes what is queued and stops; later marks are dropped.
func (m *doneMarker) close() {
	m.closing.Lock()
	m.closed = true
	close(m.ch)
	m.closing.Unlock()
	<-m.stopped
}

func (m *doneMarker) run() {
	defer close(m.stopped)
	var ids []int64
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case id, ok := <-m.ch:
			if !ok {
				m.flush(ids)
				return
			}
			if len(ids) == 0 {
				timer.Reset(doneWindow)
			}
			ids = append(ids, id)
			if len(ids) < doneBatch {
				continue
			}
		case <-timer.C:
		}
		timer.Stop()
		m.flush(ids)
		ids = ids[:0]
	}
}

func (m *doneMarker) flush(ids []int64) {
	if len(ids) == 0 {
		return
	}
	backoff := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := m.store.MarkUpdatesDone(ctx, m.platform, ids)
		cancel()
		if err == nil {
			return
		}
		if attempt == 5 {
			// Left undone: answered again at the next start, where bot-level
			// idempotency stores nothing twice.
			m.log.Error("mark inbox events done", "count", len(ids), "err", err)
			return
		}
		time.Sleep(backoff)
		backoff *= 3
	}
}
