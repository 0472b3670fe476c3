package console

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/spotterbot/spotter/bot"
)

func TestNotify(t *testing.T) {
	var out bytes.Buffer
	c := New(nil, "alice", &out, t.TempDir())
	r := bot.Reply{Text: "A planned deload is due today.", Buttons: [][]bot.Button{{{Label: "Start deload", Data: "/deload now"}, {Label: "Skip this one", Data: "/deload skip"}}}}
	if err := c.Notify(context.Background(), c.Identity(), r); err != nil {
		t.Fatalf("Notify to alice: %v", err)
	}
	if got, want := out.String(), "A planned deload is due today.\n[Start deload] [Skip this one]\n\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
	out.Reset()
	err := c.Notify(context.Background(), bot.Identity{Platform: "telegram", UserID: "42"}, r)
	if !errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("Notify to another user: got %v, want ErrUnreachable", err)
	}
	if out.Len() != 0 {
		t.Errorf("printed %q for another user, want nothing", out.String())
	}
}
