package storage_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// Replicas of one install, started at once, agree on one log key, and keep
// it across restarts; another install has another.
func TestLogKeyIsOnePerInstall(t *testing.T) {
	ctx := context.Background()
	for _, be := range storagetest.Backends(t) {
		t.Run(be.Name, func(t *testing.T) {
			dsn := storagetest.FreshDSN(t, be)
			const replicas = 4
			stores := make([]*storage.Store, replicas)
			keys := make([][]byte, replicas)
			errs := make([]error, replicas)
			// Replicas (PostgreSQL) start at once; an embedded SQLite file
			// is one process's, opened first.
			parallel := func(f func(i int)) {
				var wg sync.WaitGroup
				for i := range replicas {
					wg.Add(1)
					go func() { defer wg.Done(); f(i) }()
				}
				wg.Wait()
			}
			open := func(i int) {
				if stores[i], errs[i] = storage.Open(ctx, dsn); errs[i] == nil {
					t.Cleanup(func() { stores[i].Close() })
				}
			}
			if be.Name == "postgres" {
				parallel(open)
			} else {
				for i := range replicas {
					open(i)
				}
			}
			for i, err := range errs {
				if err != nil {
					t.Fatalf("open replica %d: %v", i, err)
				}
			}
			parallel(func(i int) { keys[i], errs[i] = stores[i].LogKey(ctx) })
			for i, err := range errs {
				if err != nil {
					t.Fatalf("replica %d: %v", i, err)
				}
			}
			if len(keys[0]) != 32 {
				t.Fatalf("key: got %d bytes, want 32", len(keys[0]))
			}
			for i, k := range keys {
				if !bytes.Equal(k, keys[0]) {
					t.Errorf("replica %d: got key %x, want replica 0's %x", i, k, keys[0])
				}
			}
			again, err := mustOpen(t, dsn).LogKey(ctx)
			if err != nil || !bytes.Equal(again, keys[0]) {
				t.Errorf("after a restart: got %x, %v; want %x", again, err, keys[0])
			}
			other, err := mustOpen(t, storagetest.FreshDSN(t, be)).LogKey(ctx)
			if err != nil || bytes.Equal(other, keys[0]) {
				t.Errorf("another install: got %x, %v; want a key of its own", other, err)
			}
		})
	}
}
