package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
)

func TestParseLogKey(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []byte
		wantErr bool
	}{
		{"00112233445566778899aabbccddeeff", []byte{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}, false},
		{"correct horse battery staple", []byte("correct horse battery staple"), false},
		{"0011223344556677", nil, true}, // hex: 8 bytes
		{"short secret", nil, true},
	} {
		got, err := parseLogKey(tc.in)
		if (err != nil) != tc.wantErr || !bytes.Equal(got, tc.want) {
			t.Errorf("parseLogKey(%q): got %x, %v; want %x, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
		if err != nil && strings.Contains(err.Error(), tc.in) {
			t.Errorf("parseLogKey(%q): the error repeats the key: %v", tc.in, err)
		}
	}
}

// The bot names users under SPOTTER_LOG_KEY when it is set, else under the
// key the database keeps, the same at every start.
func TestLogKeyFromEnvironmentOrDatabase(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "spotter.db")
	ann := bot.Identity{Platform: "telegram", UserID: "987654321"}
	nameOf := func(getenv func(string) string) string {
		t.Helper()
		st, b, err := openStore(ctx, db, getenv, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		return b.IDs().Hash(ann)
	}
	const given = "correct horse battery staple"
	if got, want := nameOf(env(map[string]string{"SPOTTER_LOG_KEY": given})), bot.NewIDHasher([]byte(given)).Hash(ann); got != want {
		t.Errorf("with SPOTTER_LOG_KEY: got %s, want %s", got, want)
	}
	first, again := nameOf(env(nil)), nameOf(env(nil))
	if first != again {
		t.Errorf("the database's key: got %s, then %s after a restart; want one name", first, again)
	}
	if first == bot.NewIDHasher([]byte(given)).Hash(ann) || first == (bot.IDHasher{}).Hash(ann) {
		t.Errorf("the database's key: got %s, the name under another key", first)
	}
	if _, _, err := openStore(ctx, db, env(map[string]string{"SPOTTER_LOG_KEY": "short"}), slog.New(slog.DiscardHandler)); err == nil {
		t.Error("a 5-character SPOTTER_LOG_KEY: got no error, want one")
	}
}
