package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot/workoutcsv/workoutcsvtest"
)

// spotter runs the command line with stdin in and returns stdout, stderr and the error.
func spotter(t *testing.T, in string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := func(k string) string {
		if k == "HOME" {
			return t.TempDir()
		}
		return ""
	}
	err := run(context.Background(), args, env, strings.NewReader(in), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestImportExportCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	file := filepath.Join(workoutcsvtest.ImportsDir(t), "strong-classic-lbs.csv")
	out, _, err := spotter(t, "", "import", file, "--user", "ann", "--unit", "lb", "--db", db)
	if err != nil || !strings.Contains(out, "Stored 279 sets.") || !strings.Contains(out, "loads read as lb, as you said") {
		t.Fatalf("import: err %v, out %q", err, out)
	}
	// Flags first works too; the second import adds nothing and still succeeds.
	out, _, err = spotter(t, "", "import", "--db", db, "--user", "ann", file)
	if err != nil || !strings.Contains(out, "Nothing new: all 279 sets were already in your log.") {
		t.Fatalf("second import: err %v, out %q", err, out)
	}
	// The console chat of the same user sees the imported sets.
	out, _, err = spotter(t, "/history paused squat 1\n", "chat", "--user", "ann", "--db", db)
	if err != nil || !strings.Contains(out, "2021-12-23 paused squat: 4x4 at 111.1 kg (245 lb); 1x7 at 111.1 kg (245 lb)") {
		t.Fatalf("chat: err %v, out %q", err, out)
	}
	csvPath := filepath.Join(t.TempDir(), "ann.csv")
	out, _, err = spotter(t, "", "export", "--user", "ann", "--db", db, "-o", csvPath)
	if err != nil || !strings.Contains(out, "Your Spotter data: 279 sets") {
		t.Fatalf("export: err %v, out %q", err, out)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil || !strings.HasPrefix(string(data), "record,date,lift,seq,kind,weight,unit,reps,rir,") {
		t.Fatalf("export file: err %v, starts %q", err, string(data[:min(len(data), 60)]))
	}
	stdout, stderr, err := spotter(t, "", "export", "--user", "ann", "--db", db)
	if err != nil || stdout != string(data) || !strings.Contains(stderr, "279 sets") {
		t.Errorf("export to stdout: err %v, %d bytes (want %d), stderr %q", err, len(stdout), len(data), stderr)
	}
	// Into another user: the same CSV back.
	if out, _, err = spotter(t, "", "import", csvPath, "--user", "bob", "--db", db); err != nil || !strings.Contains(out, "Stored 279 sets.") {
		t.Fatalf("import export: err %v, out %q", err, out)
	}
}

// An import read in the wrong unit can be fixed from the command line.
func TestImportCommandUndoLast(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	file := filepath.Join(workoutcsvtest.ImportsDir(t), "strong-classic-lbs.csv")
	out, _, err := spotter(t, "", "import", file, "--user", "ann", "--db", db)
	if err != nil || !strings.Contains(out, "Stored 279 sets.") || !strings.Contains(out, "To undo this import: spotter import --undo-last --user ann") {
		t.Fatalf("import: err %v, out %q", err, out)
	}
	out, _, err = spotter(t, "", "import", file, "--user", "ann", "--unit", "lb", "--db", db)
	if err != nil || !strings.Contains(out, "spotter import --undo-last --user ann") || strings.Contains(out, "To undo this import") {
		t.Fatalf("import again in lb: err %v, out %q", err, out)
	}
	out, _, err = spotter(t, "", "import", "--undo-last", "--user", "ann", "--db", db)
	if err != nil || !strings.Contains(out, "Removed import of strong-classic-lbs.csv") {
		t.Fatalf("undo: err %v, out %q", err, out)
	}
	out, _, err = spotter(t, "", "import", "--undo-last", "--user", "ann", "--db", db)
	if err == nil || !strings.Contains(out, "You have no import to undo.") {
		t.Fatalf("undo with nothing to undo: err %v, out %q", err, out)
	}
	out, _, err = spotter(t, "", "import", file, "--user", "ann", "--unit", "lb", "--db", db)
	if err != nil || !strings.Contains(out, "Stored 279 sets.") {
		t.Fatalf("import in lb: err %v, out %q", err, out)
	}
	out, _, err = spotter(t, "/history paused squat 1\n", "chat", "--user", "ann", "--db", db)
	if err != nil || !strings.Contains(out, "(245 lb)") {
		t.Fatalf("chat: err %v, out %q", err, out)
	}
	for _, args := range [][]string{
		{"import", "--undo-last", file, "--user", "ann", "--db", db},
		{"import", "--undo-last", "--unit", "lb", "--user", "ann", "--db", db},
		{"import", "--undo-last", "--db", db},
	} {
		if _, _, err := spotter(t, "", args...); err == nil {
			t.Errorf("%v: got no error", args)
		} else if _, ok := err.(usageError); !ok {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
}

func TestImportCommandRefusals(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("what,is,this\n1,2,3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := spotter(t, "", "import", bad, "--user", "ann", "--db", db)
	if err == nil || !strings.Contains(out, "I could not import bad.csv") {
		t.Errorf("unknown file: err %v, out %q", err, out)
	}
	for _, args := range [][]string{
		{"import", "--user", "ann", "--db", db},
		{"import", bad, bad, "--user", "ann", "--db", db},
		{"import", bad, "--db", db},                // no --user: not $USER's log by accident
		{"export", "--db", db},                     // no --user
		{"export", "-o", bad + ".out", "--db", db}, // no --user
		{"import", bad, "--unit", "stone", "--user", "ann", "--db", db},
		{"export", "extra", "--user", "ann", "--db", db},
	} {
		if _, _, err := spotter(t, "", args...); err == nil {
			t.Errorf("%v: got no error", args)
		} else if _, ok := err.(usageError); !ok {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
}

func TestImportCommandShowsProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n")
	for i := 0; i < 2500; i++ {
		fmt.Fprintf(&b, "2020-01-%02d %02d:%02d:00,\"W\",1h,\"Squat (Barbell)\",%d,100,5,0,0,,,\n", i/400+1, i/20%20, 0, i%20+1)
	}
	file := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := spotter(t, "", "import", file, "--user", "ann", "--db", filepath.Join(t.TempDir(), "s.db"))
	if err != nil || !strings.Contains(out, "Stored 2500 sets.") {
		t.Fatalf("err %v, out %q", err, out)
	}
	if !strings.Contains(stderr, "import: stored 2500 of 2500 sets (100%)") {
		t.Errorf("stderr %q, want a progress line", stderr)
	}
}

// A row with an impossible value is skipped and reported; the others are
// stored. A file of mostly such rows stores nothing and exits with an error.
func TestImportCommandSkipsBadRows(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	header := "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
	row := func(order int, reps string) string {
		return fmt.Sprintf("2020-01-02 18:00:00,\"W\",1h,\"Squat (Barbell)\",%d,100,%s,0,0,,,\n", order, reps)
	}
	file := filepath.Join(t.TempDir(), "typo.csv")
	if err := os.WriteFile(file, []byte(header+row(1, "5")+row(2, "877777")+row(3, "5")), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := spotter(t, "", "import", file, "--user", "ann", "--db", db)
	if err != nil || !strings.Contains(out, "Skipped 1 row with impossible or unreadable values (1 impossible rep count):\nline 3, Reps: 877777: more than 100 reps in a set\nStored 2 sets.") {
		t.Errorf("err %v, out %q", err, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte(header+row(1, "877777")+row(2, "-5")+row(3, "5")), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err = spotter(t, "", "import", bad, "--user", "bob", "--db", db)
	if err == nil || !strings.Contains(out, "I could not import bad.csv: 2 of its 3 rows have impossible or unreadable values (2 impossible rep counts), too many for an app's export. Nothing was stored") {
		t.Errorf("mostly bad: err %v, out %q", err, out)
	}
}
