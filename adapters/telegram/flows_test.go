package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot"
)

func TestLogThenUndoByButton(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		h := mustStart(t, srv, dsn, nil)
		chat := chatOf(ann)

		srv.SendText(chat, ann, "/log squat 100x5 rir2")
		ms := mustMessages(t, srv, chat.ID, 1)
		if got := ms[0].Plain(); !strings.HasPrefix(got, "Logged squat: 1 set of 5 reps at 100 kg, RIR 2.") {
			t.Errorf("log reply: got %q, want it to start with the stored set in words", got)
		}
		if got := mustCount(t, h.st, "SELECT count(*) FROM sets"); got != 1 {
			t.Fatalf("sets after /log: got %d, want 1", got)
		}
		undo := mustButton(t, ms[0], "Undo")

		srv.Tap(chat, ann, ms[0].ID, undo)
		ms = mustMessages(t, srv, chat.ID, 2)
		if got := ms[1].Plain(); !strings.HasPrefix(got, "Removed squat") {
			t.Errorf("undo reply: got %q, want Removed squat...", got)
		}
		if got := mustCount(t, h.st, "SELECT count(*) FROM sets"); got != 0 {
			t.Errorf("sets after Undo: got %d, want 0", got)
		}
		if got := len(srv.Calls("answerCallbackQuery")); got != 1 {
			t.Errorf("answerCallbackQuery calls: got %d, want 1", got)
		}
		// The used Undo button is taken off the log reply.
		srv.WaitFor(5*time.Second, func() bool { return len(srv.Messages(chat.ID)[0].Keyboard) == 0 })
		if kb := srv.Messages(chat.ID)[0].Keyboard; len(kb) != 0 {
			t.Errorf("log reply keyboard after Undo: got %+v, want none", kb)
		}
	})
}

func TestCheckinPollByButtonTaps(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		h := mustStart(t, srv, dsn, nil)
		chat := chatOf(ann)

		srv.SendText(chat, ann, "/checkin")
		poll := mustMessages(t, srv, chat.ID, 1)[0]
		answers := []string{"poor", "high", "irritated", "low", "heavy"}
		for step, ans := range answers {
			if want := "Check-in " + string(rune('1'+step)) + "/5."; !strings.HasPrefix(poll.Plain(), want) {
				t.Fatalf("step %d: got %q, want it to start with %q", step+1, poll.Plain(), want)
			}
			srv.Tap(chat, ann, poll.ID, mustButton(t, poll, ans))
			poll = waitEdits(t, srv, chat.ID, poll.ID, step+1)
		}
		if got := poll.Plain(); !strings.HasPrefix(got, "Check-in saved for ") || !strings.Contains(got, "sleep poor, soreness high, joints irritated, motivation low, warm-ups heavy") {
			t.Errorf("summary: got %q, want every answer listed", got)
		}
		if len(poll.Keyboard) != 0 {
			t.Errorf("summary keyboard: got %+v, want none", poll.Keyboard)
		}
		if got := len(srv.Messages(chat.ID)); got != 1 {
			t.Errorf("messages in chat: got %d, want 1 (the poll edits one message)", got)
		}
		if got := mustCount(t, h.st, "SELECT count(*) FROM checkins WHERE sleep = 'poor' AND soreness = 'high' AND joints = 'irritated' AND motivation = 'low' AND warmup = 'heavy'"); got != 1 {
			t.Errorf("stored check-ins with every answer: got %d, want 1", got)
		}
		if got := len(srv.Calls("answerCallbackQuery")); got != 5 {
			t.Errorf("answerCallbackQuery: got %d, want 5 (one per tap)", got)
		}
	})
}

