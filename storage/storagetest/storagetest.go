// Package storagetest opens fresh Spotter databases for tests: a SQLite file
// in the test's temporary folder, and a PostgreSQL schema of its own when
// SPOTTER_TEST_POSTGRES names a database (dropped when the test ends). Without
// that variable the PostgreSQL run is skipped, unless CI=true, where a
// missing database fails the test.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver, to create and drop schemas

	"github.com/spotterbot/spotter/storage"
)

// Backend names one database kind.
type Backend string

const (
	SQLite   Backend = "sqlite"
	Postgres Backend = "postgres"
)

// Each runs fn as a subtest once per backend, each with a fresh store.
func Each(t *testing.T, fn func(t *testing.T, st *storage.Store)) {
	t.Helper()
	for _, b := range []Backend{SQLite, Postgres} {
		t.Run(string(b), func(t *testing.T) {
			fn(t, Open(t, b))
		})
	}
}

// Open returns a fresh, migrated store of kind b, closed (and for PostgreSQL
// dropped) when the test ends.
func Open(t *testing.T, b Backend) *storage.Store {
	t.Helper()
	dsn := DSN(t, b)
	st, err := storage.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", b, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// DSN returns the address of a fresh, empty database of kind b.
func DSN(t *testing.T, b Backend) string {
	t.Helper()
	if b == SQLite {
		return filepath.Join(t.TempDir(), "spotter.db")
	}
	base := os.Getenv("SPOTTER_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SPOTTER_TEST_POSTGRES is not set (required when CI=true)")
		}
		t.Skip("SPOTTER_TEST_POSTGRES not set")
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		t.Fatal(err)
	}
	schema := "t_" + hex.EncodeToString(rnd[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("connect postgres: %v", err)
	}
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		db.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("SPOTTER_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
