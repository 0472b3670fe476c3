package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// gormLog reports failed and slow statements to slog's default logger by
// where storage runs them (file:line) and their verb, never by their text:
// gorm's text has the values written in (a user's words, a platform id, a
// whole raw update for an inbox row), also with its ParameterizedQueries
// option on the path Raw(...).Scan takes. The caller's error, which it logs
// or returns, says what went wrong.
type gormLog struct {
	level logger.LogLevel
	slow  time.Duration
}

var _ logger.Interface = gormLog{}

func (l gormLog) LogMode(level logger.LogLevel) logger.Interface { l.level = level; return l }

// Info, Warn and Error carry gorm's own messages (set-up, callbacks,
// schema defaults), not statements.
func (l gormLog) Info(ctx context.Context, msg string, args ...any) {
	if l.level >= logger.Info {
		slog.InfoContext(ctx, "database: "+strings.TrimSpace(fmt.Sprintf(msg, args...)))
	}
}

func (l gormLog) Warn(ctx context.Context, msg string, args ...any) {
	if l.level >= logger.Warn {
		slog.WarnContext(ctx, "database: "+strings.TrimSpace(fmt.Sprintf(msg, args...)))
	}
}

func (l gormLog) Error(ctx context.Context, msg string, args ...any) {
	if l.level >= logger.Error {
		slog.ErrorContext(ctx, "database: "+strings.TrimSpace(fmt.Sprintf(msg, args...)))
	}
}

func (l gormLog) Trace(ctx context.Context, begin time.Time, fc func() (sql string, rows int64), err error) {
	elapsed := time.Since(begin)
	switch {
	case l.level <= logger.Silent:
	case err != nil && l.level >= logger.Error && !errors.Is(err, gorm.ErrRecordNotFound):
		sql, _ := fc()
		slog.WarnContext(ctx, "database statement failed", "at", caller(), "statement", verb(sql), "elapsed", elapsed, "err", err)
	case l.slow > 0 && elapsed > l.slow && l.level >= logger.Warn:
		sql, rows := fc()
		slog.WarnContext(ctx, "slow database statement", "at", caller(), "statement", verb(sql), "elapsed", elapsed, "rows", rows)
	}
}

// caller is the line outside gorm that ran the statement, as "storage/inbox.go:57".
func caller() string {
	pcs := make([]uintptr, 16)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.Contains(f.File, "/gorm.io/") {
			dir, file := filepath.Split(f.File)
			return fmt.Sprintf("%s:%d", filepath.Join(filepath.Base(dir), file), f.Line)
		}
		if !more {
			return ""
		}
	}
}

// verb is a statement's first word (SELECT, INSERT, ...): a keyword, never a value.
func verb(sql string) string {
	w, _, _ := strings.Cut(strings.TrimSpace(sql), " ")
	if strings.IndexFunc(w, func(r rune) bool { return (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') }) >= 0 {
		return ""
	}
	return strings.ToUpper(w)
}
