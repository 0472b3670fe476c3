package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// An import that starts lifts close to known ones says so, with the merge
// to send; sending it maps the imported name onto the lifter's lift.
func TestImportSuggestsMergesAndMapsOnRequest(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		h.send("ann", "/log 2026-11-18 squat 100x5 rir2", false)
		h.send("ann", "/log 2026-11-18 +zercher 80x5 rir2", false)
		var b strings.Builder
		b.WriteString(strongHeader + "\n")
		for i, ex := range []string{"Sqaut", "Squat (Smith)", "Hammer Curl (Dumbbell)", "Bench Press (Barbell)", "Frobulator"} {
			fmt.Fprintf(&b, "2026-11-1%d 18:00:00,\"Day\",1h,%q,1,%d,5,0,0,,,8\n", i+1, ex, 50+10*i)
		}
		r := h.send("ann", "/import", false, bot.Attachment{Name: "strong.csv", Data: []byte(b.String())})
		mustContain(t, r.Text, "New lifts close to ones you have or I know",
			`"sqaut" looks like squat: /lift merge sqaut into squat`,
			`"squat (smith)" looks like squat: /lift merge "squat (smith)" into squat`)
		for _, no := range []string{`"frobulator" looks`, "looks like bench", `hammer curl" looks`} {
			if strings.Contains(r.Text, no) {
				t.Errorf("import reply suggests a merge for %s:\n%s", no, r.Text)
			}
		}
		// The lifter takes the first suggestion.
		m := h.send("ann", "/lift merge sqaut into squat", false)
		mustContain(t, m.Text, "Merged sqaut into squat: 1 set now counts as squat, 2 sets in all.")
		n := 0
		for _, s := range h.history("ann").Sets {
			if s.Lift == "sqaut" {
				t.Errorf("a sqaut set is left after the merge: %+v", s)
			}
			if s.Lift == "squat" {
				n++
			}
		}
		if n != 2 {
			t.Errorf("got %d squat sets after the merge, want 2", n)
		}
		// A redelivered merge changes nothing and gets the first reply.
		h.ref--
		again := h.send("ann", "/lift merge sqaut into squat", false)
		if again.Text != m.Text {
			t.Errorf("redelivered merge: got %q, want the first reply", again.Text)
		}

		// The merge's alias makes a newer export of the app land on squat:
		// the rows imported before are not stored again, the new one is
		// stored as squat, not as a new "sqaut".
		mustContain(t, h.send("ann", "/lift alias sqaut squat", false).Text, "sqaut")
		b.WriteString("2026-11-19 18:00:00,\"Day\",1h,\"Sqaut\",1,110,5,0,0,,,8\n")
		r = h.send("ann", "/import", false, bot.Attachment{Name: "strong-newer.csv", Data: []byte(b.String())})
		mustContain(t, r.Text, `Stored under your aliases: sqaut as squat (2).`, "Stored 1 new set", "squat 2 sets (from Sqaut)")
		n, stray := 0, 0
		for _, s := range h.history("ann").Sets {
			switch s.Lift {
			case "squat":
				n++
			case "sqaut":
				stray++
			}
		}
		if n != 3 || stray != 0 {
			t.Errorf("after the newer export: %d squat and %d sqaut sets, want 3 and 0\n%s", n, stray, r.Text)
		}
	})
}

// The engine sees the lifter's kinds: /advice of a lift declared isolation
// targets RIR 1, not a compound's 2.
func TestLiftKindReachesAdvice(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	for i, d := range []string{"2026-11-13", "2026-11-16", "2026-11-18"} {
		h.send("ann", fmt.Sprintf("/log %s +zercher 80x8x3 rir%d", d, 2+i%2), false)
	}
	before := h.send("ann", "/advice zercher", false).Text
	mustContain(t, h.send("ann", "/lift kind zercher upper isolation", false).Text, "zercher counts as an upper isolation lift")
	after := h.send("ann", "/advice zercher", false).Text
	if before == after {
		t.Errorf("advice did not change with the kind:\n%s", after)
	}
	mustContain(t, before, "RIR 2")
	mustContain(t, after, "RIR 1")
}

// /export writes sets under their names after a rename, a merge and an
// /edit, and leaves out a deleted session.
func TestExportFollowsLiftNamesAndEdits(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	for _, l := range []string{
		"/log 2026-11-02 +zercher 80x5 rir2", "/log 2026-11-03 +sqaut 100x5 rir2", "/log 2026-11-04 +squat 100x5 rir2",
		"/log 2026-11-05 bench 80x5 rir2",
		"/lift rename zercher -> zercher squat", "/lift merge sqaut into squat",
	} {
		if r := h.send("ann", l, false); strings.HasPrefix(r.Text, "I could not") || !strings.HasPrefix(r.Text, "Logged") && strings.HasPrefix(l, "/log") {
			t.Fatalf("%s: %s", l, r.Text)
		}
	}
	hist := h.send("ann", "/history", false).Text
	handle := func(lift string) string {
		for _, line := range strings.Split(hist, "\n") {
			if strings.Contains(line, " "+lift+":") {
				f := strings.Fields(line)
				return f[len(f)-1]
			}
		}
		t.Fatalf("no %s in %q", lift, hist)
		return ""
	}
	mustContain(t, h.send("ann", "/edit "+handle("zercher squat")+" 82.5x4 rir1", false).Text, "Edited")
	mustContain(t, h.send("ann", "/delete "+handle("bench"), false).Text, "Deleted")
	exp := h.send("ann", "/export", false)
	if exp.File == nil {
		t.Fatalf("/export: no file: %s", exp.Text)
	}
	csv := string(exp.File.Data)
	for _, want := range []string{"zercher squat", "82.5"} {
		if !strings.Contains(csv, want) {
			t.Errorf("export lacks %q:\n%s", want, csv)
		}
	}
	for _, no := range []string{"sqaut", "zercher,", "bench", ",80,"} {
		if strings.Contains(csv, no) {
			t.Errorf("export holds %q:\n%s", no, csv)
		}
	}
	if n := strings.Count(csv, ",squat,"); n != 2 {
		t.Errorf("export: %d squat rows, want the 2 merged:\n%s", n, csv)
	}
}
