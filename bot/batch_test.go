package bot_test

import (
	"context"
	"fmt"
	"regexp"
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

// countingStore counts the savepoints its transactions make: the careful
// path makes one per message, the quick path none.
type countingStore struct {
	*storage.Store
	savepoints *int
}

func (s countingStore) Do(ctx context.Context, fn func(tx bot.Tx) error) error {
	return s.Store.Do(ctx, func(tx bot.Tx) error { return fn(countingTx{tx, s.savepoints}) })
}

type countingTx struct {
	bot.Tx
	n *int
}

func (t countingTx) Savepoint(name string) error {
	*t.n++
	return t.Tx.Savepoint(name)
}

func TestHandleBatchQuickPath(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		if r := h.send("ann", "/log 2026-11-17 squat 95x5 rir2", false); !strings.HasPrefix(r.Text, "Logged") {
			t.Fatalf("setup: %q", r.Text)
		}
		h.send("carl", "/settings units lb", false)
		var savepoints int
		b := bot.New(countingStore{st, &savepoints}, bot.WithLogger(quiet))
		msg := func(user, chat, text, ref string) bot.Message {
			return bot.Message{Identity: id(user), ChatID: chat, Text: text, ReceivedAt: h.now, Ref: ref}
		}
		batch := []bot.Message{
			msg("ann", "ann", "/log squat 100x5 rir2", "q1"),   // known, with an earlier session to compare
			msg("bob", "bob", "/log bench 60x5", "q2"),         // new user, new lift
			msg("carl", "carl", "/log squat 225x5 rir1", "q3"), // known, in pounds
			msg("dora", "dora", "/advice", "q4"),               // not a /log
		}
		replies, errs := b.HandleBatch(ctx, batch)
		for i, err := range errs {
			if err != nil {
				t.Fatalf("message %d: %v", i, err)
			}
		}
		if savepoints != 0 {
			t.Errorf("a batch of new messages that all succeed made %d savepoints, want 0 (the quick path)", savepoints)
		}
		for i, want := range []string{"vs 2026-11-17", "New lift \"bench\"", "225 lb", "/log"} {
			if !strings.Contains(replies[i].Text, want) {
				t.Errorf("reply %d = %q, want it to contain %q", i, replies[i].Text, want)
			}
		}
		if len(replies[0].Buttons) != 1 || !strings.HasPrefix(replies[0].Buttons[0][0].Data, "/undo ") {
			t.Errorf("ann's reply buttons = %+v, want an Undo button", replies[0].Buttons)
		}
		counts := func() map[string]int {
			return map[string]int{"ann": len(h.history("ann").Sets), "bob": len(h.history("bob").Sets), "carl": len(h.history("carl").Sets)}
		}
		before := counts()
		if want := map[string]int{"ann": 2, "bob": 1, "carl": 1}; fmt.Sprint(before) != fmt.Sprint(want) {
			t.Errorf("sets stored: got %v, want %v", before, want)
		}

		// The same batch again (a redelivery): the first replies, nothing new.
		again, errs := b.HandleBatch(ctx, batch)
		for i := range batch {
			if errs[i] != nil || again[i].Text != replies[i].Text || fmt.Sprint(again[i].Buttons) != fmt.Sprint(replies[i].Buttons) {
				t.Errorf("redelivered message %d: got %q %v, %v; want the first reply %q %v", i, again[i].Text, again[i].Buttons, errs[i], replies[i].Text, replies[i].Buttons)
			}
		}
		if savepoints == 0 {
			t.Error("a redelivered batch took the quick path; want the careful one")
		}
		if got := counts(); fmt.Sprint(got) != fmt.Sprint(before) {
			t.Errorf("after the redelivery: got %v sets, want %v", got, before)
		}

		// One user in two chats in one batch: both kept, in order.
		savepoints = 0
		replies, errs = b.HandleBatch(ctx, []bot.Message{
			msg("bob", "bob", "/log bench 62.5x5", "q5"),
			msg("bob", "group", "/log bench 65x5", "q6"),
		})
		if errs[0] != nil || errs[1] != nil || !strings.Contains(replies[1].Text, "for the day") {
			t.Errorf("one user twice: got %q, %q (%v, %v); want the second counted with the first", replies[0].Text, replies[1].Text, errs[0], errs[1])
		}
		sets := h.history("bob").Sets
		if len(sets) != 3 || sets[1].Seq != 1 || sets[2].Seq != 2 {
			t.Errorf("bob's sets after one batch with two of his messages: %+v, want 3 numbered 0, 1, 2", sets)
		}

		// A /log that asks first (a typo) is answered on the quick path too:
		// its question stores nothing, and the batch's other /log is stored.
		savepoints = 0
		replies, errs = b.HandleBatch(ctx, []bot.Message{
			msg("ann", "ann", "/log sqaut 100x5 rir2", "q7"),
			msg("carl", "carl", "/log squat 230x5 rir1", "q8"),
		})
		if errs[0] != nil || errs[1] != nil || !strings.Contains(replies[0].Text, "Did you mean squat?") || !strings.HasPrefix(replies[1].Text, "Logged squat") {
			t.Errorf("typo in a batch: got %q, %q (%v, %v); want the question and carl's set logged", replies[0].Text, replies[1].Text, errs[0], errs[1])
		}
		if savepoints != 0 {
			t.Errorf("a batch with a question made %d savepoints, want 0 (the quick path)", savepoints)
		}
		if got := counts(); got["ann"] != 2 || got["carl"] != 2 {
			t.Errorf("after a batch with a question: got %v sets, want ann's unchanged (2) and carl's 2", got)
		}
	})
}

