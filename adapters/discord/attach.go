package discord

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/bwmarrin/discordgo"

	"github.com/spotterbot/spotter/bot"
)

// attachmentOption returns the first attachment option's file, as Discord
// resolved it in the interaction data (the option's value is only its id).
func attachmentOption(d discordgo.ApplicationCommandInteractionData) *discordgo.MessageAttachment {
	for _, o := range d.Options {
		if o.Type != discordgo.ApplicationCommandOptionAttachment {
			continue
		}
		id, _ := o.Value.(string)
		if d.Resolved == nil || d.Resolved.Attachments[id] == nil {
			return nil
		}
		return d.Resolved.Attachments[id]
	}
	return nil
}

// checkAttachment says why an attachment is refused before downloading it,
// or "" when it may be fetched.
func checkAttachment(att *discordgo.MessageAttachment) string {
	switch {
	case att == nil || att.URL == "":
		return "Discord did not pass me the file. Attach your CSV export as the file option, e.g. /import file: strong.csv unit: lb."
	case att.Size > bot.MaxFileBytes:
		return bot.FileTooBig(att.Filename, int64(att.Size))
	}
	return ""
}

// download fetches an attachment from Discord's CDN with the session's
// client (so DISCORD_API_URL reaches a test server), reading at most
// bot.MaxFileBytes whatever Size claimed: a 500 MB upload never reaches
// memory.
func (a *Adapter) download(ctx context.Context, att *discordgo.MessageAttachment) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, att.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("attachment url: %w", err)
	}
	resp, err := a.s.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("get attachment: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get attachment: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, bot.MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read attachment: %w", err)
	}
	if len(data) > bot.MaxFileBytes {
		return nil, fmt.Errorf("the file is larger than %d MB", bot.MaxFileBytes>>20)
	}
	return data, nil
}
