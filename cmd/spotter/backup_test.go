package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupSQLiteCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "spotter.db")
	ctx := context.Background()
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"chat", "--db", db, "--user", "ann"}, env(nil), strings.NewReader("/log squat 100x5 rir2\n"), &out, &errOut); err != nil {
		t.Fatalf("chat: %v (%s)", err, errOut.String())
	}
	file := filepath.Join(dir, "backup.db")
	out.Reset()
	if err := run(ctx, []string{"backup", "--db", db, file}, env(nil), nil, &out, &errOut); err != nil {
		t.Fatalf("backup: %v (%s)", err, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "Backed up "+db+" to "+file) {
		t.Errorf("got %q, want it to say what was backed up where", out.String())
	}
	// SPOTTER_DB works as --db does, and the copy is a Spotter database as is.
	out.Reset()
	if err := run(ctx, []string{"chat", "--user", "ann"}, env(map[string]string{"SPOTTER_DB": file}), strings.NewReader("/history\n"), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "squat: 1x5 at 100 kg, RIR 2") {
		t.Errorf("history in the backup: got %q, want the squat", out.String())
	}

	// An existing FILE is refused (exit 1), and left as it was.
	before, _ := os.ReadFile(file)
	err := run(ctx, []string{"backup", file, "--db", db}, env(nil), nil, &out, &errOut)
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), file+" already exists") {
		t.Errorf("backup onto an existing file: got %v (exit %d), want %q and exit 1", err, exitCode(err), file+" already exists")
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Errorf("a refused backup changed the existing file")
	}
}

func TestBackupCommandErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo.db")
	for _, tc := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"backup", "--db", missing}, backupUsage, 2},
		{[]string{"backup", "--db", missing, "a.db", "b.db"}, backupUsage, 2},
		{[]string{"backup", "--db", missing, filepath.Join(dir, "out.db")}, "no database to back up at " + missing, 1},
		{[]string{"backup", "--db", ":memory:", filepath.Join(dir, "out.db")}, "in-memory", 1},
	} {
		err := run(context.Background(), tc.args, env(nil), nil, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tc.want) || exitCode(err) != tc.code {
			t.Errorf("%v: got %v (exit %d), want %q, exit %d", tc.args, err, exitCode(err), tc.want, tc.code)
		}
	}
	// A mistyped --db creates no empty database.
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup created %s (%v)", missing, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed backup left out.db (%v)", err)
	}
}

// For PostgreSQL, backup prints the pg_dump command and connects to nothing
// (the DSNs below lead nowhere).
func TestBackupPostgresPrintsPgDump(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		dsn, file, want string
	}{
		{"postgres://spotter:s3cret@db.internal:5432/spotter?sslmode=require", "spotter.dump",
			`pg_dump --format=custom --file=spotter.dump 'postgres://spotter:s3cret@db.internal:5432/spotter?sslmode=require'`},
		{"postgresql://postgres@127.0.0.1:1/test?sslmode=disable&search_path=t_abc&pool_max_conns=10", "my backup's.dump",
			`pg_dump --format=custom --file='my backup'\''s.dump' --schema=t_abc 'postgresql://postgres@127.0.0.1:1/test?sslmode=disable'`},
		{"postgres://h/db", "/var/backups/s.dump", `pg_dump --format=custom --file=/var/backups/s.dump 'postgres://h/db'`},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"backup", tc.file}, env(map[string]string{"SPOTTER_DB": tc.dsn}), nil, &out, &errOut)
		if err != nil {
			t.Errorf("backup of %s: %v", tc.dsn, err)
			continue
		}
		if got := strings.TrimSpace(out.String()); got != tc.want {
			t.Errorf("backup of %s:\ngot  %s\nwant %s", tc.dsn, got, tc.want)
		}
		if !strings.Contains(errOut.String(), "pg_dump") {
			t.Errorf("stderr %q: want a word on running pg_dump", errOut.String())
		}
	}
	// The dropped pgx-only setting is named.
	var errOut bytes.Buffer
	_ = run(context.Background(), []string{"backup", filepath.Join(dir, "x.dump")}, env(map[string]string{"SPOTTER_DB": "postgres://h/db?pool_max_conns=4"}), nil, &bytes.Buffer{}, &errOut)
	if !strings.Contains(errOut.String(), "pool_max_conns") {
		t.Errorf("stderr %q: want pool_max_conns named as left out", errOut.String())
	}
	// An existing file is refused for PostgreSQL too: pg_dump would overwrite it.
	existing := filepath.Join(dir, "old.dump")
	if err := os.WriteFile(existing, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"backup", existing}, env(map[string]string{"SPOTTER_DB": "postgres://h/db"}), nil, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("pg backup onto an existing file: got %v, want a refusal", err)
	}
}

// A backup copies the database as it is: it does not migrate it first (a
// newer binary would otherwise change the schema under the running server).
func TestBackupDoesNotMigrate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "old.db")
	ctx := context.Background()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec("CREATE TABLE users (id integer PRIMARY KEY, name text)"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"backup", "--db", db, filepath.Join(dir, "copy.db")}, env(nil), nil, &out, &errOut); err != nil {
		t.Fatalf("backup: %v (%s)", err, errOut.String())
	}
	for _, path := range []string{db, filepath.Join(dir, "copy.db")} {
		conn, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := conn.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		conn.Close()
		if n != 1 {
			t.Errorf("%s holds %d tables after the backup, want the 1 it had", filepath.Base(path), n)
		}
	}
}
