package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/spotterbot/spotter/bot"
)

// modalFields are the Details… form of the team post: the check-in's word
// fields one per input (Discord allows five inputs), the rest in grammar text.
var modalFields = func() []struct{ id, label, placeholder string } {
	var out []struct{ id, label, placeholder string }
	for _, q := range bot.CheckinQuestions()[:4] {
		last := len(q.Answers) - 1
		label := fmt.Sprintf("%s%s: %s or %s", strings.ToUpper(q.Field[:1]), q.Field[1:], strings.Join(q.Answers[:last], ", "), q.Answers[last])
		out = append(out, struct{ id, label, placeholder string }{q.Field, label, q.Answers[0]})
	}
	return append(out, struct{ id, label, placeholder string }{"more", "More, as in /checkin (optional)", "warmup heavy rhr 54 hrv 70 slept 7.5 #travel"})
}()

// checkinModal is the form a Details… tap opens. Its custom_id is the text
// the answers are appended to ("/team checkin DAY").
func checkinModal(form string) *discordgo.InteractionResponseData {
	var rows []discordgo.MessageComponent
	for _, f := range modalFields {
		style := discordgo.TextInputShort
		if f.id == "more" {
			style = discordgo.TextInputParagraph
		}
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: f.id, Label: f.label, Style: style, Placeholder: f.placeholder, MaxLength: 200},
		}})
	}
	title := "Check-in " + strings.TrimSpace(strings.TrimPrefix(form, "/team checkin"))
	return &discordgo.InteractionResponseData{CustomID: form, Title: title, Components: rows}
}

// modalText turns a submitted form into the bot's text command.
func modalText(d discordgo.ModalSubmitInteractionData) string {
	vals := map[string]string{}
	for _, row := range d.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if in, ok := c.(*discordgo.TextInput); ok {
				vals[in.CustomID] = strings.Join(strings.Fields(in.Value), " ")
			}
		}
	}
	w := []string{d.CustomID}
	for _, f := range modalFields {
		v := vals[f.id]
		switch {
		case v == "":
		case f.id == "more":
			w = append(w, v)
		default:
			w = append(w, f.id, strings.ToLower(v))
		}
	}
	return strings.Join(w, " ")
}

// PostTeam sends a team's daily post to its channel and returns the
// message's id (bot.TeamPoster). The bot decides when and what; a post
// never pings anyone.
func (a *Adapter) PostTeam(ctx context.Context, channel string, r bot.Reply) (string, error) {
	msg, err := a.s.ChannelMessageSendComplex(channel, &discordgo.MessageSend{
		Content:         r.Text,
		Components:      components(r.Buttons, a.log),
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
	}, discordgo.WithContext(ctx))
	a.obs.ReplySent(err == nil)
	if err != nil {
		return "", fmt.Errorf("discord team post: %w", err)
	}
	return msg.ID, nil
}

var _ bot.TeamPoster = (*Adapter)(nil)

// EditTeamPost replaces a message the bot sent on its own with e's reply (a
// team post's new counts after a tap: bot.Reply.Update).
func (a *Adapter) EditTeamPost(ctx context.Context, e bot.PostEdit) error {
	text := e.Reply.Text
	comps := components(e.Reply.Buttons, a.log)
	_, err := a.s.ChannelMessageEditComplex(&discordgo.MessageEdit{Channel: e.ChannelID, ID: e.MessageID, Content: &text, Components: &comps},
		discordgo.WithContext(ctx))
	a.obs.ReplySent(err == nil)
	if err != nil {
		return fmt.Errorf("discord team post edit: %w", err)
	}
	return nil
}

// Notify sends r to the user's DM channel (bot.Notifier).
func (a *Adapter) Notify(ctx context.Context, to bot.Identity, r bot.Reply) error {
	if to.Platform != Platform {
		return fmt.Errorf("discord notify: identity of %q", to.Platform)
	}
	ch, err := a.dmChannel(ctx, to.UserID)
	if err != nil {
		return unreachable(fmt.Errorf("discord DM channel: %w", err))
	}
	chunks := split(r.Text)
	for k, c := range chunks {
		m := &discordgo.MessageSend{Content: c}
		if k == len(chunks)-1 {
			m.Components, m.Files = components(r.Buttons, a.log), files(r)
		}
		_, err := a.s.ChannelMessageSendComplex(ch, m, discordgo.WithContext(ctx))
		a.obs.ReplySent(err == nil)
		if err != nil {
			return unreachable(fmt.Errorf("discord DM: %w", err))
		}
	}
	return nil
}

var _ bot.Notifier = (*Adapter)(nil)

// dmChannel is the user's DM channel id, asked of Discord once per user
// and process rather than before every daily poll.
func (a *Adapter) dmChannel(ctx context.Context, userID string) (string, error) {
	if id, ok := a.dms.Load(userID); ok {
		return id.(string), nil
	}
	ch, err := a.s.UserChannelCreate(userID, discordgo.WithContext(ctx))
	if err != nil {
		return "", err
	}
	a.dms.Store(userID, ch.ID)
	return ch.ID, nil
}

// unreachable marks errors by which Discord says the user cannot get DMs
// from the bot: closed DMs or a block (50007), an unknown user (10013).
func unreachable(err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil && (re.Message.Code == discordgo.ErrCodeCannotSendMessagesToThisUser || re.Message.Code == discordgo.ErrCodeUnknownUser) {
		return fmt.Errorf("%w: %w", bot.ErrUnreachable, err)
	}
	return err
}
