package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// -h and --help print the subcommand's usage on stdout and do nothing
// else: no chat read from stdin, no database created.
func TestSubcommandHelp(t *testing.T) {
	dir := t.TempDir()
	getenv := env(map[string]string{"XDG_DATA_HOME": dir, "USER": "tester", "TELEGRAM_BOT_TOKEN": "123:abc"})
	for _, args := range [][]string{
		{"chat", "--help"}, {"chat", "-h"}, {"chat", "--user", "ann", "-help"},
		{"serve", "-h"}, {"migrate", "--help"},
		{"import", "--help"}, {"import", "x.csv", "--user", "ann", "-h"}, {"export", "-h"},
		{"version", "--help"}, {"help", "chat"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, getenv, strings.NewReader("/log squat 100x5\n"), &out, &errOut)
		if err != nil {
			t.Errorf("run %v: got %v, want nil (exit 0)", args, err)
		}
		name := args[0]
		if name == "help" {
			name = args[1]
		}
		if want := "usage: spotter " + name; !strings.HasPrefix(out.String(), want) {
			t.Errorf("run %v: printed %q, want it to start with %q", args, out.String(), want)
		}
		if strings.Contains(out.String(), "Logged") || errOut.Len() != 0 {
			t.Errorf("run %v: printed %q and %q on stderr, want the usage alone", args, out.String(), errOut.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "spotter")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after the help: %v, want no database folder", err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"chat", "--help"}, getenv, nil, &out, &out); err != nil || !strings.Contains(out.String(), "-user") {
		t.Errorf("chat --help: %v, %q; want the flags listed", err, out.String())
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), args, env(nil), nil, &out, &errOut); err != nil {
			t.Fatalf("run %v: %v", args, err)
		}
		if got := out.String(); !strings.HasPrefix(got, "spotter ") || !strings.HasSuffix(got, runtime.Version()+"\n") {
			t.Errorf("run %v: printed %q, want spotter VERSION ... %s", args, got, runtime.Version())
		}
	}
	bi := func(version string, settings ...debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/spotterbot/spotter", Version: version}, Settings: settings}
	}
	rev := debug.BuildSetting{Key: "vcs.revision", Value: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a"}
	at := debug.BuildSetting{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}
	tests := []struct {
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{bi("v1.4.0"), true, "spotter v1.4.0, go1.26.8"},
		{bi("(devel)", rev, at), true, "spotter (devel), commit 3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a (2026-12-01T10:00:00Z), go1.26.8"},
		{bi("", rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"}), true, "spotter (devel), commit 3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a (with uncommitted changes), go1.26.8"},
		{nil, false, "spotter (no build information)"},
	}
	for _, tt := range tests {
		if got := versionText(tt.bi, tt.ok); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// Exporting (or undoing the import of) a user nobody chatted or imported
// as fails, and makes no such user.
func TestUnknownUser(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if _, _, err := spotter(t, "/log squat 100x5\n", "chat", "--user", "ann", "--db", db); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"export", "--user", "nobody", "--db", db},
		{"export", "--user", "nobody", "--db", db}, // still nobody: the first made none
		{"import", "--undo-last", "--user", "nobody", "--db", db},
	} {
		out, _, err := spotter(t, "", args...)
		var u usageError
		if err == nil || errors.As(err, &u) || !strings.Contains(err.Error(), "no user nobody") {
			t.Errorf("run %v: got %v, want an error (exit 1) saying no user nobody", args, err)
		}
		if out != "" {
			t.Errorf("run %v: printed %q, want nothing", args, out)
		}
	}
	if out, _, err := spotter(t, "", "export", "--user", "ann", "--db", db); err != nil || !strings.Contains(out, "record,date,lift") {
		t.Errorf("export ann: %v, %q", err, out)
	}
}

// An unknown subcommand is a usage error (exit 2) that shows the usage.
func TestUnknownSubcommand(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"fly"}, env(nil), nil, &out, &errOut)
	var u usageError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), `unknown command "fly"`) || !strings.Contains(err.Error(), "Usage:\n  spotter chat") {
		t.Errorf("got %v, want a usage error naming fly and showing the usage", err)
	}
	if out.Len() != 0 {
		t.Errorf("printed %q on stdout, want nothing", out.String())
	}
}
