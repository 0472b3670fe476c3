package discord

import (
	"context"
	"encoding/json"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
)

// How an interaction travels: it is recorded in the inbox (keyed by its
// user) before anything is sent back to Discord, then handled through the
// inbox, one user's interactions in order (taps in quick succession, a
// check-in poll, must see each other's writes) and users in parallel. The
// gateway's goroutine waits up to AckAfter for the answer and defers the
// interaction when it is late. Once answered, the interaction is marked
// done. A process that dies with interactions recorded but not done leaves
// them to its next start (or, after its lease, to another shard), which
// handles them and answers through the interaction token, with a
// follow-up; a token lives 15 minutes, so older ones are skipped.
//
// The order is the order of recording: discordgo runs each event's handler
// in its own goroutine, so two interactions of one user that arrive within
// the time of one database write may be recorded, and handled, either way
// round (a person's taps are further apart than that).

// tokenLife is how long after an interaction its token still takes a
// follow-up: Discord's 15 minutes, less a minute for the handling.
const tokenLife = 14 * time.Minute

// live is an interaction being handled: the gateway's goroutine (the
// deferral when the answer is late) and the inbox's handler (the answer)
// share its first response.
type live struct {
	i        *discordgo.Interaction
	received time.Time
	// recovered: taken from the inbox after a restart or from a dead shard;
	// its first response went out then (or never will), so it is answered
	// with follow-ups only.
	recovered bool
	answered  chan struct{} // closed once the answer went out (or failed)

	mu    sync.Mutex
	acked bool // a first response (a deferral or the answer) was sent
}

// onEvent takes INTERACTION_CREATE with its raw JSON, which is what the
// inbox keeps (discordgo's own types do not marshal back to Discord's).
func (a *Adapter) onEvent(_ *discordgo.Session, e *discordgo.Event) {
	if ic, ok := e.Struct.(*discordgo.InteractionCreate); ok && ic.Interaction != nil {
		a.onInteraction(ic.Interaction, e.RawData)
	}
}

func (a *Adapter) onInteraction(i *discordgo.Interaction, raw json.RawMessage) {
	ctx, ok := a.handlerCtx()
	if !ok {
		return
	}
	defer a.wg.Done()
	a.obs.UpdatesReceived(1)
	received := time.Now()
	if outcome, done := a.answerAtOnce(ctx, i); done {
		a.obs.UpdateHandled(outcome, time.Since(received))
		return
	}
	key := identity(i).UserID
	id, err := strconv.ParseInt(i.ID, 10, 64)
	if key == "" || err != nil {
		a.log.Warn("discord interaction without user or id", "type", i.Type.String())
		a.obs.UpdateHandled(outcomeIgnored, time.Since(received))
		return
	}
	l := &live{i: i, received: received, answered: make(chan struct{})}
	it := inbox.Item{Event: inbox.Event{ID: id, Key: key, Payload: raw, ReceivedAt: received}, Decoded: l}
	fresh, err := a.ib.Record(ctx, []inbox.Event{it.Event})
	switch {
	case err != nil:
		// Not durable, but still answered: the bot tells the user if
		// storage is down, and a lost record must not cost the answer.
		a.log.Error("record discord interaction; handling it without the inbox", "interaction", i.ID, "err", err)
		go a.process(ctx, &it)
	case len(fresh) == 0:
		a.log.Info("discord interaction recorded before; not handled again", "interaction", i.ID)
		return
	default:
		// Not held back for room (WaitRoom): Discord does not wait, it drops
		// what is not acknowledged within 3 seconds.
		a.ib.Add(ctx, []inbox.Item{it})
	}
	timer := time.NewTimer(a.cfg.AckAfter - time.Since(received))
	defer timer.Stop()
	select {
	case <-l.answered:
	case <-timer.C:
		a.deferResponse(ctx, l)
	case <-ctx.Done():
	}
}

// answerAtOnce answers what needs no bot.Handle and changes nothing, so is
// not recorded: autocomplete choices, the check-in form a button opens, an
// attachment refused before download.
func (a *Adapter) answerAtOnce(ctx context.Context, i *discordgo.Interaction) (outcome string, done bool) {
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		return delivered(a.autocomplete(ctx, i)), true
	case discordgo.InteractionApplicationCommand:
		d := i.ApplicationCommandData()
		if att := attachmentOption(d); att != nil || d.Name == "import" {
			if refusal := checkAttachment(att); refusal != "" {
				return delivered(a.respond(ctx, i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
					Data: &discordgo.InteractionResponseData{Content: refusal, Flags: discordgo.MessageFlagsEphemeral}})), true
			}
		}
		return "", false
	case discordgo.InteractionMessageComponent:
		if form, ok := bot.TeamDetailsDay(i.MessageComponentData().CustomID); ok {
			return delivered(a.respond(ctx, i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: checkinModal(form)})), true
		}
		return "", false
	case discordgo.InteractionModalSubmit:
		return "", false
	}
	return outcomeIgnored, true
}

