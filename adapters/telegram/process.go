package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
)

// incoming is an update translated for the bot.
type incoming struct {
	msg        bot.Message
	to         target
	callbackID string
	// callbackNote is shown to the user who tapped (a toast), when the tap
	// is not taken.
	callbackNote string
	doc          *models.Document
	msgID        int // the message's id in its chat (0 for a tap)
}

// chatKeyOf is the ordering key of an update: its chat. Updates the adapter
// ignores share the empty key.
func chatKeyOf(u *models.Update) string {
	switch {
	case u.Message != nil:
		return strconv.FormatInt(u.Message.Chat.ID, 10)
	case u.EditedMessage != nil:
		return strconv.FormatInt(u.EditedMessage.Chat.ID, 10)
	case u.CallbackQuery != nil:
		return strconv.FormatInt(callbackChat(u.CallbackQuery), 10)
	}
	return ""
}

// callbackChat is where a tapped button sits: the tapped message's chat, or the
// user's private chat for messages the bot can no longer see.
func callbackChat(cq *models.CallbackQuery) int64 {
	switch {
	case cq.Message.Message != nil:
		return cq.Message.Message.Chat.ID
	case cq.Message.InaccessibleMessage != nil && cq.Message.InaccessibleMessage.Chat.ID != 0:
		return cq.Message.InaccessibleMessage.Chat.ID
	}
	return cq.From.ID
}

func identityOf(u models.User) bot.Identity {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		name = u.Username
	}
	return bot.Identity{Platform: Platform, UserID: strconv.FormatInt(u.ID, 10), Name: name}
}

func isGroupChat(c models.Chat) bool { return c.Type != models.ChatTypePrivate }

// translate turns an update into a bot message. ok is false for updates the
// bot does not answer: edits, channel posts, other bots, and in groups
// anything that is neither a command for this bot nor a reply to it.
func (a *Adapter) translate(u *models.Update, received time.Time) (in incoming, ok bool) {
	ref := "tg:" + strconv.FormatInt(u.ID, 10)
	if cq := u.CallbackQuery; cq != nil {
		in.callbackID = cq.ID
		if cq.Data == "" || cq.From.IsBot {
			return in, false
		}
		chat := callbackChat(cq)
		group := isGroup(chat)
		if m := cq.Message.Message; m != nil {
			group = isGroupChat(m.Chat)
			in.to.tapped = m.ID
			// The buttons under a reply are for the member it answers
			// (bot.ForeignTap): another member's tap gets a toast.
			if r := m.ReplyToMessage; r != nil && r.From != nil {
				if note := bot.ForeignTap(group, identityOf(*r.From), identityOf(cq.From)); note != "" {
					in.callbackNote = note
					return in, false
				}
			}
		} else if im := cq.Message.InaccessibleMessage; im != nil {
			in.to.tapped = im.MessageID
		}
		in.to.chat = chat
		in.msg = bot.Message{Identity: identityOf(cq.From), ChatID: strconv.FormatInt(chat, 10), Group: group,
			Text: cq.Data, Callback: true, ReceivedAt: received, Ref: ref, Durable: true}
		return in, true
	}
	m, edited := u.Message, false
	if m == nil && u.EditedMessage != nil && strings.HasPrefix(u.EditedMessage.Text, "/") {
		m, edited = u.EditedMessage, true // an edited command: the bot says edits change nothing
	}
	if m == nil || m.From == nil || m.From.IsBot {
		return in, false
	}
	text := m.Text
	switch {
	case m.Document != nil:
		text = m.Caption
		in.doc = m.Document
	case len(m.Photo) > 0 || m.Video != nil:
		text = m.Caption // "/log squat 120x3" under a photo of the bar
	}
	group := isGroupChat(m.Chat)
	if group && !a.addressed(text, m) {
		return in, false
	}
	if in.doc != nil {
		text = bot.CommandForFile(text) // a file sent on its own is an export to import
	}
	if strings.TrimSpace(text) == "" {
		return in, false // stickers, photos, voice: nothing to read
	}
	at := received
	if m.Date > 0 {
		at = time.Unix(int64(m.Date), 0)
	}
	in.to.chat = m.Chat.ID
	in.msgID = m.ID
	if group {
		in.to.replyTo = m.ID // show whose message each reply answers
	}
	in.msg = bot.Message{Identity: identityOf(*m.From), ChatID: strconv.FormatInt(m.Chat.ID, 10), Group: group,
		Text: text, Edited: edited, ReceivedAt: at, Ref: ref, Durable: true}
	return in, true
}

// addressed says whether a group message is for this bot: a command without
// @name or with this bot's name, or a reply to one of its messages.
func (a *Adapter) addressed(text string, m *models.Message) bool {
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.ID == a.botID.Load() {
		return true
	}
	if !strings.HasPrefix(text, "/") {
		return false
	}
	cmd := text
	if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
		cmd = text[:i]
	}
	_, name, found := strings.Cut(cmd, "@")
	return !found || strings.EqualFold(name, a.username.Load().(string))
}

