package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// mustLog sends text to the bot on st as user, as a chat message would.
func mustLog(t testing.TB, b *bot.Bot, user, text string) {
	t.Helper()
	id := bot.Identity{Platform: "console", UserID: user, Name: user}
	if _, err := b.Handle(context.Background(), bot.Message{Identity: id, ChatID: user, Text: text, ReceivedAt: time.Now()}); err != nil {
		t.Fatalf("%s: %v", text, err)
	}
}

func mustSQL(t testing.TB, st *storage.Store) *sql.DB {
	t.Helper()
	db, err := st.SQL()
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// rowCounts counts the rows of every table in a SQLite database.
func rowCounts(t testing.TB, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, n := range names {
		var c int
		if err := db.QueryRow(fmt.Sprintf("SELECT COUNT(*) FROM %q", n)).Scan(&c); err != nil {
			t.Fatalf("count %s: %v", n, err)
		}
		out[n] = c
	}
	return out
}

// mustIntact fails unless SQLite finds the database whole and every
// foreign key pointing at a row.
func mustIntact(t testing.TB, db *sql.DB) {
	t.Helper()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Errorf("integrity_check: got %q (%v), want ok", res, err)
	}
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Errorf("foreign_key_check: a row points at nothing")
	}
}

func mustOpenCopy(t testing.TB, path string) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestBackupSQLite(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	b := bot.New(st)
	for _, text := range []string{"/log squat 100x5x3 rir2", "/log bench 80x8 rpe8", "/checkin sleep good rhr 55", "/log deadlift 140x3"} {
		mustLog(t, b, "ann", text)
	}
	mustLog(t, b, "bob", "/log squat 60x10")
	want := rowCounts(t, mustSQL(t, st))
	if want["sets"] < 5 || want["users"] != 2 || want["checkins"] != 1 {
		t.Fatalf("source: got %v, want at least 5 sets of 2 users and a check-in", want)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")
	if err := st.Backup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v (%v), want mode 0600", fi, err)
	}
	cp := mustOpenCopy(t, path)
	got := rowCounts(t, mustSQL(t, cp))
	if len(got) != len(want) {
		t.Errorf("backup has %d tables, source %d", len(got), len(want))
	}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("table %s: %d rows in the backup, want %d", name, got[name], n)
		}
	}
	mustIntact(t, mustSQL(t, cp))
	// The copy is a working Spotter database, history included.
	reply, err := bot.New(cp).Handle(context.Background(), bot.Message{Identity: bot.Identity{Platform: "console", UserID: "ann", Name: "ann"}, ChatID: "ann", Text: "/history squat", ReceivedAt: time.Now()})
	if err != nil || !strings.Contains(reply.Text, "100 kg") {
		t.Errorf("/history squat on the backup: got %q (%v), want ann's squats", reply.Text, err)
	}

	// A second backup to the same file is refused, and the first is untouched.
	before, _ := os.ReadFile(path)
	mustLog(t, b, "ann", "/log squat 105x5")
	if err := st.Backup(context.Background(), path); !errors.Is(err, storage.ErrBackupExists) {
		t.Errorf("backup onto an existing file: got %v, want ErrBackupExists", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("a refused backup changed the existing file")
	}
	// No temporary file is left behind (backup.db-wal and -shm are the
	// open copy's).
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if n := e.Name(); n != "backup.db" && n != "backup.db-wal" && n != "backup.db-shm" {
			t.Errorf("backup folder holds %s, want only backup.db", n)
		}
	}
}

// A backup taken while another process logs sets is a consistent snapshot:
// it opens, SQLite finds it whole, and every /log is in it entirely or not
// at all.
func TestBackupWhileWriting(t *testing.T) {
	path := storagetest.FreshDSN(t, storagetest.SQLite)
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The writer has its own connections, as `spotter serve` would while
	// `spotter backup` runs.
	writer, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	wb := bot.New(writer)
	for i := range 50 { // rows enough that a backup takes a moment
		mustLog(t, wb, fmt.Sprintf("u%d", i%20), "/log squat 100x5x3 rir2")
	}

	ctx, stop := context.WithCancel(context.Background())
	var logged atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ctx.Err() == nil; i++ {
			id := bot.Identity{Platform: "console", UserID: fmt.Sprintf("w%d", i%10), Name: "w"}
			if _, err := wb.Handle(context.Background(), bot.Message{Identity: id, ChatID: id.UserID, Text: "/log bench 80x5x3", ReceivedAt: time.Now()}); err != nil {
				t.Errorf("log while backing up: %v", err)
				return
			}
			logged.Add(1)
		}
	})
	dir := t.TempDir()
	var during int64 // logs finished while a backup ran
	// Five backups, more if no write landed during one yet (a slow machine).
	for i := 0; i < 5 || during == 0 && i < 30; i++ {
		for n := logged.Load(); logged.Load() < n+3; { // writes between backups
			time.Sleep(time.Millisecond)
		}
		p := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
		n := logged.Load()
		if err := st.Backup(context.Background(), p); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		during += logged.Load() - n
		cp := mustOpenCopy(t, p)
		db := mustSQL(t, cp)
		mustIntact(t, db)
		var sets, entries int
		if err := db.QueryRow("SELECT COUNT(*) FROM sets").Scan(&sets); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow("SELECT COUNT(*) FROM entries").Scan(&entries); err != nil {
			t.Fatal(err)
		}
		// Each /log stored one entry and its three sets in one transaction.
		if sets%3 != 0 || sets != 3*entries || sets < 150 {
			t.Errorf("backup %d: %d sets, %d entries: want 3 sets an entry, at least 150", i, sets, entries)
		}
	}
	stop()
	wg.Wait()
	t.Logf("%d logs in all, %d of them finished while a backup ran", logged.Load(), during)
	if during == 0 {
		t.Errorf("no log finished while a backup ran, want writes during the backups")
	}
}

func TestBackupIsForSQLiteOnly(t *testing.T) {
	if storagetest.PostgresDSN(t) == "" {
		t.Skip("SPOTTER_TEST_POSTGRES is empty")
	}
	st := storagetest.Open(t, storagetest.Postgres)
	path := filepath.Join(t.TempDir(), "pg.db")
	if err := st.Backup(context.Background(), path); err == nil || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("Backup on PostgreSQL: got %v, want an error naming pg_dump", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Backup on PostgreSQL left a file (%v)", err)
	}
}
