package discord

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// MaxAttachment is the largest file the adapter downloads: the bot's import
// limit (workoutcsv.MaxBytes), so nothing it could read is refused and a
// 500 MB upload never reaches memory.
const MaxAttachment = 20 << 20

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
	case att.Size > MaxAttachment:
		return fmt.Sprintf("%s is %.1f MB; I take files up to %d MB. Export a shorter period from the app, or split the file, and send it again with /import.",
			att.Filename, float64(att.Size)/(1<<20), MaxAttachment>>20)
	}
	return ""
}

// download fetches an attachment from Discord's CDN with the session's
// client (so DISCORD_API_URL reaches a test server), reading at most
// MaxAttachment bytes whatever Size claimed.
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
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxAttachment+1))
	if err != nil {
		return nil, fmt.Errorf("read attachment: %w", err)
	}
	if len(data) > MaxAttachment {
		return nil, fmt.Errorf("the file is larger than %d MB", MaxAttachment>>20)
	}
	return data, nil
}
