package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
)

// BatchTx marks points inside a transaction to roll back to, so that several
// messages can share one commit and still fail alone.
type BatchTx interface {
	// Savepoint marks the current state of the transaction as name.
	Savepoint(name string) error
	// RollbackTo undoes everything written since Savepoint(name); the
	// transaction stays usable (also after a failed statement).
	RollbackTo(name string) error
}

// HandleBatch answers several messages in ONE transaction, each with exactly
// Handle's result: one commit is most of the database work of a message, so
// sharing it raises throughput. Every message runs after a savepoint of its
// own; an input error, a duplicate Ref, an internal error or a panic rolls
// back that message's writes only. Nothing is returned before the commit, so
// no reply confirms a message that is not yet durable; a failed commit turns
// every stored message into an internal error (safe to retry: Refs keep a
// retry from storing twice). The messages must come from different chats:
// a batch is not an order, and an adapter keeps each chat's order by waiting
// for one message's answer before sending the chat's next.
func (b *Bot) HandleBatch(ctx context.Context, ms []Message) (replies []Reply, errs []error) {
	replies, errs = make([]Reply, len(ms)), make([]error, len(ms))
	if len(ms) == 0 {
		return replies, errs
	}
	// A panic outside any one message (in the store itself) leaves every
	// outcome unknown: answered as internal errors, which the caller retries.
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("panic handling a batch", "messages", len(ms), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			for i := range ms {
				replies[i], errs[i] = Reply{Text: sorryFailed}, fmt.Errorf("panic handling a batch: %v", p)
			}
		}
	}()
	names, args := make([]string, len(ms)), make([]string, len(ms))
	for i := range ms {
		if ms[i].ReceivedAt.IsZero() {
			ms[i].ReceivedAt = b.now()
		}
		names[i], args[i] = splitCommand(strings.TrimSpace(ms[i].Text))
	}
	res := make([]outcome, len(ms))
	err := b.store.Do(ctx, func(tx Tx) error {
		clear(res) // a store may run fn again
		for i, m := range ms {
			sp := "m" + strconv.Itoa(i)
			if err := tx.Savepoint(sp); err != nil {
				return fmt.Errorf("savepoint: %w", err)
			}
			res[i] = b.runSafe(ctx, tx, m, names[i], args[i])
			if res[i].kind == kept {
				continue
			}
			if err := tx.RollbackTo(sp); err != nil {
				return fmt.Errorf("roll back to savepoint: %w", err)
			}
		}
		return nil
	})
	for i, m := range ms {
		r := res[i]
		if err != nil && r.kind != refused && r.kind != duplicate && r.kind != panicked {
			// Not committed: what it wrote is gone. Refusals, duplicates and
			// panics stored nothing, so their answers stand.
			r = outcome{kind: failed, err: fmt.Errorf("batch of %d: %w", len(ms), err)}
		}
		replies[i], errs[i] = b.finish(ctx, m, names[i], r)
	}
	return replies, errs
}

// runSafe is run with Handle's treatment of a bug: the message gets an
// apology and counts as handled, and the log gets the stack.
func (b *Bot) runSafe(ctx context.Context, tx Tx, m Message, name, args string) (res outcome) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("panic handling message", "user", HashID(m.Identity), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			res = outcome{kind: panicked, reply: Reply{Text: sorryPanicked}}
		}
	}()
	return b.run(ctx, tx, m, name, args)
}
