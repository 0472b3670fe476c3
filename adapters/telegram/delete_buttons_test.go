package telegram_test

import (
	"strings"
	"testing"

	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
)

// buttonEnding returns the data and label of the button on m whose label ends with suffix.
func buttonEnding(t *testing.T, m telegramtest.Message, suffix string) (data, label string) {
	t.Helper()
	for _, row := range m.Keyboard {
		for _, b := range row {
			if strings.HasSuffix(b.Text, suffix) {
				return b.CallbackData, b.Text
			}
		}
	}
	t.Fatalf("message %q has no button ending %q; keyboard %+v", m.Plain(), suffix, m.Keyboard)
	return "", ""
}

// TestDeleteButtonDeletesThatSession: /delete alone offers the latest
// sessions, a button each; a tap deletes that session only, and its Undo
// brings it back.
func TestDeleteButtonDeletesThatSession(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		h := mustStart(t, srv, dsn, nil)
		chat := chatOf(ann)
		for _, l := range []string{"/log 2026-11-02 squat 100x5x3 rir2", "/log 2026-11-03 bench 80x5x3 rir2", "/log 2026-11-04 squat 102.5x5x3 rir2", "/delete"} {
			srv.SendText(chat, ann, l)
		}
		ms := mustMessages(t, srv, chat.ID, 4)
		menu := ms[3]
		if !strings.HasPrefix(menu.Plain(), "Which session?") {
			t.Fatalf("/delete: got %q, want the menu", menu.Plain())
		}
		data, label := buttonEnding(t, menu, "2026-11-03 bench")
		srv.Tap(chat, ann, menu.ID, data)
		got := waitEdits(t, srv, chat.ID, menu.ID, 1)
		handle := strings.Fields(label)[1]
		if !strings.HasPrefix(got.Plain(), "Deleted "+handle+", bench on 2026-11-03: 3 sets of 5 reps at 80 kg") {
			t.Errorf("after the tap: got %q, want the bench session deleted", got.Plain())
		}
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets WHERE lift = 'bench'"); n != 0 {
			t.Errorf("bench sets after the delete: %d, want 0", n)
		}
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets WHERE lift = 'squat'"); n != 6 {
			t.Errorf("squat sets after the delete: %d, want 6 (untouched)", n)
		}
		// The same tap again (a double tap) deletes nothing more.
		srv.Tap(chat, ann, menu.ID, data)
		srv.Tap(chat, ann, got.ID, mustButton(t, got, "Undo"))
		ms = mustMessages(t, srv, chat.ID, 6)
		if !strings.Contains(ms[len(ms)-1].Plain(), "Brought back "+handle) {
			t.Errorf("after Undo: got %q, want the session back", ms[len(ms)-1].Plain())
		}
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets WHERE lift = 'bench'"); n != 3 {
			t.Errorf("bench sets after Undo: %d, want 3", n)
		}
		if n := mustCount(t, h.st, "SELECT count(*) FROM sets"); n != 9 {
			t.Errorf("sets after the double tap and Undo: %d, want all 9", n)
		}
	})
}
