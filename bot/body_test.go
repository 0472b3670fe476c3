package bot_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// A redelivered /bw, /checkin bw, /note or /log with a note (the same
// platform message id) stores nothing twice, alone or in a batch.
func TestBodyWeightAndNotesOncePerMessage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		b := bot.New(st, bot.WithLogger(quiet))
		at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
		msg := func(ref, text string) bot.Message {
			return bot.Message{Identity: id("ann"), ChatID: "ann", Text: text, ReceivedAt: at, Ref: ref}
		}
		ms := []bot.Message{
			msg("1", "/bw 80"),
			msg("2", "/checkin bw 80.5 sleep good"),
			msg("3", `/log row 60x8 "strap"`),
			msg("4", "/note later"),
		}
		for round := 0; round < 2; round++ {
			for _, m := range ms {
				if _, err := b.Handle(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
		}
		b.HandleBatch(ctx, []bot.Message{msg("3", `/log row 60x8 "strap"`), {Identity: id("bob"), ChatID: "bob", Text: `/log row 60x8 "bob's"`, ReceivedAt: at, Ref: "b1"}})
		b.HandleBatch(ctx, []bot.Message{{Identity: id("bob"), ChatID: "bob", Text: `/log row 60x8 "bob's"`, ReceivedAt: at, Ref: "b1"}, msg("1", "/bw 80")})
		// A fresh batch of two known users' notes: the quick path stores
		// them with the sets.
		for _, u := range []string{"cy", "di"} {
			if _, err := b.Handle(ctx, bot.Message{Identity: id(u), ChatID: u, Text: "/log row 50x8", ReceivedAt: at, Ref: u + "0"}); err != nil {
				t.Fatal(err)
			}
		}
		b.HandleBatch(ctx, []bot.Message{{Identity: id("cy"), ChatID: "cy", Text: `/log row 60x8 "cy's"`, ReceivedAt: at, Ref: "c1"},
			{Identity: id("di"), ChatID: "di", Text: `/log pull-up bw+10x5 "di's"`, ReceivedAt: at, Ref: "d1"}})
		h := &harness{t: t, st: st}
		for _, u := range []string{"cy", "di"} {
			if n := h.notes(u); len(n) != 1 || n[0].Text != u+"'s" {
				t.Errorf("%s: got notes %v after a batch, want one", u, n)
			}
		}
		if n := len(h.notes("ann")); n != 2 {
			t.Errorf("ann has %d notes, want 2", n)
		}
		if n := len(h.notes("bob")); n != 1 {
			t.Errorf("bob has %d notes, want 1 (the batch's quick path stores it once)", n)
		}
		left, err := st.Remaining(h.userID("ann"))
		if err != nil {
			t.Fatal(err)
		}
		if left["body_weights"] != 2 || left["notes"] != 2 || left["sets"] != 1 {
			t.Errorf("got %d body weight rows, %d notes, %d sets; want 2, 2, 1", left["body_weights"], left["notes"], left["sets"])
		}
		if bws := h.history("ann").BodyWeights; len(bws) != 1 || bws[0].Weight != engine.NewLoad(80.5, engine.Kg) {
			t.Errorf("got body weights %v, want 80.5 kg (the day's last)", bws)
		}
	})
}

// A note is the lifter's words: it is stored and shown to them, never
// written to the logs, kept, refused or failed.
func TestNotesStayOutOfTheLogs(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	var logs bytes.Buffer
	b := bot.New(st, bot.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	secret := "knee-secret-words"
	for i, text := range []string{
		`/log squat 100x5 "` + secret + `"`,
		"/note " + secret,
		`/log squat 100x5 "` + secret + strings.Repeat("x", 600) + `"`,
		`/log squat 100x5 "` + secret,
		"/history",
		"/export",
	} {
		r, err := b.Handle(ctx, bot.Message{Identity: id("ann"), ChatID: "ann", Text: text, ReceivedAt: at, Ref: string(rune('a' + i))})
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 && !strings.Contains(r.Text, secret) {
			t.Errorf("%q: reply %q does not echo the note", text, r.Text)
		}
	}
	if logs.Len() == 0 {
		t.Fatal("nothing logged: the test proves nothing")
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("a note reached the logs:\n%s", logs.String())
	}
}

// notes returns every note of user.
func (h *harness) notes(user string) []bot.Note {
	h.t.Helper()
	uid := h.userID(user)
	var out []bot.Note
	if err := h.st.Do(ctx, func(tx bot.Tx) error {
		var err error
		out, err = tx.Notes(uid, -1<<30, 1<<30)
		return err
	}); err != nil {
		h.t.Fatal(err)
	}
	return out
}
