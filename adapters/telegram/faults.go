package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
)

// What the adapter does when storage fails, besides keeping updates (see
// process for that choice):
//
//   - An update that cannot even be recorded (a full or read-only disk, a
//     lost database) is not confirmed; Telegram keeps it and sends it again
//     until it is recorded. Its chat is told, at most once per noticeEvery,
//     that its messages wait (see unrecorded).
//   - A message sent again after such a notice is recognised and not stored
//     twice (see resentOf).

// noticeEvery is how often at most a chat hears that its updates cannot be
// taken while storage is down.
const noticeEvery = 10 * time.Minute

// resendWindow is how long after a kept message is answered a message with
// the same words, sent before that answer, is still recognised as sent
// again: Telegram may deliver it only once storage is back.
const resendWindow = 10 * time.Minute

// keptMsg is a message whose sender was told it is kept.
type keptMsg struct {
	id       int64     // its update id
	chat     string    // its chat key
	sent     time.Time // when it was sent
	answered time.Time // when it was answered; zero until then
}

// outage is what the adapter remembers of storage outages: which chats
// were told their messages wait, and the messages told they are kept, by
// resendKey. The inbox keeps the same (KeptKey) for other replicas and the
// next start; this is what one process learned or was told of them.
type outage struct {
	mu      sync.Mutex
	noticed map[int64]time.Time  // chat -> when it was last told storage is down
	kept    map[string][]keptMsg // resendKey -> messages told they are kept
	keys    map[int64]string     // update id -> resendKey, for kept and unrecorded updates
	told    map[int64]bool       // updates whose sender has had their answer as a notice
}

func (o *outage) init() {
	if o.kept == nil {
		o.noticed, o.kept, o.keys, o.told = map[int64]time.Time{}, map[string][]keptMsg{}, map[int64]string{}, map[int64]bool{}
	}
}

// resendKey is what makes two messages the same for resentOf: one chat,
// one sender, the same words (and file). Edits are never the same.
func resendKey(in incoming) string {
	if in.msg.Edited || in.msg.Identity.UserID == "" {
		return ""
	}
	doc := ""
	if in.doc != nil {
		doc = in.doc.FileUniqueID
	}
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%s\x00%s", in.msg.ChatID, in.msg.Identity.UserID, strings.TrimSpace(in.msg.Text), doc))
	return hex.EncodeToString(h[:16])
}

// remember notes that in's message (update id) was told it is kept, and
// has the inbox note it too, in the background, so that a message sent
// again is recognised by another replica or after a restart. When storage
// is down that write fails, and is made again once the update is answered.
func (a *Adapter) remember(id int64, in incoming) {
	key := resendKey(in)
	if key == "" {
		return
	}
	a.outage.mu.Lock()
	a.outage.init()
	a.outage.add(key, keptMsg{id: id, chat: in.msg.ChatID, sent: in.msg.ReceivedAt})
	a.outage.mu.Unlock()
	a.notices.Go(func() { a.keepUpdate(a.work, id, key) })
}

// keepUpdate writes an update's kept key to the inbox, best effort.
func (a *Adapter) keepUpdate(ctx context.Context, id int64, key string) bool {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := a.ib.Keep(cctx, id, key); err != nil {
		a.log.Debug("note a kept update in the inbox (tried again later)", "update_id", id, "err", err)
		return false
	}
	return true
}

// add registers m under key, once. Called with o.mu held.
func (o *outage) add(key string, m keptMsg) {
	o.keys[m.id] = key
	for i, k := range o.kept[key] {
		if k.id == m.id {
			if k.answered.IsZero() {
				o.kept[key][i].answered = m.answered
			}
			return
		}
	}
	o.kept[key] = append(o.kept[key], m)
}

