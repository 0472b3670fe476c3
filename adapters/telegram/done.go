package telegram

import (
	"context"
	"log/slog"
	"time"
)

// doneMarker marks answered updates done in batches: one UPDATE per batch
// rather than one commit per update, which is a large share of the database
// work per message. An update answered but not yet marked when the process
// dies is answered again at the next start (its data is not stored twice);
// the short batch window keeps that rare.
type doneMarker struct {
	inbox   Inbox
	log     *slog.Logger
	ch      chan int64
	stopped chan struct{}
}

const (
	doneBatch  = 128
	doneWindow = 10 * time.Millisecond
)

func newDoneMarker(inbox Inbox, log *slog.Logger) *doneMarker {
	m := &doneMarker{inbox: inbox, log: log, ch: make(chan int64, 4096), stopped: make(chan struct{})}
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
		err := m.inbox.MarkUpdatesDone(ctx, Platform, ids)
		cancel()
		if err == nil {
			return
		}
		if attempt == 5 {
			// Left undone: answered again at the next start, where bot-level
			// idempotency stores nothing twice.
			m.log.Error("mark updates done", "count", len(ids), "err", err)
			return
		}
		time.Sleep(backoff)
		backoff *= 3
	}
}
