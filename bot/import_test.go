package bot_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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

// Counts per file worked out from the files (see workoutcsv's fixture test).
var fixtureCounts = []struct {
	file           string
	workouts, sets int
	skipped        string
}{
	{"strong-classic-lbs.csv", 19, 279, "Skipped 5 rows: 5 cardio"},
	{"strong-classic-fr-crlf.csv", 13, 271, "Skipped 10 rows"},
	{"strong-10col-lbs-wdf.csv", 12, 286, ""},
	{"strong-de-resttimer.csv", 10, 133, "Skipped 157 rows: 144 rest-timer rows, 10 cardio and timed rows (distance or time, no reps), 3 rows without reps"},
	{"strong-android-semicolon-unitcols-mixed.csv", 24, 235, "Skipped 54 rows"},
	{"strong-android-semicolon-unitcols-duration.csv", 11, 286, ""},
	{"strong-workoutnum-semicolon-kg.csv", 26, 281, "Skipped 3 rows: 2 cardio and timed rows (distance or time, no reps), 1 row without reps.\n" +
		"Skipped 1 row with impossible or unreadable values (1 impossible rep count):\nline 154, Reps: 1000: more than 100 reps in a set\nStored 281 sets."},
	{"hevy-kg.csv", 14, 283, "Skipped 15 rows"},
	{"hevy-kg-rpe.csv", 17, 291, ""},
	{"hevy-lbs.csv", 14, 295, ""},
	{"fitnotes-kgs.csv", 14, 291, ""},
	{"liftosaur.csv", 13, 189, "Skipped 89 rows: 89 planned sets never done"},
}

func TestImportEveryFixtureOnceOnly(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		for _, fc := range fixtureCounts {
			user := "u-" + fc.file
			att := fixture(t, fc.file)
			r := h.send(user, "/import", false, att)
			mustContain(t, r.Text, fmt.Sprintf("%d workouts, %d sets", fc.workouts, fc.sets), fmt.Sprintf("Stored %d sets.", fc.sets), fc.skipped)
			if len(r.Buttons) != 1 || !strings.HasPrefix(r.Buttons[0][0].Data, "/undo ") {
				t.Errorf("%s: got buttons %v, want an Undo import button", fc.file, r.Buttons)
			}
			if got := len(h.history(user).Sets); got != fc.sets {
				t.Errorf("%s: got %d sets stored, want %d", fc.file, got, fc.sets)
			}
			again := h.send(user, "/import", false, att)
			mustContain(t, again.Text, fmt.Sprintf("Nothing new: all %d sets were already in your log.", fc.sets))
			if len(again.Buttons) != 0 {
				t.Errorf("%s: a second import offered %v, want no Undo (nothing was stored)", fc.file, again.Buttons)
			}
		}
	})
}