// answered notes that update id has been answered (or finished without an
// answer), when it is a kept one, and forgets what is past resendWindow.
func (a *Adapter) answered(ctx context.Context, id int64) {
	now := time.Now()
	a.outage.mu.Lock()
	a.outage.init()
	key, kept := a.outage.keys[id]
	delete(a.outage.told, id)
	if !kept {
		a.outage.mu.Unlock()
		return
	}
	for i, k := range a.outage.kept[key] {
		if k.id == id && k.answered.IsZero() {
			a.outage.kept[key][i].answered = now
		}
	}
	a.outage.prune(now)
	a.outage.mu.Unlock()
	a.keepUpdate(ctx, id, key) // in case storage was down when it was kept
}

// prune forgets kept messages answered more than resendWindow ago. Called
// with o.mu held.
func (o *outage) prune(now time.Time) {
	for key, ks := range o.kept {
		live := ks[:0]
		for _, k := range ks {
			if k.answered.IsZero() || now.Sub(k.answered) < resendWindow {
				live = append(live, k)
			} else {
				delete(o.keys, k.id)
			}
		}
		if len(live) == 0 {
			delete(o.kept, key)
		} else {
			o.kept[key] = live
		}
	}
}

// resentOf finds the kept message that in's message (update id) repeats.
//
// The rule: a message is the same as an earlier one when it comes from the
// same sender in the same chat with the same words, AND the earlier one
// was told it is kept (storage failed on it: it was kept, or it could not
// be recorded and its chat was told to wait), AND this one was sent before
// the earlier one was answered. Only then is it a message sent again
// because of the fault: the sender had no answer yet. Without a fault two
// identical messages are two sets, logged on purpose (two sets of 5 at
// 100 kg sent a minute apart), and so is the same message sent after the
// kept one's answer came; both are handled as usual. A message sent again
// is not handled: it is answered with what became of the first
// (bot.ResentNotice), and marked done.
func (a *Adapter) resentOf(id int64, in incoming) (keptMsg, bool) {
	a.outage.mu.Lock()
	defer a.outage.mu.Unlock()
	if len(a.outage.kept) == 0 {
		return keptMsg{}, false // no outage: no message is keyed
	}
	key := resendKey(in)
	if key == "" {
		return keptMsg{}, false
	}
	for _, k := range a.outage.kept[key] {
		if k.id < id && (k.answered.IsZero() || in.msg.ReceivedAt.Before(k.answered)) {
			return k, true
		}
	}
	return keptMsg{}, false
}

// tell marks update id as answered by a notice, once: false when it was
// already.
func (a *Adapter) tell(id int64) bool {
	a.outage.mu.Lock()
	defer a.outage.mu.Unlock()
	a.outage.init()
	if a.outage.told[id] {
		return false
	}
	a.outage.told[id] = true
	return true
}

// resentNotice is the notice for a message that repeats k.
func resentNotice(k keptMsg) bot.Reply {
	return bot.ResentNotice(time.Since(k.sent), !k.answered.IsZero())
}

