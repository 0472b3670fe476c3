package storage_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// The schema the migrations make must be the one the gorm models describe:
// queries are written against the models, and before numbered migrations
// AutoMigrate made the schema from them. A migration without the matching
// model change, or the reverse, fails here.
func TestMigrationsMatchModels(t *testing.T) {
	// Tables with no model, written with plain SQL.
	notModels := []string{"install_settings"}
	for _, b := range storagetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			migrated := mustOpen(t, storagetest.FreshDSN(t, b))
			auto := mustDial(t, storagetest.FreshDSN(t, b))
			if err := auto.AutoMigrateModels(ctx); err != nil {
				t.Fatalf("automigrate: %v", err)
			}
			tables := slices.DeleteFunc(spotterTables(t, migrated), func(tb string) bool { return slices.Contains(notModels, tb) })
			compareLines(t, "migrations", describe(t, migrated, tables), "models", schemaOf(t, auto))
			for _, tb := range notModels {
				if !slices.Contains(spotterTables(t, migrated), tb) {
					t.Errorf("the migrations made no table %s", tb)
				}
			}
		})
	}
}

// Both dialects have the same numbered files, so a version means one change.
func TestMigrationFoldersMatch(t *testing.T) {
	names := func(dir string) []string {
		entries, err := os.ReadDir(filepath.Join("migrations", dir))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	sqlite, postgres := names("sqlite"), names("postgres")
	if !slices.Equal(sqlite, postgres) {
		t.Errorf("got sqlite migrations %v and postgres %v, want the same files", sqlite, postgres)
	}
	if len(sqlite) == 0 || sqlite[0] != "00001_schema.sql" {
		t.Errorf("got migrations %v, want them to start at 00001_schema.sql", sqlite)
	}
}

// Migrating a migrated database changes nothing: not the schema, not a row
// of any table (goose's record included).
func TestMigrateTwiceChangesNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		seed(t, st, "ann")
		schema, rows := schemaOf(t, st), storagetest.Snapshot(t, st)
		if err := st.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		compareLines(t, "first", schema, "second", schemaOf(t, st))
		if d := storagetest.Diff(rows, storagetest.Snapshot(t, st), 20); d != "" {
			t.Errorf("rows changed by a second migrate:\n%s", d)
		}
		if got, want := versionsOf(t, st), wantVersions(t); !slices.Equal(got, want) {
			t.Errorf("got versions %v, want %v", got, want)
		}
	})
}

// wantVersions is goose's record after every migration: version 0 (goose's
// own) and one row per migration file, as status lists them pending on an
// empty database.
func wantVersions(t *testing.T) []string {
	t.Helper()
	out := []string{"0"}
	for _, m := range allMigrations(t) {
		out = append(out, strconv.FormatInt(m.Version, 10))
	}
	return out
}

// allMigrations lists the embedded migrations, oldest first.
func allMigrations(t *testing.T) []storage.Migration {
	t.Helper()
	return mustStatus(t, mustDial(t, storagetest.FreshDSN(t, storagetest.Backend{Name: "sqlite"}))).Pending
}

// SchemaStatus reads where the schema stands and changes nothing: an empty
// database stays empty; a migrated one lists its migrations, also one a
// newer Spotter applied.
func TestSchemaStatus(t *testing.T) {
	for _, b := range storagetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			dsn := storagetest.FreshDSN(t, b)
			st := mustDial(t, dsn)
			s := mustStatus(t, st)
			all := allMigrations(t)
			if s.Legacy || s.Version != 0 || len(s.Applied) != 0 || len(s.Pending) != len(all) || s.Pending[0].Name != "00001_schema.sql" {
				t.Errorf("empty: got %+v, want version 0 and every migration from 00001_schema.sql pending", s)
			}
			if tables := storagetest.Tables(t, st); len(tables) != 0 {
				t.Errorf("status made tables %v, want none", tables)
			}

			st = mustOpen(t, dsn)
			s = mustStatus(t, st)
			latest := all[len(all)-1].Version
			if s.Legacy || s.Version != latest || len(s.Pending) != 0 || len(s.Applied) != len(all) || s.Applied[0].Name != "00001_schema.sql" || s.Applied[0].AppliedAt.IsZero() {
				t.Errorf("migrated: got %+v, want version %d, every migration from 00001_schema.sql applied with its time", s, latest)
			}

			newer := latest + 1
			if _, err := mustSQL(t, st).Exec(fmt.Sprintf("INSERT INTO goose_db_version (version_id, is_applied) VALUES (%d, true)", newer)); err != nil {
				t.Fatal(err)
			}
			s = mustStatus(t, st)
			if s.Version != newer || len(s.Applied) != len(all)+1 || s.Applied[len(all)].Version != newer || s.Applied[len(all)].Name != "" {
				t.Errorf("newer: got %+v, want version %d, applied by a newer Spotter (no file name)", s, newer)
			}
		})
	}
}

// Replicas starting together all migrate the same PostgreSQL schema, empty
// or made before numbered migrations; they take turns, every one of them
// starts, and each migration is applied once.
func TestConcurrentMigrationsOnPostgres(t *testing.T) {
	if storagetest.PostgresDSN(t) == "" {
		t.Skip("SPOTTER_TEST_POSTGRES is not set (CI sets it)")
	}
	for _, start := range []string{"empty", "legacy"} {
		t.Run(start, func(t *testing.T) {
			dsn := storagetest.FreshDSN(t, storagetest.Postgres)
			if start == "legacy" {
				dsn = mustLegacy(t, storagetest.Postgres, "main")
			}
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					st, err := storage.Open(ctx, dsn)
					if err != nil {
						t.Errorf("a replica's start: %v", err)
						return
					}
					st.Close()
				})
			}
			wg.Wait()
			if got, want := versionsOf(t, mustDial(t, dsn)), wantVersions(t); !slices.Equal(got, want) {
				t.Errorf("got versions %v, want %v: each migration once", got, want)
			}
		})
	}
}

func mustStatus(t *testing.T, st *storage.Store) storage.SchemaStatus {
	t.Helper()
	s, err := st.SchemaStatus(ctx)
	if err != nil {
		t.Fatalf("schema status: %v", err)
	}
	return s
}
