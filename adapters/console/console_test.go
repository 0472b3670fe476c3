package console

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func TestNotify(t *testing.T) {
	var out bytes.Buffer
	c := New(nil, "alice", &out, t.TempDir())
	r := bot.Reply{Text: "A planned deload is due today.", Buttons: [][]bot.Button{{{Label: "Start deload", Data: "/deload now"}, {Label: "Skip this one", Data: "/deload skip"}}}}
	if err := c.Notify(context.Background(), c.Identity(), r); err != nil {
		t.Fatalf("Notify to alice: %v", err)
	}
	if got, want := out.String(), "A planned deload is due today.\n[Start deload] [Skip this one]\n\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
	out.Reset()
	err := c.Notify(context.Background(), bot.Identity{Platform: "telegram", UserID: "42"}, r)
	if !errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("Notify to another user: got %v, want ErrUnreachable", err)
	}
	if out.Len() != 0 {
		t.Errorf("printed %q for another user, want nothing", out.String())
	}
}

// recorder is a bot that remembers what it was sent.
type recorder struct{ got []bot.Message }

func (r *recorder) Handle(_ context.Context, m bot.Message) (bot.Reply, error) {
	r.got = append(r.got, m)
	return bot.Reply{Text: "ok"}, nil
}

func TestImportAttachesTheFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "my strong.csv")
	if err := os.WriteFile(file, []byte("Date,Exercise Name\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", dir)
	cases := []struct {
		line, text, att string // att: the attached file's name, "" for none
		printed         string // what the console printed
	}{
		{"/import " + file, "/import", "my strong.csv", "ok"},
		{"/import lb " + file, "/import lb", "my strong.csv", "ok"},
		{"/import ~/my strong.csv", "/import", "my strong.csv", "ok"},
		{"/import KG " + file, "/import kg", "my strong.csv", "ok"},
		{"/import lbs " + file, "/import lbs", "my strong.csv", "ok"},
		{"/import lb", "/import lb", "", "ok"},
		{"/import", "/import", "", "ok"},
		{"/import undo", "/import undo", "", "ok"},
		{"/import lb " + filepath.Join(dir, "nope.csv"), "", "",
			"I could not read " + filepath.Join(dir, "nope.csv") + ": there is no such file. Give the path of the CSV export.\nExample: /import ~/Downloads/strong.csv"},
		{"/import " + dir, "", "", "I could not read " + dir + ": it is a folder, not a file."},
	}
	for _, c := range cases {
		var out bytes.Buffer
		rec := &recorder{}
		con := New(rec, "alice", &out, t.TempDir())
		if err := con.Run(context.Background(), strings.NewReader(c.line+"\n")); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), c.printed) {
			t.Errorf("%q: printed %q, want it to contain %q", c.line, out.String(), c.printed)
		}
		if c.text == "" {
			if len(rec.got) != 0 {
				t.Errorf("%q: the bot got %+v, want nothing", c.line, rec.got)
			}
			continue
		}
		if len(rec.got) != 1 {
			t.Fatalf("%q: the bot got %d messages, want 1", c.line, len(rec.got))
		}
		m := rec.got[0]
		if !m.FilesByPath {
			t.Errorf("%q: the message does not say files are typed as paths", c.line)
		}
		name := ""
		if len(m.Attachments) == 1 {
			name = m.Attachments[0].Name
		}
		if m.Text != c.text || name != c.att || len(m.Attachments) > 1 {
			t.Errorf("%q: the bot got text %q with %d attachments (%q), want %q with %q", c.line, m.Text, len(m.Attachments), name, c.text, c.att)
		}
	}
}

// The console saves every file the bot sends in its folder, each under its
// own name, and never over a file already there.
func TestSavedFilesHaveDistinctNames(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	b := bot.New(st, bot.WithLogger(slog.New(slog.DiscardHandler)))
	dir := t.TempDir()
	at := time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC)
	say := func(user, lines string) string {
		t.Helper()
		var out bytes.Buffer
		c := New(b, user, &out, dir)
		c.SetClock(func() time.Time { at = at.Add(time.Second); return at })
		if err := c.Run(context.Background(), strings.NewReader(lines)); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	say("alice", "/log 2026-12-01 squat 100x5 rir2\n/log squat 105x5 rir2\n/log 2026-12-01 bench 80x5 rir2\n/log bench 82.5x5 rir2\n")
	say("bob", "/log squat 60x5\n")
	// A file of that name was there before: it stays as it was.
	mustWrite(t, filepath.Join(dir, "chart-bench-2026-12-04.png"), "mine")

	out := say("alice", "/chart squat\n/chart bench\n/chart squat\n/export\n")
	out += say("bob", "/export\n/export\n")
	for _, name := range []string{
		"chart-squat-2026-12-04.png",
		"chart-bench-2026-12-04-2.png",
		"chart-squat-2026-12-04-2.png",
		"spotter-export-alice-2026-12-04.csv",
		"spotter-export-bob-2026-12-04.csv",
		"spotter-export-bob-2026-12-04-2.csv",
	} {
		path := filepath.Join(dir, name)
		if !strings.Contains(out, "Saved "+path+"\n") {
			t.Errorf("printed:\n%s\nwant it to say Saved %s", out, path)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, want a saved file", name, err)
		}
	}
	if got, err := os.ReadFile(filepath.Join(dir, "chart-bench-2026-12-04.png")); err != nil || string(got) != "mine" {
		t.Errorf("the file already there holds %q (%v), want it untouched", got, err)
	}
	if n := strings.Count(out, "Saved "); n != 6 {
		t.Errorf("saved %d files, want 6:\n%s", n, out)
	}
}

func TestSaveNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	c := New(nil, "alice", io.Discard, dir)
	for i, want := range []string{"a.csv", "a-2.csv", "a-3.csv"} {
		if got := c.save("a.csv", []byte{byte('0' + i)}); got != "Saved "+filepath.Join(dir, want) {
			t.Errorf("save %d: got %q, want Saved %s", i+1, got, want)
		}
	}
	for i, name := range []string{"a.csv", "a-2.csv", "a-3.csv"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != string(rune('0'+i)) {
			t.Errorf("%s holds %q, want %q", name, got, string(rune('0'+i)))
		}
	}
	// A name from the bot cannot leave the folder.
	if got := c.save("../../x.png", []byte("x")); got != "Saved "+filepath.Join(dir, "x.png") {
		t.Errorf("got %q, want the file saved in %s", got, dir)
	}
	if got := c.save("", []byte("x")); got != "Saved "+filepath.Join(dir, "file") {
		t.Errorf("got %q for an empty name, want %s", got, filepath.Join(dir, "file"))
	}
}

func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
