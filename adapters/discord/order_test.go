package discord_test

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
	"github.com/spotterbot/spotter/bot"
)

// firstSlow makes the first transaction slow and the rest quick: handled
// side by side, later interactions would be stored before the first.
type firstSlow struct {
	bot.Store
	calls *atomic.Int64
	delay time.Duration
}

func (s firstSlow) Do(ctx context.Context, fn func(tx bot.Tx) error) error {
	if s.calls.Add(1) == 1 {
		time.Sleep(s.delay)
	}
	return s.Store.Do(ctx, fn)
}

// One user's interactions are handled in the order they came (through the
// inbox, keyed by user), so taps in quick succession see each other's
// writes; another user's do not wait behind them.
func TestOneUsersInteractionsInOrder(t *testing.T) {
	t.Parallel()
	var calls atomic.Int64
	h := mustStart(t, options{store: func(s bot.Store) bot.Store { return firstSlow{s, &calls, 800 * time.Millisecond} }})
	u := dt.User{ID: "909", Name: "ord"}
	calls.Store(0) // the first transaction from now on is slow
	var exs []*dt.Exchange
	for i := range 4 {
		exs = append(exs, h.inDM(u, 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, fmt.Sprintf("%dx5", 100+i)))))
		time.Sleep(20 * time.Millisecond) // taps in quick succession, each recorded before the next
	}
	other := h.inDM(dt.User{ID: "910", Name: "other"}, 2, dt.Command("help"))
	mustFinal(t, other)
	if m, _ := exs[0].Final(0); m.Content != "" {
		t.Errorf("another user's /help waited for the slow /log: the first /log was answered already (%q)", m.Content)
	}
	for _, ex := range exs {
		mustFinal(t, ex)
	}
	db, err := h.st.SQL()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("SELECT load_milli FROM sets ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var loads []int64
	for rows.Next() {
		var l int64
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		loads = append(loads, l/1000)
	}
	if want := []int64{100, 101, 102, 103}; !slices.Equal(loads, want) {
		t.Errorf("loads stored in order: got %v, want %v", loads, want)
	}
}
