package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// A link code posted in a group could be redeemed by any member: /link works
// in private chats only.
func TestLinkRefusedInGroups(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	b := bot.New(st)
	for _, text := range []string{"/link", "/link K7P2XQ9M"} {
		r, err := b.Handle(context.Background(), bot.Message{Identity: bot.Identity{Platform: "telegram", UserID: "5"}, ChatID: "-100", Group: true, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(r.Text, "link code:") || !strings.Contains(strings.ToLower(r.Text), "private") {
			t.Errorf("%s in a group: got %q, want a refusal pointing to a private chat", text, r.Text)
		}
	}
}
