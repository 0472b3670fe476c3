package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// BatchTx marks points inside a transaction to roll back to, so that several
// messages can share one commit and still fail alone.
type BatchTx interface {
	// Savepoint marks the current state of the transaction as name.
	Savepoint(name string) error
	// RollbackTo undoes everything written since Savepoint(name); the
	// transaction stays usable (also after a failed statement).
	RollbackTo(name string) error

	// UsersOf returns the users behind ids, in their order, with a zero ID
	// for an identity not seen before. It creates nothing (UserFor does).
	UsersOf(ids []Identity) ([]User, error)
	// RecordHandled records several messages as handled, as Handled would
	// one by one, and returns how many it recorded: fewer than len(ms) when
	// some were handled before (their rows are left as they were).
	RecordHandled(ms []HandledMessage) (int, error)
}

// HandledMessage is one message's record of having been handled.
type HandledMessage struct {
	Platform, Ref string
	UserID        int64
	Reply         string // storedReply's form
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
	if b.handleQuick(ctx, ms, names, args, res) {
		for i, m := range ms {
			replies[i], errs[i] = b.finish(ctx, m, names[i], res[i])
		}
		return replies, errs
	}
	err := b.store.Do(ctx, func(tx Tx) error {
		clear(res) // a store may run fn again
		for i, m := range ms {
			sp := "m" + strconv.Itoa(i)
			if err := tx.Savepoint(sp); err != nil {
				return fmt.Errorf("savepoint: %w", err)
			}
			res[i] = b.runSafe(ctx, tx, m, names[i], args[i], prepared{}, true)
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
func (b *Bot) runSafe(ctx context.Context, tx Tx, m Message, name, args string, pre prepared, record bool) (res outcome) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("panic handling message", "user", b.ids.Hash(m.Identity), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			res = outcome{kind: panicked, reply: Reply{Text: sorryPanicked}}
		}
	}()
	return b.run(ctx, tx, m, name, args, pre, record)
}

// quietly runs f, turning a panic into errCareful: the careful path runs
// the message again and reports it.
func quietly(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errCareful
		}
	}()
	return f()
}

// deferredLog says whether the quick path runs m as a /log of its own
// (planLog, one write for the batch, logReply) rather than through run:
// whatever run does besides routing must not apply to such a message.
func deferredLog(m Message, name string) bool { return name == "log" && !m.Edited }

// errCareful abandons the quick path: the batch is run again the careful way.
var errCareful = errors.New("batch needs the careful path")

