package telegram

import (
	"context"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestLimiterOffDoesNotWait(t *testing.T) {
	l := newLimiter(Unlimited())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	// At Telegram's limits these would take minutes: 1/s in a private
	// chat, 20/min in a group, 30/s overall.
	for i := range 3000 {
		chat := []int64{7, -100777, int64(1000 + i)}[i%3]
		if err := l.wait(ctx, chat); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("3000 messages with limits off took %v, want no waiting", d)
	}
}

func TestLimiterGlobalN(t *testing.T) {
	l := newLimiter(DefaultLimits().WithGlobal(50))
	if got := l.global.Limit(); got != 50 {
		t.Errorf("global limit: got %v/s, want 50/s", got)
	}
	// The per-chat limits stay Telegram's.
	if p := l.forChat(7); p.Limit() != 1 || p.Burst() != 3 {
		t.Errorf("private chat: got %v/s burst %d, want 1/s burst 3", p.Limit(), p.Burst())
	}
	if g := l.forChat(-100777); g.Limit() != rate.Limit(17.0/60) || g.Burst() != 3 {
		t.Errorf("group chat: got %v/s burst %d, want 17/min burst 3", g.Limit(), g.Burst())
	}
	// 26 messages to 26 chats at 50/s overall: 25 gaps of 20 ms.
	ctx := context.Background()
	start := time.Now()
	for i := range 26 {
		if err := l.wait(ctx, int64(2000+i)); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 480*time.Millisecond || d > 3*time.Second {
		t.Errorf("26 messages at 50/s overall took %v, want about 0.5 s", d)
	}
}
