package bot

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
)

// panicStore fails the way a bug would: by panicking inside the transaction.
type panicStore struct{}

func (panicStore) Do(ctx context.Context, fn func(tx Tx) error) error { panic("boom") }

func TestHandleSurvivesAPanic(t *testing.T) {
	b := New(panicStore{}, WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	r, err := b.Handle(context.Background(), Message{Identity: Identity{Platform: "console", UserID: "x"}, Text: "/log squat 100x5", Ref: "1"})
	if err != nil {
		t.Fatalf("got error %v, want the panic turned into a handled reply", err)
	}
	if !strings.Contains(r.Text, "Something went wrong") {
		t.Errorf("got reply %q, want an apology", r.Text)
	}
}
