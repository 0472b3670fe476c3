package storage_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// legacyFixtures are databases made by gorm's AutoMigrate before numbered
// migrations: testdata/legacy/NAME.DIALECT.sql, each saying which code made it.
var legacyFixtures = []string{"main", "ce2b29e", "8290891"}

// A database made before numbered migrations upgrades in place: every row of
// every kept table is still there, experiments and the old indexes are gone,
// and the schema is the one a fresh database gets.
func TestMigrateUpgradesLegacyDatabases(t *testing.T) {
	for _, b := range storagetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			fresh := schemaOf(t, mustOpen(t, storagetest.FreshDSN(t, b)))
			for _, name := range legacyFixtures {
				t.Run(name, func(t *testing.T) {
					dsn := mustLegacy(t, b, name)
					old := mustDial(t, dsn)
					before := rowsOf(t, old)
					if len(before["experiments"]) == 0 {
						t.Fatalf("the fixture's experiments table has no rows, so the test proves nothing there")
					}
					if st := mustStatus(t, old); !st.Legacy || st.Version != 0 || len(st.Pending) != len(wantVersions(t))-1 {
						t.Errorf("status before: got %+v, want legacy, version 0, every migration pending", st)
					}
					old.Close()

					st := mustOpen(t, dsn)
					after := rowsOf(t, st)
					if _, ok := after["experiments"]; ok {
						t.Errorf("the experiments table is still there")
					}
					for table, rows := range before {
						if table != "experiments" {
							compareRows(t, table, rows, after[table])
						}
					}
					for _, idx := range []string{"idx_sets_import_key", "idx_inbox_pending"} {
						if st.HasIndex(idx) {
							t.Errorf("old index %s is still there", idx)
						}
					}
					compareLines(t, "upgraded", schemaOf(t, st), "fresh", fresh)
					want := wantVersions(t)
					if got := versionsOf(t, st); !slices.Equal(got, want) {
						t.Errorf("got versions %v, want %v", got, want)
					}
					if s := mustStatus(t, st); s.Legacy || strconv.FormatInt(s.Version, 10) != want[len(want)-1] || len(s.Pending) != 0 {
						t.Errorf("status after: got %+v, want version %s, nothing pending", s, want[len(want)-1])
					}

					// The upgraded database works through the models, the new
					// tables too, and starting again changes nothing.
					u := mustUser(t, st, alice)
					mustDo(t, st, func(tx bot.Tx) error { return tx.PutRange(u.ID, "squat", engine.RepRange{Lo: 3, Hi: 6}) })
					rows, schema := storagetest.Snapshot(t, st), schemaOf(t, st)
					again := mustOpen(t, dsn)
					if d := storagetest.Diff(rows, storagetest.Snapshot(t, again), 20); d != "" {
						t.Errorf("rows changed by a second start:\n%s", d)
					}
					compareLines(t, "first start", schema, "second start", schemaOf(t, again))
				})
			}
		})
	}
}

// mustLegacy returns the DSN of a fresh database of backend b holding the
// legacy fixture name, with three rows in every table (see fill).
func mustLegacy(t *testing.T, b storagetest.Backend, name string) string {
	t.Helper()
	dsn := storagetest.FreshDSN(t, b)
	st := mustDial(t, dsn)
	dump, err := os.ReadFile(filepath.Join("testdata", "legacy", name+"."+b.Name+".sql"))
	if err != nil {
		t.Fatal(err)
	}
	db := mustSQL(t, st)
	for _, stmt := range statements(string(dump)) {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("fixture %s: %v\n%s", name, err, stmt)
		}
	}
	fill(t, st)
	st.Close()
	return dsn
}

// statements splits a schema dump: comment lines dropped, each statement
// ending with ';' at the end of a line.
func statements(text string) []string {
	var out []string
	var cur strings.Builder
	for line := range strings.Lines(text) {
		if strings.HasPrefix(line, "--") {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	return out
}

type column struct {
	name, typ string
	nullable  bool
}

func columnsOf(t *testing.T, st *storage.Store, table string) []column {
	t.Helper()
	q := `SELECT name, type, "notnull" = 0 FROM pragma_table_info(?) ORDER BY cid`
	if st.Dialect() == "postgres" {
		q = `SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`
	}
	rows, err := mustSQL(t, st).Query(q, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ, &c.nullable); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// fill puts three rows in every Spotter table, each value made from its
// column's type and distinct per row (so unique indexes hold); the third row
// leaves every nullable column NULL.
func fill(t *testing.T, st *storage.Store) {
	t.Helper()
	db := mustSQL(t, st)
	for _, table := range spotterTables(t, st) {
		var names, marks []string
		var cols []column
		for _, c := range columnsOf(t, st, table) {
			if c.name == "id" {
				continue
			}
			cols = append(cols, c)
			names = append(names, c.name)
			marks = append(marks, fmt.Sprintf("$%d", len(names)))
			if st.Dialect() == "sqlite" {
				marks[len(marks)-1] = "?"
			}
		}
		q := "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(marks, ", ") + ")"
		for row := range 3 {
			args := make([]any, len(cols))
			for i, c := range cols {
				args[i] = valueFor(st.Dialect(), c, row, i)
			}
			if _, err := db.Exec(q, args...); err != nil {
				t.Fatalf("fill %s: %v", table, err)
			}
		}
	}
}

func valueFor(dialect string, c column, row, i int) any {
	if row == 2 && c.nullable {
		return nil
	}
	typ := strings.ToLower(c.typ)
	switch {
	case strings.Contains(typ, "int"):
		return int64(row*100 + i + 1)
	case typ == "boolean", dialect == "sqlite" && typ == "numeric": // gorm's SQLite booleans are numeric
		return row%2 == 1
	case typ == "real", typ == "numeric":
		return float64(row*100+i) + 0.25
	case strings.Contains(typ, "time"):
		return time.Date(2026, 11, 1+row, 12, i, 30, 123456000, time.UTC)
	}
	return fmt.Sprintf("%c%d", 'a'+i%26, row) // two characters fit every varchar, down to units' varchar(2)
}

// rowsOf reads every row of every Spotter table, in key order, each value as text.
func rowsOf(t *testing.T, st *storage.Store) map[string][]map[string]string {
	t.Helper()
	db := mustSQL(t, st)
	out := map[string][]map[string]string{}
	for _, table := range spotterTables(t, st) {
		rows, err := db.Query("SELECT * FROM " + table + " ORDER BY 1") // id, or install_settings' name
		if err != nil {
			t.Fatal(err)
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		out[table] = []map[string]string{}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			r := map[string]string{}
			for i, c := range cols {
				r[c] = text(vals[i])
			}
			out[table] = append(out[table], r)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}

// text is a value as rowsOf compares it: with its Go type, so a boolean
// turned number is a change too.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(v)
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprintf("%T %v", v, v)
}

// compareRows reports a row of before that is missing from after or changed
// in a column it had (after may have more columns).
func compareRows(t *testing.T, table string, before, after []map[string]string) {
	t.Helper()
	if len(after) != len(before) {
		t.Errorf("%s: got %d rows, want %d", table, len(after), len(before))
		return
	}
	for i, b := range before {
		for col, want := range b {
			if got, ok := after[i][col]; !ok || got != want {
				t.Errorf("%s row %d column %s: got %q, want %q", table, i+1, col, got, want)
			}
		}
	}
}
