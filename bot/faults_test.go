package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// downStore fails every transaction with err.
type downStore struct{ err error }

func (s downStore) Do(ctx context.Context, fn func(tx Tx) error) error { return s.err }

// A message its adapter keeps is told so when storage is down, and never
// to send it again; a message nothing keeps is told to send it again.
func TestFailureRepliesTellTheTruth(t *testing.T) {
	down := fmt.Errorf("%w: disk full", ErrUnavailable)
	for _, tc := range []struct {
		name    string
		err     error
		durable bool
		want    string
	}{
		{"kept, storage down", down, true, sorryKept},
		{"not kept, storage down", down, false, sorryFailed},
		{"kept, a bug", errors.New("a bug"), true, sorryFailed},
	} {
		b := New(downStore{tc.err}, WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
		m := Message{Identity: Identity{Platform: "telegram", UserID: "1"}, Text: "/log squat 100x5", Ref: "tg:1", Durable: tc.durable}
		r, err := b.Handle(context.Background(), m)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: got error %v, want %v", tc.name, err, tc.err)
		}
		if r.Text != tc.want {
			t.Errorf("%s: got reply %q, want %q", tc.name, r.Text, tc.want)
		}
		rs, errs := b.HandleBatch(context.Background(), []Message{m})
		if rs[0].Text != tc.want || !errors.Is(errs[0], tc.err) {
			t.Errorf("%s, in a batch: got %q, %v; want %q", tc.name, rs[0].Text, errs[0], tc.want)
		}
	}
	if strings.Contains(sorryKept, "again in") || !strings.Contains(sorryKept, "no need to send it again") {
		t.Errorf("the kept reply %q must not ask for the message again", sorryKept)
	}
}

func TestResentNotice(t *testing.T) {
	for _, tc := range []struct {
		ago      time.Duration
		answered bool
		want     string
	}{
		{30 * time.Second, false, "sent just now, which I have kept: I will answer it once"},
		{3 * time.Minute, true, "sent 3 minutes ago, which I kept while my storage was down and have answered above: I stored it once"},
		{3 * time.Hour, false, "sent 3 hours ago"},
	} {
		if got := ResentNotice(tc.ago, tc.answered).Text; !strings.Contains(got, tc.want) {
			t.Errorf("ResentNotice(%v, %v): got %q, want it to contain %q", tc.ago, tc.answered, got, tc.want)
		}
	}
}
