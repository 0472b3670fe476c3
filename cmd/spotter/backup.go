package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/spotterbot/spotter/storage"
)

const backupUsage = "usage: spotter backup [--db DSN] FILE"

// runBackup copies a SQLite database to FILE while Spotter may be running
// (storage.Store.Backup). For PostgreSQL it prints the pg_dump command that
// does the same and exits 0 without running it: pg_dump must match the
// server's version, which only the operator's machine knows.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	dsn := dbFlag(fs, getenv)
	files, err := parseInterleaved(fs, args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{backupUsage}
	}
	file := files[0]
	if err := refuseExisting(file); err != nil {
		return err
	}
	if storage.IsPostgres(*dsn) {
		cmd, dropped, err := pgDumpCommand(*dsn, file)
		if err != nil {
			return err
		}
		fmt.Fprintln(stderr, "spotter backup does not dump PostgreSQL itself. Run this (pg_dump of the server's major version); pg_restore reads the file:")
		if len(dropped) > 0 {
			fmt.Fprintf(stderr, "(left out of the URL, pg_dump does not take them: %s)\n", strings.Join(dropped, ", "))
		}
		fmt.Fprintln(stdout, cmd)
		return nil
	}
	if err := sqliteExists(*dsn); err != nil {
		return err
	}
	// Dial, not Open: a backup copies the database as it is; a newer
	// binary must not migrate a live database under the server running it.
	st, err := storage.Dial(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, file); err != nil {
		if errors.Is(err, storage.ErrBackupExists) {
			return refuseExisting(file)
		}
		return err
	}
	size := ""
	if fi, err := os.Stat(file); err == nil {
		size = fmt.Sprintf(" (%.1f MB)", float64(fi.Size())/(1<<20))
	}
	fmt.Fprintf(stdout, "Backed up %s to %s%s.\n", *dsn, file, size)
	return nil
}

// refuseExisting is an error when file exists: a backup never overwrites.
func refuseExisting(file string) error {
	_, err := os.Lstat(file)
	if err == nil {
		return fmt.Errorf("%s already exists; spotter backup never overwrites a file: choose a new name or move it away", file)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// sqliteExists is an error when dsn names no SQLite file: storage.Dial would
// create an empty database there, and back that up.
func sqliteExists(dsn string) error {
	path := strings.TrimPrefix(dsn, "sqlite://")
	if path == ":memory:" {
		return errors.New("an in-memory database has nothing to back up")
	}
	if strings.HasPrefix(path, "file:") {
		return nil // a URI: SQLite reads it
	}
	path, _, _ = strings.Cut(path, "?")
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no database to back up at %s (--db or SPOTTER_DB): %w", path, err)
	}
	return nil
}

// libpqParams are the URL query parameters pg_dump (libpq) accepts; pgx
// takes more (pool settings, run-time parameters) that libpq refuses.
var libpqParams = []string{
	"application_name", "channel_binding", "client_encoding", "connect_timeout", "dbname",
	"fallback_application_name", "gssdelegation", "gssencmode", "gsslib", "host", "hostaddr",
	"keepalives", "keepalives_count", "keepalives_idle", "keepalives_interval", "krbsrvname",
	"load_balance_hosts", "max_protocol_version", "min_protocol_version", "options", "passfile",
	"password", "port", "require_auth", "requirepeer", "service", "ssl_max_protocol_version",
	"ssl_min_protocol_version", "sslcert", "sslcertmode", "sslcompression", "sslcrl", "sslcrldir",
	"sslkey", "sslmode", "sslnegotiation", "sslpassword", "sslrootcert", "sslsni",
	"target_session_attrs", "tcp_user_timeout", "user",
}

// pgDumpCommand is the shell command line that dumps the database of dsn to
// file in pg_dump's custom format. A search_path becomes --schema (Spotter's
// and River's tables live there); other parameters libpq does not know are
// left out and returned in dropped.
func pgDumpCommand(dsn, file string) (cmd string, dropped []string, err error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, fmt.Errorf("database URL: %w", err)
	}
	args := []string{"pg_dump", "--format=custom", "--file=" + shellQuote(file)}
	q := u.Query()
	for _, k := range slices.Sorted(maps.Keys(q)) {
		if slices.Contains(libpqParams, k) {
			continue
		}
		if k == "search_path" {
			for _, s := range strings.Split(q.Get(k), ",") {
				if s = strings.TrimSpace(s); s != "" && s != "$user" {
					args = append(args, "--schema="+shellQuote(s))
				}
			}
		} else {
			dropped = append(dropped, k)
		}
		q.Del(k)
	}
	if len(args) > 3 || len(dropped) > 0 {
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	// Always quoted: a URL's ? and & mean something to a shell.
	return strings.Join(append(args, "'"+strings.ReplaceAll(dsn, "'", `'\''`)+"'"), " "), dropped, nil
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