// process handles one recorded update and marks it done, and returns zero;
// when storage is down it keeps the update instead and returns when to try
// it again (see keep). When the work context ends first the update stays
// undone and is handled at the next start.
func (a *Adapter) process(ctx context.Context, it *inbox.Item) time.Duration {
	start := time.Now()
	outcome, err := a.handleUpdate(ctx, it)
	if err != nil {
		switch {
		case ctx.Err() != nil:
			return 0
		case errors.Is(err, errKept):
			return a.retryKept(it)
		case errors.Is(err, bot.ErrUnreachable):
			outcome = outcomeUnreachable
			a.log.Info("reply not delivered: the user blocked the bot or left the chat", "update_id", it.ID, "err", redact(err, a.cfg.Token))
		default:
			outcome = outcomeFailed
			a.log.Error("update", "update_id", it.ID, "err", redact(err, a.cfg.Token))
		}
	}
	if !it.Kept.IsZero() {
		a.log.Info("kept update handled", "update_id", it.ID, "kept_for", time.Since(it.Kept).Round(time.Second), "tries", it.Tries)
	}
	a.answered(ctx, it.ID)
	a.ib.Done(it.ID)
	a.obs.UpdateHandled(outcome, time.Since(start))
	return 0
}

// errKept says an update was kept undone while storage is down.
var errKept = errors.New("update kept until storage is back")

// The choice when storage fails while an update is handled: the update is
// KEPT, not dropped. It is recorded in the inbox already, so nothing is
// lost by waiting: the sender is told, once, that it is kept and needs no
// sending again (the bot's words for a Durable message), it stays undone
// and first in its chat (the chat's later updates wait behind it, in
// order), and it is tried again with a growing pause until storage answers,
// then answered as a reply to the kept message. A stop in the meantime
// leaves it to the next start, which handles undone updates first. Its
// Ref keeps it from being stored twice however often it is tried. Telling
// the sender to send it again instead, while the inbox still held it, is
// what stored sets twice.

// retryKept is the pause before the next try of a kept update: 1 s, then
// doubling up to Config.KeptRetry.
func (a *Adapter) retryKept(it *inbox.Item) time.Duration {
	it.Tries++
	return min(time.Second<<min(it.Tries-1, 10), a.cfg.KeptRetry)
}

// handleUpdate answers one update. Its outcome is outcomeOK, outcomeIgnored
// or outcomeError when the reply went out; with an error it says nothing.
func (a *Adapter) handleUpdate(ctx context.Context, it *inbox.Item) (outcome string, err error) {
	u, _ := it.Decoded.(*models.Update)
	if u == nil {
		u = new(models.Update)
		if err := json.Unmarshal(it.Payload, u); err != nil {
			return "", fmt.Errorf("decode update %d: %w", it.ID, err)
		}
	}
	if u.ID != it.ID { // (a notice may be reading it)
		u.ID = it.ID
	}
	in, ok := a.translate(u, it.ReceivedAt)
	if in.callbackID != "" && it.Kept.IsZero() {
		// Stops the button's spinner; not worth holding the chat for.
		a.answerCallback(ctx, in.callbackID, in.callbackNote)
	}
	if !ok {
		return outcomeIgnored, nil
	}
	if k, resent := a.resentOf(it.ID, in); resent {
		// Sent again after a fault: not handled (see resentOf).
		a.log.Info("message repeats a kept one; not handled again", "update_id", it.ID, "kept_update_id", k.id)
		if !a.tell(it.ID) {
			return outcomeIgnored, nil // told as it arrived
		}
		in.to.replyTo = in.msgID
		return outcomeIgnored, a.render(ctx, in.to, resentNotice(k))
	}
	if in.doc != nil {
		att, problem, err := a.download(ctx, in.doc)
		if err != nil {
			return "", err
		}
		if problem != "" {
			return outcomeOK, a.render(ctx, in.to, bot.Reply{Text: problem})
		}
		in.msg.Attachments = []bot.Attachment{att}
	}
	attempts := 3
	if !it.Kept.IsZero() {
		attempts = 1 // it waited already
		if in.msgID != 0 {
			in.to.replyTo = in.msgID // the answer shows which message it answers
		}
	}
	reply, err := a.handle(ctx, in.msg, attempts)
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	if errors.Is(err, bot.ErrUnavailable) {
		if !it.Kept.IsZero() {
			return "", errKept // told once already
		}
		it.Kept = time.Now()
		a.log.Warn("storage down: update kept, to be handled when it is back", "update_id", it.ID, "user", a.cfg.IDs.Hash(in.msg.Identity), "err", err)
		a.remember(it.ID, in)
		behind := a.ib.Park(it.Key) // what comes behind it from now on is kept too, and told
		if in.msgID != 0 {
			in.to.replyTo = in.msgID
		}
		if err := a.render(ctx, in.to, reply); err != nil && ctx.Err() == nil {
			a.log.Warn("tell the sender an update is kept", "update_id", it.ID, "err", redact(err, a.cfg.Token))
		}
		for _, b := range behind {
			a.keptToo(b)
		}
		return "", errKept
	}
	outcome = outcomeOK
	if err != nil {
		outcome = outcomeError
		a.log.Error("bot failed on update; answering with its apology", "update_id", it.ID, "user", a.cfg.IDs.Hash(in.msg.Identity), "err", err)
	}
	render := a.render
	if reply.Private && in.msg.Group {
		render = func(ctx context.Context, to target, r bot.Reply) error {
			return a.renderPrivately(ctx, to, in.msg.Identity, r)
		}
	}
	if err := render(ctx, in.to, reply); err != nil {
		return "", fmt.Errorf("reply to update %d: %w", it.ID, err)
	}
	if in.callbackID != "" && in.to.tapped != 0 && !reply.Edit && !reply.Keep && err == nil {
		if err := a.dropKeyboard(ctx, in.to.chat, in.to.tapped); err != nil && ctx.Err() == nil {
			a.log.Warn("remove used keyboard", "update_id", it.ID, "err", err)
		}
	}
	return outcome, nil
}

