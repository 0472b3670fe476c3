package storagetest

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/storage"
)

// Tables lists every table in the store's schema, as the database reports
// them (not the models Spotter knows of): a table added later, or one a
// library made, is listed too.
func Tables(t testing.TB, st *storage.Store) []string {
	t.Helper()
	db := mustSQL(t, st)
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`
	if st.Dialect() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("list tables: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatalf("list tables: %v", err)
		}
		out = append(out, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("list tables: %v", err)
	}
	return out
}

// Snapshot returns every row of every table of Tables, one string a row
// ("table: col=value col=value ..."), sorted: two snapshots are equal when
// nothing was written in between. Nothing is left out, so a test that runs
// River sees its bookkeeping change too.
func Snapshot(t testing.TB, st *storage.Store) []string {
	t.Helper()
	db := mustSQL(t, st)
	var out []string
	for _, table := range Tables(t, st) {
		rows, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatalf("snapshot %s: %v", table, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatalf("snapshot %s: %v", table, err)
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("snapshot %s: %v", table, err)
			}
			var b strings.Builder
			b.WriteString(table + ":")
			for i, c := range cols {
				b.WriteString(" " + c + "=" + show(vals[i]))
			}
			out = append(out, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("snapshot %s: %v", table, err)
		}
		rows.Close()
	}
	sort.Strings(out)
	return out
}

// Diff lists the rows only in before ("-") and only in after ("+"), at
// most max lines, for a failure message; "" when the snapshots are equal.
func Diff(before, after []string, max int) string {
	var lines []string
	i, j := 0, 0
	for (i < len(before) || j < len(after)) && len(lines) < max {
		switch {
		case j >= len(after) || (i < len(before) && before[i] < after[j]):
			lines = append(lines, "- "+before[i])
			i++
		case i >= len(before) || after[j] < before[i]:
			lines = append(lines, "+ "+after[j])
			j++
		default:
			i, j = i+1, j+1
		}
	}
	return strings.Join(lines, "\n")
}

func show(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return fmt.Sprintf("%q", x)
	case string:
		return fmt.Sprintf("%q", x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

func mustSQL(t testing.TB, st *storage.Store) *sql.DB {
	t.Helper()
	db, err := st.SQL()
	if err != nil {
		t.Fatalf("database handle: %v", err)
	}
	return db
}
