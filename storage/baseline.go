package storage

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
)

// Before numbered migrations, every start ran gorm's AutoMigrate on the
// models (creating missing tables, indexes and columns) and then dropped what
// the schema no longer had. Such a database has Spotter's tables but no
// migration recorded. baseline brings it to where migration 1 can take over:
// migration 1 says IF NOT EXISTS throughout, so on this database it creates
// only what is still missing (lift_ranges, the partial indexes) and goose
// records version 1. Nothing else is touched: every row stays.

// legacyColumns are the columns AutoMigrate added to tables that already
// existed, release by release (git log -p storage/models.go): a database
// made by an older release and not started since lacks them. Each is added
// when its table exists without it, in the order AutoMigrate appended them,
// so the columns end where a fresh schema has them. A table that is missing
// altogether is created whole by migration 1. Frozen: later columns come
// in numbered migrations.
var legacyColumns = []struct{ table, column, sqlite, postgres string }{
	// Imported sets (4479d1b).
	{"sets", "import_key", "text", "varchar(96)"},
	// Scheduled messages confirmed after delivery (0fbb59f).
	{"nudges", "unconfirmed", "numeric NOT NULL DEFAULT false", "boolean NOT NULL DEFAULT false"},
	{"nudges", "prev_first", "integer", "integer"},
	{"nudges", "prev_last", "integer", "integer"},
	{"nudges", "prev_sent", "integer", "bigint"},
	{"nudges", "prev_sent_at", "datetime", "timestamptz"},
	// Inbox leases (620f5f7).
	{"inbox", "owner", "text", "varchar(64)"},
	{"inbox", "lease_until", "datetime", "timestamptz"},
}

// legacyTables and legacyIndexes are what older releases made and the
// schema no longer has; they are dropped.
var (
	// Experiments were stored when /advice was asked, so a question could
	// open one (34 phantom deloads "running since today"). They are read
	// from the log now (a deload week started, a session that followed a
	// push): the table and its phantoms go.
	legacyTables = []string{"experiments"}
	// Indexes replaced by partial ones (idx_sets_import_key_given,
	// idx_inbox_undone): every /log set had an entry in the import key's,
	// every inbox row in the pending one's, for nothing.
	legacyIndexes = []string{"idx_sets_import_key", "idx_inbox_pending"}
)

// baseline prepares a database made before numbered migrations for
// migration 1, in one transaction: it adds the legacyColumns it lacks and
// drops the legacy tables and indexes it has. On an empty database, or one
// with a migration applied, it does nothing. Each step looks before it
// acts, so a baseline interrupted before migration 1 ran is simply redone.
//
// On PostgreSQL everything is looked up in current_schema() and named
// unqualified, which resolves to that same schema (it comes first in the
// search path), so a table of the same name in another schema is never
// touched.
func baseline(ctx context.Context, db *sql.DB, dialect string) error {
	legacy, err := isLegacy(ctx, db, dialect)
	if err != nil || !legacy {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	defer tx.Rollback()
	var added, dropped []string
	for _, c := range legacyColumns {
		has, err := hasTable(ctx, tx, dialect, c.table)
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		if !has {
			continue
		}
		if has, err = hasColumn(ctx, tx, dialect, c.table, c.column); err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		if has {
			continue
		}
		typ := c.sqlite
		if dialect == "postgres" {
			typ = c.postgres
		}
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+c.table+" ADD COLUMN "+c.column+" "+typ); err != nil {
			return fmt.Errorf("baseline: add column %s.%s: %w", c.table, c.column, err)
		}
		added = append(added, c.table+"."+c.column)
	}
	for _, t := range legacyTables {
		has, err := hasTable(ctx, tx, dialect, t)
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		if !has {
			continue
		}
		if _, err := tx.ExecContext(ctx, "DROP TABLE "+t); err != nil {
			return fmt.Errorf("baseline: drop table %s: %w", t, err)
		}
		dropped = append(dropped, t)
	}
	for _, idx := range legacyIndexes {
		has, err := hasIndex(ctx, tx, dialect, idx)
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		if !has {
			continue
		}
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+idx); err != nil {
			return fmt.Errorf("baseline: drop index %s: %w", idx, err)
		}
		dropped = append(dropped, idx)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	slog.Info("schema baselined: a database made before numbered migrations becomes version 1",
		"dialect", dialect, "added_columns", added, "dropped", dropped)
	return nil
}

// isLegacy reports whether the database was made before numbered
// migrations: Spotter's users table is there, but no migration is recorded
// (no goose table, or one holding only goose's version 0).
func isLegacy(ctx context.Context, db *sql.DB, dialect string) (bool, error) {
	users, err := hasTable(ctx, db, dialect, "users")
	if err != nil || !users {
		return false, err
	}
	versioned, err := hasTable(ctx, db, dialect, versionTable)
	if err != nil || !versioned {
		return err == nil, err
	}
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, "SELECT MAX(version_id) FROM "+versionTable+" WHERE is_applied").Scan(&v); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	return v.Int64 < 1, nil
}
