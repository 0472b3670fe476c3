package telegram

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestDispatcherOrdersEachChatByUpdateID(t *testing.T) {
	gate := make(chan struct{})
	var mu sync.Mutex
	got := map[string][]int64{}
	d := newDispatcher(context.Background(), 4, 100, func(_ context.Context, it *item) time.Duration {
		<-gate
		mu.Lock()
		got[it.chat] = append(got[it.chat], it.id)
		mu.Unlock()
		return 0
	})
	// 1 starts at once and holds its chat; 5, 3, 4 then wait and must run as 3, 4, 5.
	for _, it := range []item{{id: 1, chat: "a"}, {id: 5, chat: "a"}, {id: 2, chat: "b"}, {id: 3, chat: "a"}, {id: 4, chat: "a"}} {
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
	d := newDispatcher(context.Background(), 1, 3, func(context.Context, *item) time.Duration { <-release; return 0 })
	for i := range 3 {
		d.add(item{id: int64(i), chat: "a"})
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

func TestSplitText(t *testing.T) {
	for _, tc := range []struct {
		text  string
		limit int
		want  []string
	}{
		{"", 10, nil},
		{"short", 10, []string{"short"}},
		{"aaaa\nbbbb\ncccc", 10, []string{"aaaa\nbbbb", "cccc"}},
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		{"😀😀😀", 4, []string{"😀😀", "😀"}}, // UTF-16: two units each
	} {
		if got := splitText(tc.text, tc.limit); !slices.Equal(got, tc.want) {
			t.Errorf("splitText(%q, %d): got %q, want %q", tc.text, tc.limit, got, tc.want)
		}
	}
}

func TestToHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Logged <b>x</b> & y", "Logged &lt;b&gt;x&lt;/b&gt; &amp; y"},
		{"DELOAD squat: a <planned> deload\n- HOLD on", "<b>DELOAD</b> squat: a &lt;planned&gt; deload\n- HOLD on"},
		{"PUSHING on", "PUSHING on"},
	} {
		if got := toHTML(tc.in); got != tc.want {
			t.Errorf("toHTML(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A kept update stays first in its chat: the chat's later updates wait
// behind it, are kept too and passed to waiting; other chats go on.
func TestDispatcherParksAKeptUpdate(t *testing.T) {
	var mu sync.Mutex
	var got []int64
	var waited []int64
	tries := 0
	d := newDispatcher(context.Background(), 1, 100, func(_ context.Context, it *item) time.Duration {
		mu.Lock()
		defer mu.Unlock()
		if it.id == 1 && tries < 3 {
			tries++
			it.kept = time.Now()
			return 10 * time.Millisecond
		}
		got = append(got, it.id)
		return 0
	})
	d.waiting = func(it item) {
		if it.kept.IsZero() {
			t.Errorf("update %d behind a kept one: not kept", it.id)
		}
		mu.Lock()
		waited = append(waited, it.id)
		mu.Unlock()
	}
	d.add(item{id: 1, chat: "a"})
	time.Sleep(5 * time.Millisecond) // 1 is parked
	d.add(item{id: 2, chat: "a"})
	d.add(item{id: 3, chat: "b"})
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
