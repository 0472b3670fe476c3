package storage

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"time"

	"github.com/pressly/goose/v3"
)

// The schema is numbered migrations (pressly/goose), one folder of SQL files
// per dialect, embedded in the binary. goose records the applied versions in
// the table versionTable; Migrate applies the pending ones at every start.
//
// To add a migration:
//
//  1. Write the next number in both folders, with the same name:
//     migrations/sqlite/00002_what_it_does.sql and
//     migrations/postgres/00002_what_it_does.sql, each starting with
//     "-- +goose Up" and holding that dialect's SQL (SQLite spells gorm's
//     types text, integer, real, numeric, datetime; PostgreSQL varchar(n),
//     bigint, numeric, boolean, timestamptz). A change one dialect doesn't
//     need still gets its file there, holding only "-- +goose Up", so the
//     numbers stay the same (TestMigrationFoldersMatch). A file runs in one
//     transaction; "-- +goose NO TRANSACTION" for the rare statement that
//     can't (CREATE INDEX CONCURRENTLY). Never edit a file that has been
//     released: a database that ran it won't run it again.
//  2. Change the gorm models (models.go and the noun's file) to match: they
//     are only used for queries now, and TestMigrationsMatchModels fails until
//     the migrated schema and the models' AutoMigrate schema agree.
//  3. A change that SQL can't say (rewriting rows in Go) is a Go migration:
//     goose.NewGoMigration(version, &goose.GoFunc{RunTx: ...}, nil), passed to
//     the provider in newMigrator with goose.WithGoMigrations; its number
//     must not clash with a file's. RunTx, not RunDB: SQLite's pool has one
//     connection, which goose holds while it migrates.
//  4. A new table holding user data needs a /forget rule (forget.go);
//     TestForgetLeavesNoRowOfTheUser says so.
//
// Migrations only go forward (no Down sections): to go back, restore a backup.
//
//go:embed migrations
var migrationFiles embed.FS

// versionTable is goose's record of applied migrations (its default name).
const versionTable = goose.DefaultTablename

// migrateLock is the PostgreSQL advisory lock replicas take turns on: one
// per schema, so databases sharing a server (and tests, one schema each)
// don't wait for each other.
const migrateLock = "hashtext('spotter migrate ' || current_schema())"

// Migrate creates or upgrades the schema: a database made before numbered
// migrations is baselined (see baseline.go), then goose applies the pending
// migrations. It is safe to run at every start, also by several replicas
// starting at once: on PostgreSQL they take turns (an advisory lock per
// schema), and the ones that come later find nothing pending.
func (s *Store) Migrate(ctx context.Context) error {
	db, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	if s.dialect == "postgres" {
		unlock, err := lockMigrations(ctx, db)
		if err != nil {
			return err
		}
		defer unlock()
	}
	if err := baseline(ctx, db, s.dialect); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	m, err := newMigrator(db, s.dialect)
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	results, err := m.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	for _, r := range results {
		slog.Info("schema migration applied", "version", r.Source.Version, "file", path.Base(r.Source.Path), "duration", r.Duration.Round(time.Millisecond))
	}
	return nil
}

// lockMigrations waits for the schema's advisory lock on a connection of its
// own and returns the function that releases it. The lock belongs to that
// session, so the migrations themselves may run on other connections.
func lockMigrations(ctx context.Context, db *sql.DB) (unlock func(), err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate schema: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock("+migrateLock+")"); err != nil {
		conn.Close()
		return nil, fmt.Errorf("migrate schema: wait for another replica's migration: %w", err)
	}
	return func() {
		// Close only hands the connection back to the pool, where its
		// session, and a lock still held, would live on: unlock first.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock("+migrateLock+")")
		conn.Close()
	}, nil
}

// newMigrator returns goose's provider for the dialect's migration folder.
// It reads the embedded files; it touches the database only when asked to.
func newMigrator(db *sql.DB, dialect string) (*goose.Provider, error) {
	gd := goose.DialectSQLite3
	if dialect == "postgres" {
		gd = goose.DialectPostgres
	}
	dir, err := fs.Sub(migrationFiles, "migrations/"+dialect)
	if err != nil {
		return nil, err
	}
	// No global registry: every migration is a file here or passed in with
	// goose.WithGoMigrations, none registered by an init().
	return goose.NewProvider(gd, db, dir, goose.WithDisableGlobalRegistry(true))
}

