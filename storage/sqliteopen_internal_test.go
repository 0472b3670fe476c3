package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// A real SQLITE_FULL (the database may not grow: PRAGMA max_page_count)
// is explained as a full disk, with the path.
func TestExplainFullDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spotter.db")
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var pages int
	if err := st.db.Raw("PRAGMA page_count").Scan(&pages).Error; err != nil {
		t.Fatal(err)
	}
	if err := st.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)).Error; err != nil {
		t.Fatal(err)
	}
	err = st.db.Exec("CREATE TABLE big AS SELECT randomblob(100000) AS x").Error
	if err == nil {
		t.Fatal("a write past max_page_count: got no error")
	}
	got := explainSQLite(path, err).Error()
	if want := "sqlite " + path + ": the disk is full"; !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want it to start %q", got, want)
	}
}