func TestImportReportsLiftsAndUnits(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	r := h.send("ann", "/import", false, fixture(t, "strong-classic-lbs.csv"))
	mustContain(t, r.Text,
		"Read strong-classic-lbs.csv: a Strong export (classic), 284 rows from 2021-12-23 to 2022-01-13.",
		"squat 13 sets (from Squat (Barbell))", "paused squat 5 sets (from Pause Squat)",
		`Not in my lift table, kept as new lifts: Seated Calf Raise (Plate Loaded) as "machine seated calf raise" (32)`,
		"loads read as kg (your unit). If they are lb, tap Undo import and send the file with /import lb.")
	// The lifter says the file was in pounds: undo, import again with lb.
	undo := h.send("ann", r.Buttons[0][0].Data, true)
	mustContain(t, undo.Text, "Removed import of strong-classic-lbs.csv (2021-12-23 to 2022-01-13).")
	if n := len(h.history("ann").Sets); n != 0 {
		t.Fatalf("after undo got %d sets, want 0", n)
	}
	r = h.send("ann", "/import lb", false, fixture(t, "strong-classic-lbs.csv"))
	mustContain(t, r.Text, "loads read as lb, as you said", "Stored 279 sets.")
	var paused []engine.Set
	for _, s := range h.history("ann").Sets {
		if s.Lift == "paused squat" {
			paused = append(paused, s)
		}
	}
	if len(paused) != 5 || paused[0].Load != engine.NewLoad(245, engine.Lb) {
		t.Errorf("got paused squats %+v, want 5 at exactly 245 lb", paused)
	}
	// A pound file for a kilogram lifter: the loads stay in pounds, and the
	// reply points at the setting.
	r = h.send("cat", "/import", false, fixture(t, "hevy-lbs.csv"))
	mustContain(t, r.Text, "The file gives these loads in lb and your unit is kg; if you lift in lb, /settings units lb.")
	// Warm-up, drop and failure sets keep their kind; RPE becomes RIR.
	h.send("bob", "/import", false, fixture(t, "hevy-kg-rpe.csv"))
	kinds := map[engine.SetKind]int{}
	rir := 0
	for _, s := range h.history("bob").Sets {
		kinds[s.Kind]++
		if s.HasRIR {
			rir++
		}
	}
	if kinds[engine.Warmup] != 21 || kinds[engine.Drop] != 4 || kinds[engine.Failure] != 25 || rir != 44 {
		t.Errorf("got kinds %v and %d sets with RIR, want 21 warm-ups, 4 drops, 25 failures, 44 with RIR", kinds, rir)
	}
}

// When the file states its unit, the reply follows the file: the "Workout #"
// file says kg (its values are exact conversions of pounds, stored in lb),
// so it must not tell anyone that its loads are in lb.
func TestImportUnitHintFollowsTheFile(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	for _, c := range []struct {
		user, settings, text, file string
		want                       []string
		not                        []string
	}{
		{"kg1", "", "/import", "strong-workoutnum-semicolon-kg.csv", nil, []string{"in lb", "/settings units", "does not say"}},
		{"lb1", "/settings units lb", "/import", "strong-workoutnum-semicolon-kg.csv", nil, []string{"/settings units", "does not say"}},
		{"lb2", "/settings units lb", "/import", "hevy-kg.csv",
			[]string{"The file gives these loads in kg and your unit is lb; if you lift in kg, /settings units kg."}, []string{"in lb and"}},
		{"kg2", "", "/import lb", "hevy-kg.csv",
			[]string{"The file gives its loads in kg, so I read them as kg: /import lb is for files that do not say their unit."}, []string{"/settings units"}},
		{"kg3", "", "/import", "strong-android-semicolon-unitcols-mixed.csv",
			[]string{"The file gives these loads in lb and your unit is kg; if you lift in lb, /settings units lb."}, nil},
	} {
		if c.settings != "" {
			h.send(c.user, c.settings, false)
		}
		r := h.send(c.user, c.text, false, fixture(t, c.file))
		mustContain(t, r.Text, append(c.want, "Stored ")...)
		for _, n := range c.not {
			if strings.Contains(r.Text, n) {
				t.Errorf("%s %s %s: reply %q\nwant no %q", c.user, c.text, c.file, r.Text, n)
			}
		}
	}
}

