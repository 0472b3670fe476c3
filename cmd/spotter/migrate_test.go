package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
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
	for _, step := range []struct {
		migrate bool
		want    string
	}{
		{false, "^Schema \\(sqlite\\): version 0, 3 pending; `spotter migrate` applies them.\n  pending  00001_schema.sql\n  pending  00002_inbox_kept_key.sql\n  pending  00003_plates.sql\n$"},
		{false, "version 0, 3 pending"}, // status twice: still nothing applied
		{true, "^Schema \\(sqlite\\): version 3, up to date.\n  applied  00001_schema.sql  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\n  applied  00002_inbox_kept_key.sql  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\n  applied  00003_plates.sql  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\n$"},
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
