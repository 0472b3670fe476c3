package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot"
)

const (
	maxText    = 4096 // characters (UTF-16 units) in a message
	maxCaption = 1024
	// chunkText leaves room under maxText; split replies stay readable.
	chunkText = 4000
)

// target is where a reply goes.
type target struct {
	chat    int64
	tapped  int // the message whose button was tapped (Reply.Edit edits it)
	replyTo int // in groups, the member's message the reply answers
}

// inlineKeyboard is the inline keyboard as sent. The library's
// models.InlineKeyboardButton always serialises an empty copy_text object,
// which Telegram has refused with BUTTON_COPY_TEXT_INVALID; this sends only
// the fields used.
type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

func keyboard(rows [][]bot.Button) models.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := inlineKeyboard{}
	for _, row := range rows {
		var out []inlineButton
		for _, b := range row {
			out = append(out, inlineButton{Text: b.Label, CallbackData: b.Data})
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, out)
	}
	return kb
}

// render sends r to t: text as HTML with everything escaped (user text can
// never break the markup), buttons as an inline keyboard on the last message,
// Image as a photo and File as a document. With r.Edit it edits the tapped
// message instead, falling back to a new message when that is impossible.
func (a *Adapter) render(ctx context.Context, t target, r bot.Reply) error {
	chunks := splitText(r.Text, chunkText)
	markup := keyboard(r.Buttons)
	if r.Edit && t.tapped != 0 && len(chunks) <= 1 && r.Image == nil && r.File == nil {
		err := a.editText(ctx, t, first(chunks), markup)
		if err == nil {
			return nil
		}
		if errors.Is(err, bot.ErrUnreachable) || ctx.Err() != nil {
			return err
		}
		a.log.Warn("edit failed, sending a new message", "chat", chatHash(a.cfg.IDs, t.chat), "err", err)
	}

	// Media take the text as caption when it fits, else the text goes first.
	var media []func(ctx context.Context, caption string, markup models.ReplyMarkup) error
	if r.Image != nil {
		media = append(media, func(ctx context.Context, caption string, markup models.ReplyMarkup) error {
			return a.sendPhoto(ctx, t, r.Image, r.ImageFileName(), caption, markup)
		})
	}
	if r.File != nil {
		f := *r.File
		media = append(media, func(ctx context.Context, caption string, markup models.ReplyMarkup) error {
			return a.sendDocument(ctx, t, f, caption, markup)
		})
	}
	caption := ""
	if len(media) > 0 && len(chunks) == 1 && utf16Len(chunks[0]) <= maxCaption {
		caption, chunks = chunks[0], nil
	}
	for i, c := range chunks {
		var m models.ReplyMarkup
		if i == len(chunks)-1 && len(media) == 0 {
			m = markup
		}
		if err := a.sendText(ctx, t, c, m); err != nil {
			return err
		}
		t.replyTo = 0 // only the first part answers the member's message
	}
	for i, send := range media {
		var m models.ReplyMarkup
		c := ""
		if i == 0 {
			c = caption
		}
		if i == len(media)-1 {
			m = markup
		}
		if err := send(ctx, c, m); err != nil {
			return err
		}
	}
	return nil
}

// renderPrivately answers a group message whose reply holds the member's
// health data: the reply goes to the member's private chat (in Telegram a
// private chat's id is the user's id) and the group hears only where it went.
// A member who never opened a chat with the bot cannot be written to
// (403): the group is told how to open one, without the data.
func (a *Adapter) renderPrivately(ctx context.Context, group target, who bot.Identity, r bot.Reply) error {
	user, err := strconv.ParseInt(who.UserID, 10, 64)
	if err != nil {
		return fmt.Errorf("private reply to user %s: %w", a.cfg.IDs.Hash(who), err)
	}
	r.Edit, r.Private = false, false // a new message in the private chat
	note := bot.PrivateReplySent
	if err := a.render(ctx, target{chat: user}, r); err != nil {
		if !errors.Is(err, bot.ErrUnreachable) {
			return err
		}
		a.log.Info("private reply refused: the member has no private chat with the bot", "user", a.cfg.IDs.Hash(who))
		// The message was handled (a Private reply is a success): say so,
		// so that nobody sends it again.
		note = bot.PrivateReplyUnsent(fmt.Sprintf("Open @%s and tap Start", a.username.Load().(string)))
	}
	group.tapped = 0
	return a.render(ctx, group, bot.Reply{Text: note})
}

func first(chunks []string) string {
	if len(chunks) == 0 {
		return ""
	}
	return chunks[0]
}

func replyParams(t target) *models.ReplyParameters {
	if t.replyTo == 0 {
		return nil
	}
	return &models.ReplyParameters{MessageID: t.replyTo, AllowSendingWithoutReply: true}
}

