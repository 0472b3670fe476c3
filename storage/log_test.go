package storage_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot/inbox"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// captureDefaultLog sends slog's default logger (gorm's log goes there) to a
// buffer until the test ends.
func captureDefaultLog(t *testing.T) *syncBuffer {
	t.Helper()
	var buf syncBuffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return &buf
}

// A failed statement is logged, but without its values: recording a raw
// update must not copy the user's words and ids into the log.
func TestFailedStatementLogsNoValues(t *testing.T) {
	const text, userID = "SECRET-TEXT-123", "987654321"
	payload := []byte(`{"update_id":7,"message":{"from":{"id":` + userID + `,"first_name":"Ann"},"text":"` + text + `"}}`)
	for _, be := range storagetest.Backends(t) {
		for _, fail := range []struct {
			name   string
			breaks func(t *testing.T, st *storage.Store)
		}{
			{"table gone", func(t *testing.T, st *storage.Store) {
				db, err := st.SQL()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec("DROP TABLE inbox"); err != nil {
					t.Fatal(err)
				}
			}},
			{"database closed", func(t *testing.T, st *storage.Store) { st.Close() }},
		} {
			t.Run(be.Name+"/"+fail.name, func(t *testing.T) {
				st := mustOpen(t, storagetest.FreshDSN(t, be))
				logs := captureDefaultLog(t)
				fail.breaks(t, st)
				up := inbox.Event{Platform: "telegram", ID: 7, Key: userID, Payload: payload, ReceivedAt: time.Now()}
				if _, err := st.RecordUpdates(context.Background(), []inbox.Event{up}); err == nil {
					t.Fatal("got no error recording into a broken database, want one")
				}
				got := logs.String()
				if !strings.Contains(got, "statement failed") || !strings.Contains(got, "storage/inbox.go:") {
					t.Errorf("log: got %q, want the failed statement and where it was run", got)
				}
				for _, secret := range []string{text, userID, "Ann"} {
					if strings.Contains(got, secret) {
						t.Errorf("log holds %q: %s", secret, got)
					}
				}
			})
		}
	}
}
