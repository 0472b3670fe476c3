package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// helpRequested is what parsing a subcommand's flags returns for -h or
// --help: run prints the subcommand's usage and exits 0, doing nothing else.
type helpRequested struct{ fs *flag.FlagSet }

func (h helpRequested) Error() string { return "help requested for " + h.fs.Name() }

// print writes the subcommand's usage and its flags to w.
func (h helpRequested) print(w io.Writer) {
	fmt.Fprintln(w, subcommandUsage(h.fs.Name()))
	n := 0
	h.fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	out := h.fs.Output()
	h.fs.SetOutput(w)
	h.fs.PrintDefaults()
	h.fs.SetOutput(out)
}

// subcommandUsage is the usage of one subcommand, for its -h.
func subcommandUsage(name string) string {
	switch name {
	case "chat":
		return "usage: spotter chat [--user NAME] [--db DSN]\n\nTalk to Spotter on this terminal: one message per line, each reply followed by a blank line."
	case "serve":
		return "usage: spotter serve [--db DSN] [flags]\n\nRun the configured platforms (TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN and DISCORD_APP_ID) and the daily polls, until SIGINT or SIGTERM."
	case "migrate":
		return "usage: spotter migrate [status] [--db DSN]\n\nCreate or upgrade the database schema (numbered migrations, and River's job tables).\nWith status: print the schema's version and its applied and pending migrations, changing nothing."
	case "import":
		return importUsage + "\n\nImport a Strong, Hevy, FitNotes or Liftosaur CSV export (or a Spotter export) into NAME's log."
	case "export":
		return exportUsage + "\n\nWrite NAME's sets, check-ins and deloads as CSV."
	case "version":
		return "usage: spotter version\n\nPrint the version, the commit it was built from and the Go version."
	}
	return usage
}

// versionText describes the build: the main module's version, the commit
// and its time when the build recorded them, and the Go version.
func versionText(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "spotter (no build information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	s := "spotter " + v
	var rev, at string
	modified := false
	for _, kv := range bi.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.time":
			at = kv.Value
		case "vcs.modified":
			modified = kv.Value == "true"
		}
	}
	if rev != "" {
		s += ", commit " + rev
		var notes []string
		if at != "" {
			notes = append(notes, at)
		}
		if modified {
			notes = append(notes, "with uncommitted changes")
		}
		if len(notes) > 0 {
			s += " (" + strings.Join(notes, ", ") + ")"
		}
	}
	return s + ", " + bi.GoVersion
}

// parseInterleaved parses flags that may come before or after the
// positional arguments ("import FILE --user ann" as well as
// "import --user ann FILE"); the standard flag package stops at the first
// positional one.
func parseInterleaved(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(stderr)
	fs.Usage = func() {} // -h is answered by run, on stdout; a mistake below, on stderr
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, helpRequested{fs}
			}
			helpRequested{fs}.print(stderr)
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
