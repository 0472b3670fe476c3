package bot_test

import (
	"testing"

	"github.com/spotterbot/spotter/bot"
)

func TestForeignTap(t *testing.T) {
	ann := bot.Identity{Platform: "telegram", UserID: "1", Name: "Ann"}
	bob := bot.Identity{Platform: "telegram", UserID: "2", Name: "Bob"}
	nameless := bot.Identity{Platform: "telegram", UserID: "3"}
	annElsewhere := bot.Identity{Platform: "discord", UserID: "1", Name: "Ann"}
	for _, tc := range []struct {
		name          string
		group         bool
		owner, tapper bot.Identity
		want          string
	}{
		{"own button in a group", true, ann, ann, ""},
		{"another member's button", true, ann, bob, "These buttons are Ann's."},
		{"a nameless member's button", true, nameless, bob, "These buttons are another member's."},
		{"owner unknown", true, bot.Identity{}, bob, ""},
		{"private chat", false, ann, bob, ""},
		{"same id on another platform", true, annElsewhere, ann, "These buttons are Ann's."},
	} {
		if got := bot.ForeignTap(tc.group, tc.owner, tc.tapper); got != tc.want {
			t.Errorf("%s: ForeignTap(%v, %v, %v): got %q, want %q", tc.name, tc.group, tc.owner, tc.tapper, got, tc.want)
		}
	}
}
