package bot_test

import (
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// The way back from an import read in the wrong unit names the spotter
// command only to a user at a command line (Message.CommandLine), whatever
// the platform: a chat user has no spotter program to run.
func TestCommandLineWordingOnlyWithCommandLine(t *testing.T) {
	const cli = "spotter import --undo-last"
	file := fixture(t, "strong-classic-lbs.csv")
	for _, tc := range []struct {
		platform    string
		commandLine bool
	}{
		{"console", true},
		{"console", false},
		{"telegram", false},
		{"telegram", true},
		{"discord", false},
	} {
		h := newHarness(t, storagetest.Open(t, storagetest.SQLite))
		who := bot.Identity{Platform: tc.platform, UserID: "ann", Name: "ann"}
		var last string
		for i, text := range []string{"/import", "/import lb"} {
			r, err := h.b.Handle(ctx, bot.Message{Identity: who, ChatID: "ann", Text: text, CommandLine: tc.commandLine,
				Attachments: []bot.Attachment{file}, ReceivedAt: h.now, Ref: tc.platform + text + string(rune('0'+i))})
			if err != nil {
				t.Fatalf("%s %s: %v", tc.platform, text, err)
			}
			last = r.Text
		}
		mustContain(t, last, "remove that import with /import undo")
		if got := strings.Contains(last, cli); got != tc.commandLine {
			t.Errorf("%s, CommandLine %v: reply names %q: %v, want %v\nreply: %q", tc.platform, tc.commandLine, cli, got, tc.commandLine, last)
		}
	}
}
