package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// `spotter migrate status` says what `spotter migrate` would do, and changes nothing.
func TestMigrateStatus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	status := func() string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{"migrate", "status", "--db", db}, env(nil), nil, &out, &errOut); err != nil {
			t.Fatalf("migrate status: %v (stderr %s)", err, errOut.String())
		}
		return out.String()
	}
	// The expected lines follow the migration files, so a new migration
	// needs no edit here.
	entries, err := os.ReadDir(filepath.Join("..", "..", "storage", "migrations", "sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	var pending, applied string
	last := ""
	for _, e := range entries {
		pending += "  pending  " + regexp.QuoteMeta(e.Name()) + "\n"
		applied += "  applied  " + regexp.QuoteMeta(e.Name()) + "  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\n"
		last = e.Name()
	}
	version := strings.TrimLeft(strings.SplitN(last, "_", 2)[0], "0")
	n := strconv.Itoa(len(entries))
	for _, step := range []struct {
		migrate bool
		want    string
	}{
		{false, "^Schema \\(sqlite\\): version 0, " + n + " pending; `spotter migrate` applies them.\n" + pending + "$"},
		{false, "version 0, " + n + " pending"}, // status twice: still nothing applied
		{true, "^Schema \\(sqlite\\): version " + version + ", up to date.\n" + applied + "$"},
	} {
		if step.migrate {
			var out, errOut bytes.Buffer
			if err := run(context.Background(), []string{"migrate", "--db", db}, env(nil), nil, &out, &errOut); err != nil {
				t.Fatalf("migrate: %v", err)
			}
		}
		if got := status(); !regexp.MustCompile(step.want).MatchString(got) {
			t.Errorf("got %q, want it to match %q", got, step.want)
		}
	}
}
