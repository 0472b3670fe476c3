package telegram

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot"
)

// keptToo tells the sender of an update that arrived behind a kept one of
// its chat that it is kept as well (see process for the choice). It does
// not hold up intake: the message goes out on its own.
func (a *Adapter) keptToo(it item) {
	in, ok := a.peek(it)
	if !ok {
		return
	}
	a.notify(in, bot.KeptTooNotice())
}

// peek translates a queued update for a notice about it.
func (a *Adapter) peek(it item) (incoming, bool) {
	u := it.update
	if u == nil {
		u = new(models.Update)
		if err := json.Unmarshal(it.payload, u); err != nil {
			return incoming{}, false
		}
	}
	u.ID = it.id
	return a.translate(u, it.received)
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
			a.log.Warn("send a storage notice", "chat", chatHash(to.chat), "err", redact(err, a.cfg.Token))
		}
	})
}

// noticeEvery is how often at most a chat hears that its updates cannot be
// taken while storage is down.
const noticeEvery = 10 * time.Minute

// outage is what the adapter remembers of a storage outage, per chat.
type outage struct {
	mu      sync.Mutex
	noticed map[int64]time.Time // chat -> when it was last told storage is down
}

// unrecorded answers the updates that could not be recorded (storage is
// down: a full or read-only disk, a lost database): without their record
// they are not confirmed, Telegram keeps them and sends them again, and
// they are answered once recorded. Their chats hear why nothing happens
// meanwhile, each at most once per noticeEvery: silence would have them
// send it all again, and a reply per redelivery would flood them.
func (a *Adapter) unrecorded(ups []*models.Update, received time.Time) {
	now := time.Now()
	a.outage.mu.Lock()
	defer a.outage.mu.Unlock()
	if a.outage.noticed == nil {
		a.outage.noticed = map[int64]time.Time{}
	}
	for chat, at := range a.outage.noticed {
		if now.Sub(at) >= noticeEvery {
			delete(a.outage.noticed, chat)
		}
	}
	for _, u := range ups {
		in, ok := a.translate(u, received)
		if !ok {
			continue
		}
		if _, told := a.outage.noticed[in.to.chat]; told {
			continue
		}
		a.outage.noticed[in.to.chat] = now
		a.notify(in, bot.UnavailableNotice())
	}
}
