// Package storage keeps Spotter's data with gorm: PostgreSQL in production,
// an embedded pure-Go SQLite file by default. It maps its own rows to bot and
// engine types and decides nothing.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver

	"github.com/spotterbot/spotter/bot"
)

// Store is Spotter's database.
type Store struct {
	db      *gorm.DB
	dialect string // "postgres" or "sqlite"
}

var _ bot.Store = (*Store)(nil)

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// DefaultPath is where the embedded database lives without --db or SPOTTER_DB:
// $XDG_DATA_HOME/spotter/spotter.db, else ~/.local/share/spotter/spotter.db.
func DefaultPath(getenv func(string) string) string {
	base := getenv("XDG_DATA_HOME")
	if base == "" {
		home := getenv("HOME")
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "spotter", "spotter.db")
}

// Open connects to dsn (a postgres:// URL or a SQLite file path) and brings
// the schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg := &gorm.Config{
		Logger:                 logger.New(slogWriter{}, logger.Config{SlowThreshold: time.Second, LogLevel: logger.Warn, IgnoreRecordNotFoundError: true}),
		SkipDefaultTransaction: true,
		TranslateError:         true,
	}
	var s Store
	if IsPostgres(dsn) {
		db, err := gorm.Open(postgres.Open(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		s = Store{db: db, dialect: "postgres"}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, fmt.Errorf("postgres pool: %w", err)
		}
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(20)
	} else {
		path := strings.TrimPrefix(dsn, "sqlite://")
		if path != ":memory:" && !strings.HasPrefix(path, "file:") {
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return nil, explainSQLite(sqliteFile(path), fmt.Errorf("create database folder: %w", err))
			}
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		full := path + sep + "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate"
		db, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: "sqlite", DSN: full}), cfg)
		if err != nil {
			return nil, explainSQLite(sqliteFile(path), fmt.Errorf("open: %w", err))
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, fmt.Errorf("sqlite handle: %w", err)
		}
		// SQLite takes one writer at a time; one connection avoids "database is locked".
		sqlDB.SetMaxOpenConns(1)
		s = Store{db: db, dialect: "sqlite"}
	}
	if err := markFaults(s.db); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		if s.dialect == "sqlite" {
			return nil, explainSQLite(sqliteFile(dsn), err)
		}
		return nil, err
	}
	if s.dialect == "sqlite" {
		if err := s.probeWrite(); err != nil {
			s.Close()
			return nil, explainSQLite(sqliteFile(dsn), fmt.Errorf("write: %w", err))
		}
	}
	return &s, nil
}

// Migrate creates or upgrades the schema. It is safe to run at every start,
// also by several replicas starting at once: on PostgreSQL they take turns
// (an advisory lock per schema).
func (s *Store) Migrate(ctx context.Context) error {
	if s.dialect == "postgres" {
		sqlDB, err := s.db.DB()
		if err != nil {
			return fmt.Errorf("migrate schema: %w", err)
		}
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			return fmt.Errorf("migrate schema: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(hashtext('spotter migrate ' || current_schema()))"); err != nil {
			return fmt.Errorf("migrate schema: wait for another replica's migration: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(hashtext('spotter migrate ' || current_schema()))")
	}
	if err := s.db.WithContext(ctx).AutoMigrate(allModels()...); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	// Experiments were stored when /advice was asked, so a question could
	// open one (34 phantom deloads "running since today"). They are read from
	// the log now (a deload week started, a session that followed a push):
	// the table and its phantoms go.
	if err := s.db.WithContext(ctx).Exec("DROP TABLE IF EXISTS experiments").Error; err != nil {
		return fmt.Errorf("migrate schema: drop experiments: %w", err)
	}
	// Indexes replaced by partial ones: every /log set had an entry in the
	// import key's, every inbox row in the pending one's, for nothing.
	for _, old := range []string{"idx_sets_import_key", "idx_inbox_pending"} {
		if err := s.db.WithContext(ctx).Exec("DROP INDEX IF EXISTS " + old).Error; err != nil {
			return fmt.Errorf("migrate schema: drop index %s: %w", old, err)
		}
	}
	return nil
}

// Close releases the connections.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// SQL returns the underlying database handle (River shares it).
func (s *Store) SQL() (*sql.DB, error) { return s.db.DB() }

// Dialect is "postgres" or "sqlite".
func (s *Store) Dialect() string { return s.dialect }

// Tables lists every table Spotter's models use.
func (s *Store) Tables() []string {
	var out []string
	for _, m := range allModels() {
		stmt := &gorm.Statement{DB: s.db}
		if err := stmt.Parse(m); err == nil {
			out = append(out, stmt.Schema.Table)
		}
	}
	return out
}

// Do runs fn in one transaction. An error that says the database itself
// failed (see Unavailable) comes back wrapped with bot.ErrUnavailable.
func (s *Store) Do(ctx context.Context, fn func(tx bot.Tx) error) error {
	return fault(s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		return fn(&tx{db: db})
	}))
}

type slogWriter struct{}

func (slogWriter) Printf(format string, args ...any) {
	slog.Warn("database", "msg", strings.TrimSpace(fmt.Sprintf(format, args...)))
}

var errNotFound = bot.ErrNotFound

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return errNotFound
	}
	return err
}

// HasIndex reports whether the schema has the named index (for tests and `spotter migrate`).
func (s *Store) HasIndex(name string) bool {
	for _, m := range allModels() {
		if s.db.Migrator().HasIndex(m, name) {
			return true
		}
	}
	return false
}
