package storage_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// Helpers of the migration tests: a database's schema and rows, read from
// its own catalogue rather than from the models.

// mustDial connects to dsn without migrating; closed when the test ends.
func mustDial(t *testing.T, dsn string) *storage.Store {
	t.Helper()
	st, err := storage.Dial(ctx, dsn)
	if err != nil {
		t.Fatalf("dial %s: %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// spotterTables lists the database's tables but River's and goose's
// (storagetest.Tables leaves out SQLite's own).
func spotterTables(t *testing.T, st *storage.Store) []string {
	t.Helper()
	var out []string
	for _, tb := range storagetest.Tables(t, st) {
		if !strings.HasPrefix(tb, "river_") && tb != "goose_db_version" {
			out = append(out, tb)
		}
	}
	return out
}

func versionsOf(t *testing.T, st *storage.Store) []string {
	t.Helper()
	rows, err := mustSQL(t, st).Query("SELECT version_id FROM goose_db_version ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// compareLines reports the lines only one of two sorted descriptions has.
func compareLines(t *testing.T, aName string, a []string, bName string, b []string) {
	t.Helper()
	for _, l := range a {
		if !slices.Contains(b, l) {
			t.Errorf("only in %s: %s", aName, l)
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			t.Errorf("only in %s: %s", bName, l)
		}
	}
}

// schemaOf describes Spotter's schema from the database's own catalogue:
// describe of every table but River's, goose's and SQLite's own.
func schemaOf(t *testing.T, st *storage.Store) []string {
	t.Helper()
	return describe(t, st, spotterTables(t, st))
}

// describe gives one sorted line per table, column (in its position), index
// and constraint of the tables (and, on PostgreSQL, the schema's sequences
// but River's and goose's), so two schemas compare as lists.
func describe(t *testing.T, st *storage.Store, tables []string) []string {
	t.Helper()
	db := mustSQL(t, st)
	var out []string
	add := func(q string, args ...any) {
		t.Helper()
		rows, err := db.Query(q, args...)
		if err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]string, len(vals))
			for i, v := range vals {
				switch v := v.(type) {
				case nil:
					parts[i] = "NULL"
				case []byte:
					parts[i] = string(v)
				default:
					parts[i] = fmt.Sprint(v)
				}
			}
			out = append(out, strings.Join(parts, " | "))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if st.Dialect() == "sqlite" {
		for _, tb := range tables {
			out = append(out, "table "+tb)
			add(`SELECT 'column', ?, cid, name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`, tb, tb)
			add(`SELECT 'index', ?, l.name, l."unique", l.origin, l.partial,
				(SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno))
				FROM pragma_index_list(?) l`, tb, tb)
			// A partial index's condition, as written after WHERE.
			rows, err := db.Query(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`, tb)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var name, sqlText string
				if err := rows.Scan(&name, &sqlText); err != nil {
					t.Fatal(err)
				}
				if i := strings.LastIndex(strings.ToUpper(sqlText), " WHERE "); i >= 0 {
					cond := strings.NewReplacer("`", "", `"`, "").Replace(sqlText[i+len(" WHERE "):])
					out = append(out, "index "+name+" where "+strings.Join(strings.Fields(cond), " "))
				}
			}
			rows.Close()
		}
		slices.Sort(out)
		return out
	}
	var schema string
	if err := db.QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		out = append(out, "table "+tb)
		add(`SELECT 'column', table_name, ordinal_position, column_name, data_type, character_maximum_length,
			numeric_precision, is_nullable, replace(column_default, $2 || '.', '')
			FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, tb, schema)
		add(`SELECT 'index', tablename, indexname, replace(indexdef, ' ON ' || $2 || '.', ' ON ')
			FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, tb, schema)
		// NOT NULL shows as CHECK constraints named after oids; the columns say it.
		add(`SELECT 'constraint', table_name, constraint_name, constraint_type
			FROM information_schema.table_constraints
			WHERE table_schema = current_schema() AND table_name = $1 AND constraint_type <> 'CHECK'`, tb)
	}
	add(`SELECT 'sequence', sequence_name, data_type, start_value, increment, maximum_value
		FROM information_schema.sequences WHERE sequence_schema = current_schema()
		AND sequence_name NOT LIKE 'river\_%' AND sequence_name NOT LIKE 'goose\_%'`)
	slices.Sort(out)
	return out
}
