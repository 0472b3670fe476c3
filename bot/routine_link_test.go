package bot_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// /link joins two accounts' routines: both lists are kept, and the joining
// account's routine whose name the first account uses too gets a number.
func TestLinkMergesRoutines(t *testing.T) {
	for _, be := range storagetest.Backends(t) {
		t.Run(be.Name, func(t *testing.T) {
			b := bot.New(storagetest.Open(t, be))
			now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
			say := func(id bot.Identity, text string) string {
				t.Helper()
				now = now.Add(time.Minute)
				r, err := b.Handle(context.Background(), bot.Message{Identity: id, ChatID: id.UserID, Text: text, ReceivedAt: now})
				if err != nil {
					t.Fatalf("%s: %v", text, err)
				}
				return r.Text
			}
			tg := bot.Identity{Platform: "telegram", UserID: "31", Name: "ann"}
			dc := bot.Identity{Platform: "discord", UserID: "41", Name: "ann"}
			for _, c := range []string{"/log squat 100x5", "/log bench 80x5", "/routine save legs squat", "/routine save push bench"} {
				say(tg, c)
			}
			for _, c := range []string{"/log deadlift 140x5", "/log dip bw+10x8", "/routine save push dip", "/routine save pull deadlift"} {
				say(dc, c)
			}
			code := regexp.MustCompile(`link code: ([A-Z0-9]+)`).FindStringSubmatch(say(tg, "/link"))
			if code == nil {
				t.Fatal("no link code")
			}
			say(dc, "/link "+code[1])
			want := "Your routines:\n- legs: squat\n- pull: deadlift\n- push: bench\n- push-2: dip\n"
			for _, id := range []bot.Identity{tg, dc} {
				if got := say(id, "/routine"); !strings.HasPrefix(got, want) {
					t.Errorf("%s /routine after /link: got %q, want it to start %q", id.Platform, got, want)
				}
			}
			if got := say(dc, "/routine push-2"); !strings.Contains(got, "- dip: ") {
				t.Errorf("/routine push-2: got %q, want dip's next session", got)
			}
		})
	}
}
