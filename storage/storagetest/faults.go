package storagetest

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/storage"
)

// FillDisk makes a SQLite store's disk full, as far as SQLite can tell:
// the database may grow no more (PRAGMA max_page_count, on the store's one
// connection) and the free room in its pages is taken by a junk table, so
// a write that needs a page fails with SQLITE_FULL, as on a full disk. The
// returned free gives the room back.
func FillDisk(t testing.TB, st *storage.Store) (free func()) {
	t.Helper()
	if st.Dialect() != "sqlite" {
		t.Fatalf("FillDisk: a %s store; it fills SQLite only", st.Dialect())
	}
	db, err := st.SQL()
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, "CREATE TABLE IF NOT EXISTS zz_fill (x BLOB)")
	var pages int
	if err := db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, "PRAGMA max_page_count = "+strconv.Itoa(pages))
	for _, size := range []int{2000, 200, 20, 1} {
		for i := 0; i < 10000; i++ {
			if _, err := db.Exec("INSERT INTO zz_fill VALUES (randomblob(?))", size); err != nil {
				if !strings.Contains(err.Error(), "full") {
					t.Fatalf("fill the disk: %v", err)
				}
				break
			}
		}
	}
	return func() {
		mustExec(t, db, "PRAGMA max_page_count = 1073741823")
		mustExec(t, db, "DROP TABLE zz_fill")
	}
}

// LockTable holds an ACCESS EXCLUSIVE lock on a PostgreSQL table of the
// database dsn names (its search_path included) from a connection of its
// own, until the returned release is called or the test ends: every
// statement touching the table waits, and fails when the waiter has a
// lock_timeout (see WithLockTimeout).
func LockTable(t testing.TB, dsn, table string) (release func()) {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	if _, err := tx.Exec("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE"); err != nil {
		tx.Rollback()
		db.Close()
		t.Fatalf("lock %s: %v", table, err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			tx.Rollback()
			db.Close()
		}
	}
	t.Cleanup(release)
	return release
}

// WithLockTimeout returns a PostgreSQL dsn whose sessions give up waiting
// for a lock after d (SQLSTATE 55P03), instead of waiting as long as the
// lock is held.
func WithLockTimeout(dsn string, d time.Duration) string {
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "lock_timeout=" + strconv.Itoa(int(d/time.Millisecond))
}

func mustExec(t testing.TB, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
