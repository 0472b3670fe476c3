// Package storagetest gives tests throwaway Spotter databases: a SQLite file
// in the test's temporary folder, and a fresh PostgreSQL schema when
// SPOTTER_TEST_POSTGRES is set (dropped when the test ends), so tests can run
// again and again on the same database.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// Backend names a database for a test.
type Backend struct {
	Name string // "sqlite" or "postgres"
	DSN  string // for storage.Open
}

// Backends returns SQLite always and PostgreSQL when SPOTTER_TEST_POSTGRES is
// set. With CI=true a missing PostgreSQL DSN fails the test.
func Backends(t testing.TB) []Backend {
	t.Helper()
	out := []Backend{{Name: "sqlite", DSN: SQLite(t)}}
	if dsn, ok := postgres(t); ok {
		out = append(out, Backend{Name: "postgres", DSN: dsn})
	}
	return out
}

// SQLite returns the path of a new SQLite database file.
func SQLite(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "spotter.db")
}

// Postgres returns the DSN of a fresh, empty PostgreSQL schema, and skips the
// test when SPOTTER_TEST_POSTGRES is unset (fails under CI=true).
func Postgres(t testing.TB) string {
	t.Helper()
	dsn, ok := postgres(t)
	if !ok {
		t.Skip("SPOTTER_TEST_POSTGRES is not set")
	}
	return dsn
}

func postgres(t testing.TB) (string, bool) {
	t.Helper()
	base := os.Getenv("SPOTTER_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but SPOTTER_TEST_POSTGRES is not set")
		}
		return "", false
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := db.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema, true
}