func TestAdviceAfterBackfilledHistory(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		mustStart(t, srv, dsn, nil)
		chat := chatOf(ann)
		// The conversation happens on 2026-10-23; the sessions are logged late.
		now := time.Date(2026, 10, 23, 18, 0, 0, 0, time.UTC)
		logs := []string{
			"/log 2026-10-01 squat 100x5x3 rir2", "/log 2026-10-05 squat 102.5x5x3 rir2",
			"/log 2026-10-08 squat 105x5x3 rir2", "/log 2026-10-12 squat 107.5x5x3 rir2",
			"/log 2026-10-15 squat 110x5x3 rir2", "/log 2026-10-19 squat 112.5x5x3 rir2",
		}
		for _, l := range logs {
			srv.SendTextAt(chat, ann, l, now)
		}
		srv.SendTextAt(chat, ann, "/advice squat", now)
		ms := mustMessages(t, srv, chat.ID, len(logs)+1)
		for i, l := range logs {
			day := strings.Fields(l)[1]
			if got := ms[i].Plain(); !strings.HasPrefix(got, "Logged squat on "+day) {
				t.Errorf("reply %d: got %q, want Logged squat on %s", i, got, day)
			}
		}
		adv := ms[len(logs)]
		first, _, _ := strings.Cut(adv.Plain(), "\n")
		ok := false
		for _, v := range []string{"PUSH squat", "HOLD squat", "DELOAD squat"} {
			if strings.HasPrefix(first, v) {
				ok = true
				// The verdict word is bold on the wire.
				word, _, _ := strings.Cut(v, " ")
				if !strings.HasPrefix(adv.Text, "<b>"+word+"</b> squat") {
					t.Errorf("advice on the wire: got %q, want the verdict in <b>", adv.Text)
				}
			}
		}
		if !ok {
			t.Errorf("advice first line: got %q, want PUSH/HOLD/DELOAD squat", first)
		}
		if !strings.Contains(adv.Plain(), "112.5 kg") {
			t.Errorf("advice: got %q, want the latest session's 112.5 kg as evidence", adv.Plain())
		}
	})
}

func TestGroupChatTwoMembers(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		mustStart(t, srv, dsn, nil)
		group := telegramtest.GroupChat(-100200300, "Barbell club")

		srv.SendText(group, ann, "/log@SpotterBot squat 100x5 rir2")
		srv.SendText(group, bob, "/log bench 60x8 rir1")
		srv.SendText(group, bob, "nice set Ann!")              // chatter: not for the bot
		srv.SendText(group, ann, "/log@OtherBot deadlift 1x1") // another bot's command
		srv.SendText(group, ann, "/history")
		srv.SendText(group, bob, "/history@spotterbot")
		ms := mustMessages(t, srv, group.ID, 4)
		time.Sleep(300 * time.Millisecond) // room for a wrong fifth reply
		if got := len(srv.Messages(group.ID)); got != 4 {
			t.Fatalf("group replies: got %d, want 4 (chatter and other bots' commands ignored)", got)
		}
		if got := ms[0].Plain(); !strings.HasPrefix(got, "Logged squat") {
			t.Errorf("Ann's log: got %q", got)
		}
		if got := ms[1].Plain(); !strings.HasPrefix(got, "Logged bench") {
			t.Errorf("Bob's log: got %q", got)
		}
		annHist, bobHist := ms[2].Plain(), ms[3].Plain()
		if !strings.Contains(annHist, "squat") || strings.Contains(annHist, "bench") {
			t.Errorf("Ann's history: got %q, want her squat only", annHist)
		}
		if !strings.Contains(bobHist, "bench") || strings.Contains(bobHist, "squat") {
			t.Errorf("Bob's history: got %q, want his bench only", bobHist)
		}
		// Each reply answers the member's own message.
		for i, m := range ms {
			if m.ReplyTo == 0 {
				t.Errorf("group reply %d has no reply_parameters", i)
			}
		}
	})
}

