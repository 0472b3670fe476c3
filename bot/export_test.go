package bot_test

import (
	"bytes"
	_ "image/png"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func TestExportRoundTrip(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		h.send("ann", "/settings units lb", false)
		for _, line := range []string{
			"/log 2026-11-02 squat w135x5 w185x3 225x5 rir2 rest 3m #travel #newshoes",
			"/log 2026-11-02 squat 100kgx3 @9",
			"/log 2026-11-03 pull-up bw+25x5 bwx8 rir1",
			"/log 2026-11-04 bench 3x5@187.5 rpe8.5",
			"/checkin 2026-11-02 sleep poor soreness high joints irritated motivation low warmup heavy rhr 61 hrv 48.5 slept 5.5 #sick",
			"/checkin 2026-11-03 sleep good",
			"/deload now",
			"/bw 2026-11-02 181.4",
			"/bw 2026-11-03 82.5kg",
			"/bw 2026-11-03 82.3kg", // the day's last wins; only it is exported
			"/log 2026-11-04 row 135x8 \"strap, slow 💪\"",
			"/log 2026-11-05 row 135x8 “commas, #hash, 3x5@100”",
			"/note a day note, no session today",
		} {
			if r := h.send("ann", line, false); strings.Contains(r.Text, "Example:") {
				t.Fatalf("%s: %s", line, r.Text)
			}
		}
		h.send("ann", "/import lb", false, fixture(t, "strong-10col-lbs-wdf.csv"))
		annHist := h.history("ann")
		if len(annHist.Sets) != 286+11 || len(annHist.Checkins) != 2 || len(annHist.Deloads) != 1 {
			t.Fatalf("ann has %d sets, %d check-ins, %d deloads; want 297, 2, 1", len(annHist.Sets), len(annHist.Checkins), len(annHist.Deloads))
		}
		exp := h.send("ann", "/export", false)
		if exp.File == nil {
			t.Fatalf("got no file: %q", exp.Text)
		}
		mustContain(t, exp.Text, "297 sets, 2 check-ins and 1 deload, plus 2 body weights and 3 notes", "loads in lb")
		mustContain(t, string(exp.File.Data), "\nbodyweight,2026-11-02,,,,181.4,lb,", "\nnote,2026-11-04,row,", `,"strap, slow 💪"`)
		if !strings.HasPrefix(string(exp.File.Data), strings.Join(workoutcsv.ExportHeader, ",")+"\n") {
			t.Errorf("export starts %q", string(exp.File.Data[:80]))
		}
		// Into an empty account: the same history.
		h.send("bob", "/settings units lb", false)
		r := h.send("bob", "/import", false, bot.Attachment{Name: exp.File.Name, Data: exp.File.Data})
		mustContain(t, r.Text, "Stored 297 sets. Stored 2 check-ins.", "a Spotter export, ", "Also 2 body weights and 3 notes.")
		if strings.Contains(r.Text, "(Spotter export)") {
			t.Errorf("reply %q says Spotter export twice", r.Text)
		}
		bobHist := h.history("bob")
		if !reflect.DeepEqual(bobHist.Sets, annHist.Sets) {
			for i := range annHist.Sets {
				if i < len(bobHist.Sets) && !reflect.DeepEqual(bobHist.Sets[i], annHist.Sets[i]) {
					t.Errorf("set %d: got %+v, want %+v", i, bobHist.Sets[i], annHist.Sets[i])
					break
				}
			}
			t.Fatalf("sets differ (%d vs %d)", len(bobHist.Sets), len(annHist.Sets))
		}
		if !reflect.DeepEqual(bobHist.Checkins, annHist.Checkins) {
			t.Errorf("check-ins: got %+v, want %+v", bobHist.Checkins, annHist.Checkins)
		}
		if !reflect.DeepEqual(bobHist.Deloads, annHist.Deloads) {
			t.Errorf("deloads: got %+v, want %+v", bobHist.Deloads, annHist.Deloads)
		}
		if want := []engine.BodyWeight{{Date: engine.NewDate(2026, 11, 2), Weight: engine.NewLoad(181.4, engine.Lb)},
			{Date: engine.NewDate(2026, 11, 3), Weight: engine.NewLoad(82.3, engine.Kg)}}; !reflect.DeepEqual(bobHist.BodyWeights, want) ||
			!reflect.DeepEqual(annHist.BodyWeights, want) {
			t.Errorf("body weights: got bob %v, ann %v, want %v", bobHist.BodyWeights, annHist.BodyWeights, want)
		}
		if an, bn := h.notes("ann"), h.notes("bob"); len(an) != 3 || !reflect.DeepEqual(an, bn) {
			t.Errorf("notes: got bob %q, want ann's %q (3)", bn, an)
		}
		// And bob's export is byte for byte ann's.
		if again := h.send("bob", "/export", false); again.File == nil || !bytes.Equal(again.File.Data, exp.File.Data) {
			t.Error("bob's export differs from ann's")
		}
		// Ann importing her own export adds nothing: chat-logged sets are
		// recognised by day, lift and seq.
		r = h.send("ann", "/import", false, bot.Attachment{Name: exp.File.Name, Data: exp.File.Data})
		mustContain(t, r.Text, "Nothing new: all 297 sets were already in your log.", "Stored 0 check-ins (2 days already had one).")
		if n := len(h.history("ann").Sets); n != 297 {
			t.Errorf("ann has %d sets after re-importing her export, want 297", n)
		}
		if strings.Contains(r.Text, "body weight") || len(h.notes("ann")) != 3 || len(h.history("ann").BodyWeights) != 2 {
			t.Errorf("re-import stored body weights or notes again: %q, %d notes", r.Text, len(h.notes("ann")))
		}
	})
}

// An export is named for its owner and the owner's day, so two people's
// exports of one day differ.
func TestExportFileName(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	h.now = time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	for _, u := range []string{"ann", "bob"} {
		h.send(u, "/log squat 100x5", false)
	}
	h.send("bob", "/settings tz America/New_York", false) // 22:00 on 2026-11-19 there
	for _, tt := range []struct{ user, want string }{
		{"ann", "spotter-export-ann-2026-11-20.csv"},
		{"bob", "spotter-export-bob-2026-11-19.csv"},
	} {
		exp := h.send(tt.user, "/export", false)
		if exp.File == nil {
			t.Fatalf("%s: got no file: %q", tt.user, exp.Text)
		}
		if exp.File.Name != tt.want {
			t.Errorf("%s's export is named %q, want %q", tt.user, exp.File.Name, tt.want)
		}
	}
}

func TestExportRangeCoversCheckins(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	h.send("ann", "/checkin 2026-11-01 sleep good", false)
	exp := h.send("ann", "/export", false)
	mustContain(t, exp.Text, "0 sets, 1 check-in and 0 deloads, 2026-11-01 to 2026-11-01,")
	h.send("ann", "/log 2026-11-03 squat 100x5 rir2", false)
	h.send("ann", "/checkin 2026-11-19 sleep poor", false)
	exp = h.send("ann", "/export", false)
	mustContain(t, exp.Text, "1 set, 2 check-ins and 0 deloads, 2026-11-01 to 2026-11-19,")
}
