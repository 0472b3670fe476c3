package discord_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
	"github.com/spotterbot/spotter/bot"
)

// mustImportFile reads a real app export from shared/data/imports
// ($SPOTTER_IMPORTS_DIR, or found walking up from here; they carry no
// licence, so they stay outside the repository).
func mustImportFile(t *testing.T, name string) []byte {
	t.Helper()
	dir := os.Getenv("SPOTTER_IMPORTS_DIR")
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		for d := wd; ; d = filepath.Dir(d) {
			cand := filepath.Join(d, "shared", "data", "imports")
			if st, err := os.Stat(cand); err == nil && st.IsDir() {
				dir = cand
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("import fixture: %v; set SPOTTER_IMPORTS_DIR", err)
		}
		t.Skipf("import fixture: %v; set SPOTTER_IMPORTS_DIR to run", err)
	}
	return data
}

func importCmd(att dt.Attachment, unit string) map[string]any {
	opts := []map[string]any{dt.Opt("file", 11, att.ID)}
	if unit != "" {
		opts = append(opts, dt.Opt("unit", 3, unit))
	}
	return dt.WithAttachments(dt.Command("import", opts...), att)
}

func TestImportCommandTakesAFile(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	for _, raw := range h.srv.Commands(appID, "") {
		var c struct {
			Name    string `json:"name"`
			Options []struct {
				Name     string `json:"name"`
				Type     int    `json:"type"`
				Required bool   `json:"required"`
				Choices  []struct {
					Value string `json:"value"`
				} `json:"choices"`
			} `json:"options"`
		}
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		if c.Name != "import" {
			continue
		}
		if len(c.Options) != 2 {
			t.Fatalf("/import options = %+v, want file and unit", c.Options)
		}
		if f := c.Options[0]; f.Name != "file" || f.Type != 11 || !f.Required {
			t.Errorf("first option = %+v, want a required attachment (11) named file", f)
		}
		if u := c.Options[1]; u.Name != "unit" || u.Type != 3 || u.Required || len(u.Choices) != 2 || u.Choices[0].Value != "kg" || u.Choices[1].Value != "lb" {
			t.Errorf("second option = %+v, want an optional unit with choices kg, lb", u)
		}
		return
	}
	t.Fatal("no /import command registered")
}

func TestImportAttachedCSV(t *testing.T) {
	t.Parallel()
	data := mustImportFile(t, "strong-classic-lbs.csv")
	h := mustStart(t, options{})
	u := dt.User{ID: "707", Name: "lifter"}

	att := h.srv.AddAttachment("strong-classic-lbs.csv", data)
	got := mustFinal(t, h.inDM(u, 2, importCmd(att, "lb")))
	if !strings.Contains(got.Content, "Stored 279 sets.") {
		t.Errorf("first import = %q, want it to report Stored 279 sets.", got.Content)
	}
	if !strings.Contains(got.Content, "loads read as lb, as you said") {
		t.Errorf("first import = %q: the unit option lb did not reach the bot", got.Content)
	}
	if n := h.srv.Downloads(att.ID); n != 1 {
		t.Errorf("attachment downloaded %d times, want 1", n)
	}
	button(t, got, "Undo import")

	// The same file uploaded again: a new attachment, the same sets.
	again := h.srv.AddAttachment("strong-classic-lbs.csv", data)
	got = mustFinal(t, h.inDM(u, 2, importCmd(again, "lb")))
	if !strings.Contains(got.Content, "Nothing new: all 279 sets were already in your log.") {
		t.Errorf("second import = %q, want nothing new", got.Content)
	}
	r, err := h.bot.Handle(t.Context(), bot.Message{Identity: bot.Identity{Platform: "discord", UserID: u.ID, Name: u.Name},
		ChatID: "dm-" + u.ID, Text: "/history paused squat", ReceivedAt: time.Now()})
	if err != nil || !strings.Contains(r.Text, "245") {
		t.Errorf("history after import = %q, %v; want the imported 245 lb pause squat sets", r.Text, err)
	}
}

func TestSlowImportIsDeferredInTime(t *testing.T) {
	t.Parallel()
	data := mustImportFile(t, "strong-classic-lbs.csv")
	h := mustStart(t, options{ackAfter: 100 * time.Millisecond,
		store: func(s bot.Store) bot.Store { return slowStore{s, 300 * time.Millisecond} }})
	att := h.srv.AddAttachment("strong.csv", data)
	ex := h.inDM(dt.User{ID: "708", Name: "slow"}, 2, importCmd(att, ""))
	rs := ex.Wait(1, 5*time.Second)
	if len(rs) == 0 || rs[0].Kind != "callback" || rs[0].Type != 5 {
		t.Fatalf("first response = %+v, want a deferred (5) callback", rs)
	}
	if lag := rs[0].At.Sub(ex.DispatchedAt); lag > 2*time.Second {
		t.Errorf("acknowledged after %v, want well within Discord's 3 s", lag)
	}
	got := mustFinal(t, ex)
	if !strings.Contains(got.Content, "Stored 279 sets.") {
		t.Errorf("deferred import = %q, want Stored 279 sets.", got.Content)
	}
}

func TestOversizedAttachmentIsRefusedWithoutDownload(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	att := h.srv.AddAttachment("huge.csv", []byte("Date,Workout Name\n"))
	att.Size = 25 << 20 // what Discord says the upload weighs
	got := mustFinal(t, h.inDM(dt.User{ID: "709", Name: "big"}, 2, importCmd(att, "")))
	if !got.Ephemeral || !strings.Contains(got.Content, "huge.csv is 25.0 MB") || !strings.Contains(got.Content, "up to 20 MB") {
		t.Errorf("reply = %q (ephemeral %v), want an ephemeral refusal naming the file, its size and the 20 MB limit", got.Content, got.Ephemeral)
	}
	if n := h.srv.Downloads(att.ID); n != 0 {
		t.Errorf("attachment downloaded %d times, want 0", n)
	}
}

func TestImportInServerIsRefusedByTheBot(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	att := h.srv.AddAttachment("strong.csv", []byte("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"))
	got := mustFinal(t, h.inServer(member("710", "pub", 0), 2, importCmd(att, ""), nil))
	if !got.Ephemeral || !strings.Contains(got.Content, "/import") {
		t.Errorf("reply = %q (ephemeral %v), want the bot's ephemeral private-only refusal", got.Content, got.Ephemeral)
	}
}
