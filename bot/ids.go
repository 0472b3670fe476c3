package bot

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// IDHasher hides platform user ids in logs: HMAC-SHA256 of "platform:id"
// under a per-install key, cut to 16 hex digits. Without the key a hash
// cannot be turned back into an id (an unkeyed hash of a Telegram id can:
// there are only billions to try); with it, every replica of an install logs
// one user under one hash.
//
// The zero IDHasher uses a key drawn at random once per process: safe, but
// its hashes match no other process's. cmd/spotter gives every part the
// install's key (SPOTTER_LOG_KEY, else one kept in the database).
type IDHasher struct {
	key []byte
}

// NewIDHasher hashes under key; an empty key is the zero IDHasher's.
func NewIDHasher(key []byte) IDHasher { return IDHasher{key: bytes.Clone(key)} }

// processKey is the zero IDHasher's key: random, drawn once, never changed.
var processKey = sync.OnceValue(func() []byte {
	k := make([]byte, 32)
	rand.Read(k) // never fails (crypto/rand, Go 1.24+)
	return k
})

// Hash is id's log name: 16 hex digits.
func (h IDHasher) Hash(id Identity) string {
	key := h.key
	if len(key) == 0 {
		key = processKey()
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id.Platform + ":" + id.UserID))
	return hex.EncodeToString(m.Sum(nil)[:8])
}
