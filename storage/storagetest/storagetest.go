// Package storagetest opens fresh Spotter databases for tests: an embedded
// SQLite file always, and PostgreSQL whenever SPOTTER_TEST_POSTGRES holds a
// DSN. With CI=true and no DSN, asking for PostgreSQL fails the test rather
// than skipping it, so CI can never pass without having run it.
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

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver for schema set-up

	"github.com/spotterbot/spotter/storage"
)

// Backend names a database a test runs on.
type Backend struct {
	Name string // "sqlite" or "postgres"
	DSN  string // "" for postgres until Fresh makes a schema
}

// Backends lists the databases to run on.
func Backends(t testing.TB) []Backend {
	t.Helper()
	out := []Backend{{Name: "sqlite"}}
	if PostgresDSN(t) != "" {
		out = append(out, Backend{Name: "postgres"})
	}
	return out
}

// PostgresDSN returns SPOTTER_TEST_POSTGRES; with CI=true an empty one fails the test.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SPOTTER_TEST_POSTGRES")
	if dsn == "" && os.Getenv("CI") == "true" {
		t.Fatal("CI=true but SPOTTER_TEST_POSTGRES is empty: PostgreSQL tests must run in CI")
	}
	return dsn
}

// FreshDSN returns a DSN for an empty database of backend b: a new SQLite file
// in a temporary folder, or a new PostgreSQL schema dropped when the test ends.
func FreshDSN(t testing.TB, b Backend) string {
	t.Helper()
	if b.Name == "sqlite" {
		return filepath.Join(t.TempDir(), "spotter.db")
	}
	base := PostgresDSN(t)
	if base == "" {
		// Else the schema's DSN would be a bare "?search_path=...", which
		// storage.Open takes for a SQLite file name.
		t.Fatal("a PostgreSQL database was asked for, but SPOTTER_TEST_POSTGRES is empty")
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	schema := "t_" + hex.EncodeToString(rnd[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// Open returns a store on a fresh database of backend b, closed when the test ends.
func Open(t testing.TB, b Backend) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), FreshDSN(t, b))
	if err != nil {
		t.Fatalf("open %s: %v", b.Name, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Each runs fn as a subtest on every backend with a fresh store.
func Each(t *testing.T, fn func(t *testing.T, st *storage.Store)) {
	t.Helper()
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			fn(t, Open(t, b))
		})
	}
}

// The two backends by name.
var (
	SQLite   = Backend{Name: "sqlite"}
	Postgres = Backend{Name: "postgres"}
)
