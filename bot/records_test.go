package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// Imported history counts as history: a session records nothing it did
// not beat in the file, and /records lists the file's sets.
func TestRecordsCountImportedHistory(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		csv := strongHeader + "\n" +
			"2026-10-01 18:00:00,\"Legs\",1h,\"Squat (Barbell)\",1,60,5,0,0,,,\n" + // no effort: E = 5
			"2026-10-01 18:00:00,\"Legs\",1h,\"Squat (Barbell)\",2,120,5,0,0,,,8\n" +
			"2026-10-03 18:00:00,\"Legs\",1h,\"Squat (Barbell)\",1,100,8,0,0,,,8\n"
		r := h.send("ann", "/import", false, bot.Attachment{Name: "strong.csv", Data: []byte(csv)})
		mustContain(t, r.Text, "Stored 3 sets")
		// 115 x 5 RIR 2 is below 120 x 5 RIR 2 (RPE 8), 100 x 8 was done: nothing.
		if r := h.send("ann", "/log squat 115x5 rir2, 100x8 rir2", false); strings.Contains(r.Text, "Record") {
			t.Errorf("a session below the imported bests got %q", r.Text)
		}
		r = h.send("ann", "/log squat 100x9 rir2", false)
		mustContain(t, r.Text, "Record: most reps at 100 kg: 9 (was 8).")
		r = h.send("ann", "/records", false)
		mustContain(t, r.Text, "squat: e1RM 148.0 kg on 2026-10-01 (120 kg x 5, RIR 2)")
		r = h.send("ann", "/records squat", false)
		mustContain(t, r.Text, "120 kg x 5 on 2026-10-01\n100 kg x 9 on 2026-11-20")
		if strings.Contains(r.Text, "60 kg") {
			t.Errorf("/records squat lists a load beaten by a heavier one: %q", r.Text)
		}
	})
}

// The bar and plates live on the user row: /forget deletes them with it.
func TestForgetDeletesPlates(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		h.send("ann", "/settings bar 15", false)
		h.send("ann", "/settings plates 20x2 10 5", false)
		mustContain(t, h.send("ann", "/plates", false).Text, "Your bar: 15 kg. Your plates: 20x2 10 5 kg")
		h.send("ann", "/forget", false)
		mustContain(t, h.send("ann", "DELETE", false).Text, "Done: I deleted everything")
		mustContain(t, h.send("ann", "/plates", false).Text, "Your bar: 20 kg. Your plates: 25 20 15 10 5 2.5 1.25 kg")
	})
}

// /records keeps to one message: past 40 lifts it says how many more.
func TestRecordsListIsShort(t *testing.T) {
	h := newHarness(t, storagetest.Open(t, storagetest.SQLite))
	var csv strings.Builder
	csv.WriteString(strongHeader + "\n")
	for i := range 45 {
		fmt.Fprintf(&csv, "2026-10-01 18:00:00,\"Day\",1h,\"Exercise %02d\",1,%d,5,0,0,,,8\n", i, 20+i)
	}
	mustContain(t, h.send("ann", "/import", false, bot.Attachment{Name: "strong.csv", Data: []byte(csv.String())}).Text, "Stored 45 sets")
	r := h.send("ann", "/records", false)
	if n := strings.Count(r.Text, "\n"); n != 42 {
		t.Errorf("got %d lines, want a title, 40 lifts, the rest counted and the hint:\n%s", n+1, r.Text)
	}
	mustContain(t, r.Text, "…and 5 more lifts: /records LIFT.")
}
