package storage_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/storage"
)

// readOnly makes path read-only for this process until the test ends:
// by its permission bits, or for root, whom those do not stop, by the
// immutable attribute (chattr +i), which stops root too. It skips the test
// where neither works.
func readOnly(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, fi.Mode().Perm()&^0o222); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, fi.Mode().Perm()) })
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("root, and chattr +i %s fails (%v: %s): no way to make a file read-only here", path, err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

// A database that cannot be written fails the start with the reason and
// the file or folder at fault, not "unable to open database file (14)".
func TestOpenReadOnlySQLite(t *testing.T) {
	for _, tc := range []struct {
		name   string
		target func(dir, db string) string
		want   string
	}{
		{"file", func(dir, db string) string { return db }, "the file %s is read-only"},
		{"folder", func(dir, db string) string { return dir }, "the folder %s is read-only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "spotter.db")
			mustOpen(t, db).Close()
			target := tc.target(dir, db)
			readOnly(t, target)
			st, err := storage.Open(context.Background(), db)
			if err == nil {
				st.Close()
				t.Fatalf("open with the %s read-only: got no error", tc.name)
			}
			t.Log(err)
			if want := strings.Replace(tc.want, "%s", target, 1); !strings.Contains(err.Error(), want) {
				t.Errorf("open with the %s read-only: got %q, want it to say %q", tc.name, err, want)
			}
		})
	}
	t.Run("mode=ro", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "spotter.db")
		mustOpen(t, db).Close()
		_, err := storage.Open(context.Background(), "file:"+db+"?mode=ro")
		t.Log(err)
		if err == nil || !strings.Contains(err.Error(), "sqlite "+db+": the database is open read-only") {
			t.Errorf("open with mode=ro: got %v, want it called read-only, with the path", err)
		}
	})
}
