package inbox

import (
	"context"
	"log/slog"
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
func (m *doneMarker) mark(id int64) { m.ch <- id }

// close writes what is queued and stops. No mark may follow.
func (m *doneMarker) close() {
	close(m.ch)
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
