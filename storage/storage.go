// Package storage keeps Spotter's data with gorm: PostgreSQL in production,
// an embedded pure-Go SQLite file by default. It maps its own rows to bot and
// engine types and decides nothing.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
// the schema up to date (Migrate).
func Open(ctx context.Context, dsn string) (*Store, error) {
	s, err := Dial(ctx, dsn)
	if err != nil {
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
		// A read-only file can open and even migrate (nothing to change)
		// without a word; a write says so at start, not at the first /log.
		if err := s.probeWrite(); err != nil {
			s.Close()
			return nil, explainSQLite(sqliteFile(dsn), fmt.Errorf("write: %w", err))
		}
	}
	return s, nil
}

// Dial connects to dsn like Open but leaves the schema as it is: for
// `spotter migrate status`, which must not change what it reports on.
func Dial(ctx context.Context, dsn string) (*Store, error) {
	cfg := &gorm.Config{
		Logger:                 gormLog{level: logger.Warn, slow: time.Second},
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
	return &s, nil
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
