package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrBackupExists is returned by Backup when its file is already there: a
// backup never overwrites one.
var ErrBackupExists = errors.New("the backup file already exists")

// Backup writes a copy of the SQLite database to path that Open takes as it
// is. The copy is one consistent snapshot, also while other connections or
// processes (a running `spotter serve`) go on writing: VACUUM INTO reads the
// database in one read transaction, which in WAL mode blocks no writer. It
// is written next to path under a temporary name and appears at path only
// when complete, so an interrupted backup leaves no half file behind; a path
// that exists is refused with ErrBackupExists. On PostgreSQL, Backup
// returns an error: pg_dump makes its backups.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != "sqlite" {
		return fmt.Errorf("backup: %s databases are backed up with their own tools (pg_dump), not by spotter", s.dialect)
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup %s: %w", path, ErrBackupExists)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	// A unique name in the same folder, so the last step is a link, not a copy.
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp) // VACUUM INTO wants to create the file itself
	defer os.Remove(tmp)
	// Past gorm: its logger would call a backup of a big database slow SQL.
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := sqlDB.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("backup: vacuum into %s: %w", tmp, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return publish(tmp, path)
}

// syncFile makes the copy private (it holds everyone's training log) and
// durable before it gets its name.
func syncFile(name string) error {
	if err := os.Chmod(name, 0o600); err != nil {
		return err
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// publish gives the finished copy tmp its name path, unless path exists.
func publish(tmp, path string) error {
	err := os.Link(tmp, path) // fails, atomically, if path exists
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("backup %s: %w", path, ErrBackupExists)
	}
	// A file system without hard links: rename, after one more look.
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup %s: %w", path, ErrBackupExists)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