// A file that does not say its unit, first read in the wrong one: importing
// it again with the right unit says how to get there instead of only
// "Nothing new", and /import undo removes the latest import.
func TestImportReadInTheWrongUnit(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	file := fixture(t, "strong-classic-lbs.csv")
	mustContain(t, h.send("ann", "/import undo", false).Text, "You have no import to undo.")
	mustContain(t, h.send("ann", "/import", false, file).Text, "Stored 279 sets.")
	r := h.send("ann", "/import lb", false, file)
	mustContain(t, r.Text, "Nothing new: all 279 sets were already in your log.",
		"242 sets of this file were stored by an earlier import in kg, and a unit applies only to sets read for the first time. "+
			"To read them as lb: remove that import with /import undo (on the command line: spotter import --undo-last --user ann), then import the file again with /import lb.")
	mustContain(t, h.send("ann", "/import undo", false).Text, "Removed import of strong-classic-lbs.csv (2021-12-23 to 2022-01-13).")
	if n := len(h.history("ann").Sets); n != 0 {
		t.Fatalf("after /import undo got %d sets, want 0", n)
	}
	mustContain(t, h.send("ann", "/import lb", false, file).Text, "Stored 279 sets.")
	// The same file in the same unit again: nothing new, nothing to fix.
	r = h.send("ann", "/import lb", false, file)
	mustContain(t, r.Text, "Nothing new: all 279 sets were already in your log.")
	if strings.Contains(r.Text, "earlier import") {
		t.Errorf("identical re-import: reply %q\nwant no unit advice", r.Text)
	}
	for _, s := range h.history("ann").Sets {
		if s.Load.Milli != 0 && s.Load.Unit != engine.Lb {
			t.Fatalf("got %+v, want every load in lb", s)
		}
	}
	// /import undo never removes anything but an import.
	h.send("ann", "/log squat 100x5 rir2", false)
	mustContain(t, h.send("ann", "/import undo", false).Text, "Your latest entry is ", "not an import, so I left it.")
	if n := len(h.history("ann").Sets); n != 280 {
		t.Errorf("got %d sets after a refused /import undo, want 280", n)
	}
}

func TestImportRefusals(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	good := fixture(t, "hevy-kg.csv")
	// Most rows broken: the whole file is refused, nothing stored.
	broken := bytes.ReplaceAll(good.Data, []byte(`"normal",`), []byte(`"normal",kg`))
	if n := bytes.Count(broken, []byte(`"normal",kg`)); n < 150 {
		t.Fatalf("the corruption applied to %d rows, want most of the 298", n)
	}
	for _, tc := range []struct {
		name string
		text string
		atts []bot.Attachment
		want []string
	}{
		{"no file", "/import", nil, []string{"Attach the CSV export to /import", "Example: /import"}},
		{"bad unit word", "/import stones", []bot.Attachment{good}, []string{`"stones"`, "/import lb"}},
		{"unknown format", "/import", []bot.Attachment{{Name: "notes.csv", Data: []byte("a,b,c\n1,2,3\n")}},
			[]string{"I could not import notes.csv: I don't recognise this file's header (a,b,c)", "Strong", "Hevy", "Nothing was stored."}},
		{"mostly broken", "/import", []bot.Attachment{{Name: "broken.csv", Data: broken}},
			[]string{"I could not import broken.csv: 227 of its 298 rows have impossible or unreadable values (227 unreadable numbers), too many for an app's export. " +
				"Nothing was stored; export the file again from the app.\nline 3, weight_kg: kg43.1: not a number\nline 4, weight_kg: kg41: not a number\n" +
				"line 5, weight_kg: kg38.6: not a number\nline 6, weight_kg: kg38.6: not a number\nline 7, weight_kg: kg38.6: not a number\nand 222 more\nExample: /import"}},
		{"nothing readable", "/import", []bot.Attachment{{Name: "dates.csv", Data: []byte(strongHeader + "\n" +
			`2031-01-02 10:00:00,"W",1h,"Squat (Barbell)",1,100,5,0,0,,,` + "\n" + `2031-01-02 10:00:00,"W",1h,"Squat (Barbell)",2,100,5,0,0,,,` + "\n")}},
			[]string{"I could not import dates.csv: none of its 2 rows can be read (2 bad dates). Nothing was stored; export the file again from the app.\n" +
				"line 2, Date: 2031-01-02 10:00:00: after today (2026-11-20)\nline 3, Date: 2031-01-02 10:00:00: after today (2026-11-20)\nExample: /import"}},
		{"too big", "/import", []bot.Attachment{{Name: "huge.csv", Data: bytes.Repeat([]byte("a"), workoutcsv.MaxBytes+1)}},
			[]string{"huge.csv is too big to import", "20 MB and 200000 rows"}},
		// Two files, the second broken: the first is not stored either.
		{"second of two broken", "/import", []bot.Attachment{good, {Name: "broken.csv", Data: broken}}, []string{"broken.csv", "Nothing was stored"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := h.send("ann", tc.text, false, tc.atts...)
			mustContain(t, r.Text, tc.want...)
			if n := len(h.history("ann").Sets); n != 0 {
				t.Errorf("got %d sets stored, want 0", n)
			}
		})
	}
	if r := h.send("ann", "/undo", false); r.Text != "Nothing to undo." {
		t.Errorf("got %q, want no entry left behind", r.Text)
	}
}

