package bot_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func TestIDHasherIsKeyed(t *testing.T) {
	ann := bot.Identity{Platform: "telegram", UserID: "987654321", Name: "Ann"}
	k1, k2 := bot.NewIDHasher([]byte("install one's key, 32 bytes long")), bot.NewIDHasher([]byte("install two's key, 32 bytes long"))
	hex16 := regexp.MustCompile(`^[0-9a-f]{16}$`)
	for _, tc := range []struct {
		name       string
		a, b       string
		wantEqual  bool
		wantFormat bool
	}{
		{"one key, twice", k1.Hash(ann), k1.Hash(ann), true, true},
		{"one key, another hasher", k1.Hash(ann), bot.NewIDHasher([]byte("install one's key, 32 bytes long")).Hash(ann), true, true},
		{"two keys", k1.Hash(ann), k2.Hash(ann), false, true},
		{"the name is not hashed", k1.Hash(ann), k1.Hash(bot.Identity{Platform: "telegram", UserID: "987654321"}), true, true},
		{"another user", k1.Hash(ann), k1.Hash(bot.Identity{Platform: "telegram", UserID: "987654322"}), false, true},
		{"another platform", k1.Hash(ann), k1.Hash(bot.Identity{Platform: "discord", UserID: "987654321"}), false, true},
		{"zero hasher, twice", bot.IDHasher{}.Hash(ann), bot.IDHasher{}.Hash(ann), true, true},
		{"empty key is the zero hasher's", bot.NewIDHasher(nil).Hash(ann), bot.IDHasher{}.Hash(ann), true, true},
		{"zero hasher is keyed too", bot.IDHasher{}.Hash(ann), bot.NewIDHasher(nil).Hash(bot.Identity{}), false, true},
	} {
		if got := tc.a == tc.b; got != tc.wantEqual {
			t.Errorf("%s: got %q and %q, want equal %v", tc.name, tc.a, tc.b, tc.wantEqual)
		}
		if !hex16.MatchString(tc.a) || !hex16.MatchString(tc.b) {
			t.Errorf("%s: got %q and %q, want 16 hex digits each", tc.name, tc.a, tc.b)
		}
	}
}

// lockedBuffer is a log sink safe for concurrent writers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Every line the bot logs about a user, at every level, names them by the
// keyed hash: never their platform id, name or words.
func TestLogsNameUsersByKeyedHash(t *testing.T) {
	const userID, name, secret = "987654321", "Annabelle", "SECRET-TEXT-123"
	var logs lockedBuffer
	ids := bot.NewIDHasher([]byte("this install's log key, 32 bytes"))
	st := mustOpenStore(t)
	b := bot.New(st, bot.WithIDHasher(ids), bot.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	who := bot.Identity{Platform: "telegram", UserID: userID, Name: name}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	n := 0
	send := func(text string, callback bool) {
		t.Helper()
		n++
		m := bot.Message{Identity: who, ChatID: userID, Text: text, Callback: callback, ReceivedAt: at, Ref: fmt.Sprint("tg:", n)}
		if _, err := b.Handle(ctx, m); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if text == "/log squat 100x5" {
			b.Handle(ctx, m) // a redelivery: "duplicate message"
		}
	}
	for _, text := range []string{
		"/log squat 100x5",
		"/log squat " + secret, // refused
		secret,                 // not a command
		"/" + secret,           // not a command the bot knows
		"/checkin sleep good rhr 52",
		"/advice squat",
		"/forget",
	} {
		send(text, false)
	}
	send("/forget confirm", true)
	got := logs.String()
	if !strings.Contains(got, "user="+ids.Hash(who)) {
		t.Errorf("log: got\n%s\nwant lines naming the user %s", got, ids.Hash(who))
	}
	for _, bad := range []string{userID, name, secret} {
		if strings.Contains(strings.ToLower(got), strings.ToLower(bad)) {
			t.Errorf("log holds %q:\n%s", bad, got)
		}
	}
}

func mustOpenStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(ctx, storagetest.FreshDSN(t, storagetest.SQLite))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
