package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"modernc.org/sqlite"
)

// sqliteFile is the file a SQLite dsn names: the path without "file:" and
// the URI's options; "" for an in-memory database.
func sqliteFile(dsn string) string {
	path := strings.TrimPrefix(dsn, "sqlite://")
	if path == ":memory:" || strings.Contains(path, "mode=memory") {
		return ""
	}
	path = strings.TrimPrefix(path, "file:")
	path, _, _ = strings.Cut(path, "?")
	return path
}

// probeWrite makes sure the database can be written, so that a read-only
// file fails the start rather than every message: SQLite opens a file it
// may not write read-only without a word, and a schema already up to date
// writes nothing. Setting user_version to what it is writes the header.
func (s *Store) probeWrite() error {
	var v int64
	if err := s.db.Raw("PRAGMA user_version").Scan(&v).Error; err != nil {
		return err
	}
	return s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v)).Error
}

// explainSQLite turns a failure to open or write the SQLite database at
// path into what to do about it, naming the file or folder at fault: a
// full disk, a read-only file or folder (SQLite also creates path-wal and
// path-shm beside the file), or a database opened read-only on purpose.
func explainSQLite(path string, err error) error {
	code := 0
	var se *sqlite.Error
	if errors.As(err, &se) {
		code = se.Code() & 0xff
	}
	switch {
	case code == sqliteFull || errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("sqlite %s: the disk is full: free space on the disk holding %s, or set --db to a file on another disk: %w", path, filepath.Dir(path), err)
	case code == sqliteReadOnly || code == sqliteCantOpen || code == sqliteIOErr ||
		errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS):
		if what := readOnlyPart(path); what != "" {
			return fmt.Errorf("sqlite %s: %s; Spotter must write there (make it writable for this user, or set --db to a writable place): %w", path, what, err)
		}
		if code == sqliteReadOnly {
			return fmt.Errorf("sqlite %s: the database is open read-only (mode=ro in the DSN?); Spotter must write to it: %w", path, err)
		}
	}
	return fmt.Errorf("sqlite %s: %w", path, err)
}

// readOnlyPart names the part of path's database that cannot be written:
// its folder, the file or its -wal or -shm file; "" when all can be.
func readOnlyPart(path string) string {
	if path == "" {
		return ""
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("the folder %s does not exist", dir)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(f); err != nil {
			continue
		}
		if err := writable(f); err != nil {
			return fmt.Sprintf("the file %s is read-only (%v)", f, err)
		}
	}
	if err := writable(dir); err != nil {
		return fmt.Sprintf("the folder %s is read-only (%v): SQLite creates %s-wal and %s-shm there", dir, err, filepath.Base(path), filepath.Base(path))
	}
	return ""
}
