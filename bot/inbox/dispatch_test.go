package inbox

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestDispatcherOrdersEachKeyByID(t *testing.T) {
	gate := make(chan struct{})
	var mu sync.Mutex
	got := map[string][]int64{}
	d := newDispatcher(context.Background(), 4, 100, func(_ context.Context, it *Item) time.Duration {
		<-gate
		mu.Lock()
		got[it.Key] = append(got[it.Key], it.ID)
		mu.Unlock()
		return 0
	})
	// 1 starts at once and holds its chat; 5, 3, 4 then wait and must run as 3, 4, 5.
	for _, it := range []Item{{Event: Event{ID: 1, Key: "a"}}, {Event: Event{ID: 5, Key: "a"}}, {Event: Event{ID: 2, Key: "b"}}, {Event: Event{ID: 3, Key: "a"}}, {Event: Event{ID: 4, Key: "a"}}} {
		d.add(it)
	}
	time.Sleep(20 * time.Millisecond)
	close(gate)
	d.wait()
	if want := []int64{1, 3, 4, 5}; !slices.Equal(got["a"], want) {
		t.Errorf("chat a: got %v, want %v", got["a"], want)
	}
	if d.queued() != 0 {
		t.Errorf("queued after wait: got %d, want 0", d.queued())
	}
}

func TestDispatcherBoundsMemory(t *testing.T) {
	release := make(chan struct{})
	d := newDispatcher(context.Background(), 1, 3, func(context.Context, *Item) time.Duration { <-release; return 0 })
	for i := range 3 {
		d.add(Item{Event: Event{ID: int64(i), Key: "a"}})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := d.waitRoom(ctx, 1); err == nil {
		t.Error("waitRoom with 3 of 3 queued: got nil, want to wait until ctx ends")
	}
	close(release)
	if err := d.waitRoom(context.Background(), 1); err != nil {
		t.Errorf("waitRoom after work finished: %v", err)
	}
	d.wait()
}

// A kept update stays first in its chat: the chat's later updates wait
// behind it, are kept too and passed to waiting; other chats go on.
func TestDispatcherParksAKeptUpdate(t *testing.T) {
	var mu sync.Mutex
	var got []int64
	var waited []int64
	tries := 0
	d := newDispatcher(context.Background(), 1, 100, func(_ context.Context, it *Item) time.Duration {
		mu.Lock()
		defer mu.Unlock()
		if it.ID == 1 && tries < 3 {
			tries++
			it.Kept = time.Now()
			return 10 * time.Millisecond
		}
		got = append(got, it.ID)
		return 0
	})
	d.waiting = func(it Item) {
		if it.Kept.IsZero() {
			t.Errorf("update %d behind a kept one: not kept", it.ID)
		}
		mu.Lock()
		waited = append(waited, it.ID)
		mu.Unlock()
	}
	d.add(Item{Event: Event{ID: 1, Key: "a"}})
	time.Sleep(5 * time.Millisecond) // 1 is parked
	d.add(Item{Event: Event{ID: 2, Key: "a"}})
	d.add(Item{Event: Event{ID: 3, Key: "b"}})
	d.wait()
	if want := []int64{3, 1, 2}; !slices.Equal(got, want) {
		t.Errorf("handled: got %v, want %v (b at once, a in order after its kept update)", got, want)
	}
	if want := []int64{2}; !slices.Equal(waited, want) {
		t.Errorf("waiting: got %v, want %v", waited, want)
	}
	if d.queued() != 0 {
		t.Errorf("queued after wait: got %d, want 0", d.queued())
	}
}

// A done mark after the stop is dropped: the event stays undone.
func TestDoneAfterCloseIsDropped(t *testing.T) {
	m := newDoneMarker(nil, "test", slog.New(slog.NewTextHandler(io.Discard, nil)))
	m.close()
	m.mark(1) // no panic, no write
}
