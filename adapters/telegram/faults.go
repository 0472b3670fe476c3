package telegram

import (
	"context"
	"encoding/json"
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