// Migration is one numbered migration.
type Migration struct {
	Version   int64
	Name      string    // its file name, 00001_schema.sql; "" for one this binary doesn't have
	AppliedAt time.Time // zero while pending
}

// SchemaStatus is where a database's schema stands.
type SchemaStatus struct {
	// Version is the last applied migration: 0 for an empty database, or one
	// made before numbered migrations.
	Version int64
	// Legacy is true for a database made before numbered migrations (by
	// gorm's AutoMigrate): the next Migrate baselines it at version 1.
	Legacy  bool
	Applied []Migration
	Pending []Migration
}

// SchemaStatus reports the applied and pending migrations without changing
// anything (goose's own Status would create its version table).
func (s *Store) SchemaStatus(ctx context.Context) (SchemaStatus, error) {
	db, err := s.db.DB()
	if err != nil {
		return SchemaStatus{}, err
	}
	m, err := newMigrator(db, s.dialect)
	if err != nil {
		return SchemaStatus{}, err
	}
	applied := map[int64]time.Time{}
	has, err := hasTable(ctx, db, s.dialect, versionTable)
	if err != nil {
		return SchemaStatus{}, fmt.Errorf("schema status: %w", err)
	}
	if has {
		rows, err := db.QueryContext(ctx, "SELECT version_id, tstamp FROM "+versionTable+" WHERE version_id > 0 AND is_applied")
		if err != nil {
			return SchemaStatus{}, fmt.Errorf("schema status: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var v int64
			var at time.Time
			if err := rows.Scan(&v, &at); err != nil {
				return SchemaStatus{}, fmt.Errorf("schema status: %w", err)
			}
			applied[v] = at
		}
		if err := rows.Err(); err != nil {
			return SchemaStatus{}, fmt.Errorf("schema status: %w", err)
		}
	}
	var st SchemaStatus
	known := map[int64]bool{}
	for _, src := range m.ListSources() {
		known[src.Version] = true
		mg := Migration{Version: src.Version, Name: path.Base(src.Path)}
		at, ok := applied[src.Version]
		if !ok {
			st.Pending = append(st.Pending, mg)
			continue
		}
		mg.AppliedAt = at
		st.Applied = append(st.Applied, mg)
	}
	for v, at := range applied {
		st.Version = max(st.Version, v)
		if !known[v] {
			// A newer Spotter applied it; this binary doesn't have the file.
			st.Applied = append(st.Applied, Migration{Version: v, AppliedAt: at})
		}
	}
	slices.SortFunc(st.Applied, func(a, b Migration) int { return cmp.Compare(a.Version, b.Version) })
	if st.Version == 0 {
		if st.Legacy, err = hasTable(ctx, db, s.dialect, "users"); err != nil {
			return SchemaStatus{}, fmt.Errorf("schema status: %w", err)
		}
	}
	return st, nil
}

// queryer is a *sql.DB, *sql.Conn or *sql.Tx.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// hasTable reports whether the database (on PostgreSQL, the current schema)
// has the table.
func hasTable(ctx context.Context, q queryer, dialect, table string) (bool, error) {
	query := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	if dialect == "postgres" {
		query = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
	}
	var n int
	if err := q.QueryRowContext(ctx, query, table).Scan(&n); err != nil {
		return false, fmt.Errorf("look for table %s: %w", table, err)
	}
	return n > 0, nil
}

// hasColumn reports whether the table has the column.
func hasColumn(ctx context.Context, q queryer, dialect, table, column string) (bool, error) {
	query := "SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?"
	if dialect == "postgres" {
		query = "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2"
	}
	var n int
	if err := q.QueryRowContext(ctx, query, table, column).Scan(&n); err != nil {
		return false, fmt.Errorf("look for column %s.%s: %w", table, column, err)
	}
	return n > 0, nil
}

// hasIndex reports whether the database (on PostgreSQL, the current schema)
// has the index.
func hasIndex(ctx context.Context, q queryer, dialect, index string) (bool, error) {
	query := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?"
	if dialect == "postgres" {
		query = "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1"
	}
	var n int
	if err := q.QueryRowContext(ctx, query, index).Scan(&n); err != nil {
		return false, fmt.Errorf("look for index %s: %w", index, err)
	}
	return n > 0, nil
}
