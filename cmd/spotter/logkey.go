package main

import (
	"context"
	"encoding/hex"
	"errors"

	"github.com/spotterbot/spotter/storage"
)

// logKey is the key under which logs name users (bot.IDHasher):
// SPOTTER_LOG_KEY when set, else the install's own, made once and kept in
// the database, so every replica of the install agrees.
func logKey(ctx context.Context, getenv func(string) string, st *storage.Store) ([]byte, error) {
	if v := getenv("SPOTTER_LOG_KEY"); v != "" {
		return parseLogKey(v)
	}
	return st.LogKey(ctx)
}

// minLogKey is the shortest key taken: 128 bits.
const minLogKey = 16

// parseLogKey reads SPOTTER_LOG_KEY: hex digits are decoded, anything else
// is taken as it is. The error never repeats the key.
func parseLogKey(v string) ([]byte, error) {
	key := []byte(v)
	if k, err := hex.DecodeString(v); err == nil {
		key = k
	}
	if len(key) < minLogKey {
		return nil, errors.New("SPOTTER_LOG_KEY is too short: give 32 or more hex digits (e.g. from `openssl rand -hex 32`) or a passphrase of 16 or more characters")
	}
	return key, nil
}
