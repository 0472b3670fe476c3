package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"gorm.io/gorm"
)

// install_settings holds a few values for the whole install, one row each.
// It is created here rather than among the models: it is not about users
// (/forget leaves it alone) and is not read through gorm models.
const createInstallSettings = `CREATE TABLE IF NOT EXISTS install_settings (
	name VARCHAR(64) PRIMARY KEY,
	value TEXT NOT NULL
)`

// createInstallSettingsTable creates install_settings when it is missing.
// On PostgreSQL replicas starting at once take turns: two concurrent
// CREATE TABLE IF NOT EXISTS can both try to create it.
func (s *Store) createInstallSettingsTable(ctx context.Context) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if s.dialect == "postgres" {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtext('spotter install_settings ' || current_schema()))").Error; err != nil {
				return err
			}
		}
		return tx.Exec(createInstallSettings).Error
	})
	if err != nil {
		return fmt.Errorf("create install_settings: %w", err)
	}
	return nil
}

// logKeyName is the install_settings row of the log key.
const logKeyName = "log_key"

// LogKey returns the key that hides user ids in this install's logs (see
// bot.IDHasher): 32 random bytes made by the first call and kept, so every
// replica and every restart use the same. A database reader can read it;
// it keeps ids out of the logs, not out of the database.
func (s *Store) LogKey(ctx context.Context) ([]byte, error) {
	fresh := make([]byte, 32)
	rand.Read(fresh) // never fails (crypto/rand, Go 1.24+)
	db := s.db.WithContext(ctx)
	// The first replica's key wins; the others read it back.
	if err := db.Exec("INSERT INTO install_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
		logKeyName, hex.EncodeToString(fresh)).Error; err != nil {
		return nil, fmt.Errorf("log key: %w", err)
	}
	var stored string
	if err := db.Raw("SELECT value FROM install_settings WHERE name = ?", logKeyName).Scan(&stored).Error; err != nil {
		return nil, fmt.Errorf("log key: %w", err)
	}
	key, err := hex.DecodeString(stored)
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("log key: install_settings holds no usable key (want 32 hex-encoded random bytes): delete its %q row to make a new one", logKeyName)
	}
	return key, nil
}
