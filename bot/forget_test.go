package bot_test

import (
	_ "image/png"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func TestForget(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		for _, u := range []string{"ann", "bob"} {
			h.send(u, "/log squat 100x5 rir2", false)
			h.send(u, "/checkin sleep poor", false)
			h.send(u, "/import", false, fixture(t, "hevy-lbs.csv"))
			h.send(u, "/deload now", false)
			h.send(u, "/bw 80", false)
			h.send(u, "/checkin bw 80.5 soreness none", false)
			h.send(u, `/log row 60x8 "a note"`, false)
			h.send(u, "/note another", false)
		}
		ann := h.userID("ann")
		bob := h.userID("bob")

		ask := h.send("ann", "/forget", false)
		mustContain(t, ask.Text, "This deletes everything", "type DELETE within 10 minutes")
		if len(ask.Buttons) != 1 || ask.Buttons[0][0].Data != "/forget confirm" || ask.Buttons[0][1].Data != "/forget cancel" {
			t.Fatalf("got buttons %v, want Delete everything and Cancel", ask.Buttons)
		}
		// Anything but the word cancels; an answer that is not a no is told the word.
		if r := h.send("ann", "yes please", false); r.Text != "Kept everything; nothing was deleted: the confirmation is the word DELETE. "+
			"To delete everything, send /forget again, then type DELETE." {
			t.Errorf("got %q, want a cancel that names the word", r.Text)
		}
		h.send("ann", "/forget", false)
		if r := h.send("ann", "No.", false); r.Text != "Kept everything; nothing was deleted." {
			t.Errorf("got %q, want a plain cancel", r.Text)
		}
		if r := h.send("ann", "/forget confirm", true); !strings.HasPrefix(r.Text, "Nothing to confirm") {
			t.Errorf("confirm after cancel: got %q", r.Text)
		}
		// A confirmation after ten minutes has expired.
		h.send("ann", "/forget", false)
		h.now = h.now.Add(11 * time.Minute)
		if r := h.send("ann", "DELETE", false); !strings.Contains(r.Text, "expired and nothing was deleted") {
			t.Errorf("late confirmation: got %q", r.Text)
		}
		if n := len(h.history("ann").Sets); n != 297 {
			t.Fatalf("ann has %d sets after cancelled forgets, want 297", n)
		}
		// An unanswered question long gone does not swallow later text.
		h.send("ann", "/forget", false)
		h.now = h.now.Add(time.Hour)
		mustContain(t, h.send("ann", "hello", false).Text, "I read commands that start with /")
		// The button, within the window.
		h.send("ann", "/forget", false)
		h.now = h.now.Add(time.Minute)
		done := h.send("ann", "/forget confirm", true)
		mustContain(t, done.Text, "Done: I deleted everything I had about you (297 sets, 1 check-in, 1 deload, 8 log entries, 2 body weights, 2 notes,", "1 linked account, your settings)",
			"no longer linked to you", "you start as a new user")
		if !done.Edit {
			t.Error("the confirmation tap should edit the question it answers")
		}
		left, err := st.Remaining(ann)
		if err != nil {
			t.Fatal(err)
		}
		for tb, n := range left {
			if n != 0 {
				t.Errorf("table %s: %d rows of ann remain", tb, n)
			}
		}
		kept, _ := st.Remaining(bob)
		if kept["sets"] != 297 || kept["checkins"] != 1 || kept["users"] != 1 || kept["body_weights"] != 2 || kept["notes"] != 2 {
			t.Errorf("bob's rows changed: %v", kept)
		}
		// Typing the word works too (bob).
		h.send("bob", "/forget", false)
		mustContain(t, h.send("bob", "delete", false).Text, "Done: I deleted everything")
		if left, _ := st.Remaining(bob); left["sets"] != 0 || left["users"] != 0 || left["body_weights"] != 0 || left["notes"] != 0 {
			t.Errorf("bob still has %v", left)
		}
	})
}
