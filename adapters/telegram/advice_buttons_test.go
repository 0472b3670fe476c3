package telegram_test

import (
	"strings"
	"testing"
	"time"
)

// TestAdviceButtonsOpenEachLift: the short /advice has a button per lift;
// a tap answers with that lift's full advice and leaves the buttons in place
// for the next lift.
func TestAdviceButtonsOpenEachLift(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		mustStart(t, srv, dsn, nil)
		chat := chatOf(ann)
		// A tap happens now (the fake stamps it so), so the log is recent.
		day := func(ago int) string { return time.Now().UTC().AddDate(0, 0, -ago).Format("2006-01-02") }
		logs := []string{
			"/log " + day(11) + " squat 100x5x3 rir2", "/log " + day(8) + " squat 102.5x5x3 rir2", "/log " + day(4) + " squat 105x5x3 rir2",
			"/log " + day(11) + " bench 80x5x3 rir2", "/log " + day(8) + " bench 80x5x3 rir2", "/log " + day(4) + " bench 80x5x3 rir2",
		}
		for _, l := range logs {
			srv.SendText(chat, ann, l)
		}
		srv.SendText(chat, ann, "/advice")
		ms := mustMessages(t, srv, chat.ID, len(logs)+1)
		summary := ms[len(logs)]
		if !strings.HasPrefix(summary.Plain(), "Advice for 2 lifts.") || strings.Count(summary.Plain(), "\n- ") > 0 {
			t.Fatalf("/advice: got %q, want the short summary", summary.Plain())
		}
		for i, lift := range []string{"squat", "bench"} {
			srv.Tap(chat, ann, summary.ID, mustButton(t, summary, lift))
			ms = mustMessages(t, srv, chat.ID, len(logs)+2+i)
			detail := ms[len(ms)-1].Plain()
			if !strings.Contains(strings.SplitN(detail, "\n", 2)[0], " "+lift+":") || !strings.Contains(detail, "\n- latest "+day(4)) {
				t.Errorf("tap %q: got %q, want that lift's verdict with its evidence", lift, detail)
			}
		}
		if kb := srv.Messages(chat.ID)[len(logs)].Keyboard; len(kb) == 0 {
			t.Errorf("the summary's buttons were taken off after a tap, want them kept for the next lift")
		}
	})
}

// TestDidYouMeanButtonStoresUnderTheChosenLift: a typo asks first and
// stores nothing; the button stores the set under the lift chosen.
func TestDidYouMeanButtonStoresUnderTheChosenLift(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		h := mustStart(t, srv, dsn, nil)
		chat := chatOf(ann)
		srv.SendText(chat, ann, "/log squat 100x5 rir2")
		srv.SendText(chat, ann, "/log sqaut 102.5x5 rir2")
		ms := mustMessages(t, srv, chat.ID, 2)
		if got := ms[1].Plain(); !strings.Contains(got, "Did you mean squat?") {
			t.Fatalf("typo: got %q, want Did you mean squat?", got)
		}
		if got := mustCount(t, h.st, "SELECT count(*) FROM sets"); got != 1 {
			t.Fatalf("sets after the question: got %d, want 1 (nothing stored until answered)", got)
		}
		srv.Tap(chat, ann, ms[1].ID, mustButton(t, ms[1], "squat"))
		ms = mustMessages(t, srv, chat.ID, 3)
		if got := ms[2].Plain(); !strings.HasPrefix(got, "Logged squat: 1 set of 5 reps at 102.5 kg") {
			t.Errorf("after the tap: got %q, want the set logged as squat", got)
		}
		if got := mustCount(t, h.st, "SELECT count(*) FROM sets WHERE lift = 'squat'"); got != 2 {
			t.Errorf("squat sets: got %d, want 2", got)
		}
		if got := mustCount(t, h.st, "SELECT count(*) FROM sets WHERE lift = 'sqaut'"); got != 0 {
			t.Errorf("sqaut sets: got %d, want 0", got)
		}
	})
}
