package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/storage"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestChatOnEmbeddedSQLite(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	in := strings.NewReader("/log squat 100x5 rir2\n/advice squat\n")
	getenv := env(map[string]string{"XDG_DATA_HOME": dir, "USER": "tester"})
	if err := run(context.Background(), []string{"chat"}, getenv, in, &out, &errOut); err != nil {
		t.Fatalf("chat: %v (stderr %s)", err, errOut.String())
	}
	got := out.String()
	for _, want := range []string{"Logged squat: 1 set of 5 reps at 100 kg, RIR 2. e1RM 123.3 kg", "\n\nHOLD squat", "more comparable sessions needed"} {
		if !strings.Contains(got, want) {
			t.Errorf("got:\n%s\nwant it to contain %q", got, want)
		}
	}
	// The default database is under XDG_DATA_HOME and keeps the history.
	out.Reset()
	if err := run(context.Background(), []string{"chat", "--db", filepath.Join(dir, "spotter", "spotter.db"), "--user", "tester"}, getenv, strings.NewReader("/history\n"), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "squat: 1x5 at 100 kg, RIR 2") {
		t.Errorf("got %q, want the history kept in $XDG_DATA_HOME/spotter/spotter.db", out.String())
	}
}

func TestCommandLineErrors(t *testing.T) {
	dir := t.TempDir()
	getenv := env(map[string]string{"XDG_DATA_HOME": dir})
	tests := []struct {
		args []string
		want string
	}{
		{nil, "Usage:"},
		{[]string{"fly"}, `unknown command "fly"`},
		{[]string{"chat", "--nope"}, "flag provided but not defined"},
		{[]string{"chat", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "--db", filepath.Join(dir, "x.db")}, "TELEGRAM_BOT_TOKEN"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tt.args, getenv, strings.NewReader(""), &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run %v: got %v, want an error containing %q", tt.args, err, tt.want)
		}
	}
}

func TestMigrate(t *testing.T) {
	var out, errOut bytes.Buffer
	db := filepath.Join(t.TempDir(), "m.db")
	if err := run(context.Background(), []string{"migrate", "--db", db}, env(nil), nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Schema up to date (sqlite)") {
		t.Errorf("got %q", out.String())
	}
	st, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sqlDB, err := st.SQL()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := sqlDB.QueryRow("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'river_job'").Scan(&n); err != nil || n != 1 {
		t.Errorf("River's job table after migrate: %d (%v), want 1", n, err)
	}
}
