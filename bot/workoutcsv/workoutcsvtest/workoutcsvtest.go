// Package workoutcsvtest finds the real app exports the import tests read.
// Only tests import it, so the testing package stays out of the binary.
package workoutcsvtest

import (
	"os"
	"path/filepath"
	"testing"
)

// ImportsDir finds the real app exports in shared/data/imports (they carry
// no licence, so they stay outside the repository): $SPOTTER_IMPORTS_DIR, or
// the first shared/data/imports found walking up from the working directory.
// Without them the test is skipped, or fails when CI=true, so CI can never
// pass without having read them.
func ImportsDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("SPOTTER_IMPORTS_DIR"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		cand := filepath.Join(dir, "shared", "data", "imports")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("shared/data/imports not found; set SPOTTER_IMPORTS_DIR")
	}
	t.Skip("shared/data/imports not found; set SPOTTER_IMPORTS_DIR")
	return ""
}
