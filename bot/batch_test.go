package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// brokenStore breaks some users' /log inside the transaction: "dan" with a
// real failed statement (on PostgreSQL that aborts the whole transaction
// until a rollback to a savepoint), "eve" with a panic.
type brokenStore struct {
	*storage.Store
	dan, eve int64 // user ids
}

func (s brokenStore) Do(ctx context.Context, fn func(tx bot.Tx) error) error {
	return s.Store.Do(ctx, func(tx bot.Tx) error { return fn(brokenTx{tx, s}) })
}

type brokenTx struct {
	bot.Tx
	s brokenStore
}

func (t brokenTx) AddEntrySets(e bot.Entry, sets []engine.Set) (int64, error) {
	id, err := t.Tx.AddEntrySets(e, sets)
	if err != nil {
		return id, err
	}
	switch e.UserID {
	case t.s.dan:
		return id, t.Tx.RollbackTo("no_such_savepoint")
	case t.s.eve:
		panic("bug")
	}
	return id, nil
}

func TestHandleBatchRollsBackEachMessageAlone(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		first := h.send("carl", "/log squat 100x5", false)
		dupRef := fmt.Sprintf("carl-%d", h.ref)

		b := bot.New(brokenStore{st, h.userID("dan"), h.userID("eve")}, bot.WithLogger(quiet))
		msg := func(user, text, ref string) bot.Message {
			return bot.Message{Identity: id(user), ChatID: user, Text: text, ReceivedAt: h.now, Ref: ref}
		}
		batch := []bot.Message{
			msg("carl", "/log bench 80x5", dupRef),  // a redelivery: the first reply, nothing new
			msg("bob", "/log squat heavy", "bob-1"), // an input error
			msg("dan", "/log squat 120x3", "dan-1"), // an internal error (a failed statement)
			msg("eve", "/log squat 90x5", "eve-1"),  // a panic
			msg("ann", "/log squat 110x5", "ann-1"), // fine
		}
		replies, errs := b.HandleBatch(ctx, batch)
		if len(replies) != len(batch) || len(errs) != len(batch) {
			t.Fatalf("got %d replies and %d errors, want %d of each", len(replies), len(errs), len(batch))
		}

		if replies[0].Text != first.Text || errs[0] != nil {
			t.Errorf("duplicate: got %q, %v; want the first reply %q, nil", replies[0].Text, errs[0], first.Text)
		}
		if !strings.Contains(replies[1].Text, "heavy") || errs[1] != nil {
			t.Errorf("input error: got %q, %v; want a reply naming %q, nil", replies[1].Text, errs[1], "heavy")
		}
		if errs[2] == nil || !strings.Contains(replies[2].Text, "nothing was stored") {
			t.Errorf("internal error: got %q, %v; want an apology and an error", replies[2].Text, errs[2])
		}
		if errs[3] != nil || !strings.Contains(replies[3].Text, "nothing was stored") {
			t.Errorf("panic: got %q, %v; want an apology and no error", replies[3].Text, errs[3])
		}
		if errs[4] != nil || !strings.Contains(replies[4].Text, "110") {
			t.Errorf("good message: got %q, %v; want its /log reply, nil", replies[4].Text, errs[4])
		}

		for user, want := range map[string]int{"ann": 1, "bob": 0, "carl": 1, "dan": 0, "eve": 0} {
			got := h.history(user).Sets
			if len(got) != want {
				t.Errorf("%s: got %d sets stored, want %d", user, len(got), want)
			}
			for _, s := range got {
				if s.Lift != "squat" {
					t.Errorf("%s: got a %s set stored, want only squat", user, s.Lift)
				}
			}
		}
		// The failed message stored nothing, so its retry is a first delivery.
		r, err := bot.New(st, bot.WithLogger(quiet)).Handle(ctx, msg("dan", "/log squat 120x3", "dan-1"))
		if err != nil || !strings.Contains(r.Text, "120") {
			t.Errorf("retry of the failed message: got %q, %v; want its /log reply", r.Text, err)
		}
		if got := len(h.history("dan").Sets); got != 1 {
			t.Errorf("dan after the retry: got %d sets, want 1", got)
		}
	})
}