// handleQuick is the path of a batch where every message is new and kept,
// as nearly all are: no savepoint per message, the users, the /log windows
// and the /log writes each in one statement for the batch, and the messages
// recorded as handled in one. The first message
// that is not kept (a refusal, a redelivery, an error, a panic) abandons it
// (the transaction rolls back, nothing stays) and HandleBatch runs the batch
// again with a savepoint per message. The outcomes are the careful path's:
// each message sees the same state, since the batch's chats, and here also
// its users, are all different (and no /link among them moves one user's
// log into another's). It reports whether it committed; res then holds
// every outcome.
func (b *Bot) handleQuick(ctx context.Context, ms []Message, names, args []string, res []outcome) bool {
	ids := make([]Identity, len(ms))
	seen := make(map[[2]string]bool, len(ms))
	for i, m := range ms {
		if names[i] == "link" {
			return false // a /link CODE moves another user's log into this one's
		}
		k := [2]string{m.Identity.Platform, m.Identity.UserID}
		if seen[k] {
			return false // one user twice: the second must see the first's writes in order
		}
		seen[k] = true
		ids[i] = m.Identity
	}
	err := b.store.Do(ctx, func(tx Tx) error {
		clear(res)
		users, err := tx.UsersOf(ids)
		if err != nil {
			return fmt.Errorf("users of batch: %w", err)
		}
		byID := make(map[int64]bool, len(users))
		for _, u := range users {
			if u.ID != 0 && byID[u.ID] {
				return errCareful // two identities of one (linked) user
			}
			byID[u.ID] = true
		}
		pre := make([]prepared, len(ms))
		var reqs []WindowRequest
		var at []int
		for i, m := range ms {
			u := &users[i]
			if u.ID == 0 {
				continue
			}
			pre[i].user = u
			if !deferredLog(m, names[i]) {
				continue
			}
			w := &window{args: args[i]}
			var bad error
			if err := quietly(func() error {
				w.cmd, w.day, w.req, bad = readLog(*u, args[i], engine.DateOf(m.ReceivedAt.In(u.Location())))
				return nil
			}); err != nil {
				return err // a bug in reading the message: the careful path reports it for that message alone
			}
			if bad == nil { // a refusal is the careful path's to give
				reqs, at = append(reqs, w.req), append(at, i)
				pre[i].window = w
			}
		}
		if len(reqs) > 0 {
			hs, err := tx.LiftWindows(reqs)
			if err != nil {
				return fmt.Errorf("lift windows of batch: %w", err)
			}
			for k, i := range at {
				pre[i].window.h = hs[k]
			}
		}
		// Each /log is read and checked first and stored with the batch's
		// others in one statement; every other message runs as it would alone.
		type pendingLog struct {
			i int
			r *request
			p *logPlan
		}
		var logs []pendingLog
		for i, m := range ms {
			if deferredLog(m, names[i]) && pre[i].user != nil {
				r := newRequest(ctx, tx, m, *pre[i].user, args[i], pre[i].window)
				var p *logPlan
				err := quietly(func() (err error) { p, err = b.planLog(r); return err })
				if q := (*logQuestion)(nil); errors.As(err, &q) {
					// A question before logging stores nothing: its answer
					// is the message's reply, as on the careful path.
					res[i] = outcome{kind: kept, reply: q.reply, userID: r.user.ID, after: r.after, teamPost: r.teamPost}
					continue
				}
				if err != nil {
					return errCareful // a refusal or a failure: reported by the careful path
				}
				logs = append(logs, pendingLog{i, r, p})
				continue
			}
			res[i] = b.runSafe(ctx, tx, m, names[i], args[i], pre[i], false)
			if res[i].kind != kept {
				return errCareful
			}
		}
		if len(logs) > 0 {
			es := make([]EntryWithSets, len(logs))
			for k, l := range logs {
				es[k] = EntryWithSets{Entry: l.p.entry, Sets: l.p.sets}
			}
			ids, err := tx.AddEntriesSets(es)
			if err != nil {
				return fmt.Errorf("add the batch's entries: %w", err)
			}
			for k, l := range logs {
				if err := addLogNote(tx, l.p, ids[k]); err != nil {
					return err
				}
				var reply Reply
				if err := quietly(func() (err error) { reply, err = b.logReply(l.r, l.p, ids[k]); return err }); err != nil {
					return errCareful
				}
				res[l.i] = outcome{kind: kept, reply: reply, userID: l.r.user.ID, after: l.r.after, teamPost: l.r.teamPost}
			}
		}
		recs := make([]HandledMessage, 0, len(ms))
		for i, m := range ms {
			if m.Ref != "" {
				recs = append(recs, HandledMessage{Platform: m.Identity.Platform, Ref: m.Ref, UserID: res[i].userID, Reply: storedReply(res[i].reply)})
			}
		}
		n, err := tx.RecordHandled(recs)
		if err != nil {
			return fmt.Errorf("record batch: %w", err)
		}
		if n != len(recs) {
			return errCareful // a redelivery among them
		}
		return nil
	})
	if err != nil && !errors.Is(err, errCareful) {
		// Nothing was committed; the careful path tries again and reports.
		b.log.Warn("batch: quick path failed; running it message by message", "messages", len(ms), "err", err)
	}
	return err == nil
}