// A /link earlier in a batch moves another user's log into the user of a
// later /log: that /log must see the moved sets, as it would alone.
func TestHandleBatchLinkThenLog(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		h.send("xena", "/log squat 100x5", false)
		h.send("yann", "/log bench 50x5", false)
		code := regexp.MustCompile(`[A-Z2-9]{8}`).FindString(h.send("yann", "/link", false).Text)
		if code == "" {
			t.Fatal("no link code")
		}
		msg := func(user, text, ref string) bot.Message {
			return bot.Message{Identity: id(user), ChatID: user, Text: text, ReceivedAt: h.now, Ref: ref}
		}
		replies, errs := h.b.HandleBatch(ctx, []bot.Message{msg("xena", "/link "+code, "L1"), msg("yann", "/log squat 105x5", "L2")})
		if errs[0] != nil || errs[1] != nil || !strings.Contains(replies[1].Text, "for the day") {
			t.Errorf("log after a link in one batch: %q (%v, %v); want the day's sets counted together", replies[1].Text, errs[0], errs[1])
		}
		var seqs []int
		for _, s := range h.history("yann").Sets {
			if s.Lift == "squat" {
				seqs = append(seqs, s.Seq)
			}
		}
		if fmt.Sprint(seqs) != "[0 1]" {
			t.Errorf("squat sets numbered %v, want [0 1]", seqs)
		}
	})
}

// Two quick taps on one answer of the check-in poll: the second finds the
// poll a question further on, keeps the answer and shows that question
// again in place, so the poll goes on.
func TestCheckinPollDoubleTap(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		first := h.send("ann", "/checkin", false)
		if len(first.Buttons) == 0 {
			t.Fatalf("poll: %q without buttons", first.Text)
		}
		tap := first.Buttons[0][0].Data // the first answer to the first question
		second := h.send("ann", tap, true)
		again := h.send("ann", tap, true)
		if !again.Edit || again.Text != second.Text || fmt.Sprint(again.Buttons) != fmt.Sprint(second.Buttons) {
			t.Errorf("second tap on %q: got %q (edit %v, buttons %v); want the open question again in place: %q %v",
				tap, again.Text, again.Edit, again.Buttons, second.Text, second.Buttons)
		}
		next := h.send("ann", second.Buttons[0][0].Data, true)
		if next.Text == second.Text || len(next.Buttons) == 0 {
			t.Errorf("answer to the second question: got %q, want the third question", next.Text)
		}
	})
}