// flakyStore fails the n-th ImportSets of a transaction after it has stored
// its sets: a disk filling up half-way through a big file.
type flakyStore struct {
	*storage.Store
	failOn int
}

func (f flakyStore) Do(ctx context.Context, fn func(tx bot.Tx) error) error {
	return f.Store.Do(ctx, func(tx bot.Tx) error { return fn(&flakyTx{Tx: tx, failOn: f.failOn}) })
}

type flakyTx struct {
	bot.Tx
	calls, failOn int
}

func (f *flakyTx) ImportSets(userID, entryID int64, sets []bot.KeyedSet) (int, error) {
	n, err := f.Tx.ImportSets(userID, entryID, sets)
	f.calls++
	if err == nil && f.calls == f.failOn {
		return n, errors.New("disk full")
	}
	return n, err
}

const strongHeader = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"

// bigStrong is a Strong export of n squat sets, 5 per workout.
func bigStrong(n int) []byte {
	var b strings.Builder
	b.WriteString(strongHeader + "\n")
	day := time.Date(2015, 1, 1, 18, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		if i > 0 && i%5 == 0 {
			day = day.AddDate(0, 0, 2)
		}
		fmt.Fprintf(&b, "%s,\"Legs\",1h,\"Squat (Barbell)\",%d,%g,5,0,0,,,8\n", day.Format("2006-01-02 15:04:05"), i%5+1, 100+float64(i%40)*2.5)
	}
	return []byte(b.String())
}

func TestImportFailingHalfwayStoresNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		b := bot.New(flakyStore{Store: st, failOn: 2}, bot.WithLogger(quiet))
		data := bigStrong(2500) // three batches of sets
		r, err := b.Handle(ctx, bot.Message{Identity: id("ann"), Text: "/import", ReceivedAt: time.Now(),
			Attachments: []bot.Attachment{{Name: "big.csv", Data: data}}})
		if err == nil {
			t.Fatal("got no error from a failing import")
		}
		mustContain(t, r.Text, "nothing was stored")
		h := newHarness(t, st)
		if n := len(h.history("ann").Sets); n != 0 {
			t.Errorf("got %d sets after a failed import, want 0", n)
		}
		// The same file on a healthy store: all 2500, with progress reported.
		var stages []string
		pctx := bot.WithProgress(ctx, func(stage string, done, total int) {
			stages = append(stages, fmt.Sprintf("%s %d/%d", stage, done, total))
		})
		r, err = h.b.Handle(pctx, bot.Message{Identity: id("ann"), Text: "/import", ReceivedAt: h.now,
			Attachments: []bot.Attachment{{Name: "big.csv", Data: data}}})
		if err != nil {
			t.Fatal(err)
		}
		mustContain(t, r.Text, "500 workouts, 2500 sets", "Stored 2500 sets.")
		if n := len(h.history("ann").Sets); n != 2500 {
			t.Errorf("got %d sets, want 2500", n)
		}
		want := []string{"read 2500/0", "store 1000/2500", "store 2000/2500", "store 2500/2500", "done 2500/2500"}
		if !reflect.DeepEqual(stages, want) {
			t.Errorf("got progress %v, want %v", stages, want)
		}
	})
}

