package console

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
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
	cases := []struct {
		line, text, att string // att: the attached file's name, "" for none
		printed         string // what the console printed
	}{
		{"/import " + file, "/import", "my strong.csv", "ok"},
		{"/import lb " + file, "/import lb", "my strong.csv", "ok"},
		{"/import KG " + file, "/import kg", "my strong.csv", "ok"},
		{"/import lbs " + file, "/import lbs", "my strong.csv", "ok"},
		{"/import lb", "/import lb", "", "ok"},
		{"/import", "/import", "", "ok"},
		{"/import undo", "/import undo", "", "ok"},
		{"/import lb " + filepath.Join(dir, "nope.csv"), "", "",
			"I could not read " + filepath.Join(dir, "nope.csv") + ": there is no such file. Give the path of the CSV export.\nExample: /import /path/to/strong.csv"},
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
		name := ""
		if len(m.Attachments) == 1 {
			name = m.Attachments[0].Name
		}
		if m.Text != c.text || name != c.att || len(m.Attachments) > 1 {
			t.Errorf("%q: the bot got text %q with %d attachments (%q), want %q with %q", c.line, m.Text, len(m.Attachments), name, c.text, c.att)
		}
	}
}
