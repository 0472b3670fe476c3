package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
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

// teamPost is the kind of a team post for the Observer's Scheduled.
const teamPost = "team_post"

// PostDueTeams sends every team post due at now (see bot.TeamPostsDue) to its
// channel and returns how many went out. The scheduler calls it; calling it
// again the same day sends nothing twice.
func (a *Adapter) PostDueTeams(ctx context.Context, now time.Time) (int, error) {
	posts, err := a.bot.TeamPostsDue(ctx, Platform, now)
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for _, p := range posts {
		msg, err := a.s.ChannelMessageSendComplex(p.Team.ChannelID, &discordgo.MessageSend{
			Content:    p.Reply.Text,
			Components: components(p.Reply.Buttons, a.log),
			// A post never pings anyone.
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		}, discordgo.WithContext(ctx))
		a.obs.ReplySent(err == nil)
		if err != nil {
			a.obs.Scheduled(teamPost, "failed")
			errs = append(errs, fmt.Errorf("team post to channel: %w", err))
			if ferr := a.bot.TeamPostFailed(ctx, p); ferr != nil {
				errs = append(errs, ferr)
			}
			continue
		}
		if err := a.bot.TeamPostSent(ctx, p, msg.ID); err != nil {
			errs = append(errs, err)
			continue
		}
		sent++
		a.obs.Scheduled(teamPost, "sent")
		a.log.Info("discord team post", "team", p.Team.ID, "day", p.Day.String())
	}
	return sent, errors.Join(errs...)
}

// refreshTeamPost rewrites a team post's counts after a tap.
func (a *Adapter) refreshTeamPost(ctx context.Context, guildID string, day engine.Date) {
	p, err := a.bot.TeamPostView(ctx, Platform, guildID, day)
	if errors.Is(err, bot.ErrNotFound) {
		return
	}
	if err != nil {
		a.log.Error("discord team post view", "err", err)
		return
	}
	text := p.Reply.Text
	comps := components(p.Reply.Buttons, a.log)
	if _, err := a.s.ChannelMessageEditComplex(&discordgo.MessageEdit{Channel: p.Team.ChannelID, ID: p.MessageID, Content: &text, Components: &comps},
		discordgo.WithContext(ctx)); err != nil {
		a.log.Error("discord team post edit", "err", err)
	}
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