// withLine replaces line n of a file (the header is line 1) after
// checking it holds old.
func withLine(t *testing.T, data []byte, n int, old, new string) []byte {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	if !strings.Contains(lines[n-1], old) {
		t.Fatalf("line %d is %q, without %q", n, lines[n-1], old)
	}
	lines[n-1] = strings.Replace(lines[n-1], old, new, 1)
	return []byte(strings.Join(lines, "\n"))
}

// A two-year export with one typo of 877777 reps: every other set is
// stored, in one import, and the typo is reported by line.
func TestImportKeepsTheGoodRows(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		h := newHarness(t, st)
		good := bigStrong(2500)
		typo := withLine(t, good, 812, ",5,0,0,,,8", ",877777,0,0,,,8")
		var done string
		pctx := bot.WithProgress(ctx, func(stage string, n, total int) {
			if stage == "done" {
				done = fmt.Sprintf("%d/%d", n, total)
			}
		})
		r, err := h.b.Handle(pctx, bot.Message{Identity: id("ann"), ChatID: "ann", Text: "/import", ReceivedAt: h.now,
			Attachments: []bot.Attachment{{Name: "strong.csv", Data: typo}}})
		if err != nil {
			t.Fatal(err)
		}
		mustContain(t, r.Text, "2500 rows", "500 workouts, 2499 sets",
			"Skipped 1 row with impossible or unreadable values (1 impossible rep count):\nline 812, Reps: 877777: more than 100 reps in a set\nStored 2499 sets.")
		if done != "2499/2499" {
			t.Errorf("got progress done %s, want 2499/2499", done)
		}
		sets := h.history("ann").Sets
		if len(sets) != 2499 {
			t.Fatalf("got %d sets stored, want 2499", len(sets))
		}
		for _, s := range sets {
			if s.Reps != 5 {
				t.Fatalf("stored a set of %d reps", s.Reps)
			}
		}
		// The fixed export adds the one set the typo kept out.
		r = h.send("ann", "/import", false, bot.Attachment{Name: "strong.csv", Data: good})
		mustContain(t, r.Text, "Stored 1 new set; 2499 were already in your log.")
		if n := len(h.history("ann").Sets); n != 2500 {
			t.Errorf("got %d sets after the fixed file, want 2500", n)
		}
		// Each import is one entry: undo takes back the last one only.
		if r := h.send("ann", "/import undo", false); !strings.HasPrefix(r.Text, "Removed import of strong.csv") {
			t.Fatalf("undo: got %q", r.Text)
		}
		if n := len(h.history("ann").Sets); n != 2499 {
			t.Errorf("got %d sets after undoing the second import, want 2499", n)
		}
	})
}

func TestImportReportsBadRows(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	// Seven bad rows among a hundred: five are listed.
	data := bigStrong(100)
	for _, c := range []struct {
		line     int
		old, new string
	}{
		{10, ",5,0,0,,,8", ",877777,0,0,,,8"},
		{20, ",5,0,0,,,8", ",-5,0,0,,,8"},
		{30, ",5,0,0,,,8", ",5,0,0,,,11"},
		{40, `"Squat (Barbell)"`, `"Squat` + "\x00" + `"`},
		{50, "2015-", "1815-"},
		{60, ",5,0,0,,,8", ",5.5,0,0,,,8"},
		{70, ",5,0,0,,,8", ",five,0,0,,,8"},
	} {
		data = withLine(t, data, c.line, c.old, c.new)
	}
	r := h.send("ann", "/import", false, bot.Attachment{Name: "strong.csv", Data: data})
	mustContain(t, r.Text, "Skipped 7 rows with impossible or unreadable values (3 impossible rep counts, 1 RPE or RIR out of range, 1 bad date, 1 bad exercise name, 1 unreadable number):\n"+
		"line 10, Reps: 877777: more than 100 reps in a set\n"+
		"line 20, Reps: -5: negative reps\n"+
		"line 30, RPE: 11: RPE is 1 to 10\n"+
		`line 40, Exercise Name: Squat\x00: a NUL byte in the name`+"\n"+
		"line 50, Date: 1815-",
		"before 1900\nand 2 more\nStored 93 sets.")
	if n := len(h.history("ann").Sets); n != 93 {
		t.Errorf("got %d sets, want 93", n)
	}
	// A file cut off in the middle of a row keeps the rows before it.
	cut := fixture(t, "hevy-kg.csv")
	cut.Data = cut.Data[:len(cut.Data)/2]
	r = h.send("bob", "/import", false, cut)
	mustContain(t, r.Text, "Skipped 1 row with impossible or unreadable values (1 broken row):\nline 151: the CSV is broken here", "the file may be cut off or edited", "Stored 145 sets.")
}