// isEntityError says Telegram could not read the markup: the text is then
// sent plain, so a formatting bug can never swallow a reply.
func isEntityError(err error) bool {
	return err != nil && errors.Is(err, errPermanent) && strings.Contains(err.Error(), "can't parse entities")
}

func (a *Adapter) sendText(ctx context.Context, t target, text string, markup models.ReplyMarkup) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	p := &tgbot.SendMessageParams{ChatID: t.chat, Text: toHTML(text), ParseMode: models.ParseModeHTML, ReplyMarkup: markup, ReplyParameters: replyParams(t)}
	call := func(ctx context.Context) error { _, err := a.api.SendMessage(ctx, p); return err }
	err := a.send.deliver(ctx, t.chat, "sendMessage", call)
	if isEntityError(err) {
		a.log.Error("reply markup refused, sending plain text", "chat", chatHash(a.cfg.IDs, t.chat), "err", err)
		p.Text, p.ParseMode = text, ""
		err = a.send.deliver(ctx, t.chat, "sendMessage", call)
	}
	return err
}

func (a *Adapter) editText(ctx context.Context, t target, text string, markup models.ReplyMarkup) error {
	if strings.TrimSpace(text) == "" {
		return errors.New("empty edit")
	}
	p := &tgbot.EditMessageTextParams{ChatID: t.chat, MessageID: t.tapped, Text: toHTML(text), ParseMode: models.ParseModeHTML, ReplyMarkup: markup}
	call := func(ctx context.Context) error { _, err := a.api.EditMessageText(ctx, p); return err }
	err := a.send.deliver(ctx, t.chat, "editMessageText", call)
	if isEntityError(err) {
		p.Text, p.ParseMode = text, ""
		err = a.send.deliver(ctx, t.chat, "editMessageText", call)
	}
	if err != nil && strings.Contains(err.Error(), "message is not modified") {
		return nil // a repeated tap: the message already shows this
	}
	return err
}

// dropKeyboard removes the keyboard of a message whose button was used and
// answered with a new message (an Undo button works once).
func (a *Adapter) dropKeyboard(ctx context.Context, chat int64, msgID int) error {
	p := &tgbot.EditMessageReplyMarkupParams{ChatID: chat, MessageID: msgID}
	err := a.send.deliver(ctx, chat, "editMessageReplyMarkup", func(ctx context.Context) error {
		_, err := a.api.EditMessageReplyMarkup(ctx, p)
		return err
	})
	if err != nil && strings.Contains(err.Error(), "message is not modified") {
		return nil
	}
	return err
}

func (a *Adapter) sendPhoto(ctx context.Context, t target, png []byte, name, caption string, markup models.ReplyMarkup) error {
	return a.send.deliver(ctx, t.chat, "sendPhoto", func(ctx context.Context) error {
		// A fresh reader per attempt: a retry must upload the whole file again.
		p := &tgbot.SendPhotoParams{ChatID: t.chat, Photo: &models.InputFileUpload{Filename: name, Data: bytes.NewReader(png)},
			Caption: toHTML(caption), ParseMode: models.ParseModeHTML, ReplyMarkup: markup, ReplyParameters: replyParams(t)}
		_, err := a.api.SendPhoto(ctx, p)
		return err
	})
}

func (a *Adapter) sendDocument(ctx context.Context, t target, f bot.File, caption string, markup models.ReplyMarkup) error {
	return a.send.deliver(ctx, t.chat, "sendDocument", func(ctx context.Context) error {
		p := &tgbot.SendDocumentParams{ChatID: t.chat, Document: &models.InputFileUpload{Filename: f.Name, Data: bytes.NewReader(f.Data)},
			Caption: toHTML(caption), ParseMode: models.ParseModeHTML, ReplyMarkup: markup, ReplyParameters: replyParams(t)}
		_, err := a.api.SendDocument(ctx, p)
		return err
	})
}

// verdicts start an advice block; they are set in bold.
var verdicts = []string{"PUSH ", "HOLD ", "DELOAD "}

// toHTML escapes text for Telegram's HTML parse mode ('<', '>' and '&' are
// the only characters it reserves) and bolds the verdict word that starts an
// advice block.
func toHTML(text string) string {
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, v := range verdicts {
			if strings.HasPrefix(line, v) {
				b.WriteString("<b>" + strings.TrimSpace(v) + "</b> ")
				line = line[len(v):]
				break
			}
		}
		b.WriteString(escapeHTML(line))
	}
	return b.String()
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escapeHTML(s string) string { return htmlEscaper.Replace(s) }

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// splitText cuts text into messages of at most limit UTF-16 units
// (Telegram's measure) by bot.SplitText. Telegram drops blank lines and
// trailing spaces at a message's ends, so each part is trimmed of them
// here, and a part of nothing else is not sent.
func splitText(text string, limit int) []string {
	var parts []string
	for _, p := range bot.SplitText(text, limit, utf16Len) {
		if p = strings.TrimRight(strings.TrimLeft(p, "\n"), "\n "); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}