// Health data stays out of groups: a check-in or advice asked for in a group
// is answered in the member's private chat, and the group hears only that.
func TestGroupHealthRepliesGoPrivately(t *testing.T) {
	srv := newServer(t)
	mustStart(t, srv, storagetestSQLite(t), nil)
	group := telegramtest.GroupChat(-100200301, "Barbell club")
	srv.SendText(chatOf(ann), ann, "/start") // Ann has a private chat with the bot; Bob has none
	mustMessages(t, srv, ann.ID, 1)

	srv.SendText(group, ann, "/checkin sleep poor rhr 58")
	ms := mustMessages(t, srv, group.ID, 1)
	if got := ms[0].Plain(); strings.Contains(got, "58") || !strings.Contains(got, "private chat") || ms[0].ReplyTo == 0 {
		t.Errorf("group after Ann's check-in: got %q (reply to %d), want a note answering her, without her numbers", got, ms[0].ReplyTo)
	}
	private := mustMessages(t, srv, ann.ID, 2)
	if got := private[1].Plain(); !strings.Contains(got, "58") {
		t.Errorf("Ann's private chat: got %q, want her check-in with resting HR 58", got)
	}

	srv.SendText(group, bob, "/checkin rhr 61")
	ms = mustMessages(t, srv, group.ID, 2)
	if got := ms[1].Plain(); strings.Contains(got, "61") || !strings.Contains(got, "@SpotterBot") || !strings.HasPrefix(got, "Done") {
		t.Errorf("group after Bob's check-in: got %q, want how to open a private chat, without his numbers", got)
	}
	if got := srv.Messages(bob.ID); len(got) != 0 {
		t.Errorf("Bob's private chat: got %d messages, want none (he never opened it)", len(got))
	}

	srv.SendText(group, bob, "/log squat 100x5")
	ms = mustMessages(t, srv, group.ID, 3)
	if got := ms[2].Plain(); !strings.HasPrefix(got, "Logged squat") {
		t.Errorf("a /log in the group: got %q, want its reply there", got)
	}
	srv.SendText(group, ann, "/advice")
	mustMessages(t, srv, ann.ID, 3)
	ms = mustMessages(t, srv, group.ID, 4)
	if got := ms[3].Plain(); !strings.Contains(got, "private chat") {
		t.Errorf("group after Ann's /advice: got %q, want a note", got)
	}
}

func TestUserTextCannotBreakFormatting(t *testing.T) {
	srv := newServer(t)
	mustStart(t, srv, storagetestSQLite(t), nil)
	chat := chatOf(ann)
	srv.SendText(chat, ann, "/log <b>press</b> & <i 50x5")
	srv.SendText(chat, ann, "/log </b>curl 20x10")
	ms := mustMessages(t, srv, chat.ID, 2)
	// The fake refuses HTML Telegram would refuse, so arriving at all proves
	// the escaping; the text must also read as the user wrote it.
	for _, m := range ms {
		if m.ParseMode != "HTML" {
			t.Errorf("parse mode: got %q, want HTML", m.ParseMode)
		}
	}
	if got := ms[1].Plain(); !strings.Contains(got, "</b>curl") {
		t.Errorf("reply: got %q, want the lift name as typed", got)
	}
	for _, c := range srv.Calls("sendMessage") {
		if c.Status != 200 {
			t.Errorf("sendMessage answered %d: %q", c.Status, c.Fields["text"])
		}
	}
}

func TestCommandMenuSetAtStart(t *testing.T) {
	srv := newServer(t)
	dsn := storagetestSQLite(t)
	b := bot.New(mustOpen(t, dsn))
	mustStart(t, srv, dsn, b)
	srv.WaitFor(10*time.Second, func() bool { return len(srv.Commands()) > 0 })
	got := srv.Commands()
	want := b.CommandMenu()
	if len(got) != len(want) {
		t.Fatalf("command menu: got %d commands %v, want %d", len(got), got, len(want))
	}
	for i, c := range got {
		if c.Command != want[i][0] || c.Description != want[i][1] {
			t.Errorf("command %d: got /%s %q, want /%s %q", i, c.Command, c.Description, want[i][0], want[i][1])
		}
	}
	if url, _ := srv.Webhook(); url != "" {
		t.Errorf("webhook after starting in polling mode: got %q, want none", url)
	}
}

