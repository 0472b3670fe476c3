package bot_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// The adapters' download limit is the import's: a file just under it is
// read by the bot (not refused as too big), one just over it would be.
func TestMaxFileBytesIsTheImportLimit(t *testing.T) {
	if bot.MaxFileBytes != workoutcsv.MaxBytes {
		t.Fatalf("MaxFileBytes = %d, want workoutcsv.MaxBytes (%d)", bot.MaxFileBytes, workoutcsv.MaxBytes)
	}
	if bot.MaxFileBytes != 20<<20 {
		t.Errorf("MaxFileBytes = %d, want 20 MB (Telegram's Bot API serves no larger file)", bot.MaxFileBytes)
	}
	h := newHarness(t, storagetest.Open(t, storagetest.SQLite))
	header := "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
	at := bytes.Repeat([]byte("a"), bot.MaxFileBytes-len(header))
	r := h.send("ann", "/import", false, bot.Attachment{Name: "full.csv", Data: append([]byte(header), at...)})
	if strings.Contains(r.Text, "too big") {
		t.Errorf("a file of exactly MaxFileBytes: got %q, want it read, not refused as too big", r.Text)
	}
	r = h.send("ann", "/import", false, bot.Attachment{Name: "over.csv", Data: bytes.Repeat([]byte("a"), bot.MaxFileBytes+1)})
	if !strings.Contains(r.Text, "over.csv is too big to import") {
		t.Errorf("a file of MaxFileBytes+1: got %q, want it refused as too big", r.Text)
	}
}

func TestFileTooBig(t *testing.T) {
	tail := " too big to import: I take files up to 20 MB. Export a shorter period from the app, or split the file, and send it again with /import."
	for _, tc := range []struct {
		name string
		size int64
		want string
	}{
		{"huge.csv", 25 << 20, "huge.csv is 25.0 MB," + tail},
		{"huge.csv", 0, "huge.csv is" + tail},
		{"", 21 << 20, "That file is 21.0 MB," + tail},
		{"", 0, "That file is" + tail},
	} {
		if got := bot.FileTooBig(tc.name, tc.size); got != tc.want {
			t.Errorf("FileTooBig(%q, %d):\ngot  %q\nwant %q", tc.name, tc.size, got, tc.want)
		}
	}
}

func TestCommandForFile(t *testing.T) {
	for _, tc := range []struct{ caption, want string }{
		{"", "/import"},
		{"  \n", "/import"},
		{"/import", "/import"},
		{"/import lb", "/import lb"},
		{"/log squat 100x5", "/log squat 100x5"}, // a command under a photo of the bar
		{"my log", "my log"},                     // the bot answers what it says
	} {
		if got := bot.CommandForFile(tc.caption); got != tc.want {
			t.Errorf("CommandForFile(%q): got %q, want %q", tc.caption, got, tc.want)
		}
	}
}