// Today is the lifter's: a set dated tomorrow in UTC is today in Auckland.
func TestImportTodayIsTheLiftersDay(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	h.now = time.Date(2026, 11, 20, 23, 30, 0, 0, time.UTC) // 2026-11-21 12:30 in Auckland
	h.send("ann", "/settings tz Pacific/Auckland", false)
	data := []byte(strongHeader + "\n" +
		`2026-11-21 07:00:00,"W",1h,"Squat (Barbell)",1,100,5,0,0,,,` + "\n" +
		`2026-11-21 07:00:00,"W",1h,"Squat (Barbell)",2,100,5,0,0,,,` + "\n" +
		`2026-11-22 07:00:00,"W",1h,"Squat (Barbell)",1,100,5,0,0,,,` + "\n")
	r := h.send("ann", "/import", false, bot.Attachment{Name: "strong.csv", Data: data})
	mustContain(t, r.Text, "line 4, Date: 2026-11-22 07:00:00: after today (2026-11-21)", "Stored 2 sets.")
}

// Help and the prompt for a file follow how the platform takes one: sent
// with the message, or typed as a path (the console).
func TestImportHelpFollowsHowFilesCome(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	ask := func(text string, byPath bool) string {
		t.Helper()
		r, err := h.b.Handle(ctx, bot.Message{Identity: id("ann"), ChatID: "ann", Text: text, FilesByPath: byPath, ReceivedAt: h.now})
		if err != nil {
			t.Fatal(err)
		}
		return r.Text
	}
	for _, tt := range []struct {
		text   string
		byPath bool
		want   []string
		not    string
	}{
		{"/help import", false, []string{"/import [kg|lb] (with a CSV attached)", "as its caption"}, "PATH"},
		{"/import", false, []string{"Attach the CSV export to /import"}, "~/Downloads"},
		{"/help import", true, []string{"/import [kg|lb] PATH · /import undo", "/import ~/Downloads/strong.csv", "/import lb ~/Downloads/strong.csv"}, "attached"},
		{"/import", true, []string{"Give the path of your app's CSV export after /import", "Example: /import ~/Downloads/strong.csv"}, "caption"},
		{"/import lb", true, []string{"Example: /import lb ~/Downloads/strong.csv"}, "caption"},
	} {
		got := ask(tt.text, tt.byPath)
		mustContain(t, got, tt.want...)
		if strings.Contains(got, tt.not) {
			t.Errorf("%q (files by path: %v): got %q, want no %q", tt.text, tt.byPath, got, tt.not)
		}
	}
}

func TestHelpListsDataCommands(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	mustContain(t, h.send("ann", "/help", false).Text, "/import -", "/export -", "/chart -", "/forget -")
	for _, c := range []string{"import", "export", "chart", "forget"} {
		mustContain(t, h.send("ann", "/help "+c, false).Text, "Examples:\n/"+c)
	}
	mustContain(t, h.send("ann", "/help import", false).Text, "A row with an impossible value (877777 reps, a date after today) is skipped and listed by line")
}