// A command on its own line, and a command as a photo's caption, are read
// like any other.
func TestCommandAfterNewlineAndInPhotoCaption(t *testing.T) {
	srv := newServer(t)
	mustStart(t, srv, storagetestSQLite(t), nil)
	group := telegramtest.GroupChat(-100200302, "Barbell club")
	srv.SendText(group, ann, "/log@SpotterBot\nsquat 100x5")
	srv.SendText(chatOf(bob), bob, "/log\nbench 60x5")
	m := srv.TextMessage(chatOf(bob), bob, "", time.Now())
	m.Photo = []models.PhotoSize{{FileID: "photo-1", FileUniqueID: "u1", Width: 640, Height: 480}}
	m.Caption = "/log deadlift 140x3"
	srv.Push(models.Update{Message: m})
	if got := mustMessages(t, srv, group.ID, 1)[0].Plain(); !strings.HasPrefix(got, "Logged squat") {
		t.Errorf("group, command then a new line: got %q", got)
	}
	ms := mustMessages(t, srv, bob.ID, 2)
	for i, want := range []string{"Logged bench", "Logged deadlift"} {
		if got := ms[i].Plain(); !strings.HasPrefix(got, want) {
			t.Errorf("private reply %d: got %q, want %q...", i, got, want)
		}
	}
}

// In a group the buttons under a reply belong to the member it answers:
// another member's tap is refused with a toast and changes nothing.
func TestGroupButtonsBelongToTheirMember(t *testing.T) {
	srv := newServer(t)
	h := mustStart(t, srv, storagetestSQLite(t), nil)
	group := telegramtest.GroupChat(-100200303, "Barbell club")
	srv.SendText(group, ann, "/log squat 100x5")
	ms := mustMessages(t, srv, group.ID, 1)
	undo := mustButton(t, ms[0], "Undo")

	srv.Tap(group, bob, ms[0].ID, undo)
	if !srv.WaitFor(10*time.Second, func() bool { return srv.Succeeded("answerCallbackQuery") >= 1 }) {
		t.Fatal("Bob's tap was not answered")
	}
	time.Sleep(300 * time.Millisecond) // room for a wrong reply
	calls := srv.Calls("answerCallbackQuery")
	if got := calls[0].Fields["text"]; got != "These buttons are Ann's." {
		t.Errorf("Bob's tap on Ann's Undo: toast %q, want %q", got, "These buttons are Ann's.")
	}
	if n := mustCount(t, h.st, "SELECT COUNT(*) FROM sets"); n != 1 {
		t.Errorf("after Bob's tap: %d sets, want Ann's 1", n)
	}
	if got := srv.Messages(group.ID); len(got) != 1 || len(got[0].Keyboard) == 0 {
		t.Errorf("after Bob's tap: %d group messages, Ann's keyboard %v; want her reply alone with its Undo", len(got), got[0].Keyboard)
	}
	if got := srv.Messages(bob.ID); len(got) != 0 {
		t.Errorf("Bob got %d private messages, want none", len(got))
	}

	srv.Tap(group, ann, ms[0].ID, undo)
	if !srv.WaitFor(10*time.Second, func() bool { return mustCount(t, h.st, "SELECT COUNT(*) FROM sets") == 0 }) {
		t.Error("Ann's own Undo did not remove her set")
	}
}

// Editing a command is answered: the edit changes nothing stored, and the
// reply says how to fix it.
func TestEditedCommandIsAnswered(t *testing.T) {
	srv := newServer(t)
	h := mustStart(t, srv, storagetestSQLite(t), nil)
	chat := chatOf(ann)
	srv.SendText(chat, ann, "/log squat 100x5")
	mustMessages(t, srv, chat.ID, 1)
	m := srv.TextMessage(chat, ann, "/log squat 110x5", time.Now())
	srv.Push(models.Update{EditedMessage: m})
	ms := mustMessages(t, srv, chat.ID, 2)
	if got := ms[1].Plain(); !strings.Contains(got, "changes nothing") || !strings.Contains(got, "/undo") {
		t.Errorf("edit: got %q, want a reply that the edit changes nothing and how to fix it", got)
	}
	if n := mustCount(t, h.st, "SELECT COUNT(*) FROM sets WHERE load_milli = 100000"); n != 1 {
		t.Errorf("sets at 100 kg after the edit: %d, want 1", n)
	}
	if n := mustCount(t, h.st, "SELECT COUNT(*) FROM sets"); n != 1 {
		t.Errorf("sets after the edit: %d, want 1", n)
	}
}
