package discord_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/words/wordstest"
	"github.com/spotterbot/spotter/engine"
)

// TestVerdictOnDiscord: the render tests' verdict (bot/words/wordstest)
// arrives as plain content, its words as they are (Discord takes '&' and
// '<' literally); the /advice summary's buttons are action rows of buttons
// in the bot's rows, the first primary, each opening that lift's advice.
func TestVerdictOnDiscord(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	to := bot.Identity{Platform: "discord", UserID: "717"}
	if err := h.a.Notify(context.Background(), to, bot.VerdictReply(wordstest.Verdict())); err != nil {
		t.Fatal(err)
	}
	if err := h.a.Notify(context.Background(), to, bot.AdviceReply(wordstest.Verdicts(), wordstest.Plan(), engine.Kg)); err != nil {
		t.Fatal(err)
	}
	ms := h.srv.ChannelMessages("dm-717")
	if len(ms) != 2 {
		t.Fatalf("got %d DMs, want 2: %+v", len(ms), ms)
	}
	verdict, summary := ms[0], ms[1]
	if verdict.Content != wordstest.Text || len(verdict.Buttons) != 0 || len(verdict.Files) != 0 {
		t.Errorf("/advice squat sent\n%s\nbuttons %+v files %v; want\n%s\nalone", verdict.Content, verdict.Buttons, verdict.Files, wordstest.Text)
	}
	if summary.Content != wordstest.Summary {
		t.Errorf("/advice sent\n%s\nwant\n%s", summary.Content, wordstest.Summary)
	}
	var labels [][]string
	for i, row := range summary.Buttons {
		var ls []string
		for j, b := range row {
			ls = append(ls, b.Label)
			if b.CustomID != "/advice "+b.Label || b.Type != int(discordgo.ButtonComponent) {
				t.Errorf("button %q: type %d custom_id %q, want a button opening /advice %s", b.Label, b.Type, b.CustomID, b.Label)
			}
			style := discordgo.SecondaryButton
			if i == 0 && j == 0 {
				style = discordgo.PrimaryButton
			}
			if b.Style != int(style) {
				t.Errorf("button %q: style %d, want %d", b.Label, b.Style, style)
			}
		}
		labels = append(labels, ls)
	}
	if !reflect.DeepEqual(labels, wordstest.Buttons()) {
		t.Errorf("action rows %q, want %q", labels, wordstest.Buttons())
	}
}
