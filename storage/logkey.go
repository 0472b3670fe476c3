package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// install_settings (made by migration 1) holds a few values for the whole
// install, one row each. It is not among the models: it is not about users
// (/forget leaves it alone) and is not read through gorm models.

// logKeyName is the install_settings row of the log key.
const logKeyName = "log_key"

// LogKey returns the key that hides user ids in this install's logs (see
// bot.IDHasher): 32 random bytes made by the first call and kept, so every
// replica and every restart use the same. A database reader can read it;
// it keeps ids out of the logs, not out of the database.
func (s *Store) LogKey(ctx context.Context) ([]byte, error) {
	db := s.db.WithContext(ctx)
	read := func() (string, error) {
		var stored string
		err := db.Raw("SELECT value FROM install_settings WHERE name = ?", logKeyName).Scan(&stored).Error
		return stored, err
	}
	stored, err := read()
	if err == nil && stored == "" {
		// The first start of the install: the first replica's key wins; the
		// others read it back. Later starts only read.
		fresh := make([]byte, 32)
		rand.Read(fresh) // never fails (crypto/rand, Go 1.24+)
		if err = db.Exec("INSERT INTO install_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
			logKeyName, hex.EncodeToString(fresh)).Error; err == nil {
			stored, err = read()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("log key: %w", err)
	}
	key, err := hex.DecodeString(stored)
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("log key: install_settings holds no usable key (want 32 hex-encoded random bytes): delete its %q row to make a new one", logKeyName)
	}
	return key, nil
}