// learn registers the kept ones among freshly taken updates (recorded
// with a kept key: told before they could be recorded, or kept before a
// restart) and asks the inbox about the kept updates the others may repeat
// (kept by another replica, or before a restart), so that resentOf knows
// them. It sets each kept item's kept time. One query for the lot.
func (a *Adapter) learn(ctx context.Context, its []inbox.Item) {
	// Outside an outage (nothing of the batch kept, none in the inbox) there
	// is nothing to learn: no update is read or keyed.
	lookup := a.ib.KeptInStore()
	if !lookup && !slices.ContainsFunc(its, func(it inbox.Item) bool { return it.KeptKey != "" }) {
		return
	}
	keys := make([]string, 0, len(its))
	now := time.Now()
	a.outage.mu.Lock()
	a.outage.init()
	for i := range its {
		in, ok := a.peek(its[i])
		if !ok {
			continue
		}
		if k := its[i].KeptKey; k != "" {
			its[i].Kept = now
			a.outage.add(k, keptMsg{id: its[i].ID, chat: in.msg.ChatID, sent: in.msg.ReceivedAt})
		}
		if !lookup {
			continue
		}
		if k := resendKey(in); k != "" {
			keys = append(keys, k)
		}
	}
	a.outage.mu.Unlock()
	if len(keys) == 0 {
		return
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	found, err := a.ib.KeptEvents(cctx, keys, now.Add(-resendWindow))
	if err != nil {
		a.log.Warn("look up kept updates", "err", err)
		return
	}
	if len(found) == 0 {
		return
	}
	a.outage.mu.Lock()
	defer a.outage.mu.Unlock()
	for _, f := range found {
		a.outage.add(f.KeptKey, keptMsg{id: f.ID, chat: f.Key, sent: f.ReceivedAt, answered: f.DoneAt})
	}
}

// keptToo answers an update that arrived behind a kept one of its chat:
// it is kept as well, or, when it repeats a kept message, it is told that
// this one is answered once. It does not hold up intake: the notice goes
// out on its own.
func (a *Adapter) keptToo(it inbox.Item) {
	in, ok := a.peek(it)
	if !ok {
		return
	}
	if k, ok := a.resentOf(it.ID, in); ok {
		if a.tell(it.ID) {
			a.notify(in, resentNotice(k))
		}
		return
	}
	a.remember(it.ID, in)
	a.notify(in, bot.KeptTooNotice())
}

// peek translates a queued update for a notice about it, without changing
// the update (its chat's goroutine may be reading it).
func (a *Adapter) peek(it inbox.Item) (incoming, bool) {
	u, _ := it.Decoded.(*models.Update)
	if u == nil {
		u = new(models.Update)
		if err := json.Unmarshal(it.Payload, u); err != nil {
			return incoming{}, false
		}
		u.ID = it.ID
	}
	return a.translate(u, it.ReceivedAt)
}

// notify sends a notice about in's message as a reply to it, in the
// background, within a minute (or until the adapter's work ends).
func (a *Adapter) notify(in incoming, r bot.Reply) {
	to := in.to
	if in.msgID != 0 {
		to.replyTo = in.msgID
	}
	a.notices.Go(func() {
		ctx, cancel := context.WithTimeout(a.work, time.Minute)
		defer cancel()
		if err := a.render(ctx, to, r); err != nil {
			a.log.Warn("send a storage notice", "chat", chatHash(a.cfg.IDs, to.chat), "err", redact(err, a.cfg.Token))
		}
	})
}

// unrecorded answers the updates that could not be recorded (storage is
// down: a full or read-only disk, a lost database): without their record
// they are not confirmed, Telegram keeps them and sends them again, and
// they are answered once recorded. Their chats hear why nothing happens
// meanwhile, each at most once per noticeEvery: silence would have them
// send it all again, and a reply per redelivery would flood them. Each
// update counts as told it is kept (recorded later with its kept key), and
// one that repeats a kept message is told so, once.
func (a *Adapter) unrecorded(ups []*models.Update, received time.Time) {
	now := time.Now()
	for _, u := range ups {
		in, ok := a.translate(u, received)
		if !ok {
			continue
		}
		if k, ok := a.resentOf(u.ID, in); ok {
			if a.tell(u.ID) {
				a.notify(in, resentNotice(k))
			}
			continue
		}
		a.outage.mu.Lock()
		a.outage.init()
		for chat, at := range a.outage.noticed {
			if now.Sub(at) >= noticeEvery {
				delete(a.outage.noticed, chat)
			}
		}
		_, noticed := a.outage.noticed[in.to.chat]
		if !noticed {
			a.outage.noticed[in.to.chat] = now
		}
		if key := resendKey(in); key != "" {
			a.outage.add(key, keptMsg{id: u.ID, chat: in.msg.ChatID, sent: in.msg.ReceivedAt})
		}
		a.outage.mu.Unlock()
		if !noticed {
			a.notify(in, bot.UnavailableNotice())
		}
	}
}

// keptKeyOf is the kept key to record update id with: set when its sender
// was told, before it could be recorded, that it waits.
func (a *Adapter) keptKeyOf(id int64) string {
	a.outage.mu.Lock()
	defer a.outage.mu.Unlock()
	return a.outage.keys[id]
}
