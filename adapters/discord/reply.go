package discord

import (
	"bytes"
	"context"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/spotterbot/spotter/bot"
)

// Replies: a bot.Reply as an interaction response, follow-ups, split
// messages, buttons and files.

// flags makes a reply in a server ephemeral: only the member who asked sees
// it. Hence bot.ForeignTap never applies on Discord: nobody else can see,
// let alone tap, the buttons under a reply (the team post's buttons are
// for every member, each tap acting on the tapper's own check-in). A
// Private reply (bot.Reply.Private) is met by the same flag, in place, so
// bot.PrivateReplySent and PrivateReplyUnsent never apply here either.
func (a *Adapter) flags(i *discordgo.Interaction) discordgo.MessageFlags {
	if i.GuildID != "" {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// response renders a reply given in time: an update of the tapped message
// (type 7) for Reply.Edit on a button, else a new message (type 4). A reply
// longer than one message returns the rest, to send as follow-ups.
func (a *Adapter) response(i *discordgo.Interaction, r bot.Reply, component bool) (*discordgo.InteractionResponse, []string) {
	chunks := split(r.Text)
	typ := discordgo.InteractionResponseChannelMessageWithSource
	if component && r.Edit {
		typ = discordgo.InteractionResponseUpdateMessage
	}
	data := &discordgo.InteractionResponseData{Content: chunks[0], Components: []discordgo.MessageComponent{}}
	if len(chunks) == 1 {
		data.Components, data.Files = components(r.Buttons, a.log), files(r)
	}
	if typ == discordgo.InteractionResponseChannelMessageWithSource {
		data.Flags = a.flags(i)
	}
	return &discordgo.InteractionResponse{Type: typ, Data: data}, chunks[1:]
}

// late delivers a reply after a deferral: by editing the original response
// (the deferred message, or for a button with Reply.Edit the tapped message),
// else as a follow-up. It reports whether all of it went out.
func (a *Adapter) late(ctx context.Context, i *discordgo.Interaction, r bot.Reply, component bool) bool {
	chunks := split(r.Text)
	if !component || r.Edit {
		text := chunks[0]
		comps := []discordgo.MessageComponent{}
		var fs []*discordgo.File
		if len(chunks) == 1 {
			comps, fs = components(r.Buttons, a.log), files(r)
		}
		e := &discordgo.WebhookEdit{Content: &text, Components: &comps, Files: fs}
		_, err := a.s.InteractionResponseEdit(i, e, discordgo.WithContext(ctx))
		a.obs.ReplySent(err == nil)
		if err != nil {
			a.log.Error("discord edit response", "err", err)
			return false
		}
		chunks = chunks[1:]
	}
	return a.followUps(ctx, i, chunks, r)
}

// followUps sends messages after the interaction's response, with the
// reply's buttons and files on the last. It reports whether all went out.
func (a *Adapter) followUps(ctx context.Context, i *discordgo.Interaction, chunks []string, r bot.Reply) bool {
	for k, c := range chunks {
		p := &discordgo.WebhookParams{Content: c, Flags: a.flags(i), Components: []discordgo.MessageComponent{}}
		if k == len(chunks)-1 {
			p.Components, p.Files = components(r.Buttons, a.log), files(r)
		}
		_, err := a.s.FollowupMessageCreate(i, true, p, discordgo.WithContext(ctx))
		a.obs.ReplySent(err == nil)
		if err != nil {
			a.log.Error("discord follow-up", "err", err)
			return false
		}
	}
	return true
}

// respond answers an interaction and reports whether Discord took the
// answer. A message (not a deferral, a form or autocomplete choices) is
// counted as a reply.
func (a *Adapter) respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) bool {
	err := a.s.InteractionRespond(i, r, discordgo.WithContext(ctx))
	if r.Type == discordgo.InteractionResponseChannelMessageWithSource || r.Type == discordgo.InteractionResponseUpdateMessage {
		a.obs.ReplySent(err == nil)
	}
	if err != nil {
		a.log.Error("discord respond", "type", int(r.Type), "err", err)
		return false
	}
	return true
}

// maxContent is Discord's message length limit, in characters. split
// counts bytes, which are never fewer than characters however Discord
// counts them (code points or UTF-16 units), so a part is never refused
// for its length.
const maxContent = 2000

func byteLen(s string) int { return len(s) }

// split cuts text into messages of at most maxContent by bot.SplitText.
// Discord refuses a message of nothing but white space and shows none at a
// message's ends, so each part is trimmed of line breaks and blank parts
// are dropped; a reply with no text at all is "Done." (an interaction
// needs a message).
func split(text string) []string {
	var out []string
	for _, p := range bot.SplitText(text, maxContent, byteLen) {
		if p = strings.Trim(p, "\n"); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return []string{"Done."}
	}
	return out
}

// components renders button rows; Discord allows 5 rows of 5 buttons and a
// custom_id of at most 100 characters (a longer one is dropped and logged).
func components(rows [][]bot.Button, log *slog.Logger) []discordgo.MessageComponent {
	out := []discordgo.MessageComponent{}
	for _, row := range rows {
		var cur []discordgo.MessageComponent
		for _, b := range row {
			if len(b.Data) > 100 || b.Data == "" {
				log.Error("discord button data too long", "label", b.Label, "len", len(b.Data))
				continue
			}
			label := b.Label
			if len(label) > 80 {
				label = label[:80]
			}
			style := discordgo.SecondaryButton
			if len(out) == 0 && len(cur) == 0 {
				style = discordgo.PrimaryButton
			}
			cur = append(cur, discordgo.Button{Label: label, Style: style, CustomID: b.Data})
			if len(cur) == 5 {
				out = append(out, discordgo.ActionsRow{Components: cur})
				cur = nil
			}
		}
		if len(cur) > 0 {
			out = append(out, discordgo.ActionsRow{Components: cur})
		}
	}
	if len(out) > 5 {
		log.Error("discord reply has more than 5 button rows", "rows", len(out))
		out = out[:5]
	}
	return out
}

func files(r bot.Reply) []*discordgo.File {
	var out []*discordgo.File
	if r.Image != nil {
		out = append(out, &discordgo.File{Name: r.ImageFileName(), ContentType: "image/png", Reader: bytes.NewReader(r.Image)})
	}
	if r.File != nil {
		out = append(out, &discordgo.File{Name: r.File.Name, ContentType: "application/octet-stream", Reader: bytes.NewReader(r.File.Data)})
	}
	return out
}