// deferResponse acknowledges a late interaction (type 5, or 6 for a
// button) unless its answer went out first.
func (a *Adapter) deferResponse(ctx context.Context, l *live) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.acked {
		return
	}
	l.acked = true
	deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: a.flags(l.i)}}
	if l.i.Type == discordgo.InteractionMessageComponent {
		deferred = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	a.respond(ctx, l.i, deferred)
}

// process is the inbox's handler: it answers one recorded interaction and
// marks it done. Cut off by a stop, it leaves it undone, for the next start.
func (a *Adapter) process(ctx context.Context, it *inbox.Item) time.Duration {
	l, _ := it.Decoded.(*live)
	if l == nil {
		var i discordgo.Interaction
		if err := json.Unmarshal(it.Payload, &i); err != nil {
			a.log.Error("unreadable discord interaction in the inbox; skipped", "interaction", it.ID, "err", err)
			a.ib.Done(it.ID)
			return 0
		}
		if age := time.Since(it.ReceivedAt); age > tokenLife {
			a.log.Warn("discord interaction left unanswered too long: its token has expired; skipped",
				"interaction", it.ID, "age", age.Round(time.Second))
			a.ib.Done(it.ID)
			return 0
		}
		a.log.Info("answering a discord interaction left unfinished", "interaction", it.ID, "age", time.Since(it.ReceivedAt).Round(time.Millisecond))
		l = &live{i: &i, received: it.ReceivedAt, recovered: true, acked: true, answered: make(chan struct{})}
	}
	start := time.Now()
	outcome, finished := a.handle(ctx, l)
	if !finished {
		return 0 // stays undone in the inbox
	}
	a.ib.Done(it.ID)
	if !l.recovered {
		start = l.received
	}
	a.obs.UpdateHandled(outcome, time.Since(start))
	return 0
}

// handle runs one interaction through the bot and answers it: in time, with
// the response itself; late, after the deferral, by editing it; recovered,
// with follow-ups. finished is false when the stop cut it off.
func (a *Adapter) handle(ctx context.Context, l *live) (outcome string, finished bool) {
	defer close(l.answered)
	i := l.i
	var text string
	var att *discordgo.MessageAttachment
	file := false // a command that takes a file
	callback := true
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		d := i.ApplicationCommandData()
		text, callback = commandText(d), false
		att = attachmentOption(d)
		file = att != nil || d.Name == "import"
		if file {
			// A file comes only as a slash command's option here, so the
			// text is never blank; the bot's rule decides all the same.
			text = bot.CommandForFile(text)
		}
	case discordgo.InteractionMessageComponent:
		text = i.MessageComponentData().CustomID
	case discordgo.InteractionModalSubmit:
		text = modalText(i.ModalSubmitData())
	default:
		return outcomeIgnored, true
	}
	m := a.message(i, text, callback)
	if l.recovered {
		m.ReceivedAt = l.received
	}
	reply, err := a.reply(ctx, m, file, att)
	if ctx.Err() != nil {
		return "", false
	}
	component := i.Type == discordgo.InteractionMessageComponent
	l.mu.Lock()
	var sent bool // the whole answer went out
	switch {
	case !l.acked:
		l.acked = true
		resp, more := a.response(i, reply, component)
		sent = a.respond(ctx, i, resp)
		sent = a.followUps(ctx, i, more, reply) && sent
	case l.recovered:
		sent = a.followUps(ctx, i, split(reply.Text), reply)
	default:
		sent = a.late(ctx, i, reply, component)
	}
	l.mu.Unlock()
	if u := reply.Update; u != nil {
		if err := a.EditTeamPost(ctx, *u); err != nil {
			a.log.Error("discord post update", "err", err)
		}
	}
	if err != nil && sent {
		return outcomeError, true
	}
	return delivered(sent), true
}

// reply asks the bot, with the attachment downloaded first for a command
// that takes a file (a refused one is refused again: it may come from the
// inbox). The download runs here, where the bot does, so a slow one is
// deferred like a slow bot.
func (a *Adapter) reply(ctx context.Context, m bot.Message, file bool, att *discordgo.MessageAttachment) (bot.Reply, error) {
	if file {
		if refusal := checkAttachment(att); refusal != "" {
			return bot.Reply{Text: refusal}, nil
		}
		data, err := a.download(ctx, att)
		if err != nil {
			a.log.Warn("discord attachment download", "user", a.cfg.IDs.Hash(m.Identity), "err", err)
			return bot.Reply{Text: "I could not download your file from Discord. Nothing was stored; " +
				"send it again, e.g. /import with your CSV export as the file."}, nil
		}
		m.Attachments = []bot.Attachment{{Name: att.Filename, Data: data}}
	}
	r, err := a.bot.Handle(ctx, m)
	if err != nil {
		a.log.Error("discord handle", "user", a.cfg.IDs.Hash(m.Identity), "err", err)
	}
	return r, err
}
