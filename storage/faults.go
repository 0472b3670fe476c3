package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"modernc.org/sqlite"

	"github.com/spotterbot/spotter/bot"
)

// SQLite's primary result codes that mean the database, not the statement,
// failed (https://sqlite.org/rescode.html).
const (
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteFull     = 13
	sqliteCantOpen = 14
)

// Unavailable reports whether err says the database could not do the work
// at all (a lost connection, a lock or statement timeout, a full or
// read-only disk), as opposed to refusing this statement (a constraint, a
// bug in the SQL). Only the first kind goes away by waiting.
func Unavailable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch class := pe.Code[:2]; {
		case class == "08", // connection exception
			class == "53",      // insufficient resources: disk full, out of memory, too many connections
			class == "57",      // operator intervention: shutdown, query_canceled (statement_timeout)
			class == "58",      // system error: I/O
			class == "40",      // serialization failure, deadlock
			pe.Code == "55P03", // lock_not_available (lock_timeout)
			pe.Code == "25006": // read_only_sql_transaction (a standby)
			return true
		}
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqliteBusy, sqliteLocked, sqliteReadOnly, sqliteIOErr, sqliteFull, sqliteCantOpen:
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne), pgconn.Timeout(err),
		errors.Is(err, context.DeadlineExceeded), errors.Is(err, pgconn.ErrConnClosed),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return true
	}
	// database/sql's own error for a closed *sql.DB is not exported.
	return strings.Contains(err.Error(), "sql: database is closed")
}

// markFaults makes every statement gorm runs on db report a failure of
// the database itself with bot.ErrUnavailable (see fault), so that it is
// seen as such however far up it is returned: the bot's batches handle a
// message's failed statement inside a transaction that still commits.
func markFaults(db *gorm.DB) error {
	mark := func(db *gorm.DB) {
		if db.Error != nil {
			db.Error = fault(db.Error)
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Create().After("*").Register("spotter:faults", mark),
		cb.Query().After("*").Register("spotter:faults", mark),
		cb.Update().After("*").Register("spotter:faults", mark),
		cb.Delete().After("*").Register("spotter:faults", mark),
		cb.Row().After("*").Register("spotter:faults", mark),
		cb.Raw().After("*").Register("spotter:faults", mark),
	} {
		if err != nil {
			return fmt.Errorf("register the fault callback: %w", err)
		}
	}
	return nil
}

// fault wraps err with bot.ErrUnavailable when the database itself failed,
// so that callers can tell an outage (keep the work, try later) from a
// refusal.
func fault(err error) error {
	if err == nil || errors.Is(err, bot.ErrUnavailable) || !Unavailable(err) {
		return err
	}
	return fmt.Errorf("%w: %w", bot.ErrUnavailable, err)
}
