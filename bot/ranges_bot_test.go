package bot_test

import (
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// A redelivered range change is handled once: the second delivery gets the
// first reply, not the reply to a change made twice.
func TestRangeRedeliveryIsHandledOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		b := bot.New(st, bot.WithLogger(quiet))
		who := bot.Identity{Platform: "telegram", UserID: "9"}
		say := func(text, ref string) string {
			t.Helper()
			r, err := b.Handle(ctx, bot.Message{Identity: who, ChatID: "9", Text: text, Ref: ref})
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			return r.Text
		}
		say("/settings range squat 5-8", "tg:1")
		set := say("/settings range squat 3-5", "tg:2")
		if again := say("/settings range squat 3-5", "tg:2"); again != set {
			t.Errorf("redelivered set: got %q, want the first reply %q", again, set)
		}
		off := say("/settings range squat off", "tg:3")
		if again := say("/settings range squat off", "tg:3"); again != off {
			t.Errorf("redelivered off: got %q, want the first reply %q", again, off)
		}
		mustContain(t, off, "Removed your rep range for squat (was 3-5 reps)")
		mustContain(t, say("/settings range", "tg:4"), "You have set no rep ranges")
	})
}

// /forget deletes the ranges, and says so.
func TestForgetDeletesRanges(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		h.send("ann", "/settings range squat 3-5", false)
		h.send("ann", "/settings range row 8-12", false)
		h.send("bob", "/settings range squat 5", false)
		ann, bob := h.userID("ann"), h.userID("bob")
		h.send("ann", "/forget", false)
		mustContain(t, h.send("ann", "/forget confirm", true).Text, "(2 rep ranges, 1 linked account, your settings)")
		if left, _ := st.Remaining(ann); left["lift_ranges"] != 0 {
			t.Errorf("got %d ranges of ann after /forget, want 0", left["lift_ranges"])
		}
		if kept, _ := st.Remaining(bob); kept["lift_ranges"] != 1 {
			t.Errorf("got %d ranges of bob, want his 1 kept", kept["lift_ranges"])
		}
		mustContain(t, h.send("ann", "/settings range", false).Text, "You have set no rep ranges")
	})
}
