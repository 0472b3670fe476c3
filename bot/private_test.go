package bot_test

import (
	_ "image/png"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func TestDataCommandsArePrivate(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	h.send("ann", "/log squat 100x5", false)
	for _, c := range []string{"/export", "/forget", "/import"} {
		r, err := h.b.Handle(ctx, bot.Message{Identity: id("ann"), ChatID: "team", Group: true, Text: c, ReceivedAt: h.now,
			Attachments: []bot.Attachment{fixture(t, "hevy-lbs.csv")}})
		if err != nil {
			t.Fatal(err)
		}
		if r.File != nil || len(r.Buttons) > 0 || !strings.Contains(r.Text, "works in a private chat") {
			t.Errorf("%s in a group: got %+v, want a refusal", c, r)
		}
	}
	if n := len(h.history("ann").Sets); n != 1 {
		t.Errorf("got %d sets, want the one logged (no import from the group)", n)
	}
}