// handle asks the bot, up to attempts times while it fails internally: a
// failed attempt stored nothing, and the Ref keeps a retry from storing twice.
func (a *Adapter) handle(ctx context.Context, m bot.Message, attempts int) (bot.Reply, error) {
	if a.batch != nil {
		return a.retry(ctx, attempts, func() (bot.Reply, error) { return a.batch.handle(ctx, m) })
	}
	select {
	case a.handling <- struct{}{}:
	case <-ctx.Done():
		return bot.Reply{}, ctx.Err()
	}
	defer func() { <-a.handling }()
	return a.retry(ctx, attempts, func() (bot.Reply, error) { return a.h.Handle(ctx, m) })
}

// retry runs handle up to attempts times while it fails internally.
func (a *Adapter) retry(ctx context.Context, attempts int, handle func() (bot.Reply, error)) (bot.Reply, error) {
	backoff := 200 * time.Millisecond
	for attempt := 1; ; attempt++ {
		reply, err := handle()
		if err == nil || ctx.Err() != nil || attempt >= attempts {
			return reply, err
		}
		if sleep(ctx, backoff) != nil {
			return reply, err
		}
		backoff *= 4
	}
}

func (a *Adapter) answerCallback(ctx context.Context, id, text string) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for attempt := 1; attempt <= 3; attempt++ {
		_, err := a.api.AnswerCallbackQuery(cctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id, Text: text})
		if err == nil {
			return
		}
		var tooMany *tgbot.TooManyRequestsError
		if errors.Is(err, tgbot.ErrorBadRequest) || cctx.Err() != nil || errors.As(err, &tooMany) {
			// "query is too old" after a restart: the tap is still handled.
			a.log.Debug("answer callback", "err", err)
			return
		}
		if sleep(cctx, time.Duration(attempt)*200*time.Millisecond) != nil {
			return
		}
	}
}

// download fetches a document for the bot. problem is a reply for the user
// when the file cannot be read (too big, gone, Telegram unreachable).
func (a *Adapter) download(ctx context.Context, d *models.Document) (att bot.Attachment, problem string, err error) {
	const failed = "I could not fetch that file from Telegram. Please send it again."
	if d.FileSize > bot.MaxFileBytes {
		return att, bot.FileTooBig(d.FileName, d.FileSize), nil
	}
	var f *models.File
	err = a.send.deliver(ctx, noChat, "getFile", func(ctx context.Context) error {
		var err error
		f, err = a.api.GetFile(ctx, &tgbot.GetFileParams{FileID: d.FileID})
		return err
	})
	if ctx.Err() != nil {
		return att, "", ctx.Err()
	}
	if err != nil {
		a.log.Warn("getFile", "err", redact(err, a.cfg.Token))
		return att, failed, nil
	}
	if f.FileSize > bot.MaxFileBytes {
		return att, bot.FileTooBig(d.FileName, f.FileSize), nil
	}
	var data []byte
	for attempt := 1; attempt <= 3; attempt++ {
		data, err = a.fetch(ctx, a.api.FileDownloadLink(f))
		if err == nil || ctx.Err() != nil {
			break
		}
		a.log.Warn("download file", "attempt", attempt, "err", redact(err, a.cfg.Token))
		if sleep(ctx, time.Duration(attempt)*time.Second) != nil {
			break
		}
	}
	if ctx.Err() != nil {
		return att, "", ctx.Err()
	}
	if errors.Is(err, errTooBig) {
		return att, bot.FileTooBig(d.FileName, 0), nil
	}
	if err != nil {
		return att, failed, nil
	}
	name := d.FileName
	if name == "" {
		name = "upload"
	}
	return bot.Attachment{Name: name, Data: data}, "", nil
}

var errTooBig = errors.New("file over the size limit")

func (a *Adapter) fetch(ctx context.Context, link string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, err
	}
	resp, err := a.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("file download: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, bot.MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > bot.MaxFileBytes {
		return nil, errTooBig
	}
	return data, nil
}
