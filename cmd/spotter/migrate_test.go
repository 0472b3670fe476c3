package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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
	// The migrations as shipped (every helper adds its own: the list is read, not typed).
	entries, err := os.ReadDir(filepath.Join("..", "..", "storage", "migrations", "sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	var pending, applied strings.Builder
	last := ""
	for _, e := range entries {
		pending.WriteString("  pending  " + regexp.QuoteMeta(e.Name()) + "\n")
		applied.WriteString("  applied  " + regexp.QuoteMeta(e.Name()) + "  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\n")
		last = strings.TrimLeft(e.Name()[:5], "0")
	}
	n := len(entries)
	for _, step := range []struct {
		migrate bool
		want    string
	}{
		{false, fmt.Sprintf("^Schema \\(sqlite\\): version 0, %d pending; `spotter migrate` applies them.\n%s$", n, pending.String())},
		{false, fmt.Sprintf("version 0, %d pending", n)}, // status twice: still nothing applied
		{true, fmt.Sprintf("^Schema \\(sqlite\\): version %s, up to date.\n%s$", last, applied.String())},
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
