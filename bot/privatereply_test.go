package bot_test

import (
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
)

func TestPrivateReplySent(t *testing.T) {
	if want := "Sent to you in a private chat: it holds your health data."; bot.PrivateReplySent != want {
		t.Errorf("PrivateReplySent: got %q, want %q", bot.PrivateReplySent, want)
	}
}

func TestPrivateReplyUnsent(t *testing.T) {
	for _, tc := range []struct{ open, want string }{
		{"Open @SpotterBot and tap Start", "Done, but the answer holds your health data, which I send only in a private chat, " +
			"and I can't write to you there yet (or you blocked me). Open @SpotterBot and tap Start: from then on such answers go there."},
	} {
		got := bot.PrivateReplyUnsent(tc.open)
		if got != tc.want {
			t.Errorf("PrivateReplyUnsent(%q):\ngot  %q\nwant %q", tc.open, got, tc.want)
		}
		// The member must learn that the message was handled (or they send
		// it again) and how to get such answers from now on.
		for _, must := range []string{"Done", tc.open} {
			if !strings.Contains(got, must) {
				t.Errorf("PrivateReplyUnsent(%q) = %q: want it to say %q", tc.open, got, must)
			}
		}
	}
}
