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

// A redelivered message gets its first reply back, buttons included, and
// stores nothing again.
func TestRedeliveryRepliesWithButtons(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	b := bot.New(st)
	m := bot.Message{Identity: bot.Identity{Platform: "telegram", UserID: "9"}, ChatID: "9", Text: "/log squat 100x5 rir2", Ref: "tg:77"}
	first, err := b.Handle(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.Handle(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if again.Text != first.Text || len(again.Buttons) != 1 || again.Buttons[0][0] != first.Buttons[0][0] {
		t.Errorf("redelivery: got %+v, want %+v", again, first)
	}
	h, _ := b.Handle(context.Background(), bot.Message{Identity: m.Identity, Text: "/history"})
	if strings.Count(h.Text, "1x5 at 100 kg") != 1 {
		t.Errorf("history after a redelivery: %q, want the set once", h.Text)
	}
}
